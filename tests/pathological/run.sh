#!/bin/sh
# tests/pathological/run.sh: hostile and extreme decks (cmark's
# pathological_tests.py). tests/pathological/gen.py writes them into a temp
# folder (nothing is committed) with the outcome each must have; every case
# is one check "pathological/NAME", run as
#     timeout LIMIT deckpress slides CASE.yaml -o OUT/out.pdf
# (a few run `build CASE.yaml -o OUT` or `check CASE.yaml` instead) with the
# bytes of an older PDF already at OUT/out.pdf, and passes when:
#   - it ends within LIMIT seconds (DP_PATHO_TIMEOUT, default 20; x4 under
#     the sanitizers) with no crash, signal or sanitizer report;
#   - ok cases: exit 0, a complete PDF (%PDF- ... %%EOF) replaced the old one
#     (build: both PDFs complete; check: nothing written), and (decks under
#     2 MB) `check --dump` draws no text outside the page, none with a
#     negative width or a character spacing below -30 pt;
#   - error cases: exit 1, 3 or 4 and stderr line 1 is CASE.yaml:LINE:COL:
#     error: ... (file-error cases may say CASE.yaml: error: ...), matching
#     the case's regex where it has one (the limit that was hit, stated);
#     the old PDF is byte-identical;
#   - ok-or-error cases: either of the above;
#   - always: nothing else (temp files, depfiles) is left beside out.pdf,
#     and stderr stays under 64 KiB (messages quote, they do not copy; not
#     for check, which reports every lint finding).
# Plus "pathological/NAME-same-as-lf": the BOM, CRLF and CR decks lay out
# exactly like the LF deck (--dump identical but for the file name).
# Cases marked IMAGES test image: files (a missing one must be an error; the
# damaged ones may be refused or, where a reader copes, drawn).
# Timing belongs in bench/, not here: LIMIT only catches hangs and blowups.
# Memory is capped at 4 GiB (ulimit -v; not under ASan). Under the sanitizers
# the "big" cases (scale, not bytes: 10,000 items and more) are skipped unless
# DP_PATHO_BIG=1.
# DP_PATHO_CASES: an extended regex; only matching case names run.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=pathological
limit=${DP_PATHO_TIMEOUT:-20}
[ -n "${DP_SANITIZED:-}" ] && limit=$((limit * 4))
max_err=65536

need_tools "$T" timeout cmp "$PY" || exit 0
need_dp "$T" || exit 0

tmp=$(dp_tmpdir)
gen=$tmp/in
if ! "$PY" tests/pathological/gen.py "$gen" >"$tmp/manifest" 2>"$tmp/gen.err"; then
    fail "$T/gen" "gen.py failed: $(tail -n 3 "$tmp/gen.err")"
    exit 0
fi
old=$tmp/old.pdf
printf '%%PDF-1.4\n%% an older PDF that a failed run must leave alone\n%%%%EOF\n' >"$old"

# Runs the case; leaves status in $rc, stderr in $d/err. Memory is capped
# (not under ASan, which reserves terabytes of address space) so a blowup
# fails the case instead of the machine.
run_case() { # DIR ARGS...
    d=$1
    shift
    mkdir -p "$d"
    rc=0
    (
        [ -n "${DP_SANITIZED:-}" ] || ulimit -v 4194304 2>/dev/null || true
        exec timeout "$limit" "$DP" "$@" </dev/null >"$d/out" 2>"$d/err"
    ) || rc=$?
}

# Prints what is wrong with the text runs of a --dump, if anything: runs
# outside their page, negative widths, character spacing below -30 pt
# (libharu's limit; the glyphs would run backwards over each other).
off_page() {
    awk '$1 == "page" { split($3, wh, "x"); w = wh[1] + 0; h = wh[2] + 0; pg = $2 }
         $1 == "text" { split($2, xy, ","); x = xy[1] + 0; y = xy[2] + 0
                        if (x < -1 || x > w + 1 || y < -1 || y > h + 1) { n++; if (n <= 2) ex = ex " page " pg " at " $2 }
                        for (i = 3; i <= NF; i++) {
                            if ($i ~ /^w=-/ && substr($i, 3) + 0 < -0.01) { bad++; if (bad <= 2) bx = bx " page " pg " " $i }
                            if ($i ~ /^cs=-/ && substr($i, 4) + 0 < -30) { bad++; if (bad <= 2) bx = bx " page " pg " " $i }
                        } }
         END { if (n) printf "%d text runs outside the page (%s); ", n, ex
               if (bad) printf "%d text runs with a negative width or character spacing below -30 pt (%s)", bad, bx }' "$1"
}

# A complete PDF: starts with %PDF-, ends with %%EOF.
complete_pdf() {
    [ -f "$1" ] && [ "$(head -c 5 "$1")" = "%PDF-" ] && tail -c 64 "$1" | grep -q '%%EOF'
}

