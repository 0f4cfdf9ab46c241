/* pdf_xref.c: see pdf_xref.h. Three steps: read libharu's cross-reference
 * table and trailer; copy every stream object as it is and gather the
 * others, PER_STREAM at a time, into object streams; write the
 * cross-reference stream (rows of [type, field 2, field 3], PNG "Up"
 * predicted, deflated) with the trailer's entries. */
#include "pdf_xref.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bytes.h"

enum {
    PER_STREAM = 256,   /* objects in one object stream: a reader inflates it whole to read one */
    ENTRY = 20,         /* bytes of a classic cross-reference entry */
};

static const char ENDOBJ[] = "\nendobj\n", ENDSTREAM[] = "\nendstream\nendobj\n";

/* A number in decimal (the object streams' headers: hundreds of them). */
static void put_num(dp_bytes *o, uint64_t v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    do
        *--p = (char)('0' + v % 10);
    while (v /= 10);
    dp_bytes_put(o, p, (size_t)(tmp + sizeof tmp - p));
}

/* The packed file, written as it is made (no second copy in memory);
 * 'n' counts the bytes written, the offsets the cross-reference stream
 * gives. */
typedef struct {
    FILE *f;
    size_t n;
    bool failed;
} sink;

static void emit(sink *o, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, o->f) != n)
        o->failed = true;
    o->n += n;
}

static void emitf(sink *o, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    emit(o, tmp, (size_t)n);
}

/* An object of libharu's file: "num 0 obj\n" at 'off', its value from
 * 'body' to 'end' - "\nendobj\n". */
typedef struct {
    size_t off, body, end;
    unsigned num;
    bool stream;
} obj;

/* A row of the cross-reference stream (ISO 32000-1 Table 18). */
typedef struct {
    unsigned char type;
    uint64_t f2;
    unsigned f3;
} row;

static bool digits(const unsigned char *in, size_t len, size_t *i, int max, uint64_t *v)
{
    size_t start = *i;
    *v = 0;
    while (*i < len && in[*i] >= '0' && in[*i] <= '9' && *i - start < (size_t)max)
        *v = *v * 10 + (uint64_t)(in[(*i)++] - '0');
    return *i > start;
}

static bool lit(const unsigned char *in, size_t len, size_t *i, const char *s)
{
    size_t n = strlen(s);
    if (*i + n > len || memcmp(in + *i, s, n) != 0)
        return false;
    *i += n;
    return true;
}

static int by_offset(const void *pa, const void *pb)
{
    const obj *a = pa, *b = pb;
    return (a->off > b->off) - (a->off < b->off);
}

/* The trailer's entries but /Size, one a line in libharu's file (between
 * "trailer\n<<\n" and ">>\n"), into 'o'. False for an entry this file
 * cannot carry over (an encrypted file, an update). */
static bool trailer(const unsigned char *in, size_t len, size_t i, dp_bytes *o, const char **why)
{
    if (!lit(in, len, &i, "trailer\n<<\n")) {
        *why = "no trailer after the cross-reference table";
        return false;
    }
    while (i < len && !lit(in, len, &i, ">>\n")) {
        const unsigned char *nl = memchr(in + i, '\n', len - i);
        if (!nl) {
            *why = "the trailer does not end";
            return false;
        }
        size_t n = (size_t)(nl - (in + i));
        if (n >= 8 && (memcmp(in + i, "/Encrypt", 8) == 0 || memcmp(in + i, "/XRefStm", 8) == 0)) {
            *why = "an encrypted or hybrid file";
            return false;
        }
        if (n >= 5 && memcmp(in + i, "/Prev", 5) == 0) {
            *why = "an incrementally updated file";
            return false;
        }
        if (!(n >= 5 && memcmp(in + i, "/Size", 5) == 0))
            dp_bytes_put(o, in + i, n + 1);
        i += n + 1;
    }
    return true;
}

/* Room for the rows of the objects added: an object stream per
 * PER_STREAM objects, and the cross-reference stream. */
static size_t added_max(size_t size) { return size / PER_STREAM + 2; }

/* Reads the table: 'objs' (in use, sorted by offset), 'rows' for *size
 * objects and those added (malloc'd; out of memory is fatal, as with
 * dp_xrealloc). */
