/* layout_booklet.c: the attendee booklet (design/SPEC.md section 6,
 * "Booklet (07)"): the whole deck as flowing, readable text on portrait
 * pages. A cover; a table of contents with page numbers and links; the
 * intro; per section an opener, then every item (number, topic, question,
 * answer, analysis); the closing with its QR code; a running head and a
 * folio "n / N" on every page but the cover. Speaker notes never appear.
 *
 * Text is never shrunk: everything is set at fixed sizes and flows from
 * frame to frame (a frame is a column of a page). Content comes as
 * "stories" (an item, a section opener, the intro, ...) made of "parts"
 * (a text block, a rule, a QR tile, a contents row). A story that fits in
 * the room left in a frame is set there; one that does not starts the next
 * frame; one taller than a frame is broken between lines, never inside its
 * heading chain (topic, question and the first two answer lines stay
 * together), with no single line left on either side of a break.
 *
 * Styles: the print template has no booklet elements. Rather than adding
 * ~20 style entries to every template, each booklet style is the template's
 * style of the matching slide element (fonts, colours, fake bold, justify,
 * markup) resized to the booklet's sizes (SPEC 6); see setup_styles(). A
 * template author's choice of faces and colours carries over to print. */
#include "handout.h"
#include "layout_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BODY_PT 10.5f
#define BODY_LEAD 16.8f

/* Geometry of a frame: its left edge, the x of its text, the text measure
 * (whole em, SPEC 3) and its right edge (rules run to it). In one column
 * the item numbers and block labels sit in a rail left of the text; in two
 * columns there is no room for one and labels go above their blocks. */
typedef struct {
    float edge, text, w, right;
    bool rail;
} geom;

typedef enum { P_TEXT, P_RULE, P_QR, P_TOC } pkind;

typedef struct {
    pkind kind;
    float gap;                  /* space above; dropped at the top of a frame */
    bool keep;                  /* never break between this part and the next */
    dp_textblock *tb;           /* P_TEXT */
    dp_loc src;
    bool at_edge;               /* set at the frame's edge, not at its text x */
    float indent;               /* from that x (a number beside the first line) */
    const char *label;          /* block label: in the rail or a line above */
    const dp_textstyle *label_st;
    const char *number;         /* item number on the first baseline */
    float h;                    /* P_QR, P_TOC: height */
    int ref;                    /* P_TOC: entry index */
} part;

enum { MAX_PARTS = 8 };

typedef struct {
    part p[MAX_PARTS];
    int n;
    bool span;                  /* full-width (1-column) geometry; else the columns */
    bool rule_before;           /* hairline above when not at a frame top */
    float pad, pad_after;       /* space above when not at a frame top; below */
    int start_page;             /* set when placed */
    int outline_level;          /* added to the outline when placed (-1: none) */
    const char *outline;
} story;

/* A contents row, drawn when placed; its page number, leader and link are
 * added once the page it points to is known. */
typedef struct {
    dp_textblock *tb;
    const char *number, *prefix;
    dp_loc src;
    int *target;                /* the story's start page */
    int page;                   /* where the row is */
    float x, right, top, base, end_x;
    bool bold;
} toc_row;

typedef struct {
    dp_lay L;                   /* fonts, roles, display list; L.L/R/T/B: live area */
    const dp_handout_opts *o;
    int ncols;
    geom span, colg[2];
    float head_top, folio_top;
    dp_textstyle kicker, h2, meta, num, topic, question, answer, analysis, intro, closing,
        label, label_acc, head, folio_n, folio_t, cover_title, cover_sub, cover_value, toc_main,
        toc_item, toc_no, toc_page, qr_label, qr_url;
    float label_h;              /* a label line above a block (two columns) */
    float num_indent;           /* two columns: topic indent beside the number */
    /* the flow */
    int page, col;
    float y, col_top;           /* columns start at col_top (below a span) */
    bool empty;                 /* nothing in the current frame yet */
    bool ruled;                 /* y is at a rule: the next story needs none */
    bool cols_used;             /* column content on this page */
    const char *kind;           /* running head (right) of new pages */
    const char **kinds;
    toc_row *rows;
    int n_rows;
} bk;

