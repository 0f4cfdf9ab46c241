/* text_emit.c: laid-out lines -> text ops in the display list (see text.h).
 * One op per run of glyphs that share face, style and spacing; a run's
 * uniform extra spacing becomes PDF character spacing (Tc). */
#include <math.h>
#include <string.h>

#include "text.h"
#include "utf8.h"

/* the code panel's insets (text.c CODE_PAD_X, CODE_PAD_Y) */
#define CODE_PAD_EM 0.7f
#define CODE_PAD_Y_EM 0.55f

#define LOOK_FLAGS (DP_TF_BOLD | DP_TF_EM | DP_TF_CODE)

/* Fake bold (docs/design.md §1): a stroke of 0.03 x size, 0.025 below 12 pt
 * and for light text on dark, which read heavier; none for a face that is
 * bold by design (Manrope SemiBold for Latin inside bold Chinese). */
static float stroke_for(const dp_textstyle *st, const dp_glyph *g, dp_rgb color)
{
    if (!dp_text_bold(st, g->flags) || g->bold_face)
        return 0;
    float luminance = 0.2126f * color.r + 0.7152f * color.g + 0.0722f * color.b;
    return st->size_pt * (st->size_pt < 12 || luminance > 0.5f ? 0.025f : 0.03f);
}

typedef struct {
    dp_arena *a;
    dp_page *page;
    const dp_textstyle *st;
    dp_loc src;
    float baseline;
    float size;           /* the paragraph's */
    bool quote;           /* inside a block quote */
    dp_tag tag;           /* the page's tag with this line's block, list and quote */
} emitter;

/* The colour of a glyph: added text in meta, links in the link colour,
 * code-block tokens in theirs, emphasis, quotes, then the text's. */
static dp_rgb glyph_color(const emitter *em, const dp_glyph *g)
{
    const dp_textstyle *st = em->st;
    if (g->flags & DP_TF_META)
        return st->meta_color;
    if (g->link)
        return st->link_color;
    if (g->tok && g->tok < DP_TOK_COUNT)
        return st->tok[g->tok];
    if ((g->flags & DP_TF_CODE) && em->size != st->size_pt)
        return st->code_color;
    if (g->flags & DP_TF_EM)
        return st->em_color;
    return st->color;
}

