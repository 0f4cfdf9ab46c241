/* arena.c: chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    max_align_t data[]; /* payload */
} chunk;

struct dp_arena {
    chunk *head;
    size_t chunk_size, total;
};

static _Noreturn void out_of_memory(void)
{
    fputs("deckpress: out of memory\n", stderr);
    exit(4);
}

void *dp_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

static void *xmalloc(size_t n) { return dp_xrealloc(NULL, n); }

char *dp_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

dp_arena *dp_arena_new(size_t chunk_size)
{
    dp_arena *a = xmalloc(sizeof *a);
    memset(a, 0, sizeof *a);
    a->chunk_size = chunk_size < 4096 ? 4096 : chunk_size;
    return a;
}

void *dp_arena_alloc(dp_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t cap = size > a->chunk_size ? size : a->chunk_size;
        if (cap > SIZE_MAX - sizeof(chunk))
            out_of_memory();
        /* not zeroed here: each allocation zeroes just what it hands out,
         * so a short-lived arena costs what it uses, not its chunk size */
        c = xmalloc(sizeof(chunk) + cap);
        c->size = cap;
        c->used = 0;
        c->next = NULL;
        a->total += cap;
        /* A big one-off block goes behind the head so the head keeps its free room. */
        if (a->head && cap > a->chunk_size) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

void *dp_arena_grow(dp_arena *a, void *old, size_t n_old, size_t n_new, size_t elem)
{
    if (n_new && elem > SIZE_MAX / n_new)
        out_of_memory();
    void *p = dp_arena_alloc(a, n_new * elem);
    if (old && n_old)
        memcpy(p, old, (n_old < n_new ? n_old : n_new) * elem);
    return p;
}

void *dp_arena_push(dp_arena *a, void *array_ptr, int *n, int *cap, size_t elem)
{
    void **arr = array_ptr;
    if (*n >= *cap) {
        int grown = *cap ? *cap * 2 : 16;
        *arr = dp_arena_grow(a, *arr, (size_t)*n, (size_t)grown, elem);
        *cap = grown;
    }
    char *slot = (char *)*arr + (size_t)*n * elem;
    memset(slot, 0, elem);
    (*n)++;
    return slot;
}

char *dp_arena_strndup(dp_arena *a, const char *s, size_t n)
{
    char *p = dp_arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dp_arena_strdup(dp_arena *a, const char *s)
{
    return dp_arena_strndup(a, s, strlen(s));
}

char *dp_arena_printf(dp_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = dp_arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t dp_arena_bytes(const dp_arena *a) { return a->total; }

void dp_arena_free(dp_arena *a)
{
    if (!a)
        return;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}
