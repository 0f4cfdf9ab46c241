/* diag.c: the diagnostics collector (see diag.h). Messages are kept in the
 * order recorded and printed GNU style, each followed by the source line and
 * a caret under the column. Columns count characters; the caret line pads
 * East Asian Wide characters with two cells so it lines up in a terminal. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

#define MAX_SHOWN_CHARS 160 /* source excerpt around the column for very long lines */

typedef struct {
    dp_severity sev;
    char *file; /* own copy: callers' strings may not outlive us */
    int line, col;
    char *text;
    char *hint;
} message;

typedef struct {
    char *file;
    char *text;
    size_t len;
} source;

struct dp_diags {
    message *msgs;
    int n_msgs, cap_msgs;
    source *srcs;
    int n_srcs, cap_srcs;
    int n_errors, n_warnings;
    int dropped;       /* errors past DP_MAX_ERRORS */
    int dropped_warnings; /* warnings past DP_MAX_WARNINGS */
    bool dropping;     /* the last error was dropped: drop its notes and hint too */
    char **after;      /* dp_diags_after lines */
    int n_after;
    int status;
};

static char *xstrdup(const char *s) { return s ? dp_xstrdup(s) : NULL; }

static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return xstrdup(fmt);
    char *s = dp_xrealloc(NULL, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

dp_diags *dp_diags_new(void)
{
    dp_diags *d = dp_xrealloc(NULL, sizeof *d);
    memset(d, 0, sizeof *d);
    return d;
}

void dp_diags_free(dp_diags *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->n_msgs; i++) {
        free(d->msgs[i].file);
        free(d->msgs[i].text);
        free(d->msgs[i].hint);
    }
    for (int i = 0; i < d->n_srcs; i++) {
        free(d->srcs[i].file);
        free(d->srcs[i].text);
    }
    for (int i = 0; i < d->n_after; i++)
        free(d->after[i]);
    free(d->after);
    free(d->msgs);
    free(d->srcs);
    free(d);
}

static source *find_source(const dp_diags *d, const char *file)
{
    if (!file)
        return NULL;
    for (int i = 0; i < d->n_srcs; i++)
        if (strcmp(d->srcs[i].file, file) == 0)
            return &d->srcs[i];
    return NULL;
}

void dp_diags_add_source(dp_diags *d, const char *file, const char *text, size_t len)
{
    source *s = find_source(d, file);
    if (s) { /* a file loaded twice (watch mode): keep the newest text */
        free(s->text);
    } else {
        if (d->n_srcs == d->cap_srcs) {
            d->cap_srcs = d->cap_srcs ? 2 * d->cap_srcs : 4;
            d->srcs = dp_xrealloc(d->srcs, (size_t)d->cap_srcs * sizeof *d->srcs);
        }
        s = &d->srcs[d->n_srcs++];
        s->file = xstrdup(file);
    }
    s->text = dp_xrealloc(NULL, len + 1);
    if (len)
        memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
}

static void add(dp_diags *d, dp_severity sev, dp_loc at, const char *fmt, va_list ap)
{
    if (sev == DP_ERROR) {
        d->n_errors++;
        d->dropping = d->n_errors > DP_MAX_ERRORS;
        if (d->dropping) {
            d->dropped++;
            return;
        }
    } else if (sev == DP_WARNING) {
        /* The same warning from a second layout of the same text (slides,
         * then handout) is said once; its notes and hints go with it. The
         * column may differ (one layout knows the character's own column,
         * another only where its text starts): same file, line and words
         * are the same finding. */
        va_list cp;
        va_copy(cp, ap);
        char *text = vformat(fmt, cp);
        va_end(cp);
        for (int i = 0; i < d->n_msgs; i++) {
            const message *o = &d->msgs[i];
            if (o->sev == DP_WARNING && o->line == at.line &&
                strcmp(o->text, text) == 0 && ((!o->file && !at.file) || (o->file && at.file && strcmp(o->file, at.file) == 0))) {
                free(text);
                d->dropping = true;
                return;
            }
        }
        free(text);
        d->dropping = false;
        if (d->n_warnings >= DP_MAX_WARNINGS) { /* counted for --strict, not kept */
            d->n_warnings++;
            d->dropped_warnings++;
            d->dropping = true;
            return;
        }
    } else if (d->dropping) {
        return; /* a note belongs to the dropped error before it */
    }
    if (sev == DP_WARNING)
        d->n_warnings++;
    if (d->n_msgs == d->cap_msgs) {
        d->cap_msgs = d->cap_msgs ? 2 * d->cap_msgs : 16;
        d->msgs = dp_xrealloc(d->msgs, (size_t)d->cap_msgs * sizeof *d->msgs);
    }
    message *m = &d->msgs[d->n_msgs++];
    m->sev = sev;
    m->file = xstrdup(at.file);
    m->line = at.line;
    m->col = at.col;
    m->text = vformat(fmt, ap);
    m->hint = NULL;
}

