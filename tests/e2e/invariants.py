#!/usr/bin/env python3
"""invariants.py: layout invariants that must hold for ANY deck (issue 13, point 7).

usage: python3 tests/e2e/invariants.py [--rules R1,R2] dump NAME DUMP
       python3 tests/e2e/invariants.py pdf  NAME BBOX.html
       python3 tests/e2e/invariants.py sum  RESULTS...

`dump` reads a `deckpress ... --dump` display list (slides or booklet),
`pdf` reads `pdftotext -bbox-layout` of the written PDF (any PDF deckpress
writes: slides, booklet, N-up sheets). Each prints one line per rule,
"PASS NAME/RULE" or "FAIL NAME/RULE: N violation(s); page P, ELEMENT: detail",
then "# count RULE CHECKED VIOLATIONS" lines that `sum` adds up over runs.

Rules (dump):
  safe-area     every text run lies inside the page's safe area (4 % of the
                width and height in from each edge) and, on a page holding a
                continued flow, deck text never passes the frame's bottom
  no-overlap    no two text runs, and no text run and picture, overlap; no
                text run crosses a decoration (a dump "group": the cover's
                motif, cell by cell, a dotted leader, the QR code's modules)
  frames        no two deck elements' frames overlap: the box around all the
                text a page draws from one place in the deck (its source
                position), and each picture, against every other
  fill          a continuation piece fills at least 40 % of its frame unless it
                is the last piece and one whole block (the flow note of the page)
  widow         a split inside a paragraph leaves at least two lines on each side,
                and a code line wrapped for width (its rest marked ↪) is never
                cut from its rest: no continuation piece opens with a ↪ line
  kinsoku       no line starts with closing or ends with opening punctuation
  short-last    no paragraph of two or more lines ends on a line of two hanzi or
                fewer (plus punctuation): a line after a full-measure line of
                the same text
Rules (pdf): safe-area, no-overlap (words of different lines), kinsoku,
short-last (per block as poppler groups it).
Standard library only.
"""
import html.parser
import re
import sys

CLOSING = set("，。、；：？！）」』》〉】〕］｝〗”’")
OPENING = set("（「『《〈【〔［｛〖“‘")
PAGE_RE = re.compile(r"^page\s+(\d+)\s+([\d.]+)x([\d.]+)")
TEXT_RE = re.compile(r'^\s*text\s+(-?[\d.]+),(-?[\d.]+)\s+(.*?)"((?:[^"\\]|\\.)*)"(.*)$')
IMAGE_RE = re.compile(r"^\s*image\s+(-?[\d.]+),(-?[\d.]+)\s+([\d.]+)x([\d.]+)")
GROUP_RE = re.compile(r"^\s*group\s+(\S+)\s+(-?[\d.]+),(-?[\d.]+)\s+([\d.]+)x([\d.]+)")
FLOW_RE = re.compile(r"^\s*flow piece=(\d+)/(\d+) frame=([\d.]+)-([\d.]+) used=([\d.]+) split=(\w+)"
                     r"(?: lines=(\d+)\+(\d+))?(?: head=\d+)?( whole-block)?")
SRC_RE = re.compile(r"(?:^|\s)@(\S+)")
SAFE = 0.04   # safe area inset, fraction of the page's width and height
TOL = 0.5
ONLY = set()  # --rules A,B: report only these


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def short_line(t):
    """Two hanzi or fewer and nothing but hanzi and punctuation."""
    t = t.strip()
    han = sum(is_han(c) for c in t)
    return 0 < han <= 2 and all(is_han(c) or c in CLOSING or c in "…—" for c in t)


def snip(s, n=18):
    s = s.replace("\n", " ")
    return s if len(s) <= n else s[:n] + "…"


class Rules:
    def __init__(self, name, names):
        self.name, self.names = name, names
        self.checked = {r: 0 for r in names}
        self.bad = {r: [] for r in names}

    def check(self, rule, good, where):
        self.checked[rule] += 1
        if not good:
            self.bad[rule].append(where)

    def report(self):
        if ONLY:
            self.names = [r for r in self.names if r in ONLY]
        for r in self.names:
            b = self.bad[r]
            if b:
                print("FAIL %s/%s: %d violation(s); %s" % (self.name, r, len(b), "; ".join(b[:3])))
            else:
                print("PASS %s/%s" % (self.name, r))
        for r in self.names:
            print("# count %s %d %d" % (r, self.checked[r], len(self.bad[r])))