static bool read_table(const unsigned char *in, size_t len, obj **objs, int *n_objs,
                       row **rows, unsigned *size, dp_bytes *tr, const char **why)
{
    if (len < 32 || memcmp(in, "%PDF-1.", 7) != 0 || in[7] < '5' || in[7] > '7') {
        *why = "not a PDF 1.5 to 1.7 file";
        return false;
    }
    size_t i = len > 40 ? len - 40 : 0;
    const unsigned char *sx = NULL;
    for (size_t k = i; k + 10 <= len; k++)
        if (memcmp(in + k, "startxref\n", 10) == 0)
            sx = in + k;
    uint64_t x = 0, n = 0;
    if (!sx || (i = (size_t)(sx - in) + 10, !digits(in, len, &i, 20, &x)) || x >= len) {
        *why = "no startxref at the end";
        return false;
    }
    i = (size_t)x;
    if (!lit(in, len, &i, "xref\n0 ") || !digits(in, len, &i, 10, &n) || !lit(in, len, &i, "\n") ||
        n == 0 || n > (len - i) / ENTRY || n > INT32_MAX / 2) {
        *why = "not one cross-reference section from object 0";
        return false;
    }
    *size = (unsigned)n;
    size_t n_rows = (size_t)n + added_max((size_t)n);
    *rows = memset(dp_xrealloc(NULL, n_rows * sizeof **rows), 0, n_rows * sizeof **rows);
    *objs = dp_xrealloc(NULL, (size_t)n * sizeof **objs);
    *n_objs = 0;
    for (unsigned k = 0; k < n; k++, i += ENTRY) {
        size_t j = i;
        uint64_t off, gen;
        if (!digits(in, len, &j, 10, &off) || !lit(in, len, &j, " ") || !digits(in, len, &j, 5, &gen) ||
            !lit(in, len, &j, " ") || j >= len || (in[j] != 'n' && in[j] != 'f')) {
            *why = "a malformed cross-reference entry";
            return false;
        }
        if (in[j] == 'f') {
            (*rows)[k] = (row){0, 0, (unsigned)gen};
        } else if (gen != 0 || off >= x) {
            *why = "an object of generation other than 0, or past the table";
            return false;
        } else {
            (*objs)[(*n_objs)++] = (obj){.off = (size_t)off, .num = k};
        }
    }
    if (!trailer(in, len, i, tr, why))
        return false;
    bool sorted = true; /* libharu writes them in order */
    for (int k = 1; k < *n_objs && sorted; k++)
        sorted = (*objs)[k - 1].off < (*objs)[k].off;
    if (!sorted)
        qsort(*objs, (size_t)*n_objs, sizeof **objs, by_offset);
    /* each object runs to the next one (the last to the table) */
    for (int k = 0; k < *n_objs; k++) {
        obj *o = &(*objs)[k];
        size_t j = o->off;
        uint64_t num;
        o->end = k + 1 < *n_objs ? (*objs)[k + 1].off : (size_t)x;
        if (!digits(in, o->end, &j, 10, &num) || num != o->num || !lit(in, o->end, &j, " 0 obj\n") ||
            o->end - j < sizeof ENDOBJ - 1 ||
            memcmp(in + o->end - (sizeof ENDOBJ - 1), ENDOBJ, sizeof ENDOBJ - 1) != 0) {
            *why = "an object not written as \"N 0 obj\" ... \"endobj\"";
            return false;
        }
        o->body = j;
        o->stream = o->end - j >= sizeof ENDSTREAM - 1 &&
                    memcmp(in + o->end - (sizeof ENDSTREAM - 1), ENDSTREAM, sizeof ENDSTREAM - 1) == 0;
    }
    return true;
}

/* One object stream: the 'n' objects objs[pick[..]] (none a stream), as
 * object 'num'. */
static bool object_stream(const unsigned char *in, const obj *objs, const int *pick, int n, unsigned num,
                          row *rows, dp_flate *z, sink *out)
{
    dp_bytes head = {0}, body = {0};
    for (int k = 0; k < n; k++) {
        const obj *o = &objs[pick[k]];
        if (k)
            dp_bytes_put(&head, " ", 1);
        put_num(&head, o->num);
        dp_bytes_put(&head, " ", 1);
        put_num(&head, body.n);
        dp_bytes_put(&body, in + o->body, o->end - (sizeof ENDOBJ - 1) - o->body);
        dp_bytes_put(&body, "\n", 1);
        rows[o->num] = (row){2, num, (unsigned)k};
    }
    dp_bytes_put(&head, "\n", 1);
    size_t first = head.n;
    dp_bytes_put(&head, body.b, body.n);
    free(body.b);
    size_t packed_len;
    unsigned char *packed = dp_flate_pack(z, head.b, head.n, &packed_len);
    free(head.b);
    if (!packed)
        return false;
    rows[num] = (row){1, out->n, 0};
    emitf(out, "%u 0 obj\n<</Type/ObjStm/N %d/First %zu/Filter/FlateDecode/Length %zu>>\nstream\n", num, n,
         first, packed_len);
    emit(out, packed, packed_len);
    emit(out, ENDSTREAM, sizeof ENDSTREAM - 1);
    free(packed);
    return true;
}