/* An error; the first one sets the exit status. */
static void error_v(dp_diags *d, int status, dp_loc at, const char *fmt, va_list ap)
{
    if (d->n_errors == 0)
        d->status = status;
    add(d, DP_ERROR, at, fmt, ap);
}

void dp_error(dp_diags *d, dp_loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_v(d, DP_EXIT_INPUT, at, fmt, ap);
    va_end(ap);
}

void dp_error_status(dp_diags *d, int status, dp_loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_v(d, status, at, fmt, ap);
    va_end(ap);
}

void dp_warning(dp_diags *d, dp_loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DP_WARNING, at, fmt, ap);
    va_end(ap);
}

void dp_note(dp_diags *d, dp_loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DP_NOTE, at, fmt, ap);
    va_end(ap);
}

void dp_hint(dp_diags *d, const char *fmt, ...)
{
    if (d->dropping || d->n_msgs == 0)
        return;
    message *m = &d->msgs[d->n_msgs - 1];
    va_list ap;
    va_start(ap, fmt);
    char *h = vformat(fmt, ap);
    va_end(ap);
    free(m->hint); /* the latest hint wins */
    m->hint = h;
}

/* "PREFIX: w1, w2, ..." (malloc'd; NULL when out of memory). */
static char *join_words(const char *prefix, const char *const *words, int n)
{
    size_t len = strlen(prefix) + 3;
    for (int i = 0; i < n; i++)
        len += strlen(words[i]) + 2;
    char *s = malloc(len), *p = s;
    if (!s)
        return NULL;
    p += sprintf(p, "%s: ", prefix);
    for (int i = 0; i < n; i++)
        p += sprintf(p, "%s%s", i ? ", " : "", words[i]);
    return s;
}

void dp_hint_words(dp_diags *d, const char *prefix, const char *const *words, int n)
{
    char *s = join_words(prefix, words, n);
    if (s)
        dp_hint(d, "%s", s);
    free(s);
}

void dp_note_words(dp_diags *d, const char *prefix, const char *const *words, int n)
{
    char *s = join_words(prefix, words, n);
    if (s)
        dp_note(d, (dp_loc){0}, "%s", s);
    free(s);
}

void dp_diags_after(dp_diags *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    d->after = dp_xrealloc(d->after, (size_t)(d->n_after + 1) * sizeof *d->after);
    d->after[d->n_after++] = vformat(fmt, ap);
    va_end(ap);
}

int dp_error_count(const dp_diags *d) { return d->n_errors; }
int dp_warning_count(const dp_diags *d) { return d->n_warnings; }
bool dp_diags_full(const dp_diags *d) { return d->n_errors >= DP_MAX_ERRORS; }
int dp_diags_status(const dp_diags *d) { return d->n_errors ? d->status : DP_EXIT_OK; }

/* ===== Printing ===== */

/* East Asian Wide and Fullwidth ranges (UAX #11, simplified): two terminal cells. */
static bool is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
}

/* Start and length (bytes, without the line break) of 1-based line 'line'. */
static bool find_line(const source *s, int line, const char **start, size_t *len)
{
    const char *p = s->text, *end = s->text + s->len;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return false;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (n && p[n - 1] == '\r') /* CRLF files */
        n--;
    *start = p;
    *len = n;
    return true;
}

/* Write one character of a source line; bytes a terminal should not see
 * (invalid UTF-8, control characters) become U+FFFD, one column like the byte. */
static void put_char(FILE *out, uint32_t cp, const char *raw, size_t n)
{
    if (cp == DP_UTF8_BAD || (cp < 0x20 && cp != '\t') || cp == 0x7F)
        fputs("\xEF\xBF\xBD", out);
    else
        fwrite(raw, 1, n, out);
}

