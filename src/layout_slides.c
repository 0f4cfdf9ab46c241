/* layout_slides.c: the title, agenda (+ intro), section divider and closing
 * slides (docs/design.md §5). The Q&A slides are in layout_qa.c. */
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

void dp_lay_title_slide(dp_lay *L)
{
    const dp_rgb *pal = L->t->colors;
    const dp_deck *dk = L->deck;
    dp_page *p = dp_lay_new_page(L, pal, false, dk->title.s);
    if (L->t->matrix)
        draw_matrix(L, p, pal);
    dp_lay_kicker(L, p, pal, date_venue(L));

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
    dp_text_emit(L->a, p, tb, 0, tb->n_lines, L->L, top, dk->title.loc);
    if (dk->subtitle.s) {
        dp_textstyle sub = dp_lay_style(L, DP_EL_SUBTITLE, pal);
        dp_textblock *sb = dp_lay_fit(L, sub, L->t->styles[DP_EL_SUBTITLE].min_size_pt, &dk->subtitle,
                                      L->R - L->L, 0, 2);
        dp_text_emit(L->a, p, sb, 0, sb->n_lines, L->L, bottom + 20, dk->subtitle.loc);
    }
}

/* A page headed by a kicker and a large heading, as agenda and closing are. */
static dp_page *headed_page(dp_lay *L, const char *kicker, const dp_text *heading, const char *suffix)
{
    const dp_rgb *pal = L->t->colors;
    const char *h = heading->s ? heading->s : "";
    if (suffix)
        h = dp_arena_printf(L->a, "%s%s", h, suffix);
    dp_page *p = dp_lay_new_page(L, pal, true, h);
    p->continues = suffix != NULL;
    dp_lay_kicker(L, p, pal, kicker);
    dp_textstyle h1 = dp_lay_style(L, DP_EL_H1, pal);
    dp_text_line(L->a, p, L->fonts, &h1, h, L->L, dp_text_first_baseline(&h1, L->T + 24), 0, heading->loc);
    return p;
}

/* Body text that continues on （续） pages when it does not fit even at its
 * floor size. 'first_page' already exists; the text starts at (x, top). */
