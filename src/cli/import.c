/* import.c: `deckpress import ARTICLE.md [-o DECK.yaml]`: a Markdown Q&A
 * article (the shape of the meetup's seed article) -> a deck YAML.
 *
 *   # 标题：副标题                    title, subtitle (split at the first ：)
 *   ## 引言                           intro (also 前言, 简介, ...; or the text
 *   paragraphs                        right under the title)
 *   ## 一、section                    a section ("一、", "1." dropped)
 *   ### 1. topic                      an item: the topic line (number dropped)
 *   **题目：** question               question   (问题, Q, ...)
 *   **答案：** answer                 answer     (回答, A, ...)
 *   **解析：** analysis               analysis, optional (分析, ...)
 *   ## 结语                           closing (also 总结, 结束语, ...)
 *
 * Tolerant: any heading level for any part (a heading is an item when a
 * question or answer marker follows it before the next heading), markers
 * with or without bold, with a full-width or ASCII colon, with or without a
 * space after it, with their text on the same line or in the paragraphs
 * after it; items without headings; "*" and "+" bullets become "-".
 * What it cannot map (text outside any item, intro or closing, images, an
 * item without a question or an answer, a section without items) is
 * reported as a warning at its line and column and left out. Writes to
 * stdout, or atomically to -o FILE. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "build.h"
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

typedef struct {
    dp_arena *a;
    dp_diags *d;
    const char *path;
    line *lines;
    int n_lines;
    const char *title, *subtitle;
    block intro, closing;
    section *secs;
    int n_secs, cap_secs;
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

/* Drop "**" and "__" and backticks: for texts set literally (titles, questions). */
static const char *plain(dp_arena *a, const char *s, int len)
{
    char *out = dp_arena_alloc(a, (size_t)len + 1);
    int k = 0;
    for (int i = 0; i < len; i++) {
        if ((s[i] == '*' || s[i] == '_') && i + 1 < len && s[i + 1] == s[i]) {
            i++;
            continue;
        }
        if (s[i] == '`')
            continue;
        out[k++] = s[i];
    }
    out[k] = '\0';
    const char *r = out;
    trim(&r, &k);
    return dp_arena_strndup(a, r, (size_t)k);
}

/* ===== Headings ===== */

/* "## text ##" -> level 2, text; 0 when the line is no ATX heading. A
 * missing space after the #s is accepted before non-ASCII text ("##引言"). */
