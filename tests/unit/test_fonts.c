/* test_fonts.c: font lookup, metrics, hb-subset and the PDF writer, against
 * the real fonts (fonts-wqy-microhei, fonts-manrope, fonts-lxgw-wenkai) and
 * real PDF readers (qpdf, pdffonts, pdftotext; skipped when missing). Glyph
 * shapes are checked by tests/e2e/glyphs.sh, which renders pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include <hpdf.h>

#include "arena.h"
#include "diag.h"
#include "dlist.h"
#include "font_programs.h"
#include "fonts.h"
#include "pdf_out.h"
#include "subset.h"
#include "utf8.h"

#define WQY "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#define MANROPE_DIR "/usr/share/fonts/truetype/manrope/"

static const dp_loc AT = {"t.yaml", 3, 5};
static dp_fonts *fonts;   /* system fonts only, shared by the tests */
static char tmp[200];     /* a scratch folder per test */

static int group_setup(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    fonts = dp_fonts_new(NULL, d);
    dp_diags_free(d);
    return fonts ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    dp_fonts_free(fonts);
    return 0;
}

static int setup_tmp(void **state)
{
    (void)state;
    const char *t = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/test_fonts-XXXXXX", t && *t ? t : "/tmp");
    return mkdtemp(tmp) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : -1;
}

/* Everything 'd' would print, for checking messages. Caller frees. */
static char *messages(const dp_diags *d)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    dp_diags_print(d, f, false);
    fclose(f);
    return buf;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static bool have(const char *tool)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    return system(cmd) == 0;
}

/* ===== Lookup ===== */

static void resolves_micro_hei_by_any_name(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    int id = dp_fonts_resolve(fonts, "WenQuanYi Micro Hei", AT, false, d);
    assert_true(id >= 0);
    assert_string_equal(dp_face_path(fonts, id), WQY);
    assert_int_equal(dp_face_index(fonts, id), 0);
    assert_string_equal(dp_face_family(fonts, id), "WenQuanYi Micro Hei");
    assert_string_equal(dp_face_psname(fonts, id), "WenQuanYiMicroHei");
    assert_false(dp_face_is_bold(fonts, id));
    /* Localised name, file path and path with face index: one face. */
    assert_int_equal(dp_fonts_resolve(fonts, "文泉驿微米黑", AT, false, d), id);
    assert_int_equal(dp_fonts_resolve(fonts, WQY, AT, false, d), id);
    assert_int_equal(dp_fonts_resolve(fonts, WQY ":0", AT, false, d), id);
    int mono = dp_fonts_resolve(fonts, WQY ":1", AT, false, d);
    assert_true(mono >= 0 && mono != id);
    assert_string_equal(dp_face_psname(fonts, mono), "WenQuanYiMicroHeiMono");
    assert_int_equal(dp_error_count(d), 0);
    dp_diags_free(d);
}

static void resolves_manrope_styles(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    int semi = dp_fonts_resolve(fonts, "Manrope:style=SemiBold", AT, false, d);
    int reg = dp_fonts_resolve(fonts, "Manrope", AT, false, d);
    int light = dp_fonts_resolve(fonts, "Manrope:style=Light", AT, false, d);
    assert_true(semi >= 0 && reg >= 0 && light >= 0);
    assert_string_equal(dp_face_path(fonts, semi), MANROPE_DIR "Manrope-SemiBold.ttf");
    assert_string_equal(dp_face_path(fonts, reg), MANROPE_DIR "Manrope-Regular.ttf");
    assert_string_equal(dp_face_path(fonts, light), MANROPE_DIR "Manrope-Light.ttf");
    assert_string_equal(dp_face_style(fonts, semi), "SemiBold");
    assert_true(dp_face_is_bold(fonts, semi));
    assert_false(dp_face_is_bold(fonts, reg));
    /* Manrope-Light also lists "Regular" as a style: the plain request
     * must still get the Regular file. */
    assert_int_equal(dp_fonts_resolve(fonts, "Manrope:style=Regular", AT, false, d), reg);
    assert_int_equal(dp_error_count(d), 0);
    dp_diags_free(d);
}

static void missing_family_is_an_error_not_a_substitute(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    assert_int_equal(dp_fonts_resolve(fonts, "No Such Family Here", AT, true, d), -1);
    assert_int_equal(dp_error_count(d), 0); /* quiet: fallback chains probe */
    assert_int_equal(dp_fonts_resolve(fonts, "No Such Family Here", AT, false, d), -1);
    assert_int_equal(dp_error_count(d), 1);
    assert_int_equal(dp_diags_status(d), DP_EXIT_RESOURCE);
    char *m = messages(d);
    assert_non_null(strstr(m, "font \"No Such Family Here\" is not installed"));
    assert_non_null(strstr(m, "put a .ttf or .otf into fonts/"));
    free(m);
    /* An installed family without that style is not "installed" either. */
    assert_int_equal(dp_fonts_resolve(fonts, "Manrope:style=Black", AT, false, d), -1);
    m = messages(d);
    assert_non_null(strstr(m, "has no style \"Black\""));
    free(m);
    /* Generic aliases resolve to CFF Noto on many systems: refused. */
    assert_int_equal(dp_fonts_resolve(fonts, "sans-serif", AT, false, d), -1);
    assert_int_equal(dp_fonts_resolve(fonts, "/no/such/file.ttf", AT, false, d), -1);
    assert_int_equal(dp_error_count(d), 4);
    dp_diags_free(d);
}

/* The first installed face fontconfig lists with FC_FONTFORMAT 'format'
 * (and, when 'file_ends' is given, a file name ending so), as "PATH:INDEX";
 * "" when there is none. */
