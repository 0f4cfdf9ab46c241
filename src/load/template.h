/* template.h: the look of a deck, loaded from templates/NAME.yaml and
 * validated like a deck (template.c). Colours, font roles (fallback chains of
 * fontconfig family patterns), a text style per element, margins, chrome.
 * Knows nothing of fonts files, layout or PDF. Arena-owned. */
#ifndef DP_TEMPLATE_H
#define DP_TEMPLATE_H
#include <stdbool.h>

#include "arena.h"
#include "deck.h"
#include "diag.h"

#include "color.h"

/* Palette tokens (docs/design.md §2). YAML keys are the lowercase
 * names. The required ones, then the optional ones of Markdown answers
 * (code panels, links, syntax highlighting), which default to required
 * ones when a template leaves them out (template.c, optional_defaults). */
#define DP_COLORS_REQ(X) X(BG, bg) X(INK, ink) X(TEXT2, text2) X(META, meta) \
    X(ACCENT, accent) X(RULE, rule) X(PANEL, panel) X(TRACK, track)      \
    X(M0, m0) X(M1, m1) X(M2, m2)
#define DP_COLORS_OPT(X) X(CODE_BG, code_bg) X(CODE_INK, code_ink) X(LINK, link) \
    X(TOK_KEYWORD, tok_keyword) X(TOK_STRING, tok_string) X(TOK_COMMENT, tok_comment) \
    X(TOK_NUMBER, tok_number) X(TOK_FUNCTION, tok_function) X(TOK_TYPE, tok_type)
#define DP_COLORS(X) DP_COLORS_REQ(X) DP_COLORS_OPT(X)
typedef enum {
#define X(E, n) DP_COLOR_##E,
    DP_COLORS(X)
#undef X
    DP_COLOR_COUNT
} dp_color;
extern const char *const dp_color_names[DP_COLOR_COUNT];

/* Text elements, one style each. YAML keys under styles: are the lowercase names. */
#define DP_ELEMENTS(X) DP_ELEMENTS_REQ(X) DP_ELEMENTS_OPT(X)
#define DP_ELEMENTS_REQ(X)                                                    \
    X(KICKER, kicker) X(TITLE, title) X(SUBTITLE, subtitle) X(H1, h1)         \
    X(AGENDA_NUMBER, agenda_number) X(AGENDA_TITLE, agenda_title)             \
    X(AGENDA_SUB, agenda_sub) X(LABEL, label) X(INTRO_BODY, intro_body)       \
    X(SECTION_NUMBER, section_number) X(SECTION_TITLE, section_title)         \
    X(SECTION_SUB, section_sub) X(QA_NUMBER, qa_number) X(QA_TOTAL, qa_total) \
    X(TOPIC, topic) X(QUESTION, question) X(ANSWER, answer)                   \
    X(ANSWER_LABEL, answer_label) X(ANALYSIS, analysis)                       \
    X(ANALYSIS_LABEL, analysis_label) X(CLOSING_BODY, closing_body)           \
    X(QR_LABEL, qr_label) X(QR_URL, qr_url) X(FOOTER, footer)                 \
    X(PAGE_NUMBER, page_number) X(PAGE_TOTAL, page_total) X(CODE, code)
/* Optional elements: a template without them gets them from another style. */
#define DP_ELEMENTS_OPT(X) X(CODE_BLOCK, code_block)
typedef enum {
#define X(E, n) DP_EL_##E,
    DP_ELEMENTS(X)
#undef X
    DP_EL_COUNT
} dp_element;
extern const char *const dp_element_names[DP_EL_COUNT];

/* A font role: a named fallback chain of fontconfig patterns
 * ("WenQuanYi Micro Hei", "Manrope:style=SemiBold") or font file paths. */
typedef struct {
    const char *name;
    const char **families;
    dp_loc *locs;          /* position of each family, for font errors */
    int n;
    dp_loc loc;
} dp_font_role;

typedef struct {
    int cjk_role;          /* index into roles: Han, CJK punctuation, everything non-Latin */
    int latin_role;        /* index into roles: U+0000-02FF, U+2013 and other Latin-script */
    float size_pt;         /* > 0 */
    float leading_pt;      /* line pitch; >= size_pt */
    float min_size_pt;     /* shrink floor for fitting; 0 = never shrink */
    float tracking_em;     /* extra space after each character */
    dp_color color;
    bool bold;             /* the family's bold face (fonts.h, dp_face_bold), else fake bold */
    bool justify;          /* justify multi-line paragraphs */
    dp_loc loc;
} dp_style;

/* Slide geometry (the template's `geometry:`; docs/template.schema.json
 * describes every key and its default). Each slide kind is a set of frames
 * on the grid: x as a grid column (1-based, of grid.columns between the
 * left and right margins, grid.gutter apart), y in pt below margins.top
 * (the hang line), sizes in pt. Every value has a built-in default
 * (template.c, geometry_fields), so a template gives only what it changes. */
