/* schema.c: the table-driven loader (see schema.h). One pass per mapping:
 * first every key is checked against the schema (unknown keys get a "did
 * you mean"), then every field is converted and stored. A bad value is
 * reported and skipped, so one run lists as many mistakes as it can. */
#include "schema.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

#define MAX_FIELDS 64   /* per schema; a larger one would be a design mistake */
#define MAX_WORD 64     /* code points compared for "did you mean" */

void dp_schema_init(dp_schema_cx *cx, dp_arena *a, dp_diags *d, void *user)
{
    memset(cx, 0, sizeof *cx);
    cx->a = a;
    cx->d = d;
    cx->user = user;
}

/* ===== Words: edit distance, suggestions ===== */

static int decode(const char *s, uint32_t *out)
{
    size_t len = strlen(s), i = 0;
    int n = 0;
    while (i < len) {
        if (n == MAX_WORD)
            return -1;
        out[n++] = dp_utf8_next(s, len, &i);
    }
    return n;
}

/* Optimal string alignment distance: Levenshtein plus adjacent transpositions,
 * so "anwser" is one edit from "answer". */
static int edit_distance(const uint32_t *a, int na, const uint32_t *b, int nb)
{
    int d[MAX_WORD + 1][MAX_WORD + 1];
    for (int i = 0; i <= na; i++)
        d[i][0] = i;
    for (int j = 0; j <= nb; j++)
        d[0][j] = j;
    for (int i = 1; i <= na; i++) {
        for (int j = 1; j <= nb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[na][nb];
}

int dp_closest_word(const char *word, const char *const *words, int n)
{
    uint32_t a[MAX_WORD], b[MAX_WORD];
    int na = decode(word, a);
    if (na <= 0)
        return -1;
    /* A third of the length, at least 1 and at most 3: "titel" → "title", but "qr" ↛ "bg". */
    int limit = na / 3 < 1 ? 1 : na / 3 > 3 ? 3 : na / 3;
    int best = -1, best_d = limit + 1;
    for (int i = 0; i < n; i++) {
        int nb = decode(words[i], b);
        if (nb < 0)
            continue;
        int dist = edit_distance(a, na, b, nb);
        if (dist < best_d && dist < na && dist < nb) /* "5" is not a typo of "1" */
            best = i, best_d = dist;
    }
    return best;
}

int dp_word_index(const char *word, const char *const *words, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(word, words[i]) == 0)
            return i;
    return -1;
}

bool dp_is_blank(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp = dp_utf8_next(s, len, &i);
        if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r' && cp != 0x3000)
            return false;
    }
    return true;
}

/* ===== Scalar conversions ===== */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool dp_parse_color(const char *s, dp_rgb *out)
{
    size_t n = s ? strlen(s) : 0;
    if ((n != 7 && n != 4) || s[0] != '#')
        return false;
    int v[6];
    for (size_t i = 1; i < n; i++)
        if ((v[i - 1] = hexval(s[i])) < 0)
            return false;
    float c[3];
    for (int k = 0; k < 3; k++)
        c[k] =
            n == 7 ? (float)(v[2 * k] * 16 + v[2 * k + 1]) / 255.0f : (float)(v[k] * 17) / 255.0f;
    *out = (dp_rgb){c[0], c[1], c[2]};
    return true;
}

static bool parse_number(const char *s, float *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v) || fabs(v) > 1e30 ||
        strpbrk(s, "xXnN") /* hex floats, nan, inf: not what a template means */)
        return false;
    *out = (float)v;
    return true;
}

static bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES"};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO"};
    if (dp_word_index(s, yes, DP_COUNT_OF(yes)) >= 0)
        return *out = true, true;
    if (dp_word_index(s, no, DP_COUNT_OF(no)) >= 0)
        return *out = false, true;
    return false;
}

/* ===== Fields ===== */

static void *at(void *obj, size_t off) { return (char *)obj + off; }

static int next_number(dp_schema_cx *cx, const dp_schema *s)
{
    for (int i = 0; i < cx->n_counters; i++)
        if (cx->counters[i].schema == s)
            return ++cx->counters[i].n;
    if (cx->n_counters == DP_COUNT_OF(cx->counters))
        return 0;
    cx->counters[cx->n_counters].schema = s;
    cx->counters[cx->n_counters].n = 1;
    return cx->n_counters++, 1;
}

