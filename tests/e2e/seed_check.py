#!/usr/bin/env python3
"""seed_check: prove a deck YAML carries a seed Markdown article word for word.

usage: python3 tests/e2e/seed_check.py SEED.md DECK.yaml

From the seed article it extracts
  - the document title "# 标题：副标题" (split at the first full-width colon),
  - the intro ("## 引言") and closing ("## 结语") headings and paragraphs,
  - each "## 一、..." question-bank section title (the "一、" prefix dropped:
    the program numbers sections itself),
  - each "### N. topic" item with its **题目：** / **答案：** / **解析：**
    paragraphs,
and checks that every one of them is, character for character, the value of the
matching key in the deck (title, subtitle, intro.title, intro.body,
sections[i].title, sections[i].items[j].title/question/answer/analysis,
closing.title, closing.body), in the same order and with the same item count.

Stdlib only. The deck is read by a small reader for the YAML subset decks use:
block mappings and sequences, plain / 'single' / "double"-quoted scalars on one
line, | literal blocks, and one-line flow {a: b} / [a, b] of plain scalars.
Anything else (folded '>' blocks, multi-line plain or quoted scalars, anchors,
tags) is reported as unsupported rather than guessed at. When PyYAML happens to
be importable the same fields are also cross-checked against yaml.safe_load.

Prints "seed_check: N/N fields match" and exits 0; on any mismatch names each
bad field and exits 1; exits 2 on usage or parse errors.
"""
import re
import sys


# ----------------------------------------------------------------- seed side

MARKERS = (("question", "题目"), ("answer", "答案"), ("analysis", "解析"))


