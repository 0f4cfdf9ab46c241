/* text_emit.c: laid-out lines -> text ops in the display list (see text.h).
 * One op per run of glyphs that share face, style and spacing; a run's
 * uniform extra spacing becomes PDF character spacing (Tc). */
#include <math.h>
#include <string.h>

#include "text.h"
#include "utf8.h"

#define LOOK_FLAGS (DP_TF_BOLD | DP_TF_EM | DP_TF_CODE)

/* Fake bold (docs/design.md §1): a stroke of 0.03 x size, 0.025 below 12 pt
 * and for light text on dark, which read heavier; none for a face that is
 * bold by design (Manrope SemiBold for Latin inside bold Chinese). */
static float stroke_for(const dp_textstyle *st, const dp_glyph *g, dp_rgb color)
{
    bool bold = st->bold || (g->flags & DP_TF_BOLD);
    if (!bold || g->bold_face)
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
} emitter;

static void emit_run(emitter *em, const dp_glyph *g, int s, int e, float x0, float cs)
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
    op->x_pt = x0 + g[s].x + g[s].shift;
    op->y_pt = em->baseline;
    op->as.text.face = g[s].face;
    op->as.text.size_pt = em->st->size_pt;
    op->as.text.char_space_pt = fabsf(cs) < 0.001f ? 0 : cs;
    op->as.text.width_pt = w;
    op->as.text.color = (g[s].flags & DP_TF_EM) ? em->st->em_color : em->st->color;
    op->as.text.stroke_pt = stroke_for(em->st, &g[s], op->as.text.color);
    op->as.text.utf8 = buf;
    op->as.text.len = len;
}

/* Split g[s..e] into runs: a run goes on while the next glyph is drawable,
 * looks the same, and sits exactly one advance plus the run's spacing on. */
static void emit_glyphs(emitter *em, const dp_glyph *g, int s, int e, float x0)
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
                (q->flags & LOOK_FLAGS) != (p->flags & LOOK_FLAGS) || q->shift != 0)
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
        emit_run(em, g, i, j, x0, j > i ? cs : 0);
        i = j + 1;
    }
}

float dp_text_emit(dp_arena *a, dp_page *page, const dp_textblock *tb, int first, int n,
                   float x, float y_top, dp_loc src)
{
    const dp_textstyle *st = &tb->style;
    emitter em = {a, page, st, src, 0};
    float y = y_top;
    for (int k = first; k < first + n && k < tb->n_lines; k++) {
        const dp_line *l = &tb->lines[k];
        if (k > first && l->starts_para)
            y += tb->bullet_level[l->para] > 0 ? tb->para_gap_pt * 0.4f : tb->para_gap_pt;
        em.baseline = dp_text_first_baseline(st, y);
        const dp_glyph *g = tb->glyphs[l->para];
        if (l->starts_para && tb->bullet_level[l->para] > 0 && tb->bullet_glyph.face >= 0) {
            dp_glyph b = tb->bullet_glyph;
            b.x = 0;
            emit_glyphs(&em, &b, 0, 0, x + l->indent - 1.0f * st->size_pt);
        }
        if (l->visual)
            emit_glyphs(&em, l->visual, 0, l->n - 1, x + l->indent);
        else
            emit_glyphs(&em, g, l->first, l->first + l->n - 1, x + l->indent);
        y += st->leading_pt;
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
