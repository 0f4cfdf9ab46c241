#!/usr/bin/env python3
"""dumpcheck: the checks of tests/e2e/*.sh that are easier in Python (stdlib only).

usage: python3 tests/e2e/dumpcheck.py COMMAND ARGS...

Each command prints one line per check, "PASS name" or "FAIL name: detail"
(the shell side records them with tests/lib.sh), plus "# ..." notes, and exits
0; it exits 2 on bad usage or an unreadable input.

  info DECK                         shell assignments: n_sections, n_items, ...
  text NAME DECK PDFTEXT            item questions / answers / analyses / titles
                                    in reading order; deck title, subtitle,
                                    section titles, intro and closing present
  structure NAME DECK PDFTEXT N     N pages == cover + agenda + sections + items
                                    + closing (+ intro slide) + （续） pages
  dumppages DUMP                    print the number of pages in a --dump
  sizes NAME PDFINFO W H            every "Page N size" line is W x H pts
  fonts NAME PDFFONTS [TYPES]       every font embedded, subset, with ToUnicode,
                                    of a type in TYPES (comma-separated pdffonts
                                    types; default "CID TrueType")
  labels NAME QPDFJSON N            /PageLabels: cover 封面 or none, then 1..N-1
  clreq NAME DUMP [RIGHT BOTTOM]    dump lines: clreq line start/end punctuation,
                                    positioned text inside the margins
  clreq-text NAME PDFTEXT           pdftotext lines: clreq line start/end rules
  depfile NAME DEPFILE TARGET DEP...  a make rule for TARGET naming every DEP,
                                    and every prerequisite exists

The deck is read with a small reader for the YAML subset decks use (block
mappings and sequences, plain / quoted scalars, | and > blocks, one-line flow
collections), so the checks need no PyYAML.
"""
import json
import os
import re
import sys
import unicodedata

# ================================================================ results


def ok(name):
    print("PASS %s" % name)


def bad(name, detail):
    detail = " ".join(str(detail).split())
    if len(detail) > 400:
        detail = detail[:400] + "…"
    print("FAIL %s: %s" % (name, detail))


def note(msg):
    print("# %s" % msg)


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError as e:
        sys.exit("dumpcheck: %s" % e)


# ================================================================ YAML subset

ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n",
           "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"',
           "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
           "P": "\u2029"}


