#!/bin/sh
# tests/e2e/booklet.sh: the attendee booklet (deckpress handout, layout
# booklet) of decks/llm-founders-meetup.yaml on A4, on Letter and in two
# columns, plus a generated deck with an item taller than a page. Each
# variant NAME (a4, letter, 2col, tall) is checked with real PDF readers:
#   NAME/render           exit 0, a PDF written, no crash, no "error:"
#   NAME/qpdf-check       qpdf --check is clean
#   NAME/page-size        every page is the paper's size (pdfinfo)
#   NAME/pages-match-dump pdfinfo Pages == pages of the --dump (and >= 3)
#   NAME/text/...         pdftotext: every item's question, answer, analysis
#                         and title in deck order; title, subtitle, sections,
#                         intro and closing present (dumpcheck.py text)
#   NAME/no-speaker-notes none of the deck's notes: is in the text
#   NAME/fonts            pdffonts: every font emb/sub/uni yes, CID TrueType
#   NAME/dump-readable, NAME/margins
#                         --dump: every positioned text op inside the text
#                         margins (left/right, top 72, bottom 64 on A4;
#                         scaled with the paper on Letter)
#   NAME/body-size        most text is set at a 10-11 pt body (never shrunk)
#   NAME/items-kept       meetup: every item (question, answer, analysis) on
#                         one page; tall: the long item is broken, but never
#                         between its question and its answer
#   NAME/outline          outline: each section at the top level with its
#                         items beneath, each pointing at the item's page
#   NAME/contents-links   the contents rows link to the outline's pages
#   NAME/page-labels      cover 封面 or none, then 1, 2, ... (qpdf --json)
#   NAME/metadata         Title is the deck title; CreationDate is
#                         SOURCE_DATE_EPOCH
#   NAME/reproducible     a second render is byte-identical (cmp)
# and on decks-wild's founders-fireside (a long intro, then long items):
#   heading-kept          every section heading shares its page with the
#                         start of its first item (part 01 stood alone at the
#                         foot of the intro's page, its item on the next)
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

deck=decks/llm-founders-meetup.yaml
export SOURCE_DATE_EPOCH=1764547200
T=booklet

need_tools "$T" pdfinfo pdffonts pdftotext qpdf cmp timeout "$PY" || exit 0
need_dp "$T" || exit 0
if [ ! -f "$deck" ]; then
    fail "$T" "no $deck"
    exit 0
fi
tmp=$(dp_tmpdir)

# The booklet checks that need the display list or qpdf's JSON. They reuse
# tests/e2e/dumpcheck.py (deck reader, text normalisation, dump parser) and
# print PASS/FAIL lines like it.
cat >"$tmp/bk.py" <<'PYEOF'
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.environ["DP_ROOT"], "tests", "e2e"))
import dumpcheck as dc  # noqa: E402


def dump_pages(path):
    return dc.parse_dump(path)


def page_texts(pages):
    return [dc.norm_page("".join(o["text"] for o in ops)) for _, _, _, ops in pages]


def first_body_page(texts):
    """Index of the first page after the contents (its kicker is CONTENTS)."""
    last = max((i for i, t in enumerate(texts) if "CONTENTS" in t), default=0)
    return last + 1


def item_pages(deck, texts):
    """Per item: (page of its question, page of its answer's start, is the
    whole item on that page); None where the question is not found."""
    out, p = [], first_body_page(texts)
    for it in dc.items_of(deck):
        q = dc.norm_deck(dc.text_of(it.get("question")))
        a = dc.norm_deck(dc.text_of(it.get("answer")))
        n = dc.norm_deck(dc.text_of(it.get("analysis")))
        found = None
        for k in range(p, len(texts)):
            i = texts[k].find(q)
            if q and i >= 0:
                rest = texts[k][i + len(q):]
                whole = a in rest and (not n or n in rest)
                found = (k, k if a[:6] in rest else None, whole)
                p = k
                break
        out.append(found)
    return out


