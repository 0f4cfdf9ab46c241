/* layout_slides.c: the title, agenda (+ intro), section divider and closing
 * slides (docs/design.md §5). The Q&A slides are in layout_qa.c. */
#include <math.h>

#include "layout_priv.h"

#include <stdio.h>
#include <string.h>

/* "2026.12.05 · 北京" from the deck's date and venue (either may be absent). */
static const char *date_venue(dp_lay *L)
{
    const dp_deck *dk = L->deck;
    char date[16] = "";
    if (dk->year)
        snprintf(date, sizeof date, "%04d.%02d.%02d", dk->year, dk->month, dk->day);
    if (*date && dk->venue.s)
        return dp_arena_printf(L->a, "%s · %s", date, dk->venue.s);
    return dp_arena_strdup(L->a, *date ? date : dk->venue.s ? dk->venue.s : "");
}

static float matrix_pitch(const dp_lay *L)
{
    float p = (L->R - L->L) * 0.49f / 23.0f;
    return p > 18 ? 18 : p;
}

static void draw_matrix(dp_lay *L, dp_page *p, const dp_rgb *pal)
{
    float pitch = matrix_pitch(L);
    float size = 23 * pitch - (pitch - pitch * 14.0f / 18.0f);
    dp_lay_matrix(L, p, pal, L->R - size, L->T, pitch);
}

/* Where text whose top is at y must end to clear the motif (its cells stand
 * right of its diagonal, so lower rows leave more room); below the motif,
 * or without one, the right margin. */
static float motif_clear(const dp_lay *L, float y)
{
    if (!L->t->matrix)
        return L->R;
    float pitch = matrix_pitch(L);
    float size = 23 * pitch - (pitch - pitch * 14.0f / 18.0f);
    if (y >= L->T + size)
        return L->R;
    float row = y > L->T ? floorf((y - L->T) / pitch) : 0;
    return L->R - size + row * pitch - L->gutter * 0.5f;
}

void dp_lay_title_slide(dp_lay *L)
{
    const dp_rgb *pal = L->t->colors;
    const dp_deck *dk = L->deck;
    dp_page *p = dp_lay_new_page(L, DP_PAGE_TITLE, pal, false, dk->title.s);
    if (L->t->matrix)
        draw_matrix(L, p, pal);
    /* date and venue end before the motif */
    float kick_w = (L->t->matrix ? L->R - 23 * matrix_pitch(L) - L->gutter : L->R) - L->L;
    dp_textstyle kick = dp_lay_style(L, DP_EL_KICKER, pal);
    dp_page_tag(p, dp_tag_in(DP_ROLE_FACTS, DP_PART_FRONT));
    dp_lay_wrap_fit(L, p, &kick, date_venue(L), L->L, L->T, kick_w, 2, (dp_loc){0},
                    dk->venue.s ? dk->venue.loc : dk->date.loc, "the date and venue line");
    dp_page_untag(p);

    /* title: at most two lines, stepping down to the floor; the block sits on
     * the subtitle so one- and two-line titles share a bottom edge */
    float width = L->R - L->L < 600 ? L->R - L->L : 600;
    const dp_style *ts = &L->t->styles[DP_EL_TITLE];
    dp_textstyle st = dp_lay_style(L, DP_EL_TITLE, pal);
    st.balance = true;
    dp_textblock *tb = dp_lay_fit(L, st, ts->min_size_pt, &dk->title, width, 0, 2);
    float bottom = 426;
    if (!dp_lay_require_fit(L, tb, &dk->title, bottom - (L->T + 40), "the deck's title"))
        return;
    float top = bottom - dp_text_total_height(tb);
    dp_page_tag(p, dp_tag_in(DP_ROLE_TITLE, DP_PART_FRONT));
    dp_text_emit(L->a, p, tb, 0, tb->n_lines, L->L, top, dk->title.loc);
    dp_page_tag(p, dp_tag_in(DP_ROLE_SUBTITLE, DP_PART_FRONT));
    if (dk->subtitle.s) {
        dp_textstyle sub = dp_lay_style(L, DP_EL_SUBTITLE, pal);
        float sub_w = motif_clear(L, bottom + 20) - L->L;
        dp_textblock *sb = dp_lay_fit(L, sub, L->t->styles[DP_EL_SUBTITLE].min_size_pt, &dk->subtitle,
                                      sub_w, 0, 2);
        if (sb->n_lines <= 2)
            dp_text_emit(L->a, p, sb, 0, sb->n_lines, L->L, bottom + 20, dk->subtitle.loc);
        else
            dp_lay_wrap_fit(L, p, &sb->style, dk->subtitle.s, L->L, bottom + 20, sub_w, 2, dk->subtitle.loc,
                            dk->subtitle.loc, "the subtitle");
    }
    dp_page_untag(p);
}

