/* glyphcheck: fail when a PDF draws a character differently from the source
 * font's own outline. pdftotext cannot see this: libharu 2.3.0 corrupts
 * WenQuanYi Micro Hei glyphs (排 drawn as 非, others blank) while the text
 * still extracts fine (STACK.md). So render instead:
 *   1. mutool convert -F stext lists every character with its font, size,
 *      colour and baseline origin;
 *   2. mutool draw renders the pages to grey PNMs;
 *   3. FreeType renders the same code point from the source font file at the
 *      same pixel size and origin;
 *   4. both are binarised and compared with a tolerance of a pixel or two (fake
 *      bold strokes and rasteriser differences): "recall" is the share of the
 *      font's ink found on the page, "precision" the share of the page's ink
 *      near the glyph that the source fonts explain (all glyphs of the page
 *      are drawn, so a neighbour's overhang is explained too). The match is
 *      the smaller of the two; below -t (default 0.80) the glyph is bad.
 * Usage: glyphcheck [-r DPI] [-t MIN] [--font NAME=PATH[:INDEX]]... [--fontdir DIR]
 *                   [--keep DIR] [-v] FILE.pdf
 *        glyphcheck --programs [--font ...] [--fontdir DIR] [-v] FILE.pdf
 * --programs checks the embedded font programs instead of the pages: every
 * code of every Type0 font's ToUnicode map is drawn by FreeType from the
 * PDF's own program (FontFile2 through /CIDToGIDMap, or the bare CFF of a
 * FontFile3 /CIDFontType0C, where FreeType selects by CID through the CFF
 * charset as PDF viewers do) and from the source font by code point, and the
 * two bitmaps must agree, and its /W width must be the source's advance;
 * a FontFile3 that is not bare CFF (/Subtype
 * /OpenType, an 'OTTO' file) or a CIDFontType0 with a /CIDToGIDMap fails.
 * Fonts are found by PostScript name with fontconfig unless given. Exit 0 all
 * good, 1 some glyph bad, 2 could not check (tool or font missing). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include FT_ADVANCES_H

#define MAX_FONTS 64
#define BATCH 16 /* pages rendered per mutool run: bounds the temp disk use */

typedef struct { char *name, *path; int index; FT_Face face; bool missing; } font;
typedef struct { int w, h; unsigned char *px; } image;

static struct {
    int dpi;
    double min_match;
    bool verbose;
    const char *keep, *pdf;
    char tmp[256];
    FT_Library ft;
    FcConfig *fc;
    font fonts[MAX_FONTS];
    int n_fonts;
    long checked, bad, skipped;
    int rendered_upto;     /* last page rendered into tmp */
    image page;
    int page_no;           /* page held in 'page' */
} G = {.dpi = 144, .min_match = 0.80};

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "glyphcheck: %s%s\n", msg, arg ? arg : "");
    exit(2);
}

/* Room for one more of n elements of 'size' bytes in *v (capacity *cap). */
static void *grow(void *v, int n, int *cap, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? 2 * *cap : 256;
    v = realloc(v, (size_t)*cap * size);
    if (!v)
        die("out of memory", NULL);
    return v;
}

/* ===== Inputs: stext attributes, PNM pages ===== */

static bool attr(const char *line, const char *key, char *out, size_t cap)
{
    char pat[32];
    snprintf(pat, sizeof pat, " %s=\"", key);
    const char *p = strstr(line, pat);
    if (!p)
        return false;
    p += strlen(pat);
    const char *e = strchr(p, '"');
    if (!e || (size_t)(e - p) >= cap)
        return false;
    memcpy(out, p, (size_t)(e - p));
    out[e - p] = '\0';
    return true;
}

/* The c="..." value: one character, XML-escaped or raw UTF-8. */
static uint32_t decode_char(const char *s)
{
    static const struct { const char *ent; uint32_t cp; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    if (s[0] == '&' && s[1] == '#')
        return (uint32_t)(s[2] == 'x' ? strtoul(s + 3, NULL, 16) : strtoul(s + 2, NULL, 10));
    for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++)
        if (strcmp(s, ents[i].ent) == 0)
            return ents[i].cp;
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80)
        return u[0];
    int n = u[0] >= 0xF0 ? 3 : u[0] >= 0xE0 ? 2 : 1;
    uint32_t cp = u[0] & (0x3F >> n);
    for (int i = 1; i <= n && u[i]; i++)
        cp = cp << 6 | (u[i] & 0x3F);
    return cp;
}

