/* layout_paginate.c: where a flow of blocks that does not fit one frame is
 * split across frames, as a typesetter would (issue 13, point 3):
 *   - only between blocks, or between lines of a block where a split is
 *     allowed: never leaving fewer than two lines of a paragraph on either
 *     side, never splitting a block into a piece under its min_lines (the
 *     analysis band moves whole rather than keep one line);
 *   - the fewest frames, then pieces balanced so no continuation frame is
 *     nearly empty (under DP_FLOW_MIN_FILL of its height) unless one whole
 *     block is all that is left;
 *   - never before the wrapped rest of a code line (dp_line.cont);
 *   - between paragraphs rather than inside one, and not after a line that
 *     keeps with the next (dp_line.keep: a heading, a lead-in ending in a
 *     colon, a table's header row):
 *     a short block that fits a frame whole is not cut to even out the
 *     pieces;
 * The flow is generic: blocks of lines (dp_textblock), each line a possible
 * split point, heights only through dp_text_height(), so every kind of
 * block the text engine lays out (paragraphs, list items, code lines, table
 * rows) paginates the same way. Breaking rules that can only be met by a
 * frame too small for them are relaxed, never violated silently: the
 * result says so (dp_flow.forced). */
#include "layout_priv.h"

/* Costs: an illegal split costs more than any number of extra frames, and
 * an extra frame more than any imbalance. */
#define COST_ILLEGAL 1e6
#define COST_FRAME 1e4
#define COST_UNDERFILL 1e3
#define COST_KEEP 300.0  /* a split after a line that keeps with the next */
#define COST_IN_PARA 3.0  /* a split inside a paragraph (a code block, a table) rather than between
                           * two: more than evening out the pieces is worth (at most 10 * 0.6^2 a
                           * frame above the fill threshold) unless they are very uneven */
#define COST_BALANCE 10.0 /* times the square of a frame's empty fraction */

/* A block without text (a picture) is one line of its fixed height, never split. */
static int nlines(const dp_flow_block *b) { return b->tb ? b->tb->n_lines : 1; }

static float block_h(const dp_flow_block *b, int first, int n)
{
    return b->tb ? dp_text_height(b->tb, first, n) : n > 0 ? b->fixed_h : 0;
}

float dp_flow_height(const dp_flow_block *b, int nb, int from, int to)
{
    float h = 0;
    bool any = false;
    for (int i = 0, base = 0; i < nb; base += nlines(&b[i]), i++) {
        int n = nlines(&b[i]);
        int lo = from > base ? from : base, hi = to < base + n ? to : base + n;
        if (lo >= hi)
            continue;
        if (any)
            h += b[i].gap_before;
        h += b[i].pad_top + block_h(&b[i], lo - base, hi - lo) + b[i].pad_bottom;
        any = true;
    }
    return h;
}

/* Lines of tb's paragraph 'para' from line k on (dir +1) or before it (-1). */
static int para_lines(const dp_textblock *tb, int k, int dir, int para)
{
    int n = 0;
    for (int j = k; j >= 0 && j < tb->n_lines && tb->lines[j].para == para; j += dir)
        n++;
    return n;
}

bool dp_flow_split_ok(const dp_flow_block *b, int k)
{
    const dp_textblock *tb = b->tb;
    if (k <= 0 || k >= nlines(b))
        return true; /* between blocks */
    int min = b->min_lines > 1 ? b->min_lines : 1;
    if (k < min || tb->n_lines - k < min)
        return false;
    const dp_line *prev = &tb->lines[k - 1], *next = &tb->lines[k];
    if (next->cont)
        return false; /* the rest of a wrapped code line stays with its start */
    if (prev->para != next->para)
        return true;
    return para_lines(tb, k - 1, -1, prev->para) >= 2 && para_lines(tb, k, 1, next->para) >= 2;
}

/* Block index of global line g (and g's index inside it). */
static int block_at(const dp_flow_block *b, int nb, int g, int *local)
{
    int i = 0;
    while (i < nb - 1 && g >= nlines(&b[i]))
        g -= nlines(&b[i++]);
    *local = g;
    return i;
}