/* A page headed by a kicker and a large heading, as agenda and closing are;
 * the heading is the title of 'part' (on a （续） page, a repeat). */
static dp_page *headed_page(dp_lay *L, dp_page_kind kind, dp_part part, const char *kicker, const dp_text *heading,
                            const char *suffix)
{
    const dp_rgb *pal = L->t->colors;
    const char *h = heading->s ? heading->s : "";
    if (suffix)
        h = dp_arena_printf(L->a, "%s%s", h, suffix);
    dp_page *p = dp_lay_new_page(L, kind, pal, true, h);
    p->continues = suffix != NULL;
    dp_lay_kicker(L, p, pal, kicker);
    dp_textstyle h1 = dp_lay_style(L, DP_EL_H1, pal);
    dp_page_tag(p, dp_tag_repeat(dp_tag_in(DP_ROLE_HEADING, part), suffix ? DP_REPEAT_RUN : DP_REPEAT_NONE));
    dp_text_line(L->a, p, L->fonts, &h1, h, L->L, dp_text_first_baseline(&h1, L->T + 24), 0, heading->loc);
    dp_page_untag(p);
    return p;
}

/* Body text that continues on （续） pages when it does not fit even at its
 * floor size, split as layout_paginate.c decides. 'page_idx' already
 * exists; the text starts at (x, top). */
enum { CONT_TOP = 168 };
static void flow_body(dp_lay *L, dp_part part, int page_idx, dp_element el, const dp_text *tx, float x,
                      float top, float width, const char *kicker, const dp_text *heading)
{
    const dp_rgb *pal = L->t->colors;
    dp_textstyle st = dp_lay_style(L, el, pal);
    dp_textblock *tb = dp_lay_fit(L, st, L->t->styles[el].min_size_pt, tx, width, L->B - top, 0);
    dp_lay_note_shrunk(&L->dl->pages[page_idx], el == DP_EL_INTRO_BODY ? "intro" : "closing", st.size_pt,
                       tb->style.size_pt);
    dp_flow_block b = {.tb = tb, .min_lines = 1};
    dp_flow fl = dp_flow_paginate(L->a, &b, 1, L->B - top, L->B - CONT_TOP);
    for (int k = 0; k < fl.n_frames; k++) {
        if (k > 0) {
            headed_page(L, L->dl->pages[page_idx].kind, part, kicker, heading, L->t->labels[DP_LABEL_CONTINUED]);
            page_idx = L->dl->n_pages - 1;
            top = CONT_TOP;
            x = L->L;
        }
        dp_page_tag(&L->dl->pages[page_idx], dp_tag_in(DP_ROLE_BODY, part));
        dp_text_emit(L->a, &L->dl->pages[page_idx], tb, fl.start[k], fl.start[k + 1] - fl.start[k], x, top,
                     tx->loc);
        dp_page_untag(&L->dl->pages[page_idx]);
        if (fl.n_frames > 1)
            L->dl->pages[page_idx].flow = dp_flow_note_of(&fl, &b, 1, k, top, L->B);
    }
    if (fl.n_frames > 1)
        dp_warning(L->d, tx->loc, "\"%s\" is too long for one slide even at %.0f pt; "
                   "it continues on %d （续） slide%s, %d slides in all",
                   heading->s ? dp_clip(L->a, heading->s, 24) : "text", tb->style.size_pt,
                   fl.n_frames - 1, fl.n_frames > 2 ? "s" : "", fl.n_frames);
}

/* ===== Agenda and intro ===== */

typedef struct {
    const char *title, *sub;
    dp_loc loc;
    int page;              /* the page the row links to */
} agenda_row;

/* A clickable area: an internal link when uri is NULL. */
static void link(dp_lay *L, dp_page *p, float x, float y, float w, float h, const char *uri, int page)
{
    dp_op *op = dp_page_add_op(L->a, p, DP_OP_LINK);
    op->x_pt = x, op->y_pt = y;
    op->as.link.w_pt = w, op->as.link.h_pt = h;
    op->as.link.uri = uri;
    op->as.link.dest_page = page;
}