static void flow_body(dp_lay *L, int page_idx, dp_element el, const dp_text *tx, float x, float top,
                      float width, const char *kicker, const dp_text *heading)
{
    const dp_rgb *pal = L->t->colors;
    dp_textstyle st = dp_lay_style(L, el, pal);
    dp_textblock *tb = dp_lay_fit(L, st, L->t->styles[el].min_size_pt, tx, width, L->B - top, 0);
    int done = 0, pages = 0;
    while (done < tb->n_lines) {
        dp_page *p = &L->dl->pages[page_idx];
        int n = dp_lay_lines_fitting(tb, done, L->B - top);
        if (n == 0)
            n = 1; /* a single line taller than the page: place it anyway */
        dp_text_emit(L->a, p, tb, done, n, x, top, tx->loc);
        done += n;
        if (done < tb->n_lines) {
            if (pages++ == 0)
                dp_warning(L->d, tx->loc, "\"%s\" is too long for one slide even at %.0f pt; "
                           "it continues on a （续） slide", heading->s ? dp_clip(L->a, heading->s, 24) : "text",
                           tb->style.size_pt);
            headed_page(L, kicker, heading, L->t->labels[DP_LABEL_CONTINUED]);
            page_idx = L->dl->n_pages - 1;
            top = 168;
            x = L->L;
        }
    }
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

void dp_lay_agenda_slide(dp_lay *L, int idx, const int *section_page)
{
    const dp_deck *dk = L->deck;
    const dp_rgb *pal = L->t->colors;
    agenda_row rows[256];
    int n = 0;
    if (dk->intro.present)
        rows[n++] = (agenda_row){dk->intro.title.s, NULL, dk->intro.loc, idx};
    for (int s = 0; s < dk->n_sections && n < 255; s++) {
        const dp_section *sec = &dk->sections[s];
        int a = dp_lay_number(L, section_page[s]), b = dp_lay_number(L, section_page[s + 1] - 1);
        rows[n++] = (agenda_row){sec->title.s,
                                 dp_arena_printf(L->a, "%s · %s", dp_label_n(L->a, L->t->labels, DP_LABEL_ITEMS, sec->n_items),
                                                 dp_label_range(L->a, L->t->labels, DP_LABEL_SLIDE_RANGE, a, b)),
                                 sec->loc, section_page[s]};
    }
    if (dk->closing.present && n < 256)
        rows[n++] = (agenda_row){dk->closing.title.s, NULL, dk->closing.loc,
                                 section_page[dk->n_sections]};

    dp_page *p = &L->dl->pages[idx];
    dp_lay_kicker(L, p, pal, "AGENDA");
    dp_textstyle h1 = dp_lay_style(L, DP_EL_H1, pal);
    dp_lay_label(L, p, &h1, L->t->labels[DP_LABEL_AGENDA], L->L, L->T + 24, 0);

    dp_textstyle num = dp_lay_style(L, DP_EL_AGENDA_NUMBER, pal);
    dp_textstyle tit = dp_lay_style(L, DP_EL_AGENDA_TITLE, pal);
    dp_textstyle sub = dp_lay_style(L, DP_EL_AGENDA_SUB, pal);
    float right = dp_lay_col(L, 5) + L->col_w;
    float tx = L->L + 56;
    /* titles wrap inside the list column; rows share the room below the
     * heading, and their padding shrinks for long agendas */
    dp_textblock *tb[256];
    float natural = 0;
    int total_rows = (dk->intro.present ? 1 : 0) + dk->n_sections + (dk->closing.present ? 1 : 0);
    for (int i = 0; i < n; i++) {
        dp_text tx_row = {.s = rows[i].title, .len = (int)strlen(rows[i].title), .loc = rows[i].loc};
        tb[i] = dp_lay_text(L, &tit, &tx_row, right - tx);
        float h = dp_text_total_height(tb[i]) + (rows[i].sub ? 4 + sub.leading_pt : 0);
        /* a long agenda shows what fits and says how much more there is
         * (the outline and the handout's contents list everything) */
        if (168 + natural + h + 8.0f * (float)(i + 1) + tit.leading_pt + 8 > L->B && i + 1 < total_rows) {
            const char *more = dp_label_n(L->a, L->t->labels, DP_LABEL_MORE, total_rows - i);
            dp_text tx_more = {.s = more, .len = (int)strlen(more)};
            rows[i] = (agenda_row){more, NULL, (dp_loc){0}, rows[i].page};
            tb[i] = dp_lay_text(L, &tit, &tx_more, right - tx);
            natural += dp_text_total_height(tb[i]);
            n = i + 1;
            break;
        }
        natural += h;
    }
    float pad = n ? (L->B - 168 - natural) / (2.0f * (float)n) : 22;
    if (pad > 22)
        pad = 22;
    if (pad < 4)
        pad = 4;
    float y = 168;
    for (int i = 0; i < n; i++) {
        dp_page_line(L->a, p, L->L, y, right, y, 1, pal[DP_COLOR_RULE]);
        float top = y + pad;
        char no[16];
        snprintf(no, sizeof no, "%02d", i + 1);
        dp_text_line(L->a, p, L->fonts, &num, no, L->L, dp_text_first_baseline(&tit, top), 0, rows[i].loc);
        y = dp_text_emit(L->a, p, tb[i], 0, tb[i]->n_lines, tx, top, rows[i].loc);
        if (rows[i].sub) {
            dp_lay_label(L, p, &sub, rows[i].sub, tx, y + 4, 0);
            y += 4 + sub.leading_pt;
        }
        y += pad;
        link(L, p, L->L, top - pad, right - L->L, y - (top - pad), NULL, rows[i].page);
    }
    if (n)
        dp_page_line(L->a, p, L->L, y, right, y, 1, pal[DP_COLOR_RULE]);
}

/* The intro sits beside the agenda (columns 6-12), its image below the
 * text; when text and image do not fit there (the text even at its floor
 * size) they get slides of their own after the agenda, the image in
 * columns 8-12 of the first. */
enum { IMAGE_MIN_H = 120, IMAGE_GAP = 24 };

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
    if (dp_text_total_height(tb) <= room + 0.01f) {
        dp_page *p = &L->dl->pages[agenda_idx];
        dp_textstyle lab = dp_lay_style(L, DP_EL_LABEL, pal);
        dp_lay_label(L, p, &lab, in->title.s, x, 176, 0);
        float y = dp_text_emit(L->a, p, tb, 0, tb->n_lines, x, 202, in->body.loc);
        if (img) {
            y = tb->n_lines ? y + IMAGE_GAP : 202;
            dp_lay_image(L, p, img, in->image.loc, x, y, L->R - x, L->B - y, 0, 0, NULL, NULL);
        }
        return;
    }
    headed_page(L, "INTRODUCTION", &in->title, NULL);
    int first = L->dl->n_pages - 1;
    float image_x = dp_lay_col(L, 8);
    if (img)
        dp_lay_image(L, &L->dl->pages[first], img, in->image.loc, image_x, 172, L->R - image_x,
                     L->B - 172, 1, 0, NULL, NULL);
    flow_body(L, first, DP_EL_INTRO_BODY, &in->body, L->L, 168,
              img ? image_x - 48 - L->L : dp_lay_col(L, 10) + L->col_w - L->L, "INTRODUCTION", &in->title);
}

