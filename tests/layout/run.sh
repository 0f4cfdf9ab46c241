#!/bin/sh
# Golden layout tests. `make golden` rewrites every golden below from the
# current engine; review the diff before committing it. Dumps show a
# decoration (the cover's motif, a contents row's dotted leader, the QR
# code's modules) as one "group" line, so goldens show what matters.
#
# 1. Each tests/layout/NAME.yaml is laid out with `deckpress slides --dump`
#    and compared with NAME.dlist; a deck with a "# golden: handout" line
#    also with `deckpress handout --dump` against NAME.handout.dlist.
# 2. Each deck named in tests/layout/decks.list (NAME PATH; PATH in the
#    repository, or wild/FILE for ../shared/decks-wild) gets goldens in
#    tests/layout/decks/: its slides at 16:9 and 4:3 (NAME.slides-16x9),
#    its booklet (NAME.booklet) and every N-up layout at both aspects
#    (NAME.nup-N-16x9: the sheets, where each slide is placed, and the
#    sheet's own head, folio, frames, captions, notes and rules).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp layout || exit 0
tmp=$(dp_tmpdir)
root=$(pwd)
wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"

# compare LABEL WANT DIR: DIR/out against WANT (or rewrite it)
compare() {
    if [ "$rc" -ne 0 ]; then
        fail "$1" "$(dp_run_detail "$3")"
    elif [ "${DP_GOLDEN:-}" = 1 ]; then
        cp "$3/out" "$2"
        pass "$1 (rewritten)"
    elif [ ! -f "$2" ]; then
        fail "$1" "no $2: run make golden"
    elif diff -u "$2" "$3/out" >"$3.diff"; then
        pass "$1"
    else
        fail "$1" "layout changed: $(head -c 400 "$3.diff")"
    fi
}

for deck in tests/layout/*.yaml; do
    name=$(basename "$deck" .yaml)
    want="tests/layout/$name.dlist"
    dp_run "$tmp/$name" "$DP" slides "$deck" -o "$tmp/$name.pdf" --dump
    compare "layout/$name" "$want" "$tmp/$name"
    # NAME.handout.dlist: the booklet of the same deck too
    hwant="tests/layout/$name.handout.dlist"
    [ -f "$hwant" ] || [ "${DP_GOLDEN:-}" = 1 ] && grep -q '^# golden: handout' "$deck" || continue
    dp_run "$tmp/$name-h" "$DP" handout "$deck" -o "$tmp/$name.handout.pdf" --dump
    compare "layout/$name.handout" "$hwant" "$tmp/$name-h"
done

# golden NAME VARIANT DIR FILE ARGS...: FILE laid out inside DIR (so source
# positions in the dump name the deck as FILE, wherever the tree is)
golden() {
    g_name=$1 g_var=$2 g_dir=$3 g_file=$4
    shift 4
    g_out=$tmp/decks/$g_name.$g_var
    mkdir -p "$g_out"
    (cd "$g_dir" && dp_run "$g_out" "$DP" "$@" "$g_file" -o "$g_out.pdf" --dump -q)
    rc=$(cat "$g_out/rc")
    compare "layout/decks/$g_name.$g_var" "$root/tests/layout/decks/$g_name.$g_var.dlist" "$g_out"
}

mkdir -p tests/layout/decks
grep -v '^#' tests/layout/decks.list | while read -r name path; do
    [ -n "$name" ] || continue
    case $path in
        wild/*) dir=$wild file=${path#wild/} ;;
        *) dir=$root file=$path ;;
    esac
    if [ ! -f "$dir/$file" ]; then
        fail "layout/decks/$name" "no deck $dir/$file"
        continue
    fi
    golden "$name" booklet "$dir" "$file" handout --layout booklet
    for aspect in 16:9 4:3; do
        a=$(echo "$aspect" | tr : x)
        golden "$name" "slides-$a" "$dir" "$file" slides --aspect "$aspect"
        for n in 1 2 3 4 6 9; do
            golden "$name" "nup-$n-$a" "$dir" "$file" handout --layout "$n" --aspect "$aspect"
        done
    done
done
