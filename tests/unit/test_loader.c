/* test_loader.c: YAML → tree → deck and template, through their public
 * functions. Every error kind the loaders report is checked for its message
 * and its position; pathological inputs (alias bombs, 10 000-deep nesting)
 * must fail fast and cleanly. Run from the repository root: it reads
 * templates/ and decks/llm-founders-meetup.yaml (skipped when absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "deck.h"
#include "node.h"
#include "template.h"

static const char *const template_dirs[] = {"templates", NULL};

/* ===== Harness ===== */

typedef struct {
    dp_arena *a;
    dp_diags *d;
    char *out; /* what dp_diags_print wrote, after run() */
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->a = dp_arena_new(0);
    fx->d = dp_diags_new();
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    dp_arena_free(fx->a);
    dp_diags_free(fx->d);
    free(fx->out);
    free(fx);
    return 0;
}

static const char *printed(fixture *fx)
{
    size_t len = 0;
    free(fx->out);
    fx->out = NULL;
    FILE *f = open_memstream(&fx->out, &len);
    dp_diags_print(fx->d, f, false);
    fclose(f);
    return fx->out;
}

static dp_deck *parse(fixture *fx, const char *yaml)
{
    dp_deck *deck = dp_deck_parse(fx->a, "t.yaml", yaml, strlen(yaml), fx->d);
    printed(fx);
    return deck;
}

static dp_deck *parse_n(fixture *fx, const char *yaml, size_t len)
{
    dp_deck *deck = dp_deck_parse(fx->a, "t.yaml", yaml, len, fx->d);
    printed(fx);
    return deck;
}

/* Fail with the whole output when 'needle' is not in it. */
#define expect_output(fx, needle)                                                         \
    do {                                                                                  \
        if (!strstr((fx)->out, (needle))) {                                               \
            print_error("expected:\n%s\nin output:\n%s\n", (needle), (fx)->out);          \
            fail();                                                                       \
        }                                                                                 \
    } while (0)

/* The first line of the output must be exactly 'line'. */
#define expect_first_line(fx, line)                                                       \
    do {                                                                                  \
        size_t n_ = strcspn((fx)->out, "\n");                                             \
        if (strlen(line) != n_ || strncmp((fx)->out, (line), n_) != 0) {                  \
            print_error("expected first line:\n%s\noutput:\n%s\n", (line), (fx)->out);   \
            fail();                                                                       \
        }                                                                                 \
    } while (0)

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* A valid item list, to build decks with many items. */
static char *items_yaml(int n, const char *indent)
{
    size_t cap = (size_t)n * 200 + 1;
    char *s = calloc(1, cap), *p = s;
    for (int i = 1; i <= n; i++)
        p += sprintf(p, "%s- question: 问题%d？\n%s  answer: 答案%d。\n", indent, i, indent, i);
    return s;
}

/* ===== The real deck ===== */

static void real_deck_loads(void **state)
{
    fixture *fx = *state;
    const char *path = "decks/llm-founders-meetup.yaml";
    if (access(path, R_OK) != 0)
        skip();
    dp_deck *deck = dp_deck_load(fx->a, path, fx->d);
    printed(fx);
    if (!deck) {
        print_error("%s", fx->out);
        fail();
    }
    assert_int_equal(dp_error_count(fx->d), 0);
    assert_string_equal(deck->dir, "decks");
    assert_true(deck->n_sections >= 1);
    assert_true(deck->n_items >= 1);
    int number = 0;
    for (int s = 0; s < deck->n_sections; s++) {
        assert_non_null(deck->sections[s].title.s);
        for (int i = 0; i < deck->sections[s].n_items; i++) {
            const dp_item *it = &deck->sections[s].items[i];
            assert_int_equal(it->number, ++number);
            assert_non_null(it->question.s);
            assert_non_null(it->answer.s);
            assert_true(it->loc.line > 0);
        }
    }
    assert_int_equal(number, deck->n_items);
    dp_template *t = dp_template_load(fx->a, deck->template_name.s, template_dirs, deck,
                                      deck->template_name.loc, fx->d);
    assert_non_null(t);
}

/* ===== A good deck and its defaults ===== */

