#!/usr/bin/env python3
"""tests/pathological/gen.py DIR: write the pathological inputs into DIR and
print their manifest on stdout, one case a line, tab-separated:

    NAME  EXPECT  COMMAND  BIG  DECK  MUST_MATCH  DESCRIPTION

EXPECT is what tests/pathological/run.sh checks:
  ok           exit 0 and a complete PDF (it must work)
  error        exit 1 or 3, stderr line 1 is DECK:LINE:COL: error: ...
  file-error   exit 1, 3 or 4, stderr line 1 is DECK:LINE:COL: error: or
               DECK: error: (a limit on the whole file has no position)
  ok-or-error  either of the above, cleanly
COMMAND is the deckpress command: slides (writes a PDF), build (slides and
handout into a folder) or check (writes nothing). BIG is "big" for the cases
that test scale rather than bytes (seconds and hundreds of MB each; skipped
under the sanitizers unless DP_PATHO_BIG=1), else "-".
MUST_MATCH is an extended regex the first error line must match when the run
fails (the limit that was hit, stated), or "-".
Inputs are generated, never committed; standard library only."""

import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

HAN = ("大模型训练的数据来源和处理方法如何获取并处理大规模训练数据请列举常用的数据集超参数调优"
       "网格搜索随机搜索贝叶斯优化自然语言处理计算机视觉语音识别推荐系统金融风控医学图像")

HEAD = """title: 病态输入
subtitle: tests/pathological
date: 2026-12-05
"""


def item(q="请简述大模型训练中常用的优化器。", a="常用的优化器包括随机梯度下降（SGD）、Adam等。",
         extra=""):
    return ("      - question: %s\n        answer: %s\n" % (q, a)) + extra


def deck(items, head=HEAD):
    return head + "sections:\n  - title: 第一部分\n    items:\n" + "".join(items)


def han(n, seed=0):
    """n Han characters with a full stop every 37, varied by seed."""
    out = []
    for i in range(n):
        out.append("。" if i % 37 == 36 else HAN[(i * 7 + seed) % len(HAN)])
    return "".join(out)


def png(w, h, rows=None, color=2):
    """A PNG; rows=None makes w*h grey-ish RGB pixels (only for small images)."""
    def chunk(t, data):
        c = struct.pack(">I", len(data)) + t + data
        return c + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0)
    if rows is None:
        raw = b"".join(b"\x00" + bytes((x * 5 + y * 3) & 0xFF for x in range(w * 3)) for y in range(h))
    else:
        raw = rows
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