static void render_batch(int first)
{
    char cmd[1024];
    int last = first + BATCH - 1;
    snprintf(cmd, sizeof cmd, "mutool draw -q -r %d -c gray -F pnm -o '%s/page-%%d.pnm' '%s' %d-%d 2>/dev/null",
             G.dpi, G.tmp, G.pdf, first, last);
    /* Asking past the last page makes mutool complain; that is fine as
     * long as the pages we need appear. */
    if (system(cmd) == -1)
        die("cannot run mutool", NULL);
    G.rendered_upto = last;
}

static void load_page(int no)
{
    free(G.page.px);
    G.page = (image){0};
    if (no > G.rendered_upto)
        render_batch(no);
    char path[512];
    snprintf(path, sizeof path, "%s/page-%d.pnm", G.tmp, no);
    FILE *f = fopen(path, "rb");
    if (!f)
        die("mutool did not render page of ", G.pdf);
    int maxv = 0;
    if (fscanf(f, "P5 %d %d %d", &G.page.w, &G.page.h, &maxv) != 3 || maxv != 255)
        die("unexpected PNM from mutool: ", path);
    fgetc(f);
    size_t n = (size_t)G.page.w * (size_t)G.page.h;
    G.page.px = malloc(n);
    if (!G.page.px || fread(G.page.px, 1, n, f) != n)
        die("short PNM: ", path);
    fclose(f);
    unlink(path);
    G.page_no = no;
}

/* ===== Fonts ===== */

static char *fc_lookup(const char *ps, int *index)
{
    FcPattern *p = FcPatternBuild(NULL, FC_POSTSCRIPT_NAME, FcTypeString, ps, (char *)NULL);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, (char *)NULL);
    FcFontSet *fs = FcFontList(G.fc, p, os);
    char *best = NULL;
    for (int i = 0; fs && i < fs->nfont; i++) {
        FcChar8 *file;
        int idx = 0;
        if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &idx);
        /* Several copies (fonts/ and the system): any will do, but pick
         * the same one every time. */
        if (!best || strcmp((const char *)file, best) < 0) {
            free(best);
            best = strdup((const char *)file);
            *index = idx;
        }
    }
    if (fs)
        FcFontSetDestroy(fs);
    FcObjectSetDestroy(os);
    FcPatternDestroy(p);
    return best;
}

static font *get_font(const char *name)
{
    for (int i = 0; i < G.n_fonts; i++)
        if (strcmp(G.fonts[i].name, name) == 0)
            return &G.fonts[i];
    if (G.n_fonts == MAX_FONTS)
        die("too many fonts", NULL);
    font *f = &G.fonts[G.n_fonts++];
    *f = (font){.name = strdup(name)};
    /* libharu names a non-Regular face "PSName,Style" */
    char base[256];
    snprintf(base, sizeof base, "%s", name);
    base[strcspn(base, ",")] = '\0';
    f->path = fc_lookup(base, &f->index);
    if (!f->path) { /* deckpress renames a clashing subset "Name-N" */
        char *dash = strrchr(base, '-');
        if (dash && dash[1] && strspn(dash + 1, "0123456789") == strlen(dash + 1)) {
            *dash = '\0';
            f->path = fc_lookup(base, &f->index);
        }
    }
    if (!f->path || FT_New_Face(G.ft, f->path, f->index, &f->face)) {
        fprintf(stderr, "glyphcheck: no source font for \"%s\"; pass --font %s=PATH[:INDEX]\n", name, name);
        f->missing = true;
    }
    return f;
}

/* ===== Comparison ===== */

typedef struct {
    font *f;
    uint32_t cp;
    double size, x, y;     /* points; origin on the baseline, y down */
    int grey;              /* text colour as mupdf's grey */
    int x0, y0, w, h;      /* FreeType ink box in page pixels */
    unsigned char *mask;   /* w*h, 1 = ink (coverage >= 50%) */
} pchar;

static struct { pchar *v; int n, cap; } C;

static bool near_ink(const unsigned char *m, int w, int h, int x, int y, int r)
{
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++) {
            int xx = x + dx, yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < w && yy < h && m[yy * w + xx])
                return true;
        }
    return false;
}

static int cmp_uc(const void *a, const void *b) { return *(const unsigned char *)a - *(const unsigned char *)b; }