/* The agenda's rows: the intro, each section (with its item count and
 * slide range once section_page is known; NULL: a placeholder of the same
 * height), the closing. Returns the number of rows. */
static int agenda_rows(dp_lay *L, int idx, const int *section_page, agenda_row **out)
{
    const dp_deck *dk = L->deck;
    agenda_row *rows = dp_arena_alloc(L->a, sizeof *rows * (size_t)(dk->n_sections + 2));
    int n = 0;
    if (dk->intro.present)
        rows[n++] = (agenda_row){dk->intro.title.s, NULL, dk->intro.loc, section_page ? L->intro_page : idx};
    for (int s = 0; s < dk->n_sections; s++) {
        const dp_section *sec = &dk->sections[s];
        int a = section_page ? dp_lay_number(L, section_page[s]) : 1;
        int b = section_page ? dp_lay_number(L, section_page[s + 1] - 1) : 1;
        rows[n++] = (agenda_row){sec->title.s,
                                 dp_arena_printf(L->a, "%s · %s", dp_label_n(L->a, L->t->labels, DP_LABEL_ITEMS, sec->n_items),
                                                 dp_label_range(L->a, L->t->labels, DP_LABEL_SLIDE_RANGE, a, b)),
                                 sec->loc, section_page ? section_page[s] : 0};
    }
    if (dk->closing.present)
        rows[n++] = (agenda_row){dk->closing.title.s, NULL, dk->closing.loc,
                                 section_page ? section_page[dk->n_sections] : 0};
    *out = rows;
    return n;
}

enum { AGENDA_TOP = 168, AGENDA_NUM_W = 56, AGENDA_PAD_MIN = 4, AGENDA_PAD_MAX = 22 };

/* Left edge and width of agenda list column c (of L->agenda_cols). */
static float agenda_col_x(const dp_lay *L, int c)
{
    return L->agenda_cols == 1 ? L->L : L->L + (float)c * ((L->R - L->L + L->gutter) / 2);
}
static float agenda_col_w(const dp_lay *L)
{
    return L->agenda_cols == 1 ? dp_lay_col(L, 5) + L->col_w - L->L : (L->R - L->L - L->gutter) / 2;
}

/* Height of each row's title block and sub-line at the current column width. */
static float *agenda_heights(dp_lay *L, const agenda_row *rows, int n, dp_textblock **tb)
{
    dp_textstyle tit = dp_lay_style(L, DP_EL_AGENDA_TITLE, L->t->colors);
    dp_textstyle sub = dp_lay_style(L, DP_EL_AGENDA_SUB, L->t->colors);
    float *h = dp_arena_alloc(L->a, sizeof *h * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        dp_text tx_row = {.s = rows[i].title, .len = (int)strlen(rows[i].title), .loc = rows[i].loc};
        tb[i] = dp_lay_text(L, &tit, &tx_row, agenda_col_w(L) - AGENDA_NUM_W);
        h[i] = dp_text_total_height(tb[i]) + (rows[i].sub ? 4 + sub.leading_pt : 0);
    }
    return h;
}

/* Rows [from, ...) that fit one list column at the least padding. */
static int agenda_fit(const dp_lay *L, const float *h, int from, int n)
{
    float y = AGENDA_TOP;
    int k = from;
    while (k < n && y + h[k] + 2 * AGENDA_PAD_MIN <= L->B + 0.01f)
        y += h[k++] + 2 * AGENDA_PAD_MIN;
    return k > from ? k - from : 1; /* a row taller than the column: alone */
}

int dp_lay_agenda_plan(dp_lay *L)
{
    agenda_row *rows;
    int n = agenda_rows(L, 0, NULL, &rows);
    dp_textblock **tb = dp_arena_alloc(L->a, sizeof *tb * (size_t)(n ? n : 1));
    L->agenda_cols = 1;
    float *h = agenda_heights(L, rows, n, tb);
    if (agenda_fit(L, h, 0, n) >= n)
        return 1;
    /* the whole width in two columns, the intro on a slide of its own */
    L->agenda_cols = 2;
    h = agenda_heights(L, rows, n, tb);
    int cols = 0;
    for (int k = 0; k < n; cols++)
        k += agenda_fit(L, h, k, n);
    return (cols + 1) / 2;
}

