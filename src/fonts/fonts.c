/* fonts.c: font faces for layout and the PDF writer (see fonts.h). Finds
 * faces with a private fontconfig configuration (the project's fonts/ first),
 * takes TrueType (glyf) and OpenType/CFF outlines, refuses what cannot be
 * embedded with the format named, and measures with FreeType exactly as /W
 * is written. Subsetting is in subset.c. Faces live until
 * dp_fonts_free(); everything here is malloc-owned, not arena-owned, because
 * one dp_fonts serves several builds. */
#include "fonts.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include "font_cache.h"

/* Advance cache sentinels: real values are 0..~3000 thousandths of an em. */
#define ADV_UNKNOWN INT16_MIN
#define ADV_MISSING (INT16_MIN + 1)
#define BMP_SIZE 0x10000

typedef struct {
    char *path;            /* canonical (realpath) */
    int index;             /* face index inside a .ttc */
    char *family, *style, *psname;
    bool is_bold;
    bool cff;              /* CFF outlines (else glyf) */
    int bold;              /* the family's bold face: -2 not looked up yet, -1 none */
    FT_Face ft;
    int ascender, descender, cap_height; /* thousandths of an em */
    int16_t *adv;          /* BMP advances, thousandths; allocated on first use */
} face;

typedef struct {
    char *pattern;
    int id;
} memo;

struct dp_fonts {
    FcConfig *fc;          /* started on the first question the cache cannot answer */
    dp_font_cache *cache;
    char **font_dirs;      /* the project's, searched first */
    FT_Library ft;
    face *faces;
    int n_faces, cap_faces;
    memo *memos;           /* pattern -> face id, successes only */
    int n_memos, cap_memos;
};

static const char FORMAT_HINT[] = "use a TrueType or OpenType font (.ttf, .otf, .ttc), e.g. "
                                  "Noto Sans CJK SC (fonts-noto-cjk) or LXGW WenKai (fonts-lxgw-wenkai)";

/* ===== Setup ===== */

dp_fonts *dp_fonts_new(const char *const *font_dirs, dp_diags *d)
{
    dp_fonts *f = dp_xrealloc(NULL, sizeof *f);
    memset(f, 0, sizeof *f);
    if (FT_Init_FreeType(&f->ft)) {
        dp_error_status(d, DP_EXIT_RESOURCE, (dp_loc){0}, "FreeType could not start");
        free(f);
        return NULL;
    }
    int n = 0;
    while (font_dirs && font_dirs[n])
        n++;
    f->font_dirs = dp_xrealloc(NULL, (size_t)(n + 1) * sizeof *f->font_dirs);
    for (int i = 0; i < n; i++)
        f->font_dirs[i] = dp_xstrdup(font_dirs[i]);
    f->font_dirs[n] = NULL;
    f->cache = dp_font_cache_open((const char *const *)f->font_dirs);
    return f;
}

static void depend_on(dp_fonts *f, FcStrList *list)
{
    FcChar8 *s;
    while (list && (s = FcStrListNext(list)))
        dp_font_cache_depend(f->cache, (const char *)s);
    if (list)
        FcStrListDone(list);
}

/* fontconfig, with a private configuration: the app dirs we add must not
 * leak into (or depend on) the process-wide default config. Everything that
 * decides its answers becomes a dependency of the font cache. */
static bool start_fontconfig(dp_fonts *f, dp_diags *d)
{
    if (f->fc)
        return true;
    dp_loc none = {0};
    f->fc = FcInitLoadConfigAndFonts();
    if (!f->fc) {
        dp_error_status(d, DP_EXIT_RESOURCE, none, "fontconfig could not load its configuration");
        return false;
    }
    for (int i = 0; f->font_dirs[i]; i++) {
        struct stat st;
        /* A project without a fonts/ folder is normal; an unreadable one is not. */
        if (stat(f->font_dirs[i], &st) != 0)
            continue;
        if (!FcConfigAppFontAddDir(f->fc, (const FcChar8 *)f->font_dirs[i]))
            dp_warning(d, none, "cannot scan font folder %s", f->font_dirs[i]);
    }
    depend_on(f, FcConfigGetConfigFiles(f->fc));
    depend_on(f, FcConfigGetConfigDirs(f->fc));
    /* Font folders and their subfolders: adding or removing a font changes
     * its folder. Not fontconfig's cache folders: any program caching any
     * folder changes those. */
    depend_on(f, FcConfigGetFontDirs(f->fc));
    return true;
}

