#!/bin/sh
# tests/e2e/valgrind.sh: memcheck finds no memory error and no leak when
# deckpress builds the meetup deck. Each check runs
#     valgrind --error-exitcode=99 --leak-check=full
#              --errors-for-leak-kinds=definite,indirect ...
# so any invalid read or write, use of uninitialised memory, or definitely or
# indirectly lost block fails it (the run must otherwise exit as expected):
#   valgrind/slides         deckpress slides (exit 0)
#   valgrind/build          deckpress build: slides and handout in one run (exit 0)
#   valgrind/handout-4up    deckpress handout --layout 4 (exit 0)
#   valgrind/error-path     a deck with an unknown key: exit 1, and the early
#                           return frees everything too
# No suppressions are needed today; should a third-party library (fontconfig,
# libharu) ever need one, put it in tests/e2e/valgrind.supp (third-party
# frames only) and it is used.
# Skipped under the sanitizer build (valgrind cannot run ASan binaries).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=valgrind
deck=decks/llm-founders-meetup.yaml
export SOURCE_DATE_EPOCH=1764547200

if [ -n "${DP_SANITIZED:-}" ]; then
    echo "   note: sanitizer build; valgrind skipped"
    exit 0
fi
need_tools "$T" valgrind timeout || exit 0
need_dp "$T" || exit 0

supp=
[ -f tests/e2e/valgrind.supp ] && supp=--suppressions=tests/e2e/valgrind.supp
tmp=$(dp_tmpdir)

# vg NAME WANT_STATUS ARGS...
vg() {
    name=$1
    want=$2
    shift 2
    d=$tmp/$name
    mkdir -p "$d"
    # shellcheck disable=SC2086
    dp_run "$d" valgrind -q --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
        --num-callers=30 $supp "$DP" "$@"
    if [ "$rc" -eq 99 ]; then
        fail "$T/$name" "memcheck: $(grep -m 4 -E '^==[0-9]+== ([A-Z]|[0-9,]+ bytes)' "$d/err" | sed 's/^==[0-9]*== //')"
        echo "   valgrind report (for where uninitialised values come from, rerun with --track-origins=yes):"
        grep '^==' "$d/err" | head -n 40 | sed 's/^/   | /'
    elif [ "$rc" -ne "$want" ]; then
        fail "$T/$name" "$(dp_run_detail "$d") (want status $want)"
    else
        pass "$T/$name"
    fi
}

vg slides 0 slides "$deck" -o "$tmp/s.pdf" -q
vg build 0 build "$deck" -o "$tmp/out" -q
vg handout-4up 0 handout "$deck" -o "$tmp/h4.pdf" --layout 4 -q
vg error-path 1 slides tests/errors/unknown-key.yaml -o "$tmp/e.pdf"
