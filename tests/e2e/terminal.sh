#!/bin/sh
# tests/e2e/terminal.sh: what deckpress prints, on a terminal and off it.
# A deck with a warning (an item continued on a （续） slide) is used so there
# is something to colour. script(1) runs deckpress on a pseudo-terminal.
#   pipe-plain      stderr to a file: no ESC byte at all
#   tty-colour      on a terminal: ANSI colour codes (ESC[...m) around "warning"
#   tty-no-color    on a terminal with NO_COLOR=1: no ESC byte at all
#   tty-no-color-empty  NO_COLOR= (empty) does not disable colour (no-color.org)
#   summary         slides: exactly one line "deckpress: wrote FILE (N pages,
#                   B bytes, T ms)" whose numbers are the PDF's page count and
#                   size; build: one such line per file written
#   quiet           -q: nothing on stderr when the deck is fine or only warns;
#                   errors still printed (and the exit status kept)
#   verbose         -v: a note per font role naming its font file
#   progress-tty    a build longer than half a second (a generated deck, doubled
#                   until it takes over 1.2 s here) shows "deckpress: building"
#                   on a terminal, erased again (CR, spaces, CR) before any
#                   other output; with NO_COLOR=1 still no ESC byte at all
#   progress-none   not off a terminal, not with -q
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=terminal
need_tools "$T" pdfinfo "$PY" || exit 0
need_dp "$T" || exit 0
t=$(dp_tmpdir)
deck=decks/example.yaml   # item 1 continues on a （续） slide: a warning

has_esc() { "$PY" -c 'import sys; sys.exit(0 if b"\x1b" in open(sys.argv[1], "rb").read() else 1)' "$1"; }
has_sgr() { "$PY" -c 'import re, sys; sys.exit(0 if re.search(rb"\x1b\[[0-9;]*m", open(sys.argv[1], "rb").read()) else 1)' "$1"; }

# ---------------------------------------------------------------- off a terminal
dp_run "$t/pipe" "$DP" check "$deck"
if [ "$rc" -ne 0 ]; then
    fail "$T/pipe-plain" "$(dp_run_detail "$t/pipe")"
elif ! grep -q 'warning:' "$t/pipe/err"; then
    fail "$T/pipe-plain" "the test deck gave no warning to look at"
elif has_esc "$t/pipe/err"; then
    fail "$T/pipe-plain" "ESC bytes in stderr written to a file"
else
    pass "$T/pipe-plain"
fi

# ---------------------------------------------------------------- on a terminal
# on_tty DIR ENV... -- ARGS: run deckpress on a pseudo-terminal; its output
# (stdout and stderr, as the terminal showed them) in DIR/tty.
on_tty() {
    dir=$1
    shift
    mkdir -p "$dir"
    envs=
    while [ "$1" != -- ]; do envs="$envs $1"; shift; done
    shift
    cmd="env$envs $DP $*"
    rc=0
    timeout "$DP_TIMEOUT" script -qec "$cmd" /dev/null </dev/null >"$dir/tty" 2>"$dir/script.err" || rc=$?
}

if ! command -v script >/dev/null 2>&1; then
    fail "$T/tty" "script(1) is missing (bsdutils; sh scripts/setup.sh test)"
else
    on_tty "$t/colour" TERM=xterm -- check "$deck"
    if [ "$rc" -ne 0 ]; then
        fail "$T/tty-colour" "status $rc: $(head -c 300 "$t/colour/tty") $(first_line "$t/colour/script.err")"
    elif ! has_sgr "$t/colour/tty"; then
        fail "$T/tty-colour" "no ANSI colour on a terminal: $(head -c 200 "$t/colour/tty")"
    else
        pass "$T/tty-colour"
    fi

    on_tty "$t/nocolor" TERM=xterm NO_COLOR=1 -- check "$deck"
    if ! grep -q 'warning:' "$t/nocolor/tty"; then
        fail "$T/tty-no-color" "no warning printed: $(head -c 200 "$t/nocolor/tty")"
    elif has_esc "$t/nocolor/tty"; then
        fail "$T/tty-no-color" "ESC bytes with NO_COLOR=1 on a terminal"
    else
        pass "$T/tty-no-color"
    fi

    on_tty "$t/nocolor-empty" TERM=xterm NO_COLOR= -- check "$deck"
    if has_sgr "$t/nocolor-empty/tty"; then
        pass "$T/tty-no-color-empty"
    else
        fail "$T/tty-no-color-empty" "NO_COLOR set but empty must not disable colour"
    fi