def unquote_double(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            e = s[i + 1]
            n = {"x": 2, "u": 4, "U": 8}.get(e)
            if n:
                out.append(chr(int(s[i + 2:i + 2 + n], 16)))
                i += 2 + n
                continue
            out.append(ESCAPES.get(e, e))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def strip_comment(s):
    m = re.search(r"(^|\s)#", s)
    return s[:m.start()].rstrip() if m else s.rstrip()


class Yaml:
    """Indentation-driven reader for the block-YAML subset of decks."""

    def __init__(self, text):
        self.lines = []
        for raw in text.replace("\r\n", "\n").lstrip("\ufeff").split("\n"):
            self.lines.append([len(raw) - len(raw.lstrip(" ")), raw.strip(" "), raw])

    def skip(self, i):
        while i < len(self.lines):
            content = self.lines[i][1]
            if content and not content.startswith("#") and content not in ("---", "..."):
                break
            i += 1
        return i

    def parse(self):
        i = self.skip(0)
        if i >= len(self.lines):
            return None
        value, _ = self.node(i, self.lines[i][0])
        return value

    def node(self, i, indent):
        content = self.lines[i][1]
        if content == "-" or content.startswith("- "):
            return self.seq(i, indent)
        if self.key(content):
            return self.map(i, indent)
        return self.scalar(content, i + 1, indent - 1)

    @staticmethod
    def key(content):
        m = re.match(r"""("[^"]*"|'[^']*'|[^\s"'#\-\[{][^:]*?|-[^\s:][^:]*?)\s*:(?:\s+|$)(.*)$""", content)
        if not m:
            return None
        k = m.group(1)
        if k[:1] in "\"'":
            k = k[1:-1]
        return k, m.group(2)

    def seq(self, i, indent):
        out = []
        while True:
            i = self.skip(i)
            if i >= len(self.lines) or self.lines[i][0] != indent:
                break
            content = self.lines[i][1]
            if not (content == "-" or content.startswith("- ")):
                break
            rest = content[1:].lstrip(" ")
            if not rest:
                j = self.skip(i + 1)
                if j < len(self.lines) and self.lines[j][0] > indent:
                    v, i = self.node(j, self.lines[j][0])
                else:
                    v, i = None, i + 1
            else:
                # "- key: v" starts a mapping indented past the dash.
                self.lines[i] = [indent + (len(content) - len(rest)), rest, self.lines[i][2]]
                v, i = self.node(i, self.lines[i][0])
            out.append(v)
        return out, i

    def map(self, i, indent):
        out = {}
        while True:
            i = self.skip(i)
            if i >= len(self.lines) or self.lines[i][0] != indent:
                break
            kv = self.key(self.lines[i][1])
            if not kv:
                break
            k, rest = kv
            rest = rest.strip()
            if rest[:1] in ("|", ">"):
                v, i = self.block(rest, i + 1, indent)
            elif rest and not rest.startswith("#"):
                v, i = self.scalar(rest, i + 1, indent)
            else:
                j = self.skip(i + 1)
                if j < len(self.lines) and (self.lines[j][0] > indent or (
                        self.lines[j][0] == indent and self.lines[j][1].startswith("-"))):
                    v, i = self.node(j, self.lines[j][0])
                else:
                    v, i = None, i + 1
            out[k] = v
        return out, i

    def block(self, header, i, indent):
        folded = header.startswith(">")
        chomp = "-" if "-" in header else "+" if "+" in header else ""
        body, start = [], i
        block_indent = None
        while i < len(self.lines):
            ind, content, raw = self.lines[i]
            if content == "":
                body.append("")
                i += 1
                continue
            if ind <= indent:
                break
            if block_indent is None:
                block_indent = ind
            body.append(raw[block_indent:])
            i += 1
        while body and body[-1] == "" and i > start:
            body.pop()
        if folded:
            text, prev_blank = "", True
            for line in body:
                if line == "":
                    text += "\n"
                    prev_blank = True
                else:
                    text += ("" if prev_blank or line.startswith(" ") else " ") + line
                    prev_blank = False
        else:
            text = "\n".join(body)
        if chomp != "-":
            text += "\n"
        return text, i

    def scalar(self, rest, i, indent):
        # Continuation lines of a multi-line plain or quoted scalar are
        # indented past the key; they fold into spaces.
        def more(i):
            while i < len(self.lines) and self.lines[i][1] and self.lines[i][0] > indent \
                    and not self.lines[i][1].startswith("#"):
                yield i
                i += 1
        if rest[:1] == '"':
            s = rest
            while not re.search(r'(?<!\\)(\\\\)*"\s*(#.*)?$', s[1:]) and i < len(self.lines) \
                    and self.lines[i][1]:
                s += " " + self.lines[i][1]
                i += 1
            m = re.match(r'"((?:[^"\\]|\\.)*)"', s)
            return unquote_double(m.group(1) if m else s[1:]), i
        if rest[:1] == "'":
            s = rest
            while not re.search(r"'\s*(#.*)?$", s[1:]) and i < len(self.lines) and self.lines[i][1]:
                s += " " + self.lines[i][1]
                i += 1
            m = re.match(r"'((?:[^']|'')*)'", s)
            return (m.group(1) if m else s[1:]).replace("''", "'"), i
        if rest[:1] in "[{":
            return rest, i
        parts = [strip_comment(rest)]
        for j in more(i):
            parts.append(strip_comment(self.lines[j][1]))
            i = j + 1
        return " ".join(parts), i


def load_deck(path):
    deck = Yaml(read(path)).parse()
    if not isinstance(deck, dict):
        sys.exit("dumpcheck: %s: not a mapping at the top" % path)
    return deck


def sections_of(deck):
    secs = deck.get("sections") or []
    return [s for s in secs if isinstance(s, dict)]


def items_of(deck):
    out = []
    for s in sections_of(deck):
        out.extend(it for it in (s.get("items") or []) if isinstance(it, dict))
    return out


def text_of(v):
    return v if isinstance(v, str) else ""


# ================================================================ text matching


def norm_page(s):
    """PDF text side: compatibility forms, no whitespace or bullets."""
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("\u2010", "-").replace("\u2011", "-").replace("\u00ad", "")
    s = re.sub("[\u200b-\u200d\ufeff•◦▪\\*`]", "", s)
    return re.sub(r"\s+", "", s)


def norm_deck(s):
    """Deck side: the same, after dropping inline markup and bullet markers."""
    s = re.sub(r"(?m)^\s*[-*+]\s+", "", s)
    return norm_page(s)


MIN_PIECE = 6   # shortest text accepted at the end of a page before a （续） page


def match_at(pages, needle, p, off):
    """End (page, offset) of needle starting on page p at or after off; the
    needle may continue on the next page(s), as text that flows onto a （续）
    slide does. None if it does not."""
    if p >= len(pages) or not needle:
        return None if needle else (p, off)
    hay = pages[p]
    i = hay.find(needle, off)
    if i >= 0:
        return (p, i + len(needle))
    lo, hi = 0, len(needle) - 1          # longest prefix present on this page
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if hay.find(needle[:mid], off) >= 0:
            lo = mid
        else:
            hi = mid - 1
    if lo < MIN_PIECE:
        return None
    return match_at(pages, needle[lo:], p + 1, 0)


def find_from(pages, needle, pos):
    p0, off = pos
    for p in range(p0, len(pages)):
        end = match_at(pages, needle, p, off if p == p0 else 0)
        if end:
            return end
    return None


def snippet(s, n=24):
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n] + "…"


