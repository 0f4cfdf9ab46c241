#!/usr/bin/env python3
"""tests/e2e/pdfua_check.py: PDF/UA-1 and PDF/A-2 checks of a deckpress PDF.

No PDF/UA or PDF/A validator is packaged for Debian 12, so this checks, from
qpdf's JSON of every object (qpdf --json=2) and its own parse of the content
streams, the machine-checkable requirements that apply to what deckpress
writes. Each check prints one "PASS name" or "FAIL name: detail" line
(tests/lib.sh records them).

    pdfua_check.py NAME FILE.pdf [--deck DECK.yaml]

Covered (Matterhorn Protocol 1.1 failure conditions, PDF/A-2 = ISO 19005-2):
  ua/marked          01-001..01-007, 7.1: every painting operator (text, paths,
                     images, shadings) is inside marked content: an Artifact or a
                     sequence with an MCID; no Artifact inside tagged content or
                     tagged content inside an Artifact; BDC/EMC balanced per
                     stream and never crossing BT/ET; /MarkInfo /Marked true,
                     no /Suspects true
  ua/parent-tree     01-004 (content tagged but not in the tree), 7.1: every MCID
                     on every page is in the ParentTree, which names the element
                     whose /K holds it; every page has /StructParents; /P of every
                     element is its parent; each MCID used once per page
  ua/standard-types  02-001..02-004: every structure type is a standard one (no
                     RoleMap needed; a RoleMap never remaps a standard type)
  ua/nesting         09-004..09-006: LI only in L, Lbl/LBody only in LI, TOCI only
                     in TOC, TR/TH/TD in tables, L holds only LI/L/Caption, TOC only
                     TOC/TOCI/Caption
  ua/headings        14-002, 14-003: numbered headings start with H1 and skip no level
  ua/figures         13-004: every Figure has /Alt (or /ActualText), not empty
  ua/metadata        06-001..06-003, 7.1: a /Metadata stream with pdfuaid:part 1 and
                     dc:title; 07-001, 07-002: /ViewerPreferences /DisplayDocTitle true
  ua/lang            11-006: the document's /Lang is present and well formed, and
                     so is every structure element's /Lang (the deck's lang: of
                     an item, a section, the intro or the closing)
  ua/annotations     28-002, 28-011, 28-008 (7.18.1, 7.18.3, 7.18.5): every link
                     annotation has /StructParent, is an OBJR of a Link element, has
                     /Contents; every page with annotations has /Tabs /S
  ua/fonts           31-001..31-030 as far as they apply: every font embedded
                     (FontFile2), CIDFontType2 with /CIDToGIDMap, a /ToUnicode on
                     every font (10-001), no use of .notdef (CID 0) in text
  a/header           6.1.2: %PDF-1.n with n <= 7, and a comment of four bytes >= 128
  a/trailer          6.1.3: /ID of two 16-byte strings, no /Encrypt
  a/file-structure   6.1.3: nothing after the last %%EOF, one revision;
                     6.1.7.1: every stream's /Length is its data's bytes, its
                     "stream" and "endstream" keywords on their own lines
  file/object-streams  (deckpress's own, not PDF/A's) the file ends with a
                     cross-reference stream and every object that is not a
                     stream is in an object stream (src/pdf/pdf_xref.c)
  a/metadata         6.6.2: metadata well-formed XML in UTF-8, with at most
                     /FlateDecode (PDF/A-2 allows a filter, PDF/A-1 6.7.2 did
                     not), xpacket without bytes/encoding,
                     pdfaid:part 2 with conformance A, B or U; pdfuaid declared in an
                     extension schema; Info and XMP agree (Title, Author, Subject,
                     Keywords, Producer, CreationDate, ModDate)
  a/output-intent    6.2.3: one GTS_PDFA1 output intent with an embedded RGB ICC
                     profile (/N 3) when DeviceRGB is used; no DeviceCMYK without a
                     CMYK intent; at most one distinct profile
  a/annotations      6.3.2: annotations printable (F print flag, not hidden,
                     invisible or no-view); only Link annotations; actions only
                     GoTo and URI; no JavaScript, no /AA
  a/objects          6.1.7, 6.1.8, 6.1.13: no LZW or external streams, strings at
                     most 32,767 bytes, names at most 127, q nesting at most 28;
                     images without /Interpolate true, /Alternates or /OPI
With --deck: text/deck-order: the text of the structure tree (TOC subtrees and
  the heading that heads a TOC left out; Lbl markers dropped) equals the
  deck's text in deck order, whitespace and markup aside: title, subtitle,
  facts, intro, sections (title, subtitle), items (topic, question, answer,
  analysis), closing (title, body, QR label, URL); no footer, page number or
  label text in between.

Not machine-checkable here (or not by this script): whether the reading order
and the tags fit the meaning (09-001, 09-002), whether alternative text
describes the image (13-004 beyond presence), colour contrast and colour as the
only carrier of meaning (04-001), whether all text in another language is
marked (11-001..11-005: deckpress marks it where the deck says so with lang:;
text in another language the deck does not mark cannot be found, nor can a
wrong tag), font licences (31-009), glyph widths in /W against the font program and the font program's own
validity (PDF/A-2 6.2.11.5), ICC profile internals beyond its header.
"""
import base64
import json
import re
import subprocess
import sys
import unicodedata
import xml.dom.minidom
import xml.parsers.expat

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference
BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())
PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "Do", "sh", "BI"}


