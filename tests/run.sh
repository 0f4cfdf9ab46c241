#!/bin/sh
# tests/run.sh [PATTERN]: run every test; `make test` calls this after building
# $BUILD/deckpress and the unit test binaries.
#   (a) each $BUILD/tests/test_* cmocka binary: one check, passed when it exits 0
#   (b) tests/errors/run.sh: error goldens, one check per case
#   (c) tests/layout/run.sh, when present (layout goldens)
#   (c2) tests/pathological/run.sh: hostile and extreme decks, one check each
#   (d) each tests/e2e/*.sh: end-to-end checks on real PDFs
# With PATTERN, only the binaries and scripts whose path contains it run
# (shell pattern: `tests/run.sh meetup`, `tests/run.sh 'test_*break*'`).
# Prints every check as PASS/FAIL, repeats the failures at the end, and ends
# with exactly one line "N passed, N failed". Exits 1 if anything failed.
set -eu
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
export BUILD
pattern=${1:-}
# Seconds for one test binary or script, so `make test` cannot hang forever.
limit=${DP_SCRIPT_TIMEOUT:-900}

DP_RESULTS=$(mktemp "${TMPDIR:-/tmp}/deckpress-results.XXXXXX")
export DP_RESULTS
trap 'rm -f "$DP_RESULTS"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ran=0

selected() {
    [ -z "$pattern" ] && return 0
    case $1 in *$pattern*) return 0 ;; esac
    return 1
}

record() { # STATUS NAME [DETAIL]
    if [ "$1" = PASS ]; then
        printf 'PASS %s\n' "$2" | tee -a "$DP_RESULTS"
    else
        printf 'FAIL %s: %s\n' "$2" "$3" | tee -a "$DP_RESULTS"
    fi
}

# Run a script that records its own checks. Its exit status only matters when
# it failed without recording a failure (a crash, a syntax error, a timeout).
run_script() {
    script=$1
    ran=$((ran + 1))
    echo "== $script"
    before=$(grep -c '^FAIL ' "$DP_RESULTS" || true)
    shell='sh'
    head -n 1 "$script" | grep -q bash && shell=bash
    st=0
    timeout "$limit" "$shell" "$script" </dev/null || st=$?
    after=$(grep -c '^FAIL ' "$DP_RESULTS" || true)
    if [ "$st" -ne 0 ] && [ "$after" -eq "$before" ]; then
        if [ "$st" -eq 124 ]; then
            record FAIL "$script" "timed out after ${limit}s"
        else
            record FAIL "$script" "exited with status $st without recording a failure"
        fi
    fi
}

# (a) unit tests
for bin in "$BUILD"/tests/test_*; do
    if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then continue; fi
    case $bin in *.d | *.o | *.c | *.h) continue ;; esac
    selected "$bin" || continue
    ran=$((ran + 1))
    echo "== $bin"
    st=0
    timeout "$limit" "$bin" </dev/null 2>&1 || st=$?
    name="unit/${bin##*/}"
    if [ "$st" -eq 0 ]; then
        record PASS "$name"
    elif [ "$st" -eq 124 ]; then
        record FAIL "$name" "timed out after ${limit}s"
    else
        record FAIL "$name" "exited with status $st"
    fi
done

# (b) error goldens, (c) layout goldens, (c2) pathological inputs
for script in tests/errors/run.sh tests/layout/run.sh tests/pathological/run.sh; do
    [ -f "$script" ] || continue
    selected "$script" || continue
    run_script "$script"
done

# (d) end to end
for script in tests/e2e/*.sh; do
    [ -f "$script" ] || continue
    selected "$script" || continue
    run_script "$script"
done

if [ "$ran" -eq 0 ]; then
    record FAIL "tests/run.sh" "nothing matched '${pattern}'"
fi

passed=$(grep -c '^PASS ' "$DP_RESULTS" || true)
failed=$(grep -c '^FAIL ' "$DP_RESULTS" || true)
echo
if [ "$failed" -gt 0 ]; then
    echo "Failures:"
    grep '^FAIL ' "$DP_RESULTS"
    echo
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
