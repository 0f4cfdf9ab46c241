#!/bin/sh
# The closing slide's QR column (issue 13 point 4) with the founders deck's
# 36-character caption and 138-character URL:
#   16x9/url-whole     the URL reads back in full (pdftotext), broken only
#                      after / . ? & = -, every piece at least 12 pt
#   16x9/in-column     caption and URL stay right of the QR column's edge and
#                      inside the page (the --dump positions)
#   4x3/shortened      at 4:3 it cannot be printed whole at 12 pt: it is
#                      shortened with … and a warning names the qr: line;
#                      check --strict fails on it
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp closing || exit 0
need_tools closing pdftotext "$PY" || exit 0
tmp=$(dp_tmpdir)
deck="$(git rev-parse --show-toplevel)/../shared/decks-wild/founders-fireside-shanghai.yaml"
[ -f "$deck" ] || { echo "   closing: no decks-wild"; exit 0; }
url=$(sed -n 's/^ *qr: https:\/\///p' "$deck")
NO_COLOR=1 dp_run "$tmp/w" "$DP" slides "$deck" -o "$tmp/w.pdf" --dump
n=$(pdfinfo "$tmp/w.pdf" | sed -n 's/^Pages: *//p')
# -bbox keeps a line-final hyphen (plain pdftotext joins it away as a hyphenation)
got=$(pdftotext -bbox -f "$n" -l "$n" "$tmp/w.pdf" - |
    sed -n 's/.*xMin="\(4[89][0-9]\|[5-9][0-9][0-9]\)\.[0-9]*".*>\(.*\)<\/word>/\2/p' | sed 's/&amp;/\&/g' | tr -d ' \n')
case "$got" in
    *"$url"*) pass closing/16x9/url-whole ;;
    *) fail closing/16x9/url-whole "the last page does not read back the whole URL: $got" ;;
esac
awk -v last="$n" '$1=="page"{p=$2} p==last' "$tmp/w/out" > "$tmp/last"
"$PY" - "$tmp/last" "$url" <<'PY' > "$tmp/res"
import re, sys
ops = [l for l in open(sys.argv[1], encoding="utf-8") if l.lstrip().startswith("text ")]
url = sys.argv[2]
pieces = []
for l in ops:
    m = re.match(r'\s*text ([\d.]+),([\d.]+) .*size=([\d.]+) w=([\d.]+) .*"(.*)"', l)
    x, y, size, w, t = float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)), m.group(5)
    if t and t in url and len(t) > 3 and x > 480:
        pieces.append((x, y, size, w, t))
ok = pieces and all(p[2] >= 12 for p in pieces) and all(p[4][-1] in "/.?&=-" for p in pieces[:-1])
print("PASS closing/16x9/url-pieces" if ok else "FAIL closing/16x9/url-pieces: %r" % pieces)
right = [l for l in ops if re.match(r'\s*text ([\d.]+)', l) and float(re.match(r'\s*text ([\d.]+)', l).group(1)) > 480]
bad = [l.strip() for l in right if float(re.search(r'text ([\d.]+)', l).group(1)) + float(re.search(r' w=([\d.]+)', l).group(1)) > 960 - 60 + 0.5]
print("PASS closing/16x9/in-column" if right and not bad else "FAIL closing/16x9/in-column: %s" % (bad[:2] or "no text right of the body"))
PY
record_lines "$tmp/res"
NO_COLOR=1 dp_run "$tmp/n" "$DP" check "$deck" --aspect 4:3 --strict
if [ "$rc" -eq 1 ] && grep -Eq "founders-fireside-shanghai.yaml:[0-9]+:7: warning: the URL is too long to print in full" "$tmp/n/err"; then
    pass closing/4x3/shortened
else
    fail closing/4x3/shortened "status $rc (want 1 with --strict); $(grep -m1 'URL' "$tmp/n/err" || echo 'no warning about the URL')"
fi
