/* pdf_font.c: see pdf_font.h. The objects follow ISO 32000-1 9.7 (CIDFonts)
 * and 9.10 (ToUnicode). TrueType (glyf) faces:
 *   Type0 /Encoding /Identity-H /DescendantFonts [CIDFontType2] /ToUnicode
 *   CIDFontType2 /CIDSystemInfo (Adobe, Identity, 0) /W /CIDToGIDMap
 *   FontDescriptor /FontFile2 (the hb-subset program, compressed once here)
 * A code point gets CID = its glyph id in the subset. Two code points drawn
 * with one glyph (or a code point the face lacks, drawn as .notdef) get CIDs
 * past the last glyph, so each CID still names one character for text
 * extraction; only then is /CIDToGIDMap a stream.
 * OpenType/CFF faces:
 *   Type0 (BaseFont NAME-Identity-H) /DescendantFonts [CIDFontType0]
 *   CIDFontType0 /W, no CIDToGIDMap (9.7.4.2: a CFF program selects glyphs
 *   by CID itself), FontDescriptor /FontFile3 /Subtype /CIDFontType0C: the
 *   bare CFF table of the hb-subset program, never the OpenType wrapper
 *   (/Subtype /OpenType, which some viewers reject).
 * The codes are what the program selects glyphs by (subset.h, dp_subset.gid):
 * in a CID-keyed font the CIDs the subset kept from the source (Noto CJK:
 * the source's glyph ids), never the subset's new glyph ids, which such a
 * program does not know as CIDs (viewers draw blanks or the wrong glyph); in
 * a name-keyed font the subset's glyph ids. There is no room for extra CIDs
 * here, so code points drawn with one glyph share its CID, and ToUnicode
 * gives one of them (by_cid: 人 rather than the radical ⼈). */
#include "pdf_font.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "hash.h"

typedef struct {
    uint16_t cid, gid;
    uint32_t cp;
    int width;          /* thousandths of an em, as the layout measured it */
} glyph;

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Radicals and compatibility ideographs (⼈ U+2F08 for 人 U+4EBA, 﨑 for
 * 崎): fonts draw them with the unified ideograph's glyph. */
static bool is_variant_form(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x2F800 && cp <= 0x2FA1F);
}

/* By CID, then which code point ToUnicode gives for a CID that several
 * share (CFF): the ordinary character before a radical or compatibility
 * form of it, so that 人 is found when searching, then the lowest. */
static int by_cid(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    if (x->cid != y->cid)
        return (x->cid > y->cid) - (x->cid < y->cid);
    if (is_variant_form(x->cp) != is_variant_form(y->cp))
        return is_variant_form(x->cp) ? 1 : -1;
    return (x->cp > y->cp) - (x->cp < y->cp);
}

/* "ABCDEF": the subset tag (9.6.4), from the face and the code points, so
 * the same document always gets the same names and different subsets of
 * one font different ones. */
static void subset_tag(const char *ps, int face, const uint32_t *cps, int n, char tag[7])
{
    uint64_t h = dp_fnv1a(DP_FNV_INIT, ps, strlen(ps));
    h = dp_fnv1a(h, &face, sizeof face);
    h = dp_fnv1a(h, cps, (size_t)n * sizeof *cps);
    for (int i = 0; i < 6; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[6] = '\0';
}

/* A PostScript name as a PDF name: printable ASCII without delimiters. */
static char *base_font_name(dp_arena *a, const char *tag, const char *ps)
{
    char *s = dp_arena_printf(a, "%s+%s", tag, ps && *ps ? ps : "Font");
    for (char *p = s + 7; *p; p++)
        if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e || strchr("()<>[]{}/%#", *p))
            *p = '_';
    return s;
}

