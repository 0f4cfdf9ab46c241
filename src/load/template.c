/* template.c: templates/NAME.yaml → dp_template (see template.h). The YAML
 * format is the schema tables below (documented for authors in
 * templates/default.yaml); schema.c walks them. This file resolves names
 * (font roles, palette tokens), fills defaults, finds the template file and
 * applies the deck's overrides. */
#include "template.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "labels.h"
#include "schema.h"

const char *const dp_color_names[DP_COLOR_COUNT] = {
#define X(E, n) #n,
    DP_COLORS(X)
#undef X
};

const char *const dp_element_names[DP_EL_COUNT] = {
#define X(E, n) #n,
    DP_ELEMENTS(X)
#undef X
};

/* ===== The template as written, before names are resolved ===== */

typedef struct {
    dp_text font, latin, color; /* role names and a palette token */
    dp_text inherits;           /* an element whose style fills in what is not given */
    float size, leading, min_size, tracking;
    bool bold, justify;
    unsigned given;             /* 1 << STYLE_KEY of each key the file gives */
    dp_loc loc;
} raw_style;

/* The keys of a style, as bits of raw_style.given (style_fields below). */
enum { SK_FONT, SK_LATIN, SK_SIZE, SK_LEADING, SK_MIN_SIZE, SK_TRACKING, SK_COLOR, SK_BOLD, SK_JUSTIFY, SK_INHERITS };
static const char *const style_keys[] = {"font", "latin", "size", "leading", "min_size", "tracking",
                                         "color", "bold", "justify", "inherits"};

typedef struct {
    dp_text font, latin, color;
    bool bold;
    bool given;
} raw_emphasis;

typedef struct {
    dp_text name, aspect, fallback_font, footer;
    dp_rgb colors[DP_COLOR_COUNT];
    dp_rgb section_colors[DP_COLOR_COUNT]; /* r < 0: not given */
    dp_font_role *roles;
    int n_roles;
    float margins[4];                      /* left, right, top, bottom */
    raw_style styles[DP_EL_COUNT];
    dp_geometry geo;
    dp_handout_geometry handout;
    bool progress_bar, matrix;
    float progress_h;
    dp_text labels[DP_LABEL_COUNT];
    raw_emphasis em;
} raw_template;

/* ----- colors: / section_colors: ----- */

