/* markup.c: rich text -> blocks with md4c (see markup.h). md4c calls back
 * for every block and span it enters and leaves and for every piece of
 * text; this file only keeps the state of those calls (the open lists,
 * quotes, spans and the block being filled) and appends to the model. */
#include "markup.h"

#include <hb.h>
#include <ctype.h>
#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "highlight.h"
#include "utf8.h"

/* ===== Building inline content ===== */

typedef struct {
    dp_para p;
    int cap;
} para_buf;

static void push(dp_arena *a, para_buf *b, uint32_t cp, int src, unsigned char flags, short link)
{
    if (b->p.n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 64;
        b->p.cps = dp_arena_grow(a, b->p.cps, (size_t)b->p.n, (size_t)cap, sizeof *b->p.cps);
        b->p.src = dp_arena_grow(a, b->p.src, (size_t)b->p.n, (size_t)cap, sizeof *b->p.src);
        b->p.flags = dp_arena_grow(a, b->p.flags, (size_t)b->p.n, (size_t)cap, 1);
        b->p.link = dp_arena_grow(a, b->p.link, (size_t)b->p.n, (size_t)cap, sizeof *b->p.link);
        b->cap = cap;
    }
    b->p.cps[b->p.n] = cp;
    b->p.src[b->p.n] = src;
    b->p.flags[b->p.n] = flags;
    b->p.link[b->p.n] = link;
    b->p.n++;
}

/* ===== Marks: what md4c is shown =====
 *
 * CJK-friendly emphasis. CommonMark decides whether a run of * or _ can
 * open or close emphasis from the characters on either side ("flanking")
 * and counts CJK punctuation as punctuation: in "**林舟：**我" the second **
 * follows "：" and precedes a Han character, so it can only open, and the
 * asterisks are printed. Chinese is written without spaces, so this happens
 * all the time. We follow the CJK-friendly amendment of the flanking rules
 * (github.com/tats-u/markdown-cjk-friendly, specification.md; CommonMark
 * issue 650): CJK punctuation counts as an ordinary character, and a CJK
 * character on the outer side of a run stands in for the whitespace or
 * punctuation CommonMark wants there.
 *
 * md4c has no such option, so before parsing, each run whose ability to
 * open or close differs under the amendment gets an invisible mark on
 * either side that makes md4c see exactly the amended answer: U+2060 (to
 * md4c neither space nor punctuation) or U+2010 (punctuation).
 *
 * Two faults of md4c 0.4.8's permissive autolinks (Debian 12) are kept
 * away the same way: a link destination "](https://…)" followed by text
 * unbalances the emphasis after it (md4c issue 53; a U+2060 before its ':'
 * hides the URL from the autolink scan), and a bare URL runs on into the
 * Chinese that follows it ("见 https://a.org。下一句" links "。下一句"; a
 * space before the first CJK character ends it, as GitHub's rule of
 * "until a space" means for text written without spaces; a run of * or _
 * between them gets its own marks, so the space is no neighbour of it).
 * For the same reason a URL right after CJK text ("详见https://…",
 * "（https://…）") gets a space mark before it, which md4c wants there.
 *
 * The marks are known by their position, dropped from every text and
 * attribute md4c hands back, and offsets are mapped back to the author's
 * text. */

enum { FL_SPACE, FL_PUNCT, FL_CJK_PUNCT, FL_CJK, FL_OTHER };

static const char MARK_OTHER[] = "\xE2\x81\xA0"; /* U+2060 WORD JOINER */
static const char MARK_PUNCT[] = "\xE2\x80\x90"; /* U+2010 HYPHEN */
static const char MARK_SPACE[] = " ";

/* East Asian Width W, F or H (UAX #11), emoji left out, or Hangul. */
static bool cjk_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7FF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE19) ||
           (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFFDC) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x16FE0 && c <= 0x18AFF) ||
           (c >= 0x1B000 && c <= 0x1B16F) || (c >= 0x20000 && c <= 0x3FFFD);
}

static bool unicode_punct(uint32_t c)
{
    if (c < 0x80)
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
               (c >= '{' && c <= '~');
    switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), c)) {
    case HB_UNICODE_GENERAL_CATEGORY_CONNECT_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_DASH_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_CLOSE_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_FINAL_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_INITIAL_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_OTHER_PUNCTUATION:
    case HB_UNICODE_GENERAL_CATEGORY_OPEN_PUNCTUATION:
        return true;
    default:
        return false;
    }
}

static int flank_class(uint32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
        (c >= 0x80 && hb_unicode_general_category(hb_unicode_funcs_get_default(), c) ==
                      HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR))
        return FL_SPACE;
    bool p = unicode_punct(c), w = cjk_wide(c);
    return w ? (p ? FL_CJK_PUNCT : FL_CJK) : p ? FL_PUNCT : FL_OTHER;
}

static bool is_vs(uint32_t c) { return (c >= 0xFE00 && c <= 0xFE0E) || (c >= 0xE0100 && c <= 0xE01EF); }

/* The character before s[at] (a line start is a space). A variation
 * selector counts as the character it follows (a CJK sequence). */
