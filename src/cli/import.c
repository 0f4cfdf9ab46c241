/* import.c: `deckpress import ARTICLE.md [-o DECK.yaml]`: a Markdown Q&A
 * article (the shape of the meetup's seed article) -> a deck YAML.
 *
 *   # 标题：副标题                    title, subtitle (split at the first ：)
 *   作者：… / 2024-05-01              a byline or metadata under it: a note, left out
 *   ## 引言                           intro (also 前言, 背景, ...; or the text
 *   paragraphs                        right under the title)
 *   ## 一、section                    a section ("一、", "1." dropped)
 *   ### 1. topic                      an item: the topic line (number dropped)
 *   **题目：** question               question   (问题, Q, ...)
 *   **答案：** answer                 answer     (回答, A, ...)
 *   **解析：** analysis               analysis, optional (分析, ...)
 *   ## 结语                           closing (also 总结, 结束语, ...)
 *
 * The article is read with md4c, the parser of the deck's rich text, so a
 * list, a fenced code block, a quote or a table is one block exactly as the
 * deck will read it; answers, analyses, the intro and the closing take their
 * blocks' source lines as written (still Markdown, rendered in the deck).
 * Tolerant: any heading level for any part (the intro and closing by their
 * names; a heading is an item when one question or answer follows it before
 * the next heading, and a heading ending in ？ over an answer alone is the
 * question, with a note; a heading over several questions inside a section gives
 * one item each, titled from it); setext or ATX headings; markers with or
 * without bold, with a full-width or ASCII colon, with or without a space
 * after it, with their text on the same line or in the blocks after it, on
 * consecutive lines of one paragraph ("Q: …" / "A: …"); items without
 * headings. Questions are set literally in a deck, so their inline markup is
 * resolved to plain text. What it cannot map (text outside any item, intro
 * or closing, images, raw HTML, an item without a question or an answer, a
 * section without items) is reported as a warning at its line and column
 * and left out. Writes to stdout, or atomically to -o FILE. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <md4c.h>

#include "commands.h"
#include "markup.h"
#include "utf8.h"
#include "atomic_file.h"
#include "read_file.h"

typedef enum { F_NONE, F_QUESTION, F_ANSWER, F_ANALYSIS } field;

typedef struct {
    const char *title, *question, *answer, *analysis;
    dp_loc loc;
} item;

typedef struct {
    const char *title;
    item *items;
    int n, cap;
    dp_loc loc;
} section;

typedef struct {
    const char *title; /* the heading as written, e.g. "引言" */
    const char *body;
    bool present;
} block;

typedef struct {
    const char *s;
    int len;
    int no; /* 1-based */
} line;

struct mdblock;

/* A piece of the article: a block (md4c's), or the part of a paragraph or
 * list from a line with a field marker on. */
typedef struct {
    int kind;              /* BK_* */
    int level;             /* headings: 1-6 */
    int first, last;       /* its lines (0-based, inclusive) */
    const char *title;     /* headings: the text without markup */
    field f;               /* the field its first line opens; F_NONE */
    const char *rest;      /* ...and the text after the marker */
    int rest_len;
} seg;

typedef struct {
    dp_arena *a;
    dp_diags *d;
    const char *path;
    const char *text;      /* the article (after a byte-order mark) */
    int text_len;
    line *lines;
    int n_lines;
    struct mdblock *blocks;
    int n_blocks;
    seg *segs;
    int n_segs, cap_segs;
    const char *title, *subtitle;
    int title_seg;         /* the title's segment */
    int n_meta;            /* byline and metadata segments under it, left out */
    block intro, closing;
    int in_block_level;    /* heading level of the intro or closing being filled; 0 = none */
    section *secs;
    int n_secs, cap_secs;
    int sec_level;         /* heading level of the open section */
    const char *group;     /* a heading over several questions: their items' title */
    /* where paragraphs go */
    enum { AT_START, AT_INTRO, AT_CLOSING, AT_SECTION, AT_ITEM, AT_AFTER_TITLE } at;
    field f;
} importer;

/* ===== Small string helpers ===== */

static bool starts(const char *s, int len, const char *prefix)
{
    int n = (int)strlen(prefix);
    return len >= n && memcmp(s, prefix, (size_t)n) == 0;
}

