/* highlight.h: syntax highlighting of code blocks with GNU Source-highlight
 * (libsource-highlight, C++; src/highlight.cc is the only C++ file and the
 * only one with its headers). Knows nothing of fonts, colours or layout:
 * it classifies each byte of the code as a DP_TOK_* token class. */
#ifndef DP_HIGHLIGHT_H
#define DP_HIGHLIGHT_H
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Folders searched for LANG.lang before Source-highlight's own (a language
 * it lacks, such as YAML, ships as templates/yaml.lang): deckpress's own
 * data folders only, never one beside a deck (a .lang file is a program of
 * regular expressions that can make Source-highlight loop); NULL-terminated,
 * kept (not copied). */
void dp_highlight_dirs(const char *const *dirs);

/* Classify code (len bytes of UTF-8, lines separated by '\n') written in
 * 'lang' (a fence's language: python, c, cpp, js, ts, rust, go, sh, bash,
 * json, yaml, sql, ...): out[i] gets the DP_TOK_* of byte i. Returns false,
 * leaving out all DP_TOK_PLAIN, for an unknown language, a definition that
 * fails to load, or code too costly to highlight (a line over 1000 bytes, a
 * block or a run past its budget: see highlight.cc). */
bool dp_highlight(const char *lang, const char *code, int len, unsigned char *out);

#ifdef __cplusplus
}
#endif
#endif
