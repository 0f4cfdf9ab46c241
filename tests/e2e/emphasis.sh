#!/bin/sh
# tests/e2e/emphasis.sh: *emphasis* is visible everywhere (README "The deck
# format"; each template's emphasis:), read back with mutool trace (the font
# and the fill colour of every glyph drawn).
#   TEMPLATE/hei    in the answer (Hei), emphasised hanzi and Latin words are in
#                   the emphasis face (LXGW WenKai; Noto Serif CJK for noto),
#                   the text around them in the answer's faces
#   TEMPLATE/kai    in the analysis (already Kai), they keep the analysis's faces
#                   and are drawn in the template's emphasis colour (accent),
#                   the text around them in its text2
#   for default, dark, print and noto; and
#   italic          a template whose emphasis: names a Latin role (DejaVu Sans
#                   Oblique) sets emphasised Latin words in it, on Hei and Kai
#   bold            emphasis: {bold: true} sets Kai emphasis in the Kai bold face
#   bad-role        an emphasis: naming an unknown role is an error at its line
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=emphasis
need_dp "$T" || exit 0
need_tools "$T" mutool "$PY" || exit 0
tmp=$(dp_tmpdir)

cat >"$tmp/em.yaml" <<'YAML'
title: 强调
sections:
  - title: 节
    items:
      - question: 强调在哪里都看得见？
        answer: |
          答案是黑体：这里有*强调的汉字*，也有 *emphasised Latin words* 和普通的 plain 字。
        analysis: |
          解析是楷体：这里有*强调的汉字*，也有 *emphasised Latin words* 和普通的 plain 字。
YAML

# glyphs TEMPLATE_OR_PATH OUT: "font colour char" for every glyph on the item's slide
glyphs() {
    "$DP" slides "$tmp/em.yaml" --template "$1" -o "$tmp/$2.pdf" >/dev/null 2>"$tmp/$2.err" || return 1
    mutool trace "$tmp/$2.pdf" 4 >"$tmp/$2.trace" 2>/dev/null
}

for t in default dark print noto; do
    if ! glyphs "$t" "$t"; then
        fail "$T/$t" "build failed: $(head -c 300 "$tmp/$t.err")"
        continue
    fi
done

cp templates/default.yaml "$tmp/italic.yaml"
"$PY" - "$tmp/italic.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('  fallback: ["DejaVu Sans"]', '  fallback: ["DejaVu Sans"]\n  latin_italic: ["DejaVu Sans:style=Oblique"]', 1)
s = s.replace("emphasis: {font: kai, color: accent}", "emphasis: {font: kai, latin: latin_italic, color: accent}", 1)
open(p, "w", encoding="utf-8").write(s)
open(p.replace("italic", "bold"), "w", encoding="utf-8").write(
    s.replace("latin: latin_italic, color: accent", "bold: true"))
open(p.replace("italic", "badrole"), "w", encoding="utf-8").write(
    s.replace("latin: latin_italic", "latin: latin_itallic"))
PY
glyphs "$tmp/italic.yaml" italic || fail "$T/italic" "build failed: $(head -c 300 "$tmp/italic.err")"
glyphs "$tmp/bold.yaml" bold || fail "$T/bold" "build failed: $(head -c 300 "$tmp/bold.err")"

"$PY" - "$tmp" >"$tmp/out" <<'PY'
import re, sys, yaml
d = sys.argv[1]
def ok(n, m=""): print("PASS emphasis/" + n)
def bad(n, m): print("FAIL emphasis/%s: %s" % (n, m))

def parse(name):
    """(font, colour, char) of every glyph, in drawing order."""
    out, font, colour = [], None, None
    try:
        lines = open("%s/%s.trace" % (d, name), encoding="utf-8").read().splitlines()
    except OSError:
        return None
    for l in lines:
        m = re.search(r'<fill_text .*color="([^"]*)"', l)
        if m:
            colour = tuple(round(float(x) * 255) for x in m.group(1).split())
        m = re.search(r'<span font="[A-Z]{6}\+([^"]*)"', l)
        if m:
            font = m.group(1)
        m = re.search(r'<g unicode="([^"]*)"', l)
        if m:
            out.append((font, colour, m.group(1)))
    return out

