#!/bin/sh
# tests/e2e/cli.sh: the command line.
#   help              --help exits 0, names the commands slides, build, check and
#                     the exit statuses 0-4
#   h                 -h does the same as --help (exit 0, names slides)
#   version           --version exits 0 and prints something with a digit
#   unknown-command   an unknown command exits 2 with a usage message on stderr
#                     (one that says "usage" or points to --help)
#   no-arguments      no arguments at all exits 2 with a usage message
#   unknown-option    slides DECK --no-such-option exits 2, writes no PDF
#   bad-aspect        --aspect 5:4 exits 2, writes no PDF
#   check-valid       check on the meetup deck exits 0 and writes no file
#                     (no new *.pdf, *.d, *tmp* in the repo or beside the deck)
#   check-invalid     check on a broken copy exits 1 with FILE:LINE:COL: error:
#   build-o           build DECK -o DIR writes DIR/llm-founders-meetup.slides.pdf,
#                     a PDF pdfinfo reads, and no temp file
#   missing-deck      slides on a missing file exits 4, says "cannot read",
#                     creates no PDF
#   depfile           --depfile writes a make rule for the PDF naming the deck and
#                     the template file; every prerequisite exists; make accepts it
#   aspect-4-3        --aspect 4:3 gives 4:3 pages
#   output-folders    -o a/b creates the missing folders (build, slides)
#   output-folder-through-file  -o FILE/b: exit 4, "cannot create folder"
#   write-fails/KIND  a write that fails (file size limit) exits 4 with "cannot
#                     write FILE: File too large", keeps the previous PDF and
#                     leaves no temporary file (tagged and --no-tags)
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

deck=decks/llm-founders-meetup.yaml
T=cli

need_tools "$T" pdfinfo "$PY" || exit 0
need_dp "$T" || exit 0

tmp=$(dp_tmpdir)

# ---------------------------------------------------------------- help, version
dp_run "$tmp/help" "$DP" --help
cat "$tmp/help/out" "$tmp/help/err" >"$tmp/help/all"
missing=
for word in slides build check; do
    grep -q -w "$word" "$tmp/help/all" || missing="$missing $word"
done
for n in 0 1 2 3 4; do
    grep -q -w "$n" "$tmp/help/all" || missing="$missing status-$n"
done
grep -q -i 'exit' "$tmp/help/all" || missing="$missing the-word-exit"
if [ "$rc" -ne 0 ]; then
    fail "$T/help" "$(dp_run_detail "$tmp/help")"
elif [ ! -s "$tmp/help/out" ]; then
    fail "$T/help" "nothing on stdout"
elif [ -n "$missing" ]; then
    fail "$T/help" "--help does not mention:$missing"
else
    pass "$T/help"
fi

dp_run "$tmp/h" "$DP" -h
if [ "$rc" -eq 0 ] && grep -q -w slides "$tmp/h/out"; then
    pass "$T/h"
else
    fail "$T/h" "-h: $(dp_run_detail "$tmp/h")"
fi

dp_run "$tmp/version" "$DP" --version
if [ "$rc" -ne 0 ]; then
    fail "$T/version" "$(dp_run_detail "$tmp/version")"
elif ! grep -q '[0-9]' "$tmp/version/out"; then
    fail "$T/version" "no version number on stdout: [$(first_line "$tmp/version/out")]"
else
    pass "$T/version"
fi

usage_error() { # NAME CHECK-NAME ARGS...
    d=$tmp/$1
    name=$2
    shift 2
    dp_run "$d" "$DP" "$@"
    if [ "$rc" -ne 2 ]; then
        fail "$T/$name" "'$*': $(dp_run_detail "$d"), want status 2"
    elif ! grep -q -i -e 'usage' -e '--help' "$d/err"; then
        fail "$T/$name" "'$*': exit 2 but stderr shows no usage (neither 'usage' nor '--help'): [$(first_line "$d/err")]"
    else
        pass "$T/$name"
    fi
}
usage_error unknown unknown-command frobnicate "$deck"
usage_error noargs no-arguments