/* ===== Setup ===== */

static dp_textstyle sized(bk *B, dp_element el, float size, float leading)
{
    dp_textstyle st = dp_lay_resize(dp_lay_style(&B->L, el, B->L.t->colors), size);
    if (leading > 0)
        st.leading_pt = leading;
    return st;
}

static void setup_styles(bk *B)
{
    const dp_rgb *pal = B->L.t->colors;
    B->kicker = sized(B, DP_EL_KICKER, 8, 0);                   /* Manrope SemiBold, accent, +0.16 */
    B->h2 = sized(B, DP_EL_SECTION_TITLE, 20, 28);              /* Hei fake bold */
    B->h2.balance = true;
    B->meta = sized(B, DP_EL_SECTION_SUB, BODY_PT, BODY_LEAD);  /* text2 */
    B->num = sized(B, DP_EL_QA_NUMBER, 22, 22);                 /* Manrope Light, accent */
    B->topic = sized(B, DP_EL_QUESTION, 13, 20);                /* Hei fake bold, ink */
    B->topic.balance = true;
    B->question = sized(B, DP_EL_QUESTION, BODY_PT, BODY_LEAD);
    B->question.balance = true;
    B->answer = sized(B, DP_EL_ANSWER, BODY_PT, BODY_LEAD);     /* Hei, ink, justified */
    B->analysis = sized(B, DP_EL_ANALYSIS, BODY_PT, BODY_LEAD); /* Kai, text2, justified */
    B->intro = sized(B, DP_EL_INTRO_BODY, BODY_PT, BODY_LEAD);
    B->closing = sized(B, DP_EL_CLOSING_BODY, BODY_PT, BODY_LEAD);
    B->label = sized(B, DP_EL_LABEL, 8, 12);                    /* Hei, meta */
    B->label.tracking_em = 0.2f;
    B->label_acc = B->label;
    B->label_acc.color = pal[B->L.t->styles[DP_EL_ANSWER_LABEL].color];
    B->head = sized(B, DP_EL_FOOTER, 8, 12);
    B->folio_n = sized(B, DP_EL_PAGE_NUMBER, 9, 12);
    B->folio_t = sized(B, DP_EL_PAGE_TOTAL, 9, 12);
    B->cover_title = sized(B, DP_EL_TITLE, 30, 40);
    B->cover_title.balance = true;
    B->cover_sub = sized(B, DP_EL_SUBTITLE, 14, 21);
    B->cover_value = sized(B, DP_EL_AGENDA_TITLE, BODY_PT, BODY_LEAD);
    B->toc_main = sized(B, DP_EL_SECTION_TITLE, BODY_PT, BODY_LEAD);
    B->toc_item = sized(B, DP_EL_AGENDA_TITLE, 9.5f, 15.5f);
    B->toc_no = sized(B, DP_EL_QA_TOTAL, 9.5f, 15.5f);
    B->toc_no.tracking_em = 0;
    B->toc_page = sized(B, DP_EL_PAGE_NUMBER, 9.5f, 15.5f);
    B->qr_label = sized(B, DP_EL_QR_LABEL, 9, 14);
    B->qr_url = sized(B, DP_EL_QR_URL, 10, 15);
    B->label_h = B->label.leading_pt + 3;
    B->num_indent = dp_text_line(B->L.a, NULL, B->L.fonts, &B->num, "00", 0, 0, 0, (dp_loc){0}) + 8;
}

/* Margins of SPEC 6 for A4, scaled with the paper and never under 10 mm;
 * the measure stays whole em on any paper. */
static void setup_geometry(bk *B)
{
    dp_lay *L = &B->L;
    float sx = L->W / 595.28f, sy = L->H / 841.89f;
    float mm10 = 28.35f;
    float ml = fmaxf(mm10, 64 * sx), mr = fmaxf(mm10, 64 * sx);
    float mt = fmaxf(mm10, 72 * sy), mb = fmaxf(mm10, 64 * sy);
    L->L = ml, L->R = L->W - mr, L->T = mt, L->B = L->H - mb;
    B->head_top = 34 * sy;
    B->folio_top = L->H - 41.89f * sy;
    float live = L->R - L->L, rail = 56 + 16;
    B->span = (geom){L->L, L->L + rail, dp_lay_measure(live - rail, BODY_PT), L->R, true};
    B->ncols = B->o->columns == 2 ? 2 : 1;
    if (B->ncols == 1) {
        B->colg[0] = B->span;
    } else {
        float w = dp_lay_measure((live - 18) / 2, BODY_PT);
        float gutter = live - 2 * w;
        for (int c = 0; c < 2; c++) {
            float x = L->L + (float)c * (w + gutter);
            B->colg[c] = (geom){x, x, w, x + w, false};
        }
    }
}

