/* dlist.h: the display list, layout's output and the writers' input. A page
 * is a list of ops in points, origin top-left, y down (pdf_out flips). Fonts
 * are face ids of dp_fonts, never HPDF_Font. Layout makes every decision; the
 * PDF writer and the text dump only replay them. Arena-owned. */
#ifndef DP_DLIST_H
#define DP_DLIST_H
#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "color.h"
#include "diag.h"

typedef enum { DP_OP_TEXT, DP_OP_RECT, DP_OP_LINE, DP_OP_IMAGE, DP_OP_LINK } dp_op_kind;

/* ===== Tags: what an op shows, for the tagged PDF (pdf_struct.c) =====
 * Layout says which deck element an op draws where it emits it; the writer
 * turns tags into marked content and the structure tree (PDF/UA). An op
 * left untagged (DP_ROLE_NONE) is page furniture, an Artifact: background,
 * motif, rules, bands, progress bar, footer, page numbers, kickers, labels
 * that repeat the structure, note lines. Content drawn again (a heading
 * or topic on a （续） page, a reveal step's question on the full slide)
 * is flagged by layout (dp_tag.repeat), and the writer makes it an
 * Artifact there. */
typedef enum {
    DP_ROLE_NONE = 0,       /* furniture: an Artifact */
    DP_ROLE_TITLE,          /* the deck's title: H1 */
    DP_ROLE_SUBTITLE,       /* the deck's subtitle: P */
    DP_ROLE_FACTS,          /* date, venue, organisers, event: a P per block */
    DP_ROLE_CONTENTS_HEAD,  /* the heading of the agenda or contents: H2 */
    DP_ROLE_CONTENTS,       /* an agenda or contents row (block = row): TOCI with its Link */
    DP_ROLE_HEADING,        /* the title of the intro, a section or the closing: H2 */
    DP_ROLE_SUBHEAD,        /* a section's subtitle: P */
    DP_ROLE_TOPIC,          /* an item's topic: the start of its H3 */
    DP_ROLE_QUESTION,       /* an item's question: the H3 */
    DP_ROLE_ANSWER,         /* rich text (P, L/LI/Lbl/LBody) in a Div */
    DP_ROLE_FIGURE,         /* an image: Figure with tag.alt */
    DP_ROLE_ANALYSIS,       /* rich text in a Div */
    DP_ROLE_BODY,           /* the intro's or closing's rich text */
    DP_ROLE_QR,             /* the QR code: Figure, its /Alt giving the URL (tag.alt) */
    DP_ROLE_QR_LABEL,       /* the caption beside the QR code: P */
    DP_ROLE_QR_URL,         /* the URL printed under it: P with a Link */
    DP_ROLE_COUNT
} dp_role;

/* Where in the deck: the order of the structure tree. */
typedef enum { DP_PART_FRONT, DP_PART_CONTENTS, DP_PART_INTRO, DP_PART_SECTION, DP_PART_CLOSING } dp_part;

/* What a run of rich text is inside its block (dp_text_emit sets it). */
enum { DP_TK_TEXT, DP_TK_CODE, DP_TK_TH, DP_TK_TD, DP_TK_FIGURE /* an image in the text: tag.alt */ };

/* Layout's word that an op draws deck content a second time. */
typedef enum {
    DP_REPEAT_NONE = 0,     /* the content itself */
    DP_REPEAT_RUN,          /* shown again on a later page (a heading or topic on a （续） page): always furniture */
    DP_REPEAT_STEP,         /* shown before on its reveal step (the question on the full slide): furniture in a
                               document that shows the reveal steps (slides), the content where they are left
                               out (handouts) */
} dp_repeat;

typedef struct {
    unsigned char role;     /* dp_role */
    unsigned char part;     /* dp_part */
    unsigned char repeat;   /* dp_repeat */
    unsigned char lang;     /* 1 + index into dp_dlist.langs where the deck gives its language
                               (`lang:`); 0: the document's */
    /* rich text, set by dp_text_emit from the block model (markup.h) */
    unsigned char kind;     /* DP_TK_*: paragraph text, code block, table cell, image */
    unsigned char level;    /* list nesting of the block (0: not in a list) */
    unsigned char lbl;      /* the op draws a list item's marker */
    unsigned char quote;    /* block quote depth */
    short link;             /* 1 + the link the text belongs to (dp_rich.links); 0: none */
    short row, col;         /* DP_TK_TH/TD: the cell */
    int li;                 /* in a list: the block that starts its item */
    int sect;               /* DP_PART_SECTION: section index (0-based) */
    int item;               /* item number (1-based, deck-wide); 0: the section itself */
    int block;              /* layout's: contents row, fact, ... (0 when one) */
    int para;               /* the text's block (dp_text_emit) */
    const char *alt;        /* DP_ROLE_FIGURE, DP_ROLE_QR: the alternative text */
} dp_tag;

