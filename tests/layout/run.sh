#!/bin/sh
# Golden layout tests: each tests/layout/NAME.yaml is laid out with
# `deckpress slides --dump` and compared with NAME.dlist; a deck with a
# "# golden: handout" line also with `deckpress handout --dump` against
# NAME.handout.dlist. `make golden`
# rewrites the .dlist files; review the diff before committing it.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp layout || exit 0
tmp=$(dp_tmpdir)
for deck in tests/layout/*.yaml; do
    name=$(basename "$deck" .yaml)
    want="tests/layout/$name.dlist"
    dp_run "$tmp/$name" "$DP" slides "$deck" -o "$tmp/$name.pdf" --dump
    if [ "$rc" -ne 0 ]; then
        fail "layout/$name" "$(dp_run_detail "$tmp/$name")"
    elif [ "${DP_GOLDEN:-}" = 1 ]; then
        cp "$tmp/$name/out" "$want"
        pass "layout/$name (rewritten)"
    elif [ ! -f "$want" ]; then
        fail "layout/$name" "no $want: run make golden"
    elif diff -u "$want" "$tmp/$name/out" >"$tmp/$name.diff"; then
        pass "layout/$name"
    else
        fail "layout/$name" "layout changed: $(head -c 400 "$tmp/$name.diff")"
    fi
    # NAME.handout.dlist: the booklet of the same deck too
    hwant="tests/layout/$name.handout.dlist"
    [ -f "$hwant" ] || [ "${DP_GOLDEN:-}" = 1 ] && grep -q '^# golden: handout' "$deck" || continue
    dp_run "$tmp/$name-h" "$DP" handout "$deck" -o "$tmp/$name.handout.pdf" --dump
    if [ "$rc" -ne 0 ]; then
        fail "layout/$name.handout" "$(dp_run_detail "$tmp/$name-h")"
    elif [ "${DP_GOLDEN:-}" = 1 ]; then
        cp "$tmp/$name-h/out" "$hwant"
        pass "layout/$name.handout (rewritten)"
    elif diff -u "$hwant" "$tmp/$name-h/out" >"$tmp/$name-h.diff"; then
        pass "layout/$name.handout"
    else
        fail "layout/$name.handout" "layout changed: $(head -c 400 "$tmp/$name-h.diff")"
    fi
done