void dp_fonts_free(dp_fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->n_faces; i++) {
        face *fc = &f->faces[i];
        FT_Done_Face(fc->ft);
        free(fc->path);
        free(fc->family);
        free(fc->style);
        free(fc->psname);
        free(fc->adv);
    }
    for (int i = 0; i < f->n_memos; i++)
        free(f->memos[i].pattern);
    free(f->faces);
    free(f->memos);
    for (int i = 0; f->font_dirs && f->font_dirs[i]; i++)
        free(f->font_dirs[i]);
    free(f->font_dirs);
    dp_font_cache_close(f->cache);
    FT_Done_FreeType(f->ft);
    if (f->fc)
        FcConfigDestroy(f->fc);
    free(f);
}

/* ===== Matching ===== */

/* fontconfig itself compares families ignoring case and blanks, so
 * "LXGWWenKai" finds "LXGW WenKai"; accept what it would accept. */
static bool same_name(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
        a++, b++;
    }
}

static bool has_value(FcPattern *p, const char *object, const char *want)
{
    FcChar8 *s;
    for (int i = 0; FcPatternGetString(p, object, i, &s) == FcResultMatch; i++)
        if (same_name((const char *)s, want))
            return true;
    return false;
}

/* fontconfig always returns a font; it is the one asked for only when the
 * family (and the style, if one was named) is among the match's names. */
/* A weight asked for (fontconfig's scale; -1 none) is met by the same
 * weight, or by any weight from semibold up when it is that heavy itself:
 * "weight=bold" takes a family's SemiBold or Black when it has no Bold, but
 * "weight=light" never gets Regular. */
static bool accepts(FcPattern *m, const char *family, const char *style, int weight)
{
    int mw;
    bool weight_ok = weight < 0 || FcPatternGetInteger(m, FC_WEIGHT, 0, &mw) != FcResultMatch ||
                     mw == weight || (weight >= FC_WEIGHT_DEMIBOLD && mw >= FC_WEIGHT_DEMIBOLD);
    return m && has_value(m, FC_FAMILY, family) && (!style || has_value(m, FC_STYLE, style)) && weight_ok;
}

