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
# and on decks-wild's code and table items (16:9 and 4:3):
#   code-whole    python-hz item 2: its six-line command stays whole on one
#                 slide with its lead-in 完整命令： (two of its lines used to be
#                 kept back to keep the 解析 band company)
#   wrapped       (invariants.py widow) no piece opens with the rest of a
#                 code line wrapped for width
#   head-words    python-hz item 2's running head breaks between words, not
#                 inside 启动 (一启|动 before)
#   table-head    ml-interview item 2: the （续） slide that continues its table
#                 repeats the header row (方法 优点 缺点)
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

# decks-wild decks with code and tables: pages as pdftotext gives them
pages_with() { # PDF STRING...: numbers of the pages holding every STRING
    pw_pdf=$1
    shift
    pdftotext -layout "$pw_pdf" - | "$PY" -c '
import sys
want = sys.argv[1:]
for no, page in enumerate(sys.stdin.read().split("\f"), 1):
    if all(w in page for w in want):
        print(no)' "$@"
}
ph="$wild/python-hz-27-llm-engineering.yaml" ml="$wild/ml-interview-night-3.yaml"
for aspect in 16:9 4:3; do
    a=${aspect%%:*}
    [ -f "$ph" ] || break
    d=$tmp/ph-$a
    dp_run "$d" "$DP" slides "$ph" --aspect "$aspect" -o "$d.pdf" --dump -q
    if [ "$rc" -ne 0 ]; then fail "paginate/python-hz/$aspect" "$(dp_run_detail "$d")"; continue; fi
    "$PY" tests/e2e/invariants.py --rules widow dump "paginate/python-hz/$aspect" "$d/out" > "$d.res"
    record_lines "$d.res"
    first=$(pages_with "$d.pdf" "python -m" "--model Qwen" | head -1)
    if [ -n "$first" ] && pages_with "$d.pdf" "python -m" "--port 8000" "完整命令" | grep -qx "$first"; then
        pass "paginate/python-hz/$aspect/code-whole"
    else
        fail "paginate/python-hz/$aspect/code-whole" "the command of item 2 is not whole on page ${first:-?} with its lead-in"
    fi
    if pdftotext "$d.pdf" - | grep -q '一启$'; then
        fail "paginate/python-hz/$aspect/head-words" "a running head breaks 一启|动"
    else
        pass "paginate/python-hz/$aspect/head-words"
    fi
done
for aspect in 16:9 4:3; do
    a=${aspect%%:*}
    [ -f "$ml" ] || break
    d=$tmp/ml-$a
    dp_run "$d" "$DP" slides "$ml" --aspect "$aspect" -o "$d.pdf" --dump -q
    if [ "$rc" -ne 0 ]; then fail "paginate/ml-interview/$aspect" "$(dp_run_detail "$d")"; continue; fi
    # pages continuing item 2's table (the piece starts in a table's body: head=N in the dump)
    conts=$(awk '/^page /{p=$2} /^  flow piece=[2-9].*split=inside/{print p}' "$d/out" | sort -u)
    table=$(awk '/^page /{p=$2} /"随机欠采样"|"SMOTE"|"调整阈值"/{print p}' "$d/out" | sort -u)
    cont=$(for p in $conts; do echo "$table" | grep -qx "$p" && echo "$p"; done | head -1)
    if [ -z "$cont" ]; then
        pass "paginate/ml-interview/$aspect/table-head (the table is not continued)"
    elif pages_with "$d.pdf" "方法" "优点" "缺点" | grep -qx "$cont"; then
        pass "paginate/ml-interview/$aspect/table-head"
    else
        fail "paginate/ml-interview/$aspect/table-head" "page $cont continues the table without its header row"
    fi
done