static uint32_t char_before(const char *s, int at)
{
    for (;;) {
        if (at <= 0)
            return ' ';
        int k = at - 1;
        while (k > 0 && at - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        size_t i = (size_t)k;
        uint32_t c = dp_utf8_next(s, (size_t)at, &i);
        if (c >= 0xE0100 && c <= 0xE01EF)
            return 0x4E00; /* an ideographic variation selector: a CJK sequence */
        if (!is_vs(c))
            return c;
        at = k;
    }
}

static uint32_t char_at(const char *s, int len, int at)
{
    if (at >= len)
        return ' ';
    size_t i = (size_t)at;
    return dp_utf8_next(s, (size_t)len, &i);
}

typedef struct {
    bool open, close;
} flanking;

/* Whether the run of 'ch' between the characters 'b' and 'f' can open and
 * close, by CommonMark's rules (cjk false) or the CJK-friendly ones. */
static flanking flank(char ch, uint32_t b, uint32_t f, bool cjk)
{
    int cb = flank_class(b), cf = flank_class(f);
    bool bp = cb == FL_PUNCT || cb == FL_CJK_PUNCT, fp = cf == FL_PUNCT || cf == FL_CJK_PUNCT;
    bool left, right;
    if (!cjk) {
        left = cf != FL_SPACE && (!fp || cb == FL_SPACE || bp);
        right = cb != FL_SPACE && (!bp || cf == FL_SPACE || fp);
    } else {
        left = cf != FL_SPACE && (cf != FL_PUNCT || cb != FL_OTHER);
        right = cb != FL_SPACE && (cb != FL_PUNCT || cf != FL_OTHER);
    }
    if (ch == '*')
        return (flanking){left, right};
    return (flanking){left && (!right || bp), right && (!left || fp)};
}

/* A mark: the bytes [at, at + len) of the marked text; shift = the bytes
 * of this and all earlier marks. */
typedef struct {
    int at, shift, len;
} mark;

/* The text md4c reads: the source with marks. */
typedef struct {
    const char *s;
    int len;
    mark *marks;
    int n;
} marked;

typedef struct {
    dp_arena *a;
    const char *src;
    int src_len;
    char *out;
    int n_out, cap, copied, cap_marks;
    marked m;
} marker;

/* Copy the source up to src[at] (calls come in increasing 'at'), then
 * 'text' (a mark, or nothing). */
static void copy_to(marker *k, int at, const char *text, int n)
{
    int need = k->n_out + (at - k->copied) + n + (k->src_len - at) + 1;
    if (need > k->cap) {
        int cap = need * 2;
        k->out = dp_arena_grow(k->a, k->out, (size_t)k->n_out, (size_t)cap, 1);
        k->cap = cap;
    }
    memcpy(k->out + k->n_out, k->src + k->copied, (size_t)(at - k->copied));
    k->n_out += at - k->copied;
    k->copied = at;
    memcpy(k->out + k->n_out, text, (size_t)n);
    k->n_out += n;
}

static void put_mark(marker *k, int at, const char *text)
{
    if (at < k->copied)
        return; /* never out of order (the scan never asks it) */
    int n = (int)strlen(text);
    mark *m = dp_arena_push(k->a, &k->m.marks, &k->m.n, &k->cap_marks, sizeof *m);
    copy_to(k, at, text, n);
    m->at = k->n_out - n;
    m->len = n;
    m->shift = (k->m.n > 1 ? m[-1].shift : 0) + n;
}

/* A run of * or _ at s[i..e): marks on both sides when the amendment
 * changes what it can do, or 'force' (a URL ends before it). Punctuation
 * on the side that lets it open (before) or close (after), an ordinary
 * character otherwise: md4c then sees exactly the amended answer. */
static void mark_run(marker *k, int i, int e, bool force)
{
    char ch = k->src[i];
    uint32_t b = char_before(k->src, i), f = char_at(k->src, k->src_len, e);
    flanking std = flank(ch, b, f, false), cjk = flank(ch, b, f, true);
    /* (a run of * the amendment lets do less than CommonMark does not exist) */
    if (!force && (std.open == cjk.open && std.close == cjk.close))
        return;
    if (ch == '*' && !cjk.open && !cjk.close)
        return;
    put_mark(k, i, cjk.open ? MARK_PUNCT : MARK_OTHER);
    put_mark(k, e, cjk.close ? MARK_PUNCT : MARK_OTHER);
}

/* Where md4c's bare URLs run: to a space or a '<'. Nothing inside gets a
 * mark (md4c writes a www. link's URL into a buffer of its own). */
static bool url_char(char c)
{
    return (unsigned char)c > ' ' && c != '<';
}

/* A bare URL starting at s[i] ("http://", "https://", "ftp://", "www."):
 * where it runs into CJK text, a space mark ends it; a run of * or _
 * between the URL and the CJK text stays after the mark. Returns the
 * offset after the URL. */
static int mark_url(marker *k, int i)
{
    const char *s = k->src;
    int e = i;
    while (e < k->src_len && url_char(s[e]) && !cjk_wide(char_at(s, k->src_len, e))) {
        if ((unsigned char)s[e] >= 0x80) {
            size_t n = (size_t)e;
            dp_utf8_next(s, (size_t)k->src_len, &n);
            e = (int)n;
        } else {
            e++;
        }
    }
    if (e >= k->src_len || !cjk_wide(char_at(s, k->src_len, e)))
        return e;
    int r = e;
    char ch = s[r - 1];
    if (ch == '*' || ch == '_') {
        while (r > i && s[r - 1] == ch)
            r--;
    }
    put_mark(k, r, MARK_SPACE);
    if (r < e)
        mark_run(k, r, e, true);
    return e;
}

static bool starts_url(const char *s, int len, int i)
{
    static const char *const schemes[] = {"http://", "https://", "ftp://", "www."};
    if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '<' ||
                  (i > 1 && s[i - 1] == '(' && s[i - 2] == ']')))
        return false; /* part of a word, a path, an autolink or a link destination */
    for (size_t k = 0; k < sizeof schemes / sizeof *schemes; k++) {
        size_t n = strlen(schemes[k]);
        if ((size_t)(len - i) > n && strncasecmp(s + i, schemes[k], n) == 0)
            return true;
    }
    return false;
}

static marked mark_text(dp_arena *a, const char *s, int len)
{
    marker k = {.a = a, .src = s, .src_len = len, .m = {s, len, NULL, 0}};
    for (int i = 0; i < len;) {
        char ch = s[i];
        if (ch == '\\' && i + 1 < len) {
            i += 2; /* an escaped character is no delimiter */
            continue;
        }
        if (ch == '*' || ch == '_') {
            int e = i;
            while (e < len && s[e] == ch)
                e++;
            mark_run(&k, i, e, false);
            i = e;
            continue;
        }
        if (ch == ']' && i + 1 < len && s[i + 1] == '(') {
            /* a link destination: hide its scheme's ':' from the autolinks;
             * nothing else in it gets a mark */
            int e = i + 2;
            bool scheme = false;
            while (e < len && s[e] != ')' && s[e] != ' ' && s[e] != '\n') {
                if (!scheme && s[e] == ':' && e + 2 < len && s[e + 1] == '/' && s[e + 2] == '/') {
                    put_mark(&k, e, MARK_OTHER);
                    scheme = true;
                }
                e += s[e] == '\\' && e + 1 < len ? 2 : 1;
            }
            i = e;
            continue;
        }
        if (ch == '<') {
            /* an autolink <scheme:…> or <a@b.c>: md4c may write its URL anew,
             * so nothing inside gets a mark */
            int e = i + 1;
            bool url = false;
            while (e < len && s[e] != '>' && s[e] != '<' && (unsigned char)s[e] > ' ')
                url |= s[e] == ':' || s[e] == '@', e++;
            if (e < len && s[e] == '>' && url) {
                i = e + 1;
                continue;
            }
        }
        if (starts_url(s, len, i)) {
            if (cjk_wide(char_before(s, i)))
                put_mark(&k, i, MARK_SPACE); /* "详见https://…": md4c wants a space before */
            i = mark_url(&k, i);
            continue;
        }
        i++;
    }
    if (!k.m.n)
        return k.m;
    copy_to(&k, len, "", 0); /* the tail */
    k.out[k.n_out] = 0;
    k.m.s = k.out;
    k.m.len = k.n_out;
    return k.m;
}

