/* deck.h: the deck model, loaded from YAML and validated (deck.c). Open data:
 * layout reads it directly. Every text keeps the position of its YAML scalar.
 * Knows nothing of fonts, layout or PDF. Arena-owned. */
#ifndef DP_DECK_H
#define DP_DECK_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "color.h"
#include "diag.h"
#include "labels.h"
#include "node.h"


typedef enum { DP_THEME_LIGHT, DP_THEME_DARK } dp_theme;
typedef enum { DP_ASPECT_TEMPLATE, DP_ASPECT_16_9, DP_ASPECT_4_3 } dp_aspect;
typedef enum { DP_PAPER_A4, DP_PAPER_LETTER } dp_paper;

/* What goes with each slide of an N-up sheet besides its caption. */
typedef enum {
    DP_ANNEX_NONE,         /* the booklet: no sheets */
    DP_ANNEX_NOTES_BELOW,  /* a notes area under the slide, to the foot of the sheet */
    DP_ANNEX_NOTES_BESIDE, /* a column of ruled notes beside each slide (portrait only) */
    DP_ANNEX_RULES,        /* three note rules under each slide */
    DP_ANNEX_CAPTION,      /* the caption only */
} dp_annex;

/* The handout layouts, the one list of them: X(word, slides a sheet,
 * columns, rows, annex). columns x rows is the grid on a portrait sheet (a
 * landscape sheet swaps them; impose.c takes whichever shows the slides
 * larger). The deck's handout: layout and --layout parse its words, --help
 * prints them, imposition takes its grid from it; tests/e2e/layouts.sh keeps
 * the schema, the completion, the man page and the README in step. */
#define DP_HANDOUT_LAYOUTS(X)                              \
    X("booklet", 0, 0, 0, DP_ANNEX_NONE)                   \
    X("1", 1, 1, 1, DP_ANNEX_NOTES_BELOW)                  \
    X("2", 2, 1, 2, DP_ANNEX_RULES)                        \
    X("3", 3, 1, 3, DP_ANNEX_NOTES_BESIDE)                 \
    X("4", 4, 2, 2, DP_ANNEX_RULES)                        \
    X("6", 6, 2, 3, DP_ANNEX_RULES)                        \
    X("9", 9, 3, 3, DP_ANNEX_CAPTION)
typedef struct {
    const char *word;  /* as the deck and --layout write it */
    int per_sheet;     /* 0: the booklet */
    int cols, rows;    /* portrait grid */
    dp_annex annex;
} dp_handout_layout;
#define DP_HANDOUT_LAYOUT_ONE(w, n, c, r, x) +1
enum { DP_HANDOUT_LAYOUT_COUNT = 0 DP_HANDOUT_LAYOUTS(DP_HANDOUT_LAYOUT_ONE) };
#undef DP_HANDOUT_LAYOUT_ONE
extern const dp_handout_layout dp_handout_layouts[DP_HANDOUT_LAYOUT_COUNT];

/* The layout of 'per_sheet' slides a sheet (0: the booklet); NULL when there
 * is none. */
const dp_handout_layout *dp_handout_layout_of(int per_sheet);
/* The layout a command-line word names ("booklet" in any case, "6"); NULL
 * when none does. */
const dp_handout_layout *dp_handout_layout_named(const char *word);
/* The layouts' words into buf, joined by 'sep', the last by 'last'
 * ("booklet|1|2|3|4|6|9", "booklet, 1, 2, 3, 4, 6 or 9"); returns buf. */
const char *dp_handout_layout_words(char *buf, size_t size, const char *sep, const char *last);

/* Every choice that shapes the output, as values. Set from the deck when it
 * is loaded (dp_deck.settings), then the command line overrides it in one
 * place (dp_settings_override, project.c) before a template is loaded or
 * anything is laid out. Nothing downstream parses the deck's strings again. */
typedef struct {
    const char *template_name; /* a name or a path; NULL: the theme's (default or dark) */
    dp_loc template_at;        /* where the deck names it ({0}: command line or default) */
    dp_theme theme;
    bool theme_given;          /* written in the deck or on the command line */
    dp_loc theme_at;
    dp_aspect aspect;          /* DP_ASPECT_TEMPLATE: the template's own */
    bool has_accent;
    dp_rgb accent;             /* replaces the template's accent colour */
    int per_sheet;             /* handout: a dp_handout_layouts[].per_sheet (0 = booklet) */
    dp_paper paper;
    bool reveal;               /* deck-wide; dp_section.reveals is what each section does */
    long long epoch;           /* the date written into the PDF (SOURCE_DATE_EPOCH); -1 = none */
} dp_settings;