#define COLOR_FIELD(E, n, fl) \
    {.key = #n, .type = DP_FT_COLOR, .offset = DP_COLOR_##E * sizeof(dp_rgb), .flags = (fl)},
#define REQUIRED_COLOR(E, n) COLOR_FIELD(E, n, DP_F_REQUIRED)
#define OPTIONAL_COLOR(E, n) COLOR_FIELD(E, n, 0)
static const dp_field color_fields[] = {DP_COLORS_REQ(REQUIRED_COLOR) DP_COLORS_OPT(OPTIONAL_COLOR)};
static const dp_field section_color_fields[] = {DP_COLORS(OPTIONAL_COLOR)};
static const dp_schema colors_schema = {
    .what = "colors", .fields = color_fields, .n_fields = DP_COUNT_OF(color_fields)};
static const dp_schema section_colors_schema = {.what = "section_colors",
                                                .fields = section_color_fields,
                                                .n_fields = DP_COUNT_OF(section_color_fields)};

/* ----- styles: ----- */

static void style_finish(dp_schema_cx *cx, const dp_node *map, void *obj)
{
    raw_style *st = obj;
    for (int k = 0; k < DP_COUNT_OF(style_keys); k++) {
        const dp_node *v = dp_node_get(map, style_keys[k]);
        if (v && !dp_node_is_null(v))
            st->given |= 1u << k;
    }
    if (!st->inherits.s) { /* without a parent, font and size must be given */
        const raw_template *raw = cx->user;
        const char *el = dp_element_names[st - raw->styles];
        static const int need[] = {SK_FONT, SK_SIZE};
        for (int i = 0; i < DP_COUNT_OF(need); i++) {
            const dp_node *k = dp_node_get(map, style_keys[need[i]]);
            if (st->given & (1u << need[i]))
                continue;
            if (k) /* `size:` with nothing */
                dp_error(cx->d, k->loc, "missing value for \"%s\"", style_keys[need[i]]);
            else
                dp_error(cx->d, map->loc, "missing required key \"%s\" in style \"%s\"", style_keys[need[i]], el);
            dp_hint(cx->d, "give it, or \"inherits: ELEMENT\" to take what is not given from another style");
        }
    }
    if (!(st->given & (1u << SK_SIZE)))
        return; /* checked once inherited (resolve_styles) */
    if (!(st->size > 0))
        return; /* already reported */
    if (isnan(st->leading))
        st->leading = 1.3f * st->size;
    const dp_node *v = dp_node_get(map, "leading");
    if (st->leading > 0 && st->leading < st->size)
        dp_error(cx->d, v ? v->loc : map->loc, "\"leading\" (%g) must be at least \"size\" (%g)",
                 (double)st->leading, (double)st->size);
    v = dp_node_get(map, "min_size");
    if (st->min_size > st->size)
        dp_error(cx->d, v ? v->loc : map->loc, "\"min_size\" (%g) must not exceed \"size\" (%g)",
                 (double)st->min_size, (double)st->size);
}

#define NUM(k, member, fl, lo, hi, d)                                                      \
    {.key = k, .type = DP_FT_NUMBER, .offset = offsetof(raw_style, member), .flags = (fl), \
     .min = (lo), .max = (hi), .def = (d)}
static const dp_field style_fields[] = {
    {.key = "font", .type = DP_FT_TEXT, .offset = offsetof(raw_style, font), .flags = DP_F_NONEMPTY},
    {.key = "latin", .type = DP_FT_TEXT, .offset = offsetof(raw_style, latin)},
    NUM("size", size, DP_F_POSITIVE, 0, 1000, 0),
    NUM("leading", leading, DP_F_POSITIVE, 0, 2000, NAN),
    NUM("min_size", min_size, 0, 0, 1000, 0),
    NUM("tracking", tracking, 0, -0.5f, 2, 0),
    {.key = "color", .type = DP_FT_ENUM, .offset = offsetof(raw_style, color),
     .words = dp_color_names, .n_words = DP_COLOR_COUNT},
    {.key = "bold", .type = DP_FT_BOOL, .offset = offsetof(raw_style, bold)},
    {.key = "justify", .type = DP_FT_BOOL, .offset = offsetof(raw_style, justify)},
    {.key = "inherits", .type = DP_FT_ENUM, .offset = offsetof(raw_style, inherits), .words = dp_element_names,
     .n_words = DP_EL_COUNT},
};
static const dp_schema style_schema = {
    .what = "style",
    .fields = style_fields,
    .n_fields = DP_COUNT_OF(style_fields),
    .loc_offset = DP_LOC_AT(offsetof(raw_style, loc)),
    .name_by_key = true,
    .finish = style_finish,
};

#define STYLE_FIELD(E, n)                                                   \
    {.key = #n, .type = DP_FT_MAP, .offset = DP_EL_##E * sizeof(raw_style), \
     .flags = DP_F_REQUIRED, .sub = &style_schema},
#define OPTIONAL_STYLE_FIELD(E, n)                                          \
    {.key = #n, .type = DP_FT_MAP, .offset = DP_EL_##E * sizeof(raw_style), \
     .sub = &style_schema},
static const dp_field styles_fields[] = {DP_ELEMENTS_REQ(STYLE_FIELD) DP_ELEMENTS_OPT(OPTIONAL_STYLE_FIELD)};
static const dp_schema styles_schema = {
    .what = "styles", .fields = styles_fields, .n_fields = DP_COUNT_OF(styles_fields)};

/* ----- emphasis: ----- */

static void emphasis_finish(dp_schema_cx *cx, const dp_node *map, void *obj)
{
    (void)cx, (void)map;
    ((raw_emphasis *)obj)->given = true;
}

static const dp_field emphasis_fields[] = {
    {.key = "font", .type = DP_FT_TEXT, .offset = offsetof(raw_emphasis, font), .flags = DP_F_NONEMPTY},
    {.key = "latin", .type = DP_FT_TEXT, .offset = offsetof(raw_emphasis, latin), .flags = DP_F_NONEMPTY},
    {.key = "color", .type = DP_FT_ENUM, .offset = offsetof(raw_emphasis, color),
     .words = dp_color_names, .n_words = DP_COLOR_COUNT},
    {.key = "bold", .type = DP_FT_BOOL, .offset = offsetof(raw_emphasis, bold)},
};
static const dp_schema emphasis_schema = {
    .what = "emphasis",
    .fields = emphasis_fields,
    .n_fields = DP_COUNT_OF(emphasis_fields),
    .finish = emphasis_finish,
};

/* ----- fonts: role → list of fontconfig patterns or files ----- */

static bool add_family(dp_schema_cx *cx, dp_font_role *r, const dp_node *v)
{
    if (v->kind != DP_NODE_SCALAR || dp_is_blank(v->str, v->len)) {
        dp_error(cx->d, v->loc, "expected a font family or file for role \"%s\", got %s", r->name,
                 v->kind == DP_NODE_SCALAR ? "nothing" : dp_node_kind_name(v));
        return false;
    }
    r->families[r->n] = v->str;
    r->locs[r->n++] = v->loc;
    return true;
}

static bool convert_fonts(dp_schema_cx *cx, const dp_field *f, const dp_node *v, void *obj)
{
    (void)f;
    raw_template *t = obj;
    if (v->kind != DP_NODE_MAP) {
        dp_error(cx->d, v->loc, "expected a mapping of font roles for \"fonts\", got %s",
                 dp_node_kind_name(v));
        dp_hint(cx->d, "e.g. fonts: {hei: [\"WenQuanYi Micro Hei\"], latin: [Manrope]}");
        return false;
    }
    bool ok = true;
    t->roles = dp_arena_alloc(cx->a, (size_t)(v->n ? v->n : 1) * sizeof *t->roles);
    for (int i = 0; i < v->n; i++) {
        const dp_node *list = v->items[i];
        dp_font_role *r = &t->roles[t->n_roles++];
        int n = list->kind == DP_NODE_SEQ ? list->n : 1; /* one family needs no brackets */
        *r = (dp_font_role){.name = v->keys[i]->str, .loc = v->keys[i]->loc};
        r->families = dp_arena_alloc(cx->a, (size_t)(n ? n : 1) * sizeof *r->families);
        r->locs = dp_arena_alloc(cx->a, (size_t)(n ? n : 1) * sizeof *r->locs);
        if (list->kind == DP_NODE_SEQ) {
            for (int k = 0; k < list->n; k++)
                ok &= add_family(cx, r, list->items[k]);
        } else {
            ok &= add_family(cx, r, list);
        }
        if (r->n == 0 && list->kind == DP_NODE_SEQ) {
            dp_error(cx->d, list->loc, "font role \"%s\" lists no font", r->name);
            ok = false;
        }
    }
    return ok;
}

/* ----- footer: ----- */

static const char *const placeholders[] = {"{event}", "{page}", "{pages}", "{date}"};

static bool check_footer(dp_schema_cx *cx, const dp_field *f, const dp_node *v, void *obj)
{
    (void)v;
    const dp_text *t = (const dp_text *)((char *)obj + f->offset);
    bool ok = true;
    for (const char *p = t->s; p && (p = strchr(p, '{')); p++) {
        const char *close = strchr(p, '}');
        dp_loc at = dp_text_loc_at(t, (int)(p - t->s));
        if (!close) {
            dp_error(cx->d, at, "unclosed \"{\" in footer");
            return false;
        }
        char *word = dp_arena_strndup(cx->a, p, (size_t)(close - p + 1));
        if (dp_word_index(word, placeholders, DP_COUNT_OF(placeholders)) < 0) {
            int near = dp_closest_word(word, placeholders, DP_COUNT_OF(placeholders));
            if (near >= 0)
                dp_error(cx->d, at, "unknown placeholder \"%s\" in footer; did you mean \"%s\"?",
                         word, placeholders[near]);
            else
                dp_error(cx->d, at, "unknown placeholder \"%s\" in footer", word);
            dp_hint_words(cx->d, "footer placeholders", placeholders, DP_COUNT_OF(placeholders));
            ok = false;
        }
        p = close;
    }
    return ok;
}

/* ----- geometry: (template.h, dp_geometry) ----- */

/* G: a length or position in pt; GW: a whole number (columns, lines) in
 * lo..hi; GS: a share (0..1] or ratio. The last argument is the built-in
 * default: the geometry every shipped template has. */
#define GEO_NUM(T, k, lo, hi, d, fl)                                                           \
    {.key = #k, .type = DP_FT_NUMBER, .offset = offsetof(T, k), .flags = (fl), .min = (lo), \
     .max = (hi), .def = (d)}
#define G(T, k, d) GEO_NUM(T, k, 0, 1000, d, 0)
#define GW(T, k, lo, hi, d) GEO_NUM(T, k, lo, hi, d, DP_F_WHOLE)
#define GS(T, k, hi, d) GEO_NUM(T, k, 0, hi, d, DP_F_POSITIVE)
#define GP(T, k, d) GEO_NUM(T, k, 0, 1000, d, DP_F_POSITIVE) /* a size, leading or pitch: > 0 */
#define SCHEMA(var, label, tab) \
    static const dp_schema var = {.what = label, .fields = tab, .n_fields = DP_COUNT_OF(tab)}
#define GEO_SCHEMA(name, tab) SCHEMA(geo_##name, "geometry " #name, tab)

static const dp_field geo_grid_fields[] = {GW(dp_geo_grid, columns, 1, 48, 12), G(dp_geo_grid, gutter, 24),
                                           GEO_NUM(dp_geo_grid, baseline, 0, 100, 0, 0)};
static const dp_field geo_page_fields[] = {
    G(dp_geo_page, heading_top, 24), G(dp_geo_page, body_top, 108), G(dp_geo_page, footer_top, 27),
    GS(dp_geo_page, image_height, 1, 0.45f)};
static const dp_field geo_motif_fields[] = {
    GW(dp_geo_motif, cells, 1, 100, 23), GEO_NUM(dp_geo_motif, pitch, 0, 100, 18, DP_F_POSITIVE),
    G(dp_geo_motif, cell, 14), GS(dp_geo_motif, width, 1, 0.49f)};
static const dp_field geo_title_fields[] = {G(dp_geo_title, width, 600), G(dp_geo_title, bottom, 366),
                                            G(dp_geo_title, top, 40), G(dp_geo_title, subtitle_gap, 20)};
static const dp_field geo_agenda_fields[] = {
    G(dp_geo_agenda, top, 108), GW(dp_geo_agenda, columns, 1, 48, 5), G(dp_geo_agenda, number_width, 56),
    G(dp_geo_agenda, pad_min, 4), G(dp_geo_agenda, pad_max, 22), G(dp_geo_agenda, sub_gap, 4)};
static const dp_field geo_intro_fields[] = {
    GW(dp_geo_intro, column, 1, 48, 6), G(dp_geo_intro, label_top, 116), G(dp_geo_intro, body_top, 142),
    G(dp_geo_intro, image_min_height, 120), G(dp_geo_intro, image_gap, 24),
    GW(dp_geo_intro, image_column, 1, 48, 8), G(dp_geo_intro, image_top, 112),
    GW(dp_geo_intro, text_columns, 1, 48, 10), G(dp_geo_intro, text_gap, 48)};
static const dp_field geo_section_fields[] = {
    G(dp_geo_section, number_baseline, 220), GEO_NUM(dp_geo_section, number_shift, -1, 1, 0.05f, 0),
    G(dp_geo_section, title_top, 314), G(dp_geo_section, title_min_top, 240), G(dp_geo_section, subtitle_gap, 16)};
static const dp_field geo_qa_fields[] = {
    G(dp_geo_qa, question_top, 30), G(dp_geo_qa, total_top, 78), G(dp_geo_qa, rail_bottom, 96),
    GEO_NUM(dp_geo_qa, number_shift, -1, 1, 0.06f, 0), GW(dp_geo_qa, text_column, 1, 48, 3),
    G(dp_geo_qa, question_inset, 6), G(dp_geo_qa, block_gap, 26), G(dp_geo_qa, band_pad_top, 14),
    G(dp_geo_qa, band_pad_bottom, 16), G(dp_geo_qa, band_bleed, 16), GW(dp_geo_qa, image_column, 1, 48, 9),
    GEO_NUM(dp_geo_qa, image_wide, 0, 100, 1.5f, DP_F_POSITIVE), GS(dp_geo_qa, image_floor, 1, 0.6f),
    GW(dp_geo_qa, head_lines, 1, 10, 2)};
static const dp_field geo_closing_fields[] = {
    G(dp_geo_closing, body_width, 504), GEO_NUM(dp_geo_closing, body_min_em, 0, 100, 10, 0),
    G(dp_geo_closing, text_gap, 48), G(dp_geo_closing, qr_top, 112),
    GEO_NUM(dp_geo_closing, qr_size, 0, 1000, 192, DP_F_POSITIVE),
    GEO_NUM(dp_geo_closing, qr_min_size, 0, 1000, 136, DP_F_POSITIVE),
    GEO_NUM(dp_geo_closing, qr_step, 0, 1000, 8, DP_F_POSITIVE), GW(dp_geo_closing, qr_column, 1, 48, 8),
    G(dp_geo_closing, caption_gap, 16), GW(dp_geo_closing, text_columns, 1, 48, 8),
    GW(dp_geo_closing, image_column, 1, 48, 8), GW(dp_geo_closing, image_columns, 1, 48, 4),
    G(dp_geo_closing, image_top, 112), G(dp_geo_closing, image_min_height, 120), G(dp_geo_closing, image_gap, 24)};
GEO_SCHEMA(grid, geo_grid_fields);
GEO_SCHEMA(page, geo_page_fields);
GEO_SCHEMA(motif, geo_motif_fields);
GEO_SCHEMA(title, geo_title_fields);
GEO_SCHEMA(agenda, geo_agenda_fields);
GEO_SCHEMA(intro, geo_intro_fields);
GEO_SCHEMA(section, geo_section_fields);
GEO_SCHEMA(qa, geo_qa_fields);
GEO_SCHEMA(closing, geo_closing_fields);

#define GEO_PART(k)                                                                           \
    {.key = #k, .type = DP_FT_MAP, .offset = offsetof(dp_geometry, k), .sub = &geo_##k}
static const dp_field geometry_fields[] = {GEO_PART(grid),   GEO_PART(page),    GEO_PART(motif),
                                           GEO_PART(title),  GEO_PART(agenda),  GEO_PART(intro),
                                           GEO_PART(section), GEO_PART(qa),     GEO_PART(closing)};

/* ----- handout: booklet and N-up metrics (template.h, dp_handout_geometry) ----- */

static const dp_field bk_page_fields[] = {
    G(dp_geo_bk_page, margin_left, 64), G(dp_geo_bk_page, margin_right, 64),
    G(dp_geo_bk_page, margin_top, 72), G(dp_geo_bk_page, margin_bottom, 64),
    G(dp_geo_bk_page, margin_min, 28.35f), G(dp_geo_bk_page, head_top, 34),
    G(dp_geo_bk_page, head_rule_gap, 6), G(dp_geo_bk_page, head_min_gap, 24),
    G(dp_geo_bk_page, folio_bottom, 41.89f), G(dp_geo_bk_page, rail, 56), G(dp_geo_bk_page, rail_gap, 16),
    G(dp_geo_bk_page, rail_label_gap, 4), G(dp_geo_bk_page, column_gap, 18)};
SCHEMA(bk_page_schema, "handout booklet page", bk_page_fields);
static const dp_field bk_text_fields[] = {
    GP(dp_geo_bk_text, body_size, 10.5f), GP(dp_geo_bk_text, body_leading, 16.8f),
    GP(dp_geo_bk_text, column_leading, 15.5f), GP(dp_geo_bk_text, kicker_size, 8),
    GP(dp_geo_bk_text, heading_size, 20), GP(dp_geo_bk_text, heading_leading, 28),
    GP(dp_geo_bk_text, number_size, 22), GP(dp_geo_bk_text, topic_size, 13),
    GP(dp_geo_bk_text, topic_leading, 20), GP(dp_geo_bk_text, label_size, 8),
    GP(dp_geo_bk_text, label_leading, 12), GEO_NUM(dp_geo_bk_text, label_tracking, 0, 2, 0.2f, 0),
    GP(dp_geo_bk_text, head_size, 8), GP(dp_geo_bk_text, head_leading, 12), GP(dp_geo_bk_text, folio_size, 9),
    GP(dp_geo_bk_text, folio_leading, 12)};
SCHEMA(bk_text_schema, "handout booklet text", bk_text_fields);
static const dp_field bk_flow_fields[] = {
    G(dp_geo_bk_flow, heading_gap, 6), G(dp_geo_bk_flow, number_gap, 8), G(dp_geo_bk_flow, label_gap, 3),
    G(dp_geo_bk_flow, item_pad, 18), G(dp_geo_bk_flow, item_pad_after, 16),
    G(dp_geo_bk_flow, question_gap, 9), G(dp_geo_bk_flow, block_gap, 7), G(dp_geo_bk_flow, image_gap, 10),
    GEO_NUM(dp_geo_bk_flow, image_fraction, 0, 100, 3, DP_F_POSITIVE), G(dp_geo_bk_flow, opener_pad, 40),
    G(dp_geo_bk_flow, opener_meta_gap, 10), G(dp_geo_bk_flow, rule_gap, 20),
    G(dp_geo_bk_flow, column_top_gap, 18), G(dp_geo_bk_flow, intro_body_gap, 18),
    G(dp_geo_bk_flow, closing_pad, 24), G(dp_geo_bk_flow, closing_body_gap, 12)};
SCHEMA(bk_flow_schema, "handout booklet flow", bk_flow_fields);
static const dp_field bk_cover_fields[] = {
    GP(dp_geo_bk_cover, title_size, 30), GP(dp_geo_bk_cover, title_leading, 40),
    GP(dp_geo_bk_cover, subtitle_size, 14), GP(dp_geo_bk_cover, subtitle_leading, 21),
    GS(dp_geo_bk_cover, title_top, 1, 0.4f), G(dp_geo_bk_cover, event_gap, 8),
    G(dp_geo_bk_cover, title_room, 120), G(dp_geo_bk_cover, subtitle_gap, 10),
    G(dp_geo_bk_cover, facts_gap, 54), G(dp_geo_bk_cover, rule_gap, 18), G(dp_geo_bk_cover, fact_gap, 6),
    GP(dp_geo_bk_cover, motif_pitch, 8)};
SCHEMA(bk_cover_schema, "handout booklet cover", bk_cover_fields);
static const dp_field bk_contents_fields[] = {
    GP(dp_geo_bk_contents, size, 9.5f), GP(dp_geo_bk_contents, leading, 15.5f),
    G(dp_geo_bk_contents, page_width, 30), G(dp_geo_bk_contents, number_gap, 8),
    G(dp_geo_bk_contents, row_gap, 18), G(dp_geo_bk_contents, item_gap, 4),
    GP(dp_geo_bk_contents, leader_pitch, 3.5f), GP(dp_geo_bk_contents, leader_dot, 0.7f),
    G(dp_geo_bk_contents, leader_gap, 5)};
SCHEMA(bk_contents_schema, "handout booklet contents", bk_contents_fields);
static const dp_field bk_qr_fields[] = {
    G(dp_geo_bk_qr, gap, 16), GP(dp_geo_bk_qr, size, 84), G(dp_geo_bk_qr, text_gap, 14),
    G(dp_geo_bk_qr, text_top, 10), GP(dp_geo_bk_qr, label_size, 9), GP(dp_geo_bk_qr, label_leading, 14),
    GP(dp_geo_bk_qr, url_size, 10), GP(dp_geo_bk_qr, url_leading, 15)};
SCHEMA(bk_qr_schema, "handout booklet qr", bk_qr_fields);
#define BK_PART(k) {.key = #k, .type = DP_FT_MAP, .offset = offsetof(dp_geo_booklet, k), .sub = &bk_##k##_schema}
static const dp_field booklet_fields[] = {BK_PART(page), BK_PART(text), BK_PART(flow),
                                         BK_PART(cover), BK_PART(contents), BK_PART(qr)};
SCHEMA(booklet_schema, "handout booklet", booklet_fields);
static const dp_field sheets_fields[] = {
    G(dp_geo_sheets, side, 36), G(dp_geo_sheets, head, 72), G(dp_geo_sheets, foot, 64),
    G(dp_geo_sheets, gutter, 19), G(dp_geo_sheets, caption, 22), G(dp_geo_sheets, caption_gap, 8),
    GP(dp_geo_sheets, caption_size, 8), G(dp_geo_sheets, caption_number_gap, 6),
    G(dp_geo_sheets, rules, 62), G(dp_geo_sheets, rules_top, 40), GW(dp_geo_sheets, rule_count, 0, 100, 3),
    GP(dp_geo_sheets, rule_pitch, 20), GS(dp_geo_sheets, notes_column, 1, 0.58f),
    G(dp_geo_sheets, notes_gap, 24), GS(dp_geo_sheets, notes_below, 1, 0.3f),
    GP(dp_geo_sheets, notes_label_size, 8), GEO_NUM(dp_geo_sheets, notes_label_tracking, 0, 2, 0.2f, 0),
    GP(dp_geo_sheets, notes_size, 11), GP(dp_geo_sheets, notes_leading, 17.6f),
    G(dp_geo_sheets, notes_top, 18), G(dp_geo_sheets, notes_rule_top, 24.75f),
    GP(dp_geo_sheets, notes_rule_pitch, 22.5f), G(dp_geo_sheets, head_top, 34),
    GP(dp_geo_sheets, head_size, 8), G(dp_geo_sheets, head_rule_gap, 6), G(dp_geo_sheets, folio_bottom, 42),
    GP(dp_geo_sheets, folio_size, 9), G(dp_geo_sheets, folio_gap, 2)};
SCHEMA(sheets_schema, "handout sheets", sheets_fields);
static const dp_field handout_fields[] = {
    {.key = "booklet", .type = DP_FT_MAP, .offset = offsetof(dp_handout_geometry, booklet), .sub = &booklet_schema},
    {.key = "sheets", .type = DP_FT_MAP, .offset = offsetof(dp_handout_geometry, sheets), .sub = &sheets_schema}};
SCHEMA(handout_schema, "handout", handout_fields);

/* Where geometry.PART.KEY is written (else the nearest mapping). */
static dp_loc geo_loc(const dp_node *map, const char *part, const char *key)
{
    const dp_node *p = dp_node_get(map, part), *v = p && p->kind == DP_NODE_MAP ? dp_node_get(p, key) : NULL;
    return v ? v->loc : p ? p->loc : map->loc;
}

/* Values that must agree with each other: grid columns exist, ranges are
 * in order. */
static void geometry_finish(dp_schema_cx *cx, const dp_node *map, void *obj)
{
    const dp_geometry *g = obj;
    const struct { const char *part, *key; float col; } cols[] = {
        {"agenda", "columns", g->agenda.columns},          {"intro", "column", g->intro.column},
        {"intro", "image_column", g->intro.image_column},  {"intro", "text_columns", g->intro.text_columns},
        {"qa", "text_column", g->qa.text_column},          {"qa", "image_column", g->qa.image_column},
        {"closing", "qr_column", g->closing.qr_column},    {"closing", "image_columns", g->closing.image_columns},
        {"closing", "text_columns", g->closing.text_columns}, {"closing", "image_column", g->closing.image_column}};
    for (int i = 0; i < DP_COUNT_OF(cols); i++)
        if (cols[i].col > g->grid.columns) {
            dp_error(cx->d, geo_loc(map, cols[i].part, cols[i].key),
                     "\"%s\" (%g) names a column past the grid's %g", cols[i].key, (double)cols[i].col,
                     (double)g->grid.columns);
            dp_hint(cx->d, "columns count from 1 at the left margin; geometry: grid: columns sets how many");
        }
    const struct { const char *part, *lo_key, *hi_key; float lo, hi; } order[] = {
        {"agenda", "pad_min", "pad_max", g->agenda.pad_min, g->agenda.pad_max},
        {"closing", "qr_min_size", "qr_size", g->closing.qr_min_size, g->closing.qr_size},
        {"title", "top", "bottom", g->title.top, g->title.bottom},
        {"section", "title_min_top", "title_top", g->section.title_min_top, g->section.title_top},
        {"qa", "question_top", "rail_bottom", g->qa.question_top, g->qa.rail_bottom}};
    for (int i = 0; i < DP_COUNT_OF(order); i++)
        if (order[i].lo > order[i].hi)
            dp_error(cx->d, geo_loc(map, order[i].part, order[i].lo_key),
                     "\"%s\" (%g) must not exceed \"%s\" (%g)", order[i].lo_key, (double)order[i].lo,
                     order[i].hi_key, (double)order[i].hi);
}
/* Positions below margins.top must lie inside the live area (the page's
 * height less both margins): a frame starting below it has no room. */
static void check_geometry_fits(const dp_template *t, const dp_node *root, dp_diags *d)
{
    const dp_node *map = dp_node_get(root, "geometry");
    if (!map || map->kind != DP_NODE_MAP)
        return;
    const dp_geometry *g = &t->geo;
    float live = t->page_h_pt - t->margin_top_pt - t->margin_bottom_pt;
    const struct { const char *part, *key; float y; } ys[] = {
        {"page", "heading_top", g->page.heading_top},     {"page", "body_top", g->page.body_top},
        {"title", "bottom", g->title.bottom},             {"agenda", "top", g->agenda.top},
        {"intro", "label_top", g->intro.label_top},       {"intro", "body_top", g->intro.body_top},
        {"intro", "image_top", g->intro.image_top},       {"section", "number_baseline", g->section.number_baseline},
        {"section", "title_top", g->section.title_top},   {"qa", "question_top", g->qa.question_top},
        {"qa", "total_top", g->qa.total_top},             {"qa", "rail_bottom", g->qa.rail_bottom},
        {"closing", "qr_top", g->closing.qr_top},         {"closing", "image_top", g->closing.image_top}};
    for (int i = 0; i < DP_COUNT_OF(ys); i++)
        if (ys[i].y >= live) {
            dp_error(d, geo_loc(map, ys[i].part, ys[i].key),
                     "\"%s\" (%g) is below the live area, which is %g pt high (page %g less margins "
                     "top %g and bottom %g)", ys[i].key, (double)ys[i].y, (double)live, (double)t->page_h_pt,
                     (double)t->margin_top_pt, (double)t->margin_bottom_pt);
            dp_hint(d, "geometry y values count from margins.top");
        }
}

static const dp_schema geometry_schema = {.what = "geometry",
                                          .fields = geometry_fields,
                                          .n_fields = DP_COUNT_OF(geometry_fields),
                                          .finish = geometry_finish};

/* ----- the whole template ----- */

static const char *const aspects[] = {"16:9", "4:3"};

#define MARGIN(k, i)                                                                        \
    {.key = k, .type = DP_FT_NUMBER, .offset = (i) * sizeof(float), .flags = DP_F_REQUIRED, \
     .min = 0, .max = 400}
static const dp_field margin_fields[] = {
    MARGIN("left", 0), MARGIN("right", 1), MARGIN("top", 2), MARGIN("bottom", 3)};
static const dp_schema margins_schema = {
    .what = "margins", .fields = margin_fields, .n_fields = DP_COUNT_OF(margin_fields)};

static const dp_field template_fields[] = {
    {.key = "name", .type = DP_FT_TEXT, .offset = offsetof(raw_template, name)},
    {.key = "aspect", .type = DP_FT_ENUM, .offset = offsetof(raw_template, aspect),
     .flags = DP_F_REQUIRED, .words = aspects, .n_words = DP_COUNT_OF(aspects)},
    {.key = "colors", .type = DP_FT_MAP, .offset = offsetof(raw_template, colors),
     .flags = DP_F_REQUIRED, .sub = &colors_schema},
    {.key = "section_colors", .type = DP_FT_MAP, .offset = offsetof(raw_template, section_colors),
     .sub = &section_colors_schema},
    {.key = "fonts", .type = DP_FT_CUSTOM, .flags = DP_F_REQUIRED, .fn = convert_fonts},
    {.key = "fallback_font", .type = DP_FT_TEXT, .offset = offsetof(raw_template, fallback_font)},
    {.key = "margins", .type = DP_FT_MAP, .offset = offsetof(raw_template, margins),
     .flags = DP_F_REQUIRED, .sub = &margins_schema},
    {.key = "styles", .type = DP_FT_MAP, .offset = offsetof(raw_template, styles),
     .flags = DP_F_REQUIRED, .sub = &styles_schema},
    {.key = "geometry", .type = DP_FT_MAP, .offset = offsetof(raw_template, geo), .sub = &geometry_schema},
    {.key = "handout", .type = DP_FT_MAP, .offset = offsetof(raw_template, handout), .sub = &handout_schema},
    {.key = "footer", .type = DP_FT_TEXT, .offset = offsetof(raw_template, footer),
     .flags = DP_F_KEEP_EMPTY, .fn = check_footer},
    {.key = "progress_bar", .type = DP_FT_BOOL, .offset = offsetof(raw_template, progress_bar)},
    {.key = "progress_height", .type = DP_FT_NUMBER, .offset = offsetof(raw_template, progress_h),
     .flags = DP_F_POSITIVE, .min = 0, .max = 100, .def = 3},
    {.key = "matrix", .type = DP_FT_BOOL, .offset = offsetof(raw_template, matrix)},
    {.key = "labels", .type = DP_FT_MAP, .offset = offsetof(raw_template, labels), .sub = &dp_labels_schema},
    {.key = "emphasis", .type = DP_FT_MAP, .offset = offsetof(raw_template, em), .sub = &emphasis_schema},
};
static const dp_schema template_schema = {
    .what = "template",
    .fields = template_fields,
    .n_fields = DP_COUNT_OF(template_fields),
};

/* ===== Resolving names ===== */

static const char **role_names(dp_arena *a, const dp_template *t)
{
    const char **names = dp_arena_alloc(a, (size_t)(t->n_roles ? t->n_roles : 1) * sizeof *names);
    for (int i = 0; i < t->n_roles; i++)
        names[i] = t->roles[i].name;
    return names;
}

/* Index of the role 'ref' names, or -1 after an error at its position. */
static int resolve_role(dp_arena *a, const dp_template *t, const dp_text *ref, dp_diags *d)
{
    for (int i = 0; i < t->n_roles; i++)
        if (strcmp(t->roles[i].name, ref->s) == 0)
            return i;
    const char **names = role_names(a, t);
    int near = dp_closest_word(ref->s, names, t->n_roles);
    if (near >= 0)
        dp_error(d, ref->loc, "unknown font role \"%s\"; did you mean \"%s\"?", ref->s,
                 names[near]);
    else
        dp_error(d, ref->loc, "unknown font role \"%s\"", ref->s);
    dp_hint_words(d, "roles defined under fonts:", names, t->n_roles);
    return -1;
}

/* A style that inherits (`inherits: answer`) starts from that element's
 * resolved style and replaces what it gives; when it gives a size but no
 * leading or min_size, those keep their proportion to the size. */
static void inherit_style(dp_arena *a, dp_template *t, const raw_style *rs, dp_style *st, dp_diags *d)
{
    const dp_style parent = *st;
    unsigned g = rs->given;
    if (g & (1u << SK_FONT))
        st->cjk_role = resolve_role(a, t, &rs->font, d);
    if (g & (1u << SK_LATIN))
        st->latin_role = resolve_role(a, t, &rs->latin, d);
    else if (g & (1u << SK_FONT))
        st->latin_role = st->cjk_role; /* a new face for Han: Latin follows it, as without inherits */
    if (g & (1u << SK_SIZE)) {
        st->size_pt = rs->size;
        st->leading_pt = parent.leading_pt * rs->size / parent.size_pt;
        st->min_size_pt = parent.min_size_pt * rs->size / parent.size_pt;
    }
    if (g & (1u << SK_LEADING))
        st->leading_pt = rs->leading;
    if (g & (1u << SK_MIN_SIZE))
        st->min_size_pt = rs->min_size;
    if (g & (1u << SK_TRACKING))
        st->tracking_em = rs->tracking;
    if (g & (1u << SK_COLOR))
        st->color = (dp_color)dp_word_index(rs->color.s, dp_color_names, DP_COLOR_COUNT);
    if (g & (1u << SK_BOLD))
        st->bold = rs->bold;
    if (g & (1u << SK_JUSTIFY))
        st->justify = rs->justify;
    st->loc = rs->loc;
    if (st->leading_pt < st->size_pt)
        dp_error(d, rs->loc, "\"leading\" (%g) must be at least \"size\" (%g)", (double)st->leading_pt,
                 (double)st->size_pt);
    if (st->min_size_pt > st->size_pt)
        dp_error(d, rs->loc, "\"min_size\" (%g) must not exceed \"size\" (%g)", (double)st->min_size_pt,
                 (double)st->size_pt);
}

/* An optional element (DP_ELEMENTS_OPT) a template leaves out takes the
 * style of this one, so adding an element to deckpress needs no edit of
 * any template: give it a parent here. */
static const dp_element implied_parent[DP_EL_COUNT] = {[DP_EL_CODE_BLOCK] = DP_EL_CODE};
static const bool optional_element[DP_EL_COUNT] = {
#define OPT(E, n) [DP_EL_##E] = true,
    DP_ELEMENTS_OPT(OPT)
#undef OPT
};

/* Resolve element e's style, after the one it inherits from; state[e]: 0
 * not yet, 1 under way (a cycle when met again), 2 done. */
static void resolve_style(dp_arena *a, dp_template *t, const raw_template *raw, int e, char *state, dp_diags *d)
{
    if (state[e] == 2)
        return;
    const raw_style *rs = &raw->styles[e];
    if (state[e] == 1) {
        dp_error(d, rs->inherits.loc, "style \"%s\" inherits from itself through \"%s\"", dp_element_names[e],
                 rs->inherits.s);
        dp_hint(d, "an inherits: chain must end at a style that gives font and size");
        state[e] = 2;
        return;
    }
    state[e] = 1;
    dp_style *st = &t->styles[e];
    if (rs->inherits.s) {
        int p = dp_word_index(rs->inherits.s, dp_element_names, DP_EL_COUNT);
        resolve_style(a, t, raw, p, state, d);
        *st = t->styles[p];
        inherit_style(a, t, rs, st, d);
    } else if (optional_element[e] && !rs->given) {
        resolve_style(a, t, raw, implied_parent[e], state, d);
        *st = t->styles[implied_parent[e]];
        if (e == DP_EL_CODE_BLOCK) { /* code blocks: at 0.85 of the answer's size */
            resolve_style(a, t, raw, DP_EL_ANSWER, state, d);
            st->size_pt = 0.85f * t->styles[DP_EL_ANSWER].size_pt;
            st->leading_pt = 1.4f * st->size_pt;
        }
    } else {
        *st = (dp_style){.size_pt = rs->size,
                         .leading_pt = rs->leading,
                         .min_size_pt = rs->min_size,
                         .tracking_em = rs->tracking,
                         .color = DP_COLOR_INK,
                         .bold = rs->bold,
                         .justify = rs->justify,
                         .loc = rs->loc};
        if (rs->font.s)
            st->cjk_role = resolve_role(a, t, &rs->font, d);
        st->latin_role = rs->latin.s ? resolve_role(a, t, &rs->latin, d) : st->cjk_role;
        if (rs->color.s)
            st->color = (dp_color)dp_word_index(rs->color.s, dp_color_names, DP_COLOR_COUNT);
    }
    state[e] = 2;
}

static void resolve_styles(dp_arena *a, dp_template *t, const raw_template *raw, dp_diags *d)
{
    char state[DP_EL_COUNT] = {0};
    for (int e = 0; e < DP_EL_COUNT && !dp_diags_full(d); e++)
        resolve_style(a, t, raw, e, state, d);
}

/* emphasis: as written; a template without it uses a role named
 * "emphasis" if it has one, and colour. */
static void resolve_emphasis(dp_arena *a, dp_template *t, const raw_emphasis *re, dp_diags *d)
{
    dp_emphasis *em = &t->em;
    *em = (dp_emphasis){.role = -1, .latin_role = -1, .color = -1, .bold = re->bold};
    if (!re->given) {
        for (int i = 0; i < t->n_roles; i++)
            if (strcmp(t->roles[i].name, "emphasis") == 0)
                em->role = i;
        return;
    }
    if (re->font.s)
        em->role = resolve_role(a, t, &re->font, d);
    if (re->latin.s)
        em->latin_role = resolve_role(a, t, &re->latin, d);
    if (re->color.s)
        em->color = dp_word_index(re->color.s, dp_color_names, DP_COLOR_COUNT);
}

static void page_size(dp_template *t, const char *aspect)
{
    t->page_w_pt = aspect && strcmp(aspect, "4:3") == 0 ? 720 : 960;
    t->page_h_pt = 540;
}

static const char *stem_of(dp_arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
        n -= 5;
    return dp_arena_strndup(a, base, n);
}

/* Optional palette tokens a template left out: code panels on the panel
 * tint, links and keywords in the accent, comments in meta. */
static void optional_defaults(dp_rgb *c)
{
    static const struct { dp_color opt, from; } def[] = {
        {DP_COLOR_CODE_BG, DP_COLOR_PANEL},      {DP_COLOR_CODE_INK, DP_COLOR_INK},
        {DP_COLOR_LINK, DP_COLOR_ACCENT},        {DP_COLOR_TOK_KEYWORD, DP_COLOR_ACCENT},
        {DP_COLOR_TOK_STRING, DP_COLOR_TEXT2},   {DP_COLOR_TOK_COMMENT, DP_COLOR_META},
        {DP_COLOR_TOK_NUMBER, DP_COLOR_ACCENT},  {DP_COLOR_TOK_FUNCTION, DP_COLOR_INK},
        {DP_COLOR_TOK_TYPE, DP_COLOR_TEXT2}};
    for (size_t i = 0; i < sizeof def / sizeof *def; i++)
        if (c[def[i].opt].r < 0)
            c[def[i].opt] = c[def[i].from];
}

static void build(dp_arena *a, dp_template *t, const raw_template *raw, dp_diags *d)
{
    t->name = raw->name.s ? raw->name.s : stem_of(a, t->path);
    page_size(t, raw->aspect.s);
    dp_rgb colors[DP_COLOR_COUNT];
    memcpy(colors, raw->colors, sizeof colors);
    optional_defaults(colors);
    for (int c = 0; c < DP_COLOR_COUNT; c++) {
        t->colors[c] = colors[c];
        t->section_colors[c] = raw->section_colors[c].r < 0 ? colors[c] : raw->section_colors[c];
    }
    t->roles = raw->roles;
    t->n_roles = raw->n_roles;
    t->fallback_role = raw->fallback_font.s ? resolve_role(a, t, &raw->fallback_font, d) : -1;
    resolve_styles(a, t, raw, d);
    resolve_emphasis(a, t, &raw->em, d);
    t->margin_left_pt = raw->margins[0];
    t->margin_right_pt = raw->margins[1];
    t->margin_top_pt = raw->margins[2];
    t->margin_bottom_pt = raw->margins[3];
    t->geo = raw->geo;
    t->handout = raw->handout;
    t->footer_text = raw->footer.s ? raw->footer.s : "{event}";
    t->progress_bar = raw->progress_bar;
    t->progress_h_pt = raw->progress_h;
    t->matrix = raw->matrix;
}

/* The deck's aspect and accent (after command-line overrides) win over the
 * template's. */
static void apply_settings(dp_template *t, const dp_settings *s)
{
    if (s->aspect != DP_ASPECT_TEMPLATE)
        page_size(t, s->aspect == DP_ASPECT_4_3 ? "4:3" : "16:9");
    if (s->has_accent)
        t->colors[DP_COLOR_ACCENT] = t->section_colors[DP_COLOR_ACCENT] = s->accent;
}

/* ===== Finding the file ===== */

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Sorted, distinct NAME of every NAME.yaml in 'dirs'. */
static const char **list_templates(dp_arena *a, const char *const *dirs, int *n)
{
    const char **names = NULL;
    int cap = 0;
    *n = 0;
    for (int i = 0; dirs && dirs[i]; i++) {
        DIR *dir = opendir(dirs[i]);
        if (!dir)
            continue;
        for (struct dirent *e; (e = readdir(dir));) {
            size_t len = strlen(e->d_name);
            if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
                continue;
            if (*n == cap) {
                names = dp_arena_grow(a, names, (size_t)*n, (size_t)(cap = cap ? 2 * cap : 8),
                                      sizeof *names);
            }
            names[(*n)++] = dp_arena_strndup(a, e->d_name, len - 5);
        }
        closedir(dir);
    }
    if (*n)
        qsort(names, (size_t)*n, sizeof *names, cmp_str);
    int k = 0;
    for (int i = 0; i < *n; i++)
        if (k == 0 || strcmp(names[k - 1], names[i]) != 0)
            names[k++] = names[i];
    *n = k;
    return names;
}

bool dp_template_is_path(const char *name)
{
    size_t n = strlen(name);
    return strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".yaml") == 0);
}

