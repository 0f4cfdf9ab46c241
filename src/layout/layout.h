/* layout.h: deck + template + fonts (their roles resolved: styles.h) ->
 * display list of slides. Decides every
 * position, size, line break and page; knows nothing of libharu. */
#ifndef DP_LAYOUT_H
#define DP_LAYOUT_H

#include "arena.h"
#include "deck.h"
#include "diag.h"
#include "dlist.h"
#include "fonts.h"
#include "styles.h"
#include "template.h"

/* Lay out every slide of 'deck' with 't' and its roles resolved in
 * 'styles'. Fitting decisions (shrinking, （续） continuation slides) are
 * reported as warnings naming the item and its position. Returns NULL when
 * a font role has no installed font. */
dp_dlist *dp_layout_slides(dp_arena *a, const dp_deck *deck, const dp_template *t,
                           const dp_styles *styles, dp_diags *d);

#endif
