/* test_pdf_xref.c: packing a file of libharu's shape (pdf_xref.c): the
 * objects that are not streams move into an object stream, streams stay
 * byte for byte, and the cross-reference stream (inflated and un-predicted
 * here) points at every object; a file of another shape is refused with a
 * reason and nothing written. (tests/e2e/tagged.sh checks the packed
 * documents with qpdf, poppler, pdf.js.) */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libdeflate.h>

#include "pdf_xref.h"

static const char STREAM_OBJ[] = "<<\n/Length 11\n>>\nstream\r\nBT 1 Tf ET\n\nendstream";

/* A file as libharu writes it: objects 1.. from 'bodies', the classic
 * table, a trailer with 'trailer_extra'. */
static size_t make_pdf(char *out, size_t cap, const char *header, const char *const *bodies, int n,
                       const char *trailer_extra)
{
    size_t off[16], len = (size_t)snprintf(out, cap, "%s", header);
    for (int i = 0; i < n; i++) {
        off[i] = len;
        len += (size_t)snprintf(out + len, cap - len, "%d 0 obj\n%s\nendobj\n", i + 1, bodies[i]);
    }
    size_t x = len;
    len += (size_t)snprintf(out + len, cap - len, "xref\n0 %d\n0000000000 65535 f\r\n", n + 1);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(out + len, cap - len, "%010zu 00000 n\r\n", off[i]);
    len += (size_t)snprintf(out + len, cap - len, "trailer\n<<\n/Root 1 0 R\n%s/Size %d\n>>\nstartxref\n%zu\n%%%%EOF\n",
                            trailer_extra, n + 1, x);
    assert_true(len < cap);
    return len;
}

static const char *const BODIES[] = {
    "<<\n/Type /Catalog\n/Pages 2 0 R\n>>",
    "<<\n/Type /Pages\n/Kids [ ]\n/Count 0\n/Note (endstream)\n>>",
    STREAM_OBJ,
};

static dp_flate *z;

static int setup(void **state)
{
    (void)state;
    z = dp_flate_new(6);
    return z ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    dp_flate_free(z);
    return 0;
}

/* The data of the stream whose dictionary starts at 'dict' (the
 * "<<" of "N 0 obj\n<<"), inflated into 'out'; its length. */
static size_t inflate_at(const unsigned char *pdf, size_t len, const char *dict, unsigned char *out, size_t cap)
{
    const unsigned char *d = memmem(pdf, len, dict, strlen(dict));
    assert_non_null(d);
    const char *l = strstr((const char *)d, "/Length ");
    assert_non_null(l);
    size_t n = strtoul(l + 8, NULL, 10);
    const unsigned char *s = memmem(d, len - (size_t)(d - pdf), ">>\nstream\n", 10);
    assert_non_null(s);
    s += 10;
    assert_memory_equal(s + n, "\nendstream\nendobj\n", 18);
    struct libdeflate_decompressor *dc = libdeflate_alloc_decompressor();
    size_t got = 0;
    assert_int_equal(libdeflate_zlib_decompress(dc, s, n, out, cap, &got), LIBDEFLATE_SUCCESS);
    libdeflate_free_decompressor(dc);
    return got;
}

