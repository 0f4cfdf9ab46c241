/* handout.c: the handout command and the handout half of build: choose the
 * layout and paper, lay out with the print template, write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "build.h"
#include "handout.h"
#include "layout.h"

void dp_handout_paper(dp_handout_opts *o, dp_paper paper)
{
    if (paper == DP_PAPER_LETTER)
        o->paper_w_pt = 612, o->paper_h_pt = 792;
    else
        o->paper_w_pt = 595.28f, o->paper_h_pt = 841.89f;
}

bool dp_handout_write(dp_project *p, const char *path)
{
    const dp_options *opt = p->opt;
    const dp_deck *dk = p->deck;
    dp_handout_opts o = {.columns = opt->columns ? opt->columns : 1,
                         .column_first = opt->column_first, .speaker = opt->speaker};
    o.per_sheet = dk->settings.per_sheet;
    dp_handout_paper(&o, dk->settings.paper);
    /* options that the chosen layout has no use for: said, never ignored silently */
    const char *chosen = o.per_sheet ? "an N-up handout" : "the booklet";
    dp_loc nowhere = {0};
    if (opt->columns && o.per_sheet && !o.speaker)
        dp_warning(p->d, nowhere, "--columns has no effect on %s (it sets the booklet's columns)", chosen);
    if (opt->column_first && !o.per_sheet && !o.speaker)
        dp_warning(p->d, nowhere, "--column-first has no effect on %s (it orders N-up slides)", chosen);
    /* the settings hold --layout, else the deck's handout: layout */
    bool booklet_asked = (opt->layout || dk->handout_layout.s) && dk->settings.per_sheet == 0;
    if (o.speaker && o.per_sheet == 0) {
        o.per_sheet = 1; /* notes go beneath slides */
        if (booklet_asked)
            dp_warning(p->d, opt->layout ? nowhere : dk->handout_layout.loc,
                       "--speaker sets each slide with its notes beneath, one a page: the booklet "
                       "layout is not used");
        if (opt->columns)
            dp_warning(p->d, nowhere, "--columns has no effect with --speaker (slides with notes, one a page)");
    }
    /* handouts follow the deck's template: N-up sheets show exactly the
     * projected slides; the booklet and the sheets' own text are set in the
     * deck template's faces with the print template's sizes and palette */
    dp_template *print = dp_project_template(p, "print");
    if (!print)
        return false;
    dp_template *pt = dp_template_for_print(p->a, p->t, print);
    if (o.per_sheet == 0) {
        dp_dlist *dl = dp_layout_booklet(p->a, dk, pt, p->fonts, &o, p->d);
        if (dl && opt->dump)
            dp_dlist_dump(dl, stdout);
        return dl && dp_project_write(p, dl, NULL, 0, path);
    }
    dp_dlist *slides = dp_layout_slides(p->a, dk, p->t, p->fonts, p->d);
    if (!slides)
        return false;
    int n = 0;
    dp_sheet *sheets = dp_impose(p->a, slides, dk, pt, p->fonts, &o, &n, p->d);
    if (sheets && opt->dump)
        dp_sheets_dump(slides, sheets, n, stdout);
    return sheets && dp_project_write(p, slides, sheets, n, path);
}

/* True when 'path' is named like an attendee handout (NAME.handout.pdf). */
static bool attendee_name(const char *path)
{
    size_t n = strlen(path), k = strlen(".handout.pdf");
    return n >= k && strcmp(path + n - k, ".handout.pdf") == 0;
}

int dp_cmd_handout(const dp_options *opt, dp_diags *d)
{
    if (opt->speaker && attendee_name(opt->out_path)) {
        /* the speaker's notes must never go out under an attendee's name */
        dp_error_status(d, DP_EXIT_USAGE, (dp_loc){0},
                        "--speaker writes the speaker's notes: not into %s, an attendee handout's name",
                        opt->out_path);
        dp_hint(d, "name the speaker's copy NAME.speaker.pdf");
        return DP_EXIT_USAGE;
    }
    dp_project p;
    if (dp_project_init(&p, opt, d))
        dp_handout_write(&p, opt->out_path);
    int status = dp_project_status(&p);
    dp_project_fini(&p);
    return status;
}
