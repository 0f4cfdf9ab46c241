/* layout_booklet.c: the attendee booklet (docs/design.md §6,
 * "Booklet (07)"): the whole deck as flowing, readable text on portrait
 * pages. A cover; a table of contents with page numbers and links; the
 * intro; per section an opener, then every item (number, topic, question,
 * answer, analysis); the closing with its QR code; a running head and a
 * folio "n / N" on every page but the cover. Speaker notes never appear.
 *
 * The parts of stories are in layout_booklet_parts.c, the flow in
 * layout_booklet_flow.c (see layout_booklet.h), cover and contents in
 * layout_booklet_front.c, each above the one before; here, on top: geometry,
 * styles, the stories of items, openers, intro and closing, running head
 * and folio, and the driver.
 *
 * Styles: the print template has no booklet elements. Rather than adding
 * ~20 style entries to every template, each booklet style is the template's
 * style of the matching slide element (fonts, colours, fake bold, justify,
 * markup) resized to the booklet's sizes (docs/design.md §6); see setup_styles(). A
 * template author's choice of faces and colours carries over to print. */
#include "layout_booklet.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ===== Setup ===== */

static dp_textstyle sized(dp_bk *B, dp_element el, float size, float leading)
{
    dp_textstyle st = dp_lay_resize(dp_lay_style(&B->L, el, B->L.t->colors), size);
    if (leading > 0)
        st.leading_pt = leading;
    st.print_urls = st.rich; /* paper cannot be clicked: a link's URL is printed too */
    return st;
}

static void setup_styles(dp_bk *B)
{
    const dp_rgb *pal = B->L.t->colors;
    const dp_geo_bk_text *g = &B->g->text;
    B->kicker = sized(B, DP_EL_KICKER, g->kicker_size, 0);                        /* Manrope SemiBold, accent, +0.16 */
    B->h2 = sized(B, DP_EL_SECTION_TITLE, g->heading_size, g->heading_leading);   /* Hei fake bold */
    B->h2.balance = true;
    B->meta = sized(B, DP_EL_SECTION_SUB, g->body_size, g->body_leading);         /* text2 */
    B->num = sized(B, DP_EL_QA_NUMBER, g->number_size, g->number_size);           /* Manrope Light, accent */
    B->topic = sized(B, DP_EL_QUESTION, g->topic_size, g->topic_leading);         /* Hei fake bold, ink */
    B->topic.balance = true;
    /* Two columns of 21 em take a tighter leading than one of 37 em, as
     * short lines do; 1.5 em at most also keeps each column one block of
     * text for PDF text extraction (pdftotext splits lines further apart
     * into blocks of their own and then reads across the columns). */
    float lead = B->ncols == 2 ? g->column_leading : g->body_leading;
    B->question = sized(B, DP_EL_QUESTION, g->body_size, lead);
    B->question.balance = true;
    B->answer = sized(B, DP_EL_ANSWER, g->body_size, lead);     /* Hei, ink, justified */
    B->analysis = sized(B, DP_EL_ANALYSIS, g->body_size, lead); /* Kai, text2, justified */
    B->intro = sized(B, DP_EL_INTRO_BODY, g->body_size, g->body_leading);
    B->closing = sized(B, DP_EL_CLOSING_BODY, g->body_size, lead);
    B->label = sized(B, DP_EL_LABEL, g->label_size, g->label_leading);            /* Hei, meta */
    B->label.tracking_em = g->label_tracking;
    B->label_acc = B->label;
    B->label_acc.color = pal[B->L.t->styles[DP_EL_ANSWER_LABEL].color];
    B->head = sized(B, DP_EL_FOOTER, g->head_size, g->head_leading);
    B->folio_n = sized(B, DP_EL_PAGE_NUMBER, g->folio_size, g->folio_leading);
    B->folio_t = sized(B, DP_EL_PAGE_TOTAL, g->folio_size, g->folio_leading);
    const dp_geo_bk_cover *cv = &B->g->cover;
    B->cover_title = sized(B, DP_EL_TITLE, cv->title_size, cv->title_leading);
    B->cover_title.balance = true;
    B->cover_sub = sized(B, DP_EL_SUBTITLE, cv->subtitle_size, cv->subtitle_leading);
    B->cover_value = sized(B, DP_EL_AGENDA_TITLE, g->body_size, g->body_leading);
    B->toc_main = sized(B, DP_EL_SECTION_TITLE, g->body_size, g->body_leading);
    const dp_geo_bk_contents *tc = &B->g->contents;
    B->toc_item = sized(B, DP_EL_AGENDA_TITLE, tc->size, tc->leading);
    B->toc_no = sized(B, DP_EL_QA_TOTAL, tc->size, tc->leading);
    B->toc_no.tracking_em = 0;
    B->toc_page = sized(B, DP_EL_PAGE_NUMBER, tc->size, tc->leading);
    B->qr_label = sized(B, DP_EL_QR_LABEL, B->g->qr.label_size, B->g->qr.label_leading);
    B->qr_url = sized(B, DP_EL_QR_URL, B->g->qr.url_size, B->g->qr.url_leading);
    B->label_h = B->label.leading_pt + B->g->flow.label_gap;
    B->num_indent = dp_text_line(B->L.a, NULL, B->L.fonts, &B->num, "00", 0, 0, 0, (dp_loc){0}) + B->g->flow.number_gap;
}

