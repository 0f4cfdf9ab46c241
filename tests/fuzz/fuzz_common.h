/* fuzz_common.h: what both fuzz targets share: the repository root (for
 * templates/ and fonts/), one dp_fonts for the whole process (fontconfig is
 * far too slow to start per input), and a sink for dumps and messages. */
#ifndef DP_FUZZ_COMMON_H
#define DP_FUZZ_COMMON_H
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "dlist.h"
#include "fonts.h"

#ifndef DP_FUZZ_ROOT
#define DP_FUZZ_ROOT "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* LeakSanitizer's interface, weak so that a build without sanitizers links. */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

static dp_fonts *fuzz_fonts;
static FILE *fuzz_sink;

static const char *fuzz_root(void)
{
    const char *r = getenv("DP_FUZZ_ROOT");
    return r && *r ? r : DP_FUZZ_ROOT;
}

/* Once per process. Exits when no fonts can be loaded: every input would
 * then stop at the same early error and the run would be worthless. */
static void fuzz_init(void)
{
    if (fuzz_fonts)
        return;
    static char fonts_dir[4096];
    snprintf(fonts_dir, sizeof fonts_dir, "%s/fonts", fuzz_root());
    const char *dirs[] = {fonts_dir, NULL};
    dp_diags *d = dp_diags_new();
    /* fontconfig 2.14 leaks ~300 bytes parsing its XML configuration, once;
     * the per-input leak check would blame every input for it. Only this
     * one call is exempt (tests/fuzz/lsan.supp has the same for full stacks). */
    /* No font cache: every input sees fontconfig itself, and fuzzers write
     * nothing under ~/.cache. fontconfig starts on the first lookup: make
     * that one here, inside the exempt window. */
    setenv("DECKPRESS_NO_FONT_CACHE", "1", 1);
    if (__lsan_disable)
        __lsan_disable();
    fuzz_fonts = dp_fonts_new(dirs, d);
    if (fuzz_fonts)
        dp_fonts_resolve(fuzz_fonts, "WenQuanYi Micro Hei", (dp_loc){0}, true, d);
    if (__lsan_enable)
        __lsan_enable();
    if (!fuzz_fonts) {
        dp_diags_print(d, stderr, false);
        fprintf(stderr, "fuzz: cannot start fontconfig/FreeType\n");
        exit(2);
    }
    dp_diags_free(d);
    fuzz_sink = fopen("/dev/null", "w");
    if (!fuzz_sink) {
        perror("fuzz: /dev/null");
        exit(2);
    }
}

/* The oracle beyond "no crash, no leak": layout's output must be something
 * the PDF writer can write. Every number finite, and within libharu 2.3.0's
 * limits (hpdf_consts.h), which otherwise fail the whole document with a
 * libharu error and no position: page sides 3-14,400 pt, font size (0, 600],
 * character spacing [-30, 300], line width [0, 100]; a text run's width not
 * negative. A violation prints the op and aborts (a crash for libFuzzer). */
static void fuzz_bad_op(const char *what, int page, int op, double v)
{
    fprintf(stderr, "fuzz: layout produced %s = %g (page %d, op %d)\n", what, v, page + 1, op);
    abort();
}

static void fuzz_check_dlist(const dp_dlist *dl)
{
    for (int p = 0; p < dl->n_pages; p++) {
        const dp_page *pg = &dl->pages[p];
        if (!(pg->w_pt >= 3 && pg->w_pt <= 14400))
            fuzz_bad_op("page width", p, -1, pg->w_pt);
        if (!(pg->h_pt >= 3 && pg->h_pt <= 14400))
            fuzz_bad_op("page height", p, -1, pg->h_pt);
        for (int i = 0; i < pg->n_ops; i++) {
            const dp_op *o = &pg->ops[i];
            if (!isfinite(o->x_pt) || !isfinite(o->y_pt))
                fuzz_bad_op("a non-finite position", p, i, isfinite(o->x_pt) ? o->y_pt : o->x_pt);
            switch (o->kind) {
            case DP_OP_TEXT:
                if (!(o->as.text.size_pt > 0 && o->as.text.size_pt <= 600))
                    fuzz_bad_op("font size", p, i, o->as.text.size_pt);
                if (!(o->as.text.char_space_pt >= -30 && o->as.text.char_space_pt <= 300))
                    fuzz_bad_op("character spacing", p, i, o->as.text.char_space_pt);
                if (!(o->as.text.width_pt >= -0.01f) || !isfinite(o->as.text.width_pt))
                    fuzz_bad_op("text run width", p, i, o->as.text.width_pt);
                if (!(o->as.text.stroke_pt >= 0 && o->as.text.stroke_pt <= 100))
                    fuzz_bad_op("fake-bold stroke", p, i, o->as.text.stroke_pt);
                break;
            case DP_OP_RECT:
                if (!isfinite(o->as.rect.w_pt) || !isfinite(o->as.rect.h_pt))
                    fuzz_bad_op("a non-finite rectangle", p, i, o->as.rect.w_pt);
                if (o->as.rect.has_stroke && !(o->as.rect.line_pt >= 0 && o->as.rect.line_pt <= 100))
                    fuzz_bad_op("rectangle line width", p, i, o->as.rect.line_pt);
                break;
            case DP_OP_LINE:
                if (!isfinite(o->as.line.x2_pt) || !isfinite(o->as.line.y2_pt))
                    fuzz_bad_op("a non-finite line end", p, i, o->as.line.x2_pt);
                if (!(o->as.line.line_pt >= 0 && o->as.line.line_pt <= 100))
                    fuzz_bad_op("line width", p, i, o->as.line.line_pt);
                break;
            default:
                break;
            }
        }
    }
}

/* libFuzzer calls this once before the first input (replay.c too). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    return 0;
}

#endif
