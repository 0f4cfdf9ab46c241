/* pdf_flate.c: see pdf_flate.h. libharu writes a stream dict's keys, then
 * calls its write_fn, then copies the data through its filter; with the
 * filter off the data goes out as we compressed it, and write_fn declares
 * the /Filter (libharu deletes a /Filter key of an unfiltered stream). */
#include "pdf_flate.h"

#include <stdlib.h>

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

HPDF_STATUS dp_flate_write(dp_flate *z, HPDF_Dict st, const void *data, size_t len)
{
    size_t bound = libdeflate_zlib_compress_bound(z->c, len);
    if (bound > z->cap) {
        z->out = dp_xrealloc(z->out, bound);
        z->cap = bound;
    }
    size_t n = libdeflate_zlib_compress(z->c, data, len, z->out, z->cap);
    if (n == 0 || n > 0xFFFFFFFFu) /* cannot happen with the bound; libharu takes 32-bit sizes */
        return HPDF_STREAM_EOF;
    HPDF_MemStream_FreeData(st->stream);
    st->filter = HPDF_STREAM_FILTER_NONE;
    st->write_fn = declare_flate;
    return HPDF_Stream_Write(st->stream, z->out, (HPDF_UINT)n);
}
