/* layout_qa.c: one slide per Q&A item (docs/design.md §5, "Q&A"): a rail with
 * the item number, the topic, the question as a balanced headline, the
 * answer, and the analysis on a tinted band. Fitting: shrink the answer and
 * analysis to their floors, then the question, then continue on （续）
 * slides with the same rail and topic. */
#include "layout_priv.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    dp_textblock *q, *ans, *ana;
    dp_textblock *head;         /* running head of （续） slides; NULL until needed */
    float q_top;                /* question box top */
    float full_bottom;          /* where the item ends at the template's sizes */
    const dp_image *img;        /* the item's image; NULL = none */
    bool below;                 /* a wide picture: under the answer, the text's full width */
    float img_w, img_h;         /* its size as shown (below: at the current scale) */
    float img_full_h;           /* below: its height at the text's full width */
    float measure;              /* width of answer and analysis: narrower beside an image */
} qa_fit;

/* Pictures (issue 13 point 5): one at least geometry.qa.image_wide times as
 * wide as tall goes under the answer at the text's full width (a diagram
 * read across); any other beside the text, as wide as its height allows
 * from geometry.qa.image_column on, the text taking the rest (a tall
 * screenshot leaves the answer wide). Before any text shrinks or
 * continues, a picture under the answer shrinks to image_floor of its
 * size; when the item continues anyway, shrinking
 * bought nothing and the picture is shown at its full size again (a
 * diagram shrunk AND continued is a thumbnail no one can read). No picture
 * is shown under DP_IMAGE_MIN_DPI. */
static const dp_geo_qa *geo(const dp_lay *L) { return &L->t->geo.qa; }
static float text_x(const dp_lay *L) { return dp_lay_col(L, (int)geo(L)->text_column); }
static float text_w(const dp_lay *L) { return L->right - dp_lay_col(L, (int)geo(L)->text_column); }
/* The highest the answer (or a （续） slide's body) starts: below the rail. */
static float body_min_top(const dp_lay *L)
{
    return dp_lay_snap(L, L->top + geo(L)->rail_bottom + geo(L)->block_gap);
}

/* Where the answer starts below a question block. */
static float answer_top(const dp_lay *L, const qa_fit *f)
{
    float y = f->q ? f->q_top + dp_text_total_height(f->q) : f->q_top;
    y = dp_lay_snap(L, y + geo(L)->block_gap);
    return y < body_min_top(L) ? body_min_top(L) : y;
}

static float total_bottom(const dp_lay *L, const qa_fit *f)
{
    const dp_geo_qa *g = geo(L);
    float y = answer_top(L, f) + dp_text_total_height(f->ans);
    if (f->img && f->below)
        y += g->block_gap + f->img_h;
    if (f->ana && f->ana->n_lines)
        y += g->block_gap + g->band_pad_top + dp_text_total_height(f->ana) + g->band_pad_bottom;
    return y;
}