static void minimal_deck_and_defaults(void **state)
{
    fixture *fx = *state;
    dp_deck *deck = parse(fx, "title: 2024\n"        /* a number is fine as a title */
                              "date: 2024-02-29\n"   /* leap day */
                              "organizers: 主办方甲\n" /* one organiser without brackets */
                              "handout: {layout: 3, paper: letter}\n"
                              "intro:\n"
                              "  body: 你好\n"
                              "closing:\n"
                              "sections:\n"
                              "  - title: 一\n"
                              "    items:\n"
                              "      - {question: 问一, answer: 答一}\n"
                              "  - title: 二\n"
                              "    items:\n"
                              "      - {question: 问二, answer: 答二, notes: ''}\n");
    assert_non_null(deck);
    assert_string_equal(fx->out, "");
    assert_string_equal(deck->title.s, "2024");
    assert_string_equal(deck->event.s, "2024"); /* event defaults to title */
    assert_int_equal(deck->event.loc.line, 1);
    assert_string_equal(deck->lang.s, "zh-CN");
    assert_null(deck->template_name.s); /* the theme's: default (light) */
    assert_null(deck->settings.template_name);
    assert_int_equal(deck->settings.theme, DP_THEME_LIGHT);
    assert_false(deck->settings.theme_given);
    assert_int_equal(deck->settings.aspect, DP_ASPECT_TEMPLATE);
    assert_int_equal(deck->settings.per_sheet, 3);
    assert_int_equal(deck->settings.paper, DP_PAPER_LETTER);
    assert_false(deck->settings.reveal);
    assert_int_equal(deck->year, 2024);
    assert_int_equal(deck->month, 2);
    assert_int_equal(deck->day, 29);
    assert_int_equal(deck->n_organizers, 1);
    assert_string_equal(deck->organizers[0].s, "主办方甲");
    assert_string_equal(deck->handout_layout.s, "3");
    assert_string_equal(deck->handout_paper.s, "letter");
    assert_true(deck->intro.present);
    assert_string_equal(deck->intro.title.s, "引言");
    assert_string_equal(deck->intro.body.s, "你好");
    assert_false(deck->closing.present); /* `closing:` with nothing is absent */
    assert_int_equal(deck->n_sections, 2);
    assert_int_equal(deck->n_items, 2);
    assert_int_equal(deck->sections[1].items[0].number, 2);
    assert_null(deck->sections[1].items[0].notes.s); /* '' optional = absent */
    assert_string_equal(deck->dir, ".");
    assert_int_equal(deck->sections[1].loc.line, 12);
    assert_int_equal(deck->sections[1].loc.col, 5);
}

static void closing_defaults_and_theme(void **state)
{
    fixture *fx = *state;
    dp_deck *deck =
        parse(fx, "title: t\ntheme: dark\naspect: '4:3'\nclosing:\n  qr: https://example.org\n");
    assert_non_null(deck);
    assert_true(deck->closing.present);
    assert_string_equal(deck->closing.title.s, "结语");
    assert_string_equal(deck->closing.qr.s, "https://example.org");
    assert_string_equal(deck->theme.s, "dark");
    assert_string_equal(deck->aspect.s, "4:3");
    assert_int_equal(deck->settings.theme, DP_THEME_DARK);
    assert_true(deck->settings.theme_given);
    assert_int_equal(deck->settings.aspect, DP_ASPECT_4_3);
    assert_int_equal(deck->settings.per_sheet, 0);
    assert_int_equal(deck->settings.paper, DP_PAPER_A4);
    assert_int_equal(deck->closing.loc.line, 5);
}

/* ===== Schema errors ===== */

static void unknown_key_did_you_mean(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: t\nsections:\n  - title: s\n    items:\n"
                          "    - question: 如何获取？\n      anwser: 公开数据集。\n"));
    expect_first_line(
        fx, "t.yaml:6:7: error: unknown key \"anwser\" in item; did you mean \"answer\"?");
    /* The typo explains the missing answer: no second message for it. */
    assert_int_equal(dp_error_count(fx->d), 1);
}

static void unknown_key_lists_allowed_keys(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: t\nspeaker: 张三\n"));
    expect_first_line(fx, "t.yaml:2:1: error: unknown key \"speaker\" in deck");
    expect_output(fx,
                  "  hint: allowed keys: title, subtitle, event, date, venue, organizers, lang, "
                  "template, theme, aspect, reveal, accent, handout, labels, intro, sections, closing\n");
}

static void missing_question_counts_items_across_sections(void **state)
{
    fixture *fx = *state;
    char *first = items_yaml(11, "      ");
    char yaml[8192];
    snprintf(yaml, sizeof yaml,
             "title: t\nsections:\n  - title: a\n    items:\n%s"
             "  - title: b\n    items:\n      - title: 没有题目\n        answer: 答。\n",
             first);
    free(first);
    assert_null(parse(fx, yaml));
    /* the mapping of the 12th item starts at its first key */
    expect_first_line(fx, "t.yaml:29:9: error: missing required key \"question\" in item 12");
}

static void empty_and_null_answers(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: t\nsections:\n  - title: s\n    items:\n"
                          "      - question: 一\n        answer: \"  \\u3000 \"\n"
                          "      - question: 二\n        answer:\n"
                          "      - question: 三\n        answer: |\n\n          \n"));
    expect_first_line(fx, "t.yaml:6:17: error: empty text for \"answer\"");
    expect_output(fx, "t.yaml:8:9: error: empty text for \"answer\"\n"); /* null: at the key */
    expect_output(fx, "t.yaml:10:17: error: empty text for \"answer\"\n");
    assert_int_equal(dp_error_count(fx->d), 3);
}

