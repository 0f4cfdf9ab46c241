/* subset_cache.h: the writer's font programs (font_programs.h), in their
 * packed form, kept between runs in deckpress's cache folder
 * (font_cache.h). For font_programs.c. */
#ifndef DP_SUBSET_CACHE_H
#define DP_SUBSET_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A face's font program as the writer embeds it (font_programs.h). */
typedef struct {
    uint32_t *cps;              /* the code points asked for, ascending */
    int n;
    uint16_t *gid;              /* per cps[i]: the glyph's code in the program (subset.h) */
    int n_glyphs;
    size_t len;                 /* of the program (TrueType /Length1) */
    unsigned char *packed;      /* the program compressed (the stream's data) */
    size_t packed_len;
} dp_program;

/* Fill s->gid (room for n), s->n_glyphs, s->len, s->packed and
 * s->packed_len from the cache. False when the cache has no valid entry for
 * this font file (as it is now), face and code points. */
bool dp_subset_cache_load(const char *src, int index, const uint32_t *cps, int n, dp_program *s);

/* Remember a program (with its packed form). Failures only cost time. */
void dp_subset_cache_store(const char *src, int index, const dp_program *s);

#endif