/* A table in the answer or analysis is wider than its box. */
static bool too_wide(const qa_fit *f)
{
    return f->ans->too_wide >= 0 || (f->ana && f->ana->too_wide >= 0);
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
    if (f->img && f->below) { /* the picture shrinks first, at the template's text sizes */
        float full_h = f->img_h;
        f->q = lay(L, DP_EL_QUESTION, &it->question, qs->size_pt, text_w(L) - geo(L)->question_inset, false);
        f->ans = lay(L, DP_EL_ANSWER, &it->answer, as->size_pt, f->measure, false);
        f->ana = it->analysis.s ? lay(L, DP_EL_ANALYSIS, &it->analysis, ns->size_pt, f->measure, false) : NULL;
        f->full_bottom = total_bottom(L, f);
        first = false;
        for (float k = 1; k >= geo(L)->image_floor - 0.001f; k -= 0.05f) {
            f->img_h = full_h * k;
            if (total_bottom(L, f) <= L->bottom + 0.01f)
                return true;
        }
        f->img_h = full_h * geo(L)->image_floor;
    }
    for (float q = qs->size_pt; q >= qmin - 0.001f; q -= 1) {
        f->q = lay(L, DP_EL_QUESTION, &it->question, q, text_w(L) - geo(L)->question_inset, !first);
        for (float step = 0;; step += 1) {
            float a = as->size_pt - step, n = ns->size_pt - step;
            if (a < amin) a = amin;
            if (n < nmin) n = nmin;
            f->ans = lay(L, DP_EL_ANSWER, &it->answer, a, f->measure, !first);
            f->ana = it->analysis.s ? lay(L, DP_EL_ANALYSIS, &it->analysis, n, f->measure, !first) : NULL;
            if (first)
                f->full_bottom = total_bottom(L, f);
            first = false;
            if (total_bottom(L, f) <= L->bottom + 0.01f && !too_wide(f))
                return true;
            if (a <= amin && n <= nmin)
                break;
        }
    }
    if (too_wide(f)) {
        /* a table too wide even at the floor sizes: nothing sensible to draw */
        const dp_textblock *tb = f->ans->too_wide >= 0 ? f->ans : f->ana;
        const dp_text *tx = tb == f->ans ? &it->answer : &it->analysis;
        dp_error(L->d, dp_text_loc_at(tx, tb->too_wide),
                 "this table is too wide for the slide even at %.0f pt: its columns cannot be "
                 "narrower than their longest words", (double)tb->style.size_pt);
        dp_hint(L->d, "use fewer columns or shorter words in the cells (long code or URLs), or "
                "split the table in two");
    }
    /* continue at the template's sizes: the reader gets full-size text on two slides */
    f->q = lay(L, DP_EL_QUESTION, &it->question, qs->size_pt, text_w(L) - geo(L)->question_inset, true);
    f->ans = lay(L, DP_EL_ANSWER, &it->answer, as->size_pt, f->measure, true);
    f->ana = it->analysis.s ? lay(L, DP_EL_ANALYSIS, &it->analysis, ns->size_pt, f->measure, true) : NULL;
    return false;
}

/* A page of an item: 'rep' says whether its topic was shown before (a
 * （续） page: DP_REPEAT_RUN; the full slide after a reveal step:
 * DP_REPEAT_STEP). */
static dp_page *item_page(dp_lay *L, const dp_section *sec, const dp_item *it, dp_repeat rep, qa_fit *f)
{
    bool cont = rep == DP_REPEAT_RUN;
    const dp_rgb *pal = L->t->colors;
    const char *title = it->title.s ? it->title.s : it->question.s;
    const char *more = L->t->labels[DP_LABEL_CONTINUED];
    dp_page *p = dp_lay_new_page(L, DP_PAGE_QA, pal, true, cont ? dp_arena_printf(L->a, "%s%s", title, more) : title);
    p->continues = cont;
    /* rail: the number, its figure top level with the topic line, its
     * baseline on the question's (or the running head's) first baseline */
    dp_textstyle num = dp_lay_style(L, DP_EL_QA_NUMBER, pal);
    dp_textstyle q = cont && f->head ? f->head->style : f->q ? f->q->style : dp_lay_style(L, DP_EL_QUESTION, pal);
    const dp_geo_qa *g = geo(L);
    float base = dp_text_first_baseline(&q, L->top + g->question_top);
    char buf[32];
    int local = (int)(it - sec->items) + 1;
    snprintf(buf, sizeof buf, "%02d", it->number);
    dp_text_line(L->a, p, L->fonts, &num, buf, L->left - num.size_pt * g->number_shift, base, 0, it->loc);
    dp_textstyle tot = dp_lay_style(L, DP_EL_QA_TOTAL, pal);
    snprintf(buf, sizeof buf, "/ %d", L->deck->n_items);
    dp_lay_label(L, p, &tot, buf, L->left, L->top + g->total_top, 0);
    (void)local;

    dp_textstyle topic = dp_lay_style(L, DP_EL_TOPIC, pal);
    /* tagged: on a （续） slide and after a reveal step the topic is a repeat */
    dp_page_tag(p, dp_tag_repeat(dp_tag_item(DP_ROLE_TOPIC, (int)(sec - L->deck->sections), it->number), rep));
    if (it->title.s)
        dp_lay_line_fit(L, p, &topic, it->title.s, text_x(L), L->top, text_w(L), 0, it->title.loc, it->title.loc,
                        cont ? NULL : "the topic line");
    dp_page_untag(p);
    /* a continuation repeats the question, smaller, as its running head
     * (untagged: furniture) */
    if (cont && f->head)
        dp_text_emit(L->a, p, f->head, 0, f->head->n_lines, text_x(L), f->q_top, it->question.loc);
    return p;
}

