/* subset.c: dp_face_subset (fonts.h). hb-subset cuts a face down to the code
 * points a document draws, so libharu 2.3.0 never runs its own glyf
 * subsetting over large glyph ids (it corrupts composite glyphs of WenQuanYi
 * Micro Hei: 排 becomes 非; STACK.md). The subset is a single-face .ttf with
 * small glyph ids, the source's outlines and advances, written into the
 * writer's private temp folder. */
#include "fonts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb-subset.h>
#include <hb.h>

/* Tables libharu never embeds (it copies a fixed list: OS/2 cmap cvt fpgm
 * glyf head hhea hmtx loca maxp name post prep). Dropping them skips the
 * layout closure, which would only add glyphs nobody draws, and saves time. */
static const char *const DROP_TABLES[] = {
    "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "kerx", "vhea",
    "vmtx", "VORG", "DSIG", "hdmx", "LTSH", "VDMX", "PCLT", "EBDT", "EBLC", "EBSC", "CBDT",
    "CBLC", "sbix", "COLR", "CPAL", "SVG ", "meta",
};

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static unsigned get16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

/* A copy of the 'name' table with every PostScript name (name id 6) set to
 * 'ps' (ASCII). Returns NULL when the table is malformed. */
static hb_blob_t *rename_ps_table(hb_blob_t *name, const char *ps)
{
    unsigned len;
    const unsigned char *t = (const unsigned char *)hb_blob_get_data(name, &len);
    if (len < 6)
        return NULL;
    unsigned count = get16(t + 2), storage = get16(t + 4);
    if (6 + 12 * count > len || storage > len)
        return NULL;
    size_t ps_len = strlen(ps), cap = 6 + 12 * (size_t)count;
    for (unsigned i = 0; i < count; i++) /* records may share strings: count each */
        cap += get16(t + 6 + 12 * i + 8) + 2 * ps_len;
    unsigned char *out = calloc(1, cap);
    if (!out)
        return NULL;
    /* Version 0 output: language-tag records (version 1) are dropped along
     * with the names that refer to them. */
    unsigned n = 0;
    size_t heads = 6 + 12 * (size_t)count, pos = heads;
    for (unsigned i = 0; i < count; i++) {
        const unsigned char *r = t + 6 + 12 * i;
        unsigned platform = get16(r), lang = get16(r + 4), id = get16(r + 6);
        unsigned slen = get16(r + 8), soff = get16(r + 10);
        if (lang >= 0x8000 || storage + soff + slen > len)
            continue;
        unsigned char *w = out + 6 + 12 * n++;
        memcpy(w, r, 8);
        size_t start = pos;
        if (id == 6 && platform == 1) { /* Macintosh Roman: one byte a char */
            memcpy(out + pos, ps, ps_len);
            pos += ps_len;
        } else if (id == 6) { /* Unicode / Windows: UTF-16BE */
            for (size_t k = 0; k < ps_len; k++, pos += 2)
                put16(out + pos, (unsigned char)ps[k]);
        } else {
            memcpy(out + pos, t + storage + soff, slen);
            pos += slen;
        }
        put16(w + 8, (unsigned)(pos - start));
        put16(w + 10, (unsigned)(start - heads));
    }
    /* Records dropped above leave a gap: move the strings down to it. */
    size_t used = 6 + 12 * (size_t)n;
    memmove(out + used, out + heads, pos - heads);
    put16(out + 0, 0);
    put16(out + 2, n);
    put16(out + 4, (unsigned)used);
    return hb_blob_create((const char *)out, (unsigned)(used + pos - heads), HB_MEMORY_MODE_WRITABLE,
                          out, free);
}

/* Rebuild 'face' with a renamed PostScript name, tables in their old order. */
static hb_blob_t *rename_ps(hb_face_t *face, const char *ps)
{
    hb_tag_t tags[64];
    unsigned n = 63;
    n = hb_face_get_table_tags(face, 0, &n, tags) ? n : 0;
    if (n == 0 || n > 63)
        return NULL;
    tags[n] = HB_TAG_NONE;
    hb_face_t *builder = hb_face_builder_create();
    bool ok = true;
    for (unsigned i = 0; i < n && ok; i++) {
        hb_blob_t *b = hb_face_reference_table(face, tags[i]);
        if (tags[i] == HB_TAG('n', 'a', 'm', 'e')) {
            hb_blob_t *renamed = rename_ps_table(b, ps);
            hb_blob_destroy(b);
            b = renamed;
            ok = b != NULL;
        }
        ok = ok && hb_face_builder_add_table(builder, tags[i], b);
        hb_blob_destroy(b);
    }
    hb_face_builder_sort_tables(builder, tags);
    hb_blob_t *out = ok ? hb_face_reference_blob(builder) : NULL;
    hb_face_destroy(builder);
    return out;
}