def unescape(s):
    return re.sub(r'\\(.)', lambda m: m.group(1), s)


# ================================================================ dump


def read_dump(path):
    pages = []
    for line in open(path, encoding="utf-8").read().splitlines():
        m = PAGE_RE.match(line)
        if m:
            pages.append({"no": int(m.group(1)), "w": float(m.group(2)), "h": float(m.group(3)),
                          "text": [], "images": [], "groups": [], "flow": None,
                          "title": (re.search(r'title="((?:[^"\\]|\\.)*)"', line) or [None, ""])[1]})
            continue
        if not pages:
            continue
        m = TEXT_RE.match(line)
        if m:
            attrs = dict(re.findall(r"(\w+)=(-?[\d.]+)", m.group(3)))
            src = SRC_RE.search(m.group(5))
            pages[-1]["text"].append({"x": float(m.group(1)), "y": float(m.group(2)),
                                      "w": float(attrs["w"]), "size": float(attrs["size"]),
                                      "text": unescape(m.group(4)), "src": src.group(1) if src else ""})
            continue
        m = IMAGE_RE.match(line)
        if m:
            pages[-1]["images"].append(tuple(float(m.group(i)) for i in range(1, 5)))
            continue
        m = GROUP_RE.match(line)
        if m:
            pages[-1]["groups"].append((m.group(1),) + tuple(float(m.group(i)) for i in range(2, 6)))
            continue
        m = FLOW_RE.match(line)
        if m:
            pages[-1]["flow"] = {"piece": int(m.group(1)), "pieces": int(m.group(2)),
                                 "top": float(m.group(3)), "bottom": float(m.group(4)),
                                 "used": float(m.group(5)), "split": m.group(6),
                                 "before": int(m.group(7) or 0), "after": int(m.group(8) or 0),
                                 "whole": bool(m.group(9))}
    return pages


def box(o):
    """Ink box of a run: Latin-only runs (numerals, kickers) reach cap height,
    Chinese the em box (ascent 0.88, descent 0.12, as the text engine sets it)."""
    up = 0.76 if all(ord(c) < 0x2000 for c in o["text"]) else 0.88
    return (o["x"], o["y"] - up * o["size"], o["x"] + o["w"], o["y"] + 0.12 * o["size"])


def safe_inset(W, H):
    """Slides: 4 % in from each edge (projector overscan); paper: 7 mm (what
    office printers cannot reach is 4 to 6 mm)."""
    return (SAFE * W, SAFE * H) if W > H else (19.85, 19.85)


def overlap(a, b, tol=TOL):
    return min(a[2], b[2]) - max(a[0], b[0]) > tol and min(a[3], b[3]) - max(a[1], b[1]) > tol


