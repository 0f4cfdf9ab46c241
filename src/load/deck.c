/* deck.c: YAML deck → dp_deck (see deck.h). The deck format lives in the
 * schema tables below; schema.c does the walking and the messages. What is
 * left here: the date check, defaults, item numbering and mapping byte
 * offsets inside a text back to line:col. */
#include "deck.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "labels.h"
#include "schema.h"
#include "utf8.h"

/* ===== Date ===== */

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* YYYY-MM-DD, a real calendar day (2026-02-29 is not one). */
static bool parse_date(const char *s, int *y, int *m, int *d)
{
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, y) &&
           digits(s + 5, 2, m) && digits(s + 8, 2, d) && *y >= 1 && *m >= 1 && *m <= 12 &&
           *d >= 1 && *d <= days_in_month(*y, *m);
}

/* A date written another way: three numbers, year first, separated by
 * -, /, ., spaces or 年 月 (日 after the day): 2026-3-14, 2026/03/14,
 * 2026年3月14日. Returns false when it is not that shape. */
static bool loose_date(const char *s, int *y, int *m, int *d)
{
    int v[3], k = 0;
    const char *p = s;
    while (k < 3) {
        int n = 0, digits_seen = 0;
        while (*p >= '0' && *p <= '9' && digits_seen < 5)
            n = n * 10 + (*p++ - '0'), digits_seen++;
        if (!digits_seen || (*p >= '0' && *p <= '9'))
            return false;
        if (k == 0 && digits_seen != 4)
            return false;
        v[k++] = n;
        static const char *const seps[] = {"-", "/", ".", " ", "年", "月", "日"};
        bool sep = false;
        for (int i = 0; i < 7 && !sep; i++) {
            size_t l = strlen(seps[i]);
            if (strncmp(p, seps[i], l) == 0)
                p += l, sep = true;
        }
        if (!sep && k < 3)
            return false;
    }
    if (*p)
        return false;
    *y = v[0], *m = v[1], *d = v[2];
    return true;
}

static const char *ordinal_suffix(int n)
{
    return n % 10 == 1 && n != 11 ? "st" : n % 10 == 2 && n != 12 ? "nd" : n % 10 == 3 && n != 13 ? "rd" : "th";
}

static bool check_date(dp_schema_cx *cx, const dp_field *f, const dp_node *v, void *obj)
{
    (void)f;
    dp_deck *deck = obj;
    if (parse_date(v->str, &deck->year, &deck->month, &deck->day))
        return true;
    int y, m, d;
    deck->year = deck->month = deck->day = 0;
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    if (!loose_date(v->str, &y, &m, &d) || y < 1) {
        dp_error(cx->d, v->loc, "invalid date \"%s\"; write it as YYYY-MM-DD, e.g. 2026-12-05", v->str);
    } else if (m < 1 || m > 12) {
        dp_error(cx->d, v->loc, "invalid date \"%s\": there is no month %d", v->str, m);
        dp_hint(cx->d, "write it as YYYY-MM-DD, e.g. 2026-12-05");
    } else if (d < 1 || d > days_in_month(y, m)) {
        if (m == 2 && d == 29)
            dp_error(cx->d, v->loc, "invalid date \"%s\": %d is not a leap year, so February has 28 days",
                     v->str, y);
        else
            dp_error(cx->d, v->loc, "invalid date \"%s\": %s has no %d%s (it has %d days)", v->str,
                     months[m - 1], d, ordinal_suffix(d), days_in_month(y, m));
    } else {
        dp_error(cx->d, v->loc, "invalid date \"%s\"; did you mean \"%04d-%02d-%02d\"?", v->str, y, m, d);
        dp_hint(cx->d, "dates are written YYYY-MM-DD, with two-digit months and days");
    }
    return false;
}

/* ===== The deck format ===== */

#define TEXT(T, k, member, fl) \
    {.key = k, .type = DP_FT_TEXT, .offset = offsetof(T, member), .flags = (fl)}
