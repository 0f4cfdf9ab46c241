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
 * margins and palette (paper and ink), the deck template's font roles and
 * faces (each element in the face it has on the slides, also when the
 * deck's template names its roles differently: Noto CJK with
 * templates/noto.yaml) and labels. Arena-owned. */
dp_template *dp_template_for_print(dp_arena *a, const dp_template *deck_t, const dp_template *print_t);

#endif
