/* layout_driver.c: the slide layout driver (dp_layout_slides, layout.h):
 * the slides of a deck in order (title, agenda and intro, a divider and
 * the Q&A slides of each section, closing), then their chrome (footer,
 * page number, progress bar, page labels). Above the slide kinds
 * (layout_slides.c, layout_qa.c) and layout.c; nothing calls back up. */
#include "layout_priv.h"

#include <stdio.h>
#include <string.h>

/* ===== Chrome: footer, page number, progress bar ===== */

static const char *fill_footer(dp_lay *L, int n, int total)
{
    const char *f = L->t->footer_text ? L->t->footer_text : "{event}";
    const dp_deck *dk = L->deck;
    char *out = dp_arena_alloc(L->a, 1);
    for (const char *s = f; *s;) {
        const char *rep = NULL;
        size_t skip = 0;
        char num[32];
        if (strncmp(s, "{event}", 7) == 0)
            rep = dk->event.s ? dk->event.s : dk->title.s, skip = 7;
        else if (strncmp(s, "{page}", 6) == 0)
            snprintf(num, sizeof num, "%d", n), rep = num, skip = 6;
        else if (strncmp(s, "{pages}", 7) == 0)
            snprintf(num, sizeof num, "%d", total), rep = num, skip = 7;
        else if (strncmp(s, "{date}", 6) == 0)
            rep = dk->date.s ? dk->date.s : "", skip = 6;
        if (rep) {
            out = dp_arena_printf(L->a, "%s%s", out, rep);
            s += skip;
        } else {
            out = dp_arena_printf(L->a, "%s%c", out, *s);
            s++;
        }
    }
    return out;
}

static void add_chrome(dp_lay *L, int idx, int n, int total)
{
    dp_page *p = &L->dl->pages[idx];
    /* the palette the page was laid out in (a section divider's) */
    const dp_rgb *pal = p->section_palette ? L->t->section_colors : L->t->colors;
    float box_top = L->bottom + L->t->geo.page.footer_top;
    int digits = snprintf(NULL, 0, "%d", total);
    if (digits < 2)
        digits = 2; /* "03 / 33": zero-padded to the total's digits */
    char cur[16], tot[16];
    snprintf(cur, sizeof cur, "%0*d", digits, n);
    snprintf(tot, sizeof tot, "%0*d", digits, total);
    dp_textstyle num = dp_lay_style(L, DP_EL_PAGE_NUMBER, pal);
    dp_textstyle all = dp_lay_style(L, DP_EL_PAGE_TOTAL, pal);
    /* the footer ends a gutter before the page number */
    float number_w = dp_text_line(L->a, NULL, L->fonts, &num, cur, 0, 0, 0, (dp_loc){0}) +
                     dp_text_line(L->a, NULL, L->fonts, &all, "/", 0, 0, 0, (dp_loc){0}) +
                     dp_text_line(L->a, NULL, L->fonts, &all, tot, 0, 0, 0, (dp_loc){0}) + 0.4f * all.size_pt;
    dp_textstyle foot = dp_lay_style(L, DP_EL_FOOTER, pal);
    dp_lay_line_fit(L, p, &foot, fill_footer(L, n, total), L->left, box_top, L->right - number_w - L->gutter - L->left, 0,
                    (dp_loc){0}, L->deck->event.loc, n == 1 ? "the footer text" : NULL);

    /* "03 / 33" with thin gaps around the slash, flush right */
    float x = L->right;
    x -= dp_lay_label(L, p, &all, tot, x, box_top, 1) + 0.2f * all.size_pt;
    x -= dp_lay_label(L, p, &all, "/", x, box_top, 1) + 0.2f * all.size_pt;
    dp_lay_label(L, p, &num, cur, x, box_top, 1);

    if (L->t->progress_bar) {
        float h = L->t->progress_h_pt;
        dp_page_rect(L->a, p, 0, L->page_h - h, L->page_w, h, pal[DP_COLOR_TRACK]);
        dp_page_rect(L->a, p, 0, L->page_h - h, L->page_w * (float)n / (float)total, h, pal[DP_COLOR_ACCENT]);
    }
    p->label = dp_arena_printf(L->a, "%d", n);
}

