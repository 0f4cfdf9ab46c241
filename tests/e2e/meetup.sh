#!/bin/sh
# tests/e2e/meetup.sh: render decks/llm-founders-meetup.yaml with
# SOURCE_DATE_EPOCH=1764547200 and check the PDF with real PDF readers:
#   render            exit 0, a PDF written, no sanitizer report, no "error:"
#   qpdf-check        qpdf --check finds nothing (status 0, no warnings)
#   dump              --dump exits 0 and prints pages
#   pages-match-dump  pdfinfo Pages == pages in the --dump, and >= 33
#   page-structure    Pages == cover + agenda + sections + items + closing
#                     (+ an intro slide) + pages marked （续）, counted from the deck
#   page-size         every page is 960 x 540 pts (pdfinfo -f 1 -l N)
#   creation-date     the PDF's CreationDate is SOURCE_DATE_EPOCH (it must be
#                     there: the variable is set)
#   fonts             pdffonts: every font emb/sub/uni yes, CID TrueType
#   pdftotext-clean   pdftotext exits 0 without warnings
#   questions/answers/analyses/item-titles-in-order: each item's text comes
#                     back from pdftotext in deck order (whitespace-insensitive,
#                     NFKC, markup stripped; may flow onto a （续） page)
#   titles-and-closing  deck title, subtitle, section titles, intro title and
#                     body, closing title and body are all in the text
#   page-labels       /PageLabels: cover 封面 or none, then "1", "2", ... (qpdf --json)
#   reproducible      a second render over the first is byte-identical (cmp)
#   bad-edit-*        a broken copy of the deck (unknown key / YAML syntax)
#                     fails with file:line:col: error: and exit 1, leaving the
#                     last good PDF byte-identical and no temp file beside it
#   pdftoppm          pages 1-3 rasterise at 30 dpi with nothing on stderr
#   mutool-draw       every page renders with MuPDF with nothing on stderr
#                     (but Debian's constant "ICC support is not available")
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

deck=decks/llm-founders-meetup.yaml
export SOURCE_DATE_EPOCH=1764547200
T=meetup

need_tools "$T" pdfinfo pdffonts pdftotext pdftoppm qpdf mutool cmp timeout "$PY" || exit 0
need_dp "$T" || exit 0
if [ ! -f "$deck" ]; then
    fail "$T" "no $deck"
    exit 0
fi

tmp=$(dp_tmpdir)
outdir=$tmp/out
mkdir -p "$outdir"
pdf=$outdir/llm-founders-meetup.slides.pdf

# ---------------------------------------------------------------- render
dp_run "$tmp/r1" "$DP" slides "$deck" -o "$pdf"
if [ "$rc" -ne 0 ] || [ ! -s "$pdf" ]; then
    fail "$T/render" "$(dp_run_detail "$tmp/r1")"
    exit 0
fi
if crash=$(crash_report "$tmp/r1/err"); then
    fail "$T/render" "exit 0 but stderr shows: $crash"
elif grep -q 'error:' "$tmp/r1/err"; then
    fail "$T/render" "exit 0 but stderr has an error: $(grep -m 1 'error:' "$tmp/r1/err")"
else
    pass "$T/render"
fi
if [ -s "$tmp/r1/err" ]; then
    echo "   note: stderr of the render:"
    head -n 5 "$tmp/r1/err" | sed 's/^/   | /'
fi
cp "$pdf" "$tmp/first.pdf"

# ---------------------------------------------------------------- structure
dp_run "$tmp/qpdf" qpdf --check "$pdf"
if [ "$rc" -eq 0 ]; then
    pass "$T/qpdf-check"
else
    fail "$T/qpdf-check" "status $rc: $(cat "$tmp/qpdf/out" "$tmp/qpdf/err" |
        grep -v -e '^checking' -e '^PDF Version' -e '^File is not' -e '^File is linearized' | head -n 3)"
fi