void dp_lay_agenda_slide(dp_lay *L, int idx, const int *section_page)
{
    const dp_rgb *pal = L->t->colors;
    agenda_row *rows;
    int n = agenda_rows(L, idx, section_page, &rows);
    dp_textstyle num = dp_lay_style(L, DP_EL_AGENDA_NUMBER, pal);
    dp_textstyle tit = dp_lay_style(L, DP_EL_AGENDA_TITLE, pal);
    dp_textstyle sub = dp_lay_style(L, DP_EL_AGENDA_SUB, pal);
    dp_textstyle h1 = dp_lay_style(L, DP_EL_H1, pal);
    dp_textblock **tb = dp_arena_alloc(L->a, sizeof *tb * (size_t)(n ? n : 1));
    float *h = agenda_heights(L, rows, n, tb);
    float w = agenda_col_w(L);
    /* every row, in columns and pages as planned: none is ever dropped */
    for (int k = 0, pg = idx; k < n; pg++) {
        dp_page *p = &L->dl->pages[pg];
        dp_lay_kicker(L, p, pal, "AGENDA");
        const char *head = L->t->labels[DP_LABEL_AGENDA];
        if (pg > idx)
            head = dp_arena_printf(L->a, "%s%s", head, L->t->labels[DP_LABEL_CONTINUED]);
        dp_page_tag(p, dp_tag_repeat(dp_tag_in(DP_ROLE_CONTENTS_HEAD, DP_PART_CONTENTS),
                                     pg > idx ? DP_REPEAT_RUN : DP_REPEAT_NONE)); /* its （续） is a repeat */
        dp_lay_label(L, p, &h1, head, L->L, L->T + 24, 0);
        dp_page_untag(p);
        int end = k + agenda_fit(L, h, k, n), split = end;
        if (L->agenda_cols == 2 && end < n)
            end += agenda_fit(L, h, end, n);
        /* two columns share the page's rows evenly by height */
        float best = 1e30f;
        for (int s2 = k + 1; L->agenda_cols == 2 && s2 <= end; s2++) {
            float a = 0, b = 0;
            for (int r = k; r < end; r++)
                *(r < s2 ? &a : &b) += h[r] + 2 * AGENDA_PAD_MIN;
            float worst = a > b ? a : b;
            if (worst <= L->B - AGENDA_TOP + 0.01f && worst < best)
                best = worst, split = s2;
        }
        /* rows share the room below the heading (the fuller column decides);
         * padding shrinks for long lists */
        float pad = AGENDA_PAD_MAX;
        for (int c = 0; c < L->agenda_cols; c++) {
            int from = c ? split : k, to = c ? end : split;
            float natural = 0;
            for (int r = from; r < to; r++)
                natural += h[r];
            float cp = to > from ? (L->B - AGENDA_TOP - natural) / (2.0f * (float)(to - from)) : pad;
            pad = cp < pad ? cp : pad;
        }
        pad = pad < AGENDA_PAD_MIN ? AGENDA_PAD_MIN : pad;
        for (int c = 0; c < L->agenda_cols; c++) {
            int from = c ? split : k, to = c ? end : split;
            if (from >= to)
                continue;
            float x = agenda_col_x(L, c), right = x + w, tx = x + AGENDA_NUM_W, y = AGENDA_TOP;
            for (int r = from; r < to; r++) {
                dp_page_line(L->a, p, x, y, right, y, 1, pal[DP_COLOR_RULE]);
                float top = y + pad;
                char no[16];
                snprintf(no, sizeof no, "%02d", r + 1);
                dp_tag row = dp_tag_in(DP_ROLE_CONTENTS, DP_PART_CONTENTS);
                row.block = r;
                dp_page_tag(p, row);
                dp_text_line(L->a, p, L->fonts, &num, no, x, dp_text_first_baseline(&tit, top), 0, rows[r].loc);
                y = dp_text_emit(L->a, p, tb[r], 0, tb[r]->n_lines, tx, top, rows[r].loc);
                if (rows[r].sub) {
                    dp_lay_label(L, p, &sub, rows[r].sub, tx, y + 4, 0);
                    y += 4 + sub.leading_pt;
                }
                y += pad;
                link(L, p, x, top - pad, right - x, y - (top - pad), NULL, rows[r].page);
                dp_page_untag(p);
            }
            dp_page_line(L->a, p, x, y, right, y, 1, pal[DP_COLOR_RULE]);
        }
        k = end;
    }
}

/* The intro sits beside the agenda (columns 6-12), its image below the
 * text; when text and image do not fit there (the text even at its floor
 * size) they get slides of their own after the agenda, the image in
 * columns 8-12 of the first. */
