/* yaml_load.c: libyaml's event parser → the generic dp_node tree (node.h),
 * with a source position on every node. The only file that includes <yaml.h>.
 * Everything it returns lives in the caller's arena; every libyaml object is
 * released before returning, on every path. */
#include "node.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "read_file.h"
#include "utf8.h"

/* ===== A small string → int map in the arena (duplicate keys, anchors) ===== */

typedef struct {
    const char *s;
    size_t len;
    int val;
} slot;

typedef struct {
    slot *slots; /* cap is a power of two; s == NULL marks a free slot */
    int cap, n;
} strmap;

static size_t hash(const char *s, size_t len)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static slot *strmap_find(const strmap *m, const char *s, size_t len)
{
    if (!m->cap)
        return NULL;
    size_t mask = (size_t)m->cap - 1;
    for (size_t i = hash(s, len) & mask;; i = (i + 1) & mask) {
        slot *sl = &m->slots[i];
        if (!sl->s || (sl->len == len && memcmp(sl->s, s, len) == 0))
            return sl;
    }
}

/* Value stored under s, or -1. */
static int strmap_get(const strmap *m, const char *s, size_t len)
{
    const slot *sl = strmap_find(m, s, len);
    return sl && sl->s ? sl->val : -1;
}

/* Insert or replace. 's' must stay valid (it is arena memory). */
static void strmap_put(dp_arena *a, strmap *m, const char *s, size_t len, int val)
{
    if (2 * (m->n + 1) > m->cap) { /* keep the load under 1/2 */
        strmap old = *m;
        m->cap = old.cap ? 2 * old.cap : 16;
        m->slots = dp_arena_alloc(a, (size_t)m->cap * sizeof *m->slots);
        m->n = 0;
        for (int i = 0; i < old.cap; i++)
            if (old.slots[i].s)
                strmap_put(a, m, old.slots[i].s, old.slots[i].len, old.slots[i].val);
    }
    slot *sl = strmap_find(m, s, len);
    if (!sl->s)
        m->n++;
    *sl = (slot){s, len, val};
}

/* ===== Loader state ===== */

typedef struct {
    dp_node *node;   /* the sequence or mapping being filled */
    int cap;         /* room in node->items (and node->keys) */
    size_t weight;   /* nodes this subtree stands for, aliases expanded */
    const char *anchor;
    dp_node *key;    /* mapping: the key waiting for its value */
    strmap seen;     /* mapping: key text → index, to find duplicates */
} frame;

typedef struct {
    dp_node *node;
    size_t weight;
} anchor;

typedef struct {
    dp_arena *a;
    dp_diags *d;
    const char *path;        /* arena copy; every dp_loc points here */
    const char *text;        /* the source, BOM stripped */
    size_t len;
    size_t *line_starts;     /* byte offset of each line, made on first need */
    size_t n_lines;
    frame stack[DP_YAML_MAX_DEPTH];
    int depth;
    dp_node *root;
    anchor *anchors;
    int n_anchors, cap_anchors;
    strmap anchor_names;
    size_t total;            /* nodes so far with every alias expanded */
    int n_docs;
    bool failed;             /* an error was reported: return NULL */
    bool stop;               /* the error leaves nothing sensible to read on */
} loader;

static dp_loc mark_loc(const loader *L, yaml_mark_t m)
{
    /* libyaml marks are 0-based and count characters, not bytes. */
    return (dp_loc){L->path, (int)m.line + 1, (int)m.column + 1};
}

static dp_loc offset_loc(const char *path, const char *text, size_t off)
{
    int line = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n')
            line++, start = i + 1;
    return (dp_loc){path, line, (int)dp_utf8_count(text + start, off - start) + 1};
}

static void index_lines(loader *L)
{
    if (L->line_starts)
        return;
    size_t n = 1;
    for (size_t i = 0; i < L->len; i++)
        n += L->text[i] == '\n';
    L->line_starts = dp_arena_alloc(L->a, n * sizeof *L->line_starts);
    L->n_lines = 0;
    L->line_starts[L->n_lines++] = 0;
    for (size_t i = 0; i < L->len; i++)
        if (L->text[i] == '\n')
            L->line_starts[L->n_lines++] = i + 1;
}

/* The source text of 0-based line 'line' (without its break), or false past the end. */
static bool source_line(loader *L, size_t line, const char **s, size_t *n)
{
    index_lines(L);
    if (line >= L->n_lines)
        return false;
    size_t b = L->line_starts[line];
    size_t e = line + 1 < L->n_lines ? L->line_starts[line + 1] - 1 : L->len;
    if (e > b && L->text[e - 1] == '\r')
        e--;
    *s = L->text + b;
    *n = e - b;
    return true;
}