static void installed_face(const char *format, const char *file_ends, char *out, size_t cap)
{
    FcPattern *p = FcPatternBuild(NULL, FC_FONTFORMAT, FcTypeString, format, (char *)NULL);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, (char *)NULL);
    FcConfig *fc = FcInitLoadConfigAndFonts(); /* the default config leaks in fontconfig 2.14 */
    FcFontSet *fs = FcFontList(fc, p, os);
    out[0] = '\0';
    for (int i = 0; fs && i < fs->nfont && !out[0]; i++) {
        FcChar8 *file;
        int index = 0;
        FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file);
        FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &index);
        size_t n = strlen((const char *)file), e = file_ends ? strlen(file_ends) : 0;
        if (!file_ends || (n > e && strcmp((const char *)file + n - e, file_ends) == 0))
            snprintf(out, cap, "%s:%d", (const char *)file, index);
    }
    if (fs)
        FcFontSetDestroy(fs);
    FcObjectSetDestroy(os);
    FcPatternDestroy(p);
    FcConfigDestroy(fc);
}

/* OpenType/CFF faces (fonts-noto-cjk; URW's .otf from fonts-urw-base35)
 * are embedded, not refused. */
static void cff_fonts_are_embedded(void **state)
{
    (void)state;
    char path[1024];
    installed_face("CFF", NULL, path, sizeof path);
    if (!path[0])
        skip(); /* no OpenType/CFF font installed */
    dp_diags *d = dp_diags_new();
    int id = dp_fonts_resolve(fonts, path, AT, false, d);
    assert_true(id >= 0);
    assert_true(dp_face_is_cff(fonts, id));
    /* a face of a collection by index: Noto Sans CJK's third face is SC */
    installed_face("CFF", "NotoSansCJK-Regular.ttc", path, sizeof path);
    if (path[0]) {
        strcpy(strrchr(path, ':'), ":2");
        id = dp_fonts_resolve(fonts, path, AT, false, d);
        assert_true(id >= 0 && dp_face_is_cff(fonts, id));
        assert_int_equal(dp_face_index(fonts, id), 2);
        assert_string_equal(dp_face_family(fonts, id), "Noto Sans CJK SC");
    }
    assert_int_equal(dp_error_count(d), 0);
    dp_diags_free(d);
}

/* Type 1 still cannot be embedded: the message names the format. */
static void type1_fonts_are_refused(void **state)
{
    (void)state;
    char path[1024];
    installed_face("Type 1", NULL, path, sizeof path);
    if (!path[0])
        skip(); /* no Type 1 font installed (fonts-urw-base35 has them) */
    dp_diags *d = dp_diags_new();
    assert_int_equal(dp_fonts_resolve(fonts, path, AT, false, d), -1);
    char *m = messages(d);
    assert_non_null(strstr(m, "is a PostScript Type 1 font, which deckpress cannot embed"));
    assert_non_null(strstr(m, "TrueType or OpenType"));
    assert_null(strstr(m, "libharu"));
    assert_int_equal(dp_diags_status(d), DP_EXIT_RESOURCE);
    free(m);
    dp_diags_free(d);
}

/* Real weights: a family with a bold face gives it (Noto Sans CJK SC Bold,
 * Manrope Bold); a one-weight family (WenQuanYi Micro Hei) gives none, so
 * its bold is fake; a bold face is its own bold. */
static void bold_faces_are_found(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    int wqy = dp_fonts_resolve(fonts, "WenQuanYi Micro Hei", AT, false, d);
    int man = dp_fonts_resolve(fonts, "Manrope", AT, false, d);
    assert_true(wqy >= 0 && man >= 0);
    assert_int_equal(dp_face_bold(fonts, wqy), -1);
    int mb = dp_face_bold(fonts, man);
    assert_true(mb >= 0 && mb != man);
    assert_true(dp_face_is_bold(fonts, mb));
    assert_string_equal(dp_face_family(fonts, mb), "Manrope");
    assert_int_equal(dp_face_bold(fonts, mb), mb);
    int kai = dp_fonts_resolve(fonts, "LXGW WenKai", AT, false, d);
    assert_true(kai >= 0);
    int kb = dp_face_bold(fonts, kai);
    assert_true(kb >= 0 && dp_face_is_bold(fonts, kb));
    assert_string_equal(dp_face_family(fonts, kb), "LXGW WenKai");
    int noto = dp_fonts_resolve(fonts, "Noto Sans CJK SC", AT, true, d);
    if (noto >= 0) {
        int nb = dp_face_bold(fonts, noto);
        assert_true(nb >= 0 && nb != noto);
        assert_true(dp_face_is_bold(fonts, nb) && dp_face_is_cff(fonts, nb));
        assert_string_equal(dp_face_family(fonts, nb), "Noto Sans CJK SC");
        /* and a template can name the weight itself */
        assert_int_equal(dp_fonts_resolve(fonts, "Noto Sans CJK SC:weight=bold", AT, false, d), nb);
    }
    assert_int_equal(dp_error_count(d), 0);
    dp_diags_free(d);
}

/* A weight in fontconfig syntax: met by that weight (any bold one for a
 * bold request), never by a substitute: "weight=light" of a one-weight
 * family is an error listing the styles it has, like a missing style. */
static void weights_are_named_in_patterns(void **state)
{
    (void)state;
    dp_diags *d = dp_diags_new();
    int kb = dp_fonts_resolve(fonts, "LXGW WenKai:weight=bold", AT, false, d);
    assert_true(kb >= 0 && dp_face_is_bold(fonts, kb));
    assert_int_equal(dp_fonts_resolve(fonts, "Manrope:weight=light", AT, false, d),
                     dp_fonts_resolve(fonts, "Manrope:style=Light", AT, false, d));
    assert_int_equal(dp_error_count(d), 0);
    assert_int_equal(dp_fonts_resolve(fonts, "WenQuanYi Micro Hei:weight=light", AT, false, d), -1);
    char *m = messages(d);
    assert_non_null(strstr(m, "font \"WenQuanYi Micro Hei:weight=light\" is not installed: "
                              "WenQuanYi Micro Hei has no weight \"light\""));
    assert_non_null(strstr(m, "installed styles of WenQuanYi Micro Hei: Regular"));
    free(m);
    dp_diags_free(d);
}

