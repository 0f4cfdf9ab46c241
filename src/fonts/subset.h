/* subset.h: a face cut down with hb-subset to the code points a document
 * draws (subset.c), never libharu 2.3.0's own subsetting (STACK.md). Knows
 * nothing of PDF: what the writer makes of a subset, and keeps of it, is
 * the writer's (font_programs.h). */
#ifndef DP_SUBSET_H
#define DP_SUBSET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* A subset font program made by hb-subset. TrueType: the tables glyf loca
 * head hhea hmtx maxp name OS/2 (no cmap: the caller gets the glyph ids).
 * OpenType/CFF: the bare CFF table, what a PDF embeds (FontFile3
 * /CIDFontType0C). */
typedef struct {
    const unsigned char *data;  /* the program */
    size_t len;
    int n_glyphs;
    /* gid[i]: how the program selects the glyph of cps[i], 0 = missing.
     * TrueType and name-keyed CFF: the subset's glyph id. CID-keyed CFF
     * (Noto CJK, Source Han): the glyph's CID, which the subset keeps from
     * the source font (its charset maps it to the subset's glyph). */
    uint16_t *gid;
    int n;                      /* code points asked for */
} dp_subset;

/* Subset face 'index' of the font file 'path' ('cff': OpenType/CFF
 * outlines, else TrueType) to exactly the code points cps[0..n)
 * (ascending). NULL with an error in 'd'. Deterministic: same face and code
 * points, same bytes. Glyph outlines and advances are the source's. Free it
 * with dp_subset_free(). */
dp_subset *dp_subset_make(const char *path, int index, bool cff, const uint32_t *cps, int n,
                          dp_diags *d);
void dp_subset_free(dp_subset *s);

#endif