dp_run "$tmp/dump" "$DP" slides "$deck" -o "$tmp/dump.pdf" --dump
dump_pages=0
if [ "$rc" -eq 0 ]; then
    dump_pages=$("$PY" tests/e2e/dumpcheck.py dumppages "$tmp/dump/out") || dump_pages=0
fi
if [ "$rc" -ne 0 ]; then
    fail "$T/dump" "$(dp_run_detail "$tmp/dump")"
elif [ "$dump_pages" -eq 0 ]; then
    fail "$T/dump" "--dump printed no 'page N WxH' lines: $(head -c 200 "$tmp/dump/out")"
else
    pass "$T/dump"
fi

pdfinfo "$pdf" >"$tmp/info" 2>"$tmp/info.err" || true
pages=$(sed -n 's/^Pages: *\([0-9][0-9]*\).*/\1/p' "$tmp/info")
pages=${pages:-0}
if [ "$pages" -lt 33 ]; then
    fail "$T/pages-match-dump" "pdfinfo says $pages pages, want at least 33: $(first_line "$tmp/info.err")"
elif [ "$pages" -ne "$dump_pages" ]; then
    fail "$T/pages-match-dump" "pdfinfo says $pages pages, the --dump $dump_pages"
else
    pass "$T/pages-match-dump"
fi

pdftotext -enc UTF-8 "$pdf" "$tmp/text.txt" 2>"$tmp/text.err" && st=0 || st=$?
if [ "$st" -ne 0 ] || [ -s "$tmp/text.err" ]; then
    fail "$T/pdftotext-clean" "status $st: $(head -n 2 "$tmp/text.err")"
else
    pass "$T/pdftotext-clean"
fi
[ -f "$tmp/text.txt" ] || : >"$tmp/text.txt"

py_checks "$T/page-structure" structure "$T/page-structure" "$deck" "$tmp/text.txt" "$pages"

if [ "$pages" -gt 0 ]; then
    pdfinfo -f 1 -l "$pages" "$pdf" >"$tmp/sizes" 2>/dev/null || true
    py_checks "$T/page-size" sizes "$T/page-size" "$tmp/sizes" 960 540
fi

created=$(pdfinfo -isodates "$pdf" 2>/dev/null | sed -n 's/^CreationDate: *//p')
case $created in
    2025-12-01T00:00:00*) pass "$T/creation-date" ;;
    "") fail "$T/creation-date" "no CreationDate although SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH is set" ;;
    *) fail "$T/creation-date" "CreationDate $created, want 2025-12-01T00:00:00Z (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)" ;;
esac

pdffonts "$pdf" >"$tmp/fonts" 2>"$tmp/fonts.err" || true
py_checks "$T/fonts" fonts "$T/fonts" "$tmp/fonts"

# ---------------------------------------------------------------- text
py_checks "$T/text" text "$T" "$deck" "$tmp/text.txt"

# ---------------------------------------------------------------- page labels
if qpdf --json=2 --json-key=pagelabels "$pdf" >"$tmp/labels.json" 2>"$tmp/labels.err" ||
    qpdf --json --json-key=pagelabels "$pdf" >"$tmp/labels.json" 2>"$tmp/labels.err"; then
    py_checks "$T/page-labels" labels "$T/page-labels" "$tmp/labels.json" "$pages"
else
    fail "$T/page-labels" "qpdf --json failed: $(first_line "$tmp/labels.err")"
fi

# ---------------------------------------------------------------- rebuilds
# The same deck rendered again over the first PDF: byte-identical, no leftovers.
dp_run "$tmp/r2" "$DP" slides "$deck" -o "$pdf"
extra=$(extra_files "$outdir" llm-founders-meetup.slides.pdf | sed "s/llm-founders-meetup\.slides\.pdfpc *//; s/ $//") # the notes file is an output
if [ "$rc" -ne 0 ]; then
    fail "$T/reproducible" "second render: $(dp_run_detail "$tmp/r2")"