/* How many marks start before offset 'at' of the marked text. */
static int marks_before(const marked *m, int at)
{
    int lo = 0, hi = m->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (m->marks[mid].at < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The length of the mark at offset 'at' of the marked text; 0 = none. */
static int mark_at(const marked *m, int at)
{
    int k = marks_before(m, at);
    return k < m->n && m->marks[k].at == at ? m->marks[k].len : 0;
}

/* ===== md4c callbacks ===== */

typedef struct {
    bool ordered;
    unsigned next;      /* number of the next item */
    unsigned start;
    char delim;
    bool tight;
    int first_block;    /* the first block inside the list */
    long written;       /* the number the previous item was written with (lints) */
    int depth;          /* nesting depth of its items (1 = outermost list) */
} list_state;

typedef struct {
    dp_arena *a;
    const char *source; /* the author's text */
    int source_len;
    int last_src;        /* the source offset after the last character added */
    marked mk;          /* what md4c reads: the source with marks (CJK-friendly emphasis) */
    bool print_urls;
    bool plain;          /* plain text: soft line breaks and tabs kept as written */
    /* lints (dp_markup_lint): problems go to report */
    void (*report)(void *ctx, int offset, const char *msg);
    void *report_ctx;
    bool check_no;       /* the next text starts a numbered item: check its number */
    unsigned check_expect;
    int a_start;         /* where the open link's text starts in buf */
    bool a_empty;        /* ...and its URL is empty */
    dp_rich r;
    int cap_blocks, cap_links;
    list_state lists[64];
    int n_lists;
    int quote;
    /* the block being filled */
    bool open;          /* a paragraph, heading, code block or cell is open */
    bool implicit;      /* ...a paragraph md4c did not announce (tight list item) */
    dp_rblock cur;
    para_buf buf;
    const char *pending_marker;
    bool pending_tight;
    unsigned char span;  /* DP_TF_* of the open spans */
    int bold, em, strike; /* nesting counts */
    short link;          /* the open link */
    int link_start;      /* its first code point */
    bool soft;           /* a soft break is pending: decided by the next character */
    int soft_src;
    bool hard;           /* a hard break is pending */
    bool in_code;        /* inside a code block */
    bool in_img;         /* inside an image: its text is the alt text */
    dp_para img_alt;
    const char *img_path;
    int img_src;
    /* the table being filled */
    bool in_table;
    dp_para *cells;
    int n_cells, cap_cells;
    unsigned char *align;
    int cols, rows, head_rows;
    int table_src;
    bool in_head;
} parser;

static bool in_marked(const parser *P, const char *text)
{
    uintptr_t t = (uintptr_t)text, s = (uintptr_t)P->mk.s; /* md4c's own strings lie elsewhere */
    return t >= s && t <= s + (uintptr_t)P->mk.len;
}

/* An attribute (URL, language) without the marks. */
static const char *attr(parser *P, const MD_ATTRIBUTE *at)
{
    char *s = dp_arena_strndup(P->a, at->text, at->size);
    if (P->mk.n && in_marked(P, at->text)) {
        int base = (int)(at->text - P->mk.s), k = 0;
        for (int i = 0; i < (int)at->size; i++) {
            int ml = mark_at(&P->mk, base + i);
            if (ml) {
                i += ml - 1;
                continue;
            }
            s[k++] = at->text[i];
        }
        s[k] = 0;
    } else if (P->mk.n) {
        /* md4c wrote this one anew (a www. link gets "http://", an escape
         * or an entity is resolved): its marks are known by what they are;
         * no URL holds a raw U+2060 or U+2010, and none a space */
        static const char *const marks[] = {MARK_OTHER, MARK_PUNCT};
        for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
            for (char *m; (m = strstr(s, marks[k])) != NULL;)
                memmove(m, m + 3, strlen(m + 3) + 1);
    }
    return s;
}

static void add_block(parser *P, dp_rblock b)
{
    if (P->r.n == P->cap_blocks) {
        int cap = P->cap_blocks ? P->cap_blocks * 2 : 8;
        P->r.blocks = dp_arena_grow(P->a, P->r.blocks, (size_t)P->r.n, (size_t)cap, sizeof *P->r.blocks);
        P->cap_blocks = cap;
    }
    P->r.blocks[P->r.n++] = b;
}

/* A new block's place: its lists, quotes and the marker of a list item
 * it starts. */
static dp_rblock new_block(parser *P, dp_block_kind kind, int src)
{
    dp_rblock b = {.kind = kind, .src = src, .quote = P->quote};
    b.depth = P->n_lists < DP_MAX_NEST ? P->n_lists : DP_MAX_NEST;
    b.marker = P->pending_marker;
    b.tight = P->pending_tight;
    P->pending_marker = NULL;
    P->pending_tight = false;
    return b;
}

static void open_block(parser *P, dp_block_kind kind, bool implicit)
{
    P->cur = new_block(P, kind, -1);
    P->open = true;
    P->implicit = implicit;
    memset(&P->buf, 0, sizeof P->buf);
    P->soft = P->hard = false;
}

static void trim_trailing_spaces(dp_para *p)
{
    while (p->n && p->cps[p->n - 1] == ' ')
        p->n--;
}

/* Token classes of a code block's characters, by its fence's language. */
static void highlight(dp_arena *a, dp_para *p, const char *lang)
{
    char *utf8 = dp_arena_alloc(a, (size_t)p->n * 4 + 1);
    int *at = dp_arena_alloc(a, sizeof *at * (size_t)(p->n ? p->n : 1));
    int len = 0;
    for (int i = 0; i < p->n; i++) {
        at[i] = len;
        len += dp_utf8_encode(p->cps[i], utf8 + len);
    }
    unsigned char *cls = dp_arena_alloc(a, (size_t)len + 1);
    if (!dp_highlight(lang, utf8, len, cls))
        return;
    p->tok = dp_arena_alloc(a, (size_t)(p->n ? p->n : 1));
    for (int i = 0; i < p->n; i++)
        p->tok[i] = cls[at[i]];
}

static void close_block(parser *P)
{
    if (!P->open)
        return;
    P->open = P->implicit = false;
    dp_rblock b = P->cur;
    b.text = P->buf.p;
    if (b.kind != DP_BK_CODE)
        trim_trailing_spaces(&b.text);
    if (b.kind == DP_BK_CODE && b.text.n && b.text.cps[b.text.n - 1] == '\n')
        b.text.n--; /* the last line's newline: lines are separated, not ended */
    if (b.kind == DP_BK_CODE && b.lang)
        highlight(P->a, &b.text, b.lang);
    if (b.src < 0)
        b.src = b.text.n ? b.text.src[0] : 0;
    if (b.text.n == 0 && b.kind == DP_BK_PARA) {
        /* an empty paragraph (an empty list item) keeps its marker for the next block */
        if (b.marker && !P->pending_marker)
            P->pending_marker = b.marker;
        return;
    }
    add_block(P, b);
}

/* The offset in the author's text of a character md4c handed back. */
static int offset_of(parser *P, const char *text)
{
    if (!in_marked(P, text))
        return P->last_src; /* md4c's own "\n" ending a code line: where the line ends */
    int at = (int)(text - P->mk.s), k = marks_before(&P->mk, at);
    return k ? at - P->mk.marks[k - 1].shift : at;
}

/* Lint: the number an ordered list item was written with, read back from
 * the source before its first character, against the number it shows.
 * Items all written with the same number ("1. 1. 1.") are a common style
 * and fine. */
static void check_number(parser *P, int src)
{
    if (!P->report || P->n_lists == 0 || src <= 0)
        return;
    list_state *l = &P->lists[P->n_lists - 1];
    const char *s = P->source;
    int k = src - 1;
    while (k >= 0 && (s[k] == ' ' || s[k] == '\t'))
        k--;
    if (k < 0 || (s[k] != '.' && s[k] != ')'))
        return;
    int e = k--;
    while (k >= 0 && s[k] >= '0' && s[k] <= '9')
        k--;
    if (e - k - 1 < 1 || e - k - 1 > 9)
        return;
    long written = strtol(s + k + 1, NULL, 10);
    if (written != (long)P->check_expect && written != l->written)
        P->report(P->report_ctx, k + 1, dp_arena_printf(P->a, "this item is numbered %ld but it is item "
                  "%u of its list, and Markdown shows it as %u (only a list's first number counts); "
                  "renumber the list", written, P->check_expect - l->start + 1, P->check_expect));
    l->written = written;
}

/* Append text; soft and hard breaks pending before it are settled here.
 * 'text' points into what md4c reads, or is not from it (a replacement
 * character, an entity's character): then every character of it is at
 * the source offset 'at'. */
static void add_text_at(parser *P, const char *text, int size, int at)
{
    if (!P->open)
        open_block(P, DP_BK_PARA, true);
    para_buf *b = P->in_img ? NULL : &P->buf;
    unsigned char flags = P->span;
    bool has_marks = at < 0 && P->mk.n && in_marked(P, text);
    size_t i = 0;
    while (i < (size_t)size) {
        int ml = has_marks ? mark_at(&P->mk, (int)(text + i - P->mk.s)) : 0;
        if (ml) {
            i += (size_t)ml;
            continue;
        }
        int src = at >= 0 ? at : offset_of(P, text + i);
        size_t from = i;
        uint32_t cp = dp_utf8_next(text, (size_t)size, &i);
        P->last_src = src + (int)(i - from);
        if (cp == '\t' && !P->in_code && !P->plain)
            cp = ' ';
        if (P->in_img) {
            para_buf ab = {P->img_alt, P->img_alt.n};
            push(P->a, &ab, cp, src, flags, 0);
            P->img_alt = ab.p;
            continue;
        }
        unsigned char f = flags;
        if (P->soft && P->plain) {
            P->soft = false;
            push(P->a, b, '\n', P->soft_src, 0, 0);
        } else if (P->soft) {
            P->soft = false;
            uint32_t prev = b->p.n ? b->p.cps[b->p.n - 1] : ' ';
            if (!dp_is_cjk_char(prev) && !dp_is_cjk_char(cp) && prev != ' ')
                push(P->a, b, ' ', P->soft_src, (unsigned char)(flags & ~(DP_TF_CODE)), P->link);
        }
        if (P->hard) {
            P->hard = false;
            f |= DP_TF_BREAK;
        }
        if (P->check_no) {
            P->check_no = false;
            check_number(P, src);
        }
        push(P->a, b, cp, src, f, P->link);
    }
}

static void add_text(parser *P, const char *text, int size)
{
    add_text_at(P, text, size, -1);
}

static void add_cstr(parser *P, const char *s, int src, unsigned char flags)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        uint32_t cp = dp_utf8_next(s, n, &i);
        push(P->a, &P->buf, cp, src, flags, 0);
    }
}