/* `lang:` of an item, a section, the intro or the closing: the language of
 * text that is not in the deck's (a BCP 47 tag), for all of its text or
 * per field. The tagged PDF writes it as /Lang of what shows that text. */
enum { DP_LANG_FIELDS = 3 };
typedef struct {
    dp_text all;                    /* `lang: en`: every field */
    dp_text of[DP_LANG_FIELDS];     /* `lang: {answer: en}`: by the element's list of fields */
} dp_lang;
/* Fields a lang: mapping may name, in dp_lang.of order. */
#define DP_ITEM_LANG_FIELDS {"question", "answer", "analysis"} /* the topic is the question's heading */
#define DP_SECTION_LANG_FIELDS {"title", "subtitle"}
#define DP_BLOCK_LANG_FIELDS {"title", "body", "qr_label"}

typedef struct {
    dp_text title;     /* optional topic line, e.g. "大模型训练的数据来源和处理方法" */
    dp_text question;  /* required */
    dp_text answer;    /* required; rich text */
    dp_text analysis;  /* optional; rich text */
    dp_text notes;     /* speaker notes; never on slides or attendee handouts */
    dp_text image;     /* optional path, relative to the deck */
    dp_text alt;       /* what the image shows, for readers who cannot see it (tagged PDF /Alt) */
    dp_lang lang;      /* of its text, where it is not the section's or the deck's */
    dp_loc loc;        /* the item's mapping */
    int number;        /* 1-based across the whole deck */
} dp_item;

typedef struct {
    dp_text title;     /* required */
    dp_text subtitle;  /* optional sub-line on the divider */
    dp_text reveal;    /* "true": each question first alone, then with its answer; absent: the deck's */
    bool reveals;      /* what the section does: its reveal: or else the deck's */
    dp_lang lang;      /* of its title and subtitle, and (all:) of its items' text */
    dp_item *items;
    int n_items;
    dp_loc loc;
} dp_section;

/* Intro and closing. */
typedef struct {
    bool present;
    dp_text title;     /* defaults: 引言 / 结语 */
    dp_text body;      /* rich text */
    dp_text notes;
    dp_text image;
    dp_text alt;       /* what the image shows (tagged PDF /Alt) */
    dp_text qr;        /* closing only: URL to encode */
    dp_text qr_label;  /* closing only: caption above the URL */
    dp_lang lang;      /* of its text */
    dp_loc loc;
} dp_block;

typedef struct {
    const char *path;          /* the deck file */
    const char *dir;           /* its folder, for relative paths */
    dp_text title, subtitle, event, date, venue, lang, template_name, theme;
    dp_text *organizers;
    int n_organizers;
    int year, month, day;      /* parsed from date; 0 when absent */
    dp_text handout_layout, handout_paper;
    dp_text aspect;            /* override of the template's aspect: "16:9" or "4:3" */
    dp_text reveal;            /* "true": Q&A items revealed in two steps (sections may override) */
    dp_text accent;            /* override of the template's accent colour */
    dp_text labels[DP_LABEL_COUNT]; /* `labels:` overrides; .s NULL when absent */
    dp_block intro, closing;
    dp_section *sections;
    int n_sections;
    int n_items;               /* over all sections */
    dp_settings settings;      /* the choices above as values (see dp_settings) */
    struct dp_images *images;  /* the image: files, checked and decoded (image.h); NULL = not loaded */
} dp_deck;

/* Load and validate 'path'. Unknown keys (with "did you mean"), wrong types,
 * missing or empty required text, duplicate keys, invalid dates and UTF-8
 * are reported to 'd', several per run. Returns NULL when any error was found. */
dp_deck *dp_deck_load(dp_arena *a, const char *path, dp_diags *d);
/* Same from a buffer (tests, fuzzing). */
dp_deck *dp_deck_parse(dp_arena *a, const char *path, const char *text, size_t len, dp_diags *d);

/* The `labels:` mapping (of a deck or a template) into dp_text[DP_LABEL_COUNT]. */
struct dp_schema;
extern const struct dp_schema dp_labels_schema;

/* Give the intro and closing the title a template's labels name, where the
 * deck left it out (the loader gave them the deck's own label). */
void dp_deck_default_titles(dp_deck *deck, const char *const *labels);

/* Position of byte 'offset' inside a text's scalar (plain, quoted or block),
 * for messages about one character. Falls back to the scalar's start. */
dp_loc dp_text_loc_at(const dp_text *t, int offset);

#endif
