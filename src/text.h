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
    dp_chain code;                 /* `code` spans */
    float size_pt, leading_pt;
    float tracking_em;
    dp_rgb color, em_color;
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
} dp_glyph;

enum { DP_BRK_NO = 0, DP_BRK_ALLOW = 1, DP_BRK_MUST = 2 };

typedef struct {
    int para;             /* index into dp_textblock.paras */
    int first, n;         /* glyph range in that paragraph */
    float indent;         /* pt from the box's left edge */
    float width;          /* natural width */
    bool is_last;         /* last line of its paragraph */
    bool starts_para;     /* first line of its paragraph (bullet marker drawn here) */
    bool forced;          /* a fallback break inside a word (nothing legal fitted) */
    dp_glyph *visual;     /* right-to-left text in the line: its n glyphs in visual
                           * order, left to right, x set (UAX #9 L1-L3); else NULL */
} dp_line;

typedef struct {
    dp_glyph **glyphs;    /* per paragraph */
    int *n_glyphs;
    int *bullet_level;
    int n_paras;
    dp_line *lines;
    int n_lines;
    float width_pt;       /* the box */
    float max_line_pt;    /* widest line laid out */
    float para_gap_pt;    /* extra space between paragraphs */
    dp_glyph bullet_glyph; /* the bullet marker, shaped like the text (face -1: none) */
    dp_textstyle style;
} dp_textblock;

/* Set 'text' (len bytes of valid UTF-8) into lines of at most 'width_pt'.
 * Characters no face covers, and characters above U+FFFF, are reported to
 * 'd' as warnings at their position in 'where' (may be NULL). A line broken
 * inside a word because nothing legal fitted is marked 'forced'. */
dp_textblock *dp_text_layout(dp_arena *a, dp_fonts *fonts, const dp_textstyle *st,
                             const char *text, int len, float width_pt,
                             const dp_text *where, dp_diags *d);

/* Height in pt of lines [first, first+n): n leadings plus paragraph gaps. */
float dp_text_height(const dp_textblock *tb, int first, int n);
/* Height of the whole block. */
float dp_text_total_height(const dp_textblock *tb);

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

#endif