/* Manrope with its glyf table renamed 'as' (fontconfig still says
 * "TrueType"), written to tmp/NAME; the path. */
static void manrope_without_glyf(const char *as, const char *name, char *path, size_t cap)
{
    size_t n;
    char *ttf = slurp(MANROPE_DIR "Manrope-Regular.ttf", &n);
    assert_non_null(ttf);
    unsigned tables = (unsigned char)ttf[4] << 8 | (unsigned char)ttf[5];
    for (unsigned i = 0; i < tables; i++)
        if (memcmp(ttf + 12 + 16 * i, "glyf", 4) == 0)
            memcpy(ttf + 12 + 16 * i, as, 4);
    snprintf(path, cap, "%s/%s", tmp, name);
    FILE *f = fopen(path, "wb");
    fwrite(ttf, 1, n, f);
    fclose(f);
    free(ttf);
}

/* Manrope with its glyf table renamed 'as' is refused with 'want'. */
static void refused_without_glyf(const char *as, const char *want)
{
    char path[300];
    manrope_without_glyf(as, "noglyf.ttf", path, sizeof path);
    dp_diags *d = dp_diags_new();
    assert_int_equal(dp_fonts_resolve(fonts, path, AT, false, d), -1);
    char *m = messages(d);
    assert_non_null(strstr(m, want));
    free(m);
    dp_diags_free(d);
}

/* A TrueType file whose glyf table is gone (tag renamed): only the outline
 * check can refuse it. */
static void font_without_glyf_is_refused(void **state)
{
    (void)state;
    refused_without_glyf("glyX", "no glyf or CFF table), which deckpress cannot embed");
}

/* Only bitmaps (an EBDT table, no outlines): refused as bitmap-only. */
static void bitmap_only_font_is_refused(void **state)
{
    (void)state;
    refused_without_glyf("EBDT", "is a bitmap-only font (no outlines), which deckpress cannot embed");
}

static void project_fonts_come_first(void **state)
{
    (void)state;
    char cmd[1024], dir[300];
    snprintf(dir, sizeof dir, "%s/fonts", tmp);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp " MANROPE_DIR "Manrope-Regular.ttf '%s/'", dir, dir);
    assert_int_equal(system(cmd), 0);
    const char *dirs[] = {dir, NULL};
    dp_diags *d = dp_diags_new();
    dp_fonts *f = dp_fonts_new(dirs, d);
    assert_non_null(f);
    int reg = dp_fonts_resolve(f, "Manrope", AT, false, d);
    assert_true(reg >= 0);
    char *real = realpath(dir, NULL);
    assert_int_equal(strncmp(dp_face_path(f, reg), real, strlen(real)), 0);
    free(real);
    /* Not in fonts/: the system has it. */
    int semi = dp_fonts_resolve(f, "Manrope:style=SemiBold", AT, false, d);
    assert_string_equal(dp_face_path(f, semi), MANROPE_DIR "Manrope-SemiBold.ttf");
    assert_int_equal(dp_error_count(d), 0);
    dp_fonts_free(f);
    dp_diags_free(d);
}

/* The font cache answers without fontconfig, and stops answering when
 * what decided an answer changes (font_cache.h). */
