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
/* libFuzzer calls this once before the first input (replay.c too), so
 * fontconfig's own start-up allocations (it leaks a few hundred bytes while
 * parsing its XML configuration) are not charged to an input by the
 * per-input leak check. */
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
    fuzz_fonts = dp_fonts_new(dirs, d);
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

/* libFuzzer calls this once before the first input (replay.c too), so
 * fontconfig's own start-up allocations (it leaks a few hundred bytes while
 * parsing its XML configuration) are not charged to an input by the
 * per-input leak check. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    return 0;
}

#endif