/* FreeType's rendering of c from the source font, placed in page pixels. */
static bool render(pchar *c)
{
    double scale = G.dpi / 72.0, ox = c->x * scale, oy = c->y * scale;
    double ix = floor(ox), iy = floor(oy);
    FT_Face face = c->f->face;
    FT_Vector delta = {(FT_Pos)lround((ox - ix) * 64), (FT_Pos)-lround((oy - iy) * 64)};
    FT_Set_Char_Size(face, 0, (FT_F26Dot6)lround(c->size * scale * 64), 72, 72);
    FT_Set_Transform(face, NULL, &delta);
    if (FT_Load_Char(face, c->cp, FT_LOAD_RENDER | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP))
        return false;
    FT_Bitmap *bm = &face->glyph->bitmap;
    if (bm->rows == 0 || bm->width == 0)
        return false;
    c->w = (int)bm->width;
    c->h = (int)bm->rows;
    c->x0 = (int)ix + face->glyph->bitmap_left;
    c->y0 = (int)iy - face->glyph->bitmap_top;
    c->mask = calloc((size_t)(c->w * c->h), 1);
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w; x++)
            c->mask[y * c->w + x] = bm->buffer[y * bm->pitch + x] >= 128;
    return true;
}

static void keep_crop(const unsigned char *a, const unsigned char *b, int w, int h, uint32_t cp)
{
    char path[512];
    snprintf(path, sizeof path, "%s/p%d-U%04X.pgm", G.keep, G.page_no, (unsigned)cp);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fprintf(f, "P5 %d %d 255\n", 2 * w + 2, h); /* font | page */
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++)
            fputc(a[y * w + x] ? 0 : 255, f);
        fputc(128, f), fputc(128, f);
        for (int x = 0; x < w; x++)
            fputc(b[y * w + x] ? 0 : 255, f);
    }
    fclose(f);
}

/* The match in [0,1], or -1 when the glyph cannot be judged. 'expect' is
 * every glyph of the page drawn from the source fonts: a neighbour's ink
 * (overhangs, combining marks) must not count against this glyph. */
static double compare(const pchar *c, const unsigned char *expect, double *recall_out)
{
    if (c->size * G.dpi / 72.0 < 10)
        return -1; /* too few pixels to say anything */
    int r = 1 + (int)ceil(0.02 * c->size * G.dpi / 72.0); /* fake bold: up to ~0.035 em stroke */
    int w = c->w + 2 * r, h = c->h + 2 * r, x0 = c->x0 - r, y0 = c->y0 - r, W = G.page.w;
    if (x0 - 1 < 0 || y0 - 1 < 0 || x0 + w + 1 > W || y0 + h + 1 > G.page.h)
        return -1;
    /* Background: median of the ring just outside the crop. */
    unsigned char *ring = malloc((size_t)(2 * (w + h) + 8));
    int nr = 0;
    for (int x = x0 - 1; x <= x0 + w; x++) {
        ring[nr++] = G.page.px[(y0 - 1) * W + x];
        ring[nr++] = G.page.px[(y0 + h) * W + x];
    }
    for (int y = y0; y < y0 + h; y++) {
        ring[nr++] = G.page.px[y * W + x0 - 1];
        ring[nr++] = G.page.px[y * W + x0 + w];
    }
    qsort(ring, (size_t)nr, 1, cmp_uc);
    int bg = ring[nr / 2];
    free(ring);
    if (abs(bg - c->grey) < 48)
        return -1; /* too little contrast to judge */
    int mid = (bg + c->grey) / 2;
    unsigned char *A = calloc((size_t)(w * h), 1), *B = calloc((size_t)(w * h), 1),
                  *E = calloc((size_t)(w * h), 1);
    long na = 0, nb = 0, hit_a = 0, hit_b = 0;
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w; x++)
            if (c->mask[y * c->w + x])
                A[(y + r) * w + x + r] = 1, na++;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int v = G.page.px[(y0 + y) * W + x0 + x];
            if (c->grey < bg ? v < mid : v > mid)
                B[y * w + x] = 1, nb++;
            E[y * w + x] = expect[(y0 + y) * W + x0 + x];
        }
    double match = -1;
    if (na >= 12) {
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                if (A[y * w + x] && near_ink(B, w, h, x, y, 1))
                    hit_a++;
                if (B[y * w + x] && near_ink(E, w, h, x, y, r))
                    hit_b++;
            }
        double recall = (double)hit_a / (double)na, precision = nb ? (double)hit_b / (double)nb : 1;
        match = recall < precision ? recall : precision;
        *recall_out = recall;
        if (G.keep && match < G.min_match)
            keep_crop(A, B, w, h, c->cp);
    }
    free(A);
    free(B);
    free(E);
    return match;
}