static void font_cache_follows_changes(void **state)
{
    (void)state;
    char cache[300], dir[300], file[400], cmd[1024];
    snprintf(cache, sizeof cache, "%s/cache", tmp);
    snprintf(dir, sizeof dir, "%s/fonts", tmp);
    setenv("XDG_CACHE_HOME", cache, 1);
    unsetenv("DECKPRESS_NO_FONT_CACHE");
    const char *dirs[] = {dir, NULL};
    dp_diags *d = dp_diags_new();
    /* cold: fontconfig answers, the cache is written */
    dp_fonts *f = dp_fonts_new(dirs, d);
    assert_int_equal(dp_fonts_resolve(f, "Manrope", AT, false, d), 0);
    assert_int_equal(dp_fonts_resolve(f, "No Such Family 123", AT, true, d), -1);
    assert_true(dp_fonts_started_fontconfig(f));
    dp_fonts_free(f);
    snprintf(cmd, sizeof cmd, "test -s \"$(ls '%s'/deckpress/fonts-v1-* | head -n 1)\"", cache);
    assert_int_equal(system(cmd), 0);
    /* warm: the same answers, fontconfig never started, quiet misses too */
    f = dp_fonts_new(dirs, d);
    int id = dp_fonts_resolve(f, "Manrope", AT, false, d);
    assert_string_equal(dp_face_path(f, id), MANROPE_DIR "Manrope-Regular.ttf");
    assert_int_equal(dp_face_cap_height(f, id), 720);
    assert_int_equal(dp_fonts_resolve(f, "No Such Family 123", AT, true, d), -1);
    assert_false(dp_fonts_started_fontconfig(f));
    /* a miss that must be reported still gets fontconfig's full message */
    assert_int_equal(dp_fonts_resolve(f, "No Such Family 123", AT, false, d), -1);
    assert_true(dp_fonts_started_fontconfig(f));
    assert_int_equal(dp_error_count(d), 1);
    dp_fonts_free(f);
    /* the project gets a fonts/ folder with Manrope: it must win at once */
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp " MANROPE_DIR "Manrope-Regular.ttf '%s/'", dir, dir);
    assert_int_equal(system(cmd), 0);
    f = dp_fonts_new(dirs, d);
    id = dp_fonts_resolve(f, "Manrope", AT, false, d);
    char *real = realpath(dir, NULL);
    assert_int_equal(strncmp(dp_face_path(f, id), real, strlen(real)), 0);
    assert_true(dp_fonts_started_fontconfig(f));
    dp_fonts_free(f);
    /* a damaged cache is ignored, not believed */
    snprintf(cmd, sizeof cmd, "for c in '%s'/deckpress/fonts-v1-*; do printf 'deckpress-font-cache 1\\nface\\tManrope\\t/etc/passwd\\t0\\tTrueType\\t80\\tx\\ty\\n' > \"$c\"; done", cache);
    assert_int_equal(system(cmd), 0);
    f = dp_fonts_new(dirs, d);
    id = dp_fonts_resolve(f, "Manrope", AT, false, d);
    assert_int_equal(strncmp(dp_face_path(f, id), real, strlen(real)), 0);
    assert_true(dp_fonts_started_fontconfig(f));
    dp_fonts_free(f);
    free(real);
    /* a file of 60,000 answers (valid lines, this machine's variables) is
     * refused at once, not searched through quadratically */
    snprintf(cmd, sizeof cmd, "for c in '%s'/deckpress/fonts-v1-*; do head -n 9 \"$c\" > \"$c.new\" && "
             "seq 1 60000 | sed 's/^/miss\tFamily /' >> \"$c.new\" && mv \"$c.new\" \"$c\"; done", cache);
    assert_int_equal(system(cmd), 0);
    f = dp_fonts_new(dirs, d);
    id = dp_fonts_resolve(f, "Manrope", AT, false, d);
    assert_true(id >= 0);
    assert_true(dp_fonts_started_fontconfig(f));
    dp_fonts_free(f);
    /* at most 32 font cache files: writing one more removes the oldest */
    snprintf(cmd, sizeof cmd, "cd '%s'/deckpress && for i in $(seq 10 42); do "
             "echo x > fonts-v1-old$i; touch -d \"2020-01-01 00:00:$i\" fonts-v1-old$i; done && "
             "echo x > fonts-v1-x.tmp-1 && touch -d 2020-01-01 fonts-v1-x.tmp-1 && echo x > fonts-v1-y.tmp-2",
             cache);
    assert_int_equal(system(cmd), 0);
    const char *other[] = {tmp, NULL}; /* another project: a new cache file */
    f = dp_fonts_new(other, d);
    assert_true(dp_fonts_resolve(f, "Manrope", AT, false, d) >= 0);
    dp_fonts_free(f);
    /* and a temporary file left by a killed run goes after an hour, not before */
    snprintf(cmd, sizeof cmd, "cd '%s'/deckpress && test ! -e fonts-v1-old10 && test -e fonts-v1-old11 && "
             "test ! -e fonts-v1-x.tmp-1 && test -e fonts-v1-y.tmp-2", cache);
    assert_int_equal(system(cmd), 0);
    /* switched off: nothing written */
    snprintf(file, sizeof file, "%s/off", tmp);
    setenv("XDG_CACHE_HOME", file, 1);
    setenv("DECKPRESS_NO_FONT_CACHE", "1", 1);
    f = dp_fonts_new(dirs, d);
    assert_true(dp_fonts_resolve(f, "Manrope", AT, false, d) >= 0);
    dp_fonts_free(f);
    snprintf(cmd, sizeof cmd, "test ! -e '%s'", file);
    assert_int_equal(system(cmd), 0);
    unsetenv("DECKPRESS_NO_FONT_CACHE");
    unsetenv("XDG_CACHE_HOME");
    assert_int_equal(dp_error_count(d), 1);
    dp_diags_free(d);
}

/* ===== Metrics ===== */

/* dp_face_advance must be exactly what libharu writes to /W. */
static void advances_equal_libharu_widths(void **state)
{
    (void)state;
    static const char *const specs[] = {"WenQuanYi Micro Hei", "Manrope:style=SemiBold", "LXGW WenKai"};
    static const char *const samples[] = {"中", "A", "。", "g", "W", "，", "1", "排", "“"};
    for (size_t s = 0; s < sizeof specs / sizeof specs[0]; s++) {
        dp_diags *d = dp_diags_new();
        int id = dp_fonts_resolve(fonts, specs[s], AT, false, d);
        assert_true(id >= 0);
        HPDF_Doc pdf = HPDF_New(NULL, NULL);
        HPDF_UseUTFEncodings(pdf);
        HPDF_SetCurrentEncoder(pdf, "UTF-8");
        const char *path = dp_face_path(fonts, id);
        const char *name = strstr(path, ".ttc")
                               ? HPDF_LoadTTFontFromFile2(pdf, path, (HPDF_UINT)dp_face_index(fonts, id), HPDF_FALSE)
                               : HPDF_LoadTTFontFromFile(pdf, path, HPDF_FALSE);
        HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
        assert_non_null(font);
        for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
            const char *u = samples[i];
            size_t k = 0;
            uint32_t cp = dp_utf8_next(u, strlen(u), &k);
            if (!dp_face_has(fonts, id, cp))
                continue;
            HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)u, (HPDF_UINT)strlen(u));
            assert_int_equal((int)tw.width, dp_face_advance(fonts, id, cp));
        }
        HPDF_Free(pdf);
        dp_diags_free(d);
    }
    int hei = dp_fonts_resolve(fonts, "WenQuanYi Micro Hei", AT, true, NULL);
    assert_int_equal(dp_face_advance(fonts, hei, 0x4E2D), 1000);
    assert_false(dp_face_has(fonts, hei, 0x20000)); /* 𠀀: not in the font */
    assert_int_equal(dp_face_advance(fonts, hei, 0x20000), 0);
}

