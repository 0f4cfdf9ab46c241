/* text_table.c: GitHub tables inside rich text (see text.h). A table is one
 * paragraph of its text block whose lines are its rows: columns as wide as
 * their content when that fits, else shared out between each column's
 * narrowest (its longest word, at least four em) and its natural width;
 * cells wrap inside their column. Booktabs rules: a heavier rule above and
 * below the table, a hairline under the header and between rows. */
#include <string.h>

#include "text.h"

struct dp_table_lay {
    int rows, cols, head_rows;
    float *col_x, *col_w;      /* cell text x from the table's left, and width */
    float *row_h;
    dp_textblock **cells;      /* rows x cols */
    float width;               /* the whole table */
    float pad_x, pad_y;
};

static dp_textstyle cell_style(const dp_textblock *tb)
{
    dp_textstyle st = tb->style;
    float size = st.size_pt * 0.9f;
    st.leading_pt = size * 1.4f;
    st.size_pt = size;
    st.justify = st.balance = false;
    return st;
}

static dp_textblock *lay_cell(dp_arena *a, const dp_textblock *tb, const dp_textstyle *st,
                              const dp_para *cell, float width)
{
    dp_rblock b = {.kind = DP_BK_PARA, .text = *cell};
    dp_rich r = {.blocks = &b, .n = 1, .links = tb->rich.links, .n_links = tb->rich.n_links};
    dp_rblock *copy = dp_arena_alloc(a, sizeof b);
    *copy = b;
    r.blocks = copy;
    return dp_text_layout_rich(a, tb->fonts, st, r, width, NULL, NULL);
}

/* The narrowest a cell can be: its longest run of Latin letters, digits
 * or code (never broken), at least 3 em unless the whole cell is narrower. */
static float min_width(const dp_textblock *c, float natural)
{
    float best = 0, run = 0;
    for (int p = 0; p < c->n_paras; p++)
        for (int i = 0; i < c->n_glyphs[p]; i++) {
            const dp_glyph *g = &c->glyphs[p][i];
            bool word = g->cp != ' ' && (g->cp < 0x2E80 || (g->flags & DP_TF_CODE));
            run = word ? run + g->adv : 0;
            if (run > best)
                best = run;
        }
    float floor = 3 * c->style.size_pt;
    if (best < floor)
        best = floor;
    return best < natural ? best : natural;
}

void dp_text_lay_table(dp_arena *a, dp_textblock *tb, int p, float width)
{
    dp_parinfo *pi = &tb->pinfo[p];
    const dp_rblock *b = &tb->rich.blocks[pi->block];
    dp_table_lay *t = dp_arena_alloc(a, sizeof *t);
    memset(t, 0, sizeof *t);
    pi->table = t;
    t->rows = b->rows, t->cols = b->cols, t->head_rows = b->head_rows;
    dp_textstyle st = cell_style(tb);
    t->pad_x = 0.45f * st.size_pt;
    t->pad_y = 0.3f * st.size_pt;
    size_t nc = (size_t)(t->rows * t->cols);
    t->cells = dp_arena_alloc(a, sizeof *t->cells * (nc ? nc : 1));
    t->col_x = dp_arena_alloc(a, sizeof *t->col_x * (size_t)(t->cols + 1));
    t->col_w = dp_arena_alloc(a, sizeof *t->col_w * (size_t)(t->cols + 1));
    t->row_h = dp_arena_alloc(a, sizeof *t->row_h * (size_t)(t->rows + 1));
    float *nat = dp_arena_alloc(a, sizeof *nat * (size_t)(t->cols + 1));
    float *mn = dp_arena_alloc(a, sizeof *mn * (size_t)(t->cols + 1));
    for (int c = 0; c < t->cols; c++)
        nat[c] = mn[c] = 0;
    for (int r = 0; r < t->rows; r++)
        for (int c = 0; c < t->cols; c++) {
            dp_textblock *cell = lay_cell(a, tb, &st, &b->cells[r * t->cols + c], 1e6f);
            if (cell->max_line_pt > nat[c])
                nat[c] = cell->max_line_pt;
            float m = min_width(cell, cell->max_line_pt);
            if (m > mn[c])
                mn[c] = m;
        }
    float avail = width - pi->indent - (float)t->cols * 2 * t->pad_x;
    float sum_nat = 0, sum_min = 0;
    for (int c = 0; c < t->cols; c++)
        sum_nat += nat[c], sum_min += mn[c];
    for (int c = 0; c < t->cols; c++) {
        if (sum_nat <= avail)
            t->col_w[c] = nat[c];
        else if (sum_min <= avail && sum_nat > sum_min)
            t->col_w[c] = mn[c] + (nat[c] - mn[c]) * (avail - sum_min) / (sum_nat - sum_min);
        else
            t->col_w[c] = mn[c];
        if (t->col_w[c] < 1)
            t->col_w[c] = 1;
    }
    if (sum_min > avail + 0.01f)
        tb->too_wide = b->src;
    float x = 0;
    for (int c = 0; c < t->cols; c++) {
        t->col_x[c] = x + t->pad_x;
        x += t->col_w[c] + 2 * t->pad_x;
    }
    t->width = x;
    for (int r = 0; r < t->rows; r++) {
        float h = 0;
        for (int c = 0; c < t->cols; c++) {
            dp_textblock *cell = lay_cell(a, tb, &st, &b->cells[r * t->cols + c], t->col_w[c]);
            t->cells[r * t->cols + c] = cell;
            float ch = dp_text_total_height(cell);
            if (ch > h)
                h = ch;
        }
        if (h < st.leading_pt)
            h = st.leading_pt;
        t->row_h[r] = h + 2 * t->pad_y;
    }
    if (t->width > tb->max_line_pt)
        tb->max_line_pt = t->width;
}

void dp_table_lines(dp_arena *a, dp_textblock *tb, int p, dp_line **v, int *n, int *cap)
{
    const dp_parinfo *pi = &tb->pinfo[p];
    const dp_table_lay *t = pi->table;
    for (int r = 0; r < t->rows; r++) {
        dp_line l = {.para = p, .kind = DP_LN_ROW, .row = r, .starts_para = r == 0,
                     .is_last = r == t->rows - 1, .h = t->row_h[r], .indent = pi->indent,
                     .width = t->width, .keep = r < t->head_rows};
        *(dp_line *)dp_arena_push(a, v, n, cap, sizeof l) = l;
    }
}

float dp_table_repeat_height(const dp_textblock *tb, int first)
{
    if (first < 0 || first >= tb->n_lines)
        return 0;
    const dp_line *l = &tb->lines[first];
    if (l->kind != DP_LN_ROW)
        return 0;
    const dp_table_lay *t = tb->pinfo[l->para].table;
    if (!t || l->row < t->head_rows)
        return 0;
    float h = 0;
    for (int r = 0; r < t->head_rows; r++)
        h += t->row_h[r];
    return h;
}

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