static HPDF_Dict new_indirect(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    if (d && HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
        return NULL;
    return d;
}

static HPDF_Dict new_stream(HPDF_Doc pdf, dp_flate *z, const void *data, size_t len)
{
    HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (st && dp_flate_write(z, st, data, len) != HPDF_OK)
        return NULL;
    return st;
}

/* The most common width (g sorted by CID): /DW, so /W lists only the others
 * (in a CJK face nearly every glyph is 1 em). */
static int default_width(const glyph *g, int n, dp_arena *a)
{
    int *w = dp_arena_alloc(a, (size_t)n * sizeof *w);
    for (int i = 0; i < n; i++)
        w[i] = g[i].width;
    qsort(w, (size_t)n, sizeof *w, by_int);
    int best = w[0], best_n = 0;
    for (int i = 0, j; i < n; i = j) {
        for (j = i; j < n && w[j] == w[i]; j++)
            ;
        if (j - i > best_n) {
            best = w[i];
            best_n = j - i;
        }
    }
    return best;
}

/* FontFile2 (TrueType) or FontFile3 (CFF): the subset program, compressed
 * once for every document of the run that embeds the same subset
 * (font_programs.h). */
static HPDF_Dict program(HPDF_Doc pdf, const dp_program *sub, bool cff)
{
    HPDF_Dict st = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!st || dp_flate_set(st, sub->packed, sub->packed_len) != HPDF_OK)
        return NULL;
    HPDF_STATUS r = cff ? HPDF_Dict_AddName(st, "Subtype", "CIDFontType0C")
                        : HPDF_Dict_AddNumber(st, "Length1", (HPDF_INT32)sub->len);
    return r == HPDF_OK ? st : NULL;
}

/* /W: [c [w w w] c' [w] ...], one run per stretch of consecutive CIDs whose
 * width is not 'dw'. */
static HPDF_Array widths(HPDF_Doc pdf, const glyph *g, int n, int dw)
{
    HPDF_Array w = HPDF_Array_New(pdf->mmgr), run = NULL;
    for (int i = 0; w && i < n; i++) {
        if (g[i].width == dw)
            continue;
        if (!run || g[i].cid != g[i - 1].cid + 1 || g[i - 1].width == dw) {
            HPDF_Array_AddNumber(w, g[i].cid);
            run = HPDF_Array_New(pdf->mmgr);
            HPDF_Array_Add(w, run);
        }
        HPDF_Array_AddNumber(run, g[i].width);
    }
    return w;
}

/* CMapType 2, bfchar only (Ghostscript 10.0 misreads bfrange; STACK.md),
 * at most 100 entries a block. */
static HPDF_Dict to_unicode(HPDF_Doc pdf, dp_flate *z, const glyph *g, int n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return NULL;
    fputs("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
          "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
          "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
          "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n", m);
    for (int i = 0; i < n; i += 100) {
        int k = n - i < 100 ? n - i : 100;
        fprintf(m, "%d beginbfchar\n", k);
        for (int j = i; j < i + k; j++) {
            uint32_t cp = g[j].cp, src[2];
            int k_src = dp_bidi_source_chars(cp, src); /* Arabic forms: their letters */
            if (cp > 0xFFFF) /* UTF-16BE: a surrogate pair */
                fprintf(m, "<%04X> <%04X%04X>\n", g[j].cid, 0xD800 + ((cp - 0x10000) >> 10),
                        0xDC00 + ((cp - 0x10000) & 0x3FF));
            else if (k_src == 2)
                fprintf(m, "<%04X> <%04X%04X>\n", g[j].cid, (unsigned)src[0], (unsigned)src[1]);
            else
                fprintf(m, "<%04X> <%04X>\n", g[j].cid, (unsigned)src[0]);
        }
        fputs("endbfchar\n", m);
    }
    fputs("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n", m);
    HPDF_Dict st = fclose(m) == 0 ? new_stream(pdf, z, text, len) : NULL;
    free(text);
    return st;
}