fi

# ---------------------------------------------------------------- summary lines
dp_run "$t/sum" "$DP" slides decks/llm-founders-meetup.yaml -o "$t/sum/m.pdf"
lines=$(grep -c '^deckpress: wrote ' "$t/sum/err" || true)
line=$(grep '^deckpress: wrote ' "$t/sum/err" || true)
pages=$(pdfinfo "$t/sum/m.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
size=$(wc -c <"$t/sum/m.pdf" 2>/dev/null | tr -d ' ')
want="deckpress: wrote $t/sum/m.pdf ($pages pages, $size bytes, "
if [ "$rc" -ne 0 ]; then
    fail "$T/summary" "$(dp_run_detail "$t/sum")"
elif [ "$lines" -ne 1 ]; then
    fail "$T/summary" "want one summary line, got $lines"
elif ! printf '%s\n' "$line" | grep -q ' ms)$' || [ "${line#"$want"}" = "$line" ]; then
    fail "$T/summary" "[$line], want [$want... ms)]"
else
    pass "$T/summary: ${line#deckpress: }"
fi
dp_run "$t/sum2" "$DP" build decks/llm-founders-meetup.yaml -o "$t/sum2/pdfs"
n=$(grep -c '^deckpress: wrote .* ([0-9]* pages, [0-9]* bytes, [0-9]* ms)$' "$t/sum2/err" || true)
written=$(find "$t/sum2/pdfs" -name '*.pdf' | wc -l)
if [ "$rc" -eq 0 ] && [ "$n" -eq "$written" ] && [ "$n" -ge 2 ]; then
    pass "$T/summary-build: $n lines for $written files"
else
    fail "$T/summary-build" "status $rc, $n summary lines for $written files: $(head -n 3 "$t/sum2/err")"
fi

# ---------------------------------------------------------------- -q and -v
dp_run "$t/q" "$DP" slides "$deck" -o "$t/q/e.pdf" -q
if [ "$rc" -eq 0 ] && [ ! -s "$t/q/err" ] && [ -s "$t/q/e.pdf" ]; then
    pass "$T/quiet"
else
    fail "$T/quiet" "status $rc, stderr: $(head -c 200 "$t/q/err")"
fi
mkdir -p "$t/qe"
sed 's/^title: .*/title:/' "$deck" >"$t/qe/broken.yaml"
dp_run "$t/qe" "$DP" check "$t/qe/broken.yaml" -q
if [ "$rc" -eq 1 ] && grep -q 'error:' "$t/qe/err" && ! grep -q 'warning:' "$t/qe/err"; then
    pass "$T/quiet-errors"
else
    fail "$T/quiet-errors" "status $rc (want 1), stderr: $(head -c 200 "$t/qe/err")"
fi
dp_run "$t/v" "$DP" check "$deck" -v
if [ "$rc" -eq 0 ] && grep -q 'note: font role "hei" 1: "WenQuanYi Micro Hei" is /.*wqy' "$t/v/err"; then
    pass "$T/verbose: $(grep -c 'note: font role' "$t/v/err") font notes"
else
    fail "$T/verbose" "status $rc, no font role note: $(head -c 200 "$t/v/err")"
fi
dp_run "$t/nv" "$DP" check "$deck"
if grep -q 'note: font role' "$t/nv/err"; then
    fail "$T/not-verbose" "font notes without -v"
else
    pass "$T/not-verbose"
fi

# ---------------------------------------------------------------- progress line
# A deck big enough that its build takes over 1.2 s on this machine, whatever
# its speed: the item count doubles until it does (at most 64000 items).
items=2000
while :; do
    "$PY" bench/gen_deck.py "$items" >"$t/big.yaml"
    dp_run "$t/size" "$DP" build "$t/big.yaml" -o "$t/size/pdfs"
    took=$(sed -n 's/.*handout.pdf ([0-9]* pages, [0-9]* bytes, \([0-9]*\) ms).*/\1/p' "$t/size/err")
    if [ "$rc" -ne 0 ] || [ -z "$took" ] || [ "$took" -ge 1200 ] || [ "$items" -ge 64000 ]; then
        break
    fi
    items=$((items * 2))
done
if command -v script >/dev/null 2>&1; then
    on_tty "$t/prog" TERM=xterm -- build "$t/big.yaml" -o "$t/prog/pdfs"
    took=$(sed -n 's/.*handout.pdf ([0-9]* pages, [0-9]* bytes, \([0-9]*\) ms).*/\1/p' "$t/prog/tty")
    if [ "$rc" -ne 0 ]; then
        fail "$T/progress-tty" "status $rc: $(head -c 300 "$t/prog/tty")"
    elif [ -z "$took" ]; then
        fail "$T/progress-tty" "no summary line for the handout: $(tr '\r' '\n' <"$t/prog/tty" | grep -m 2 'wrote')"
    elif [ "$took" -lt 700 ]; then
        fail "$T/progress-tty" "a build of $items items took only ${took} ms: too quick to show the progress line"
    elif ! grep -q 'deckpress: building big.yaml' "$t/prog/tty"; then
        fail "$T/progress-tty" "no progress line in a ${took} ms build on a terminal"
    elif ! "$PY" - "$t/prog/tty" <<'EOF'
import re, sys
data = open(sys.argv[1], "rb").read()
# every progress line is redrawn or erased (CR, spaces, CR) before anything
# else is printed: warnings and summary lines start on a clean line
draws = list(re.finditer(rb"\rdeckpress: building[^\r\n]*", data))
if not draws:
    sys.exit(1)
for m in draws:
    rest = data[m.end():]
    if not (rest.startswith(b"\rdeckpress: building") or re.match(rb"\r {20,}\r", rest)):
        sys.exit(1)
EOF
    then
        fail "$T/progress-tty" "a progress line is not erased before the next output"
    else
        pass "$T/progress-tty: shown and erased in a ${took} ms build of $items items"
    fi
    on_tty "$t/prognc" TERM=xterm NO_COLOR=1 -- build "$t/big.yaml" -o "$t/prognc/pdfs"
    if ! grep -q 'deckpress: wrote' "$t/prognc/tty"; then
        fail "$T/progress-no-color" "no summary line: $(head -c 200 "$t/prognc/tty")"
    elif has_esc "$t/prognc/tty"; then
        fail "$T/progress-no-color" "ESC bytes with NO_COLOR=1 in a long build on a terminal"
    else
        pass "$T/progress-no-color"
    fi
    on_tty "$t/progq" TERM=xterm -- build "$t/big.yaml" -o "$t/progq/pdfs" -q
    if grep -q 'deckpress: building' "$t/progq/tty"; then
        fail "$T/progress-quiet" "progress line with -q"
    else
        pass "$T/progress-quiet"
    fi
fi
dp_run "$t/progpipe" "$DP" build "$t/big.yaml" -o "$t/progpipe/pdfs"
if [ "$rc" -ne 0 ]; then
    fail "$T/progress-none" "$(dp_run_detail "$t/progpipe")"
elif grep -q 'building' "$t/progpipe/err" || has_esc "$t/progpipe/err"; then
    fail "$T/progress-none" "progress line or ESC bytes off a terminal"
else
    pass "$T/progress-none"
fi
