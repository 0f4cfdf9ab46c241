/* pgmdiff: how far two renderings of one page disagree. Reads two binary
 * PGMs (P5, 8 bit) of the same page from different renderers (poppler,
 * MuPDF, Ghostscript), crops them to their common size (renderers round the
 * pixel size differently) and counts the pixels of either that have no
 * counterpart within one pixel in the other (a difference of more than
 * 'tol' grey levels: anti-aliasing and a pixel of placement do not count,
 * a missing or different glyph does). Prints
 *     pgmdiff: N of M content pixels differ (P%)
 * where content pixels are those unlike the page's commonest grey (the
 * background), and exits 1 when P exceeds the limit (-l PERCENT, default
 * 1), 2 on unreadable input.
 * Usage: pgmdiff [-l PERCENT] [-t TOL] A.pgm B.pgm */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int w, h; unsigned char *px; } image;

/* The next number of a PNM header, skipping blanks and # comments. */
static int header_int(FILE *f)
{
    int c, v = -1;
    while ((c = fgetc(f)) != EOF) {
        if (c == '#')
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
        else if (c >= '0' && c <= '9') {
            v = c - '0';
            while ((c = fgetc(f)) >= '0' && c <= '9')
                v = 10 * v + c - '0';
            return v; /* the one blank after the last number is consumed */
        }
    }
    return v;
}

static int read_pgm(const char *path, image *im)
{
    FILE *f = fopen(path, "rb");
    int ok = f && fgetc(f) == 'P' && fgetc(f) == '5';
    if (ok) {
        im->w = header_int(f);
        im->h = header_int(f);
        ok = header_int(f) == 255 && im->w > 0 && im->h > 0;
    }
    if (!ok) {
        fprintf(stderr, "pgmdiff: %s is not an 8-bit binary PGM\n", path);
        if (f)
            fclose(f);
        return 0;
    }
    size_t n = (size_t)im->w * (size_t)im->h;
    im->px = malloc(n);
    ok = im->px && fread(im->px, 1, n, f) == n;
    fclose(f);
    if (!ok)
        fprintf(stderr, "pgmdiff: %s is short\n", path);
    return ok;
}

/* Is there a pixel of 'o' within one pixel of (x, y) within 'tol' of v? */
static int matched(const image *o, int w, int h, int x, int y, int v, int tol)
{
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx, yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < w && yy < h && abs(o->px[yy * o->w + xx] - v) <= tol)
                return 1;
        }
    return 0;
}

int main(int argc, char **argv)
{
    double limit = 1.0;
    int tol = 96, i = 1;
    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        if (!strcmp(argv[i], "-l"))
            limit = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "-t"))
            tol = atoi(argv[i + 1]);
        else
            break;
    }
    if (argc - i != 2) {
        fputs("usage: pgmdiff [-l PERCENT] [-t TOL] A.pgm B.pgm\n", stderr);
        return 2;
    }
    image a = {0}, b = {0};
    if (!read_pgm(argv[i], &a) || !read_pgm(argv[i + 1], &b))
        return 2;
    int w = a.w < b.w ? a.w : b.w, h = a.h < b.h ? a.h : b.h;
    if (abs(a.w - b.w) > 2 || abs(a.h - b.h) > 2) {
        printf("pgmdiff: sizes differ: %dx%d and %dx%d\n", a.w, a.h, b.w, b.h);
        return 1;
    }
    long hist[256] = {0};
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            hist[a.px[y * a.w + x]]++;
    int bg = 0;
    for (int v = 1; v < 256; v++)
        if (hist[v] > hist[bg])
            bg = v;
    long content = 0, off = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int va = a.px[y * a.w + x], vb = b.px[y * b.w + x];
            if (abs(va - bg) > 48 || abs(vb - bg) > 48)
                content++;
            if (!matched(&b, w, h, x, y, va, tol) || !matched(&a, w, h, x, y, vb, tol))
                off++;
        }
    double pct = content ? 100.0 * (double)off / (double)content : 0;
    printf("pgmdiff: %ld of %ld content pixels differ (%.2f%%)\n", off, content, pct);
    free(a.px);
    free(b.px);
    return pct > limit;
}
