/* impose.c: N-up handout sheets (see handout.h). Each sheet places slide
 * pages scaled (real vector slides: the writer replays the same ops under a
 * transformation), plus an extras page with frames, captions, note lines,
 * running head and folio. Orientation is whichever makes the slides larger.
 * Geometry follows docs/design.md §6 (3-up, 6-up). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handout.h"
#include "layout_priv.h"

enum { SIDE = 36, HEAD = 72, FOOT = 64, GUTTER = 19, CAPTION = 22, RULES = 62 };

static const dp_rgb frame_rgb = {0xC9 / 255.0f, 0xC4 / 255.0f, 0xBA / 255.0f};
static const dp_rgb notes_rgb = {0xDD / 255.0f, 0xD9 / 255.0f, 0xD0 / 255.0f};

typedef struct {
    float W, H;          /* the sheet */
    int cols, rows;
    float scale;
    float cell_w, cell_h;
    bool notes_column;   /* 3-up: ruled notes beside each slide */
    float annex;         /* below each thumbnail: caption (+ note rules or notes) */
} grid;


/* The grid of layout 'l' on a W x H sheet (a landscape sheet turns the
 * portrait grid); scale 0 when it does not apply. */
static grid make_grid(const dp_handout_layout *l, float W, float H, float sw, float sh, bool speaker)
{
    grid g = {.W = W, .H = H};
    bool landscape = W > H;
    g.cols = landscape ? l->rows : l->cols;
    g.rows = landscape ? l->cols : l->rows;
    g.notes_column = l->annex == DP_ANNEX_NOTES_BESIDE;
    if ((g.notes_column || speaker) && landscape)
        return (grid){0};
    /* note rules under each slide where there is room; 9-up has only captions */
    g.annex = CAPTION + (l->annex == DP_ANNEX_RULES ? RULES : 0);
    if (l->annex == DP_ANNEX_NOTES_BELOW)
        g.annex = H * 0.3f;
    float avail_w = W - 2 * SIDE, avail_h = H - HEAD - FOOT;
    g.cell_w = (avail_w - (float)(g.cols - 1) * GUTTER) / (float)g.cols;
    g.cell_h = (avail_h - (float)(g.rows - 1) * GUTTER) / (float)g.rows;
    float thumb_w = g.notes_column ? g.cell_w * 0.58f : g.cell_w;
    g.scale = fminf(thumb_w / sw, (g.cell_h - g.annex) / sh);
    return g;
}

typedef struct {
    dp_lay L;
    const dp_handout_opts *o;
    const dp_dlist *slides;
    grid g;
    float sw, sh;
} imposer;

static dp_textstyle small_style(imposer *im, dp_element el, float size, dp_color c)
{
    dp_textstyle st = dp_lay_resize(dp_lay_style(&im->L, el, im->L.t->colors), size);
    st.color = im->L.t->colors[c];
    return st;
}

/* "03 slide title" under a thumbnail, clipped to its width; the cover is 封面. */
static void caption(imposer *im, dp_page *x, const dp_page *slide, float left, float top, float width)
{
    dp_textstyle num = small_style(im, DP_EL_PAGE_NUMBER, 8, DP_COLOR_ACCENT);
    dp_textstyle tit = small_style(im, DP_EL_FOOTER, 8, DP_COLOR_TEXT2);
    float base = dp_text_first_baseline(&tit, top);
    bool numbered = slide->label && slide->label[0] >= '0' && slide->label[0] <= '9';
    float cx = left;
    if (numbered) {
        char buf[16];
        snprintf(buf, sizeof buf, "%02d", atoi(slide->label));
        cx += dp_text_line(im->L.a, x, im->L.fonts, &num, buf, cx, base, 0, (dp_loc){0}) + 6;
    }
    const char *t = numbered ? slide->title : im->L.t->labels[DP_LABEL_COVER];
    if (!t)
        return;
    tit.justify = tit.balance = tit.rich = false;
    dp_textblock *tb = dp_text_layout(im->L.a, im->L.fonts, &tit, t, (int)strlen(t), left + width - cx, NULL, NULL);
    if (tb->n_lines)
        dp_text_emit(im->L.a, x, tb, 0, 1, cx, top, (dp_loc){0});
}

static void rules(imposer *im, dp_page *x, float left, float right, float top, int n, float pitch)
{
    for (int i = 0; i < n; i++)
        dp_page_line(im->L.a, x, left, top + (float)i * pitch, right, top + (float)i * pitch, 0.5f, notes_rgb);
}