static void process_map(dp_schema_cx *cx, const dp_schema *s, const dp_node *map, void *obj,
                        const char *label, const char *what);

/* "expected a string for "title", got a list" */
static bool want_scalar(dp_schema_cx *cx, const char *name, const dp_node *v, const char *expected)
{
    if (v->kind == DP_NODE_SCALAR)
        return true;
    dp_error(cx->d, v->loc, "expected %s for %s, got %s", expected, name, dp_node_kind_name(v));
    return false;
}

static bool convert_text(dp_schema_cx *cx, const dp_field *f, const char *name, const dp_node *v,
                         dp_text *out)
{
    if (!want_scalar(cx, name, v, "a string"))
        return false;
    if (dp_is_blank(v->str, v->len)) {
        if (f->flags & (DP_F_NONEMPTY | DP_F_REQUIRED)) {
            dp_error(cx->d, v->loc, "empty text for %s", name);
            return false;
        }
        if (!(f->flags & DP_F_KEEP_EMPTY))
            return true; /* an optional "" is the same as leaving the key out */
    }
    *out = (dp_text){v->str, (int)v->len, v->loc, v};
    return true;
}

static bool convert_number(dp_schema_cx *cx, const dp_field *f, const char *name, const dp_node *v,
                           float *out)
{
    if (!want_scalar(cx, name, v, "a number"))
        return false;
    float x;
    if (!parse_number(v->str, &x)) {
        dp_error(cx->d, v->loc, "expected a number for %s, got \"%s\"", name, v->str);
        return false;
    }
    if ((f->flags & DP_F_POSITIVE) && !(x > 0)) {
        dp_error(cx->d, v->loc, "%s must be > 0, got %s", name, v->str);
        return false;
    }
    if (f->min < f->max && (x < f->min || x > f->max)) {
        dp_error(cx->d, v->loc, "%s must be between %g and %g, got %s", name, (double)f->min,
                 (double)f->max, v->str);
        return false;
    }
    *out = x;
    return true;
}

static bool convert_enum(dp_schema_cx *cx, const dp_field *f, const char *name, const dp_node *v,
                         dp_text *out)
{
    if (!want_scalar(cx, name, v, "a string"))
        return false;
    /* "A4", "Booklet", "Dark": the value whatever its case, as the word list spells it */
    for (int i = 0; i < f->n_words; i++)
        if (strcasecmp(v->str, f->words[i]) == 0 && strcmp(v->str, f->words[i]) != 0) {
            *out = (dp_text){f->words[i], (int)strlen(f->words[i]), v->loc, v};
            return true;
        }
    if (dp_word_index(v->str, f->words, f->n_words) < 0) {
        int near = dp_closest_word(v->str, f->words, f->n_words);
        if (near >= 0)
            dp_error(cx->d, v->loc, "unknown value \"%s\" for %s; did you mean \"%s\"?", v->str,
                     name, f->words[near]);
        else
            dp_error(cx->d, v->loc, "unknown value \"%s\" for %s", v->str, name);
        dp_hint_words(cx->d, "expected one of", f->words, f->n_words);
        return false;
    }
    *out = (dp_text){v->str, (int)v->len, v->loc, v};
    return true;
}

static bool convert_text_list(dp_schema_cx *cx, const dp_field *f, const char *name,
                              const dp_node *v, void *obj)
{
    if (v->kind == DP_NODE_MAP) {
        dp_error(cx->d, v->loc, "expected a list for %s, got a mapping", name);
        return false;
    }
    bool one = v->kind == DP_NODE_SCALAR; /* `organizers: 主办方甲` is a list of one */
    int n = one ? 1 : v->n;
    dp_text *list = dp_arena_alloc(cx->a, (size_t)(n ? n : 1) * sizeof *list);
    bool ok = true;
    for (int i = 0; i < n; i++) {
        const dp_node *e = one ? v : v->items[i];
        const char *ename = dp_arena_printf(cx->a, "item %d of %s", i + 1, name);
        if (!want_scalar(cx, ename, e, "a string"))
            ok = false;
        else if (dp_node_is_null(e) || dp_is_blank(e->str, e->len))
            dp_error(cx->d, e->loc, "empty text for %s", ename), ok = false;
        else
            list[i] = (dp_text){e->str, (int)e->len, e->loc, e};
    }
    *(dp_text **)at(obj, f->offset) = list;
    *(int *)at(obj, f->count_offset) = n;
    return ok;
}