#define ENUM(T, k, member, w)                                                 \
    {.key = k, .type = DP_FT_ENUM, .offset = offsetof(T, member), .words = w, \
     .n_words = DP_COUNT_OF(w)}
#define REQ (DP_F_REQUIRED | DP_F_NONEMPTY)

/* ----- lang: a tag, or a mapping of the element's text fields to tags ----- */

/* Well-formed as BCP 47 tags are written (RFC 5646 2.1: a primary
 * language of 2-3 letters, then subtags of 1-8 letters or digits), not
 * checked against the registry. */
static bool lang_tag_ok(const char *s)
{
    int n = 0, sub = 0;
    for (const char *p = s;; p++) {
        if (*p == '-' || !*p) {
            if (n < 1 || n > 8 || (sub == 0 && (n < 2 || n > 3)))
                return false;
            if (!*p)
                return true;
            sub++, n = 0;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (sub > 0 && *p >= '0' && *p <= '9')) {
            n++;
        } else {
            return false;
        }
    }
}

static bool lang_value(dp_schema_cx *cx, const dp_node *v, const char *what, dp_text *dst)
{
    if (v->kind != DP_NODE_SCALAR || !lang_tag_ok(v->str)) {
        dp_error(cx->d, v->loc, "%s%s%s is not a language tag", v->kind == DP_NODE_SCALAR ? "\"" : "",
                 v->kind == DP_NODE_SCALAR ? v->str : dp_node_kind_name(v), v->kind == DP_NODE_SCALAR ? "\"" : "");
        dp_hint(cx->d, "write %s as a BCP 47 tag such as en, zh-CN, ja or fr", what);
        return false;
    }
    *dst = (dp_text){.s = v->str, .len = (int)v->len, .loc = v->loc, .node = v};
    return true;
}

static const char *const item_lang_fields[] = DP_ITEM_LANG_FIELDS;
static const char *const section_lang_fields[] = DP_SECTION_LANG_FIELDS;
static const char *const block_lang_fields[] = DP_BLOCK_LANG_FIELDS;

/* f->words: the fields a mapping may name (dp_lang.of order). */
static bool convert_lang(dp_schema_cx *cx, const dp_field *f, const dp_node *v, void *obj)
{
    dp_lang *l = (dp_lang *)((char *)obj + f->offset);
    if (v->kind != DP_NODE_MAP)
        return lang_value(cx, v, "lang", &l->all);
    bool ok = true;
    for (int i = 0; i < v->n; i++) {
        const char *k = v->keys[i]->str;
        int w = 0;
        while (w < f->n_words && strcmp(f->words[w], k) != 0)
            w++;
        if (w == f->n_words) {
            char words[160] = "";
            for (int j = 0; j < f->n_words; j++)
                snprintf(words + strlen(words), sizeof words - strlen(words), "%s%s", j ? ", " : "", f->words[j]);
            dp_error(cx->d, v->keys[i]->loc, "\"%s\" in lang: is not a text field of this element", k);
            if (f->words == item_lang_fields && strcmp(k, "title") == 0)
                dp_hint(cx->d, "the topic line heads the question with it and takes the question's language; "
                               "name %s", words);
            else
                dp_hint(cx->d, "name %s, or give one tag for all of its text (lang: en)", words);
            ok = false;
            continue;
        }
        ok &= lang_value(cx, v->items[i], "each language", &l->of[w]);
    }
    return ok;
}

_Static_assert(DP_COUNT_OF(item_lang_fields) <= DP_LANG_FIELDS && DP_COUNT_OF(block_lang_fields) <= DP_LANG_FIELDS &&
                   DP_COUNT_OF(section_lang_fields) <= DP_LANG_FIELDS,
               "dp_lang.of holds every field a lang: mapping may name");
#define LANG(T, fields) \
    {.key = "lang", .type = DP_FT_CUSTOM, .offset = offsetof(T, lang), .words = fields, \
     .n_words = DP_COUNT_OF(fields), .fn = convert_lang}