typedef struct {
    dp_op_kind kind;
    dp_loc src;                     /* deck position (line 0 for chrome) */
    dp_tag tag;                     /* what it shows (role NONE: furniture) */
    float x_pt, y_pt;               /* TEXT: baseline start; others: top-left */
    union {
        struct {
            int face;
            float size_pt;
            float char_space_pt;    /* added after every glyph (PDF Tc) */
            float width_pt;         /* advance of the run incl. char spacing */
            float stroke_pt;        /* > 0: fake bold, fill then stroke with this width */
            dp_rgb color;
            const char *utf8;       /* valid UTF-8 */
            int len;
            bool space_after;       /* the text goes on after a space that is not drawn
                                       (a tagged PDF writes it, for text extraction) */
        } text;
        struct { float w_pt, h_pt, line_pt; dp_rgb fill, stroke; bool has_fill, has_stroke; } rect;
        struct { float x2_pt, y2_pt, line_pt; dp_rgb color; } line;
        struct { int image; float w_pt, h_pt; } image;
        struct { float w_pt, h_pt; const char *uri; int dest_page; } link; /* uri or page (0-based) */
    } as;
} dp_op;

/* How a page's frame holds its piece of a flow continued over several
 * pages (layout_paginate.c), recorded as data for the dump and the
 * invariant check (tests/e2e/invariants.py). pieces == 0: not continued. */
typedef enum {
    DP_SPLIT_NONE,          /* the flow starts here */
    DP_SPLIT_BLOCK,         /* between two blocks (answer | analysis band) */
    DP_SPLIT_PARA,          /* between two paragraphs (or list items, rows) of a block */
    DP_SPLIT_INSIDE,        /* between two lines of one paragraph */
} dp_split_kind;

typedef struct {
    int piece, pieces;              /* 1-based piece of 'pieces' */
    float top, bottom;              /* the frame's extent, pt from the page top */
    float used;                     /* height of what it holds */
    bool whole_block;               /* it holds exactly one whole block */
    dp_split_kind split;            /* where this piece starts */
    int para_before, para_after;    /* DP_SPLIT_INSIDE: lines of that paragraph on the previous page / here */
} dp_flow_note;

/* What a page is, as layout decided it (the dump, the chrome and the
 * handouts read it instead of guessing from what is drawn). */
#define DP_PAGE_KINDS(X) X(OTHER, other) X(TITLE, title) X(AGENDA, agenda) X(INTRO, intro) \
    X(SECTION, section) X(QA, qa) X(CLOSING, closing)
typedef enum {
#define X(E, n) DP_PAGE_##E,
    DP_PAGE_KINDS(X)
#undef X
} dp_page_kind;

/* Ops [first, first + n) of a page that together draw one decoration
 * (the attention-mask motif, a row's dotted leader): the dump shows them as
 * one line, so goldens show what matters. */
typedef struct { int first, n; const char *what; } dp_op_group;

typedef struct {
    float w_pt, h_pt;
    dp_page_kind kind;              /* DP_PAGE_OTHER: handout pages, sheets */
    bool section_palette;           /* drawn in the template's section_colors */
    dp_op *ops;
    int n_ops, cap_ops;
    const char *label;              /* page label ("3", "封面"); NULL = none */
    const char *title;              /* what the page shows, for captions and dumps */
    const char *notes;              /* speaker notes of what the page shows; NULL = none */
    bool is_step;                   /* a reveal step before the final state (handouts skip it) */
    bool continues;                 /* a （续） page: continues the one before (its notes too) */
    const char *fit;                /* layout's fitting decision and its reason, for the dump */
    dp_flow_note flow;              /* its piece of a continued flow */
    int item;                       /* DP_PAGE_QA: the item's number, 1-based */
    /* text layout set below its template size to fit (lint reads this) */
    struct { const char *what; float from_pt, to_pt; } shrunk[3];
    int n_shrunk;
    dp_tag tag;                     /* stamped on every op added (dp_page_tag) */
    dp_op_group *groups;            /* decorations, in op order */
    int n_groups, cap_groups;
} dp_page;