/* The template's margins for A4 (handout: booklet: page:), scaled with the
 * paper (A4 is 595.28 x 841.89 pt) and never under margin_min; the measure
 * stays whole em on any paper. False (an error at the template's handout:)
 * when the margins leave a text column under 10 em of body text or a
 * page under a third of the paper's height. */
static bool setup_geometry(dp_bk *B)
{
    dp_lay *L = &B->L;
    const dp_geo_bk_page *g = &B->g->page;
    float sx = L->page_w / 595.28f, sy = L->page_h / 841.89f;
    float ml = fmaxf(g->margin_min, g->margin_left * sx), mr = fmaxf(g->margin_min, g->margin_right * sx);
    float mt = fmaxf(g->margin_min, g->margin_top * sy), mb = fmaxf(g->margin_min, g->margin_bottom * sy);
    L->left = ml, L->right = L->page_w - mr, L->top = mt, L->bottom = L->page_h - mb;
    B->head_top = g->head_top * sy;
    B->folio_top = L->page_h - g->folio_bottom * sy;
    float live = L->right - L->left, rail = g->rail + g->rail_gap, body = B->g->text.body_size;
    if (live - rail < 10 * body || L->bottom - L->top < L->page_h / 3) {
        dp_error(L->d, L->t->handout_loc, "the booklet's margins and rail (handout: booklet: page:) leave a "
                 "text column of %.0f x %.0f pt on this %.0f x %.0f pt paper; it needs at least %.0f pt "
                 "(10 em of body text) across and a third of the paper down", (double)(live - rail),
                 (double)(L->bottom - L->top), (double)L->page_w, (double)L->page_h, (double)(10 * body));
        return false;
    }
    B->span = (dp_bk_geom){L->left, L->left + rail, dp_lay_measure(live - rail, body), L->right, true};
    B->ncols = B->o->columns == 2 ? 2 : 1;
    if (B->ncols == 1) {
        B->colg[0] = B->span;
    } else {
        float w = dp_lay_measure((live - g->column_gap) / 2, body);
        float gutter = live - 2 * w;
        for (int c = 0; c < 2; c++) {
            float x = L->left + (float)c * (w + gutter);
            B->colg[c] = (dp_bk_geom){x, x, w, x + w, false};
        }
    }
    return true;
}

/* The item's image below its answer, as on the slide: the text's width at
 * most, 1/image_fraction of a frame high at most, and never enlarged past
 * DP_IMAGE_MIN_DPI (a small screenshot stays sharp on paper). */