/* Notes beside (3-up) or below (1-up) a slide: a label and ruled lines, or
 * the speaker's notes in a speaker's handout. */
static void notes_area(imposer *im, dp_page *x, const dp_page *slide, float left, float top,
                       float right, float bottom)
{
    dp_textstyle lab = small_style(im, DP_EL_LABEL, 8, DP_COLOR_META);
    lab.tracking_em = 0.2f;
    dp_lay_label(&im->L, x, &lab, im->L.t->labels[im->o->speaker ? DP_LABEL_SPEAKER_NOTES : DP_LABEL_NOTES], left, top, 0);
    if (im->o->speaker) {
        if (!slide->notes)
            return;
        dp_textstyle st = small_style(im, DP_EL_ANSWER, 11, DP_COLOR_INK);
        st.leading_pt = 17.6f;
        dp_text tx = {.s = slide->notes, .len = (int)strlen(slide->notes)};
        dp_textblock *tb = dp_lay_text(&im->L, &st, &tx, dp_lay_measure(right - left, 11));
        int n = dp_lay_lines_fitting(tb, 0, bottom - top - 18);
        dp_text_emit(im->L.a, x, tb, 0, n, left, top + 18, (dp_loc){0});
        return;
    }
    float pitch = 22.5f;
    int n = (int)((bottom - top - 24.75f) / pitch) + 1;
    rules(im, x, left, right, top + 24.75f, n, pitch);
}

static void head_and_folio(imposer *im, dp_page *x, int sheet, int sheets)
{
    const dp_template *t = im->L.t;
    dp_textstyle head = small_style(im, DP_EL_FOOTER, 8, DP_COLOR_META);
    const char *event = im->L.deck->event.s ? im->L.deck->event.s : im->L.deck->title.s;
    dp_lay_label(&im->L, x, &head, event, SIDE, 34, 0);
    /* "讲义 · 六页一版", "Handout · 6 slides a page" */
    const char *layout = im->o->speaker ? t->labels[DP_LABEL_SPEAKER_COPY]
                                        : dp_label_n(im->L.a, t->labels, DP_LABEL_PER_SHEET, im->o->per_sheet);
    dp_lay_label(&im->L, x, &head, dp_arena_printf(im->L.a, "%s · %s", t->labels[DP_LABEL_HANDOUT], layout),
                 im->g.W - SIDE, 34, 1);
    dp_page_line(im->L.a, x, SIDE, 34 + head.leading_pt + 6, im->g.W - SIDE, 34 + head.leading_pt + 6, 0.5f,
                 t->colors[DP_COLOR_RULE]);
    dp_textstyle num = small_style(im, DP_EL_PAGE_NUMBER, 9, DP_COLOR_INK);
    dp_textstyle all = small_style(im, DP_EL_PAGE_TOTAL, 9, DP_COLOR_META);
    float y = im->g.H - 42, rx = im->g.W - SIDE;
    int digits = sheets >= 100 ? 3 : 2;
    rx -= dp_lay_label(&im->L, x, &all, dp_arena_printf(im->L.a, "%0*d", digits, sheets), rx, y, 1) + 2;
    rx -= dp_lay_label(&im->L, x, &all, "/", rx, y, 1) + 2;
    dp_lay_label(&im->L, x, &num, dp_arena_printf(im->L.a, "%0*d", digits, sheet), rx, y, 1);
}

/* Pages that appear in a handout: reveal steps collapse to their final page. */
static int *handout_pages(imposer *im, int *n)
{
    int *pages = dp_arena_alloc(im->L.a, sizeof(int) * (size_t)(im->slides->n_pages + 1));
    int k = 0;
    for (int i = 0; i < im->slides->n_pages; i++)
        if (!im->slides->pages[i].is_step)
            pages[k++] = i;
    *n = k;
    return pages;
}

