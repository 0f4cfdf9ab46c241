/* lint.c: the organiser's checks of `deckpress check` (see lint.h). */
#include "lint.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markup.h"
#include "node.h"
#include "schema.h"
#include "utf8.h"

/* ===== Normalised text ===== */

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF;
}

static bool is_punct(uint32_t c)
{
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E) || (c >= 0xA1 && c <= 0xBF) || (c >= 0x2010 && c <= 0x206F) ||
           (c >= 0x3001 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE6F) ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0x00B7 ||
           c == 0x30FB;
}

/* Code points of 's' without spaces, punctuation and Markdown marks;
 * full-width letters and digits as ASCII; ASCII in lower case. */
static uint32_t *normalise(const char *s, int *n_out)
{
    size_t len = s ? strlen(s) : 0, i = 0;
    uint32_t *out = dp_xrealloc(NULL, (len + 1) * sizeof *out);
    int n = 0;
    while (i < len) {
        uint32_t c = dp_utf8_next(s, len, &i);
        if (c == DP_UTF8_BAD || is_space(c) || is_punct(c))
            continue;
        if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
            c -= 0xFEE0;
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        out[n++] = c;
    }
    *n_out = n;
    return out;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorted character bigrams of a normalised text; n - 1 of them. */
static uint64_t *bigrams(const uint32_t *cp, int n)
{
    int k = n > 1 ? n - 1 : 0;
    uint64_t *b = dp_xrealloc(NULL, (size_t)(k ? k : 1) * sizeof *b);
    for (int i = 0; i < k; i++)
        b[i] = (uint64_t)cp[i] << 32 | cp[i + 1];
    qsort(b, (size_t)k, sizeof *b, cmp_u64);
    return b;
}

/* Dice coefficient of two sorted bigram multisets. */
static double dice(const uint64_t *a, int na, const uint64_t *b, int nb)
{
    if (na + nb == 0)
        return 1;
    int i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            common++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return 2.0 * common / (na + nb);
}

static bool same_cps(const uint32_t *a, int na, const uint32_t *b, int nb)
{
    return na == nb && memcmp(a, b, (size_t)na * sizeof *a) == 0;
}

double dp_lint_similarity(const char *a, const char *b)
{
    int na, nb;
    uint32_t *ca = normalise(a, &na), *cb = normalise(b, &nb);
    double r;
    if (same_cps(ca, na, cb, nb)) {
        r = 1;
    } else {
        uint64_t *ba = bigrams(ca, na), *bb = bigrams(cb, nb);
        r = dice(ba, na > 1 ? na - 1 : 0, bb, nb > 1 ? nb - 1 : 0);
        free(ba), free(bb);
    }
    free(ca), free(cb);
    return r;
}

/* ===== Duplicate questions ===== */

typedef struct {
    const dp_item *it;
    uint32_t *cp;
    int n;
    uint64_t *bg;
} norm_item;

static bool same_text(const dp_text *a, const dp_text *b)
{
    if (!a->s || !b->s)
        return !a->s && !b->s;
    return dp_lint_similarity(a->s, b->s) >= 1;
}

/* The item's topic line, else its question, cut after 24 characters with …
 * (never inside a character), into buf. */
static const char *item_name(const dp_item *it, char *buf, size_t cap)
{
    return dp_utf8_clip(buf, cap, it->title.s ? it->title.s : it->question.s, 24);
}

#define DP_LINT_NEAR_MAX_ITEMS 2000

static void duplicates(const dp_deck *dk, dp_diags *d)
{
    if (dk->n_items < 2)
        return;
    norm_item *v = dp_xrealloc(NULL, (size_t)dk->n_items * sizeof *v);
    memset(v, 0, (size_t)dk->n_items * sizeof *v);
    int n = 0;
    for (int s = 0; s < dk->n_sections; s++)
        for (int i = 0; i < dk->sections[s].n_items && n < dk->n_items; i++) {
            norm_item *ni = &v[n++];
            ni->it = &dk->sections[s].items[i];
            ni->cp = normalise(ni->it->question.s, &ni->n);
            ni->bg = bigrams(ni->cp, ni->n);
        }
    /* Comparing bigrams of every pair is quadratic: past a few thousand items
     * only exact repeats are looked for (a length check rejects most pairs). */
    bool near = n <= DP_LINT_NEAR_MAX_ITEMS;
    if (!near)
        dp_note(d, (dp_loc){dk->path, 0, 0},
                "near-duplicate questions are not looked for in decks of more than %d items; "
                "exact repeats are", DP_LINT_NEAR_MAX_ITEMS);
    for (int j = 1; j < n; j++) {
        /* each later item is reported once, against the first earlier one it repeats */
        int best = -1;
        double best_sim = 0;
        for (int i = 0; i < j; i++) {
            double sim = same_cps(v[i].cp, v[i].n, v[j].cp, v[j].n) ? 1
                       : !near                                       ? 0
                                                                     : dice(v[i].bg, v[i].n > 1 ? v[i].n - 1 : 0, v[j].bg, v[j].n > 1 ? v[j].n - 1 : 0);
            if (sim >= DP_LINT_NEAR && sim > best_sim + 1e-9)
                best = i, best_sim = sim;
            if (sim >= 1)
                break;
        }
        if (best < 0)
            continue;
        const dp_item *a = v[best].it, *b = v[j].it;
        bool same_answer = same_text(&a->answer, &b->answer);
        bool same_analysis = same_text(&a->analysis, &b->analysis);
        const char *rest = same_answer && same_analysis ? "answer and analysis are the same too: the whole item repeats"
                         : same_answer                 ? "the answer is the same, the analysis differs"
                                                       : "the answers differ";
        char name[128];
        if (best_sim >= 1)
            dp_warning(d, b->question.loc, "the question of item %d repeats item %d (\"%s\"); %s",
                       b->number, a->number, item_name(a, name, sizeof name), rest);
        else
            dp_warning(d, b->question.loc,
                       "the question of item %d is nearly the same as item %d's (%.0f%% alike); %s",
                       b->number, a->number, best_sim * 100, rest);
        dp_hint(d, "drop one of them, or ask something the other does not");
        dp_note(d, a->question.loc, "item %d asks it here", a->number);
    }
    for (int i = 0; i < n; i++)
        free(v[i].cp), free(v[i].bg);
    free(v);
}

/* ===== Empty and placeholder texts ===== */

static bool ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool word_at(const char *s, size_t i, size_t n, size_t len)
{
    return (i == 0 || !ascii_alnum(s[i - 1])) && (i + n >= len || !ascii_alnum(s[i + n]));
}

/* A Chinese placeholder mark ends where the phrase does: "待定", "时间待定。",
 * "（占位）", but not the real words 占位符, 待定系数 or 抢占位置, where a
 * hanzi follows. 此处填写 is an instruction wherever it stands. */
static bool cjk_mark_at(const char *s, size_t i, size_t len, const char *mark, bool anywhere)
{
    size_t n = strlen(mark);
    if (i + n > len || strncmp(s + i, mark, n) != 0)
        return false;
    size_t j = i + n;
    return anywhere || j >= len || !dp_is_han(dp_utf8_next(s, len, &j));
}

/* Byte offset of a placeholder in 's' and what it is, or -1. */
static int find_placeholder(const char *s, size_t len, const char **what)
{
    static const char *const words[] = {"TODO", "TBD", "TBA", "FIXME", "lorem"};
    /* longest first: 占位文字 is reported whole */
    static const char *const cjk[] = {"待补充", "待完善", "待填充", "待填写", "待定", "待填",
                                      "占位文字", "占位内容", "占位"};
    for (size_t i = 0; i < len; i++) {
        for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
            size_t n = strlen(words[w]);
            if (i + n <= len && strncasecmp(s + i, words[w], n) == 0 && word_at(s, i, n, len)) {
                *what = words[w];
                return (int)i;
            }
        }
        if ((s[i] == 'x' || s[i] == 'X') && (i == 0 || !ascii_alnum(s[i - 1]))) {
            size_t n = 0;
            while (i + n < len && (s[i + n] == 'x' || s[i + n] == 'X'))
                n++;
            if (n >= 3 && (i + n >= len || !ascii_alnum(s[i + n]))) {
                *what = "XXX";
                return (int)i;
            }
        }
        for (size_t w = 0; w < sizeof cjk / sizeof *cjk; w++)
            if (cjk_mark_at(s, i, len, cjk[w], false)) {
                *what = cjk[w];
                return (int)i;
            }
        if (cjk_mark_at(s, i, len, "此处填写", true)) {
            *what = "此处填写";
            return (int)i;
        }
    }
    /* nothing but dots, question marks or dashes: "...", "……", "？？？", "—" */
    size_t i = 0;
    bool any = false;
    while (i < len) {
        size_t at = i;
        uint32_t c = dp_utf8_next(s, len, &i);
        if (is_space(c))
            continue;
        if (!(c == '.' || c == '?' || c == '-' || c == '_' || c == 0x2026 || c == 0xFF1F ||
              c == 0x3002 || c == 0x2014 || c == 0xFF0E))
            return -1;
        if (!any)
            *what = "only dots, question marks or dashes", any = true;
        (void)at;
    }
    return any ? 0 : -1;
}