static void line_metrics_are_sane(void **state)
{
    (void)state;
    int hei = dp_fonts_resolve(fonts, "WenQuanYi Micro Hei", AT, true, NULL);
    int man = dp_fonts_resolve(fonts, "Manrope", AT, true, NULL);
    /* hhea for Micro Hei (1918/-483 of 2048); Manrope sets USE_TYPO_METRICS. */
    assert_int_equal(dp_face_ascender(fonts, hei), 937);
    assert_int_equal(dp_face_descender(fonts, hei), -236);
    assert_int_equal(dp_face_ascender(fonts, man), 1066);
    assert_int_equal(dp_face_descender(fonts, man), -300);
    assert_int_equal(dp_face_cap_height(fonts, hei), 714);
    assert_int_equal(dp_face_cap_height(fonts, man), 720);
}

/* ===== Subsetting ===== */

static const uint32_t CPS[] = {'A', 0x4E2D, 0x6392, 0x62EC, 0x6570, 0x3002}; /* A中排括数。 */

static int by_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void subset_is_deterministic_and_keeps_metrics(void **state)
{
    (void)state;
    dp_arena *a = dp_arena_new(4096);
    dp_diags *d = dp_diags_new();
    int hei = dp_fonts_resolve(fonts, "WenQuanYi Micro Hei", AT, false, d);
    const char *src = dp_face_path(fonts, hei);
    int index = dp_face_index(fonts, hei);
    uint32_t sorted[6];
    memcpy(sorted, CPS, sizeof sorted);
    qsort(sorted, 6, sizeof *sorted, by_cp);
    dp_subset *p1 = dp_subset_make(src, index, false, sorted, 6, d);
    assert_non_null(p1);
    dp_subset s1 = *p1;
    s1.data = memcpy(dp_arena_alloc(a, p1->len), p1->data, p1->len);
    s1.gid = memcpy(dp_arena_alloc(a, 6 * sizeof *s1.gid), p1->gid, 6 * sizeof *s1.gid);
    dp_subset_free(p1);
    /* other code points in between; asking again makes the same bytes */
    const uint32_t other[] = {'B'};
    dp_subset *pb = dp_subset_make(src, index, false, other, 1, d);
    assert_non_null(pb);
    dp_subset_free(pb);
    dp_subset *p2 = dp_subset_make(src, index, false, sorted, 6, d);
    assert_non_null(p2);
    assert_true(s1.len > 0 && s1.len < 20000); /* 6 glyphs of a 5 MB face */
    assert_int_equal(s1.len, p2->len);
    assert_memory_equal(s1.data, p2->data, s1.len);
    dp_subset_free(p2);
    assert_true(s1.n_glyphs >= 7 && s1.n_glyphs < 64); /* .notdef, 6, components */
    FT_Library lib;
    FT_Face face;
    assert_int_equal(FT_Init_FreeType(&lib), 0);
    assert_int_equal(FT_New_Memory_Face(lib, s1.data, (FT_Long)s1.len, 0, &face), 0);
    assert_int_equal(face->num_glyphs, s1.n_glyphs);
    assert_int_equal(face->num_charmaps, 0); /* no cmap: CIDs pick the glyphs */
    for (int i = 0; i < 6; i++) {
        assert_true(s1.gid[i] > 0 && s1.gid[i] < s1.n_glyphs); /* small glyph ids */
        for (int j = 0; j < i; j++)
            assert_int_not_equal(s1.gid[i], s1.gid[j]);
        FT_Fixed adv;
        FT_Get_Advance(face, s1.gid[i], FT_LOAD_NO_SCALE, &adv);
        assert_int_equal((int)(adv * 1000 / face->units_per_EM), dp_face_advance(fonts, hei, sorted[i]));
        /* the glyph has an outline: hanzi and A are never empty */
        assert_int_equal(FT_Load_Glyph(face, s1.gid[i], FT_LOAD_NO_SCALE), 0);
        assert_true(face->glyph->outline.n_points > 0);
    }
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    /* A code point the face lacks gets glyph 0. */
    const uint32_t missing[] = {'A', 0xE000};
    dp_subset *s2 = dp_subset_make(src, index, false, missing, 2, d);
    assert_non_null(s2);
    assert_true(s2->gid[0] > 0);
    assert_int_equal(s2->gid[1], 0);
    dp_subset_free(s2);
    assert_int_equal(dp_error_count(d), 0);
    dp_diags_free(d);
    dp_arena_free(a);
}

/* The writer's programs of a run: the same face and code points again give
 * the same program, kept (the slides and the handout of one build compress
 * a face once); other code points replace it. */
static void programs_are_kept_for_the_run(void **state)
{
    (void)state;
    setenv("DECKPRESS_NO_FONT_CACHE", "1", 1); /* hb-subset itself, every time */
    dp_diags *d = dp_diags_new();
    dp_flate *z = dp_flate_new(6);
    int hei = dp_fonts_resolve(fonts, "WenQuanYi Micro Hei", AT, false, d);
    const uint32_t cps[] = {'A', 0x3002, 0x4E2D, 0x6392};
    dp_programs *progs = dp_programs_new();
    const dp_program *p1 = dp_programs_get(progs, fonts, hei, cps, 4, z, d);
    assert_non_null(p1);
    assert_non_null(p1->packed);
    assert_true(p1->packed_len > 0 && p1->len > 0 && p1->n_glyphs >= 5);
    assert_ptr_equal(dp_programs_get(progs, fonts, hei, cps, 4, z, d), p1);
    size_t packed_len = p1->packed_len;
    unsigned char *packed = memcpy(malloc(packed_len), p1->packed, packed_len);
    const dp_program *p2 = dp_programs_get(progs, fonts, hei, cps, 3, z, d);
    assert_non_null(p2);
    assert_int_equal(p2->n, 3);
    assert_true(p2->packed_len > 0 && p2->packed_len != packed_len);
    /* back to the four: made again, the same bytes */
    const dp_program *p3 = dp_programs_get(progs, fonts, hei, cps, 4, z, d);
    assert_non_null(p3);
    assert_int_equal(p3->packed_len, packed_len);
    assert_memory_equal(p3->packed, packed, packed_len);
    free(packed);
    dp_programs_free(progs);
    dp_flate_free(z);
    assert_int_equal(dp_error_count(d), 0);
    dp_diags_free(d);
    unsetenv("DECKPRESS_NO_FONT_CACHE");
}

