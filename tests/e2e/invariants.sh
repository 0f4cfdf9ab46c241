#!/bin/sh
# The layout invariants (issue 13 point 7, tests/e2e/invariants.py) over
# every deck the tests know: decks/*.yaml, tests/layout/*.yaml, every deck in
# ../shared/decks-wild and two generated decks (bench/gen_deck.py), slides at
# 16:9 and 4:3, the booklet and N-up handouts; checked twice: on the display
# list (--dump) and on what a PDF reader sees (pdftotext -bbox-layout). A
# failure is named invariants/DECK/VARIANT/RULE and its detail names page
# and element:
#   safe-area no-overlap frames fill widow kinsoku short-last   (see invariants.py)
# The last note adds up what was checked over all decks. First the checker
# itself is shown a page breaking each rule (invariants/catches/RULE).
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

# the checker catches what it is for: one page breaking each rule
catches() { # RULE DUMP-LINES...
    rule=$1
    shift
    printf '%s\n' "$@" > "$tmp/catch-$rule.dump"
    if "$PY" tests/e2e/invariants.py --rules "$rule" dump c "$tmp/catch-$rule.dump" | grep -q "^FAIL c/$rule:"; then
        pass "invariants/catches/$rule"
    else
        fail "invariants/catches/$rule" "a page breaking $rule passes the checker"
    fi
}
catches safe-area 'page 1 960x540' '  text 2.00,40.00 face=0 size=20.00 w=40.00 "边缘" @d.yaml:1:1'
catches no-overlap 'page 1 960x540' '  group motif 492.38,60.00 407.62x407.62 ops=276 colors=#d63f24' \
    '  text 60.00,456.00 face=0 size=22.00 w=840.00 "副标题很长" @d.yaml:2:1'
catches frames 'page 1 960x540' '  text 100.00,200.00 face=0 size=20.00 w=300.00 "答案的一行" @d.yaml:3:1' \
    '  text 300.00,220.00 face=0 size=20.00 w=100.00 "另一行" @d.yaml:3:1' \
    '  text 120.00,220.00 face=0 size=20.00 w=40.00 "图注" @d.yaml:9:1'
catches fill 'page 1 960x540' '  flow piece=2/2 frame=182.00-476.00 used=40.00 split=paragraph' \
    '  text 200.00,200.00 face=0 size=20.00 w=40.00 "一行" @d.yaml:3:1'
catches widow 'page 1 960x540' '  flow piece=2/2 frame=182.00-476.00 used=200.00 split=inside lines=4+2' \
    '  text 200.00,200.00 face=6 size=18.00 w=10.00 "↪" @d.yaml:3:1' \
    '  text 212.00,200.00 face=6 size=18.00 w=100.00 "rest_of_line)" @d.yaml:3:1'
catches kinsoku 'page 1 960x540' '  text 200.00,200.00 face=0 size=20.00 w=60.00 "。开头" @d.yaml:3:1'
catches short-last 'page 1 960x540' \
    '  text 200.00,200.00 face=0 size=20.00 w=400.00 "一二三四五六七八九十一二三四五六七八九十" @d.yaml:3:1' \
    '  text 200.00,234.00 face=0 size=20.00 w=30.00 "对接。" @d.yaml:3:1'

# generated decks: the benchmark's text, sections of several sizes
"$PY" bench/gen_deck.py 30 --seed 3 --per-section 7 > "$tmp/gen30.yaml"
"$PY" bench/gen_deck.py 12 --seed 11 --per-section 12 > "$tmp/gen12.yaml"

for deck in decks/*.yaml tests/layout/*.yaml "$wild"/*.yaml "$tmp"/gen*.yaml; do
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
