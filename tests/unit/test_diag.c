/* test_diag.c: the diagnostics printer: GNU-style first line, the echoed
 * source line, the caret under the right column (CJK is two cells, tabs stay
 * tabs), hints, notes, the error limit and its closing line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

/* Everything dp_diags_print writes, as a malloc'd string. */
static char *printed(const dp_diags *d, bool color)
{
    /* static: the stream keeps their addresses until fclose (and GCC warns otherwise) */
    static char *buf;
    static size_t len;
    buf = NULL;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    dp_diags_print(d, f, color);
    fclose(f);
    return buf;
}

static void add_source(dp_diags *d, const char *file, const char *text)
{
    dp_diags_add_source(d, file, text, strlen(text));
}

static void caret_under_cjk_column(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    /* "anwser" starts at character 7 of line 2; 答案 before it is 2 chars, 4 cells. */
    add_source(d, "deck.yaml", "title: x\n答案: anwser: y\n");
    dp_error(d, (dp_loc){"deck.yaml", 2, 5}, "bad %s", "thing");
    char *out = printed(d, false);
    assert_string_equal(out, "deck.yaml:2:5: error: bad thing\n"
                             "    2 | 答案: anwser: y\n"
                             "      |       ^\n");
    free(out);
    dp_diags_free(d);
}

static void caret_keeps_tabs_and_counts_wide_ranges(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    /* tab, fullwidth Ａ (U+FF21), Hangul 한 (U+D55C), plain é: 1 + 2 + 2 + 1 cells before col 5 */
    add_source(d, "f.yaml", "\tＡ한éX\n");
    dp_error(d, (dp_loc){"f.yaml", 1, 5}, "here");
    char *out = printed(d, false);
    assert_string_equal(out, "f.yaml:1:5: error: here\n"
                             "    1 | \tＡ한éX\n"
                             "      | \t     ^\n");
    free(out);
    dp_diags_free(d);
}

static void hint_and_note_and_warning(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    add_source(d, "a.yaml", "k: 1\nk: 2\n");
    dp_error(d, (dp_loc){"a.yaml", 2, 1}, "duplicate key \"k\"");
    dp_hint(d, "remove one of them");
    dp_note(d, (dp_loc){"a.yaml", 1, 1}, "first here");
    dp_warning(d, (dp_loc){"a.yaml", 1, 4}, "odd");
    char *out = printed(d, false);
    assert_string_equal(out, "a.yaml:2:1: error: duplicate key \"k\"\n"
                             "    2 | k: 2\n"
                             "      | ^\n"
                             "  hint: remove one of them\n"
                             "a.yaml:1:1: note: first here\n"
                             "    1 | k: 1\n"
                             "      | ^\n"
                             "a.yaml:1:4: warning: odd\n"
                             "    1 | k: 1\n"
                             "      |    ^\n");
    assert_int_equal(dp_error_count(d), 1);
    assert_int_equal(dp_warning_count(d), 1);
    free(out);
    dp_diags_free(d);
}

static void positionless_messages(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot read x: gone");
    dp_error(d, (dp_loc){"t.yaml", 0, 0}, "file is larger than 64 MiB");
    dp_error(d, (dp_loc){"nosource.yaml", 3, 2}, "no echo without a source");
    char *out = printed(d, false);
    assert_string_equal(out, "deckpress: error: cannot read x: gone\n"
                             "t.yaml: error: file is larger than 64 MiB\n"
                             "nosource.yaml:3:2: error: no echo without a source\n");
    /* The first error decides the status. */
    assert_int_equal(dp_diags_status(d), DP_EXIT_IO);
    free(out);
    dp_diags_free(d);
}

static void crlf_line_is_echoed_without_cr(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    add_source(d, "w.yaml", "a: 1\r\nbb: 2\r\n");
    dp_error(d, (dp_loc){"w.yaml", 2, 5}, "x");
    char *out = printed(d, false);
    assert_string_equal(out, "w.yaml:2:5: error: x\n    2 | bb: 2\n      |     ^\n");
    free(out);
    dp_diags_free(d);
}