static double split_cost(const dp_flow_block *b, int nb, int g)
{
    int k, i = block_at(b, nb, g, &k);
    if (k == 0)
        return 0;
    if (!dp_flow_split_ok(&b[i], k))
        return COST_ILLEGAL;
    const dp_line *prev = &b[i].tb->lines[k - 1];
    return (prev->keep ? COST_KEEP : 0) + (prev->para == b[i].tb->lines[k].para ? COST_IN_PARA : 0);
}

/* Lines [s, e) are exactly one whole block. */
static bool whole_block(const dp_flow_block *b, int nb, int s, int e)
{
    int k, i = block_at(b, nb, s, &k);
    return k == 0 && e - s == nlines(&b[i]);
}

dp_flow dp_flow_paginate(dp_arena *a, const dp_flow_block *b, int nb, float first_h, float next_h)
{
    int n = 0;
    for (int i = 0; i < nb; i++)
        n += nlines(&b[i]);
    double *best = dp_arena_alloc(a, sizeof *best * (size_t)(n + 1));
    int *from = dp_arena_alloc(a, sizeof *from * (size_t)(n + 1));
    for (int g = 1; g <= n; g++)
        best[g] = -1;
    best[0] = 0;
    for (int s = 0; s < n; s++) {
        if (best[s] < 0)
            continue;
        float frame = s == 0 ? first_h : next_h;
        for (int e = s + 1; e <= n; e++) {
            float h = dp_flow_height(b, nb, s, e);
            if (h > frame + 0.01f && e > s + 1)
                break; /* heights only grow with e */
            double fill = frame > 0 ? h / frame : 1, empty = fill < 1 ? 1 - fill : 0;
            double c = best[s] + COST_FRAME + COST_BALANCE * empty * empty;
            if (h > frame + 0.01f)
                c += COST_ILLEGAL; /* one line taller than the frame: placed anyway */
            if (s > 0 && fill < DP_FLOW_MIN_FILL && !(e == n && whole_block(b, nb, s, e)))
                c += COST_UNDERFILL;
            if (e < n)
                c += split_cost(b, nb, e);
            if (best[e] < 0 || c < best[e] - 1e-9)
                best[e] = c, from[e] = s;
        }
    }
    dp_flow f = {0};
    for (int g = n; g > 0; g = from[g])
        f.n_frames++;
    if (n == 0)
        f.n_frames = 1;
    f.start = dp_arena_alloc(a, sizeof *f.start * (size_t)(f.n_frames + 1));
    f.start[f.n_frames] = n;
    for (int g = n, k = f.n_frames; g > 0; g = from[g])
        f.start[--k] = from[g];
    f.forced = best[n] >= COST_ILLEGAL;
    for (int k = 1; k < f.n_frames; k++) {
        float h = dp_flow_height(b, nb, f.start[k], f.start[k + 1]);
        if (h < DP_FLOW_MIN_FILL * next_h && !(k + 1 == f.n_frames && whole_block(b, nb, f.start[k], n)))
            f.underfilled++;
    }
    return f;
}

dp_flow_note dp_flow_note_of(const dp_flow *fl, const dp_flow_block *b, int nb, int k, float top, float bottom)
{
    int s = fl->start[k], e = fl->start[k + 1];
    dp_flow_note n = {.piece = k + 1, .pieces = fl->n_frames, .top = top, .bottom = bottom,
                      .used = dp_flow_height(b, nb, s, e), .whole_block = whole_block(b, nb, s, e)};
    int j, i = block_at(b, nb, s, &j);
    if (s == 0)
        n.split = DP_SPLIT_NONE;
    else if (j == 0)
        n.split = DP_SPLIT_BLOCK;
    else if (b[i].tb->lines[j - 1].para != b[i].tb->lines[j].para)
        n.split = DP_SPLIT_PARA;
    else {
        int para = b[i].tb->lines[j].para;
        n.split = DP_SPLIT_INSIDE;
        n.para_before = para_lines(b[i].tb, j - 1, -1, para);
        n.para_after = para_lines(b[i].tb, j, 1, para);
    }
    return n;
}
