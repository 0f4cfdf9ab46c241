/* pdf_content.c: display-list ops -> PDF content stream operators (see
 * pdf_content.h). Coordinates are rounded to 0.01 pt and colours to 0.001;
 * graphics and text state (colour, font, Tc, Tr, line width and join) are
 * written only when they change, and consecutive text runs share one BT/ET
 * with relative Td moves, so a slide is a few hundred bytes of operators. */
#include "pdf_content.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "image.h"
#include "utf8.h"

/* State as written, in the stream's own rounded units, so that "changed"
 * means "would print differently". UNSET never matches a real value. */
#define UNSET LLONG_MIN
#define MC_NONE (-2)

typedef struct {
    long long fill[3], stroke[3];   /* colour x 1000 */
    long long line_w, join;         /* line width x 100; 0 miter, 1 round */
    long long face, size, tc, tr;   /* Tf face id and size x 100, Tc x 1000, Tr mode */
} gstate;

struct dp_content {
    dp_bytes out;           /* the stream so far */
    const dp_cid_map *maps;
    int n_faces;
    const struct dp_images *images;
    gstate gs;
    gstate saved[8];        /* at q: restored at Q (nesting is at most 2 here) */
    int depth;
    bool in_text;
    int mc;                 /* open marked content: MC_NONE, -1 Artifact, else its MCID */
    bool tagged;            /* drawing with marks: spaces between words are written */
    long long tx, ty;       /* start of the current text line (Td origin) x 100 */
    float page_h;           /* height of the page being drawn: y flips */
};

static void put(dp_content *c, const char *s, size_t n) { dp_bytes_put(&c->out, s, n); }

static void puts_(dp_content *c, const char *s) { put(c, s, strlen(s)); }

/* A fixed-point number 'v' (in units of 1/scale, scale 100 or 1000) and a
 * space: "12.5 ", "-3 ", "0.25 ". */
static void put_fixed(dp_content *c, long long v, int scale)
{
    char tmp[32], *e = tmp + sizeof tmp, *p = e;
    bool neg = v < 0;
    unsigned long long n = neg ? 0ull - (unsigned long long)v : (unsigned long long)v;
    unsigned long long ip = n / (unsigned)scale, fp = n % (unsigned)scale;
    *--p = ' ';
    if (fp) {
        int digits = scale == 1000 ? 3 : 2;
        char f[4];
        for (int i = digits - 1; i >= 0; i--, fp /= 10)
            f[i] = (char)('0' + fp % 10);
        int k = digits;
        while (f[k - 1] == '0')
            k--;
        p -= k;
        memcpy(p, f, (size_t)k);
        *--p = '.';
    }
    do
        *--p = (char)('0' + ip % 10);
    while ((ip /= 10) > 0);
    if (neg)
        *--p = '-';
    put(c, p, (size_t)(e - p));
}

static long long fix(float v, int scale) { return llround((double)v * scale); }
static void put_pt(dp_content *c, float v) { put_fixed(c, fix(v, 100), 100); }

/* ===== State ===== */

static void end_text(dp_content *c)
{
    if (c->in_text) {
        puts_(c, "ET\n");
        c->in_text = false;
    }
}

/* What a content stream starts with (ISO 32000-1 8.4, 9.3): black, line
 * width 1, miter joins, no character spacing, fill mode; no font. */
static void reset_state(gstate *g)
{
    for (int i = 0; i < 3; i++)
        g->fill[i] = g->stroke[i] = 0;
    g->line_w = 100;
    g->join = g->tc = g->tr = 0;
    g->face = g->size = UNSET;
}

static void save(dp_content *c)
{
    end_text(c);
    if (c->depth < (int)(sizeof c->saved / sizeof c->saved[0]))
        c->saved[c->depth] = c->gs;
    c->depth++;
    puts_(c, "q\n");
}

static void restore(dp_content *c)
{
    end_text(c);
    c->depth--;
    if (c->depth < (int)(sizeof c->saved / sizeof c->saved[0]))
        c->gs = c->saved[c->depth];
    else
        reset_state(&c->gs);
    puts_(c, "Q\n");
}

static void set_color(dp_content *c, long long *cur, dp_rgb v, const char *op)
{
    long long k[3] = {fix(v.r, 1000), fix(v.g, 1000), fix(v.b, 1000)};
    if (k[0] == cur[0] && k[1] == cur[1] && k[2] == cur[2])
        return;
    for (int i = 0; i < 3; i++) {
        cur[i] = k[i];
        put_fixed(c, k[i], 1000);
    }
    puts_(c, op);
}

static void set_line(dp_content *c, float width, int join)
{
    long long w = fix(width, 100);
    if (w != c->gs.line_w) {
        c->gs.line_w = w;
        put_fixed(c, w, 100);
        puts_(c, "w\n");
    }
    if (join >= 0 && join != c->gs.join) {
        c->gs.join = join;
        puts_(c, join ? "1 j\n" : "0 j\n");
    }
}

/* ===== Text ===== */

