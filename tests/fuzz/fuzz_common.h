/* fuzz_common.h: what both fuzz targets share: the repository root (for
 * templates/ and fonts/), one dp_fonts for the whole process (fontconfig is
 * far too slow to start per input), and a sink for dumps and messages. */
#ifndef DP_FUZZ_COMMON_H
#define DP_FUZZ_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "fonts.h"

#ifndef DP_FUZZ_ROOT
#define DP_FUZZ_ROOT "."
/* libFuzzer calls this once before the first input (replay.c too). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    return 0;
}

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
    if (__lsan_disable)
        __lsan_disable();
    fuzz_fonts = dp_fonts_new(dirs, d);
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

/* libFuzzer calls this once before the first input (replay.c too). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    return 0;
}

#endif