static void trim(const char **s, int *len)
{
    while (*len > 0 && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
        (*len)--;
    /* U+3000 ideographic spaces at either end */
    while (*len >= 3 && starts(*s, *len, "\xE3\x80\x80"))
        *s += 3, *len -= 3;
    while (*len >= 3 && memcmp(*s + *len - 3, "\xE3\x80\x80", 3) == 0)
        *len -= 3;
}

static dp_loc loc_of(const importer *im, const line *ln)
{
    int i = 0;
    while (i < ln->len && (ln->s[i] == ' ' || ln->s[i] == '\t'))
        i++;
    return (dp_loc){im->path, ln->no, 1 + (int)dp_utf8_count(ln->s, (size_t)i)};
}

static bool blank(const line *ln)
{
    const char *s = ln->s;
    int n = ln->len;
    trim(&s, &n);
    return n == 0;
}

/* Skip a leading number of a heading: "1. ", "1、", "(1)", "一、", "第一部分：", "Q1: ". */
static void drop_number(const char **s, int *len)
{
    const char *p = *s;
    int n = *len;
    static const char *const han_digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九",
                                              "十", "百", "零", "〇", "两"};
    int i = 0;
    bool paren = false;
    if (starts(p, n, "(") || starts(p, n, "（")) {
        paren = true;
        i += p[0] == '(' ? 1 : 3;
    }
    bool ordinal = !paren && starts(p + i, n - i, "第");
    if (ordinal)
        i += 3;
    if (!paren && !ordinal && (starts(p, n, "Q") || starts(p, n, "q")) && n > 1 && p[1] >= '0' && p[1] <= '9')
        i = 1;
    int digits = 0;
    for (;;) {
        if (i < n && p[i] >= '0' && p[i] <= '9') {
            i++, digits++;
            continue;
        }
        bool han = false;
        for (size_t k = 0; k < sizeof han_digits / sizeof *han_digits; k++)
            if (starts(p + i, n - i, han_digits[k])) {
                i += 3, digits++, han = true;
                break;
            }
        if (!han)
            break;
    }
    if (!digits)
        return;
    if (ordinal) { /* 第一部分 第2章 第三节 第1题 */
        static const char *const units[] = {"部分", "章", "节", "题", "篇", "讲"};
        bool unit = false;
        for (size_t k = 0; k < sizeof units / sizeof *units && !unit; k++)
            if (starts(p + i, n - i, units[k]))
                i += (int)strlen(units[k]), unit = true;
        if (!unit)
            return;
    } else if (paren) {
        if (starts(p + i, n - i, ")"))
            i += 1;
        else if (starts(p + i, n - i, "）"))
            i += 3;
        else
            return;
    } else {
        static const char *const seps[] = {".", "、", "．", ")", "）", ":", "：", " "};
        bool sep = false;
        for (size_t k = 0; k < sizeof seps / sizeof *seps && !sep; k++)
            if (starts(p + i, n - i, seps[k]))
                i += (int)strlen(seps[k]), sep = true;
        if (!sep)
            return;
    }
    /* an ordinal may be followed by a separator too: "第一部分：" */
    static const char *const after[] = {"：", ":", "、", ".", "．"};
    for (size_t k = 0; k < sizeof after / sizeof *after; k++)
        if (starts(p + i, n - i, after[k])) {
            i += (int)strlen(after[k]);
            break;
        }
    const char *rest = p + i;
    int rl = n - i;
    trim(&rest, &rl);
    if (rl > 0)
        *s = rest, *len = rl;
}

static bool is_one_of(const char *s, int len, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((int)strlen(names[i]) == len && strncasecmp(s, names[i], (size_t)len) == 0)
            return true;
    return false;
}

static const char *const intro_names[] = {"引言", "前言", "导言", "引子", "简介", "介绍", "开场",
                                          "开场白", "概述", "背景", "Introduction", "Intro"};
static const char *const closing_names[] = {"结语", "结束语", "总结", "结论", "小结", "尾声",
                                            "结尾", "Conclusion", "Closing", "Summary"};

/* ===== Field markers ===== */

typedef struct {
    field f;
    const char *label;
} marker_word;

static const marker_word marker_words[] = {
    {F_QUESTION, "题目"}, {F_QUESTION, "问题"}, {F_QUESTION, "提问"}, {F_QUESTION, "问"},
    {F_QUESTION, "Question"}, {F_QUESTION, "Q"},
    {F_ANSWER, "参考答案"}, {F_ANSWER, "答案"}, {F_ANSWER, "回答"}, {F_ANSWER, "解答"},
    {F_ANSWER, "答"}, {F_ANSWER, "Answer"}, {F_ANSWER, "A"},
    {F_ANALYSIS, "解析"}, {F_ANALYSIS, "分析"}, {F_ANALYSIS, "讲解"}, {F_ANALYSIS, "点评"},
    {F_ANALYSIS, "Analysis"}, {F_ANALYSIS, "Explanation"},
};

/* A line opening a field: "**题目：** text", "**题目**: text", "题目:text",
 * "【答案】text", "- **Q:** text". Sets *rest to the text after the marker. */
static field marker(const line *ln, const char **rest, int *rest_len)
{
    const char *s = ln->s;
    int n = ln->len;
    trim(&s, &n);
    while (n > 0 && s[0] == '#') /* "#### 题目：..." is a marker too */
        s++, n--;
    trim(&s, &n);
    if (starts(s, n, "- ") || starts(s, n, "* ") || starts(s, n, "> "))
        s += 2, n -= 2;
    trim(&s, &n);
    int i = 0;
    bool bracket = false;
    int bold = 0;
    if (starts(s, n, "【"))
        i = 3, bracket = true;
    else
        while (i < n && i < 2 && (s[i] == '*' || s[i] == '_'))
            i++, bold++;
    for (size_t k = 0; k < sizeof marker_words / sizeof *marker_words; k++) {
        const char *w = marker_words[k].label;
        int wl = (int)strlen(w);
        if (n - i < wl || strncasecmp(s + i, w, (size_t)wl) != 0)
            continue;
        int j = i + wl;
        bool ascii_word = (unsigned char)w[0] < 0x80;
        if (ascii_word && j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
            continue; /* "Questions" is no marker */
        if (bracket) {
            if (!starts(s + j, n - j, "】"))
                continue;
            j += 3;
        } else {
            int closed = 0;
            /* "**题目**：" : the bold may close before the colon */
            while (j < n && closed < bold && (s[j] == '*' || s[j] == '_'))
                j++, closed++;
            while (j < n && s[j] == ' ')
                j++;
            if (starts(s + j, n - j, "："))
                j += 3;
            else if (j < n && s[j] == ':')
                j += 1;
            else
                continue;
            while (j < n && closed < bold && (s[j] == '*' || s[j] == '_'))
                j++, closed++;
            if (closed != bold)
                continue;
        }
        const char *r = s + j;
        int rl = n - j;
        trim(&r, &rl);
        *rest = r, *rest_len = rl;
        return marker_words[k].f;
    }
    return F_NONE;
}

/* ===== The model being filled ===== */

static section *new_section(importer *im, const char *title, dp_loc at)
{
    if (im->n_secs == im->cap_secs) {
        int cap = im->cap_secs ? 2 * im->cap_secs : 8;
        im->secs = dp_arena_grow(im->a, im->secs, (size_t)im->n_secs, (size_t)cap, sizeof *im->secs);
        im->cap_secs = cap;
    }
    section *s = &im->secs[im->n_secs++];
    *s = (section){.title = title, .loc = at};
    return s;
}

static item *new_item(importer *im, const char *title, dp_loc at)
{
    if (im->n_secs == 0) {
        new_section(im, "问答", at);
        dp_note(im->d, at, "items before any section heading go into a section named \"问答\"");
    }
    section *s = &im->secs[im->n_secs - 1];
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 16;
        s->items = dp_arena_grow(im->a, s->items, (size_t)s->n, (size_t)cap, sizeof *s->items);
        s->cap = cap;
    }
    item *it = &s->items[s->n++];
    *it = (item){.title = title, .loc = at};
    im->at = AT_ITEM;
    im->f = F_NONE;
    return it;
}

