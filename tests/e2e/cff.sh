#!/bin/sh
# tests/e2e/cff.sh: OpenType/CFF fonts (issue 15), checked with real PDF readers.
# The meetup deck with templates/noto.yaml (Noto Sans CJK SC with its real
# Bold, Noto Serif CJK SC: CID-keyed CFF in .ttc collections), a deck with
# 𠮷, and the meetup deck with Latin from URW's Nimbus Sans .otf (name-keyed
# CFF, fonts-urw-base35):
#   noto/render         exit 0, both PDFs written, no warning
#   noto/fonts          pdffonts: every font embedded, subset, with ToUnicode;
#                       the Noto faces are "CID Type 0C", each listed once
#                       (one subset per face), and the Bold face is there, in
#                       the slides and in the handout (which keeps the slides'
#                       fonts with the print template's palette)
#   noto/qpdf-check     qpdf --check finds nothing
#   noto/text           pdftotext gives back the deck's text (dumpcheck.py text)
#   noto/real-bold      no text in the --dump is fake bold (stroke=): the bold
#                       styles use Noto Sans CJK SC Bold; the default template,
#                       whose Micro Hei has one weight, still strokes
#   noto/reproducible   a rebuild (subsets from the cache) and a build without
#                       the cache write the same bytes
#   name-keyed          Nimbus Sans embeds as CID Type 0C, glyphcheck passes
#                       on its pages and its program
#   renderers/*         pdftoppm, mutool draw and Ghostscript render the same
#                       pages with nothing on stderr, and agree pixel for pixel
#                       but for anti-aliasing (tests/tools/pgmdiff: at most 2%
#                       of the content pixels differ, any pair)
#   astral              𠮷 in the bold CFF headline extracted as written; 人 and
#                       the radical ⼈ (one glyph in Noto) extract as 人
#   refused/type1, refused/woff  formats that cannot be embedded give an error
#                       naming the file and the format (exit 3), no PDF
#   setup               scripts/setup.sh: fonts-noto-cjk for `make` only with a
#                       noto deck in decks/, always for `make test`
#   fonts-command       deckpress fonts lists the Noto faces as OpenType/CFF,
#                       with their bold face; Micro Hei's bold is fake
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=cff
need_tools "$T" cc pkg-config pdffonts pdftotext pdftoppm qpdf mutool gs cmp "$PY" || exit 0
need_dp "$T" || exit 0
if ! fc-list 'Noto Sans CJK SC' family | grep -q .; then
    fail "$T" "Noto Sans CJK SC is not installed (fonts-noto-cjk; sh scripts/setup.sh test)"
    exit 0
fi

TOOLS=$BUILD/tests/tools
if ! build_tool "$TOOLS/pgmdiff" tests/tools/pgmdiff.c || ! build_tool "$TOOLS/glyphcheck" tests/tools/glyphcheck.c; then
    fail "$T/build" "cannot compile the test tools: $(head -n 3 "$TOOLS"/*.log)"
    exit 0
fi

deck=decks/llm-founders-meetup.yaml
tmp=$(dp_tmpdir)
export DECKPRESS_NO_FONT_CACHE=
XDG_CACHE_HOME=$tmp/cache
export XDG_CACHE_HOME

# ---------------------------------------------------------------- the Noto template
dp_run "$tmp/r1" "$DP" build "$deck" --template noto -o "$tmp/out"
pdf=$tmp/out/llm-founders-meetup.slides.pdf
if [ "$rc" -ne 0 ] || [ ! -s "$pdf" ] || [ ! -s "$tmp/out/llm-founders-meetup.handout.pdf" ]; then
    fail "$T/noto/render" "$(dp_run_detail "$tmp/r1")"
    exit 0
elif grep -q -E 'warning|error' "$tmp/r1/err"; then
    fail "$T/noto/render" "$(grep -m 1 -E 'warning|error' "$tmp/r1/err")"
else
    pass "$T/noto/render"
fi

