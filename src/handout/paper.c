/* paper.c: the handout's paper (see handout.h). */
#include "handout.h"

void dp_handout_paper(dp_handout_opts *o, dp_paper paper)
{
    if (paper == DP_PAPER_LETTER)
        o->paper_w_pt = 612, o->paper_h_pt = 792;
    else
        o->paper_w_pt = 595.28f, o->paper_h_pt = 841.89f;
}
