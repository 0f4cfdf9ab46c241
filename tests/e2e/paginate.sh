#!/bin/sh
# Pagination of items too long for one slide (layout_paginate.c, issue 13
# point 3), on the decks that need it most, at 16:9 and 4:3:
#   fill, widow   (tests/e2e/invariants.py) no continuation slide under 40 %
#                 of its frame unless one whole block is left; no paragraph
#                 split with fewer than two lines on a side
#   running-head  every （续） slide repeats its question (with （续）) in the
#                 text a PDF reader extracts
#   band-whole    decks/example.yaml: the continuation slide holds more than
#                 the 解析 band alone (it used to)
#   warning       the warning names the item, its line and how many slides
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp paginate || exit 0
need_tools paginate pdftotext "$PY" || exit 0
tmp=$(dp_tmpdir)
wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"
for deck in decks/example.yaml "$wild/founders-fireside-shanghai.yaml" "$wild/llm-app-dev-60q.yaml"; do
    [ -f "$deck" ] || continue
    name=$(basename "$deck" .yaml)
    for aspect in 16:9 4:3; do
        d=$tmp/$name-${aspect%%:*}
        NO_COLOR=1 dp_run "$d" "$DP" slides "$deck" --aspect "$aspect" -o "$d.pdf" --dump
        if [ "$rc" -ne 0 ]; then fail "paginate/$name/$aspect" "$(dp_run_detail "$d")"; continue; fi
        "$PY" tests/e2e/invariants.py --rules fill,widow dump "paginate/$name/$aspect" "$d/out" > "$d.res"
        record_lines "$d.res"
        conts=$(grep -c '^  flow piece=[2-9]' "$d/out" || true)
        pdftotext "$d.pdf" - | tr -d ' ' | awk 'BEGIN{RS="\f"} /（续）/{n++} END{print n+0}' > "$d.heads"
        if [ "$conts" -gt 0 ] && [ "$(cat "$d.heads")" -ge "$conts" ]; then
            pass "paginate/$name/$aspect/running-head"
        else
            fail "paginate/$name/$aspect/running-head" "$conts continuation pieces, $(cat "$d.heads") pages with （续）"
        fi
        if grep -q 'warning: item [0-9]* (".*") does not fit .* it continues on [0-9]* （续） slides*, [0-9]* slides in all' "$d/err" &&
            grep -Eq "^$deck:[0-9]+:[0-9]+: warning: item" "$d/err"; then
            pass "paginate/$name/$aspect/warning"
        else
            fail "paginate/$name/$aspect/warning" "$(grep -m1 warning "$d/err" || echo no warning)"
        fi
    done
done
# decks/example.yaml item 1: its （续） slide holds answer text, not the band alone
"$DP" slides decks/example.yaml -o "$tmp/ex.pdf" --dump 2>/dev/null |
    awk '/^page /{p=$2} /^  flow piece=2/{print p}' > "$tmp/ex.cont"
page=$(head -1 "$tmp/ex.cont")
if [ -n "$page" ] && "$DP" slides decks/example.yaml -o "$tmp/ex.pdf" --dump 2>/dev/null |
    awk -v p="$page" '$1=="page"{cur=$2} cur==p && /@decks\/example.yaml:59:/{n++} END{exit n>0?0:1}'; then
    pass paginate/example/band-not-alone
else
    fail paginate/example/band-not-alone "the （续） slide of item 1 (page ${page:-?}) holds no answer line"
fi
