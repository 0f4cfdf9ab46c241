/* fonts.h: font faces for layout and for the PDF writer. Resolves font roles
 * with fontconfig (the project's fonts/ folder first), takes TrueType (glyf)
 * and OpenType/CFF faces and refuses the rest (Type 1, bitmap-only, WOFF,
 * CFF2) naming the format, measures with FreeType, finds a family's real
 * bold face; subset.h cuts a face with hb-subset. Knows nothing of PDF. */
#ifndef DP_FONTS_H
#define DP_FONTS_H
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

typedef struct dp_fonts dp_fonts;

/* 'font_dirs': NULL-terminated folders searched before the system fonts
 * (fonts/ of the project). Returns NULL (with an error in 'd') when
 * fontconfig or FreeType cannot start. */
dp_fonts *dp_fonts_new(const char *const *font_dirs, dp_diags *d);
void dp_fonts_free(dp_fonts *f);

/* Resolve one fontconfig pattern ("WenQuanYi Micro Hei", "Manrope:style=Light",
 * "Noto Sans CJK SC:weight=bold") or a font file path (".ttf", ".otf", ".ttc",
 * ".otc" with optional ":INDEX") to a face id (>= 0). The same file and index
 * always give the same id. Returns -1 and records an error at 'at' when the
 * family is not installed (fontconfig's substitute is not accepted) or the
 * face has neither glyf nor CFF outlines: the message names the file and its
 * format and suggests an alternative. With 'quiet' no error is recorded (used
 * while walking a fallback chain). */
int dp_fonts_resolve(dp_fonts *f, const char *pattern, dp_loc at, bool quiet, dp_diags *d);

/* Why 'pattern' does not resolve, as data: the reason dp_fonts_resolve()
 * gives (e.g. 'font "X" is not installed'; "not installed" when it gives
 * none) into why[], and its hint into hint[] ("" when none). Returns false
 * when the pattern does resolve (asked loudly, past a cached miss). */
bool dp_fonts_why_not(dp_fonts *f, const char *pattern, char *why, size_t why_size, char *hint,
                      size_t hint_size);

int dp_fonts_count(const dp_fonts *f);
/* Whether fontconfig had to be started (the font cache could not answer
 * everything; font_cache.h). For tests and -v. */
bool dp_fonts_started_fontconfig(const dp_fonts *f);
const char *dp_face_path(const dp_fonts *f, int face);
int dp_face_index(const dp_fonts *f, int face);     /* face index inside a .ttc */
const char *dp_face_family(const dp_fonts *f, int face);
const char *dp_face_style(const dp_fonts *f, int face);
const char *dp_face_psname(const dp_fonts *f, int face);
bool dp_face_is_bold(const dp_fonts *f, int face);   /* weight >= semibold */
bool dp_face_is_cff(const dp_fonts *f, int face);    /* OpenType/CFF outlines, else TrueType */
/* The real bold face for text that 'face' would set in bold: 'face' itself
 * when it is bold (weight >= semibold), else its family's bold face found
 * with fontconfig (weight >= semibold, same family), else -1: a one-weight
 * family, drawn in fake bold. Remembered per face. */
int dp_face_bold(dp_fonts *f, int face);

bool dp_face_has(dp_fonts *f, int face, uint32_t cp);
/* Advance of cp in thousandths of an em, exactly as libharu writes /W:
 * (int)(advance * 1000 / units_per_em). 0 when the face lacks cp. */
int dp_face_advance(dp_fonts *f, int face, uint32_t cp);
/* Horizontal ink extent of cp's glyph in thousandths of an em from the
 * origin (for punctuation compression: only empty space may be taken away).
 * False when the face lacks cp. Not cached: call it for punctuation only. */
bool dp_face_ink(dp_fonts *f, int face, uint32_t cp, int *xmin, int *xmax);
/* Ascender / descender (descender negative) in thousandths of an em. */
int dp_face_ascender(const dp_fonts *f, int face);
int dp_face_descender(const dp_fonts *f, int face);
/* Cap height and x-height in thousandths of an em (from OS/2; estimated when absent). */
int dp_face_cap_height(const dp_fonts *f, int face);

/* Font box in thousandths of an em: xmin, ymin, xmax, ymax (head table). */
void dp_face_bbox(const dp_fonts *f, int face, int bbox[4]);
/* Italic angle in degrees (post table), 0 when upright. */
float dp_face_italic_angle(const dp_fonts *f, int face);


#endif