static void wrong_types(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: [a, b]\nintro: 你好\nsections: {title: x}\n"
                          "organizers: [甲, [乙]]\nhandout: {layout: 5}\n"));
    expect_first_line(fx, "t.yaml:1:8: error: expected a string for \"title\", got a list");
    expect_output(fx, "t.yaml:2:8: error: expected a mapping for \"intro\", got a string\n");
    expect_output(fx, "t.yaml:3:11: error: expected a list for \"sections\", got a mapping\n");
    expect_output(
        fx, "t.yaml:4:17: error: expected a string for item 2 of \"organizers\", got a list\n");
    expect_output(fx, "t.yaml:5:19: error: unknown value \"5\" for \"layout\"\n");
    expect_output(fx, "  hint: expected one of: booklet, 1, 2, 3, 4, 6, 9\n");
}

static void document_must_be_a_mapping(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "- title: a\n"));
    expect_first_line(fx, "t.yaml:1:1: error: a deck must be a mapping, got a list");
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    assert_null(parse(fx, "# only a comment\n"));
    expect_first_line(fx, "t.yaml:1:1: error: a deck must be a mapping, but the file is empty");
}

static void missing_title(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "subtitle: s\ntitle:\n"));
    expect_first_line(fx, "t.yaml:2:1: error: empty text for \"title\"");
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    assert_null(parse(fx, "subtitle: s\n"));
    expect_first_line(fx, "t.yaml:1:1: error: missing required key \"title\" in deck");
}

static void dates(void **state)
{
    fixture *fx = *state;
    /* a wrong date says what is wrong: the day the month lacks, the month
     * that does not exist, or the spelling it meant */
    static const struct {
        const char *date;
        const char *why; /* NULL: valid */
    } cases[] = {
        {"2026-12-05", NULL},
        {"2024-02-29", NULL},
        {"2000-02-29", NULL},
        {"2026-02-30", ": February has no 30th (it has 28 days)"},
        {"2100-02-29", ": 2100 is not a leap year, so February has 28 days"},
        {"2026-13-01", ": there is no month 13"},
        {"2026-1-5", "; did you mean \"2026-01-05\"?"},
        {"2026/03/14", "; did you mean \"2026-03-14\"?"},
        {"2026-04-31", ": April has no 31st (it has 30 days)"},
        {"2026-01-32", ": January has no 32nd (it has 31 days)"},
        {"05.12.2026", "; write it as YYYY-MM-DD, e.g. 2026-12-05"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char yaml[100], msg[200];
        snprintf(yaml, sizeof yaml, "title: t\ndate: %s\nsections: [{title: s, items: [{question: q, answer: a}]}]\n",
                 cases[i].date);
        dp_deck *deck = parse(fx, yaml);
        assert_int_equal(deck != NULL, cases[i].why == NULL);
        if (cases[i].why) {
            snprintf(msg, sizeof msg, "t.yaml:2:7: error: invalid date \"%s\"%s", cases[i].date, cases[i].why);
            expect_first_line(fx, msg);
        } else {
            assert_int_equal(dp_warning_count(fx->d), 0);
        }
        dp_diags_free(fx->d);
        fx->d = dp_diags_new();
    }
}

static void enum_did_you_mean(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: t\ntheme: drak\n"));
    expect_first_line(
        fx, "t.yaml:2:8: error: unknown value \"drak\" for \"theme\"; did you mean \"dark\"?");
}

static void several_errors_in_one_run(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "titel: t\ndate: 2026-02-30\ntheme: blue\nsections:\n"
                          "  - title: s\n    items:\n      - question: q\n"
                          "      - answer: a\n"));
    expect_output(fx,
                  "t.yaml:1:1: error: unknown key \"titel\" in deck; did you mean \"title\"?\n");
    expect_output(fx, "t.yaml:2:7: error: invalid date");
    expect_output(fx, "t.yaml:3:8: error: unknown value \"blue\" for \"theme\"");
    expect_output(fx, "t.yaml:7:9: error: missing required key \"answer\" in item 1\n");
    expect_output(fx, "t.yaml:8:9: error: missing required key \"question\" in item 2\n");
    assert_int_equal(dp_error_count(fx->d), 5);
}

static void error_limit_stops_the_loader(void **state)
{
    fixture *fx = *state;
    char yaml[4096], *p = yaml;
    p += sprintf(p, "title: t\n");
    for (int i = 0; i < 50; i++)
        p += sprintf(p, "extra%02d: x\n", i);
    assert_null(parse(fx, yaml));
    assert_int_equal(dp_error_count(fx->d), DP_MAX_ERRORS);
    assert_int_equal(count_of(fx->out, ": error: "), DP_MAX_ERRORS);
    assert_true(dp_diags_full(fx->d));
}

/* ===== YAML-level errors ===== */