/* The running head of a （续） slide: the question with （续）, in the
 * question's face at the answer's size and the secondary colour, at most
 * geometry.qa.head_lines lines (shortened with … when longer). */
static dp_textblock *head_at(dp_lay *L, const dp_textstyle *st, const dp_item *it, int len)
{
    const char *s = dp_arena_printf(L->scratch, "%.*s%s%s", len, it->question.s, len < it->question.len ? "…" : "",
                                    L->t->labels[DP_LABEL_CONTINUED]);
    return dp_text_layout(L->scratch, L->fonts, st, s, (int)strlen(s), text_w(L) - geo(L)->question_inset, NULL, NULL);
}

/* Byte length of q's first 'len' bytes cut back to a whole character, without trailing spaces. */
static int cut_at(const char *q, int len)
{
    while (len > 0 && (q[len] & 0xC0) == 0x80)
        len--;
    while (len > 0 && q[len - 1] == ' ')
        len--;
    return len;
}

static dp_textblock *running_head(dp_lay *L, const dp_item *it)
{
    const dp_rgb *pal = L->t->colors;
    dp_textstyle st = dp_lay_resize(dp_lay_style(L, DP_EL_QUESTION, pal), L->t->styles[DP_EL_ANSWER].size_pt);
    st.color = pal[DP_COLOR_TEXT2];
    st.balance = true;
    const char *q = it->question.s;
    /* head_lines lines hold at most this many bytes (a narrow Latin glyph is
     * over a quarter em; UTF-8 takes at most 4 bytes a character) */
    int head_lines = (int)geo(L)->head_lines;
    int cap = (int)(head_lines * 4 * 4 * text_w(L) / st.size_pt);
    int len = it->question.len < cap ? it->question.len : cut_at(q, cap);
    dp_textblock *tb = head_at(L, &st, it, len);
    if (tb->n_lines <= head_lines)
        return tb;
    /* the longest prefix whose head keeps to head_lines lines */
    int lo = 0, hi = len;
    dp_textblock *best = head_at(L, &st, it, 0);
    while (lo < hi) {
        int mid = cut_at(q, (lo + hi + 1) / 2);
        if (mid <= lo)
            break;
        dp_textblock *t = head_at(L, &st, it, mid);
        if (t->n_lines <= head_lines)
            lo = mid, best = t;
        else
            hi = mid - 1;
    }
    return best;
}

/* Where the body starts on a （续） slide: below the rail and the running head. */
static float cont_top(const dp_lay *L, const qa_fit *f)
{
    float y = dp_lay_snap(L, f->q_top + (f->head ? dp_text_total_height(f->head) : 0) + geo(L)->block_gap);
    return y < body_min_top(L) ? body_min_top(L) : y;
}

/* A block label ("答案", "解析") in the rail on the block's first baseline. */
static void rail_label(dp_lay *L, dp_page *p, dp_element el, const char *s, const dp_textblock *tb, float top)
{
    dp_textstyle st = dp_lay_style(L, el, L->t->colors);
    if (strstr(s, "（"))
        st.tracking_em = 0; /* letter-spaced brackets fall apart */
    dp_text_line(L->a, p, L->fonts, &st, s, L->left, dp_text_first_baseline(&tb->style, top), 0, (dp_loc){0});
}

