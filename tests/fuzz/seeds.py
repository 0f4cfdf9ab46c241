#!/usr/bin/env python3
"""tests/fuzz/seeds.py OUTDIR: write the fuzzers' seed corpora.
  OUTDIR/deck/  every decks/*.yaml and tests/errors/*.yaml, plus
                tests/fuzz/regress/deck/* (earlier crashes)
  OUTDIR/text/  every text scalar of decks/*.yaml (title, question, answer,
                analysis, body, ...), each behind a two-byte style prefix
                (see fuzz_text.c), plus a few hand-picked clreq cases and
                tests/fuzz/regress/text/*
  OUTDIR/cache/ a valid font cache file and a valid subset file, as
                fuzz_cache.c expects them (its fixed environment, this
                machine's DejaVuSans.ttf), plus tests/fuzz/regress/cache/*
Standard library only; run from anywhere."""

import hashlib
import os
import re
import shutil
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

EXTRA_TEXT = [
    "创业者问：“大模型会取代我们吗？”答案是：不会……但要快——非常快！《增长》「第一章」。",
    "详见 https://example.org/a/very/long/path?query=1&b=2 以及（注释）。",
    "- 第一点：**数据**清洗\n- 第二点：*去重*与`dedup()`\n  - 嵌套：格式化\n\n新段落。",
    "，。、；：？！）」』》〉】〕",
    "（「『《〈【〔",
    "一" * 300,
    "a" * 400,
    "Ελληνικά русский עברית العربية हिन्दी ไทย 한국어 日本語のテキスト",
    "😀🚀 U+1F600 above the BMP",
    "行\n内\n换\n行 and latin\nline",
    # right to left (src/text/bidi.c): embedded runs, brackets, lam-alef, marks,
    # explicit embeddings and isolates, an unterminated override
    "阿拉伯语 مرحبا بالعالم（لا إله）与希伯来语 שָׁלוֹם (עולם 2) in text",
    "\u202bRLE עברית \u202aLRE English\u202c 中文\u202c \u2067isolate مرحبا\u2069 \u202eRLO",
    "\u200fRLM ١٢٣ 123 لا لأ لإ لآ ـلا (a [b] {c}) « » ‹ ›",
]


def put(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def texts(path):
    """Scalars after 'key:' on one line, quoted or not (good enough for seeds)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^\s*-?\s*(title|subtitle|question|answer|analysis|body|notes|event)\s*:\s*(.+?)\s*$', line)
            if m:
                v = m.group(2)
                if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                    v = v[1:-1]
                out.append(v)
    return out


CACHE_ENV = [("FONTCONFIG_FILE", ""), ("FONTCONFIG_PATH", ""), ("FONTCONFIG_SYSROOT", ""),
             ("HOME", "/nonexistent-fuzz-home"), ("XDG_CONFIG_HOME", ""), ("XDG_DATA_HOME", ""),
             ("XDG_DATA_DIRS", ""), ("XDG_CACHE_HOME", "/tmp/deckpress-fuzz-cache")]
CACHE_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def cache_seeds(folder):
    """The formats of src/fonts/font_cache.c and src/fonts/subset_cache.c."""
    try:
        st = os.stat(CACHE_FONT)
    except OSError:
        return
    lines = ["deckpress-font-cache 1"] + ["env\t%s\t%s" % kv for kv in CACHE_ENV]
    lines.append("stamp\t%s\t%d\t%d\t1" % (CACHE_FONT, st.st_mtime_ns, st.st_size))
    lines.append("stamp\t/nonexistent-fuzz-dir\t0\t0\t0")
    lines.append("face\tWenQuanYi Micro Hei\t%s\t0\tTrueType\t80\tDejaVu Sans\tBook" % CACHE_FONT)
    lines.append("miss\tNo Such Family")
    put(folder, "fonts", b"\x00" + ("\n".join(lines) + "\n").encode())
    import struct
    import zlib
    packed = zlib.compress(b"a font program" * 20)
    body = struct.pack("<I", len(CACHE_FONT)) + CACHE_FONT.encode()
    body += struct.pack("<qqI", st.st_mtime_ns, st.st_size, 0)
    body += struct.pack("<I", 3) + struct.pack("<3I", ord("A"), ord("B"), 0x4E2D)
    body += struct.pack("<I", 5) + struct.pack("<3H", 1, 2, 3)
    body += struct.pack("<II", 280, len(packed)) + packed
    put(folder, "subset", b"\x01" + b"DPSUB1\n\x00" + bytes(8) + body)  # checksum: fuzz_cache.c sets it


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    deck_dir = os.path.join(out, "deck")
    text_dir = os.path.join(out, "text")
    cache_dir = os.path.join(out, "cache")
    for d in (deck_dir, text_dir, cache_dir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    decks = sorted(os.path.join(ROOT, "decks", n) for n in os.listdir(os.path.join(ROOT, "decks"))
                   if n.endswith(".yaml"))
    errs = sorted(os.path.join(ROOT, "tests", "errors", n)
                  for n in os.listdir(os.path.join(ROOT, "tests", "errors")) if n.endswith(".yaml"))
    for p in decks + errs:
        put(deck_dir, os.path.basename(os.path.dirname(p)) + "-" + os.path.basename(p), open(p, "rb").read())
    seen = set()
    n = 0
    for p in decks:
        for t in texts(p):
            if t in seen:
                continue
            seen.add(t)
            # Style bytes vary with the seed's number: rich/justify/balance/bold, size.
            prefix = bytes([(n * 7) & 0x1F | 1, (n * 5) & 0x3F])
            put(text_dir, "deck-%04d" % n, prefix + t.encode("utf-8"))
            n += 1
    for i, t in enumerate(EXTRA_TEXT):
        put(text_dir, "extra-%02d" % i, bytes([0x03 | (i & 4), i]) + t.encode("utf-8"))
    cache_seeds(cache_dir)
    for kind in ("deck", "text", "cache"):
        reg = os.path.join(ROOT, "tests", "fuzz", "regress", kind)
        if os.path.isdir(reg):
            for name in sorted(os.listdir(reg)):
                src = os.path.join(reg, name)
                if os.path.isfile(src):
                    shutil.copy(src, os.path.join(out, kind, "regress-" + name))
    print("seeds: %d deck, %d text, %d cache in %s" % (len(os.listdir(deck_dir)), len(os.listdir(text_dir)),
                                                       len(os.listdir(cache_dir)), out))


if __name__ == "__main__":
    main()