static void fail(loader *L) { L->failed = true; }
static void fail_stop(loader *L) { L->failed = L->stop = true; }

/* ===== Building nodes ===== */

static dp_node *new_node(loader *L, dp_node_kind kind, yaml_mark_t start)
{
    dp_node *n = dp_arena_alloc(L->a, sizeof *n);
    n->kind = kind;
    n->loc = mark_loc(L, start);
    return n;
}

/* Column of a block scalar's first content line: the header ("|", ">-", ...)
 * ends its own line, blank lines before the content don't count. A folded
 * scalar of several lines gets 0: its folds turned line breaks into spaces,
 * so lines in the text no longer match lines in the file. An indentation
 * indicator ("|2") with a deeper first line is not modelled. */
static int block_content_col(loader *L, const yaml_event_t *e)
{
    bool folded = e->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
    int col = 0;
    for (size_t l = e->start_mark.line + 1; l <= e->end_mark.line; l++) {
        const char *s;
        size_t n, sp = 0;
        if (!source_line(L, l, &s, &n))
            break;
        while (sp < n && s[sp] == ' ')
            sp++;
        if (sp == n)
            continue;
        if (col)
            return 0; /* a second content line: only reached when folded */
        col = (int)sp + 1;
        if (!folded)
            break;
    }
    return col;
}

/* The last code point of s[0..n) that is not a space, or 0. */
static uint32_t last_cp(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return 0;
    size_t st = n - 1;
    while (st > 0 && ((unsigned char)s[st] & 0xC0) == 0x80)
        st--;
    return dp_utf8_next(s, n, &st);
}

/* A plain, quoted or folded scalar of several lines: YAML folded each line
 * break into a space, but between two CJK characters a line break is no
 * space (clreq; what a Chinese author means by wrapping a long line). Such
 * spaces are removed where the source has a line break between exactly
 * those two characters. */
static void unfold_cjk(loader *L, const yaml_event_t *e, dp_node *n)
{
    if (e->data.scalar.style == YAML_LITERAL_SCALAR_STYLE || e->start_mark.line == e->end_mark.line)
        return;
    /* the junctions: last character of a line, first of the next content line */
    size_t lines = e->end_mark.line - e->start_mark.line + 1;
    uint32_t *left = dp_arena_alloc(L->a, sizeof *left * lines), *right = dp_arena_alloc(L->a, sizeof *right * lines);
    size_t nj = 0;
    uint32_t prev = 0;
    for (size_t l = e->start_mark.line; l <= e->end_mark.line; l++) {
        const char *s;
        size_t len;
        if (!source_line(L, l, &s, &len))
            break;
        if (l == e->end_mark.line && e->end_mark.column < len)
            len = e->end_mark.column;
        size_t sp = l == e->start_mark.line ? e->start_mark.column : 0;
        while (sp < len && (s[sp] == ' ' || s[sp] == '\t'))
            sp++;
        if (sp >= len) {
            prev = 0; /* a blank line is a real line break, kept */
            continue;
        }
        size_t k = sp;
        uint32_t first = dp_utf8_next(s, len, &k);
        if (prev && dp_is_cjk_char(prev) && dp_is_cjk_char(first)) {
            left[nj] = prev;
            right[nj++] = first;
        }
        prev = last_cp(s + sp, len - sp);
    }
    if (!nj)
        return;
    char *v = (char *)n->str;
    size_t w = 0, i = 0, len = n->len;
    uint32_t before = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = dp_utf8_next(v, len, &i);
        if (cp == ' ' && dp_is_cjk_char(before) && i < len) {
            size_t k = i;
            uint32_t next = dp_utf8_next(v, len, &k);
            bool drop = false;
            for (size_t j = 0; j < nj && !drop; j++)
                drop = left[j] == before && right[j] == next;
            if (drop)
                continue;
        }
        memmove(v + w, v + at, i - at);
        w += i - at;
        before = cp;
    }
    v[w] = '\0';
    n->len = w;
}

/* Plain and quoted scalars: the column of the first content character when
 * the text is the source verbatim on one line (no escapes, folds or ''), so
 * byte offsets in it map to columns; 0 otherwise. See dp_text_loc_at. */