/* PostScript names are ASCII without blanks or delimiters, but the file
 * name must be safe even for a font that breaks the rule. */
static void safe_name(char *dst, size_t cap, const char *ps)
{
    size_t i = 0;
    for (; ps[i] && i + 1 < cap; i++)
        dst[i] = (strchr("/\\:*?\"<> ", ps[i]) || (unsigned char)ps[i] < 0x21 ||
                  (unsigned char)ps[i] > 0x7e) ? '_' : ps[i];
    dst[i] = '\0';
}

static hb_blob_t *make_subset(const char *path, int index, const uint32_t *cps, int n)
{
    hb_blob_t *src = hb_blob_create_from_file_or_fail(path);
    if (!src)
        return NULL;
    hb_face_t *face = hb_face_create(src, (unsigned)index);
    hb_blob_destroy(src);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_blob_t *out = NULL;
    if (in) {
        hb_set_t *u = hb_subset_input_unicode_set(in);
        for (int i = 0; i < n; i++)
            hb_set_add(u, cps[i]);
        /* No TrueType hinting: PDF viewers rasterise at any size and mostly
         * ignore it, and it is a fifth of a CJK subset's bytes. */
        hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
        hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
        for (size_t i = 0; i < sizeof DROP_TABLES / sizeof DROP_TABLES[0]; i++)
            hb_set_add(drop, hb_tag_from_string(DROP_TABLES[i], 4));
        hb_face_t *sub = hb_subset_or_fail(face, in);
        if (sub) {
            out = hb_face_reference_blob(sub);
            hb_face_destroy(sub);
        }
        hb_subset_input_destroy(in);
    }
    hb_face_destroy(face);
    return out;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k;
        n -= (size_t)k;
    }
    return true;
}

const char *dp_face_subset(dp_fonts *f, int face, const uint32_t *cps, int n, const char *tmpdir,
                           dp_arena *a, dp_diags *d)
{
    dp_loc none = {0};
    const char *src = dp_face_path(f, face), *ps = dp_face_psname(f, face);
    if (!src) {
        dp_error_status(d, DP_EXIT_RESOURCE, none, "internal: no font face %d", face);
        return NULL;
    }
    hb_blob_t *blob = make_subset(src, dp_face_index(f, face), cps, n);
    unsigned len = 0;
    if (!blob || hb_blob_get_length(blob) == 0) {
        dp_error_status(d, DP_EXIT_RESOURCE, none, "cannot subset font file %s (face %d) with hb-subset",
                        src, dp_face_index(f, face));
        hb_blob_destroy(blob);
        return NULL;
    }
    /* libharu keys fonts by PostScript name and silently returns the first
     * font for a repeated one (STACK.md). tmpdir holds one document's
     * subsets, so an existing dp-<ps>-0.ttf means another face of this
     * document has the same name: take the next number and rename. */
    char base[128];
    safe_name(base, sizeof base, ps);
    char *path = NULL;
    int fd = -1;
    for (int k = 0; k < 1000 && fd < 0; k++) {
        path = dp_arena_printf(a, "%s/dp-%s-%d.ttf", tmpdir, base, k);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            break;
        if (fd >= 0 && k > 0) {
            hb_face_t *sub = hb_face_create(blob, 0);
            hb_blob_t *renamed = rename_ps(sub, dp_arena_printf(a, "%s-%d", base, k));
            hb_face_destroy(sub);
            hb_blob_destroy(blob);
            blob = renamed;
        }
    }
    const char *data = blob ? hb_blob_get_data(blob, &len) : NULL;
    bool ok = fd >= 0 && data && write_all(fd, data, len);
    int err = errno;
    if (fd >= 0 && close(fd) != 0)
        ok = false;
    hb_blob_destroy(blob);
    if (!ok) {
        dp_error_status(d, DP_EXIT_IO, none, "cannot write font subset %s: %s", path,
                        data ? strerror(err) : "renaming the font failed");
        if (fd >= 0)
            unlink(path);
        return NULL;
    }
    return path;
}
