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
    float page_w, page_h;       /* page size */
    float left, right, top, bottom; /* the live area's edges */
    float col_w, gutter;        /* the template's grid (geometry: grid:) */
    int *counted;               /* per page: 1 when the page has a number */
    int n_counted, cap_counted; /* n_counted == pages so far */
    int intro_page;             /* where the intro is: the agenda's page or its own */
    int agenda_cols;            /* 1: a list column beside the intro; 2: the whole width (dp_lay_agenda_plan) */
} dp_lay;

/* Set up a layout of 'deck' with 't': page geometry from the template,
 * the chains of its font roles from 'styles' (resolved from 't''s roles),
 * an empty display list with the document info. Returns false (errors in
 * 'd') when a font role has no installed font. */
bool dp_lay_init(dp_lay *L, dp_arena *a, const dp_deck *deck, const dp_template *t,
                 const dp_styles *styles, dp_diags *d);
/* Every tagged op of the finished list gets the language the deck gives
 * its text (`lang:` of its item, section, intro or closing; dp_tag.lang,
 * dp_dlist.langs), and a topic line a space before its question. */
void dp_lay_langs(dp_lay *L);
/* x of the left edge of grid column k (1-based). */
float dp_lay_col(const dp_lay *L, int k);
/* y moved down to the template's baseline grid (geometry: grid: baseline,
 * lines from the live area's top); y itself when the grid has none. */
float dp_lay_snap(const dp_lay *L, float y);
/* The text style of an element in a palette. */
dp_textstyle dp_lay_style(const dp_lay *L, dp_element el, const dp_rgb *palette);
/* Same at another size (leading scaled with it). */
dp_textstyle dp_lay_resize(dp_textstyle st, float size_pt);
/* A measure snapped to whole em (docs/design.md §3), at most 'width'. */
float dp_lay_measure(float width, float size_pt);
/* Lay out text of a deck field. */
dp_textblock *dp_lay_text(dp_lay *L, const dp_textstyle *st, const dp_text *t, float width);
/* Lay out and emit a one-line label ('halign' as in dp_text_line: 0 x is
 * its left edge, 1 its right edge); returns its width. */
float dp_lay_label(dp_lay *L, dp_page *p, const dp_textstyle *st, const char *s, float x,
                   float y_top, float halign);
/* A new page of 'kind', its ground in 'palette' (the page records which). */
dp_page *dp_lay_new_page(dp_lay *L, dp_page_kind kind, const dp_rgb *palette, bool counted, const char *title);
/* The attention-mask motif: geometry.motif cells a side at 'pitch', top-left at (left, top). */
void dp_lay_matrix(dp_lay *L, dp_page *p, const dp_rgb *palette, float left, float top, float pitch);
/* The side of the motif drawn at 'pitch'. */
float dp_lay_matrix_size(const dp_lay *L, float pitch);
/* QR code for 'url' as vector squares inside a square tile at (x, y) of side 'size'. */
bool dp_lay_qr(dp_lay *L, dp_page *p, const dp_text *url, float x, float y, float size,
               const dp_rgb *palette);

void dp_lay_title_slide(dp_lay *L);
/* How the agenda's rows will be set (L->agenda_cols) and on how many
 * agenda slides, before anything after it is laid out: one list column
 * beside the intro when every row fits there, else two columns across the
 * page (the intro then gets a slide of its own) over as many slides as it
 * takes. No row is ever dropped. */
int dp_lay_agenda_plan(dp_lay *L);
/* Fill the (already added, empty) agenda pages from 'idx' on; section s starts at
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
/* A one-line label at most 'width' wide, drawn with source position 'src':
 * longer text is shortened with … and, when 'what' names it, a warning at
 * 'warn_at' says so. Returns the width drawn. */
float dp_lay_line_fit(dp_lay *L, dp_page *p, const dp_textstyle *st, const char *s, float x, float y_top,
                      float width, float halign, dp_loc src, dp_loc warn_at, const char *what);