static void add_image(dp_bk *B, dp_bk_story *s, const dp_bk_geom *g, const dp_text *path, const dp_text *alt, dp_tag tag)
{
    const dp_image *img = dp_lay_image_of(&B->L, path);
    if (!img)
        return;
    int pw, ph;
    dp_image_shown_px(img, &pw, &ph);
    if (pw <= 0 || ph <= 0)
        return;
    float scale = g->w / (float)pw, most = (B->L.bottom - B->L.top) / B->g->flow.image_fraction;
    if ((float)ph * scale > most)
        scale = most / (float)ph;
    if (scale > 72.0f / DP_IMAGE_MIN_DPI)
        scale = 72.0f / DP_IMAGE_MIN_DPI;
    dp_bk_part *p = dp_bk_add(s, DP_BK_PART_IMAGE, B->g->flow.image_gap, false);
    p->img = img;
    p->h = (float)ph * scale;
    p->src = path->loc;
    p->tag = dp_lay_figure_tag(tag, path, alt);
}

static dp_bk_story item_story(dp_bk *B, int sect, const dp_item *it, bool after_rule)
{
    const dp_bk_geom *g = &B->colg[0];
    const dp_geo_bk_flow *fg = &B->g->flow;
    dp_bk_story s = {.rule_before = !after_rule, .pad = fg->item_pad, .pad_after = fg->item_pad_after, .outline_level = 1};
    s.outline = dp_arena_printf(B->L.a, "%d. %s", it->number, it->title.s ? it->title.s : it->question.s);
    const char *no = dp_bk_number(B, it->number);
    float indent = g->rail ? 0 : B->num_indent;
    dp_bk_part *t = dp_bk_add_text(B, &s, g, &B->topic, &it->title, 0, true, indent);
    dp_bk_part *q = dp_bk_add_text(B, &s, g, &B->question, &it->question, fg->question_gap, true, t ? 0 : indent);
    if (t)
        t->number = no;
    if (q && t) {
        q->label = B->L.t->labels[DP_LABEL_QUESTION], q->label_st = &B->label;
    } else if (q) { /* no topic: the number heads the question, in place of its label */
        q->number = no, q->gap = 0;
    }
    if (t)
        t->tag = dp_tag_item(DP_ROLE_TOPIC, sect, it->number);
    if (q)
        q->tag = dp_tag_item(DP_ROLE_QUESTION, sect, it->number);
    dp_bk_part *a = dp_bk_add_text(B, &s, g, &B->answer, &it->answer, fg->block_gap, false, 0);
    if (a)
        a->label = B->L.t->labels[DP_LABEL_ANSWER], a->label_st = &B->label_acc,
        a->tag = dp_tag_item(DP_ROLE_ANSWER, sect, it->number);
    add_image(B, &s, g, &it->image, &it->alt, dp_tag_item(DP_ROLE_FIGURE, sect, it->number));
    dp_bk_part *n = dp_bk_add_text(B, &s, g, &B->analysis, &it->analysis, fg->block_gap, false, 0);
    if (n)
        n->label = B->L.t->labels[DP_LABEL_ANALYSIS], n->label_st = &B->label,
        n->tag = dp_tag_item(DP_ROLE_ANALYSIS, sect, it->number);
    return s;
}

static const char *part_name(dp_bk *B, int s)
{
    return dp_label_n(B->L.a, B->L.t->labels, DP_LABEL_PART, s + 1);
}

static dp_bk_story opener_story(dp_bk *B, int si)
{
    const dp_section *sec = &B->L.deck->sections[si];
    const dp_geo_bk_flow *fg = &B->g->flow;
    dp_bk_story s = {.span = true, .pad = fg->opener_pad, .outline_level = 0, .outline = sec->title.s};
    dp_bk_add_heading(B, &s, &B->span, dp_arena_printf(B->L.a, "PART %02d", si + 1), &sec->title, "",
                      sec->loc, dp_tag_section(DP_ROLE_HEADING, si));
    /* the meta line: the section's subtitle, else its item count (furniture) */
    if (sec->subtitle.s)
        dp_bk_add_literal(B, &s, &B->span, &B->meta, sec->subtitle.s, fg->opener_meta_gap, true, sec->subtitle.loc,
                          &sec->subtitle)->tag = dp_tag_section(DP_ROLE_SUBHEAD, si);
    else
        dp_bk_add_literal(B, &s, &B->span, &B->meta, dp_label_n(B->L.a, B->L.t->labels, DP_LABEL_ITEMS, sec->n_items),
                          fg->opener_meta_gap, true, sec->loc, NULL);
    dp_bk_add(&s, DP_BK_PART_RULE, fg->rule_gap, true);
    return s;
}