/* The entities an author may write in rich text; others stay literal. */
static void add_entity(parser *P, const char *text, int size)
{
    static const struct { const char *name; uint32_t cp; } named[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''},
        {"&nbsp;", 0xA0}, {"&copy;", 0xA9}, {"&reg;", 0xAE}, {"&times;", 0xD7},
        {"&hellip;", 0x2026}, {"&mdash;", 0x2014}, {"&ndash;", 0x2013}, {"&middot;", 0xB7}};
    uint32_t cp = 0;
    if (size > 3 && text[1] == '#') {
        bool hex = text[2] == 'x' || text[2] == 'X';
        cp = (uint32_t)strtoul(text + (hex ? 3 : 2), NULL, hex ? 16 : 10);
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
    } else {
        for (size_t k = 0; k < sizeof named / sizeof *named; k++)
            if ((int)strlen(named[k].name) == size && memcmp(named[k].name, text, (size_t)size) == 0)
                cp = named[k].cp;
    }
    if (!cp) {
        add_text(P, text, size);
        return;
    }
    char buf[5] = {0};
    /* its position: the entity's first byte */
    add_text_at(P, buf, dp_utf8_encode(cp, buf), offset_of(P, text));
}

/* Lint: a run of two or more * the author wrote that md4c left as text
 * (no partner), though it could open or close bold: it is printed as
 * asterisks. "2 ** 10", with spaces on both sides, is left alone. */