static bool same_rgb(dp_rgb a, dp_rgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

static void emit_run(emitter *em, const dp_glyph *g, int s, int e, float x0, float cs, bool space_after)
{
    size_t bytes = 0;
    for (int i = s; i <= e; i++)
        bytes += 4;
    char *buf = dp_arena_alloc(em->a, bytes + 1);
    int len = 0;
    float w = 0;
    for (int i = s; i <= e; i++) {
        len += dp_utf8_encode(g[i].cp, buf + len);
        w += g[i].fadv + cs;
    }
    dp_op *op = dp_page_add_op(em->a, em->page, DP_OP_TEXT);
    op->src = em->src;
    op->tag = em->tag;
    if (op->tag.role)
        op->tag.link = g[s].link;
    op->x_pt = x0 + g[s].x + g[s].shift;
    op->y_pt = em->baseline;
    op->as.text.face = g[s].face;
    op->as.text.size_pt = em->size;
    op->as.text.char_space_pt = fabsf(cs) < 0.001f ? 0 : cs;
    op->as.text.width_pt = w;
    op->as.text.color = glyph_color(em, &g[s]);
    op->as.text.stroke_pt = stroke_for(em->st, &g[s], op->as.text.color);
    op->as.text.utf8 = buf;
    op->as.text.len = len;
    op->as.text.space_after = space_after;
}

/* Split g[s..e] into runs: a run goes on while the next glyph is drawable,
 * looks the same, and sits exactly one advance plus the run's spacing on.
 * g has n glyphs: the one after e may be the space a line broke at. */
static void emit_glyphs(emitter *em, const dp_glyph *g, int s, int e, int n, float x0)
{
    int i = s;
    while (i <= e) {
        if (g[i].face < 0 || g[i].cp == ' ') {
            i++;
            continue;
        }
        int j = i;
        float cs = 0;
        while (j + 1 <= e) {
            const dp_glyph *p = &g[j], *q = &g[j + 1];
            if (q->face < 0 || q->cp == ' ' || !(q->face == p->face) ||
                (q->flags & LOOK_FLAGS) != (p->flags & LOOK_FLAGS) || q->shift != 0 ||
                q->link != p->link || !same_rgb(glyph_color(em, q), glyph_color(em, p)))
                break;
            float step = (q->x + q->shift) - (p->x + p->shift) - p->fadv;
            /* libharu refuses character spacing outside [-30, 300] pt (a
             * 0.5 em compression at 80 pt is -40): such glyphs stand alone */
            if (step < -30 || step > 300)
                break;
            if (j == i)
                cs = step;
            else if (fabsf(step - cs) > 0.001f)
                break;
            j++;
        }
        emit_run(em, g, i, j, x0, j > i ? cs : 0, j + 1 < n && g[j + 1].cp == ' ');
        i = j + 1;
    }
}

/* Links on a line: an annotation over each run of one link, with a thin
 * underline in the link colour; struck-through text gets its line. */
static void emit_spans(emitter *em, const dp_textblock *tb, const dp_glyph *g, int s, int e,
                       float x0, float top, float h)
{
    float size = em->size;
    for (int i = s; i <= e; i++) {
        if (!g[i].link && !(g[i].flags & DP_TF_STRIKE))
            continue;
        int j = i;
        bool strike = g[i].flags & DP_TF_STRIKE;
        while (j + 1 <= e && g[j + 1].link == g[i].link &&
               ((g[j + 1].flags & DP_TF_STRIKE) != 0) == strike)
            j++;
        int k = j;
        while (k > i && g[k].cp == ' ')
            k--;
        float l = x0 + g[i].x, r = x0 + g[k].x + g[k].adv;
        if (g[i].link && g[i].link <= tb->rich.n_links) {
            dp_op *op = dp_page_add_op(em->a, em->page, DP_OP_LINK);
            op->src = em->src;
            op->tag = em->tag; /* the link's text: its Link element */
            if (op->tag.role)
                op->tag.link = g[i].link;
            op->x_pt = l;
            op->y_pt = top;
            op->as.link.w_pt = r - l;
            op->as.link.h_pt = h;
            /* the block may live in a scratch arena: the op keeps its own copy */
            const char *uri = tb->rich.links[g[i].link - 1];
            op->as.link.uri = dp_arena_strndup(em->a, uri, strlen(uri));
            op->as.link.dest_page = -1;
            float uy = em->baseline + 0.13f * size;
            dp_tag t = dp_page_untag(em->page); /* underline and strike-through: furniture */
            dp_page_line(em->a, em->page, l, uy, r, uy, size * 0.045f, em->st->link_color);
            dp_page_tag(em->page, t);
        }
        if (strike) {
            float sy = em->baseline - 0.3f * size;
            dp_tag t = dp_page_untag(em->page);
            dp_page_line(em->a, em->page, l, sy, r, sy, size * 0.05f, glyph_color(em, &g[i]));
            dp_page_tag(em->page, t);
        }
        i = j;
    }
}

/* The continuation mark left of a line that goes on from the line above. */
static void emit_cont_mark(emitter *em, const dp_textblock *tb, float x)
{
    dp_glyph m = tb->cont_glyph;
    if (m.face < 0)
        return;
    m.x = 0;
    m.flags = 0;
    m.link = 0;
    m.tok = 0;
    dp_textstyle st = *em->st;
    st.color = st.meta_color;
    emitter e = *em;
    e.st = &st;
    e.size = tb->cont_glyph.fadv > 0 ? em->size : em->size;
    e.tag = (dp_tag){0}; /* furniture: the text goes on without it */
    emit_glyphs(&e, &m, 0, 0, 1, x);
}

/* The block that starts the list item block 'b' is in (its depth's last
 * marker), or -1. */
static int item_start(const dp_rich *r, int b)
{
    int depth = r->blocks[b].depth;
    if (depth == 0)
        return -1;
    for (int j = b; j >= 0 && r->blocks[j].depth >= depth; j--)
        if (r->blocks[j].depth == depth && r->blocks[j].marker)
            return j;
    return -1;
}

/* The tag of line k's runs: the page's, with where in the text they are.
 * Inside a table cell the page's tag says it all. */
static dp_tag line_tag(const dp_tag *page, const dp_textblock *tb, const dp_rblock *b, int k)
{
    dp_tag t = *page;
    if (!t.role)
        return t;
    if (t.kind == DP_TK_TH || t.kind == DP_TK_TD)
        return t;
    int block = tb->pinfo[tb->lines[k].para].block;
    t.para = block;
    t.kind = tb->lines[k].kind == DP_LN_CODE ? DP_TK_CODE : DP_TK_TEXT;
    t.level = (unsigned char)(b && b->depth > 0 ? (b->depth > 255 ? 255 : b->depth) : 0);
    t.quote = (unsigned char)(b && b->quote > 0 ? (b->quote > 255 ? 255 : b->quote) : 0);
    t.li = t.level ? item_start(&tb->rich, block) : 0;
    t.lbl = 0;
    return t;
}

float dp_text_emit(dp_arena *a, dp_page *page, const dp_textblock *tb, int first, int n,
                   float x, float y_top, dp_loc src)
{
    const dp_textstyle *st = &tb->style;
    dp_tag page_tag = page ? page->tag : (dp_tag){0};
    emitter em = {a, page, st, src, 0, st->size_pt, false, page_tag};
    float y = y_top;
    for (int k = first; k < first + n && k < tb->n_lines; k++) {
        const dp_line *l = &tb->lines[k];
        const dp_parinfo *pi = &tb->pinfo[l->para];
        const dp_rblock *b = tb->rich.blocks ? &tb->rich.blocks[pi->block] : NULL;
        float gap = k > first ? l->gap : 0;
        em.tag = line_tag(&page_tag, tb, b, k);
        /* decorations (quote rules, code panels, rules) are furniture */
        if (page)
            dp_page_untag(page);
        /* quote rules run through the gap when the line above is quoted too */
        if (b && b->quote > 0) {
            const dp_rblock *pb = k > first ? &tb->rich.blocks[tb->pinfo[tb->lines[k - 1].para].block] : NULL;
            for (int q = 1; q <= b->quote && q <= 4; q++) {
                float rx = x + ((float)q - 1) * 1.1f * st->size_pt + 0.15f * st->size_pt;
                float from = pb && pb->quote >= q ? y : y + gap;
                dp_page_line(a, page, rx, from, rx, y + gap + l->h, 0.12f * st->size_pt, st->rule_color);
            }
        }
        y += gap;
        em.size = pi->size_pt;
        em.quote = b && b->quote > 0;
        dp_textstyle qst;
        if (em.quote) { /* quoted text in the quote colour */
            qst = *st;
            qst.color = st->quote_color;
            em.st = &qst;
        } else {
            em.st = st;
        }
        const dp_glyph *g = tb->glyphs[l->para];
        dp_textstyle ps = *st;
        ps.size_pt = pi->size_pt;
        ps.leading_pt = pi->leading_pt;
        em.baseline = dp_text_first_baseline(&ps, y + l->pad);
        if (page)
            dp_page_tag(page, page_tag);
        switch (l->kind) {
        case DP_LN_CODE: {
            if (k == first || tb->lines[k - 1].para != l->para) {
                /* the panel under this block's lines on this page, drawn first */
                int e = k;
                float h = l->h;
                while (e + 1 < first + n && e + 1 < tb->n_lines && tb->lines[e + 1].para == l->para) {
                    e++;
                    h += tb->lines[e].gap + tb->lines[e].h;
                }
                float px = x + pi->indent - CODE_PAD_EM * pi->size_pt;
                /* a block split between pages keeps its padding on both
                 * sides of the split: the panel reaches into the space
                 * above the first line and below the last one set here */
                float pad = CODE_PAD_Y_EM * pi->size_pt, top = y;
                if (l->pad == 0)
                    top -= pad, h += pad;
                if (!tb->lines[e].is_last)
                    h += pad;
                dp_page_untag(page);
                dp_page_rect(a, page, px, top, x + tb->width_pt - px, h, st->code_bg);
                dp_page_tag(page, page_tag);
            }
            if (l->cont)
                emit_cont_mark(&em, tb, x + l->indent - tb->cont_glyph.fadv - 0.25f * pi->size_pt);
            emit_glyphs(&em, g, l->first, l->first + l->n - 1, tb->n_glyphs[l->para], x + l->indent);
            break;
        }
        case DP_LN_RULE:
            dp_page_untag(page);
            dp_page_line(a, page, x + l->indent, y + l->h / 2, x + tb->width_pt, y + l->h / 2, 0.6f,
                         st->rule_color);
            dp_page_tag(page, page_tag);
            break;
        case DP_LN_IMAGE: {
            dp_op *op = dp_page_add_op(a, page, DP_OP_IMAGE);
            op->src = src;
            if (op->tag.role && b) { /* a Figure whose /Alt is the Markdown alt text, else the path */
                op->tag = em.tag;
                op->tag.kind = DP_TK_FIGURE;
                char *alt = dp_arena_alloc(a, 4 * (size_t)b->text.n + 1);
                int len = 0;
                for (int i = 0; i < b->text.n; i++)
                    len += dp_utf8_encode(b->text.cps[i], alt + len);
                alt[len] = '\0';
                op->tag.alt = len ? alt : b->path;
            }
            op->x_pt = x + l->indent;
            op->y_pt = y;
            op->as.image.image = pi->image;
            op->as.image.w_pt = pi->img_w;
            op->as.image.h_pt = pi->img_h;
            break;
        }
        case DP_LN_ROW: {
            /* a table continued on this page: its header again above the rows */
            float head = k == first ? dp_table_repeat_height(tb, k) : 0;
            if (head > 0)
                y = dp_table_emit_header(a, page, tb, l->para, x, y, src);
            /* the cells' text gets the row's tag (dp_table_emit_row adds the cell) */
            dp_page_tag(page, em.tag);
            dp_table_emit_row(a, page, tb, l->para, l->row, x, y, k == first && head == 0, src);
            dp_page_tag(page, page_tag);
            break;
        }
        default:
            if (l->starts_para && pi->marker) {
                emitter me = em;
                me.st = st;
                me.tag.lbl = me.tag.role ? 1 : 0;
                emit_glyphs(&me, pi->marker, 0, pi->n_marker - 1, pi->n_marker, x + pi->marker_x);
            }
            if (l->cont)
                emit_cont_mark(&em, tb, x + l->indent - tb->cont_glyph.fadv - 0.15f * pi->size_pt);
            if (l->visual) { /* right-to-left text: its glyphs in visual order */
                emit_glyphs(&em, l->visual, 0, l->n - 1, l->n, x + l->indent);
                emit_spans(&em, tb, l->visual, 0, l->n - 1, x + l->indent, y, l->h);
            } else {
                emit_glyphs(&em, g, l->first, l->first + l->n - 1, tb->n_glyphs[l->para], x + l->indent);
                emit_spans(&em, tb, g, l->first, l->first + l->n - 1, x + l->indent, y, l->h);
            }
            break;
        }
        y += l->h;
    }
    return y;
}

float dp_text_line(dp_arena *a, dp_page *page, dp_fonts *fonts, const dp_textstyle *st,
                   const char *utf8, float x, float baseline, int align, dp_loc src)
{
    dp_textstyle one = *st;
    one.justify = one.balance = one.rich = false;
    /* The line is laid out in a scratch arena and only its ops are kept:
     * labels and footers on tens of thousands of pages stay cheap. */
    dp_arena *scratch = dp_arena_new(16 * 1024);
    /* one line never shows more than a few hundred characters: an absurd
     * label (a 90 KB venue) is cut rather than handed to libharu whole */
    if (strlen(utf8) > 2048)
        utf8 = dp_clip(scratch, utf8, 300);
    dp_textblock *tb = dp_text_layout(scratch, fonts, &one, utf8, (int)strlen(utf8), 1e9f, NULL, NULL);
    float w = tb->max_line_pt;
    if (page && tb->n_lines > 0) {
        float left = align == 1 ? x - w : align == 2 ? x - w / 2 : x;
        float y_top = baseline - (dp_text_first_baseline(st, 0));
        dp_text_emit(a, page, tb, 0, tb->n_lines, left, y_top, src);
    }
    dp_arena_free(scratch);
    return w;
}

/* ===== Tables: a row of a table paragraph (laid out by text.c) ===== */

float dp_table_emit_header(dp_arena *a, dp_page *page, const dp_textblock *tb, int p, float x, float y,
                           dp_loc src)
{
    const dp_table_lay *t = tb->pinfo[p].table;
    /* a repeated header is furniture: its cells are tagged once, on the first page */
    dp_tag tag = dp_page_untag(page);
    for (int r = 0; r < t->head_rows; r++) {
        dp_table_emit_row(a, page, tb, p, r, x, y, r == 0, src);
        y += t->row_h[r];
    }
    dp_page_tag(page, tag);
    return y;
}

void dp_table_emit_row(dp_arena *a, dp_page *page, const dp_textblock *tb, int p, int row,
                       float x, float y, bool first_on_page, dp_loc src)
{
    const dp_parinfo *pi = &tb->pinfo[p];
    const dp_table_lay *t = pi->table;
    const dp_rblock *b = &tb->rich.blocks[pi->block];
    dp_rgb rule = tb->style.rule_color;
    float x0 = x + pi->indent, x1 = x0 + t->width, h = t->row_h[row];
    float heavy = 0.9f, hair = 0.4f;
    /* the rules are furniture; each cell's text is its TH or TD (tagged PDF) */
    dp_tag tag = dp_page_untag(page);
    if (row == 0)
        dp_page_line(a, page, x0, y, x1, y, heavy, tb->style.meta_color);
    else if (first_on_page) /* a table without a header continued from the page before */
        dp_page_line(a, page, x0, y, x1, y, hair, rule);
    for (int c = 0; c < t->cols; c++) {
        const dp_textblock *cell = t->cells[row * t->cols + c];
        float cx = x0 + t->col_x[c];
        int al = b->align[c];
        if (al == DP_ALIGN_RIGHT)
            cx += t->col_w[c] - cell->max_line_pt;
        else if (al == DP_ALIGN_CENTER)
            cx += (t->col_w[c] - cell->max_line_pt) / 2;
        dp_tag ct = tag;
        if (ct.role)
            ct.kind = row < t->head_rows ? DP_TK_TH : DP_TK_TD, ct.row = (short)row, ct.col = (short)c;
        dp_page_tag(page, ct);
        dp_text_emit(a, page, cell, 0, cell->n_lines, cx, y + t->pad_y, src);
        dp_page_untag(page);
    }
    float yb = y + h;
    if (row == t->rows - 1)
        dp_page_line(a, page, x0, yb, x1, yb, heavy, tb->style.meta_color);
    else if (row == t->head_rows - 1)
        dp_page_line(a, page, x0, yb, x1, yb, 0.6f, tb->style.meta_color);
    else
        dp_page_line(a, page, x0, yb, x1, yb, hair, rule);
    dp_page_tag(page, tag);
}