def text_lines(ops):
    """Runs grouped into lines: same baseline and source, adjacent in x."""
    rows = {}
    for o in ops:
        rows.setdefault((round(o["y"], 1), o["src"], round(o["size"], 1)), []).append(o)
    lines = []
    for (y, src, size), row in rows.items():
        row.sort(key=lambda o: o["x"])
        cur = [row[0]]
        for o in row[1:]:
            if o["x"] - (cur[-1]["x"] + cur[-1]["w"]) > 2 * size:   # a gap: another column
                lines.append(cur)
                cur = [o]
            else:
                cur.append(o)
        lines.append(cur)
    out = []
    for row in lines:
        out.append({"y": row[0]["y"], "x": row[0]["x"], "right": row[-1]["x"] + row[-1]["w"],
                    "size": row[0]["size"], "src": row[0]["src"],
                    "text": "".join(o["text"] for o in row)})
    out.sort(key=lambda l: (l["src"], l["x"] // 40, l["y"]))
    return out


def group_boxes(g):
    """The boxes a decoration covers: the attention-mask motif is a triangle
    of 23 x 23 cells (cell (i, j) drawn when j >= i, cells 14/18 of their
    pitch), anything else its bounding box."""
    what, x, y, w, h = g
    if what != "motif":
        return [(x, y, x + w, y + h)]
    pitch = w / (23 - 4.0 / 18)
    cell = pitch * 14 / 18
    return [(x + j * pitch, y + i * pitch, x + j * pitch + cell, y + i * pitch + cell)
            for i in range(23) for j in range(i, 23)]


def element_frames(ops):
    """(source, box) of each element's frame on a page: the runs drawn from
    one place in the deck, in blocks of lines that follow each other (a
    section's kicker above its title and its count below it are two)."""
    by_src = {}
    for o in ops:
        if o["src"]:
            by_src.setdefault(o["src"], []).append((box(o), o["size"]))
    out = []
    for src, boxes in by_src.items():
        boxes.sort(key=lambda bs: bs[0][1])
        cur = None
        for b, size in boxes:
            if cur is not None and b[1] <= cur[3] + size:
                cur = (min(cur[0], b[0]), cur[1], max(cur[2], b[2]), max(cur[3], b[3]))
                continue
            if cur is not None:
                out.append((src, cur))
            cur = b
        out.append((src, cur))
    return out


def where(p, o):
    return "page %d (%s) %s「%s」" % (p["no"], snip(p["title"], 14), ("@" + o["src"] + " ") if o["src"] else "",
                                     snip(o["text"]))


def cmd_dump(name, path):
    R = Rules(name, ["safe-area", "no-overlap", "frames", "fill", "widow", "kinsoku", "short-last"])
    pages = read_dump(path)
    if not pages or not any(p["text"] for p in pages):
        print("FAIL %s/readable: no pages or no text in %s" % (name, path))
        return
    for p in pages:
        W, H = p["w"], p["h"]
        sx, sy = safe_inset(W, H)
        fl = p["flow"]
        for o in p["text"]:
            b = box(o)
            inside = b[0] >= sx - TOL and b[2] <= W - sx + TOL and b[1] >= sy - TOL and b[3] <= H - sy + TOL
            if inside and fl and o["src"] and o["y"] - 0.88 * o["size"] > fl["top"] - TOL:
                inside = o["y"] <= fl["bottom"] + TOL
            R.check("safe-area", inside, where(p, o) + " box %.1f,%.1f-%.1f,%.1f" % b)
        ops = p["text"]
        decos = [(g, group_boxes(g)) for g in p["groups"]]
        for i in range(len(ops)):
            bi = box(ops[i])
            for j in range(i + 1, len(ops)):
                bj = box(ops[j])
                if bj[1] > bi[3] + 40 and bj[0] > bi[2]:
                    continue
                # runs of one line meet; compressed punctuation overlaps its
                # neighbour by up to half an em by design (clreq)
                same_line = abs(ops[i]["y"] - ops[j]["y"]) < 0.01
                tol = 0.55 * min(ops[i]["size"], ops[j]["size"]) if same_line else TOL
                R.check("no-overlap", not overlap(bi, bj, tol),
                        "%s overlaps「%s」" % (where(p, ops[i]), snip(ops[j]["text"])))
            for (x, y, w, h) in p["images"]:
                R.check("no-overlap", not overlap(bi, (x, y, x + w, y + h)),
                        "%s overlaps a picture at %.0f,%.0f" % (where(p, ops[i]), x, y))
            for g, boxes in decos:
                R.check("no-overlap", not any(overlap(bi, c) for c in boxes),
                        "%s crosses the %s at %.0f,%.0f" % (where(p, ops[i]), g[0], g[1], g[2]))
        fr = [("@" + k, v) for k, v in element_frames(ops)] + \
            [("picture at %.0f,%.0f" % (x, y), (x, y, x + w, y + h)) for (x, y, w, h) in p["images"]]
        for i in range(len(fr)):
            for j in range(i + 1, len(fr)):
                R.check("frames", not overlap(fr[i][1], fr[j][1]),
                        "page %d (%s): %s %.0f,%.0f-%.0f,%.0f overlaps %s %.0f,%.0f-%.0f,%.0f"
                        % ((p["no"], snip(p["title"], 14), fr[i][0]) + fr[i][1] + (fr[j][0],) + fr[j][1]))
        if fl and fl["piece"] > 1:
            frame = fl["bottom"] - fl["top"]
            fill = fl["used"] / frame if frame > 0 else 1
            ok = fill >= 0.4 - 1e-3 or (fl["piece"] == fl["pieces"] and fl["whole"])
            R.check("fill", ok, "page %d (%s): continuation piece %d/%d fills %.0f %% of its frame"
                    % (p["no"], snip(p["title"], 14), fl["piece"], fl["pieces"], 100 * fill))
        if fl and fl["split"] == "inside":
            R.check("widow", fl["before"] >= 2 and fl["after"] >= 2,
                    "page %d (%s): a paragraph split %d + %d lines"
                    % (p["no"], snip(p["title"], 14), fl["before"], fl["after"]))
            body = [o for o in ops if o["src"] and o["y"] - 0.88 * o["size"] > fl["top"] - TOL]
            if body:
                top = min(o["y"] for o in body)
                first = [o for o in body if abs(o["y"] - top) < 0.01]
                R.check("widow", not any(o["text"] == "\u21aa" for o in first),
                        "page %d (%s): the piece opens with the rest of a wrapped code line"
                        % (p["no"], snip(p["title"], 14)))
        lines = text_lines(ops)
        for k, l in enumerate(lines):
            t = l["text"].strip()
            if not t:
                continue
            R.check("kinsoku", t[0] not in CLOSING and t[-1] not in OPENING, where(p, l))
            if not l["src"]:
                continue
            prev = lines[k - 1] if k else None
            # the line above, of the same text, set to the full measure: this ends a paragraph of 2+ lines
            full = [m["right"] for m in lines if m["src"] == l["src"] and abs(m["x"] - l["x"]) < 1]
            # (a paragraph line, 8 em or more: table cells are narrower)
            after_full = (prev is not None and prev["src"] == l["src"] and abs(prev["x"] - l["x"]) < 1 and
                          prev["right"] - prev["x"] >= 8 * l["size"] and
                          0 < l["y"] - prev["y"] <= 2.2 * l["size"] and prev["right"] >= max(full) - 1.5)
            if after_full:
                R.check("short-last", not short_line(t), where(p, l) + " after「%s」" % snip(prev["text"][-10:], 10))
    R.report()


# ================================================================ pdf


class BBox(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages, self.word, self.text = [], None, ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "page":
            self.pages.append({"w": float(a["width"]), "h": float(a["height"]), "blocks": []})
        elif tag == "block":
            self.pages[-1]["blocks"].append([])
        elif tag == "line":
            self.pages[-1]["blocks"][-1].append([])
        elif tag == "word":
            self.word = {k: float(a[k]) for k in ("xmin", "ymin", "xmax", "ymax")}
            self.text = ""

    def handle_data(self, data):
        if self.word is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "word" and self.word is not None:
            self.word["text"] = self.text.strip()
            self.pages[-1]["blocks"][-1][-1].append(self.word)
            self.word = None


def cmd_pdf(name, path):
    R = Rules(name, ["safe-area", "no-overlap", "kinsoku", "short-last"])
    r = BBox()
    r.feed(open(path, encoding="utf-8").read())
    if not any(w for p in r.pages for b in p["blocks"] for l in b for w in l):
        print("FAIL %s/readable: no words read back from the PDF" % name)
        return
    for no, p in enumerate(r.pages, 1):
        W, H = p["w"], p["h"]
        sx, sy = safe_inset(W, H)
        lines = []
        for b in p["blocks"]:
            texts = []
            for l in b:
                if not l:
                    continue
                t = "".join(w["text"] for w in l)
                lb = (min(w["xmin"] for w in l), min(w["ymin"] for w in l),
                      max(w["xmax"] for w in l), max(w["ymax"] for w in l))
                lines.append([lb, t])
                texts.append((lb, t))
                for w in l:
                    inside = (w["xmin"] >= sx - TOL and w["xmax"] <= W - sx + TOL and
                              w["ymin"] >= sy - TOL and w["ymax"] <= H - sy + TOL)
                    R.check("safe-area", inside, "page %d「%s」at %.0f,%.0f-%.0f,%.0f"
                            % (no, snip(w["text"]), w["xmin"], w["ymin"], w["xmax"], w["ymax"]))
            if len(texts) >= 2:
                (pb, pt), (lb, lt) = texts[-2], texts[-1]
                # only where poppler's block is one paragraph's lines at one left edge
                if abs(pb[0] - lb[0]) < 1 and lb[1] - pb[3] < (pb[3] - pb[1]):
                    R.check("short-last", not short_line(lt), "page %d「%s」/「%s」" % (no, snip(pt[-10:], 10), lt))
        # poppler may cut one typeset line in two (a change of font, or
        # punctuation squeezed into its neighbour): join pieces that share a
        # baseline and touch, so they are checked as the line they are
        lines.sort(key=lambda l: l[0][3])
        rows, row = [], -1
        for k, (lb, t) in enumerate(lines):   # rows: baselines within 0.3 of a line height
            if k == 0 or lb[3] - lines[k - 1][0][3] > 0.3 * (lb[3] - lb[1]):
                row += 1
            rows.append(row)
        lines = [l for _, l in sorted(zip(rows, lines), key=lambda rl: (rl[0], rl[1][0][0]))]
        joined = []
        for lb, t in lines:
            if joined:
                jb, jt = joined[-1]
                h = jb[3] - jb[1]
                same_size = abs(h - (lb[3] - lb[1])) < 0.5 * h
                if same_size and abs(jb[3] - lb[3]) < 0.3 * h and -0.6 * h < lb[0] - jb[2] < 0.6 * h:
                    joined[-1] = [(jb[0], min(jb[1], lb[1]), max(jb[2], lb[2]), max(jb[3], lb[3])), jt + t]
                    continue
            joined.append([lb, t])
        for lb, t in joined:
            R.check("kinsoku", not t or (t[0] not in CLOSING and t[-1] not in OPENING), "page %d「%s」" % (no, snip(t)))
        for i in range(len(joined)):
            for j in range(i + 1, len(joined)):
                a, b = joined[i][0], joined[j][0]
                # a large numeral's box reaches the font's full descent below a baseline
                # its digits sit on: allow a fifth of the larger line when sizes differ
                ha, hb = a[3] - a[1], b[3] - b[1]
                tol = max(TOL, 0.25 * min(ha, hb), 0.2 * max(ha, hb) if max(ha, hb) > 2 * min(ha, hb) else 0)
                R.check("no-overlap", not overlap(a, b, tol),
                        "page %d「%s」overlaps「%s」" % (no, snip(joined[i][1]), snip(joined[j][1])))
    R.report()


# ================================================================ sum


def cmd_sum(*paths):
    checked, bad, runs = {}, {}, 0
    for path in paths:
        runs += 1
        for line in open(path, encoding="utf-8"):
            m = re.match(r"^# count (\S+) (\d+) (\d+)$", line)
            if m:
                checked[m.group(1)] = checked.get(m.group(1), 0) + int(m.group(2))
                bad[m.group(1)] = bad.get(m.group(1), 0) + int(m.group(3))
    print("# invariants over %d runs: " % runs +
          ", ".join("%s %d checked / %d failed" % (r, checked[r], bad[r]) for r in sorted(checked)))


def main(argv):
    global ONLY
    if len(argv) >= 3 and argv[1] == "--rules":
        ONLY = set(argv[2].split(","))
        argv = argv[:1] + argv[3:]
    if len(argv) >= 2 and argv[1] == "sum":
        return cmd_sum(*argv[2:])
    if len(argv) != 4 or argv[1] not in ("dump", "pdf"):
        sys.stderr.write(__doc__)
        sys.exit(2)
    (cmd_dump if argv[1] == "dump" else cmd_pdf)(argv[2], argv[3])


if __name__ == "__main__":
    main(sys.argv)