for which in slides handout; do
    f=$tmp/out/llm-founders-meetup.$which.pdf
    pdffonts "$f" >"$tmp/fonts.$which" 2>&1 || true
    py_checks "$T/noto/fonts-$which" fonts "$T/noto/fonts-$which" "$tmp/fonts.$which" "CID TrueType,CID Type 0C"
done
# the slides: Noto as CFF, each face once, the real Bold among them
problems=
for face in NotoSansCJKsc-Regular NotoSansCJKsc-Bold NotoSerifCJKsc-Regular; do
    n=$(grep -c "+$face-Identity-H  *CID Type 0C " "$tmp/fonts.slides" || true)
    [ "$n" -eq 1 ] || problems="$problems $face listed $n times as CID Type 0C;"
done
# the handout keeps the slides' faces (print's palette and sizes)
for face in NotoSansCJKsc-Regular NotoSansCJKsc-Bold NotoSerifCJKsc-Regular; do
    grep -q "+$face-Identity-H  *CID Type 0C " "$tmp/fonts.handout" || problems="$problems $face not in the handout;"
done
dups=$(sed -n '3,$p' "$tmp/fonts.slides" | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort | uniq -d | tr '\n' ' ')
[ -z "$dups" ] || problems="$problems more than one subset of: $dups"
if [ -z "$problems" ]; then
    pass "$T/noto/cff-faces: Noto Sans CJK SC Regular and Bold, Noto Serif CJK SC, one subset each, in slides and handout"
else
    fail "$T/noto/cff-faces" "$problems $(tr '\n' '|' <"$tmp/fonts.slides")"
fi

dp_run "$tmp/qpdf" qpdf --check "$pdf"
if [ "$rc" -eq 0 ] && ! grep -qi warning "$tmp/qpdf/out" "$tmp/qpdf/err"; then
    pass "$T/noto/qpdf-check"
else
    fail "$T/noto/qpdf-check" "status $rc: $(grep -v -e '^checking' -e '^PDF Version' -e '^File is not' "$tmp/qpdf/out" "$tmp/qpdf/err" | head -n 3)"
fi

pdftotext -enc UTF-8 "$pdf" "$tmp/text.txt" 2>"$tmp/text.err" || true
if [ -s "$tmp/text.err" ]; then
    fail "$T/noto/pdftotext-clean" "$(first_line "$tmp/text.err")"
fi
py_checks "$T/noto/text" text "$T/noto" "$deck" "$tmp/text.txt"

# Real weights: nothing stroked with Noto; Micro Hei (one weight) still is.
dp_run "$tmp/dump" "$DP" slides "$deck" --template noto --dump -o "$tmp/dump.pdf"
dp_run "$tmp/dumpd" "$DP" slides "$deck" --dump -o "$tmp/dumpd.pdf"
stroked=$(grep -c '^  text .* stroke=' "$tmp/dump/out" || true)
stroked_default=$(grep -c '^  text .* stroke=' "$tmp/dumpd/out" || true)
bold_runs=$(grep '^  text ' "$tmp/dump/out" | grep -c 'size=30.00' || true)
if [ "$stroked" -eq 0 ] && [ "$stroked_default" -gt 0 ] && [ "$bold_runs" -gt 0 ]; then
    pass "$T/noto/real-bold: no fake bold with Noto ($stroked_default runs stroked with the default template)"
else
    fail "$T/noto/real-bold" "$stroked runs stroked with noto (want 0), $stroked_default with default (want > 0)"
fi

