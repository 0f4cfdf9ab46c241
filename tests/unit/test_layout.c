/* test_layout.c: slide layout (layout*.c), the booklet (layout_booklet*.c)
 * and N-up imposition (impose.c) on stub font metrics, so what is checked
 * is the layout's own logic, not the installed fonts. The Makefile links
 * this test with -Wl,--wrap for the six font calls layout makes
 * (dp_fonts_resolve, dp_face_has, dp_face_advance, dp_face_ink,
 * dp_face_bold, dp_face_is_bold): every face has every character; a Han
 * character or full-width mark is 1 em wide times 'stub_scale', a Latin
 * letter or digit half that, a space a quarter. Needs templates/ (run from
 * the repository root, as tests/run.sh does). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deck.h"
#include "diag.h"
#include "dlist.h"
#include "fonts.h"
#include "handout.h"
#include "image.h"
#include "layout.h"
#include "template.h"

/* ===== Stub font metrics ===== */

static int stub_scale = 1;   /* widens every glyph: the same deck needs more room */
static int stub_calls;       /* how often layout asked for an advance */

int __wrap_dp_fonts_resolve(dp_fonts *f, const char *pattern, dp_loc at, bool quiet, dp_diags *d);
int __wrap_dp_fonts_resolve(dp_fonts *f, const char *pattern, dp_loc at, bool quiet, dp_diags *d)
{
    (void)f, (void)at, (void)quiet, (void)d;
    return strstr(pattern, "old") ? 1 : 0; /* "Bold", "bold": face 1 */
}

bool __wrap_dp_face_has(dp_fonts *f, int face, uint32_t cp);
bool __wrap_dp_face_has(dp_fonts *f, int face, uint32_t cp)
{
    (void)f, (void)face, (void)cp;
    return true;
}

static bool wide(uint32_t cp) { return cp >= 0x2E80; }

int __wrap_dp_face_advance(dp_fonts *f, int face, uint32_t cp);
int __wrap_dp_face_advance(dp_fonts *f, int face, uint32_t cp)
{
    (void)f, (void)face;
    stub_calls++;
    if (cp == ' ')
        return 250;
    return (wide(cp) ? 1000 : 500) * stub_scale;
}

bool __wrap_dp_face_ink(dp_fonts *f, int face, uint32_t cp, int *xmin, int *xmax);
bool __wrap_dp_face_ink(dp_fonts *f, int face, uint32_t cp, int *xmin, int *xmax)
{
    (void)f, (void)face;
    int w = (wide(cp) ? 1000 : 500) * stub_scale;
    *xmin = w / 10, *xmax = w - w / 10;
    return true;
}

int __wrap_dp_face_bold(dp_fonts *f, int face);
int __wrap_dp_face_bold(dp_fonts *f, int face)
{
    (void)f, (void)face;
    return 1;
}

bool __wrap_dp_face_is_bold(const dp_fonts *f, int face);
bool __wrap_dp_face_is_bold(const dp_fonts *f, int face)
{
    (void)f;
    return face == 1;
}

/* ===== Fixture: a deck, its template and the print template ===== */

static const char *const template_dirs[] = {"templates", NULL};

typedef struct {
    dp_arena *a;
    dp_diags *d;
    dp_deck *deck;
    dp_template *t, *print;
    dp_fonts *fonts; /* never looked into: the stubs answer */
    dp_styles *styles; /* t's roles (print shares them), resolved on the stubs */
} fixture;

#define QUESTION(i) "第" #i "题：如何评估大模型的回答质量？"

static const char deck_yaml[] =
    "title: 大模型创业交流会\n"
    "date: 2026-12-05\n"
    "intro:\n  body: 随着人工智能技术的不断进步，大模型正在改变创业的方式。\n"
    "sections:\n"
    "  - title: 第一部分\n"
    "    items:\n"
    "      - question: " QUESTION(1) "\n        answer: 建立评估集，人工与自动评分结合。\n"
    "      - question: " QUESTION(2) "\n        answer: 先看业务指标，再看模型指标。\n"
    "        analysis: 评估要贴近真实使用场景。\n"
    "  - title: 第二部分\n"
    "    items:\n"
    "      - question: " QUESTION(3) "\n        answer: 用户反馈是最直接的信号。\n"
    "      - question: " QUESTION(4) "\n        answer: ANSWER4\n"
    "closing:\n  body: 谢谢大家。\n";