static void utf8(uint32_t cp, char *out)
{
    if (cp < 0x80)
        out[0] = (char)cp, out[1] = 0;
    else if (cp < 0x800)
        out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), out[2] = 0;
    else if (cp < 0x10000)
        out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        out[2] = (char)(0x80 | (cp & 0x3F)), out[3] = 0;
    else
        out[0] = (char)(0xF0 | cp >> 18), out[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F)), out[4] = 0;
}

/* Render the page, draw every listed glyph from its source font, then judge
 * each glyph against the page. */
static void check_page(int no)
{
    if (C.n == 0)
        return;
    load_page(no);
    unsigned char *expect = calloc((size_t)G.page.w * (size_t)G.page.h, 1);
    for (int i = 0; i < C.n; i++) {
        pchar *c = &C.v[i];
        if (!render(c))
            continue;
        for (int y = 0; y < c->h; y++)
            for (int x = 0; x < c->w; x++) {
                int px = c->x0 + x, py = c->y0 + y;
                if (c->mask[y * c->w + x] && px >= 0 && py >= 0 && px < G.page.w && py < G.page.h)
                    expect[py * G.page.w + px] = 1;
            }
    }
    for (int i = 0; i < C.n; i++) {
        pchar *c = &C.v[i];
        double recall = 0, m = c->mask ? compare(c, expect, &recall) : -1;
        free(c->mask);
        if (m < 0) {
            G.skipped++;
            continue;
        }
        G.checked++;
        char u[8];
        utf8(c->cp, u);
        if (m < G.min_match) {
            /* Nothing of the glyph on the page: libharu lost it, or
             * something drawn later covers it. */
            const char *what = recall < 0.05 ? "is not drawn (blank, or covered by something drawn later)"
                                             : "renders like something else";
            if (G.bad++ < 20)
                printf("page %d: %s (U+%04X, %s %.1fpt at %.0f,%.0f) %s: match %.2f\n", no, u,
                       (unsigned)c->cp, c->f->name, c->size, c->x, c->y, what, m);
        } else if (G.verbose) {
            printf("page %d: %s (U+%04X) ok: match %.2f\n", no, u, (unsigned)c->cp, m);
        }
    }
    free(expect);
    C.n = 0;
}

static int grey_of(const char *hex)
{
    unsigned rgb = (unsigned)strtoul(hex + 1, NULL, 16);
    double r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
    return (int)lround(0.3 * r + 0.59 * g + 0.11 * b); /* mupdf's rgb -> grey */
}

static void add_char(const char *line, font *f, double size)
{
    char v[64], c[32], col[16] = "#000000";
    if (!attr(line, "x", v, sizeof v) || !attr(line, "c", c, sizeof c)) {
        G.skipped++;
        return;
    }
    double x = atof(v);
    double y = attr(line, "y", v, sizeof v) ? atof(v) : 0;
    attr(line, "color", col, sizeof col);
    uint32_t cp = decode_char(c);
    if (cp <= 0x20 || cp == 0x3000 || cp == 0xA0) /* blanks have no ink to compare */
        return;
    if (!f || f->missing) {
        G.skipped++;
        return;
    }
    C.v = grow(C.v, C.n, &C.cap, sizeof *C.v);
    C.v[C.n++] = (pchar){.f = f, .cp = cp, .size = size, .x = x, .y = y, .grey = grey_of(col)};
}

/* ===== --programs: the embedded font programs against their sources ===== */

typedef struct { int num; char *text; } pobj; /* one line of `mutool show -g FILE grep` */
static struct { pobj *v; int n, cap; } O;

static const char *obj_text(int num)
{
    for (int i = 0; i < O.n; i++)
        if (O.v[i].num == num)
            return O.v[i].text;
    return NULL;
}

/* "/Key 12 0 R" -> 12, else -1 */
static int obj_ref(const char *text, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "/%s ", key);
    const char *p = text ? strstr(text, pat) : NULL;
    int n, g;
    char r;
    if (!p || sscanf(p + strlen(pat), "%d %d %c", &n, &g, &r) != 3 || r != 'R')
        return -1;
    return n;
}