static const dp_field item_fields[] = {
    TEXT(dp_item, "title", title, 0),
    TEXT(dp_item, "question", question, REQ),
    TEXT(dp_item, "answer", answer, REQ),
    TEXT(dp_item, "analysis", analysis, 0),
    TEXT(dp_item, "notes", notes, 0),
    TEXT(dp_item, "image", image, 0),
    TEXT(dp_item, "alt", alt, 0),
    LANG(dp_item, item_lang_fields),
};
static const dp_schema item_schema = {
    .what = "item",
    .fields = item_fields,
    .n_fields = DP_COUNT_OF(item_fields),
    .loc_offset = DP_LOC_AT(offsetof(dp_item, loc)),
};

static const char *const on_off[] = {"true", "false"};

static const dp_field section_fields[] = {
    TEXT(dp_section, "title", title, REQ),
    TEXT(dp_section, "subtitle", subtitle, 0),
    ENUM(dp_section, "reveal", reveal, on_off),
    LANG(dp_section, section_lang_fields),
    {.key = "items",
     .type = DP_FT_MAP_LIST,
     .offset = offsetof(dp_section, items),
     .sub = &item_schema,
     .elem_size = sizeof(dp_item),
     .count_offset = offsetof(dp_section, n_items)},
};
static const dp_schema section_schema = {
    .what = "section",
    .fields = section_fields,
    .n_fields = DP_COUNT_OF(section_fields),
    .loc_offset = DP_LOC_AT(offsetof(dp_section, loc)),
};

static void block_present(dp_schema_cx *cx, const dp_node *map, void *obj)
{
    (void)cx, (void)map;
    ((dp_block *)obj)->present = true;
}

#define BLOCK_FIELDS                         \
    TEXT(dp_block, "title", title, 0),       \
    TEXT(dp_block, "body", body, 0),         \
    TEXT(dp_block, "notes", notes, 0),       \
    TEXT(dp_block, "image", image, 0),      \
    TEXT(dp_block, "alt", alt, 0),          \
    LANG(dp_block, block_lang_fields)

static const dp_field intro_fields[] = {BLOCK_FIELDS};
static const dp_schema intro_schema = {
    .what = "intro",
    .fields = intro_fields,
    .n_fields = DP_COUNT_OF(intro_fields),
    .loc_offset = DP_LOC_AT(offsetof(dp_block, loc)),
    .finish = block_present,
};

static const dp_field closing_fields[] = {
    BLOCK_FIELDS,
    TEXT(dp_block, "qr", qr, 0),
    TEXT(dp_block, "qr_label", qr_label, 0),
};
static const dp_schema closing_schema = {
    .what = "closing",
    .fields = closing_fields,
    .n_fields = DP_COUNT_OF(closing_fields),
    .loc_offset = DP_LOC_AT(offsetof(dp_block, loc)),
    .finish = block_present,
};

#define LAYOUT_ROW(w, n, c, r, x) {w, n, c, r, x},
const dp_handout_layout dp_handout_layouts[DP_HANDOUT_LAYOUT_COUNT] = {DP_HANDOUT_LAYOUTS(LAYOUT_ROW)};
#undef LAYOUT_ROW
#define LAYOUT_WORD(w, n, c, r, x) w,
static const char *const layouts[] = {DP_HANDOUT_LAYOUTS(LAYOUT_WORD)};
#undef LAYOUT_WORD
static const char *const papers[] = {"a4", "letter"};
static const char *const themes[] = {"light", "dark"};
static const char *const aspects[] = {"16:9", "4:3"};

/* handout: is a nested mapping in YAML but flat in dp_deck: the MAP field
 * sits at offset 0, so these offsets are dp_deck's own. */
static const dp_field handout_fields[] = {
    ENUM(dp_deck, "layout", handout_layout, layouts),
    ENUM(dp_deck, "paper", handout_paper, papers),
};
static const dp_schema handout_schema = {
    .what = "handout",
    .fields = handout_fields,
    .n_fields = DP_COUNT_OF(handout_fields),
};

