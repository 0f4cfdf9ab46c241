/* layout_fit.c: shrink-to-fit and line pagination shared by the slide kinds. */
#include "layout_priv.h"

#include <string.h>

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

/* The longest prefix of 's' (whole UTF-8 characters, trailing spaces
 * dropped) that with "…" is at most 'width' wide in 'st'. */
static const char *shortened(dp_lay *L, const dp_textstyle *st, const char *s, float width)
{
    int lo = 0, hi = (int)strlen(s);
    const char *best = "…";
    while (lo < hi) { /* binary search over byte lengths, snapped to characters */
        int mid = (lo + hi + 1) / 2;
        while (mid > 0 && (s[mid] & 0xC0) == 0x80)
            mid--;
        if (mid <= lo) {
            hi = lo;
            break;
        }
        int keep = mid;
        while (keep > 0 && s[keep - 1] == ' ')
            keep--;
        const char *cand = dp_arena_printf(L->a, "%.*s…", keep, s);
        if (dp_text_line(L->a, NULL, L->fonts, st, cand, 0, 0, 0, (dp_loc){0}) <= width + 0.01f)
            lo = mid, best = cand;
        else
            hi = mid - 1;
    }
    return best;
}

float dp_lay_line_fit(dp_lay *L, dp_page *p, const dp_textstyle *st, const char *s, float x, float y_top,
                      float width, int align, dp_loc src, dp_loc warn_at, const char *what)
{
    float w = dp_text_line(L->a, NULL, L->fonts, st, s, 0, 0, 0, src);
    if (w > width + 0.01f) {
        const char *cut = shortened(L, st, s, width);
        if (what)
            dp_warning(L->d, warn_at, "%s is too long for its place (%.0f pt wide, room for %.0f): "
                       "shortened to \"%s\"", what, (double)w, (double)width, cut);
        s = cut;
    }
    return dp_text_line(L->a, p, L->fonts, st, s, x, dp_text_first_baseline(st, y_top), align, src);
}

float dp_lay_wrap_fit(dp_lay *L, dp_page *p, const dp_textstyle *st, const char *s, float x, float y_top,
                      float width, int max_lines, dp_loc src, dp_loc warn_at, const char *what)
{
    dp_textblock *tb = dp_text_layout(L->a, L->fonts, st, s, (int)strlen(s), width, NULL, NULL);
    int n = tb->n_lines < max_lines ? tb->n_lines : max_lines - 1;
    float y = dp_text_emit(L->a, p, tb, 0, n, x, y_top, src);
    if (tb->n_lines >= max_lines) { /* the last line holds the rest, shortened with … when longer */
        const dp_line *l = &tb->lines[max_lines - 1];
        dp_lay_line_fit(L, p, st, s + tb->glyphs[l->para][l->first].src, x, y, width, 0, src, warn_at,
                        tb->n_lines > max_lines ? what : NULL);
        y += st->leading_pt;
    }
    return y;
}

void dp_lay_note_shrunk(dp_page *p, const char *what, float from_pt, float to_pt)
{
    if (to_pt < from_pt - 0.05f && p->n_shrunk < 3) {
        p->shrunk[p->n_shrunk].what = what;
        p->shrunk[p->n_shrunk].from_pt = from_pt;
        p->shrunk[p->n_shrunk++].to_pt = to_pt;
    }
}
