#!/bin/sh
# tests/e2e/bidi.sh: right-to-left text (Arabic, Hebrew) inside Chinese and
# English text, drawn in visual order per UAX #9 (src/text/bidi.c, FriBidi), on
# tests/layout/rtl.yaml (whose dump golden shows the visual order):
#   font          a font with Hebrew and Arabic (letters and the Arabic
#                 presentation forms) is installed: DejaVu Sans, the
#                 templates' fallback role (fonts-dejavu-core)
#   build         slides and booklet handout build with no warning (every
#                 character has a font)
#   slides-text, handout-text
#                 pdftotext gives back every RTL phrase in reading order, with
#                 Arabic letters (not presentation forms: the ToUnicode map
#                 undoes the joining), including a phrase broken across two
#                 lines
#   visual-order  in the dump the Hebrew word שלום is drawn as םולש (visual,
#                 left to right) and never in logical order; the Arabic
#                 words are drawn in their joining forms (U+FE70-U+FEFC);
#                 "(2 words)" after a Hebrew phrase keeps its brackets as
#                 written, to the right of the Hebrew
#   version       --version names FriBidi with its number
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=bidi
deck=tests/layout/rtl.yaml
need_dp "$T" || exit 0
need_tools "$T" "$PY" pdftotext fc-list || exit 0
tmp=$(dp_tmpdir)

fams=$(fc-list ':charset=5d0 627 fefb fe8d' family)
case $fams in
    *"DejaVu Sans"*) pass "$T/font" ;;
    *) fail "$T/font" "no DejaVu Sans with Hebrew and Arabic (fc-list: $fams); install fonts-dejavu-core" ;;
esac

dp_run "$tmp/build" "$DP" build "$deck" -o "$tmp"
if [ "$rc" -ne 0 ]; then
    fail "$T/build" "$(dp_run_detail "$tmp/build")"
    exit 0
elif grep -q 'warning' "$tmp/build/err"; then
    fail "$T/build" "warnings: $(grep -m 2 warning "$tmp/build/err")"
else
    pass "$T/build"
fi

cat >"$tmp/text.py" <<'PY'
import re, sys
name, path = sys.argv[1:3]
text = open(path, encoding="utf-8").read()
# pdftotext marks the direction of what it reordered (U+202A-U+202E, LRM, RLM)
text = re.sub("[\u200e\u200f\u202a-\u202e]", "", text)
text = re.sub(r"\s+", " ", text)
# (a phrase broken across lines is checked line by line: pdftotext may put
# the slide's rail label between them)
want = ["مرحبا بالعالم", "שלום עולם", "اللغة العربية تكتب من اليمين",
        "إلى اليسار وتتصل حروفها ببعضها البعض في الكلمة الواحدة",
        "עברית נכתבת מימין לשמאל"]
missing = [w for w in want if w not in text]
forms = sorted({"U+%04X" % ord(c) for c in text if 0xFB50 <= ord(c) <= 0xFEFC})
if missing:
    print("FAIL %s: not in reading order: %s" % (name, " | ".join(missing)))
elif forms:
    print("FAIL %s: presentation forms in the text: %s" % (name, " ".join(forms[:8])))
else:
    print("PASS %s" % name)
PY
for part in slides handout; do
    if pdftotext -enc UTF-8 "$tmp/rtl.$part.pdf" "$tmp/$part.txt" 2>"$tmp/$part.err"; then
        "$PY" "$tmp/text.py" "$T/$part-text" "$tmp/$part.txt" >"$tmp/$part.res" 2>&1 ||
            fail "$T/$part-text" "checker failed: $(tail -n 2 "$tmp/$part.res")"
        record_lines "$tmp/$part.res"
    else
        fail "$T/$part-text" "pdftotext: $(head -n 2 "$tmp/$part.err")"
    fi
done

dp_run "$tmp/dump" "$DP" slides "$deck" -o "$tmp/d.pdf" --dump
if [ "$rc" -ne 0 ]; then
    fail "$T/visual-order" "$(dp_run_detail "$tmp/dump")"
else
    cat >"$tmp/dump.py" <<'PY'
import re, sys
ops = re.findall(r'^\s*text .*?"(.*)" @', open(sys.argv[1], encoding="utf-8").read(), re.M)
drawn = " ".join(ops)
if "שלום" in drawn:
    print("FAIL bidi/visual-order: a Hebrew word is drawn in logical order")
elif "םולש" not in drawn:
    print("FAIL bidi/visual-order: no op draws שלום in visual order (םולש)")
elif re.search("[\u0621-\u064a]", drawn):
    print("FAIL bidi/visual-order: Arabic letters drawn unjoined: %s" %
          [o for o in ops if re.search("[\u0621-\u064a]", o)][:3])
elif not re.search("[\ufe70-\ufefc]", drawn):
    print("FAIL bidi/visual-order: no Arabic joining forms drawn")
elif "(2" not in ops or ops.index("(2") < ops.index("םולש"):
    print("FAIL bidi/visual-order: \"(2 words)\" mirrored or left of the Hebrew: %s" % ops[-12:])
else:
    print("PASS bidi/visual-order")
PY
    "$PY" "$tmp/dump.py" "$tmp/dump/out" >"$tmp/dump.res" 2>&1 ||
        fail "$T/visual-order" "checker failed: $(tail -n 2 "$tmp/dump.res")"
    record_lines "$tmp/dump.res"
fi

dp_run "$tmp/version" "$DP" --version
if grep -q '^FriBidi [0-9]' "$tmp/version/out"; then
    pass "$T/version"
else
    fail "$T/version" "--version does not name FriBidi: $(tr '\n' ' ' <"$tmp/version/out")"
fi