/* Debian packages for the families templates are likely to name. */
static const char *package_for(const char *family)
{
    static const struct { const char *family, *pkg; } known[] = {
        {"WenQuanYi Micro Hei", "fonts-wqy-microhei"}, {"文泉驿微米黑", "fonts-wqy-microhei"},
        {"WenQuanYi Zen Hei", "fonts-wqy-zenhei"},     {"LXGW WenKai", "fonts-lxgw-wenkai"},
        {"霞鹜文楷", "fonts-lxgw-wenkai"},              {"Manrope", "fonts-manrope"},
        {"DejaVu Sans", "fonts-dejavu-core"},          {"DejaVu Sans Mono", "fonts-dejavu-core"},
        {"AR PL UMing CN", "fonts-arphic-uming"},      {"Noto Sans", "fonts-noto-core"},
        {"Nimbus Sans", "fonts-urw-base35"},           {"Nimbus Roman", "fonts-urw-base35"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (same_name(family, known[i].family))
            return known[i].pkg;
    /* Noto Sans CJK SC, Noto Serif CJK TC, Noto Sans Mono CJK JP, ... */
    static const char *const noto_cjk[] = {"Noto Sans CJK", "Noto Serif CJK", "Noto Sans Mono CJK"};
    for (size_t i = 0; i < sizeof noto_cjk / sizeof noto_cjk[0]; i++)
        if (strncasecmp(family, noto_cjk[i], strlen(noto_cjk[i])) == 0)
            return "fonts-noto-cjk";
    return NULL;
}

/* The family exists but lacks the style or weight ('what': "style \"Black\"",
 * "weight \"light\""): say so, and list the styles it has. */
static bool wrong_style(dp_fonts *f, const char *pattern, const char *family, const char *what,
                        dp_loc at, dp_diags *d)
{
    FcPattern *p = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family, (char *)NULL);
    FcObjectSet *os = FcObjectSetBuild(FC_STYLE, (char *)NULL);
    FcFontSet *fs = p && os ? FcFontList(f->fc, p, os) : NULL;
    char list[512] = "";
    size_t n = 0;
    for (int i = 0; fs && i < fs->nfont && n + 2 < sizeof list; i++) {
        FcChar8 *s;
        if (FcPatternGetString(fs->fonts[i], FC_STYLE, 0, &s) == FcResultMatch)
            n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", (const char *)s);
    }
    if (fs && fs->nfont > 0) {
        dp_error_status(d, DP_EXIT_RESOURCE, at, "font \"%s\" is not installed: %s has no %s",
                        pattern, family, what);
        dp_hint(d, "installed styles of %s: %s", family, list);
    }
    bool found = fs && fs->nfont > 0;
    if (fs)
        FcFontSetDestroy(fs);
    if (os)
        FcObjectSetDestroy(os);
    if (p)
        FcPatternDestroy(p);
    return found;
}

static void not_installed(const dp_fonts *f, const char *pattern, const char *family, dp_loc at,
                          dp_diags *d)
{
    dp_error_status(d, DP_EXIT_RESOURCE, at, "font \"%s\" is not installed", pattern);
    const char *pkg = package_for(family);
    if (pkg)
        dp_hint(d, "install it (apt-get install %s) or put a .ttf or .otf into fonts/", pkg);
    else if (same_name(family, "sans-serif") || same_name(family, "serif") ||
             same_name(family, "monospace") || same_name(family, "sans"))
        dp_hint(d, "generic names are not accepted (the font would change with the machine); "
                   "name a family, e.g. WenQuanYi Micro Hei or Noto Sans CJK SC");
    else
        dp_hint(d, "install it (apt-get install fonts-…) or put a .ttf or .otf into fonts/");
    int n = 0;
    while (f->font_dirs[n])
        n++;
    if (n)
        dp_note_words(d, "folders searched before the system's fonts", (const char *const *)f->font_dirs, n);
    else
        dp_note(d, (dp_loc){0}, "searched the system's fonts; no fonts/ folder beside the deck");
}

/* Returns the matched font's pattern (caller destroys) or NULL. */
static FcPattern *match_pattern(dp_fonts *f, const char *pattern, dp_loc at, bool quiet, dp_diags *d)
{
    FcPattern *req = FcNameParse((const FcChar8 *)pattern);
    FcChar8 *s;
    char *family = NULL, *style = NULL;
    if (req && FcPatternGetString(req, FC_FAMILY, 0, &s) == FcResultMatch)
        family = dp_xstrdup((const char *)s);
    if (req && FcPatternGetString(req, FC_STYLE, 0, &s) == FcResultMatch)
        style = dp_xstrdup((const char *)s);
    int weight = -1; /* before FcDefaultSubstitute puts regular in */
    if (req && FcPatternGetInteger(req, FC_WEIGHT, 0, &weight) != FcResultMatch)
        weight = -1;
    FcPattern *m = NULL;
    if (!family) {
        if (!quiet)
            dp_error_status(d, DP_EXIT_RESOURCE, at, "font pattern \"%s\" names no family", pattern);
        goto done;
    }
    FcConfigSubstitute(f->fc, req, FcMatchPattern);
    FcDefaultSubstitute(req);
    FcResult r;
    /* fonts/ first: on a tie FcFontMatch prefers the system set, so ask the
     * application set alone before asking everything. */
    FcFontSet *app = FcConfigGetFonts(f->fc, FcSetApplication);
    if (app && app->nfont > 0) {
        m = FcFontSetMatch(f->fc, &app, 1, req, &r);
        if (!accepts(m, family, style, weight) && m) {
            FcPatternDestroy(m);
            m = NULL;
        }
    }
    if (!m) {
        m = FcFontMatch(f->fc, req, &r);
        if (!accepts(m, family, style, weight) && m) {
            FcPatternDestroy(m);
            m = NULL;
        }
    }
    if (!m && !quiet) {
        const char *w = strstr(pattern, "weight=");
        char what[160] = "";
        if (style)
            snprintf(what, sizeof what, "style \"%s\"", style);
        else if (weight >= 0 && w)
            snprintf(what, sizeof what, "weight \"%.*s\"", (int)strcspn(w + 7, ":"), w + 7);
        if (!(what[0] && wrong_style(f, pattern, family, what, at, d)))
            not_installed(f, pattern, family, at, d);
    }
done:
    if (req)
        FcPatternDestroy(req);
    free(family);
    free(style);
    return m;
}

/* "dir/x.ttc:1" -> path "dir/x.ttc", index 1. A path contains '/' or ends
 * in a font extension; anything else is a fontconfig pattern. */
static bool parse_path(const char *spec, char **path, int *index)
{
    size_t n = strlen(spec);
    const char *colon = strrchr(spec, ':');
    *index = 0;
    if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        n = (size_t)(colon - spec);
        *index = atoi(colon + 1);
    }
    bool is_path = memchr(spec, '/', n) != NULL;
    static const char *const ext[] = {".ttf", ".ttc", ".otf", ".otc"};
    for (int i = 0; i < 4 && !is_path; i++)
        is_path = n > 4 && strncasecmp(spec + n - 4, ext[i], 4) == 0;
    if (!is_path)
        return false;
    *path = dp_xrealloc(NULL, n + 1);
    memcpy(*path, spec, n);
    (*path)[n] = '\0';
    return true;
}

