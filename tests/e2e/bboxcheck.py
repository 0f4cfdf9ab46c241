"""bboxcheck.py: clreq and box checks on what poppler reads back from a PDF.

Usage: python3 bboxcheck.py BBOX.html WIDTH HEIGHT MARGIN
BBOX.html is `pdftotext -bbox-layout` output. Checks, printing one line
each ("PASS name" / "FAIL name: detail"), and counts for the closing note:
  words-inside     every word lies at least MARGIN pt inside the page
  line-starts      no line starts with closing punctuation
  line-ends        no line ends with opening punctuation
  last-lines       no multi-line block ends with a line of one hanzi
"""
import sys

CLOSING = set("，。、；：？！）」』》〉】〕”’")
OPENING = set("（「『《〈【〔“‘")


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


from invariants import BBox as Reader  # pdftotext -bbox-layout: pages of blocks of lines of words


def main():
    path, W, H, M = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    r = Reader()
    r.feed(open(path, encoding="utf-8").read())
    outside, starts, ends, lasts = [], [], [], []
    n_words = n_lines = 0
    for p, page in enumerate(r.pages, 1):
        for block in page["blocks"]:
            lines = ["".join(w["text"] for w in line) for line in block]
            for line in block:
                n_lines += 1
                for w in line:
                    n_words += 1
                    if w["xmin"] < M or w["ymin"] < M * 0.5 or w["xmax"] > W - M or w["ymax"] > H - 8:
                        outside.append(f"page {p}: {w['text']!r} at {w['xmin']:.0f},{w['ymin']:.0f}-{w['xmax']:.0f},{w['ymax']:.0f}")
            for i, t in enumerate(lines):
                if not t:
                    continue
                if i > 0 and t[0] in CLOSING:
                    starts.append(f"page {p}: {t[:20]!r}")
                if i < len(lines) - 1 and t[-1] in OPENING:
                    ends.append(f"page {p}: {t[-20:]!r}")
            if len(lines) >= 2:
                last = lines[-1]
                han = sum(is_han(c) for c in last)
                if han == 1 and all(is_han(c) or c in CLOSING for c in last):
                    lasts.append(f"page {p}: {lines[-2][-12:]!r} / {last!r}")
    print(f"# {len(r.pages)} pages, {n_lines} lines, {n_words} words read back")
    print("PASS readable" if n_words else "FAIL readable: no text read back")
    for name, bad in (("words-inside", outside), ("line-starts", starts), ("line-ends", ends),
                      ("last-lines", lasts)):
        if bad:
            print(f"FAIL {name}: {len(bad)}: " + "; ".join(bad[:3]))
        else:
            print(f"PASS {name}")


main()
