/* test_pdf_content.c: the content stream builder (pdf_content.c): operators
 * and numbers as PDF readers parse them, state written only on change, CID
 * strings escaped, and q/Q restoring what the builder believes is set. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "dlist.h"
#include "pdf_content.h"

/* Face 0 draws A (CID 5), 中 (CID 0x0128: a '(' byte), 。 (CID 0x5C0D: '\\'
 * then CR) and U+0029 (CID 0x0A29: LF then ')'). */
static const uint32_t CPS[] = {0x29, 'A', 0x3002, 0x4E2D}; /* sorted */
static const uint16_t CIDS[] = {0x0A29, 5, 0x5C0D, 0x0128};
static const dp_cid_map MAPS[] = {{CPS, CIDS, 4}, {CPS, CIDS, 4}};

static const dp_rgb INK = {0.2f, 0.4f, 0.6f};

static dp_op *text(dp_arena *a, dp_page *p, int face, float x, float y, float size, const char *s)
{
    dp_op *op = dp_page_add_op(a, p, DP_OP_TEXT);
    op->x_pt = x;
    op->y_pt = y;
    op->as.text.face = face;
    op->as.text.size_pt = size;
    op->as.text.color = INK;
    op->as.text.utf8 = s;
    op->as.text.len = (int)strlen(s);
    return op;
}

/* The stream as a NUL-terminated string (CIDs may hold NUL bytes: those are
 * compared with memmem by the tests that need them). */
static const char *stream(dp_content *c, size_t *len)
{
    static char buf[8192];
    const char *s = dp_content_data(c, len);
    assert_true(*len < sizeof buf);
    memcpy(buf, s, *len);
    buf[*len] = '\0';
    for (size_t i = 0; i < *len; i++)
        if (!buf[i])
            buf[i] = '@'; /* visible stand-in for the CIDs' zero bytes */
    return buf;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void runs_share_text_object_and_state(void **state)
{
    (void)state;
    dp_arena *a = dp_arena_new(4096);
    dp_page page = {.w_pt = 960, .h_pt = 540};
    text(a, &page, 0, 60, 100, 24, "A");
    text(a, &page, 0, 72.5f, 100, 24, "A");     /* same font, colour: only a move */
    text(a, &page, 1, 60, 130.25f, 24, "A");    /* other face: Tf again */
    dp_content *c = dp_content_new(MAPS, 2, NULL);
    dp_content_page(c, &page, 540, NULL);
    size_t len;
    const char *s = stream(c, &len);
    assert_int_equal(count(s, "BT\n"), 1);
    assert_int_equal(count(s, "ET\n"), 1);
    assert_int_equal(count(s, " rg\n"), 1);
    assert_int_equal(count(s, "Tf\n"), 2);
    assert_non_null(strstr(s, "0.2 0.4 0.6 rg\n"));
    assert_non_null(strstr(s, "/F0 24 Tf\n"));
    /* y flips (540 - 100 = 440); later moves are relative to the line start */
    assert_non_null(strstr(s, "60 440 Td\n(@\x05)Tj\n12.5 0 Td\n"));
    assert_non_null(strstr(s, "/F1 24 Tf\n-12.5 -30.25 Td\n"));
    dp_content_free(c);
    dp_arena_free(a);
}

static void cid_bytes_are_escaped(void **state)
{
    (void)state;
    dp_arena *a = dp_arena_new(4096);
    dp_page page = {.w_pt = 100, .h_pt = 100};
    text(a, &page, 0, 0, 0, 10, "中。)");
    dp_content *c = dp_content_new(MAPS, 1, NULL);
    dp_content_page(c, &page, 100, NULL);
    size_t len;
    const char *s = dp_content_data(c, &len);
    /* 中 = 01 28 -> 01 \( ; 。 = 5C 0D -> \\ \r ; ) = 0A 29 -> \n \) */
    static const char want[] = "(\x01\\(\\\\\\r\\n\\))Tj\n";
    assert_non_null(memmem(s, len, want, sizeof want - 1));
    dp_content_free(c);
    dp_arena_free(a);
}

static void shapes_fake_bold_and_numbers(void **state)
{
    (void)state;
    dp_arena *a = dp_arena_new(4096);
    dp_page page = {.w_pt = 200, .h_pt = 100};
    dp_page_rect(a, &page, 10, 20, 30.333f, 0.004f, INK); /* 0.004 rounds to 0 */
    dp_op *bold = text(a, &page, 0, 1, 50, 10, "A");
    bold->as.text.stroke_pt = 0.3f;
    bold->as.text.char_space_pt = -0.0625f;
    text(a, &page, 0, 1, 60, 10, "A");                    /* back to fill only */
    dp_page_frame(a, &page, 0, 0, 200, 100, 0.3f, INK);   /* same width: no 'w' */
    dp_content *c = dp_content_new(MAPS, 1, NULL);
    dp_content_page(c, &page, 100, NULL);
    size_t len;
    const char *s = stream(c, &len);
    assert_non_null(strstr(s, "10 80 30.33 0 re f\n"));
    assert_non_null(strstr(s, "0.2 0.4 0.6 RG\n0.3 w\n1 j\nBT\n"));
    assert_non_null(strstr(s, "2 Tr\n-0.063 Tc\n"));
    assert_non_null(strstr(s, "0 Tr\n0 Tc\n"));
    /* the frame needs miter joins, and is drawn outside the text object */
    assert_non_null(strstr(s, "ET\n0 j\n0 0 200 100 re S\n"));
    assert_int_equal(count(s, " w\n"), 1);
    dp_content_free(c);
    dp_arena_free(a);
}

static void placed_pages_restore_state(void **state)
{
    (void)state;
    dp_arena *a = dp_arena_new(4096);
    dp_page page = {.w_pt = 960, .h_pt = 540};
    text(a, &page, 0, 0, 540, 20, "A");
    dp_content *c = dp_content_new(MAPS, 1, NULL);
    dp_content_place(c, &page, 0.25f, 40, 60, 842, NULL);
    dp_content_place(c, &page, 0.25f, 40, 300, 842, NULL);
    size_t len;
    const char *s = stream(c, &len);
    /* scale, then move: the page's top-left lands 60 pt below the sheet's top */
    assert_non_null(strstr(s, "q\n0.25 0 0 0.25 40 647 cm\n0 0 960 540 re W n\n"));
    /* Q forgets the colour and font set inside: both pages set them */
    assert_int_equal(count(s, " rg\n"), 2);
    assert_int_equal(count(s, "Tf\n"), 2);
    assert_int_equal(count(s, "q\n"), 2);
    assert_int_equal(count(s, "Q\n"), 2);
    dp_content_reset(c);
    dp_content_data(c, &len);
    assert_int_equal(len, 0);
    dp_content_free(c);
    dp_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runs_share_text_object_and_state),
        cmocka_unit_test(cid_bytes_are_escaped),
        cmocka_unit_test(shapes_fake_bold_and_numbers),
        cmocka_unit_test(placed_pages_restore_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