/* Plain text wrapped at 'width' in at most 'max_lines' lines, the last
 * shortened with … (and a warning) when more would be needed. Returns the
 * y below it. */
float dp_lay_wrap_fit(dp_lay *L, dp_page *p, const dp_textstyle *st, const char *s, float x, float y_top,
                      float width, int max_lines, dp_loc src, dp_loc warn_at, const char *what);
/* How many lines from 'first' fit in 'avail_h'. */
int dp_lay_lines_fitting(const dp_textblock *tb, int first, float avail_h);
/* ===== Pagination (layout_paginate.c) ===== */

/* A flow continued on another frame must fill at least this much of it,
 * unless one whole block is all that is left. */
#define DP_FLOW_MIN_FILL 0.4f

/* One block of a flow: its lines are the split points. */
typedef struct {
    const dp_textblock *tb;   /* NULL: a picture, fixed_h tall, never split */
    float fixed_h;
    float gap_before;         /* space above it after another block in the same frame */
    float pad_top, pad_bottom; /* around every piece of it (the analysis band) */
    int min_lines;            /* each piece holds at least this many lines unless whole */
} dp_flow_block;

/* Frames of a flow: frame k holds the flow's lines [start[k], start[k+1])
 * (lines counted across the blocks in order). */
typedef struct {
    int *start;               /* n_frames + 1 entries */
    int n_frames;
    bool forced;              /* a rule had to give way (a frame too small for it) */
    int underfilled;          /* continuation frames under DP_FLOW_MIN_FILL */
} dp_flow;

/* Split blocks b[0..nb) into frames: the first 'first_h' tall, the rest
 * 'next_h' (see layout_paginate.c for the rules). */
dp_flow dp_flow_paginate(dp_arena *a, const dp_flow_block *b, int nb, float first_h, float next_h);
/* Height of the flow's lines [from, to) set in one frame (a table's header
 * rows repeated above a continued table included: dp_text_height). */
float dp_flow_height(const dp_flow_block *b, int nb, int from, int to);
/* What frame k holds, as the page records it (dlist.h). */
dp_flow_note dp_flow_note_of(const dp_flow *fl, const dp_flow_block *b, int nb, int k, float top, float bottom);
/* May a frame end before line k of block b (0 or n_lines: between blocks)? */
bool dp_flow_split_ok(const dp_flow_block *b, int k);

/* Record on page p that 'what' was set at to_pt instead of from_pt. */
void dp_lay_note_shrunk(dp_page *p, const char *what, float from_pt, float to_pt);
/* Emit a kicker (letter-spaced small caps line) at the top-left of the live area. */
void dp_lay_kicker(dp_lay *L, dp_page *p, const dp_rgb *pal, const char *s);

/* The image an image: text names (image.h), or NULL when there is none or
 * images were not loaded (unit tests, fuzzing). */
const dp_image *dp_lay_image_of(const dp_lay *L, const dp_text *path);
/* The least resolution a picture is shown at, in pixels per inch. */
#define DP_IMAGE_MIN_DPI 96.0f
/* Draw 'img' as large as fits a box_w x box_h box at (x, y), aspect kept,
 * never larger than DP_IMAGE_MIN_DPI allows,
 * placed in the box by halign/valign (0 start, 0.5 centre, 1 end). The size
 * drawn goes to *w, *h (either may be NULL). */
void dp_lay_image(dp_lay *L, dp_page *p, const dp_image *img, dp_loc src, float x, float y,
                  float box_w, float box_h, float halign, float valign, float *w, float *h);

/* The tag of an image in 't''s place of the deck (tagged PDF): a Figure
 * whose /Alt is 'alt', or the image's file name when the deck gives none
 * (lint warns). */
dp_tag dp_lay_figure_tag(dp_tag t, const dp_text *image, const dp_text *alt);

/* Page number shown on page idx (the cover has none). */
int dp_lay_number(const dp_lay *L, int idx);

#endif
