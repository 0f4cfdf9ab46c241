/* text.c: glyphs, break opportunities, lines, justification (see text.h).
 * The rules cited are W3C clreq (Requirements for Chinese Text Layout) and
 * docs/design.md §3; tests/unit/test_text.c sweeps them over widths. */
#include "text.h"

#include <linebreak.h>
#include <math.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include "bidi.h"
#include "image.h"
#include "utf8.h"

/* ===== Character classes ===== */

bool dp_is_closing_punct(uint32_t cp)
{
    static const uint32_t set[] = {
        0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F,
        0x300B, 0x3009, 0x3011, 0x3015, 0x3017, 0x3019, 0x201D, 0x2019, 0xFF3D, 0xFF5D,
        0xFF0E, 0x30FB, 0x00B7, 0x2026, 0x2025, 0x3005, 0x30FC, 0xFF5E, ',', '.', ';',
        ':', '?', '!', ')', ']', '}', '%'};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (set[i] == cp)
            return true;
    return false;
}

bool dp_is_opening_punct(uint32_t cp)
{
    static const uint32_t set[] = {0xFF08, 0x300C, 0x300E, 0x300A, 0x3008, 0x3010, 0x3014,
                                   0x3016, 0x3018, 0x201C, 0x2018, 0xFF3B, 0xFF5B, '(', '[', '{'};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (set[i] == cp)
            return true;
    return false;
}

/* Full-width marks that may be set half width when another mark follows
 * (clreq 3.1.6 consecutive punctuation). Question and exclamation marks keep
 * their width. */
static bool is_compressible_closing(uint32_t cp)
{
    return cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A ||
           cp == 0xFF09 || cp == 0x300D || cp == 0x300F || cp == 0x300B || cp == 0x3009 ||
           cp == 0x3011 || cp == 0x3015;
}