static void check_stars(parser *P, const char *text, int size)
{
    const char *s = P->source;
    int len = P->source_len;
    for (int i = 0; i < size; i++) {
        if (text[i] != '*' || mark_at(&P->mk, (int)(text + i - P->mk.s)))
            continue;
        int at = offset_of(P, text + i), b = at, e = at;
        while (b > 0 && s[b - 1] == '*')
            b--;
        while (e < len && s[e] == '*')
            e++;
        while (i + 1 < size && text[i + 1] == '*')
            i++;
        if (e - b < 2 || (b > 0 && s[b - 1] == '\\'))
            continue;
        flanking f = flank('*', char_before(s, b), char_at(s, len, e), true);
        if (!f.open && !f.close)
            continue;
        P->report(P->report_ctx, b, dp_arena_printf(P->a, "this %.*s %s, so it is printed as "
                  "asterisks: %s, or write \\* for each asterisk to print", e - b, s + b,
                  f.open && f.close ? "pairs with no other in its paragraph"
                  : f.open ? "opens bold text that nothing closes" : "closes bold text that nothing opens",
                  f.open && !f.close ? "close the bold text with the same marks"
                  : f.close && !f.open ? "open the bold text with the same marks"
                  : "put the same marks at the other end of the bold text"));
    }
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
    parser *P = ud;
    switch (type) {
    case MD_TEXT_SOFTBR:
        if (P->in_img || P->in_code)
            break;
        P->soft = true;
        P->soft_src = offset_of(P, text);
        break;
    case MD_TEXT_BR:
        if (!P->in_img)
            P->hard = true, P->soft = false;
        break;
    case MD_TEXT_NULLCHAR:
        add_text_at(P, "\xEF\xBF\xBD", 3, offset_of(P, text));
        break;
    case MD_TEXT_ENTITY:
        add_entity(P, text, (int)size);
        break;
    case MD_TEXT_CODE:
        if (!P->in_code) { /* a code span: a newline inside is a space */
            for (MD_SIZE k = 0; k < size; k++)
                if (text[k] == '\n') {
                    add_text(P, text, (int)k);
                    add_text_at(P, " ", 1, offset_of(P, text + k));
                    text += k + 1, size -= k + 1, k = (MD_SIZE)-1;
                }
        }
        add_text(P, text, (int)size);
        break;
    default:
        if (P->report && type == MD_TEXT_NORMAL && !P->in_code && !P->link && !P->in_img)
            check_stars(P, text, (int)size);
        add_text(P, text, (int)size);
        break;
    }
    return 0;
}

