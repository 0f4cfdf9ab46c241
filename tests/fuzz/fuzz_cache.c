/* fuzz_cache.c: libFuzzer target for the two readers of deckpress's cache
 * folder, whose files anyone (or a full disk, or a crash mid-write) may have
 * damaged. The first byte chooses the reader:
 *   even: the rest is a font cache file (font_cache.c), read as the one for a
 *         project without font folders, then asked for a pattern;
 *   odd:  the rest is a subset file (subset_cache.c) for a fixed font file,
 *         face and code points; its checksum is set right first, so the
 *         fuzzer gets past it to the parser behind it.
 * The environment is fixed (fuzz_cache_env) so that seeds can carry valid
 * "env" lines. Seeds: tests/fuzz/seeds.py (a real cache file of each kind).
 * Replay files without libFuzzer: $(BUILD)/replay_cache FILE... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "font_cache.h"
#include "fonts.h"
#include "hash.h"
#include "subset_cache.h"

#define CACHE_HOME "/tmp/deckpress-fuzz-cache"
/* What the font cache file of a project without font folders is called:
 * FNV-1a of nothing (font_cache.c). */
#define FONTS_FILE CACHE_HOME "/deckpress/fonts-v1-14650fb0739d0383"
#define SOURCE "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const uint32_t CPS[] = {'A', 'B', 0x4E2D};

/* The variables the font cache compares, at values seeds.py writes too. */
static void fuzz_cache_env(void)
{
    static const char *const unset[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT",
                                        "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DATA_DIRS",
                                        "DECKPRESS_NO_FONT_CACHE"};
    for (size_t i = 0; i < sizeof unset / sizeof *unset; i++)
        unsetenv(unset[i]);
    setenv("HOME", "/nonexistent-fuzz-home", 1);
    setenv("XDG_CACHE_HOME", CACHE_HOME, 1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_cache_env();
    mkdir(CACHE_HOME, 0700);
    mkdir(CACHE_HOME "/deckpress", 0700);
    mkdir(CACHE_HOME "/deckpress/subsets", 0700);
    return 0;
}

static void write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
}

/* The subset file's name, as subset_cache.c derives it. */
static void subset_path(char *out, size_t cap)
{
    int index = 0;
    uint64_t h = dp_fnv1a(DP_FNV_INIT, SOURCE, strlen(SOURCE) + 1);
    h = dp_fnv1a(h, &index, sizeof index);
    h = dp_fnv1a(h, CPS, sizeof CPS);
    snprintf(out, cap, "%s/deckpress/subsets/%016llx.sub", CACHE_HOME, (unsigned long long)h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > (1 << 20))
        return 0;
    if ((data[0] & 1) == 0) {
        write_file(FONTS_FILE, data + 1, size - 1);
        dp_font_cache *c = dp_font_cache_open(NULL);
        const dp_font_desc *desc;
        if (dp_font_cache_get(c, "WenQuanYi Micro Hei", &desc) == 1 && (!desc || !desc->file))
            abort();
        dp_font_cache_close(c); /* nothing new: writes nothing */
        return 0;
    }
    /* "DPSUB1\n\0", then the checksum over the rest, fixed up */
    uint8_t *file = malloc(size - 1 > 16 ? size - 1 : 16);
    memset(file, 0, 16);
    memcpy(file, data + 1, size - 1);
    size_t len = size - 1 > 16 ? size - 1 : 16;
    uint64_t h = dp_fnv1a(DP_FNV_INIT, file + 16, len - 16);
    for (int i = 0; i < 8; i++)
        file[8 + i] = (uint8_t)(h >> (8 * i));
    char path[512];
    subset_path(path, sizeof path);
    write_file(path, file, len);
    free(file);
    uint16_t gid[3];
    dp_program s = {0};
    s.gid = gid;
    if (dp_subset_cache_load(SOURCE, 0, CPS, 3, &s)) {
        if (!s.packed || s.packed_len == 0 || s.n_glyphs <= 0)
            abort();
        free(s.packed);
    }
    return 0;
}
