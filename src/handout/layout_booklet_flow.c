/* layout_booklet_flow.c: frames and stories of the booklet: where each
 * story goes, how a story taller than a frame breaks (layout_booklet.h). */
#include "layout_booklet.h"

#include <string.h>

void dp_bk_new_page(bk *B)
{
    dp_lay *L = &B->L;
    int i = L->dl->n_pages;
    dp_dlist_add_page(L->a, L->dl, L->W, L->H);
    int n = i;
    *(const char **)dp_arena_push(L->a, &B->kinds, &n, &B->cap_kinds, sizeof *B->kinds) = B->kind;
    B->page = i, B->col = 0;
    B->y = B->col_top = L->T;
    B->empty = true, B->ruled = false, B->cols_used = false;
}

static void next_frame(bk *B, bool span)
{
    if (!span && B->col + 1 < B->ncols) {
        B->col++;
        B->y = B->col_top;
        B->empty = true, B->ruled = false;
    } else {
        dp_bk_new_page(B);
    }
}

static float next_frame_h(const bk *B, bool span)
{
    return (!span && B->col + 1 < B->ncols ? B->L.B - B->col_top : B->L.B - B->L.T);
}

static const geom *frame(const bk *B, bool span) { return span ? &B->span : &B->colg[B->col]; }

static float label_room(const bk *B, const geom *g, const part *p, int first)
{
    return first == 0 && p->label && !g->rail ? B->label_h : 0;
}

static float part_h(const bk *B, const geom *g, const part *p, int n_lines)
{
    if (p->kind != P_TEXT)
        return p->h;
    return label_room(B, g, p, 0) + dp_text_height(p->tb, 0, n_lines);
}

float dp_bk_story_h(const bk *B, const story *s)
{
    const geom *g = s->span ? &B->span : &B->colg[0];
    float h = 0;
    for (int i = 0; i < s->n; i++)
        h += (i ? s->p[i].gap : 0) + part_h(B, g, &s->p[i], s->p[i].tb ? s->p[i].tb->n_lines : 0);
    return h;
}

/* The least that must start in a frame: the chain of kept parts and the
 * first two lines of the part after it. */
float dp_bk_story_min_h(const bk *B, const story *s)
{
    const geom *g = s->span ? &B->span : &B->colg[0];
    float h = 0;
    for (int i = 0; i < s->n; i++) {
        const part *p = &s->p[i];
        int n = p->tb ? p->tb->n_lines : 0;
        if (!p->keep && n > 2)
            n = 2;
        h += (i ? p->gap : 0) + part_h(B, g, p, n);
        if (!p->keep)
            break;
    }
    return h;
}

static void draw_rule(bk *B, const geom *g, float y)
{
    dp_page_line(B->L.a, dp_bk_cur(B), g->edge, y, g->right, y, 0.5f, B->L.t->colors[DP_COLOR_RULE]);
}

/* A break before line k would leave a paragraph's first line alone at the
 * bottom of a frame, or its last line alone at the top of the next. */
static bool bad_break(const dp_textblock *tb, int k)
{
    const dp_line *a = &tb->lines[k - 1], *b = &tb->lines[k];
    return a->para == b->para && (a->starts_para || b->is_last);
}

/* Lines of a text part to set in 'avail' from line 'first': at least two
 * of the block on each side of a break, and no lone line of a paragraph,
 * unless even an empty frame could hold no more. */
static int lines_here(const bk *B, const part *p, int first, float avail)
{
    int rest = p->tb->n_lines - first;
    int fit = dp_lay_lines_fitting(p->tb, first, avail), n = fit;
    if (n >= rest)
        return rest;
    if (rest - n == 1)
        n--;
    while (n > 0 && bad_break(p->tb, first + n))
        n--;
    if (n < 2)
        n = 0;
    if (n == 0 && B->empty)
        n = fit > 0 ? fit : 1;
    return n;
}

