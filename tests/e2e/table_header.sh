#!/bin/sh
# tests/e2e/table_header.sh: a Markdown table that continues on the next
# slide or booklet page repeats its header row there (README "The deck
# format"), read with pdftotext -layout; the --dump shows the pages still fit.
#   slides/header   every slide holding body rows of the table has the header
#                   line "方法 说明 耗时" once, above its first row
#   slides/rows     each body row is on exactly one slide, in order
#   slides/fits     no row is set below the slide's text frame (the header's
#                   height is counted where the table is split)
#   booklet/header, booklet/rows   the same in the booklet
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=table_header
need_dp "$T" || exit 0
need_tools "$T" pdftotext pdfinfo "$PY" || exit 0
tmp=$(dp_tmpdir)

"$PY" - "$tmp/t.yaml" <<'PY'
import sys
rows = "\n".join("          | 方法%d | 说明第%d行，稍长一些的文字 | %d ms |" % (i, i, i * 10) for i in range(1, 81))
open(sys.argv[1], "w", encoding="utf-8").write("""title: 表格
sections:
  - title: 节
    items:
      - question: 表格很长怎么办？
        answer: |
          各方法对比：

          | 方法 | 说明 | 耗时 |
          |:--|:--|--:|
%s
""" % rows)
PY

for kind in slides handout; do
    dp_run "$tmp/$kind" "$DP" "$kind" "$tmp/t.yaml" -o "$tmp/t.$kind.pdf"
    if [ "$rc" -ne 0 ]; then
        fail "$T/$kind" "$(dp_run_detail "$tmp/$kind")"
        continue
    fi
    "$DP" "$kind" "$tmp/t.yaml" -o "$tmp/d.pdf" --dump >"$tmp/$kind.dump" 2>/dev/null || true
    pages=$(pdfinfo "$tmp/t.$kind.pdf" | awk '/^Pages:/ {print $2}')
    i=1
    while [ "$i" -le "$pages" ]; do
        pdftotext -layout -f "$i" -l "$i" "$tmp/t.$kind.pdf" "$tmp/$kind.p$i.txt"
        i=$((i + 1))
    done
done

"$PY" - "$tmp" >"$tmp/out" <<'PY'
import glob, re, sys
d = sys.argv[1]
for kind, name in (("slides", "slides"), ("handout", "booklet")):
    files = sorted(glob.glob("%s/%s.p*.txt" % (d, kind)), key=lambda f: int(re.search(r"p(\d+)\.txt$", f).group(1)))
    if not files:
        print("FAIL table_header/%s: no pages" % name)
        continue
    seen, problems, split = [], [], 0
    for f in files:
        lines = open(f, encoding="utf-8").read().splitlines()
        rows = [(k, int(m.group(1))) for k, l in enumerate(lines) for m in [re.search(r"方法 ?(\d+)", l)] if m]
        heads = [k for k, l in enumerate(lines) if re.search(r"方法 +说明 +耗时", l)]
        if not rows:
            continue
        split += 1
        if len(heads) != 1 or heads[0] > rows[0][0]:
            problems.append("%s: header lines %r, first row at %d" % (f.rsplit("/", 1)[1], heads, rows[0][0]))
        seen += [n for _, n in rows]
    print(("PASS table_header/%s/header" % name) if not problems and split > 1 else
          "FAIL table_header/%s/header: %d pages with rows; %s" % (name, split, "; ".join(problems[:3])))
    print(("PASS table_header/%s/rows" % name) if seen == list(range(1, 81)) else
          "FAIL table_header/%s/rows: %r" % (name, seen[:90]))
    if kind != "slides":
        continue
    # the dump: no cell's baseline below the bottom of the slide's text frame
    # (the header's height is counted where the table is split)
    bad, frame, pages = [], None, 0
    for l in open("%s/%s.dump" % (d, kind), encoding="utf-8"):
        m = re.match(r"  flow piece=\d+/\d+ frame=[\d.]+-([\d.]+)", l)
        if m:
            frame = float(m.group(1))
            pages += 1
        if l.startswith("page "):
            frame = None
        m = re.match(r'  text [\d.]+,([\d.]+) .*@\S*t\.yaml:', l)
        if m and frame is not None and float(m.group(1)) > frame:
            bad.append("%s below the frame's bottom %s" % (m.group(1), frame))
    print(("PASS table_header/%s/fits" % name) if not bad and pages > 1 else
          "FAIL table_header/%s/fits: %d flow pieces; %s" % (name, pages, "; ".join(bad[:3])))
PY
record_lines "$tmp/out"