static bool blank(const dp_text *t)
{
    size_t i = 0, len = (size_t)t->len;
    while (i < len)
        if (!is_space(dp_utf8_next(t->s, len, &i)))
            return false;
    return true;
}

static void text_check(const dp_text *t, const char *field, dp_diags *d)
{
    if (!t->s)
        return;
    if (blank(t)) {
        dp_warning(d, t->loc, "%s is empty", field);
        dp_hint(d, "write it, or remove the key");
        return;
    }
    const char *what = NULL;
    int at = find_placeholder(t->s, (size_t)t->len, &what);
    if (at < 0)
        return;
    if (strcmp(what, "only dots, question marks or dashes") == 0)
        dp_warning(d, t->loc, "%s is a placeholder (%s)", field, what);
    else
        dp_warning(d, dp_text_loc_at(t, at), "%s contains the placeholder \"%s\"", field, what);
    dp_hint(d, "fill it in before the event");
}

static void placeholders(const dp_deck *dk, dp_diags *d)
{
    text_check(&dk->title, "the deck's title", d);
    text_check(&dk->subtitle, "the deck's subtitle", d);
    text_check(&dk->event, "event", d);
    text_check(&dk->venue, "venue", d);
    for (int i = 0; i < dk->n_organizers; i++)
        text_check(&dk->organizers[i], "an organizer", d);
    const dp_block *blocks[2] = {&dk->intro, &dk->closing};
    const char *names[2] = {"intro", "closing"};
    for (int b = 0; b < 2; b++) {
        if (!blocks[b]->present)
            continue;
        char f[64];
        snprintf(f, sizeof f, "the %s's title", names[b]);
        text_check(&blocks[b]->title, f, d);
        snprintf(f, sizeof f, "the %s's body", names[b]);
        text_check(&blocks[b]->body, f, d);
        snprintf(f, sizeof f, "the %s's notes", names[b]);
        text_check(&blocks[b]->notes, f, d);
    }
    text_check(&dk->closing.qr_label, "the closing's qr_label", d);
    for (int s = 0; s < dk->n_sections; s++) {
        const dp_section *sec = &dk->sections[s];
        char f[64];
        snprintf(f, sizeof f, "the title of section %d", s + 1);
        text_check(&sec->title, f, d);
        snprintf(f, sizeof f, "the subtitle of section %d", s + 1);
        text_check(&sec->subtitle, f, d);
        for (int i = 0; i < sec->n_items; i++) {
            const dp_item *it = &sec->items[i];
            const struct { const dp_text *t; const char *name; } fs[] = {
                {&it->title, "title"}, {&it->question, "question"}, {&it->answer, "answer"},
                {&it->analysis, "analysis"}, {&it->notes, "notes"},
            };
            for (size_t k = 0; k < sizeof fs / sizeof *fs; k++) {
                snprintf(f, sizeof f, "the %s of item %d", fs[k].name, it->number);
                text_check(fs[k].t, f, d);
            }
        }
    }
}