/* The deck with item 4's answer replaced by 'answer'. */
static bool load(fixture *fx, const char *answer)
{
    const char *mark = strstr(deck_yaml, "ANSWER4");
    char *text = dp_arena_printf(fx->a, "%.*s%s%s", (int)(mark - deck_yaml), deck_yaml, answer,
                                 mark + strlen("ANSWER4"));
    fx->deck = dp_deck_parse(fx->a, "test.yaml", text, strlen(text), fx->d);
    if (!fx->deck || !dp_images_load(fx->a, fx->deck, false, fx->d))
        return false;
    fx->t = dp_template_load(fx->a, "default", template_dirs, fx->deck, (dp_loc){0}, fx->d);
    fx->print = dp_template_load(fx->a, "print", template_dirs, fx->deck, (dp_loc){0}, fx->d);
    if (!fx->t || !fx->print)
        return false;
    fx->print = dp_template_for_print(fx->a, fx->t, fx->print);
    fx->styles = dp_styles_resolve(fx->a, fx->t, fx->fonts, fx->d);
    dp_deck_default_titles(fx->deck, fx->t->labels);
    return true;
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->a = dp_arena_new(256 * 1024);
    fx->d = dp_diags_new();
    fx->fonts = dp_fonts_new(NULL, fx->d);
    stub_scale = 1;
    if (!fx->fonts || !load(fx, "短回答。")) {
        dp_diags_print(fx->d, stderr, false);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    dp_fonts_free(fx->fonts);
    dp_diags_free(fx->d);
    dp_arena_free(fx->a);
    free(fx);
    return 0;
}

/* ===== Helpers over the display list ===== */

/* Every text run of page 'p' joined (runs are pieces of lines). */
static char *page_text(dp_arena *a, const dp_page *p)
{
    char *s = "";
    for (int i = 0; i < p->n_ops; i++)
        if (p->ops[i].kind == DP_OP_TEXT)
            s = dp_arena_printf(a, "%s%.*s", s, p->ops[i].as.text.len, p->ops[i].as.text.utf8);
    return s;
}

/* The first page at or after 'from' whose text contains 'needle'; -1 if none. */
static int find_page(dp_arena *a, const dp_dlist *dl, int from, const char *needle)
{
    for (int i = from; i < dl->n_pages; i++)
        if (strstr(page_text(a, &dl->pages[i]), needle))
            return i;
    return -1;
}

/* Every text run starts and ends inside its page. */
static void assert_text_inside(const dp_dlist *dl)
{
    for (int p = 0; p < dl->n_pages; p++) {
        const dp_page *pg = &dl->pages[p];
        for (int i = 0; i < pg->n_ops; i++) {
            const dp_op *op = &pg->ops[i];
            if (op->kind != DP_OP_TEXT)
                continue;
            if (op->x_pt < 0 || op->x_pt + op->as.text.width_pt > pg->w_pt + 0.01f ||
                op->y_pt - op->as.text.size_pt < 0 || op->y_pt > pg->h_pt)
                fail_msg("page %d: \"%.*s\" at %.1f,%.1f (%.1f wide) leaves the %.0f x %.0f page", p + 1,
                         op->as.text.len, op->as.text.utf8, (double)op->x_pt, (double)op->y_pt,
                         (double)op->as.text.width_pt, (double)pg->w_pt, (double)pg->h_pt);
        }
    }
}

static float smallest_text(const dp_page *p)
{
    float min = 0;
    for (int i = 0; i < p->n_ops; i++)
        if (p->ops[i].kind == DP_OP_TEXT && (min == 0 || p->ops[i].as.text.size_pt < min))
            min = p->ops[i].as.text.size_pt;
    return min;
}

static int text_runs(const dp_page *p)
{
    int n = 0;
    for (int i = 0; i < p->n_ops; i++)
        n += p->ops[i].kind == DP_OP_TEXT;
    return n;
}

/* A long answer: 'n' sentences of Han text. */
static const char *long_answer(dp_arena *a, int n)
{
    char *s = "";
    for (int i = 0; i < n; i++)
        s = dp_arena_printf(a, "%s数据清洗和预处理是训练大模型的关键步骤，质量比数量更重要。", s);
    return s;
}

/* ===== Slides ===== */

/* Title, agenda, a divider per section, one slide per item, closing; every
 * question on its own slide, in order; nothing off the page. */
static void slides_in_order(void **state)
{
    fixture *fx = *state;
    stub_calls = 0;
    dp_dlist *dl = dp_layout_slides(fx->a, fx->deck, fx->t, fx->styles, fx->d);
    assert_non_null(dl);
    assert_true(stub_calls > 0); /* measured with the stubs */
    assert_int_equal(dp_error_count(fx->d), 0);
    assert_int_equal(dl->n_pages, 1 + 1 + 2 + 4 + 1);
    int at = 0;
    const char *questions[] = {QUESTION(1), QUESTION(2), QUESTION(3), QUESTION(4)};
    for (int i = 0; i < 4; i++) {
        int p = find_page(fx->a, dl, at, questions[i]);
        if (p < 0)
            fail_msg("question %d is on no slide after slide %d", i + 1, at);
        assert_true(p > at);
        at = p;
    }
    assert_int_not_equal(find_page(fx->a, dl, 0, "谢谢大家"), -1);
    for (int p = 0; p < dl->n_pages; p++) {
        assert_float_equal(dl->pages[p].w_pt, fx->t->page_w_pt, 0.01);
        assert_false(dl->pages[p].continues);
    }
    assert_text_inside(dl);
}

/* A long answer continues on （续） slides, with a warning; each piece stays
 * on its slide. */
static void long_answer_continues(void **state)
{
    fixture *fx = *state;
    assert_true(load(fx, long_answer(fx->a, 40)));
    int warnings = dp_warning_count(fx->d);
    dp_dlist *dl = dp_layout_slides(fx->a, fx->deck, fx->t, fx->styles, fx->d);
    assert_non_null(dl);
    int continued = 0;
    for (int p = 0; p < dl->n_pages; p++)
        continued += dl->pages[p].continues;
    assert_true(continued >= 1);
    assert_int_equal(dl->n_pages, 9 + continued);
    assert_true(dp_warning_count(fx->d) > warnings);
    assert_text_inside(dl);
}

/* The metrics drive the layout: the same answer in glyphs twice as wide
 * takes more lines, is set smaller or takes more slides. */
static void wider_glyphs_need_more_room(void **state)
{
    fixture *fx = *state;
    assert_true(load(fx, long_answer(fx->a, 4)));
    dp_dlist *narrow = dp_layout_slides(fx->a, fx->deck, fx->t, fx->styles, fx->d);
    stub_scale = 2;
    dp_dlist *wider = dp_layout_slides(fx->a, fx->deck, fx->t, fx->styles, fx->d);
    stub_scale = 1;
    assert_non_null(narrow);
    assert_non_null(wider);
    int item = find_page(fx->a, narrow, 0, QUESTION(4));
    assert_true(item > 0);
    /* more lines, a smaller size or more slides */
    assert_true(wider->n_pages > narrow->n_pages ||
                text_runs(&wider->pages[item]) > text_runs(&narrow->pages[item]) ||
                smallest_text(&wider->pages[item]) < smallest_text(&narrow->pages[item]));
    assert_text_inside(wider);
}

/* ===== Booklet ===== */

static dp_handout_opts booklet_opts(int columns)
{
    dp_handout_opts o = {.per_sheet = 0, .columns = columns};
    dp_handout_paper(&o, DP_PAPER_A4);
    return o;
}

/* A4 portrait pages; every question once, in the deck's order, after the
 * cover; nothing off the page; two columns never take more pages than one. */
static void booklet_in_order(void **state)
{
    fixture *fx = *state;
    assert_true(load(fx, long_answer(fx->a, 30)));
    dp_handout_opts o = booklet_opts(1);
    dp_dlist *dl = dp_layout_booklet(fx->a, fx->deck, fx->print, fx->styles, &o, fx->d);
    assert_non_null(dl);
    assert_int_equal(dp_error_count(fx->d), 0);
    assert_true(dl->n_pages >= 2);
    for (int p = 0; p < dl->n_pages; p++) {
        assert_float_equal(dl->pages[p].w_pt, 595.28, 0.01);
        assert_float_equal(dl->pages[p].h_pt, 841.89, 0.01);
    }
    const char *questions[] = {QUESTION(1), QUESTION(2), QUESTION(3), QUESTION(4)};
    int at = 0;
    for (int i = 0; i < 4; i++) {
        int p = find_page(fx->a, dl, at, questions[i]);
        if (p < 0)
            fail_msg("question %d is on no booklet page from page %d", i + 1, at + 1);
        assert_true(p >= 1); /* the cover comes first */
        at = p;
    }
    assert_text_inside(dl);

    dp_handout_opts two = booklet_opts(2);
    dp_dlist *dl2 = dp_layout_booklet(fx->a, fx->deck, fx->print, fx->styles, &two, fx->d);
    assert_non_null(dl2);
    assert_true(dl2->n_pages <= dl->n_pages);
    assert_text_inside(dl2);
}

/* More text, more pages: the booklet flows instead of shrinking. */
static void booklet_grows_with_text(void **state)
{
    fixture *fx = *state;
    dp_handout_opts o = booklet_opts(1);
    dp_dlist *short_one = dp_layout_booklet(fx->a, fx->deck, fx->print, fx->styles, &o, fx->d);
    assert_true(load(fx, long_answer(fx->a, 200)));
    dp_dlist *long_one = dp_layout_booklet(fx->a, fx->deck, fx->print, fx->styles, &o, fx->d);
    assert_non_null(short_one);
    assert_non_null(long_one);
    assert_true(long_one->n_pages > short_one->n_pages);
    /* never shrunk: the answer's text is as large on its last page as on its first */
    assert_float_equal(smallest_text(&long_one->pages[long_one->n_pages - 1]),
                       smallest_text(&long_one->pages[long_one->n_pages - 2]), 0.01);
    assert_text_inside(long_one);
}

/* ===== Imposition ===== */

static bool overlap(float ax, float ay, float aw, float ah, float bx, float by, float bw, float bh)
{
    return ax < bx + bw - 0.01f && bx < ax + aw - 0.01f && ay < by + bh - 0.01f && by < ay + ah - 0.01f;
}

/* Every layout of the table: ceil(slides / n) sheets, each slide placed
 * once and in order, at one scale, inside the sheet, none overlapping;
 * 3-up stays portrait (notes beside each slide). */
static void every_layout_imposes(void **state)
{
    fixture *fx = *state;
    assert_true(load(fx, long_answer(fx->a, 40)));
    dp_dlist *slides = dp_layout_slides(fx->a, fx->deck, fx->print, fx->styles, fx->d);
    assert_non_null(slides);
    int shown = 0;
    for (int p = 0; p < slides->n_pages; p++)
        shown += !slides->pages[p].is_step;
    for (int l = 0; l < DP_HANDOUT_LAYOUT_COUNT; l++) {
        const dp_handout_layout *layout = &dp_handout_layouts[l];
        if (layout->per_sheet == 0)
            continue;
        dp_handout_opts o = {.per_sheet = layout->per_sheet, .columns = 1};
        dp_handout_paper(&o, DP_PAPER_A4);
        int n = 0;
        dp_sheet *sheets = dp_impose(fx->a, slides, fx->deck, fx->print, fx->styles, &o, &n, fx->d);
        assert_non_null(sheets);
        assert_int_equal(n, (shown + layout->per_sheet - 1) / layout->per_sheet);
        int next = 0;
        float scale = sheets[0].places[0].scale;
        for (int s = 0; s < n; s++) {
            const dp_sheet *sh = &sheets[s];
            assert_true(sh->n_places >= 1 && sh->n_places <= layout->per_sheet);
            if (layout->annex == DP_ANNEX_NOTES_BESIDE)
                assert_true(sh->w_pt < sh->h_pt);
            assert_non_null(sh->extras);
            for (int i = 0; i < sh->n_places; i++) {
                const dp_place *pl = &sh->places[i];
                while (slides->pages[next].is_step)
                    next++;
                assert_int_equal(pl->page, next++);
                assert_float_equal(pl->scale, scale, 1e-6);
                float w = slides->pages[pl->page].w_pt * pl->scale, h = slides->pages[pl->page].h_pt * pl->scale;
                assert_true(pl->dx_pt >= 0 && pl->dy_pt >= 0);
                assert_true(pl->dx_pt + w <= sh->w_pt && pl->dy_pt + h <= sh->h_pt);
                for (int j = 0; j < i; j++) {
                    const dp_place *q = &sh->places[j];
                    if (overlap(pl->dx_pt, pl->dy_pt, w, h, q->dx_pt, q->dy_pt, w, h))
                        fail_msg("%d-up sheet %d: slides %d and %d overlap", layout->per_sheet, s + 1, j + 1, i + 1);
                }
            }
        }
        int placed = 0;
        for (int s = 0; s < n; s++)
            placed += sheets[s].n_places;
        assert_int_equal(placed, shown);
    }
    assert_int_equal(dp_error_count(fx->d), 0);
}

/* More slides a sheet, smaller slides. */
static void more_per_sheet_is_smaller(void **state)
{
    fixture *fx = *state;
    dp_dlist *slides = dp_layout_slides(fx->a, fx->deck, fx->print, fx->styles, fx->d);
    assert_non_null(slides);
    float last = 1e9f;
    int order[] = {1, 2, 4, 9};
    for (int i = 0; i < 4; i++) {
        dp_handout_opts o = {.per_sheet = order[i], .columns = 1};
        dp_handout_paper(&o, DP_PAPER_A4);
        int n = 0;
        dp_sheet *sheets = dp_impose(fx->a, slides, fx->deck, fx->print, fx->styles, &o, &n, fx->d);
        assert_non_null(sheets);
        assert_true(sheets[0].places[0].scale < last);
        last = sheets[0].places[0].scale;
    }
}

/* A number of slides a sheet that is not in the table is an error, never
 * a silent 3 x 3. */
static void unsupported_count_is_an_error(void **state)
{
    fixture *fx = *state;
    dp_dlist *slides = dp_layout_slides(fx->a, fx->deck, fx->print, fx->styles, fx->d);
    assert_non_null(slides);
    int bad[] = {5, 7, 8, 12, -1};
    for (int i = 0; i < 5; i++) {
        dp_diags *d = dp_diags_new();
        dp_handout_opts o = {.per_sheet = bad[i], .columns = 1};
        dp_handout_paper(&o, DP_PAPER_A4);
        int n = -1;
        assert_null(dp_impose(fx->a, slides, fx->deck, fx->print, fx->styles, &o, &n, d));
        assert_int_equal(dp_error_count(d), 1);
        dp_diags_free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(slides_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(long_answer_continues, setup, teardown),
        cmocka_unit_test_setup_teardown(wider_glyphs_need_more_room, setup, teardown),
        cmocka_unit_test_setup_teardown(booklet_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(booklet_grows_with_text, setup, teardown),
        cmocka_unit_test_setup_teardown(every_layout_imposes, setup, teardown),
        cmocka_unit_test_setup_teardown(more_per_sheet_is_smaller, setup, teardown),
        cmocka_unit_test_setup_teardown(unsupported_count_is_an_error, setup, teardown),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