/* labels: every key a text; a template's mapping is the same (template.c) */
#define LABEL_FIELD(E, k) \
    {.key = #k, .type = DP_FT_TEXT, .offset = DP_LABEL_##E * sizeof(dp_text), .flags = DP_F_KEEP_EMPTY},
static const dp_field label_fields[] = {DP_LABELS(LABEL_FIELD)};
#undef LABEL_FIELD
const dp_schema dp_labels_schema = {
    .what = "labels", .fields = label_fields, .n_fields = DP_COUNT_OF(label_fields)};

static const dp_field deck_fields[] = {
    TEXT(dp_deck, "title", title, REQ),
    TEXT(dp_deck, "subtitle", subtitle, 0),
    TEXT(dp_deck, "event", event, 0),
    {.key = "date", .type = DP_FT_TEXT, .offset = offsetof(dp_deck, date), .fn = check_date},
    TEXT(dp_deck, "venue", venue, 0),
    {.key = "organizers",
     .type = DP_FT_TEXT_LIST,
     .offset = offsetof(dp_deck, organizers),
     .count_offset = offsetof(dp_deck, n_organizers)},
    TEXT(dp_deck, "lang", lang, 0),
    TEXT(dp_deck, "template", template_name, 0),
    ENUM(dp_deck, "theme", theme, themes),
    ENUM(dp_deck, "aspect", aspect, aspects),
    ENUM(dp_deck, "reveal", reveal, on_off),
    TEXT(dp_deck, "accent", accent, 0), /* parsed into settings by settings_of() */
    {.key = "handout", .type = DP_FT_MAP, .offset = 0, .sub = &handout_schema},
    {.key = "labels", .type = DP_FT_MAP, .offset = offsetof(dp_deck, labels), .sub = &dp_labels_schema},
    {.key = "intro", .type = DP_FT_MAP, .offset = offsetof(dp_deck, intro), .sub = &intro_schema},
    {.key = "sections",
     .type = DP_FT_MAP_LIST,
     .offset = offsetof(dp_deck, sections),
     .sub = &section_schema,
     .elem_size = sizeof(dp_section),
     .count_offset = offsetof(dp_deck, n_sections)},
    {.key = "closing",
     .type = DP_FT_MAP,
     .offset = offsetof(dp_deck, closing),
     .sub = &closing_schema},
};
static const dp_schema deck_schema = {
    .what = "deck",
    .fields = deck_fields,
    .n_fields = DP_COUNT_OF(deck_fields),
};

/* ===== Handout layouts ===== */

const dp_handout_layout *dp_handout_layout_of(int per_sheet)
{
    for (int i = 0; i < DP_HANDOUT_LAYOUT_COUNT; i++)
        if (dp_handout_layouts[i].per_sheet == per_sheet)
            return &dp_handout_layouts[i];
    return NULL;
}

const dp_handout_layout *dp_handout_layout_named(const char *word)
{
    for (int i = 0; i < DP_HANDOUT_LAYOUT_COUNT; i++)
        if (strcasecmp(word, dp_handout_layouts[i].word) == 0)
            return &dp_handout_layouts[i];
    /* a number written another way ("06"): the layout of that many slides */
    char *end;
    long n = strtol(word, &end, 10);
    if (end == word || *end || n <= 0 || n > 99)
        return NULL;
    return dp_handout_layout_of((int)n);
}

const char *dp_handout_layout_words(char *buf, size_t size, const char *sep, const char *last)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < DP_HANDOUT_LAYOUT_COUNT && n < size; i++) {
        const char *before = i == 0 ? "" : i == DP_HANDOUT_LAYOUT_COUNT - 1 ? last : sep;
        int k = snprintf(buf + n, size - n, "%s%s", before, dp_handout_layouts[i].word);
        n += k > 0 ? (size_t)k : 0;
    }
    return buf;
}

/* ===== Loading ===== */

/* A default the author did not write: no node, positioned at the file. */
static void default_text(dp_text *t, const char *s, dp_loc at)
{
    if (!t->s)
        *t = (dp_text){s, (int)strlen(s), at, NULL};
}

