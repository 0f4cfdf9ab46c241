/* markup.h: the deck's rich text -> paragraphs of code points with inline
 * style flags. Paragraphs are separated by blank lines; "- " starts a bullet
 * (indented two spaces per nesting level); inline **bold**, *emphasis* and
 * `code`. A single line break between two Han characters joins them with
 * nothing, elsewhere with one space (clreq: a source newline is not a space
 * in Chinese). Knows nothing of fonts or layout. Arena-owned. */
#ifndef DP_MARKUP_H
#define DP_MARKUP_H
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"

enum { DP_TF_BOLD = 1, DP_TF_EM = 2, DP_TF_CODE = 4, DP_TF_BREAK = 8 /* forced line break before */ };

typedef struct {
    uint32_t *cps;     /* code points, markup removed */
    int *src;          /* byte offset of each code point in the source text */
    unsigned char *flags;
    int n;
    int bullet_level;  /* 0 = plain paragraph, 1.. = bullet nesting depth */
} dp_para;

typedef struct {
    dp_para *paras;
    int n;
} dp_rich;

/* Parse 's' (len bytes, valid UTF-8). With 'rich' false, markup characters
 * are taken literally and every newline is a forced line break (titles and
 * questions, where a line break written in the YAML is the author's). */
dp_rich dp_markup_parse(dp_arena *a, const char *s, int len, bool rich);

bool dp_is_han(uint32_t cp);

#endif