static int verbatim_col(const yaml_event_t *e, const dp_node *n)
{
    int quotes = n->style == DP_SCALAR_QUOTED ? 2 : 0;
    if (e->start_mark.line != e->end_mark.line)
        return 0;
    if (e->end_mark.index - e->start_mark.index != dp_utf8_count(n->str, n->len) + (size_t)quotes)
        return 0;
    return n->loc.col + quotes / 2;
}

/* A tag outside YAML's core schema (!!python/object/apply:..., !custom):
 * deckpress gives tags no meaning, so say that it is ignored. */
static void check_tag(loader *L, const yaml_char_t *tag, yaml_mark_t at, const char *read_as)
{
    static const char core[] = "tag:yaml.org,2002:";
    static const char *const kinds[] = {"str", "int", "float", "bool", "null", "map", "seq"};
    const char *t = (const char *)tag;
    if (!t || strcmp(t, "!") == 0)
        return;
    bool in_core = strncmp(t, core, sizeof core - 1) == 0;
    for (int i = 0; in_core && i < 7; i++)
        if (strcmp(t + sizeof core - 1, kinds[i]) == 0)
            return;
    dp_warning(L->d, mark_loc(L, at), "YAML tag \"%s%s\" is not part of the core schema and is ignored: "
               "the value is read as %s", in_core ? "!!" : "", in_core ? t + sizeof core - 1 : t, read_as);
    dp_hint(L->d, "remove the tag");
}

/* C0 control characters (from escapes such as "\e" or "\x07": the YAML
 * reader refuses them raw) draw nothing and may upset a PDF viewer's search:
 * name the first one and where it is. Tabs and line breaks are text. */
static void check_controls(loader *L, const dp_node *n)
{
    static const char names[32][4] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                      "BS",  "HT",  "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                      "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                      "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
    int count = 0, first = -1, first_char = 0;
    size_t i = 0;
    for (int c = 1; i < n->len; c++) {
        size_t at = i;
        uint32_t cp = dp_utf8_next(n->str, n->len, &i);
        if (cp < 0x20 && cp != '\t' && cp != '\n') {
            if (count++ == 0)
                first = (int)n->str[at], first_char = c;
        }
    }
    if (!count)
        return;
    char more[48] = "";
    if (count > 1)
        snprintf(more, sizeof more, " (and %d more)", count - 1);
    dp_warning(L->d, n->loc, "control character U+%04X (%s) at character %d of this text%s; it draws nothing",
               (unsigned)first, names[first], first_char, more);
    dp_hint(L->d, "remove it (it comes from an escape such as \\e or \\x07 in quotes)");
}

static dp_node *scalar_node(loader *L, const yaml_event_t *e)
{
    dp_node *n = new_node(L, DP_NODE_SCALAR, e->start_mark);
    const char *v = (const char *)e->data.scalar.value;
    size_t len = e->data.scalar.length;
    /* Escapes like "\0" or "\uDFFF" could break the node.h promise. */
    if (memchr(v, '\0', len) || dp_utf8_invalid_at(v, len) != len) {
        dp_error(L->d, n->loc, "this text holds a NUL or an invalid character (from an escape)");
        fail(L);
    }
    n->str = dp_arena_strndup(L->a, v, len);
    n->len = len;
    unfold_cjk(L, e, n);
    switch (e->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        n->style = DP_SCALAR_QUOTED;
        break;
    case YAML_LITERAL_SCALAR_STYLE:
    case YAML_FOLDED_SCALAR_STYLE:
        n->style = DP_SCALAR_BLOCK;
        break;
    default:
        n->style = DP_SCALAR_PLAIN;
        break;
    }
    /* "!!str 2024" is a string, whatever it looks like. */
    const char *tag = (const char *)e->data.scalar.tag;
    if (n->style == DP_SCALAR_PLAIN && tag && strcmp(tag, YAML_STR_TAG) == 0)
        n->style = DP_SCALAR_QUOTED;
    n->block_indent = n->style == DP_SCALAR_BLOCK ? block_content_col(L, e) : verbatim_col(e, n);
    check_tag(L, e->data.scalar.tag, e->start_mark, "text");
    if (!L->failed)
        check_controls(L, n);
    return n;
}

static void count_nodes(loader *L, size_t w, dp_loc at, bool alias)
{
    if (w <= DP_YAML_MAX_NODES - L->total) {
        L->total += w;
        return;
    }
    if (alias)
        dp_error(L->d, at, "aliases expand to more than %d nodes (alias bomb?)", DP_YAML_MAX_NODES);
    else
        dp_error(L->d, at, "more than %d nodes in one document", DP_YAML_MAX_NODES);
    fail_stop(L);
}

