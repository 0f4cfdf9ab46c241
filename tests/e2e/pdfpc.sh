#!/bin/sh
# tests/e2e/pdfpc.sh: speaker notes as a .pdfpc file (pdfpc's JSON, format 2)
# next to the slides (src/pdf/pdfpc.c).
#   meetup          build writes out/NAME.slides.pdfpc: valid JSON with only the
#                   keys of pdfpc's schema, one entry per PDF page (idx 0..n-1),
#                   every label the PDF's own page label, the intro's notes on
#                   the agenda page and the closing's on the last page
#   reveal-cont     with reveal: true and an item continued on a （续） slide:
#                   page count still equal to the PDF's, a reveal step and its
#                   slide share a label (overlay 0 and 1) and the item's note,
#                   the （续） slide repeats it, an item without notes has none,
#                   quotes, backslashes and line breaks survive JSON escaping
#   slides-command  `slides -o X.pdf` writes X.pdfpc
#   no-notes        a deck without notes writes no .pdfpc, removes one that
#                   deckpress wrote before and keeps one that pdfpc saved
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=pdfpc
need_dp "$T" || exit 0
need_tools "$T" "$PY" pdfinfo qpdf || exit 0
tmp=$(dp_tmpdir)

# checker NAME PDF PDFPC DECK [reveal]: prints PASS/FAIL NAME
cat >"$tmp/check.py" <<'PY'
import json, re, subprocess, sys

name, pdf, pdfpc, deck = sys.argv[1:5]
extra = sys.argv[5] if len(sys.argv) > 5 else ""

def fail(msg):
    print("FAIL %s: %s" % (name, msg))
    sys.exit(0)

try:
    doc = json.load(open(pdfpc, encoding="utf-8"))
except Exception as e:
    fail("not JSON: %s" % e)
if doc.get("pdfpcFormat") != 2:
    fail("pdfpcFormat is %r" % doc.get("pdfpcFormat"))
if set(doc) - {"pdfpcFormat", "duration", "startTime", "endTime", "endSlide", "savedSlide",
               "lastMinutes", "disableMarkdown", "noteFontSize", "defaultTransition",
               "beamerNotePosition", "pages"}:
    fail("keys outside pdfpc's schema: %s" % sorted(doc))