while IFS='	' read -r name expect cmd big deck must desc; do
    [ -n "$name" ] || continue
    if [ -n "${DP_PATHO_CASES:-}" ] && ! printf '%s\n' "$name" | grep -Eq "$DP_PATHO_CASES"; then
        continue
    fi
    if [ "$big" = big ] && [ -n "${DP_SANITIZED:-}" ] && [ -z "${DP_PATHO_BIG:-}" ]; then
        echo "   note: $name skipped under the sanitizers (DP_PATHO_BIG=1 runs it)"
        continue
    fi
    c=$tmp/case-$name
    outd=$c/out
    mkdir -p "$outd"
    cp "$old" "$outd/out.pdf"
    case $cmd in
        build) run_case "$c/run" build "$deck" -o "$outd" ;;
        check) run_case "$c/run" check "$deck" ;;
        *) run_case "$c/run" slides "$deck" -o "$outd/out.pdf" ;;
    esac
    err=$c/run/err
    line1=$(first_line "$err" | cut -c1-300)
    problems=

    if crash=$(crash_report "$err"); then
        problems="$problems; crash: $crash"
    fi
    case $rc in
        124) problems="$problems; no result within ${limit}s" ;;
        137) problems="$problems; killed (SIGKILL: out of memory?)" ;;
        0 | 1 | 3 | 4) ;;
        *) problems="$problems; $(dp_run_detail "$c/run")" ;;
    esac
    ok_run=no
    if [ "$rc" -eq 0 ]; then
        ok_run=yes
        [ "$expect" = ok ] || [ "$expect" = ok-or-error ] || problems="$problems; exit 0, want an error"
        base=${deck##*/}
        base=${base%.yaml}
        case $cmd in
            check)
                cmp -s "$old" "$outd/out.pdf" || problems="$problems; check changed out.pdf"
                ;;
            build)
                for f in "$outd/$base.slides.pdf" "$outd/$base.handout.pdf"; do
                    complete_pdf "$f" || problems="$problems; exit 0 but ${f##*/} is missing or not a complete PDF"
                done
                ;;
            *)
                if cmp -s "$old" "$outd/out.pdf"; then
                    problems="$problems; exit 0 but no PDF was written (the old one is still there)"
                elif ! complete_pdf "$outd/out.pdf"; then
                    problems="$problems; exit 0 but out.pdf is not a complete PDF"
                fi
                ;;
        esac
        if grep -q ': error: ' "$err"; then
            problems="$problems; exit 0 but stderr has an error: $(grep -m 1 ': error: ' "$err" | cut -c1-200)"
        fi
    elif [ "$rc" -eq 1 ] || [ "$rc" -eq 3 ] || [ "$rc" -eq 4 ]; then
        [ "$expect" != ok ] || problems="$problems; $(dp_run_detail "$c/run"), want success"
        case $expect:$line1 in
            *:"$deck":[0-9]*:[0-9]*": error: "*) ;;
            file-error:"$deck: error: "*) ;;
            *) problems="$problems; stderr line 1 is not '$deck:LINE:COL: error: ...': [$line1]" ;;
        esac
        if [ "$must" != - ] && ! printf '%s\n' "$line1" | grep -Eq -- "$must"; then
            problems="$problems; the error does not say /$must/: [$line1]"
        fi
        cmp -s "$old" "$outd/out.pdf" || problems="$problems; the old PDF was changed or removed"
    fi
    if [ "$cmd" = build ] && [ "$rc" -eq 0 ]; then
        extra=$(find "$outd" -mindepth 1 -maxdepth 1 ! -name out.pdf ! -name "$base.slides.pdf" \
            ! -name "$base.handout.pdf" ! -name "$base.pdfpc" | sed 's|.*/||' | tr '\n' ' ')
    else
        extra=$(extra_files "$outd" out.pdf)
    fi
    [ -z "$extra" ] || problems="$problems; left beside the PDF: $extra"
    errsize=$(wc -c <"$err" | tr -d ' ')
    # (check reports every lint finding, one per item by design: no bound)
    [ "$cmd" = check ] || [ "$errsize" -le "$max_err" ] || problems="$problems; stderr is $errsize bytes (longest line $(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$err") characters)"

    # Nothing drawn off the page (small decks: the dump of a 10,000-item deck is large).
    if [ "$ok_run" = yes ] && [ "$cmd" = slides ] && [ "$(wc -c <"$deck")" -lt 2000000 ]; then
        run_case "$c/dump" check "$deck" --dump -q
        if [ "$rc" -eq 0 ]; then
            off=$(off_page "$c/dump/out")
            [ -z "$off" ] || problems="$problems; $off"
            cp "$c/dump/out" "$tmp/dump-$name"
        fi
    fi

    if [ -z "$problems" ]; then
        pass "$T/$name"
    else
        fail "$T/$name" "$desc: ${problems#; }"
        if [ -s "$err" ]; then
            echo "   stderr (first lines, cut at 200 characters):"
            head -n 4 "$err" | cut -c1-200 | sed 's/^/   | /'
        fi
    fi
done <"$tmp/manifest"

# Line endings and a BOM change nothing but the bytes.
ref=$tmp/dump-lf-reference
if [ -f "$ref" ]; then
    for v in bom crlf bom-crlf cr-only; do
        [ -f "$tmp/dump-$v" ] || continue
        sed "s|$gen/$v.yaml|DECK|g" "$tmp/dump-$v" >"$tmp/dump-$v.norm"
        sed "s|$gen/lf-reference.yaml|DECK|g" "$ref" >"$tmp/dump-ref.norm"
        if cmp -s "$tmp/dump-$v.norm" "$tmp/dump-ref.norm"; then
            pass "$T/$v-same-as-lf"
        else
            fail "$T/$v-same-as-lf" "the $v deck lays out differently from the LF deck: $(diff "$tmp/dump-ref.norm" "$tmp/dump-$v.norm" | sed -n '2,3p' | tr '\n' ' ')"
        fi
    done
fi