static item *cur_item(importer *im)
{
    section *s = &im->secs[im->n_secs - 1];
    return &s->items[s->n - 1];
}

static const char **field_of(item *it, field f)
{
    return f == F_QUESTION ? &it->question : f == F_ANSWER ? &it->answer : &it->analysis;
}

static const char *field_name(field f)
{
    return f == F_QUESTION ? "题目" : f == F_ANSWER ? "答案" : "解析";
}

/* Append a paragraph to a text: paragraphs are separated by a blank line. */
static void append(importer *im, const char **to, const char *para)
{
    if (!*para)
        return;
    *to = *to ? dp_arena_printf(im->a, "%s\n\n%s", *to, para) : dp_arena_strdup(im->a, para);
}

/* ===== The article's blocks, by md4c =====
 *
 * md4c finds the article's top-level blocks (the deck's own parser, so a
 * code fence, a list, a quote or a table is one block exactly as the deck
 * will read it); each is then known by its source lines, and what goes
 * into the deck is those lines as written: lists, code, links, quotes and
 * tables stay Markdown. Field markers ("**题目：**") are found on a block's
 * first line, or on a later line of a paragraph or list that starts a new
 * field ("Q: …" / "A: …" on consecutive lines). */

typedef enum { BK_PARA, BK_HEADING, BK_LIST, BK_QUOTE, BK_CODE, BK_TABLE, BK_RULE, BK_HTML } bkind;

typedef struct mdblock {
    bkind kind;
    int level;            /* headings */
    int at, end;          /* offsets of its first text and after its last; -1: no text */
    char *text;           /* headings: the text without markup */
    int text_len, text_cap;
    int first, last;      /* its lines (0-based, inclusive) */
} mdblock;

typedef struct {
    importer *im;
    const char *base;
    int len;
    int depth;
    mdblock *blocks;
    int n, cap;
} collector;

static int c_enter(MD_BLOCKTYPE type, void *detail, void *ud)
{
    collector *c = ud;
    if (++c->depth != 2)
        return 0;
    mdblock *b = dp_arena_push(c->im->a, &c->blocks, &c->n, &c->cap, sizeof *b);
    b->at = b->end = -1;
    switch (type) {
    case MD_BLOCK_H:
        b->kind = BK_HEADING;
        b->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        b->kind = BK_LIST;
        break;
    case MD_BLOCK_QUOTE:
        b->kind = BK_QUOTE;
        break;
    case MD_BLOCK_CODE:
        b->kind = BK_CODE;
        break;
    case MD_BLOCK_TABLE:
        b->kind = BK_TABLE;
        break;
    case MD_BLOCK_HR:
        b->kind = BK_RULE;
        break;
    case MD_BLOCK_HTML:
        b->kind = BK_HTML;
        break;
    default:
        b->kind = BK_PARA;
        break;
    }
    return 0;
}

static int c_leave(MD_BLOCKTYPE type, void *detail, void *ud)
{
    (void)type, (void)detail;
    ((collector *)ud)->depth--;
    return 0;
}

static int c_span(MD_SPANTYPE type, void *detail, void *ud)
{
    (void)type, (void)detail, (void)ud;
    return 0;
}

static int c_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
    collector *c = ud;
    if (c->depth < 2 || !c->n)
        return 0;
    mdblock *b = &c->blocks[c->n - 1];
    uintptr_t t = (uintptr_t)text, base = (uintptr_t)c->base;
    if (t >= base && t + size <= base + (uintptr_t)c->len) { /* md4c's own "\n"s lie elsewhere */
        int off = (int)(t - base);
        if (b->at < 0)
            b->at = off;
        b->end = off + (int)size;
    }
    if (b->kind != BK_HEADING)
        return 0;
    /* the heading's text without markup; a line break inside is a space */
    const char *piece = type == MD_TEXT_SOFTBR || type == MD_TEXT_BR ? " " : text;
    int n = type == MD_TEXT_SOFTBR || type == MD_TEXT_BR ? 1 : (int)size;
    if (type == MD_TEXT_NULLCHAR)
        return 0;
    if (b->text_len + n + 1 > b->text_cap) {
        int cap = (b->text_len + n + 1) * 2;
        b->text = dp_arena_grow(c->im->a, b->text, (size_t)b->text_len, (size_t)cap, 1);
        b->text_cap = cap;
    }
    memcpy(b->text + b->text_len, piece, (size_t)n);
    b->text_len += n;
    b->text[b->text_len] = 0;
    return 0;
}