static const char *bullet_for(int depth)
{
    static const char *const b[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"}; /* • ◦ ▪ */
    return b[(depth - 1) % 3];
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

static void add_cell(parser *P)
{
    if (P->n_cells == P->cap_cells) {
        int cap = P->cap_cells ? P->cap_cells * 2 : 16;
        P->cells = dp_arena_grow(P->a, P->cells, (size_t)P->n_cells, (size_t)cap, sizeof *P->cells);
        P->cap_cells = cap;
    }
    dp_para p = P->buf.p;
    trim_trailing_spaces(&p);
    P->cells[P->n_cells++] = p;
    P->open = false;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    parser *P = ud;
    if (P->implicit && type != MD_BLOCK_TH && type != MD_BLOCK_TD)
        close_block(P);
    switch (type) {
    case MD_BLOCK_QUOTE:
        P->quote++;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL: {
        if (P->n_lists == (int)(sizeof P->lists / sizeof *P->lists))
            return 1; /* absurd nesting: stop (md4c returns what it has) */
        list_state *l = &P->lists[P->n_lists++];
        memset(l, 0, sizeof *l);
        l->ordered = type == MD_BLOCK_OL;
        if (l->ordered) {
            MD_BLOCK_OL_DETAIL *d = detail;
            l->start = l->next = d->start;
            l->delim = d->mark_delimiter;
            l->tight = d->is_tight;
        } else {
            l->tight = ((MD_BLOCK_UL_DETAIL *)detail)->is_tight;
        }
        l->first_block = P->r.n;
        l->depth = P->n_lists;
        l->written = -1;
        break;
    }
    case MD_BLOCK_LI: {
        list_state *l = &P->lists[P->n_lists - 1];
        if (l->ordered) {
            P->check_no = P->report != NULL;
            P->check_expect = l->next;
            P->pending_marker = dp_arena_printf(P->a, "%u%c", l->next++, l->delim);
        }
        else
            P->pending_marker = bullet_for(P->n_lists);
        /* the items of a tight list follow with a small gap */
        P->pending_tight = l->tight;
        break;
    }
    case MD_BLOCK_HR:
        add_block(P, new_block(P, DP_BK_RULE, 0));
        break;
    case MD_BLOCK_H:
        open_block(P, DP_BK_PARA, false);
        P->cur.heading = true;
        P->span |= DP_TF_BOLD;
        P->bold = 1; /* a **strong** span inside ends no bold */
        break;
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
        open_block(P, DP_BK_PARA, false);
        break;
    case MD_BLOCK_CODE: {
        MD_BLOCK_CODE_DETAIL *d = detail;
        open_block(P, DP_BK_CODE, false);
        P->in_code = true;
        if (d->lang.size) {
            char *lang = (char *)attr(P, &d->lang);
            lower(lang);
            P->cur.lang = lang;
        }
        break;
    }
    case MD_BLOCK_TABLE: {
        MD_BLOCK_TABLE_DETAIL *d = detail;
        P->in_table = true;
        P->cols = (int)d->col_count;
        P->head_rows = (int)d->head_row_count;
        P->rows = 0;
        P->cells = NULL;
        P->n_cells = P->cap_cells = 0;
        P->align = dp_arena_alloc(P->a, (size_t)(P->cols ? P->cols : 1));
        memset(P->align, 0, (size_t)(P->cols ? P->cols : 1));
        P->table_src = -1;
        break;
    }
    case MD_BLOCK_THEAD:
        P->in_head = true;
        break;
    case MD_BLOCK_TBODY:
        P->in_head = false;
        break;
    case MD_BLOCK_TR:
        P->rows++;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
        MD_BLOCK_TD_DETAIL *d = detail;
        int col = P->n_cells % (P->cols ? P->cols : 1);
        if (P->rows == 1)
            P->align[col] = d->align == MD_ALIGN_LEFT ? DP_ALIGN_LEFT
                          : d->align == MD_ALIGN_CENTER ? DP_ALIGN_CENTER
                          : d->align == MD_ALIGN_RIGHT ? DP_ALIGN_RIGHT : DP_ALIGN_DEFAULT;
        P->open = true;
        P->implicit = false;
        memset(&P->buf, 0, sizeof P->buf);
        P->soft = P->hard = false;
        if (type == MD_BLOCK_TH)
            P->span |= DP_TF_BOLD, P->bold = 1;
        break;
    }
    default:
        break;
    }
    return 0;
}

/* Every block inside a list that just ended learns the width of its
 * number column: the widest marker the list has. */
static void finish_list(parser *P, const list_state *l)
{
    const char *widest = bullet_for(l->depth);
    if (l->ordered) {
        unsigned last = l->next > l->start ? l->next - 1 : l->start;
        /* the widest number has the most digits; 8 is as wide as any digit */
        int digits = snprintf(NULL, 0, "%u", last > l->start ? last : l->start);
        char buf[16] = {0};
        for (int i = 0; i < digits && i < 10; i++)
            buf[i] = '8';
        widest = dp_arena_printf(P->a, "%s%c", buf, l->delim);
    }
    if (l->depth > DP_MAX_NEST)
        return;
    for (int b = l->first_block; b < P->r.n; b++)
        if (P->r.blocks[b].depth >= l->depth)
            P->r.blocks[b].widest[l->depth - 1] = widest;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    parser *P = ud;
    (void)detail;
    if (type == MD_BLOCK_P || type == MD_BLOCK_H || type == MD_BLOCK_TH || type == MD_BLOCK_TD ||
        type == MD_BLOCK_LI || type == MD_BLOCK_HTML) {
        /* spans end with their block, even where md4c forgets to say so */
        P->span = 0;
        P->bold = P->em = P->strike = 0;
        P->link = 0;
    }
    switch (type) {
    case MD_BLOCK_QUOTE:
        close_block(P);
        P->quote--;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        close_block(P);
        finish_list(P, &P->lists[--P->n_lists]);
        break;
    case MD_BLOCK_LI:
        close_block(P);
        P->pending_marker = NULL;
        P->pending_tight = false;
        break;
    case MD_BLOCK_H:
        close_block(P);
        break;
    case MD_BLOCK_CODE:
        close_block(P);
        P->in_code = false;
        break;
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
        close_block(P);
        break;
    case MD_BLOCK_TH:
        if (P->table_src < 0 && P->buf.p.n)
            P->table_src = P->buf.p.src[0];
        add_cell(P);
        break;
    case MD_BLOCK_TD:
        if (P->table_src < 0 && P->buf.p.n)
            P->table_src = P->buf.p.src[0];
        add_cell(P);
        break;
    case MD_BLOCK_TABLE: {
        P->in_table = false;
        dp_rblock b = new_block(P, DP_BK_TABLE, P->table_src > 0 ? P->table_src : 0);
        b.cols = P->cols;
        b.rows = P->cols ? P->n_cells / P->cols : 0;
        b.head_rows = P->head_rows;
        b.cells = P->cells;
        b.align = P->align;
        if (b.rows > 0)
            add_block(P, b);
        break;
    }
    default:
        break;
    }
    return 0;
}

static short add_link(parser *P, const char *url)
{
    if (P->r.n_links == P->cap_links) {
        int cap = P->cap_links ? P->cap_links * 2 : 4;
        P->r.links = dp_arena_grow(P->a, P->r.links, (size_t)P->r.n_links, (size_t)cap, sizeof *P->r.links);
        P->cap_links = cap;
    }
    P->r.links[P->r.n_links++] = url;
    return (short)P->r.n_links;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    parser *P = ud;
    switch (type) {
    case MD_SPAN_EM:
        P->em++;
        P->span |= DP_TF_EM;
        break;
    case MD_SPAN_STRONG:
        P->bold++;
        P->span |= DP_TF_BOLD;
        break;
    case MD_SPAN_DEL:
        P->strike++;
        P->span |= DP_TF_STRIKE;
        break;
    case MD_SPAN_CODE:
        P->span |= DP_TF_CODE;
        break;
    case MD_SPAN_A: {
        MD_SPAN_A_DETAIL *d = detail;
        const char *url = attr(P, &d->href);
        P->a_start = P->buf.p.n;
        P->a_empty = !*url;
        if (strncmp(url, "www.", 4) == 0)
            url = dp_arena_printf(P->a, "http://%s", url);
        if (P->link == 0 && P->r.n_links < 32000 && *url) {
            P->link = add_link(P, url);
            P->span |= DP_TF_LINK;
            P->link_start = P->buf.p.n;
        }
        break;
    }
    case MD_SPAN_IMG: {
        MD_SPAN_IMG_DETAIL *d = detail;
        P->in_img = true;
        memset(&P->img_alt, 0, sizeof P->img_alt);
        P->img_path = attr(P, &d->src);
        P->img_src = d->src.size ? offset_of(P, d->src.text) : 0;
        break;
    }
    default:
        break;
    }
    return 0;
}

/* The text of a link as the reader sees it equals its URL (an autolink, or
 * a URL written as its own text)? */
static bool text_is_url(const parser *P, int from, const char *url)
{
    const dp_para *p = &P->buf.p;
    size_t ul = strlen(url);
    char *t = dp_arena_alloc(P->a, (size_t)(p->n - from) * 4 + 1);
    size_t k = 0;
    for (int i = from; i < p->n; i++)
        k += (size_t)dp_utf8_encode(p->cps[i], t + k);
    t[k] = 0;
    if (k == ul && memcmp(t, url, k) == 0)
        return true;
    /* "http://" + text, "mailto:" + text */
    return (ul > k && strcmp(url + ul - k, t) == 0 && (strncmp(url, "http", 4) == 0 ||
                                                        strncmp(url, "mailto:", 7) == 0));
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    parser *P = ud;
    (void)detail;
    switch (type) {
    case MD_SPAN_EM:
        if (P->em > 0 && --P->em == 0)
            P->span &= (unsigned char)~DP_TF_EM;
        break;
    case MD_SPAN_STRONG:
        if (P->bold > 0 && --P->bold == 0)
            P->span &= (unsigned char)~DP_TF_BOLD;
        break;
    case MD_SPAN_DEL:
        if (P->strike > 0 && --P->strike == 0)
            P->span &= (unsigned char)~DP_TF_STRIKE;
        break;
    case MD_SPAN_CODE:
        P->span &= (unsigned char)~DP_TF_CODE;
        break;
    case MD_SPAN_A:
        if (P->report) {
            bool text = P->buf.p.n > P->a_start;
            int at = text ? P->buf.p.src[P->a_start] : P->buf.p.n ? P->buf.p.src[P->buf.p.n - 1] : 0;
            if (P->a_empty)
                P->report(P->report_ctx, at, "this link has no URL: write [text](https://…), or leave "
                          "the brackets out");
            else if (!text)
                P->report(P->report_ctx, at, "this link has no text: write [what it is](URL), or the "
                          "URL alone");
        }
        if (P->link) {
            const char *url = P->r.links[P->link - 1];
            int from = P->link_start;
            P->link = 0;
            P->span &= (unsigned char)~DP_TF_LINK;
            if (P->print_urls && P->open && P->buf.p.n > from && !text_is_url(P, from, url)) {
                int src = P->buf.p.src[P->buf.p.n - 1];
                add_cstr(P, "\xEF\xBC\x88", src, DP_TF_META); /* （ */
                add_cstr(P, url, src, DP_TF_META);
                add_cstr(P, "\xEF\xBC\x89", src, DP_TF_META); /* ） */
            }
        }
        break;
    case MD_SPAN_IMG: {
        P->in_img = false;
        if (P->report && P->img_alt.n == 0)
            P->report(P->report_ctx, P->img_src, dp_arena_printf(P->a, "the image %s has no alt text "
                      "(what it shows, for the handout and for readers who cannot see it): write "
                      "![what it shows](%s)", P->img_path, P->img_path));
        /* an image is a block of its own: the paragraph around it is split */
        bool was_implicit = P->implicit;
        dp_block_kind k = P->open ? P->cur.kind : DP_BK_PARA;
        bool cont = P->open && !P->in_table;
        if (P->in_table) {
            /* inside a table cell: its alt text stands in */
            para_buf keep = P->buf;
            for (int i = 0; i < P->img_alt.n; i++)
                push(P->a, &keep, P->img_alt.cps[i], P->img_alt.src[i], P->span, 0);
            P->buf = keep;
            break;
        }
        close_block(P);
        dp_rblock b = new_block(P, DP_BK_IMAGE, P->img_src);
        b.text = P->img_alt;
        b.path = P->img_path;
        add_block(P, b);
        if (cont) {
            open_block(P, k, was_implicit);
            P->soft = false;
        }
        break;
    }
    default:
        break;
    }
    return 0;
}

/* Literal text: one paragraph, every newline a forced break. */
static dp_rich literal(dp_arena *a, const char *s, int len)
{
    dp_rich r = {0};
    para_buf b = {0};
    bool brk = false;
    size_t i = 0;
    while (i < (size_t)len) {
        int src = (int)i;
        uint32_t cp = dp_utf8_next(s, (size_t)len, &i);
        if (cp == '\r')
            continue;
        if (cp == '\n') {
            brk = b.p.n > 0;
            continue;
        }
        if (cp == '\t')
            cp = ' ';
        push(a, &b, cp, src, brk ? DP_TF_BREAK : 0, 0);
        brk = false;
    }
    trim_trailing_spaces(&b.p);
    if (b.p.n) {
        r.blocks = dp_arena_alloc(a, sizeof *r.blocks);
        memset(r.blocks, 0, sizeof *r.blocks);
        r.blocks[0].kind = DP_BK_PARA;
        r.blocks[0].text = b.p;
        r.n = 1;
    }
    return r;
}

enum { MD_FLAGS = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
                  MD_FLAG_PERMISSIVEWWWAUTOLINKS | MD_FLAG_NOHTML | MD_FLAG_NOINDENTEDCODEBLOCKS };

/* md4c over s[0..len) into P: the one set of flags and callbacks that
 * parsing and the lints share. */
static void run_md(parser *P, const char *s, int len)
{
    P->source = s;
    P->source_len = len;
    P->mk = mark_text(P->a, s, len);
    static const MD_PARSER md = {
        .flags = MD_FLAGS,
        .enter_block = enter_block,
        .leave_block = leave_block,
        .enter_span = enter_span,
        .leave_span = leave_span,
        .text = on_text,
    };
    md_parse(P->mk.s, (MD_SIZE)P->mk.len, &md, P);
}

static dp_rich parse(dp_arena *a, const char *s, int len, bool print_urls, bool plain)
{
    parser P = {.a = a, .print_urls = print_urls, .plain = plain};
    run_md(&P, s, len);
    close_block(&P);
    return P.r;
}

dp_rich dp_markup_parse(dp_arena *a, const char *s, int len, bool rich, bool print_urls)
{
    return rich ? parse(a, s, len, print_urls, false) : literal(a, s, len);
}

/* ===== Lints (`check`) ===== */

/* Unescaped | outside code spans in s[0..n): the cells of a table row. */
static int count_cells(const char *s, int n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    int i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < n && s[i] == '|')
        i++;
    if (n > i && s[n - 1] == '|' && (n < 2 || s[n - 2] != '\\'))
        n--;
    int cells = 1;
    bool code = false;
    for (int k = i; k < n; k++) {
        if (s[k] == '\\') {
            k++;
            continue;
        }
        if (s[k] == '`')
            code = !code;
        else if (s[k] == '|' && !code)
            cells++;
    }
    return cells;
}

