/* layout_booklet_front.c: the booklet's cover and contents. */
#include "layout_booklet.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ===== Cover ===== */

void dp_bk_cover(bk *B)
{
    dp_lay *L = &B->L;
    const dp_deck *dk = L->deck;
    const dp_rgb *pal = L->t->colors;
    B->kind = NULL;
    dp_bk_new_page(B);
    dp_page *p = dp_bk_cur(B);
    p->label = L->t->labels[DP_LABEL_COVER];
    p->title = dk->title.s;
    const geom *g = &B->span;
    dp_lay_label(L, p, &B->kicker, "ATTENDEE HANDOUT", g->edge, L->T, 0);
    if (L->t->matrix) {
        float pitch = 8, size = 23 * pitch - (pitch - pitch * 14.0f / 18.0f);
        dp_lay_matrix(L, p, pal, g->right - size, L->T, pitch);
    }
    float y = L->H * 0.40f;
    /* the event above the title is a fact; the title and subtitle lead the
     * structure (the first heading is H1), so the event's fact comes after */
    dp_tag facts = dp_tag_in(DP_ROLE_FACTS, DP_PART_FRONT);
    if (dk->event.s && strcmp(dk->event.s, dk->title.s) != 0) {
        dp_textblock *eb = dp_bk_lay(B, &B->meta, dk->event.s, g->right - g->edge, &dk->event);
        dp_page_tag(p, facts);
        y = dp_text_emit(L->a, dp_bk_cur(B), eb, 0, eb->n_lines, g->edge, y - eb->n_lines * B->meta.leading_pt - 8,
                         dk->event.loc) + 8;
    }
    dp_textblock *tb = dp_bk_lay(B, &B->cover_title, dk->title.s, g->right - g->edge, &dk->title);
    if (!dp_lay_require_fit(L, tb, &dk->title, L->B - 120 - y, "the deck's title"))
        return;
    dp_page_tag(p, dp_tag_in(DP_ROLE_TITLE, DP_PART_FRONT));
    y = dp_text_emit(L->a, dp_bk_cur(B), tb, 0, tb->n_lines, g->edge, y, dk->title.loc);
    if (dk->subtitle.s) {
        dp_textblock *sb = dp_bk_lay(B, &B->cover_sub, dk->subtitle.s, g->right - g->edge, &dk->subtitle);
        dp_page_tag(p, dp_tag_in(DP_ROLE_SUBTITLE, DP_PART_FRONT));
        y = dp_text_emit(L->a, dp_bk_cur(B), sb, 0, sb->n_lines, g->edge, y + 10, dk->subtitle.loc);
    }
    dp_page_untag(p);

    /* the facts, labelled in the rail, at the foot of the page */
    const char *labels[4], *values[4];
    dp_loc locs[4];
    int n = 0;
    if (dk->year)
        labels[n] = L->t->labels[DP_LABEL_DATE], locs[n] = dk->date.loc,
        values[n++] = dp_label_date(L->a, L->t->labels, dk->year, dk->month, dk->day);
    if (dk->venue.s)
        labels[n] = L->t->labels[DP_LABEL_VENUE], locs[n] = dk->venue.loc, values[n++] = dk->venue.s;
    if (dk->n_organizers) {
        char *who = dp_arena_strdup(L->a, dk->organizers[0].s);
        for (int i = 1; i < dk->n_organizers; i++)
            who = dp_arena_printf(L->a, "%s%s%s", who, L->t->labels[DP_LABEL_LIST_SEPARATOR], dk->organizers[i].s);
        labels[n] = L->t->labels[DP_LABEL_ORGANIZERS], locs[n] = dk->organizers[0].loc, values[n++] = who;
    }
    const char *what = dp_label_n(L->a, L->t->labels, DP_LABEL_ITEMS, dk->n_items);
    if (dk->n_sections > 1)
        what = dp_arena_printf(L->a, "%s · %s", dp_label_n(L->a, L->t->labels, DP_LABEL_SECTIONS, dk->n_sections), what);
    int n_facts = n; /* the count after them is furniture: the structure has the items */
    labels[n] = L->t->labels[DP_LABEL_PROGRAMME], locs[n] = (dp_loc){0}, values[n++] = what;
    dp_textblock *vb[4];
    float h = -6;
    for (int i = 0; i < n; i++) {
        vb[i] = dp_bk_lay(B, &B->cover_value, values[i], g->w, NULL);
        h += dp_text_total_height(vb[i]) + 6;
    }
    y = fmaxf(y + 54, L->B - h);
    dp_page_line(L->a, dp_bk_cur(B), g->edge, y - 18, g->right, y - 18, 0.5f, pal[DP_COLOR_RULE]);
    for (int i = 0; i < n; i++) {
        dp_text_line(L->a, dp_bk_cur(B), L->fonts, &B->label, labels[i], g->edge,
                     dp_text_first_baseline(&B->cover_value, y), 0, (dp_loc){0});
        facts.block = i + 1;
        if (i < n_facts)
            dp_page_tag(p, facts);
        y = dp_text_emit(L->a, dp_bk_cur(B), vb[i], 0, vb[i]->n_lines, g->text, y, locs[i]) + 6;
        dp_page_untag(p);
    }
}

/* ===== Contents ===== */

static const float TOC_PAGE_W = 30; /* room kept for a page number */

/* A row of the contents. Laid out quietly: the text it repeats reports its
 * own missing glyphs where the booklet sets it. */
