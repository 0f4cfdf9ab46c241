#!/bin/sh
# tests/fuzz/run.sh: run the libFuzzer targets, FUZZ_SECONDS each (default
# 60), both at once (one core each). `make fuzz [FUZZ_SECONDS=N]` builds them
# into build-fuzz/ with clang and calls this.
#   fuzz_deck   YAML bytes -> loader -> template -> slide layout -> dump
#   fuzz_text   style bytes + text -> text engine at several widths -> emit -> dump
# Seeds come fresh from decks/, tests/errors/ and tests/fuzz/regress/
# (tests/fuzz/seeds.py); what the fuzzers learn accumulates in
# $BUILD/corpus/TARGET/ across runs. Crashes, leaks, timeouts (> 10 s for one
# input) and out-of-memory (> 2 GiB) are written to $BUILD/crashes/ and make
# this script exit 1.
#
# A crash becomes a regression test: minimise it
#     build-fuzz/fuzz_deck -minimize_crash=1 -runs=10000 build-fuzz/crashes/deck-crash-...
# copy the result to tests/fuzz/regress/deck/NAME (text/ for fuzz_text), and,
# for the deck target, add a readable case to tests/pathological/ or
# tests/errors/. tests/e2e/sanitizers.sh replays tests/fuzz/regress/ on every
# `make test`, and seeds.py feeds it back to the fuzzers.
#
# Environment: BUILD (default build-fuzz), FUZZ_SECONDS, FUZZ_TARGETS
# (default "deck text"), FUZZ_ARGS (extra libFuzzer flags, e.g. -jobs=4).
set -eu
cd "$(dirname "$0")/../.."

BUILD=${BUILD:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-deck text}
PY=${PYTHON:-python3}

for t in $TARGETS; do
    [ -x "$BUILD/fuzz_$t" ] || { echo "fuzz: no $BUILD/fuzz_$t (make fuzz builds it)" >&2; exit 2; }
done
"$PY" tests/fuzz/seeds.py "$BUILD/seeds"
mkdir -p "$BUILD/crashes" "$BUILD/logs"
before=$(find "$BUILD/crashes" -type f | wc -l)

export LSAN_OPTIONS="suppressions=$(pwd)/tests/fuzz/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

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
        -max_len="$maxlen" -print_final_stats=1 -artifact_prefix="$BUILD/crashes/$t-" $dict ${FUZZ_ARGS:-} \
        "$BUILD/corpus/$t" "$BUILD/seeds/$t" >"$BUILD/logs/$t.log" 2>&1 &
    pids="$pids $!"
done
status=0
for p in $pids; do
    wait "$p" || status=1
done

for t in $TARGETS; do
    log=$BUILD/logs/$t.log
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    echo "fuzz: $t: ${execs:-?} inputs, ${speed:-?}/s, coverage ${cov:-?} edges, corpus $(find "$BUILD/corpus/$t" -type f | wc -l) files"
    if grep -q -E 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|SUMMARY: ' "$log"; then
        echo "fuzz: $t FOUND A PROBLEM:" >&2
        grep -E -A 12 'ERROR: |runtime error:' "$log" | head -n 30 >&2
    fi
done
after=$(find "$BUILD/crashes" -type f | wc -l)
if [ "$after" -gt "$before" ]; then
    echo "fuzz: $((after - before)) new file(s) in $BUILD/crashes/; see the top of this script" >&2
    status=1
fi
exit "$status"