/* Optional keys written with nothing after them ("analysis:" or
 * "notes: \"\"") load as absent, so they are found in the YAML tree. */
static void empty_keys(const dp_node *n, dp_diags *d)
{
    static const char *const text_keys[] = {
        "title", "subtitle", "event", "venue", "question", "answer", "analysis", "notes",
        "body", "image", "alt", "qr", "qr_label", "date", "lang", "template", "theme", "accent",
    };
    if (!n)
        return;
    for (int i = 0; i < n->n; i++) {
        const dp_node *v = n->items[i];
        if (n->kind == DP_NODE_MAP && v->kind == DP_NODE_SCALAR && dp_is_blank(v->str, v->len)) {
            for (size_t k = 0; k < sizeof text_keys / sizeof *text_keys; k++)
                if (strcmp(n->keys[i]->str, text_keys[k]) == 0) {
                    dp_warning(d, n->keys[i]->loc, "\"%s\" is empty", text_keys[k]);
                    dp_hint(d, "write it, or remove the key");
                    break;
                }
        }
        empty_keys(v, d);
    }
}

static void empty_fields(const dp_deck *dk, dp_diags *d)
{
    dp_arena *a = dp_arena_new(64 * 1024);
    dp_diags *quiet = dp_diags_new(); /* the deck loaded already: nothing new to say */
    empty_keys(dp_yaml_load(a, dk->path, NULL, 0, quiet), d);
    dp_diags_free(quiet);
    dp_arena_free(a);
}