static const char *find_template(dp_arena *a, const char *name, const char *const *dirs, dp_loc at,
                                 dp_diags *d)
{
    if (dp_template_is_path(name)) {
        if (access(name, R_OK) == 0)
            return name;
        dp_error_status(d, DP_EXIT_RESOURCE, at, "cannot read template %s: %s", name,
                        strerror(errno));
        if (at.file)
            dp_hint(d, "a template path in a deck is relative to the deck's folder");
        return NULL;
    }
    int n_dirs = 0;
    for (int i = 0; dirs && dirs[i]; i++, n_dirs++) {
        const char *path = dp_arena_printf(a, "%s/%s.yaml", dirs[i], name);
        if (access(path, R_OK) == 0)
            return path;
    }
    int n_names;
    const char **names = list_templates(a, dirs, &n_names);
    int near = dp_closest_word(name, names, n_names);
    if (near >= 0)
        dp_error_status(d, DP_EXIT_RESOURCE, at, "unknown template \"%s\"; did you mean \"%s\"?",
                        name, names[near]);
    else
        dp_error_status(d, DP_EXIT_RESOURCE, at, "unknown template \"%s\"", name);
    if (n_names)
        dp_hint_words(d, "available templates", names, n_names);
    else
        dp_hint(d, "put %s.yaml into a templates/ folder beside the deck", name);
    if (n_dirs)
        dp_note_words(d, "folders searched", (const char *const *)dirs, n_dirs);
    else
        dp_note(d, (dp_loc){0}, "no templates/ folder beside the deck, its parent or the program");
    return NULL;
}