static void yaml_syntax_error_with_context_note(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: 标题\norganizers: [甲, 乙\ndate: 2026-12-05\n"));
    expect_first_line(fx, "t.yaml:3:5: error: YAML syntax error: did not find expected ',' or ']'");
    expect_output(fx, "t.yaml:2:13: note: a flow sequence starts here\n");
}

static void unquoted_colon_gets_a_hint(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: 比例: 3:1\n"));
    expect_first_line(
        fx,
        "t.yaml:1:10: error: YAML syntax error: mapping values are not allowed in this context");
    expect_output(fx, "  hint: a value that contains \": \" must be quoted");
}

static void tab_indentation(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: t\nintro:\n\ttitle: 引言\n"));
    expect_first_line(fx,
                      "t.yaml:3:1: error: tab character in indentation; YAML indents with spaces");
}

static void duplicate_key_with_note(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: a\nsubtitle: b\ntitle: c\n"));
    expect_first_line(fx, "t.yaml:3:1: error: duplicate key \"title\"");
    expect_output(fx, "t.yaml:1:1: note: \"title\" first appears here\n");
}

static void duplicate_keys_in_a_big_mapping(void **state)
{
    fixture *fx = *state;
    size_t cap = 400 * 20;
    char *yaml = calloc(1, cap), *p = yaml;
    for (int i = 0; i < 300; i++)
        p += sprintf(p, "k%d: v\n", i);
    p += sprintf(p, "k17: again\n");
    assert_null(parse(fx, yaml));
    free(yaml);
    expect_first_line(fx, "t.yaml:301:1: error: duplicate key \"k17\"");
    expect_output(fx, "t.yaml:18:1: note: \"k17\" first appears here\n");
}

static void second_document(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: a\n---\ntitle: b\n"));
    expect_first_line(fx, "t.yaml:2:1: error: only one YAML document per file");
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    /* explicit start and end markers around one document are fine */
    assert_non_null(parse(fx, "---\ntitle: a\n...\n"));
}

static void non_scalar_key(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: a\n? [x, y]\n: z\n"));
    expect_first_line(fx, "t.yaml:2:3: error: a mapping key must be text, not a list");
}

static void merge_key_is_refused(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "base: &b {title: a}\n<<: *b\n"));
    expect_first_line(fx, "t.yaml:2:1: error: merge keys (<<) are not supported");
    expect_output(fx, "  hint: ");
}

static void aliases_share_and_unknown_alias_fails(void **state)
{
    fixture *fx = *state;
    dp_deck *deck = parse(fx, "title: &t 大会\nevent: *t\n");
    assert_non_null(deck);
    assert_ptr_equal(deck->title.node, deck->event.node); /* shared, not copied */
    dp_diags_free(fx->d); /* the first deck's warning (no sections) is not this test's */
    fx->d = dp_diags_new();
    assert_null(parse(fx, "title: a\nsubtitle: *nope\n"));
    expect_first_line(fx, "t.yaml:2:11: error: unknown alias \"*nope\"");
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    /* an alias cannot point into its own parent: no cycles */
    assert_null(parse(fx, "title: a\nx: &r [*r]\n"));
    expect_first_line(fx, "t.yaml:2:8: error: unknown alias \"*r\"");
}

static void alias_bomb_fails_fast(void **state)
{
    fixture *fx = *state;
    const char *bomb = "title: t\n"
                       "a: &a [x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                       "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                       "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    clock_t t0 = clock();
    assert_null(parse(fx, bomb));
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    /* f stands for 597 871 nodes and a..f for about 673 000: the first *f crosses a million */
    expect_first_line(fx,
                      "t.yaml:8:8: error: aliases expand to more than 1000000 nodes (alias bomb?)");
    assert_int_equal(dp_error_count(fx->d), 1);
    assert_true(dp_arena_bytes(fx->a) < 1u << 20); /* nothing was copied */
    assert_true(secs < 2.0);
}

static void nesting_limit(void **state)
{
    fixture *fx = *state;
    enum { DEEP = 10000 };
    char *yaml = malloc(2 * DEEP + 32), *p = yaml;
    p += sprintf(p, "title: ");
    memset(p, '[', DEEP), p += DEEP;
    memset(p, ']', DEEP), p += DEEP;
    strcpy(p, "\n");
    assert_null(parse(fx, yaml));
    free(yaml);
    /* the root mapping is level 1, so the 64th '[' (column 71) opens level 65 */
    expect_first_line(fx, "t.yaml:1:71: error: nesting deeper than 64 levels");
    assert_int_equal(dp_error_count(fx->d), 1);

    /* 64 levels are allowed: the tree loads (the title is then the wrong type) */
    char ok[256];
    p = ok + sprintf(ok, "title: ");
    memset(p, '[', 63), p += 63;
    memset(p, ']', 63), p += 63;
    strcpy(p, "\n");
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    assert_null(parse(fx, ok));
    expect_first_line(fx, "t.yaml:1:8: error: expected a string for \"title\", got a list");
}

/* ===== Bytes ===== */