# Usage errors are found before anything is written.
opt_error() { # NAME ARGS...
    d=$tmp/$1
    name=$1
    shift
    mkdir -p "$d/o"
    dp_run "$d" "$DP" "$@" -o "$d/o/x.pdf"
    if [ "$rc" -ne 2 ]; then
        fail "$T/$name" "'$*': $(dp_run_detail "$d"), want status 2"
    elif [ -n "$(extra_files "$d/o" "")" ]; then
        fail "$T/$name" "'$*' wrote $(extra_files "$d/o" '')"
    else
        pass "$T/$name"
    fi
}
opt_error unknown-option slides "$deck" --no-such-option
opt_error bad-aspect slides "$deck" --aspect 5:4

# ---------------------------------------------------------------- check
# Files a check run could leave: PDFs, depfiles, temp files. Anything newer
# than the marker, outside .git and the build tree, counts.
marker=$tmp/marker
touch "$marker"
sleep 1
dp_run "$tmp/check" "$DP" check "$deck"
new=$(find . \( -path ./.git -o -path "./$BUILD" -o -path "$DP_TMPBASE" \) -prune -o \
    -type f -newer "$marker" \( -name '*.pdf' -o -name '*.d' -o -name '*tmp*' -o -name '*.png' \) \
    -print 2>/dev/null | head -n 5 | tr '\n' ' ')
if [ "$rc" -ne 0 ]; then
    fail "$T/check-valid" "$(dp_run_detail "$tmp/check")"
elif [ -n "$new" ]; then
    fail "$T/check-valid" "check wrote files: $new"
else
    pass "$T/check-valid"
fi

mkdir -p "$tmp/broken"
sed '0,/^[[:space:]-]*question:/s/question:/qustion:/' "$deck" >"$tmp/broken/deck.yaml"
dp_run "$tmp/check-bad" "$DP" check "$tmp/broken/deck.yaml"
line1=$(first_line "$tmp/check-bad/err")
case $rc:$line1 in
    1:"$tmp/broken/deck.yaml":[0-9]*:[0-9]*": error: "*) pass "$T/check-invalid" ;;
    *) fail "$T/check-invalid" "status $rc (want 1), stderr line 1: [$line1]" ;;
esac

# ---------------------------------------------------------------- build
bdir=$tmp/build-out
dp_run "$tmp/build" "$DP" build "$deck" -o "$bdir"
bpdf=$bdir/llm-founders-meetup.slides.pdf
leftover=$(find "$bdir" -name '*tmp*' 2>/dev/null | head -n 3 | tr '\n' ' ')
if [ "$rc" -ne 0 ]; then
    fail "$T/build-o" "$(dp_run_detail "$tmp/build")"
elif [ ! -s "$bpdf" ]; then
    fail "$T/build-o" "no $bpdf; the directory holds: $(extra_files "$bdir" '')"
elif ! pdfinfo "$bpdf" >/dev/null 2>&1; then
    fail "$T/build-o" "pdfinfo cannot read $bpdf"
elif [ -n "$leftover" ]; then
    fail "$T/build-o" "temp files left: $leftover"
else
    pass "$T/build-o"
fi

# ---------------------------------------------------------------- missing deck
mkdir -p "$tmp/missing"
dp_run "$tmp/missing" "$DP" slides "$tmp/missing/no-such-deck.yaml" -o "$tmp/missing/x.pdf"
if [ "$rc" -ne 4 ]; then
    fail "$T/missing-deck" "$(dp_run_detail "$tmp/missing"), want status 4"
elif ! grep -q 'cannot read' "$tmp/missing/err"; then
    fail "$T/missing-deck" "no 'cannot read' on stderr: [$(first_line "$tmp/missing/err")]"
elif [ -e "$tmp/missing/x.pdf" ]; then
    fail "$T/missing-deck" "a PDF was created anyway"
else
    pass "$T/missing-deck"
fi

# ---------------------------------------------------------------- depfile
ddir=$tmp/dep
mkdir -p "$ddir"
dp_run "$ddir/run" "$DP" slides "$deck" -o "$ddir/m.pdf" --depfile "$ddir/m.d"
if [ "$rc" -ne 0 ]; then
    fail "$T/depfile" "$(dp_run_detail "$ddir/run")"
elif [ ! -s "$ddir/m.d" ]; then
    fail "$T/depfile" "no depfile written"