/* The line holding byte offset 'off' of the article. */
static int line_at(const importer *im, int off)
{
    int lo = 0, hi = im->n_lines - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if ((int)(im->lines[mid].s - im->text) <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static int next_nonblank(const importer *im, int i)
{
    while (i < im->n_lines && blank(&im->lines[i]))
        i++;
    return i;
}

/* A code fence line: its character and length; 0 if none. */
static int fence(const line *ln, char *ch)
{
    const char *t = ln->s;
    int n = ln->len, i = 0;
    while (i < n && i < 4 && t[i] == ' ')
        i++;
    if (i > 3 || i >= n || (t[i] != '`' && t[i] != '~'))
        return 0;
    int k = i;
    while (k < n && t[k] == t[i])
        k++;
    if (k - i < 3)
        return 0;
    *ch = t[i];
    return k - i;
}

/* Each block's source lines. A block starts at its first text's line (a
 * code block at the fence before it; a block without text, such as a
 * rule, at the next line that is not blank) and ends before the next
 * block, blank lines left out; a code block ends at its closing fence. */
static void block_lines(importer *im, mdblock *b, int n)
{
    int end = -1; /* the last line known to belong to an earlier block */
    for (int k = 0; k < n; k++) {
        mdblock *x = &b[k];
        if (x->at >= 0)
            x->first = line_at(im, x->at) - (x->kind == BK_CODE ? 1 : 0);
        else
            x->first = next_nonblank(im, end + 1);
        if (x->first <= end)
            x->first = end + 1;
        if (x->first >= im->n_lines)
            x->first = im->n_lines - 1;
        x->last = x->end > 0 ? line_at(im, x->end - 1) : x->first;
        if (x->last < x->first)
            x->last = x->first;
        if (x->kind == BK_CODE) {
            char ch = 0, c2;
            int len = fence(&im->lines[x->first], &ch);
            int i = x->last + (x->at >= 0 ? 1 : 0);
            if (x->at < 0)
                i = x->first + 1;
            for (; len && i < im->n_lines; i++) {
                int l2 = fence(&im->lines[i], &c2);
                if (l2 >= len && c2 == ch) {
                    const char *t = im->lines[i].s;
                    int tl = im->lines[i].len;
                    trim(&t, &tl);
                    if (tl == l2)
                        break;
                }
            }
            x->last = i < im->n_lines ? i : im->n_lines - 1;
        }
        end = x->last;
        if (k > 0 && b[k - 1].kind != BK_CODE) {
            /* the block before runs on to this one: lazy lines, link definitions */
            int l = x->first - 1;
            while (l > b[k - 1].last && blank(&im->lines[l]))
                l--;
            if (l > b[k - 1].last)
                b[k - 1].last = l;
        }
    }
    if (n > 0 && b[n - 1].kind != BK_CODE) {
        int l = im->n_lines - 1;
        while (l > b[n - 1].last && blank(&im->lines[l]))
            l--;
        b[n - 1].last = l;
    }
}

static void collect(importer *im)
{
    collector c = {.im = im, .base = im->text, .len = im->text_len};
    MD_PARSER md = {.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOINDENTEDCODEBLOCKS,
                    .enter_block = c_enter, .leave_block = c_leave,
                    .enter_span = c_span, .leave_span = c_span, .text = c_text};
    md_parse(im->text, (MD_SIZE)im->text_len, &md, &c);
    block_lines(im, c.blocks, c.n);
    im->blocks = c.blocks;
    im->n_blocks = c.n;
}

/* ===== Segments: the blocks, split where a field marker starts ===== */

static void add_seg(importer *im, const mdblock *b, int first, int last)
{
    seg *g = dp_arena_push(im->a, &im->segs, &im->n_segs, &im->cap_segs, sizeof *g);
    *g = (seg){.kind = b->kind, .level = b->level, .first = first, .last = last};
    if (b->kind == BK_HEADING)
        g->title = b->text ? b->text : "";
    if (b->kind == BK_PARA || b->kind == BK_LIST || b->kind == BK_QUOTE || b->kind == BK_HEADING)
        g->f = marker(&im->lines[first], &g->rest, &g->rest_len);
}

static void segments(importer *im)
{
    for (int k = 0; k < im->n_blocks; k++) {
        const mdblock *b = &im->blocks[k];
        if (b->kind != BK_PARA && b->kind != BK_LIST && b->kind != BK_QUOTE) {
            add_seg(im, b, b->first, b->last);
            continue;
        }
        /* "Q: …" and "A: …" on consecutive lines: a field each; never
         * inside a code fence of a list item */
        int from = b->first;
        char fch = 0;
        int flen = 0;
        for (int i = b->first + 1; i <= b->last; i++) {
            char ch;
            int l = fence(&im->lines[i], &ch);
            if (flen) {
                if (l >= flen && ch == fch)
                    flen = 0;
                continue;
            }
            if (l) {
                fch = ch, flen = l;
                continue;
            }
            const char *r;
            int rl;
            if (marker(&im->lines[i], &r, &rl) != F_NONE) {
                add_seg(im, b, from, i - 1);
                from = i;
            }
        }
        add_seg(im, b, from, b->last);
    }
}

/* Lines [first, last] as written, less the indentation they all share;
 * the first line from 'first_text' on when given (the text after a field
 * marker). */
static const char *lines_text(importer *im, int first, int last, const char *first_text, int first_len)
{
    int common = -1;
    for (int i = first + (first_text ? 1 : 0); i <= last; i++) {
        const line *ln = &im->lines[i];
        if (blank(ln))
            continue;
        int k = 0;
        while (k < ln->len && (ln->s[k] == ' ' || ln->s[k] == '\t'))
            k++;
        if (common < 0 || k < common)
            common = k;
    }
    if (common < 0)
        common = 0;
    size_t cap = 1 + (first_text ? (size_t)first_len + 1 : 0);
    for (int i = first; i <= last; i++)
        cap += (size_t)im->lines[i].len + 1;
    char *out = dp_arena_alloc(im->a, cap);
    size_t n = 0;
    for (int i = first; i <= last; i++) {
        const char *s = im->lines[i].s;
        int len = im->lines[i].len;
        if (i == first && first_text) {
            s = first_text, len = first_len;
        } else {
            int cut = 0;
            while (cut < common && cut < len)
                cut++;
            s += cut, len -= cut;
            while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t') && blank(&im->lines[i]))
                len--;
        }
        if (n || i > first)
            out[n++] = '\n';
        memcpy(out + n, s, (size_t)len);
        n += (size_t)len;
    }
    out[n] = 0;
    /* no blank lines at either end */
    char *t = out;
    while (*t == '\n')
        t++;
    while (n > 0 && out[n - 1] == '\n')
        out[--n] = 0;
    return t;
}

/* The text of a question (set literally in the deck): its inline markup
 * (**, `, links) resolved to plain text, its line breaks kept. What would
 * start a block alone ("- ", "1. ", "> ") is text here: it is escaped. */
static const char *question_text(importer *im, const char *s)
{
    int digits = 0;
    while (s[digits] >= '0' && s[digits] <= '9')
        digits++;
    const char *esc = s;
    if (digits && (s[digits] == '.' || s[digits] == ')'))
        esc = dp_arena_printf(im->a, "%.*s\\%s", digits, s, s + digits);
    else if (!digits && s[0] && strchr("-+*#>|=~`", s[0]))
        esc = dp_arena_printf(im->a, "\\%s", s);
    const char *t = dp_markup_plain(im->a, esc, (int)strlen(esc));
    int tl = (int)strlen(t);
    trim(&t, &tl);
    return dp_arena_strndup(im->a, t, (size_t)tl);
}

/* ===== Mapping ===== */

static bool is_title_heading(const seg *g) { return g->kind == BK_HEADING && g->f == F_NONE; }

/* How many questions and answers the segments after k hold, up to the
 * next heading. */
static void fields_ahead(const importer *im, int k, int *questions, int *answers)
{
    *questions = *answers = 0;
    for (int i = k + 1; i < im->n_segs && !is_title_heading(&im->segs[i]); i++) {
        *questions += im->segs[i].f == F_QUESTION;
        *answers += im->segs[i].f == F_ANSWER;
    }
}

/* Intro or closing heading: one of the names, alone or followed by a
 * separator and more ("结语：下一步"). */
static bool named(const char *s, int len, const char *const *names, size_t n)
{
    if (is_one_of(s, len, names, n))
        return true;
    for (size_t i = 0; i < n; i++) {
        int nl = (int)strlen(names[i]);
        if (len > nl && strncasecmp(s, names[i], (size_t)nl) == 0 &&
            (starts(s + nl, len - nl, "：") || starts(s + nl, len - nl, ":") || starts(s + nl, len - nl, " ") ||
             starts(s + nl, len - nl, "——") || starts(s + nl, len - nl, " — ")))
            return true;
    }
    return false;
}

/* A line under the title that is a byline or metadata, not the intro:
 * "作者：张三", "2024-05-01 · 上海", "*文 / 李四 | 2024年5月*". */
static bool metadata_line(const char *s, int len)
{
    trim(&s, &len);
    while (len > 0 && (s[0] == '>' || s[0] == '*' || s[0] == '_' || s[0] == ' '))
        s++, len--;
    while (len > 0 && (s[len - 1] == '*' || s[len - 1] == '_' || s[len - 1] == ' '))
        len--;
    if (len == 0 || dp_utf8_count(s, (size_t)len) > 80)
        return false;
    static const char *const labels[] = {"作者", "文", "撰文", "撰稿", "编辑", "责编", "整理", "来源",
                                         "出处", "发布", "发表", "日期", "时间", "地点", "原文", "链接",
                                         "转载", "译者", "校对", "审校", "更新", "By", "Author",
                                         "Date", "Posted", "Published", "Source", "Updated"};
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        int n = (int)strlen(labels[k]);
        if (len > n && strncasecmp(s, labels[k], (size_t)n) == 0) {
            const char *r = s + n;
            int rl = len - n;
            if (starts(r, rl, "：") || starts(r, rl, ":") || starts(r, rl, " /") || starts(r, rl, "/") ||
                starts(r, rl, "｜") || (starts(r, rl, " ") && (unsigned char)labels[k][0] < 0x80))
                return true;
        }
    }
    /* a date: 2024-05-01, 2024/5/1, 2024.05, 2024年5月 */
    for (int i = 0; i + 6 <= len; i++) {
        int d = 0;
        while (i + d < len && d < 4 && s[i + d] >= '0' && s[i + d] <= '9')
            d++;
        if (d == 4 && (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') && i + 4 < len) {
            const char *r = s + i + 4;
            int rl = len - i - 4;
            int sep = starts(r, rl, "年") ? 3 : (r[0] == '-' || r[0] == '/' || r[0] == '.') ? 1 : 0;
            if (sep && sep < rl && r[sep] >= '0' && r[sep] <= '9')
                return true;
        }
    }
    return false;
}

static bool metadata_seg(const importer *im, const seg *g)
{
    if ((g->kind != BK_PARA && g->kind != BK_QUOTE) || g->f != F_NONE || g->last - g->first > 3)
        return false;
    for (int i = g->first; i <= g->last; i++)
        if (!metadata_line(im->lines[i].s, im->lines[i].len))
            return false;
    return true;
}

static void on_heading(importer *im, int k, bool any_h1)
{
    const seg *g = &im->segs[k];
    dp_loc at = loc_of(im, &im->lines[g->first]);
    const char *t = g->title;
    int tl = (int)strlen(t);
    trim(&t, &tl);
    const char *name = t;
    int nl = tl;
    drop_number(&name, &nl);
    im->group = NULL;
    if (im->in_block_level && g->level > im->in_block_level) {
        /* a heading inside the intro or closing stays in its text */
        append(im, im->at == AT_INTRO ? &im->intro.body : &im->closing.body,
               lines_text(im, g->first, g->last, NULL, 0));
        return;
    }
    im->in_block_level = 0;
    if (named(name, nl, intro_names, sizeof intro_names / sizeof *intro_names) && !im->intro.present) {
        im->intro = (block){.title = dp_arena_strndup(im->a, name, (size_t)nl), .present = true};
        im->at = AT_INTRO;
        im->in_block_level = g->level;
        return;
    }
    if (named(name, nl, closing_names, sizeof closing_names / sizeof *closing_names)) {
        im->closing = (block){.title = dp_arena_strndup(im->a, name, (size_t)nl), .present = true};
        im->at = AT_CLOSING;
        im->in_block_level = g->level;
        return;
    }
    int questions, answers;
    fields_ahead(im, k, &questions, &answers);
    if (questions <= 1 && questions + answers > 0) {
        new_item(im, dp_arena_strndup(im->a, name, (size_t)nl), at);
        return;
    }
    if (questions > 1 && im->n_secs && g->level > im->sec_level) {
        /* several questions under a heading inside a section: an item
         * each, all titled from the heading */
        im->group = dp_arena_strndup(im->a, name, (size_t)nl);
        im->at = AT_SECTION;
        return;
    }
    if (!im->title && (g->level == 1 || !any_h1)) {
        const char *colon = NULL;
        for (int c = 0; c + 3 <= tl && !colon; c++)
            if (memcmp(t + c, "：", 3) == 0)
                colon = t + c;
        if (colon) {
            const char *sub = colon + 3;
            int sl = tl - (int)(colon - t) - 3, hl = (int)(colon - t);
            trim(&sub, &sl);
            trim(&t, &hl);
            im->title = dp_arena_strndup(im->a, t, (size_t)hl);
            im->subtitle = sl ? dp_arena_strndup(im->a, sub, (size_t)sl) : NULL;
        } else {
            im->title = dp_arena_strndup(im->a, t, (size_t)tl);
        }
        im->at = AT_AFTER_TITLE;
        im->title_seg = k;
        return;
    }
    new_section(im, dp_arena_strndup(im->a, name, (size_t)nl), at);
    im->sec_level = g->level;
    im->at = AT_SECTION;
}

static void unmapped(importer *im, const seg *g, const char *why)
{
    dp_warning(im->d, loc_of(im, &im->lines[g->first]), "%s; left out", why);
}

static bool only_image(const importer *im, const seg *g)
{
    const char *t = im->lines[g->first].s;
    int tl = im->lines[g->first].len;
    trim(&t, &tl);
    return g->kind == BK_PARA && g->first == g->last && starts(t, tl, "![") && t[tl - 1] == ')';
}

static void on_segment(importer *im, int k)
{
    const seg *g = &im->segs[k];
    const line *ln = &im->lines[g->first];
    if (g->kind == BK_RULE)
        return; /* a horizontal rule between parts */
    if (g->kind == BK_HTML) {
        const char *t = ln->s;
        int tl = ln->len;
        trim(&t, &tl);
        if (!starts(t, tl, "<!--"))
            unmapped(im, g, "raw HTML is not imported");
        return; /* an HTML comment */
    }
    if (only_image(im, g)) {
        unmapped(im, g, "an image is not imported (add it to the item as image: FILE)");
        return;
    }
    if (im->at == AT_AFTER_TITLE && k == im->title_seg + 1 + im->n_meta && metadata_seg(im, g)) {
        /* a byline or the date under the title: not the intro */
        im->n_meta++;
        dp_note(im->d, loc_of(im, ln), "the line under the title is a byline or metadata, not part of the "
                "deck; left out");
        return;
    }
    if (g->f != F_NONE) {
        bool in_item = im->at == AT_ITEM;
        item *it = in_item ? cur_item(im) : NULL;
        /* a question where the item has one already, or outside an item,
         * starts an item of its own (articles without item headings) */
        if (g->f == F_QUESTION && (!in_item || it->question)) {
            it = new_item(im, im->group, loc_of(im, ln));
        } else if (!in_item) {
            dp_warning(im->d, loc_of(im, ln), "%s outside any item; left out", field_name(g->f));
            dp_hint(im->d, "an item starts with a heading or a **题目：** line");
            im->at = im->at == AT_START || im->at == AT_AFTER_TITLE ? im->at : AT_SECTION;
            return;
        } else if (*field_of(it, g->f)) {
            dp_warning(im->d, loc_of(im, ln), "a second %s in one item; appended to the first",
                       field_name(g->f));
        }
        im->f = g->f;
        const char *text = lines_text(im, g->first, g->last, g->rest, g->rest_len);
        if (g->f == F_QUESTION && *text)
            text = question_text(im, text);
        append(im, field_of(it, g->f), text);
        return;
    }
    const char *para = lines_text(im, g->first, g->last, NULL, 0);
    switch (im->at) {
    case AT_START:
    case AT_AFTER_TITLE: /* text right under the title: the intro */
        if (!im->intro.present)
            im->intro = (block){.title = "引言", .present = true};
        append(im, &im->intro.body, para);
        return;
    case AT_INTRO:
        append(im, &im->intro.body, para);
        return;
    case AT_CLOSING:
        append(im, &im->closing.body, para);
        return;
    case AT_SECTION:
        if (!im->n_secs) {
            unmapped(im, g, "text outside any section or item is not mapped");
            return;
        }
        dp_warning(im->d, loc_of(im, ln), "text under section \"%s\" is not part of any item; left out",
                   im->secs[im->n_secs - 1].title);
        dp_hint(im->d, "an item starts with a heading followed by **题目：** and **答案：**");
        return;
    case AT_ITEM:
        if (im->f == F_NONE) {
            dp_warning(im->d, loc_of(im, ln), "text before the item's **题目：** is not mapped; left out");
            dp_hint(im->d, "start it with **题目：**, **答案：** or **解析：**");
            return;
        }
        if (im->f == F_QUESTION)
            para = question_text(im, para);
        append(im, field_of(cur_item(im), im->f), para);
        return;
    }
}

static void parse(importer *im)
{
    collect(im);
    segments(im);
    bool any_h1 = false;
    for (int k = 0; k < im->n_segs; k++)
        any_h1 |= is_title_heading(&im->segs[k]) && im->segs[k].level == 1;
    for (int k = 0; k < im->n_segs; k++) {
        if (is_title_heading(&im->segs[k]))
            on_heading(im, k, any_h1);
        else
            on_segment(im, k);
    }
}

/* ===== YAML out ===== */

static bool plain_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]))
        return false;
    if (s[n - 1] == ' ' || s[n - 1] == ':' || s[n - 1] == '\t')
        return false;
    if (strstr(s, ": ") || strstr(s, " #") || strchr(s, '\t') || strchr(s, '\n'))
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return false;
    static const char *const special[] = {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"};
    for (size_t i = 0; i < sizeof special / sizeof *special; i++)
        if (strcasecmp(s, special[i]) == 0)
            return false;
    bool number = true; /* 12, 3.5, 1e3, 0x1F, .inf: keep them strings */
    for (const char *p = s; *p && number; p++)
        number = strchr("0123456789+-.eExXabcdefABCDEF_:", *p) != NULL;
    return !number || !strpbrk(s, "0123456789");
}