static void bom_and_crlf(void **state)
{
    fixture *fx = *state;
    dp_deck *deck = parse(fx, "\xEF\xBB\xBFtitle: 标题\r\nsubtitle: 副标题\r\n"
                              "intro:\r\n  body: |\r\n    第一行\r\n    第二行\r\n");
    assert_non_null(deck);
    assert_string_equal(deck->title.s, "标题");
    assert_int_equal(deck->title.loc.line, 1);
    assert_int_equal(deck->title.loc.col, 8); /* the BOM is not a column */
    assert_string_equal(deck->subtitle.s, "副标题");
    assert_int_equal(deck->subtitle.loc.line, 2);
    assert_string_equal(deck->intro.body.s, "第一行\n第二行\n");
    /* errors in a CRLF file point at the right place */
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    assert_null(parse(fx, "title: t\r\ntheme: drak\r\n"));
    expect_first_line(
        fx, "t.yaml:2:8: error: unknown value \"drak\" for \"theme\"; did you mean \"dark\"?");
}

static void invalid_utf8_position(void **state)
{
    fixture *fx = *state;
    assert_null(parse(fx, "title: 大会\nsubtitle: 经验\xFF分享\n"));
    expect_first_line(fx, "t.yaml:2:13: error: invalid UTF-8 byte 0xFF; save the file as UTF-8");
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    /* a truncated sequence: the lead byte is reported */
    assert_null(parse(fx, "title: \xE5\xA4\n"));
    expect_first_line(fx, "t.yaml:1:8: error: invalid UTF-8 byte 0xE5; save the file as UTF-8");
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    /* UTF-16 with a BOM starts with 0xFF 0xFE */
    assert_null(parse_n(fx, "\xFF\xFEt\0i\0", 6));
    expect_first_line(fx, "t.yaml:1:1: error: invalid UTF-8 byte 0xFF; save the file as UTF-8");
}

static void nul_byte(void **state)
{
    fixture *fx = *state;
    static const char yaml[] = "title: 大\0会\n";
    assert_null(parse_n(fx, yaml, sizeof yaml - 1));
    expect_first_line(fx, "t.yaml:1:9: error: NUL byte in the file");
}

static void file_errors(void **state)
{
    fixture *fx = *state;
    assert_null(dp_deck_load(fx->a, "decks/no-such-deck.yaml", fx->d));
    printed(fx);
    expect_first_line(
        fx, "deckpress: error: cannot read decks/no-such-deck.yaml: No such file or directory");
    assert_int_equal(dp_diags_status(fx->d), DP_EXIT_IO);
}

static void too_large(void **state)
{
    fixture *fx = *state;
    size_t len = (size_t)DP_YAML_MAX_BYTES + 1;
    char *big = calloc(1, len); /* untouched pages: cheap */
    assert_null(dp_yaml_load(fx->a, "big.yaml", big, len, fx->d));
    free(big);
    printed(fx);
    expect_first_line(fx, "big.yaml: error: file is larger than 64 MiB");
}

/* ===== Positions inside texts ===== */

static void text_positions(void **state)
{
    fixture *fx = *state;
    dp_deck *deck = parse(fx, "title: 大模型 交流会\n"
                              "subtitle: \"经验分享\"\n"
                              "event: \"转义\\t的\"\n"
                              "venue: 跨行的\n  普通文本\n"
                              "intro:\n"
                              "  body: |\n"
                              "    第一行\n"
                              "\n"
                              "      缩进行X\n"
                              "closing:\n"
                              "  body: >\n"
                              "    折叠一\n"
                              "    折叠二\n");
    assert_non_null(deck);
    dp_loc at = dp_text_loc_at(&deck->title, (int)strlen("大模型 "));
    assert_int_equal(at.line, 1);
    assert_int_equal(at.col, 12); /* "title: " is 7, 大模型 and the space 4 more */
    at = dp_text_loc_at(&deck->subtitle, (int)strlen("经验"));
    assert_int_equal(at.col, 14); /* past the opening quote */
    at = dp_text_loc_at(&deck->event, (int)strlen("转义\t"));
    assert_int_equal(at.col, 8);  /* escapes: the scalar's start */
    at = dp_text_loc_at(&deck->venue, 6);
    assert_int_equal(at.line, 4); /* folded plain text: the scalar's start */
    assert_int_equal(at.col, 8);
    const char *body = deck->intro.body.s;
    assert_string_equal(body, "第一行\n\n  缩进行X\n");
    at = dp_text_loc_at(&deck->intro.body, (int)(strchr(body, 'X') - body));
    assert_int_equal(at.line, 10);
    assert_int_equal(at.col, 10);
    at = dp_text_loc_at(&deck->intro.body, 0);
    assert_int_equal(at.line, 8);
    assert_int_equal(at.col, 5);
    /* folded lines: YAML joins them with a space, but between two hanzi a
     * line break is no space (clreq): only the scalar's start is known */
    assert_string_equal(deck->closing.body.s, "折叠一折叠二\n");
    at = dp_text_loc_at(&deck->closing.body, (int)strlen("折叠一折"));
    assert_int_equal(at.line, 12);
    assert_int_equal(at.col, 9);
}