def find(gl, text, nth):
    """The glyphs of the nth (0, 1) occurrence of text."""
    s = "".join(c for _, _, c in gl)
    at = -1
    for _ in range(nth + 1):
        at = s.find(text, at + 1)
        if at < 0:
            return None
    return gl[at:at + len(text)]

def rgb(hexs):
    h = hexs.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))

def check(name, tname, em_face, latin_em_face=None, kai_em_color=True):
    gl = parse(name)
    if not gl:
        bad(name, "no glyphs traced")
        return
    pal = yaml.safe_load(open("templates/%s.yaml" % tname, encoding="utf-8"))["colors"]
    # the answer (Hei): the emphasis face; the analysis (Kai): the colour
    han_a, lat_a = find(gl, "强调的汉字", 0), find(gl, "emphasised", 0)
    plain_a = find(gl, "普通的", 0)
    han_k, lat_k = find(gl, "强调的汉字", 1), find(gl, "emphasised", 1)
    plain_k, plainw_k = find(gl, "普通的", 1), find(gl, "plain", 1)
    if None in (han_a, lat_a, plain_a, han_k, lat_k, plain_k, plainw_k):
        bad(name, "text missing from the trace")
        return
    problems = []
    fonts = lambda g: {f for f, _, _ in g}
    colours = lambda g: {c for _, c, _ in g}
    if not all(em_face in f for f in fonts(han_a)):
        problems.append("answer hanzi in %s, want %s" % (fonts(han_a), em_face))
    want_lat = latin_em_face or em_face
    if not all(want_lat in f for f in fonts(lat_a)):
        problems.append("answer Latin in %s, want %s" % (fonts(lat_a), want_lat))
    if any(em_face in f for f in fonts(plain_a)):
        problems.append("plain answer text in the emphasis face %s" % fonts(plain_a))
    if fonts(han_k) != fonts(plain_k):
        problems.append("analysis hanzi changed face: %s vs %s" % (fonts(han_k), fonts(plain_k)))
    if latin_em_face:
        if not all(latin_em_face in f for f in fonts(lat_k)):
            problems.append("analysis Latin in %s, want %s" % (fonts(lat_k), latin_em_face))
    elif fonts(lat_k) != fonts(plainw_k):
        problems.append("analysis Latin changed face: %s vs %s" % (fonts(lat_k), fonts(plainw_k)))
    if kai_em_color:
        want = rgb(pal["accent"])
        if colours(han_k) != {want} or colours(lat_k) != {want}:
            problems.append("analysis emphasis colours %s %s, want accent %s" % (colours(han_k), colours(lat_k), want))
        if colours(plain_k) != {rgb(pal["text2"])}:
            problems.append("plain analysis colour %s, want text2" % colours(plain_k))
    return problems

for t in ("default", "dark", "print", "noto"):
    face = "NotoSerifCJK" if t == "noto" else "WenKai"
    p = check(t, t, face)
    if p is not None:
        (ok if not p else bad)(t, "; ".join(p))
p = check("italic", "default", "WenKai", latin_em_face="DejaVuSans-Oblique")
if p is not None:
    (ok if not p else bad)("italic", "; ".join(p))
gl = parse("bold")
if gl:
    han_k = find(gl, "强调的汉字", 1)
    fonts = {f for f, _, _ in han_k} if han_k else set()
    (ok if fonts and all("WenKai-Bold" in f for f in fonts) else bad)("bold", "analysis emphasis in %s" % fonts)
PY
record_lines "$tmp/out"

dp_run "$tmp/c" "$DP" check "$tmp/em.yaml" --template "$tmp/badrole.yaml"
line=$(grep -n 'latin_itallic' "$tmp/badrole.yaml" | cut -d: -f1)
if [ "$rc" -ne 0 ] && grep -q "badrole.yaml:$line:[0-9]*: error: unknown font role \"latin_itallic\"; did you mean \"latin_italic\"" "$tmp/c/err"; then
    pass "$T/bad-role"
else
    fail "$T/bad-role" "status $rc: $(head -c 300 "$tmp/c/err")"
fi