enum { IMAGE_MIN_H = 120, IMAGE_GAP = 24 };
/* The closing's QR tile: its top, full side and the least it shrinks to. */
enum { QR_TOP = 172, QR_TILE = 192, QR_TILE_MIN = 136 };

void dp_lay_intro(dp_lay *L, int agenda_idx)
{
    const dp_block *in = &L->deck->intro;
    const dp_image *img = dp_lay_image_of(L, &in->image);
    if (!in->present || (!in->body.s && !img))
        return;
    const dp_rgb *pal = L->t->colors;
    L->dl->pages[agenda_idx].notes = in->notes.s;
    float x = dp_lay_col(L, 6);
    float room = L->B - 202 - (img ? IMAGE_MIN_H + IMAGE_GAP : 0);
    dp_textstyle st = dp_lay_style(L, DP_EL_INTRO_BODY, pal);
    dp_textblock *tb = dp_lay_fit(L, st, L->t->styles[DP_EL_INTRO_BODY].min_size_pt, &in->body,
                                  L->R - x, room, 0);
    /* beside the agenda only when its list keeps to one narrow column */
    if (L->agenda_cols == 1 && dp_text_total_height(tb) <= room + 0.01f) {
        dp_page *p = &L->dl->pages[agenda_idx];
        dp_lay_note_shrunk(p, "intro", st.size_pt, tb->style.size_pt);
        dp_textstyle lab = dp_lay_style(L, DP_EL_LABEL, pal);
        dp_page_tag(p, dp_tag_in(DP_ROLE_HEADING, DP_PART_INTRO));
        dp_lay_label(L, p, &lab, in->title.s, x, 176, 0);
        dp_page_tag(p, dp_tag_in(DP_ROLE_BODY, DP_PART_INTRO));
        float y = dp_text_emit(L->a, p, tb, 0, tb->n_lines, x, 202, in->body.loc);
        if (img) {
            y = tb->n_lines ? y + IMAGE_GAP : 202;
            dp_page_tag(p, dp_lay_figure_tag(dp_tag_in(DP_ROLE_FIGURE, DP_PART_INTRO), &in->image, &in->alt));
            dp_lay_image(L, p, img, in->image.loc, x, y, L->R - x, L->B - y, 0, 0, NULL, NULL);
        }
        dp_page_untag(p);
        return;
    }
    headed_page(L, DP_PAGE_INTRO, DP_PART_INTRO, "INTRODUCTION", &in->title, NULL);
    int first = L->dl->n_pages - 1;
    float image_x = dp_lay_col(L, 8);
    if (img) {
        dp_page *p = &L->dl->pages[first];
        dp_page_tag(p, dp_lay_figure_tag(dp_tag_in(DP_ROLE_FIGURE, DP_PART_INTRO), &in->image, &in->alt));
        dp_lay_image(L, p, img, in->image.loc, image_x, 172, L->R - image_x, L->B - 172, 1, 0, NULL, NULL);
        dp_page_untag(p);
    }
    flow_body(L, DP_PART_INTRO, first, DP_EL_INTRO_BODY, &in->body, L->L, 168,
              img ? image_x - 48 - L->L : dp_lay_col(L, 10) + L->col_w - L->L, "INTRODUCTION", &in->title);
}

/* ===== Section divider ===== */

