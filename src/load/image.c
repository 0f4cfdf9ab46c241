/* image.c: images of a deck (see image.h). Order of the checks, cheapest
 * first, so a bad file costs nothing: the path (resolved with realpath,
 * inside the deck's folder), the file (a regular file, not huge), its kind
 * by magic bytes, its size in pixels from the header, and only then the
 * full decode (PNG) or marker walk (JPEG). libharu never sees a file that
 * did not pass: a failed image load can leave its document unusable
 * (STACK.md). */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <png.h>

#include "read_file.h"

typedef struct {
    const char *given;  /* the deck's text */
    int id;
} alias;

struct dp_images {
    dp_arena *a;
    dp_image *items;
    const char **reals; /* realpath of each item, for "same file, same id" */
    int n, cap;
    alias *aliases;
    int n_aliases, cap_aliases;
};

dp_images *dp_images_new(dp_arena *a)
{
    dp_images *im = dp_arena_alloc(a, sizeof *im);
    im->a = a;
    return im;
}

int dp_images_count(const dp_images *im) { return im ? im->n : 0; }

const dp_image *dp_images_get(const dp_images *im, int id)
{
    return im && id >= 0 && id < im->n ? &im->items[id] : NULL;
}

const dp_image *dp_images_find(const dp_images *im, const dp_text *path)
{
    if (!im || !path || !path->s)
        return NULL;
    for (int i = 0; i < im->n_aliases; i++)
        if (strcmp(im->aliases[i].given, path->s) == 0)
            return &im->items[im->aliases[i].id];
    return NULL;
}

void dp_image_shown_px(const dp_image *img, int *w, int *h)
{
    bool turned = img->orientation >= 5 && img->orientation <= 8;
    *w = turned ? img->h_px : img->w_px;
    *h = turned ? img->w_px : img->h_px;
}

static void add_alias(dp_images *im, const char *given, int id)
{
    if (im->n_aliases == im->cap_aliases) {
        int cap = im->cap_aliases ? 2 * im->cap_aliases : 8;
        im->aliases = dp_arena_grow(im->a, im->aliases, (size_t)im->n_aliases, (size_t)cap, sizeof *im->aliases);
        im->cap_aliases = cap;
    }
    im->aliases[im->n_aliases++] = (alias){dp_arena_strdup(im->a, given), id};
}

/* ===== Path ===== */

/* What the user wrote, joined to the deck's folder the way make sees it. */
static const char *joined(dp_arena *a, const char *deck_dir, const char *given)
{
    if (given[0] == '/' || !deck_dir || strcmp(deck_dir, ".") == 0)
        return dp_arena_strdup(a, given);
    return dp_arena_printf(a, "%s/%s", deck_dir, given);
}

static bool inside(const char *real, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(real, dir, n) == 0 && real[n] == '/';
}

/* The file's canonical path, or NULL with an error. */
static const char *resolve(dp_images *im, const char *deck_dir, const dp_text *t, const char *path,
                           bool allow_outside, dp_diags *d)
{
    char buf[PATH_MAX], dir[PATH_MAX];
    if (!realpath(path, buf)) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR) {
            dp_error_status(d, DP_EXIT_RESOURCE, t->loc, "image file not found: %s", path);
            if (strncmp(t->s, "http://", 7) == 0 || strncmp(t->s, "https://", 8) == 0)
                dp_hint(d, "images must be local files; download it next to the deck");
            else if (t->s[0] != '/')
                dp_hint(d, "image paths are relative to the deck's folder (%s)", deck_dir);
        } else {
            dp_error_status(d, DP_EXIT_IO, t->loc, "cannot open image %s: %s", path, strerror(e));
        }
        return NULL;
    }
    if (!allow_outside) {
        if (!realpath(deck_dir && *deck_dir ? deck_dir : ".", dir)) {
            dp_error_status(d, DP_EXIT_IO, t->loc, "cannot resolve the deck's folder %s: %s", deck_dir,
                            strerror(errno));
            return NULL;
        }
        if (!inside(buf, dir)) {
            dp_error(d, t->loc, "image %s is outside the deck's folder (%s)", t->s, deck_dir);
            dp_hint(d, "move it into %s, or pass --allow-outside to use images from anywhere", deck_dir);
            return NULL;
        }
    }
    return dp_arena_strdup(im->a, buf);
}

/* ===== Reading ===== */

