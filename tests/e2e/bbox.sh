#!/bin/sh
# clreq on what a PDF reader sees: pdftotext -bbox-layout over the meetup
# slides and booklet: no word outside its page's margins, no line starting
# with closing or ending with opening punctuation, no one-hanzi last line.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp bbox || exit 0
need_tools bbox pdftotext "$PY" || exit 0
tmp=$(dp_tmpdir)
deck=decks/llm-founders-meetup.yaml

run_checks() { # NAME PDF WIDTH HEIGHT MARGIN
    pdftotext -bbox-layout "$2" "$tmp/$1.html" 2>/dev/null || { fail "bbox/$1" "pdftotext failed"; return; }
    $PY tests/e2e/bboxcheck.py "$tmp/$1.html" "$3" "$4" "$5" > "$tmp/$1.res"
    while IFS= read -r line; do
        case "$line" in
            PASS*) pass "bbox/$1/${line#PASS }" ;;
            FAIL*) rest=${line#FAIL }; fail "bbox/$1/${rest%%:*}" "${rest#*: }" ;;
            *) echo "   $line" ;;
        esac
    done < "$tmp/$1.res"
}

dp_run "$tmp/s" "$DP" slides "$deck" -o "$tmp/slides.pdf"
[ "$rc" -eq 0 ] && run_checks slides "$tmp/slides.pdf" 960 540 40 || fail bbox/slides "$(dp_run_detail "$tmp/s")"
dp_run "$tmp/b" "$DP" handout "$deck" -o "$tmp/booklet.pdf" --layout booklet
[ "$rc" -eq 0 ] && run_checks booklet "$tmp/booklet.pdf" 595.28 841.89 28.35 || fail bbox/booklet "$(dp_run_detail "$tmp/b")"
