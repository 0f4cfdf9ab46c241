#!/bin/sh
# N-up handouts of the meetup deck: for every N, the sheet count is
# ceil(slides / N); A4 and Letter sizes; slides stay vector (no raster image
# in the file, text extractable); every thumbnail inside a printable area of
# at least 10 mm; the smallest effective font size of each layout is printed.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp nup || exit 0
need_tools nup pdfinfo pdfimages pdftotext qpdf || exit 0

deck=decks/llm-founders-meetup.yaml
tmp=$(dp_tmpdir)
dp_run "$tmp/slides" "$DP" slides "$deck" -o "$tmp/slides.pdf" --dump
slides=$(grep -c '^page ' "$tmp/slides/out" || true)

[ -n "$(dp_layouts nup)" ] || fail nup/layouts "deckpress --help lists no N-up layout"
for paper in a4 letter; do
    for n in $(dp_layouts nup); do
        name="nup/$paper-$n"
        out="$tmp/$paper-$n.pdf"
        dp_run "$tmp/run-$paper-$n" "$DP" handout "$deck" -o "$out" --layout "$n" --paper "$paper" --dump
        if [ "$rc" -ne 0 ]; then
            fail "$name" "$(dp_run_detail "$tmp/run-$paper-$n")"
            continue
        fi
        dump="$tmp/run-$paper-$n/out"
        want=$(( (slides + n - 1) / n ))
        got=$(pdfinfo "$out" | sed -n 's/^Pages: *//p')
        [ "$got" = "$want" ] || { fail "$name" "pages: $got, want ceil($slides / $n) = $want"; continue; }
        size=$(pdfinfo "$out" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
        case "$paper" in
            a4) ok="595.28 841.89|841.89 595.28" ;;
            letter) ok="612 792|792 612" ;;
        esac
        echo "$size" | grep -Eqx "$ok" || { fail "$name" "page size $size is not $paper"; continue; }
        images=$(pdfimages -list "$out" | tail -n +3 | wc -l)
        [ "$images" -eq 0 ] || { fail "$name" "$images raster images: slides must stay vector"; continue; }
        qpdf --check "$out" >/dev/null 2>&1 || { fail "$name" "qpdf --check failed"; continue; }
        pdftotext "$out" - | tr -d ' \n' | grep -q '如何获取并处理大规模训练数据' ||
            { fail "$name" "slide text not extractable"; continue; }
        # every placed slide inside the printable area (>= 10 mm = 28.35 pt on each side)
        bad=$(awk -v mm=28.35 '
            /^sheet / { split($3, wh, "x"); W = wh[1]; H = wh[2] }
            /^  place / { split($5, xy, ","); split(substr($6, 6), s, "x");
                          if (xy[1] < mm || xy[2] < mm || xy[1] + s[1] > W - mm || xy[2] + s[2] > H - mm)
                              print "sheet at " $5 " size " s[1] "x" s[2] " on " W "x" H }' "$dump" | head -1)
        [ -z "$bad" ] || { fail "$name" "outside the printable area: $bad"; continue; }
        minfont=$(awk '/min-font/ { if (m == "" || $2 < m) m = $2 } END { print m }' "$dump")
        pass "$name"
        echo "   # $paper $n-up: $got sheets, smallest effective font ${minfont} pt"
    done
done

# Column-first order puts the second slide below the first, not beside it.
dp_run "$tmp/cf" "$DP" handout "$deck" -o "$tmp/cf.pdf" --layout 6 --column-first --dump
if [ "$rc" -eq 0 ] && awk '/^  place page=1 /{split($5,a,","); x1=a[1]} /^  place page=2 /{split($5,b,","); x2=b[1]; exit} END{exit !(x1 == x2)}' "$tmp/cf/out"; then
    pass nup/column-first
else
    fail nup/column-first "page 2 is not in the first column"
fi

# Speaker notes never reach attendee handouts; --speaker prints them.
note=$($PY - "$deck" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\s*notes:\s*(.+)", line)
    if m:
        print(m.group(1).strip().strip('"')[:12]); break
PY
)
if [ -n "$note" ]; then
    dp_run "$tmp/att" "$DP" handout "$deck" -o "$tmp/att.pdf" --layout 1
    dp_run "$tmp/spk" "$DP" handout "$deck" -o "$tmp/spk.pdf" --speaker
    if pdftotext "$tmp/att.pdf" - | tr -d ' \n' | grep -qF "$note"; then
        fail nup/no-speaker-notes "attendee handout contains the notes: $note"
    else
        pass nup/no-speaker-notes
    fi
    if pdftotext "$tmp/spk.pdf" - | tr -d ' \n' | grep -qF "$note"; then
        pass nup/speaker-notes
    else
        fail nup/speaker-notes "speaker's handout lacks the notes: $note"
    fi
else
    fail nup/no-speaker-notes "the deck has no notes to check"
fi