/* "/Key/Name" -> "Name" (into out), else false */
static bool obj_name(const char *text, const char *key, char *out, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "/%s/", key);
    const char *p = text ? strstr(text, pat) : NULL;
    if (!p)
        return false;
    p += strlen(pat);
    size_t n = strcspn(p, "/[]<>() \n");
    if (n >= cap)
        return false;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

static void load_objects(void)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "mutool show -g '%s' grep 2>/dev/null", G.pdf);
    FILE *in = popen(cmd, "r");
    char *line = NULL;
    size_t cap = 0;
    while (in && getline(&line, &cap, in) > 0) {
        int num;
        if (sscanf(line, "%d 0 obj", &num) != 1)
            continue;
        O.v = grow(O.v, O.n, &O.cap, sizeof *O.v);
        O.v[O.n++] = (pobj){num, strdup(line)};
    }
    free(line);
    if (!in || pclose(in) != 0 || O.n == 0)
        die("mutool could not list the objects of ", G.pdf);
}

/* The decoded bytes of stream object 'num'. */
static unsigned char *stream_bytes(int num, size_t *len)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "mutool show -b '%s' %d 2>/dev/null", G.pdf, num);
    FILE *in = popen(cmd, "r");
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0, got;
    while (in) {
        if (n == cap) {
            cap = cap ? 2 * cap : 65536;
            buf = realloc(buf, cap);
            if (!buf)
                die("out of memory", NULL);
        }
        if ((got = fread(buf + n, 1, cap - n, in)) == 0)
            break;
        n += got;
    }
    if (!in || pclose(in) != 0) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

typedef struct { unsigned code; uint32_t cp; } tu_entry;

/* bfchar entries of a ToUnicode CMap (deckpress writes only bfchar): code
 * and the first character of its UTF-16BE string. */
static int parse_tounicode(const char *cmap, tu_entry **out)
{
    int n = 0, cap = 0;
    *out = NULL;
    const char *p = strstr(cmap, "beginbfchar");
    while (p) {
        const char *end = strstr(p, "endbfchar");
        for (const char *q = strchr(p, '<'); q && (!end || q < end); q = strchr(q, '<')) {
            unsigned code, hi, lo = 0;
            char u[16] = "";
            if (sscanf(q, "<%x> <%15[0-9A-Fa-f]>", &code, u) != 2)
                break;
            char h4[5] = {u[0], u[1], u[2], u[3], 0};
            hi = (unsigned)strtoul(h4, NULL, 16);
            if (strlen(u) >= 8)
                lo = (unsigned)strtoul(u + 4, NULL, 16);
            uint32_t cp = hi >= 0xD800 && hi < 0xDC00 ? 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00) : hi;
            *out = grow(*out, n, &cap, sizeof **out);
            (*out)[n++] = (tu_entry){code, cp};
            q = strchr(q + 1, '\n');
            if (!q)
                break;
        }
        p = end ? strstr(end, "beginbfchar") : NULL;
    }
    return n;
}

/* Render glyph 'gid' of 'face' (FT_Load_Glyph: a CID in a bare CID-keyed
 * CFF) or, with gid < 0, the glyph of 'cp', at 'px' pixels an em. */
static bool raster(FT_Face face, int gid, uint32_t cp, int px, image *img, int *left, int *top)
{
    FT_Set_Pixel_Sizes(face, 0, (FT_UInt)px);
    FT_Set_Transform(face, NULL, NULL);
    FT_Int32 flags = FT_LOAD_RENDER | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP;
    if (gid >= 0 ? FT_Load_Glyph(face, (FT_UInt)gid, flags) : FT_Load_Char(face, cp, flags))
        return false;
    FT_Bitmap *bm = &face->glyph->bitmap;
    img->w = (int)bm->width;
    img->h = (int)bm->rows;
    img->px = malloc((size_t)(img->w * img->h) + 1);
    for (int y = 0; y < img->h; y++)
        memcpy(img->px + y * img->w, bm->buffer + y * bm->pitch, (size_t)img->w);
    *left = face->glyph->bitmap_left;
    *top = face->glyph->bitmap_top;
    return true;
}

/* The share of ink pixels on which the two renderings differ by more than a
 * quarter of full coverage (0: the same glyph). */
