#!/bin/sh
# tests/e2e/layouts.sh: the handout layouts are one table (dp_handout_layouts,
# src/load/deck.h). `deckpress --help` prints its words; every other place follows.
#   layouts/docs/*        the schema's enum and description, the completion,
#                         the man page (rendered), the README and
#                         decks/example.yaml name exactly
#                         the layouts --help does (tests/e2e/layoutdocs.py)
#   layouts/docs-catch/*  the same check fails on a README and a completion
#                         that miss a layout (so it cannot pass blindly)
#   layouts/render/L      --layout L writes a handout for every L of --help;
#                         N-up: ceil(S / L) sheets for the S sheets of 1-up
#   layouts/bad-cli/N     --layout N for an N not in the table (of 0 5 7 12 x):
#                         exit 2, the error lists the layouts; nothing written
#   layouts/bad-deck      handout: {layout: 13} in a deck: file:line:col error,
#                         exit 1, nothing written
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=layouts
need_tools "$T" "$PY" groff pdfinfo || exit 0
need_dp "$T" || exit 0
t=$(dp_tmpdir)
"$DP" --help >"$t/help"

st=0
"$PY" tests/e2e/layoutdocs.py "$t/help" . >"$t/docs" 2>&1 || st=$?
record_lines "$t/docs" "$T/docs" "$st"

# docs-catch NAME FILE SED: the checker on a copy with FILE edited must fail NAME
catch() {
    c=$t/copy-$1
    mkdir -p "$c/docs" "$c/completions" "$c/decks"
    cp decks/example.yaml "$c/decks/"
    cp README.md deckpress.1 "$c/"
    cp docs/deck.schema.json "$c/docs/"
    cp completions/deckpress.bash "$c/completions/"
    sed -i "$3" "$c/$2"
    "$PY" tests/e2e/layoutdocs.py "$t/help" "$c" >"$c/out" 2>&1 || true
    if grep -q "^FAIL layouts/docs/$1" "$c/out"; then
        pass "$T/docs-catch/$1"
    else
        fail "$T/docs-catch/$1" "the check passed with $2 edited by '$3'"
    fi
}
catch readme README.md 's/1, 2, 3, 4, 6 or 9/1, 2, 3, 4 or 6/'
catch completion completions/deckpress.bash 's/"booklet 1 2 3 4 6 9"/"booklet 1 2 3 4 6"/'

words=$(dp_layouts)
deck=decks/llm-founders-meetup.yaml
one=
for L in $words; do
    dp_run "$t/r$L" "$DP" handout "$deck" --layout "$L" -o "$t/h$L.pdf" -q
    pages=$(pdfinfo "$t/h$L.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    want=$pages
    case $L in
        1) one=$pages ;; # one slide a sheet: the handout's slide count
        *[!0-9]*) ;;
        *) [ -n "$one" ] && want=$(((one + L - 1) / L)) ;;
    esac
    if [ "$rc" -ne 0 ] || [ -z "$pages" ] || [ "$pages" -lt 1 ] || [ "$pages" != "$want" ]; then
        fail "$T/render/$L" "exit $rc, $pages pages (want $want): $(first_line "$t/r$L/err")"
    else
        pass "$T/render/$L"
    fi
done

for N in 0 5 7 12 x; do
    case " $words " in *" $N "*) continue ;; esac # a layout after all
    dp_run "$t/bad$N" "$DP" handout "$deck" --layout "$N" -o "$t/bad$N.pdf"
    if [ "$rc" -eq 2 ] && grep -q "unknown handout layout \"$N\"" "$t/bad$N/err" &&
        grep -q "use $(echo $words | sed 's/ /, /g; s/, \([^,]*\)$/ or \1/')" "$t/bad$N/err" &&
        [ ! -e "$t/bad$N.pdf" ]; then
        pass "$T/bad-cli/$N"
    else
        fail "$T/bad-cli/$N" "exit $rc: $(one_line "$(cat "$t/bad$N/err")")"
    fi
done

bad=13
sed "s/^\(  *layout: *\).*/\1$bad/" decks/example.yaml >"$t/five.yaml"
line=$(grep -n "^  *layout: *$bad" "$t/five.yaml" | cut -d: -f1)
dp_run "$t/deck5" "$DP" handout "$t/five.yaml" -o "$t/five.pdf"
if [ -n "$line" ] && [ "$rc" -eq 1 ] && grep -q "five.yaml:$line:[0-9]*: error: " "$t/deck5/err" &&
    [ ! -e "$t/five.pdf" ]; then
    pass "$T/bad-deck"
else
    fail "$T/bad-deck" "line '$line', exit $rc: $(one_line "$(cat "$t/deck5/err")")"
fi