/* ===== Faces ===== */

/* Pick the English name when fontconfig lists several (文泉驿微米黑 ...). */
static char *english_value(FcPattern *p, const char *object, const char *lang_object)
{
    FcChar8 *s, *lang, *first = NULL;
    for (int i = 0; FcPatternGetString(p, object, i, &s) == FcResultMatch; i++) {
        if (!first)
            first = s;
        if (FcPatternGetString(p, lang_object, i, &lang) == FcResultMatch &&
            strcmp((const char *)lang, "en") == 0)
            return dp_xstrdup((const char *)s);
    }
    return dp_xstrdup(first ? (const char *)first : "");
}

static int thousandths(long v, int upem)
{
    long n = v * 1000;
    return (int)((n + (n < 0 ? -upem / 2 : upem / 2)) / upem);
}

/* Line metrics as browsers choose them: OS/2 typo values when the font sets
 * USE_TYPO_METRICS (fsSelection bit 7), else hhea. The design mocks were
 * rendered that way (Chromium), and FreeType's own ascender is hhea. */
static void read_metrics(face *fc)
{
    FT_Face ft = fc->ft;
    TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
    TT_HoriHeader *hhea = FT_Get_Sfnt_Table(ft, FT_SFNT_HHEA);
    long asc = hhea ? hhea->Ascender : ft->ascender;
    long desc = hhea ? hhea->Descender : ft->descender;
    bool use_typo = os2 && os2->version != 0xFFFF && (os2->fsSelection & (1u << 7));
    if (os2 && os2->version != 0xFFFF && (use_typo || (asc == 0 && desc == 0))) {
        asc = os2->sTypoAscender;
        desc = os2->sTypoDescender;
    }
    fc->ascender = thousandths(asc, ft->units_per_EM);
    fc->descender = thousandths(desc, ft->units_per_EM);
    bool has_cap = os2 && os2->version != 0xFFFF && os2->version >= 2 && os2->sCapHeight > 0;
    fc->cap_height = has_cap ? thousandths(os2->sCapHeight, ft->units_per_EM) : 700;
}

