/* font_programs.h: the font programs the writer embeds, kept for the run
 * and between runs. Per face the last program made: the face's subset
 * (subset.h) for the code points a document draws, and its compressed
 * stream, so the slides and the handout of one build subset and compress a
 * face once; and, in deckpress's cache folder (subset_cache.c), for the
 * next build, which then needs neither hb-subset nor compression. Owned by
 * the caller of dp_pdf_write, one for a run; part of the PDF writer. */
#ifndef DP_FONT_PROGRAMS_H
#define DP_FONT_PROGRAMS_H
#include "diag.h"
#include "fonts.h"
#include "pdf_flate.h"
#include "subset_cache.h"

typedef struct dp_programs dp_programs;

dp_programs *dp_programs_new(void);
void dp_programs_free(dp_programs *p);

/* The program of 'face' for exactly cps[0..n) (ascending): the one kept
 * when the face's last was for the same code points, else from the cache
 * folder, else cut with hb-subset and compressed with 'z' (then kept in
 * both). It belongs to 'p' and stays valid until the next call for the
 * same face. NULL with an error in 'd'. */
const dp_program *dp_programs_get(dp_programs *p, dp_fonts *fonts, int face, const uint32_t *cps,
                                  int n, dp_flate *z, dp_diags *d);

#endif
