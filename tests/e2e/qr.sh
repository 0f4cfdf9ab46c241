#!/bin/sh
# The closing slide's QR code scans, in every shipped template: the page is
# rendered by poppler (pdftoppm) and decoded by a real scanner (zbarimg, from
# zbar-tools), which must read back exactly the deck's qr: URL.
#   qr/TEMPLATE         slides in templates/TEMPLATE.yaml (the dark template's
#                       ink is light: its modules once came out light on the
#                       white tile, and nothing could scan them)
#   qr/booklet          the booklet handout's closing page
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp qr || exit 0
need_tools qr pdftoppm pdfinfo zbarimg || exit 0
tmp=$(dp_tmpdir)
url="https://example.org/meetup/join?from=slides&id=42"
cat >"$tmp/deck.yaml" <<YAML
title: 扫码测试
sections:
  - title: 一节
    items:
      - question: 问题？
        answer: 答案。
closing:
  title: 结语
  body: 谢谢。
  qr: $url
  qr_label: 扫码加入
YAML

# scan PDF PAGE NAME: render PAGE at 100 dpi and decode it
scan() {
    pdftoppm -r 100 -png -f "$2" -l "$2" "$1" "$tmp/$3" 2>/dev/null
    got=$(zbarimg -q --raw "$tmp/$3"-*.png 2>/dev/null || true)
    if [ "$got" = "$url" ]; then
        pass "qr/$3"
    else
        fail "qr/$3" "zbarimg read '${got}' from page $2 of $1, want $url"
    fi
    rm -f "$tmp/$3"-*.png
}

for t in templates/*.yaml; do
    name=$(basename "$t" .yaml)
    if ! "$DP" slides "$tmp/deck.yaml" --template "$name" -o "$tmp/$name.pdf" -q 2>"$tmp/$name.err"; then
        fail "qr/$name" "slides failed: $(head -n 3 "$tmp/$name.err")"
        continue
    fi
    n=$(pdfinfo "$tmp/$name.pdf" | sed -n 's/^Pages: *//p')
    scan "$tmp/$name.pdf" "$n" "$name"
done

if "$DP" handout "$tmp/deck.yaml" -o "$tmp/booklet.pdf" -q 2>"$tmp/b.err"; then
    n=$(pdfinfo "$tmp/booklet.pdf" | sed -n 's/^Pages: *//p')
    scan "$tmp/booklet.pdf" "$n" booklet
else
    fail qr/booklet "handout failed: $(head -n 3 "$tmp/b.err")"
fi