else
    template=$("$PY" tests/e2e/dumpcheck.py info "$deck" | sed -n 's/^template=//p')
    case $template in
        */* | *.yaml) tfile=$template ;;
        *) tfile=templates/$template.yaml ;;
    esac
    py_checks "$T/depfile" depfile "$T/depfile" "$ddir/m.d" "$ddir/m.pdf" "$deck" "$tfile"
    # make itself must accept the file as a makefile.
    if command -v make >/dev/null 2>&1 &&
        ! make -n -f "$ddir/m.d" "$ddir/m.pdf" >"$ddir/make.out" 2>&1; then
        fail "$T/depfile-make-syntax" "make rejects it: $(first_line "$ddir/make.out")"
    else
        pass "$T/depfile-make-syntax"
    fi
fi

# ---------------------------------------------------------------- aspect
dp_run "$tmp/aspect" "$DP" slides "$deck" -o "$tmp/aspect.pdf" --aspect 4:3
if [ "$rc" -ne 0 ]; then
    fail "$T/aspect-4-3" "$(dp_run_detail "$tmp/aspect")"
else
    size=$(pdfinfo "$tmp/aspect.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
    if [ -n "$size" ] && "$PY" -c 'import sys; w, h = map(float, sys.argv[1].split()); sys.exit(abs(w / h - 4 / 3) > 0.01)' "$size"; then
        pass "$T/aspect-4-3"
    else
        fail "$T/aspect-4-3" "page size [$size] is not 4:3"
    fi
fi

# ---------------------------------------------------------------- output folders
# -o a/b makes the folders that are missing (build: the folder; slides and
# handout: the file's folder); a path through a file is a clear error (exit 4).
dp_run "$tmp/mk" "$DP" build "$deck" -o "$tmp/mk/a/b" -q
dp_run "$tmp/mk2" "$DP" slides "$deck" -o "$tmp/mk2/c/d/s.pdf" -q
rc1=$(cat "$tmp/mk/rc")
if [ "$rc1" -eq 0 ] && [ "$rc" -eq 0 ] && pdfinfo "$tmp/mk/a/b/llm-founders-meetup.handout.pdf" >/dev/null 2>&1 &&
    pdfinfo "$tmp/mk2/c/d/s.pdf" >/dev/null 2>&1; then
    pass "$T/output-folders"
else
    fail "$T/output-folders" "build: status $rc1 $(first_line "$tmp/mk/err"); slides: status $rc $(first_line "$tmp/mk2/err")"
fi
: >"$tmp/afile"
dp_run "$tmp/mk3" "$DP" build "$deck" -o "$tmp/afile/b"
if [ "$rc" -eq 4 ] && grep -q "cannot create folder $tmp/afile/b: Not a directory" "$tmp/mk3/err"; then
    pass "$T/output-folder-through-file"
else
    fail "$T/output-folder-through-file" "status $rc (want 4): $(first_line "$tmp/mk3/err")"
fi

# ---------------------------------------------------------------- a write that fails
# The disk fills mid-write (a file size limit: write() fails with EFBIG once
# SIGXFSZ is ignored): exit 4 with "cannot write FILE: File too large", the
# previous PDF untouched, no temporary file left; tagged (libharu's bytes
# packed, pdf_out.c save_packed) and --no-tags (libharu writing the file).
for tags in tagged no-tags; do
    d="$tmp/full-$tags"
    mkdir -p "$d"
    echo "previous" >"$d/s.pdf"
    flag=
    [ "$tags" = no-tags ] && flag=--no-tags
    rc=0
    (trap '' XFSZ; ulimit -f 40; exec "$DP" slides "$deck" -o "$d/s.pdf" $flag) </dev/null >"$d/out" 2>"$d/err" || rc=$?
    if [ "$rc" -eq 4 ] && grep -q "^deckpress: error: cannot write $d/s.pdf: File too large" "$d/err" &&
        [ "$(cat "$d/s.pdf")" = previous ] && [ "$(extra_files "$d" s.pdf | tr ' ' '\n' | grep -v '^out$\|^err$')" = "" ]; then
        pass "$T/write-fails/$tags"
    else
        fail "$T/write-fails/$tags" "status $rc (want 4): $(first_line "$d/err"); files: $(extra_files "$d" s.pdf)"
    fi
done