static void put_quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(f, "\\x%02x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* "key: value" at 'indent' spaces: plain when YAML reads it back unchanged,
 * a | block for several lines, else "double-quoted". */
static void put_field(FILE *f, int indent, const char *key, const char *v)
{
    if (!v)
        return;
    fprintf(f, "%*s%s: ", indent, "", key);
    bool lit = strchr(v, '\n') && v[0] != ' ';
    for (const unsigned char *p = (const unsigned char *)v; lit && *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F)
            lit = false;
    size_t n = strlen(v);
    if (lit && v[n - 1] == '\n')
        lit = false;
    if (lit) {
        fputs("|\n", f);
        for (const char *l = v; *l;) {
            const char *e = strchr(l, '\n');
            size_t len = e ? (size_t)(e - l) : strlen(l);
            if (len)
                fprintf(f, "%*s%.*s\n", indent + 2, "", (int)len, l);
            else
                fputc('\n', f);
            l += len + (e ? 1 : 0);
        }
        return;
    }
    if (plain_ok(v))
        fputs(v, f);
    else
        put_quoted(f, v);
    fputc('\n', f);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void emit(const importer *im, FILE *f, const char *out_name)
{
    fprintf(f, "# %s: imported from %s by `deckpress import`.\n", out_name ? base_name(out_name) : "deck",
             base_name(im->path));
    fprintf(f, "# Check it before building: deckpress check %s\n\n", out_name ? out_name : "DECK.yaml");
    put_field(f, 0, "title", im->title ? im->title : "待定");
    put_field(f, 0, "subtitle", im->subtitle);
    fputs("lang: zh-CN\ntemplate: default\n", f);
    if (im->intro.present && im->intro.body) {
        fputs("\nintro:\n", f);
        put_field(f, 2, "title", im->intro.title);
        put_field(f, 2, "body", im->intro.body);
    }
    fputs("\nsections:\n", f);
    int number = 0;
    for (int s = 0; s < im->n_secs; s++) {
        const section *sec = &im->secs[s];
        int usable = 0;
        for (int i = 0; i < sec->n; i++)
            usable += sec->items[i].question && sec->items[i].answer;
        if (!usable)
            continue;
        fputs(number ? "\n  - " : "  - ", f);
        put_field(f, 0, "title", sec->title);
        fputs("    items:\n", f);
        for (int i = 0; i < sec->n; i++) {
            const item *it = &sec->items[i];
            if (!it->question || !it->answer)
                continue;
            fprintf(f, "\n      # %d\n", ++number);
            fputs("      - ", f);
            if (it->title) {
                put_field(f, 0, "title", it->title);
                put_field(f, 8, "question", it->question);
            } else {
                put_field(f, 0, "question", it->question);
            }
            put_field(f, 8, "answer", it->answer);
            put_field(f, 8, "analysis", it->analysis);
        }
    }
    if (im->closing.present && im->closing.body) {
        fputs("\nclosing:\n", f);
        put_field(f, 2, "title", im->closing.title);
        put_field(f, 2, "body", im->closing.body);
    }
}

/* A heading that is a question: it ends with a question mark. */
static bool asks(const char *s)
{
    size_t n = strlen(s);
    return (n >= 1 && s[n - 1] == '?') || (n >= 3 && strcmp(s + n - 3, "？") == 0);
}

/* Warnings about what the model holds but the deck will not. */
static int review(importer *im)
{
    int items = 0;
    if (!im->title)
        dp_warning(im->d, (dp_loc){im->path, 0, 0},
                   "no \"# title\" heading: the deck's title is \"待定\"; fill it in");
    for (int s = 0; s < im->n_secs; s++) {
        section *sec = &im->secs[s];
        int usable = 0;
        for (int i = 0; i < sec->n; i++) {
            item *it = &sec->items[i];
            if (!it->question && it->answer && it->title && asks(it->title)) {
                /* "### Q3：如何评估 RAG？" then **答：**: the heading is the question */
                it->question = it->title;
                it->title = NULL;
                dp_note(im->d, it->loc, "the heading \"%s\" is taken as the item's question (it has no "
                        "题目 of its own)", it->question);
            }
            const char *what = !it->question && !it->answer ? "题目 (question) and 答案 (answer)"
                             : !it->question               ? "题目 (question)"
                             : !it->answer                 ? "答案 (answer)"
                                                           : NULL;
            if (!what) {
                usable++;
                continue;
            }
            if (it->title)
                dp_warning(im->d, it->loc, "item \"%s\" has no %s; skipped", it->title, what);
            else
                dp_warning(im->d, it->loc, "an item has no %s; skipped", what);
            dp_hint(im->d, "write its **题目：** and **答案：** paragraphs");
        }
        if (!usable) {
            dp_warning(im->d, sec->loc, "section \"%s\" has no items; left out", sec->title);
            dp_hint(im->d, "an item is a heading followed by **题目：** and **答案：**");
        }
        items += usable;
    }
    if (im->intro.present && !im->intro.body)
        dp_warning(im->d, (dp_loc){im->path, 0, 0}, "the intro \"%s\" has no text; left out", im->intro.title);
    if (im->closing.present && !im->closing.body)
        dp_warning(im->d, (dp_loc){im->path, 0, 0}, "the closing \"%s\" has no text; left out",
                   im->closing.title);
    return items;
}

int dp_cmd_import(const dp_options *opt, dp_diags *d)
{
    const char *path = opt->deck_path;
    size_t len = 0;
    char *text = dp_read_file(path, DP_YAML_MAX_BYTES, &len);
    if (!text) {
        dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot read %s: %s", path, strerror(errno));
        return DP_EXIT_IO;
    }
    dp_diags_add_source(d, path, text, len);
    size_t bad = dp_utf8_invalid_at(text, len);
    if (bad < len) {
        int line_no = 1;
        size_t start = 0;
        for (size_t i = 0; i < bad; i++)
            if (text[i] == '\n')
                line_no++, start = i + 1;
        dp_error(d, (dp_loc){path, line_no, 1 + (int)dp_utf8_count(text + start, bad - start)},
                 "invalid UTF-8 (byte 0x%02X); save the article as UTF-8", (unsigned char)text[bad]);
        free(text);
        return DP_EXIT_INPUT;
    }
    importer im = {.a = dp_arena_new(64 * 1024), .d = d, .path = path, .title_seg = -1};
    const char *s = text;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    im.text = s;
    im.text_len = (int)(len - (size_t)(s - text));
    int cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == '\n';
    im.lines = dp_arena_alloc(im.a, sizeof(line) * (size_t)cap);
    for (const char *p = s; *p || im.n_lines == 0;) {
        const char *e = strchr(p, '\n');
        int n = e ? (int)(e - p) : (int)strlen(p);
        if (n > 0 && p[n - 1] == '\r')
            n--;
        im.lines[im.n_lines] = (line){p, n, im.n_lines + 1};
        im.n_lines++;
        if (!e)
            break;
        p = e + 1;
    }
    parse(&im);
    int items = review(&im);
    int status = DP_EXIT_OK;
    if (items == 0) {
        dp_error(d, (dp_loc){path, 0, 0}, "no items found: nothing to import");
        dp_hint(d, "an item is a heading (### 1. topic) followed by **题目：** and **答案：** paragraphs");
        status = DP_EXIT_INPUT;
    } else if (opt->out_path && strcmp(opt->out_path, "-") != 0 && !opt->force &&
               access(opt->out_path, F_OK) == 0) {
        /* a deck edited since the last import is not silently replaced */
        dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "%s already exists; it is left as it is",
                        opt->out_path);
        dp_hint(d, "pass --force to replace it, or write to another file with -o");
        status = DP_EXIT_IO;
    } else if (opt->out_path && strcmp(opt->out_path, "-") != 0) {
        dp_atomic_file out;
        FILE *f = dp_atomic_open(&out, opt->out_path);
        if (f)
            emit(&im, f, opt->out_path);
        if (!f || !dp_atomic_commit(&out)) {
            dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot write %s: %s", opt->out_path, strerror(errno));
            status = DP_EXIT_IO;
        } else if (opt->verbosity >= 0) { /* printed after the warnings, like build's */
            dp_diags_after(d, "deckpress: wrote %s (%d item%s)", opt->out_path, items, items == 1 ? "" : "s");
        }
    } else {
        emit(&im, stdout, NULL);
        fflush(stdout);
    }
    if (status == DP_EXIT_OK && opt->strict && dp_warning_count(d) > 0)
        status = DP_EXIT_INPUT;
    dp_arena_free(im.a);
    free(text);
    return status;
}
