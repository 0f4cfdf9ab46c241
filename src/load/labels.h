/* labels.h: the words deckpress itself sets on pages (答案, 解析, 议程,
 * （续）, "4 题", the booklet's headings, the handout's captions), in the
 * deck's language. One table a language (Simplified and Traditional Chinese,
 * English); any entry is overridden by a template's `labels:` mapping, and
 * that by the deck's. The keys are DP_LABELS below (the loader checks
 * them). Templates carry the resolved table
 * (dp_template.labels); layout reads it there and formats with the helpers
 * here. Knows nothing of layout or PDF. */
#ifndef DP_LABELS_H
#define DP_LABELS_H
#include <stdarg.h>

#include "arena.h"
#include "node.h"

/* The `labels:` keys of a deck or template (the tables are in labels.c):
 * X(ENUM_NAME, yaml_key). */
#define DP_LABELS(X)                                                            \
    X(ANSWER, answer) X(ANALYSIS, analysis) X(QUESTION, question)               \
    X(AGENDA, agenda) X(INTRO, intro) X(CLOSING, closing)                       \
    X(CONTINUED, continued) X(CONTENTS, contents) X(COVER, cover)               \
    X(ITEMS, items) X(ONE_ITEM, one_item) X(SECTIONS, sections) X(PART, part)   \
    X(SLIDE_RANGE, slide_range) X(MORE, more) X(DATE, cover_date) X(VENUE, cover_venue)     \
    X(ORGANIZERS, cover_organizers) X(PROGRAMME, cover_programme) X(DATE_FORMAT, date_format) \
    X(HANDOUT, handout) X(PER_SHEET, per_sheet) X(SPEAKER_COPY, speaker_copy)   \
    X(NOTES, notes) X(SPEAKER_NOTES, speaker_notes) X(LIST_SEPARATOR, list_separator)
#define DP_LABEL_ENUM(E, k) DP_LABEL_##E,
typedef enum { DP_LABELS(DP_LABEL_ENUM) DP_LABEL_COUNT } dp_label_id;
#undef DP_LABEL_ENUM
extern const char *const dp_label_keys[DP_LABEL_COUNT];

/* The built-in table for a BCP 47 tag: "en…" English; "zh-Hant…", "zh-TW",
 * "zh-HK", "zh-MO" Traditional Chinese; "zh…" or NULL Simplified Chinese.
 * NULL for any other language (the deck loader warns; English is used). */
const char *const *dp_labels_builtin(const char *lang);

/* Resolve the labels of a deck's language: built-in table <- the template's
 * 'tmpl' <- the deck's 'deck' (either NULL). out[DP_LABEL_COUNT]. */
void dp_labels_resolve(const char **out, const char *lang, const dp_text *tmpl, const dp_text *deck);

/* A label with its placeholders filled: {n} the number, {N} the number in
 * Chinese numerals (第{N}部分), {from} {to} two-digit numbers, {y} {m} {d}
 * {month} a date (dp_label_date). DP_LABEL_ITEMS with n == 1 uses
 * DP_LABEL_ONE_ITEM. Arena-owned. */
const char *dp_label_n(dp_arena *a, const char *const *labels, dp_label_id id, int n);
const char *dp_label_range(dp_arena *a, const char *const *labels, dp_label_id id, int from, int to);
const char *dp_label_date(dp_arena *a, const char *const *labels, int year, int month, int day);

#endif