# Deterministic: again from the subset cache, and without any cache.
cp "$pdf" "$tmp/first.pdf"
dp_run "$tmp/r2" "$DP" slides "$deck" --template noto -o "$tmp/again.pdf"
dp_run "$tmp/r3" env DECKPRESS_NO_FONT_CACHE=1 "$DP" slides "$deck" --template noto -o "$tmp/nocache.pdf"
if ls "$XDG_CACHE_HOME"/deckpress/subsets/*.sub >/dev/null 2>&1 &&
    cmp -s "$tmp/first.pdf" "$tmp/again.pdf" && cmp -s "$tmp/first.pdf" "$tmp/nocache.pdf"; then
    pass "$T/noto/reproducible: cold, from the subset cache and without it: the same bytes"
else
    fail "$T/noto/reproducible" "$(cmp "$tmp/first.pdf" "$tmp/again.pdf" 2>&1 | head -n 1) $(cmp "$tmp/first.pdf" "$tmp/nocache.pdf" 2>&1 | head -n 1)"
fi

# ---------------------------------------------------------------- name-keyed CFF
nimbus=$(fc-match -f '%{file}' 'Nimbus Sans:style=Regular' 2>/dev/null || true)
case $nimbus in
    *.otf)
        sed -e 's/^name: noto/name: nimbus/' -e "s|\"Manrope[^\"]*\"|\"$nimbus\"|" templates/noto.yaml >"$tmp/nimbus.yaml"
        dp_run "$tmp/nk" "$DP" slides "$deck" --template "$tmp/nimbus.yaml" -o "$tmp/nimbus.pdf"
        pdffonts "$tmp/nimbus.pdf" >"$tmp/nk.fonts" 2>&1 || true
        gc_pages=$("$TOOLS/glyphcheck" --fontdir fonts "$tmp/nimbus.pdf" 2>&1) && gp=0 || gp=$?
        gc_progs=$("$TOOLS/glyphcheck" --programs --fontdir fonts "$tmp/nimbus.pdf" 2>&1) && gq=0 || gq=$?
        if [ "$rc" -ne 0 ]; then
            fail "$T/name-keyed" "$(dp_run_detail "$tmp/nk")"
        elif ! grep -q '+NimbusSans-Regular-Identity-H  *CID Type 0C  *Identity-H  *yes yes yes' "$tmp/nk.fonts"; then
            fail "$T/name-keyed" "Nimbus Sans is not an embedded CID Type 0C subset: $(grep -i nimbus "$tmp/nk.fonts")"
        elif [ "$gp" -ne 0 ] || [ "$gq" -ne 0 ]; then
            fail "$T/name-keyed" "glyphcheck: $(printf '%s\n%s' "$gc_pages" "$gc_progs" | grep -v '^glyphcheck' | head -n 2) $(printf '%s\n%s' "$gc_pages" "$gc_progs" | grep '^glyphcheck' | sed "s|$tmp/||")"
        else
            pass "$T/name-keyed: Nimbus Sans (.otf) $(printf '%s' "$gc_progs" | sed -n "s|^glyphcheck: $tmp/||p")"
        fi
        ;;
    *) fail "$T/name-keyed" "Nimbus Sans .otf is not installed (fonts-urw-base35): fc-match gave '$nimbus'" ;;
esac

# ---------------------------------------------------------------- renderers
# A deck with 𠮷 in the bold headline and the Serif analysis.
mkdir -p "$tmp/astral"
printf '%s\n' 'title: 生僻字' 'sections:' '  - title: 扩展 B' '    items:' \
    '      - question: 𠮷野家怎么读？' '        answer: 读作 jí，**吉**的异体。部首⼈即人。' \
    '        analysis: 𠮷野家的𠮷，𠀋字。' >"$tmp/astral/deck.yaml"
dp_run "$tmp/astral" "$DP" slides "$tmp/astral/deck.yaml" --template noto -o "$tmp/astral.pdf"
if [ "$rc" -ne 0 ]; then
    fail "$T/astral" "$(dp_run_detail "$tmp/astral")"
elif ! pdftotext "$tmp/astral.pdf" - 2>/dev/null | grep -q '𠮷野家怎么读？'; then
    fail "$T/astral" "pdftotext does not give back 𠮷野家怎么读？ from the bold CFF headline"
elif ! pdftotext "$tmp/astral.pdf" - 2>/dev/null | grep -q '部首人即人。'; then
    # Noto draws the radical ⼈ with the glyph of 人: one CID, whose
    # ToUnicode must be the ordinary character, so that 人 is found
    fail "$T/astral" "a glyph shared by 人 and the radical ⼈ should extract as 人: $(pdftotext "$tmp/astral.pdf" - 2>/dev/null | grep 部首)"
else
    pass "$T/astral: 𠮷 in Noto Sans CJK SC Bold extracted as written; 人 and ⼈ share a glyph, which extracts as 人"
fi

# render NAME PDF PAGE: the page as grey PGMs from the three renderers, at
# 50 dpi, into $tmp/px/NAME-PAGE.{pp,mu,gs}.pgm; their stderr beside them.
mkdir -p "$tmp/px"
render() {
    b=$tmp/px/$1-$3
    pdftoppm -r 50 -gray -f "$3" -l "$3" -singlefile "$2" "$b.pp" 2>"$b.pp.err" || echo "status $?" >>"$b.pp.err"
    # -N: no colour management (Debian's MuPDF says "ICC support is not available" otherwise)
    mutool draw -N -q -r 50 -c gray -F pgm -o "$b.mu.pgm" "$2" "$3" 2>"$b.mu.err" || echo "status $?" >>"$b.mu.err"
    gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pgmraw -r50 -dTextAlphaBits=4 -dGraphicsAlphaBits=4 \
        -dFirstPage="$3" -dLastPage="$3" -sOutputFile="$b.gs.pgm" "$2" >"$b.gs.err" 2>&1 || echo "status $?" >>"$b.gs.err"
}
# noto title, agenda, a divider, Q&A slides, the closing; name-keyed; 𠮷
pages_noto="1 2 4 5 6 20 34"
for p in $pages_noto; do render noto "$pdf" "$p"; done
[ -f "$tmp/nimbus.pdf" ] && render nimbus "$tmp/nimbus.pdf" 5
[ -f "$tmp/astral.pdf" ] && render astral "$tmp/astral.pdf" 3
worst=0
worst_at=
problems=
for b in "$tmp"/px/*.pp.pgm; do
    b=${b%.pp.pgm}
    at=$(basename "$b")
    for r in pp mu gs; do
        if [ -s "$b.$r.err" ]; then
            problems="$problems $at: $r says $(head -n 1 "$b.$r.err");"
        fi
    done
    for pair in "pp mu" "pp gs" "mu gs"; do
        set -- $pair
        out=$("$TOOLS/pgmdiff" -l 2 "$b.$1.pgm" "$b.$2.pgm" 2>&1) && st=0 || st=$?
        pct=$(printf '%s' "$out" | sed -n 's/.*(\([0-9.]*\)%).*/\1/p')
        if [ "$st" -ne 0 ]; then
            problems="$problems $at: $1 vs $2: ${out#pgmdiff: };"
        elif [ -n "$pct" ] && awk "BEGIN { exit !($pct > $worst) }"; then
            worst=$pct
            worst_at="$at $1/$2"
        fi
    done