/* A subset given its packed form comes back in the next run from the cache
 * folder, packed form and glyph ids alike; a changed code point set or a
 * damaged file means hb-subset again. */
static void subsets_are_kept_between_runs(void **state)
{
    (void)state;
    char cache[300], cmd[700];
    snprintf(cache, sizeof cache, "%s/cache", tmp);
    setenv("XDG_CACHE_HOME", cache, 1);
    unsetenv("DECKPRESS_NO_FONT_CACHE");
    const uint32_t cps[] = {'A', 0x3002, 0x4E2D, 0x6392}; /* A。中排, ascending */
    dp_diags *d = dp_diags_new();
    dp_flate *z = dp_flate_new(6);
    const char *dirs[] = {NULL};
    dp_fonts *f = dp_fonts_new(dirs, d);
    int hei = dp_fonts_resolve(f, "WenQuanYi Micro Hei", AT, false, d);
    const char *src = dp_face_path(f, hei);
    dp_program s = {0}, *c = &s;
    uint16_t gid[4];
    s.gid = gid;
    assert_false(dp_subset_cache_load(src, 0, cps, 4, &s)); /* a cold cache */
    dp_programs *progs = dp_programs_new();
    const dp_program *made = dp_programs_get(progs, f, hei, cps, 4, z, d);
    assert_non_null(made);
    uint16_t want[4];
    memcpy(want, made->gid, sizeof want);
    int n_glyphs = made->n_glyphs;
    size_t len = made->len, packed_len = made->packed_len;
    unsigned char *packed = memcpy(malloc(packed_len), made->packed, packed_len);
    dp_programs_free(progs);
    dp_fonts_free(f);
    /* the next run finds it in the cache folder, packed form and glyph ids alike */
    f = dp_fonts_new(dirs, d);
    hei = dp_fonts_resolve(f, "WenQuanYi Micro Hei", AT, false, d);
    src = dp_face_path(f, hei);
    memset(gid, 0, sizeof gid);
    assert_true(dp_subset_cache_load(src, 0, cps, 4, c));
    assert_int_equal(s.packed_len, packed_len);
    assert_memory_equal(s.packed, packed, packed_len);
    assert_memory_equal(s.gid, want, sizeof want);
    assert_int_equal(s.n_glyphs, n_glyphs);
    assert_int_equal(s.len, len);
    free(s.packed);
    s.packed = NULL;
    /* other code points: not in the cache */
    assert_false(dp_subset_cache_load(src, 0, cps, 3, c));
    dp_fonts_free(f);
    /* one byte changed anywhere: the checksum catches it */
    snprintf(cmd, sizeof cmd, "for c in '%s'/deckpress/subsets/*.sub; do "
             "printf X | dd of=\"$c\" bs=1 seek=40 conv=notrunc 2>/dev/null; done", cache);
    assert_int_equal(system(cmd), 0);
    f = dp_fonts_new(dirs, d);
    hei = dp_fonts_resolve(f, "WenQuanYi Micro Hei", AT, false, d);
    assert_false(dp_subset_cache_load(dp_face_path(f, hei), 0, cps, 4, c));
    /* and the writer makes it again, the same */
    progs = dp_programs_new();
    made = dp_programs_get(progs, f, hei, cps, 4, z, d);
    assert_non_null(made);
    assert_memory_equal(made->gid, want, sizeof want);
    assert_int_equal(made->packed_len, packed_len);
    assert_memory_equal(made->packed, packed, packed_len);
    dp_programs_free(progs);
    dp_fonts_free(f);
    free(packed);
    dp_flate_free(z);
    unsetenv("XDG_CACHE_HOME");
    assert_int_equal(dp_error_count(d), 0);
    dp_diags_free(d);
}

/* ===== Display list and PDF ===== */

static dp_op *text_op(dp_arena *a, dp_page *p, int face, float x, float y, float size, const char *s)
{
    dp_op *op = dp_page_add_op(a, p, DP_OP_TEXT);
    op->x_pt = x;
    op->y_pt = y;
    op->as.text.face = face;
    op->as.text.size_pt = size;
    op->as.text.utf8 = s;
    op->as.text.len = (int)strlen(s);
    return op;
}

static dp_dlist *sample(dp_arena *a)
{
    int hei = dp_fonts_resolve(fonts, "WenQuanYi Micro Hei", AT, true, NULL);
    int kai = dp_fonts_resolve(fonts, "LXGW WenKai", AT, true, NULL);
    int man = dp_fonts_resolve(fonts, "Manrope:style=SemiBold", AT, true, NULL);
    dp_dlist *dl = dp_dlist_new(a);
    dl->title = "大模型时代的创业者";
    dl->lang = "zh-CN";
    dl->epoch = 1764547200;
    dp_page *p = dp_dlist_add_page(a, dl, 960, 540);
    p->label = "封面";
    dp_page_rect(a, p, 0, 0, 960, 540, (dp_rgb){0.96f, 0.95f, 0.93f});
    text_op(a, p, hei, 60, 120, 52, "如何获取并处理大规模训练数据")->as.text.stroke_pt = 1.56f;
    text_op(a, p, kai, 60, 200, 24, "数据清洗和预处理是关键步骤")->as.text.char_space_pt = 1;
    text_op(a, p, man, 60, 260, 20, "Python Pandas 2026");
    dp_op *l = dp_page_add_op(a, p, DP_OP_LINK);
    l->x_pt = 60, l->y_pt = 240, l->as.link.w_pt = 200, l->as.link.h_pt = 24;
    l->as.link.uri = "https://example.org/加入";
    p = dp_dlist_add_page(a, dl, 960, 540);
    p->label = "2";
    text_op(a, p, hei, 60, 120, 40, "结语：排括数");
    dp_dlist_add_outline(a, dl, 0, "结语", 1);
    return dl;
}

