/* layout_booklet_parts.c: the parts stories are made of and how a placed
 * part is drawn (layout_booklet.h): text parts and headings, the closing's
 * QR code, the contents' rows. The lowest of the booklet files: the flow
 * (layout_booklet_flow.c), the front matter (layout_booklet_front.c) and
 * the driver (layout_booklet.c) build on it, and it calls none of them. */
#include "layout_booklet.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

dp_page *dp_bk_page_at(bk *B, int i) { return &B->L.dl->pages[i]; }
dp_page *dp_bk_cur(bk *B) { return dp_bk_page_at(B, B->page); }

/* ===== Building stories ===== */

part *dp_bk_add(story *s, pkind kind, float gap, bool keep)
{
    assert(s->n < MAX_PARTS);
    part *p = &s->p[s->n++];
    memset(p, 0, sizeof *p);
    p->kind = kind, p->gap = gap, p->keep = keep;
    return p;
}

dp_textblock *dp_bk_lay(bk *B, const dp_textstyle *st, const char *s, float width, const dp_text *where)
{
    return dp_text_layout(B->L.a, B->L.fonts, st, s, (int)strlen(s), width, where, where ? B->L.d : NULL);
}

/* A text part of a deck field (NULL when the field is absent or empty). */
part *dp_bk_add_text(bk *B, story *s, const geom *g, const dp_textstyle *st, const dp_text *tx,
                     float gap, bool keep, float indent)
{
    if (!tx->s || !tx->len)
        return NULL;
    part *p = dp_bk_add(s, P_TEXT, gap, keep);
    p->tb = dp_text_layout(B->L.a, B->L.fonts, st, tx->s, tx->len, g->w - indent, tx, B->L.d);
    p->src = tx->loc;
    p->indent = indent;
    return p;
}

/* A text part set at the frame's edge, as wide as the frame; 'where' (may
 * be NULL) is the deck text it shows, for warnings. */
part *dp_bk_add_literal(bk *B, story *s, const geom *g, const dp_textstyle *st, const char *text,
                        float gap, bool keep, dp_loc src, const dp_text *where)
{
    part *p = dp_bk_add(s, P_TEXT, gap, keep);
    p->tb = dp_bk_lay(B, st, text, g->right - g->edge, where);
    p->src = src;
    p->at_edge = true;
    return p;
}

/* Kicker and heading, as section openers, the intro and the closing begin. */
void dp_bk_add_heading(bk *B, story *s, const geom *g, const char *kicker, const dp_text *title,
                       const char *fallback, dp_loc src, dp_tag tag)
{
    dp_bk_add_literal(B, s, g, &B->kicker, kicker, 0, true, src, NULL);
    bool given = title->s && *title->s;
    dp_bk_add_literal(B, s, g, &B->h2, given ? title->s : fallback, 6, true, given ? title->loc : src,
                      given ? title : NULL)->tag = tag;
}

const char *dp_bk_number(bk *B, int n)
{
    return dp_arena_printf(B->L.a, "%0*d", B->L.deck->n_items >= 100 ? 3 : 2, n);
}

/* ===== Closing QR ===== */

void dp_bk_draw_qr(bk *B, const geom *g, float top)
{
    dp_lay *L = &B->L;
    const dp_block *cl = &L->deck->closing;
    const float tile = 84;
    float x = g->text;
    dp_page *p = dp_bk_cur(B);
    dp_tag qt = dp_tag_in(DP_ROLE_QR, DP_PART_CLOSING);
    qt.alt = cl->qr.s;
    dp_page_tag(p, qt);
    dp_lay_qr(L, p, &cl->qr, x, top, tile, L->t->colors);
    float tx = x + tile + 14, w = g->right - tx, y = top + 10;
    if (cl->qr_label.s) {
        dp_textblock *tb = dp_bk_lay(B, &B->qr_label, cl->qr_label.s, w, &cl->qr_label);
        dp_page_tag(p, dp_tag_in(DP_ROLE_QR_LABEL, DP_PART_CLOSING));
        y = dp_text_emit(L->a, p, tb, 0, tb->n_lines, tx, y, cl->qr_label.loc) + 2;
    }
    const char *url = cl->qr.s, *sep = strstr(url, "://");
    if (sep)
        url = sep + 3;
    dp_textblock *ub = dp_bk_lay(B, &B->qr_url, url, w, NULL);
    dp_page_tag(p, dp_tag_in(DP_ROLE_QR_URL, DP_PART_CLOSING));
    float end = dp_text_emit(L->a, p, ub, 0, ub->n_lines, tx, y, cl->qr.loc);
    dp_op *op = dp_page_add_op(L->a, p, DP_OP_LINK);
    op->x_pt = x, op->y_pt = top;
    op->as.link.w_pt = tx + ub->max_line_pt - x;
    op->as.link.h_pt = fmaxf(tile, end - top);
    op->as.link.uri = cl->qr.s;
    dp_page_untag(p);
}

/* ===== Contents rows ===== */

/* The tag of a contents row: its text, page number and link. */
dp_tag dp_bk_row_tag(const toc_row *r)
{
    dp_tag t = dp_tag_in(DP_ROLE_CONTENTS, DP_PART_CONTENTS);
    t.block = r->index;
    return t;
}

void dp_bk_draw_row(bk *B, const geom *g, toc_row *r, float top)
{
    dp_lay *L = &B->L;
    dp_page_tag(dp_bk_cur(B), dp_bk_row_tag(r));
    if (r->prefix) {
        if (g->rail) {
            dp_text_line(L->a, dp_bk_cur(B), L->fonts, &B->kicker, r->prefix, g->edge,
                         dp_text_first_baseline(&r->tb->style, top), 0, r->src);
        } else {
            dp_lay_label(L, dp_bk_cur(B), &B->kicker, r->prefix, g->text, top, 0);
            top += B->label_h;
        }
    }
    float x = g->text;
    if (r->number) {
        dp_text_line(L->a, dp_bk_cur(B), L->fonts, &B->toc_no, r->number, x,
                     dp_text_first_baseline(&r->tb->style, top), 0, r->src);
        x += B->num_indent * 0.5f + 8;
    }
    float end = dp_text_emit(L->a, dp_bk_cur(B), r->tb, 0, r->tb->n_lines, x, top, r->src);
    dp_page_untag(dp_bk_cur(B));
    const dp_line *last = &r->tb->lines[r->tb->n_lines - 1];
    r->page = B->page;
    r->x = g->edge, r->right = g->right, r->top = top;
    r->base = end - r->tb->style.leading_pt + (dp_text_first_baseline(&r->tb->style, 0));
    r->end_x = x + last->indent + last->width;
}