/* The whole file in a malloc'd buffer, or NULL with an error. */
static unsigned char *slurp(const char *path, dp_loc at, size_t *len, dp_diags *d)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        dp_error_status(d, DP_EXIT_IO, at, "cannot open image %s: %s", path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(sb.st_mode)) {
        dp_error_status(d, DP_EXIT_RESOURCE, at, "image %s is %s, not an image file", path,
                        S_ISDIR(sb.st_mode) ? "a folder" : "a special file");
        return NULL;
    }
    unsigned char *buf = NULL;
    errno = EFBIG; /* known from its size, without reading it */
    if (sb.st_size <= DP_IMAGE_MAX_FILE_BYTES)
        buf = (unsigned char *)dp_read_file(path, DP_IMAGE_MAX_FILE_BYTES, len);
    if (!buf && errno == EFBIG) {
        dp_error_status(d, DP_EXIT_RESOURCE, at, "image %s is too large (%lld MB; the limit is %ld MB)",
                        path, (long long)sb.st_size / (1024 * 1024), DP_IMAGE_MAX_FILE_BYTES / (1024 * 1024));
        dp_hint(d, "scale it down: a slide needs about 2000 pixels across at most");
    } else if (!buf) {
        dp_error_status(d, DP_EXIT_IO, at, "cannot read image %s: %s", path, strerror(errno));
    }
    return buf;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

/* Pixel limits, checked from the header before any decoding. */
static bool size_ok(const char *path, dp_loc at, unsigned long w, unsigned long h, dp_diags *d)
{
    if (w == 0 || h == 0) {
        dp_error_status(d, DP_EXIT_RESOURCE, at, "image %s is damaged: its header says %lu x %lu pixels",
                        path, w, h);
        return false;
    }
    if (w > DP_IMAGE_MAX_SIDE_PX || h > DP_IMAGE_MAX_SIDE_PX || (double)w * (double)h > DP_IMAGE_MAX_PIXELS) {
        dp_error_status(d, DP_EXIT_RESOURCE, at, "image %s is %lu x %lu pixels; the limit is %d pixels "
                        "on a side and %ld megapixels", path, w, h, DP_IMAGE_MAX_SIDE_PX,
                        DP_IMAGE_MAX_PIXELS / 1000000);
        dp_hint(d, "scale it down: a slide needs about 2000 pixels across at most");
        return false;
    }
    return true;
}

/* ===== PNG ===== */

static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static bool load_png(dp_images *im, dp_image *img, const unsigned char *buf, size_t len, dp_diags *d)
{
    /* the IHDR chunk comes first: 8 signature + 4 length + "IHDR" + w + h */
    if (len < 33 || be32(buf + 8) != 13 || memcmp(buf + 12, "IHDR", 4) != 0) {
        dp_error_status(d, DP_EXIT_RESOURCE, img->loc, "image %s is damaged or truncated: "
                        "it has no PNG header", img->path);
        return false;
    }
    if (!size_ok(img->path, img->loc, be32(buf + 16), be32(buf + 20), d))
        return false;
    png_image pi;
    memset(&pi, 0, sizeof pi);
    pi.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&pi, buf, len)) {
        dp_error_status(d, DP_EXIT_RESOURCE, img->loc, "image %s is not a valid PNG (libpng: %s)",
                        img->path, pi.message);
        return false;
    }
    bool color = pi.format & PNG_FORMAT_FLAG_COLOR, has_alpha = pi.format & PNG_FORMAT_FLAG_ALPHA;
    /* 8-bit sRGB out of every variant (palette, 16-bit, gray + alpha,
     * interlaced); gray stays gray. 16-bit files without gAMA are sRGB in
     * practice, not the linear data libpng would otherwise assume. */
    pi.format = (color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY) | (has_alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
    pi.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    size_t n = PNG_IMAGE_SIZE(pi), px = (size_t)pi.width * pi.height;
    int ch = color ? 3 : 1;
    unsigned char *out = has_alpha ? malloc(n) : dp_arena_alloc(im->a, n);
    if (!out) {
        png_image_free(&pi);
        dp_error_status(d, DP_EXIT_IO, img->loc, "out of memory decoding image %s", img->path);
        return false;
    }
    if (!png_image_finish_read(&pi, NULL, out, 0, NULL)) {
        dp_error_status(d, DP_EXIT_RESOURCE, img->loc, "image %s is damaged or truncated (libpng: %s)",
                        img->path, pi.message);
        if (has_alpha)
            free(out);
        return false;
    }
    img->w_px = (int)pi.width, img->h_px = (int)pi.height, img->channels = ch;
    img->pixels = out;
    if (has_alpha) { /* libpng interleaves; PDF wants colour and an SMask apart */
        unsigned char *pix = dp_arena_alloc(im->a, px * (size_t)ch), *alpha = dp_arena_alloc(im->a, px);
        bool opaque = true;
        for (size_t i = 0; i < px; i++) {
            memcpy(pix + i * (size_t)ch, out + i * (size_t)(ch + 1), (size_t)ch);
            alpha[i] = out[i * (size_t)(ch + 1) + (size_t)ch];
            opaque &= alpha[i] == 255;
        }
        free(out);
        img->pixels = pix;
        img->alpha = opaque ? NULL : alpha;
    }
    return true;
}