static uint16_t cid_of(const dp_cid_map *m, uint32_t cp)
{
    int lo = 0, hi = m->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (m->cps[mid] == cp)
            return m->cids[mid];
        if (m->cps[mid] < cp)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

/* One CID of a literal string, its bytes escaped: '(' ')' '\\' and line
 * ends (a raw CR or CR LF inside a string reads back as LF). */
static char *put_cid(char *o, uint16_t cid)
{
    unsigned char b[2] = {(unsigned char)(cid >> 8), (unsigned char)cid};
    for (int i = 0; i < 2; i++) {
        switch (b[i]) {
        case '(': case ')': case '\\': *o++ = '\\'; *o++ = (char)b[i]; break;
        case '\r': *o++ = '\\'; *o++ = 'r'; break;
        case '\n': *o++ = '\\'; *o++ = 'n'; break;
        default: *o++ = (char)b[i];
        }
    }
    return o;
}

/* A literal string of 2-byte CIDs. 'space': a space after the text, when
 * the font has one (tagged PDF: words stay apart in extraction; never
 * .notdef, PDF/A-2 6.2.11.8). */
static void put_cids(dp_content *c, const dp_cid_map *m, const char *s, int len, bool space)
{
    dp_bytes_reserve(&c->out, 2 + 4 * (size_t)len + 4 + 2);
    char *start = (char *)c->out.b, *o = start + c->out.n;
    *o++ = '(';
    size_t k = 0;
    while (k < (size_t)len) {
        uint32_t cp = dp_utf8_next(s, (size_t)len, &k);
        if (cp != DP_UTF8_BAD)
            o = put_cid(o, cid_of(m, cp));
    }
    uint16_t sp = space ? cid_of(m, ' ') : 0;
    if (sp)
        o = put_cid(o, sp);
    *o++ = ')';
    c->out.n = (size_t)(o - start);
}

static void draw_text(dp_content *c, const dp_op *op)
{
    int f = op->as.text.face;
    if (!op->as.text.utf8 || op->as.text.len <= 0 || f < 0 || f >= c->n_faces)
        return;
    float stroke = op->as.text.stroke_pt;
    /* Fake bold (STACK.md): fill then stroke in the fill colour with round
     * joins. Colour and line state are allowed inside BT/ET. */
    if (stroke > 0) {
        set_color(c, c->gs.stroke, op->as.text.color, "RG\n");
        set_line(c, stroke, 1);
    }
    if (!c->in_text) {
        puts_(c, "BT\n");
        c->in_text = true;
        c->tx = c->ty = 0;
    }
    set_color(c, c->gs.fill, op->as.text.color, "rg\n");
    long long size = fix(op->as.text.size_pt, 100);
    if (f != c->gs.face || size != c->gs.size) {
        c->gs.face = f;
        c->gs.size = size;
        char name[24];
        int n = snprintf(name, sizeof name, "/F%d ", f);
        put(c, name, (size_t)n);
        put_fixed(c, size, 100);
        puts_(c, "Tf\n");
    }
    long long tr = stroke > 0 ? 2 : 0;
    if (tr != c->gs.tr) {
        c->gs.tr = tr;
        puts_(c, tr ? "2 Tr\n" : "0 Tr\n");
    }
    /* Tc, never Tw: Tw does nothing for 2-byte codes (STACK.md). */
    /* to 0.001 pt: it adds up along the line */
    long long tc = fix(op->as.text.char_space_pt, 1000);
    if (tc != c->gs.tc) {
        c->gs.tc = tc;
        put_fixed(c, tc, 1000);
        puts_(c, "Tc\n");
    }
    long long x = fix(op->x_pt, 100), y = fix(c->page_h - op->y_pt, 100);
    put_fixed(c, x - c->tx, 100);
    put_fixed(c, y - c->ty, 100);
    puts_(c, "Td\n");
    c->tx = x;
    c->ty = y;
    put_cids(c, &c->maps[f], op->as.text.utf8, op->as.text.len, c->tagged && op->as.text.space_after);
    puts_(c, "Tj\n");
}

/* ===== Shapes and images ===== */

static void draw_rect(dp_content *c, const dp_op *op)
{
    bool fill = op->as.rect.has_fill, stroke = op->as.rect.has_stroke && op->as.rect.line_pt > 0;
    if (!fill && !stroke)
        return;
    end_text(c);
    if (fill)
        set_color(c, c->gs.fill, op->as.rect.fill, "rg\n");
    if (stroke) {
        set_color(c, c->gs.stroke, op->as.rect.stroke, "RG\n");
        set_line(c, op->as.rect.line_pt, 0);
    }
    put_pt(c, op->x_pt);
    put_pt(c, c->page_h - op->y_pt - op->as.rect.h_pt);
    put_pt(c, op->as.rect.w_pt);
    put_pt(c, op->as.rect.h_pt);
    puts_(c, fill && stroke ? "re B\n" : fill ? "re f\n" : "re S\n");
}

static void draw_line(dp_content *c, const dp_op *op)
{
    end_text(c);
    set_color(c, c->gs.stroke, op->as.line.color, "RG\n");
    set_line(c, op->as.line.line_pt, -1);
    put_pt(c, op->x_pt);
    put_pt(c, c->page_h - op->y_pt);
    puts_(c, "m ");
    put_pt(c, op->as.line.x2_pt);
    put_pt(c, c->page_h - op->as.line.y2_pt);
    puts_(c, "l S\n");
}

static void put_matrix(dp_content *c, const float m[6])
{
    for (int i = 0; i < 6; i++)
        put_pt(c, m[i]);
    puts_(c, "cm\n");
}

/* The image fills its w x h box; its Exif orientation (1-8) turns or
 * mirrors it into place: the unit square's top-left is the stored first pixel. */
static void draw_image(dp_content *c, const dp_op *op, int orientation)
{
    float W = op->as.image.w_pt, H = op->as.image.h_pt, x = op->x_pt, y = c->page_h - op->y_pt - H;
    const float m[9][6] = {
        {W, 0, 0, H, x, y}, {W, 0, 0, H, x, y}, {-W, 0, 0, H, x + W, y}, {-W, 0, 0, -H, x + W, y + H},
        {W, 0, 0, -H, x, y + H}, {0, -H, -W, 0, x + W, y + H}, {0, -H, W, 0, x, y + H},
        {0, H, W, 0, x, y}, {0, H, -W, 0, x + W, y},
    };
    if (orientation < 0 || orientation > 8)
        orientation = 1;
    save(c);
    put_matrix(c, m[orientation]);
    char name[32];
    snprintf(name, sizeof name, "/I%d Do\n", op->as.image.image);
    puts_(c, name);
    restore(c);
}

/* ===== Marked content ===== */

/* Sequences never cross a text object's BT/ET (ISO 32000-1 14.6). */
static void end_mc(dp_content *c)
{
    if (c->mc != MC_NONE) {
        end_text(c);
        puts_(c, "EMC\n");
        c->mc = MC_NONE;
    }
}

static void begin_mc(dp_content *c, const dp_mark *m)
{
    if (m->mcid == c->mc)
        return;
    end_mc(c);
    end_text(c);
    if (m->mcid < 0) {
        puts_(c, "/Artifact BMC\n");
    } else {
        char buf[64];
        int n = snprintf(buf, sizeof buf, "/%s <</MCID %d>> BDC\n", m->type ? m->type : "Span", m->mcid);
        put(c, buf, (size_t)n);
    }
    c->mc = m->mcid;
}

/* ===== Public ===== */

dp_content *dp_content_new(const dp_cid_map *maps, int n_faces, const struct dp_images *images)
{
    dp_content *c = dp_xrealloc(NULL, sizeof *c);
    memset(c, 0, sizeof *c);
    c->maps = maps;
    c->n_faces = n_faces;
    c->images = images;
    dp_content_reset(c);
    return c;
}

void dp_content_free(dp_content *c)
{
    if (c) {
        free(c->out.b);
        free(c);
    }
}

void dp_content_reset(dp_content *c)
{
    c->out.n = 0;
    c->depth = 0;
    c->in_text = false;
    c->mc = MC_NONE;
    reset_state(&c->gs);
}

static void draw_ops(dp_content *c, const dp_page *p, const dp_mark *marks)
{
    for (int i = 0; i < p->n_ops; i++) {
        const dp_op *op = &p->ops[i];
        if (marks && op->kind != DP_OP_LINK)
            begin_mc(c, &marks[i]);
        switch (op->kind) {
        case DP_OP_TEXT: draw_text(c, op); break;
        case DP_OP_RECT: draw_rect(c, op); break;
        case DP_OP_LINE: draw_line(c, op); break;
        case DP_OP_IMAGE: {
            const dp_image *m = dp_images_get(c->images, op->as.image.image);
            if (m)
                draw_image(c, op, m->orientation);
            break;
        }
        case DP_OP_LINK: break;
        }
    }
}

void dp_content_page(dp_content *c, const dp_page *p, float sheet_h, const dp_mark *marks)
{
    c->page_h = sheet_h;
    c->tagged = marks != NULL;
    draw_ops(c, p, marks);
    end_text(c);
    end_mc(c);
}

void dp_content_place(dp_content *c, const dp_page *p, float scale, float dx, float dy, float sheet_h,
                      const dp_mark *marks)
{
    /* Our y runs down from the top: page point (x, y) lands at sheet
     * (dx + s*x, H - dy - s*y), which this matrix does for y_pdf = h - y. */
    c->tagged = marks != NULL;
    save(c);
    float m[6] = {scale, 0, 0, scale, dx, sheet_h - dy - scale * p->h_pt};
    put_matrix(c, m);
    if (marks)
        begin_mc(c, &(dp_mark){-1, -1, NULL});
    puts_(c, "0 0 ");
    put_pt(c, p->w_pt);
    put_pt(c, p->h_pt);
    puts_(c, "re W n\n");
    c->page_h = p->h_pt;
    draw_ops(c, p, marks);
    end_mc(c);
    restore(c);
}

const char *dp_content_data(const dp_content *c, size_t *len)
{
    *len = c->out.n;
    return (const char *)c->out.b;
}