/* ===== Templates ===== */

static dp_template *load_template(fixture *fx, const char *name, const dp_deck *deck)
{
    dp_template *t =
        dp_template_load(fx->a, name, template_dirs, deck, (dp_loc){"deck.yaml", 3, 11}, fx->d);
    printed(fx);
    return t;
}

static void shipped_templates_load(void **state)
{
    fixture *fx = *state;
    static const char *const names[] = {"default", "dark", "print"};
    for (int i = 0; i < 3; i++) {
        dp_template *t = load_template(fx, names[i], NULL);
        if (!t) {
            print_error("%s", fx->out);
            fail();
        }
        assert_string_equal(t->name, names[i]);
        assert_true(t->page_w_pt == 960 && t->page_h_pt == 540);
        assert_true(t->n_roles >= 8);
        assert_true(t->fallback_role >= 0);
        assert_string_equal(t->roles[t->fallback_role].name, "fallback");
        for (int e = 0; e < DP_EL_COUNT; e++) {
            const dp_style *st = &t->styles[e];
            assert_true(st->size_pt > 0);
            assert_true(st->leading_pt >= st->size_pt);
            assert_true(st->min_size_pt <= st->size_pt);
            assert_true(st->cjk_role >= 0 && st->cjk_role < t->n_roles);
            assert_true(st->latin_role >= 0 && st->latin_role < t->n_roles);
        }
        assert_true(t->progress_bar);
        assert_true(t->matrix);
        assert_string_equal(t->footer_text, "{event}");
    }
    assert_int_equal(dp_error_count(fx->d), 0);
}

static bool rgb_is(dp_rgb c, int r, int g, int b)
{
    return (int)(c.r * 255 + 0.5f) == r && (int)(c.g * 255 + 0.5f) == g &&
           (int)(c.b * 255 + 0.5f) == b;
}

static void default_template_values(void **state)
{
    fixture *fx = *state;
    dp_template *t = load_template(fx, "default", NULL);
    assert_non_null(t);
    assert_true(rgb_is(t->colors[DP_COLOR_BG], 0xF5, 0xF3, 0xEE));
    assert_true(rgb_is(t->colors[DP_COLOR_ACCENT], 0xD6, 0x3F, 0x24));
    assert_true(rgb_is(t->section_colors[DP_COLOR_BG], 0x12, 0x14, 0x18)); /* dark dividers */
    const dp_style *title = &t->styles[DP_EL_TITLE];
    assert_true(title->size_pt == 52 && title->leading_pt == 68 && title->min_size_pt == 44);
    assert_true(title->bold);
    assert_string_equal(t->roles[title->cjk_role].name, "hei");
    assert_string_equal(t->roles[title->latin_role].name, "latin_semibold");
    const dp_style *kicker = &t->styles[DP_EL_KICKER];
    assert_true(kicker->leading_pt > 15.59f && kicker->leading_pt < 15.61f); /* 1.3 × 12 */
    assert_int_equal(kicker->color, DP_COLOR_ACCENT);
    assert_true(kicker->tracking_em > 0.159f && kicker->tracking_em < 0.161f);
    const dp_style *analysis = &t->styles[DP_EL_ANALYSIS];
    assert_string_equal(t->roles[analysis->cjk_role].name, "kai");
    assert_int_equal(analysis->color, DP_COLOR_TEXT2);
    assert_true(analysis->justify);
    assert_true(t->margin_bottom_pt == 64 && t->margin_left_pt == 60);
    assert_true(t->progress_h_pt == 3);
    const dp_font_role *kai = &t->roles[analysis->cjk_role];
    assert_int_equal(kai->n, 2);
    assert_string_equal(kai->families[0], "LXGW WenKai");
    assert_true(kai->locs[1].line > 0);
    assert_string_equal(dp_color_names[DP_COLOR_TEXT2], "text2");
    assert_string_equal(dp_element_names[DP_EL_ANALYSIS_LABEL], "analysis_label");

    t = load_template(fx, "dark", NULL);
    assert_true(rgb_is(t->colors[DP_COLOR_BG], 0x12, 0x14, 0x18));
    assert_true(rgb_is(t->section_colors[DP_COLOR_ACCENT], 0xFF, 0x66, 0x47));
    t = load_template(fx, "print", NULL);
    assert_true(rgb_is(t->colors[DP_COLOR_BG], 0xFF, 0xFF, 0xFF));
    assert_true(rgb_is(t->section_colors[DP_COLOR_PANEL], 0xEF, 0xEC, 0xE6));
}

