/* lint.h: what `deckpress check` reports beyond what a build reports: the
 * deck read as an organiser would before the event. Every finding is a
 * warning at the text it is about (so --strict fails on it), with a note at
 * the other position for duplicates. Reads the model and the laid-out
 * slides; writes nothing. */
#ifndef DP_LINT_H
#define DP_LINT_H

#include "deck.h"
#include "diag.h"
#include "dlist.h"
#include "template.h"

/* Questions longer than this many characters (spaces not counted) are too
 * long to read aloud: about 15 s at a speaker's four characters a second.
 * English is counted in words, at 150 a minute (37 words in 15 s); mixed
 * text adds both. */
#define DP_LINT_MAX_QUESTION 60
/* Character-bigram Dice similarity of normalised questions at or above
 * which two questions are reported as near-duplicates. */
#define DP_LINT_NEAR 0.9

/* Report, as warnings in 'd':
 *  - duplicate questions (equal after normalising: punctuation, spaces and
 *    Markdown marks dropped, full-width letters and digits folded, ASCII
 *    case folded) and near-duplicates (similarity >= DP_LINT_NEAR), at the
 *    later item with a note at the earlier one;
 *  - empty and placeholder texts (TODO, TBD, FIXME, XXX, lorem ipsum, 待定,
 *    待补充, ..., ???) at the placeholder itself;
 *  - questions that take more than about 15 s to read aloud
 *    (DP_LINT_MAX_QUESTION characters, or the time of their words);
 *  - images without alt text (their tagged PDF /Alt falls back to the file name).
 * Continuation （续） slides and characters no font covers are reported by
 * the layout itself. */
void dp_lint(const dp_deck *dk, const dp_template *t, const dp_dlist *slides, dp_diags *d);

/* Items, intro and closing whose text was set below the template's size to
 * fit one slide ('slides' laid out with 't'): one warning each. Every
 * command that lays out the slides (build, slides, check, watch) reports it. */
void dp_lint_shrinking(const dp_deck *dk, const dp_template *t, const dp_dlist *slides, dp_diags *d);

/* Similarity of two texts after normalising, 0..1 (1 = equal). For tests. */
double dp_lint_similarity(const char *a, const char *b);

#endif