dp_template *dp_template_load(dp_arena *a, const char *name_or_path, const char *const *dirs,
                              const dp_deck *deck, dp_loc at, dp_diags *d)
{
    const char *path = find_template(a, name_or_path, dirs, at, d);
    if (!path)
        return NULL;
    dp_node *root = dp_yaml_load(a, path, NULL, 0, d);
    if (!root)
        return NULL;
    raw_template *raw = dp_arena_alloc(a, sizeof *raw);
    for (int c = 0; c < DP_COLOR_COUNT; c++)
        raw->section_colors[c].r = -1;
#define UNSET(E, n) raw->colors[DP_COLOR_##E].r = -1;
    DP_COLORS_OPT(UNSET)
#undef UNSET
    dp_schema_cx cx;
    dp_schema_init(&cx, a, d, raw); /* style_finish names the element */
    dp_schema_defaults(&geometry_schema, &raw->geo); /* what the template leaves out */
    dp_schema_defaults(&handout_schema, &raw->handout);
    int before = dp_error_count(d);
    dp_schema_load(&cx, &template_schema, root, "a template", raw);
    if (dp_error_count(d) != before)
        return NULL;
    dp_template *t = dp_arena_alloc(a, sizeof *t);
    t->path = root->loc.file;
    build(a, t, raw, d);
    check_geometry_fits(t, root, d);
    const dp_node *geo = dp_node_get(root, "geometry");
    t->geo_loc = geo ? geo->loc : (dp_loc){.file = t->path};
    const dp_node *ho = dp_node_get(root, "handout");
    t->handout_given = ho != NULL;
    t->handout_loc = ho ? ho->loc : (dp_loc){.file = t->path};
    if (deck)
        apply_settings(t, &deck->settings);
    /* the deck's language and labels: (labels.h) */
    dp_labels_resolve(t->labels, deck ? deck->lang.s : NULL, raw->labels, deck ? deck->labels : NULL);
    return dp_error_count(d) == before ? t : NULL;
}

dp_template *dp_template_for_print(dp_arena *a, const dp_template *deck_t, const dp_template *print_t)
{
    dp_template *t = dp_arena_alloc(a, sizeof *t);
    *t = *print_t;
    t->roles = deck_t->roles;
    t->n_roles = deck_t->n_roles;
    t->fallback_role = deck_t->fallback_role;
    if (deck_t->handout_given) { /* a deck template's own handout metrics win */
        t->handout = deck_t->handout;
        t->handout_loc = deck_t->handout_loc;
    }
    t->em = deck_t->em; /* roles index the deck's roles; its colour is a token of this palette */
    /* and the slides' words: their template's labels apply to handouts too */
    memcpy(t->labels, deck_t->labels, sizeof t->labels);
    for (int e = 0; e < DP_EL_COUNT; e++) {
        t->styles[e].cjk_role = deck_t->styles[e].cjk_role;
        t->styles[e].latin_role = deck_t->styles[e].latin_role;
        t->styles[e].bold = deck_t->styles[e].bold;
    }
    return t;
}