static int heading(const line *ln, const char **text, int *len)
{
    const char *s = ln->s;
    int n = ln->len, i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    int level = 0;
    while (i < n && s[i] == '#')
        level++, i++;
    if (level < 1 || level > 6)
        return 0;
    if (i < n && s[i] != ' ' && s[i] != '\t' && (unsigned char)s[i] < 0x80)
        return 0;
    const char *t = s + i;
    int tl = n - i;
    trim(&t, &tl);
    while (tl > 0 && t[tl - 1] == '#') /* closing #s */
        tl--;
    trim(&t, &tl);
    *text = t, *len = tl;
    return level;
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

/* Lines [first, end) as one paragraph: lines trimmed, except the indent of
 * list items; "* " and "+ " bullets become "- ". */
static const char *paragraph(importer *im, int first, int end)
{
    const char *out = "";
    bool fence = false;
    int fence_indent = 0;
    for (int i = first; i < end; i++) {
        const char *s = im->lines[i].s;
        int n = im->lines[i].len;
        const char *t = s;
        int tl = n;
        trim(&t, &tl);
        int indent = (int)(t - s);
        bool fence_line = starts(t, tl, "```") || starts(t, tl, "~~~");
        if (fence || fence_line) {
            /* code as written: its lines keep their indentation (less the
             * fence's own), blank lines and trailing text */
            if (fence_line && !fence)
                fence_indent = indent;
            int cut = 0;
            while (cut < fence_indent && cut < n && (s[cut] == ' ' || s[cut] == '\t'))
                cut++;
            int len = n - cut;
            while (len > 0 && s[cut + len - 1] == '\r')
                len--;
            out = dp_arena_printf(im->a, "%s%s%.*s", out, i > first ? "\n" : "", len, s + cut);
            if (fence_line)
                fence = !fence;
            continue;
        }
        bool bullet = starts(t, tl, "- ") || starts(t, tl, "* ") || starts(t, tl, "+ ");
        const char *text = t;
        int text_len = tl;
        char *conv = NULL;
        if (bullet && t[0] != '-') {
            conv = dp_arena_strndup(im->a, t, (size_t)tl);
            conv[0] = '-';
            text = conv;
        }
        int keep = bullet && i > first ? (indent < 8 ? indent : 8) : 0;
        out = dp_arena_printf(im->a, "%s%s%*s%.*s", out, i > first ? "\n" : "", keep, "", text_len, text);
    }
    return out;
}

/* ===== Parsing ===== */

/* A heading is an item's when a question or an answer follows before the
 * next heading, and at most one question: under a heading with several,
 * the items have no headings and the heading is their section's. */
static bool item_ahead(const importer *im, int from)
{
    int questions = 0, answers = 0;
    for (int i = from; i < im->n_lines; i++) {
        const char *t;
        int tl;
        field f = marker(&im->lines[i], &t, &tl);
        if (f == F_NONE && heading(&im->lines[i], &t, &tl))
            break;
        questions += f == F_QUESTION;
        answers += f == F_ANSWER;
    }
    return questions <= 1 && questions + answers > 0;
}

static void on_heading(importer *im, int i, int level, const char *t, int tl, bool any_h1)
{
    dp_loc at = loc_of(im, &im->lines[i]);
    const char *name = t;
    int nl = tl;
    drop_number(&name, &nl);
    if (is_one_of(name, nl, intro_names, sizeof intro_names / sizeof *intro_names) && !im->intro.present) {
        im->intro = (block){.title = plain(im->a, name, nl), .present = true};
        im->at = AT_INTRO;
        return;
    }
    if (is_one_of(name, nl, closing_names, sizeof closing_names / sizeof *closing_names)) {
        im->closing = (block){.title = plain(im->a, name, nl), .present = true};
        im->at = AT_CLOSING;
        return;
    }
    if (item_ahead(im, i + 1)) {
        new_item(im, plain(im->a, name, nl), at);
        return;
    }
    if (!im->title && (level == 1 || !any_h1)) {
        const char *colon = NULL;
        for (int k = 0; k + 3 <= tl && !colon; k++)
            if (memcmp(t + k, "：", 3) == 0)
                colon = t + k;
        if (colon) {
            im->title = plain(im->a, t, (int)(colon - t));
            im->subtitle = plain(im->a, colon + 3, tl - (int)(colon - t) - 3);
            if (!*im->subtitle)
                im->subtitle = NULL;
        } else {
            im->title = plain(im->a, t, tl);
        }
        im->at = AT_AFTER_TITLE;
        return;
    }
    new_section(im, plain(im->a, name, nl), at);
    im->at = AT_SECTION;
}

static void unmapped(importer *im, int i, const char *why)
{
    dp_warning(im->d, loc_of(im, &im->lines[i]), "%s; left out", why);
}

/* Lines [i, end): one paragraph (no blank line, no heading inside). */
static void on_paragraph(importer *im, int i, int end)
{
    const line *ln = &im->lines[i];
    const char *t = ln->s;
    int tl = ln->len;
    trim(&t, &tl);
    if ((starts(t, tl, "---") || starts(t, tl, "***") || starts(t, tl, "___")) && end == i + 1) {
        bool rule = true;
        for (int k = 0; k < tl; k++)
            rule &= t[k] == t[0] || t[k] == ' ';
        if (rule)
            return; /* a horizontal rule */
    }
    if (starts(t, tl, "<!--"))
        return; /* an HTML comment */
    if (starts(t, tl, "![")) {
        unmapped(im, i, "an image is not imported (add it to the item as image: FILE)");
        return;
    }
    const char *rest;
    int rl;
    field f = marker(ln, &rest, &rl);
    if (f != F_NONE) {
        bool in_item = im->at == AT_ITEM;
        item *it = in_item ? cur_item(im) : NULL;
        /* a question where the item has one already, or outside an item,
         * starts an item of its own (articles without item headings) */
        if (f == F_QUESTION && (!in_item || it->question)) {
            it = new_item(im, NULL, loc_of(im, ln));
        } else if (!in_item) {
            dp_warning(im->d, loc_of(im, ln), "%s outside any item; left out", field_name(f));
            dp_hint(im->d, "an item starts with a heading or a **题目：** line");
            im->at = im->at == AT_START || im->at == AT_AFTER_TITLE ? im->at : AT_SECTION;
            return;
        } else if (*field_of(it, f)) {
            dp_warning(im->d, loc_of(im, ln), "a second %s in one item; appended to the first",
                       field_name(f));
        }
        im->f = f;
        const char *first = dp_arena_strndup(im->a, rest, (size_t)rl);
        const char *more = end > i + 1 ? paragraph(im, i + 1, end) : "";
        const char *text = *first && *more ? dp_arena_printf(im->a, "%s\n%s", first, more)
                                           : *first ? first : more;
        append(im, field_of(it, f), text);
        return;
    }
    const char *para = paragraph(im, i, end);
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
        append(im, field_of(cur_item(im), im->f), para);
        return;
    }
}

static void parse(importer *im)
{
    bool any_h1 = false;
    for (int i = 0; i < im->n_lines; i++) {
        const char *t;
        int tl;
        any_h1 |= heading(&im->lines[i], &t, &tl) == 1;
    }
    bool fence = false;
    for (int i = 0; i < im->n_lines;) {
        const line *ln = &im->lines[i];
        const char *t;
        int tl;
        int level = fence || marker(ln, &t, &tl) ? 0 : heading(ln, &t, &tl);
        if (level) {
            on_heading(im, i, level, t, tl, any_h1);
            i++;
            continue;
        }
        if (blank(ln)) {
            i++;
            continue;
        }
        /* a paragraph: up to a blank line, a heading or a new marker */
        int end = i + 1;
        const char *tt = ln->s;
        int ttl = ln->len;
        trim(&tt, &ttl);
        if (starts(tt, ttl, "```") || starts(tt, ttl, "~~~"))
            fence = !fence;
        /* a code block is one paragraph, blank lines and all, to its closing fence */
        while (end < im->n_lines && (fence || !blank(&im->lines[end]))) {
            const char *r;
            int rl;
            if (!fence && (heading(&im->lines[end], &r, &rl) || marker(&im->lines[end], &r, &rl)))
                break;
            const char *e = im->lines[end].s;
            int el = im->lines[end].len;
            trim(&e, &el);
            if (starts(e, el, "```") || starts(e, el, "~~~"))
                fence = !fence;
            end++;
        }
        on_paragraph(im, i, end);
        i = end;
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
    importer im = {.a = dp_arena_new(64 * 1024), .d = d, .path = path};
    const char *s = text;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
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
