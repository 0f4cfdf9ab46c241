/* diag.h: every message the user sees goes through here. Stages record
 * errors, warnings and notes with a source position; only main.c prints them.
 * Knows nothing of YAML or PDF. */
#ifndef DP_DIAG_H
#define DP_DIAG_H
#include <stdbool.h>
#include <stdio.h>

/* A source position: 1-based line and column (columns count characters, not
 * bytes, as a reader counts a CJK line). line 0 means "no position": the message
 * is printed as "file: error: ..." (or "deckpress: error: ..." without a file). */
typedef struct {
    const char *file; /* not owned; must outlive the diags */
    int line, col;
} dp_loc;

typedef enum { DP_NOTE, DP_WARNING, DP_ERROR } dp_severity;

typedef struct dp_diags dp_diags;

/* Exit statuses, documented in --help and README. */
enum {
    DP_EXIT_OK = 0,
    DP_EXIT_INPUT = 1,    /* bad deck or template */
    DP_EXIT_USAGE = 2,    /* bad command line */
    DP_EXIT_RESOURCE = 3, /* missing font, image or other resource */
    DP_EXIT_IO = 4,       /* cannot read or write a file */
};

#define DP_MAX_ERRORS 20 /* stop collecting after this many errors */
#define DP_MAX_WARNINGS 100 /* show at most this many warnings; the rest are counted */

dp_diags *dp_diags_new(void);
void dp_diags_free(dp_diags *d);

/* Keep a copy of a source file's text so messages can echo the line with a caret. */
void dp_diags_add_source(dp_diags *d, const char *file, const char *text, size_t len);

/* Record a message. 'hint' (may be NULL) is printed after the caret line as
 * "  hint: ...". The exit status an error implies defaults to DP_EXIT_INPUT;
 * dp_error_status() records a different one. */
void dp_error(dp_diags *d, dp_loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void dp_error_status(dp_diags *d, int status, dp_loc at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void dp_warning(dp_diags *d, dp_loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void dp_note(dp_diags *d, dp_loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Attach a hint to the most recent message. */
void dp_hint(dp_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Attach "hint: PREFIX: a, b, c" to the last message. */
void dp_hint_words(dp_diags *d, const char *prefix, const char *const *words, int n);
/* The same as a note of its own, "deckpress: note: PREFIX: a, b, c". */
void dp_note_words(dp_diags *d, const char *prefix, const char *const *words, int n);

/* A line for the end of the report, after every message (the "wrote FILE"
 * summaries: warnings come first, then what was written). */
void dp_diags_after(dp_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The first message of severity 'sev' as data: its text and its hint (NULL
 * when it has none), owned by 'd'. False when there is none. For a caller
 * that reports another stage's reason in its own words (`deckpress fonts`). */
bool dp_diags_first(const dp_diags *d, dp_severity sev, const char **text, const char **hint);
int dp_error_count(const dp_diags *d);
int dp_warning_count(const dp_diags *d);
/* True once DP_MAX_ERRORS errors are recorded: stages should stop early. */
bool dp_diags_full(const dp_diags *d);
/* The exit status the first error asked for (DP_EXIT_OK when there is none). */
int dp_diags_status(const dp_diags *d);

/* Print all messages in the order recorded, then the dp_diags_after lines, each as
 *   file:line:col: error: message
 *      12 |     source line
 *         |     ^
 *   hint: ...
 * 'color' adds ANSI colours. When errors were dropped past DP_MAX_ERRORS a
 * final line says how many. */
void dp_diags_print(const dp_diags *d, FILE *out, bool color);
/* The same with only the messages of severity 'min' or worse (-q: DP_ERROR),
 * each with the notes that follow it. */
void dp_diags_print_min(const dp_diags *d, FILE *out, bool color, dp_severity min);

#endif