static bool convert_map_list(dp_schema_cx *cx, const dp_field *f, const char *name,
                             const dp_node *v, void *obj)
{
    if (v->kind != DP_NODE_SEQ) {
        dp_error(cx->d, v->loc, "expected a list for %s, got %s", name, dp_node_kind_name(v));
        return false;
    }
    char *elems = dp_arena_alloc(cx->a, (size_t)(v->n ? v->n : 1) * f->elem_size);
    for (int i = 0; i < v->n && !dp_diags_full(cx->d); i++) {
        const dp_node *e = v->items[i];
        int num = next_number(cx, f->sub);
        const char *label = dp_arena_printf(cx->a, "%s %d", f->sub->what, num);
        if (e->kind != DP_NODE_MAP)
            dp_error(cx->d, e->loc, "expected a mapping for %s, got %s", label,
                     dp_node_kind_name(e));
        else
            process_map(cx, f->sub, e, elems + (size_t)i * f->elem_size, label, f->sub->what);
    }
    *(void **)at(obj, f->offset) = elems;
    *(int *)at(obj, f->count_offset) = v->n;
    return true;
}

static bool convert_map(dp_schema_cx *cx, const dp_field *f, const char *name, const dp_node *v,
                        void *obj)
{
    if (v->kind != DP_NODE_MAP) {
        dp_error(cx->d, v->loc, "expected a mapping for %s, got %s", name, dp_node_kind_name(v));
        return false;
    }
    const dp_schema *s = f->sub;
    const char *label =
        s->name_by_key ? dp_arena_printf(cx->a, "%s \"%s\"", s->what, f->key) : s->what;
    process_map(cx, s, v, at(obj, f->offset), label, label);
    return true;
}

/* Convert one present, non-null value. Returns false after an error. */
static bool convert(dp_schema_cx *cx, const dp_field *f, const dp_node *v, void *obj)
{
    const char *name = dp_arena_printf(cx->a, "\"%s\"", f->key);
    void *dst = at(obj, f->offset);
    switch (f->type) {
    case DP_FT_TEXT:
        return convert_text(cx, f, name, v, dst);
    case DP_FT_STRING: {
        dp_text t = {0};
        if (!convert_text(cx, f, name, v, &t))
            return false;
        *(const char **)dst = t.s;
        return true;
    }
    case DP_FT_NUMBER:
        return convert_number(cx, f, name, v, dst);
    case DP_FT_BOOL:
        if (!want_scalar(cx, name, v, "true or false"))
            return false;
        if (!parse_bool(v->str, dst)) {
            dp_error(cx->d, v->loc, "expected true or false for %s, got \"%s\"", name, v->str);
            return false;
        }
        return true;
    case DP_FT_COLOR:
        if (!want_scalar(cx, name, v, "a colour"))
            return false;
        if (!dp_parse_color(v->str, dst)) {
            dp_error(cx->d, v->loc, "bad colour \"%s\"; write it as #RRGGBB", v->str);
            return false;
        }
        return true;
    case DP_FT_ENUM:
        return convert_enum(cx, f, name, v, dst);
    case DP_FT_TEXT_LIST:
        return convert_text_list(cx, f, name, v, obj);
    case DP_FT_MAP:
        return convert_map(cx, f, name, v, obj);
    case DP_FT_MAP_LIST:
        return convert_map_list(cx, f, name, v, obj);
    case DP_FT_CUSTOM:
        return f->fn(cx, f, v, obj);
    }
    return false;
}

