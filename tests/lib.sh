# tests/lib.sh: helpers for the shell tests; source it, don't run it:
#     . tests/lib.sh        (from the repository root; scripts cd there first)
#
# Every check records one line in $DP_RESULTS ("PASS name" or "FAIL name: detail")
# and echoes it. tests/run.sh sets DP_RESULTS and counts the lines; a script run
# on its own gets a private results file and prints its own summary on exit,
# exiting 1 when a check failed.
#
#   pass NAME               record a passed check
#   fail NAME DETAIL...     record a failed check (detail squeezed to one line)
#   check NAME CMD...       pass when CMD exits 0, else fail with its stderr
#   dp_tmpdir               print a new empty directory, removed on exit
#   dp_run DIR CMD...       run CMD with a timeout; stdout/stderr/status in
#                           DIR/out, DIR/err, DIR/rc; sets $rc
#   need_tools NAME TOOL... fail NAME and return 1 when a tool is missing
#   need_dp NAME            fail NAME and return 1 when $DP is not executable
#   first_line FILE         print the first line of FILE (empty if none)
#   one_line TEXT           TEXT on one line, at most 300 characters
#   record_lines FILE [NAME STATUS]
#                           record a checker's PASS/FAIL lines; NAME fails when
#                           it exited non-zero or recorded nothing
#
# Variables: $DP (the binary: ${BUILD:-build}/deckpress), $PY (python3),
# $DP_TIMEOUT (seconds for one run of the binary, default 120).

if [ ! -f tests/lib.sh ]; then
    echo "tests/lib.sh: source me from the repository root" >&2
    exit 2
fi

# Reproducible environment: nothing from the caller's locale, zone or dates.
LC_ALL=C.UTF-8
TZ=UTC
PYTHONIOENCODING=utf-8
PYTHONDONTWRITEBYTECODE=1
SOURCE_DATE_EPOCH=${DP_EPOCH:-1764547200}
export LC_ALL TZ PYTHONIOENCODING PYTHONDONTWRITEBYTECODE SOURCE_DATE_EPOCH
unset LANG LANGUAGE 2>/dev/null || true

BUILD=${BUILD:-build}
DP=$BUILD/deckpress
case $DP in /*) ;; *) DP=$(pwd)/$DP ;; esac
PY=${PYTHON:-python3}
DP_TIMEOUT=${DP_TIMEOUT:-120}
DP_ROOT=$(pwd)
export BUILD DP PY DP_ROOT

# ---------------------------------------------------------------- temp dirs
DP_TMPBASE=$(mktemp -d "${TMPDIR:-/tmp}/deckpress-test.XXXXXX")
dp__cleanup() {
    if [ -n "${DP_KEEP_TMP:-}" ]; then
        echo "(kept $DP_TMPBASE)" >&2
    else
        rm -rf "$DP_TMPBASE"
    fi
}

dp_tmpdir() {
    mktemp -d "$DP_TMPBASE/t.XXXXXX"
}

# ---------------------------------------------------------------- results
if [ -n "${DP_RESULTS:-}" ]; then
    dp__own_results=
else
    DP_RESULTS=$DP_TMPBASE/results
    dp__own_results=1
fi
: >>"$DP_RESULTS"

one_line() {
    printf '%s' "$*" | tr '\n\t\r' '   ' | cut -c1-300
}

pass() {
    printf 'PASS %s\n' "$1" | tee -a "$DP_RESULTS"
}

fail() {
    dp__name=$1
    shift
    printf 'FAIL %s: %s\n' "$dp__name" "$(one_line "$*")" | tee -a "$DP_RESULTS"
}

dp__on_exit() {
    dp__status=$?
    if [ -n "$dp__own_results" ]; then
        dp__p=$(grep -c '^PASS ' "$DP_RESULTS" || true)
        dp__f=$(grep -c '^FAIL ' "$DP_RESULTS" || true)
        if [ "$dp__f" -gt 0 ]; then
            echo
            grep '^FAIL ' "$DP_RESULTS"
            [ "$dp__status" -ne 0 ] || dp__status=1
        fi
        echo "$dp__p passed, $dp__f failed"
    fi
    dp__cleanup
    exit "$dp__status"
}
trap dp__on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- helpers
first_line() {
    if [ -f "$1" ]; then sed -n '1p' "$1"; fi
}

# extra_files DIR KEEP: the names in DIR other than KEEP, on one line.
extra_files() {
    find "$1" -mindepth 1 -maxdepth 1 ! -name "$2" 2>/dev/null |
        sed 's|.*/||' | sort | tr '\n' ' ' | sed 's/ $//'
}

# dp_run DIR CMD...: run with a timeout, stdin from /dev/null.
dp_run() {
    dp__dir=$1
    shift
    mkdir -p "$dp__dir"
    rc=0
    timeout "$DP_TIMEOUT" "$@" </dev/null >"$dp__dir/out" 2>"$dp__dir/err" || rc=$?
    echo "$rc" >"$dp__dir/rc"
    return 0
}

# Describe a finished dp_run in a few words for a failure detail.
dp_run_detail() {
    case $rc in
        124) printf 'timed out after %ss' "$DP_TIMEOUT" ;;
        12[6-7]) printf 'could not run (status %s): %s' "$rc" "$(first_line "$1/err")" ;;
        129 | 1[3-9][0-9] | 2[0-9][0-9])
            printf 'killed by signal %s; stderr: %s' "$((rc - 128))" "$(head -n 3 "$1/err" | cut -c1-200)" ;;
        *) printf 'status %s; stderr: %s' "$rc" "$(head -n 3 "$1/err" | cut -c1-200)" ;;
    esac
}