static int add_row(bk *B, const char *prefix, const char *number, const char *title, bool bold,
                   dp_loc src, int *target)
{
    const geom *g = &B->span;
    toc_row *r = dp_arena_push(B->L.a, &B->rows, &B->n_rows, &B->cap_rows, sizeof *B->rows);
    float nw = number ? B->num_indent * 0.5f + 8 : 0;
    /* an entry is a pointer to a page: an absurdly long title is cut, not flowed */
    r->tb = dp_bk_lay(B, bold ? &B->toc_main : &B->toc_item, dp_clip(B->L.a, title, 120), g->right - g->text - nw - TOC_PAGE_W, NULL);
    r->number = number, r->prefix = prefix, r->src = src, r->target = target;
    r->index = B->n_rows - 1;
    return B->n_rows - 1;
}

static float row_h(const bk *B, const toc_row *r)
{
    return (r->prefix && !B->span.rail ? B->label_h : 0) + dp_text_total_height(r->tb);
}

/* Page numbers, dotted leaders and links, once every target is placed. */
void dp_bk_finish_contents(bk *B)
{
    dp_lay *L = &B->L;
    for (int i = 0; i < B->n_rows; i++) {
        toc_row *r = &B->rows[i];
        dp_page *p = dp_bk_page_at(B, r->page);
        int target = *r->target;
        const char *num = dp_arena_printf(L->a, "%d", target);
        dp_page_tag(p, dp_bk_row_tag(r));
        float w = dp_text_line(L->a, p, L->fonts, &B->toc_page, num, r->right, r->base, 1, (dp_loc){0});
        dp_page_untag(p);
        /* leader dots on a grid shared by every row, so they line up */
        float pitch = 3.5f, from = r->end_x + 5, to = r->right - w - 5;
        float x = r->x + ceilf((from - r->x) / pitch) * pitch;
        int first = p->n_ops;
        for (; x + 0.7f <= to; x += pitch)
            dp_page_rect(L->a, p, x, r->base - 0.7f, 0.7f, 0.7f, L->t->colors[DP_COLOR_META]);
        dp_page_group(L->a, p, first, "leader");
        dp_page_tag(p, dp_bk_row_tag(r));
        dp_op *op = dp_page_add_op(L->a, p, DP_OP_LINK);
        dp_page_untag(p);
        op->x_pt = r->x, op->y_pt = r->top - 2;
        op->as.link.w_pt = r->right - r->x;
        op->as.link.h_pt = r->base - r->top + 6;
        op->as.link.dest_page = target;
    }
}

/* A story of one contents row, or of a section row kept with its first
 * item. The contents are set in one column in either layout: its rows are
 * short, and a second column would stand empty on a one-page contents. */
static story row_story(bk *B, int row, float pad)
{
    story s = {.span = true, .pad = pad, .outline_level = -1};
    part *p = dp_bk_add(&s, P_TOC, 0, false);
    p->ref = row;
    p->h = row_h(B, &B->rows[row]);
    return s;
}

void dp_bk_contents(bk *B, targets *tg)
{
    dp_lay *L = &B->L;
    const dp_deck *dk = L->deck;
    B->kind = L->t->labels[DP_LABEL_CONTENTS];
    dp_bk_new_page(B);
    dp_dlist_add_outline(L->a, L->dl, 0, B->kind, B->page);
    story h = {.span = true, .outline_level = -1};
    dp_text none = {0};
    dp_bk_add_heading(B, &h, &B->span, "CONTENTS", &none, B->kind, (dp_loc){0},
                      dp_tag_in(DP_ROLE_CONTENTS_HEAD, DP_PART_CONTENTS));
    dp_bk_add(&h, P_RULE, 20, true);
    dp_bk_place(B, &h);

    if (dk->intro.present) {
        const dp_block *in = &dk->intro;
        story s = row_story(B, add_row(B, NULL, NULL, in->title.s ? in->title.s : L->t->labels[DP_LABEL_INTRO], true,
                                       in->title.s ? in->title.loc : in->loc, &tg->intro), 18);
        dp_bk_place(B, &s);
    }
    for (int si = 0; si < dk->n_sections; si++) {
        const dp_section *sec = &dk->sections[si];
        int r = add_row(B, dp_arena_printf(L->a, "PART %02d", si + 1), NULL, sec->title.s, true,
                        sec->title.loc, &tg->section[si]);
        story s = row_story(B, r, 18);
        for (int i = 0; i < sec->n_items; i++) {
            const dp_item *it = &sec->items[i];
            const dp_text *t = it->title.s ? &it->title : &it->question;
            int ir = add_row(B, NULL, dp_bk_number(B, it->number), t->s, false, t->loc,
                             &tg->item[it->number - 1]);
            if (i == 0) { /* a section row never ends a page */
                s.p[0].keep = true;
                part *p = dp_bk_add(&s, P_TOC, 4, false);
                p->ref = ir;
                p->h = row_h(B, &B->rows[ir]);
                dp_bk_place(B, &s);
            } else {
                story is = row_story(B, ir, 0);
                dp_bk_place(B, &is);
            }
        }
        if (sec->n_items == 0)
            dp_bk_place(B, &s);
    }
    if (dk->closing.present) {
        const dp_block *cl = &dk->closing;
        story s = row_story(B, add_row(B, NULL, NULL, cl->title.s ? cl->title.s : L->t->labels[DP_LABEL_CLOSING], true,
                                       cl->title.s ? cl->title.loc : cl->loc, &tg->closing), 18);
        dp_bk_place(B, &s);
    }
}