static void pdf_passes_real_readers(void **state)
{
    (void)state;
    dp_arena *a = dp_arena_new(65536);
    dp_diags *d = dp_diags_new();
    char path[300], path2[300], cmd[1024];
    snprintf(path, sizeof path, "%s/out.pdf", tmp);
    snprintf(path2, sizeof path2, "%s/again.pdf", tmp);
    dp_dlist *dl = sample(a);
    assert_true(dp_pdf_write(dl, NULL, 0, fonts, NULL, path, true, d));
    assert_true(dp_pdf_write(dl, NULL, 0, fonts, NULL, path2, true, d));
    assert_int_equal(dp_error_count(d), 0);
    size_t n1, n2;
    char *b1 = slurp(path, &n1), *b2 = slurp(path2, &n2);
    assert_int_equal(n1, n2); /* byte-identical runs */
    assert_memory_equal(b1, b2, n1);
    free(b1);
    free(b2);
    if (!have("qpdf") || !have("pdffonts") || !have("pdftotext")) {
        dp_diags_free(d);
        dp_arena_free(a);
        skip();
    }
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
    assert_int_equal(system(cmd), 0);
    /* Every font: embedded, subset, with ToUnicode. */
    snprintf(cmd, sizeof cmd, "pdffonts '%s' 2>&1 | tail -n +3 | grep -v ' yes yes yes ' | wc -l", path);
    FILE *f = popen(cmd, "r");
    int not_ok = -1;
    assert_int_equal(fscanf(f, "%d", &not_ok), 1);
    pclose(f);
    assert_int_equal(not_ok, 0);
    snprintf(cmd, sizeof cmd, "pdffonts '%s' 2>&1 | tail -n +3 | wc -l", path);
    f = popen(cmd, "r");
    int n_fonts = 0;
    assert_int_equal(fscanf(f, "%d", &n_fonts), 1);
    pclose(f);
    assert_int_equal(n_fonts, 3);
    /* poppler must not warn about the ToUnicode CMap either. */
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' '%s/out.txt' 2>'%s/err.txt'", path, tmp, tmp);
    assert_int_equal(system(cmd), 0);
    snprintf(path2, sizeof path2, "%s/out.txt", tmp);
    char *txt = slurp(path2, &n1);
    assert_non_null(strstr(txt, "如何获取并处理大规模训练数据"));
    assert_non_null(strstr(txt, "数据清洗和预处理是关键步骤"));
    assert_non_null(strstr(txt, "Python Pandas 2026"));
    assert_non_null(strstr(txt, "结语：排括数"));
    free(txt);
    snprintf(path2, sizeof path2, "%s/err.txt", tmp);
    txt = slurp(path2, &n1);
    assert_int_equal(n1, 0);
    free(txt);
    dp_diags_free(d);
    dp_arena_free(a);
}

/* Two files with one PostScript name in one document: libharu would give
 * the second run the first font, so the second subset is renamed. */
static void same_psname_twice_embeds_both(void **state)
{
    (void)state;
    char copy[300], path[300], cmd[1024];
    snprintf(copy, sizeof copy, "%s/Manrope-Regular.ttf", tmp);
    snprintf(cmd, sizeof cmd, "cp " MANROPE_DIR "Manrope-Regular.ttf '%s'", copy);
    assert_int_equal(system(cmd), 0);
    dp_arena *a = dp_arena_new(4096);
    dp_diags *d = dp_diags_new();
    int sys = dp_fonts_resolve(fonts, MANROPE_DIR "Manrope-Regular.ttf", AT, false, d);
    int mine = dp_fonts_resolve(fonts, copy, AT, false, d);
    assert_true(sys >= 0 && mine >= 0 && sys != mine);
    dp_dlist *dl = dp_dlist_new(a);
    dp_page *p = dp_dlist_add_page(a, dl, 400, 200);
    text_op(a, p, sys, 20, 50, 20, "System");
    text_op(a, p, mine, 20, 100, 20, "Copy");
    snprintf(path, sizeof path, "%s/two.pdf", tmp);
    assert_true(dp_pdf_write(dl, NULL, 0, fonts, NULL, path, true, d));
    if (have("pdffonts")) {
        snprintf(cmd, sizeof cmd, "pdffonts '%s' | grep -c 'Manrope-Regular'", path);
        FILE *f = popen(cmd, "r");
        int n = 0;
        assert_int_equal(fscanf(f, "%d", &n), 1);
        pclose(f);
        assert_int_equal(n, 2);
    }
    dp_diags_free(d);
    dp_arena_free(a);
}