static void append(loader *L, frame *f, dp_node *key, dp_node *value)
{
    dp_node *n = f->node;
    if (n->n == f->cap) {
        int cap = f->cap ? 2 * f->cap : 4;
        n->items = dp_arena_grow(L->a, n->items, (size_t)n->n, (size_t)cap, sizeof *n->items);
        if (n->kind == DP_NODE_MAP)
            n->keys = dp_arena_grow(L->a, n->keys, (size_t)n->n, (size_t)cap, sizeof *n->keys);
        f->cap = cap;
    }
    if (n->kind == DP_NODE_MAP)
        n->keys[n->n] = key;
    n->items[n->n++] = value;
}

static void check_key(loader *L, frame *f, const dp_node *key)
{
    if (key->kind != DP_NODE_SCALAR) {
        dp_error(L->d, key->loc, "a mapping key must be text, not %s", dp_node_kind_name(key));
        fail(L);
        return;
    }
    if (key->style == DP_SCALAR_PLAIN && strcmp(key->str, "<<") == 0) {
        dp_error(L->d, key->loc, "merge keys (<<) are not supported");
        dp_hint(L->d, "write the keys out; an alias (*name) may stand for a whole value");
        fail(L);
        return;
    }
    int first = strmap_get(&f->seen, key->str, key->len);
    if (first >= 0) {
        dp_error(L->d, key->loc, "duplicate key \"%s\"", key->str);
        dp_note(L->d, f->node->keys[first]->loc, "\"%s\" first appears here", key->str);
        fail(L);
        return;
    }
    strmap_put(L->a, &f->seen, key->str, key->len, f->node->n);
}

/* Hang a finished node (weight = nodes it stands for) on its parent. */
static void attach(loader *L, dp_node *n, size_t weight)
{
    if (L->depth == 0) {
        L->root = n;
        return;
    }
    frame *f = &L->stack[L->depth - 1];
    f->weight += weight;
    if (f->node->kind == DP_NODE_SEQ) {
        append(L, f, NULL, n);
    } else if (!f->key) {
        check_key(L, f, n);
        f->key = n;
    } else {
        append(L, f, f->key, n);
        f->key = NULL;
    }
}

static void define_anchor(loader *L, const yaml_char_t *name, dp_node *n, size_t weight)
{
    if (!name)
        return;
    if (L->n_anchors == L->cap_anchors) {
        int cap = L->cap_anchors ? 2 * L->cap_anchors : 8;
        L->anchors = dp_arena_grow(L->a, L->anchors, (size_t)L->n_anchors, (size_t)cap,
                                   sizeof *L->anchors);
        L->cap_anchors = cap;
    }
    L->anchors[L->n_anchors] = (anchor){n, weight};
    /* A later &name replaces the earlier one for the aliases that follow (YAML 1.2 §3.2.2.2). */
    const char *s = dp_arena_strdup(L->a, (const char *)name);
    strmap_put(L->a, &L->anchor_names, s, strlen(s), L->n_anchors++);
}

/* An alias shares the anchored node (no copy); only the count grows. */
static void on_alias(loader *L, const yaml_event_t *e)
{
    const char *name = (const char *)e->data.alias.anchor;
    dp_loc at = mark_loc(L, e->start_mark);
    int i = strmap_get(&L->anchor_names, name, strlen(name));
    if (i < 0) {
        dp_error(L->d, at, "unknown alias \"*%s\"", name);
        dp_hint(L->d, "an alias refers to an anchor (&%s) defined earlier, outside the alias's own "
                      "parents",
                name);
        fail(L);
        dp_node *null = new_node(L, DP_NODE_SCALAR, e->start_mark);
        null->str = "";
        attach(L, null, 1);
        return;
    }
    count_nodes(L, L->anchors[i].weight, at, true);
    if (!L->stop)
        attach(L, L->anchors[i].node, L->anchors[i].weight);
}

static void on_scalar(loader *L, const yaml_event_t *e)
{
    dp_node *n = scalar_node(L, e);
    count_nodes(L, 1, n->loc, false);
    if (L->stop)
        return;
    define_anchor(L, e->data.scalar.anchor, n, 1);
    attach(L, n, 1);
}