typedef struct {
    float columns, gutter;       /* the grid across the live area */
    float baseline;              /* body blocks start on lines this far apart from margins.top; 0 = off */
} dp_geo_grid;
typedef struct {
    float heading_top;           /* the h1 heading of agenda, intro and closing pages */
    float body_top;              /* their body text, and its （续） pages */
    float footer_top;            /* footer line, in pt below the live area's bottom */
    float image_height;          /* a picture inside rich text: at most this share of the live height */
} dp_geo_page;
typedef struct {
    float cells, pitch, cell;    /* cells a side; the largest pitch and the cell drawn in it */
    float width;                 /* the motif spans at most this share of the live width */
} dp_geo_motif;
typedef struct {
    float width;                 /* the title's measure at most */
    float bottom;                /* the title block's bottom (it grows upwards) */
    float top;                   /* a title may rise to here at most */
    float subtitle_gap;          /* title bottom to subtitle top */
} dp_geo_title;
typedef struct {
    float top;                   /* the first row's rule */
    float columns;               /* grid columns of the list beside the intro */
    float number_width;          /* the row number's column */
    float pad_min, pad_max;      /* above and below each row's text */
    float sub_gap;               /* a row's title to its count line */
} dp_geo_agenda;
typedef struct {
    float column;                /* beside the agenda: first grid column */
    float label_top, body_top;   /* beside the agenda */
    float image_min_height;      /* the least a picture below the text is given */
    float image_gap;             /* text to picture */
    float image_column;          /* on a slide of its own: the picture's first column */
    float image_top;
    float text_columns;          /* there, without a picture: the text's last column */
    float text_gap;              /* there, text to picture */
} dp_geo_intro;
typedef struct {
    float number_baseline;       /* the big numeral */
    float number_shift;          /* the numeral set left by this share of its size (side bearing) */
    float title_top;             /* a one-line title's top (more lines rise) */
    float title_min_top;         /* the highest a long title may start */
    float subtitle_gap;
} dp_geo_section;
typedef struct {
    float question_top;          /* the question (and the rail number's baseline on its first line) */
    float total_top;             /* "/ 33" under the number */
    float rail_bottom;           /* the rail ends here: the answer starts at least block_gap below */
    float number_shift;          /* the number set left by this share of its size */
    float text_column;           /* topic, question, answer and analysis start here */
    float question_inset;        /* the question's measure is this much narrower */
    float block_gap;             /* between question, answer, picture and band */
    float band_pad_top, band_pad_bottom; /* the analysis band around its text */
    float band_bleed;            /* the band reaches this far past the text on both sides */
    float image_column;          /* a picture beside the text: at most from this column */
    float image_wide;            /* at least this aspect ratio: under the answer, full width */
    float image_floor;           /* a picture under the answer shrinks to this share before text */
    float head_lines;            /* the （续） running head's lines at most */
} dp_geo_qa;
typedef struct {
    float body_width;            /* the body's measure at most */
    float body_min_em;           /* the body keeps at least this many em */
    float text_gap;              /* body to QR column or picture */
    float qr_top, qr_size, qr_min_size, qr_step; /* the QR tile: top, side, least side, shrink step */
    float qr_column;             /* the QR column widens at most to this grid column */
    float caption_gap;           /* tile to caption */
    float text_columns;          /* without QR code or picture: the body's last column */
    float image_column;          /* a picture without a QR code: its first column */
    float image_columns;         /* a picture left of the QR tile: this many columns */
    float image_top;
    float image_min_height;      /* a picture below the body is given at least this */
    float image_gap;             /* body to a picture below it */
} dp_geo_closing;
typedef struct {
    dp_geo_grid grid;
    dp_geo_page page;
    dp_geo_motif motif;
    dp_geo_title title;
    dp_geo_agenda agenda;
    dp_geo_intro intro;
    dp_geo_section section;
    dp_geo_qa qa;
    dp_geo_closing closing;
} dp_geometry;

/* The booklet (handout: booklet:): page (margins on A4, scaled with the
 * paper; rail; columns), text sizes, flow (space around each part), cover,
 * contents and the closing's QR code. docs/template.schema.json describes
 * each key and its default. */