# Sanitizer or crash reports in a stderr file: prints them, returns 0 if any.
crash_report() {
    grep -E -m 3 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|Segmentation|Assertion .* failed|double free|stack smashing' "$1"
}

check() {
    dp__name=$1
    shift
    dp__d=$(dp_tmpdir)
    dp_run "$dp__d" "$@"
    if [ "$rc" -eq 0 ]; then
        pass "$dp__name"
    else
        fail "$dp__name" "$(dp_run_detail "$dp__d")"
    fi
}

need_tools() {
    dp__name=$1
    shift
    dp__missing=
    for dp__t in "$@"; do
        command -v "$dp__t" >/dev/null 2>&1 || dp__missing="$dp__missing $dp__t"
    done
    if [ -n "$dp__missing" ]; then
        fail "$dp__name" "missing tools:$dp__missing (sh scripts/setup.sh test)"
        return 1
    fi
}

need_dp() {
    if [ ! -x "$DP" ]; then
        fail "$1" "no executable $DP (make $BUILD/deckpress)"
        return 1
    fi
}

# py_checks NAME ARGS...: run tests/e2e/dumpcheck.py ARGS and record the
# PASS/FAIL lines it prints ("# " lines are notes, shown as they are).
# A crash of the checker itself is one failure named NAME.
py_checks() {
    dp__name=$1
    shift
    dp__d=$(dp_tmpdir)
    dp__st=0
    "$PY" tests/e2e/dumpcheck.py "$@" >"$dp__d/out" 2>"$dp__d/err" || dp__st=$?
    while IFS= read -r dp__line; do
        case $dp__line in
            "PASS "*) pass "${dp__line#PASS }" ;;
            "FAIL "*)
                dp__rest=${dp__line#FAIL }
                fail "${dp__rest%%: *}" "${dp__rest#*: }"
                ;;
            *) printf '   %s\n' "$dp__line" ;;
        esac
    done <"$dp__d/out"
    if [ "$dp__st" -ne 0 ]; then
        fail "$dp__name" "dumpcheck.py $1 failed (status $dp__st): $(tail -n 3 "$dp__d/err")"
    fi
}

# record_lines FILE [NAME STATUS]: record the PASS/FAIL lines a checker
# printed to FILE; other lines are shown as notes. The checker must have
# printed at least one PASS or FAIL line and, when STATUS is given, exited 0:
# otherwise NAME (default "checker FILE") fails, so a checker that crashes or
# prints nothing is never "0 passed, 0 failed".
#     st=0; "$PY" check.py ... >"$out" 2>&1 || st=$?
#     record_lines "$out" my/check "$st"
record_lines() {
    dp__seen=0
    while IFS= read -r l; do
        case $l in
            "PASS "*) pass "${l#PASS }"; dp__seen=1 ;;
            "FAIL "*) r=${l#FAIL }; fail "${r%%: *}" "${r#*: }"; dp__seen=1 ;;
            *) printf '   %s\n' "$l" ;;
        esac
    done <"$1"
    dp__who=${2:-checker $1}
    if [ "${3:-0}" != 0 ]; then
        fail "$dp__who" "the checker exited with status $3: $(tail -n 3 "$1" | tr '\n' ' ')"
    elif [ "$dp__seen" -eq 0 ]; then
        fail "$dp__who" "the checker recorded nothing: $(tail -n 3 "$1" | tr '\n' ' ')"
    fi
}

# dp_layouts [nup]: the handout layouts, as `deckpress --help` lists them
# (generated from dp_handout_layouts, src/load/deck.h): "booklet 1 2 3 4 6 9";
# with "nup" only the N-up ones. Tests loop over these, never a list of
# their own.
dp_layouts() {
    dp__w=$("$DP" --help 2>/dev/null | sed -n 's/.*\[--layout \([A-Za-z0-9|]*\)\].*/\1/p' | head -n 1 | tr '|' ' ')
    [ -n "$dp__w" ] || dp__w=booklet
    if [ "${1:-}" = nup ]; then
        for dp__l in $dp__w; do [ "$dp__l" = booklet ] || printf '%s ' "$dp__l"; done
    else
        printf '%s' "$dp__w"
    fi
}

# DP_SRC_INC: -I for every stage folder of src/ (as the Makefile has it: a
# file includes "x.h" wherever x.h lives).
DP_SRC_INC=
for dp__d in src/*/; do DP_SRC_INC="$DP_SRC_INC -I${dp__d%/}"; done

# build_tool OUT SRC...: compile a test tool (tests/tools/*.c, maybe with
# src/ files) into OUT with cc, against $TOOL_PKGS (pkg-config names), only
# when OUT is missing or older than a source or src/*/*.h. Returns non-zero
# when it does not compile; the compiler's messages are in OUT.log.
TOOL_PKGS="freetype2 fontconfig harfbuzz harfbuzz-subset fribidi libpng libdeflate"
build_tool() {
    dp__out=$1
    shift
    dp__stale=
    [ -x "$dp__out" ] || dp__stale=1
    for dp__s in "$@" src/*/*.h; do [ "$dp__s" -nt "$dp__out" ] && dp__stale=1; done
    [ -z "$dp__stale" ] && return 0
    mkdir -p "$(dirname "$dp__out")"
    # shellcheck disable=SC2086,SC2046
    cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -g -Wall -Wextra \
        $(pkg-config --cflags $TOOL_PKGS) $DP_SRC_INC -o "$dp__out" "$@" \
        $(pkg-config --libs $TOOL_PKGS) -lhpdf -lm 2>"$dp__out.log"
}