static void on_start(loader *L, const yaml_event_t *e, dp_node_kind kind,
                     const yaml_char_t *anchor_name)
{
    if (L->depth == DP_YAML_MAX_DEPTH) {
        dp_error(L->d, mark_loc(L, e->start_mark), "nesting deeper than %d levels",
                 DP_YAML_MAX_DEPTH);
        fail_stop(L);
        return;
    }
    dp_node *n = new_node(L, kind, e->start_mark);
    count_nodes(L, 1, n->loc, false);
    if (L->stop)
        return;
    frame *f = &L->stack[L->depth++];
    *f = (frame){.node = n, .weight = 1};
    f->anchor = anchor_name ? dp_arena_strdup(L->a, (const char *)anchor_name) : NULL;
}

static void on_end(loader *L)
{
    frame f = L->stack[--L->depth];
    /* Defined only now, so an alias can never point into its own parent: the tree stays acyclic. */
    define_anchor(L, (const yaml_char_t *)f.anchor, f.node, f.weight);
    attach(L, f.node, f.weight);
}

static void on_event(loader *L, const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++L->n_docs > 1) {
            dp_error(L->d, mark_loc(L, e->start_mark), "only one YAML document per file");
            dp_hint(L->d, "remove this \"---\" line and what follows, or move it to its own file");
            fail_stop(L);
        }
        break;
    case YAML_SCALAR_EVENT:
        on_scalar(L, e);
        break;
    case YAML_ALIAS_EVENT:
        on_alias(L, e);
        break;
    case YAML_SEQUENCE_START_EVENT:
        check_tag(L, e->data.sequence_start.tag, e->start_mark, "a list");
        on_start(L, e, DP_NODE_SEQ, e->data.sequence_start.anchor);
        break;
    case YAML_MAPPING_START_EVENT:
        check_tag(L, e->data.mapping_start.tag, e->start_mark, "a mapping");
        on_start(L, e, DP_NODE_MAP, e->data.mapping_start.anchor);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_end(L);
        break;
    default: /* stream start/end, document end: nothing to build */
        break;
    }
}

/* ===== Errors from libyaml ===== */

/* True when the problem is a tab among the leading blanks of its line. */
static bool is_tab_indent(loader *L, yaml_mark_t m)
{
    const char *s;
    size_t n, i = 0;
    if (!source_line(L, m.line, &s, &n))
        return false;
    for (size_t c = 0; c < m.column && i < n; c++)
        dp_utf8_next(s, n, &i);
    if (i >= n || s[i] != '\t')
        return false;
    for (size_t k = 0; k < i; k++)
        if (s[k] != ' ' && s[k] != '\t')
            return false;
    return true;
}

static const char *syntax_hint(const char *problem)
{
    if (strstr(problem, "mapping values are not allowed"))
        return "a value that contains \": \" must be quoted, e.g. answer: \"比例: 3:1\"";
    if (strstr(problem, "did not find expected key"))
        return "check the indentation of this line against the keys above it";
    if (strstr(problem, "cannot start any token"))
        return "values starting with @ or ` must be quoted";
    return NULL;
}

/* libyaml says "while parsing a block mapping"; we say "the block mapping starts here". */
static void context_note(loader *L, const yaml_parser_t *p)
{
    if (!p->context || (p->context_mark.line == p->problem_mark.line &&
                        p->context_mark.column == p->problem_mark.column))
        return;
    const char *c = p->context, *what = NULL;
    if (strncmp(c, "while parsing ", 14) == 0)
        what = c + 14;
    else if (strncmp(c, "while scanning ", 15) == 0)
        what = c + 15;
    dp_loc at = mark_loc(L, p->context_mark);
    if (what && (strncmp(what, "a ", 2) == 0 || strncmp(what, "an ", 3) == 0))
        dp_note(L->d, at, "%s starts here", what);
    else
        dp_note(L->d, at, "%s", c);
}