/* ===== JPEG ===== */

/* Exif orientation (tag 0x0112 in IFD0) from an APP1 segment's payload. */
static int exif_orientation(const unsigned char *p, size_t n)
{
    if (n < 14 || memcmp(p, "Exif\0\0", 6) != 0)
        return 1;
    p += 6, n -= 6;
    bool le = p[0] == 'I' && p[1] == 'I';
    if (!le && !(p[0] == 'M' && p[1] == 'M'))
        return 1;
#define U16(q) (le ? (unsigned)(q)[0] | (unsigned)(q)[1] << 8 : be16(q))
#define U32(q) (le ? (uint32_t)(q)[0] | (uint32_t)(q)[1] << 8 | (uint32_t)(q)[2] << 16 | (uint32_t)(q)[3] << 24 : be32(q))
    uint32_t ifd = U32(p + 4);
    if (ifd > n - 2)
        return 1;
    unsigned count = U16(p + ifd);
    for (unsigned i = 0; i < count; i++) {
        size_t e = ifd + 2 + (size_t)i * 12;
        if (e + 12 > n)
            break;
        if (U16(p + e) == 0x0112 && U16(p + e + 2) == 3) {
            unsigned v = U16(p + e + 8);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
#undef U16
#undef U32
    return 1;
}

/* Walk the markers the way libharu reads them (every marker before the
 * frame header is a segment with a length), then through the scans to the
 * end-of-image marker: a file cut short never reaches it. */
static bool load_jpeg(dp_image *img, const unsigned char *b, size_t n, dp_diags *d)
{
    const char *why = NULL;
    bool truncated = false, frame = false, scan = false;
    size_t pos = 2;
    int orientation = 1;
    for (;;) {
        if (pos + 2 > n) {
            truncated = true;
            break;
        }
        if (b[pos] != 0xFF) {
            why = "a marker is missing where one must be";
            break;
        }
        unsigned m = b[pos + 1];
        if (m == 0xFF && frame) { /* fill byte */
            pos++;
            continue;
        }
        pos += 2;
        if (m == 0xD9) {
            if (!frame || !scan)
                why = "it ends before any image data";
            break;
        }
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            if (!frame)
                why = "a marker libharu cannot read comes before the frame header";
            if (why)
                break;
            continue;
        }
        if (m == 0xD8 || m == 0xFF || m == 0x00) {
            why = "its markers are out of order";
            break;
        }
        if (pos + 2 > n) {
            truncated = true;
            break;
        }
        size_t seg = be16(b + pos);
        if (seg < 2) {
            why = "a segment has an impossible length";
            break;
        }
        if (pos + seg > n) {
            truncated = true;
            break;
        }
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (frame) {
                why = "it has two frame headers";
                break;
            }
            if (m != 0xC0 && m != 0xC1 && m != 0xC2) {
                dp_error_status(d, DP_EXIT_RESOURCE, img->loc, "image %s is a %s JPEG, which PDF "
                                "viewers cannot show", img->path,
                                m == 0xC3 || m == 0xC7 || m == 0xCB || m == 0xCF ? "lossless"
                                : m >= 0xC9 ? "arithmetic-coded" : "hierarchical");
                dp_hint(d, "save it again as a baseline or progressive JPEG, or as PNG");
                return false;
            }
            if (seg < 8) {
                why = "its frame header is too short";
                break;
            }
            unsigned bits = b[pos + 2], comps = b[pos + 7];
            if (!size_ok(img->path, img->loc, be16(b + pos + 5), be16(b + pos + 3), d))
                return false;
            if (bits != 8 || (comps != 1 && comps != 3 && comps != 4)) {
                dp_error_status(d, DP_EXIT_RESOURCE, img->loc, "image %s is a JPEG with %u-bit "
                                "samples and %u colour components; PDF needs 8-bit gray, RGB or CMYK",
                                img->path, bits, comps);
                dp_hint(d, "save it again as an ordinary 8-bit JPEG, or as PNG");
                return false;
            }
            img->w_px = (int)be16(b + pos + 5), img->h_px = (int)be16(b + pos + 3);
            img->channels = (int)comps;
            frame = true;
        } else if (m == 0xE1 && !frame && orientation == 1) {
            orientation = exif_orientation(b + pos + 2, seg - 2);
        } else if (m == 0xDA && !frame) {
            why = "image data comes before the frame header";
            break;
        }
        pos += seg;
        if (m == 0xDA) { /* entropy-coded data runs to the next real marker */
            scan = true;
            while (pos + 1 < n && !(b[pos] == 0xFF && b[pos + 1] != 0 && b[pos + 1] != 0xFF &&
                                    !(b[pos + 1] >= 0xD0 && b[pos + 1] <= 0xD7)))
                pos++;
        }
    }
    if (truncated) {
        dp_error_status(d, DP_EXIT_RESOURCE, img->loc, "image %s is truncated: the JPEG ends before "
                        "its end-of-image marker", img->path);
        return false;
    }
    if (why) {
        dp_error_status(d, DP_EXIT_RESOURCE, img->loc, "image %s is a damaged JPEG: %s", img->path, why);
        return false;
    }
    img->orientation = orientation;
    return true;
}

