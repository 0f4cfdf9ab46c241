#!/usr/bin/env python3
"""Checks for tests/e2e/images.sh. Prints "PASS name" / "FAIL name: detail"
lines (and "# " notes); exits 0 unless the checker itself broke.

    imagecheck.py deck DIR
        DIR/img holds mkimages.py's files and DIR/img/LIST its listing:
        writes DIR/images.yaml (intro, closing and one Q&A item per good
        image) and DIR/expect.txt (deck line -> image).
    imagecheck.py slides DIR PDF DUMP
        each image is in the PDF once per file (pdfimages -list: size,
        colour, JPEG kept as JPEG, an SMask exactly where there is
        transparency), placed with its aspect kept inside the slide, and the
        rendered colour at its centre (or each quadrant's centre) is right
        (pdftoppm -r 30, alpha blended over the slide's background).
    imagecheck.py reuse PDF N [NAME]
        the handout PDF holds each of the N images as one object, however
        many sheets show it.
"""
import os
import re
import subprocess
import sys

BAD = []


def ok(name):
    print("PASS " + name)


def bad(name, detail):
    print("FAIL %s: %s" % (name, " ".join(str(detail).split())[:300]))


def listing(d):
    out = {}
    for line in open(os.path.join(d, "img", "LIST")):
        name, w, h, cols = line.split()
        out[name] = (int(w), int(h), [tuple(int(v) for v in c.split(",")) for c in cols.split(";")])
    return out


# ---------------------------------------------------------------- deck
GOOD = ["rgb.png", "interlaced.png", "rgba.png", "gray.png", "ga.png", "palette.png", "palette-trns.png",
        "rgb16.png", "ga16.png", "photo.jpg", "progressive.jpg", "grayjpeg.jpg", "cmyk.jpg", "rotated.jpg"]


def make_deck(d):
    lines = ["title: 图片测试", "event: 图片测试", "intro:", "  title: 引言",
             "  body: 这一页的图片在引言文字下方。", "  image: ./img/../img/rgb.png"]  # same file, other path
    expect = [(len(lines), "rgb.png")]
    lines += ["sections:", "  - title: 每一种图片", "    items:"]
    for i, name in enumerate(GOOD):
        lines += ["      - title: %s" % name,
                  "        question: 第 %d 张图片显示正确吗？" % (i + 1),
                  "        answer: 图片在右侧，按比例缩放，和答案顶端对齐。",
                  "        image: img/%s" % name]
        expect.append((len(lines), name))
    lines += ["closing:", "  title: 结语", "  body: 谢谢。", "  image: img/photo.jpg"]
    expect.append((len(lines), "photo.jpg"))
    with open(os.path.join(d, "images.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(d, "expect.txt"), "w") as f:
        for line, name in expect:
            f.write("%d %s\n" % (line, name))


# ---------------------------------------------------------------- parsing
def parse_dump(path):
    """[(page, bg, [(x, y, w, h, id, line)])] from a --dump."""
    pages = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"page (\d+) ([\d.]+)x([\d.]+)", line)
        if m:
            pages.append({"no": int(m.group(1)), "w": float(m.group(2)), "h": float(m.group(3)),
                          "bg": None, "images": []})
            continue
        if not pages:
            continue
        m = re.match(r"  rect 0\.00,0\.00 \S+ fill=#([0-9a-f]{6})", line)
        if m and pages[-1]["bg"] is None:
            pages[-1]["bg"] = tuple(int(m.group(1)[i:i + 2], 16) for i in (0, 2, 4))
        m = re.match(r"  image ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+) image=(\d+) @\S+:(\d+):\d+", line)
        if m:
            x, y, w, h = (float(m.group(i)) for i in range(1, 5))
            pages[-1]["images"].append((x, y, w, h, int(m.group(5)), int(m.group(6))))
    return pages


def pdfimages(pdf):
    out = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        f = line.split()
        if len(f) >= 12:
            rows.append({"page": int(f[0]), "type": f[2], "w": int(f[3]), "h": int(f[4]), "color": f[5],
                         "bpc": int(f[7]), "enc": f[8], "obj": int(f[10])})
    return rows


def render(pdf, page, dpi, base):
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", pdf, base],
                   check=True)
    data = open(base + ".ppm", "rb").read()
    # P6 header: magic, width, height, maxval, each followed by whitespace
    parts = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(parts.group(1)), int(parts.group(2))
    return w, h, data[parts.end():]


def pixel(img, x, y):
    w, h, px = img
    x, y = min(max(int(x), 0), w - 1), min(max(int(y), 0), h - 1)
    i = (y * w + x) * 3
    return tuple(px[i:i + 3])