/* ===== Section divider ===== */

void dp_lay_section_slide(dp_lay *L, int s)
{
    const dp_section *sec = &L->deck->sections[s];
    const dp_rgb *pal = L->t->section_colors;
    dp_page *p = dp_lay_new_page(L, pal, true, sec->title.s);
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
    dp_textblock *tb = dp_lay_fit(L, st, L->t->styles[DP_EL_SECTION_TITLE].min_size_pt, &sec->title,
                                  L->R - L->L, 0, 1);
    if (!dp_lay_require_fit(L, tb, &sec->title, 374 + tb->style.leading_pt - 300, "the section title"))
        return;
    float top = 374;
    if (tb->n_lines > 1)
        top = 374 - (float)(tb->n_lines - 1) * tb->style.leading_pt;
    float y = dp_text_emit(L->a, p, tb, 0, tb->n_lines, L->L, top, sec->title.loc);
    dp_textstyle sub = dp_lay_style(L, DP_EL_SECTION_SUB, pal);
    const char *line = sec->subtitle.s ? sec->subtitle.s : dp_label_n(L->a, L->t->labels, DP_LABEL_ITEMS, sec->n_items);
    dp_lay_label(L, p, &sub, line, L->L, y + 16, 0);
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
        y = dp_text_emit(L->a, &L->dl->pages[idx], tb, 0, tb->n_lines, L->L, top, cl->body.loc) + IMAGE_GAP;
    }
    dp_lay_image(L, &L->dl->pages[idx], img, cl->image.loc, L->L, y, width, L->B - y, 0, 0, NULL, NULL);
    return true;
}

void dp_lay_closing_slide(dp_lay *L)
{
    const dp_block *cl = &L->deck->closing;
    const dp_rgb *pal = L->t->colors;
    headed_page(L, "CLOSING", &cl->title, NULL);
    int idx = L->dl->n_pages - 1;
    L->dl->pages[idx].notes = cl->notes.s;
    bool qr = cl->qr.s != NULL;
    const dp_image *img = dp_lay_image_of(L, &cl->image);
    float tile = 192, tile_x = L->R - tile;
    if (qr) {
        dp_page *p = &L->dl->pages[idx];
        dp_lay_qr(L, p, &cl->qr, tile_x, 172, tile, pal);
        float y = 172 + tile + 16;
        if (cl->qr_label.s) {
            dp_textstyle cap = dp_lay_style(L, DP_EL_QR_LABEL, pal);
            dp_lay_label(L, p, &cap, cl->qr_label.s, tile_x, y, 0);
            y += cap.leading_pt + 2;
        }
        const char *url = cl->qr.s;
        const char *sep = strstr(url, "://");
        if (sep)
            url = sep + 3;
        dp_textstyle us = dp_lay_style(L, DP_EL_QR_URL, pal);
        float w = dp_text_line(L->a, NULL, L->fonts, &us, url, 0, 0, 0, cl->qr.loc);
        if (w > L->W - tile_x - 8)
            us = dp_lay_resize(us, us.size_pt * (L->W - tile_x - 8) / w);
        float uw = dp_lay_label(L, p, &us, url, tile_x, y, 0);
        /* the QR code and the printed URL both open it */
        link(L, p, tile_x, 172, tile, tile, cl->qr.s, 0);
        link(L, p, tile_x, y, uw, us.leading_pt, cl->qr.s, 0);
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
        if (right - x > 1)
            dp_lay_image(L, &L->dl->pages[idx], img, cl->image.loc, x, 172, right - x, L->B - 172, 1, 0,
                         NULL, NULL);
        width = x - 48 - L->L;
    }
    if (cl->body.s) {
        if (width > 504)
            width = 504;
        flow_body(L, idx, DP_EL_CLOSING_BODY, &cl->body, L->L, 168, width, "CLOSING", &cl->title);
    }
}