static void error_limit_and_final_line(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    for (int i = 0; i < DP_MAX_ERRORS + 5; i++) {
        assert_int_equal(dp_diags_full(d), i >= DP_MAX_ERRORS);
        dp_error(d, (dp_loc){"e.yaml", 0, 0}, "error %d", i);
        dp_note(d, (dp_loc){"e.yaml", 0, 0}, "note %d", i); /* dropped with its error */
        dp_hint(d, "hint %d", i);
    }
    assert_int_equal(dp_error_count(d), DP_MAX_ERRORS + 5);
    assert_true(dp_diags_full(d));
    char *out = printed(d, false);
    assert_non_null(strstr(out, "e.yaml: error: error 19\n"));
    assert_non_null(strstr(out, "e.yaml: note: note 19\n  hint: hint 19\n"));
    assert_null(strstr(out, "error 20"));
    assert_null(strstr(out, "note 20"));
    assert_null(strstr(out, "hint 20"));
    const char *tail = "deckpress: 5 more errors not shown\n";
    size_t n = strlen(out), t = strlen(tail);
    assert_true(n > t);
    assert_string_equal(out + n - t, tail);
    free(out);
    dp_diags_free(d);
}

static void warnings_are_not_counted_as_errors(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    dp_warning(d, (dp_loc){"w.yaml", 0, 0}, "w");
    assert_int_equal(dp_error_count(d), 0);
    assert_int_equal(dp_diags_status(d), DP_EXIT_OK);
    dp_error(d, (dp_loc){"w.yaml", 0, 0}, "e");
    assert_int_equal(dp_diags_status(d), DP_EXIT_INPUT);
    dp_diags_free(d);
}

static void long_line_is_cut_around_the_column(void **state)
{
    (void)state;
    char line[1001];
    for (int i = 0; i < 1000; i++)
        line[i] = (char)('a' + i % 26);
    line[1000] = '\0';
    dp_diags *d = dp_diags_new();
    add_source(d, "l.yaml", line);
    dp_error(d, (dp_loc){"l.yaml", 1, 500}, "far");
    char *out = printed(d, false);
    char *echo = strchr(out, '\n') + 1;
    char *caret = strchr(echo, '\n') + 1;
    size_t echo_len = (size_t)(caret - echo - 1);
    assert_true(echo_len < 200);
    assert_memory_equal(echo, "    1 | ...", 11);
    /* the caret sits under the character at column 500 */
    char *hat = strchr(caret, '^');
    assert_non_null(hat);
    assert_int_equal(echo[hat - caret], line[499]);
    free(out);
    dp_diags_free(d);
}

static void color_marks_the_severity(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    dp_error(d, (dp_loc){"c.yaml", 0, 0}, "e");
    dp_warning(d, (dp_loc){"c.yaml", 0, 0}, "w");
    dp_note(d, (dp_loc){"c.yaml", 0, 0}, "n");
    char *out = printed(d, true);
    assert_non_null(strstr(out, "\033[1;31merror:\033[0m e"));
    assert_non_null(strstr(out, "\033[1;35mwarning:\033[0m w"));
    assert_non_null(strstr(out, "\033[1;36mnote:\033[0m n"));
    free(out);
    out = printed(d, false);
    assert_null(strchr(out, '\033'));
    free(out);
    dp_diags_free(d);
}

static void invalid_bytes_are_not_echoed_raw(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    dp_diags_add_source(d, "b.yaml", "ab\xFF" "c\n", 5);
    dp_error(d, (dp_loc){"b.yaml", 1, 3}, "bad");
    char *out = printed(d, false);
    assert_string_equal(out, "b.yaml:1:3: error: bad\n    1 | ab\xEF\xBF\xBD" "c\n      |   ^\n");
    free(out);
    dp_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(caret_under_cjk_column),
        cmocka_unit_test(caret_keeps_tabs_and_counts_wide_ranges),
        cmocka_unit_test(hint_and_note_and_warning),
        cmocka_unit_test(positionless_messages),
        cmocka_unit_test(crlf_line_is_echoed_without_cr),
        cmocka_unit_test(error_limit_and_final_line),
        cmocka_unit_test(warnings_are_not_counted_as_errors),
        cmocka_unit_test(long_line_is_cut_around_the_column),
        cmocka_unit_test(color_marks_the_severity),
        cmocka_unit_test(invalid_bytes_are_not_echoed_raw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