/* ===== The flow ===== */

static dp_page *page_at(bk *B, int i) { return &B->L.dl->pages[i]; }
static dp_page *cur(bk *B) { return page_at(B, B->page); }

static void new_page(bk *B)
{
    dp_lay *L = &B->L;
    int i = L->dl->n_pages;
    dp_dlist_add_page(L->a, L->dl, L->W, L->H);
    B->kinds = dp_arena_grow(L->a, B->kinds, (size_t)i, (size_t)i + 1, sizeof *B->kinds);
    B->kinds[i] = B->kind;
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
        new_page(B);
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

static float story_h(const bk *B, const story *s)
{
    const geom *g = s->span ? &B->span : &B->colg[0];
    float h = 0;
    for (int i = 0; i < s->n; i++)
        h += (i ? s->p[i].gap : 0) + part_h(B, g, &s->p[i], s->p[i].tb ? s->p[i].tb->n_lines : 0);
    return h;
}

/* The least that must start in a frame: the chain of kept parts and the
 * first two lines of the part after it. */
static float story_min_h(const bk *B, const story *s)
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
    dp_page_line(B->L.a, cur(B), g->edge, y, g->right, y, 0.5f, B->L.t->colors[DP_COLOR_RULE]);
}

static void draw_toc_row(bk *B, const geom *g, toc_row *r, float top);
static void draw_qr(bk *B, const geom *g, float top);

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
        dp_text_line(L->a, cur(B), L->fonts, &st, dp_arena_printf(L->a, "%s（续）", p->label),
                     g->edge, dp_text_first_baseline(&p->tb->style, top), 0, (dp_loc){0});
    } else if (first == 0 && p->label) {
        float base = dp_text_first_baseline(&p->tb->style, top);
        if (g->rail) {
            dp_text_line(L->a, cur(B), L->fonts, p->label_st, p->label, g->edge, base, 0, (dp_loc){0});
        } else {
            dp_lay_label(L, cur(B), p->label_st, p->label, x, top, 0);
            top += B->label_h;
        }
    }
    if (first == 0 && p->number)
        dp_text_line(L->a, cur(B), L->fonts, &B->num, p->number, g->edge,
                     dp_text_first_baseline(&p->tb->style, top), 0, p->src);
    dp_text_emit(L->a, cur(B), p->tb, first, n, x, top, p->src);
}

static void place_story(bk *B, story *s)
{
    float lead = B->empty ? 0 : s->pad;
    if (!B->empty) {
        float h = story_h(B, s), need = B->y + lead;
        if (need + h > B->L.B + 0.01f &&
            (h <= next_frame_h(B, s->span) + 0.01f || need + story_min_h(B, s) > B->L.B + 0.01f)) {
            next_frame(B, s->span);
            lead = 0;
        }
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
                if (i == 0 && first == 0) {
                    s->start_page = B->page;
                    if (s->outline)
                        dp_dlist_add_outline(B->L.a, B->L.dl, s->outline_level, s->outline, B->page);
                }
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
            s->start_page = B->page;
        if (p->kind == P_RULE)
            draw_rule(B, g, B->y + gap);
        else if (p->kind == P_QR)
            draw_qr(B, g, B->y + gap);
        else
            draw_toc_row(B, g, &B->rows[p->ref], B->y + gap);
        B->y += gap + p->h;
        B->empty = false;
        B->ruled = p->kind == P_RULE;
        B->cols_used |= !s->span;
    }
    B->y += s->pad_after;
    if (s->span) /* columns start below, as the first one does after a rule */
        B->col_top = B->y + (B->ruled ? 18 : 0);
}

