#!/bin/sh
# tests/errors/run.sh: error goldens. For every tests/errors/NAME.yaml that has
# a NAME.err, with a known-good PDF already at the output path, run
#     deckpress slides tests/errors/NAME.yaml -o OUT.pdf
# and check, as one check "errors/NAME":
#   - the exit status is NAME.status (a number in that optional file), else 1;
#   - the first line of stderr equals the first line of NAME.err exactly;
#   - stderr shows no sanitizer report or crash, and the run ends within 10 s;
#   - OUT.pdf is byte-identical to what was there, and nothing else (no
#     OUT.pdf.tmp*, no depfile) appeared beside it.
# NAME.yaml may name a broken template under tests/errors/templates/; nothing
# special is needed for those. Run from anywhere; paths are repo-relative.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

limit=${DP_ERROR_TIMEOUT:-10}

need_tools errors timeout cmp || exit 0
need_dp errors || exit 0

tmp=$(dp_tmpdir)

# A known-good PDF to stand in the output path; any bytes will do if the
# example deck does not render (the check is that they are left alone).
good=$tmp/good.pdf
if [ -f decks/example.yaml ]; then
    dp_run "$tmp/example" "$DP" slides decks/example.yaml -o "$good"
else
    rc=1
fi
if [ "$rc" -ne 0 ] || [ ! -s "$good" ]; then
    echo "note: decks/example.yaml did not render; using placeholder bytes"
    printf '%%PDF-1.4\n%% deckpress errors/run.sh placeholder, not a real PDF\n' >"$good"
fi

n=0
for yaml in tests/errors/*.yaml; do
    [ -f "$yaml" ] || continue
    name=${yaml##*/}
    name=${name%.yaml}
    err=tests/errors/$name.err
    if [ ! -f "$err" ]; then
        echo "note: $yaml has no $name.err; skipped"
        continue
    fi
    n=$((n + 1))

    want_rc=1
    if [ -f "tests/errors/$name.status" ]; then
        want_rc=$(tr -d ' \t\r\n' <"tests/errors/$name.status")
    fi
    want_line=$(first_line "$err")

    case_dir=$tmp/case-$n
    out_dir=$case_dir/out
    mkdir -p "$out_dir"
    cp "$good" "$out_dir/out.pdf"

    rc=0
    timeout "$limit" "$DP" slides "$yaml" -o "$out_dir/out.pdf" \
        </dev/null >"$case_dir/stdout" 2>"$case_dir/stderr" || rc=$?
    got_line=$(first_line "$case_dir/stderr")

    problems=
    if [ "$rc" -eq 124 ]; then
        problems="$problems; timed out after ${limit}s"
    elif [ "$rc" -eq 0 ]; then
        problems="$problems; exit status 0, want $want_rc"
    elif [ "$rc" != "$want_rc" ]; then
        problems="$problems; exit status $rc, want $want_rc"
    fi
    if [ "$got_line" != "$want_line" ]; then
        problems="$problems; stderr line 1 is [$got_line], want [$want_line]"
    fi
    if crash=$(crash_report "$case_dir/stderr"); then
        problems="$problems; crash: $crash"
    fi
    if ! cmp -s "$good" "$out_dir/out.pdf" 2>/dev/null; then
        if [ -e "$out_dir/out.pdf" ]; then
            problems="$problems; the old PDF was modified"
        else
            problems="$problems; the old PDF was removed"
        fi
    fi
    extra=$(extra_files "$out_dir" out.pdf)
    if [ -n "$extra" ]; then
        problems="$problems; left beside the PDF: $extra"
    fi

    if [ -z "$problems" ]; then
        pass "errors/$name"
    else
        fail "errors/$name" "${problems#; }"
        if [ -s "$case_dir/stderr" ]; then
            echo "   stderr of $DP slides $yaml:"
            head -n 8 "$case_dir/stderr" | sed 's/^/   | /'
        fi
    fi
done

[ "$n" -gt 0 ] || echo "note: no error cases (tests/errors/NAME.yaml + NAME.err)"
