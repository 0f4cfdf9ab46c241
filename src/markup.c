/* markup.c: rich text -> paragraphs (see markup.h). */
#include "markup.h"

#include <string.h>

#include "utf8.h"

bool dp_is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

typedef struct {
    dp_arena *a;
    dp_para p;
    int cap;
} builder;

static void push(builder *b, uint32_t cp, int src, unsigned char flags)
{
    if (b->p.n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 64;
        b->p.cps = dp_arena_grow(b->a, b->p.cps, (size_t)b->p.n, (size_t)cap, sizeof *b->p.cps);
        b->p.src = dp_arena_grow(b->a, b->p.src, (size_t)b->p.n, (size_t)cap, sizeof *b->p.src);
        b->p.flags = dp_arena_grow(b->a, b->p.flags, (size_t)b->p.n, (size_t)cap, 1);
        b->cap = cap;
    }
    b->p.cps[b->p.n] = cp;
    b->p.src[b->p.n] = src;
    b->p.flags[b->p.n] = flags;
    b->p.n++;
}

typedef struct {
    const char *s;
    int start, end;    /* byte range of the line, without the newline */
} line_t;

/* Length of the indentation (spaces; a tab counts as two) of a line. */
static int indent_of(const char *s, int start, int end, int *bytes)
{
    int i = start, w = 0;
    while (i < end && (s[i] == ' ' || s[i] == '\t'))
        w += s[i++] == '\t' ? 2 : 1;
    *bytes = i - start;
    return w;
}

static bool is_blank(const char *s, int start, int end)
{
    for (int i = start; i < end; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Append the inline content s[start..end) with markup to the paragraph.
 * An unmatched marker is taken literally. */
static void add_inline(builder *b, const char *s, int start, int end, bool rich)
{
    unsigned char flags = 0;
    int i = start;
    while (i < end) {
        if (rich && s[i] == '`') {
            const char *close = memchr(s + i + 1, '`', (size_t)(end - i - 1));
            if (close) {
                int j = i + 1, stop = (int)(close - s);
                while (j < stop) {
                    size_t k = (size_t)j;
                    uint32_t cp = dp_utf8_next(s, (size_t)stop, &k);
                    push(b, cp, j, (unsigned char)(flags | DP_TF_CODE));
                    j = (int)k;
                }
                i = stop + 1;
                continue;
            }
        }
        if (rich && s[i] == '*') {
            bool dbl = i + 1 < end && s[i + 1] == '*';
            unsigned char f = dbl ? DP_TF_BOLD : DP_TF_EM;
            int mlen = dbl ? 2 : 1;
            if (flags & f) { /* closing marker */
                flags &= (unsigned char)~f;
                i += mlen;
                continue;
            }
            /* opening: only when a matching marker follows on this line */
            const char *m = dbl ? "**" : "*";
            for (int j = i + mlen; j + mlen <= end; j++) {
                if (memcmp(s + j, m, (size_t)mlen) == 0 && (dbl || s[j + 1] != '*') &&
                    j > i + mlen) {
                    flags |= f;
                    i += mlen;
                    goto next;
                }
            }
        }
        {
            size_t k = (size_t)i;
            uint32_t cp = dp_utf8_next(s, (size_t)end, &k);
            if (cp == '\t')
                cp = ' ';
            push(b, cp, i, flags);
            i = (int)k;
        }
    next:;
    }
}

static void finish(builder *b, dp_rich *r, int *cap)
{
    /* trim trailing spaces */
    while (b->p.n && b->p.cps[b->p.n - 1] == ' ')
        b->p.n--;
    if (b->p.n == 0)
        return;
    if (r->n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        r->paras = dp_arena_grow(b->a, r->paras, (size_t)r->n, (size_t)*cap, sizeof *r->paras);
    }
    r->paras[r->n++] = b->p;
    memset(&b->p, 0, sizeof b->p);
    b->cap = 0;
}

static bool is_cjk_char(uint32_t c)
{
    return dp_is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           c == 0x2014 || c == 0x2026 || (c >= 0x2018 && c <= 0x201D);
}

/* Join a new source line onto the paragraph: nothing next to a Han
 * character or CJK punctuation (xeCJK's rule; Han-Latin spacing is added by
 * the text engine where it belongs), otherwise one space. */
static void soft_break(builder *b, const char *s, int next_start, int next_end)
{
    if (b->p.n == 0)
        return;
    uint32_t prev = b->p.cps[b->p.n - 1];
    size_t k = (size_t)next_start;
    uint32_t next = next_start < next_end ? dp_utf8_next(s, (size_t)next_end, &k) : ' ';
    if (is_cjk_char(prev) || is_cjk_char(next))
        return;
    if (prev != ' ')
        push(b, ' ', next_start, 0);
}

dp_rich dp_markup_parse(dp_arena *a, const char *s, int len, bool rich)
{
    dp_rich r = {0};
    int cap = 0;
    builder b = {.a = a};
    int pos = 0;
    bool in_para = false;
    while (pos <= len) {
        int end = pos;
        while (end < len && s[end] != '\n')
            end++;
        int line_end = end;
        if (line_end > pos && s[line_end - 1] == '\r')
            line_end--;
        if (is_blank(s, pos, line_end)) {
            finish(&b, &r, &cap);
            in_para = false;
        } else {
            int ib;
            int ind = indent_of(s, pos, line_end, &ib);
            int cs = pos + ib;
            bool bullet = rich && line_end - cs >= 2 && s[cs] == '-' && s[cs + 1] == ' ';
            if (bullet) {
                finish(&b, &r, &cap);
                b.p.bullet_level = 1 + ind / 2;
                cs += 2;
                while (cs < line_end && s[cs] == ' ')
                    cs++;
                in_para = true;
            } else if (in_para) {
                if (rich) {
                    soft_break(&b, s, cs, line_end);
                } else {
                    int at = b.p.n;
                    add_inline(&b, s, cs, line_end, rich);
                    if (at < b.p.n)
                        b.p.flags[at] |= DP_TF_BREAK;
                    pos = end + 1;
                    continue;
                }
            }
            in_para = true;
            add_inline(&b, s, cs, line_end, rich);
        }
        pos = end + 1;
    }
    finish(&b, &r, &cap);
    return r;
}