/* The cross-reference stream, object 'num' (the last), and the file's end. */
static bool xref_stream(const row *rows, unsigned size, unsigned num, const dp_bytes *tr, dp_flate *z, sink *out)
{
    size_t at = out->n;
    uint64_t max = at;
    for (unsigned k = 0; k < size; k++)
        if (rows[k].f2 > max)
            max = rows[k].f2;
    int w2 = 1;
    while (w2 < 8 && max >> (8 * w2))
        w2++;
    int cols = 1 + w2 + 2;
    unsigned char *raw = dp_xrealloc(NULL, (size_t)size * (size_t)(cols + 1)), prev[1 + 8 + 2] = {0},
                  cur[1 + 8 + 2];
    for (unsigned k = 0; k < size; k++) {
        row r = k == num ? (row){1, at, 0} : rows[k];
        cur[0] = r.type;
        for (int b = 0; b < w2; b++)
            cur[1 + b] = (unsigned char)(r.f2 >> (8 * (w2 - 1 - b)));
        cur[1 + w2] = (unsigned char)(r.f3 >> 8), cur[2 + w2] = (unsigned char)r.f3;
        unsigned char *o = raw + (size_t)k * (size_t)(cols + 1);
        o[0] = 2; /* PNG Up: each byte less the one above it */
        for (int b = 0; b < cols; b++)
            o[1 + b] = (unsigned char)(cur[b] - prev[b]);
        memcpy(prev, cur, (size_t)cols);
    }
    size_t packed_len;
    unsigned char *packed = dp_flate_pack(z, raw, (size_t)size * (size_t)(cols + 1), &packed_len);
    free(raw);
    if (!packed)
        return false;
    emitf(out, "%u 0 obj\n<</Type/XRef/Size %u/W[1 %d 2]\n", num, size, w2);
    emit(out, tr->b, tr->n);
    emitf(out, "/Filter/FlateDecode/DecodeParms<</Columns %d/Predictor 12>>/Length %zu>>\nstream\n", cols,
         packed_len);
    emit(out, packed, packed_len);
    emit(out, ENDSTREAM, sizeof ENDSTREAM - 1);
    emitf(out, "startxref\n%zu\n%%%%EOF\n", at);
    free(packed);
    return true;
}

bool dp_xref_pack(const unsigned char *in, size_t len, dp_flate *z, FILE *f, const char **why)
{
    *why = NULL;
    obj *objs = NULL;
    row *rows = NULL;
    int n_objs = 0, *pick = NULL;
    unsigned size = 0;
    dp_bytes tr = {0};
    sink out = {f, 0, false};
    bool ok = read_table(in, len, &objs, &n_objs, &rows, &size, &tr, why);
    if (ok && n_objs == 0) {
        *why = "no objects";
        ok = false;
    }
    if (ok) { /* nothing is written before this point */
        pick = dp_xrealloc(NULL, (size_t)n_objs * sizeof *pick);
        emit(&out, in, objs[0].off); /* header and its binary comment */
        int n_pick = 0;
        for (int k = 0; k < n_objs; k++)
            if (objs[k].stream) {
                rows[objs[k].num] = (row){1, out.n, 0};
                emit(&out, in + objs[k].off, objs[k].end - objs[k].off);
            } else {
                pick[n_pick++] = k;
            }
        unsigned num = size;
        for (int k = 0; ok && k < n_pick; k += PER_STREAM, num++)
            ok = object_stream(in, objs, pick + k, n_pick - k < PER_STREAM ? n_pick - k : PER_STREAM, num, rows, z,
                               &out);
        ok = ok && xref_stream(rows, num + 1, num, &tr, z, &out) && !out.failed;
    }
    free(objs);
    free(rows);
    free(pick);
    free(tr.b);
    return ok;
}