/* ===== Text set below the template's size ===== */

/* What layout recorded on each page (dlist.h: shrunk), not guessed from the
 * drawn sizes: items set smaller to fit one slide, an intro or closing body
 * set smaller to fit its place. */
void dp_lint_shrinking(const dp_deck *dk, const dp_template *t, const dp_dlist *list, dp_diags *d)
{
    (void)t;
    size_t bytes = ((size_t)dk->n_items + 1) * sizeof(const dp_item *);
    const dp_item **items = memset(dp_xrealloc(NULL, bytes), 0, bytes);
    for (int s = 0; s < dk->n_sections; s++)
        for (int i = 0; i < dk->sections[s].n_items; i++)
            items[dk->sections[s].items[i].number] = &dk->sections[s].items[i];
    char name[128];
    for (int p = 0; p < list->n_pages; p++) {
        const dp_page *pg = &list->pages[p];
        if (!pg->n_shrunk)
            continue;
        char buf[256] = "";
        size_t n = 0;
        for (int k = 0; k < pg->n_shrunk; k++) {
            int w = snprintf(buf + n, sizeof buf - n, "%s%s %.4g → %.4g pt", k ? ", " : "",
                             pg->kind == DP_PAGE_QA ? pg->shrunk[k].what : "body",
                             (double)pg->shrunk[k].from_pt, (double)pg->shrunk[k].to_pt);
            n += w > 0 && (size_t)w < sizeof buf - n ? (size_t)w : 0;
        }
        if (pg->kind == DP_PAGE_QA && pg->item > 0 && pg->item <= dk->n_items && !pg->continues) {
            const dp_item *it = items[pg->item];
            dp_warning(d, it->loc, "item %d (\"%s\") was shrunk to fit one slide: %s", it->number,
                       item_name(it, name, sizeof name), buf);
            dp_hint(d, "shorten the answer or analysis to keep the template's sizes");
        } else if (pg->kind != DP_PAGE_QA) {
            bool intro = strcmp(pg->shrunk[0].what, "intro") == 0;
            const dp_block *b = intro ? &dk->intro : &dk->closing;
            dp_warning(d, b->body.loc, "the %s was shrunk to fit its slide: %s", intro ? "intro" : "closing", buf);
            dp_hint(d, "shorten it to keep the template's size");
        }
    }
    free(items);
}

/* ===== Images without a description ===== */

static void no_alt(const dp_text *image, const dp_text *alt, const char *what, dp_diags *d)
{
    if (!image->s || (alt->s && !blank(alt)))
        return;
    dp_warning(d, image->loc, "the image of %s has no alt text; readers who cannot see it "
               "(screen readers, the PDF's /Alt) get only its file name", what);
    dp_hint(d, "add \"alt:\" beside \"image:\" saying what the picture shows");
}

static void missing_alt(const dp_deck *dk, dp_diags *d)
{
    if (dk->intro.present)
        no_alt(&dk->intro.image, &dk->intro.alt, "the intro", d);
    for (int s = 0; s < dk->n_sections; s++)
        for (int i = 0; i < dk->sections[s].n_items; i++) {
            const dp_item *it = &dk->sections[s].items[i];
            char what[32];
            snprintf(what, sizeof what, "item %d", it->number);
            no_alt(&it->image, &it->alt, what, d);
        }
    if (dk->closing.present)
        no_alt(&dk->closing.image, &dk->closing.alt, "the closing", d);
}

