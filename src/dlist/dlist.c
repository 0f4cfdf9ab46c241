/* dlist.c: display-list builders and the deterministic text dump (see
 * dlist.h). Arrays grow in the arena by doubling, so a dp_page or dp_op
 * pointer stays valid only until the next add to the same array; builders
 * return fresh pointers for that reason. */
#include "dlist.h"
#include "utf8.h"

#include <math.h>
#include <string.h>

dp_dlist *dp_dlist_new(dp_arena *a)
{
    dp_dlist *dl = dp_arena_alloc(a, sizeof *dl);
    dl->epoch = -1;
    return dl;
}

static int grown(int cap) { return cap ? 2 * cap : 16; }

dp_page *dp_dlist_add_page(dp_arena *a, dp_dlist *dl, float w_pt, float h_pt)
{
    if (dl->n_pages == dl->cap_pages) {
        int cap = grown(dl->cap_pages);
        dl->pages = dp_arena_grow(a, dl->pages, (size_t)dl->n_pages, (size_t)cap, sizeof *dl->pages);
        dl->cap_pages = cap;
    }
    dp_page *p = &dl->pages[dl->n_pages++];
    memset(p, 0, sizeof *p);
    p->w_pt = w_pt;
    p->h_pt = h_pt;
    return p;
}