/* A GFM delimiter row: cells of - with optional : at either end, a | somewhere. */
static bool delimiter_row(const char *s, int n)
{
    bool pipe = false, dash = false;
    for (int i = 0; i < n; i++) {
        char c = s[i];
        if (c == '|')
            pipe = true;
        else if (c == '-')
            dash = true;
        else if (c != ':' && c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return pipe && dash;
}

/* A delimiter cell with fewer than three dashes (md4c then sees no table). */
static bool short_dashes(const char *s, int n)
{
    int run = 0;
    bool cell = false;
    for (int i = 0; i <= n; i++) {
        char c = i < n ? s[i] : '|';
        if (c == '-') {
            run++, cell = true;
        } else if (c == '|') {
            if (cell && run < 3)
                return true;
            run = 0, cell = false;
        }
    }
    return false;
}

static bool has_pipe(const char *s, int n) { return memchr(s, '|', (size_t)n) != NULL; }

/* A fence line: up to any indentation, three or more ` or ~. Sets its
 * character and length. */
static bool fence_line(const char *s, int n, char *ch, int *len)
{
    int i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= n || (s[i] != '`' && s[i] != '~'))
        return false;
    int k = i;
    while (k < n && s[k] == s[i])
        k++;
    if (k - i < 3)
        return false;
    *ch = s[i];
    *len = k - i;
    return true;
}

static bool only_fence(const char *s, int n, char ch, int len)
{
    char c;
    int l;
    if (!fence_line(s, n, &c, &l) || c != ch || l < len)
        return false;
    int i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    for (i += l; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

typedef struct {
    const char *s;
    int start, len;
} src_line;

static void lint_lines(dp_arena *a, const char *s, int len,
                       void (*report)(void *ctx, int offset, const char *msg), void *ctx)
{
    /* the lines */
    int n = 0, cap = 0;
    src_line *lines = NULL;
    for (int i = 0; i <= len;) {
        int e = i;
        while (e < len && s[e] != '\n')
            e++;
        src_line l = {s + i, i, e - i};
        *(src_line *)dp_arena_push(a, &lines, &n, &cap, sizeof l) = l;
        i = e + 1;
    }
    char fch = 0;
    int flen = 0, fat = -1;
    for (int k = 0; k < n; k++) {
        const src_line *l = &lines[k];
        char c;
        int fl;
        if (fat >= 0) { /* inside a fence: only its end matters */
            if (only_fence(l->s, l->len, fch, flen))
                fat = -1;
            continue;
        }
        if (fence_line(l->s, l->len, &c, &fl)) {
            fch = c, flen = fl, fat = l->start;
            continue;
        }
        /* a table: a header line, then a delimiter row */
        if (k + 1 < n && has_pipe(l->s, l->len) && delimiter_row(lines[k + 1].s, lines[k + 1].len)) {
            int cols = count_cells(lines[k + 1].s, lines[k + 1].len);
            int head = count_cells(l->s, l->len);
            if (short_dashes(lines[k + 1].s, lines[k + 1].len)) {
                report(ctx, lines[k + 1].start, "each cell of a table's row of dashes needs at least "
                       "three - (|---|:---:|) or it is not a table and is set as text");
            } else if (head != cols) {
                report(ctx, l->start, dp_arena_printf(a, "the table's header row has %d cells but the "
                       "row of dashes under it has %d, so it is not a table and is set as text; "
                       "give both the same number of | columns", head, cols));
            } else {
                for (int r = k + 2; r < n && has_pipe(lines[r].s, lines[r].len); r++) {
                    int got = count_cells(lines[r].s, lines[r].len);
                    if (got != cols)
                        report(ctx, lines[r].start, dp_arena_printf(a, "this table row has %d cell%s, the "
                               "header %d: %s", got, got == 1 ? "" : "s", cols, got < cols ?
                               "the missing cells are left empty" : "the extra cells are dropped"));
                }
            }
        }
    }
    if (fat >= 0)
        report(ctx, fat, dp_arena_printf(a, "this code fence is never closed: everything after it is "
               "set as code; end the code with a line of %.*s", flen, fch == '`' ? "``````````" : "~~~~~~~~~~"));
}

void dp_markup_lint(dp_arena *a, const char *s, int len,
                    void (*report)(void *ctx, int offset, const char *msg), void *ctx)
{
    lint_lines(a, s, len, report, ctx);
    parser P = {.a = a, .report = report, .report_ctx = ctx};
    run_md(&P, s, len);
}

/* ===== Plain text ===== */

typedef struct {
    char *s;
    size_t n, cap;
    dp_arena *a;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 256) + n;
        b->s = dp_arena_grow(b->a, b->s, b->n, cap, 1);
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void put_para(sbuf *b, const dp_para *p)
{
    char u[5];
    for (int i = 0; i < p->n; i++) {
        if ((p->flags[i] & DP_TF_BREAK) && i > 0 && p->cps[i - 1] != '\n')
            put(b, "\n", 1);
        put(b, u, (size_t)dp_utf8_encode(p->cps[i], u));
    }
}

char *dp_markup_plain(dp_arena *a, const char *s, int len)
{
    dp_rich r = parse(a, s, len, true, true);
    sbuf b = {.a = a};
    put(&b, "", 0);
    for (int i = 0; i < r.n; i++) {
        const dp_rblock *k = &r.blocks[i];
        if (i > 0)
            put(&b, k->tight ? "\n" : "\n\n", k->tight ? 1 : 2);
        for (int q = 0; q < k->quote; q++)
            put(&b, "> ", 2);
        for (int d = 1; d < k->depth; d++)
            put(&b, "  ", 2);
        if (k->marker) {
            put(&b, k->marker, strlen(k->marker));
            put(&b, " ", 1);
        }
        switch (k->kind) {
        case DP_BK_RULE:
            put(&b, "——", strlen("——"));
            break;
        case DP_BK_IMAGE:
            put(&b, "[", 1);
            put_para(&b, &k->text);
            put(&b, "]", 1);
            break;
        case DP_BK_TABLE:
            for (int row = 0; row < k->rows; row++) {
                if (row)
                    put(&b, "\n", 1);
                for (int c = 0; c < k->cols; c++) {
                    if (c)
                        put(&b, " | ", 3);
                    put_para(&b, &k->cells[row * k->cols + c]);
                }
            }
            break;
        default:
            put_para(&b, &k->text);
            break;
        }
    }
    return b.s;
}