/* ===== Building stories ===== */

static part *add(story *s, pkind kind, float gap, bool keep)
{
    part *p = &s->p[s->n++];
    memset(p, 0, sizeof *p);
    p->kind = kind, p->gap = gap, p->keep = keep;
    return p;
}

static dp_textblock *lay(bk *B, const dp_textstyle *st, const char *s, float width, const dp_text *where)
{
    return dp_text_layout(B->L.a, B->L.fonts, st, s, (int)strlen(s), width, where, where ? B->L.d : NULL);
}

/* A text part of a deck field (NULL when the field is absent or empty). */
static part *add_text(bk *B, story *s, const geom *g, const dp_textstyle *st, const dp_text *tx,
                      float gap, bool keep, float indent)
{
    if (!tx->s || !tx->len)
        return NULL;
    part *p = add(s, P_TEXT, gap, keep);
    p->tb = dp_text_layout(B->L.a, B->L.fonts, st, tx->s, tx->len, g->w - indent, tx, B->L.d);
    p->src = tx->loc;
    p->indent = indent;
    return p;
}

static part *add_literal(bk *B, story *s, const geom *g, const dp_textstyle *st, const char *text,
                         float gap, bool keep, dp_loc src)
{
    part *p = add(s, P_TEXT, gap, keep);
    p->tb = lay(B, st, text, g->right - g->edge, NULL);
    p->src = src;
    p->at_edge = true;
    return p;
}

/* Kicker and heading, as section openers, the intro and the closing begin. */
static void add_heading(bk *B, story *s, const geom *g, const char *kicker, const dp_text *title,
                        const char *fallback, dp_loc src)
{
    add_literal(B, s, g, &B->kicker, kicker, 0, true, src);
    const char *t = title->s && *title->s ? title->s : fallback;
    part *p = add_literal(B, s, g, &B->h2, t, 6, true, title->s ? title->loc : src);
    p->tb = lay(B, &B->h2, t, g->right - g->edge, title->s ? title : NULL);
}

static const char *two_digits(bk *B, int n)
{
    return dp_arena_printf(B->L.a, "%0*d", B->L.deck->n_items >= 100 ? 3 : 2, n);
}

static story item_story(bk *B, const dp_item *it, bool after_rule)
{
    const geom *g = &B->colg[0];
    story s = {.rule_before = !after_rule, .pad = 18, .pad_after = 16, .outline_level = 1};
    s.outline = dp_arena_printf(B->L.a, "%d. %s", it->number, it->title.s ? it->title.s : it->question.s);
    const char *no = two_digits(B, it->number);
    float indent = g->rail ? 0 : B->num_indent;
    part *t = add_text(B, &s, g, &B->topic, &it->title, 0, true, indent);
    part *q = add_text(B, &s, g, &B->question, &it->question, 9, true, t ? 0 : indent);
    if (t)
        t->number = no;
    if (q && t) {
        q->label = "题目", q->label_st = &B->label;
    } else if (q) { /* no topic: the number heads the question, in place of its label */
        q->number = no, q->gap = 0;
    }
    part *a = add_text(B, &s, g, &B->answer, &it->answer, 7, false, 0);
    if (a)
        a->label = "答案", a->label_st = &B->label_acc;
    part *n = add_text(B, &s, g, &B->analysis, &it->analysis, 7, false, 0);
    if (n)
        n->label = "解析", n->label_st = &B->label;
    return s;
}

