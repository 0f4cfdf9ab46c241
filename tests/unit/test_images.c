/* test_images.c: image.c on hand-made files: the JPEG marker walk (a file
 * cut short, trailing bytes, fill bytes, restart markers, frame kinds PDF
 * cannot show, 12-bit samples, data before the frame), the Exif
 * orientation (both byte orders), PNG decoding to gray/RGB + alpha, and the
 * table: one id per file however its path is written, lookups by the deck's
 * text, refusal of paths outside the deck's folder. The full pipeline on
 * every PNG and JPEG kind: tests/e2e/images.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "image.h"

static char dir[256];
static dp_arena *arena; /* every table of the group, freed at the end */

static int setup(void **state)
{
    (void)state;
    arena = dp_arena_new(4096);
    snprintf(dir, sizeof dir, "%s/dp-images-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    dp_arena_free(arena);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *name, const void *data, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static char *printed(const dp_diags *d)
{
    static char *buf;
    static size_t len;
    buf = NULL;
    FILE *f = open_memstream(&buf, &len);
    dp_diags_print(d, f, false);
    fclose(f);
    return buf;
}

static dp_text text(const char *s) { return (dp_text){s, (int)strlen(s), {"deck.yaml", 7, 16}, NULL}; }

/* Add 'name' (relative to dir) to a fresh table; the id, and any messages in *msg. */
static int add(const char *name, bool allow_outside, char **msg, const dp_image **img)
{
    dp_images *im = dp_images_new(arena);
    dp_diags *d = dp_diags_new();
    dp_text t = text(name);
    int id = dp_images_add(im, dir, &t, allow_outside, d);
    *msg = printed(d);
    if (img)
        *img = dp_images_get(im, id);
    dp_diags_free(d);
    return id;
}

/* ===== JPEG ===== */

static const unsigned char SOI[] = {0xFF, 0xD8};
static const unsigned char SOF0[] = {0xFF, 0xC0, 0, 11, 8, 0, 8, 0, 16, 1, 1, 0x11, 0}; /* 16 x 8, gray */
static const unsigned char SOS[] = {0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0};
/* stuffed 0xFF, a restart marker, fill bytes before the end */
static const unsigned char SCAN[] = {0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0x78, 0xFF, 0xFF};
static const unsigned char EOI[] = {0xFF, 0xD9};

typedef struct { unsigned char b[512]; size_t n; } buf;
static void cat(buf *b, const unsigned char *p, size_t n)
{
    if (n)
        memcpy(b->b + b->n, p, n), b->n += n;
}
#define CAT(b, a) cat(b, a, sizeof a)

static buf jpeg(const unsigned char *sof, size_t sof_n)
{
    buf b = {{0}, 0};
    CAT(&b, SOI);
    cat(&b, sof, sof_n);
    CAT(&b, SOS);
    CAT(&b, SCAN);
    CAT(&b, EOI);
    return b;
}

static void jpeg_walk(void **state)
{
    (void)state;
    char *m;
    const dp_image *img;
    buf b = jpeg(SOF0, sizeof SOF0);
    put("ok.jpg", b.b, b.n);
    assert_int_equal(add("ok.jpg", false, &m, &img), 0);
    assert_string_equal(m, "");
    free(m);
    assert_int_equal(img->kind, DP_IMAGE_JPEG);
    assert_int_equal(img->w_px, 16);
    assert_int_equal(img->h_px, 8);
    assert_int_equal(img->channels, 1);
    assert_int_equal(img->orientation, 1);
    assert_int_equal(img->len, b.n);

    /* bytes after the end-of-image marker are harmless */
    buf t = b;
    cat(&t, (const unsigned char *)"trailer", 7);
    put("trailer.jpg", t.b, t.n);
    assert_int_equal(add("trailer.jpg", false, &m, NULL), 0);
    free(m);

    /* cut anywhere before the end-of-image marker: truncated */
    for (size_t cut = 3; cut < b.n; cut++) {
        put("cut.jpg", b.b, cut);
        assert_int_equal(add("cut.jpg", false, &m, NULL), -1);
        assert_non_null(strstr(m, "deck.yaml:7:16: error: image "));
        assert_true(strstr(m, "truncated") || strstr(m, "damaged"));
        free(m);
    }
}

static void jpeg_refusals(void **state)
{
    (void)state;
    char *m;
    unsigned char sof[sizeof SOF0];
    memcpy(sof, SOF0, sizeof sof);
    sof[1] = 0xC3; /* lossless */
    buf b = jpeg(sof, sizeof sof);
    put("lossless.jpg", b.b, b.n);
    assert_int_equal(add("lossless.jpg", false, &m, NULL), -1);
    assert_non_null(strstr(m, "is a lossless JPEG"));
    free(m);

    sof[1] = 0xC9; /* arithmetic */
    b = jpeg(sof, sizeof sof);
    put("arith.jpg", b.b, b.n);
    assert_int_equal(add("arith.jpg", false, &m, NULL), -1);
    assert_non_null(strstr(m, "arithmetic-coded"));
    free(m);

    memcpy(sof, SOF0, sizeof sof);
    sof[4] = 12; /* 12-bit samples */
    b = jpeg(sof, sizeof sof);
    put("12bit.jpg", b.b, b.n);
    assert_int_equal(add("12bit.jpg", false, &m, NULL), -1);
    assert_non_null(strstr(m, "12-bit"));
    free(m);

    /* image data before the frame header */
    buf c = {{0}, 0};
    CAT(&c, SOI);
    CAT(&c, SOS);
    CAT(&c, SCAN);
    CAT(&c, SOF0);
    CAT(&c, EOI);
    put("order.jpg", c.b, c.n);
    assert_int_equal(add("order.jpg", false, &m, NULL), -1);
    assert_non_null(strstr(m, "damaged JPEG"));
    free(m);
}

static void jpeg_exif_orientation(void **state)
{
    (void)state;
    /* APP1 "Exif\0\0" + TIFF header + IFD0 with one entry: 0x0112 SHORT 1 = 6 or 8 */
    static const unsigned char le[] = {0xFF, 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0,
                                       1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0};
    static const unsigned char be[] = {0xFF, 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
                                       0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
    const unsigned char *app[2] = {le, be};
    int want[2] = {8, 6};
    for (int i = 0; i < 2; i++) {
        buf b = {{0}, 0};
        CAT(&b, SOI);
        cat(&b, app[i], sizeof le);
        CAT(&b, SOF0);
        CAT(&b, SOS);
        CAT(&b, SCAN);
        CAT(&b, EOI);
        put("exif.jpg", b.b, b.n);
        char *m;
        const dp_image *img;
        assert_int_equal(add("exif.jpg", false, &m, &img), 0);
        free(m);
        assert_int_equal(img->orientation, want[i]);
        int w, h;
        dp_image_shown_px(img, &w, &h);
        assert_int_equal(w, 8); /* turned: stored 16 x 8 shows as 8 x 16 */
        assert_int_equal(h, 16);
    }
}

/* ===== PNG ===== */

static void be32(unsigned char *p, uint32_t v) { p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v; }

/* The PNG CRC (zlib is not linked into the tests: the checksums by hand). */
static uint32_t crc(uint32_t c, const unsigned char *p, size_t n)
{
    c = ~c;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return ~c;
}

/* A zlib stream of one stored (uncompressed) deflate block. */
static size_t zstore(unsigned char *out, const unsigned char *p, size_t n)
{
    uint32_t s1 = 1, s2 = 0;
    for (size_t i = 0; i < n; i++)
        s1 = (s1 + p[i]) % 65521, s2 = (s2 + s1) % 65521;
    out[0] = 0x78, out[1] = 0x01, out[2] = 1;
    out[3] = n & 0xFF, out[4] = n >> 8, out[5] = ~n & 0xFF, out[6] = (~n >> 8) & 0xFF;
    memcpy(out + 7, p, n);
    be32(out + 7 + n, s2 << 16 | s1);
    return n + 11;
}

static void chunk(buf *b, const char *type, const unsigned char *data, uint32_t n)
{
    unsigned char hdr[8];
    be32(hdr, n);
    memcpy(hdr + 4, type, 4);
    cat(b, hdr, 8);
    cat(b, data, n);
    unsigned char c[4];
    be32(c, crc(crc(0, (const unsigned char *)type, 4), data, n));
    cat(b, c, 4);
}

/* A w x h PNG of one pixel value repeated (color type ct, 8-bit). */
static buf png(uint32_t w, uint32_t h, int ct, const unsigned char *px, int bpp)
{
    buf b = {{0}, 0};
    static const unsigned char sig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    CAT(&b, sig);
    unsigned char ihdr[13] = {0};
    be32(ihdr, w), be32(ihdr + 4, h), ihdr[8] = 8, ihdr[9] = (unsigned char)ct;
    chunk(&b, "IHDR", ihdr, 13);
    unsigned char raw[256], z[300];
    size_t n = 0;
    for (uint32_t y = 0; y < h; y++) {
        raw[n++] = 0;
        for (uint32_t x = 0; x < w; x++, n += (size_t)bpp)
            memcpy(raw + n, px, (size_t)bpp);
    }
    chunk(&b, "IDAT", z, (uint32_t)zstore(z, raw, n));
    chunk(&b, "IEND", NULL, 0);
    return b;
}

static void png_decodes_to_planes(void **state)
{
    (void)state;
    char *m;
    const dp_image *img;
    static const unsigned char ga[] = {90, 40}, rgba[] = {10, 20, 30, 255}, gray[] = {7};
    buf b = png(4, 3, 4, ga, 2);
    put("ga.png", b.b, b.n);
    assert_int_equal(add("ga.png", false, &m, &img), 0);
    free(m);
    assert_int_equal(img->kind, DP_IMAGE_PNG);
    assert_int_equal(img->channels, 1); /* gray stays gray */
    assert_non_null(img->alpha);
    assert_int_equal(img->pixels[11], 90);
    assert_int_equal(img->alpha[11], 40);

    b = png(2, 2, 6, rgba, 4); /* alpha channel, every pixel opaque: no mask */
    put("rgba.png", b.b, b.n);
    assert_int_equal(add("rgba.png", false, &m, &img), 0);
    free(m);
    assert_int_equal(img->channels, 3);
    assert_null(img->alpha);
    assert_memory_equal(img->pixels + 9, rgba, 3);

    b = png(3, 2, 0, gray, 1);
    b.n -= 20; /* cut into IDAT */
    put("cut.png", b.b, b.n);
    assert_int_equal(add("cut.png", false, &m, NULL), -1);
    assert_non_null(strstr(m, "damaged or truncated (libpng: "));
    free(m);

    b = png(1, 1, 0, gray, 1);
    be32(b.b + 16, 20000), be32(b.b + 20, 3); /* the header (CRC aside) is enough to refuse */
    put("wide.png", b.b, b.n);
    assert_int_equal(add("wide.png", false, &m, NULL), -1);
    assert_non_null(strstr(m, "20000 x 3 pixels; the limit is 10000"));
    free(m);
}

/* ===== The table ===== */

static void one_id_per_file(void **state)
{
    (void)state;
    static const unsigned char gray[] = {7};
    buf b = png(3, 2, 0, gray, 1);
    put("g.png", b.b, b.n);
    char abs[400];
    snprintf(abs, sizeof abs, "%s/g.png", dir);
    dp_arena *a = dp_arena_new(4096);
    dp_images *im = dp_images_new(a);
    dp_diags *d = dp_diags_new();
    dp_text t1 = text("g.png"), t2 = text("./g.png"), t3 = text(abs), t4 = text("missing.png");
    assert_int_equal(dp_images_add(im, dir, &t1, false, d), 0);
    assert_int_equal(dp_images_add(im, dir, &t2, false, d), 0);
    assert_int_equal(dp_images_add(im, dir, &t3, false, d), 0); /* absolute, but inside */
    assert_int_equal(dp_images_count(im), 1);
    assert_int_equal(dp_error_count(d), 0);
    assert_ptr_equal(dp_images_find(im, &t2), dp_images_get(im, 0));
    assert_null(dp_images_find(im, &t4));
    assert_null(dp_images_find(NULL, &t1));
    assert_int_equal(dp_images_add(im, dir, &t4, false, d), -1);
    assert_int_equal(dp_diags_status(d), DP_EXIT_RESOURCE);
    dp_diags_free(d);
    dp_arena_free(a);
}

static void outside_is_refused(void **state)
{
    (void)state;
    static const unsigned char gray[] = {7};
    buf b = png(3, 2, 0, gray, 1);
    char sub[300], path[400];
    snprintf(sub, sizeof sub, "%s/deck", dir);
    assert_int_equal(mkdir(sub, 0777), 0);
    put("up.png", b.b, b.n);
    snprintf(path, sizeof path, "%s/up.png", dir);
    const char *names[] = {"../up.png", path};
    for (int i = 0; i < 2; i++) {
        for (int allow = 0; allow < 2; allow++) {
            dp_arena *a = dp_arena_new(4096);
            dp_images *im = dp_images_new(a);
            dp_diags *d = dp_diags_new();
            dp_text t = text(names[i]);
            int id = dp_images_add(im, sub, &t, allow, d);
            char *m = printed(d);
            if (allow) {
                assert_int_equal(id, 0);
            } else {
                assert_int_equal(id, -1);
                assert_non_null(strstr(m, "is outside the deck's folder"));
                assert_non_null(strstr(m, "--allow-outside"));
                assert_int_equal(dp_diags_status(d), DP_EXIT_INPUT);
            }
            free(m);
            dp_diags_free(d);
            dp_arena_free(a);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jpeg_walk),
        cmocka_unit_test(jpeg_refusals),
        cmocka_unit_test(jpeg_exif_orientation),
        cmocka_unit_test(png_decodes_to_planes),
        cmocka_unit_test(one_id_per_file),
        cmocka_unit_test(outside_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