void dp_lay_section_slide(dp_lay *L, int s)
{
    const dp_section *sec = &L->deck->sections[s];
    const dp_rgb *pal = L->t->section_colors;
    dp_page *p = dp_lay_new_page(L, DP_PAGE_SECTION, pal, true, sec->title.s);
    char buf[32];
    snprintf(buf, sizeof buf, "SECTION %02d", s + 1);
    dp_lay_kicker(L, p, pal, buf);
    if (L->t->matrix)
        draw_matrix(L, p, pal);
    dp_textstyle num = dp_lay_style(L, DP_EL_SECTION_NUMBER, pal);
    snprintf(buf, sizeof buf, "%02d", s + 1);
    /* the numeral's side bearing would push it off the grid: set it optically */
    dp_text_line(L->a, p, L->fonts, &num, buf, L->L - num.size_pt * 0.05f, 280, 0, sec->loc);

    dp_textstyle st = dp_lay_style(L, DP_EL_SECTION_TITLE, pal);
    dp_textstyle sub = dp_lay_style(L, DP_EL_SECTION_SUB, pal);
    const char *line = sec->subtitle.s ? sec->subtitle.s : dp_label_n(L->a, L->t->labels, DP_LABEL_ITEMS, sec->n_items);
    /* title (one line) and subtitle clear the motif: the subtitle measured
     * from the highest it may start, the title from where it starts */
    float sub_w = motif_clear(L, 374 + 16) - L->L;
    /* a subtitle of two lines lifts the title by one */
    bool two = dp_text_layout(L->a, L->fonts, &sub, line, (int)strlen(line), sub_w, NULL, NULL)->n_lines > 1;
    float top = 374 - (two ? sub.leading_pt : 0);
    dp_textblock *tb = dp_lay_fit(L, st, L->t->styles[DP_EL_SECTION_TITLE].min_size_pt, &sec->title,
                                  motif_clear(L, top) - L->L, 0, 1);
    if (!dp_lay_require_fit(L, tb, &sec->title, 374 + tb->style.leading_pt - 300, "the section title"))
        return;
    if (tb->n_lines > 1)
        top -= (float)(tb->n_lines - 1) * tb->style.leading_pt;
    dp_page_tag(p, dp_tag_section(DP_ROLE_HEADING, s));
    float y = dp_text_emit(L->a, p, tb, 0, tb->n_lines, L->L, top, sec->title.loc);
    dp_page_untag(p);
    /* a count in place of a subtitle is furniture: the structure has the items */
    if (sec->subtitle.s)
        dp_page_tag(p, dp_tag_section(DP_ROLE_SUBHEAD, s));
    dp_lay_wrap_fit(L, p, &sub, line, L->L, y + 16, sub_w, 2, (dp_loc){0}, sec->subtitle.loc,
                    "the section's subtitle");
    dp_page_untag(p);
}

/* ===== Closing ===== */

/* The closing's text with its image below, when both fit on the slide (the
 * text shrunk at most to its floor, the image at least IMAGE_MIN_H tall). */
static bool closing_image_below(dp_lay *L, int idx, const dp_image *img, float width)
{
    const dp_block *cl = &L->deck->closing;
    float top = 168, room = L->B - top - IMAGE_MIN_H - IMAGE_GAP, y = 172;
    if (cl->body.s) {
        dp_textstyle st = dp_lay_style(L, DP_EL_CLOSING_BODY, L->t->colors);
        dp_textblock *tb = dp_lay_fit(L, st, L->t->styles[DP_EL_CLOSING_BODY].min_size_pt, &cl->body,
                                      width, room, 0);
        if (dp_text_total_height(tb) > room + 0.01f)
            return false;
        dp_lay_note_shrunk(&L->dl->pages[idx], "closing", st.size_pt, tb->style.size_pt);
        dp_page_tag(&L->dl->pages[idx], dp_tag_in(DP_ROLE_BODY, DP_PART_CLOSING));
        y = dp_text_emit(L->a, &L->dl->pages[idx], tb, 0, tb->n_lines, L->L, top, cl->body.loc) + IMAGE_GAP;
    }
    dp_page_tag(&L->dl->pages[idx], dp_lay_figure_tag(dp_tag_in(DP_ROLE_FIGURE, DP_PART_CLOSING), &cl->image, &cl->alt));
    dp_lay_image(L, &L->dl->pages[idx], img, cl->image.loc, L->L, y, width, L->B - y, 0, 0, NULL, NULL);
    dp_page_untag(&L->dl->pages[idx]);
    return true;
}

/* The URL as printed: without its scheme, in lines of at most 'width'
 * broken only after / . ? & = - (a piece wider than the column breaks
 * between characters). Returns the number of lines, each in lines[]. */
enum { URL_MAX_LINES = 8 };
static int url_lines(dp_lay *L, const dp_textstyle *st, const char *url, float width, const char **lines)
{
    int n = 0;
    const char *line = url, *fit_end = url;
    for (const char *c = url; *c;) {
        const char *next = c + 1;
        while ((*next & 0xC0) == 0x80)
            next++;
        bool brk = strchr("/.?&=-", *c) != NULL || !*next;
        const char *cand = dp_arena_strndup(L->a, line, (size_t)(next - line));
        bool fits = dp_text_line(L->a, NULL, L->fonts, st, cand, 0, 0, 0, (dp_loc){0}) <= width + 0.01f;
        if (!fits) {
            /* break at the last allowed point, or (a piece too wide) before this character */
            const char *end = fit_end > line ? fit_end : c > line ? c : next;
            if (n == URL_MAX_LINES)
                return n + 1;
            lines[n++] = dp_arena_strndup(L->a, line, (size_t)(end - line));
            line = fit_end = end;
            continue; /* measure again from the new line's start */
        }
        if (brk)
            fit_end = next;
        c = next;
    }
    if (*line) {
        if (n == URL_MAX_LINES)
            return n + 1;
        lines[n++] = line;
    }
    return n;
}