def check_in_order(name, pages, what, texts):
    pos = (0, 0)
    for k, t in enumerate(texts, 1):
        needle = norm_deck(t)
        if not needle:
            continue
        end = find_from(pages, needle, pos)
        if end is None:
            where = "out of order" if find_from(pages, needle, (0, 0)) else "missing"
            bad(name, "%s %d of %d %s (searched from page %d): 「%s」"
                % (what, k, len(texts), where, pos[0] + 1, snippet(t)))
            return
        pos = end
    if not texts:
        bad(name, "the deck has no %ss" % what)
    else:
        ok(name)


def cmd_text(name, deck_path, txt_path):
    deck = load_deck(deck_path)
    pages = [norm_page(p) for p in read(txt_path).split("\f")]
    items = items_of(deck)
    for key, plural in (("question", "questions"), ("answer", "answers"), ("analysis", "analyses"),
                        ("title", "item-titles")):
        texts = [text_of(it.get(key)) for it in items if text_of(it.get(key))]
        check_in_order("%s/%s-in-order" % (name, plural), pages, key, texts)
    wanted = [("title", text_of(deck.get("title"))), ("subtitle", text_of(deck.get("subtitle")))]
    for k, s in enumerate(sections_of(deck), 1):
        wanted.append(("section %d title" % k, text_of(s.get("title"))))
    intro = deck.get("intro") if isinstance(deck.get("intro"), dict) else {}
    wanted.append(("intro title", text_of(intro.get("title"))))
    wanted.append(("intro body", text_of(intro.get("body"))))
    closing = deck.get("closing") if isinstance(deck.get("closing"), dict) else {}
    wanted.append(("closing title", text_of(closing.get("title"))))
    wanted.append(("closing body", text_of(closing.get("body"))))
    missing = [w for w, t in wanted if t and not find_from(pages, norm_deck(t), (0, 0))]
    if missing:
        bad(name + "/titles-and-closing", "not in the PDF text: " + ", ".join(missing))
    elif not text_of(deck.get("title")):
        bad(name + "/titles-and-closing", "the deck has no title")
    else:
        ok(name + "/titles-and-closing")


def cont_pages(txt_path):
    return sum(1 for p in read(txt_path).split("\f") if "(续)" in norm_page(p))


def cmd_structure(name, deck_path, txt_path, n):
    deck = load_deck(deck_path)
    n, secs, items = int(n), len(sections_of(deck)), len(items_of(deck))
    conts = cont_pages(txt_path)
    base = 1 + 1 + secs + items + 1 + conts     # cover, agenda, ..., closing
    allowed = [base] + ([base + 1] if deck.get("intro") else [])
    detail = ("%d pages; the deck has %d section(s), %d items, %d （续） page(s): "
              "cover + agenda + sections + items + closing + （续） = %d%s"
              % (n, secs, items, conts, base, " (or %d with an intro slide)" % (base + 1)
                 if len(allowed) > 1 else ""))
    if n in allowed:
        ok(name)
        note(detail)
    else:
        bad(name, detail)


