/* fuzz_text.c: libFuzzer target for the text engine (bytes in, layout out).
 * The first two bytes choose the style (rich markup or plain, justify,
 * balance, fake bold, emphasis face or colour only, size, tracking); the rest
 * is the text. Invalid UTF-8 is replaced byte by byte with '?' (the loader
 * rejects it before the engine sees it, so the engine may assume it valid;
 * replacing rather than rejecting keeps mutations of CJK seeds useful).
 * NUL bytes stay: a YAML "\0" escape can put one into a deck's text.
 * The text is set at several widths, from narrower than one character to a
 * full slide, each emitted into a page, then dumped to /dev/null.
 * Seeds: every text of decks/NAME.yaml (tests/fuzz/seeds.py).
 * Replay files without libFuzzer: $(BUILD)/replay_text FILE... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "dlist.h"
#include "fonts.h"
#include "text.h"
#include "utf8.h"

#include "fuzz_common.h"

#define MAX_INPUT (64 * 1024)

static dp_textstyle base;

static int resolve(const char *pattern)
{
    dp_diags *d = dp_diags_new();
    int f = dp_fonts_resolve(fuzz_fonts, pattern, (dp_loc){0}, true, d);
    dp_diags_free(d);
    return f;
}

static void add(dp_chain *c, int face)
{
    if (face >= 0 && c->n < DP_MAX_CHAIN)
        c->faces[c->n++] = face;
}

/* The default template's faces: Hei for CJK, Manrope for Latin, Kai for
 * emphasis, DejaVu as the last resort. */
static void init_style(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    int hei = resolve("WenQuanYi Micro Hei");
    int kai = resolve("LXGW WenKai");
    int latin = resolve("Manrope");
    int dejavu = resolve("DejaVu Sans");
    if (hei < 0 || latin < 0) {
        fprintf(stderr, "fuzz_text: WenQuanYi Micro Hei and Manrope are needed (sh scripts/setup.sh)\n");
        exit(2);
    }
    add(&base.cjk, hei);
    add(&base.latin, latin);
    add(&base.latin, hei);
    add(&base.fallback, dejavu);
    add(&base.em_cjk, kai);
    add(&base.em_cjk, hei);
    add(&base.code, latin);
    add(&base.code, hei);
    base.color = (dp_rgb){0.1f, 0.1f, 0.1f};
    base.em_color = (dp_rgb){0.8f, 0.2f, 0.1f};
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > MAX_INPUT)
        return 0;
    fuzz_init();
    init_style();
    dp_textstyle st = base;
    uint8_t f0 = data[0], f1 = data[1];
    st.rich = f0 & 1;
    st.justify = f0 & 2;
    st.balance = f0 & 4;
    st.bold = f0 & 8;
    if (f0 & 16)
        st.em_cjk.n = 0; /* emphasis by colour only */
    static const float sizes[] = {7, 12, 20, 28, 44, 96};
    st.size_pt = sizes[f1 % 6];
    st.leading_pt = st.size_pt * (1.0f + (float)((f1 >> 3) & 3) * 0.25f);
    st.tracking_em = (f1 & 0x20) ? 0.05f : 0;

    size_t len = size - 2;
    char *text = malloc(len + 1);
    memcpy(text, data + 2, len);
    text[len] = '\0';
    for (size_t i = 0; i < len;) {
        size_t at = i;
        if (dp_utf8_next(text, len, &i) == DP_UTF8_BAD)
            text[at] = '?', i = at + 1;
    }

    static const float widths[] = {3, 30, 57.5f, 310, 880};
    dp_diags *d = dp_diags_new();
    dp_arena *a = dp_arena_new(64 * 1024);
    dp_dlist *dl = dp_dlist_new(a);
    dp_loc src = {"fuzz.txt", 1, 1};
    for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
        dp_textblock *tb = dp_text_layout(a, fuzz_fonts, &st, text, (int)len, widths[w], NULL, d);
        dp_page *page = dp_dlist_add_page(a, dl, 960, 540);
        float y = dp_text_emit(a, page, tb, 0, tb->n_lines, 40, 40, src);
        (void)y;
        (void)dp_text_total_height(tb);
        /* The continuation split: the first half on one page, the rest on the next. */
        if (tb->n_lines > 1) {
            int half = tb->n_lines / 2;
            (void)dp_text_height(tb, half, tb->n_lines - half);
            dp_text_emit(a, page, tb, half, tb->n_lines - half, 40, 300, src);
        }
    }
    /* Labels: one unbroken plain line, aligned three ways. */
    dp_textstyle plain = st;
    plain.rich = false;
    dp_page *page = dp_dlist_add_page(a, dl, 960, 540);
    if (memchr(text, '\0', len) == NULL)
        for (int align = 0; align < 3; align++)
            dp_text_line(a, page, fuzz_fonts, &plain, text, 480, 100 + 50 * align, align, src);
    fuzz_check_dlist(dl);
    dp_dlist_dump(dl, fuzz_sink);
    dp_diags_print(d, fuzz_sink, false);
    dp_arena_free(a);
    dp_diags_free(d);
    free(text);
    return 0;
}
