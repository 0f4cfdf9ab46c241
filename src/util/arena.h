/* arena.h: bump allocator. Everything built for one deck (model, runs, lines,
 * display list, strings) lives in one arena, released by one dp_arena_free().
 * Out of memory is fatal and reported from here, so callers need no NULL checks. */
#ifndef DP_ARENA_H
#define DP_ARENA_H
#include <stddef.h>

typedef struct dp_arena dp_arena;

dp_arena *dp_arena_new(size_t chunk_size);
/* Zeroed memory, aligned for any type. Never returns NULL. */
void *dp_arena_alloc(dp_arena *a, size_t size);
/* Grow an arena array: returns a copy of 'old' (n_old elements) with room for n_new. */
void *dp_arena_grow(dp_arena *a, void *old, size_t n_old, size_t n_new, size_t elem);
/* Append to an arena array, growing it by doubling (so n pushes cost O(n)):
 * returns the new, zeroed element at index *n and increments *n. */
void *dp_arena_push(dp_arena *a, void *array_ptr, int *n, int *cap, size_t elem);
/* NUL-terminated copy of s[0..n). */
char *dp_arena_strndup(dp_arena *a, const char *s, size_t n);
char *dp_arena_strdup(dp_arena *a, const char *s);
/* printf into the arena. */
char *dp_arena_printf(dp_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t dp_arena_bytes(const dp_arena *a);

/* realloc for memory outside arenas; out of memory is fatal (exit 4), as in
 * the arena. Never returns NULL. */
void *dp_xrealloc(void *p, size_t n);
/* strdup with the same rule. */
char *dp_xstrdup(const char *s);
void dp_arena_free(dp_arena *a);

#endif