/* The answer and the analysis band as a flow of two blocks (layout_paginate.c). */
static int body_flow(const dp_lay *L, const qa_fit *f, dp_flow_block *b)
{
    const dp_geo_qa *g = geo(L);
    int n = 0;
    b[n++] = (dp_flow_block){.tb = f->ans, .min_lines = 1};
    if (f->img && f->below)
        b[n++] = (dp_flow_block){.fixed_h = f->img_h, .gap_before = g->block_gap};
    if (f->ana && f->ana->n_lines)
        b[n++] = (dp_flow_block){.tb = f->ana, .gap_before = g->block_gap, .pad_top = g->band_pad_top,
                                 .pad_bottom = g->band_pad_bottom, .min_lines = 2};
    return n;
}

/* Emit the flow's lines [from, to) on page p from y on: the answer with its
 * label, then the analysis on its band, each label on its block's first piece. */
static void emit_frame(dp_lay *L, dp_page *p, int sect, const dp_item *it, const qa_fit *f,
                       const dp_flow_block *b, int nb, int from, int to, float y)
{
    const dp_rgb *pal = L->t->colors;
    float x = text_x(L);
    bool any = false;
    for (int i = 0, base = 0; i < nb; base += b[i].tb ? b[i].tb->n_lines : 1, i++) {
        int nl = b[i].tb ? b[i].tb->n_lines : 1;
        int lo = from > base ? from : base, hi = to < base + nl ? to : base + nl;
        if (lo >= hi)
            continue;
        const dp_textblock *tb = b[i].tb;
        int first = lo - base, n = hi - lo;
        if (any)
            y += b[i].gap_before;
        any = true;
        if (!tb) { /* the picture, at the text's left edge */
            dp_page_tag(p, dp_lay_figure_tag(dp_tag_item(DP_ROLE_FIGURE, sect, it->number), &it->image, &it->alt));
            dp_lay_image(L, p, f->img, it->image.loc, x, y, text_w(L), b[i].fixed_h, 0, 0, NULL, NULL);
            dp_page_untag(p);
            y += b[i].fixed_h;
            continue;
        }
        if (tb == f->ans) {
            if (first == 0)
                rail_label(L, p, DP_EL_ANSWER_LABEL, L->t->labels[DP_LABEL_ANSWER], tb, y);
            dp_page_tag(p, dp_tag_item(DP_ROLE_ANSWER, sect, it->number));
            y = dp_text_emit(L->a, p, tb, first, n, x, y, it->answer.loc);
            dp_page_untag(p);
            continue;
        }
        float h = dp_text_height(tb, first, n);
        const dp_geo_qa *g = geo(L);
        dp_page_rect(L->a, p, L->left - g->band_bleed, y, x + f->measure - L->left + 2 * g->band_bleed,
                     g->band_pad_top + h + g->band_pad_bottom, pal[DP_COLOR_PANEL]);
        /* the band's colour alone would not say what a continued piece is */
        const char *label = L->t->labels[DP_LABEL_ANALYSIS];
        if (first > 0)
            label = dp_arena_printf(L->a, "%s%s", label, L->t->labels[DP_LABEL_CONTINUED]);
        rail_label(L, p, DP_EL_ANALYSIS_LABEL, label, tb, y + g->band_pad_top);
        dp_page_tag(p, dp_tag_item(DP_ROLE_ANALYSIS, sect, it->number));
        dp_text_emit(L->a, p, tb, first, n, x, y + g->band_pad_top, it->analysis.loc);
        dp_page_untag(p);
        y += g->band_pad_top + h + g->band_pad_bottom;
    }
}

/* The item's image right of the text on the newest page, its top level with
 * the answer's first line of characters, or with the analysis band when
 * that starts a （续） slide (answer and analysis narrower); on every
 * slide the body runs over, never on a reveal step. */
