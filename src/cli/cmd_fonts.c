/* cmd_fonts.c: `deckpress fonts [DECK]`: which font file and face serves
 * each role of the template, and, with a deck, what each face covers of the
 * deck's text and which characters no font has, with the place each first
 * appears. The roles are the project's, resolved once (styles.h) as every
 * layout uses them, and a character's face is the one the text engine
 * picks (dp_text_face_for), so what it prints is what a build would use.
 * The report goes to stdout; problems go to the diagnostics like everywhere
 * else. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "text.h"
#include "utf8.h"

#define MAX_LISTED 40 /* characters listed per section, unless -v */

/* ===== Roles ===== */

/* "title, subtitle, h1": the elements whose style sets (latin = false: Han
 * and other non-Latin; true: Latin-script) text with role r. NULL if none. */
static const char *users_of(dp_arena *a, const dp_template *t, int r, bool latin)
{
    char *s = NULL;
    for (int e = 0; e < DP_EL_COUNT; e++) {
        const dp_style *st = &t->styles[e];
        if ((latin ? st->latin_role : st->cjk_role) != r)
            continue;
        s = s ? dp_arena_printf(a, "%s, %s", s, dp_element_names[e])
              : dp_arena_printf(a, "%s", dp_element_names[e]);
    }
    return s;
}

/* "  LABEL words, words, ..." wrapped at 78 columns under the first word. */
static void put_wrapped(FILE *out, const char *label, const char *list)
{
    int indent = (int)strlen(label) + 3, col = indent;
    fprintf(out, "  %s ", label);
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, " ");
        if (col + (int)n > 78 && col > indent) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        }
        fprintf(out, "%.*s", (int)n, p);
        col += (int)n;
        p += n;
        if (*p == ' ') {
            p++;
            size_t next = strcspn(p, " ");
            if (col + 1 + (int)next <= 78) {
                fputc(' ', out);
                col++;
            }
        }
    }
    fputc('\n', out);
}

static const char *face_name(dp_arena *a, const dp_fonts *fonts, int face)
{
    return dp_styles_face_name(a, fonts, face);
}

static bool is_collection(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && (strcasecmp(path + n - 4, ".ttc") == 0 || strcasecmp(path + n - 4, ".otc") == 0);
}

/* ===== The deck's characters ===== */

typedef struct {
    uint32_t cp;
    const dp_text *where;      /* first text holding it */
    int offset;                /* byte offset of its first occurrence there */
} use;

typedef struct {
    use *uses;                 /* distinct characters, sorted by code point */
    int n, cap;
    const dp_text **texts;
    int n_texts, cap_texts;
} charset;

static void add_text(dp_arena *a, charset *cs, const dp_text *t)
{
    if (!t->s || t->len == 0)
        return;
    if (cs->n_texts == cs->cap_texts) {
        int cap = cs->cap_texts ? 2 * cs->cap_texts : 64;
        cs->texts = dp_arena_grow(a, cs->texts, (size_t)cs->n_texts, (size_t)cap, sizeof *cs->texts);
        cs->cap_texts = cap;
    }
    cs->texts[cs->n_texts++] = t;
}

/* Every text of the deck that can reach a page (speaker notes too: the
 * speaker's handout prints them). */
static void collect_texts(dp_arena *a, const dp_deck *deck, charset *cs)
{
    const dp_text *top[] = {&deck->title, &deck->subtitle, &deck->event, &deck->date, &deck->venue};
    for (size_t i = 0; i < sizeof top / sizeof *top; i++)
        add_text(a, cs, top[i]);
    for (int i = 0; i < deck->n_organizers; i++)
        add_text(a, cs, &deck->organizers[i]);
    const dp_block *blocks[] = {&deck->intro, &deck->closing};
    for (int b = 0; b < 2; b++) {
        if (!blocks[b]->present)
            continue;
        add_text(a, cs, &blocks[b]->title);
        add_text(a, cs, &blocks[b]->body);
        add_text(a, cs, &blocks[b]->notes);
        add_text(a, cs, &blocks[b]->qr_label);
        add_text(a, cs, &blocks[b]->qr);
    }
    for (int s = 0; s < deck->n_sections; s++) {
        const dp_section *sec = &deck->sections[s];
        add_text(a, cs, &sec->title);
        add_text(a, cs, &sec->subtitle);
        for (int i = 0; i < sec->n_items; i++) {
            const dp_item *it = &sec->items[i];
            add_text(a, cs, &it->title);
            add_text(a, cs, &it->question);
            add_text(a, cs, &it->answer);
            add_text(a, cs, &it->analysis);
            add_text(a, cs, &it->notes);
        }
    }
}

