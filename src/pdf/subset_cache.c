/* subset_cache.c: font programs kept between runs (see font_programs.h).
 * Fixing a typo rarely changes the characters a deck draws, so the next build
 * finds every face's subset, already in the writer's packed (compressed)
 * form, in $XDG_CACHE_HOME/deckpress/subsets/: hb-subset and compression
 * are a third of a build. One file per font file, face and code point set,
 * valid only for the font file's size and modification time, with a
 * checksum over everything; anything odd and the file is ignored. The
 * folder keeps the MAX_FILES most recently used files. All integers little-
 * endian:
 *   "DPSUB1\n\0"  u64 checksum of the rest (FNV-1a)
 *   u32 path length, path, i64 mtime (ns), i64 size, u32 face index
 *   u32 n, n x u32 code points, u32 glyphs, n x u16 glyph ids
 *   u32 program length, u32 packed length, packed bytes */
#include "subset_cache.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "font_cache.h"
#include "hash.h"
#include "atomic_file.h"
#include "read_file.h"

#define MAGIC "DPSUB1\n"        /* 8 bytes with its NUL */
#define MAX_FILES 48
#define MAX_BYTES (64u << 20)

/* $CACHE/subsets/<hash of path, index, code points>.sub, or NULL. */
static char *file_for(const char *src, int index, const uint32_t *cps, int n)
{
    char *dir = dp_cache_dir();
    if (!dir)
        return NULL;
    uint64_t h = dp_fnv1a(DP_FNV_INIT, src, strlen(src) + 1);
    h = dp_fnv1a(h, &index, sizeof index);
    h = dp_fnv1a(h, cps, (size_t)n * sizeof *cps);
    size_t len = strlen(dir) + 64;
    char *path = dp_xrealloc(NULL, len);
    snprintf(path, len, "%s/subsets/%016llx.sub", dir, (unsigned long long)h);
    free(dir);
    return path;
}

/* ===== Writing ===== */

typedef struct {
    unsigned char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const void *p, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2;
        b->p = dp_xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void put_le(buf *b, uint64_t v, int bytes)
{
    unsigned char t[8];
    for (int i = 0; i < bytes; i++)
        t[i] = (unsigned char)(v >> (8 * i));
    put(b, t, (size_t)bytes);
}

void dp_subset_cache_store(const char *src, int index, const dp_program *s)
{
    long long mtime, size;
    char *file = s->packed ? file_for(src, index, s->cps, s->n) : NULL;
    if (!file || !dp_cache_stamp(src, &mtime, &size) || s->len > 0xFFFFFFFFu || s->packed_len > 0xFFFFFFFFu) {
        free(file);
        return;
    }
    buf b = {0};
    size_t plen = strlen(src);
    put_le(&b, plen, 4);
    put(&b, src, plen);
    put_le(&b, (uint64_t)mtime, 8);
    put_le(&b, (uint64_t)size, 8);
    put_le(&b, (uint64_t)index, 4);
    put_le(&b, (uint64_t)s->n, 4);
    for (int i = 0; i < s->n; i++)
        put_le(&b, s->cps[i], 4);
    put_le(&b, (uint64_t)s->n_glyphs, 4);
    for (int i = 0; i < s->n; i++)
        put_le(&b, s->gid[i], 2);
    put_le(&b, s->len, 4);
    put_le(&b, s->packed_len, 4);
    put(&b, s->packed, s->packed_len);
    unsigned char head[16];
    memcpy(head, MAGIC, 8);
    uint64_t sum = dp_fnv1a(DP_FNV_INIT, b.p, b.n);
    for (int i = 0; i < 8; i++)
        head[8 + i] = (unsigned char)(sum >> (8 * i));
    dp_cache_make_dir(file);
    dp_atomic_file out;
    FILE *fp = dp_atomic_open(&out, file);
    bool ok = false;
    if (fp) {
        fwrite(head, 1, 16, fp);
        fwrite(b.p, 1, b.n, fp);
        ok = dp_atomic_commit(&out);
    }
    /* the folder: cut the file name off */
    char *slash = strrchr(file, '/');
    if (ok && slash) {
        *slash = '\0';
        dp_cache_evict(file, "", ".sub", MAX_FILES);
    }
    free(file);
    free(b.p);
}

/* ===== Reading ===== */

typedef struct {
    const unsigned char *p;
    size_t n, at;
    bool bad;
} reader;

static uint64_t get_le(reader *r, int bytes)
{
    if (r->bad || r->n - r->at < (size_t)bytes) {
        r->bad = true;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)r->p[r->at + (size_t)i] << (8 * i);
    r->at += (size_t)bytes;
    return v;
}

static const unsigned char *get_bytes(reader *r, size_t n)
{
    if (r->bad || r->n - r->at < n) {
        r->bad = true;
        return NULL;
    }
    r->at += n;
    return r->p + r->at - n;
}

bool dp_subset_cache_load(const char *src, int index, const uint32_t *cps, int n, dp_program *s)
{
    long long mtime, size;
    char *file = file_for(src, index, cps, n);
    size_t len = 0;
    unsigned char *data = file && dp_cache_stamp(src, &mtime, &size)
                              ? (unsigned char *)dp_read_file(file, MAX_BYTES, &len) : NULL;
    if (data && len <= 16) /* not even a header */
        free(data), data = NULL;
    bool ok = false;
    if (data && memcmp(data, MAGIC, 8) == 0) {
        uint64_t sum = 0;
        for (int i = 0; i < 8; i++)
            sum |= (uint64_t)data[8 + i] << (8 * i);
        reader r = {data + 16, len - 16, 0, false};
        size_t plen = (size_t)get_le(&r, 4);
        const unsigned char *path = get_bytes(&r, plen);
        ok = sum == dp_fnv1a(DP_FNV_INIT, data + 16, len - 16) && path && plen == strlen(src) &&
             memcmp(path, src, plen) == 0 && (long long)get_le(&r, 8) == mtime &&
             (long long)get_le(&r, 8) == size && get_le(&r, 4) == (uint64_t)index &&
             get_le(&r, 4) == (uint64_t)n;
        for (int i = 0; ok && i < n; i++)
            ok = get_le(&r, 4) == cps[i];
        uint64_t glyphs = ok ? get_le(&r, 4) : 0;
        ok = ok && glyphs > 0 && glyphs <= 0xFFFF;
        for (int i = 0; ok && i < n; i++)
            s->gid[i] = (uint16_t)get_le(&r, 2);
        uint64_t raw = ok ? get_le(&r, 4) : 0, packed = ok ? get_le(&r, 4) : 0;
        const unsigned char *bytes = ok ? get_bytes(&r, (size_t)packed) : NULL;
        ok = ok && !r.bad && bytes && packed > 0 && raw > 0 && r.at == r.n;
        if (ok) {
            s->n_glyphs = (int)glyphs;
            s->len = (size_t)raw;
            s->packed = memcpy(dp_xrealloc(NULL, (size_t)packed), bytes, (size_t)packed);
            s->packed_len = (size_t)packed;
            utimensat(AT_FDCWD, file, NULL, 0); /* recently used: kept by evict() */
        }
    }
    free(data);
    free(file);
    return ok;
}
