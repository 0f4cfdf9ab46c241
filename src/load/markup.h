/* markup.h: the deck's rich text (CommonMark with GitHub's tables,
 * strikethrough and autolinks, parsed by md4c) -> one rich-text model: a
 * sequence of blocks (paragraph, code block, table, thematic break, image),
 * each knowing the lists and block quotes it sits in, with inline content
 * as code points carrying style flags and a link. A soft line break between
 * two CJK characters joins them with nothing, elsewhere with one space
 * (clreq: a source newline is not a space in Chinese). Used by the text
 * engine (slides, booklet, N-up), lint, import and the .pdfpc notes. Knows
 * nothing of fonts or layout. Arena-owned. */
#ifndef DP_MARKUP_H
#define DP_MARKUP_H
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "utf8.h"

enum {
    DP_TF_BOLD = 1,
    DP_TF_EM = 2,
    DP_TF_CODE = 4,
    DP_TF_BREAK = 8,   /* forced line break before */
    DP_TF_STRIKE = 16,
    DP_TF_LINK = 32,   /* inside a link (dp_para.link says which) */
    DP_TF_META = 64,   /* added text in the meta colour (a printed link's URL) */
};

/* Inline content: code points with the markup removed. */
typedef struct {
    uint32_t *cps;
    int *src;          /* byte offset of each code point in the source text */
    unsigned char *flags;
    short *link;       /* 1 + index into dp_rich.links; 0 = not a link */
    unsigned char *tok; /* code blocks: DP_TOK_* of each code point (syntax highlighting) */
    int n;
} dp_para;

/* Syntax-highlighting token classes (code blocks). */
enum { DP_TOK_PLAIN, DP_TOK_KEYWORD, DP_TOK_STRING, DP_TOK_COMMENT, DP_TOK_NUMBER,
       DP_TOK_FUNCTION, DP_TOK_TYPE, DP_TOK_COUNT };

typedef enum { DP_BK_PARA, DP_BK_CODE, DP_BK_TABLE, DP_BK_RULE, DP_BK_IMAGE } dp_block_kind;

enum { DP_ALIGN_DEFAULT, DP_ALIGN_LEFT, DP_ALIGN_CENTER, DP_ALIGN_RIGHT };

#define DP_MAX_NEST 8

typedef struct {
    dp_block_kind kind;
    dp_para text;      /* PARA: the inlines; CODE: the code, lines ended by '\n'; IMAGE: alt text */
    int src;           /* byte offset of the block's first character in the source */
    int depth;         /* list nesting depth; 0 = not in a list */
    const char *marker; /* first block of a list item: "•", "3." ...; NULL otherwise */
    const char *widest[DP_MAX_NEST]; /* widest marker of each enclosing list (its number column) */
    int quote;         /* block quote depth */
    bool heading;      /* a heading: set as a bold lead-in paragraph */
    bool tight;        /* continues a tight list: a small gap before it */
    const char *lang;  /* CODE: the fence's language, lower case; NULL = none */
    const char *path;  /* IMAGE: the path or URL as written */
    int rows, cols, head_rows; /* TABLE */
    dp_para *cells;    /* TABLE: rows x cols, row-major */
    unsigned char *align; /* TABLE: DP_ALIGN_* per column */
} dp_rblock;

typedef struct {
    dp_rblock *blocks;
    int n;
    const char **links; /* URLs, dp_para.link - 1 indexes them */
    int n_links;
} dp_rich;

/* Parse 's' (len bytes, valid UTF-8). With 'rich' false, markup characters
 * are taken literally and every newline is a forced line break (titles and
 * questions, where a line break written in the YAML is the author's). With
 * 'print_urls', a link whose text is not its URL is followed by the URL in
 * parentheses, flagged DP_TF_META (paper cannot be clicked). */
dp_rich dp_markup_parse(dp_arena *a, const char *s, int len, bool rich, bool print_urls);

/* The text of rich text without markup, as the author wrote its lines:
 * blocks separated by blank lines, list markers, code lines, line breaks
 * and tabs kept, a link's URL after its text (the .pdfpc notes). */
char *dp_markup_plain(dp_arena *a, const char *s, int len);

/* Markdown problems that would still come out wrong (`check`): unclosed
 * code fences, table rows with the wrong number of cells, ordered lists
 * that skip numbers, empty links, images without alt text. Each is reported
 * through 'report' with its byte offset in 's'. */
void dp_markup_lint(dp_arena *a, const char *s, int len,
                    void (*report)(void *ctx, int offset, const char *msg), void *ctx);


#endif