def cmd_info(deck_path):
    deck = load_deck(deck_path)
    tpl = deck.get("template")
    print("n_sections=%d" % len(sections_of(deck)))
    print("n_items=%d" % len(items_of(deck)))
    print("has_intro=%d" % (1 if deck.get("intro") else 0))
    print("template=%s" % (tpl if isinstance(tpl, str) and re.match(r"^[\w./-]+$", tpl) else "default"))


# ================================================================ PDF tool output


def cmd_sizes(name, info_path, w, h):
    w, h = float(w), float(h)
    sizes = re.findall(r"^Page\s+(\d+)\s+size:\s+([\d.]+) x ([\d.]+) pts", read(info_path), re.M)
    if not sizes:
        m = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", read(info_path), re.M)
        sizes = [("1", m.group(1), m.group(2))] if m else []
    wrong = [(p, pw, ph) for p, pw, ph in sizes if abs(float(pw) - w) > 0.01 or abs(float(ph) - h) > 0.01]
    if not sizes:
        bad(name, "pdfinfo printed no page size")
    elif wrong:
        bad(name, "%d page(s) not %g x %g pts, first: page %s is %s x %s"
            % (len(wrong), w, h, wrong[0][0], wrong[0][1], wrong[0][2]))
    else:
        ok(name)


def cmd_fonts(name, path, types="CID TrueType"):
    allowed = types.split(",")
    lines = read(path).splitlines()
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("---")) + 1
    except StopIteration:
        bad(name, "no font table in pdffonts output")
        return
    problems, n = [], 0
    for line in lines[start:]:
        if not line.strip():
            continue
        t = line.split()
        # name type... encoding emb sub uni objnum gen
        if len(t) < 7:
            problems.append("unreadable line: " + line)
            continue
        n += 1
        fname, emb, sub, uni = t[0], t[-5], t[-4], t[-3]
        ftype = " ".join(t[1:-6])
        why = [w for w, v in (("emb", emb), ("sub", sub), ("uni", uni)) if v != "yes"]
        if why:
            problems.append("%s: %s not yes" % (fname, "/".join(why)))
        if ftype not in allowed:
            problems.append("%s: type %s" % (fname, ftype))
    if n == 0:
        bad(name, "no fonts listed")
    elif problems:
        bad(name, "; ".join(problems))
    else:
        ok(name)
        note("%d font(s), all %s, embedded, subset, with ToUnicode" % (n, " or ".join(allowed)))


def roman(n):
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += s
            n -= v
    return out


def pdf_string(v):
    if not isinstance(v, str):
        return ""
    if v.startswith("u:"):          # qpdf JSON v2 text string
        return v[2:]
    if v.startswith("b:"):          # qpdf JSON v2 binary string, hex
        raw = bytes.fromhex(v[2:])
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be", "replace")
        return raw.decode("latin-1")
    return v