static void item_image(dp_lay *L, int sect, const dp_item *it, const qa_fit *f, float top, bool answer_first)
{
    if (!f->img || f->below)
        return;
    if (answer_first)
        top += (f->ans->style.leading_pt - f->ans->style.size_pt) / 2;
    dp_page *p = &L->dl->pages[L->dl->n_pages - 1];
    dp_page_tag(p, dp_lay_figure_tag(dp_tag_item(DP_ROLE_FIGURE, sect, it->number), &it->image, &it->alt));
    dp_lay_image(L, p, f->img, it->image.loc, L->right - f->img_w, top, f->img_w, L->bottom - top, 0, 0, NULL, NULL);
    dp_page_untag(p);
}

/* Where the item's picture goes and the text measure it leaves (see the top). */
static void place_image(dp_lay *L, qa_fit *f)
{
    f->measure = text_w(L);
    if (!f->img)
        return;
    int pw, ph;
    dp_image_shown_px(f->img, &pw, &ph);
    float ar = (float)pw / (float)ph, max_w = (float)pw * 72.0f / DP_IMAGE_MIN_DPI;
    if (ar >= geo(L)->image_wide) {
        f->below = true;
        f->img_w = max_w < text_w(L) ? max_w : text_w(L);
        f->img_h = f->img_full_h = f->img_w / ar;
        return;
    }
    float box_h = L->bottom - body_min_top(L), col = L->right - dp_lay_col(L, (int)geo(L)->image_column);
    f->img_w = box_h * ar;
    if (f->img_w > col)
        f->img_w = col;
    if (f->img_w > max_w)
        f->img_w = max_w;
    f->measure = L->right - f->img_w - L->gutter - text_x(L);
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
                               pages - 1, pages > 2 ? "s" : "", f->full_bottom, f->full_bottom - L->bottom, L->bottom);
    if (q == q0 && a == a0 && n == n0)
        return dp_arena_printf(L->a, "fits at full size: ends at y %.0f of %.0f", f->full_bottom, L->bottom);
    return dp_arena_printf(L->a, "shrunk to question %.0f, answer %.0f, analysis %.0f pt "
                           "(template: %.0f, %.0f, %.0f): at full size it ends at y %.0f, past %.0f",
                           q, a, n, q0, a0, n0, f->full_bottom, L->bottom);
}

