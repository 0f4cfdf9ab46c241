/* handout.h: attendee handouts from the same deck. A booklet is its own
 * layout of the deck as flowing text on portrait pages (layout_booklet.c);
 * N-up sheets place the slides' display-list pages scaled, with frames,
 * captions and note lines (impose.c). Knows nothing of libharu. */
#ifndef DP_HANDOUT_H
#define DP_HANDOUT_H
#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "deck.h"
#include "diag.h"
#include "dlist.h"
#include "fonts.h"
#include "styles.h"
#include "template.h"

typedef struct {
    int per_sheet;        /* a dp_handout_layouts[].per_sheet (deck.h): 0 = booklet */
    float paper_w_pt, paper_h_pt; /* portrait size: A4 595.28 x 841.89, Letter 612 x 792 */
    int columns;          /* booklet: 1 or 2 */
    bool column_first;    /* N-up: fill columns first */
    bool speaker;         /* speaker's handout: each slide with its notes beneath */
} dp_handout_opts;

/* The paper's size into o (portrait). */
void dp_handout_paper(dp_handout_opts *o, dp_paper paper);

/* The booklet: cover, contents with page numbers, intro, every item
 * (number, question, answer, analysis), closing; running head and folio.
 * Set with template 't' (the print template; its roles resolved in
 * 'styles'), never shrunk. */
dp_dlist *dp_layout_booklet(dp_arena *a, const dp_deck *deck, const dp_template *t,
                            const dp_styles *styles, const dp_handout_opts *o, dp_diags *d);

/* N-up: sheets showing the pages of 'slides' (laid out with the print
 * template). Reveal steps collapse to their final page; （续） pages stay.
 * Returns the sheets (arena-owned) and their count in *n. Each sheet's
 * extras page carries frames, captions, note lines, head and folio, and its
 * page label. */
dp_sheet *dp_impose(dp_arena *a, const dp_dlist *slides, const dp_deck *deck,
                    const dp_template *t, const dp_styles *styles, const dp_handout_opts *o,
                    int *n, dp_diags *d);

/* Text dump of the sheets: each placement, and the smallest effective font
 * size (pt as printed) on each sheet. */
void dp_sheets_dump(const dp_dlist *slides, const dp_sheet *sheets, int n, FILE *out);

#endif
