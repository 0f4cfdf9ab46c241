#!/bin/sh
# Geometry lives in the template (issue 13 point 1): a copy of
# templates/default.yaml with other margins, grid, rail, question top, QR tile
# and title position moves the slides' frames where its numbers say, read back
# from the display list and from the PDF (pdftotext -bbox), a baseline grid
# puts the Q&A body on its lines, and the layout
# invariants (tests/e2e/invariants.py) still hold for every kind of slide.
# Its handout: section moves the booklet's margin, rail and body size and the
# N-up sheets' side margin the same way.
#   geometry/moves/*      positions expected from the template's numbers; a Q&A
#                         column under 10 em or a grid too wide is an error
#   geometry/handout/*    the booklet and 6-up sheets of the same template; margins
#                         that leave no room are errors at the template's handout:
#   geometry/invariants/* invariants.py on the altered slides, 16:9 and 4:3,
#                         booklet and 6-up
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp geometry || exit 0
need_tools geometry pdftotext "$PY" || exit 0
tmp=$(dp_tmpdir)

# The altered template: default.yaml's look, other geometry.
sed -e 's/^margins: .*/margins: {left: 90, right: 90, top: 72, bottom: 64}/' \
    -e 's/^name: default/name: wide/' templates/default.yaml >"$tmp/wide.yaml"
cat >>"$tmp/wide.yaml" <<'YAML'

geometry:
  grid: {columns: 12, gutter: 16, baseline: 12}
  qa: {text_column: 4, question_top: 40, total_top: 88, rail_bottom: 110, band_bleed: 8}
  closing: {qr_size: 160, qr_min_size: 120}
  title: {bottom: 330}

handout:
  booklet:
    page: {margin_left: 90, rail: 48}
    text: {body_size: 11, body_leading: 18}
  sheets: {side: 50, gutter: 12}
YAML
if ! grep -q '^margins: {left: 90' "$tmp/wide.yaml"; then
    fail geometry "templates/default.yaml has no one-line margins: to alter"
    exit 0
fi

for t in default wide; do
    tpl=$t
    [ "$t" = wide ] && tpl=$tmp/wide.yaml
    dp_run "$tmp/$t" "$DP" slides decks/example.yaml -o "$tmp/$t.pdf" --template "$tpl" --dump -q
    if [ "$rc" -ne 0 ]; then
        fail "geometry/$t" "$(dp_run_detail "$tmp/$t")"
        exit 0
    fi
    pdftotext -bbox "$tmp/$t.pdf" "$tmp/$t.html" 2>/dev/null || { fail "geometry/$t" "pdftotext -bbox failed"; exit 0; }
done

"$PY" - "$tmp" >"$tmp/moves.res" <<'PY'
import re, sys
tmp = sys.argv[1]