static void syntax_error(loader *L, const yaml_parser_t *p)
{
    fail_stop(L);
    if (p->error == YAML_MEMORY_ERROR) {
        dp_error_status(L->d, DP_EXIT_IO, (dp_loc){L->path, 0, 0}, "out of memory reading YAML");
        return;
    }
    if (p->error == YAML_READER_ERROR) { /* marks are not set; the offset is */
        dp_loc at = offset_loc(L->path, L->text, p->problem_offset);
        if (p->problem_value >= 0)
            dp_error(L->d, at, "character U+%04X is not allowed in YAML",
                     (unsigned)p->problem_value);
        else
            dp_error(L->d, at, "YAML: %s", p->problem);
        return;
    }
    dp_loc at = mark_loc(L, p->problem_mark);
    if (is_tab_indent(L, p->problem_mark)) {
        dp_error(L->d, at, "tab character in indentation; YAML indents with spaces");
        return;
    }
    /* libyaml gives up on a plain key after 1024 characters and reports a
     * missing ':' far to the right: say what the limit is */
    if (p->problem && strstr(p->problem, "could not find expected ':'") && p->problem_mark.column > 1024) {
        dp_error(L->d, at, "YAML syntax error: a key is too long (more than 1024 characters) "
                           "or lacks its ':'");
        dp_hint(L->d, "YAML keys are limited to 1024 characters; a long text belongs in a value");
        context_note(L, p);
        return;
    }
    dp_error(L->d, at, "YAML syntax error: %s", p->problem ? p->problem : "unknown problem");
    const char *hint = p->problem ? syntax_hint(p->problem) : NULL;
    if (hint)
        dp_hint(L->d, "%s", hint);
    context_note(L, p);
}

/* ===== Input checks and the driver ===== */

/* Bytes libyaml would either reject without a position or misread. */
static bool check_bytes(const char *path, const char *text, size_t len, dp_diags *d)
{
    size_t bad = dp_utf8_invalid_at(text, len);
    if (bad < len) {
        dp_error(d, offset_loc(path, text, bad),
                 "invalid UTF-8 byte 0x%02X; save the file as UTF-8", (unsigned char)text[bad]);
        return false;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        dp_error(d, offset_loc(path, text, (size_t)(nul - text)), "NUL byte in the file");
        dp_hint(d, "a YAML file is text; was it saved as UTF-16 or is it binary?");
        return false;
    }
    return true;
}

static dp_node *parse(loader *L)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        dp_error_status(L->d, DP_EXIT_IO, (dp_loc){L->path, 0, 0}, "out of memory reading YAML");
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)L->text, L->len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    bool done = false;
    while (!done && !L->stop) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            syntax_error(L, &p);
            break;
        }
        on_event(L, &e);
        done = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    if (L->failed)
        return NULL;
    if (!L->root) { /* an empty file is one null document */
        L->root = dp_arena_alloc(L->a, sizeof *L->root);
        L->root->loc = (dp_loc){L->path, 1, 1};
        L->root->str = "";
    }
    return L->root;
}

dp_node *dp_yaml_load(dp_arena *a, const char *path, const char *text, size_t len, dp_diags *d)
{
    char *owned = NULL;
    if (!text) {
        owned = dp_read_file(path, DP_YAML_MAX_BYTES, &len);
        if (!owned && errno != EFBIG) {
            dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot read %s: %s", path, strerror(errno));
            return NULL;
        }
        text = owned ? owned : ""; /* too large (len is past the limit): said below */
    }
    loader L = {.a = a, .d = d, .path = dp_arena_strdup(a, path)};
    dp_node *root = NULL;
    if (len > DP_YAML_MAX_BYTES) {
        dp_error(d, (dp_loc){L.path, 0, 0}, "file is larger than %u MiB", DP_YAML_MAX_BYTES >> 20);
        goto out;
    }
    /* Strip a UTF-8 BOM: libyaml's marks never count it, and neither do our columns. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3, len -= 3;
    dp_diags_add_source(d, L.path, text, len);
    if (!check_bytes(L.path, text, len, d))
        goto out;
    L.text = text;
    L.len = len;
    root = parse(&L);
out:
    free(owned);
    return root;
}

/* ===== Tree queries ===== */

dp_node *dp_node_get(const dp_node *map, const char *key)
{
    if (!map || map->kind != DP_NODE_MAP)
        return NULL;
    size_t len = strlen(key);
    for (int i = 0; i < map->n; i++)
        if (map->keys[i]->len == len && memcmp(map->keys[i]->str, key, len) == 0)
            return map->items[i];
    return NULL;
}

bool dp_node_is_null(const dp_node *n)
{
    if (!n || n->kind != DP_NODE_SCALAR || n->style != DP_SCALAR_PLAIN)
        return false;
    return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
           strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

const char *dp_node_kind_name(const dp_node *n)
{
    if (!n || dp_node_is_null(n))
        return "nothing";
    return n->kind == DP_NODE_SEQ ? "a list" : n->kind == DP_NODE_MAP ? "a mapping" : "a string";
}

const char *dp_yaml_library_version(void) { return yaml_get_version_string(); }