void dp_lay_qa_slides(dp_lay *L, const dp_section *sec, const dp_item *it)
{
    /* Every trial layout of this item lives in a scratch arena, dropped when
     * the item is done: only the emitted ops stay (memory linear in the
     * output, not in the attempts). */
    L->scratch = dp_arena_new(64 * 1024);
    qa_fit f = {.q_top = L->top + geo(L)->question_top, .img = dp_lay_image_of(L, &it->image)};
    place_image(L, &f);
    bool fits = fit_item(L, it, &f);
    int first_page = L->dl->n_pages, sect = (int)(sec - L->deck->sections);
    dp_tag question = dp_tag_item(DP_ROLE_QUESTION, sect, it->number);
    /* Only an absurdly long question needs more than one slide; it then
     * continues like the answer does, below the rail. */
    int q_from = dp_lay_lines_fitting(f.q, 0, L->bottom - f.q_top);
    if (q_from == 0)
        q_from = 1;
    if (!fits) {
        f.head = running_head(L, it);
        /* the item continues anyway: shrinking the picture bought nothing, so
         * it is shown as large as a （续） slide's frame allows */
        if (f.img && f.below) {
            float room = L->bottom - cont_top(L, &f);
            f.img_h = f.img_full_h < room ? f.img_full_h : room;
        }
    }
    dp_flow_block b[3];
    int nb = body_flow(L, &f, b);
    /* the answer's frames; below a question too long for one slide, once
     * its last （续） slide is known */
    bool q_whole = q_from >= f.q->n_lines;
    dp_flow fl = {0};
    if (q_whole)
        fl = dp_flow_paginate(L->scratch, b, nb, L->bottom - answer_top(L, &f), L->bottom - cont_top(L, &f));
    /* a reveal step only where the full slide adds to it: a question that
     * fills its slide has nothing after it to reveal (the two slides
     * would be the same) */
    bool reveal = sec->reveals && q_whole && fl.n_frames > 0 && fl.start[1] > fl.start[0];
    if (reveal) {
        /* the question alone first (Beamer's \pause); it shares its page
         * number with the full slide, so presenter tools group the two */
        dp_page *step = item_page(L, sec, it, DP_REPEAT_NONE, &f);
        step->is_step = true;
        dp_page_tag(step, question);
        dp_text_emit(L->a, step, f.q, 0, q_from, text_x(L), f.q_top, it->question.loc);
        dp_page_untag(step);
    }
    dp_page *p = item_page(L, sec, it, reveal ? DP_REPEAT_STEP : DP_REPEAT_NONE, &f);
    p->notes = it->notes.s;
    dp_dlist_add_outline(L->a, L->dl, 1,
                         dp_arena_printf(L->a, "%d. %s", it->number, it->title.s ? it->title.s : it->question.s),
                         first_page);
    /* the question's first slide again, in full after the reveal step */
    dp_page_tag(p, reveal ? dp_tag_repeat(question, DP_REPEAT_STEP) : question);
    dp_text_emit(L->a, p, f.q, 0, q_from, text_x(L), f.q_top, it->question.loc);
    dp_page_untag(p);
    float y = answer_top(L, &f);
    int pages = 1;
    while (q_from < f.q->n_lines) {
        item_page(L, sec, it, DP_REPEAT_RUN, &f);
        pages++;
        float top = body_min_top(L);
        int n = dp_lay_lines_fitting(f.q, q_from, L->bottom - top);
        if (n == 0)
            n = 1;
        dp_page *qp = &L->dl->pages[L->dl->n_pages - 1];
        dp_page_tag(qp, question);
        y = dp_text_emit(L->a, qp, f.q, q_from, n, text_x(L), top, it->question.loc) + geo(L)->block_gap;
        dp_page_untag(qp);
        q_from += n;
    }
    if (!q_whole)
        fl = dp_flow_paginate(L->scratch, b, nb, L->bottom - y, L->bottom - cont_top(L, &f));
    for (int k = 0; k < fl.n_frames; k++) {
        if (k > 0) {
            item_page(L, sec, it, DP_REPEAT_RUN, &f);
            pages++;
            y = cont_top(L, &f);
        }
        item_image(L, sect, it, &f, y, fl.start[k] < f.ans->n_lines);
        dp_page *pg = &L->dl->pages[L->dl->n_pages - 1];
        emit_frame(L, pg, sect, it, &f, b, nb, fl.start[k], fl.start[k + 1], y);
        if (fl.n_frames > 1)
            pg->flow = dp_flow_note_of(&fl, b, nb, k, y, L->bottom);
    }
    dp_page *head = &L->dl->pages[L->dl->n_pages - pages];
    head->fit = fit_note(L, &f, fits, pages);
    for (int k = L->dl->n_pages - pages; k < L->dl->n_pages; k++)
        L->dl->pages[k].item = it->number;
    if (fits) {
        dp_lay_note_shrunk(head, "question", L->t->styles[DP_EL_QUESTION].size_pt, f.q->style.size_pt);
        dp_lay_note_shrunk(head, "answer", L->t->styles[DP_EL_ANSWER].size_pt, f.ans->style.size_pt);
        if (f.ana)
            dp_lay_note_shrunk(head, "analysis", L->t->styles[DP_EL_ANALYSIS].size_pt, f.ana->style.size_pt);
    }
    if (!fits && !too_wide(&f)) /* a table too wide is an error of its own */
        dp_warning(L->d, it->loc,
                   "item %d (\"%s\") does not fit on one slide even at the smallest sizes the "
                   "template allows; it continues on %d （续） slide%s, %d slides in all",
                   it->number, dp_clip(L->a, it->title.s ? it->title.s : it->question.s, 24), pages - 1,
                   pages > 2 ? "s" : "", pages);
    dp_arena_free(L->scratch);
    L->scratch = NULL;
}