/* ===== Questions too long to read aloud ===== */

static bool is_word_char(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F);
}

/* Reading aloud: a Chinese character (or other non-space mark) a quarter of
 * a second, a Latin word (letters and digits, with ' - . inside) 0.4 s
 * (150 words a minute). */
static void reading(const char *s, size_t len, int *chars, int *words)
{
    *chars = *words = 0;
    size_t j = 0;
    bool in_word = false;
    while (j < len) {
        uint32_t c = dp_utf8_next(s, len, &j);
        size_t k = j;
        uint32_t next = k < len ? dp_utf8_next(s, len, &k) : 0;
        if (is_word_char(c)) {
            *words += !in_word;
            in_word = true;
        } else if (in_word && (c == '\'' || c == 0x2019 || c == '-' || c == '.') && is_word_char(next)) {
            continue; /* don't, GPT-4o, v1.2 */
        } else {
            in_word = false;
            /* ASCII punctuation around words is not read */
            *chars += !is_space(c) && !(*words && c < 0x80);
        }
    }
}

static void long_questions(const dp_deck *dk, dp_diags *d)
{
    for (int s = 0; s < dk->n_sections; s++)
        for (int i = 0; i < dk->sections[s].n_items; i++) {
            const dp_item *it = &dk->sections[s].items[i];
            if (!it->question.s)
                continue;
            int n, words;
            reading(it->question.s, (size_t)it->question.len, &n, &words);
            if (words == 0 && n > DP_LINT_MAX_QUESTION) {
                dp_warning(d, it->question.loc,
                           "the question of item %d has %d characters, about %d s to read aloud; "
                           "keep it to %d",
                           it->number, n, (n + 3) / 4, DP_LINT_MAX_QUESTION);
            } else if (words > 0 && n * 5 + words * 8 > DP_LINT_MAX_QUESTION * 5) {
                /* in twentieths of a second: 5 a character, 8 a word */
                int secs = (n * 5 + words * 8 + 19) / 20;
                if (n > 0)
                    dp_warning(d, it->question.loc,
                               "the question of item %d has %d words and %d characters, about %d s "
                               "to read aloud; keep it under %d s",
                               it->number, words, n, secs, DP_LINT_MAX_QUESTION / 4);
                else
                    dp_warning(d, it->question.loc,
                               "the question of item %d has %d words, about %d s to read aloud; "
                               "keep it under %d s (%d words)",
                               it->number, words, secs, DP_LINT_MAX_QUESTION / 4,
                               DP_LINT_MAX_QUESTION * 5 / 8);
            } else {
                continue;
            }
            dp_hint(d, "move the detail into the answer or the analysis");
        }
}

/* ===== Markdown that would still come out wrong ===== */

typedef struct {
    const dp_text *t;
    dp_diags *d;
} md_cx;

static void md_report(void *ctx, int offset, const char *msg)
{
    md_cx *c = ctx;
    dp_warning(c->d, dp_text_loc_at(c->t, offset), "%s", msg);
}

static void markdown_field(const dp_text *t, dp_diags *d)
{
    if (!t->s)
        return;
    dp_arena *a = dp_arena_new(16 * 1024);
    md_cx c = {t, d};
    dp_markup_lint(a, t->s, t->len, md_report, &c);
    dp_arena_free(a);
}

static void markdown(const dp_deck *dk, dp_diags *d)
{
    markdown_field(&dk->intro.body, d);
    for (int s = 0; s < dk->n_sections; s++)
        for (int i = 0; i < dk->sections[s].n_items; i++) {
            markdown_field(&dk->sections[s].items[i].answer, d);
            markdown_field(&dk->sections[s].items[i].analysis, d);
        }
    markdown_field(&dk->closing.body, d);
}

void dp_lint(const dp_deck *dk, const dp_template *t, const dp_dlist *slides, dp_diags *d)
{
    if (!dk)
        return;
    duplicates(dk, d);
    empty_fields(dk, d);
    placeholders(dk, d);
    markdown(dk, d);
    (void)t, (void)slides; /* shrinking: every build reports it (dp_lint_shrinking) */
    long_questions(dk, d);
    missing_alt(dk, d);
}
