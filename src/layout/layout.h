/* layout.h: deck + template + fonts -> display list of slides. Decides every
 * position, size, line break and page; knows nothing of libharu. */
#ifndef DP_LAYOUT_H
#define DP_LAYOUT_H

#include "arena.h"
#include "deck.h"
#include "diag.h"
#include "dlist.h"
#include "fonts.h"
#include "template.h"

/* Lay out every slide of 'deck'. Fitting decisions (shrinking, （续）
 * continuation slides) are reported as warnings naming the item and its
 * position. Returns NULL when a font role cannot be resolved. */
dp_dlist *dp_layout_slides(dp_arena *a, const dp_deck *deck, const dp_template *t,
                           dp_fonts *fonts, dp_diags *d);

#endif