static dp_bk_story intro_story(dp_bk *B)
{
    const dp_block *in = &B->L.deck->intro;
    dp_bk_story s = {.span = true, .pad = 0, .pad_after = 0, .outline_level = 0};
    s.outline = in->title.s ? in->title.s : B->L.t->labels[DP_LABEL_INTRO];
    dp_bk_add_heading(B, &s, &B->span, "INTRODUCTION", &in->title, B->L.t->labels[DP_LABEL_INTRO], in->loc,
                      dp_tag_in(DP_ROLE_HEADING, DP_PART_INTRO));
    dp_bk_add(&s, DP_BK_PART_RULE, B->g->flow.rule_gap, true);
    dp_bk_part *b = dp_bk_add_text(B, &s, &B->span, &B->intro, &in->body, B->g->flow.intro_body_gap, false, 0);
    if (b)
        b->tag = dp_tag_in(DP_ROLE_BODY, DP_PART_INTRO);
    add_image(B, &s, &B->span, &in->image, &in->alt, dp_tag_in(DP_ROLE_FIGURE, DP_PART_INTRO));
    return s;
}

static dp_bk_story closing_story(dp_bk *B)
{
    const dp_block *cl = &B->L.deck->closing;
    const dp_bk_geom *g = &B->colg[0];
    dp_bk_story s = {.rule_before = true, .pad = B->g->flow.closing_pad, .outline_level = 0};
    s.outline = cl->title.s ? cl->title.s : B->L.t->labels[DP_LABEL_CLOSING];
    dp_bk_add_heading(B, &s, g, "CLOSING", &cl->title, B->L.t->labels[DP_LABEL_CLOSING], cl->loc,
                      dp_tag_in(DP_ROLE_HEADING, DP_PART_CLOSING));
    dp_bk_part *b = dp_bk_add_text(B, &s, g, &B->closing, &cl->body, B->g->flow.closing_body_gap, true, 0);
    if (b)
        b->tag = dp_tag_in(DP_ROLE_BODY, DP_PART_CLOSING);
    add_image(B, &s, g, &cl->image, &cl->alt, dp_tag_in(DP_ROLE_FIGURE, DP_PART_CLOSING));
    if (cl->qr.s && cl->qr.len) {
        dp_bk_add(&s, DP_BK_PART_QR, B->g->qr.gap, false)->h = B->g->qr.size;
    } else if (b) {
        b->keep = false;
    } else {
        s.p[s.n - 1].keep = false;
    }
    return s;
}

/* ===== Running head and folio ===== */

static void chrome(dp_bk *B)
{
    dp_lay *L = &B->L;
    const dp_deck *dk = L->deck;
    int total = L->dl->n_pages - 1;
    const char *event = dk->event.s ? dk->event.s : dk->title.s;
    int digits = total >= 100 ? 3 : 2;
    for (int i = 1; i < L->dl->n_pages; i++) {
        dp_page *p = dp_bk_page_at(B, i);
        p->label = dp_arena_printf(L->a, "%d", i);
        p->title = B->kinds[i];
        float rw = B->kinds[i] ? dp_lay_label(L, p, &B->head, B->kinds[i], L->right, B->head_top, 1) : 0;
        float lw = dp_text_line(L->a, NULL, L->fonts, &B->head, event, 0, 0, 0, (dp_loc){0});
        if (lw + rw + B->g->page.head_min_gap <= L->right - L->left)
            dp_lay_label(L, p, &B->head, event, L->left, B->head_top, 0);
        float ry = B->head_top + B->head.leading_pt + B->g->page.head_rule_gap;
        dp_page_line(L->a, p, L->left, ry, L->right, ry, 0.5f, L->t->colors[DP_COLOR_RULE]);

        char cur_s[16], tot_s[16];
        snprintf(cur_s, sizeof cur_s, "%0*d", digits, i);
        snprintf(tot_s, sizeof tot_s, "%0*d", digits, total);
        float x = L->right, gap = 0.25f * B->folio_t.size_pt;
        x -= dp_lay_label(L, p, &B->folio_t, tot_s, x, B->folio_top, 1) + gap;
        x -= dp_lay_label(L, p, &B->folio_t, "/", x, B->folio_top, 1) + gap;
        dp_lay_label(L, p, &B->folio_n, cur_s, x, B->folio_top, 1);
    }
}