static void deck_overrides(void **state)
{
    fixture *fx = *state;
    dp_deck *deck = parse(fx, "title: t\naspect: '4:3'\naccent: '#0A0'\n");
    assert_non_null(deck);
    dp_template *t = load_template(fx, "default", deck);
    assert_non_null(t);
    assert_true(t->page_w_pt == 720 && t->page_h_pt == 540);
    assert_true(rgb_is(t->colors[DP_COLOR_ACCENT], 0, 0xAA, 0));
    assert_true(rgb_is(t->section_colors[DP_COLOR_ACCENT], 0, 0xAA, 0));

    /* the accent is a value from load time on (deck.h, dp_settings): a bad one fails the deck */
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    assert_null(parse(fx, "title: t\naccent: '#12G'\n"));
    expect_first_line(fx, "t.yaml:2:9: error: bad colour \"#12G\"; write it as #RRGGBB");
}

static void unknown_template(void **state)
{
    fixture *fx = *state;
    assert_null(load_template(fx, "fancy", NULL));
    expect_first_line(fx, "deck.yaml:3:11: error: unknown template \"fancy\"");
    expect_output(fx, "  hint: available templates: dark, default, noto, print\n");
    assert_int_equal(dp_diags_status(fx->d), DP_EXIT_RESOURCE);
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
    assert_null(load_template(fx, "prnit", NULL));
    expect_first_line(fx,
                      "deck.yaml:3:11: error: unknown template \"prnit\"; did you mean \"print\"?");
}

/* Write templates/default.yaml with 'from' replaced by 'to' into a temp file; load it. */
static dp_template *load_edited(fixture *fx, const char *from, const char *to, char *path, size_t n)
{
    FILE *f = fopen("templates/default.yaml", "rb");
    assert_non_null(f);
    static char src[32768];
    size_t len = fread(src, 1, sizeof src - 1, f);
    fclose(f);
    src[len] = '\0';
    char *hit = strstr(src, from);
    if (!hit) {
        print_error("\"%s\" not in templates/default.yaml\n", from);
        fail();
    }
    snprintf(path, n, "/tmp/dp-test-template-%d.yaml", (int)getpid());
    f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(src, 1, (size_t)(hit - src), f);
    fputs(to, f);
    fputs(hit + strlen(from), f);
    fclose(f);
    dp_template *t = dp_template_load(fx->a, path, template_dirs, NULL, (dp_loc){0}, fx->d);
    remove(path);
    printed(fx);
    return t;
}

/* Line and column of the first 'needle' in what load_edited wrote. */
static void line_col_of(const char *from, const char *to, const char *needle, int *line, int *col)
{
    FILE *f = fopen("templates/default.yaml", "rb");
    static char src[32768];
    size_t len = fread(src, 1, sizeof src - 1, f);
    fclose(f);
    src[len] = '\0';
    static char edited[33000];
    char *hit = strstr(src, from);
    snprintf(edited, sizeof edited, "%.*s%s%s", (int)(hit - src), src, to, hit + strlen(from));
    const char *at = strstr(edited, needle);
    assert_non_null(at);
    *line = 1, *col = 1;
    for (const char *p = edited; p < at; p++) {
        if (*p == '\n')
            (*line)++, *col = 1;
        else if ((*p & 0xC0) != 0x80)
            (*col)++;
    }
}

static void expect_template_error(fixture *fx, const char *from, const char *to, const char *needle,
                                  const char *message)
{
    char path[128], want[512];
    int line, col;
    assert_null(load_edited(fx, from, to, path, sizeof path));
    line_col_of(from, to, needle, &line, &col);
    snprintf(want, sizeof want, "%s:%d:%d: error: %s", path, line, col, message);
    expect_first_line(fx, want);
    dp_diags_free(fx->d);
    fx->d = dp_diags_new();
}

static void template_errors(void **state)
{
    fixture *fx = *state;
    expect_template_error(fx, "bg: \"#F5F3EE\"", "bg: \"#F5F3GE\"", "\"#F5F3GE\"",
                          "bad colour \"#F5F3GE\"; write it as #RRGGBB");
    expect_template_error(fx, "size: 52,", "size: 0,", "0, leading: 68",
                          "\"size\" must be > 0, got 0");
    expect_template_error(fx, "{font: kai, latin: latin, size: 20",
                          "{font: kia, latin: latin, size: 20", "kia",
                          "unknown font role \"kia\"; did you mean \"kai\"?");
    expect_template_error(fx, "  qr_label:", "  qr_lable:", "qr_lable",
                          "unknown key \"qr_lable\" in styles; did you mean \"qr_label\"?");
    expect_template_error(fx, "color: text2, justify: true}\n  analysis_label",
                          "color: txet2, justify: true}\n  analysis_label", "txet2",
                          "unknown value \"txet2\" for \"color\"; did you mean \"text2\"?");
    expect_template_error(fx, "leading: 68,", "leading: 40,", "40,",
                          "\"leading\" (40) must be at least \"size\" (52)");
    expect_template_error(fx, "footer: \"{event}\"", "footer: \"{event} {pgae}\"", "{pgae}",
                          "unknown placeholder \"{pgae}\" in footer; did you mean \"{page}\"?");
    expect_template_error(fx, "kicker:         {font: hei,", "kicker:         {fnot: hei,", "fnot",
                          "unknown key \"fnot\" in style \"kicker\"; did you mean \"font\"?");
    expect_template_error(fx, "bg: \"#F5F3EE\"", "bg: #F5F3EE", "bg:", "missing value for \"bg\"");
}

