/* layout_qa.c: one slide per Q&A item (docs/design.md §5, "Q&A"): a rail with
 * the item number, the topic, the question as a balanced headline, the
 * answer, and the analysis on a tinted band. Fitting: shrink the answer and
 * analysis to their floors, then the question, then continue on （续）
 * slides with the same rail and topic. */
#include "layout_priv.h"

#include <stdio.h>

typedef struct {
    dp_textblock *q, *ans, *ana;
    float q_top;                /* question box top */
    float full_bottom;          /* where the item ends at the template's sizes */
    const dp_image *img;        /* the item's image, beside answer and analysis; NULL = none */
    float measure;              /* width of answer and analysis: narrower beside an image */
} qa_fit;

enum { PANEL_PAD_TOP = 14, PANEL_PAD_BOTTOM = 16, BLOCK_GAP = 26, RAIL_BOTTOM = 156 };

static float text_x(const dp_lay *L) { return dp_lay_col(L, 3); }
static float text_w(const dp_lay *L) { return L->R - dp_lay_col(L, 3); }

/* Where the answer starts below a question block. */
static float answer_top(const qa_fit *f)
{
    float y = f->q ? f->q_top + dp_text_total_height(f->q) : f->q_top;
    y += BLOCK_GAP;
    return y < RAIL_BOTTOM + BLOCK_GAP ? RAIL_BOTTOM + BLOCK_GAP : y;
}

static float total_bottom(const qa_fit *f)
{
    float y = answer_top(f) + dp_text_total_height(f->ans);
    if (f->ana && f->ana->n_lines)
        y += BLOCK_GAP + PANEL_PAD_TOP + dp_text_total_height(f->ana) + PANEL_PAD_BOTTOM;
    return y;
}

static dp_textblock *lay(dp_lay *L, dp_element el, const dp_text *tx, float size, float width, bool quiet)
{
    dp_textstyle st = dp_lay_resize(dp_lay_style(L, el, L->t->colors), size);
    st.balance = el == DP_EL_QUESTION;
    float w = st.justify ? dp_lay_measure(width, size) : width;
    return dp_text_layout(L->scratch, L->fonts, &st, tx->s, tx->s ? tx->len : 0, w, tx, quiet ? NULL : L->d);
}

/* Try sizes from the template's down to the floors: body text first (one
 * pt at a time), then the question. Returns true when everything fits. */
static bool fit_item(dp_lay *L, const dp_item *it, qa_fit *f)
{
    const dp_style *qs = &L->t->styles[DP_EL_QUESTION], *as = &L->t->styles[DP_EL_ANSWER],
                   *ns = &L->t->styles[DP_EL_ANALYSIS];
    float qmin = qs->min_size_pt > 0 ? qs->min_size_pt : qs->size_pt;
    float amin = as->min_size_pt > 0 ? as->min_size_pt : as->size_pt;
    float nmin = ns->min_size_pt > 0 ? ns->min_size_pt : ns->size_pt;
    bool first = true;
    for (float q = qs->size_pt; q >= qmin - 0.001f; q -= 1) {
        f->q = lay(L, DP_EL_QUESTION, &it->question, q, text_w(L) - 6, !first);
        for (float step = 0;; step += 1) {
            float a = as->size_pt - step, n = ns->size_pt - step;
            if (a < amin) a = amin;
            if (n < nmin) n = nmin;
            f->ans = lay(L, DP_EL_ANSWER, &it->answer, a, f->measure, !first);
            f->ana = it->analysis.s ? lay(L, DP_EL_ANALYSIS, &it->analysis, n, f->measure, !first) : NULL;
            if (first)
                f->full_bottom = total_bottom(f);
            first = false;
            if (total_bottom(f) <= L->B + 0.01f)
                return true;
            if (a <= amin && n <= nmin)
                break;
        }
    }
    /* continue at the template's sizes: the reader gets full-size text on two slides */
    f->q = lay(L, DP_EL_QUESTION, &it->question, qs->size_pt, text_w(L) - 6, true);
    f->ans = lay(L, DP_EL_ANSWER, &it->answer, as->size_pt, f->measure, true);
    f->ana = it->analysis.s ? lay(L, DP_EL_ANALYSIS, &it->analysis, ns->size_pt, f->measure, true) : NULL;
    return false;
}