static int find_face(const dp_fonts *f, const char *path, int index)
{
    for (int i = 0; i < f->n_faces; i++)
        if (f->faces[i].index == index && strcmp(f->faces[i].path, path) == 0)
            return i;
    return -1;
}

/* 'what' names the format: "Type 1", "WOFF", ... */
static void refuse_format(const char *path, const char *what, dp_loc at, dp_diags *d)
{
    dp_error_status(d, DP_EXIT_RESOURCE, at, "font file %s is %s, which deckpress cannot embed", path, what);
    dp_hint(d, "%s", FORMAT_HINT);
}

/* fontconfig's FC_FONTFORMAT for what FreeType reads but we cannot embed. */
static const char *describe_format(const char *fc_format)
{
    if (strcmp(fc_format, "Type 1") == 0 || strcmp(fc_format, "CID Type 1") == 0)
        return "a PostScript Type 1 font";
    if (strcmp(fc_format, "PCF") == 0 || strcmp(fc_format, "BDF") == 0 ||
        strcmp(fc_format, "Windows FNT") == 0)
        return "a bitmap-only font (no outlines)";
    return fc_format;
}

/* Web fonts: FreeType unpacks them, fontconfig calls them TrueType, but
 * hb-subset reads only plain sfnt files. NULL when the file is not one. */
static const char *web_font(const char *path)
{
    unsigned char magic[4] = {0};
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t n = fread(magic, 1, 4, fp);
    fclose(fp);
    if (n == 4 && memcmp(magic, "wOFF", 4) == 0)
        return "a WOFF web font";
    if (n == 4 && memcmp(magic, "wOF2", 4) == 0)
        return "a WOFF2 web font";
    return NULL;
}

static bool has_table(FT_Face ft, FT_ULong tag)
{
    FT_ULong len = 0;
    return FT_Load_Sfnt_Table(ft, tag, 0, NULL, &len) == 0 && len > 0;
}

/* The outlines we can embed: glyf (TrueType) or CFF (OpenType/CFF, CID- or
 * name-keyed). Otherwise what the face has instead, for the message. */
static const char *outlines(FT_Face ft, bool *cff)
{
    *cff = false;
    if (has_table(ft, TTAG_glyf))
        return NULL;
    if (has_table(ft, TTAG_CFF)) {
        *cff = true;
        return NULL;
    }
    if (has_table(ft, TTAG_CFF2))
        return "OpenType with CFF2 (variable) outlines";
    if (has_table(ft, TTAG_EBDT) || has_table(ft, TTAG_CBDT) || has_table(ft, TTAG_sbix) ||
        (!FT_IS_SFNT(ft) && !FT_IS_SCALABLE(ft)))
        return "a bitmap-only font (no outlines)";
    return "a font without outlines deckpress can embed (no glyf or CFF table)";
}

/* What add_face needs of a fontconfig pattern (a match or a file query). */
static bool desc_of(FcPattern *p, dp_font_desc *out)
{
    FcChar8 *file, *format;
    memset(out, 0, sizeof *out);
    if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
        return false;
    out->file = dp_xstrdup((const char *)file);
    FcPatternGetInteger(p, FC_INDEX, 0, &out->index);
    out->format = dp_xstrdup(FcPatternGetString(p, FC_FONTFORMAT, 0, &format) == FcResultMatch
                              ? (const char *)format : "");
    out->weight = FC_WEIGHT_REGULAR;
    FcPatternGetInteger(p, FC_WEIGHT, 0, &out->weight);
    out->family = english_value(p, FC_FAMILY, FC_FAMILYLANG);
    out->style = english_value(p, FC_STYLE, FC_STYLELANG);
    return true;
}