/* The closing's right column: the QR code on its white tile, the caption
 * wrapped in the column, and the URL broken after / . ? & = -, never under
 * the template's min_size for qr_url. When they do not fit below a full
 * tile, the URL steps down to its floor, then the tile shrinks (to
 * QR_TILE_MIN); the closing widens the column (qr_column) before anything
 * is shortened with … and a warning. */
typedef struct {
    float x, col_w, tile;
    const char *url;            /* as printed: without the scheme */
    dp_textstyle us;            /* the URL's style at the size chosen */
    dp_textblock *cb;           /* the caption; NULL = none */
    float cap_h;
    const char *lines[URL_MAX_LINES];
    int n;                      /* URL lines; > URL_MAX_LINES: more than that */
    bool fits;                  /* everything fits in full */
} qr_plan;

static qr_plan plan_qr(dp_lay *L, const dp_block *cl, float x, float tile)
{
    const dp_rgb *pal = L->t->colors;
    qr_plan q = {.x = x, .col_w = L->R - x, .tile = tile, .url = cl->qr.s};
    const char *sep = strstr(q.url, "://");
    if (sep)
        q.url = sep + 3;
    if (cl->qr_label.s) {
        dp_textstyle cap = dp_lay_style(L, DP_EL_QR_LABEL, pal);
        q.cb = dp_lay_text(L, &cap, &cl->qr_label, q.col_w);
        q.cap_h = dp_text_total_height(q.cb) + 2;
    }
    dp_textstyle us0 = dp_lay_style(L, DP_EL_QR_URL, pal);
    const dp_style *ust = &L->t->styles[DP_EL_QR_URL];
    float floor_pt = ust->min_size_pt > 0 ? ust->min_size_pt : ust->size_pt;
    q.us = us0;
    for (float size = us0.size_pt; size >= floor_pt - 0.01f && !q.fits; size -= 1) {
        q.us = dp_lay_resize(us0, size);
        q.n = url_lines(L, &q.us, q.url, q.col_w, q.lines);
        q.fits = q.n <= URL_MAX_LINES && QR_TOP + tile + 16 + q.cap_h + (float)q.n * q.us.leading_pt <= L->B + 0.01f;
    }
    return q;
}

static void emit_qr(dp_lay *L, int idx, const dp_block *cl, qr_plan *q)
{
    dp_page *p = &L->dl->pages[idx];
    float x = q->x;
    dp_tag qt = dp_tag_in(DP_ROLE_QR, DP_PART_CLOSING);
    qt.alt = cl->qr.s;
    dp_page_tag(p, qt);
    dp_lay_qr(L, p, &cl->qr, x, QR_TOP, q->tile, L->t->colors);
    dp_page_tag(p, dp_tag_in(DP_ROLE_QR_LABEL, DP_PART_CLOSING));
    float y = QR_TOP + q->tile + 16;
    int room = (int)((L->B - y - q->cap_h) / q->us.leading_pt), n = q->n;
    if (room > URL_MAX_LINES)
        room = URL_MAX_LINES;
    if (q->cb) {
        if (room < 1) { /* the caption gives way to one line of URL, its last line shortened with … */
            int nc = dp_lay_lines_fitting(q->cb, 0, L->B - y - q->us.leading_pt);
            dp_warning(L->d, cl->qr_label.loc, "the QR caption is too long for the closing slide's "
                       "column: %d of its %d lines shown", nc, q->cb->n_lines);
            y = dp_lay_wrap_fit(L, p, &q->cb->style, cl->qr_label.s, x, y, q->col_w, nc > 0 ? nc : 1,
                                cl->qr_label.loc, cl->qr_label.loc, NULL) + 2;
            room = 1;
        } else {
            y = dp_text_emit(L->a, p, q->cb, 0, q->cb->n_lines, x, y, cl->qr_label.loc) + 2;
        }
    }
    if (n > room) {
        dp_warning(L->d, cl->qr.loc, "the URL is too long to print in full on the closing slide even "
                   "at %.0f pt; it is shortened with … (the QR code and the link keep all of it)",
                   (double)q->us.size_pt);
        n = room > 0 ? room : 1;
    }
    float top = y;
    size_t done = 0;
    dp_page_tag(p, dp_tag_in(DP_ROLE_QR_URL, DP_PART_CLOSING));
    for (int i = 0; i < n; i++, y += q->us.leading_pt) {
        /* the last line shown holds the rest of the URL, shortened with … */
        const char *s = i == n - 1 ? q->url + done : q->lines[i];
        dp_lay_line_fit(L, p, &q->us, s, x, y, q->col_w, 0, (dp_loc){0}, cl->qr.loc, NULL);
        done += strlen(q->lines[i]);
    }
    /* the QR code and the printed URL both open it */
    if (n)
        link(L, p, x, top, q->col_w, y - top, cl->qr.s, 0);
    dp_page_tag(p, qt);
    link(L, p, x, QR_TOP, q->tile, q->tile, cl->qr.s, 0);
    dp_page_untag(p);
}