/* 2 bytes a CID, big-endian: the glyph of each CID 0..max. */
static HPDF_Dict cid_to_gid_stream(HPDF_Doc pdf, dp_flate *z, const glyph *g, int n, dp_arena *a)
{
    int max = g[n - 1].cid; /* g sorted by CID */
    unsigned char *map = dp_arena_alloc(a, 2 * ((size_t)max + 1));
    for (int i = 0; i < n; i++) {
        map[2 * g[i].cid] = (unsigned char)(g[i].gid >> 8);
        map[2 * g[i].cid + 1] = (unsigned char)g[i].gid;
    }
    for (int c = 0; c <= max; c++) /* glyphs only pulled in as components map to themselves */
        if (!map[2 * c] && !map[2 * c + 1]) {
            map[2 * c] = (unsigned char)(c >> 8);
            map[2 * c + 1] = (unsigned char)c;
        }
    return new_stream(pdf, z, map, 2 * ((size_t)max + 1));
}

static HPDF_Dict descriptor(HPDF_Doc pdf, dp_fonts *fonts, int face, const char *name, HPDF_Dict file,
                            bool cff)
{
    HPDF_Dict fd = new_indirect(pdf);
    if (!fd)
        return NULL;
    int bb[4];
    dp_face_bbox(fonts, face, bb);
    HPDF_Array box = HPDF_Array_New(pdf->mmgr);
    for (int i = 0; i < 4; i++)
        HPDF_Array_AddNumber(box, bb[i]);
    HPDF_STATUS r = HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
    r |= HPDF_Dict_AddName(fd, "FontName", name);
    r |= HPDF_Dict_AddNumber(fd, "Flags", 4); /* symbolic: glyphs are chosen by CID */
    r |= HPDF_Dict_Add(fd, "FontBBox", box);
    r |= HPDF_Dict_AddReal(fd, "ItalicAngle", dp_face_italic_angle(fonts, face));
    r |= HPDF_Dict_AddNumber(fd, "Ascent", dp_face_ascender(fonts, face));
    r |= HPDF_Dict_AddNumber(fd, "Descent", dp_face_descender(fonts, face));
    r |= HPDF_Dict_AddNumber(fd, "CapHeight", dp_face_cap_height(fonts, face));
    r |= HPDF_Dict_AddNumber(fd, "StemV", dp_face_is_bold(fonts, face) ? 120 : 80); /* no source: the usual estimate */
    r |= HPDF_Dict_Add(fd, cff ? "FontFile3" : "FontFile2", file);
    return r == HPDF_OK ? fd : NULL;
}

static HPDF_Dict cid_font(HPDF_Doc pdf, const char *name, HPDF_Dict fd, const glyph *g, int n,
                          bool cff, HPDF_Dict cid_to_gid, dp_arena *a)
{
    HPDF_Dict cf = new_indirect(pdf);
    HPDF_Dict info = HPDF_Dict_New(pdf->mmgr);
    if (!cf || !info)
        return NULL;
    HPDF_STATUS r = HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", NULL));
    r |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
    r |= HPDF_Dict_AddNumber(info, "Supplement", 0);
    r |= HPDF_Dict_AddName(cf, "Type", "Font");
    r |= HPDF_Dict_AddName(cf, "Subtype", cff ? "CIDFontType0" : "CIDFontType2");
    r |= HPDF_Dict_AddName(cf, "BaseFont", name);
    r |= HPDF_Dict_Add(cf, "CIDSystemInfo", info);
    r |= HPDF_Dict_Add(cf, "FontDescriptor", fd);
    int dw = default_width(g, n, a);
    r |= HPDF_Dict_AddNumber(cf, "DW", dw);
    r |= HPDF_Dict_Add(cf, "W", widths(pdf, g, n, dw));
    if (cid_to_gid)
        r |= HPDF_Dict_Add(cf, "CIDToGIDMap", cid_to_gid);
    else if (!cff)
        r |= HPDF_Dict_AddName(cf, "CIDToGIDMap", "Identity");
    return r == HPDF_OK ? cf : NULL;
}