def cmd_notes(name, deck_path, txt_path):
    deck = dc.load_deck(deck_path)
    text = dc.norm_page(dc.read(txt_path))
    notes = [dc.text_of(it.get("notes")) for it in dc.items_of(deck)]
    for k in ("intro", "closing"):
        if isinstance(deck.get(k), dict):
            notes.append(dc.text_of(deck[k].get("notes")))
    notes = [dc.norm_deck(n) for n in notes if n.strip()]
    if not notes:
        dc.bad(name, "the deck has no notes: nothing to check")
        return
    if not text:
        dc.bad(name, "pdftotext gave no text")
        return
    shown = [n for n in notes if n in text or (len(n) > 20 and n[:16] in text)]
    if shown:
        dc.bad(name, "%d of %d speaker notes in the handout, first: 「%s」" % (len(shown), len(notes), dc.snippet(shown[0])))
    else:
        dc.ok(name)


def cmd_margins(name, dump_path, left, right, top, bottom):
    left, right, top, bottom = map(float, (left, right, top, bottom))
    unread = []
    pages = dump_pages(dump_path)
    dc.parse_dump(dump_path, unread)
    ops = [(no, w, h, o) for no, w, h, p in pages for o in p if dc.positioned(o["src"])]
    if not ops or unread:
        dc.bad(name + "/dump-readable", "%d positioned text ops, %d unreadable text lines%s"
               % (len(ops), len(unread), ": " + unread[0] if unread else ""))
        return
    dc.ok(name + "/dump-readable")
    out = []
    for no, w, h, o in ops:
        # the baseline against the bottom; roughly the cap height against the top
        # w includes the character spacing after the last glyph, which draws nothing
        cs = re.search(r"\bcs=(-?[\d.]+)", o["line"])
        ink_w = o["w"] - (float(cs.group(1)) if cs else 0)
        if (o["x"] < left - 0.5 or o["x"] + ink_w > w - right + 0.5 or o["y"] > h - bottom + 0.5
                or o["y"] - 0.7 * o["size"] < top - 1):
            out.append("page %d: %s" % (no, o["line"]))
    if out:
        dc.bad(name + "/margins", "%d of %d text ops outside %.2f/%.2f/%.2f/%.2f (l/r/t/b), first: %s"
               % (len(out), len(ops), left, right, top, bottom, out[0]))
    else:
        dc.ok(name + "/margins")
        dc.note("%d positioned text ops inside the margins" % len(ops))


def cmd_body_size(name, dump_path):
    chars = {}
    for _, _, _, ops in dump_pages(dump_path):
        for o in ops:
            if dc.positioned(o["src"]):
                chars[o["size"]] = chars.get(o["size"], 0) + len(o["text"])
    if not chars:
        dc.bad(name, "no positioned text in the dump")
        return
    size = max(chars, key=chars.get)
    if 10 <= size <= 11:
        dc.ok(name)
        dc.note("body set at %.2f pt (%d of %d characters)" % (size, chars[size], sum(chars.values())))
    else:
        dc.bad(name, "most text is at %.2f pt, want a 10-11 pt body" % size)


def cmd_kept(name, deck_path, dump_path, mode):
    deck = dc.load_deck(deck_path)
    found = item_pages(deck, page_texts(dump_pages(dump_path)))
    missing = [k + 1 for k, f in enumerate(found) if f is None]
    if not found or missing:
        dc.bad(name, "questions of items %s not found in the dump" % (missing[:5] or "(none in deck)"))
        return
    after_q = [k + 1 for k, f in enumerate(found) if f[1] is None]
    split = [k + 1 for k, f in enumerate(found) if not f[2]]
    if after_q:
        dc.bad(name, "item(s) %s broken right after the question (answer not on its page)" % after_q[:5])
    elif mode == "whole" and split:
        dc.bad(name, "item(s) %s split across pages though each fits on one" % split[:5])
    elif mode == "split" and not split:
        dc.bad(name, "no item was broken across pages: the long item should be")
    else:
        dc.ok(name)
        dc.note("%d items; broken across pages: %s" % (len(found), split or "none"))


def pdf_page_index(data):
    return {p["object"]: p["pageposfrom1"] for p in data.get("pages", [])}


