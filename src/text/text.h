/* text.h: the text engine. Rich text -> glyphs with a face each (per
 * character fallback along the style's chains) -> lines broken at legal
 * points (UAX #14 via libunibreak "zh", plus clreq rules) -> justified,
 * positioned runs in the display list. Measures with dp_fonts (FreeType);
 * knows nothing of PDF. Arena-owned results. */
#ifndef DP_TEXT_H
#define DP_TEXT_H
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "color.h"
#include "deck.h"
#include "diag.h"
#include "dlist.h"
#include "fonts.h"
#include "markup.h"

#define DP_MAX_CHAIN 8

/* Lines are broken in logical order; a line holding right-to-left text
 * (Arabic, Hebrew) is then drawn in visual order, Arabic letters in their
 * joining forms (bidi.h). */

/* Faces to try for a character, in order. */
typedef struct {
    int faces[DP_MAX_CHAIN];
    int n;
} dp_chain;

/* Everything the engine needs to set one block of text. */
typedef struct {
    dp_chain cjk, latin, fallback; /* cjk for Han and the rest; latin for Latin script */
    dp_chain em_cjk;               /* emphasis: CJK in another face (Kai); n = 0: colour only */
    dp_chain em_latin;             /* emphasis: Latin in another face (an italic); n = 0: none */
    bool em_bold;                  /* emphasis where the face cannot change: its bold weight */
    dp_chain code;                 /* `code` spans and code blocks */
    float size_pt, leading_pt;
    float tracking_em;
    dp_rgb color, em_color;
    /* Markdown blocks (rich text only) */
    float code_scale;              /* code block size / text size (0: 0.85) */
    float code_leading;            /* code block leading / its size (0: 1.35) */
    int tab_width;                 /* code blocks: a tab advances to the next multiple (0: 4) */
    dp_rgb code_bg, code_color;    /* code block panel and its plain text */
    dp_rgb link_color, meta_color, rule_color;
    dp_rgb quote_color;            /* block quotes: text2 where the text is ink, else the text's */
    dp_rgb tok[DP_TOK_COUNT];      /* syntax highlighting, by DP_TOK_* */
    bool print_urls;               /* paper: a link's URL is printed after its text */
    const struct dp_images *images; /* Markdown images (image.h); NULL: their alt text */
    float image_max_h;             /* the tallest a Markdown image is drawn, pt */
    bool bold;                     /* whole block in fake bold */
    bool justify;                  /* justify all but each paragraph's last line */
    bool balance;                  /* headlines: lines of even length */
    bool rich;                     /* parse markup; otherwise newlines are forced breaks */
} dp_textstyle;

typedef struct {
    uint32_t cp;
    int src;              /* byte offset in the source text */
    int face;             /* -1: no font has it (warned), not drawn */
    unsigned char flags;  /* DP_TF_* */
    unsigned char brk;    /* DP_BRK_*: may the line break after this glyph? */
    bool bold_face;       /* the face is a bold design itself: never fake-bolded */
    unsigned char level;  /* UAX #9 embedding level: odd = right to left (bidi.h) */
    float adv;            /* advance in pt, incl. tracking and compression */
    float fadv;           /* the face's own advance in pt (what the PDF viewer moves by) */
    float gap;            /* extra space before this glyph (Han-Latin spacing), pt */
    float shift;          /* draw offset, pt (compressed opening punctuation) */
    float x;              /* set by line layout: position within the line */
    short link;           /* 1 + index into the block's rich.links; 0 = none */
    unsigned char tok;    /* DP_TOK_* (code blocks) */
} dp_glyph;

enum { DP_BRK_NO = 0, DP_BRK_ALLOW = 1, DP_BRK_MUST = 2 };

/* What a line of a laid-out text is. Every kind is a unit of pagination:
 * a page may end after any line (layout decides which), and each line
 * draws whatever decoration its block has on its own height (a code
 * panel, quote rules, table rules), so a block split anywhere looks whole
 * on both sides. */
enum { DP_LN_TEXT, DP_LN_CODE, DP_LN_ROW, DP_LN_RULE, DP_LN_IMAGE };

typedef struct {
    int para;             /* index into dp_textblock.paras */
    int first, n;         /* glyph range in that paragraph */
    float indent;         /* pt from the box's left edge */
    float width;          /* natural width */
    bool is_last;         /* last line of its paragraph */
    bool starts_para;     /* first line of its paragraph (list marker drawn here) */
    bool forced;          /* a fallback break inside a word (nothing legal fitted) */
    bool cont;            /* continues a line broken for width: a continuation mark */
    bool keep;            /* a page break after this line is poor (heading lead-in, header row) */
    unsigned char kind;   /* DP_LN_* */
    float h;              /* height of the line's box */
    float gap;            /* space above it, unless it is the first line set on a page */
    float pad;            /* space inside the box above the text (a code panel's top) */
    int row;              /* DP_LN_ROW: the table row */
    dp_glyph *visual;     /* right-to-left text in the line: its n glyphs in visual
                           * order, left to right, x set (UAX #9 L1-L3); else NULL */
} dp_line;

/* A paragraph of a text block: a block of the rich-text model (a table is
 * one paragraph whose lines are its rows). */
typedef struct dp_table_lay dp_table_lay;
typedef struct {
    int block;            /* index into rich.blocks */
    float size_pt, leading_pt; /* its own (code blocks are smaller) */
    float indent;         /* the text's left edge from the box's, pt */
    dp_glyph *marker;     /* list marker ("•", "3."), right end at indent - gap; NULL: none */
    int n_marker;
    float marker_x;       /* its left edge from the box's */
    dp_table_lay *table;  /* tables */
    int image;            /* images: the image's id; -1: none (its alt text is set) */
    float img_w, img_h;   /* its size drawn */
} dp_parinfo;

