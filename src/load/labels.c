/* labels.c: the built-in label tables and their placeholders (see labels.h). */
#include "labels.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define KEY(E, k) [DP_LABEL_##E] = #k,
const char *const dp_label_keys[DP_LABEL_COUNT] = {DP_LABELS(KEY)};
#undef KEY

static const char *const zh_hans[DP_LABEL_COUNT] = {
    [DP_LABEL_ANSWER] = "答案",
    [DP_LABEL_ANALYSIS] = "解析",
    [DP_LABEL_QUESTION] = "题目",
    [DP_LABEL_AGENDA] = "议程",
    [DP_LABEL_INTRO] = "引言",
    [DP_LABEL_CLOSING] = "结语",
    [DP_LABEL_CONTINUED] = "（续）",
    [DP_LABEL_CONTENTS] = "目录",
    [DP_LABEL_COVER] = "封面",
    [DP_LABEL_ITEMS] = "{n} 题",
    [DP_LABEL_ONE_ITEM] = "{n} 题",
    [DP_LABEL_SECTIONS] = "{n} 个部分",
    [DP_LABEL_PART] = "第{N}部分",
    [DP_LABEL_SLIDE_RANGE] = "第 {from}–{to} 页",
    [DP_LABEL_MORE] = "…… 另有 {n} 项",
    [DP_LABEL_DATE] = "日期",
    [DP_LABEL_VENUE] = "地点",
    [DP_LABEL_ORGANIZERS] = "主办",
    [DP_LABEL_PROGRAMME] = "内容",
    [DP_LABEL_DATE_FORMAT] = "{y}年{m}月{d}日",
    [DP_LABEL_HANDOUT] = "讲义",
    [DP_LABEL_PER_SHEET] = "{N}页一版",
    [DP_LABEL_SPEAKER_COPY] = "讲者版（含备注）",
    [DP_LABEL_NOTES] = "笔记",
    [DP_LABEL_SPEAKER_NOTES] = "备注",
    [DP_LABEL_LIST_SEPARATOR] = "、",
};

static const char *const zh_hant[DP_LABEL_COUNT] = {
    [DP_LABEL_ANSWER] = "答案",
    [DP_LABEL_ANALYSIS] = "解析",
    [DP_LABEL_QUESTION] = "題目",
    [DP_LABEL_AGENDA] = "議程",
    [DP_LABEL_INTRO] = "引言",
    [DP_LABEL_CLOSING] = "結語",
    [DP_LABEL_CONTINUED] = "（續）",
    [DP_LABEL_CONTENTS] = "目錄",
    [DP_LABEL_COVER] = "封面",
    [DP_LABEL_ITEMS] = "{n} 題",
    [DP_LABEL_ONE_ITEM] = "{n} 題",
    [DP_LABEL_SECTIONS] = "{n} 個部分",
    [DP_LABEL_PART] = "第{N}部分",
    [DP_LABEL_SLIDE_RANGE] = "第 {from}–{to} 頁",
    [DP_LABEL_MORE] = "…… 另有 {n} 項",
    [DP_LABEL_DATE] = "日期",
    [DP_LABEL_VENUE] = "地點",
    [DP_LABEL_ORGANIZERS] = "主辦",
    [DP_LABEL_PROGRAMME] = "內容",
    [DP_LABEL_DATE_FORMAT] = "{y}年{m}月{d}日",
    [DP_LABEL_HANDOUT] = "講義",
    [DP_LABEL_PER_SHEET] = "{N}頁一版",
    [DP_LABEL_SPEAKER_COPY] = "講者版（含備註）",
    [DP_LABEL_NOTES] = "筆記",
    [DP_LABEL_SPEAKER_NOTES] = "備註",
    [DP_LABEL_LIST_SEPARATOR] = "、",
};

static const char *const en[DP_LABEL_COUNT] = {
    [DP_LABEL_ANSWER] = "Answer",
    [DP_LABEL_ANALYSIS] = "Analysis",
    [DP_LABEL_QUESTION] = "Question",
    [DP_LABEL_AGENDA] = "Agenda",
    [DP_LABEL_INTRO] = "Introduction",
    [DP_LABEL_CLOSING] = "Closing",
    [DP_LABEL_CONTINUED] = " (continued)",
    [DP_LABEL_CONTENTS] = "Contents",
    [DP_LABEL_COVER] = "Cover",
    [DP_LABEL_ITEMS] = "{n} questions",
    [DP_LABEL_ONE_ITEM] = "{n} question",
    [DP_LABEL_SECTIONS] = "{n} sections",
    [DP_LABEL_PART] = "Part {n}",
    [DP_LABEL_SLIDE_RANGE] = "slides {from}–{to}",
    [DP_LABEL_MORE] = "… and {n} more",
    [DP_LABEL_DATE] = "Date",
    [DP_LABEL_VENUE] = "Venue",
    [DP_LABEL_ORGANIZERS] = "Organizers",
    [DP_LABEL_PROGRAMME] = "Programme",
    [DP_LABEL_DATE_FORMAT] = "{month} {d}, {y}",
    [DP_LABEL_HANDOUT] = "Handout",
    [DP_LABEL_PER_SHEET] = "{n} per page",
    [DP_LABEL_SPEAKER_COPY] = "speaker's copy (with notes)",
    [DP_LABEL_NOTES] = "Notes",
    [DP_LABEL_SPEAKER_NOTES] = "Speaker notes",
    [DP_LABEL_LIST_SEPARATOR] = ", ",
};