/* ===== The table ===== */

int dp_images_add(dp_images *im, const char *deck_dir, const dp_text *t, bool allow_outside,
                  dp_diags *d)
{
    if (!t->s)
        return -1;
    const dp_image *known = dp_images_find(im, t);
    if (known)
        return known->id;
    if (!*t->s) {
        dp_error(d, t->loc, "image: is empty; give a PNG or JPEG file relative to the deck");
        return -1;
    }
    const char *path = joined(im->a, deck_dir, t->s);
    const char *real = resolve(im, deck_dir, t, path, allow_outside, d);
    if (!real)
        return -1;
    for (int i = 0; i < im->n; i++)
        if (strcmp(im->reals[i], real) == 0) {
            add_alias(im, t->s, i);
            return i;
        }
    size_t len = 0;
    unsigned char *buf = slurp(path, t->loc, &len, d);
    if (!buf)
        return -1;
    dp_image img = {.id = im->n, .path = path, .loc = t->loc, .orientation = 1};
    bool ok;
    if (len >= 8 && memcmp(buf, png_magic, 8) == 0) {
        img.kind = DP_IMAGE_PNG;
        ok = load_png(im, &img, buf, len, d);
    } else if (len >= 3 && buf[0] == 0xFF && buf[1] == 0xD8 && buf[2] == 0xFF) {
        img.kind = DP_IMAGE_JPEG;
        ok = load_jpeg(&img, buf, len, d);
        if (ok) { /* libharu copies it into the PDF as is */
            unsigned char *copy = dp_arena_alloc(im->a, len);
            memcpy(copy, buf, len);
            img.data = copy, img.len = len;
        }
    } else {
        dp_error_status(d, DP_EXIT_RESOURCE, t->loc, "image %s is not a PNG or JPEG file", path);
        dp_hint(d, "convert it to PNG (drawings, screenshots) or JPEG (photos)");
        ok = false;
    }
    free(buf);
    if (!ok)
        return -1;
    if (im->n == im->cap) {
        int cap = im->cap ? 2 * im->cap : 8;
        im->items = dp_arena_grow(im->a, im->items, (size_t)im->n, (size_t)cap, sizeof *im->items);
        im->reals = dp_arena_grow(im->a, im->reals, (size_t)im->n, (size_t)cap, sizeof *im->reals);
        im->cap = cap;
    }
    im->reals[im->n] = real;
    im->items[im->n++] = img;
    add_alias(im, t->s, img.id);
    return img.id;
}

bool dp_images_load(dp_arena *a, dp_deck *deck, bool allow_outside, dp_diags *d)
{
    dp_images *im = dp_images_new(a);
    bool ok = true;
    const dp_text *blocks[2] = {&deck->intro.image, &deck->closing.image};
    for (int i = 0; i < 2; i++)
        if (blocks[i]->s && !dp_diags_full(d))
            ok &= dp_images_add(im, deck->dir, blocks[i], allow_outside, d) >= 0;
    for (int s = 0; s < deck->n_sections; s++)
        for (int i = 0; i < deck->sections[s].n_items && !dp_diags_full(d); i++) {
            const dp_text *t = &deck->sections[s].items[i].image;
            if (t->s)
                ok &= dp_images_add(im, deck->dir, t, allow_outside, d) >= 0;
        }
    deck->images = im;
    return ok;
}