pages = doc["pages"]
n = int(re.search(r"^Pages:\s*(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout, re.M).group(1))
if len(pages) != n:
    fail("%d pages in the .pdfpc, %d in the PDF" % (len(pages), n))
for i, p in enumerate(pages):
    if set(p) - {"idx", "label", "overlay", "forcedOverlay", "hidden", "note"} or not {"idx", "label", "overlay"} <= set(p):
        fail("page %d has keys %s" % (i, sorted(p)))
    if p["idx"] != i:
        fail("entry %d has idx %d" % (i, p["idx"]))

# the PDF's page labels (qpdf: ranges of /S /D with /St and a /P prefix)
qj = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pagelabels", pdf], capture_output=True, text=True).stdout)
ranges = sorted((r["index"], r["label"]) for r in qj.get("pagelabels", []))
def label(i):
    start, lab = max((r for r in ranges if r[0] <= i), key=lambda r: r[0])
    prefix = lab.get("/P", "")
    prefix = prefix[2:] if prefix.startswith("u:") else prefix
    return prefix + (str(lab.get("/St", 1) + i - start) if lab.get("/S") == "/D" else "")
for i, p in enumerate(pages):
    if p["label"] != label(i):
        fail("page %d: label %r in the .pdfpc, %r in the PDF" % (i, p["label"], label(i)))
# overlay: 0 on a new label, counting up while the label repeats
for i, p in enumerate(pages):
    want = pages[i - 1]["overlay"] + 1 if i and pages[i - 1]["label"] == p["label"] else 0
    if p["overlay"] != want:
        fail("page %d: overlay %d, want %d" % (i, p["overlay"], want))

try:
    import yaml
    d = yaml.safe_load(open(deck, encoding="utf-8"))
except ImportError:
    d = None
notes = [p.get("note") for p in pages]
if extra == "meetup" and d is not None:
    if notes[1] != d["intro"]["notes"]:
        fail("agenda page note %r, want the intro's notes" % notes[1])
    if notes[-1] != d["closing"]["notes"]:
        fail("last page note %r, want the closing's notes" % notes[-1])
    if sum(x is not None for x in notes) != 2:
        fail("%d pages with notes, want 2" % sum(x is not None for x in notes))
if extra == "reveal" and d is not None:
    items = d["sections"][0]["items"]
    labels = [p["label"] for p in pages]
    # pages: cover, agenda, divider, (step, item1), (step, item2), item2 （续）, (step, item3), closing
    if [p["overlay"] for p in pages[3:10]] != [0, 1, 0, 1, 0, 0, 1]:
        fail("overlays of the item pages: %s" % [p["overlay"] for p in pages[3:10]])
    if notes[3] != items[0]["notes"] or notes[4] != items[0]["notes"]:
        fail("item 1's step and slide notes: %r, %r; want %r" % (notes[3], notes[4], items[0]["notes"]))
    if not (notes[5] == notes[6] == notes[7] == items[1]["notes"]):
        fail("item 2 (step, slide, （续）) notes: %r" % notes[5:8])
    if labels[7] == labels[6]:
        fail("the （续） slide shares the label of the slide it continues")
    if notes[8] is not None or notes[9] is not None:
        fail("item 3 has no notes, but its pages have %r" % notes[8:10])
print("PASS %s" % name)
PY

# ---------------------------------------------------------------- meetup
deck=decks/llm-founders-meetup.yaml
dp_run "$tmp/meetup" "$DP" build "$deck" -o "$tmp/out"
if [ "$rc" -ne 0 ]; then
    fail "$T/meetup" "$(dp_run_detail "$tmp/meetup")"
elif [ ! -f "$tmp/out/llm-founders-meetup.slides.pdfpc" ]; then
    fail "$T/meetup" "no llm-founders-meetup.slides.pdfpc beside the slides: $(ls "$tmp/out" | tr '\n' ' ')"
else
    st=0
    "$PY" "$tmp/check.py" "$T/meetup" "$tmp/out/llm-founders-meetup.slides.pdf" \
        "$tmp/out/llm-founders-meetup.slides.pdfpc" "$deck" meetup >"$tmp/meetup.res" 2>&1 || st=$?
    record_lines "$tmp/meetup.res" "$T/meetup" "$st"
fi

# ---------------------------------------------------------------- reveal + （续）
mkdir -p "$tmp/rv"
cat >"$tmp/rv/notes.yaml" <<'EOF'
title: 备注测试
reveal: true
intro:
  body: 开场。
  notes: 介绍流程。
sections:
  - title: 第一部分
    items:
      - title: 短题
        question: 第一题？
        answer: 答案一。
        notes: "第一题的备注：\"引号\" 和 \\ 反斜杠\n第二行\t制表"
      - title: 长题
        question: 第二题？
        answer: 大规模训练数据通常来源于公开数据集、企业内部数据、网络爬虫获取的数据等。处理方法包括数据清洗、去重、格式化、标签化等。大规模训练数据通常来源于公开数据集、企业内部数据、网络爬虫获取的数据等。处理方法包括数据清洗、去重、格式化、标签化等。大规模训练数据通常来源于公开数据集、企业内部数据、网络爬虫获取的数据等。处理方法包括数据清洗、去重、格式化、标签化等。大规模训练数据通常来源于公开数据集、企业内部数据、网络爬虫获取的数据等。处理方法包括数据清洗、去重、格式化、标签化等。
        analysis: 数据清洗和预处理是训练大模型的关键步骤，确保数据质量对于模型效果至关重要。例如，使用Python的Pandas库进行数据清洗，使用TensorFlow或PyTorch库进行数据预处理。
        notes: 第二题的备注。
      - title: 无备注
        question: 第三题？
        answer: 答案三。
closing:
  body: 谢谢。
  notes: 致谢。
EOF
dp_run "$tmp/rv/run" "$DP" build "$tmp/rv/notes.yaml" -o "$tmp/rv/out"
if [ "$rc" -ne 0 ]; then
    fail "$T/reveal-cont" "$(dp_run_detail "$tmp/rv/run")"
else
    st=0
    "$PY" "$tmp/check.py" "$T/reveal-cont" "$tmp/rv/out/notes.slides.pdf" "$tmp/rv/out/notes.slides.pdfpc" \
        "$tmp/rv/notes.yaml" reveal >"$tmp/rv.res" 2>&1 || st=$?
    record_lines "$tmp/rv.res" "$T/reveal-cont" "$st"
fi

# ---------------------------------------------------------------- slides command
dp_run "$tmp/sl" "$DP" slides "$tmp/rv/notes.yaml" -o "$tmp/rv/talk.pdf"
if [ "$rc" -eq 0 ] && [ -f "$tmp/rv/talk.pdfpc" ]; then
    st=0
    "$PY" "$tmp/check.py" "$T/slides-command" "$tmp/rv/talk.pdf" "$tmp/rv/talk.pdfpc" "$tmp/rv/notes.yaml" \
        >"$tmp/sl.res" 2>&1 || st=$?
    record_lines "$tmp/sl.res" "$T/slides-command" "$st"
else
    fail "$T/slides-command" "status $rc; files: $(ls "$tmp/rv" | tr '\n' ' ')"
fi

# ---------------------------------------------------------------- no notes
grep -v 'notes:' "$tmp/rv/notes.yaml" >"$tmp/rv/plain.yaml"
dp_run "$tmp/nn1" "$DP" slides "$tmp/rv/plain.yaml" -o "$tmp/rv/plain.pdf"
s1=$rc
[ ! -e "$tmp/rv/plain.pdfpc" ] && none=yes || none=no
cp "$tmp/rv/talk.pdfpc" "$tmp/rv/plain.pdfpc" # one deckpress wrote: stale now
dp_run "$tmp/nn2" "$DP" slides "$tmp/rv/plain.yaml" -o "$tmp/rv/plain.pdf"
[ ! -e "$tmp/rv/plain.pdfpc" ] && removed=yes || removed=no
printf '{\n  "pdfpcFormat": 2,\n  "pages": []\n}\n' >"$tmp/rv/plain.pdfpc" # as pdfpc saves it
dp_run "$tmp/nn3" "$DP" slides "$tmp/rv/plain.yaml" -o "$tmp/rv/plain.pdf"
[ -e "$tmp/rv/plain.pdfpc" ] && kept=yes || kept=no
if [ "$s1:$none:$removed:$kept" = "0:yes:yes:yes" ]; then
    pass "$T/no-notes"
else
    fail "$T/no-notes" "status $s1, none written: $none, stale one removed: $removed, pdfpc's kept: $kept"
fi