dp_op *dp_page_add_op(dp_arena *a, dp_page *p, dp_op_kind kind)
{
    if (p->n_ops == p->cap_ops) {
        int cap = grown(p->cap_ops);
        p->ops = dp_arena_grow(a, p->ops, (size_t)p->n_ops, (size_t)cap, sizeof *p->ops);
        p->cap_ops = cap;
    }
    dp_op *op = &p->ops[p->n_ops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->tag = p->tag;
    return op;
}

void dp_page_tag(dp_page *p, dp_tag t) { p->tag = t; }

void dp_page_group(dp_arena *a, dp_page *p, int first, const char *what)
{
    if (first >= p->n_ops)
        return;
    if (p->n_groups == p->cap_groups) {
        int cap = grown(p->cap_groups);
        p->groups = dp_arena_grow(a, p->groups, (size_t)p->n_groups, (size_t)cap, sizeof *p->groups);
        p->cap_groups = cap;
    }
    p->groups[p->n_groups++] = (dp_op_group){first, p->n_ops - first, what};
}
dp_tag dp_page_untag(dp_page *p)
{
    dp_tag t = p->tag;
    p->tag = (dp_tag){0};
    return t;
}

dp_tag dp_tag_in(dp_role role, dp_part part) { return (dp_tag){.role = (unsigned char)role, .part = (unsigned char)part}; }

dp_tag dp_tag_section(dp_role role, int sect)
{
    return (dp_tag){.role = (unsigned char)role, .part = DP_PART_SECTION, .sect = sect};
}

dp_tag dp_tag_item(dp_role role, int sect, int item)
{
    return (dp_tag){.role = (unsigned char)role, .part = DP_PART_SECTION, .sect = sect, .item = item};
}

dp_tag dp_tag_repeat(dp_tag t, dp_repeat how)
{
    t.repeat = (unsigned char)how;
    return t;
}

bool dp_role_rich(int role)
{
    return role == DP_ROLE_ANSWER || role == DP_ROLE_ANALYSIS || role == DP_ROLE_BODY;
}

char *dp_clip(dp_arena *a, const char *s, int max_chars)
{
    size_t len = strlen(s), i = dp_utf8_prefix(s, len, max_chars);
    if (i >= len)
        return dp_arena_strdup(a, s);
    return dp_arena_printf(a, "%.*s…", (int)i, s);
}

void dp_dlist_add_outline(dp_arena *a, dp_dlist *dl, int level, const char *title, int page)
{
    if (dl->n_outline == dl->cap_outline) {
        int cap = grown(dl->cap_outline);
        dl->outline = dp_arena_grow(a, dl->outline, (size_t)dl->n_outline, (size_t)cap,
                                    sizeof *dl->outline);
        dl->cap_outline = cap;
    }
    dl->outline[dl->n_outline++] = (dp_outline){level, dp_clip(a, title ? title : "", DP_MAX_INFO_CHARS), page};
}

/* A rectangle op; the builders below fill or stroke it. */
static dp_op *rect_op(dp_arena *a, dp_page *p, float x, float y, float w, float h)
{
    dp_op *op = dp_page_add_op(a, p, DP_OP_RECT);
    op->x_pt = x;
    op->y_pt = y;
    op->as.rect.w_pt = w;
    op->as.rect.h_pt = h;
    return op;
}

void dp_page_rect(dp_arena *a, dp_page *p, float x, float y, float w, float h, dp_rgb fill)
{
    dp_op *op = rect_op(a, p, x, y, w, h);
    op->as.rect.fill = fill;
    op->as.rect.has_fill = true;
}

void dp_page_frame(dp_arena *a, dp_page *p, float x, float y, float w, float h, float line_pt,
                   dp_rgb stroke)
{
    dp_op *op = rect_op(a, p, x, y, w, h);
    op->as.rect.line_pt = line_pt;
    op->as.rect.stroke = stroke;
    op->as.rect.has_stroke = true;
}

void dp_page_line(dp_arena *a, dp_page *p, float x1, float y1, float x2, float y2, float line_pt,
                  dp_rgb c)
{
    dp_op *op = dp_page_add_op(a, p, DP_OP_LINE);
    op->x_pt = x1;
    op->y_pt = y1;
    op->as.line.x2_pt = x2;
    op->as.line.y2_pt = y2;
    op->as.line.line_pt = line_pt;
    op->as.line.color = c;
}

/* ===== Dump ===== */

/* %.2f, but never "-0.00": a value that rounds to zero prints as zero. */
static void num(FILE *out, float v)
{
    fprintf(out, "%.2f", fabsf(v) < 0.005f ? 0.0 : (double)v);
}

/* Page sizes read better without decimals when whole: "960x540". */
static void size_num(FILE *out, float v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.2f", (double)v);
    char *dot = strchr(buf, '.');
    if (dot && strcmp(dot, ".00") == 0)
        *dot = '\0';
    fputs(buf, out);
}

static void xy(FILE *out, float x, float y)
{
    num(out, x);
    fputc(',', out);
    num(out, y);
}

static void hex(FILE *out, dp_rgb c)
{
    float v[3] = {c.r, c.g, c.b};
    fputc('#', out);
    for (int i = 0; i < 3; i++) {
        float x = v[i] < 0 ? 0 : v[i] > 1 ? 1 : v[i];
        fprintf(out, "%02x", (unsigned)lroundf(x * 255));
    }
}

static void color(FILE *out, const char *key, dp_rgb c)
{
    fprintf(out, " %s=", key);
    hex(out, c);
}

static void quoted(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void str_field(FILE *out, const char *key, const char *s)
{
    if (!s)
        return;
    fprintf(out, " %s=", key);
    quoted(out, s, strlen(s));
}

static void loc(FILE *out, dp_loc at)
{
    if (at.line > 0)
        fprintf(out, " @%s:%d:%d", at.file ? at.file : "?", at.line, at.col);
}

static bool is_black(dp_rgb c) { return c.r == 0 && c.g == 0 && c.b == 0; }

static void dump_op(FILE *out, const dp_op *op)
{
    fputs("  ", out);
    switch (op->kind) {
    case DP_OP_TEXT:
        fputs("text ", out);
        xy(out, op->x_pt, op->y_pt);
        fprintf(out, " face=%d size=", op->as.text.face);
        num(out, op->as.text.size_pt);
        fputs(" w=", out);
        num(out, op->as.text.width_pt);
        if (op->as.text.char_space_pt != 0) {
            fputs(" cs=", out);
            num(out, op->as.text.char_space_pt);
        }
        if (op->as.text.stroke_pt > 0) {
            fputs(" stroke=", out);
            num(out, op->as.text.stroke_pt);
        }
        if (!is_black(op->as.text.color))
            color(out, "color", op->as.text.color);
        fputc(' ', out);
        quoted(out, op->as.text.utf8 ? op->as.text.utf8 : "", op->as.text.utf8 ? (size_t)op->as.text.len : 0);
        break;
    case DP_OP_RECT:
        fputs("rect ", out);
        xy(out, op->x_pt, op->y_pt);
        fputc(' ', out);
        num(out, op->as.rect.w_pt);
        fputc('x', out);
        num(out, op->as.rect.h_pt);
        if (op->as.rect.has_fill)
            color(out, "fill", op->as.rect.fill);
        if (op->as.rect.has_stroke) {
            color(out, "stroke", op->as.rect.stroke);
            fputs(" line=", out);
            num(out, op->as.rect.line_pt);
        }
        break;
    case DP_OP_LINE:
        fputs("line ", out);
        xy(out, op->x_pt, op->y_pt);
        fputc(' ', out);
        xy(out, op->as.line.x2_pt, op->as.line.y2_pt);
        fputs(" line=", out);
        num(out, op->as.line.line_pt);
        color(out, "color", op->as.line.color);
        break;
    case DP_OP_IMAGE:
        fputs("image ", out);
        xy(out, op->x_pt, op->y_pt);
        fputc(' ', out);
        num(out, op->as.image.w_pt);
        fputc('x', out);
        num(out, op->as.image.h_pt);
        fprintf(out, " image=%d", op->as.image.image);
        break;
    case DP_OP_LINK:
        fputs("link ", out);
        xy(out, op->x_pt, op->y_pt);
        fputc(' ', out);
        num(out, op->as.link.w_pt);
        fputc('x', out);
        num(out, op->as.link.h_pt);
        if (op->as.link.uri)
            str_field(out, "uri", op->as.link.uri);
        else
            fprintf(out, " page=%d", op->as.link.dest_page + 1);
        break;
    default:
        fprintf(out, "op kind=%d", (int)op->kind);
    }
    loc(out, op->src);
    fputc('\n', out);
}

/* A decoration as one line: what it is, the box its ops cover, how many
 * ops and the colours they use (in order of first use), so a golden still
 * changes when the decoration moves, grows or changes palette. */
static void dump_group(FILE *out, const dp_page *p, const dp_op_group *g)
{
    float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    dp_rgb seen[8];
    int n_seen = 0;
    for (int k = g->first; k < g->first + g->n; k++) {
        const dp_op *op = &p->ops[k];
        float ax = op->x_pt, ay = op->y_pt, bx = ax, by = ay;
        dp_rgb c = {0};
        if (op->kind == DP_OP_RECT) {
            bx += op->as.rect.w_pt, by += op->as.rect.h_pt;
            c = op->as.rect.has_fill ? op->as.rect.fill : op->as.rect.stroke;
        } else if (op->kind == DP_OP_LINE) {
            bx = op->as.line.x2_pt, by = op->as.line.y2_pt, c = op->as.line.color;
        } else if (op->kind == DP_OP_TEXT) {
            bx += op->as.text.width_pt, ay -= op->as.text.size_pt, c = op->as.text.color;
        } else if (op->kind == DP_OP_IMAGE) {
            bx += op->as.image.w_pt, by += op->as.image.h_pt;
        }
        x0 = fminf(x0, fminf(ax, bx)), x1 = fmaxf(x1, fmaxf(ax, bx));
        y0 = fminf(y0, fminf(ay, by)), y1 = fmaxf(y1, fmaxf(ay, by));
        bool known = false;
        for (int i = 0; i < n_seen && !known; i++)
            known = seen[i].r == c.r && seen[i].g == c.g && seen[i].b == c.b;
        if (!known && n_seen < (int)(sizeof seen / sizeof *seen))
            seen[n_seen++] = c;
    }
    fprintf(out, "  group %s ", g->what);
    xy(out, x0, y0);
    fputc(' ', out);
    num(out, x1 - x0);
    fputc('x', out);
    num(out, y1 - y0);
    fprintf(out, " ops=%d", g->n);
    for (int i = 0; i < n_seen; i++) {
        fputs(i ? "," : " colors=", out);
        hex(out, seen[i]);
    }
    fputc('\n', out);
}

void dp_page_dump_ops(const dp_page *p, FILE *out)
{
    int g = 0;
    for (int k = 0; k < p->n_ops; k++) {
        while (g < p->n_groups && p->groups[g].first + p->groups[g].n <= k)
            g++;
        if (g < p->n_groups && p->groups[g].first == k) {
            dump_group(out, p, &p->groups[g]);
            k += p->groups[g].n - 1;
            continue;
        }
        dump_op(out, &p->ops[k]);
    }
}

/* Pages are numbered from 1 here, and so are link and outline targets, so
 * the dump agrees with itself and with what a PDF viewer shows. */
void dp_dlist_dump(const dp_dlist *dl, FILE *out)
{
    if (dl->title || dl->author || dl->subject || dl->keywords || dl->lang || dl->epoch >= 0) {
        fputs("document", out);
        str_field(out, "title", dl->title);
        str_field(out, "author", dl->author);
        str_field(out, "subject", dl->subject);
        str_field(out, "keywords", dl->keywords);
        str_field(out, "lang", dl->lang);
        if (dl->epoch >= 0)
            fprintf(out, " epoch=%lld", dl->epoch);
        fputc('\n', out);
    }
    for (int i = 0; i < dl->n_pages; i++) {
        const dp_page *p = &dl->pages[i];
        fprintf(out, "page %d ", i + 1);
        size_num(out, p->w_pt);
        fputc('x', out);
        size_num(out, p->h_pt);
        str_field(out, "label", p->label);
        str_field(out, "title", p->title);
        static const char *const kinds[] = {
#define X(E, n) #n,
            DP_PAGE_KINDS(X)
#undef X
        };
        if (p->kind != DP_PAGE_OTHER)
            fprintf(out, " kind=%s", kinds[p->kind]);
        if (p->section_palette)
            fputs(" palette=section", out);
        if (p->is_step)
            fputs(" step", out);
        fputc('\n', out);
        if (p->fit) {
            fputs("  fit", out);
            str_field(out, "decision", p->fit);
            fputc('\n', out);
        }
        if (p->flow.pieces) {
            static const char *const split[] = {"start", "block", "paragraph", "inside"};
            const dp_flow_note *f = &p->flow;
            fprintf(out, "  flow piece=%d/%d frame=%.2f-%.2f used=%.2f split=%s", f->piece, f->pieces,
                    (double)f->top, (double)f->bottom, (double)f->used, split[f->split]);
            if (f->split == DP_SPLIT_INSIDE)
                fprintf(out, " lines=%d+%d", f->para_before, f->para_after);
            fputs(f->whole_block ? " whole-block\n" : "\n", out);
        }
        dp_page_dump_ops(p, out);
    }
    for (int i = 0; i < dl->n_outline; i++) {
        const dp_outline *o = &dl->outline[i];
        fprintf(out, "outline %d page=%d", o->level, o->page + 1);
        str_field(out, "title", o->title);
        fputc('\n', out);
    }
}
