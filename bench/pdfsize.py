#!/usr/bin/env python3
"""bench/pdfsize.py FILE.pdf: where the bytes of a PDF go, as a Markdown table
of object kinds (font programs, CIDToGIDMaps, widths, ToUnicode CMaps, page
contents, ...) with their count, bytes in the file and bytes once inflated,
then one row per embedded font program.
bench/pdfsize.py --pages FILE.pdf: print the page count.

Reads the objects of the PDFs deckpress writes: top-level objects, and those
packed into object streams (tagged PDFs, src/pdf/pdf_xref.c), each of which
counts its share of its object stream's bytes in the file (by its inflated
length); standard library only."""

import re
import sys
import zlib

OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
REF = r"\s+(\d+)\s+0\s+R"


def objects(data):
    """{number: (dict_bytes, stream_bytes_or_None, size_on_disk)}"""
    out = {}
    starts = [(m.start(), m.end(), int(m.group(1))) for m in OBJ.finditer(data)]
    for i, (s, e, num) in enumerate(starts):
        end = data.find(b"endobj", e)
        if end < 0:
            end = starts[i + 1][0] if i + 1 < len(starts) else len(data)
        body = data[e:end]
        stream = None
        k = body.find(b"stream")
        if k >= 0 and b"/Length" in body[:k]:
            head = body[:k]
            j = k + len(b"stream")
            if body[j:j + 2] == b"\r\n":
                j += 2
            elif body[j:j + 1] in (b"\n", b"\r"):
                j += 1
            m = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", head)
            if m and not m.group(2):
                stream = body[j:j + int(m.group(1))]
            else:
                stream = body[j:body.rfind(b"endstream")]
            body = head
        out[num] = (body, stream, end + len(b"endobj") - s)
    for num, (d, st, size) in list(out.items()):
        if st is None or not re.search(rb"/Type\s*/ObjStm\b", d):
            continue
        raw = zlib.decompress(st)
        first = int(re.search(rb"/First\s+(\d+)", d).group(1))
        head = [int(x) for x in raw[:first].split()]
        pairs = list(zip(head[0::2], head[1::2]))
        total = len(raw) - first
        for i, (n, off) in enumerate(pairs):
            end = pairs[i + 1][1] if i + 1 < len(pairs) else total
            body = raw[first + off:first + end]
            out[n] = (body, None, size * len(body) // max(total, 1))
        del out[num]
    return out


def inflate(d, s):
    if s is None:
        return 0
    if b"/FlateDecode" in d:
        try:
            return len(zlib.decompress(s))
        except zlib.error:
            return len(s)
    return len(s)


def refs(objs, key):
    r = set()
    pat = re.compile(("/" + key + REF).encode())
    for d, _, _ in objs.values():
        for m in pat.finditer(d):
            r.add(int(m.group(1)))
    return r


def contents_refs(objs):
    r = set()
    for d, _, _ in objs.values():
        m = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)", d)
        if m:
            r.update(int(x) for x in re.findall(rb"(\d+)\s+0\s+R", m.group(1)))
    return r


def classify(objs):
    fontfile = refs(objs, "FontFile2") | refs(objs, "FontFile") | refs(objs, "FontFile3")
    cidmap = refs(objs, "CIDToGIDMap")
    tounicode = refs(objs, "ToUnicode")
    contents = contents_refs(objs)
    kinds = {}
    for num, (d, s, size) in objs.items():
        if num in fontfile:
            k = "font programs (FontFile2/3, subset)"
        elif num in cidmap:
            k = "CIDToGIDMap streams"
        elif num in tounicode:
            k = "ToUnicode CMaps"
        elif num in contents:
            k = "page content streams"
        elif b"/CIDFontType2" in d or b"/CIDFontType0" in d:
            k = "CIDFont dicts (incl. /W widths)"
        elif re.search(rb"/Type\s*/Font\b", d):
            k = "font dicts (Type0)"
        elif b"/FontDescriptor" in d:
            k = "font descriptors"
        elif re.search(rb"/Type\s*/Page\b", d):
            k = "page dicts"
        elif b"/Annot" in d or b"/Link" in d:
            k = "link annotations"
        elif b"/Outlines" in d or b"/First" in d or b"/Parent" in d and b"/Title" in d:
            k = "outline (bookmarks)"
        elif re.search(rb"/Type\s*/XRef\b", d):
            k = "cross-reference stream"
        elif s is not None:
            k = "other streams (images, ...)"
        else:
            k = "other objects"
        kinds.setdefault(k, [0, 0, 0])
        kinds[k][0] += 1
        kinds[k][1] += size
        kinds[k][2] += inflate(d, s) if s is not None else max(size, len(d))  # packed: its own bytes
    return kinds


def fonts(objs):
    rows = []
    for num, (d, _, _) in objs.items():
        m = re.search(rb"/FontFile[23]" + REF.encode(), d)
        if not m:
            continue
        name = re.search(rb"/FontName\s*/([^\s/\[\]<>()]+)", d)
        f = objs.get(int(m.group(1)))
        if f:
            kind = "CFF" if b"/FontFile3" in m.group(0) else "TrueType"
            rows.append(((name.group(1).decode("latin-1") if name else "?") + " (%s)" % kind, f[2],
                         inflate(f[0], f[1])))
    return sorted(rows, key=lambda r: -r[1])


def main():
    args = sys.argv[1:]
    if args and args[0] == "--pages":
        objs = objects(open(args[1], "rb").read())
        print(sum(1 for d, _, _ in objs.values() if re.search(rb"/Type\s*/Page\b", d)))
        return
    if len(args) != 1:
        sys.exit(__doc__)
    data = open(args[0], "rb").read()
    objs = objects(data)
    kinds = classify(objs)
    in_objs = sum(v[1] for v in kinds.values())
    print("| object kind | count | bytes in file | share | bytes inflated |")
    print("|---|---:|---:|---:|---:|")
    for k, (n, b, u) in sorted(kinds.items(), key=lambda kv: -kv[1][1]):
        print("| %s | %d | %d | %.1f%% | %d |" % (k, n, b, 100.0 * b / len(data), u))
    rest = len(data) - in_objs
    print("| header, xref table, trailer | | %d | %.1f%% | |" % (rest, 100.0 * rest / len(data)))
    print("| **total** | %d | **%d** | 100%% | |" % (len(objs), len(data)))
    rows = fonts(objs)
    if rows:
        print()
        print("| embedded font program | bytes in file | bytes inflated |")
        print("|---|---:|---:|")
        for name, b, u in rows:
            print("| %s | %d | %d |" % (name, b, u))


if __name__ == "__main__":
    main()