/* Open the face 'desc' describes and add it, or return the id it already has. */
static int add_face(dp_fonts *f, const dp_font_desc *desc, dp_loc at, bool quiet, dp_diags *d)
{
    int index = desc->index;
    char *path = realpath(desc->file, NULL);
    if (!path)
        path = dp_xstrdup(desc->file);
    int id = find_face(f, path, index);
    if (id >= 0) {
        free(path);
        return id;
    }
    const char *fmt = desc->format;
    const char *refused = fmt[0] && strcmp(fmt, "TrueType") != 0 && strcmp(fmt, "CFF") != 0
                          ? describe_format(fmt) : web_font(path);
    if (refused) {
        if (!quiet)
            refuse_format(path, refused, at, d);
        free(path);
        return -1;
    }
    /* fontconfig encodes a variable font's named instance in the high bits;
     * hb-subset 6.0 can only cut the default instance. */
    if (index >> 16) {
        if (!quiet) {
            dp_error_status(d, DP_EXIT_RESOURCE, at, "font file %s is a variable font instance, "
                            "which deckpress cannot embed", path);
            dp_hint(d, "use the static .ttf or .otf of that weight instead");
        }
        free(path);
        return -1;
    }
    FT_Face ft;
    if (FT_New_Face(f->ft, path, index, &ft)) {
        if (!quiet)
            dp_error_status(d, DP_EXIT_RESOURCE, at, "cannot read font file %s (face %d)", path, index);
        free(path);
        return -1;
    }
    bool cff;
    refused = outlines(ft, &cff);
    if (refused) {
        if (!quiet)
            refuse_format(path, refused, at, d);
        FT_Done_Face(ft);
        free(path);
        return -1;
    }
    if (f->n_faces == f->cap_faces) {
        f->cap_faces = f->cap_faces ? 2 * f->cap_faces : 8;
        f->faces = dp_xrealloc(f->faces, (size_t)f->cap_faces * sizeof *f->faces);
    }
    face *fc = &f->faces[f->n_faces];
    memset(fc, 0, sizeof *fc);
    fc->path = path;
    fc->index = index;
    fc->ft = ft;
    fc->family = dp_xstrdup(desc->family);
    fc->style = dp_xstrdup(desc->style);
    const char *ps = FT_Get_Postscript_Name(ft);
    fc->psname = dp_xstrdup(ps ? ps : "Font");
    fc->is_bold = desc->weight >= FC_WEIGHT_SEMIBOLD;
    fc->cff = cff;
    fc->bold = -2;
    read_metrics(fc);
    return f->n_faces++;
}

static int resolve_path(dp_fonts *f, const char *spec, char *path, int index, dp_loc at, bool quiet,
                        dp_diags *d)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (!quiet)
            dp_error_status(d, DP_EXIT_RESOURCE, at, "cannot open font file %s: %s", path,
                            strerror(errno));
        return -1;
    }
    int count = 0;
    FcPattern *desc = FcFreeTypeQuery((const FcChar8 *)path, (unsigned)index, NULL, &count);
    if (!desc) {
        if (!quiet)
            dp_error_status(d, DP_EXIT_RESOURCE, at, "%s is not a font file fontconfig can read%s",
                            spec, index > 0 ? " (or has no face of that index)" : "");
        return -1;
    }
    dp_font_desc fd;
    int id = desc_of(desc, &fd) ? add_face(f, &fd, at, quiet, d) : -1;
    dp_font_desc_free(&fd);
    FcPatternDestroy(desc);
    return id;
}

/* A fontconfig pattern: from the cache when it knows, else from fontconfig
 * (and then cached). A cached "not installed" answers quiet lookups only:
 * the error message needs fontconfig's view. */
static int resolve_family(dp_fonts *f, const char *pattern, dp_loc at, bool quiet, dp_diags *d)
{
    const dp_font_desc *cached;
    int known = dp_font_cache_get(f->cache, pattern, &cached);
    if (known == 1)
        return add_face(f, cached, at, quiet, d);
    if (known == 0 && quiet)
        return -1;
    if (!start_fontconfig(f, d))
        return -1;
    FcPattern *m = match_pattern(f, pattern, at, quiet, d);
    dp_font_desc fd;
    if (!m || !desc_of(m, &fd)) {
        dp_font_cache_put(f->cache, pattern, NULL);
        if (m)
            FcPatternDestroy(m);
        return -1;
    }
    int id = add_face(f, &fd, at, quiet, d);
    dp_font_cache_put(f->cache, pattern, &fd);
    dp_font_desc_free(&fd);
    FcPatternDestroy(m);
    return id;
}