static void number_pages(dp_lay *L)
{
    /* a reveal step shows the number of the page it builds up to */
    int total = 0;
    for (int i = 0; i < L->dl->n_pages; i++)
        total += L->counted[i] && !L->dl->pages[i].is_step;
    int n = 0;
    for (int i = 0; i < L->dl->n_pages; i++) {
        if (!L->counted[i])
            L->dl->pages[i].label = L->t->labels[DP_LABEL_COVER];
        else if (L->dl->pages[i].is_step)
            add_chrome(L, i, n + 1, total);
        else
            add_chrome(L, i, ++n, total);
    }
}

/* The template's geometry on this page (the deck may have changed its
 * aspect): the grid's columns fit the live width, the Q&A text keeps at
 * least 10 em of the answer's size, the QR tile fits. Errors at the
 * template's geometry: otherwise. */
static bool geometry_fits(dp_lay *L)
{
    const dp_template *t = L->t;
    float live = L->right - L->left, answer = t->styles[DP_EL_ANSWER].size_pt;
    const char *why = NULL;
    float need = 0, have = 0;
    if (!(L->col_w > 0))
        why = "the grid's columns and gutters", need = (t->geo.grid.columns - 1) * L->gutter, have = live;
    else if (L->right - dp_lay_col(L, (int)t->geo.qa.text_column) < 10 * answer)
        why = "the Q&A text (from geometry: qa: text_column)", need = 10 * answer,
        have = L->right - dp_lay_col(L, (int)t->geo.qa.text_column);
    else if (t->geo.closing.qr_size > live)
        why = "the closing's QR tile (geometry: closing: qr_size)", need = t->geo.closing.qr_size, have = live;
    if (!why)
        return true;
    dp_error(L->d, t->geo_loc, "%s: %.0f pt across are needed, and the %.0f x %.0f pt page's margins "
             "leave %.0f", why, (double)need, (double)L->page_w, (double)L->page_h, (double)have);
    dp_hint(L->d, "the Q&A text keeps at least 10 em of the answer's size; a deck's aspect: 4:3 makes "
                  "the page 720 pt wide");
    return false;
}


dp_dlist *dp_layout_slides(dp_arena *a, const dp_deck *deck, const dp_template *t,
                           const dp_styles *styles, dp_diags *d)
{
    dp_lay L;
    if (!dp_lay_init(&L, a, deck, t, styles, d) || !geometry_fits(&L))
        return NULL;

    dp_lay_title_slide(&L);
    int agenda = L.dl->n_pages, agenda_pages = dp_lay_agenda_plan(&L);
    for (int k = 0; k < agenda_pages; k++)
        dp_lay_new_page(&L, DP_PAGE_AGENDA, t->colors, true,
                        k ? dp_arena_printf(a, "%s%s", t->labels[DP_LABEL_AGENDA], t->labels[DP_LABEL_CONTINUED])
                          : t->labels[DP_LABEL_AGENDA]);
    dp_lay_intro(&L, agenda);
    /* the intro beside the agenda, or on the slides of its own after it */
    L.intro_page = L.dl->n_pages > agenda + agenda_pages ? agenda + agenda_pages : agenda;
    if (deck->intro.present)
        dp_dlist_add_outline(a, L.dl, 0, deck->intro.title.s, L.intro_page);
    int *section_page = dp_arena_alloc(a, sizeof(int) * (size_t)(deck->n_sections + 1));
    for (int s = 0; s < deck->n_sections; s++) {
        const dp_section *sec = &deck->sections[s];
        section_page[s] = L.dl->n_pages;
        dp_lay_section_slide(&L, s);
        dp_dlist_add_outline(a, L.dl, 0, sec->title.s, section_page[s]);
        for (int i = 0; i < sec->n_items; i++)
            dp_lay_qa_slides(&L, sec, &sec->items[i]);
    }
    section_page[deck->n_sections] = L.dl->n_pages;
    if (deck->closing.present) {
        dp_dlist_add_outline(a, L.dl, 0, deck->closing.title.s, L.dl->n_pages);
        dp_lay_closing_slide(&L);
    }
    dp_lay_agenda_slide(&L, agenda, section_page);
    number_pages(&L);
    dp_lay_langs(&L);
    return L.dl;
}