def cmd_outline(name, deck_path, json_path, dump_path):
    deck = dc.load_deck(deck_path)
    data = json.loads(dc.read(json_path))
    outl = data.get("outlines") or []
    if not outl:
        dc.bad(name + "/outline", "the PDF has no outline")
        return
    found = item_pages(deck, page_texts(dump_pages(dump_path)))
    tops = {o.get("title"): o for o in outl}
    problems, k = [], 0
    for s in dc.sections_of(deck):
        items = [it for it in (s.get("items") or []) if isinstance(it, dict)]
        o = tops.get(dc.text_of(s.get("title")))
        if o is None:
            problems.append("section 「%s」 not at the top level" % dc.text_of(s.get("title")))
            k += len(items)
            continue
        kids = o.get("kids") or []
        if len(kids) != len(items):
            problems.append("section 「%s」 has %d entries, want %d items" % (o["title"], len(kids), len(items)))
        for it, kid in zip(items, kids):
            want = dc.text_of(it.get("title")) or dc.text_of(it.get("question"))
            page = found[k][0] + 1 if k < len(found) and found[k] else None
            if want not in kid.get("title", ""):
                problems.append("entry 「%s」 for item %d 「%s」" % (kid.get("title"), k + 1, want))
            elif page and kid.get("destpageposfrom1") != page:
                problems.append("item %d points at page %s, its question is on page %d"
                                % (k + 1, kid.get("destpageposfrom1"), page))
            k += 1
    if problems:
        dc.bad(name + "/outline", "; ".join(problems[:3]))
    else:
        dc.ok(name + "/outline")

    # contents rows link, in order, to the pages the outline names (but its own)
    flat = []
    for o in outl:
        flat.append(o.get("destpageposfrom1"))
        flat.extend(kid.get("destpageposfrom1") for kid in o.get("kids") or [])
    objs = (data.get("qpdf") or [{}, {}])[1]
    index = pdf_page_index(data)
    links = []
    for p in data.get("pages", []):
        page = objs.get("obj:" + p["object"], {}).get("value", {})
        for ref in page.get("/Annots", []) if isinstance(page, dict) else []:
            a = objs.get("obj:" + ref, {}).get("value", {})
            dest = a.get("/Dest") if isinstance(a, dict) else None
            if isinstance(dest, str):
                dest = objs.get("obj:" + dest, {}).get("value")
            if isinstance(dest, list) and dest:
                links.append(index.get(dest[0]))
    if not links:
        dc.bad(name + "/contents-links", "no internal links in the PDF")
    elif links != flat[1:]:
        dc.bad(name + "/contents-links", "link targets %s… differ from the outline's %s…" % (links[:8], flat[1:9]))
    else:
        dc.ok(name + "/contents-links")
        dc.note("%d contents links" % len(links))


CMDS = {"notes": cmd_notes, "margins": cmd_margins, "body-size": cmd_body_size,
        "kept": cmd_kept, "outline": cmd_outline}
CMDS[sys.argv[1]](*sys.argv[2:])
PYEOF

# bk NAME ARGS...: run a check of bk.py and record its lines.
bk() {
    bk__name=$1
    shift
    bk__st=0
    "$PY" "$tmp/bk.py" "$@" >"$tmp/bk.out" 2>"$tmp/bk.err" || bk__st=$?
    while IFS= read -r bk__line; do
        case $bk__line in
            "PASS "*) pass "${bk__line#PASS }" ;;
            "FAIL "*)
                bk__rest=${bk__line#FAIL }
                fail "${bk__rest%%: *}" "${bk__rest#*: }"
                ;;
            *) printf '   %s\n' "$bk__line" ;;
        esac
    done <"$tmp/bk.out"
    [ "$bk__st" -eq 0 ] || fail "$bk__name" "bk.py $1 failed (status $bk__st): $(tail -n 3 "$tmp/bk.err")"
}

