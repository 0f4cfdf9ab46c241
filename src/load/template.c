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
    float size, leading, min_size, tracking;
    bool bold, justify;
    dp_loc loc;
} raw_style;

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
    {.key = "font", .type = DP_FT_TEXT, .offset = offsetof(raw_style, font),
     .flags = DP_F_REQUIRED | DP_F_NONEMPTY},
    {.key = "latin", .type = DP_FT_TEXT, .offset = offsetof(raw_style, latin)},
    NUM("size", size, DP_F_REQUIRED | DP_F_POSITIVE, 0, 1000, 0),
    NUM("leading", leading, DP_F_POSITIVE, 0, 2000, NAN),
    NUM("min_size", min_size, 0, 0, 1000, 0),
    NUM("tracking", tracking, 0, -0.5f, 2, 0),
    {.key = "color", .type = DP_FT_ENUM, .offset = offsetof(raw_style, color),
     .words = dp_color_names, .n_words = DP_COLOR_COUNT},
    {.key = "bold", .type = DP_FT_BOOL, .offset = offsetof(raw_style, bold)},
    {.key = "justify", .type = DP_FT_BOOL, .offset = offsetof(raw_style, justify)},
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

static void resolve_styles(dp_arena *a, dp_template *t, const raw_template *raw, dp_diags *d)
{
    for (int e = 0; e < DP_EL_COUNT && !dp_diags_full(d); e++) {
        const raw_style *rs = &raw->styles[e];
        if (e == DP_EL_CODE_BLOCK && !rs->font.s) {
            /* not given: the inline code style at 0.85 of the answer's size */
            t->styles[e] = t->styles[DP_EL_CODE];
            t->styles[e].size_pt = 0.85f * t->styles[DP_EL_ANSWER].size_pt;
            t->styles[e].leading_pt = 1.4f * t->styles[e].size_pt;
            continue;
        }
        dp_style *st = &t->styles[e];
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
    dp_schema_init(&cx, a, d, NULL);
    int before = dp_error_count(d);
    dp_schema_load(&cx, &template_schema, root, "a template", raw);
    if (dp_error_count(d) != before)
        return NULL;
    dp_template *t = dp_arena_alloc(a, sizeof *t);
    t->path = root->loc.file;
    build(a, t, raw, d);
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
