/* version.c: --version (see version.h). Each library is asked for its own
 * version at run time, so the output names what is actually loaded. libharu
 * and libyaml are asked through pdf_out.c and yaml_load.c, the only files
 * that may include their headers. */
#include "version.h"

#include <fontconfig/fontconfig.h>
#include <fribidi.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <libdeflate.h>
#include <linebreak.h>
#include <png.h>
#include <qrencode.h>
#include <unicode/uversion.h>

#include <string.h>

#include "node.h"
#include "pdf_out.h"

void dp_print_version(FILE *out)
{
    fprintf(out, "deckpress %s\n", DP_VERSION);
    fprintf(out, "libharu %s\n", dp_pdf_library_version());
    fprintf(out, "libyaml %s\n", dp_yaml_library_version());
    int fc = FcGetVersion(); /* major * 10000 + minor * 100 + revision */
    fprintf(out, "fontconfig %d.%d.%d\n", fc / 10000, fc / 100 % 100, fc % 100);
    FT_Library ft;
    if (FT_Init_FreeType(&ft) == 0) {
        FT_Int major, minor, patch;
        FT_Library_Version(ft, &major, &minor, &patch);
        fprintf(out, "FreeType %d.%d.%d\n", major, minor, patch);
        FT_Done_FreeType(ft);
    }
    fprintf(out, "HarfBuzz %s\n", hb_version_string());
    /* libunibreak has no release number at run time, only its API version
     * (0xMMmm; 5.1 still says 2.2). */
    fprintf(out, "libunibreak API %d.%d\n", linebreak_version >> 8, linebreak_version & 0xFF);
    /* "(GNU FriBidi) 1.0.8\ninterface version 4, ...": the number */
    const char *fb = strstr(fribidi_version_info, ") ");
    fb = fb ? fb + 2 : fribidi_version_info;
    fprintf(out, "FriBidi %.*s\n", (int)strcspn(fb, "\n"), fb);
    fprintf(out, "libpng %s\n", png_get_libpng_ver(NULL));
    fprintf(out, "libqrencode %s\n", QRcode_APIVersionString());
    UVersionInfo icu;
    char icu_s[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu);
    u_versionToString(icu, icu_s);
    fprintf(out, "ICU %s\n", icu_s);
    /* libdeflate has no run-time version call: the one built against */
    fprintf(out, "libdeflate %s\n", LIBDEFLATE_VERSION_STRING);
    /* md4c has neither a run-time call nor a version macro: the Makefile
     * passes the one pkg-config reported at build time */
#ifdef DP_MD4C_VERSION
    fprintf(out, "md4c %s\n", DP_MD4C_VERSION);
#else
    fprintf(out, "md4c\n");
#endif
}