/* "en", "en-GB": the tag's language subtag is 'lang' (case-insensitive). */
static bool tag_is(const char *tag, const char *lang)
{
    size_t n = strlen(lang);
    return strncasecmp(tag, lang, n) == 0 && (tag[n] == '\0' || tag[n] == '-' || tag[n] == '_');
}

/* A subtag after the first: "zh-Hant-TW" has "hant". */
static bool has_subtag(const char *tag, const char *sub)
{
    for (const char *p = strpbrk(tag, "-_"); p; p = strpbrk(p + 1, "-_"))
        if (tag_is(p + 1, sub))
            return true;
    return false;
}

const char *const *dp_labels_builtin(const char *lang)
{
    if (!lang || tag_is(lang, "zh") || tag_is(lang, "cmn")) {
        if (lang && (has_subtag(lang, "hant") || tag_is(lang, "zh-tw") || tag_is(lang, "zh-hk") ||
                     tag_is(lang, "zh-mo")))
            return zh_hant;
        return zh_hans;
    }
    if (tag_is(lang, "en"))
        return en;
    return NULL;
}

void dp_labels_resolve(const char **out, const char *lang, const dp_text *tmpl, const dp_text *deck)
{
    const char *const *base = dp_labels_builtin(lang);
    if (!base)
        base = en;
    for (int i = 0; i < DP_LABEL_COUNT; i++)
        out[i] = deck && deck[i].s ? deck[i].s : tmpl && tmpl[i].s ? tmpl[i].s : base[i];
}

/* n in Chinese numerals (1-99; larger in digits): 一 … 十一 … 九十九. As a
 * count (how many), 2 alone is 两. */
static const char *chinese_number(dp_arena *a, int n, bool count)
{
    static const char *d[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (count && n == 2)
        return "两";
    return n < 1 || n >= 100 ? dp_arena_printf(a, "%d", n)
         : n < 10  ? d[n]
         : n < 20  ? dp_arena_printf(a, "十%s", d[n % 10])
                   : dp_arena_printf(a, "%s十%s", d[n / 10], d[n % 10]);
}

typedef struct {
    const char *name, *value;
} slot;

/* 'fmt' with each {name} of 'slots' replaced; other braces stay as written. */
static const char *fill(dp_arena *a, const char *fmt, const slot *slots, int n)
{
    size_t cap = strlen(fmt) + 1;
    for (int k = 0; k < n; k++)
        for (const char *p = strstr(fmt, slots[k].name); p; p = strstr(p + 1, slots[k].name))
            cap += strlen(slots[k].value);
    char *out = dp_arena_alloc(a, cap), *o = out;
    for (const char *p = fmt; *p;) {
        int k = 0;
        while (k < n && strncmp(p, slots[k].name, strlen(slots[k].name)) != 0)
            k++;
        if (k < n) {
            size_t len = strlen(slots[k].value);
            memcpy(o, slots[k].value, len);
            o += len, p += strlen(slots[k].name);
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

const char *dp_label_n(dp_arena *a, const char *const *labels, dp_label_id id, int n)
{
    if (id == DP_LABEL_ITEMS && n == 1)
        id = DP_LABEL_ONE_ITEM;
    slot s[] = {{"{n}", dp_arena_printf(a, "%d", n)},
                {"{N}", chinese_number(a, n, id == DP_LABEL_PER_SHEET)}};
    return fill(a, labels[id], s, 2);
}

const char *dp_label_range(dp_arena *a, const char *const *labels, dp_label_id id, int from, int to)
{
    slot s[] = {{"{from}", dp_arena_printf(a, "%02d", from)}, {"{to}", dp_arena_printf(a, "%02d", to)}};
    return fill(a, labels[id], s, 2);
}

const char *dp_label_date(dp_arena *a, const char *const *labels, int year, int month, int day)
{
    static const char *months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    slot s[] = {{"{y}", dp_arena_printf(a, "%d", year)},
                {"{m}", dp_arena_printf(a, "%d", month)},
                {"{d}", dp_arena_printf(a, "%d", day)},
                {"{month}", month >= 1 && month <= 12 ? months[month - 1] : "?"}};
    return fill(a, labels[DP_LABEL_DATE_FORMAT], s, 4);
}