static double raster_diff(const image *a, int al, int at, const image *b, int bl, int bt)
{
    int x0 = al < bl ? al : bl, y0 = at > bt ? at : bt;
    int x1 = al + a->w > bl + b->w ? al + a->w : bl + b->w, y1 = at - a->h < bt - b->h ? at - a->h : bt - b->h;
    long ink = 0, off = 0;
    for (int y = y0; y > y1; y--)
        for (int x = x0; x < x1; x++) {
            int ax = x - al, ay = at - y, bx = x - bl, by = bt - y;
            int va = ax >= 0 && ay >= 0 && ax < a->w && ay < a->h ? a->px[ay * a->w + ax] : 0;
            int vb = bx >= 0 && by >= 0 && bx < b->w && by < b->h ? b->px[by * b->w + bx] : 0;
            if (va > 64 || vb > 64)
                ink++;
            if (abs(va - vb) > 64)
                off++;
        }
    return ink ? (double)off / (double)ink : (a->w * a->h == 0 && b->w * b->h == 0 ? 0 : 1);
}

/* The width of CID 'cid' from a CIDFont dict's /DW and /W (both forms:
 * c [w1 w2 ...] and c_first c_last w). */
static int cid_width(const char *cf, unsigned cid)
{
    const char *dw = strstr(cf, "/DW ");
    int width = dw ? atoi(dw + 4) : 1000;
    const char *p = strstr(cf, "/W[");
    if (!p)
        return width;
    p += 3;
    while (*p && *p != ']') {
        char *e;
        long c = strtol(p, &e, 10);
        if (e == p)
            break;
        p = e;
        while (*p == ' ')
            p++;
        if (*p == '[') {
            p++;
            for (long k = c;; k++) {
                while (*p == ' ')
                    p++;
                if (*p == ']' || !*p)
                    break;
                long w = strtol(p, &e, 10);
                if (e == p)
                    return width;
                if ((unsigned long)k == cid)
                    width = (int)w;
                p = e;
            }
            if (*p == ']')
                p++;
        } else {
            long last = strtol(p, &e, 10);
            p = e;
            long w = strtol(p, &e, 10);
            p = e;
            if (cid >= (unsigned long)c && cid <= (unsigned long)last)
                width = (int)w;
        }
        while (*p == ' ')
            p++;
    }
    return width;
}

