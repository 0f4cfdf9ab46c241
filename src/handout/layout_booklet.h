/* layout_booklet.h: shared state of the booklet layout files
 * (layout_booklet*.c), private to them; the public entry is
 * dp_layout_booklet() in handout.h.
 *
 * Text is never shrunk: everything is set at fixed sizes and flows from
 * frame to frame (a frame is a column of a page). Content comes as
 * "stories" (an item, a section opener, the intro, ...) made of "parts"
 * (a text block, a rule, a QR tile, a contents row). A story that fits in
 * the room left in a frame is set there; one that does not starts the next
 * frame; one taller than a frame is broken between lines, never inside its
 * heading chain (topic, question and the first two answer lines stay
 * together), with no single line of a block or paragraph on either side
 * of a break. */
#ifndef DP_LAYOUT_BOOKLET_H
#define DP_LAYOUT_BOOKLET_H
#include "handout.h"
#include "layout_priv.h"

#define BODY_PT 10.5f
#define BODY_LEAD 16.8f

/* Geometry of a frame: its left edge, the x of its text, the text measure
 * (whole em, docs/design.md §3) and its right edge (rules run to it). In one column
 * the item numbers and block labels sit in a rail left of the text; in two
 * columns there is no room for one and labels go above their blocks. */
typedef struct {
    float edge, text, w, right;
    bool rail;
} geom;

typedef enum { P_TEXT, P_RULE, P_QR, P_TOC, P_IMAGE } pkind;

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
    float h;                    /* P_QR, P_TOC, P_IMAGE: height */
    int ref;                    /* P_TOC: entry index */
    const dp_image *img;        /* P_IMAGE, drawn at the text's x, h high */
    dp_tag tag;                 /* what its text or image is (labels and numbers are furniture) */
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
    int index;                  /* row number, for its tag */
    const char *number, *prefix;
    dp_loc src;
    int *target;                /* the story's start page */
    int page;                   /* where the row is */
    float x, right, top, base, end_x; /* row box, last baseline, end of its text */
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
    const char **kinds;         /* running head of each page */
    int cap_kinds;
    toc_row *rows;
    int n_rows, cap_rows;
} bk;

typedef struct {
    int intro, closing;
    int *section, *item;        /* start pages */
} targets;

/* ===== Parts of stories, and drawing them (layout_booklet_parts.c) ===== */

dp_page *dp_bk_page_at(bk *B, int i);
dp_page *dp_bk_cur(bk *B);                 /* the page being filled */
part *dp_bk_add(story *s, pkind kind, float gap, bool keep);
dp_textblock *dp_bk_lay(bk *B, const dp_textstyle *st, const char *s, float width, const dp_text *where);
part *dp_bk_add_text(bk *B, story *s, const geom *g, const dp_textstyle *st, const dp_text *tx,
                     float gap, bool keep, float indent);
part *dp_bk_add_literal(bk *B, story *s, const geom *g, const dp_textstyle *st, const char *text,
                        float gap, bool keep, dp_loc src, const dp_text *where);
void dp_bk_add_heading(bk *B, story *s, const geom *g, const char *kicker, const dp_text *title,
                       const char *fallback, dp_loc src, dp_tag tag);
const char *dp_bk_number(bk *B, int n);    /* "07" (three digits from 100 items) */
void dp_bk_draw_qr(bk *B, const geom *g, float top);
void dp_bk_draw_row(bk *B, const geom *g, toc_row *r, float top);
dp_tag dp_bk_row_tag(const toc_row *r);   /* a contents row's text, page number and link */

/* ===== The flow (layout_booklet_flow.c) ===== */

void dp_bk_new_page(bk *B);                /* running head: B->kind */
/* Set a story where it goes (see the top of this file); records its page. */
void dp_bk_place(bk *B, story *s);
float dp_bk_story_h(const bk *B, const story *s);
float dp_bk_story_min_h(const bk *B, const story *s);
/* Would dp_bk_place start 's' in the current frame, were it filled down to
 * y? Yes when all of it fits there, or when it is taller than a frame and
 * its start (dp_bk_story_min_h) fits. */
bool dp_bk_starts_here(const bk *B, const story *s, float y);

/* ===== Cover and contents (layout_booklet_front.c) ===== */

void dp_bk_cover(bk *B);
/* The contents pages, rows pointing at tg's pages (filled in later). */
void dp_bk_contents(bk *B, targets *tg);
/* Page numbers, leaders and links of the rows, once every page is known. */
void dp_bk_finish_contents(bk *B);

#endif
