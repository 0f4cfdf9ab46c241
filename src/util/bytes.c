/* bytes.c: see bytes.h. */
#include "bytes.h"

#include <string.h>

#include "arena.h"

void dp_bytes_reserve(dp_bytes *b, size_t more)
{
    if (b->n + more <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + more)
        cap *= 2;
    b->b = dp_xrealloc(b->b, cap);
    b->cap = cap;
}

void dp_bytes_put(dp_bytes *b, const void *p, size_t n)
{
    dp_bytes_reserve(b, n);
    memcpy(b->b + b->n, p, n);
    b->n += n;
}