static int check_programs(void)
{
    load_objects();
    int fonts = 0, missing = 0;
    for (int i = 0; i < O.n; i++) {
        const char *t0 = O.v[i].text;
        if (!strstr(t0, "/Subtype/Type0"))
            continue;
        const char *desc = strstr(t0, "/DescendantFonts[");
        int cid_num = desc ? atoi(desc + strlen("/DescendantFonts[")) : -1;
        const char *cf = obj_text(cid_num), *fd = obj_text(obj_ref(cf, "FontDescriptor"));
        int tu = obj_ref(t0, "ToUnicode");
        char sub[64] = "", fname[256] = "", ff3sub[64] = "";
        obj_name(cf, "Subtype", sub, sizeof sub);
        obj_name(fd, "FontName", fname, sizeof fname);
        bool cff = strcmp(sub, "CIDFontType0") == 0;
        int file = obj_ref(fd, cff ? "FontFile3" : "FontFile2");
        if (!cf || !fd || tu < 0 || file < 0 || (!cff && strcmp(sub, "CIDFontType2") != 0)) {
            printf("object %d: a Type0 font without CIDFont, descriptor, %s or ToUnicode\n",
                   O.v[i].num, cff ? "FontFile3" : "FontFile2");
            G.bad++;
            continue;
        }
        fonts++;
        const char *name = strchr(fname, '+') ? strchr(fname, '+') + 1 : fname;
        if (cff) {
            obj_name(obj_text(file), "Subtype", ff3sub, sizeof ff3sub);
            if (strcmp(ff3sub, "CIDFontType0C") != 0) {
                printf("%s: FontFile3 /Subtype /%s, not /CIDFontType0C\n", name, ff3sub);
                G.bad++;
            }
            if (strstr(cf, "/CIDToGIDMap")) {
                printf("%s: a CIDFontType0 with a /CIDToGIDMap (CFF selects glyphs by CID itself)\n", name);
                G.bad++;
            }
        }
        size_t plen = 0, tlen = 0, mlen = 0;
        unsigned char *prog = stream_bytes(file, &plen), *cmap = stream_bytes(tu, &tlen), *map = NULL;
        int map_num = obj_ref(cf, "CIDToGIDMap");
        if (map_num >= 0)
            map = stream_bytes(map_num, &mlen);
        if (!prog || !cmap || plen < 4) {
            printf("%s: cannot read its font program or ToUnicode\n", name);
            G.bad++;
            free(prog), free(cmap), free(map);
            continue;
        }
        if (cff && (memcmp(prog, "OTTO", 4) == 0 || prog[0] != 1)) {
            printf("%s: FontFile3 is not a bare CFF table (starts %02X %02X %02X %02X)\n", name, prog[0],
                   prog[1], prog[2], prog[3]);
            G.bad++;
        }
        font *src = get_font(name);
        FT_Face pf;
        if (src->missing || FT_New_Memory_Face(G.ft, prog, (FT_Long)plen, 0, &pf)) {
            if (!src->missing)
                printf("%s: FreeType cannot read the embedded program\n", name), G.bad++;
            missing += src->missing;
            free(prog), free(cmap), free(map);
            continue;
        }
        cmap = realloc(cmap, tlen + 1);
        cmap[tlen] = '\0';
        tu_entry *e;
        int n = parse_tounicode((const char *)cmap, &e), bad_here = 0;
        for (int k = 0; k < n; k++) {
            int gid = (int)e[k].code;
            if (map)
                gid = 2 * e[k].code + 1 < mlen ? map[2 * e[k].code] << 8 | map[2 * e[k].code + 1] : 0;
            image a = {0}, b = {0};
            int al, at, bl, bt;
            bool ok_src = raster(src->face, -1, e[k].cp, 48, &a, &al, &at);
            bool ok_prog = raster(pf, gid, 0, 48, &b, &bl, &bt);
            double diff = ok_src && ok_prog ? raster_diff(&a, al, at, &b, bl, bt) : 1;
            G.checked++;
            char u[8];
            utf8(e[k].cp, u);
            /* /W: the source's advance in thousandths of an em, as measured */
            FT_Fixed adv = 0;
            FT_UInt sg = FT_Get_Char_Index(src->face, e[k].cp);
            int want = sg && FT_Get_Advance(src->face, sg, FT_LOAD_NO_SCALE, &adv) == 0
                       ? (int)((unsigned long)adv * 1000 / src->face->units_per_EM) : -1;
            int have = cid_width(cf, e[k].code);
            if (want >= 0 && have != want) {
                if (bad_here++ < 10)
                    printf("%s: code %u (%s U+%04X): /W width %d, the source font's advance %d\n", name,
                           e[k].code, u, (unsigned)e[k].cp, have, want);
                G.bad++;
                free(a.px), free(b.px);
                continue;
            }
            if (diff > 0.02) {
                if (bad_here++ < 10)
                    printf("%s: code %u (%s U+%04X) %s: %.0f%% of its pixels differ from the source font's\n",
                           name, e[k].code, u, (unsigned)e[k].cp,
                           ok_prog ? "draws another glyph" : "is not in the program", 100 * diff);
                G.bad++;
            } else if (G.verbose) {
                printf("%s: code %u (%s U+%04X) ok\n", name, e[k].code, u, (unsigned)e[k].cp);
            }
            free(a.px), free(b.px);
        }
        if (G.verbose || bad_here)
            printf("%s (%s): %d codes, %d bad\n", name, cff ? "CIDFontType0C" : "TrueType", n, bad_here);
        free(e);
        FT_Done_Face(pf);
        free(prog), free(cmap), free(map);
    }
    printf("glyphcheck: %s: %d embedded fonts, %ld glyphs compared with their sources, %ld bad%s\n", G.pdf,
           fonts, G.checked, G.bad, missing ? " (some fonts unknown)" : "");
    return G.bad ? 1 : missing || G.checked == 0 ? 2 : 0;
}

/* ===== Driver ===== */

static void usage(void)
{
    fputs("usage: glyphcheck [-r DPI] [-t MIN_MATCH] [--font NAME=PATH[:INDEX]]... [--fontdir DIR]\n"
          "                  [--keep DIR] [-v] FILE.pdf\n"
          "       glyphcheck --programs [--font NAME=PATH[:INDEX]]... [--fontdir DIR] [-v] FILE.pdf\n", stderr);
    exit(2);
}