static void emit_text(bk *B, const geom *g, const part *p, int first, int n, float top)
{
    dp_lay *L = &B->L;
    float x = (p->at_edge ? g->edge : g->text) + p->indent;
    if (first > 0 && p->label && g->rail) { /* a block continued from the previous page */
        dp_textstyle st = B->label;
        st.tracking_em = 0; /* letter-spaced brackets fall apart */
        const char *more = L->t->labels[DP_LABEL_CONTINUED], *both = dp_arena_printf(L->a, "%s%s", p->label, more);
        float base = dp_text_first_baseline(&p->tb->style, top);
        if (dp_text_line(L->a, NULL, L->fonts, &st, both, 0, 0, 0, (dp_loc){0}) <= g->text - g->edge - 4) {
            dp_text_line(L->a, dp_bk_cur(B), L->fonts, &st, both, g->edge, base, 0, (dp_loc){0});
        } else { /* "Answer (continued)" is wider than the rail: the mark goes under the label */
            dp_text_line(L->a, dp_bk_cur(B), L->fonts, &st, p->label, g->edge, base, 0, (dp_loc){0});
            dp_text_line(L->a, dp_bk_cur(B), L->fonts, &st, more + strspn(more, " "), g->edge,
                         base + st.leading_pt, 0, (dp_loc){0});
        }
    } else if (first == 0 && p->label) {
        float base = dp_text_first_baseline(&p->tb->style, top);
        if (g->rail) {
            dp_text_line(L->a, dp_bk_cur(B), L->fonts, p->label_st, p->label, g->edge, base, 0, (dp_loc){0});
        } else {
            dp_lay_label(L, dp_bk_cur(B), p->label_st, p->label, x, top, 0);
            top += B->label_h;
        }
    }
    if (first == 0 && p->number)
        dp_text_line(L->a, dp_bk_cur(B), L->fonts, &B->num, p->number, g->edge,
                     dp_text_first_baseline(&p->tb->style, top), 0, p->src);
    dp_page_tag(dp_bk_cur(B), p->tag);
    dp_text_emit(L->a, dp_bk_cur(B), p->tb, first, n, x, top, p->src);
    dp_page_untag(dp_bk_cur(B));
}

/* The story's first part is being set: note where (for the contents) and
 * add its outline entry. */
static void started(bk *B, story *s)
{
    s->start_page = B->page;
    if (s->outline)
        dp_dlist_add_outline(B->L.a, B->L.dl, s->outline_level, s->outline, B->page);
}

bool dp_bk_starts_here(const bk *B, const story *s, float y)
{
    float h = dp_bk_story_h(B, s), need = y + s->pad;
    return need + h <= B->L.B + 0.01f ||
           (h > next_frame_h(B, s->span) + 0.01f && need + dp_bk_story_min_h(B, s) <= B->L.B + 0.01f);
}

void dp_bk_place(bk *B, story *s)
{
    float lead = B->empty ? 0 : s->pad;
    if (!B->empty && !dp_bk_starts_here(B, s, B->y)) {
        next_frame(B, s->span);
        lead = 0;
    }
    if (!B->empty) {
        if (s->rule_before && !B->ruled)
            draw_rule(B, frame(B, s->span), B->y);
        B->y += lead;
    }
    for (int i = 0; i < s->n; i++) {
        part *p = &s->p[i];
        float gap = B->empty || i == 0 ? 0 : p->gap;
        if (p->kind == P_TEXT) {
            int first = 0;
            while (first < p->tb->n_lines) {
                const geom *g = frame(B, s->span);
                float lr = label_room(B, g, p, first);
                int n = lines_here(B, p, first, B->L.B - B->y - gap - lr);
                if (n == 0) {
                    next_frame(B, s->span);
                    gap = 0;
                    continue;
                }
                if (i == 0 && first == 0)
                    started(B, s);
                emit_text(B, g, p, first, n, B->y + gap);
                B->y += gap + lr + dp_text_height(p->tb, first, n);
                B->empty = B->ruled = false;
                B->cols_used |= !s->span;
                first += n;
                gap = 0;
                if (first < p->tb->n_lines)
                    next_frame(B, s->span);
            }
            continue;
        }
        if (!B->empty && B->y + gap + p->h > B->L.B + 0.01f) {
            next_frame(B, s->span);
            gap = 0;
        }
        const geom *g = frame(B, s->span);
        if (i == 0)
            started(B, s);
        if (p->kind == P_RULE)
            draw_rule(B, g, B->y + gap);
        else if (p->kind == P_QR)
            dp_bk_draw_qr(B, g, B->y + gap);
        else if (p->kind == P_IMAGE) {
            dp_page_tag(dp_bk_cur(B), p->tag);
            dp_lay_image(&B->L, dp_bk_cur(B), p->img, p->src, g->text, B->y + gap, g->w, p->h, 0, 0,
                         NULL, NULL);
            dp_page_untag(dp_bk_cur(B));
        } else
            dp_bk_draw_row(B, g, &B->rows[p->ref], B->y + gap);
        B->y += gap + p->h;
        B->empty = false;
        B->ruled = p->kind == P_RULE;
        B->cols_used |= !s->span;
    }
    B->y += s->pad_after;
    if (s->span) /* columns start below, as the first one does after a rule */
        B->col_top = B->y + (B->ruled ? 18 : 0);
}