static void print_excerpt(FILE *out, const source *s, int line, int col, const char *caret_color,
                          const char *reset)
{
    const char *text;
    size_t len;
    if (!find_line(s, line, &text, &len))
        return;
    int n_chars = (int)dp_utf8_count(text, len);
    int first = 0, last = n_chars; /* characters shown: [first, last) */
    if (n_chars > MAX_SHOWN_CHARS) {
        first = col - 1 - MAX_SHOWN_CHARS / 2;
        if (first > n_chars - MAX_SHOWN_CHARS)
            first = n_chars - MAX_SHOWN_CHARS;
        if (first < 0)
            first = 0;
        last = first + MAX_SHOWN_CHARS;
    }
    fprintf(out, "%5d | %s", line, first > 0 ? "..." : "");
    size_t i = 0;
    for (int c = 0; i < len && c < last; c++) {
        size_t at = i;
        uint32_t cp = dp_utf8_next(text, len, &i);
        if (c >= first)
            put_char(out, cp, text + at, i - at);
    }
    fprintf(out, "%s\n      | %s", last < n_chars ? "..." : "", first > 0 ? "   " : "");
    /* Pad with what the line holds: tabs stay tabs, wide characters take two cells. */
    i = 0;
    for (int c = 0; c < col - 1; c++) {
        uint32_t cp = i < len ? dp_utf8_next(text, len, &i) : ' ';
        if (c < first)
            continue;
        fputs(cp == '\t' ? "\t" : is_wide(cp) ? "  " : " ", out);
    }
    fprintf(out, "%s^%s\n", caret_color, reset);
}

static const char *severity_word(dp_severity sev)
{
    return sev == DP_ERROR ? "error" : sev == DP_WARNING ? "warning" : "note";
}

static const char *severity_color(dp_severity sev)
{
    return sev == DP_ERROR ? "\033[1;31m" : sev == DP_WARNING ? "\033[1;35m" : "\033[1;36m";
}

static void print_message(const dp_diags *d, const message *m, FILE *out, bool color)
{
    const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
    const char *sev_color = color ? severity_color(m->sev) : "";
    fputs(bold, out);
    if (!m->file)
        fputs("deckpress:", out);
    else if (m->line <= 0)
        fprintf(out, "%s:", m->file);
    else
        fprintf(out, "%s:%d:%d:", m->file, m->line, m->col > 0 ? m->col : 1);
    fprintf(out, "%s %s%s:%s %s\n", reset, sev_color, severity_word(m->sev), reset, m->text);
    const source *s = m->line > 0 ? find_source(d, m->file) : NULL;
    if (s)
        print_excerpt(out, s, m->line, m->col > 0 ? m->col : 1, sev_color, reset);
    if (m->hint)
        fprintf(out, "  %shint:%s %s\n", bold, reset, m->hint);
}

bool dp_diags_first(const dp_diags *d, dp_severity sev, const char **text, const char **hint)
{
    for (int i = 0; i < d->n_msgs; i++)
        if (d->msgs[i].sev == sev) {
            *text = d->msgs[i].text;
            *hint = d->msgs[i].hint;
            return true;
        }
    return false;
}

void dp_diags_print(const dp_diags *d, FILE *out, bool color)
{
    dp_diags_print_min(d, out, color, DP_NOTE);
}

void dp_diags_print_min(const dp_diags *d, FILE *out, bool color, dp_severity min)
{
    bool shown = false; /* the last error or warning was printed: its notes go with it */
    for (int i = 0; i < d->n_msgs; i++) {
        const message *m = &d->msgs[i];
        bool show = m->sev >= min || (m->sev == DP_NOTE && shown);
        if (m->sev != DP_NOTE)
            shown = show;
        if (show)
            print_message(d, m, out, color);
    }
    if (d->dropped)
        fprintf(out, "deckpress: %d more error%s not shown\n", d->dropped,
                d->dropped == 1 ? "" : "s");
    if (d->dropped_warnings && min <= DP_WARNING)
        fprintf(out, "deckpress: %d more warning%s not shown\n", d->dropped_warnings,
                d->dropped_warnings == 1 ? "" : "s");
    for (int i = 0; i < d->n_after; i++)
        fprintf(out, "%s\n", d->after[i]);
}
