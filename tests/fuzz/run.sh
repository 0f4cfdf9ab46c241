#!/bin/sh
# tests/fuzz/run.sh: run the libFuzzer targets, FUZZ_SECONDS each (default
# 60), all at once. `make fuzz [FUZZ_SECONDS=N]` builds them
# into build-fuzz/ with clang and calls this.
#   fuzz_deck   YAML bytes -> loader -> template -> slide layout -> dump
#   fuzz_text   style bytes + text -> text engine at several widths -> emit -> dump
#   fuzz_cache  a file of deckpress's cache folder -> its reader (font_cache.c,
#               subset_cache.c)
# Seeds come fresh from decks/, tests/errors/ and tests/fuzz/regress/
# (tests/fuzz/seeds.py); what the fuzzers learn accumulates in
# $BUILD/corpus/TARGET/ across runs. Crashes, leaks, timeouts (> 10 s for one
# input), out-of-memory (> 2 GiB) and display lists libharu would refuse
# (fuzz_check_dlist in fuzz_common.h) are written to $BUILD/crashes/ and make
# this script exit 1; fuzzing goes on after each (fork mode, below).
#
# A crash becomes a regression test: minimise it
#     build-fuzz/fuzz_deck -minimize_crash=1 -runs=10000 build-fuzz/crashes/deck-crash-...
# copy the result to tests/fuzz/regress/deck/NAME (text/ for fuzz_text), and,
# for the deck target, add a readable case to tests/pathological/ or
# tests/errors/. tests/e2e/sanitizers.sh replays tests/fuzz/regress/ on every
# `make test`, and seeds.py feeds it back to the fuzzers.
#
# Environment: BUILD (default build-fuzz), FUZZ_SECONDS, FUZZ_TARGETS
# (default "deck text cache"), FUZZ_ARGS (extra libFuzzer flags), FUZZ_FORK=0 (stop
# at the first crash), DP_FUZZ_PDF (default 1: fuzz_deck also writes each
# deck as a PDF into $TMPDIR, a third as fast but covering the PDF writer,
# whose fonts and content streams are deckpress's own; 0 = layout only).
set -eu
cd "$(dirname "$0")/../.."
DP_FUZZ_PDF=${DP_FUZZ_PDF:-1}
[ "$DP_FUZZ_PDF" = 0 ] && unset DP_FUZZ_PDF || export DP_FUZZ_PDF

BUILD=${BUILD:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-deck text cache}
PY=${PYTHON:-python3}

for t in $TARGETS; do
    [ -x "$BUILD/fuzz_$t" ] || { echo "fuzz: no $BUILD/fuzz_$t (make fuzz builds it)" >&2; exit 2; }
done
"$PY" tests/fuzz/seeds.py "$BUILD/seeds"
mkdir -p "$BUILD/crashes" "$BUILD/logs"
before=$(find "$BUILD/crashes" -type f | wc -l)
touch "$BUILD/logs/.start"

LSAN_OPTIONS="suppressions=$(pwd)/tests/fuzz/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

# Fork mode (a child process per batch of inputs) keeps fuzzing after a
# crash, so a known bug (a seed from tests/fuzz/regress/ not fixed yet) does
# not end the session at its first input; every crash is still saved.
# FUZZ_FORK=0: one process that stops at the first crash.
fork="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
[ "${FUZZ_FORK:-1}" = 0 ] && fork=

pids=
for t in $TARGETS; do
    mkdir -p "$BUILD/corpus/$t"
    dict=
    [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    # Long texts only slow the text engine's fuzzer down (it sets each input
    # at five widths); decks need room for a few sections.
    maxlen=65536
    [ "$t" = text ] && maxlen=4096
    echo "fuzz: $t for ${SECONDS_EACH}s (log: $BUILD/logs/$t.log)"
    # shellcheck disable=SC2086
    "$BUILD/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$maxlen" -print_final_stats=1 -artifact_prefix="$BUILD/crashes/$t-" $dict $fork \
        ${FUZZ_ARGS:-} "$BUILD/corpus/$t" "$BUILD/seeds/$t" >"$BUILD/logs/$t.log" 2>&1 &
    pids="$pids $!"
done
status=0
for p in $pids; do
    wait "$p" || status=1
done

for t in $TARGETS; do
    log=$BUILD/logs/$t.log
    # One process: stat:: lines at the end. Fork mode: "#N: cov: C ... exec/s: S" lines.
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    last=$(grep -a -E '^#[0-9]+' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(printf '%s\n' "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
    [ -n "$speed" ] || speed=$(printf '%s\n' "$last" | sed -n 's/.*exec\/s:* \([0-9]*\).*/\1/p')
    cov=$(printf '%s\n' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    echo "fuzz: $t: ${execs:-?} inputs, ${speed:-?}/s, coverage ${cov:-?} edges, corpus $(find "$BUILD/corpus/$t" -type f | wc -l) files"
    # The reports themselves stay in fork mode's child logs: replay the
    # first new crash of this target to show one.
    first=$(find "$BUILD/crashes" -type f -name "$t-*" -newer "$BUILD/logs/.start" 2>/dev/null | head -n 1)
    if [ -n "$first" ]; then
        echo "fuzz: $t FOUND A PROBLEM: $(find "$BUILD/crashes" -type f -name "$t-*" -newer "$BUILD/logs/.start" | wc -l) file(s); the first, replayed:" >&2
        timeout 60 "$BUILD/fuzz_$t" "$first" 2>&1 | grep -a -E -m 12 'fuzz: layout produced|ERROR: |runtime error:|Assertion|^ +#[0-9]+ .* in (dp_|[a-z_]+ /)' >&2 || true
        echo "fuzz: replay: $BUILD/fuzz_$t $first" >&2
    fi
done
after=$(find "$BUILD/crashes" -type f | wc -l)
if [ "$after" -gt "$before" ]; then
    echo "fuzz: $((after - before)) new file(s) in $BUILD/crashes/; see the top of this script" >&2
    status=1
fi
exit "$status"
