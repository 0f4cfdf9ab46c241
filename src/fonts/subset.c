/* subset.c: dp_subset_make (subset.h). hb-subset cuts a face down to the code
 * points a document draws, never libharu 2.3.0's own subsetting (it corrupts
 * composite glyphs of WenQuanYi Micro Hei: 排 becomes 非; STACK.md). A
 * TrueType subset is a single-face TrueType program in memory with small
 * glyph ids; an OpenType/CFF subset is the bare CFF table of hb-subset's
 * output. Both keep the source's outlines and advances. */
#include "subset.h"

#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>
#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H

#include "arena.h"

/* Tables a PDF's CIDFontType2 program does not use. The layout tables would
 * only pull in glyphs nobody draws; 'cmap' and 'post' are dead weight, as
 * the CIDs select glyphs directly (/CIDToGIDMap) and ToUnicode gives the text.
 * What stays: glyf loca head hhea hmtx maxp name OS/2. */
static const char *const DROP_TABLES[] = {
    "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "kerx", "vhea",
    "vmtx", "VORG", "DSIG", "hdmx", "LTSH", "VDMX", "PCLT", "EBDT", "EBLC", "EBSC", "CBDT",
    "CBLC", "sbix", "COLR", "CPAL", "SVG ", "meta", "cmap", "post", "gasp",
};
/* A CFF subset is only its CFF table: the rest need not be cut at all. */
static const char *const DROP_FOR_CFF[] = {"hmtx", "hhea", "name", "OS/2"};

/* CID-keyed CFF: replace each subset glyph id by its CID, read from the
 * subset program's own charset with FreeType (as a PDF viewer reads it).
 * hb-subset keeps a glyph's CID while giving it a new glyph id; the content
 * stream must hold the CIDs. Name-keyed CFF keeps glyph ids. False when
 * FreeType cannot read the program. */
static bool cff_codes(const unsigned char *cff, size_t len, uint16_t *gid, int n)
{
    FT_Library lib;
    if (FT_Init_FreeType(&lib))
        return false;
    FT_Face face;
    bool ok = FT_New_Memory_Face(lib, cff, (FT_Long)len, 0, &face) == 0;
    FT_Bool cid_keyed = 0;
    if (ok && FT_Get_CID_Is_Internally_CID_Keyed(face, &cid_keyed) == 0 && cid_keyed) {
        for (int i = 0; ok && i < n; i++) {
            FT_UInt cid = 0;
            if (gid[i] == 0)
                continue;
            ok = FT_Get_CID_From_Glyph_Index(face, gid[i], &cid) == 0 && cid > 0 && cid <= 0xFFFF;
            gid[i] = (uint16_t)cid;
        }
    }
    if (ok)
        FT_Done_Face(face);
    FT_Done_FreeType(lib);
    return ok;
}

/* Subset with a plan, so the new glyph id of every code point is known;
 * 'gid[i]' receives the subset's glyph for cps[i] (0 when the face lacks it). */
static hb_blob_t *make_subset(const char *path, int index, bool cff, const uint32_t *cps, int n,
                              uint16_t *gid, int *n_glyphs)
{
    hb_blob_t *src = hb_blob_create_from_file_or_fail(path);
    if (!src)
        return NULL;
    hb_face_t *face = hb_face_create(src, (unsigned)index);
    hb_blob_destroy(src);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_subset_plan_t *plan = NULL;
    hb_blob_t *out = NULL;
    if (in) {
        hb_set_t *u = hb_subset_input_unicode_set(in);
        for (int i = 0; i < n; i++)
            hb_set_add(u, cps[i]);
        /* No TrueType hinting: PDF viewers rasterise at any size and mostly
         * ignore it, and it is a fifth of a CJK subset's bytes. CFF hints
         * (stem hints, an eighth of a Noto CJK subset) stay: FreeType's CFF
         * engine, in poppler and Ghostscript, uses them on screen. */
        hb_subset_input_set_flags(in, cff ? HB_SUBSET_FLAGS_DEFAULT : HB_SUBSET_FLAGS_NO_HINTING);
        hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
        for (size_t i = 0; i < sizeof DROP_TABLES / sizeof DROP_TABLES[0]; i++)
            hb_set_add(drop, hb_tag_from_string(DROP_TABLES[i], 4));
        for (size_t i = 0; cff && i < sizeof DROP_FOR_CFF / sizeof DROP_FOR_CFF[0]; i++)
            hb_set_add(drop, hb_tag_from_string(DROP_FOR_CFF[i], 4));
        plan = hb_subset_plan_create_or_fail(face, in);
    }
    if (plan) {
        const hb_map_t *to_old = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
        const hb_map_t *to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
        for (int i = 0; i < n; i++) {
            hb_codepoint_t g = hb_map_get(to_old, cps[i]);
            g = g == HB_MAP_VALUE_INVALID ? HB_MAP_VALUE_INVALID : hb_map_get(to_new, g);
            gid[i] = g == HB_MAP_VALUE_INVALID || g > 0xFFFF ? 0 : (uint16_t)g;
        }
        hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
        if (sub) {
            *n_glyphs = (int)hb_face_get_glyph_count(sub);
            out = cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' ')) : hb_face_reference_blob(sub);
            hb_face_destroy(sub);
        }
        hb_subset_plan_destroy(plan);
    }
    hb_subset_input_destroy(in);
    hb_face_destroy(face);
    return out;
}

void dp_subset_free(dp_subset *s)
{
    if (!s)
        return;
    free((void *)s->data);
    free(s->gid);
    free(s);
}

dp_subset *dp_subset_make(const char *path, int index, bool cff, const uint32_t *cps, int n,
                          dp_diags *d)
{
    dp_subset *s = dp_xrealloc(NULL, sizeof *s);
    memset(s, 0, sizeof *s);
    s->n = n;
    s->gid = dp_xrealloc(NULL, (size_t)(n ? n : 1) * sizeof *s->gid);
    hb_blob_t *blob = make_subset(path, index, cff, cps, n, s->gid, &s->n_glyphs);
    unsigned len = 0;
    const char *data = blob ? hb_blob_get_data(blob, &len) : NULL;
    if (!data || len == 0 || s->n_glyphs <= 0 ||
        (cff && !cff_codes((const unsigned char *)data, len, s->gid, n))) {
        dp_error_status(d, DP_EXIT_RESOURCE, (dp_loc){0},
                        "cannot subset font file %s (face %d) with hb-subset", path, index);
        hb_blob_destroy(blob);
        dp_subset_free(s);
        return NULL;
    }
    unsigned char *copy = dp_xrealloc(NULL, len);
    memcpy(copy, data, len);
    s->data = copy;
    s->len = len;
    hb_blob_destroy(blob);
    return s;
}