done
if [ -z "$problems" ]; then
    pass "$T/renderers: poppler, MuPDF and Ghostscript agree on $(ls "$tmp"/px/*.pp.pgm | wc -l) pages, silently (worst: $worst% of content pixels, $worst_at)"
else
    fail "$T/renderers" "$problems"
fi

# ---------------------------------------------------------------- refused formats
# refused NAME FONTFILE WANT: a template whose hei role is FONTFILE fails
# with exit 3 and an error naming the file and WANT; no PDF.
refused() {
    sed -e "s|^  hei: .*|  hei: [\"$2\"]|" templates/default.yaml >"$tmp/$1.yaml"
    dp_run "$tmp/$1" "$DP" slides "$deck" --template "$tmp/$1.yaml" -o "$tmp/$1.pdf"
    if [ "$rc" -eq 3 ] && [ ! -e "$tmp/$1.pdf" ] &&
        grep -q "^$tmp/$1.yaml:[0-9]*:[0-9]*: error: font file .*$(basename "$2") is $3, which deckpress cannot embed" "$tmp/$1/err"; then
        pass "$T/refused/$1: $(grep -m 1 'error:' "$tmp/$1/err" | sed "s|$tmp/||")"
    else
        fail "$T/refused/$1" "$(dp_run_detail "$tmp/$1")"
    fi
}
type1=$(fc-list ':fontformat=Type 1' file | sed -n 's/: *$//p' | sort | head -n 1)
if [ -n "$type1" ]; then
    refused type1 "$type1" "a PostScript Type 1 font"
