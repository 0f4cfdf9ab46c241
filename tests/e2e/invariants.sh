#!/bin/sh
# The layout invariants (issue 13 point 7, tests/e2e/invariants.py) over
# every deck the tests know: decks/*.yaml, tests/layout/*.yaml and every
# deck in ../shared/decks-wild, slides at 16:9 and 4:3, the booklet and N-up
# handouts; checked twice: on the display list (--dump) and on what a PDF
# reader sees (pdftotext -bbox-layout). A failure is named
# invariants/DECK/VARIANT/RULE and its detail names page and element:
#   safe-area no-overlap fill widow kinsoku short-last   (see invariants.py)
# The last note adds up what was checked over all decks.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp invariants || exit 0
need_tools invariants pdftotext "$PY" || exit 0
tmp=$(dp_tmpdir)
wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"
results=""

check() { # NAME KIND(dump|pdf) FILE
    "$PY" tests/e2e/invariants.py "$2" "$1" "$3" > "$3.res" 2>&1 || echo "FAIL $1/checker: invariants.py failed: $(tail -1 "$3.res")" >> "$3.res"
    grep -v '^# count' "$3.res" > "$3.show" || true
    record_lines "$3.show"
    results="$results $3.res"
}

run() { # NAME DECK ARGS... : lay out, write, check the dump and the PDF
    label=$1 deck=$2
    shift 2
    d=$tmp/$(echo "$label" | tr '/:' '__')
    mkdir -p "$d"
    dp_run "$d/run" "$DP" "$@" "$deck" -o "$d/out.pdf" --dump -q
    if [ "$rc" -ne 0 ]; then
        fail "invariants/$label" "$(dp_run_detail "$d/run")"
        return
    fi
    case " $* " in
        *" --layout booklet "* | *" slides "*) check "invariants/$label/dump" dump "$d/run/out" ;;
    esac
    pdftotext -bbox-layout "$d/out.pdf" "$d/bbox.html" 2>/dev/null ||
        { fail "invariants/$label/pdf" "pdftotext -bbox-layout failed"; return; }
    check "invariants/$label/pdf" pdf "$d/bbox.html"
}

for deck in decks/*.yaml tests/layout/*.yaml "$wild"/*.yaml; do
    [ -f "$deck" ] || continue
    name=$(basename "$deck" .yaml)
    run "$name/16x9" "$deck" slides --aspect 16:9
    run "$name/4x3" "$deck" slides --aspect 4:3
    run "$name/booklet" "$deck" handout --layout booklet
    run "$name/6up" "$deck" handout --layout 6
    run "$name/3up-4x3" "$deck" handout --layout 3 --aspect 4:3
done
# shellcheck disable=SC2086
"$PY" tests/e2e/invariants.py sum $results