static int cmp_use(const void *x, const void *y)
{
    const use *a = x, *b = y;
    return a->cp < b->cp ? -1 : a->cp > b->cp;
}

/* Distinct characters that need a glyph (not spaces or control characters),
 * each with its first occurrence in reading order. */
static void collect_chars(dp_arena *a, charset *cs)
{
    for (int t = 0; t < cs->n_texts; t++) {
        const dp_text *tx = cs->texts[t];
        size_t i = 0, len = (size_t)tx->len;
        while (i < len) {
            size_t at = i;
            uint32_t cp = dp_utf8_next(tx->s, len, &i);
            if (cp <= 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x3000 || cp == DP_UTF8_BAD)
                continue;
            if (cs->n == cs->cap) {
                int cap = cs->cap ? 2 * cs->cap : 1024;
                cs->uses = dp_arena_grow(a, cs->uses, (size_t)cs->n, (size_t)cap, sizeof *cs->uses);
                cs->cap = cap;
            }
            cs->uses[cs->n++] = (use){cp, tx, (int)at};
        }
    }
    if (cs->n == 0)
        return;
    /* qsort is not stable: sort copies whose offset holds the reading
     * order, keep the earliest of each character, then map back. */
    use *sorted = dp_arena_alloc(a, sizeof *sorted * (size_t)cs->n);
    for (int i = 0; i < cs->n; i++)
        sorted[i] = (use){cs->uses[i].cp, NULL, i};
    qsort(sorted, (size_t)cs->n, sizeof *sorted, cmp_use);
    int k = 0;
    for (int i = 0; i < cs->n; i++) {
        if (k > 0 && sorted[k - 1].cp == sorted[i].cp) {
            if (sorted[i].offset < sorted[k - 1].offset)
                sorted[k - 1].offset = sorted[i].offset;
            continue;
        }
        sorted[k++] = sorted[i];
    }
    for (int i = 0; i < k; i++) /* back to the real first occurrence */
        sorted[i] = cs->uses[sorted[i].offset];
    cs->uses = sorted;
    cs->n = k;
}

static void put_char(FILE *out, uint32_t cp)
{
    char buf[8] = {0};
    dp_utf8_encode(cp, buf);
    fprintf(out, "U+%04X %s", (unsigned)cp, buf);
}

static void put_where(FILE *out, const use *u)
{
    dp_loc at = dp_text_loc_at(u->where, u->offset);
    if (at.line > 0)
        fprintf(out, "%s:%d:%d", at.file, at.line, at.col);
    else
        fprintf(out, "%s", at.file ? at.file : "?");
}

/* The face the text engine picks for cp in plain text set with roles cjk
 * and latin (and the template's fallback role), and in *role the role that
 * serves it (-1: none). */
static int pick(const dp_styles *st, int cjk, int latin, int fallback, uint32_t cp, int *role)
{
    static const dp_chain none;
    dp_textstyle ts = {0};
    ts.cjk = st->roles[cjk].chain;
    ts.latin = st->roles[latin].chain;
    ts.fallback = fallback >= 0 ? st->roles[fallback].chain : none;
    int which, face = dp_text_face_for(st->fonts, &ts, cp, &which);
    *role = which == 0 ? cjk : which == 1 ? latin : which == 2 ? fallback : -1;
    return face;
}

/* ===== The report ===== */