typedef struct {
    float margin_left, margin_right, margin_top, margin_bottom, margin_min, head_top;
    float head_rule_gap, head_min_gap, folio_bottom, rail, rail_gap, rail_label_gap, column_gap;
} dp_geo_bk_page;
typedef struct {
    float body_size, body_leading, column_leading, kicker_size, heading_size, heading_leading;
    float number_size, topic_size, topic_leading, label_size, label_leading, label_tracking;
    float head_size, head_leading, folio_size, folio_leading;
} dp_geo_bk_text;
typedef struct {
    float heading_gap, number_gap, label_gap, item_pad, item_pad_after, question_gap, block_gap;
    float image_gap, image_fraction, opener_pad, opener_meta_gap, rule_gap, column_top_gap;
    float intro_body_gap, closing_pad, closing_body_gap;
} dp_geo_bk_flow;
typedef struct {
    float title_size, title_leading, subtitle_size, subtitle_leading, title_top, event_gap;
    float title_room, subtitle_gap, facts_gap, rule_gap, fact_gap, motif_pitch;
} dp_geo_bk_cover;
typedef struct {
    float size, leading, page_width, number_gap, row_gap, item_gap, leader_pitch, leader_dot;
    float leader_gap;
} dp_geo_bk_contents;
typedef struct {
    float gap, size, text_gap, text_top, label_size, label_leading, url_size, url_leading;
} dp_geo_bk_qr;
typedef struct {
    dp_geo_bk_page page;
    dp_geo_bk_text text;
    dp_geo_bk_flow flow;
    dp_geo_bk_cover cover;
    dp_geo_bk_contents contents;
    dp_geo_bk_qr qr;
} dp_geo_booklet;
/* N-up sheets (handout: sheets:): the grid of slides on the paper, captions,
 * note lines and notes areas, running head and folio. */
typedef struct {
    float side, head, foot, gutter, caption, caption_gap, caption_size, caption_number_gap;
    float rules, rules_top, rule_count, rule_pitch, notes_column, notes_gap, notes_below;
    float notes_label_size, notes_label_tracking, notes_size, notes_leading, notes_top;
    float notes_rule_top, notes_rule_pitch, head_top, head_size, head_rule_gap, folio_bottom;
    float folio_size, folio_gap;
} dp_geo_sheets;
typedef struct {
    dp_geo_booklet booklet;
    dp_geo_sheets sheets;
} dp_handout_geometry;
/* *emphasis* in rich text (the template's emphasis:). Hanzi are never
 * slanted: text set in another face than 'role' changes to it (Hei
 * answers to Kai); text already in it (the Kai analysis, intro, closing)
 * takes 'color' and, with 'bold', its bold weight. Latin letters change
 * to 'latin_role' (a Latin family's italic), else go with the hanzi. */
typedef struct {
    int role;              /* -1: none (colour only) */
    int latin_role;        /* -1: as the hanzi */
    int color;             /* a dp_color; -1: ink, or accent where the text is ink */
    bool bold;
} dp_emphasis;

typedef struct {
    const char *path;
    const char *name;
    float page_w_pt, page_h_pt;           /* from aspect: 16:9 = 960x540, 4:3 = 720x540 */
    dp_rgb colors[DP_COLOR_COUNT];
    dp_rgb section_colors[DP_COLOR_COUNT]; /* divider slides; = colors when not given */
    dp_font_role *roles;
    int n_roles;
    int fallback_role;                    /* last resort for symbols; -1 = none */
    dp_style styles[DP_EL_COUNT];
    float margin_left_pt, margin_right_pt, margin_top_pt, margin_bottom_pt;
    dp_geometry geo;                      /* where each slide kind's frames are */
    dp_loc geo_loc;                       /* where geometry: is (else the file), for errors */
    dp_handout_geometry handout;          /* booklet and N-up metrics (handout:) */
    bool handout_given;                   /* the file has a handout: section */
    dp_loc handout_loc;                   /* where it is (else the file), for errors */
    const char *footer_text;              /* with {event} {page} {pages} {date} */
    bool progress_bar;
    float progress_h_pt;
    bool matrix;                          /* the attention-mask motif on title and dividers */
    dp_emphasis em;                       /* how *emphasis* looks */
    const char *labels[DP_LABEL_COUNT];   /* in the deck's language, overrides applied (labels.h) */
} dp_template;

/* Find 'name_or_path' (a name looks in each of 'dirs', NULL-terminated, for
 * NAME.yaml; a path containing '/' or ending in .yaml is used as is), load and
 * validate it, then apply the deck's settings (aspect, accent: deck.h). Errors
 * (unknown keys with "did you mean", bad colours, sizes <= 0, undefined font
 * roles or colours) go to 'd'. 'at' is where the deck names the template. */
dp_template *dp_template_load(dp_arena *a, const char *name_or_path, const char *const *dirs,
                              const dp_deck *deck, dp_loc at, dp_diags *d);
/* True when 'name' is a file path (contains '/' or ends in .yaml), not a name. */
bool dp_template_is_path(const char *name);

/* The template a handout is printed with: the print template's sizes,
 * margins, handout metrics (the deck template's when it has a handout:
 * section) and palette (paper and ink), the deck template's font roles and
 * faces (each element in the face it has on the slides, also when the
 * deck's template names its roles differently: Noto CJK with
 * templates/noto.yaml) and labels. Arena-owned. */
dp_template *dp_template_for_print(dp_arena *a, const dp_template *deck_t, const dp_template *print_t);

#endif