/* The QR column, one full tile wide; while caption and URL do not fit in
 * full it widens a grid column at a time (to column 8, keeping the body at
 * least 10 em), then the tile shrinks 8 pt at a time. Returns its left edge. */
static float qr_column(dp_lay *L, int idx, const dp_block *cl)
{
    float step = L->col_w + L->gutter;
    float min_x = dp_lay_col(L, 8);
    float body_min = L->L + 10 * L->t->styles[DP_EL_CLOSING_BODY].size_pt + 48;
    if (min_x < body_min)
        min_x = body_min;
    qr_plan q = plan_qr(L, cl, L->R - QR_TILE, QR_TILE);
    for (float tile = QR_TILE; tile >= QR_TILE_MIN - 0.01f && !q.fits; tile -= 8)
        for (float x = L->R - QR_TILE; x >= min_x - 0.01f && !q.fits; x -= step)
            q = plan_qr(L, cl, x, tile);
    emit_qr(L, idx, cl, &q);
    return q.x;
}

void dp_lay_closing_slide(dp_lay *L)
{
    const dp_block *cl = &L->deck->closing;
    const dp_rgb *pal = L->t->colors;
    headed_page(L, DP_PAGE_CLOSING, DP_PART_CLOSING, "CLOSING", &cl->title, NULL);
    int idx = L->dl->n_pages - 1;
    L->dl->pages[idx].notes = cl->notes.s;
    bool qr = cl->qr.s != NULL;
    const dp_image *img = dp_lay_image_of(L, &cl->image);
    float tile_x = L->R - QR_TILE;
    if (qr) {
        tile_x = qr_column(L, idx, cl);
    } else if (L->t->matrix && !img) {
        /* without a QR code the closing echoes the cover's motif */
        draw_matrix(L, &L->dl->pages[idx], pal);
    }
    /* an image takes the place of the QR tile (columns 8-12) or stands left
     * of it (4 columns); where that would leave the text under 10 em (4:3),
     * it goes below the text when both fit */
    float width = qr ? tile_x - 48 - L->L : dp_lay_col(L, 8) + L->col_w - L->L;
    if (img) {
        float right = qr ? tile_x - L->gutter : L->R;
        float x = qr ? right - 4 * L->col_w - 3 * L->gutter : dp_lay_col(L, 8);
        float min_x = L->L + 10 * L->t->styles[DP_EL_CLOSING_BODY].size_pt + 48;
        if (x < min_x && closing_image_below(L, idx, img, width > 504 ? 504 : width))
            return;
        if (x < min_x)
            x = min_x;
        if (right - x > 1) {
            dp_page_tag(&L->dl->pages[idx],
                        dp_lay_figure_tag(dp_tag_in(DP_ROLE_FIGURE, DP_PART_CLOSING), &cl->image, &cl->alt));
            dp_lay_image(L, &L->dl->pages[idx], img, cl->image.loc, x, 172, right - x, L->B - 172, 1, 0,
                         NULL, NULL);
            dp_page_untag(&L->dl->pages[idx]);
        }
        width = x - 48 - L->L;
    }
    if (cl->body.s) {
        if (width > 504)
            width = 504;
        flow_body(L, DP_PART_CLOSING, idx, DP_EL_CLOSING_BODY, &cl->body, L->L, 168, width, "CLOSING",
                  &cl->title);
    }
}