static void report_roles(FILE *out, dp_arena *a, const dp_template *t, const dp_styles *st,
                         bool verbose)
{
    dp_fonts *fonts = st->fonts;
    const dp_role_faces *rf = st->roles;
    fprintf(out, "template %s: %s\n", t->name, t->path);
    for (int r = 0; r < t->n_roles; r++) {
        const dp_font_role *role = &t->roles[r];
        fprintf(out, "\nrole %s\n", role->name);
        const char *cjk = users_of(a, t, r, false), *latin = users_of(a, t, r, true);
        if (cjk)
            put_wrapped(out, "text of:", cjk);
        if (latin)
            put_wrapped(out, "Latin text of:", latin);
        if (r == t->fallback_role)
            fprintf(out, "  characters no other role has (fallback_font)\n");
        bool em = r == t->em.role || r == t->em.latin_role;
        if (r == t->em.role)
            fprintf(out, "  *emphasis* in rich text\n");
        if (r == t->em.latin_role)
            fprintf(out, "  Latin *emphasis* in rich text\n");
        if (!cjk && !latin && r != t->fallback_role && !em)
            fprintf(out, "  not used by any style\n");
        for (int i = 0; i < role->n && i < 64; i++) {
            int face = rf[r].face_of[i];
            fprintf(out, "  %d. %s\n", i + 1, role->families[i]);
            if (face >= 0) {
                fprintf(out, "     -> %s", dp_face_path(fonts, face));
                if (dp_face_index(fonts, face) > 0 || is_collection(dp_face_path(fonts, face)))
                    fprintf(out, " (face %d)", dp_face_index(fonts, face));
                fprintf(out, ": %s, %s", face_name(a, fonts, face),
                        dp_face_is_cff(fonts, face) ? "OpenType/CFF" : "TrueType");
                if (verbose)
                    fprintf(out, " [%s%s]", dp_face_psname(fonts, face),
                            dp_face_is_bold(fonts, face) ? ", bold" : "");
                fputc('\n', out);
                /* What bold text of this face becomes (text.c asks the same). */
                int bold = dp_face_bold(fonts, face);
                if (bold < 0)
                    fprintf(out, "        bold: fake (fill and stroke): the family has one weight\n");
                else if (bold != face)
                    fprintf(out, "        bold: %s (%s%s)\n", face_name(a, fonts, bold),
                            dp_face_path(fonts, bold),
                            is_collection(dp_face_path(fonts, bold))
                                ? dp_arena_printf(a, ", face %d", dp_face_index(fonts, bold)) : "");
            } else if (i >= DP_MAX_CHAIN || rf[r].chain.n >= DP_MAX_CHAIN) {
                fprintf(out, "     -> not used: a chain takes at most %d fonts\n", DP_MAX_CHAIN);
            } else {
                char why[512], hint[512];
                dp_fonts_why_not(fonts, role->families[i], why, sizeof why, hint, sizeof hint);
                fprintf(out, "     -> %s\n", why);
                if (*hint)
                    fprintf(out, "        hint: %s\n", hint);
            }
        }
        if (rf[r].chain.n == 0)
            fprintf(out, "  no font of this role is installed\n");
    }
}

/* Distinct (cjk, latin) role pairs of the styles, for "which face serves". */
static int style_pairs(const dp_template *t, int pairs[][2])
{
    int n = 0;
    for (int e = 0; e < DP_EL_COUNT; e++) {
        int c = t->styles[e].cjk_role, l = t->styles[e].latin_role;
        bool dup = e == DP_EL_CODE; /* only `code` spans: a chain of its own by design */
        for (int k = 0; k < n && !dup; k++)
            dup = pairs[k][0] == c && pairs[k][1] == l;
        if (!dup && c >= 0 && l >= 0)
            pairs[n][0] = c, pairs[n][1] = l, n++;
    }
    return n;
}