/* A key that is absent, or present with nothing after the colon. */
static void absent(dp_schema_cx *cx, const dp_field *f, const dp_node *key, const dp_node *map,
                   const char *label, bool was_suggested, void *obj)
{
    if (f->type == DP_FT_NUMBER)
        *(float *)at(obj, f->offset) = f->def;
    if (!(f->flags & DP_F_REQUIRED))
        return;
    if (!key) {
        /* Already told: an unknown key close to this one was reported as its typo. */
        if (!was_suggested)
            dp_error(cx->d, map->loc, "missing required key \"%s\" in %s", f->key, label);
        return;
    }
    if (f->type == DP_FT_TEXT || f->type == DP_FT_STRING)
        dp_error(cx->d, key->loc, "empty text for \"%s\"", f->key);
    else
        dp_error(cx->d, key->loc, "missing value for \"%s\"", f->key);
    if (f->type == DP_FT_COLOR)
        dp_hint(cx->d, "quote colours, e.g. %s: \"#D63F24\"; an unquoted # starts a YAML comment",
                f->key);
}

static int find_field(const dp_schema *s, const char *key)
{
    for (int i = 0; i < s->n_fields; i++)
        if (strcmp(s->fields[i].key, key) == 0)
            return i;
    return -1;
}

/* A key the schema does not know: "did you mean" when one is close. Marks
 * the suggested field, so its absence is not reported a second time. */
static void unknown_key(dp_schema_cx *cx, const dp_schema *s, const dp_node *k, const char *what,
                        bool *suggested)
{
    const char *names[MAX_FIELDS];
    int n = s->n_fields < MAX_FIELDS ? s->n_fields : MAX_FIELDS;
    for (int i = 0; i < n; i++)
        names[i] = s->fields[i].key;
    int near = dp_closest_word(k->str, names, n);
    if (near >= 0) {
        dp_error(cx->d, k->loc, "unknown key \"%s\" in %s; did you mean \"%s\"?", k->str, what,
                 names[near]);
        suggested[near] = true;
    } else {
        dp_error(cx->d, k->loc, "unknown key \"%s\" in %s", k->str, what);
        dp_hint_words(cx->d, "allowed keys", names, n);
    }
}

/* Keys in source order, so messages come in the order a reader meets them;
 * then what is missing. */
static void process_map(dp_schema_cx *cx, const dp_schema *s, const dp_node *map, void *obj,
                        const char *label, const char *what)
{
    bool suggested[MAX_FIELDS] = {false}, seen[MAX_FIELDS] = {false};
    const dp_node *null_key[MAX_FIELDS] = {NULL};
    if (s->loc_offset)
        *(dp_loc *)at(obj, s->loc_offset - 1) = map->loc;
    for (int k = 0; k < map->n && !dp_diags_full(cx->d); k++) {
        const dp_node *key = map->keys[k], *v = map->items[k];
        int i = find_field(s, key->str);
        if (i < 0 || i >= MAX_FIELDS) {
            unknown_key(cx, s, key, what, suggested);
            continue;
        }
        const dp_field *f = &s->fields[i];
        seen[i] = true;
        if (dp_node_is_null(v))
            null_key[i] = key; /* `key:` with nothing: absent, reported below if required */
        else if (convert(cx, f, v, obj) && f->fn && f->type != DP_FT_CUSTOM)
            f->fn(cx, f, v, obj);
    }
    for (int i = 0; i < s->n_fields && i < MAX_FIELDS && !dp_diags_full(cx->d); i++)
        if (!seen[i] || null_key[i])
            absent(cx, &s->fields[i], null_key[i], map, label, suggested[i], obj);
    if (s->finish)
        s->finish(cx, map, obj);
}

bool dp_schema_load(dp_schema_cx *cx, const dp_schema *s, const dp_node *root, const char *whole,
                    void *obj)
{
    int before = dp_error_count(cx->d);
    if (!root)
        return false;
    if (dp_node_is_null(root))
        dp_error(cx->d, root->loc, "%s must be a mapping, but the file is empty", whole);
    else if (root->kind != DP_NODE_MAP)
        dp_error(cx->d, root->loc, "%s must be a mapping, got %s", whole, dp_node_kind_name(root));
    else
        process_map(cx, s, root, obj, s->what, s->what);
    return dp_error_count(cx->d) == before;
}