else
    fail "$T/refused/type1" "no Type 1 font installed (fonts-urw-base35)"
fi
# A real WOFF 1.0 of Manrope (zlib-compressed tables, stdlib only).
"$PY" - /usr/share/fonts/truetype/manrope/Manrope-Regular.ttf "$tmp/Manrope.woff" <<'EOF'
import struct, sys, zlib
sfnt = open(sys.argv[1], "rb").read()
flavor, n = struct.unpack(">IH", sfnt[:6])
tables = [struct.unpack(">4sIII", sfnt[12 + 16 * i:28 + 16 * i]) for i in range(n)]
head = 44 + 20 * n
entries, blobs, off = b"", b"", head
for tag, csum, o, length in tables:
    raw = sfnt[o:o + length]
    z = zlib.compress(raw)
    data = z if len(z) < length else raw
    entries += struct.pack(">4sIIII", tag, off, len(data), length, csum)
    data += b"\0" * (-len(data) % 4)
    blobs += data
    off += len(data)
total = head + len(blobs)
header = struct.pack(">4sIIHHIHHIIIII", b"wOFF", flavor, total, n, 0, len(sfnt), 1, 0, 0, 0, 0, 0, 0)
open(sys.argv[2], "wb").write(header + entries + blobs)
EOF
refused woff "$tmp/Manrope.woff" "a WOFF web font"

# ---------------------------------------------------------------- packages
# `make` installs fonts-noto-cjk only for a deck of decks/ with
# `template: noto`; `make test` always (scripts/setup.sh).
mkdir -p "$tmp/decks-plain" "$tmp/decks-noto"
cp decks/*.yaml "$tmp/decks-plain/"
printf 'title: x\ntemplate: noto\n' >"$tmp/decks-noto/noto.yaml"
want_plain=$(DP_SETUP_PRINT=1 DP_DECKS=$tmp/decks-plain sh scripts/setup.sh build)
want_noto=$(DP_SETUP_PRINT=1 DP_DECKS=$tmp/decks-noto sh scripts/setup.sh build)
want_test=$(DP_SETUP_PRINT=1 DP_DECKS=$tmp/decks-plain sh scripts/setup.sh test)
has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }
if ! has "$want_plain" fonts-noto-cjk && has "$want_noto" fonts-noto-cjk && has "$want_test" fonts-noto-cjk &&
    has "$want_test" ghostscript && has "$want_test" fonts-urw-base35; then
    pass "$T/setup: fonts-noto-cjk for make only with a noto deck, always for make test"
else
    fail "$T/setup" "build: $want_plain | with a noto deck: $want_noto | test: $want_test"
fi

# ---------------------------------------------------------------- deckpress fonts
# CFF faces are listed as usable, with their format and what bold becomes.
dp_run "$tmp/fonts-noto" "$DP" fonts "$deck" --template noto
dp_run "$tmp/fonts-default" "$DP" fonts "$deck"
missing=
grep -q 'NotoSansCJK-Regular.ttc (face 2): Noto Sans CJK SC Regular, OpenType/CFF' "$tmp/fonts-noto/out" ||
    missing="$missing Noto Sans CJK SC as OpenType/CFF;"
grep -q 'bold: Noto Sans CJK SC Bold (.*NotoSansCJK-Bold.ttc, face 2)' "$tmp/fonts-noto/out" ||
    missing="$missing its bold face;"
grep -q 'not installed\|cannot embed' "$tmp/fonts-noto/out" && missing="$missing a face reported missing;"
grep -A1 'Micro Hei Regular, TrueType' "$tmp/fonts-default/out" | grep -q 'bold: fake (fill and stroke): the family has one weight' ||
    missing="$missing Micro Hei's fake bold (default template);"
if [ "$rc" -eq 0 ] && [ -z "$missing" ]; then
    pass "$T/fonts-command: CFF faces usable, format and bold face shown"
else
    fail "$T/fonts-command" "status $rc; missing:$missing $(head -n 12 "$tmp/fonts-noto/out" | tr '\n' '|')"
fi