dp_sheet *dp_impose(dp_arena *a, const dp_dlist *slides, const dp_deck *deck,
                    const dp_template *t, const dp_styles *styles, const dp_handout_opts *o,
                    int *n, dp_diags *d)
{
    imposer im = {.o = o, .slides = slides};
    const dp_handout_layout *layout = dp_handout_layout_of(o->per_sheet);
    if (!layout || layout->per_sheet == 0) {
        char words[128];
        dp_error(d, (dp_loc){0}, "no N-up handout of %d slides a sheet", o->per_sheet);
        dp_hint(d, "use %s", dp_handout_layout_words(words, sizeof words, ", ", " or "));
        return NULL;
    }
    if (!dp_lay_init(&im.L, a, deck, t, styles, d) || slides->n_pages == 0)
        return NULL;
    im.sw = slides->pages[0].w_pt;
    im.sh = slides->pages[0].h_pt;
    /* the orientation that makes the slides largest */
    grid port = make_grid(layout, o->paper_w_pt, o->paper_h_pt, im.sw, im.sh, o->speaker);
    grid land = make_grid(layout, o->paper_h_pt, o->paper_w_pt, im.sw, im.sh, o->speaker);
    im.g = land.scale > port.scale + 0.001f ? land : port;

    int n_pages;
    int *pages = handout_pages(&im, &n_pages);
    int per = o->per_sheet;
    int n_sheets = (n_pages + per - 1) / per;
    dp_sheet *sheets = dp_arena_alloc(a, sizeof *sheets * (size_t)(n_sheets ? n_sheets : 1));
    float tw = im.sw * im.g.scale, th = im.sh * im.g.scale;
    for (int s = 0; s < n_sheets; s++) {
        dp_sheet *sh = &sheets[s];
        dp_page *x = dp_arena_alloc(a, sizeof *x);
        x->w_pt = im.g.W, x->h_pt = im.g.H;
        x->label = dp_arena_printf(a, "%d", s + 1);
        sh->w_pt = im.g.W, sh->h_pt = im.g.H;
        sh->places = dp_arena_alloc(a, sizeof *sh->places * (size_t)per);
        head_and_folio(&im, x, s + 1, n_sheets);
        for (int k = 0; k < per && s * per + k < n_pages; k++) {
            int idx = pages[s * per + k];
            int col = o->column_first ? k / im.g.rows : k % im.g.cols;
            int row = o->column_first ? k % im.g.rows : k / im.g.cols;
            float left = SIDE + (float)col * (im.g.cell_w + GUTTER);
            float top = HEAD + (float)row * (im.g.cell_h + GUTTER);
            if (!im.g.notes_column) /* centre the slide in its cell */
                left += (im.g.cell_w - tw) / 2;
            sh->places[sh->n_places++] = (dp_place){idx, im.g.scale, left, top};
            dp_page_frame(a, x, left, top, tw, th, 0.5f, frame_rgb);
            const dp_page *slide = &slides->pages[idx];
            caption(&im, x, slide, left, top + th + 8, tw);
            if (layout->annex == DP_ANNEX_NOTES_BESIDE)
                notes_area(&im, x, slide, left + tw + 24, top, SIDE + im.g.cell_w, top + th);
            else if (layout->annex == DP_ANNEX_NOTES_BELOW)
                notes_area(&im, x, slide, left, top + th + 40, left + tw, im.g.H - FOOT);
            else if (layout->annex == DP_ANNEX_RULES)
                rules(&im, x, left, left + tw, top + th + 40, 3, 20);
        }
        sh->extras = x;
    }
    *n = n_sheets;
    return sheets;
}

void dp_sheets_dump(const dp_dlist *slides, const dp_sheet *sheets, int n, FILE *out)
{
    for (int s = 0; s < n; s++) {
        const dp_sheet *sh = &sheets[s];
        float min_font = 0;
        fprintf(out, "sheet %d %.2fx%.2f label=\"%s\"\n", s + 1, (double)sh->w_pt, (double)sh->h_pt,
                sh->extras && sh->extras->label ? sh->extras->label : "");
        for (int i = 0; i < sh->n_places; i++) {
            const dp_place *p = &sh->places[i];
            const dp_page *pg = &slides->pages[p->page];
            fprintf(out, "  place page=%d scale=%.4f at %.2f,%.2f size=%.2fx%.2f\n", p->page + 1,
                    (double)p->scale, (double)p->dx_pt, (double)p->dy_pt, (double)(pg->w_pt * p->scale),
                    (double)(pg->h_pt * p->scale));
            for (int k = 0; k < pg->n_ops; k++)
                if (pg->ops[k].kind == DP_OP_TEXT &&
                    (min_font == 0 || pg->ops[k].as.text.size_pt * p->scale < min_font))
                    min_font = pg->ops[k].as.text.size_pt * p->scale;
        }
        /* the smallest text a reader of this sheet must read, in pt as printed */
        fprintf(out, "  min-font %.2f\n", (double)min_font);
        /* the sheet's own ops: head, folio, frames, captions, notes, rules */
        if (sh->extras)
            dp_page_dump_ops(sh->extras, out);
    }
}