def dump(name):
    pages = []
    for line in open("%s/%s/out" % (tmp, name), encoding="utf-8"):
        m = re.match(r"page (\d+) ([\d.]+)x([\d.]+) .*kind=(\w+)", line)
        if m:
            pages.append({"kind": m.group(4), "text": [], "rect": []})
            continue
        m = re.match(r'\s*text (-?[\d.]+),(-?[\d.]+) face=\d+ size=([\d.]+).*?"(.*)"', line)
        if m and pages:
            pages[-1]["text"].append((float(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(4)))
        m = re.match(r"\s*rect (-?[\d.]+),(-?[\d.]+) ([\d.]+)x([\d.]+) fill=#ffffff", line)
        if m and pages:
            pages[-1]["rect"].append(tuple(float(g) for g in m.groups()))
    return pages

def words(name):
    out = []
    for m in re.finditer(r'<page|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
                         open("%s/%s.html" % (tmp, name), encoding="utf-8").read()):
        if m.group(0) == "<page":
            out.append([])
        else:
            out[-1].append((float(m.group(1)), float(m.group(2)), float(m.group(5) and m.group(3)), m.group(5)))
    return out

def col(left, right, n, gutter, k):
    w = (right - left - (n - 1) * gutter) / n
    return left + (k - 1) * (w + gutter)

res = []
def check(name, ok, detail):
    res.append(("PASS geometry/moves/%s" % name) if ok else ("FAIL geometry/moves/%s: %s" % (name, detail)))

d, w = dump("default"), dump("wide")
bd, bw = words("default"), words("wide")
qa = next(i for i, p in enumerate(d) if p["kind"] == "qa")
# the question: the largest text on the first Q&A page but the number
q_d = max((t for t in d[qa]["text"] if not t[3].isdigit()), key=lambda t: t[2])
q_w = next(t for t in w[qa]["text"] if t[3][:4] == q_d[3][:4])  # the measure differs: compare the start
x_d, x_w = col(60, 900, 12, 24, 3), col(90, 870, 12, 16, 4)
check("question-x", abs(q_d[0] - x_d) < 0.01 and abs(q_w[0] - x_w) < 0.01,
      "question at x %.2f / %.2f, want %.2f / %.2f (grid column 3, then 4)" % (q_d[0], q_w[0], x_d, x_w))
check("question-y", abs((q_w[1] - q_d[1]) - ((72 + 40) - (60 + 30))) < 0.01,
      "question baseline moved %.2f, want 22 (margins.top 60 -> 72, question_top 30 -> 40)" % (q_w[1] - q_d[1]))
# the same in the PDF as a reader sees it
pw = next(x for x in bw[qa] if x[3] and q_d[3].startswith(x[3][:4]))
pd = next(x for x in bd[qa] if x[3] and q_d[3].startswith(x[3][:4]))
check("pdf-question", abs(pw[0] - x_w) < 0.5 and abs(pd[0] - x_d) < 0.5 and abs((pw[1] - pd[1]) - 22) < 0.5,
      "pdftotext: question word at %.2f,%.2f / %.2f,%.2f" % (pd[0], pd[1], pw[0], pw[1]))
# the rail number sits left of the text at the left margin
num_w = next(t for t in w[qa]["text"] if t[3].isdigit() and t[2] > 40)
check("rail-number", 80 < num_w[0] < 90, "number at x %.2f, want just left of 90 (side bearing)" % num_w[0])
# closing: the QR tile is 160 pt, flush with the right margin, 112 below margins.top
cl = next(i for i, p in enumerate(w) if p["kind"] == "closing")
tile = [r for r in w[cl]["rect"] if abs(r[2] - r[3]) < 0.01]
check("qr-tile", tile and abs(tile[0][2] - 160) < 0.01 and abs(tile[0][0] + 160 - 870) < 0.01
      and abs(tile[0][1] - (72 + 112)) < 0.01, "QR tiles %s, want 160x160 at 710,184" % tile)
# title slide: the kicker at the left margin, the title block ending 330 below margins.top
kick = w[0]["text"][0]
check("kicker-x", abs(kick[0] - 90) < 0.01, "kicker at x %.2f, want 90" % kick[0])
title_d = max(d[0]["text"], key=lambda t: t[2])
title_w = max(w[0]["text"], key=lambda t: t[2])
check("title-y", abs((title_w[1] - title_d[1]) - ((72 + 330) - 426)) < 0.01,
      "title baseline moved %.2f, want -12" % (title_w[1] - title_d[1]))
# nothing the altered geometry left where the default put it
inside = all(90 - 20 <= t[0] for p in w for t in p["text"])
check("left-margin", inside, "a text run starts left of the wider margin")
print("\n".join(res))
PY
record_lines "$tmp/moves.res" "geometry/moves"

# The handouts: booklet and 6-up with the template's handout: metrics.
for t in default wide; do
    tpl=$t
    [ "$t" = wide ] && tpl=$tmp/wide.yaml
    for l in booklet 6; do
        dp_run "$tmp/$t-$l" "$DP" handout decks/example.yaml -o "$tmp/$t-$l.pdf" --layout "$l" --template "$tpl" --dump -q
        if [ "$rc" -ne 0 ]; then
            fail "geometry/handout/$t-$l" "$(dp_run_detail "$tmp/$t-$l")"
            exit 0
        fi
        pdftotext -bbox "$tmp/$t-$l.pdf" "$tmp/$t-$l.html" 2>/dev/null || true
    done
done
"$PY" - "$tmp" >"$tmp/handout.res" <<'PY'
import re, sys
tmp = sys.argv[1]
res = []
def check(name, ok, detail):
    res.append(("PASS geometry/handout/%s" % name) if ok else ("FAIL geometry/handout/%s: %s" % (name, detail)))
def first_words(name):
    pages = re.split(r"<page ", open("%s/%s.html" % (tmp, name), encoding="utf-8").read())[1:]
    return [[(float(a), w) for a, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)<', p)] for p in pages]
# the cover's kicker at the booklet's left margin (A4: the template's value as is)
for t, want in (("default", 64), ("wide", 90)):
    w = first_words(t + "-booklet")
    k = [x for x, s in w[0] if s == "ATTENDEE"]
    check("booklet-margin-" + t, k and abs(k[0] - want) < 0.5, "cover kicker at %s, want %g" % (k, want))
# body text: size 11 in the altered booklet, its lines after the 48 + 16 pt rail
body = [float(m.group(1)) for m in re.finditer(r"^\s*text (-?[\d.]+),[-\d.]+ face=\d+ size=11\.00 ",
        open("%s/wide-booklet/out" % tmp, encoding="utf-8").read(), re.M)]
common = max(set(body), key=body.count) if body else None  # most body lines start at the text column
check("booklet-body", body and abs(common - (90 + 48 + 16)) < 0.01,
      "%d runs at 11 pt, most at x %s, want 154" % (len(body), common))
# 6-up: the running head at the sheet's side margin
for t, want in (("default", 36), ("wide", 50)):
    w = first_words(t + "-6")
    check("sheets-side-" + t, w and abs(min(x for x, s in w[0]) - want) < 0.5,
          "leftmost word of sheet 1 at %s, want %g" % (min(x for x, s in w[0]) if w else None, want))
print("\n".join(res))
PY
record_lines "$tmp/handout.res" "geometry/handout"

# The baseline grid: the body of every continued Q&A frame starts on a line
# 12 pt apart from margins.top (without the grid, these frames do not).
sed -e 's/  grid: {columns: 12, gutter: 16, baseline: 12}/  grid: {columns: 12, gutter: 16}/' "$tmp/wide.yaml" >"$tmp/nobase.yaml"
dp_run "$tmp/nobase" "$DP" slides decks/example.yaml -o "$tmp/nobase.pdf" --template "$tmp/nobase.yaml" --dump -q
"$PY" - "$tmp/wide/out" "$tmp/nobase/out" >"$tmp/baseline.res" <<'PY'
import re, sys
def tops(path):
    return [float(m) for m in re.findall(r"flow piece=\d+/\d+ frame=([\d.]+)-", open(path, encoding="utf-8").read())]
on, off = tops(sys.argv[1]), tops(sys.argv[2])
snapped = lambda ys: all(abs((y - 72) / 12 - round((y - 72) / 12)) < 1e-3 for y in ys)
if on and snapped(on) and off and not snapped(off):
    print("PASS geometry/moves/baseline-grid")
else:
    print("FAIL geometry/moves/baseline-grid: frame tops %s with the baseline grid, %s without" % (on, off))
PY
record_lines "$tmp/baseline.res" "geometry/moves/baseline-grid"

# Slide geometry that leaves the Q&A text under 10 em, or grid columns no
# room, is an error at the template's geometry:, with nothing written.
sed -e 's/  qa: {text_column: 4, /  qa: {text_column: 10, /' "$tmp/wide.yaml" >"$tmp/narrow.yaml"
sed -e 's/  grid: {columns: 12, gutter: 16,/  grid: {columns: 12, gutter: 80,/' "$tmp/wide.yaml" >"$tmp/gutter.yaml"
for t in narrow gutter; do
    dp_run "$tmp/bad-$t" "$DP" slides decks/example.yaml -o "$tmp/bad-$t.pdf" --template "$tmp/$t.yaml" -q
    if [ "$rc" -eq 1 ] && grep -q "$t.yaml:[0-9]*:[0-9]*: error: the .* pt across are needed" "$tmp/bad-$t/err" &&
        [ ! -e "$tmp/bad-$t.pdf" ]; then
        pass "geometry/moves/too-$t"
    else
        fail "geometry/moves/too-$t" "exit $rc: $(head -c 300 "$tmp/bad-$t/err")"
    fi
done

# Handout metrics that leave no room are errors at the template's handout:,
# with nothing written.
sed -e 's/page: {margin_left: 90, rail: 48}/page: {margin_left: 400, margin_right: 300, rail: 48}/' \
    -e 's/sheets: {side: 50, gutter: 12}/sheets: {side: 400, gutter: 500}/' "$tmp/wide.yaml" >"$tmp/tight.yaml"
for l in booklet 6; do
    dp_run "$tmp/tight-$l" "$DP" handout decks/example.yaml -o "$tmp/tight-$l.pdf" --layout "$l" --template "$tmp/tight.yaml" -q
    if [ "$rc" -eq 1 ] && grep -q "tight.yaml:[0-9]*:[0-9]*: error: the .*(handout: .*) leave" "$tmp/tight-$l/err" &&
        [ ! -e "$tmp/tight-$l.pdf" ]; then
        pass "geometry/handout/too-tight-$l"
    else
        fail "geometry/handout/too-tight-$l" "exit $rc, wrote a PDF: $([ -e "$tmp/tight-$l.pdf" ] && echo yes || echo no): $(head -c 300 "$tmp/tight-$l/err")"
    fi
done

# The invariants on the altered template, every kind of slide.
wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"
for deck in decks/*.yaml "$wild"/founders-fireside-shanghai.yaml "$wild"/python-hz-27-llm-engineering.yaml; do
    [ -f "$deck" ] || continue
    name=$(basename "$deck" .yaml)
    for aspect in 16:9 4:3; do
        label=geometry/invariants/$name/$(echo "$aspect" | tr : x)
        d=$tmp/inv-$name-$(echo "$aspect" | tr : x)
        dp_run "$d" "$DP" slides "$deck" --template "$tmp/wide.yaml" --aspect "$aspect" -o "$d.pdf" --dump -q
        if [ "$rc" -ne 0 ]; then
            fail "$label" "$(dp_run_detail "$d")"
            continue
        fi
        "$PY" tests/e2e/invariants.py dump "$label/dump" "$d/out" | grep -v '^# ' >"$d.res" || true
        pdftotext -bbox-layout "$d.pdf" "$d.html" 2>/dev/null && "$PY" tests/e2e/invariants.py pdf "$label/pdf" "$d.html" | grep -v '^# ' >>"$d.res" || true
        record_lines "$d.res" "$label"
    done
    for l in booklet 6; do
        label=geometry/invariants/$name/$l
        d=$tmp/inv-$name-$l
        dp_run "$d" "$DP" handout "$deck" --template "$tmp/wide.yaml" --layout "$l" -o "$d.pdf" --dump -q
        if [ "$rc" -ne 0 ]; then
            fail "$label" "$(dp_run_detail "$d")"
            continue
        fi
        : >"$d.res"
        [ "$l" = booklet ] && "$PY" tests/e2e/invariants.py dump "$label/dump" "$d/out" | grep -v '^# ' >"$d.res" || true
        pdftotext -bbox-layout "$d.pdf" "$d.html" 2>/dev/null && "$PY" tests/e2e/invariants.py pdf "$label/pdf" "$d.html" | grep -v '^# ' >>"$d.res" || true
        record_lines "$d.res" "$label"
    done
done
