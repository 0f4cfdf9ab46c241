/* layout_priv.h: shared state of the slide layout files (layout*.c). */
#ifndef DP_LAYOUT_PRIV_H
#define DP_LAYOUT_PRIV_H
#include "layout.h"
#include "image.h"
#include "labels.h"
#include "text.h"

typedef struct {
    dp_arena *a;
    dp_arena *scratch;          /* trial layouts of the current item (layout_qa.c) */
    const dp_deck *deck;
    const dp_template *t;
    dp_fonts *fonts;
    dp_diags *d;
    dp_dlist *dl;
    dp_chain *roles;            /* resolved faces per template font role */
    float W, H;                 /* page size */
    float L, R, T, B;           /* live area: left, right, top, bottom edges */
    float col_w, gutter;        /* 12-column grid */
    int *counted;               /* per page: 1 when the page has a number */
    int n_counted, cap_counted; /* n_counted == pages so far */
} dp_lay;

/* Set up a layout of 'deck' with 't': page geometry from the template,
 * font roles resolved, an empty display list with the document info.
 * Returns false (errors in 'd') when a font role has no installed font. */
bool dp_lay_init(dp_lay *L, dp_arena *a, const dp_deck *deck, const dp_template *t,
                 dp_fonts *fonts, dp_diags *d);
/* x of the left edge of grid column k (1-based). */
float dp_lay_col(const dp_lay *L, int k);
/* The text style of an element in a palette. */
dp_textstyle dp_lay_style(const dp_lay *L, dp_element el, const dp_rgb *palette);
/* Same at another size (leading scaled with it). */
dp_textstyle dp_lay_resize(dp_textstyle st, float size_pt);
/* A measure snapped to whole em (docs/design.md §3), at most 'width'. */
float dp_lay_measure(float width, float size_pt);
/* Lay out text of a deck field. */
dp_textblock *dp_lay_text(dp_lay *L, const dp_textstyle *st, const dp_text *t, float width);
/* Lay out and emit a one-line label; returns its width. */
float dp_lay_label(dp_lay *L, dp_page *p, const dp_textstyle *st, const char *s, float x,
                   float y_top, int align);
dp_page *dp_lay_new_page(dp_lay *L, const dp_rgb *palette, bool counted, const char *title);
/* The attention-mask motif: 23 x 23 cells at 'pitch', top-left at (left, top). */
void dp_lay_matrix(dp_lay *L, dp_page *p, const dp_rgb *palette, float left, float top, float pitch);
/* QR code for 'url' as vector squares inside a square tile at (x, y) of side 'size'. */
bool dp_lay_qr(dp_lay *L, dp_page *p, const dp_text *url, float x, float y, float size,
               const dp_rgb *palette);

void dp_lay_title_slide(dp_lay *L);
/* Fill the (already added, empty) agenda page 'idx'; section s starts at
 * page section_page[s] and ends before section_page[s + 1]. */
void dp_lay_agenda_slide(dp_lay *L, int idx, const int *section_page);
void dp_lay_section_slide(dp_lay *L, int s);
void dp_lay_qa_slides(dp_lay *L, const dp_section *sec, const dp_item *it);
void dp_lay_closing_slide(dp_lay *L);
/* The intro beside the agenda list, or on slides of its own after it. */
void dp_lay_intro(dp_lay *L, int agenda_idx);

/* Lay out 'tx' in 'st' at 'width', shrinking in 1 pt steps down to the
 * style's floor until it fits 'avail_h' (or, with max_lines > 0, until it has
 * at most that many lines). Returns the block at the chosen size. */
dp_textblock *dp_lay_fit(dp_lay *L, dp_textstyle st, float min_size, const dp_text *tx, float width,
                         float avail_h, int max_lines);
/* Headlines that cannot fit their box even at the floor size are input
 * errors (at the text's position), not overflow: returns false then. */
bool dp_lay_require_fit(dp_lay *L, const dp_textblock *tb, const dp_text *tx, float avail_h,
                        const char *what);
/* How many lines from 'first' fit in 'avail_h'. */
int dp_lay_lines_fitting(const dp_textblock *tb, int first, float avail_h);
/* Emit a kicker (letter-spaced small caps line) at the top-left of the live area. */
void dp_lay_kicker(dp_lay *L, dp_page *p, const dp_rgb *pal, const char *s);

/* The image an image: text names (image.h), or NULL when there is none or
 * images were not loaded (unit tests, fuzzing). */
const dp_image *dp_lay_image_of(const dp_lay *L, const dp_text *path);
/* Draw 'img' as large as fits a box_w x box_h box at (x, y), aspect kept,
 * placed in the box by halign/valign (0 start, 0.5 centre, 1 end). The size
 * drawn goes to *w, *h (either may be NULL). */
void dp_lay_image(dp_lay *L, dp_page *p, const dp_image *img, dp_loc src, float x, float y,
                  float box_w, float box_h, float halign, float valign, float *w, float *h);

/* Page number shown on page idx (the cover has none). */
int dp_lay_number(const dp_lay *L, int idx);

#endif