class Cases:
    def __init__(self, d):
        self.d = d
        self.rows = []

    def add(self, name, expect, text, must="-", desc="", ext=".yaml", binary=False, cmd="slides",
            big=False):
        path = os.path.join(self.d, name + ext)
        if text is not None:
            data = text if binary else text.encode("utf-8")
            with open(path, "wb") as f:
                f.write(data)
        self.rows.append((name, expect, cmd, "big" if big else "-", path, must, desc))

    def again(self, name, of, expect, cmd, desc, must="-", big=False):
        """Another command on the deck of case 'of'."""
        path = [r[4] for r in self.rows if r[0] == of][0]
        self.rows.append((name, expect, cmd, "big" if big else "-", path, must, desc))

    def file(self, name, data):
        with open(os.path.join(self.d, name), "wb") as f:
            f.write(data)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    c = Cases(d)
    sys.path.insert(0, os.path.join(ROOT, "bench"))

    # ---- sizes
    c.add("huge-answer", "ok-or-error", deck([item(a=han(350000))]), big=True,
          desc="one answer of ~1 MB of Chinese text (~350k characters)")
    c.add("huge-question-no-break", "ok-or-error", deck([item(q="a" * 200000)]),
          desc="a 200,000-letter question with no break opportunity")
    c.add("huge-title", "ok-or-error", HEAD.replace("病态输入", han(30000)) + "sections:\n  - title: 节\n    items:\n" + item(),
          desc="a 30,000-character deck title (90 KB; libharu strings stop at 65,535 bytes)")
    c.add("huge-item-title", "ok-or-error", deck([item(extra="        title: %s\n" % han(30000))]),
          desc="a 30,000-character item title (the bookmark too)")
    # Found by tests/fuzz/fuzz_deck.c (tests/fuzz/regress/deck/title-negative-char-spacing):
    # the headline's last line was justified to -555 pt of character spacing,
    # which libharu refuses, and the failed page leaked libharu's graphics state.
    c.add("title-word-then-hanzi", "ok", "title: namemDFHSGohicW5的刚\n",
          desc="a title of one 16-letter word and two hanzi (fuzzer find: negative character spacing)")
    c.add("huge-key", "error", HEAD + ("k" * 1000000) + ": 1\n", must="1024|too long",
          desc="a 1 MB unknown key: the message must stay short")
    c.add("huge-comment-line", "ok", "# " + "注" * 500000 + "\n" + deck([item()]),
          desc="a 1.5 MB comment line before a valid deck")
    big = bytearray(b"# " + b"x" * ((64 << 20) + 16) + b"\n")
    c.add("file-over-64mib", "file-error", bytes(big) + deck([item()]).encode(), binary=True,
          must="64 MiB", desc="a deck file larger than the loader's 64 MiB limit")
    del big
    import gen_deck  # bench/gen_deck.py
    import contextlib
    import io
    for n in (10000,):
        buf = io.StringIO()
        saved = sys.argv
        sys.argv = ["gen_deck.py", str(n)]
        with contextlib.redirect_stdout(buf):
            gen_deck.main()
        sys.argv = saved
        c.add("items-%d" % n, "ok", buf.getvalue(), big=True, desc="%d Q&A items (bench/gen_deck.py)" % n)
        c.again("items-%d-build" % n, "items-%d" % n, "ok", "build", big=True,
                desc="%d Q&A items, slides and handout in one run" % n)
        c.again("items-%d-check" % n, "items-%d" % n, "ok", "check", big=True,
                desc="%d Q&A items, deckpress check (layout and lint, nothing written)" % n)
    c.add("items-35000-tiny", "ok-or-error", big=True,
          text=deck([item(q="问%d？" % i, a="答。") for i in range(35000)]),
          desc="35,000 tiny items in one section (more than 32,767 pages: libharu's /Kids limit)")
    c.add("keys-100000-unknown", "error",
          HEAD + "".join("k%d: 1\n" % i for i in range(100000)), must="unknown key",
          desc="100,000 unknown keys: errors stop at the cap, output stays bounded")
    c.add("sections-5000-empty", "ok-or-error", big=True, text=
          HEAD + "sections:\n" + "".join("  - title: 节%d\n    items: []\n" % i for i in range(5000)),
          desc="5,000 sections without items (an agenda far longer than a slide)")

    # ---- nesting and aliases
    c.add("deep-flow-nesting", "error", HEAD + "x: " + "[" * 100000 + "]" * 100000 + "\n",
          must="64", desc="100,000 nested flow sequences")
    c.add("deep-block-nesting", "error",
          HEAD + "x:\n" + "".join("  " * (i + 1) + "k%d:\n" % i for i in range(500)) + "  " * 501 + "v\n",
          must="64", desc="500 nested block mappings")
    c.add("deep-bullets", "ok-or-error",
          deck([item(a="|\n" + "".join("          " + "  " * i + "- 第%d层\n" % i for i in range(200)))]),
          desc="markup bullets nested 200 deep")
    laughs = HEAD + "a0: &a0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\n"
    for i in range(1, 10):
        laughs += "a%d: &a%d [%s]\n" % (i, i, ", ".join(["*a%d" % (i - 1)] * 10))
    c.add("alias-bomb", "error", laughs, must="1000000",
          desc="billion laughs: 10 levels of 10 aliases")
    c.add("alias-bomb-in-text", "error",
          HEAD + "x: &x \"" + han(1000) + "\"\n" + "ys: [" + ", ".join(["*x"] * 1200000) + "]\n",
          must="1000000", desc="a 3 KB scalar aliased 1.2 million times")
    c.add("alias-self", "error", HEAD + "x: &x [*x]\n", desc="an alias inside its own anchor")
    c.add("alias-undefined", "error", HEAD + "x: *nothing\n", desc="an alias to no anchor")

    # ---- encodings and bytes
    good = deck([item(), item(q="第二题：问什么？", a="答：**这样**。")])
    c.add("bom", "ok", "\ufeff" + good, desc="UTF-8 byte order mark")
    c.add("crlf", "ok", good.replace("\n", "\r\n"), desc="CRLF line endings")
    c.add("bom-crlf", "ok", "\ufeff" + good.replace("\n", "\r\n"), desc="BOM and CRLF")
    c.add("cr-only", "ok-or-error", good.replace("\n", "\r"), desc="old Mac CR line endings")
    c.add("lf-reference", "ok", good, desc="the LF deck the CRLF ones are compared with")
    c.add("bom-twice", "error", "\ufeff\ufeff" + good, desc="two BOMs")
    c.add("utf16le-bom", "ok-or-error", ("\ufeff" + good).encode("utf-16-le"), binary=True,
          desc="a UTF-16 deck (libyaml decodes it; or a clean error)")
    for name, bad in (("invalid-utf8-ff", b"\xff"), ("invalid-utf8-overlong", b"\xc0\xaf"),
                      ("invalid-utf8-surrogate", b"\xed\xa0\x80"), ("invalid-utf8-truncated", b"\xe5\xa4"),
                      ("invalid-utf8-above-max", b"\xf4\x90\x80\x80")):
        c.add(name, "error", HEAD.encode() + b"venue: \xe5\x8c\x97" + bad + b"\xe4\xba\xac\n", binary=True,
              must="UTF-8|utf-8", desc="invalid UTF-8: " + bad.hex())
    c.add("invalid-utf8-at-eof", "error", HEAD.encode() + b"venue: x\xe5", binary=True,
          must="UTF-8|utf-8", desc="a truncated sequence as the last byte")
    c.add("nul-byte", "error", HEAD.encode() + b"venue: \xe5\x8c\x97\x00\xe4\xba\xac\n", binary=True,
          desc="a raw NUL byte inside a value")
    c.add("nul-bytes-many", "error", HEAD.encode() + b"\x00" * 100000, binary=True,
          desc="100,000 NUL bytes after the header")
    c.add("nul-escape", "ok-or-error", deck([item(a='"答\\0案\\u0000。"')]),
          desc='a "\\0" escape in a double-quoted answer')
    # Found by tests/fuzz/fuzz_text.c (tests/fuzz/regress/text/unibreak-uffff-sentinel):
    # libunibreak takes U+FFFF for the end of the string and aborts on an assertion.
    c.add("escape-uffff", "ok-or-error", deck([item(q='"问\\uFFFF题"')]),
          desc='a "\\uFFFF" escape (libunibreak\'s end-of-string sentinel) in a question')
    c.add("escape-noncharacters", "ok-or-error",
          deck([item(q='"问\\uFFFE\\uFDD0\\U0010FFFF题"')]),
          desc="other noncharacters via escapes: U+FFFE, U+FDD0, U+10FFFF")
    c.add("control-escapes", "ok-or-error",
          deck([item(a='"\\a\\b\\e\\v\\f\\x01\\x7f\\u0085\\u2028\\u2029答"')]),
          desc="C0/C1 controls and Unicode line separators via escapes")
    c.add("empty-file", "file-error", "", desc="an empty file")
    c.add("only-comments", "file-error", "# nothing\n# here\n", desc="comments only")
    c.add("multi-document", "error", good + "---\n" + good, desc="two YAML documents")
    c.add("not-a-mapping", "error", "- a\n- b\n", desc="a list at the top")

    # ---- text
    c.add("no-break-latin", "ok-or-error", deck([item(a="x" * 20000)]),
          desc="a 20,000-letter answer with no break opportunity")
    c.add("no-break-url", "ok-or-error",
          deck([item(a="https://example.org/" + "a" * 5000 + "?" + "&b=1" * 1000)]),
          desc="a 9 KB URL")
    c.add("only-punctuation", "ok-or-error", deck([item(a="，" * 3000 + "。" * 3000)]),
          desc="6,000 closing punctuation marks: no legal break anywhere")
    c.add("only-opening-punctuation", "ok-or-error", deck([item(a="（" * 3000)]),
          desc="3,000 opening brackets")
    c.add("markup-unbalanced", "ok-or-error",
          deck([item(a='"' + "**" * 5001 + "*`" * 3001 + '"')]),
          desc="10,000 unbalanced emphasis markers")
    c.add("uncovered-scripts", "ok-or-error",
          deck([item(a="藏文 བོད་ཡིག 埃塞俄比亚文 ግዕዝ 切罗基 ᏣᎳᎩ 蒙古 ᠮᠣᠩᠭᠣᠯ 楔形 𒀀𒀁 线形B 𐀀𐀁 表情 😀🚀 私用 \ue000\uf8ff")]),
          desc="scripts no installed font covers, above-BMP characters, private use")
    c.add("combining-storm", "ok-or-error", deck([item(a="a" + "\u0301" * 20000)]),
          desc="one letter with 20,000 combining accents")
    c.add("rtl-and-bidi-controls", "ok-or-error",
          deck([item(a="中文 \u202eعربي\u202c עברית \u2066x\u2069 混排")]),
          desc="right-to-left text and bidi controls")

    # ---- images (IMAGES: being implemented; a clean error or success is accepted
    # for the damaged ones; a missing file must be an error)
    c.file("small.png", png(8, 6))
    whole = png(64, 48)
    c.file("truncated.png", whole[:len(whole) // 2])
    c.file("header-only.png", whole[:33])
    c.file("empty.png", b"")
    c.file("not-an-image.png", "这不是图片\n".encode())
    c.file("enormous-dims.png", png(100000, 100000, rows=b"\x00" * 64))
    c.file("bomb.png", png(9000, 9000, rows=b"\x00" * (9000 + 1) * 9000, color=0))
    c.file("truncated.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb")
    c.add("image-ok", "ok", deck([item(extra="        image: small.png\n")]),
          desc="IMAGES: a valid 8x6 PNG")
    c.add("image-missing", "error", deck([item(extra="        image: no-such-file.png\n")]),
          desc="IMAGES: a missing image file")
    for name, desc in (("truncated.png", "PNG cut in half"), ("header-only.png", "PNG signature and IHDR only"),
                       ("empty.png", "empty file"), ("not-an-image.png", "text named .png"),
                       ("enormous-dims.png", "PNG claiming 100000x100000 pixels"),
                       ("bomb.png", "9000x9000 grey PNG (81 MB of pixels, 80 KB compressed)"),
                       ("truncated.jpg", "JPEG cut after its header")):
        c.add("image-" + name.replace(".", "-"), "ok-or-error",
              deck([item(extra="        image: %s\n" % name)]), desc="IMAGES: " + desc)
    c.add("image-outside", "ok-or-error", deck([item(extra="        image: /etc/passwd\n")]),
          desc="IMAGES: an absolute path outside the deck's folder")
    c.add("image-directory", "error", deck([item(extra="        image: .\n")]),
          desc="IMAGES: a folder as the image")

    for r in c.rows:
        print("\t".join(r))


if __name__ == "__main__":
    main()