static dp_page *item_page(dp_lay *L, const dp_section *sec, const dp_item *it, bool cont, qa_fit *f)
{
    const dp_rgb *pal = L->t->colors;
    const char *title = it->title.s ? it->title.s : it->question.s;
    const char *more = L->t->labels[DP_LABEL_CONTINUED];
    dp_page *p = dp_lay_new_page(L, pal, true, cont ? dp_arena_printf(L->a, "%s%s", title, more) : title);
    p->continues = cont;
    /* rail: the number, its figure top level with the topic line, its
     * baseline on the question's first baseline */
    dp_textstyle num = dp_lay_style(L, DP_EL_QA_NUMBER, pal);
    dp_textstyle q = f->q ? f->q->style : dp_lay_style(L, DP_EL_QUESTION, pal);
    float base = dp_text_first_baseline(&q, 90);
    char buf[32];
    int local = (int)(it - sec->items) + 1;
    snprintf(buf, sizeof buf, "%02d", it->number);
    dp_text_line(L->a, p, L->fonts, &num, buf, L->L - num.size_pt * 0.06f, base, 0, it->loc);
    dp_textstyle tot = dp_lay_style(L, DP_EL_QA_TOTAL, pal);
    snprintf(buf, sizeof buf, "/ %d", L->deck->n_items);
    dp_lay_label(L, p, &tot, buf, L->L, 138, 0);
    (void)local;

    dp_textstyle topic = dp_lay_style(L, DP_EL_TOPIC, pal);
    const char *t = it->title.s;
    if (cont)
        t = dp_arena_printf(L->a, "%s%s", t ? t : "", more);
    if (t)
        dp_text_line(L->a, p, L->fonts, &topic, t, text_x(L), dp_text_first_baseline(&topic, L->T),
                     0, it->title.s ? it->title.loc : it->loc);
    return p;
}

/* A block label ("答案", "解析") in the rail on the block's first baseline. */
static void rail_label(dp_lay *L, dp_page *p, dp_element el, const char *s, const dp_textblock *tb, float top)
{
    dp_textstyle st = dp_lay_style(L, el, L->t->colors);
    dp_text_line(L->a, p, L->fonts, &st, s, L->L, dp_text_first_baseline(&tb->style, top), 0, (dp_loc){0});
}

/* Emit answer and analysis lines from (ans_from, ana_from) on page p from y
 * on, as many as fit; returns false when lines remain. */
static bool emit_body(dp_lay *L, int page_idx, const dp_item *it, qa_fit *f, int *ans_from,
                      int *ana_from, float y)
{
    dp_page *p = &L->dl->pages[page_idx];
    const dp_rgb *pal = L->t->colors;
    float x = text_x(L);
    if (*ans_from < f->ans->n_lines) {
        int n = dp_lay_lines_fitting(f->ans, *ans_from, L->B - y);
        if (n == 0 && y <= RAIL_BOTTOM + BLOCK_GAP + 0.01f)
            n = 1;
        if (n > 0) {
            if (*ans_from == 0)
                rail_label(L, p, DP_EL_ANSWER_LABEL, L->t->labels[DP_LABEL_ANSWER], f->ans, y);
            y = dp_text_emit(L->a, p, f->ans, *ans_from, n, x, y, it->answer.loc);
            *ans_from += n;
        }
        if (*ans_from < f->ans->n_lines)
            return false;
        y += BLOCK_GAP;
    }
    if (!f->ana || *ana_from >= f->ana->n_lines)
        return true;
    float avail = L->B - y - PANEL_PAD_TOP - PANEL_PAD_BOTTOM;
    int n = dp_lay_lines_fitting(f->ana, *ana_from, avail);
    if (n == 0 && y <= RAIL_BOTTOM + BLOCK_GAP + 0.01f)
        n = 1;
    if (n == 0)
        return false;
    float h = dp_text_height(f->ana, *ana_from, n);
    dp_page_rect(L->a, p, L->L - 16, y, x + f->measure - L->L + 32, PANEL_PAD_TOP + h + PANEL_PAD_BOTTOM,
                 pal[DP_COLOR_PANEL]);
    if (*ana_from == 0)
        rail_label(L, p, DP_EL_ANALYSIS_LABEL, L->t->labels[DP_LABEL_ANALYSIS], f->ana, y + PANEL_PAD_TOP);
    dp_text_emit(L->a, p, f->ana, *ana_from, n, x, y + PANEL_PAD_TOP, it->analysis.loc);
    *ana_from += n;
    return *ana_from >= f->ana->n_lines;
}

/* The item's image in columns 9-12 of the newest page, its top level with
 * the answer's first line of characters, or with the analysis band when
 * that starts a （续） slide (answer and analysis take columns 3-8); on every
 * slide the body runs over, never on a reveal step. */
static void item_image(dp_lay *L, const dp_item *it, const qa_fit *f, float top, bool answer_first)
{
    if (!f->img)
        return;
    float x = dp_lay_col(L, 9);
    if (answer_first)
        top += (f->ans->style.leading_pt - f->ans->style.size_pt) / 2;
    dp_lay_image(L, &L->dl->pages[L->dl->n_pages - 1], f->img, it->image.loc, x, top, L->R - x,
                 L->B - top, 0, 0, NULL, NULL);
}

