#!/usr/bin/env python3
"""Image fixtures for tests/e2e/images.sh, made at test time with the
standard library only (zlib + struct write PNGs; JPEGs come from poppler's
pdftoppm, which renders a one-page PDF written here).

    mkimages.py OUTDIR      writes the files below and prints one line per
                            image: NAME W H R,G,B[,A]  (the colour of the
                            centre pixel, or of each quadrant: TL;TR;BL;BR)

Every PNG kind libharu 2.3.0 gets wrong or right (STACK.md): 8-bit RGB,
RGBA, gray, gray + alpha, palette (with and without tRNS), 16-bit RGB and
gray + alpha, Adam7 interlaced; plus damaged files: a truncated PNG and
JPEG, a PNG whose header claims 20000 x 20000 pixels, a text file named
.png, and JPEGs: baseline RGB, progressive, gray, Adobe CMYK, and one
whose Exif says "rotate 90 degrees clockwise".
"""
import os
import struct
import subprocess
import sys
import zlib

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)


def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(name, w, h, color_type, depth, rows, plte=None, trns=None, interlace=False):
    """rows: list of h byte strings (packed samples, no filter byte)."""
    ihdr = struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, 1 if interlace else 0)
    bpp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type] * depth // 8
    raw = b""
    if not interlace:
        for r in rows:
            raw += b"\x00" + r
    else:  # Adam7: 7 passes of sub-images, each row with its filter byte
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        for x0, y0, dx, dy in passes:
            for y in range(y0, h, dy):
                line = b"".join(rows[y][x * bpp:(x + 1) * bpp] for x in range(x0, w, dx))
                if line:
                    raw += b"\x00" + line
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    if plte:
        data += chunk(b"PLTE", plte)
    if trns is not None:
        data += chunk(b"tRNS", trns)
    data += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    return data


