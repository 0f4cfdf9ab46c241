#!/bin/sh
# Handouts follow the deck's template (issue 13 point 6):
#   nup-draws-the-slides  design-night (theme: dark): the 4-up sheets show the
#                         projected slides, dark ground and all (a pixel
#                         inside the first placed slide, pdftoppm)
#   booklet-faces         a deck whose template sets its hei role to LXGW
#                         WenKai: the booklet embeds no WenQuanYi (the print
#                         template's hei), like the slides; its palette stays
#                         the print template's (white paper)
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp handout_template || exit 0
need_tools handout_template pdftoppm pdffonts "$PY" || exit 0
tmp=$(dp_tmpdir)
wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"

if [ -f "$wild/design-night-vol12-dark.yaml" ]; then
    dp_run "$tmp/dn" "$DP" handout "$wild/design-night-vol12-dark.yaml" --layout 4 -o "$tmp/dn.pdf" --dump
    at=$(sed -n '2s/.* at \([0-9.]*\),\([0-9.]*\) size=\([0-9.]*\)x\([0-9.]*\)$/\1 \2 \3 \4/p' "$tmp/dn/out")
    pdftoppm -r 72 -f 1 -l 1 "$tmp/dn.pdf" "$tmp/sheet" 2>/dev/null
    "$PY" - "$tmp"/sheet*.ppm $at <<'PY' > "$tmp/dn.res"
import sys
path, x, y, w, h = sys.argv[1], *map(float, sys.argv[2:6])
data = open(path, "rb").read()
parts, pos = [], 0
while len(parts) < 4:  # P6 width height maxval
    while data[pos:pos + 1].isspace():
        pos += 1
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    parts.append(data[pos:end]); pos = end
pos += 1
W = int(parts[1])
px, py = int(x + w * 0.9), int(y + h * 0.9)  # bottom right of the slide: its ground
r, g, b = data[pos + 3 * (py * W + px): pos + 3 * (py * W + px) + 3]
print(("PASS" if r + g + b < 150 else "FAIL") + " handout_template/nup-draws-the-slides%s" %
      ("" if r + g + b < 150 else ": the slide's ground on the sheet is rgb(%d,%d,%d), not the dark theme's" % (r, g, b)))
PY
    record_lines "$tmp/dn.res"
fi

mkdir -p "$tmp/t/templates" "$tmp/t/decks"
sed 's/^  hei: \["WenQuanYi Micro Hei"\]/  hei: ["LXGW WenKai"]/; s/^  mono: \["DejaVu Sans Mono", "WenQuanYi Micro Hei"\]/  mono: ["DejaVu Sans Mono", "LXGW WenKai"]/' \
    templates/default.yaml > "$tmp/t/templates/kai.yaml"
sed 's/^template: default/template: kai/' decks/example.yaml > "$tmp/t/decks/deck.yaml"
dp_run "$tmp/bk" "$DP" handout "$tmp/t/decks/deck.yaml" --layout booklet -o "$tmp/bk.pdf" --dump
fonts=$(pdffonts "$tmp/bk.pdf" 2>/dev/null | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' ')
bg=$(grep -m1 '^  rect 0.00,0.00 595.28x841.89 fill=' "$tmp/bk/out" | sed 's/.*fill=//')
case "$fonts" in
    *WenQuanYi*) fail handout_template/booklet-faces "the booklet embeds the print template's hei: $fonts" ;;
    *LXGW*) if [ "$rc" -eq 0 ]; then pass handout_template/booklet-faces; else fail handout_template/booklet-faces "$(dp_run_detail "$tmp/bk")"; fi ;;
    *) fail handout_template/booklet-faces "status $rc, fonts: $fonts" ;;
esac
case "$bg" in ''|'#ffffff') pass handout_template/booklet-palette ;; *) fail handout_template/booklet-palette "page ground $bg" ;; esac