# variant NAME DECK W H LEFT RIGHT TOP BOTTOM KEEP ARGS...: render the booklet
# of DECK with ARGS and check it. W x H is the paper; LEFT.. the text margins.
variant() {
    n=$T/$1 v=$tmp/$1 d=$2 w=$3 h=$4 ml=$5 mr=$6 mt=$7 mb=$8 keep=$9
    shift 9
    mkdir -p "$v"
    pdf=$v/booklet.pdf
    dp_run "$v/r1" "$DP" handout "$d" -o "$pdf" "$@"
    if [ "$rc" -ne 0 ] || [ ! -s "$pdf" ]; then
        fail "$n/render" "$(dp_run_detail "$v/r1")"
        return 0
    fi
    if crash=$(crash_report "$v/r1/err"); then
        fail "$n/render" "exit 0 but stderr shows: $crash"
    elif grep -q 'error:' "$v/r1/err"; then
        fail "$n/render" "exit 0 but stderr has an error: $(grep -m 1 'error:' "$v/r1/err")"
    else
        pass "$n/render"
    fi
    cp "$pdf" "$v/first.pdf"

    dp_run "$v/qpdf" qpdf --check "$pdf"
    if [ "$rc" -eq 0 ]; then
        pass "$n/qpdf-check"
    else
        fail "$n/qpdf-check" "status $rc: $(cat "$v/qpdf/out" "$v/qpdf/err" |
            grep -v -e '^checking' -e '^PDF Version' -e '^File is not' -e '^File is linearized' | head -n 3)"
    fi

    pdfinfo -isodates "$pdf" >"$v/info" 2>/dev/null || true
    pages=$(sed -n 's/^Pages: *\([0-9][0-9]*\).*/\1/p' "$v/info")
    pages=${pages:-0}
    if [ "$pages" -gt 0 ]; then
        pdfinfo -f 1 -l "$pages" "$pdf" >"$v/sizes" 2>/dev/null || true
        py_checks "$n/page-size" sizes "$n/page-size" "$v/sizes" "$w" "$h"
    else
        fail "$n/page-size" "pdfinfo found no pages"
    fi

    dp_run "$v/dump" "$DP" handout "$d" -o "$v/dump.pdf" --dump "$@"
    dump_pages=0
    [ "$rc" -ne 0 ] || dump_pages=$("$PY" tests/e2e/dumpcheck.py dumppages "$v/dump/out") || dump_pages=0
    if [ "$pages" -lt 3 ] || [ "$pages" -ne "$dump_pages" ]; then
        fail "$n/pages-match-dump" "pdfinfo says $pages pages, the --dump $dump_pages (want >= 3, equal)"
    else
        pass "$n/pages-match-dump"
        echo "   $pages pages of $w x $h pt"
    fi

    # $ptt: options of pdftotext for this variant (see the 2col variant)
    pdftotext $ptt -enc UTF-8 "$pdf" "$v/text.txt" 2>"$v/text.err" || : >"$v/text.txt"
    py_checks "$n/text" text "$n/text" "$d" "$v/text.txt"
    bk "$n/no-speaker-notes" notes "$n/no-speaker-notes" "$d" "$v/text.txt"

    pdffonts "$pdf" >"$v/fonts" 2>/dev/null || true
    py_checks "$n/fonts" fonts "$n/fonts" "$v/fonts"

    bk "$n/margins" margins "$n" "$v/dump/out" "$ml" "$mr" "$mt" "$mb"
    bk "$n/body-size" body-size "$n/body-size" "$v/dump/out"
    bk "$n/items-kept" kept "$n/items-kept" "$d" "$v/dump/out" "$keep"

    if qpdf --json=2 "$pdf" >"$v/pdf.json" 2>"$v/json.err"; then
        bk "$n/outline" outline "$n" "$d" "$v/pdf.json" "$v/dump/out"
        qpdf --json=2 --json-key=pagelabels "$pdf" >"$v/labels.json" 2>/dev/null || true
        py_checks "$n/page-labels" labels "$n/page-labels" "$v/labels.json" "$pages"
    else
        fail "$n/outline" "qpdf --json failed: $(first_line "$v/json.err")"
    fi

    title=$(sed -n 's/^Title: *//p' "$v/info")
    created=$(sed -n 's/^CreationDate: *//p' "$v/info")
    want_title=$("$PY" -c 'import sys; sys.path.insert(0, "tests/e2e"); import dumpcheck as dc
print(dc.text_of(dc.load_deck(sys.argv[1]).get("title")))' "$d")
    if [ -z "$title" ] || [ "$title" != "$want_title" ]; then
        fail "$n/metadata" "Title [$title], want [$want_title]"
    else
        case $created in
            2025-12-01T00:00:00*) pass "$n/metadata" ;;
            *) fail "$n/metadata" "CreationDate [$created], want 2025-12-01T00:00:00Z (SOURCE_DATE_EPOCH)" ;;
        esac
    fi

    dp_run "$v/r2" "$DP" handout "$d" -o "$pdf" "$@"
    if [ "$rc" -ne 0 ]; then
        fail "$n/reproducible" "second render: $(dp_run_detail "$v/r2")"
    elif ! cmp "$v/first.pdf" "$pdf" >"$v/cmp" 2>&1; then
        fail "$n/reproducible" "two renders differ: $(first_line "$v/cmp")"
    else
        pass "$n/reproducible"
    fi
}

