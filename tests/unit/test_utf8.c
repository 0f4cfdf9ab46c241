/* test_utf8.c: UTF-8 decoding and validation (RFC 3629). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static void decodes_every_length(void **state)
{
    (void)state;
    const char *s = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80"; /* a é 中 😀 */
    size_t i = 0, len = strlen(s);
    assert_int_equal(dp_utf8_next(s, len, &i), 'a');
    assert_int_equal(dp_utf8_next(s, len, &i), 0xE9);
    assert_int_equal(dp_utf8_next(s, len, &i), 0x4E2D);
    assert_int_equal(dp_utf8_next(s, len, &i), 0x1F600);
    assert_int_equal(i, len);
    assert_int_equal(dp_utf8_count(s, len), 4);
}

static void rejects_malformed(void **state)
{
    (void)state;
    static const char *bad[] = {
        "\xFF", "\xC0\xAF" /* overlong / */, "\xE0\x80\xAF", "\xED\xA0\x80" /* surrogate */,
        "\xF4\x90\x80\x80" /* > U+10FFFF */, "\xE4\xB8" /* truncated */, "\x80", "\xC3(",
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        size_t i = 0, len = strlen(bad[k]);
        assert_int_equal(dp_utf8_next(bad[k], len, &i), DP_UTF8_BAD);
        assert_int_equal(i, 1); /* always moves on by one byte */
        assert_int_equal(dp_utf8_invalid_at(bad[k], len), 0);
    }
}

static void finds_first_invalid_byte(void **state)
{
    (void)state;
    const char *s = "题目\xFF答案";
    assert_int_equal(dp_utf8_invalid_at(s, strlen(s)), 6);
    assert_int_equal(dp_utf8_invalid_at("题目", 6), 6);
}

static void encode_roundtrip(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x41, 0x7FF, 0x800, 0x4E2D, 0xFFFF, 0x10000, 0x10FFFF};
    for (size_t k = 0; k < sizeof cps / sizeof *cps; k++) {
        char buf[4];
        int n = dp_utf8_encode(cps[k], buf);
        size_t i = 0;
        assert_int_equal(dp_utf8_next(buf, (size_t)n, &i), cps[k]);
        assert_int_equal(i, (size_t)n);
    }
}

/* Names in messages: cut between characters, never inside one, with "…". */
static void clips_at_character_boundaries(void **state)
{
    (void)state;
    char big[64], small[8];
    assert_string_equal(dp_utf8_clip(big, sizeof big, "一二三四五", 3), "一二三…");
    assert_string_equal(dp_utf8_clip(big, sizeof big, "一二三", 3), "一二三");
    assert_string_equal(dp_utf8_clip(big, sizeof big, "a😀b", 2), "a😀…");
    /* a buffer too small for three characters and the ellipsis: fewer characters */
    assert_string_equal(dp_utf8_clip(small, sizeof small, "一二三四五", 3), "一…");
    assert_int_equal(dp_utf8_prefix("一二", 6, 1), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_every_length),
        cmocka_unit_test(rejects_malformed),
        cmocka_unit_test(finds_first_invalid_byte),
        cmocka_unit_test(encode_roundtrip),
        cmocka_unit_test(clips_at_character_boundaries),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
