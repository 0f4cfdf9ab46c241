/* hash.h: FNV-1a, 64 bits: names for cache files and font subset tags.
 * Not for anything an attacker must not collide (the caches check what they
 * read against what they were asked). */
#ifndef DP_HASH_H
#define DP_HASH_H
#include <stddef.h>
#include <stdint.h>

#define DP_FNV_INIT 1469598103934665603ull

static inline uint64_t dp_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

#endif