static void add_font_arg(const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || G.n_fonts == MAX_FONTS)
        usage();
    font *f = &G.fonts[G.n_fonts++];
    *f = (font){.name = strndup(arg, (size_t)(eq - arg)), .path = strdup(eq + 1)};
    char *colon = strrchr(f->path, ':');
    if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        f->index = atoi(colon + 1);
        *colon = '\0';
    }
    if (FT_New_Face(G.ft, f->path, f->index, &f->face))
        die("cannot open font ", f->path);
}

int main(int argc, char **argv)
{
    bool programs = false;
    if (FT_Init_FreeType(&G.ft) || !(G.fc = FcInitLoadConfigAndFonts()))
        die("cannot start FreeType/fontconfig", NULL);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool more = i + 1 < argc;
        if (!strcmp(a, "-r") && more) G.dpi = atoi(argv[++i]);
        else if (!strcmp(a, "-t") && more) G.min_match = atof(argv[++i]);
        else if (!strcmp(a, "--font") && more) add_font_arg(argv[++i]);
        else if (!strcmp(a, "--fontdir") && more) FcConfigAppFontAddDir(G.fc, (const FcChar8 *)argv[++i]);
        else if (!strcmp(a, "--keep") && more) G.keep = argv[++i];
        else if (!strcmp(a, "-v")) G.verbose = true;
        else if (!strcmp(a, "--programs")) programs = true;
        else if (a[0] == '-' || G.pdf) usage();
        else G.pdf = a;
    }
    if (!G.pdf || G.dpi < 36)
        usage();
    if (programs)
        return check_programs();
    const char *t = getenv("TMPDIR");
    snprintf(G.tmp, sizeof G.tmp, "%s/glyphcheck-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(G.tmp))
        die("cannot create a temporary folder", NULL);
    /* preserve-ligatures: otherwise mupdf splits ﬁ into f + i, which the
     * page does not show. */
    char cmd[1024], text[300];
    snprintf(text, sizeof text, "%s/text.stext", G.tmp);
    snprintf(cmd, sizeof cmd, "mutool convert -F stext -O preserve-ligatures -o '%s' '%s' >/dev/null 2>&1",
             text, G.pdf);
    int rc = system(cmd);
    FILE *in = rc == 0 ? fopen(text, "r") : NULL;
    char *line = NULL, v[256];
    size_t cap = 0;
    font *cur = NULL;
    double size = 0;
    bool horizontal = true;
    int pages = 0, missing_fonts = 0;
    while (in && getline(&line, &cap, in) > 0) {
        if (strstr(line, "<page ")) {
            check_page(pages);
            pages++;
        } else if (strstr(line, "<line ")) {
            /* Only horizontal text is compared. */
            horizontal = !attr(line, "dir", v, sizeof v) || strcmp(v, "1 0") == 0;
        } else if (strstr(line, "<font ") && attr(line, "name", v, sizeof v)) {
            cur = get_font(v);
            size = attr(line, "size", v, sizeof v) ? atof(v) : 0;
        } else if (strstr(line, "<char ")) {
            if (horizontal)
                add_char(line, cur, size);
            else
                G.skipped++;
        }
    }
    check_page(pages);
    free(C.v);
    if (in)
        fclose(in);
    for (int i = 0; i < G.n_fonts; i++)
        missing_fonts += G.fonts[i].missing;
    free(line);
    free(G.page.px);
    char rm[600];
    snprintf(rm, sizeof rm, "rm -rf '%s'", G.tmp);
    if (system(rm) != 0)
        fprintf(stderr, "glyphcheck: could not remove %s\n", G.tmp);
    if (rc != 0 || pages == 0)
        die("mutool could not read ", G.pdf);
    printf("glyphcheck: %s: %ld glyphs checked on %d pages, %ld bad, %ld skipped%s\n", G.pdf, G.checked,
           pages, G.bad, G.skipped, missing_fonts ? " (some fonts unknown)" : "");
    for (int i = 0; i < G.n_fonts; i++) {
        if (G.fonts[i].face)
            FT_Done_Face(G.fonts[i].face);
        free(G.fonts[i].name);
        free(G.fonts[i].path);
    }
    FcConfigDestroy(G.fc);
    FT_Done_FreeType(G.ft);
    return G.bad ? 1 : missing_fonts || G.checked == 0 ? 2 : 0;
}