static void failed_write_keeps_the_old_file(void **state)
{
    (void)state;
    dp_arena *a = dp_arena_new(65536);
    dp_diags *d = dp_diags_new();
    dp_dlist *dl = sample(a);
    char path[300], blocker[340];
    /* A folder that does not exist. */
    snprintf(path, sizeof path, "%s/no/such/dir/out.pdf", tmp);
    assert_false(dp_pdf_write(dl, NULL, 0, fonts, NULL, path, true, d));
    assert_int_equal(dp_diags_status(d), DP_EXIT_IO);
    char *m = messages(d);
    assert_non_null(strstr(m, "No such file or directory"));
    free(m);
    /* An existing PDF whose temp file cannot be created: a folder is in the way. */
    snprintf(path, sizeof path, "%s/old.pdf", tmp);
    FILE *f = fopen(path, "wb");
    fputs("old contents", f);
    fclose(f);
    snprintf(blocker, sizeof blocker, "%s.tmp-%ld", path, (long)getpid());
    assert_int_equal(mkdir(blocker, 0700), 0);
    assert_false(dp_pdf_write(dl, NULL, 0, fonts, NULL, path, true, d));
    size_t n;
    char *old = slurp(path, &n);
    assert_string_equal(old, "old contents");
    free(old);
    rmdir(blocker);
    /* With the way clear, the same call replaces it and leaves no temp. */
    assert_true(dp_pdf_write(dl, NULL, 0, fonts, NULL, path, true, d));
    old = slurp(path, &n);
    assert_memory_equal(old, "%PDF-", 5);
    free(old);
    struct stat st;
    assert_int_not_equal(stat(blocker, &st), 0);
    dp_diags_free(d);
    dp_arena_free(a);
}

/* An image op the display list has no image for (layout bug) fails the
 * write instead of leaving a hole; real images: tests/e2e/images.sh. */
static void images_are_an_error_not_a_gap(void **state)
{
    (void)state;
    dp_arena *a = dp_arena_new(4096);
    dp_diags *d = dp_diags_new();
    dp_dlist *dl = dp_dlist_new(a);
    dp_page *p = dp_dlist_add_page(a, dl, 960, 540);
    dp_op *op = dp_page_add_op(a, p, DP_OP_IMAGE);
    op->src = AT;
    char path[300];
    snprintf(path, sizeof path, "%s/img.pdf", tmp);
    assert_false(dp_pdf_write(dl, NULL, 0, fonts, NULL, path, true, d));
    char *m = messages(d);
    assert_non_null(strstr(m, "unknown image"));
    free(m);
    struct stat st;
    assert_int_not_equal(stat(path, &st), 0);
    dp_diags_free(d);
    dp_arena_free(a);
}

static void dump_is_stable_text(void **state)
{
    (void)state;
    dp_arena *a = dp_arena_new(4096);
    dp_dlist *dl = dp_dlist_new(a);
    dp_page *p = dp_dlist_add_page(a, dl, 960, 540);
    p->label = "3";
    dp_page_rect(a, p, 0, 0, 960, 540, (dp_rgb){1, 1, 1});
    dp_op *op = text_op(a, p, 1, 204, 123, 30, "题目 \"12\"\\\n");
    op->as.text.width_pt = 312;
    op->as.text.color = (dp_rgb){0.84f, 0.25f, 0.14f};
    op->src = (dp_loc){"decks/x.yaml", 88, 14};
    dp_page_line(a, p, 60, 500.004f, 900, 500, 0.5f, (dp_rgb){0, 0, 0});
    dp_page_frame(a, p, 10, 10, 20, 20, 1, (dp_rgb){0, 0, 1});
    dp_op *l = dp_page_add_op(a, p, DP_OP_LINK);
    l->as.link.w_pt = 5, l->as.link.h_pt = 6, l->as.link.dest_page = 0;
    dp_dlist_add_outline(a, dl, 0, "引言", 0);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    dp_dlist_dump(dl, f);
    fclose(f);
    assert_string_equal(buf,
        "page 1 960x540 label=\"3\"\n"
        "  rect 0.00,0.00 960.00x540.00 fill=#ffffff\n"
        "  text 204.00,123.00 face=1 size=30.00 w=312.00 color=#d64024 \"题目 \\\"12\\\"\\\\\\n\" @decks/x.yaml:88:14\n"
        "  line 60.00,500.00 900.00,500.00 line=0.50 color=#000000\n"
        "  rect 10.00,10.00 20.00x20.00 stroke=#0000ff line=1.00\n"
        "  link 0.00,0.00 5.00x6.00 page=1\n"
        "outline 0 page=1 title=\"引言\"\n");
    free(buf);
    dp_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolves_micro_hei_by_any_name),
        cmocka_unit_test(resolves_manrope_styles),
        cmocka_unit_test(missing_family_is_an_error_not_a_substitute),
        cmocka_unit_test(cff_fonts_are_embedded),
        cmocka_unit_test(type1_fonts_are_refused),
        cmocka_unit_test(bold_faces_are_found),
        cmocka_unit_test(weights_are_named_in_patterns),
        cmocka_unit_test_setup_teardown(font_without_glyf_is_refused, setup_tmp, teardown_tmp),
        cmocka_unit_test_setup_teardown(bitmap_only_font_is_refused, setup_tmp, teardown_tmp),
        cmocka_unit_test_setup_teardown(project_fonts_come_first, setup_tmp, teardown_tmp),
        cmocka_unit_test_setup_teardown(font_cache_follows_changes, setup_tmp, teardown_tmp),
        cmocka_unit_test(programs_are_kept_for_the_run),
        cmocka_unit_test_setup_teardown(subsets_are_kept_between_runs, setup_tmp, teardown_tmp),
        cmocka_unit_test(advances_equal_libharu_widths),
        cmocka_unit_test(line_metrics_are_sane),
        cmocka_unit_test_setup_teardown(subset_is_deterministic_and_keeps_metrics, setup_tmp, teardown_tmp),
        cmocka_unit_test_setup_teardown(pdf_passes_real_readers, setup_tmp, teardown_tmp),
        cmocka_unit_test_setup_teardown(same_psname_twice_embeds_both, setup_tmp, teardown_tmp),
        cmocka_unit_test_setup_teardown(failed_write_keeps_the_old_file, setup_tmp, teardown_tmp),
        cmocka_unit_test_setup_teardown(images_are_an_error_not_a_gap, setup_tmp, teardown_tmp),
        cmocka_unit_test(dump_is_stable_text),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