def label_for(ranges, i):
    cur = None
    for start, d in ranges:
        if start <= i:
            cur = (start, d)
    if cur is None:
        return None
    start, d = cur
    prefix = pdf_string(d.get("/P", ""))
    style = d.get("/S")
    if not style:
        return prefix
    num = int(d.get("/St", 1)) + i - start
    style = style.lstrip("/")
    if style == "D":
        s = str(num)
    elif style in ("r", "R"):
        s = roman(num) if style == "r" else roman(num).upper()
    else:
        s = chr(ord("a" if style == "a" else "A") + (num - 1) % 26) * ((num - 1) // 26 + 1)
    return prefix + s


def cmd_labels(name, json_path, n):
    n = int(n)
    if n < 1:
        bad(name, "the PDF has no pages")
        return
    try:
        data = json.loads(read(json_path))
    except ValueError as e:
        bad(name, "qpdf --json output unreadable: %s" % e)
        return
    raw = data.get("pagelabels")
    if not raw:
        bad(name, "no /PageLabels in the document catalog")
        return
    ranges = sorted((int(r.get("index", 0)), r.get("label") or {}) for r in raw)
    labels = [label_for(ranges, i) for i in range(n)]
    note("page labels: " + " ".join(repr(l) for l in labels[:4]) + " … " + repr(labels[-1]))
    problems = []
    if labels[0] not in (None, "", "封面"):
        problems.append("page 1 (cover) is labelled %r, want 封面 or none" % labels[0])
    for i in range(1, n):
        if labels[i] != str(i):
            problems.append("page %d is labelled %r, want %r" % (i + 1, labels[i], str(i)))
            break
    if problems:
        bad(name, "; ".join(problems))
    else:
        ok(name)


# ================================================================ display-list dump

PAGE_RE = re.compile(r"^page\s+(\d+)\s+([\d.]+)x([\d.]+)")
TEXT_RE = re.compile(r'^\s*text\s+(-?[\d.]+),(-?[\d.]+)\s+(.*?)"((?:[^"\\]|\\.)*)"(.*)$')
SRC_RE = re.compile(r'(?:^|\s)@(\S+)')


def unescape_dump(s):
    return unquote_double(s)


def positioned(src):
    """A deck position "file:LINE:COL" with LINE > 0; anything else is chrome."""
    m = re.search(r":(\d+):(\d+)$", src)
    return bool(m) and int(m.group(1)) > 0


def parse_dump(path, unread=None):
    """[(page_no, w, h, [ops])]; op = dict(x, y, w, size, text, src).
    Lines that start like a text op but do not parse go to 'unread'."""
    pages = []
    for line in read(path).splitlines():
        m = PAGE_RE.match(line)
        if m:
            pages.append((int(m.group(1)), float(m.group(2)), float(m.group(3)), []))
            continue
        m = TEXT_RE.match(line)
        if m and pages:
            attrs = dict(re.findall(r"(\w+)=(-?[\d.]+)", m.group(3)))
            src = SRC_RE.search(m.group(5))
            pages[-1][3].append({
                "x": float(m.group(1)), "y": float(m.group(2)),
                "w": float(attrs.get("w", -1)), "size": float(attrs.get("size", -1)),
                "text": unescape_dump(m.group(4)), "src": src.group(1) if src else "",
                "line": line.strip()})
        elif re.match(r"^\s*text\b", line) and unread is not None:
            unread.append(line.strip())
    return pages


def cmd_dumppages(path):
    print(len(parse_dump(path)))


CLOSING = set("，。、；：？！）」』》〉】〕］｝〗”’")
OPENING = set("（「『《〈【〔［｛〖“‘")


def lines_of(ops):
    """Group a page's text ops into lines by baseline, each sorted by x."""
    rows = {}
    for op in ops:
        rows.setdefault(round(op["y"], 1), []).append(op)
    return [(y, sorted(rows[y], key=lambda o: o["x"])) for y in sorted(rows)]


def cmd_clreq(name, dump_path, right=56, bottom=64):
    right, bottom, tol = float(right), float(bottom), 0.5
    unread = []
    pages = parse_dump(dump_path, unread)
    n_ops = sum(len(p[3]) for p in pages)
    no_attr = [o["line"] for p in pages for o in p[3] if o["w"] < 0 or o["size"] < 0]
    if not pages or n_ops == 0:
        bad(name + "/dump-readable", "no pages or no text ops in the dump (format changed?)")
        return
    if unread or no_attr:
        bad(name + "/dump-readable", "%d text op line(s) not understood (want 'text X,Y ... size=S w=W "
            "\"...\" @file:line:col'), first: %s" % (len(unread) + len(no_attr), (unread + no_attr)[0]))
        return
    ok(name + "/dump-readable")
    note("%d pages, %d text ops" % (len(pages), n_ops))
    starts, ends, past_right, past_bottom = [], [], [], []
    for no, w, h, ops in pages:
        for y, row in lines_of(ops):
            text = "".join(o["text"] for o in row).strip()
            if not text:
                continue
            where = "page %d y=%.2f @%s 「%s」" % (no, y, row[0]["src"] or "(chrome)", snippet(text, 16))
            if text[0] in CLOSING:
                starts.append(where)
            if text[-1] in OPENING:
                ends.append(where)
        for o in ops:
            if not positioned(o["src"]):
                continue            # chrome: footer, page number
            if o["x"] + o["w"] > w - right + tol or o["x"] < -tol:
                past_right.append("page %d: %s (right edge %.2f > %.2f)"
                                  % (no, o["line"], o["x"] + o["w"], w - right))
            if o["y"] > h - bottom + tol or o["y"] - o["size"] < -tol:
                past_bottom.append("page %d: %s (baseline %.2f > %.2f)"
                                   % (no, o["line"], o["y"], h - bottom))
    for suffix, found, what in (
            ("no-line-starts-with-closing-punct", starts, "line(s) start with closing punctuation"),
            ("no-line-ends-with-opening-punct", ends, "line(s) end with opening punctuation"),
            ("right-margin", past_right, "positioned text op(s) past the right margin"),
            ("bottom-margin", past_bottom, "positioned text op(s) below the bottom margin")):
        if found:
            bad("%s/%s" % (name, suffix), "%d %s; first: %s" % (len(found), what, found[0]))
            for f in found[:5]:
                note(f)
        else:
            ok("%s/%s" % (name, suffix))


def cmd_clreq_text(name, txt_path):
    starts, ends, n = [], [], 0
    for p, page in enumerate(read(txt_path).split("\f"), 1):
        for line in page.splitlines():
            t = line.strip()
            if not t:
                continue
            n += 1
            if t[0] in CLOSING:
                starts.append("page %d 「%s」" % (p, snippet(t, 16)))
            if t[-1] in OPENING:
                ends.append("page %d 「%s」" % (p, snippet(t, 16)))
    if n == 0:
        bad(name + "/pdftotext-lines", "pdftotext gave no text")
    elif starts or ends:
        bad(name + "/pdftotext-lines", "%d line(s) start with closing, %d end with opening "
            "punctuation; first: %s" % (len(starts), len(ends), (starts + ends)[0]))
    else:
        ok(name + "/pdftotext-lines")


# ================================================================ make depfile


def cmd_depfile(name, dep_path, target, *deps):
    text = read(dep_path).replace("\\\n", " ")
    rules = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("\t"):
            continue
        m = re.match(r"^((?:[^:\\]|\\.)+?)\s*:(?!=)\s*(.*)$", line)
        if not m:
            bad(name, "not a make rule: %s" % line)
            return
        words = lambda s: [w.replace("\\ ", " ") for w in re.findall(r"(?:\\ |[^\s])+", s)]
        for t in words(m.group(1)):
            rules.setdefault(os.path.realpath(t), []).extend(words(m.group(2)))
    want_t = os.path.realpath(target)
    if want_t not in rules:
        bad(name, "no rule for %s; targets: %s" % (target, ", ".join(sorted(rules)) or "none"))
        return
    prereqs = rules[want_t]
    have = {os.path.realpath(p) for p in prereqs}
    missing = [d for d in deps if os.path.realpath(d) not in have]
    gone = [p for p in prereqs if not os.path.exists(p)]
    if missing:
        bad(name, "the rule does not name %s; it names: %s" % (", ".join(missing), " ".join(prereqs)))
    elif gone:
        bad(name, "prerequisites that do not exist: %s" % " ".join(gone))
    else:
        ok(name)
        note("%s: %d prerequisites" % (target, len(prereqs)))


# ================================================================ main

COMMANDS = {
    "info": (cmd_info, 1, 1), "text": (cmd_text, 3, 3), "structure": (cmd_structure, 4, 4),
    "dumppages": (cmd_dumppages, 1, 1), "sizes": (cmd_sizes, 4, 4), "fonts": (cmd_fonts, 2, 3),
    "labels": (cmd_labels, 3, 3), "clreq": (cmd_clreq, 2, 4), "clreq-text": (cmd_clreq_text, 2, 2),
    "depfile": (cmd_depfile, 3, 99),
}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS:
        sys.stderr.write(__doc__)
        return 2
    fn, lo, hi = COMMANDS[argv[1]]
    args = argv[2:]
    if not lo <= len(args) <= hi:
        sys.stderr.write("dumpcheck %s: wrong number of arguments\n" % argv[1])
        return 2
    fn(*args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
