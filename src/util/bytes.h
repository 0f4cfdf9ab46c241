/* bytes.h: a growable byte buffer in one malloc'd block (out of memory is
 * fatal, as with dp_xrealloc). Zero-initialise it; free(b->b) when done. */
#ifndef DP_BYTES_H
#define DP_BYTES_H
#include <stddef.h>

typedef struct {
    unsigned char *b;
    size_t n, cap;
} dp_bytes;

/* Room for 'more' bytes after the first b->n (the block at least doubles). */
void dp_bytes_reserve(dp_bytes *b, size_t more);

/* 'n' bytes of 'p' appended. */
void dp_bytes_put(dp_bytes *b, const void *p, size_t n);

#endif