/* ===== Driver ===== */

dp_dlist *dp_layout_booklet(dp_arena *a, const dp_deck *deck, const dp_template *t,
                            const dp_styles *styles, const dp_handout_opts *o, dp_diags *d)
{
    dp_bk B;
    memset(&B, 0, sizeof B);
    if (!dp_lay_init(&B.L, a, deck, t, styles, d))
        return NULL;
    B.o = o;
    B.g = &t->handout.booklet;
    B.L.page_w = o->paper_w_pt, B.L.page_h = o->paper_h_pt;
    if (!setup_geometry(&B))
        return NULL;
    setup_styles(&B);

    dp_bk_targets tg = {0};
    tg.section = dp_arena_alloc(a, sizeof(int) * (size_t)(deck->n_sections + 1));
    tg.item = dp_arena_alloc(a, sizeof(int) * (size_t)(deck->n_items + 1));
    dp_bk_cover(&B);
    dp_bk_contents(&B, &tg);
    int body = B.L.dl->n_pages; /* the first page after the contents */

    int intro_page = -1;
    if (deck->intro.present) {
        B.kind = deck->intro.title.s ? deck->intro.title.s : t->labels[DP_LABEL_INTRO];
        dp_bk_new_page(&B);
        dp_bk_story s = intro_story(&B);
        dp_bk_place(&B, &s);
        tg.intro = s.start_page;
        intro_page = B.page;
    }
    for (int si = 0; si < deck->n_sections; si++) {
        const dp_section *sec = &deck->sections[si];
        B.kind = dp_arena_printf(a, "%s  %s", part_name(&B, si), sec->title.s);
        dp_bk_story op = opener_story(&B, si);
        /* a section opens a page; after the intro only when its first item
         * starts there too (never a section heading alone at a page's foot) */
        dp_bk_story first = {0};
        float after = B.y + op.pad + dp_bk_story_h(&B, &op);
        bool with_first = after <= B.L.bottom;
        if (sec->n_items) {
            first = item_story(&B, si, &sec->items[0], true);
            with_first = with_first && dp_bk_starts_here(&B, &first, after);
        }
        if (B.page != intro_page || B.cols_used || !with_first)
            dp_bk_new_page(&B);
        if (B.page == intro_page) /* the head names the section, as the page is mostly its */
            B.kinds[B.page] = B.kind;
        dp_bk_place(&B, &op);
        tg.section[si] = op.start_page;
        for (int i = 0; i < sec->n_items; i++) {
            const dp_item *it = &sec->items[i];
            dp_bk_story s = i == 0 ? first : item_story(&B, si, it, false);
            dp_bk_place(&B, &s);
            tg.item[it->number - 1] = s.start_page;
        }
    }
    if (deck->closing.present) {
        B.kind = deck->closing.title.s ? deck->closing.title.s : t->labels[DP_LABEL_CLOSING];
        dp_bk_story s = closing_story(&B);
        if (B.page < body) /* never on the contents */
            dp_bk_new_page(&B);
        dp_bk_place(&B, &s);
        tg.closing = s.start_page;
    }
    dp_bk_finish_contents(&B);
    chrome(&B);
    dp_lay_langs(&B.L);
    return B.L.dl;
}