# Letter margins: A4's scaled with the paper (612/595.28 across, 792/841.89 down).
ptt=
variant a4 "$deck" 595.28 841.89 64 64 72 64 whole
variant letter "$deck" 612 792 65.79 65.79 67.73 60.2 whole --paper letter
# Two columns are read in content-stream order, which is the booklet's
# reading order (column by column). pdftotext's default reading-order
# guess splits a page into blocks wherever the font size changes (number,
# topic, labels, body) and orders those blocks by height across columns.
ptt=-raw
variant 2col "$deck" 595.28 841.89 64 64 72 64 whole --columns 2
ptt=

# A deck with 40 items and one answer of 30 paragraphs: several contents
# pages, an item broken across pages (never right after its question).
tall=$tmp/tall.yaml
"$PY" - "$tall" <<'PYEOF'
import sys
para = "大规模训练数据通常来源于公开数据集、企业内部数据、网络爬虫获取的数据等。处理方法包括数据清洗、去重、格式化、标签化等。"
out = ["title: 长题测试", "event: 测试活动", "date: 2026-01-02", "venue: 上海",
       "intro:", "  body: 引言正文。", "  notes: 引言的演讲备注不该出现", "sections:"]
for s in (1, 2):
    out += ["  - title: 第%d部分的标题" % s, "    items:"]
    for k in range(1, 21):
        out += ["      - title: 第%d部分第%d题" % (s, k), "        question: 第%d部分第%d题的问题是什么？" % (s, k)]
        if s == 1 and k == 5:
            out.append("        answer: |")
            for j in range(30):
                out += ["          第%d段。%s" % (j + 1, para), ""]
        else:
            out.append("        answer: 第%d部分第%d题的答案。%s" % (s, k, para))
        out += ["        analysis: 第%d部分第%d题的解析，数据清洗和预处理是关键步骤。" % (s, k),
                "        notes: 第%d部分第%d题的演讲备注" % (s, k)]
out += ["closing:", "  body: 结语正文。", "  qr: https://example.org/join", "  qr_label: 扫码加入"]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out) + "\n")
PYEOF
variant tall "$tall" 595.28 841.89 64 64 72 64 split

# heading-kept: each section opener ("PART 0N") on the page where its first item starts
ff="$(git rev-parse --show-toplevel)/../shared/decks-wild/founders-fireside-shanghai.yaml"
if [ -f "$ff" ]; then
    d=$(dp_tmpdir)
    dp_run "$d/ff" "$DP" handout "$ff" --layout booklet -o "$d/ff.pdf" -q
    pdftotext -layout "$d/ff.pdf" - | "$PY" -c '
import re, sys
lone = []
for no, page in enumerate(sys.stdin.read().split("\f"), 1):
    lines = [l.strip() for l in page.splitlines() if l.strip()]
    for k, l in enumerate(lines):
        if l.startswith("PART ") and not any(re.match(r"^0[1-9]\s+[^/\s]", m) for m in lines[k + 1:]):
            lone.append("page %d: %s" % (no, " ".join(lines[k:k + 2])))
print("FAIL booklet/heading-kept: a section heading ends its page: " + "; ".join(lone) if lone
      else "PASS booklet/heading-kept")' > "$d/ff.res"
    record_lines "$d/ff.res"
fi