elif ! cmp "$tmp/first.pdf" "$pdf" >"$tmp/cmp" 2>&1; then
    fail "$T/reproducible" "two renders differ: $(first_line "$tmp/cmp")"
elif [ -n "$extra" ]; then
    fail "$T/reproducible" "left beside the PDF: $extra"
else
    pass "$T/reproducible"
fi
cp "$tmp/first.pdf" "$pdf"

# A broken edit of a copy of the deck must fail and leave the last good PDF.
bad_edit() { # NAME SED-SCRIPT DESCRIPTION
    bdir=$tmp/bad-$1
    mkdir -p "$bdir"
    bdeck=$bdir/llm-founders-meetup.yaml
    sed "$2" "$deck" >"$bdeck"
    if cmp -s "$deck" "$bdeck"; then
        fail "$T/bad-edit-$1" "could not break the deck copy ($3)"
        return 0
    fi
    dp_run "$bdir/run" "$DP" slides "$bdeck" -o "$pdf"
    problems=
    [ "$rc" -eq 1 ] || problems="$problems; exit status $rc, want 1"
    line1=$(first_line "$bdir/run/err")
    case $line1 in
        "$bdeck":[0-9]*:[0-9]*": error: "*) ;;
        *) problems="$problems; stderr line 1 is not '$bdeck:LINE:COL: error: ...': [$line1]" ;;
    esac
    if crash=$(crash_report "$bdir/run/err"); then
        problems="$problems; crash: $crash"
    fi
    cmp -s "$tmp/first.pdf" "$pdf" || problems="$problems; the last good PDF was changed"
    extra=$(extra_files "$outdir" llm-founders-meetup.slides.pdf | sed "s/llm-founders-meetup\.slides\.pdfpc *//; s/ $//") # the notes file is an output
    [ -z "$extra" ] || problems="$problems; left beside the PDF: $extra"
    if [ -z "$problems" ]; then
        pass "$T/bad-edit-$1"
    else
        fail "$T/bad-edit-$1" "$3: ${problems#; }"
    fi
    cp "$tmp/first.pdf" "$pdf"
    rm -f "$outdir"/*.tmp* 2>/dev/null || true
}
# The first "answer:" key misspelt (a typo must not silently drop content).
bad_edit unknown-key '0,/^[[:space:]-]*answer:/s/answer:/anwser:/' 'first answer: renamed anwser:'
# An unclosed flow sequence right after the title line: a YAML syntax error.
bad_edit yaml-syntax '0,/^title:/s/^title:.*/&\nbroken: [unclosed/' 'unclosed [ after the title'

# ---------------------------------------------------------------- rasterise
mkdir -p "$tmp/png"
pdftoppm -r 30 -png -f 1 -l 3 "$pdf" "$tmp/png/p" 2>"$tmp/ppm.err" && st=0 || st=$?
n_png=$(find "$tmp/png" -name 'p*.png' | wc -l)
if [ "$st" -ne 0 ] || [ -s "$tmp/ppm.err" ] || [ "$n_png" -ne 3 ]; then
    fail "$T/pdftoppm" "status $st, $n_png PNGs, stderr: $(head -n 2 "$tmp/ppm.err")"
else
    pass "$T/pdftoppm"
fi

mutool draw -q -r 20 -o "$tmp/png/m%d.png" "$pdf" >"$tmp/mu.out" 2>"$tmp/mu.all" && st=0 || st=$?
# Debian's MuPDF is built without lcms2 and says so on every run.
grep -v 'ICC support is not available' "$tmp/mu.all" >"$tmp/mu.err" || true
if [ "$st" -ne 0 ] || [ -s "$tmp/mu.err" ]; then
    fail "$T/mutool-draw" "status $st: $(head -n 2 "$tmp/mu.err")"
else
    pass "$T/mutool-draw"
fi
