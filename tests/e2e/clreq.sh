#!/bin/sh
# tests/e2e/clreq.sh: Chinese layout rules (W3C clreq) and margins on the
# meetup deck, from the display-list dump (`deckpress slides ... --dump`) and
# from pdftotext:
#   dump               --dump exits 0
#   dump-readable      the dump has pages and text ops the checker understands
#   no-line-starts-with-closing-punct   text ops grouped by page and baseline:
#                      no line starts with ，。、；：？！）」』》〉】 (and 〕］｝〗”’)
#   no-line-ends-with-opening-punct     no line ends with （「『《〈【 (and 〔［｛〖“‘)
#   right-margin       every positioned text op (src "@file:line:col") ends at
#                      x <= page width - 56; chrome ops (no "@") are exempt
#   bottom-margin      every positioned text op has its baseline at
#                      y <= page height - 64 (476 on 540-pt pages), top >= 0
#   pdftotext-lines    the same start/end punctuation rules on pdftotext lines
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

deck=decks/llm-founders-meetup.yaml
T=clreq

need_tools "$T" pdftotext "$PY" || exit 0
need_dp "$T" || exit 0
if [ ! -f "$deck" ]; then
    fail "$T" "no $deck"
    exit 0
fi

tmp=$(dp_tmpdir)
pdf=$tmp/meetup.pdf

dp_run "$tmp/dump" "$DP" slides "$deck" -o "$pdf" --dump
if [ "$rc" -ne 0 ]; then
    fail "$T/dump" "$(dp_run_detail "$tmp/dump")"
else
    pass "$T/dump"
    py_checks "$T/dump-check" clreq "$T" "$tmp/dump/out" 56 64
fi

# The PDF: from the --dump run if it wrote one, else a plain render.
if [ ! -s "$pdf" ]; then
    dp_run "$tmp/render" "$DP" slides "$deck" -o "$pdf"
fi
if [ -s "$pdf" ] && pdftotext -enc UTF-8 "$pdf" "$tmp/text.txt" 2>/dev/null; then
    py_checks "$T/text-check" clreq-text "$T" "$tmp/text.txt"
else
    fail "$T/pdftotext-lines" "no PDF to read (render: $(dp_run_detail "$tmp/render" 2>/dev/null || true))"
fi