static const char *dir_of(dp_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    return dp_arena_strndup(a, path, slash == path ? 1 : (size_t)(slash - path));
}

/* Index of an ENUM field's text in its word list (the schema checked it). */
static int word_of(const dp_text *t, const char *const *words, int n, int absent)
{
    return t->s ? dp_word_index(t->s, words, n) : absent;
}

/* The deck's choices as values (deck.h, dp_settings). */
static bool settings_of(dp_deck *deck, dp_diags *d)
{
    dp_settings *s = &deck->settings;
    *s = (dp_settings){.template_name = deck->template_name.s, .template_at = deck->template_name.loc, .epoch = -1};
    s->theme = (dp_theme)word_of(&deck->theme, themes, DP_COUNT_OF(themes), DP_THEME_LIGHT);
    s->theme_given = deck->theme.s != NULL;
    s->theme_at = deck->theme.loc;
    s->aspect = (dp_aspect)(word_of(&deck->aspect, aspects, DP_COUNT_OF(aspects), -1) + 1);
    s->per_sheet = dp_handout_layouts[word_of(&deck->handout_layout, layouts, DP_COUNT_OF(layouts), 0)].per_sheet;
    s->paper = (dp_paper)word_of(&deck->handout_paper, papers, DP_COUNT_OF(papers), DP_PAPER_A4);
    s->reveal = word_of(&deck->reveal, on_off, DP_COUNT_OF(on_off), 1) == 0;
    for (int i = 0; i < deck->n_sections; i++) {
        dp_section *sec = &deck->sections[i];
        sec->reveals = sec->reveal.s ? word_of(&sec->reveal, on_off, DP_COUNT_OF(on_off), 1) == 0
                                     : s->reveal;
    }
    if (deck->accent.s) {
        s->has_accent = dp_parse_color(deck->accent.s, &s->accent);
        if (!s->has_accent) {
            dp_error(d, deck->accent.loc, "bad colour \"%s\"; write it as #RRGGBB", deck->accent.s);
            return false;
        }
    }
    return true;
}

static void fill_defaults(dp_deck *deck)
{
    dp_loc file = {deck->path, 0, 0};
    if (!deck->event.s)
        deck->event = deck->title;
    default_text(&deck->lang, "zh-CN", file);
    const char *labels[DP_LABEL_COUNT];
    dp_labels_resolve(labels, deck->lang.s, NULL, deck->labels);
    dp_deck_default_titles(deck, labels);
    int n = 0;
    for (int s = 0; s < deck->n_sections; s++)
        for (int i = 0; i < deck->sections[s].n_items; i++)
            deck->sections[s].items[i].number = ++n;
    deck->n_items = n;
}

/* A default has no node (default_text); the author's title has one. */
static void default_title(dp_block *b, const char *label)
{
    if (b->present && !b->title.node)
        b->title = (dp_text){label, (int)strlen(label), b->loc, NULL};
}

void dp_deck_default_titles(dp_deck *deck, const char *const *labels)
{
    default_title(&deck->intro, labels[DP_LABEL_INTRO]);
    default_title(&deck->closing, labels[DP_LABEL_CLOSING]);
}

/* A language with no built-in labels gets English ones: say so. */
static void warn_lang(const dp_deck *deck, dp_diags *d)
{
    if (!deck->lang.s || dp_labels_builtin(deck->lang.s))
        return;
    dp_warning(d, deck->lang.loc, "no built-in labels for lang \"%s\"; the English ones are used",
               deck->lang.s);
    dp_hint(d, "translate them under labels: (answer, analysis, agenda, …; see the README), or "
               "write lang: zh-CN or lang: en");
}

/* `accent: #D63F24` is a YAML comment, so the key reads as empty: say so. */
static void warn_comment_colour(const dp_node *root, dp_diags *d)
{
    const dp_node *v = dp_node_get(root, "accent");
    if (v && dp_node_is_null(v)) {
        dp_warning(d, v->loc, "\"accent\" is empty and is ignored");
        dp_hint(d, "quote colours, e.g. accent: \"#D63F24\"; an unquoted # starts a YAML comment");
    }
}