static void report_deck(FILE *out, dp_arena *a, const dp_deck *deck, const dp_template *t,
                        const dp_styles *st, bool verbose)
{
    dp_fonts *fonts = st->fonts;
    const dp_role_faces *rf = st->roles;
    charset cs = {0};
    collect_texts(a, deck, &cs);
    collect_chars(a, &cs);
    int han = 0, latin = 0;
    for (int i = 0; i < cs.n; i++) {
        if (dp_is_latin_script(cs.uses[i].cp))
            latin++;
        else if ((cs.uses[i].cp >= 0x3400 && cs.uses[i].cp <= 0x9FFF) ||
                 (cs.uses[i].cp >= 0xF900 && cs.uses[i].cp <= 0xFAFF) || cs.uses[i].cp >= 0x20000)
            han++;
    }
    fprintf(out, "\ndeck %s: %d different characters (%d Han, %d Latin script, %d other)\n",
            deck->path, cs.n, han, latin, cs.n - han - latin);

    /* What each face has of them. */
    int nf = dp_fonts_count(fonts);
    for (int f = 0; f < nf; f++) {
        int has = 0;
        for (int i = 0; i < cs.n; i++)
            has += dp_face_has(fonts, f, cs.uses[i].cp);
        fprintf(out, "  %-34s has %5d of %d", face_name(a, fonts, f), has, cs.n);
        if (cs.n)
            fprintf(out, " (%.1f%%)", 100.0 * has / cs.n);
        if (verbose)
            fprintf(out, "  %s", dp_face_path(fonts, f));
        fputc('\n', out);
    }

    int pairs[DP_EL_COUNT][2];
    int n_pairs = style_pairs(t, pairs);
    int fb = t->fallback_role;

    /* Characters set in a later font than the first of their role, grouped
     * by role and the face that serves them instead. */
    typedef struct {
        int primary, face, role, count;
        int *chars;            /* indices into cs.uses */
    } group;
    group *groups = dp_arena_alloc(a, sizeof *groups * (size_t)(n_pairs * 4 + 8));
    int n_groups = 0, cap_groups = n_pairs * 4 + 8;
    for (int i = 0; i < cs.n; i++) {
        uint32_t cp = cs.uses[i].cp;
        for (int k = 0; k < n_pairs; k++) {
            int role, face = pick(st, pairs[k][0], pairs[k][1], fb, cp, &role);
            int primary = dp_is_latin_script(cp) ? pairs[k][1] : pairs[k][0];
            if (face < 0 || rf[primary].chain.n == 0 || face == rf[primary].chain.faces[0])
                continue;
            int g = 0;
            while (g < n_groups && !(groups[g].primary == primary && groups[g].face == face))
                g++;
            if (g == n_groups) {
                if (n_groups == cap_groups) {
                    groups = dp_arena_grow(a, groups, (size_t)n_groups, (size_t)cap_groups * 2,
                                           sizeof *groups);
                    cap_groups *= 2;
                }
                groups[n_groups++] = (group){primary, face, role, 0,
                                             dp_arena_alloc(a, sizeof(int) * (size_t)cs.n)};
            }
            if (groups[g].count == 0 || groups[g].chars[groups[g].count - 1] != i)
                groups[g].chars[groups[g].count++] = i;
        }
    }
    if (n_groups)
        fprintf(out, "\nset in a later font than the first of their role:\n");
    for (int g = 0; g < n_groups; g++) {
        const group *gr = &groups[g];
        const char *where = gr->role == gr->primary ? "later in its chain"
                          : dp_arena_printf(a, "role %s", t->roles[gr->role].name);
        fprintf(out, "  role %s: %d character%s from %s (%s), not %s:\n   ",
                t->roles[gr->primary].name, gr->count, gr->count == 1 ? "" : "s",
                face_name(a, fonts, gr->face), where,
                face_name(a, fonts, rf[gr->primary].chain.faces[0]));
        int shown = verbose ? gr->count : gr->count < MAX_LISTED ? gr->count : MAX_LISTED;
        for (int k = 0; k < shown; k++) {
            const use *u = &cs.uses[gr->chars[k]];
            if (verbose) {
                fprintf(out, "%s", k ? "   " : "");
                put_char(out, u->cp);
                fprintf(out, "  first at ");
                put_where(out, u);
                fprintf(out, "\n");
            } else {
                char buf[8] = {0};
                dp_utf8_encode(u->cp, buf);
                fprintf(out, " %s", buf);
            }
        }
        if (!verbose)
            fprintf(out, "%s\n", shown < gr->count ? " ... (-v lists all, with places)" : "");
    }

    /* Characters no font has: layout warns about each and leaves it out. */
    int listed = 0, more = 0;
    for (int i = 0; i < cs.n; i++) {
        uint32_t cp = cs.uses[i].cp;
        const char *why = NULL;
        for (int k = 0; k < n_pairs && !why; k++) {
            int role;
            if (pick(st, pairs[k][0], pairs[k][1], fb, cp, &role) < 0)
                why = "in no font of the template";
        }
        if (!why)
            continue;
        if (!verbose && listed >= MAX_LISTED) {
            more++;
            continue;
        }
        if (listed++ == 0)
            fprintf(out, "\nmissing: left out of the PDF:\n");
        fprintf(out, "  ");
        put_char(out, cp);
        fprintf(out, "  %s; first at ", why);
        put_where(out, &cs.uses[i]);
        fputc('\n', out);
    }
    if (more)
        fprintf(out, "  ... and %d more (-v lists them all)\n", more);
    if (listed == 0)
        fprintf(out, "\nmissing: nothing; every character has a font\n");
    else
        fprintf(out, "  hint: add a font that has them to a role's chain under fonts: in %s, "
                     "or put a .ttf into fonts/\n",
                t->path);
}

int dp_cmd_fonts(const dp_options *opt, dp_diags *d)
{
    dp_project p;
    bool ok;
    /* The report says what -v's font notes would: no notes on top of it. */
    dp_options quiet_opt = *opt;
    if (quiet_opt.verbosity > 0)
        quiet_opt.verbosity = 0;
    if (opt->deck_path)
        ok = dp_project_init(&p, &quiet_opt, d);
    else
        ok = dp_project_init_template(&p, opt, d);
    if (ok) {
        const dp_styles *st = p.styles;
        report_roles(stdout, p.a, p.t, st, opt->verbosity > 0);
        if (p.deck)
            report_deck(stdout, p.a, p.deck, p.t, st, opt->verbosity > 0);
        fflush(stdout);
        /* A role with no installed font stops every build: say why, loudly. */
        for (int r = 0; r < p.t->n_roles; r++)
            if (st->roles[r].chain.n == 0 && p.t->roles[r].n > 0)
                dp_fonts_resolve(p.fonts, p.t->roles[r].families[0], p.t->roles[r].locs[0], false, d);
    }
    int status = dp_project_status(&p);
    dp_project_fini(&p);
    return status;
}