typedef struct {
    dp_glyph **glyphs;    /* per paragraph */
    int *n_glyphs;
    dp_parinfo *pinfo;    /* per paragraph */
    dp_rich rich;         /* the model it was laid out from */
    int n_paras;
    dp_line *lines;
    int n_lines;
    float width_pt;       /* the box */
    float max_line_pt;    /* widest line laid out */
    float para_gap_pt;    /* extra space between paragraphs */
    dp_glyph cont_glyph;  /* the continuation mark (face -1: none) */
    int too_wide;         /* a table wider than the box even at its narrowest: its source
                           * byte offset; -1 = none */
    dp_textstyle style;
    dp_fonts *fonts;      /* what it was measured with (tables lay out their cells) */
} dp_textblock;

/* A table paragraph laid out (text.c) for drawing (text_emit.c). */
struct dp_table_lay {
    int rows, cols, head_rows;
    float *col_x, *col_w;      /* cell text x from the table's left, and width */
    float *row_h;
    dp_textblock **cells;      /* rows x cols */
    float width;               /* the whole table */
    float pad_x, pad_y;
};

/* Set 'text' (len bytes of valid UTF-8) into lines of at most 'width_pt'.
 * Characters no face covers, and characters above U+FFFF, are reported to
 * 'd' as warnings at their position in 'where' (may be NULL). A line broken
 * inside a word because nothing legal fitted is marked 'forced'. */
dp_textblock *dp_text_layout(dp_arena *a, dp_fonts *fonts, const dp_textstyle *st,
                             const char *text, int len, float width_pt,
                             const dp_text *where, dp_diags *d);

/* The same for a parsed model (table cells; tests). */
dp_textblock *dp_text_layout_rich(dp_arena *a, dp_fonts *fonts, const dp_textstyle *st, dp_rich r,
                                  float width_pt, const dp_text *where, dp_diags *d);

/* Tables (text.c, drawn by text_emit.c): lay out the cells of table paragraph p at 'width'
 * (setting tb->too_wide when even the narrowest columns do not fit), and
 * append one DP_LN_ROW line per row to the line array. */
void dp_text_lay_table(dp_arena *a, dp_textblock *tb, int p, float width);
void dp_table_lines(dp_arena *a, dp_textblock *tb, int p, dp_line **v, int *n, int *cap);
/* Draw row 'row' of table paragraph p with its box's top-left at (x, y). */
void dp_table_emit_row(dp_arena *a, dp_page *page, const dp_textblock *tb, int p, int row,
                       float x, float y, bool first_on_page, dp_loc src);
/* Draw table paragraph p's header rows again (a continued table, as
 * artifacts) at (x, y); returns the y under them. */
float dp_table_emit_header(dp_arena *a, dp_page *page, const dp_textblock *tb, int p, float x, float y,
                           dp_loc src);

/* Height in pt of lines [first, first+n): their heights plus the gaps
 * between them (the first line's gap is not counted), plus the table
 * header drawn again above them when they start inside a table's body
 * (dp_table_repeat_height): a page or slide that continues a table
 * repeats its header row, and pagination measures only through here. */
float dp_text_height(const dp_textblock *tb, int first, int n);
/* Height of the whole block. */
float dp_text_total_height(const dp_textblock *tb);

/* The height of the header rows drawn again when a range of lines starts
 * at line 'first', a body row of a table with a header; 0 otherwise. */
float dp_table_repeat_height(const dp_textblock *tb, int first);

/* Is a glyph with DP_TF_* 'flags' set bold in style 'st' (the style's
 * bold, **strong**, or emphasis the template sets in bold)? */
bool dp_text_bold(const dp_textstyle *st, unsigned flags);

/* Baseline of the first line for a block whose line box starts at y_top
 * (docs/design.md §3: top + (leading - size) / 2 + 0.88 size). */
float dp_text_first_baseline(const dp_textstyle *st, float y_top);

/* Emit lines [first, first+n) with the first line box at (x, y_top) into the
 * page as text runs (one op per run of one face, style and spacing). Marks
 * nothing in the fonts: the PDF writer collects code points from the ops.
 * Returns the y just below the last line. */
float dp_text_emit(dp_arena *a, dp_page *page, const dp_textblock *tb, int first, int n,
                   float x, float y_top, dp_loc src);

/* One line of plain text, unbroken (labels, numbers, footers). Returns its
 * width; emits nothing when page == NULL. 'align': 0 left, 1 right (x is the
 * right edge), 2 centred on x. */
float dp_text_line(dp_arena *a, dp_page *page, dp_fonts *fonts, const dp_textstyle *st,
                   const char *utf8, float x, float baseline, int align, dp_loc src);

/* clreq character classes, exposed for tests. */
bool dp_is_closing_punct(uint32_t cp);  /* may not start a line */
bool dp_is_opening_punct(uint32_t cp);  /* may not end a line */
/* Set with a style's Latin role (else its CJK role); for `deckpress fonts`. */
bool dp_is_latin_script(uint32_t cp);
/* The face plain text (not code, not emphasis) of style 'st' takes for 'cp',
 * as shaping picks it: Latin-script characters try the Latin chain first,
 * the rest the CJK chain; then the other one, then the fallback chain. -1
 * when none has it; *which (if not NULL) the chain that served: 0 cjk,
 * 1 latin, 2 fallback (-1 for none). */
int dp_text_face_for(dp_fonts *f, const dp_textstyle *st, uint32_t cp, int *which);

#endif