/* A URI scheme ("https:", "mailto:", "WIFI:"): letters, digits, + - . then ':'. */
static bool has_scheme(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return false;
    while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
           *s == '+' || *s == '-' || *s == '.')
        s++;
    return *s == ':';
}

/* What loads but is surely not what the author meant: said in check and
 * in every build. */
static void warn_surprises(const dp_deck *deck, const dp_node *root, dp_diags *d)
{
    if (deck->n_sections == 0) {
        const dp_node *v = dp_node_get(root, "sections");
        dp_warning(d, v ? v->loc : (dp_loc){deck->path, 1, 1},
                   "the deck has no sections: the slides will have no questions, and the "
                   "agenda lists none");
        dp_hint(d, "add sections:, each with a title and items");
    }
    for (int i = 0; i < deck->n_sections; i++) {
        const dp_section *sec = &deck->sections[i];
        if (sec->n_items > 0)
            continue;
        char name[128];
        dp_warning(d, sec->loc, "section %d (\"%s\") has no items: its divider would announce 0 questions",
                   i + 1, dp_utf8_clip(name, sizeof name, sec->title.s ? sec->title.s : "", 24));
        dp_hint(d, "add items to it, or remove the section");
    }
    const dp_text *qr = &deck->closing.qr;
    if (qr->s && qr->len && !has_scheme(qr->s)) {
        char shown[256];
        dp_warning(d, qr->loc, "qr: \"%s\" is not a URL; the code will hold this text as it is",
                   dp_utf8_clip(shown, sizeof shown, qr->s, 60));
        if (strchr(qr->s, '.') && !strpbrk(qr->s, " \t"))
            dp_hint(d, "did you mean \"https://%s\"?", qr->s);
        else
            dp_hint(d, "write a whole address, such as https://example.org/join");
    }
}

dp_deck *dp_deck_parse(dp_arena *a, const char *path, const char *text, size_t len, dp_diags *d)
{
    dp_node *root = dp_yaml_load(a, path, text, len, d);
    if (!root)
        return NULL;
    dp_deck *deck = dp_arena_alloc(a, sizeof *deck);
    deck->path = root->loc.file; /* the arena copy every position points to */
    deck->dir = dir_of(a, deck->path);
    dp_schema_cx cx;
    dp_schema_init(&cx, a, d, NULL);
    bool ok = dp_schema_load(&cx, &deck_schema, root, "a deck", deck);
    warn_comment_colour(root, d);
    if (!ok)
        return NULL;
    fill_defaults(deck);
    warn_lang(deck, d);
    if (!settings_of(deck, d))
        return NULL;
    warn_surprises(deck, root, d); /* a deck without errors only: errors come first */
    return deck;
}

dp_deck *dp_deck_load(dp_arena *a, const char *path, dp_diags *d)
{
    return dp_deck_parse(a, path, NULL, 0, d);
}

/* ===== Positions inside a text ===== */

dp_loc dp_text_loc_at(const dp_text *t, int offset)
{
    const dp_node *n = t->node;
    if (!n || n->kind != DP_NODE_SCALAR || n->block_indent <= 0 || !t->s)
        return t->loc;
    if (offset < 0)
        offset = 0;
    if (offset > t->len)
        offset = t->len;
    dp_loc loc = n->loc;
    if (n->style != DP_SCALAR_BLOCK) { /* one verbatim line */
        loc.col = n->block_indent + (int)dp_utf8_count(t->s, (size_t)offset);
        return loc;
    }
    /* Literal block: text line k is source line header + 1 + k, indented by block_indent - 1. */
    int line = 0;
    size_t start = 0;
    for (size_t i = 0; i < (size_t)offset; i++)
        if (t->s[i] == '\n')
            line++, start = i + 1;
    loc.line = n->loc.line + 1 + line;
    loc.col = n->block_indent + (int)dp_utf8_count(t->s + start, (size_t)offset - start);
    return loc;
}