def read_seed(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\r\n", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]

    m = re.search(r"^# (.+?)[ \t]*$", text, re.M)
    if not m:
        raise SystemExit("seed_check: %s: no '# title' line" % path)
    head = m.group(1)
    title, sep, subtitle = head.partition("：")
    fields = [("title", title.strip())]
    if sep:
        fields.append(("subtitle", subtitle.strip()))

    # Split into "## " sections: (heading, body text up to the next "## ").
    parts = re.split(r"^## (.+?)[ \t]*$", text, flags=re.M)
    sections = [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]

    n_sec = 0
    n_items = []
    closing = None
    for heading, body in sections:
        if heading == "引言":
            fields.append(("intro.title", heading))
            fields.append(("intro.body", body.strip("\n ")))
        elif heading == "结语":
            closing = [("closing.title", heading), ("closing.body", body.strip("\n "))]
        else:
            sec = "sections[%d]" % n_sec
            fields.append((sec + ".title", re.sub(r"^[一二三四五六七八九十百]+、", "", heading)))
            items = re.split(r"^### (.+?)[ \t]*$", body, flags=re.M)
            count = 0
            expect_no = 1
            for k in range(1, len(items), 2):
                hm = re.match(r"(\d+)\.\s*(.+)$", items[k])
                if not hm:
                    raise SystemExit("seed_check: seed heading '### %s' has no number" % items[k])
                if int(hm.group(1)) != expect_no:
                    raise SystemExit("seed_check: seed item %s out of sequence (expected %d)"
                                     % (hm.group(1), expect_no))
                expect_no += 1
                it = "%s.items[%d]" % (sec, count)
                fields.append((it + ".title", hm.group(2)))
                chunk = items[k + 1]
                for key, label in MARKERS:
                    pm = re.search(r"^\*\*%s：\*\*[ \t]*(.*?)(?=\n\s*\n\*\*|\s*\Z)" % label,
                                   chunk, re.M | re.S)
                    if not pm:
                        raise SystemExit("seed_check: seed item %d has no **%s：**" % (count + 1, label))
                    fields.append((it + "." + key, pm.group(1).strip()))
                count += 1
            n_items.append(count)
            n_sec += 1
    if closing:
        fields.extend(closing)
    return fields, n_items


# ----------------------------------------------------------------- deck side

class YamlSubsetError(Exception):
    pass


DQ_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
              "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
              "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


class Reader:
    def __init__(self, text):
        self.lines = text.replace("\r\n", "\n").split("\n")
        if self.lines and self.lines[0].startswith("\ufeff"):
            self.lines[0] = self.lines[0][1:]
        self.i = 0

    def err(self, msg, line=None):
        return YamlSubsetError("line %d: %s" % ((self.i if line is None else line) + 1, msg))

    def peek(self):
        """Next significant line as (indent, content), skipping blanks/comments."""
        while self.i < len(self.lines):
            raw = self.lines[self.i]
            s = raw.lstrip(" ")
            if s == "" or s.startswith("#") or raw.strip() == "---":
                self.i += 1
                continue
            if s.startswith("\t"):
                raise self.err("tab indentation")
            return len(raw) - len(s), s.rstrip()
        return None

    def document(self):
        p = self.peek()
        if p is None:
            return None
        if p[0] != 0:
            raise self.err("document does not start at column 1")
        node = self.node(0)
        if self.peek() is not None:
            raise self.err("unexpected content")
        return node

    def node(self, indent):
        ind, c = self.peek()
        if c == "-" or c.startswith("- "):
            return self.seq(ind)
        return self.mapping(ind)

    def seq(self, ind):
        out = []
        while True:
            p = self.peek()
            if p is None or p[0] != ind or not (p[1] == "-" or p[1].startswith("- ")):
                break
            rest = p[1][1:]
            stripped = rest.lstrip(" ")
            if stripped == "" or stripped.startswith("#"):
                self.i += 1
                q = self.peek()
                if q is None or q[0] <= ind:
                    out.append(None)
                else:
                    out.append(self.node(q[0]))
            elif re.match(r"[A-Za-z_][\w-]*:( |$)", stripped):
                # "- key: v" opens a mapping whose keys sit at this new column.
                col = ind + 1 + (len(rest) - len(stripped))
                self.lines[self.i] = " " * col + stripped
                out.append(self.mapping(col))
            else:
                self.i += 1
                out.append(self.scalar(stripped))
        return out

    def mapping(self, ind):
        out = {}
        while True:
            p = self.peek()
            if p is None or p[0] < ind:
                break
            if p[0] > ind:
                raise self.err("unexpected indentation (multi-line scalars are not supported)")
            c = p[1]
            if c == "-" or c.startswith("- "):
                break
            m = re.match(r"([A-Za-z_][\w-]*):(?:[ ]+(.*))?$", c)
            if not m:
                raise self.err("expected 'key: value', got %r" % c)
            key, val = m.group(1), (m.group(2) or "")
            if key in out:
                raise self.err("duplicate key %r" % key)
            line = self.i
            self.i += 1
            if val == "" or val.startswith("#"):
                q = self.peek()
                if q is not None and (q[0] > ind or
                                      (q[0] == ind and (q[1] == "-" or q[1].startswith("- ")))):
                    out[key] = self.node(q[0])
                else:
                    out[key] = None
            elif val[0] in "|>":
                out[key] = self.block(val, ind, line)
            else:
                out[key] = self.scalar(val, line)
        return out

    def block(self, header, ind, line):
        m = re.match(r"\|([+-]?)\s*(#.*)?$", header)
        if not m:
            raise self.err("unsupported block scalar header %r (only |, |-, |+)" % header, line)
        chomp = m.group(1)
        body = []
        block_ind = None
        while self.i < len(self.lines):
            raw = self.lines[self.i]
            if raw.strip() == "":
                body.append("")
                self.i += 1
                continue
            n = len(raw) - len(raw.lstrip(" "))
            if block_ind is None:
                if n <= ind:
                    break
                block_ind = n
            if n < block_ind:
                break
            body.append(raw[block_ind:])
            self.i += 1
        # trailing blank lines belong to chomping, not content
        n_trail = 0
        while body and body[-1] == "":
            body.pop()
            n_trail += 1
        text = "\n".join(body)
        if not body or chomp == "-":
            return text
        return text + "\n" + ("\n" * n_trail if chomp == "+" else "")

    def scalar(self, v, line=None):
        if v.startswith('"'):
            out = []
            k = 1
            while k < len(v):
                ch = v[k]
                if ch == '"':
                    rest = v[k + 1:].strip()
                    if rest and not rest.startswith("#"):
                        raise self.err("text after closing quote", line)
                    return "".join(out)
                if ch == "\\":
                    k += 1
                    e = v[k:k + 1]
                    if e in DQ_ESCAPES:
                        out.append(DQ_ESCAPES[e])
                    elif e in ("x", "u", "U"):
                        n = {"x": 2, "u": 4, "U": 8}[e]
                        out.append(chr(int(v[k + 1:k + 1 + n], 16)))
                        k += n
                    else:
                        raise self.err("bad escape \\%s" % e, line)
                else:
                    out.append(ch)
                k += 1
            raise self.err("unterminated double-quoted scalar (multi-line is unsupported)", line)
        if v.startswith("'"):
            m = re.match(r"'((?:[^']|'')*)'\s*(#.*)?$", v)
            if not m:
                raise self.err("unterminated or trailing text in single-quoted scalar", line)
            return m.group(1).replace("''", "'")
        if v.startswith("{") or v.startswith("["):
            m = re.match(r"([\[{])(.*)([\]}])\s*(#.*)?$", v)
            if not m or {"[": "]", "{": "}"}[m.group(1)] != m.group(3):
                raise self.err("unsupported flow collection %r" % v, line)
            inner = [s.strip() for s in m.group(2).split(",") if s.strip()]
            if m.group(1) == "[":
                return [self.scalar(s, line) for s in inner]
            d = {}
            for s in inner:
                km = re.match(r"([A-Za-z_][\w-]*):\s+(.+)$", s)
                if not km:
                    raise self.err("unsupported flow mapping entry %r" % s, line)
                d[km.group(1)] = self.scalar(km.group(2), line)
            return d
        if v[0] in "&*!%@`":
            raise self.err("unsupported scalar %r (anchors, aliases, tags)" % v, line)
        # plain: a comment starts at " #"
        v = re.split(r"\s#", v, maxsplit=1)[0].rstrip()
        if ": " in v:
            raise self.err("': ' inside a plain scalar", line)
        return v


def lookup(doc, path):
    cur = doc
    for part in re.findall(r"[A-Za-z_]\w*|\[\d+\]", path):
        if part.startswith("["):
            idx = int(part[1:-1])
            if not isinstance(cur, list) or idx >= len(cur):
                return KeyError
            cur = cur[idx]
        else:
            if not isinstance(cur, dict) or part not in cur:
                return KeyError
            cur = cur[part]
    return cur


def nice(path):
    """sections[0].items[21].analysis -> sections[0].items[21].analysis (item 22 analysis)"""
    m = re.search(r"items\[(\d+)\]\.(\w+)$", path)
    return "%s (item %d %s)" % (path, int(m.group(1)) + 1, m.group(2)) if m else path


def compare(doc, fields, n_items, label):
    """List of (path, message) for every field of the seed the deck gets wrong."""
    bad = []
    for path, want in fields:
        got = lookup(doc, path)
        if got is KeyError:
            bad.append((path, "%s: %s missing from deck" % (label, nice(path))))
            continue
        if isinstance(got, str):
            got = got.rstrip("\n")   # a | block ends with a newline; not content
        if got != want:
            bad.append((path, "%s: %s differs\n    seed: %r\n    deck: %r" % (label, nice(path), want, got)))
    secs = doc.get("sections") if isinstance(doc, dict) else None
    secs = secs if isinstance(secs, list) else []
    if len(secs) != len(n_items):
        bad.append(("sections", "%s: seed has %d question section(s), deck has %d"
                                 % (label, len(n_items), len(secs))))
    for k, n in enumerate(n_items):
        if k < len(secs) and isinstance(secs[k], dict):
            items = secs[k].get("items") or []
            if len(items) != n:
                bad.append(("sections[%d].items" % k,
                            "%s: sections[%d] has %d items in the seed, %d in the deck"
                            % (label, k, n, len(items))))
    return bad


def main(argv):
    if len(argv) != 3 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: seed_check.py SEED.md DECK.yaml\n")
        return 2
    try:
        fields, n_items = read_seed(argv[1])
        with open(argv[2], encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        sys.stderr.write("seed_check: %s\n" % e)
        return 2
    try:
        doc = Reader(text).document()
    except YamlSubsetError as e:
        sys.stderr.write("seed_check: %s: %s\n" % (argv[2], e))
        return 2
    if not isinstance(doc, dict):
        sys.stderr.write("seed_check: %s: top level is not a mapping\n" % argv[2])
        return 2

    bad = compare(doc, fields, n_items, "reader")
    try:
        import yaml  # optional cross-check
    except ImportError:
        yaml = None
    if yaml is not None:
        bad += compare(yaml.safe_load(text), fields, n_items, "pyyaml")

    bad_paths = {p for p, _ in bad}
    n_ok = len([p for p, _ in fields if p not in bad_paths])
    for _, msg in bad:
        sys.stderr.write("seed_check: MISMATCH %s\n" % msg)
    print("seed_check: %d/%d fields match%s" % (n_ok, len(fields), "" if yaml else " (PyYAML absent: reader only)"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
