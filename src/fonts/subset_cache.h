/* subset_cache.h: font subsets, in their packed form, kept between runs in
 * deckpress's cache folder (font_cache.h). For subset.c. */
#ifndef DP_SUBSET_CACHE_H
#define DP_SUBSET_CACHE_H
#include <stdbool.h>
#include <stdint.h>

#include "fonts.h"

/* Fill s->gid (room for n), s->n_glyphs, s->len, s->packed and
 * s->packed_len from the cache; s->data stays NULL. False when the cache
 * has no valid entry for this font file (as it is now), face and code points. */
bool dp_subset_cache_load(const char *src, int index, const uint32_t *cps, int n, dp_subset *s);

/* Remember a subset that has its packed form. Failures only cost time. */
void dp_subset_cache_store(const char *src, int index, const dp_subset *s);

#endif