typedef struct {
    int level;                      /* 0 = section, 1 = item */
    const char *title;
    int page;                       /* 0-based */
} dp_outline;

typedef struct {
    dp_page *pages;
    int n_pages, cap_pages;
    dp_outline *outline;
    int n_outline, cap_outline;
    /* document information */
    const char *title, *author, *subject, *keywords, *lang;
    const char **langs;             /* languages of parts of the text (dp_tag.lang), at most 255 */
    int n_langs;
    long long epoch;                /* SOURCE_DATE_EPOCH for dates written; -1 = none */
    const struct dp_images *images; /* what DP_OP_IMAGE's image ids index (image.h); NULL = none */
} dp_dlist;

/* A sheet shows display-list pages scaled and moved (slides: one page, scale
 * 1; handouts: N-up), then its own extra ops on top: one PDF page. */
typedef struct { int page; float scale, dx_pt, dy_pt; } dp_place; /* dx/dy: top-left, y down */
typedef struct {
    float w_pt, h_pt;
    dp_place *places;
    int n_places;
    const dp_page *extras;        /* may be NULL */
} dp_sheet;

/* Arrays grow by copying: a dp_page * or dp_op * is valid only until the
 * next page or op is added to the same array. */
dp_dlist *dp_dlist_new(dp_arena *a);
dp_page *dp_dlist_add_page(dp_arena *a, dp_dlist *dl, float w_pt, float h_pt);
dp_op *dp_page_add_op(dp_arena *a, dp_page *p, dp_op_kind kind);
/* Outline titles are clipped to DP_MAX_INFO_CHARS characters (with …). */
void dp_dlist_add_outline(dp_arena *a, dp_dlist *dl, int level, const char *title, int page);
/* A copy of s cut after max_chars characters, with … when cut: outline
 * titles, document information and names in messages stay readable (and
 * under libharu's 65,535-byte string limit). */
#define DP_MAX_INFO_CHARS 200
char *dp_clip(dp_arena *a, const char *s, int max_chars);

/* Ops added to 'p' from now on show 't' (dp_text_emit adds the block,
 * list, quote, table cell and link of each run); dp_page_untag:
 * furniture again (it returns the tag it ends, to restore it after drawing
 * a decoration in the middle of content). Set the tag around the emission
 * of deck content:
 *     dp_page_tag(p, dp_tag_item(DP_ROLE_ANSWER, s, it->number));
 *     dp_text_emit(...);
 *     dp_page_untag(p);  */
void dp_page_tag(dp_page *p, dp_tag t);
/* The ops added to 'p' since op 'first' draw one decoration named 'what'
 * (a static string): the dump prints them as one "group" line. */
void dp_page_group(dp_arena *a, dp_page *p, int first, const char *what);
dp_tag dp_page_untag(dp_page *p);
/* Tags of deck elements: front matter, contents, intro, closing (role in
 * a part), a section's own text, an item's text. */
dp_tag dp_tag_in(dp_role role, dp_part part);
dp_tag dp_tag_section(dp_role role, int sect);
dp_tag dp_tag_item(dp_role role, int sect, int item);
/* 't' marked as drawn again (dp_repeat). */
dp_tag dp_tag_repeat(dp_tag t, dp_repeat how);
/* The role's text is rich text (Markdown blocks: paragraphs, lists, code,
 * tables; dp_text_emit tags each run with its block): an answer, an
 * analysis, the intro's or closing's body. */
bool dp_role_rich(int role);

/* Builders for the common ops. */
void dp_page_rect(dp_arena *a, dp_page *p, float x, float y, float w, float h, dp_rgb fill);
void dp_page_frame(dp_arena *a, dp_page *p, float x, float y, float w, float h, float line_pt, dp_rgb stroke);
void dp_page_line(dp_arena *a, dp_page *p, float x1, float y1, float x2, float y2, float line_pt, dp_rgb c);

/* Deterministic text dump, rounded to 0.01 pt, free of pointers and dates:
 *   page 3 960x540 label="3"
 *     text 204.00,123.00 face=1 size=30.00 w=312.00 "…" @decks/x.yaml:88:14 */
void dp_dlist_dump(const dp_dlist *dl, FILE *out);
/* One page's ops as the dump prints them (groups as one line each). */
void dp_page_dump_ops(const dp_page *p, FILE *out);

#endif