def quadrants(w, h, colors, pack):
    """Rows of an image split in four: colors = TL, TR, BL, BR."""
    rows = []
    for y in range(h):
        top = y < h // 2
        left = pack(colors[0 if top else 2])
        right = pack(colors[1 if top else 3])
        rows.append(left * (w // 2) + right * (w - w // 2))
    return rows


def solid(w, h, px):
    return [px * w for _ in range(h)]


def report(name, w, h, *colors):
    print(name, w, h, ";".join(",".join(str(v) for v in c) for c in colors))


Q = [(220, 50, 40), (40, 140, 220), (250, 200, 40), (40, 170, 90)]  # red, blue, yellow, green

# 8-bit RGB, landscape 3:2, quadrants (catches flips and turns)
png("rgb.png", 240, 160, 2, 8, quadrants(240, 160, Q, bytes))
report("rgb.png", 240, 160, *Q)
# Adam7 interlaced, same picture
png("interlaced.png", 240, 160, 2, 8, quadrants(240, 160, Q, bytes), interlace=True)
report("interlaced.png", 240, 160, *Q)
# RGBA: half-transparent red
png("rgba.png", 160, 160, 6, 8, solid(160, 160, bytes((200, 30, 30, 128))))
report("rgba.png", 160, 160, (200, 30, 30, 128))
# gray, portrait
png("gray.png", 120, 180, 0, 8, solid(120, 180, bytes((96,))))
report("gray.png", 120, 180, (96, 96, 96))
# gray + alpha: dark gray at a quarter opacity
png("ga.png", 140, 100, 4, 8, solid(140, 100, bytes((40, 64))))
report("ga.png", 140, 100, (40, 40, 40, 64))
# palette, opaque
png("palette.png", 200, 100, 3, 8, solid(200, 100, bytes((1,))), plte=bytes((0, 0, 0, 30, 160, 90)))
report("palette.png", 200, 100, (30, 160, 90))
# palette with tRNS: index 1 at alpha 128
png("palette-trns.png", 100, 100, 3, 8, solid(100, 100, bytes((1,))), plte=bytes((0, 0, 0, 20, 60, 200)),
    trns=bytes((255, 128)))
report("palette-trns.png", 100, 100, (20, 60, 200, 128))
# 16-bit RGB: 0x8080 0x4040 0xC0C0 is 128 64 192 in 8 bits
png("rgb16.png", 180, 120, 2, 16, solid(180, 120, struct.pack(">HHH", 0x8080, 0x4040, 0xC0C0)))
report("rgb16.png", 180, 120, (128, 64, 192))
# 16-bit gray + alpha: 0x5050 at 0xFFFF (opaque: no SMask needed)
png("ga16.png", 100, 100, 4, 16, solid(100, 100, struct.pack(">HH", 0x5050, 0xFFFF)))
report("ga16.png", 100, 100, (80, 80, 80))

# damaged files
good = open(os.path.join(OUT, "rgb.png"), "rb").read()
with open(os.path.join(OUT, "truncated.png"), "wb") as f:
    f.write(good[:len(good) // 2])
with open(os.path.join(OUT, "huge.png"), "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
with open(os.path.join(OUT, "text.png"), "w") as f:
    f.write("this is not a picture\n")


# JPEGs: pdftoppm renders a PDF of four coloured rectangles
def pdf_quadrants(path, w, h, colors):
    ops = []
    for i, (r, g, b) in enumerate(colors):
        x = 0 if i % 2 == 0 else w / 2
        y = h / 2 if i < 2 else 0
        ops.append("%.4f %.4f %.4f rg %g %g %g %g re f" % (r / 255, g / 255, b / 255, x, y, w / 2, h / 2))
    content = "\n".join(ops).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R >>" % (w, h)).encode(),
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def jpeg(name, w, h, colors, *opts):
    src = os.path.join(OUT, name + ".src.pdf")
    pdf_quadrants(src, w, h, colors)
    base = os.path.join(OUT, name[:-4])
    subprocess.run(["pdftoppm", "-r", "72", "-singlefile", *opts, src, base], check=True)
    os.remove(src)


jpeg("photo.jpg", 240, 160, Q, "-jpeg", "-jpegopt", "quality=95")
report("photo.jpg", 240, 160, *Q)
jpeg("progressive.jpg", 160, 240, Q, "-jpeg", "-jpegopt", "quality=95,progressive=y")
report("progressive.jpg", 160, 240, *Q)


def jpeg_blocks(name, w, h, comps, value, adobe=False):
    """A baseline JPEG of solid 8 x 8 blocks (pdftoppm writes no gray or
    Adobe CMYK files): every block is its DC coefficient alone, so the
    encoder is a few lines. value(c, bx, by) is component c's sample in
    block (bx, by); quantisation 1, so DC = 8 * (sample - 128)."""
    def seg(marker, payload):
        return b"\xff" + bytes((marker,)) + struct.pack(">H", len(payload) + 2) + payload
    dc_bits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]  # the standard luminance DC table
    codes, code, k = {}, 0, 0
    for length, count in enumerate(dc_bits, 1):
        for _ in range(count):
            codes[k] = (code, length)
            code, k = code + 1, k + 1
        code <<= 1
    out = b"\xff\xd8"
    if adobe:  # APP14 "Adobe", transform 0: CMYK stored inverted, as Photoshop writes it
        out += seg(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, 0))
    out += seg(0xDB, b"\x00" + b"\x01" * 64)
    out += seg(0xC0, struct.pack(">BHHB", 8, h, w, comps) + b"".join(bytes((c + 1, 0x11, 0)) for c in range(comps)))
    out += seg(0xC4, b"\x00" + bytes(dc_bits) + bytes(range(12)))
    out += seg(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")  # AC: end-of-block only, code 0
    out += seg(0xDA, bytes((comps,)) + b"".join(bytes((c + 1, 0)) for c in range(comps)) + b"\x00\x3f\x00")
    bits, pred = [], [0] * comps
    for by in range(h // 8):
        for bx in range(w // 8):
            for c in range(comps):
                dc = 8 * (value(c, bx, by) - 128)
                diff, pred[c] = dc - pred[c], dc
                size = abs(diff).bit_length()
                code, length = codes[size]
                bits += [(code >> i) & 1 for i in range(length - 1, -1, -1)]
                v = diff if diff >= 0 else diff + (1 << size) - 1
                bits += [(v >> i) & 1 for i in range(size - 1, -1, -1)]
                bits.append(0)  # end of block
    bits += [1] * (-len(bits) % 8)
    data = bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8))
    out += data.replace(b"\xff", b"\xff\x00") + b"\xff\xd9"
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(out)


G = [(200, 200, 200), (60, 60, 60), (60, 60, 60), (200, 200, 200)]
jpeg_blocks("grayjpeg.jpg", 160, 160, 1, lambda c, bx, by: G[(by >= 10) * 2 + (bx >= 10)][0])
report("grayjpeg.jpg", 160, 160, *G)
# CMYK, Adobe-inverted: white (no ink) on the left, black (K only) on the right
jpeg_blocks("cmyk.jpg", 160, 160, 4, lambda c, bx, by: 255 - (255 if c == 3 and bx >= 10 else 0), adobe=True)
report("cmyk.jpg", 160, 160, (255, 255, 255), (0, 0, 0), (255, 255, 255), (0, 0, 0))

# Exif orientation 6 (turn 90 degrees clockwise to show): stored 240 x 160,
# shown 160 x 240 with the stored top-left quadrant at the top right.
data = open(os.path.join(OUT, "photo.jpg"), "rb").read()
tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + \
    struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack(">I", 0)
app1 = b"Exif\x00\x00" + tiff
with open(os.path.join(OUT, "rotated.jpg"), "wb") as f:
    f.write(data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:])
report("rotated.jpg", 160, 240, Q[2], Q[0], Q[3], Q[1])
with open(os.path.join(OUT, "truncated.jpg"), "wb") as f:
    f.write(data[:len(data) * 2 // 3])
