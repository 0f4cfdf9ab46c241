#!/bin/sh
# tests/e2e/sanitizers.sh: the tests again, under AddressSanitizer (with
# LeakSanitizer) and UndefinedBehaviorSanitizer. `make test` runs it like any
# e2e script; `make asan` runs it alone.
#   asan/build            make asan-build: deckpress, the unit tests and the
#                         fuzz replayers in build-asan/ (gcc, -O1
#                         -fsanitize=address,undefined), rebuilt only when stale
#   asan/NAME             every check of tests/run.sh (unit tests, error
#                         goldens, e2e scripts, pathological inputs) run
#                         against build-asan/, named asan/<its own name>; the
#                         e2e scripts already fail a check whose stderr shows a
#                         sanitizer report (crash_report in tests/lib.sh)
#   asan/replay-deck      tests/fuzz/regress/deck/* (crashes the fuzzers found),
#                         decks/*.yaml and tests/errors/*.yaml through the deck
#                         fuzz target (load, template, layout, dump)
#   asan/replay-text      tests/fuzz/regress/text/* and the text seeds through
#                         the text-engine fuzz target
# ASAN_OPTIONS=detect_leaks=1:abort_on_error=1, UBSAN_OPTIONS=halt_on_error=1:
# print_stacktrace=1 (and -fno-sanitize-recover=undefined at build time), so
# any report ends the process with a non-zero status. LSan suppressions:
# tests/fuzz/lsan.supp, third-party library frames only.
# DP_ASAN_TESTS: a tests/run.sh pattern to run only some of the tests.
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

ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0
LSAN_OPTIONS=suppressions=$DP_ROOT/tests/fuzz/lsan.supp:print_suppressions=0
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

# ---------------------------------------------------------------- tests/run.sh
# Its own results file and summary; every PASS/FAIL line it prints becomes
# one of ours, prefixed asan/.
out=$(dp_tmpdir)
st=0
DP_SANITIZED=asan BUILD=$ABUILD DP_RESULTS= DP_TIMEOUT=$((DP_TIMEOUT * 2)) \
    sh tests/run.sh ${DP_ASAN_TESTS:+"$DP_ASAN_TESTS"} >"$out/run.out" 2>&1 || st=$?
n=0
while IFS= read -r line; do
    case $line in
        "PASS "*) pass "$T/${line#PASS }"; n=$((n + 1)) ;;
        "FAIL "*)
            rest=${line#FAIL }
            fail "$T/${rest%%: *}" "${rest#*: }"
            n=$((n + 1))
            ;;
    esac
done <<EOF
$(sed -n '/^Failures:$/q;p' "$out/run.out")
EOF
if [ "$n" -eq 0 ]; then
    fail "$T/run" "tests/run.sh under sanitizers recorded nothing (status $st): $(tail -n 3 "$out/run.out")"
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
replay replay-deck "$ABUILD/replay_deck" "$seeds/deck"
replay replay-text "$ABUILD/replay_text" "$seeds/text"
