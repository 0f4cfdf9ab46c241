/* pdf_flate.c: see pdf_flate.h. libharu writes a stream dict's keys, then
 * calls its write_fn, then copies the data through its filter; with the
 * filter off the data goes out as we compressed it, and write_fn declares
 * the /Filter (libharu deletes a /Filter key of an unfiltered stream). */
#include "pdf_flate.h"

#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "arena.h"

struct dp_flate {
    struct libdeflate_compressor *c;
    unsigned char *out;
    size_t cap;
};

dp_flate *dp_flate_new(int level)
{
    dp_flate *z = calloc(1, sizeof *z);
    if (z && !(z->c = libdeflate_alloc_compressor(level))) {
        free(z);
        z = NULL;
    }
    return z;
}

void dp_flate_free(dp_flate *z)
{
    if (!z)
        return;
    libdeflate_free_compressor(z->c);
    free(z->out);
    free(z);
}

static HPDF_STATUS declare_flate(HPDF_Dict obj, HPDF_Stream out)
{
    (void)obj;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Compress into z->out; returns the length, 0 on failure. */
static size_t compress(dp_flate *z, const void *data, size_t len)
{
    size_t bound = libdeflate_zlib_compress_bound(z->c, len);
    if (bound > z->cap) {
        z->out = dp_xrealloc(z->out, bound);
        z->cap = bound;
    }
    return libdeflate_zlib_compress(z->c, data, len, z->out, z->cap);
}

unsigned char *dp_flate_pack(dp_flate *z, const void *data, size_t len, size_t *packed_len)
{
    size_t n = compress(z, data, len);
    *packed_len = n;
    return n ? memcpy(dp_xrealloc(NULL, n), z->out, n) : NULL;
}

HPDF_STATUS dp_flate_set(HPDF_Dict st, const void *packed, size_t len)
{
    if (len == 0 || len > 0xFFFFFFFFu) /* libharu takes 32-bit sizes */
        return HPDF_INVALID_PARAMETER;
    /* A memory stream grows in blocks of its buffer size (4 KB by default,
     * four times a compressed slide): one block of exactly this size. */
    HPDF_Stream fitted = HPDF_MemStream_New(st->mmgr, (HPDF_UINT)len);
    if (!fitted)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_Stream_Free(st->stream);
    st->stream = fitted;
    st->filter = HPDF_STREAM_FILTER_NONE;
    st->write_fn = declare_flate;
    return HPDF_Stream_Write(st->stream, packed, (HPDF_UINT)len);
}

HPDF_STATUS dp_flate_write(dp_flate *z, HPDF_Dict st, const void *data, size_t len)
{
    size_t n = compress(z, data, len); /* before reading z->out: it may move */
    return dp_flate_set(st, z->out, n);
}
