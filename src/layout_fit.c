/* layout_fit.c: shrink-to-fit and line pagination shared by the slide kinds. */
#include "layout_priv.h"

dp_textblock *dp_lay_fit(dp_lay *L, dp_textstyle st, float min_size, const dp_text *tx, float width,
                         float avail_h, int max_lines)
{
    float size = st.size_pt;
    float floor_pt = min_size > 0 && min_size < size ? min_size : size;
    dp_textblock *tb = NULL;
    for (;;) {
        dp_textstyle s = dp_lay_resize(st, size);
        /* measure snapped to whole em at every size (docs/design.md §3) */
        float w = s.justify ? dp_lay_measure(width, size) : width;
        /* only the first attempt reports uncovered characters */
        tb = dp_text_layout(L->a, L->fonts, &s, tx->s, tx->s ? tx->len : 0, w, tx,
                            tb ? NULL : L->d);
        bool fits = max_lines > 0 ? tb->n_lines <= max_lines : dp_text_total_height(tb) <= avail_h + 0.01f;
        if (fits || size - 1 < floor_pt - 0.001f)
            return tb;
        size -= 1;
    }
}

int dp_lay_lines_fitting(const dp_textblock *tb, int first, float avail_h)
{
    int n = 0;
    while (first + n < tb->n_lines && dp_text_height(tb, first, n + 1) <= avail_h + 0.01f)
        n++;
    return n;
}

void dp_lay_kicker(dp_lay *L, dp_page *p, const dp_rgb *pal, const char *s)
{
    dp_textstyle st = dp_lay_style(L, DP_EL_KICKER, pal);
    dp_lay_label(L, p, &st, s, L->L, L->T, 0);
}

bool dp_lay_require_fit(dp_lay *L, const dp_textblock *tb, const dp_text *tx, float avail_h,
                        const char *what)
{
    if (dp_text_total_height(tb) <= avail_h + 0.01f)
        return true;
    int room = (int)(avail_h / tb->style.leading_pt);
    dp_error(L->d, tx->loc, "%s is too long: %d lines at %.0f pt, room for %d", what, tb->n_lines,
             (double)tb->style.size_pt, room < 0 ? 0 : room);
    dp_hint(L->d, "shorten it; longer text belongs in the subtitle, the intro or an item");
    return false;
}
