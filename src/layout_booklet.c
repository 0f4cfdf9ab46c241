/* layout_booklet.c: the attendee booklet (design/SPEC.md section 6). */
#include "handout.h"

dp_dlist *dp_layout_booklet(dp_arena *a, const dp_deck *deck, const dp_template *t,
                            dp_fonts *fonts, const dp_handout_opts *o, dp_diags *d)
{
    (void)deck, (void)t, (void)fonts, (void)d;
    dp_dlist *dl = dp_dlist_new(a);
    dp_dlist_add_page(a, dl, o->paper_w_pt, o->paper_h_pt);
    return dl;
}
