#!/bin/sh
# tests/e2e/sanitizers.sh: the tests again, under AddressSanitizer (with
# LeakSanitizer) and UndefinedBehaviorSanitizer. `make test` runs it like any
# e2e script; `make asan` runs it alone.
#   asan/build            make asan-build: deckpress, the unit tests and the
#                         fuzz replayers in build-asan/ (gcc, -O1
#                         -fsanitize=address,undefined), rebuilt only when stale
#   asan/NAME             the checks of tests/run.sh (unit tests, error and
#                         layout goldens, pathological inputs but the "big"
#                         ones, the e2e scripts but those in DP_ASAN_SKIP)
#                         run against build-asan/, named asan/<its own name>;
#                         the scripts already fail a check whose stderr shows
#                         a sanitizer report (crash_report in tests/lib.sh)
#   asan/replay-deck      tests/fuzz/regress/deck/* (crashes the fuzzers found),
#                         decks/*.yaml and tests/errors/*.yaml through the deck
#                         fuzz target (load, template, layout, dump, PDF)
#   asan/replay-text      tests/fuzz/regress/text/* and the text seeds through
#                         the text-engine fuzz target
#   asan/replay-cache     the cache seeds (a font cache file, a subset file)
#                         through the cache readers' fuzz target
# ASAN_OPTIONS=detect_leaks=1:abort_on_error=1, UBSAN_OPTIONS=halt_on_error=1:
# print_stacktrace=1 (and -fno-sanitize-recover=undefined at build time), so
# any report ends the process with a non-zero status. LSan suppressions:
# tests/fuzz/lsan.supp, third-party library frames only.
# DP_ASAN_TESTS: tests/run.sh patterns (space-separated) to run instead.
# DP_ASAN_SKIP: e2e script names to leave out (default: see below).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=asan
ABUILD=build-asan

# Never from inside itself (tests/run.sh below runs tests/e2e/*.sh again).
if [ -n "${DP_SANITIZED:-}" ]; then
    echo "   note: already under sanitizers; skipped"
    exit 0
fi
need_tools "$T/build" make cc timeout "$PY" || exit 0

# ---------------------------------------------------------------- build
# A clean make environment: the outer `make test` may pass its own variables
# (OPT=..., -j jobserver) through MAKEFLAGS.
log=$(dp_tmpdir)/build.log
jobs=$(nproc 2>/dev/null || echo 2)
st=0
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES make -j"$jobs" asan-build >"$log" 2>&1 || st=$?
if [ "$st" -ne 0 ] || [ ! -x "$ABUILD/deckpress" ]; then
    fail "$T/build" "make asan-build failed (status $st): $(grep -m 3 -E 'error|Error' "$log")"
    exit 0
fi
pass "$T/build"

ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
LSAN_OPTIONS=suppressions=$DP_ROOT/tests/fuzz/lsan.supp:print_suppressions=0
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

# ---------------------------------------------------------------- tests/run.sh
# tests/run.sh once per script (its PATTERN argument), each with its own
# results file and summary; every PASS/FAIL line it prints becomes one of
# ours, prefixed asan/. Scripts that only test what surrounds the C code
# (installing, the man page, shell completion, JSON schemas, make, the
# terminal, file watching) are left out to keep `make test` short.
skip=${DP_ASAN_SKIP:-"install.sh manpage.sh completion.sh schema.sh makedeps.sh terminal.sh watch.sh sanitizers.sh valgrind.sh"}
if [ -n "${DP_ASAN_TESTS:-}" ]; then
    patterns=$DP_ASAN_TESTS
else
    patterns="$ABUILD/tests/test_ tests/errors/run.sh tests/layout/run.sh tests/pathological/run.sh"
    for script in tests/e2e/*.sh; do
        case " $skip " in *" ${script##*/} "*) continue ;; esac
        patterns="$patterns $script"
    done
fi
out=$(dp_tmpdir)
n=0
for pat in $patterns; do
    st=0
    DP_SANITIZED=asan BUILD=$ABUILD DP_RESULTS='' DP_TIMEOUT=$((DP_TIMEOUT * 2)) \
        sh tests/run.sh "$pat" >"$out/run.out" 2>&1 || st=$?
    sed -n '/^Failures:$/q;p' "$out/run.out" >"$out/lines"
    k=0
    while IFS= read -r line; do
        case $line in
            "PASS "*) pass "$T/${line#PASS }"; k=$((k + 1)) ;;
            "FAIL "*)
                rest=${line#FAIL }
                fail "$T/${rest%%: *}" "${rest#*: }"
                k=$((k + 1))
                ;;
        esac
    done <"$out/lines"
    if [ "$k" -eq 0 ] && [ "$st" -ne 0 ]; then
        fail "$T/$pat" "tests/run.sh $pat under sanitizers recorded nothing (status $st): $(tail -n 3 "$out/run.out")"
    fi
    n=$((n + k))
done
if [ "$n" -eq 0 ]; then
    fail "$T/run" "tests/run.sh under sanitizers recorded nothing"
fi

# ---------------------------------------------------------------- fuzz replays
replay() { # NAME BINARY INPUT...
    rname=$1
    bin=$2
    shift 2
    d=$(dp_tmpdir)
    dp_run "$d" "$bin" "$@"
    if [ "$rc" -ne 0 ]; then
        fail "$T/$rname" "$(dp_run_detail "$d"): $(crash_report "$d/err" || true)"
    elif crash=$(crash_report "$d/err"); then
        fail "$T/$rname" "status 0 but stderr shows: $crash"
    else
        pass "$T/$rname"
    fi
}
seeds=$(dp_tmpdir)
"$PY" tests/fuzz/seeds.py "$seeds" >/dev/null
export DP_FUZZ_PDF=1
replay replay-deck "$ABUILD/replay_deck" "$seeds/deck"
unset DP_FUZZ_PDF
replay replay-text "$ABUILD/replay_text" "$seeds/text"
replay replay-cache "$ABUILD/replay_cache" "$seeds/cache"