static const char *part_name(bk *B, int s)
{
    static const char *d[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int n = s + 1;
    const char *num = n < 10    ? d[n]
                      : n < 20  ? dp_arena_printf(B->L.a, "十%s", d[n % 10])
                      : n < 100 ? dp_arena_printf(B->L.a, "%s十%s", d[n / 10], d[n % 10])
                                : dp_arena_printf(B->L.a, "%d", n);
    return dp_arena_printf(B->L.a, "第%s部分", num);
}

static story opener_story(bk *B, int si)
{
    const dp_section *sec = &B->L.deck->sections[si];
    story s = {.span = true, .pad = 40, .outline_level = 0, .outline = sec->title.s};
    add_heading(B, &s, &B->span, dp_arena_printf(B->L.a, "PART %02d", si + 1), &sec->title, "",
                sec->loc);
    const char *m = sec->subtitle.s ? sec->subtitle.s : dp_arena_printf(B->L.a, "%d 题", sec->n_items);
    part *p = add_literal(B, &s, &B->span, &B->meta, m, 10, true, sec->subtitle.s ? sec->subtitle.loc : sec->loc);
    (void)p;
    add(&s, P_RULE, 20, true);
    return s;
}

static story intro_story(bk *B)
{
    const dp_block *in = &B->L.deck->intro;
    story s = {.span = true, .pad = 0, .pad_after = 0, .outline_level = 0};
    s.outline = in->title.s ? in->title.s : "引言";
    add_heading(B, &s, &B->span, "INTRODUCTION", &in->title, "引言", in->loc);
    add(&s, P_RULE, 20, true);
    add_text(B, &s, &B->span, &B->intro, &in->body, 18, false, 0);
    return s;
}

static story closing_story(bk *B)
{
    const dp_block *cl = &B->L.deck->closing;
    const geom *g = &B->colg[0];
    story s = {.rule_before = true, .pad = 24, .outline_level = 0};
    s.outline = cl->title.s ? cl->title.s : "结语";
    add_heading(B, &s, g, "CLOSING", &cl->title, "结语", cl->loc);
    part *b = add_text(B, &s, g, &B->closing, &cl->body, 12, true, 0);
    if (cl->qr.s && cl->qr.len) {
        add(&s, P_QR, 16, false)->h = 84;
    } else if (b) {
        b->keep = false;
    } else {
        s.p[s.n - 1].keep = false;
    }
    return s;
}

/* ===== Closing QR ===== */

static void draw_qr(bk *B, const geom *g, float top)
{
    dp_lay *L = &B->L;
    const dp_block *cl = &L->deck->closing;
    const float tile = 84;
    float x = g->text;
    dp_lay_qr(L, cur(B), &cl->qr, x, top, tile, L->t->colors);
    float tx = x + tile + 14, w = g->right - tx, y = top + 10;
    if (cl->qr_label.s) {
        dp_textblock *tb = lay(B, &B->qr_label, cl->qr_label.s, w, &cl->qr_label);
        y = dp_text_emit(L->a, cur(B), tb, 0, tb->n_lines, tx, y, cl->qr_label.loc) + 2;
    }
    const char *url = cl->qr.s, *sep = strstr(url, "://");
    if (sep)
        url = sep + 3;
    dp_textblock *ub = lay(B, &B->qr_url, url, w, NULL);
    float end = dp_text_emit(L->a, cur(B), ub, 0, ub->n_lines, tx, y, cl->qr.loc);
    dp_op *op = dp_page_add_op(L->a, cur(B), DP_OP_LINK);
    op->x_pt = x, op->y_pt = top;
    op->as.link.w_pt = tx + ub->max_line_pt - x;
    op->as.link.h_pt = fmaxf(tile, end - top);
    op->as.link.uri = cl->qr.s;
}

/* ===== Cover ===== */

static void cover(bk *B)
{
    dp_lay *L = &B->L;
    const dp_deck *dk = L->deck;
    const dp_rgb *pal = L->t->colors;
    B->kind = NULL;
    new_page(B);
    dp_page *p = cur(B);
    p->label = "封面";
    p->title = dk->title.s;
    const geom *g = &B->span;
    dp_lay_label(L, p, &B->kicker, "ATTENDEE HANDOUT", g->edge, L->T, 0);
    if (L->t->matrix) {
        float pitch = 8, size = 23 * pitch - (pitch - pitch * 14.0f / 18.0f);
        dp_lay_matrix(L, p, pal, g->right - size, L->T, pitch);
    }
    float y = L->H * 0.40f;
    if (dk->event.s && strcmp(dk->event.s, dk->title.s) != 0) {
        dp_textblock *eb = lay(B, &B->meta, dk->event.s, g->right - g->edge, &dk->event);
        y = dp_text_emit(L->a, cur(B), eb, 0, eb->n_lines, g->edge, y - eb->n_lines * B->meta.leading_pt - 8,
                         dk->event.loc) + 8;
    }
    dp_textblock *tb = lay(B, &B->cover_title, dk->title.s, g->right - g->edge, &dk->title);
    y = dp_text_emit(L->a, cur(B), tb, 0, tb->n_lines, g->edge, y, dk->title.loc);
    if (dk->subtitle.s) {
        dp_textblock *sb = lay(B, &B->cover_sub, dk->subtitle.s, g->right - g->edge, &dk->subtitle);
        y = dp_text_emit(L->a, cur(B), sb, 0, sb->n_lines, g->edge, y + 10, dk->subtitle.loc);
    }
    y += 36;
    dp_page_line(L->a, cur(B), g->edge, y, g->right, y, 0.5f, pal[DP_COLOR_RULE]);
    y += 18;

    /* the facts, labelled in the rail */
    const char *labels[4], *values[4];
    dp_loc locs[4];
    int n = 0;
    if (dk->year)
        labels[n] = "日期", locs[n] = dk->date.loc,
        values[n++] = dp_arena_printf(L->a, "%d年%d月%d日", dk->year, dk->month, dk->day);
    if (dk->venue.s)
        labels[n] = "地点", locs[n] = dk->venue.loc, values[n++] = dk->venue.s;
    if (dk->n_organizers) {
        char *who = dp_arena_strdup(L->a, dk->organizers[0].s);
        for (int i = 1; i < dk->n_organizers; i++)
            who = dp_arena_printf(L->a, "%s、%s", who, dk->organizers[i].s);
        labels[n] = "主办", locs[n] = dk->organizers[0].loc, values[n++] = who;
    }
    const char *what = dk->n_sections > 1
                           ? dp_arena_printf(L->a, "%d 个部分 · %d 题，每题含题目、答案与解析", dk->n_sections, dk->n_items)
                           : dp_arena_printf(L->a, "%d 题，每题含题目、答案与解析", dk->n_items);
    labels[n] = "内容", locs[n] = (dp_loc){0}, values[n++] = what;
    for (int i = 0; i < n; i++) {
        dp_textblock *vb = lay(B, &B->cover_value, values[i], g->w, NULL);
        dp_text_line(L->a, cur(B), L->fonts, &B->label, labels[i], g->edge,
                     dp_text_first_baseline(&B->cover_value, y), 0, (dp_loc){0});
        y = dp_text_emit(L->a, cur(B), vb, 0, vb->n_lines, g->text, y, locs[i]) + 6;
    }
}

/* ===== Contents ===== */

static const float TOC_PAGE_W = 30; /* room kept for a page number */

static int add_row(bk *B, const char *prefix, const char *number, const char *title, bool bold,
                   const dp_text *where, dp_loc src, int *target)
{
    const geom *g = &B->span;
    B->rows = dp_arena_grow(B->L.a, B->rows, (size_t)B->n_rows, (size_t)B->n_rows + 1, sizeof *B->rows);
    toc_row *r = &B->rows[B->n_rows];
    memset(r, 0, sizeof *r);
    float nw = number ? B->num_indent * 0.5f + 8 : 0;
    r->tb = lay(B, bold ? &B->toc_main : &B->toc_item, title, g->right - g->text - nw - TOC_PAGE_W, where);
    r->number = number, r->prefix = prefix, r->src = src, r->target = target, r->bold = bold;
    return B->n_rows++;
}

static float row_h(const bk *B, const toc_row *r)
{
    return (r->prefix && !B->span.rail ? B->label_h : 0) + dp_text_total_height(r->tb);
}

static void draw_toc_row(bk *B, const geom *g, toc_row *r, float top)
{
    dp_lay *L = &B->L;
    if (r->prefix) {
        if (g->rail) {
            dp_text_line(L->a, cur(B), L->fonts, &B->kicker, r->prefix, g->edge,
                         dp_text_first_baseline(&r->tb->style, top), 0, r->src);
        } else {
            dp_lay_label(L, cur(B), &B->kicker, r->prefix, g->text, top, 0);
            top += B->label_h;
        }
    }
    float x = g->text;
    if (r->number) {
        dp_text_line(L->a, cur(B), L->fonts, &B->toc_no, r->number, x,
                     dp_text_first_baseline(&r->tb->style, top), 0, r->src);
        x += B->num_indent * 0.5f + 8;
    }
    float end = dp_text_emit(L->a, cur(B), r->tb, 0, r->tb->n_lines, x, top, r->src);
    const dp_line *last = &r->tb->lines[r->tb->n_lines - 1];
    r->page = B->page;
    r->x = g->edge, r->right = g->right, r->top = top;
    r->base = end - r->tb->style.leading_pt + (dp_text_first_baseline(&r->tb->style, 0));
    r->end_x = x + last->indent + last->width;
}

/* Page numbers, dotted leaders and links, once every target is placed. */
static void finish_rows(bk *B)
{
    dp_lay *L = &B->L;
    for (int i = 0; i < B->n_rows; i++) {
        toc_row *r = &B->rows[i];
        dp_page *p = page_at(B, r->page);
        int target = *r->target;
        const char *num = dp_arena_printf(L->a, "%d", target);
        float w = dp_text_line(L->a, p, L->fonts, &B->toc_page, num, r->right, r->base, 1, (dp_loc){0});
        /* leader dots on a grid shared by every row, so they line up */
        float pitch = 3.5f, from = r->end_x + 5, to = r->right - w - 5;
        float x = r->x + ceilf((from - r->x) / pitch) * pitch;
        for (; x + 0.7f <= to; x += pitch)
            dp_page_rect(L->a, p, x, r->base - 0.7f, 0.7f, 0.7f, L->t->colors[DP_COLOR_META]);
        dp_op *op = dp_page_add_op(L->a, p, DP_OP_LINK);
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
    part *p = add(&s, P_TOC, 0, false);
    p->ref = row;
    p->h = row_h(B, &B->rows[row]);
    return s;
}

typedef struct {
    int intro, closing;
    int *section, *item;        /* start pages */
} targets;

static void contents(bk *B, targets *tg)
{
    dp_lay *L = &B->L;
    const dp_deck *dk = L->deck;
    B->kind = "目录";
    new_page(B);
    dp_dlist_add_outline(L->a, L->dl, 0, "目录", B->page);
    story h = {.span = true, .outline_level = -1};
    dp_text none = {0};
    add_heading(B, &h, &B->span, "CONTENTS", &none, "目录", (dp_loc){0});
    add(&h, P_RULE, 20, true);
    place_story(B, &h);

    if (dk->intro.present) {
        story s = row_story(B, add_row(B, NULL, NULL, dk->intro.title.s ? dk->intro.title.s : "引言", true,
                                       &dk->intro.title, dk->intro.loc, &tg->intro), 18);
        place_story(B, &s);
    }
    for (int si = 0; si < dk->n_sections; si++) {
        const dp_section *sec = &dk->sections[si];
        int r = add_row(B, dp_arena_printf(L->a, "PART %02d", si + 1), NULL, sec->title.s, true,
                        &sec->title, sec->loc, &tg->section[si]);
        story s = row_story(B, r, 18);
        for (int i = 0; i < sec->n_items; i++) {
            const dp_item *it = &sec->items[i];
            const dp_text *t = it->title.s ? &it->title : &it->question;
            int ir = add_row(B, NULL, two_digits(B, it->number), t->s, false, t, it->loc,
                             &tg->item[it->number - 1]);
            if (i == 0) { /* a section row never ends a column */
                s.p[0].keep = true;
                part *p = add(&s, P_TOC, 4, false);
                p->ref = ir;
                p->h = row_h(B, &B->rows[ir]);
                place_story(B, &s);
            } else {
                story is = row_story(B, ir, 0);
                place_story(B, &is);
            }
        }
        if (sec->n_items == 0)
            place_story(B, &s);
    }
    if (dk->closing.present) {
        story s = row_story(B, add_row(B, NULL, NULL, dk->closing.title.s ? dk->closing.title.s : "结语",
                                       true, &dk->closing.title, dk->closing.loc, &tg->closing), 18);
        place_story(B, &s);
    }
}

/* ===== Running head and folio ===== */

static void chrome(bk *B)
{
    dp_lay *L = &B->L;
    const dp_deck *dk = L->deck;
    int total = L->dl->n_pages - 1;
    const char *event = dk->event.s ? dk->event.s : dk->title.s;
    int digits = total >= 100 ? 3 : 2;
    for (int i = 1; i < L->dl->n_pages; i++) {
        dp_page *p = page_at(B, i);
        p->label = dp_arena_printf(L->a, "%d", i);
        p->title = B->kinds[i];
        float rw = B->kinds[i] ? dp_lay_label(L, p, &B->head, B->kinds[i], L->R, B->head_top, 1) : 0;
        float lw = dp_text_line(L->a, NULL, L->fonts, &B->head, event, 0, 0, 0, (dp_loc){0});
        if (lw + rw + 24 <= L->R - L->L)
            dp_lay_label(L, p, &B->head, event, L->L, B->head_top, 0);
        float ry = B->head_top + B->head.leading_pt + 6;
        dp_page_line(L->a, p, L->L, ry, L->R, ry, 0.5f, L->t->colors[DP_COLOR_RULE]);

        char cur_s[16], tot_s[16];
        snprintf(cur_s, sizeof cur_s, "%0*d", digits, i);
        snprintf(tot_s, sizeof tot_s, "%0*d", digits, total);
        float x = L->R, gap = 0.25f * B->folio_t.size_pt;
        x -= dp_lay_label(L, p, &B->folio_t, tot_s, x, B->folio_top, 1) + gap;
        x -= dp_lay_label(L, p, &B->folio_t, "/", x, B->folio_top, 1) + gap;
        dp_lay_label(L, p, &B->folio_n, cur_s, x, B->folio_top, 1);
    }
}

/* ===== Driver ===== */

dp_dlist *dp_layout_booklet(dp_arena *a, const dp_deck *deck, const dp_template *t,
                            dp_fonts *fonts, const dp_handout_opts *o, dp_diags *d)
{
    bk B;
    memset(&B, 0, sizeof B);
    if (!dp_lay_init(&B.L, a, deck, t, fonts, d))
        return NULL;
    B.o = o;
    B.L.W = o->paper_w_pt, B.L.H = o->paper_h_pt;
    setup_geometry(&B);
    setup_styles(&B);

    targets tg = {0};
    tg.section = dp_arena_alloc(a, sizeof(int) * (size_t)(deck->n_sections + 1));
    tg.item = dp_arena_alloc(a, sizeof(int) * (size_t)(deck->n_items + 1));
    cover(&B);
    contents(&B, &tg);

    int intro_page = -1;
    if (deck->intro.present) {
        B.kind = deck->intro.title.s ? deck->intro.title.s : "引言";
        new_page(&B);
        story s = intro_story(&B);
        place_story(&B, &s);
        tg.intro = s.start_page;
        intro_page = B.page;
    }
    for (int si = 0; si < deck->n_sections; si++) {
        const dp_section *sec = &deck->sections[si];
        B.kind = dp_arena_printf(a, "%s  %s", part_name(&B, si), sec->title.s);
        story op = opener_story(&B, si);
        /* a section opens a page; after the intro only when it fits there
         * with the start of its first item */
        float need = op.pad + story_h(&B, &op);
        if (sec->n_items) {
            story first = item_story(&B, &sec->items[0], true);
            need += first.pad + story_min_h(&B, &first);
        }
        if (B.page != intro_page || B.cols_used || B.y + need > B.L.B)
            new_page(&B);
        if (B.page == intro_page)
            B.kinds[B.page] = B.kind;
        place_story(&B, &op);
        tg.section[si] = op.start_page;
        for (int i = 0; i < sec->n_items; i++) {
            const dp_item *it = &sec->items[i];
            story s = item_story(&B, it, i == 0);
            place_story(&B, &s);
            tg.item[it->number - 1] = s.start_page;
        }
    }
    if (deck->closing.present) {
        B.kind = deck->closing.title.s ? deck->closing.title.s : "结语";
        story s = closing_story(&B);
        if (B.page == 0 || (deck->n_sections == 0 && B.page != intro_page))
            new_page(&B);
        place_story(&B, &s);
        tg.closing = s.start_page;
    }
    finish_rows(&B);
    chrome(&B);
    return B.L.dl;
}
