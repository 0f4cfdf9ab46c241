/* bidi.h: right-to-left text (Arabic, Hebrew) inside left-to-right
 * paragraphs, with FriBidi: Unicode UAX #9 embedding levels, Arabic joining
 * (contextual presentation forms and the lam-alef ligatures) and mirrored
 * brackets for a paragraph in logical order; the visual order of one broken
 * line (rules L1-L3). Paragraphs are left-to-right: the deck's languages
 * (Chinese, English) are, as HTML's dir="ltr" (UAX #9 HL1). Knows nothing of
 * fonts or PDF. */
#ifndef DP_BIDI_H
#define DP_BIDI_H
#include <stdbool.h>
#include <stdint.h>

/* True when cps[0..n) holds a right-to-left character or an explicit
 * direction control (a cheap range test: most text skips all of this). */
bool dp_bidi_needed(const uint32_t *cps, int n);

/* The paragraph cps[0..n) in logical order: drawn[i] is the character to
 * draw for cps[i] (an Arabic letter's joining form, a mirrored bracket in
 * right-to-left text; U+FEFF, drawn as nothing, for the second character of
 * a ligature), levels[i] its embedding level (odd: right-to-left). */
void dp_bidi_paragraph(const uint32_t *cps, int n, uint32_t *drawn, unsigned char *levels);

/* Visual order of one line of a paragraph: drawn[0..n) and their levels as
 * dp_bidi_paragraph gave them. Sets order[k] to the logical index drawn k-th
 * from the left, and levels[] to the levels after rule L1 (spaces at the
 * line's end go back to the paragraph's level). */
void dp_bidi_line(const uint32_t *drawn, unsigned char *levels, int n, int *order);

/* True for characters that only steer layout and draw nothing: bidi
 * controls (LRM, RLM, ALM, embeddings, overrides, isolates), zero-width
 * joiners and U+FEFF. */
bool dp_bidi_is_format(uint32_t cp);

/* The characters a drawn character stands for, for copy and search: an
 * Arabic presentation form gives its letter (a lam-alef ligature both
 * letters), anything else itself. Writes 1 or 2 code points to out. */
int dp_bidi_source_chars(uint32_t cp, uint32_t out[2]);

#endif
