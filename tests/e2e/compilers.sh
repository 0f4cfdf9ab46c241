#!/bin/sh
# tests/e2e/compilers.sh: deckpress built with clang writes the same bytes
# as the gcc build every other test uses. C leaves some things to the
# compiler (the order in which a call's arguments are evaluated, for one: a
# buffer read before the call that moves it crashed only clang builds); one
# more compiler over the real decks catches what gcc hides.
#   compilers/clang-build     make BUILD=build-clang CC=clang builds deckpress
#                             at -O1 with clang's AddressSanitizer and
#                             UndefinedBehaviorSanitizer (another optimiser
#                             than gcc's -O2, and clang's UBSan checks what
#                             gcc's does not, such as NULL to qsort; leaks
#                             are valgrind's and gcc ASan's job)
#   compilers/clang-DECK      build of each decks/*.yaml (slides and handout)
#                             and a 4-up handout: byte-identical to gcc's,
#                             with the caches cold and warm (a warm subset
#                             cache changes which stream is compressed first)
# Skipped under the sanitizer build (tests/e2e/sanitizers.sh reruns this
# suite there; one clang comparison is enough).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=compilers
if [ -n "${DP_SANITIZED:-}" ]; then
    echo "   note: sanitizer build; compiler comparison skipped"
    exit 0
fi
need_tools "$T" clang make cmp || exit 0
need_dp "$T" || exit 0
t=$(dp_tmpdir)
CB=build-clang
export SOURCE_DATE_EPOCH=1764547200
unset DECKPRESS_NO_FONT_CACHE

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
if ! make -s -j2 BUILD="$CB" CC=clang OPT="-O1 $SAN" LDFLAGS="$SAN" "$CB/deckpress" >"$t/make.out" 2>&1; then
    fail "$T/clang-build" "$(tail -n 5 "$t/make.out")"
    exit 0
fi
pass "$T/clang-build"

for deck in decks/*.yaml; do
    name=$(basename "$deck" .yaml)
    bad=
    # gcc with empty caches (filling them), clang with those warm, clang cold
    for run in gcc:cache-$name clang:cache-$name clang:cold-$name; do
        cc=${run%%:*}
        out=$t/${run#*:}-$cc
        bin=$DP
        [ "$cc" = clang ] && bin=$CB/deckpress
        mkdir -p "$out"
        XDG_CACHE_HOME=$t/${run#*:} "$bin" build "$deck" -o "$out" -q 2>"$out.err" || bad="$bad $run-build"
        XDG_CACHE_HOME=$t/${run#*:} "$bin" handout "$deck" --layout 4 -o "$out/$name.4up.pdf" -q \
            2>>"$out.err" || bad="$bad $run-4up"
        for f in slides.pdf handout.pdf 4up.pdf; do
            [ "$cc" = gcc ] || cmp -s "$t/cache-$name-gcc/$name.$f" "$out/$name.$f" || bad="$bad $run:$f"
        done
    done
    if [ -n "$bad" ]; then
        fail "$T/clang-$name" "differs from the gcc build or failed:$bad $(cat "$t"/*clang.err | grep -m 3 -E 'runtime error|ERROR' || true)"
    else
        pass "$T/clang-$name: slides, handout and 4-up byte-identical, caches warm and cold"
    fi
done