# ---------------------------------------------------------------- checks
def check_slides(d, pdf, dump):
    info = listing(d)
    expect = {}
    for line in open(os.path.join(d, "expect.txt")):
        ln, name = line.split()
        expect[int(ln)] = name
    pages = parse_dump(dump)
    rows = pdfimages(pdf)
    placed = {}
    for pg in pages:
        for op in pg["images"]:
            placed.setdefault(expect.get(op[5], "?"), []).append((pg, op))
    for name in sorted(set(expect.values())):
        t = "images/" + name
        if name not in placed:
            bad(t, "no image op from its deck line in the dump")
            continue
        w_px, h_px, colors = info[name]
        stored = (h_px, w_px) if name == "rotated.jpg" else (w_px, h_px)
        problems = []
        ids = set()
        for pg, (x, y, w, h, img_id, line) in placed[name]:
            ids.add(img_id)
            if abs(w / h - w_px / h_px) > 0.01 * (w_px / h_px):
                problems.append("page %d: placed %.1fx%.1f, aspect %.3f, image %.3f" %
                                (pg["no"], w, h, w / h, w_px / h_px))
            if x < 0 or y < 0 or x + w > pg["w"] + 0.01 or y + h > pg["h"] - 40:
                problems.append("page %d: %.1f,%.1f %.1fx%.1f leaves the slide's live area" %
                                (pg["no"], x, y, w, h))
            # large enough to see: 100 pt, or as large as 96 dpi allows (a
            # small image is never enlarged until its pixels show)
            min_w, min_h = min(100, 0.75 * stored[0]) - 0.5, min(100, 0.75 * stored[1]) - 0.5
            if w < min_w and h < min_h:
                problems.append("page %d: drawn only %.0fx%.0f pt" % (pg["no"], w, h))
            if w > 0.75 * max(w_px, h_px) + 0.5 or h > 0.75 * max(w_px, h_px) + 0.5:
                problems.append("page %d: drawn %.0fx%.0f pt, under 96 dpi" % (pg["no"], w, h))
        if len(ids) != 1:
            problems.append("one file has image ids %s" % sorted(ids))
        # pdfimages: the stored size, colour, encoding and smask
        pg0 = placed[name][0][0]["no"]
        here = [r for r in rows if r["page"] == pg0]
        main = [r for r in here if r["type"] == "image"]
        masks = [r for r in here if r["type"] == "smask"]
        want_color = "gray" if name.startswith(("gray", "ga")) else "cmyk" if name == "cmyk.jpg" else "rgb"
        want_enc = "jpeg" if name.endswith(".jpg") else "image"
        want_mask = len(colors[0]) == 4 and colors[0][3] < 255
        if len(main) != 1:
            problems.append("page %d has %d images in pdfimages -list" % (pg0, len(main)))
        else:
            r = main[0]
            if (r["w"], r["h"]) != stored or r["color"] != want_color or r["enc"] != want_enc or r["bpc"] != 8:
                problems.append("pdfimages: %dx%d %s %d-bit %s, want %dx%d %s 8-bit %s" %
                                (r["w"], r["h"], r["color"], r["bpc"], r["enc"], stored[0], stored[1],
                                 want_color, want_enc))
        if want_mask != (len(masks) == 1) or (masks and (masks[0]["w"], masks[0]["h"]) != stored):
            problems.append("smask: %s, want %s" % (
                ["%dx%d" % (m["w"], m["h"]) for m in masks] or "none", "one" if want_mask else "none"))
        # the colour seen on the rendered slide
        dpi = 30
        pg, (x, y, w, h, _, _) = placed[name][0]
        base = os.path.join(d, "render-%s" % name.replace(".", "-"))
        img = render(pdf, pg["no"], dpi, base)
        k = dpi / 72.0
        if len(colors) == 4:
            spots = [(x + w * fx, y + h * fy) for fy in (0.25, 0.75) for fx in (0.25, 0.75)]
        else:
            spots = [(x + w / 2, y + h / 2)]
        # JPEG: lossy; CMYK: each renderer converts to RGB its own way
        tol = 48 if name == "cmyk.jpg" else 14 if name.endswith(".jpg") else 6
        for (sx, sy), c in zip(spots, colors):
            a = c[3] / 255.0 if len(c) == 4 else 1.0
            want = tuple(round(a * c[i] + (1 - a) * pg["bg"][i]) for i in range(3))
            got = pixel(img, sx * k, sy * k)
            if max(abs(got[i] - want[i]) for i in range(3)) > tol:
                problems.append("colour at %.0f,%.0f pt: %s, want %s" % (sx, sy, got, want))
        if problems:
            bad(t, "; ".join(problems))
        else:
            ok(t)
    # one object per file, however often it is drawn (rgb.png: intro and an item)
    by_file = {}
    for name, uses in placed.items():
        for pg, op in uses:
            by_file.setdefault(name, set()).update(r["obj"] for r in rows if r["page"] == pg["no"] and r["type"] == "image")
    shared = [n for n, objs in by_file.items() if len(objs) != 1]
    if shared:
        bad("images/one-object-per-file", "files drawn as several objects: %s" % shared)
    else:
        ok("images/one-object-per-file")


def check_reuse(pdf, n, name="nup-reuse"):
    rows = pdfimages(pdf)
    objs = {r["obj"] for r in rows if r["type"] == "image"}
    shown = len([r for r in rows if r["type"] == "image"])
    if len(objs) != n:
        bad("images/" + name, "%d image objects for %d files (%d placements)" % (len(objs), n, shown))
    elif shown < n:
        bad("images/" + name, "only %d placements of %d images" % (shown, n))
    else:
        ok("images/" + name)
        print("# %s: %d image objects drawn %d times" % (name, len(objs), shown))


def main():
    cmd = sys.argv[1]
    if cmd == "deck":
        make_deck(sys.argv[2])
    elif cmd == "slides":
        check_slides(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "reuse":
        check_reuse(sys.argv[2], int(sys.argv[3]), *sys.argv[4:5])
    else:
        sys.exit("unknown command " + cmd)


main()