/* The fitting decision and its reason, for the display-list dump. */
static const char *fit_note(dp_lay *L, const qa_fit *f, bool fits, int pages)
{
    const dp_template *t = L->t;
    float q0 = t->styles[DP_EL_QUESTION].size_pt, a0 = t->styles[DP_EL_ANSWER].size_pt,
          n0 = t->styles[DP_EL_ANALYSIS].size_pt;
    float q = f->q->style.size_pt, a = f->ans->style.size_pt, n = f->ana ? f->ana->style.size_pt : n0;
    if (!fits)
        return dp_arena_printf(L->a, "continued on %d （续） slide%s at full size: ends at y %.0f, "
                               "%.0f pt past the %.0f limit, and too tall even at the floors",
                               pages - 1, pages > 2 ? "s" : "", f->full_bottom, f->full_bottom - L->B, L->B);
    if (q == q0 && a == a0 && n == n0)
        return dp_arena_printf(L->a, "fits at full size: ends at y %.0f of %.0f", f->full_bottom, L->B);
    return dp_arena_printf(L->a, "shrunk to question %.0f, answer %.0f, analysis %.0f pt "
                           "(template: %.0f, %.0f, %.0f): at full size it ends at y %.0f, past %.0f",
                           q, a, n, q0, a0, n0, f->full_bottom, L->B);
}

void dp_lay_qa_slides(dp_lay *L, const dp_section *sec, const dp_item *it)
{
    /* Every trial layout of this item lives in a scratch arena, dropped when
     * the item is done: only the emitted ops stay (memory linear in the
     * output, not in the attempts). */
    L->scratch = dp_arena_new(64 * 1024);
    qa_fit f = {.q_top = 90, .img = dp_lay_image_of(L, &it->image), .measure = text_w(L)};
    if (f.img)
        f.measure = dp_lay_col(L, 8) + L->col_w - text_x(L);
    bool fits = fit_item(L, it, &f);
    int first_page = L->dl->n_pages;
    if (sec->reveals) {
        /* the question alone first (Beamer's \pause); it shares its page
         * number with the full slide, so presenter tools group the two */
        dp_page *step = item_page(L, sec, it, false, &f);
        step->is_step = true;
        dp_text_emit(L->a, step, f.q, 0, f.q->n_lines, text_x(L), f.q_top, it->question.loc);
    }
    dp_page *p = item_page(L, sec, it, false, &f);
    p->notes = it->notes.s;
    dp_dlist_add_outline(L->a, L->dl, 1,
                         dp_arena_printf(L->a, "%d. %s", it->number, it->title.s ? it->title.s : it->question.s),
                         first_page);
    /* Only an absurdly long question needs more than one slide; it then
     * continues like the answer does, below the rail. */
    int q_from = dp_lay_lines_fitting(f.q, 0, L->B - f.q_top);
    if (q_from == 0)
        q_from = 1;
    dp_text_emit(L->a, p, f.q, 0, q_from, text_x(L), f.q_top, it->question.loc);
    float y = answer_top(&f);
    int pages = 1;
    while (q_from < f.q->n_lines) {
        item_page(L, sec, it, true, &f);
        pages++;
        float top = RAIL_BOTTOM + BLOCK_GAP;
        int n = dp_lay_lines_fitting(f.q, q_from, L->B - top);
        if (n == 0)
            n = 1;
        y = dp_text_emit(L->a, &L->dl->pages[L->dl->n_pages - 1], f.q, q_from, n, text_x(L), top,
                         it->question.loc) + BLOCK_GAP;
        q_from += n;
    }
    int ans_from = 0, ana_from = 0;
    item_image(L, it, &f, y, true);
    while (!emit_body(L, L->dl->n_pages - 1, it, &f, &ans_from, &ana_from, y)) {
        qa_fit cont = f;
        item_page(L, sec, it, true, &cont);
        /* below the rail, where the answer starts on the first slide, so the
         * analysis band never covers the number */
        y = RAIL_BOTTOM + BLOCK_GAP;
        item_image(L, it, &f, y, ans_from < f.ans->n_lines);
        pages++;
    }
    L->dl->pages[L->dl->n_pages - pages].fit = fit_note(L, &f, fits, pages);
    if (!fits)
        dp_warning(L->d, it->loc,
                   "item %d (\"%s\") does not fit on one slide even at the smallest sizes the "
                   "template allows; it continues on %d （续） slide%s",
                   it->number, dp_clip(L->a, it->title.s ? it->title.s : it->question.s, 24), pages - 1,
                   pages > 2 ? "s" : "");
    dp_arena_free(L->scratch);
    L->scratch = NULL;
}