static void objects_move_into_an_object_stream(void **state)
{
    (void)state;
    char in[4096];
    size_t len = make_pdf(in, sizeof in, "%PDF-1.7\n%\xb7\xbe\xad\xaa\n", BODIES, 3, "/ID [ <00> <00> ]\n");
    const char *why = "unset";
    size_t out_len = 0;
    unsigned char *out = NULL;
    FILE *f = open_memstream((char **)&out, &out_len);
    assert_true(dp_xref_pack((const unsigned char *)in, len, z, f, &why));
    assert_int_equal(fclose(f), 0);
    assert_null(why);
    /* header kept, one revision, the trailer's entries but /Size carried over */
    assert_memory_equal(out, "%PDF-1.7\n%\xb7\xbe\xad\xaa\n", 15);
    assert_memory_equal(out + out_len - 6, "%%EOF\n", 6);
    assert_null(memmem(out, out_len, "trailer", 7));
    assert_null(memmem(out, out_len, "xref\n0", 6));
    assert_non_null(memmem(out, out_len, "5 0 obj\n<</Type/XRef/Size 6/W[1 ", 32));
    assert_non_null(memmem(out, out_len, "/Root 1 0 R\n/ID [ <00> <00> ]\n/Filter", 37));
    /* the stream object, byte for byte; the others only in the object stream */
    const unsigned char *st = memmem(out, out_len, "3 0 obj\n", 8);
    assert_non_null(st);
    assert_memory_equal(st + 8, STREAM_OBJ, strlen(STREAM_OBJ));
    assert_null(memmem(out, out_len, "1 0 obj", 7));
    assert_null(memmem(out, out_len, "2 0 obj", 7));

    unsigned char objstm[1024];
    size_t n = inflate_at(out, out_len, "4 0 obj\n<</Type/ObjStm/N 2/First ", objstm, sizeof objstm);
    const char *first = strstr((const char *)memmem(out, out_len, "/Type/ObjStm", 12), "/First ");
    size_t at = strtoul(first + 7, NULL, 10);
    char expect[512];
    int e = snprintf(expect, sizeof expect, "1 0 2 %zu\n%s\n%s\n", strlen(BODIES[0]) + 1, BODIES[0], BODIES[1]);
    assert_int_equal(n, (size_t)e);
    assert_memory_equal(objstm, expect, n);
    assert_int_equal(at, strlen("1 0 2 33\n"));

    /* rows: [type, offset or stream, gen or index], PNG Up predicted */
    const unsigned char *w = memmem(out, out_len, "/W[1 ", 5);
    int w2 = w[5] - '0', cols = 1 + w2 + 2;
    unsigned char raw[256];
    n = inflate_at(out, out_len, "5 0 obj\n<</Type/XRef", raw, sizeof raw);
    assert_int_equal(n, (size_t)(6 * (cols + 1)));
    unsigned char prev[16] = {0};
    uint64_t fields[6][3];
    for (int r = 0; r < 6; r++) {
        assert_int_equal(raw[r * (cols + 1)], 2);
        for (int b = 0; b < cols; b++)
            prev[b] = (unsigned char)(prev[b] + raw[r * (cols + 1) + 1 + b]);
        fields[r][0] = prev[0];
        fields[r][1] = 0;
        for (int b = 0; b < w2; b++)
            fields[r][1] = fields[r][1] << 8 | prev[1 + b];
        fields[r][2] = (uint64_t)prev[1 + w2] << 8 | prev[2 + w2];
    }
    const unsigned char *o4 = memmem(out, out_len, "4 0 obj", 7), *o5 = memmem(out, out_len, "5 0 obj", 7);
    uint64_t want[6][3] = {{0, 0, 65535}, {2, 4, 0}, {2, 4, 1}, {1, (uint64_t)(st - out), 0},
                           {1, (uint64_t)(o4 - out), 0}, {1, (uint64_t)(o5 - out), 0}};
    for (int r = 0; r < 6; r++)
        for (int k = 0; k < 3; k++)
            assert_int_equal(fields[r][k], want[r][k]);
    const char *sx = strstr((const char *)out + out_len - 40, "startxref\n");
    assert_non_null(sx);
    assert_int_equal(strtoul(sx + 10, NULL, 10), (unsigned long)(o5 - out));
    free(out);
}

static void refuse(const char *in, size_t len, const char *what)
{
    const char *why = NULL;
    size_t out_len = 0;
    char *out = NULL;
    FILE *f = open_memstream(&out, &out_len);
    bool packed = dp_xref_pack((const unsigned char *)in, len, z, f, &why);
    fclose(f);
    free(out);
    if (packed)
        fail_msg("packed a file with %s", what);
    if (!why)
        fail_msg("no reason given for a file with %s", what);
    if (out_len)
        fail_msg("wrote %zu bytes of a file with %s", out_len, what);
}

static void other_shapes_are_refused(void **state)
{
    (void)state;
    char in[4096];
    size_t len = make_pdf(in, sizeof in, "%PDF-1.4\n", BODIES, 3, "");
    refuse(in, len, "a PDF 1.4 header (object streams need 1.5)");
    len = make_pdf(in, sizeof in, "%PDF-1.7\n", BODIES, 3, "/Encrypt 9 0 R\n");
    refuse(in, len, "an /Encrypt entry");
    len = make_pdf(in, sizeof in, "%PDF-1.7\n", BODIES, 3, "/Prev 12\n");
    refuse(in, len, "a /Prev entry");
    len = make_pdf(in, sizeof in, "%PDF-1.7\n", BODIES, 3, "");
    refuse(in, len - 12, "its end cut off");
    char *o2 = strstr(in, "2 0 obj");
    o2[0] = '7'; /* the table says object 2 is where object 7 is */
    refuse(in, len, "an object where the table puts another");
    o2[0] = '2';
    char *x = strstr(in, "xref\n0 4");
    x[7] = '9'; /* more entries than the file holds */
    refuse(in, len, "a table longer than the file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(objects_move_into_an_object_stream),
        cmocka_unit_test(other_shapes_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