static bool is_fullwidth_punct(uint32_t cp)
{
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || cp == 0xFF3B || cp == 0xFF3D || cp == 0xFF5B ||
           cp == 0xFF5D || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

/* Characters set in the Latin face (docs/design.md §3: U+0000-00FF and the en
 * dash; extended Latin, Greek and Cyrillic too). Chinese quotes, the em dash
 * and the ellipsis stay with the CJK face. */
static bool is_latin_script(uint32_t cp)
{
    return cp < 0x0370 || (cp >= 0x0370 && cp <= 0x052F) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
           cp == 0x2013 || cp == 0x2022 || (cp >= 0x2070 && cp <= 0x20CF);
}

static bool is_latin_alnum(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
           (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7);
}

static bool is_cjk(uint32_t cp)
{
    return dp_is_han(cp) || is_fullwidth_punct(cp) || cp == 0x2014 || cp == 0x2026;
}

/* ===== Glyphs ===== */

/* The first face of the chains, in order, that has cp; *which (if not
 * NULL) the chain's place, 0..2. */
static int pick_face_of(dp_fonts *f, const dp_chain *first, const dp_chain *second,
                        const dp_chain *third, uint32_t cp, int *which)
{
    const dp_chain *chains[3] = {first, second, third};
    for (int c = 0; c < 3; c++)
        for (int i = 0; i < chains[c]->n; i++)
            if (dp_face_has(f, chains[c]->faces[i], cp)) {
                if (which)
                    *which = c;
                return chains[c]->faces[i];
            }
    return -1;
}

static int pick_face(dp_fonts *f, const dp_chain *first, const dp_chain *second,
                     const dp_chain *third, uint32_t cp)
{
    return pick_face_of(f, first, second, third, cp, NULL);
}

/* Text that is neither code nor Latin emphasis: Latin-script characters try
 * the Latin chain first, the rest 'cjk'; then the other; then the fallback.
 * *which (if not NULL): 0 cjk, 1 latin, 2 fallback. */
static int pick_plain(dp_fonts *f, const dp_chain *cjk, const dp_textstyle *st, uint32_t cp, int *which)
{
    int c = 0, face;
    if (is_latin_script(cp)) {
        face = pick_face_of(f, &st->latin, cjk, &st->fallback, cp, &c);
        c = c == 0 ? 1 : c == 1 ? 0 : 2;
    } else {
        face = pick_face_of(f, cjk, &st->latin, &st->fallback, cp, &c);
    }
    if (which)
        *which = face < 0 ? -1 : c;
    return face;
}

int dp_text_face_for(dp_fonts *f, const dp_textstyle *st, uint32_t cp, int *which)
{
    return pick_plain(f, &st->cjk, st, cp, which);
}

static void warn_uncovered(dp_diags *d, const dp_text *where, int src, uint32_t cp, const char *why)
{
    if (!d)
        return;
    char buf[8] = {0};
    dp_utf8_encode(cp, buf);
    dp_loc at = where ? dp_text_loc_at(where, src) : (dp_loc){0};
    dp_warning(d, at, "character U+%04X '%s' %s", (unsigned)cp, buf, why);
}

/* Shape a paragraph at 'em' pt. A code block ('code_block') is set from the
 * code role with no tracking, no Han-Latin spacing and no punctuation
 * compression; inside an inline code span neither applies either. */
bool dp_text_bold(const dp_textstyle *st, unsigned flags)
{
    return st->bold || (flags & DP_TF_BOLD) || (st->em_bold && (flags & DP_TF_EM));
}

static dp_glyph *shape(dp_fonts *f, const dp_textstyle *st, const dp_para *p, dp_arena *a,
                       const dp_text *where, dp_diags *d, float em, bool code_block)
{
    dp_glyph *g = dp_arena_alloc(a, sizeof *g * (size_t)(p->n ? p->n : 1));
    memset(g, 0, sizeof *g * (size_t)(p->n ? p->n : 1));
    for (int i = 0; i < p->n; i++) {
        uint32_t cp = p->cps[i];
        g[i].cp = cp;
        g[i].src = p->src[i];
        g[i].flags = p->flags[i];
        g[i].link = p->link ? p->link[i] : 0;
        g[i].tok = p->tok ? p->tok[i] : 0;
        g[i].face = -1;
        if (code_block)
            g[i].flags |= DP_TF_CODE;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            continue; /* control characters draw nothing */
        if (dp_bidi_is_format(cp))
            continue; /* nor do direction marks and joiners */
        const dp_chain *cjk = (g[i].flags & DP_TF_EM) && st->em_cjk.n ? &st->em_cjk : &st->cjk;
        int face;
        if (g[i].flags & DP_TF_CODE)
            face = pick_face(f, &st->code, &st->latin, cjk, cp);
        else if (is_latin_script(cp) && (g[i].flags & DP_TF_EM) && st->em_latin.n && cp > ' ')
            /* Latin emphasis: the template's italic, or on a Hei base the
             * same change of face (the Kai face's own Latin) as the hanzi */
            face = pick_face(f, &st->em_latin, &st->latin, &st->fallback, cp);
        else
            face = pick_plain(f, cjk, st, cp, NULL);
        if (face < 0 && (g[i].flags & DP_TF_CODE))
            face = pick_face(f, &st->fallback, &st->fallback, &st->fallback, cp);
        if (face < 0 && cp != ' ') {
            warn_uncovered(d, where, p->src[i], cp, "is not in any font of the template; it is left out");
            continue;
        }
        /* Bold text takes the family's real bold face where it has one
         * (and that face has the character); fake bold is for the rest. */
        if (dp_text_bold(st, g[i].flags) && face >= 0) {
            int b = dp_face_bold(f, face);
            if (b >= 0 && dp_face_has(f, b, cp))
                face = b;
        }
        g[i].face = face;
        g[i].bold_face = face >= 0 && dp_face_is_bold(f, face);
        g[i].fadv = face >= 0 ? (float)dp_face_advance(f, face, cp) * em / 1000.0f : em * 0.25f;
        g[i].adv = g[i].fadv + (code_block ? 0 : st->tracking_em * em);
    }
    if (code_block)
        return g;
    /* Han <-> Latin letter or digit: a quarter em, unless the author wrote a
     * space (not inside a code span: code is shown as written). */
    for (int i = 1; i < p->n; i++) {
        uint32_t a0 = g[i - 1].cp, b0 = g[i].cp;
        if ((g[i - 1].flags & g[i].flags & DP_TF_CODE))
            continue;
        if ((dp_is_han(a0) && is_latin_alnum(b0)) || (is_latin_alnum(a0) && dp_is_han(b0)))
            g[i].gap = 0.25f * em;
    }
    /* Consecutive full-width marks (clreq 3.1.6): the first closing mark is
     * set half width; an opening mark after an opening mark loses its left
     * half. Only empty space is taken: fonts that centre their brackets
     * (Micro Hei's （）) give up less, so ink never collides. */
    for (int i = 1; i < p->n; i++) {
        dp_glyph *x = &g[i - 1], *y = &g[i];
        if (!is_fullwidth_punct(y->cp) || !is_fullwidth_punct(x->cp) || (x->flags & y->flags & DP_TF_CODE))
            continue;
        int lo, hi;
        if (is_compressible_closing(x->cp) && x->adv >= 0.9f * em &&
            dp_face_ink(f, x->face, x->cp, &lo, &hi)) {
            float room = (float)(dp_face_advance(f, x->face, x->cp) - hi) / 1000.0f - 0.04f;
            x->adv -= em * (room < 0.5f ? (room > 0 ? room : 0) : 0.5f);
        } else if (dp_is_opening_punct(x->cp) && dp_is_opening_punct(y->cp) && y->adv >= 0.9f * em &&
                   dp_face_ink(f, y->face, y->cp, &lo, &hi)) {
            float room = (float)lo / 1000.0f - 0.04f;
            float take = em * (room < 0.5f ? (room > 0 ? room : 0) : 0.5f);
            y->adv -= take;
            y->shift = -take;
        }
    }
    return g;
}

/* shape() for a paragraph in logical order; right-to-left text in it gets
 * its embedding levels and is shaped as drawn (Arabic joining forms,
 * mirrored brackets). Line breaking still sees the characters written. */
static dp_glyph *shape_para(dp_fonts *f, const dp_textstyle *st, const dp_para *p, dp_arena *a,
                            const dp_text *where, dp_diags *d, float em, bool code_block)
{
    if (code_block || !dp_bidi_needed(p->cps, p->n))
        return shape(f, st, p, a, where, d, em, code_block);
    dp_para drawn = *p;
    uint32_t *cps = dp_arena_alloc(a, sizeof *cps * (size_t)p->n);
    unsigned char *levels = dp_arena_alloc(a, (size_t)p->n);
    dp_bidi_paragraph(p->cps, p->n, cps, levels);
    /* a font with the Arabic letters but not their joining forms: the
     * letters, unjoined, rather than a hole */
    for (int i = 0; i < p->n; i++)
        if (cps[i] != p->cps[i] && cps[i] >= 0xFB50 && cps[i] != 0xFEFF &&
            pick_face(f, &st->cjk, &st->latin, &st->fallback, cps[i]) < 0 &&
            pick_face(f, &st->code, &st->em_cjk, &st->code, cps[i]) < 0)
            cps[i] = p->cps[i];
    drawn.cps = cps;
    dp_glyph *g = shape(f, st, &drawn, a, where, d, em, code_block);
    for (int i = 0; i < p->n; i++)
        g[i].level = levels[i];
    return g;
}

/* A line with right-to-left text, in visual order (NULL: none). Each glyph
 * keeps the room it had in logical order (its advance, then the spacing and
 * justification before the next glyph); a right-to-left glyph sits at the
 * right of its room, so that room stays between it and its logical
 * successor, which is now on its left. */
static dp_glyph *visual_order(dp_arena *a, const dp_glyph *g, const dp_line *l)
{
    int n = l->n, s = l->first;
    int i = 0;
    while (i < n && g[s + i].level == 0)
        i++;
    if (i == n)
        return NULL;
    uint32_t *cps = dp_arena_alloc(a, sizeof *cps * (size_t)n);
    unsigned char *levels = dp_arena_alloc(a, (size_t)n);
    int *order = dp_arena_alloc(a, sizeof *order * (size_t)n);
    for (i = 0; i < n; i++)
        cps[i] = g[s + i].cp, levels[i] = g[s + i].level;
    dp_bidi_line(cps, levels, n, order);
    int e = n - 1; /* trailing spaces were not moved by justify(): they end the room */
    while (e > 0 && g[s + e].cp == ' ')
        e--;
    dp_glyph *v = dp_arena_alloc(a, sizeof *v * (size_t)n);
    float x = 0;
    for (int k = 0; k < n; k++) {
        int j = order[k];
        const dp_glyph *c = &g[s + j];
        float room = j < e ? g[s + j + 1].x - c->x : c->adv;
        v[k] = *c;
        v[k].x = x + ((levels[j] & 1) ? room - c->adv : 0);
        x += room;
    }
    return v;
}

static bool starts_with(const dp_glyph *g, int n, int i, const char *s)
{
    for (int k = 0; s[k]; k++)
        if (i + k >= n || g[i + k].cp != (uint32_t)(unsigned char)s[k])
            return false;
    return true;
}

/* A URL breaks only after / . ? & = (and only when it must: the greedy
 * breaker takes the last one that fits); never at its hyphens. A URL runs
 * from http://, https:// or www. to the next space or non-ASCII character. */
static void protect_urls(dp_glyph *g, int n)
{
    for (int i = 0; i < n; i++) {
        if (!starts_with(g, n, i, "http://") && !starts_with(g, n, i, "https://") &&
            !starts_with(g, n, i, "www."))
            continue;
        int e = i;
        while (e < n && g[e].cp > ' ' && g[e].cp < 0x7F)
            e++;
        for (int k = i; k < e - 1; k++)
            g[k].brk = strchr("/.?&=", (int)g[k].cp) && g[k + 1].cp != '/' ? DP_BRK_ALLOW : DP_BRK_NO;
        if (i > 0 && g[i - 1].brk == DP_BRK_NO && g[i - 1].cp == ' ')
            g[i - 1].brk = DP_BRK_ALLOW;
        i = e;
    }
}

/* Inline code is never broken at - = . / or anywhere else inside: a span
 * that fits a line moves to the next one whole. Only a span wider than the
 * whole line ('width'; < 0: unknown) may break, at a space inside it; with
 * none, break_para breaks it where it overflows, with a continuation mark. */
static void protect_code(dp_glyph *g, int n, float width)
{
    for (int s = 0; s < n; s++) {
        if (!(g[s].flags & DP_TF_CODE))
            continue;
        int e = s;
        float w = g[s].adv;
        while (e + 1 < n && (g[e + 1].flags & DP_TF_CODE))
            w += g[++e].adv;
        bool wide = width >= 0 && w > width;
        for (int k = s; k < e; k++)
            if (g[k].brk != DP_BRK_MUST)
                g[k].brk = wide && g[k].cp == ' ' ? DP_BRK_ALLOW : DP_BRK_NO;
        /* a span starts a line whole: allow a break before it after a space
         * or CJK text (libunibreak already does; keep it), never after an
         * opening bracket */
        s = e;
    }
}

/* True when the paragraph is one line however it is broken: it fits
 * 'width' whole and holds no mandatory break. Then it needs no break
 * opportunities, and libunibreak (most of the cost of a label or a short
 * answer) is skipped. */
static bool fits_whole(const dp_glyph *g, const dp_para *p, float width)
{
    float w = 0;
    for (int i = 0; i < p->n; i++) {
        uint32_t c = p->cps[i];
        if ((c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029 ||
            (p->flags[i] & DP_TF_BREAK))
            return false;
        w += g[i].adv + g[i].gap;
    }
    return w <= width;
}

/* Break opportunities after each glyph: UAX #14 (libunibreak, "zh"), then
 * clreq on top; none but the end for a paragraph that fits whole
 * ('width' < 0: always look). */
static void find_breaks(dp_glyph *g, const dp_para *p, dp_arena *a, float width)
{
    int n = p->n;
    if (n == 0)
        return;
    if (width >= 0 && fits_whole(g, p, width)) {
        for (int i = 0; i < n; i++)
            g[i].brk = DP_BRK_NO;
        g[n - 1].brk = DP_BRK_MUST;
        return;
    }
    char *brks = dp_arena_alloc(a, (size_t)n);
    static bool initialised;
    if (!initialised) { /* libunibreak's tables: once per process */
        init_linebreak();
        initialised = true;
    }
    /* U+FFFF is libunibreak's end-of-text sentinel (an assertion fires on
     * it): break as if it were U+FFFD */
    const utf32_t *cps = (const utf32_t *)p->cps;
    for (int i = 0; i < n; i++)
        if (p->cps[i] == 0xFFFF) {
            utf32_t *copy = dp_arena_alloc(a, sizeof *copy * (size_t)n);
            for (int k = 0; k < n; k++)
                copy[k] = p->cps[k] == 0xFFFF ? 0xFFFD : p->cps[k];
            cps = copy;
            break;
        }
    set_linebreaks_utf32(cps, (size_t)n, "zh", brks);
    for (int i = 0; i < n; i++) {
        g[i].brk = brks[i] == LINEBREAK_ALLOWBREAK ? DP_BRK_ALLOW
                 : brks[i] == LINEBREAK_MUSTBREAK  ? DP_BRK_MUST
                                                   : DP_BRK_NO;
        if (i + 1 < n) {
            uint32_t c = g[i].cp, next = g[i + 1].cp;
            /* clreq: closing marks never start a line, opening marks never end one */
            if (dp_is_closing_punct(next) || dp_is_opening_punct(c))
                g[i].brk = DP_BRK_NO;
            /* …… and —— are one unit */
            if ((c == 0x2026 || c == 0x2014) && next == c)
                g[i].brk = DP_BRK_NO;
            if (g[i + 1].flags & DP_TF_BREAK)
                g[i].brk = DP_BRK_MUST;
        }
    }
    g[n - 1].brk = DP_BRK_MUST;
    protect_urls(g, n);
    protect_code(g, n, width);
}

/* ===== Lines ===== */

typedef struct {
    dp_line *v;
    int n, cap;
} line_vec;

static void push_line(dp_arena *a, line_vec *lv, dp_line l)
{
    if (lv->n == lv->cap) {
        int cap = lv->cap ? lv->cap * 2 : 16;
        lv->v = dp_arena_grow(a, lv->v, (size_t)lv->n, (size_t)cap, sizeof *lv->v);
        lv->cap = cap;
    }
    lv->v[lv->n++] = l;
}

/* Natural width of glyphs [s, e], without trailing spaces; sets g[].x. */
static float measure(dp_glyph *g, int s, int e)
{
    float x = 0, visible = 0;
    for (int i = s; i <= e; i++) {
        if (i > s)
            x += g[i].gap;
        g[i].x = x;
        x += g[i].adv;
        if (g[i].cp != ' ')
            visible = x;
    }
    return visible;
}

/* Where to break a run that has no legal break and is too long: inside
 * code, before the glyph that overflows (a continuation mark shows it);
 * elsewhere after a URL separator if there is one, else there too. */
static int forced_end(const dp_glyph *g, int s, int over)
{
    if (g[over].flags & DP_TF_CODE)
        return over > s ? over - 1 : s;
    for (int j = over - 1; j > s; j--)
        if (strchr("/.?&=-_#", (int)(g[j].cp < 128 ? g[j].cp : 1)) && g[j].cp < 128)
            return j;
    return over > s ? over - 1 : s;
}

/* Greedy first fit: the longest legal line each time. */
static void break_para(dp_arena *a, line_vec *lv, dp_glyph *g, int n, int para, float width)
{
    int s = 0;
    while (s < n) {
        while (s < n - 1 && g[s].cp == ' ')
            s++;
        int last_ok = -1, end = -1;
        float x = 0;
        bool forced = false;
        for (int i = s; i < n; i++) {
            x += (i > s ? g[i].gap : 0) + g[i].adv;
            bool fits = x <= width + 0.01f || g[i].cp == ' ';
            if (!fits) {
                if (last_ok >= s) {
                    end = last_ok;
                } else {
                    end = forced_end(g, s, i);
                    forced = true;
                }
                break;
            }
            if (g[i].brk == DP_BRK_MUST) {
                end = i;
                break;
            }
            if (g[i].brk == DP_BRK_ALLOW)
                last_ok = i;
        }
        if (end < 0)
            end = n - 1;
        bool starts = lv->n == 0 || lv->v[lv->n - 1].para != para;
        /* a code span broken inside: the next line carries the mark */
        bool cont = !starts && s > 0 && (g[s - 1].flags & g[s].flags & DP_TF_CODE) && lv->v[lv->n - 1].forced &&
                    g[s - 1].cp != ' ';
        dp_line l = {.para = para, .first = s, .n = end - s + 1, .starts_para = starts,
                     .forced = forced, .cont = cont, .kind = DP_LN_TEXT};
        l.width = measure(g, s, end);
        push_line(a, lv, l);
        s = end + 1;
    }
    if (lv->n)
        lv->v[lv->n - 1].is_last = true;
}

static int han_count(const dp_glyph *g, int s, int n)
{
    int k = 0;
    for (int i = s; i < s + n; i++)
        k += dp_is_han(g[i].cp);
    return k;
}

/* A paragraph of two or more lines never ends on a line of two hanzi or
 * fewer with nothing but punctuation (对接。 风险。): its last line takes
 * characters down from the line above, at a legal break, until it holds
 * DP_MIN_LAST_HAN (issue 13 point 8; LaTeX's CJK packages do the same). */
#define DP_MIN_LAST_HAN 3
static bool short_last(const dp_glyph *g, const dp_line *l)
{
    int han = 0;
    for (int i = l->first; i < l->first + l->n; i++) {
        if (dp_is_han(g[i].cp))
            han++;
        else if (!dp_is_closing_punct(g[i].cp) && g[i].cp != ' ' && g[i].cp != 0x2026 && g[i].cp != 0x2014)
            return false; /* a Latin word or a number: not a stray character or two */
    }
    return han > 0 && han < DP_MIN_LAST_HAN;
}

/* Two consecutive lines a, b (b ending at glyph 'end') broken after glyph k instead. */
static void move_break(dp_glyph *g, dp_line *a, dp_line *b, int k, int end)
{
    a->n = k - a->first + 1;
    b->first = k + 1;
    b->n = end - k;
    a->width = measure(g, a->first, k);
    b->width = measure(g, b->first, end);
}

static void fix_short_last_line(dp_glyph *g, dp_line *prev, dp_line *last, float width)
{
    if (!short_last(g, last) || prev->n < 4)
        return;
    int end = last->first + last->n - 1;
    /* three hanzi if a legal break allows it, else (a narrow measure) two */
    for (int want = DP_MIN_LAST_HAN; want >= 2; want--) {
        if (han_count(g, last->first, last->n) >= want)
            return;
        for (int k = prev->first + prev->n - 2; k > prev->first; k--) {
            if (g[k].brk != DP_BRK_ALLOW || han_count(g, k + 1, end - k) < want)
                continue;
            if (measure(g, k + 1, end) > width + 0.01f)
                break;
            move_break(g, prev, last, k, end);
            return;
        }
    }
}

/* May justification stretch the gap after g[i]? Next to a CJK character or
 * after a space, never inside a Latin word or a code span. */
static bool stretchable(const dp_glyph *g, int i)
{
    if (g[i].flags & g[i + 1].flags & DP_TF_CODE)
        return false;
    return is_cjk(g[i].cp) || is_cjk(g[i + 1].cp) || g[i].cp == ' ';
}

/* Justify a line to 'width': spread the shortfall over the stretchable
 * gaps. Lines that would need more than 0.1 em a gap stay flush left
 * (docs/design.md §3). */
static void justify(dp_glyph *g, dp_line *l, float width, float em)
{
    int e = l->first + l->n - 1;
    while (e > l->first && g[e].cp == ' ')
        e--;
    float short_by = width - l->width;
    if (short_by <= 0.01f)
        return;
    int gaps = 0;
    for (int i = l->first; i < e; i++)
        gaps += stretchable(g, i);
    if (gaps == 0 || short_by / (float)gaps > 0.1f * em)
        return;
    float each = short_by / (float)gaps, add = 0;
    for (int i = l->first; i <= e; i++) {
        g[i].x += add;
        if (i < e && stretchable(g, i))
            add += each;
    }
    l->width = width;
}

/* ----- Block geometry ----- */

/* A block quote indents its text 1.1 em a level; its rule sits in the
 * first 0.3 em of that. */
#define QUOTE_STEP 1.1f
/* Code panel: text inset from the panel's edges, in em of the code. */
#define CODE_PAD_X 0.7f
#define CODE_PAD_Y 0.55f

static float glyphs_width(const dp_glyph *g, int n)
{
    float w = 0;
    for (int i = 0; i < n; i++)
        w += g[i].adv + (i ? g[i].gap : 0);
    return w;
}

static dp_glyph *shape_str(dp_arena *a, dp_fonts *f, const dp_textstyle *st, const char *s, int src,
                           float em, bool code, int *n_out)
{
    int cap = (int)strlen(s) + 1, n = 0;
    dp_para p = {0};
    p.cps = dp_arena_alloc(a, sizeof *p.cps * (size_t)cap);
    p.src = dp_arena_alloc(a, sizeof *p.src * (size_t)cap);
    p.flags = dp_arena_alloc(a, (size_t)cap);
    size_t i = 0, len = strlen(s);
    while (i < len) {
        p.cps[n] = dp_utf8_next(s, len, &i);
        p.src[n] = src;
        p.flags[n] = 0;
        n++;
    }
    p.n = n;
    *n_out = n;
    return shape(f, st, &p, a, NULL, NULL, em, code);
}

/* Width of a list's number column: its widest marker and a gap; bullets
 * take 1.2 em. */
static float marker_column(dp_arena *a, dp_fonts *f, const dp_textstyle *st, const char *widest)
{
    if (!widest || (unsigned char)widest[0] >= 0x80)
        return 1.2f * st->size_pt;
    int n;
    dp_glyph *g = shape_str(a, f, st, widest, 0, st->size_pt, false, &n);
    float w = glyphs_width(g, n) + 0.45f * st->size_pt;
    return w > 1.2f * st->size_pt ? w : 1.2f * st->size_pt;
}

/* Where a block's text starts, and its list marker. Past the sixth level
 * indents stop growing, so deep nesting never pushes text out of its box. */
static void place_block(dp_arena *a, dp_fonts *f, dp_textblock *tb, dp_parinfo *pi, const dp_rblock *b)
{
    const dp_textstyle *st = &tb->style;
    float x = (float)(b->quote < 4 ? b->quote : 4) * QUOTE_STEP * st->size_pt;
    float col = 1.2f * st->size_pt;
    for (int d = 0; d < b->depth && d < 6; d++) {
        col = marker_column(a, f, st, b->widest[d]);
        x += col;
    }
    if (x > tb->width_pt * 0.5f)
        x = tb->width_pt * 0.5f;
    pi->indent = x;
    if (b->marker && b->depth > 0) {
        bool bullet = (unsigned char)b->marker[0] >= 0x80;
        pi->marker = shape_str(a, f, st, b->marker, b->src, st->size_pt, false, &pi->n_marker);
        float w = glyphs_width(pi->marker, pi->n_marker);
        /* bullets 1 em left of the text (as before), numbers right-aligned in their column */
        pi->marker_x = bullet ? x - 1.0f * st->size_pt : x - 0.45f * st->size_pt - w;
        float cx = 0;
        for (int i = 0; i < pi->n_marker; i++) {
            cx += i ? pi->marker[i].gap : 0;
            pi->marker[i].x = cx;
            cx += pi->marker[i].adv;
        }
    }
    (void)col;
}

/* A Markdown image as a block: as wide as the text at most, as tall as
 * the style allows, never enlarged past 96 pixels an inch (the rules of
 * image:). Returns its id, or -1 when it was not loaded. */
static int image_size(const dp_textstyle *st, const char *path, float width, dp_parinfo *pi)
{
    dp_text t = {.s = path};
    const dp_image *img = st->images && path ? dp_images_find(st->images, &t) : NULL;
    if (!img)
        return -1;
    int pw, ph;
    dp_image_shown_px(img, &pw, &ph);
    float max_h = st->image_max_h > 0 ? st->image_max_h : 12 * st->leading_pt;
    float sc = width / (float)pw;
    if ((float)ph * sc > max_h)
        sc = max_h / (float)ph;
    if (sc > 72.0f / 96.0f)
        sc = 72.0f / 96.0f;
    pi->img_w = (float)pw * sc;
    pi->img_h = (float)ph * sc;
    return pi->img_w > 0 && pi->img_h > 0 ? img->id : -1;
}

/* Space above a block's first line. */
static float block_gap(const dp_textblock *tb, int p)
{
    if (p == 0)
        return 0;
    const dp_rblock *b = &tb->rich.blocks[tb->pinfo[p].block];
    const dp_rblock *prev = &tb->rich.blocks[tb->pinfo[p - 1].block];
    if (b->depth > 0 && b->tight && b->kind == DP_BK_PARA && prev->kind == DP_BK_PARA)
        return tb->para_gap_pt * 0.4f;
    return tb->para_gap_pt;
}

/* Code: the lines as written (tabs already expanded); a line wider than
 * the panel continues on the next with a hanging indent of two columns and
 * a continuation mark, breaking after a space when one is in its second
 * half, else where it overflows. */
static void lay_code(dp_arena *a, line_vec *lv, dp_textblock *tb, int p, float width)
{
    dp_parinfo *pi = &tb->pinfo[p];
    dp_glyph *g = tb->glyphs[p];
    int n = tb->n_glyphs[p];
    float em = pi->size_pt;
    float space = em * 0.6f; /* a column of the monospace face */
    for (int i = 0; i < n; i++)
        if (g[i].cp == ' ' && g[i].face >= 0) {
            space = g[i].adv;
            break;
        }
    float hang = 2 * space;
    float avail = width - pi->indent - CODE_PAD_X * em;
    if (avail < 4 * hang)
        avail = 4 * hang;
    int from = lv->n;
    int s = 0;
    while (s <= n) {
        int e = s;
        while (e < n && g[e].cp != '\n')
            e++;
        /* line [s, e); its continuations hang two columns past its own indentation */
        int k = s;
        bool cont = false;
        float lead = 0;
        for (int i = s; i < e && g[i].cp == ' '; i++)
            lead += g[i].adv;
        float cont_in = lead + hang < avail / 2 ? lead + hang : hang;
        do {
            float lim = avail - (cont ? cont_in : 0), x = 0;
            int end = e, last_space = -1;
            for (int i = k; i < e; i++) {
                if (x + g[i].adv > lim + 0.01f && i > k) {
                    end = last_space > k && last_space + 1 < i && x > lim * 0.5f ? last_space + 1 : i;
                    break;
                }
                if (g[i].cp == ' ' && i > k && g[i - 1].cp != ' ')
                    last_space = i;
                x += g[i].adv;
            }
            dp_line l = {.para = p, .first = k, .n = end - k, .kind = DP_LN_CODE, .cont = cont,
                         .starts_para = lv->n == from, .h = pi->leading_pt,
                         .indent = pi->indent + (cont ? cont_in : 0)};
            float cx = 0;
            for (int i = k; i < end; i++) {
                g[i].x = cx;
                cx += g[i].adv;
            }
            l.width = cx;
            push_line(a, lv, l);
            k = end;
            cont = true;
        } while (k < e);
        s = e + 1;
    }
    float pad = CODE_PAD_Y * em;
    lv->v[from].h += pad;
    lv->v[from].pad = pad;
    lv->v[lv->n - 1].h += pad;
    lv->v[lv->n - 1].is_last = true;
    /* a line and its continuation (dp_line.cont) are never separated:
     * dp_flow_split_ok refuses that split, so no keep is needed here */
}

static void lay_lines(dp_arena *a, dp_textblock *tb, float width)
{
    line_vec lv = {0};
    for (int p = 0; p < tb->n_paras; p++) {
        dp_parinfo *pi = &tb->pinfo[p];
        const dp_rblock *b = &tb->rich.blocks[pi->block];
        int from = lv.n;
        if (b->kind == DP_BK_CODE) {
            lay_code(a, &lv, tb, p, width);
        } else if (b->kind == DP_BK_RULE) {
            dp_line l = {.para = p, .kind = DP_LN_RULE, .starts_para = true, .is_last = true,
                         .h = 0.6f * tb->style.leading_pt, .indent = pi->indent};
            push_line(a, &lv, l);
        } else if (b->kind == DP_BK_IMAGE && pi->image >= 0) {
            dp_line l = {.para = p, .kind = DP_LN_IMAGE, .starts_para = true, .is_last = true,
                         .h = pi->img_h, .indent = pi->indent, .width = pi->img_w};
            push_line(a, &lv, l);
        } else if (b->kind == DP_BK_TABLE) {
            dp_text_lay_table(a, tb, p, width);
            dp_table_lines(a, tb, p, &lv.v, &lv.n, &lv.cap);
        } else {
            break_para(a, &lv, tb->glyphs[p], tb->n_glyphs[p], p, width - pi->indent);
            for (int i = from; i < lv.n; i++) {
                lv.v[i].indent = pi->indent;
                lv.v[i].h = pi->leading_pt;
                lv.v[i].keep = b->heading;
            }
            if (lv.n - from >= 2)
                fix_short_last_line(tb->glyphs[p], &lv.v[lv.n - 2], &lv.v[lv.n - 1], width - pi->indent);
            /* a lead-in ("完整命令：", "Steps:") keeps with what it introduces */
            int e = tb->n_glyphs[p];
            while (e > 0 && (tb->glyphs[p][e - 1].cp == ' ' || tb->glyphs[p][e - 1].cp == '\n'))
                e--;
            if (lv.n > from && p + 1 < tb->n_paras && e > 0 &&
                (tb->glyphs[p][e - 1].cp == ':' || tb->glyphs[p][e - 1].cp == 0xFF1A))
                lv.v[lv.n - 1].keep = true;
        }
        if (lv.n > from)
            lv.v[from].gap = block_gap(tb, p);
    }
    tb->lines = lv.v;
    tb->n_lines = lv.n;
}

/* Headlines: the narrowest width that keeps the same number of lines. */
static float balanced_width(dp_arena *a, dp_textblock *tb, float width)
{
    int n0 = tb->n_lines;
    if (n0 < 2)
        return width;
    float lo = width * 0.4f, hi = width;
    for (int it = 0; it < 14; it++) {
        float mid = (lo + hi) / 2;
        lay_lines(a, tb, mid);
        bool ok = tb->n_lines == n0;
        for (int i = 0; ok && i < tb->n_lines; i++)
            ok = !tb->lines[i].forced && tb->lines[i].width <= mid + 0.01f;
        if (ok)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* After which glyphs of g[0..n) a word ends, by ICU's dictionary
 * segmentation: Chinese writes no spaces, and a headline broken inside a
 * word (一启|动) makes the reader stumble. NULL when ICU cannot say. */
static bool *word_ends(dp_arena *a, const dp_glyph *g, int n)
{
    UChar *u = dp_arena_alloc(a, sizeof *u * (size_t)(2 * n + 1));
    int *at = dp_arena_alloc(a, sizeof *at * (size_t)(2 * n + 1)); /* UTF-16 index -> glyph */
    int32_t len = 0;
    for (int i = 0; i < n; i++) {
        UChar32 c = g[i].cp > 0x10FFFF ? 0xFFFD : (UChar32)g[i].cp;
        at[len] = i;
        if (U_IS_BMP(c)) {
            u[len++] = (UChar)c;
        } else {
            u[len++] = U16_LEAD(c);
            at[len] = i;
            u[len++] = U16_TRAIL(c);
        }
    }
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", u, len, &err);
    if (U_FAILURE(err))
        return NULL;
    bool *end = dp_arena_alloc(a, (size_t)(n ? n : 1));
    for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
        if (b > 0 && b <= len)
            end[at[b - 1]] = true;
    ubrk_close(bi);
    return end;
}

/* How good a break after glyph k is in a headline: after sentence
 * punctuation best, then after a particle or conjunction (的 之 与 和 及
 * 或) or a closing bracket (」』》）), where a Chinese reader pauses
 * anyway, then between two words (at a space, or a word end of Chinese by
 * 'ends'); 0 inside a word. */
static int headline_break_rank(const dp_glyph *g, int k, const bool *ends)
{
    static const uint32_t punct[] = {0x3002, 0xFF1F, 0xFF01, 0xFF1B, 0xFF0C, 0x3001, 0xFF1A};
    static const uint32_t particles[] = {0x7684, 0x4E4B, 0x4E0E, 0x548C, 0x53CA, 0x6216};
    uint32_t cp = g[k].cp;
    for (size_t i = 0; i < sizeof punct / sizeof *punct; i++)
        if (cp == punct[i])
            return 3;
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        if (cp == particles[i])
            return 2;
    if (cp == 0x300D || cp == 0x300F || cp == 0x300B || cp == 0xFF09)
        return 2; /* after 」』》）: a quoted name or an aside ends */
    return cp == ' ' || g[k + 1].cp == ' ' || !ends || ends[k] ? 1 : 0;
}

/* docs/design.md §3: balanced headline lines move their break to a natural pause
 * within 3 characters of the balance point, if the lines still fit; a
 * break inside a word moves to the nearest word boundary. */
static void prefer_natural_breaks(dp_arena *a, dp_textblock *tb, float width)
{
    const bool *ends = NULL;
    int ends_para = -1;
    for (int i = 0; i + 1 < tb->n_lines; i++) {
        dp_line *l = &tb->lines[i], *n = &tb->lines[i + 1];
        if (l->para != n->para || l->forced)
            continue;
        dp_glyph *g = tb->glyphs[l->para];
        if (ends_para != l->para)
            ends = word_ends(a, g, tb->n_glyphs[l->para]), ends_para = l->para;
        int e = l->first + l->n - 1, last = n->first + n->n - 1;
        if (headline_break_rank(g, e, ends) == 3)
            continue;
        int best = e, best_rank = headline_break_rank(g, e, ends), best_dist = 0;
        for (int k = e - 3; k <= e + 3; k++) {
            if (k <= l->first || k >= last || g[k].brk != DP_BRK_ALLOW)
                continue;
            int r = headline_break_rank(g, k, ends), dist = k > e ? k - e : e - k;
            if (dp_is_closing_punct(g[k].cp) && headline_break_rank(g, k - 1, ends) == 3)
                r = 3; /* 吗？” : after the quote that closes a sentence */
            if (r > best_rank || (r == best_rank && r > 0 && dist < best_dist)) {
                if (measure(g, l->first, k) > width + 0.01f || measure(g, k + 1, last) > width + 0.01f)
                    continue;
                best = k, best_rank = r, best_dist = dist;
            }
        }
        if (best == e)
            continue;
        move_break(g, l, n, best, last);
    }
}

/* Tabs in code to spaces up to the next multiple of 'tab' columns. */
static dp_para expand_tabs(dp_arena *a, const dp_para *p, int tab)
{
    int extra = 0;
    for (int i = 0; i < p->n; i++)
        extra += p->cps[i] == '\t' ? tab - 1 : 0;
    if (!extra)
        return *p;
    dp_para q = {0};
    int cap = p->n + extra;
    q.cps = dp_arena_alloc(a, sizeof *q.cps * (size_t)cap);
    q.src = dp_arena_alloc(a, sizeof *q.src * (size_t)cap);
    q.flags = dp_arena_alloc(a, (size_t)cap);
    q.link = dp_arena_alloc(a, sizeof *q.link * (size_t)cap);
    q.tok = dp_arena_alloc(a, (size_t)cap);
    int col = 0;
    for (int i = 0; i < p->n; i++) {
        int reps = 1;
        uint32_t cp = p->cps[i];
        if (cp == '\t') {
            reps = tab - col % tab;
            cp = ' ';
        }
        for (int r = 0; r < reps; r++) {
            q.cps[q.n] = cp;
            q.src[q.n] = p->src[i];
            q.flags[q.n] = p->flags[i];
            q.link[q.n] = p->link ? p->link[i] : 0;
            q.tok[q.n] = p->tok ? p->tok[i] : 0;
            q.n++;
            col = cp == '\n' ? 0 : col + 1;
        }
    }
    return q;
}

/* Lay out a parsed model (text blocks, or table cells) at 'width_pt'. */
dp_textblock *dp_text_layout_rich(dp_arena *a, dp_fonts *fonts, const dp_textstyle *st, dp_rich r,
                                  float width_pt, const dp_text *where, dp_diags *d)
{
    dp_textblock *tb = dp_arena_alloc(a, sizeof *tb);
    memset(tb, 0, sizeof *tb);
    tb->style = *st;
    tb->fonts = fonts;
    tb->width_pt = width_pt;
    tb->para_gap_pt = 0.4f * st->leading_pt;
    tb->too_wide = -1;
    tb->rich = r;
    tb->n_paras = r.n;
    size_t np = (size_t)(r.n ? r.n : 1);
    tb->glyphs = dp_arena_alloc(a, sizeof *tb->glyphs * np);
    tb->n_glyphs = dp_arena_alloc(a, sizeof *tb->n_glyphs * np);
    tb->pinfo = dp_arena_alloc(a, sizeof *tb->pinfo * np);
    memset(tb->pinfo, 0, sizeof *tb->pinfo * np);
    float code_size = st->size_pt * (st->code_scale > 0 ? st->code_scale : 0.85f);
    float code_lead = code_size * (st->code_leading > 0 ? st->code_leading : 1.35f);
    for (int p = 0; p < r.n; p++) {
        const dp_rblock *b = &r.blocks[p];
        dp_parinfo *pi = &tb->pinfo[p];
        pi->block = p;
        bool code = b->kind == DP_BK_CODE;
        pi->size_pt = code ? code_size : st->size_pt;
        pi->leading_pt = code ? code_lead : st->leading_pt;
        place_block(a, fonts, tb, pi, b);
        pi->image = b->kind == DP_BK_IMAGE ? image_size(st, b->path, width_pt - pi->indent, pi) : -1;
        dp_para text = code ? expand_tabs(a, &b->text, st->tab_width > 0 ? st->tab_width : 4) : b->text;
        if (code)
            pi->indent += CODE_PAD_X * code_size;
        tb->glyphs[p] = shape_para(fonts, st, &text, a, where, d, pi->size_pt, code);
        tb->n_glyphs[p] = text.n;
        if (b->kind == DP_BK_PARA || b->kind == DP_BK_IMAGE) {
            /* balanced headlines try narrower widths: they need every opportunity */
            float whole = st->balance ? -1 : width_pt - pi->indent;
            find_breaks(tb->glyphs[p], &text, a, whole);
        }
    }
    lay_lines(a, tb, width_pt);
    if (st->balance) {
        lay_lines(a, tb, balanced_width(a, tb, width_pt));
        prefer_natural_breaks(a, tb, width_pt);
    }
    /* the continuation mark, shaped only when a line needs it (labels and
     * most answers never do) */
    tb->cont_glyph.face = -1;
    for (int i = 0; i < tb->n_lines; i++)
        if (tb->lines[i].cont) {
            int one;
            tb->cont_glyph = *shape_str(a, fonts, st, "\xE2\x86\xAA", 0, code_size, true, &one); /* ↪ */
            break;
        }
    tb->max_line_pt = 0;
    for (int i = 0; i < tb->n_lines; i++) {
        dp_line *l = &tb->lines[i];
        if (l->kind == DP_LN_TEXT) {
            /* trial measures while moving breaks left other lines' positions
             * stale: set every line's positions once more, for good */
            l->width = measure(tb->glyphs[l->para], l->first, l->first + l->n - 1);
            if (st->justify && !l->is_last && !l->forced)
                justify(tb->glyphs[l->para], l, width_pt - l->indent, st->size_pt);
            l->visual = visual_order(a, tb->glyphs[l->para], l);
        }
        if (l->indent + l->width > tb->max_line_pt)
            tb->max_line_pt = l->indent + l->width;
    }
    return tb;
}

dp_textblock *dp_text_layout(dp_arena *a, dp_fonts *fonts, const dp_textstyle *st,
                             const char *text, int len, float width_pt,
                             const dp_text *where, dp_diags *d)
{
    dp_rich r = dp_markup_parse(a, text ? text : "", text ? len : 0, st->rich, st->print_urls);
    return dp_text_layout_rich(a, fonts, st, r, width_pt, where, d);
}

float dp_text_height(const dp_textblock *tb, int first, int n)
{
    float h = n > 0 ? dp_table_repeat_height(tb, first) : 0;
    for (int i = first; i < first + n && i < tb->n_lines; i++)
        h += tb->lines[i].h + (i > first ? tb->lines[i].gap : 0);
    return h;
}

float dp_text_total_height(const dp_textblock *tb)
{
    return dp_text_height(tb, 0, tb->n_lines);
}

float dp_text_first_baseline(const dp_textstyle *st, float y_top)
{
    return y_top + (st->leading_pt - st->size_pt) / 2 + 0.88f * st->size_pt;
}

bool dp_is_latin_script(uint32_t cp) { return is_latin_script(cp); }

/* ===== Tables ===== */

/* GitHub tables inside rich text (see text.h). A table is one
 * paragraph of its text block whose lines are its rows: columns as wide as
 * their content when that fits, else shared out between each column's
 * narrowest (its longest word, at least four em) and its natural width;
 * cells wrap inside their column. Booktabs rules: a heavier rule above and
 * below the table, a hairline under the header and between rows. */
static dp_textstyle cell_style(const dp_textblock *tb)
{
    dp_textstyle st = tb->style;
    float size = st.size_pt * 0.9f;
    st.leading_pt = size * 1.4f;
    st.size_pt = size;
    st.justify = st.balance = false;
    return st;
}

static dp_textblock *lay_cell(dp_arena *a, const dp_textblock *tb, const dp_textstyle *st,
                              const dp_para *cell, float width)
{
    dp_rblock b = {.kind = DP_BK_PARA, .text = *cell};
    dp_rich r = {.blocks = &b, .n = 1, .links = tb->rich.links, .n_links = tb->rich.n_links};
    dp_rblock *copy = dp_arena_alloc(a, sizeof b);
    *copy = b;
    r.blocks = copy;
    return dp_text_layout_rich(a, tb->fonts, st, r, width, NULL, NULL);
}

/* The narrowest a cell can be: its longest run of Latin letters, digits
 * or code (never broken), at least 3 em unless the whole cell is narrower. */
static float min_width(const dp_textblock *c, float natural)
{
    float best = 0, run = 0;
    for (int p = 0; p < c->n_paras; p++)
        for (int i = 0; i < c->n_glyphs[p]; i++) {
            const dp_glyph *g = &c->glyphs[p][i];
            bool word = g->cp != ' ' && (g->cp < 0x2E80 || (g->flags & DP_TF_CODE));
            run = word ? run + g->adv : 0;
            if (run > best)
                best = run;
        }
    float floor = 3 * c->style.size_pt;
    if (best < floor)
        best = floor;
    return best < natural ? best : natural;
}

void dp_text_lay_table(dp_arena *a, dp_textblock *tb, int p, float width)
{
    dp_parinfo *pi = &tb->pinfo[p];
    const dp_rblock *b = &tb->rich.blocks[pi->block];
    dp_table_lay *t = dp_arena_alloc(a, sizeof *t);
    memset(t, 0, sizeof *t);
    pi->table = t;
    t->rows = b->rows, t->cols = b->cols, t->head_rows = b->head_rows;
    dp_textstyle st = cell_style(tb);
    t->pad_x = 0.45f * st.size_pt;
    t->pad_y = 0.3f * st.size_pt;
    size_t nc = (size_t)(t->rows * t->cols);
    t->cells = dp_arena_alloc(a, sizeof *t->cells * (nc ? nc : 1));
    t->col_x = dp_arena_alloc(a, sizeof *t->col_x * (size_t)(t->cols + 1));
    t->col_w = dp_arena_alloc(a, sizeof *t->col_w * (size_t)(t->cols + 1));
    t->row_h = dp_arena_alloc(a, sizeof *t->row_h * (size_t)(t->rows + 1));
    float *nat = dp_arena_alloc(a, sizeof *nat * (size_t)(t->cols + 1));
    float *mn = dp_arena_alloc(a, sizeof *mn * (size_t)(t->cols + 1));
    for (int c = 0; c < t->cols; c++)
        nat[c] = mn[c] = 0;
    for (int r = 0; r < t->rows; r++)
        for (int c = 0; c < t->cols; c++) {
            dp_textblock *cell = lay_cell(a, tb, &st, &b->cells[r * t->cols + c], 1e6f);
            if (cell->max_line_pt > nat[c])
                nat[c] = cell->max_line_pt;
            float m = min_width(cell, cell->max_line_pt);
            if (m > mn[c])
                mn[c] = m;
        }
    float avail = width - pi->indent - (float)t->cols * 2 * t->pad_x;
    float sum_nat = 0, sum_min = 0;
    for (int c = 0; c < t->cols; c++)
        sum_nat += nat[c], sum_min += mn[c];
    for (int c = 0; c < t->cols; c++) {
        if (sum_nat <= avail)
            t->col_w[c] = nat[c];
        else if (sum_min <= avail && sum_nat > sum_min)
            t->col_w[c] = mn[c] + (nat[c] - mn[c]) * (avail - sum_min) / (sum_nat - sum_min);
        else
            t->col_w[c] = mn[c];
        if (t->col_w[c] < 1)
            t->col_w[c] = 1;
    }
    if (sum_min > avail + 0.01f)
        tb->too_wide = b->src;
    float x = 0;
    for (int c = 0; c < t->cols; c++) {
        t->col_x[c] = x + t->pad_x;
        x += t->col_w[c] + 2 * t->pad_x;
    }
    t->width = x;
    for (int r = 0; r < t->rows; r++) {
        float h = 0;
        for (int c = 0; c < t->cols; c++) {
            dp_textblock *cell = lay_cell(a, tb, &st, &b->cells[r * t->cols + c], t->col_w[c]);
            t->cells[r * t->cols + c] = cell;
            float ch = dp_text_total_height(cell);
            if (ch > h)
                h = ch;
        }
        if (h < st.leading_pt)
            h = st.leading_pt;
        t->row_h[r] = h + 2 * t->pad_y;
    }
    if (t->width > tb->max_line_pt)
        tb->max_line_pt = t->width;
}

void dp_table_lines(dp_arena *a, dp_textblock *tb, int p, dp_line **v, int *n, int *cap)
{
    const dp_parinfo *pi = &tb->pinfo[p];
    const dp_table_lay *t = pi->table;
    for (int r = 0; r < t->rows; r++) {
        dp_line l = {.para = p, .kind = DP_LN_ROW, .row = r, .starts_para = r == 0,
                     .is_last = r == t->rows - 1, .h = t->row_h[r], .indent = pi->indent,
                     .width = t->width, .keep = r < t->head_rows};
        *(dp_line *)dp_arena_push(a, v, n, cap, sizeof l) = l;
    }
}

float dp_table_repeat_height(const dp_textblock *tb, int first)
{
    if (first < 0 || first >= tb->n_lines)
        return 0;
    const dp_line *l = &tb->lines[first];
    if (l->kind != DP_LN_ROW)
        return 0;
    const dp_table_lay *t = tb->pinfo[l->para].table;
    if (!t || l->row < t->head_rows)
        return 0;
    float h = 0;
    for (int r = 0; r < t->head_rows; r++)
        h += t->row_h[r];
    return h;
}