HPDF_Dict dp_pdf_font(HPDF_Doc pdf, dp_fonts *fonts, dp_programs *programs, int face,
                      const uint32_t *cps, int n, dp_flate *z, dp_cid_map *map, dp_arena *a,
                      dp_diags *d)
{
    const dp_program *sub = n > 0 ? dp_programs_get(programs, fonts, face, cps, n, z, d) : NULL;
    if (!sub)
        return NULL;
    /* CIDs. TrueType: the glyph id, or a fresh one past the last glyph when
     * the glyph already has a code point (or is .notdef). CFF: the code the
     * program selects the glyph by, shared when the glyph is. */
    bool cff = dp_face_is_cff(fonts, face);
    glyph *g = dp_arena_alloc(a, (size_t)n * sizeof *g);
    unsigned char *taken = dp_arena_alloc(a, (size_t)sub->n_glyphs);
    int next = sub->n_glyphs;
    bool identity = true;
    for (int i = 0; i < n; i++) {
        int width = dp_face_advance(fonts, face, cps[i]);
        if (cff) {
            g[i] = (glyph){sub->gid[i], sub->gid[i], cps[i], width};
            continue;
        }
        uint16_t gid = sub->gid[i] < sub->n_glyphs ? sub->gid[i] : 0;
        bool own = gid != 0 && !taken[gid];
        if (!own && next > 0xFFFF) {
            dp_error_status(d, DP_EXIT_RESOURCE, (dp_loc){0}, "font %s: more than 65,535 glyphs "
                            "and characters in one document", dp_face_path(fonts, face));
            return NULL;
        }
        g[i] = (glyph){own ? gid : (uint16_t)next++, gid, cps[i], width};
        if (own)
            taken[gid] = 1;
        identity &= own;
    }
    map->cps = cps;
    uint16_t *cids = dp_arena_alloc(a, (size_t)n * sizeof *cids);
    for (int i = 0; i < n; i++)
        cids[i] = g[i].cid;
    map->cids = cids;
    map->n = n;
    qsort(g, (size_t)n, sizeof *g, by_cid);
    int n_cids = 0; /* one entry per CID from here on (only CFF shares) */
    for (int i = 0; i < n; i++)
        if (n_cids == 0 || g[i].cid != g[n_cids - 1].cid)
            g[n_cids++] = g[i];

    char tag[7];
    subset_tag(dp_face_psname(fonts, face), face, cps, n, tag);
    const char *name = base_font_name(a, tag, dp_face_psname(fonts, face));
    HPDF_Dict file = program(pdf, sub, cff);
    HPDF_Dict fd = file ? descriptor(pdf, fonts, face, name, file, cff) : NULL;
    HPDF_Dict c2g = identity ? NULL : cid_to_gid_stream(pdf, z, g, n_cids, a);
    HPDF_Dict cf = fd && (identity || c2g) ? cid_font(pdf, name, fd, g, n_cids, cff, c2g, a) : NULL;
    HPDF_Dict tu = cf ? to_unicode(pdf, z, g, n_cids) : NULL;
    HPDF_Dict font = tu ? new_indirect(pdf) : NULL;
    HPDF_Array desc = font ? HPDF_Array_New(pdf->mmgr) : NULL;
    HPDF_STATUS r = desc ? HPDF_Array_Add(desc, cf) : HPDF_FAILD_TO_ALLOC_MEM;
    if (r == HPDF_OK) {
        r |= HPDF_Dict_AddName(font, "Type", "Font");
        r |= HPDF_Dict_AddName(font, "Subtype", "Type0");
        /* 9.7.6.1: for a CIDFontType0, the CIDFont's name and the CMap's */
        r |= HPDF_Dict_AddName(font, "BaseFont", cff ? dp_arena_printf(a, "%s-Identity-H", name) : name);
        r |= HPDF_Dict_AddName(font, "Encoding", "Identity-H");
        r |= HPDF_Dict_Add(font, "DescendantFonts", desc);
        r |= HPDF_Dict_Add(font, "ToUnicode", tu);
    }
    return r == HPDF_OK ? font : NULL;
}