static void template_missing_element(void **state)
{
    fixture *fx = *state;
    char path[128];
    assert_null(load_edited(fx, "  code:", "  # code:", path, sizeof path));
    expect_output(fx, "error: missing required key \"code\" in styles\n");
}

/* inherits: a style takes what it does not give from another element's;
 * a given size scales the inherited leading and floor. */
static void style_inheritance(void **state)
{
    fixture *fx = *state;
    char path[128];
    dp_template *t = load_edited(fx, "  topic:          {font: hei, latin: latin, size: 16, leading: 22, color: meta}",
                                 "  topic:          {inherits: answer, size: 11, color: meta, justify: false}",
                                 path, sizeof path);
    assert_non_null(t);
    const dp_style *st = &t->styles[DP_EL_TOPIC], *ans = &t->styles[DP_EL_ANSWER];
    assert_true(st->size_pt == 11 && st->leading_pt == 17 && st->min_size_pt == 10);
    assert_true(st->color == DP_COLOR_META && !st->justify && !st->bold);
    assert_int_equal(st->cjk_role, ans->cjk_role);
    assert_int_equal(st->latin_role, ans->latin_role);
    /* a chain: the shipped page_total inherits page_number, here made to
     * inherit qa_total; each keeps the keys it gives */
    t = load_edited(fx, "  page_number:    {font: hei, latin: latin_semibold, size: 11, color: ink}",
                    "  page_number:    {inherits: qa_total, tracking: 0, size: 11, color: ink}", path, sizeof path);
    assert_non_null(t);
    const dp_style *pt = &t->styles[DP_EL_PAGE_TOTAL], *qt = &t->styles[DP_EL_QA_TOTAL];
    assert_true(pt->size_pt == 11 && pt->leading_pt == qt->leading_pt * 11 / 12 && pt->tracking_em == 0);
    assert_int_equal(pt->cjk_role, qt->cjk_role);
    assert_int_equal(t->styles[DP_EL_PAGE_NUMBER].color, DP_COLOR_INK);
    assert_int_equal(pt->color, DP_COLOR_META);
}

static void style_inheritance_errors(void **state)
{
    fixture *fx = *state;
    char path[128];
    /* a cycle */
    assert_null(load_edited(fx, "  footer:         {font: hei, latin: latin, size: 11, color: meta}",
                            "  footer:         {inherits: footer}", path, sizeof path));
    expect_output(fx, "error: style \"footer\" inherits from itself through \"footer\"");
    /* a typo in the parent's name */
    assert_null(load_edited(fx, "  footer:         {font: hei, latin: latin, size: 11, color: meta}",
                            "  footer:         {inherits: answr}", path, sizeof path));
    expect_output(fx, "error: unknown value \"answr\" for \"inherits\"; did you mean \"answer\"?");
    /* without inherits, font and size are required */
    assert_null(load_edited(fx, "  footer:         {font: hei, latin: latin, size: 11, color: meta}",
                            "  footer:         {font: hei, color: meta}", path, sizeof path));
    expect_output(fx, "error: missing required key \"size\" in style \"footer\"");
    /* an inherited style is checked as resolved: leading under the size */
    assert_null(load_edited(fx, "  footer:         {font: hei, latin: latin, size: 11, color: meta}",
                            "  footer:         {inherits: answer, leading: 12}", path, sizeof path));
    expect_output(fx, "error: \"leading\" (12) must be at least \"size\" (22)");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(real_deck_loads),
        T(minimal_deck_and_defaults),
        T(closing_defaults_and_theme),
        T(unknown_key_did_you_mean),
        T(unknown_key_lists_allowed_keys),
        T(missing_question_counts_items_across_sections),
        T(empty_and_null_answers),
        T(wrong_types),
        T(document_must_be_a_mapping),
        T(missing_title),
        T(dates),
        T(enum_did_you_mean),
        T(several_errors_in_one_run),
        T(error_limit_stops_the_loader),
        T(yaml_syntax_error_with_context_note),
        T(unquoted_colon_gets_a_hint),
        T(tab_indentation),
        T(duplicate_key_with_note),
        T(duplicate_keys_in_a_big_mapping),
        T(second_document),
        T(non_scalar_key),
        T(merge_key_is_refused),
        T(aliases_share_and_unknown_alias_fails),
        T(alias_bomb_fails_fast),
        T(nesting_limit),
        T(bom_and_crlf),
        T(invalid_utf8_position),
        T(nul_byte),
        T(file_errors),
        T(too_large),
        T(text_positions),
        T(shipped_templates_load),
        T(default_template_values),
        T(deck_overrides),
        T(unknown_template),
        T(template_errors),
        T(template_missing_element),
        T(style_inheritance),
        T(style_inheritance_errors),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