int dp_fonts_resolve(dp_fonts *f, const char *pattern, dp_loc at, bool quiet, dp_diags *d)
{
    for (int i = 0; i < f->n_memos; i++)
        if (strcmp(f->memos[i].pattern, pattern) == 0)
            return f->memos[i].id;
    char *path;
    int index, id;
    if (parse_path(pattern, &path, &index)) {
        id = resolve_path(f, pattern, path, index, at, quiet, d);
        free(path);
    } else {
        id = resolve_family(f, pattern, at, quiet, d);
    }
    /* Failures are not remembered: a quiet miss must still report later. */
    if (id >= 0) {
        if (f->n_memos == f->cap_memos) {
            f->cap_memos = f->cap_memos ? 2 * f->cap_memos : 16;
            f->memos = dp_xrealloc(f->memos, (size_t)f->cap_memos * sizeof *f->memos);
        }
        f->memos[f->n_memos++] = (memo){dp_xstrdup(pattern), id};
    }
    return id;
}

bool dp_fonts_why_not(dp_fonts *f, const char *pattern, char *why, size_t why_size, char *hint,
                      size_t hint_size)
{
    dp_diags *scratch = dp_diags_new();
    bool found = dp_fonts_resolve(f, pattern, (dp_loc){0}, false, scratch) >= 0;
    const char *text, *h;
    if (!dp_diags_first(scratch, DP_ERROR, &text, &h))
        text = "not installed", h = NULL;
    snprintf(why, why_size, "%s", text);
    snprintf(hint, hint_size, "%s", h ? h : "");
    dp_diags_free(scratch);
    return !found;
}

/* ===== Accessors and metrics ===== */

int dp_fonts_count(const dp_fonts *f) { return f->n_faces; }
bool dp_fonts_started_fontconfig(const dp_fonts *f) { return f->fc != NULL; }

static const face *get(const dp_fonts *f, int id)
{
    return id >= 0 && id < f->n_faces ? &f->faces[id] : NULL;
}

const char *dp_face_path(const dp_fonts *f, int id) { return get(f, id) ? get(f, id)->path : NULL; }
int dp_face_index(const dp_fonts *f, int id) { return get(f, id) ? get(f, id)->index : 0; }
const char *dp_face_family(const dp_fonts *f, int id) { return get(f, id) ? get(f, id)->family : NULL; }
const char *dp_face_style(const dp_fonts *f, int id) { return get(f, id) ? get(f, id)->style : NULL; }
const char *dp_face_psname(const dp_fonts *f, int id) { return get(f, id) ? get(f, id)->psname : NULL; }
bool dp_face_is_bold(const dp_fonts *f, int id) { return get(f, id) && get(f, id)->is_bold; }
bool dp_face_is_cff(const dp_fonts *f, int id) { return get(f, id) && get(f, id)->cff; }

/* The family with fontconfig's weight=bold, accepted only when the face it
 * finds is of the family (match_pattern) and really bold (>= semibold):
 * fontconfig answers a one-weight family with its only face. The family is
 * escaped for FcNameParse, so "Noto Sans CJK SC" and "Foo-Bar: X" both work;
 * the pattern goes through dp_fonts_resolve, so the answer is cached. */