def out(ok, name, detail=""):
    print(("PASS %s" % name) if ok else ("FAIL %s: %s" % (name, detail[:300])))


# ---------------------------------------------------------------- objects
class Pdf:
    def __init__(self, path):
        self.raw = open(path, "rb").read()
        j = json.loads(subprocess.run(["qpdf", "--json=2", "--json-stream-data=none", path],
                                      capture_output=True, check=True).stdout)
        self.objs = j["qpdf"][1]
        jd = json.loads(subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                                        "--decode-level=generalized", path],
                                       capture_output=True, check=True).stdout)
        self.data = {k: v["stream"].get("data") for k, v in jd["qpdf"][1].items()
                     if isinstance(v, dict) and "stream" in v}
        self.trailer = self.objs["trailer"]["value"]

    def get(self, v):
        """Resolve a reference "N 0 R" to its value (a stream: its dict)."""
        if isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
            o = self.objs.get("obj:" + v)
            if o is None:
                return None
            return o["stream"]["dict"] if "stream" in o else o["value"]
        return v

    def stream(self, ref):
        d = self.data.get("obj:" + ref)
        return base64.b64decode(d) if d else b""

    def is_stream(self, ref):
        o = self.objs.get("obj:" + ref)
        return o is not None and "stream" in o


def text(v):
    """A PDF string from qpdf's JSON as Python text."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        if b[:2] == b"\xfe\xff":
            return b[2:].decode("utf-16-be", "replace")
        return b.decode("latin-1")
    return v


def pages(pdf):
    res = []

    def walk(ref):
        n = pdf.get(ref)
        if n.get("/Type") == "/Pages":
            for k in n.get("/Kids", []):
                walk(k)
        else:
            res.append((ref, n))
    walk(pdf.get(pdf.trailer["/Root"])["/Pages"])
    return res


# ---------------------------------------------------------------- content streams
TOKEN = re.compile(rb"""\s*(?:
    (?P<str>\() |
    (?P<hex><[0-9A-Fa-f\s]*>) |
    (?P<dict><<) | (?P<dend>>>) | (?P<arr>\[) | (?P<aend>\]) |
    (?P<name>/[^\s/\[\]()<>{}%]*) |
    (?P<num>[+-]?(?:\d+\.?\d*|\.\d+)) |
    (?P<op>[A-Za-z'"*][A-Za-z0-9*'"]*) |
    (?P<comment>%[^\r\n]*)
)""", re.X)


def literal(data, i):
    """Bytes of the literal string starting after '(' at i; returns (bytes, next)."""
    depth, outb = 1, bytearray()
    while i < len(data):
        c = data[i]
        if c == 0x5C:  # backslash
            n = data[i + 1]
            esc = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
            if n in esc:
                outb.append(esc[n]); i += 2
            elif 0x30 <= n <= 0x37:
                j = i + 1
                while j < i + 4 and 0x30 <= data[j] <= 0x37:
                    j += 1
                outb.append(int(data[i + 1:j], 8) & 255); i = j
            elif n in (10, 13):
                i += 2
            else:
                outb.append(n); i += 2
        elif c == 0x28:
            depth += 1; outb.append(c); i += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(outb), i + 1
            outb.append(c); i += 1
        else:
            outb.append(c); i += 1
    raise ValueError("unterminated string")


def operations(data):
    """(operator, operands) of a content stream; strings as bytes."""
    i, stack, ops = 0, [], []
    nest = []  # open arrays/dicts
    while i < len(data):
        m = TOKEN.match(data, i)
        if not m or m.end() == i:
            if data[i:].strip() == b"":
                break
            raise ValueError("cannot parse content at byte %d: %r" % (i, data[i:i + 20]))
        i = m.end()
        kind = m.lastgroup
        if kind == "comment":
            continue
        if kind == "str":
            s, i = literal(data, i)
            val = s
        elif kind == "hex":
            val = bytes.fromhex(re.sub(rb"\s", b"", m.group("hex")[1:-1]).decode() + ("0" if len(re.sub(rb"\s", b"", m.group("hex")[1:-1])) % 2 else ""))
        elif kind in ("dict", "arr"):
            nest.append((kind, len(stack)))
            continue
        elif kind in ("dend", "aend"):
            k, at = nest.pop()
            items = stack[at:]
            del stack[at:]
            val = dict(zip(items[::2], items[1::2])) if k == "dict" else items
        elif kind == "name":
            val = m.group("name").decode("latin-1")
        elif kind == "num":
            val = float(m.group("num"))
        else:
            op = m.group("op").decode()
            if op in ("true", "false", "null"):
                val = op
            else:
                if nest:
                    raise ValueError("operator %s inside an array or dictionary" % op)
                ops.append((op, stack))
                stack = []
                continue
        stack.append(val)
    return ops


def page_contents(pdf, page):
    c = page.get("/Contents")
    refs = c if isinstance(c, list) else [c] if c else []
    return b"\n".join(pdf.stream(r) for r in refs)


# ---------------------------------------------------------------- checks
def check_content(name, pdf, pgs, parent_tree):
    """ua/marked, a/objects (q depth), ua/fonts (.notdef): returns MCIDs per page."""
    problems, notdef, qdepth = [], [], 0
    mcids = {}
    for n, (ref, pg) in enumerate(pgs, 1):
        try:
            ops = operations(page_contents(pdf, pg))
        except (ValueError, IndexError) as e:
            problems.append("page %d: %s" % (n, e))
            continue
        stack, in_text, q, seen = [], False, 0, []
        bt_depth = None
        for op, args in ops:
            if op in ("BMC", "BDC"):
                tag = args[0] if args else None
                props = args[1] if op == "BDC" and len(args) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, dict) else None
                artifact = tag == "/Artifact"
                if artifact and any(k == "mcid" for k, _ in stack):
                    problems.append("page %d: an Artifact inside tagged content (01-001)" % n)
                if mcid is not None and any(k == "artifact" for k, _ in stack):
                    problems.append("page %d: tagged content inside an Artifact (01-002)" % n)
                if mcid is not None:
                    seen.append(int(mcid))
                stack.append(("artifact" if artifact else "mcid" if mcid is not None else "other",
                              in_text))
            elif op == "EMC":
                if not stack:
                    problems.append("page %d: EMC without BMC/BDC" % n)
                else:
                    k, opened_in_text = stack.pop()
                    if opened_in_text != in_text:
                        problems.append("page %d: marked content crosses BT/ET" % n)
            elif op == "BT":
                in_text = True
            elif op == "ET":
                in_text = False
            elif op == "q":
                q += 1
                qdepth = max(qdepth, q)
            elif op == "Q":
                q -= 1
            if op in PAINT:
                if not any(k in ("artifact", "mcid") for k, _ in stack):
                    problems.append("page %d: %s outside marked content (01-005)" % (n, op))
            if op in ("Tj", "'", '"', "TJ"):
                strs = [a for a in (args[0] if op == "TJ" else args[-1:]) if isinstance(a, bytes)]
                for s in strs:
                    if any(s[i:i + 2] == b"\0\0" for i in range(0, len(s) - 1, 2)):
                        notdef.append(n)
        if stack:
            problems.append("page %d: %d marked-content sequences left open" % (n, len(stack)))
        if len(seen) != len(set(seen)):
            problems.append("page %d: an MCID used twice" % n)
        mcids[ref] = seen
    out(not problems, name + "/ua/marked", "; ".join(sorted(set(problems))[:5]))
    out(not notdef, name + "/ua/notdef", "pages %s show CID 0 (.notdef)" % sorted(set(notdef))[:10])
    out(qdepth <= 28, name + "/a/q-depth", "q nesting %d > 28" % qdepth)
    return mcids


def number_tree(pdf, node, acc):
    node = pdf.get(node)
    nums = node.get("/Nums", [])
    for i in range(0, len(nums), 2):
        acc[int(nums[i])] = nums[i + 1]
    for k in node.get("/Kids", []):
        number_tree(pdf, k, acc)
    return acc


def elem_kids(e):
    k = e.get("/K")
    return k if isinstance(k, list) else [] if k is None else [k]


def walk_tree(pdf, root):
    """(ref, elem, parent_ref) of every structure element, depth first."""
    res = []

    def walk(ref, parent):
        e = pdf.get(ref)
        res.append((ref, e, parent))
        for k in elem_kids(e):
            if isinstance(k, str) and k.endswith(" R"):
                d = pdf.get(k)
                if isinstance(d, dict) and d.get("/Type") in ("/MCR", "/OBJR"):
                    continue
                walk(k, ref)
    for k in elem_kids(root):
        walk(k, None)
    return res


def check_structure(name, pdf, cat, pgs, mcids):
    root_ref = cat.get("/StructTreeRoot")
    if not root_ref:
        out(False, name + "/ua/structure", "no /StructTreeRoot")
        return None, None
    root = pdf.get(root_ref)
    elems = walk_tree(pdf, root)
    mi = cat.get("/MarkInfo", {})
    problems = []
    if mi.get("/Marked") is not True:
        problems.append("/MarkInfo /Marked is not true")
    if mi.get("/Suspects") is True:
        problems.append("/MarkInfo /Suspects is true (01-007)")
    out(not problems, name + "/ua/markinfo", "; ".join(problems))

    # which element holds each (page, mcid), from the elements themselves
    holds, objrs, problems = {}, {}, []
    page_refs = [r for r, _ in pgs]
    for ref, e, parent in elems:
        pg = e.get("/Pg")
        if parent and e.get("/P") != parent:
            problems.append("%s: /P is %s, not its parent %s" % (ref, e.get("/P"), parent))
        for k in elem_kids(e):
            if isinstance(k, (int, float)):
                if pg is None:
                    problems.append("%s: an MCID without /Pg" % ref)
                key = (pg, int(k))
            elif isinstance(k, str) and k.endswith(" R") and pdf.get(k).get("/Type") == "/MCR":
                d = pdf.get(k)
                key = (d.get("/Pg", pg), int(d["/MCID"]))
            elif isinstance(k, str) and k.endswith(" R") and pdf.get(k).get("/Type") == "/OBJR":
                objrs[pdf.get(k)["/Obj"]] = ref
                continue
            elif isinstance(k, dict) and k.get("/Type") == "/MCR":
                key = (k.get("/Pg", pg), int(k["/MCID"]))
            elif isinstance(k, dict) and k.get("/Type") == "/OBJR":
                objrs[k["/Obj"]] = ref
                continue
            else:
                continue
            if key in holds:
                problems.append("MCID %d of %s in two elements" % (key[1], key[0]))
            holds[key] = ref
    pt = number_tree(pdf, root.get("/ParentTree"), {}) if root.get("/ParentTree") else {}
    for ref, pg in pgs:
        sp = pg.get("/StructParents")
        if sp is None:
            problems.append("page %s has no /StructParents" % ref)
            continue
        arr = pdf.get(pt.get(int(sp)))
        arr = arr if isinstance(arr, list) else []
        for m in mcids.get(ref, []):
            if m >= len(arr) or holds.get((ref, m)) != arr[m]:
                problems.append("page %s MCID %d: ParentTree says %s, the tree %s (01-004)"
                                % (ref, m, arr[m] if m < len(arr) else None, holds.get((ref, m))))
        for (p, m), e in holds.items():
            if p == ref and m not in mcids.get(ref, []):
                problems.append("page %s: the tree names MCID %d, which the page lacks" % (ref, m))
    if not elems:
        problems.append("the structure tree is empty")
    out(not problems, name + "/ua/parent-tree", "; ".join(problems[:4]))

    # types, nesting, headings, figures
    types = [(ref, e.get("/S", "")[1:], parent) for ref, e, parent in elems]
    by_ref = {ref: t for ref, t, _ in types}
    rolemap = pdf.get(root.get("/RoleMap")) or {}
    bad = [t for _, t, _ in types if t not in STANDARD and "/" + t not in rolemap]
    remapped = [k for k in rolemap if k[1:] in STANDARD]
    out(not bad and not remapped, name + "/ua/standard-types",
        "non-standard %s; standard types remapped %s" % (sorted(set(bad)), remapped))
    rules = {"LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"}, "TOCI": {"TOC"}, "TR": {"Table", "THead", "TBody", "TFoot"},
             "TH": {"TR"}, "TD": {"TR"}, "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"}}
    kids_ok = {"L": {"LI", "L", "Caption"}, "TOC": {"TOC", "TOCI", "Caption"}, "TR": {"TH", "TD"}}
    problems = []
    for ref, t, parent in types:
        pt_ = by_ref.get(parent)
        if t in rules and pt_ not in rules[t]:
            problems.append("%s inside %s" % (t, pt_))
        if pt_ in kids_ok and t not in kids_ok[pt_]:
            problems.append("%s holds %s" % (pt_, t))
    out(not problems, name + "/ua/nesting", "; ".join(sorted(set(problems))[:5]))
    levels = [int(t[1]) for _, t, _ in types if re.fullmatch(r"H[1-6]", t)]
    problems = []
    if levels and levels[0] != 1:
        problems.append("the first heading is H%d (14-002)" % levels[0])
    for a, b in zip(levels, levels[1:]):
        if b > a + 1:
            problems.append("H%d follows H%d (14-003)" % (b, a))
    out(not problems, name + "/ua/headings", "; ".join(sorted(set(problems))[:3]))
    figs = [e for _, e, _ in elems if e.get("/S") == "/Figure"]
    noalt = [e for e in figs if not (text(e.get("/Alt")) or text(e.get("/ActualText")))]
    out(not noalt, name + "/ua/figures", "%d of %d Figures without /Alt" % (len(noalt), len(figs)))
    return elems, objrs


def check_annotations(name, pdf, pgs, objrs, elems):
    kinds = {ref: e.get("/S") for ref, e, _ in elems}
    ua, a = [], []
    for n, (ref, pg) in enumerate(pgs, 1):
        annots = pdf.get(pg.get("/Annots")) or []
        if annots and pg.get("/Tabs") != "/S":
            ua.append("page %d has annotations but no /Tabs /S" % n)
        for an_ref in annots:
            an = pdf.get(an_ref)
            if an.get("/Subtype") != "/Link":
                a.append("page %d: a %s annotation" % (n, an.get("/Subtype")))
            if "/StructParent" not in an:
                ua.append("page %d: an annotation without /StructParent (28-002)" % n)
            holder = objrs.get(an_ref)
            if kinds.get(holder) != "/Link":
                ua.append("page %d: a link annotation not in a Link element (28-011)" % n)
            if not text(an.get("/Contents")):
                ua.append("page %d: a link without /Contents (7.18.5)" % n)
            f = int(an.get("/F", 0))
            if not f & 4 or f & (1 | 2 | 32):
                a.append("page %d: annotation flags %d (print must be set; hidden, invisible, "
                         "no-view clear)" % (n, f))
            act = pdf.get(an.get("/A")) or {}
            if act and act.get("/S") not in ("/URI", "/GoTo"):
                a.append("page %d: action %s" % (n, act.get("/S")))
            if "/AA" in an:
                a.append("page %d: additional actions" % n)
    out(not ua, name + "/ua/annotations", "; ".join(sorted(set(ua))[:4]))
    out(not a, name + "/a/annotations", "; ".join(sorted(set(a))[:4]))


def xmp_value(xmp, tag):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), xmp, re.S)
    if not m:
        return None
    v = m.group(1)
    li = re.search(r"<rdf:li[^>]*>(.*?)</rdf:li>", v, re.S)
    v = li.group(1) if li else v
    return (v.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def pdf_date_to_xmp(d):
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)", d or "")
    return "%s-%s-%sT%s:%s:%s" % m.groups() if m else None


def check_metadata(name, pdf, cat):
    ua, a = [], []
    mref = cat.get("/Metadata")
    if not mref or not pdf.is_stream(mref):
        out(False, name + "/ua/metadata", "no /Metadata stream (06-001)")
        out(False, name + "/a/metadata", "no /Metadata stream")
        return
    mdict = pdf.get(mref)
    if mdict.get("/Filter") not in (None, "/FlateDecode"):
        a.append("the metadata stream has filter %s" % mdict.get("/Filter"))
    raw = pdf.stream(mref)
    try:
        xmp = raw.decode("utf-8")
        xml.dom.minidom.parseString(raw)
    except (UnicodeDecodeError, xml.parsers.expat.ExpatError) as e:
        a.append("the XMP is not well-formed UTF-8 XML: %s" % e)
        xmp = raw.decode("utf-8", "replace")
    head = re.match(r"<\?xpacket ([^?]*)\?>", xmp)
    if not head or "bytes=" in head.group(1) or "encoding=" in head.group(1):
        a.append("xpacket header missing or with bytes/encoding")
    if xmp_value(xmp, "pdfuaid:part") != "1":
        ua.append("no pdfuaid:part 1 (06-002)")
    title = xmp_value(xmp, "dc:title")
    if not title:
        ua.append("no dc:title (06-003)")
    vp = pdf.get(cat.get("/ViewerPreferences")) or {}
    if vp.get("/DisplayDocTitle") is not True:
        ua.append("/ViewerPreferences /DisplayDocTitle is not true (07-001, 07-002)")
    out(not ua, name + "/ua/metadata", "; ".join(ua))
    if xmp_value(xmp, "pdfaid:part") != "2" or xmp_value(xmp, "pdfaid:conformance") not in ("A", "B", "U"):
        a.append("pdfaid part %s conformance %s" % (xmp_value(xmp, "pdfaid:part"),
                                                     xmp_value(xmp, "pdfaid:conformance")))
    if "pdfuaid:part" in xmp and "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/" not in xmp:
        a.append("pdfuaid used without an extension schema (6.6.2.3.2)")
    info = pdf.get(pdf.trailer.get("/Info")) or {}
    pairs = [("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
             ("/Keywords", "pdf:Keywords"), ("/Producer", "pdf:Producer")]
    for key, tag in pairs:
        iv, xv = text(info.get(key)), xmp_value(xmp, tag)
        if iv is not None and iv != xv:
            a.append("Info %s %r but XMP %s %r" % (key, iv, tag, xv))
    for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        iv, xv = text(info.get(key)), xmp_value(xmp, tag)
        if iv is not None and (not xv or not xv.startswith(pdf_date_to_xmp(iv) or "?")):
            a.append("Info %s %r but XMP %s %r" % (key, iv, tag, xv))
    out(not a, name + "/a/metadata", "; ".join(a[:4]))


LANG_TAG = r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*"


def check_lang(name, pdf, cat):
    lang = text(cat.get("/Lang"))
    bad = [] if lang and re.fullmatch(LANG_TAG, lang) else ["catalog /Lang is %r" % lang]
    # 11-006 for the /Lang of structure elements (text in another language)
    for k, o in pdf.objs.items():
        v = o.get("value") if isinstance(o, dict) else None
        if isinstance(v, dict) and "/S" in v and "/Lang" in v:
            el = text(v["/Lang"])
            if not el or not re.fullmatch(LANG_TAG, el):
                bad.append("%s %s has /Lang %r" % (k, v["/S"], el))
    out(not bad, name + "/ua/lang", "; ".join(bad[:3]) + " (11-006)")


def check_header_trailer(name, pdf):
    m = re.match(rb"%PDF-1\.([0-7])\r?\n%([^\r\n]*)", pdf.raw)
    ok = bool(m) and len([b for b in m.group(2) if b >= 128]) >= 4
    out(ok, name + "/a/header", "header %r" % pdf.raw[:20])
    ids = pdf.trailer.get("/ID")
    problems = []
    if not (isinstance(ids, list) and len(ids) == 2 and all(
            isinstance(x, str) and x.startswith("b:") and len(x) == 34 for x in ids)):
        problems.append("trailer /ID %r" % ids)
    if "/Encrypt" in pdf.trailer:
        problems.append("encrypted")
    out(not problems, name + "/a/trailer", "; ".join(problems))


def check_file_structure(name, pdf, path):
    """a/file-structure: ISO 19005-2 6.1.3 (nothing after the last %%EOF but
    an end-of-line; one revision, no /Prev) and 6.1.7.1 (every stream's
    /Length is its data's bytes; "stream" followed by an EOL, "endstream"
    preceded by one). file/object-streams: the file ends with a
    cross-reference stream and every object that is not a stream sits in
    an object stream (deckpress's packing, pdf_xref.c: without it the tagged
    PDFs grow past the 10% issue 17 allows)."""
    raw = pdf.raw
    problems = []
    if not re.search(rb"%%EOF(\r\n|\r|\n)?\Z", raw):
        problems.append("data after the last %%EOF")
    if "/Prev" in pdf.trailer:
        problems.append("more than one revision (/Prev)")
    xref = subprocess.run(["qpdf", "--show-xref", path], capture_output=True, text=True).stdout
    loose = []
    for m in re.finditer(r"^(\d+)/(\d+): uncompressed; offset = (\d+)$", xref, re.M):
        ref = "%s %s R" % (m.group(1), m.group(2))
        o = pdf.objs.get("obj:" + ref)
        if o is None or "stream" not in o:
            loose.append(ref)
            continue
        length = pdf.get(o["stream"]["dict"].get("/Length"))
        at = int(m.group(3))
        head = re.compile(rb"\d+ \d+ obj").match(raw, at)
        kw = raw.find(b"stream", at)
        eol = re.compile(rb"stream(\r\n|\n)").match(raw, kw) if head and kw >= 0 else None
        if not eol or not isinstance(length, int):
            problems.append("%s: no \"stream\" + EOL or no /Length" % ref)
            continue
        end = eol.end() + length
        if not re.compile(rb"(\r\n|\r|\n)endstream").match(raw, end):
            problems.append("%s: /Length %d is not its data's bytes" % (ref, length))
    out(not problems, name + "/a/file-structure", "; ".join(problems[:3]))
    sx = re.findall(rb"startxref\s+(\d+)\s+%%EOF", raw[-64:])
    xs = int(sx[-1]) if sx else -1
    is_xref_stream = bool(re.compile(rb"\d+ 0 obj\s*<<\s*/Type\s*/XRef").match(raw, xs)) if xs >= 0 else False
    compressed = len(re.findall(r": compressed; stream", xref))
    detail = []
    if not is_xref_stream:
        detail.append("no cross-reference stream at startxref")
    if loose:
        detail.append("%d objects that are not streams outside object streams (%s)" % (len(loose), ", ".join(loose[:3])))
    if not compressed:
        detail.append("no object streams")
    out(not detail, name + "/file/object-streams", "; ".join(detail))


def check_colour_and_fonts(name, pdf, cat, pgs):
    # what colour spaces are used: rg/RG in content, image /ColorSpace
    uses_rgb = uses_cmyk = False
    for _, pg in pgs:
        ops = {op for op, _ in operations(page_contents(pdf, pg))}
        uses_rgb |= bool(ops & {"rg", "RG"})
        uses_cmyk |= bool(ops & {"k", "K"})
    problems_a = []
    fonts_bad = []
    long_strings = []
    for key, o in pdf.objs.items():
        if not key.startswith("obj:"):
            continue
        d = o["stream"]["dict"] if "stream" in o else o.get("value")
        if not isinstance(d, dict):
            continue
        if "stream" in o:
            filt = d.get("/Filter")
            filters = filt if isinstance(filt, list) else [filt] if filt else []
            if "/LZWDecode" in filters:
                problems_a.append("an LZW stream")
            if "/F" in d:
                problems_a.append("an external stream")
            if d.get("/Subtype") == "/Image":
                cs = d.get("/ColorSpace")
                if cs == "/DeviceRGB":
                    uses_rgb = True
                if cs == "/DeviceCMYK":
                    uses_cmyk = True
                if d.get("/Interpolate") is True or "/Alternates" in d or "/OPI" in d:
                    problems_a.append("an image with /Interpolate, /Alternates or /OPI")
        if d.get("/Type") == "/Font":
            st = d.get("/Subtype")
            if st == "/Type0":
                if "/ToUnicode" not in d:
                    fonts_bad.append("%s without /ToUnicode (10-001)" % key)
                for df in d.get("/DescendantFonts", []):
                    dd = pdf.get(df)
                    fd = pdf.get(dd.get("/FontDescriptor")) or {}
                    if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                        fonts_bad.append("%s not embedded" % key)
                    if dd.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in dd:
                        fonts_bad.append("%s without /CIDToGIDMap" % key)
            elif st not in ("/CIDFontType2", "/CIDFontType0"):
                fonts_bad.append("%s is a %s font (deckpress writes Type0 only)" % (key, st))
        for k, v in d.items():
            if len(k) > 128:
                problems_a.append("a name longer than 127 bytes")
            if isinstance(v, str) and v.startswith(("u:", "b:")):
                n = len(v[2:].encode("utf-16-be")) + 2 if v.startswith("u:") else len(v[2:]) // 2
                if n > 32767:
                    long_strings.append(k)
    if long_strings:
        problems_a.append("strings over 32,767 bytes in %s" % sorted(set(long_strings))[:3])
    out(not problems_a, name + "/a/objects", "; ".join(sorted(set(problems_a))[:4]))
    out(not fonts_bad, name + "/ua/fonts", "; ".join(fonts_bad[:4]))
    intents = cat.get("/OutputIntents") or []
    intents = [pdf.get(i) for i in (pdf.get(intents) or [])]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    problems = []
    profiles = {i.get("/DestOutputProfile") for i in pdfa}
    if len(profiles) > 1:
        problems.append("%d different output profiles" % len(profiles))
    n = None
    for i in pdfa:
        ref = i.get("/DestOutputProfile")
        if not ref or not pdf.is_stream(ref):
            problems.append("an output intent without an embedded profile")
            continue
        n = pdf.get(ref).get("/N")
        icc = pdf.stream(ref)
        if len(icc) < 128 or icc[36:40] != b"acsp":
            problems.append("the output profile is not an ICC profile")
        elif icc[16:20] != {1: b"GRAY", 3: b"RGB ", 4: b"CMYK"}.get(n, b"?"):
            problems.append("/N %s but the profile's space is %r" % (n, icc[16:20]))
    if uses_rgb and n != 3:
        problems.append("DeviceRGB used without an RGB output intent")
    if uses_cmyk and n != 4:
        problems.append("DeviceCMYK used without a CMYK output intent")
    out(not problems, name + "/a/output-intent", "; ".join(problems))
    js = [k for k, o in pdf.objs.items() if isinstance(o, dict) and isinstance(o.get("value"), dict)
          and (o["value"].get("/S") == "/JavaScript" or "/JS" in o["value"])]
    extra = ["/AA in the catalog"] if "/AA" in cat else []
    out(not js and not extra, name + "/a/no-javascript", "JavaScript in %s %s" % (js[:3], extra))


# ---------------------------------------------------------------- structure text vs deck
def mcid_texts(pdf, pgs):
    """Text of every (page, MCID), from poppler: pdftotext cannot, so parse
    the fonts' ToUnicode maps and the content streams."""
    res = {}
    for ref, pg in pgs:
        fonts = (pdf.get(pdf.get(pg.get("/Resources") or {}).get("/Font")) or {})
        maps = {}
        for fname, fref in fonts.items():
            f = pdf.get(fref)
            tu = f.get("/ToUnicode")
            m = {}
            if tu:
                cmap = pdf.stream(tu).decode("latin-1")
                for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                    for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                        m[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
            maps[fname] = m
        ops = operations(page_contents(pdf, pg))
        font, stack = None, []
        for op, args in ops:
            if op == "Tf":
                font = args[0]
            elif op in ("BMC", "BDC"):
                props = args[1] if op == "BDC" and len(args) > 1 else None
                stack.append(int(props["/MCID"]) if isinstance(props, dict) and "/MCID" in props else None)
            elif op == "EMC":
                stack.pop()
            elif op in ("Tj", "TJ"):
                mc = next((m for m in reversed(stack) if m is not None), None)
                if mc is None:
                    continue
                strs = [a for a in (args[0] if op == "TJ" else args[-1:]) if isinstance(a, bytes)]
                m = maps.get(font, {})
                t = "".join(m.get(s[i] << 8 | s[i + 1], "") for s in strs for i in range(0, len(s) - 1, 2))
                res[(ref, mc)] = res.get((ref, mc), "") + t
    return res


def struct_pieces(pdf, cat, pgs):
    """(type, text) of every element holding content, in tree order, with TOC
    subtrees and the heading right before a TOC left out, and Lbl dropped."""
    texts = mcid_texts(pdf, pgs)
    root = pdf.get(cat["/StructTreeRoot"])
    pieces = []

    def content(ref, e):
        t, pg = "", e.get("/Pg")
        for k in elem_kids(e):
            if isinstance(k, (int, float)):
                t += texts.get((pg, int(k)), "")
            else:
                d = pdf.get(k) if isinstance(k, str) and k.endswith(" R") else k
                if isinstance(d, dict) and d.get("/Type") == "/MCR":
                    t += texts.get((d.get("/Pg", pg), int(d["/MCID"])), "")
        return t

    def is_elem(k):
        return isinstance(k, str) and k.endswith(" R") and pdf.get(k).get("/Type") not in ("/MCR", "/OBJR")

    def walk(ref):
        """Kids in order: marked content as text, elements recursively."""
        e = pdf.get(ref)
        s = e.get("/S", "")[1:]
        if s in ("TOC", "Lbl"):
            return
        kids = elem_kids(e)
        elems = [k for k in kids if is_elem(k)]
        for k in kids:
            if is_elem(k):
                i = elems.index(k)
                nxt = pdf.get(elems[i + 1]).get("/S") if i + 1 < len(elems) else None
                if re.fullmatch(r"/H[1-6]", pdf.get(k).get("/S", "")) and nxt == "/TOC":
                    continue
                walk(k)
            else:
                t = content(ref, {"/K": [k], "/Pg": e.get("/Pg")})
                if t:
                    pieces.append((s, t))
    for k in elem_kids(root):
        walk(k)
    return pieces


def norm(s):
    """Text to compare: NFKC, no white space, no marks that Markdown may eat
    or keep (emphasis, code, table pipes, quote and heading marks)."""
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(c for c in s if not c.isspace() and c not in "*`•·_~|#>")


def plain(s):
    """Markdown as the reader sees it: fences, quote and heading marks, list
    markers (the tree's Lbl), table rules, link targets and escapes removed."""
    out, fence = [], False
    for line in (s or "").split("\n"):
        if re.match(r"\s*(```|~~~)", line):
            fence = not fence
            continue
        if fence:
            out.append(line)
            continue
        if "|" in line and re.fullmatch(r"[\s|:\-]+", line):
            continue
        line = re.sub(r"^\s*(>\s*)+", "", line)
        line = re.sub(r"^\s*#{1,6}\s+", "", line)
        line = re.sub(r"^\s*([-+*]|\d+[.)])\s+", "", line)
        out.append(line)
    s = "\n".join(out)
    s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"<(https?://[^>]+)>", r"\1", s)
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", s)  # CommonMark escapes ASCII punctuation only


def urls_of(deck):
    """Link targets written in the deck: paper prints them after the text."""
    return set(re.findall(r"\]\(([^)\s]+)\)", json.dumps(deck, ensure_ascii=False, default=str)))


def check_deck_text(name, pdf, cat, pgs, deck_path):
    import yaml
    deck = yaml.safe_load(open(deck_path, encoding="utf-8"))
    s = lambda v: "" if v is None else str(v)
    pieces = struct_pieces(pdf, cat, pgs)
    # front: H1 title, P subtitle, then facts
    problems = []
    i = 0
    if not pieces or pieces[0][0] != "H1" or norm(pieces[0][1]) != norm(s(deck.get("title"))):
        problems.append("the structure does not start with the title as H1: %r" % (pieces[:1],))
    i = 1
    if deck.get("subtitle") and i < len(pieces) and norm(pieces[i][1]) == norm(s(deck["subtitle"])):
        i += 1
    facts = [norm(s(deck.get(k))) for k in ("event", "venue")] + [norm(s(o)) for o in deck.get("organizers") or []]
    facts.append(norm("、".join(s(o) for o in deck.get("organizers") or [])))
    date = s(deck.get("date"))
    while i < len(pieces) and pieces[i][0] == "P":
        t = norm(pieces[i][1])
        m = re.match(r"(\d{4})-(\d\d)-(\d\d)", date)
        if m:
            y, mo, d = m.groups()
            month = ["January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"][int(mo) - 1]
            t = re.sub(r"%s[.\-年/]0?%d[.\-月/]0?%d日?|(%s|%s)\.?0?%d,?%s|0?%d(%s|%s)\.?,?%s"
                       % (y, int(mo), int(d), month, month[:3], int(d), y, int(d), month, month[:3], y), "", t)
        for f in sorted(facts, key=len, reverse=True):
            if f:
                t = t.replace(f, "")
        if any(unicodedata.category(c)[0] not in "PZS" for c in t):
            break  # not a fact (separators aside): the body starts here
        i += 1
    # the rest, concatenated, against the deck in order
    exp = []
    intro = deck.get("intro")
    if intro:
        exp.append(s(intro.get("title")) or None)  # None: the language's default heading
        exp.append(plain(s(intro.get("body"))))
    for sec in deck.get("sections") or []:
        exp.append(s(sec.get("title")))
        exp.append(s(sec.get("subtitle")))
        for it in sec.get("items") or []:
            exp += [s(it.get("title")), s(it.get("question")), plain(s(it.get("answer"))),
                    plain(s(it.get("analysis")))]
    cl = deck.get("closing")
    if cl:
        exp += [s(cl.get("title")) or None, plain(s(cl.get("body"))), s(cl.get("qr_label"))]
        url = s(cl.get("qr"))
        exp.append(url.split("://", 1)[1] if "://" in url else url)
    want = norm("".join(e for e in exp if e))
    got = norm("".join(t for _, t in pieces[i:]))
    for u in sorted(urls_of(deck), key=len, reverse=True):  # "text (URL)" on paper
        got = got.replace(norm("(%s)" % u), "")
    pattern = "".join(re.escape(norm(e)) if e is not None else ".+?" for e in exp)
    if not re.fullmatch(pattern, got, re.S):
        k = next((j for j in range(min(len(want), len(got))) if want[j] != got[j]), min(len(want), len(got)))
        problems.append("differs at character %d: deck …%s… / structure …%s…"
                        % (k, want[max(0, k - 20):k + 30], got[max(0, k - 20):k + 30]))
    out(not problems, name + "/text/deck-order", "; ".join(problems))


def check_pdfinfo(name, path, deck_path):
    """pdfinfo -struct-text (poppler) prints every question, answer and
    analysis of the deck, in deck order."""
    import yaml
    deck = yaml.safe_load(open(deck_path, encoding="utf-8"))
    r = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True)
    texts, under = [], None
    for l in r.stdout.decode("utf-8", "replace").splitlines():
        m = re.match(r'\s*"(.*)"$', l)
        if m:
            if under != "Lbl":  # list markers are not the deck's text
                texts.append(m.group(1))
        elif l.strip():
            under = l.split()[0]
    tree = norm("".join(texts))
    for u in sorted(urls_of(deck), key=len, reverse=True):
        tree = tree.replace(norm("(%s)" % u), "")
    at, missing = 0, []
    for sec in deck.get("sections") or []:
        for it in sec.get("items") or []:
            for key in ("question", "answer", "analysis"):
                want = norm(plain(str(it.get(key) or "")))
                if not want:
                    continue
                k = tree.find(want, at)
                if k < 0:
                    missing.append("%s %r" % (key, str(it.get(key))[:30]))
                else:
                    at = k + len(want)
    ok = r.returncode == 0 and not missing and bool(tree)
    out(ok, name + "/pdfinfo-struct-text", "status %d; not found in order: %s"
        % (r.returncode, "; ".join(missing[:3])))


def main():
    name, path = sys.argv[1], sys.argv[2]
    deck = sys.argv[sys.argv.index("--deck") + 1] if "--deck" in sys.argv else None
    pdf = Pdf(path)
    cat = pdf.get(pdf.trailer["/Root"])
    pgs = pages(pdf)
    check_header_trailer(name, pdf)
    check_file_structure(name, pdf, path)
    mcids = check_content(name, pdf, pgs, None)
    elems, objrs = check_structure(name, pdf, cat, pgs, mcids)
    check_annotations(name, pdf, pgs, objrs or {}, elems or [])
    check_metadata(name, pdf, cat)
    check_lang(name, pdf, cat)
    check_colour_and_fonts(name, pdf, cat, pgs)
    if deck and elems:
        check_deck_text(name, pdf, cat, pgs, deck)
    if deck:
        check_pdfinfo(name, path, deck)


if __name__ == "__main__":
    main()