int dp_face_bold(dp_fonts *f, int id)
{
    if (!get(f, id))
        return -1;
    if (f->faces[id].is_bold)
        return id;
    if (f->faces[id].bold != -2)
        return f->faces[id].bold;
    const char *family = f->faces[id].family;
    size_t n = strlen(family);
    char *pattern = dp_xrealloc(NULL, 2 * n + sizeof ":weight=bold"), *p = pattern;
    for (size_t i = 0; i < n; i++) {
        if (strchr("\\-:,=", family[i]))
            *p++ = '\\';
        *p++ = family[i];
    }
    strcpy(p, ":weight=bold");
    dp_diags *quiet = dp_diags_new();
    int b = n ? dp_fonts_resolve(f, pattern, (dp_loc){0}, true, quiet) : -1;
    dp_diags_free(quiet);
    free(pattern);
    if (b >= 0 && !f->faces[b].is_bold)
        b = -1; /* the family has one weight: fake bold */
    f->faces[id].bold = b;
    return b;
}
int dp_face_ascender(const dp_fonts *f, int id) { return get(f, id) ? get(f, id)->ascender : 0; }
int dp_face_descender(const dp_fonts *f, int id) { return get(f, id) ? get(f, id)->descender : 0; }
int dp_face_cap_height(const dp_fonts *f, int id) { return get(f, id) ? get(f, id)->cap_height : 0; }


void dp_face_bbox(const dp_fonts *f, int id, int bbox[4])
{
    const face *fc = get(f, id);
    FT_Face ft = fc ? fc->ft : NULL;
    if (!ft || ft->units_per_EM == 0) {
        bbox[0] = bbox[1] = bbox[2] = bbox[3] = 0;
        return;
    }
    bbox[0] = thousandths(ft->bbox.xMin, ft->units_per_EM);
    bbox[1] = thousandths(ft->bbox.yMin, ft->units_per_EM);
    bbox[2] = thousandths(ft->bbox.xMax, ft->units_per_EM);
    bbox[3] = thousandths(ft->bbox.yMax, ft->units_per_EM);
}

float dp_face_italic_angle(const dp_fonts *f, int id)
{
    const face *fc = get(f, id);
    TT_Postscript *post = fc ? FT_Get_Sfnt_Table(fc->ft, FT_SFNT_POST) : NULL;
    return post ? (float)post->italicAngle / 65536.0f : 0;
}

/* Same integer arithmetic as libharu's HPDF_TTFontDef_GetGidWidth, so layout
 * and /W agree to the unit. */
static int measure(FT_Face ft, uint32_t cp)
{
    FT_UInt gid = FT_Get_Char_Index(ft, cp);
    FT_Fixed adv;
    if (gid == 0 || FT_Get_Advance(ft, gid, FT_LOAD_NO_SCALE, &adv))
        return ADV_MISSING;
    return (int)((unsigned long)adv * 1000 / ft->units_per_EM);
}

static int cached_advance(dp_fonts *f, int id, uint32_t cp)
{
    if (id < 0 || id >= f->n_faces)
        return ADV_MISSING;
    face *fc = &f->faces[id];
    if (cp >= BMP_SIZE) /* rare (CJK extension B and beyond): not worth a cache */
        return measure(fc->ft, cp);
    if (!fc->adv) {
        fc->adv = dp_xrealloc(NULL, BMP_SIZE * sizeof *fc->adv);
        for (int i = 0; i < BMP_SIZE; i++)
            fc->adv[i] = ADV_UNKNOWN;
    }
    if (fc->adv[cp] == ADV_UNKNOWN)
        fc->adv[cp] = (int16_t)measure(fc->ft, cp);
    return fc->adv[cp];
}

bool dp_face_has(dp_fonts *f, int id, uint32_t cp) { return cached_advance(f, id, cp) != ADV_MISSING; }

int dp_face_advance(dp_fonts *f, int id, uint32_t cp)
{
    int v = cached_advance(f, id, cp);
    return v == ADV_MISSING ? 0 : v;
}

bool dp_face_ink(dp_fonts *f, int id, uint32_t cp, int *xmin, int *xmax)
{
    if (id < 0 || id >= f->n_faces)
        return false;
    FT_Face ft = f->faces[id].ft;
    FT_UInt gid = FT_Get_Char_Index(ft, cp);
    if (gid == 0 || FT_Load_Glyph(ft, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING))
        return false;
    const FT_Glyph_Metrics *m = &ft->glyph->metrics;
    *xmin = (int)(m->horiBearingX * 1000 / ft->units_per_EM);
    *xmax = (int)((m->horiBearingX + m->width) * 1000 / ft->units_per_EM);
    return true;
}
