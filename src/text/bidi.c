/* bidi.c: UAX #9 and Arabic joining with FriBidi (see bidi.h). */
#include "bidi.h"

#include <fribidi.h>
#include <pthread.h>
#include <stdlib.h>

bool dp_bidi_needed(const uint32_t *cps, int n)
{
    for (int i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
            (c >= 0xFE70 && c <= 0xFEFE) || (c >= 0x10800 && c <= 0x10FFF) ||
            (c >= 0x1E800 && c <= 0x1EFFF) || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
            (c >= 0x2066 && c <= 0x2069))
            return true;
    }
    return false;
}

bool dp_bidi_is_format(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2069) || cp == 0x061C || cp == 0xFEFF;
}

void dp_bidi_paragraph(const uint32_t *cps, int n, uint32_t *drawn, unsigned char *levels)
{
    if (n <= 0)
        return;
    FriBidiCharType *types = malloc(sizeof *types * (size_t)n);
    FriBidiBracketType *brackets = malloc(sizeof *brackets * (size_t)n);
    FriBidiLevel *lev = malloc(sizeof *lev * (size_t)n);
    FriBidiArabicProp *joins = malloc(sizeof *joins * (size_t)n);
    FriBidiParType dir = FRIBIDI_PAR_LTR;
    bool ok = types && brackets && lev && joins;
    for (int i = 0; i < n; i++)
        drawn[i] = cps[i], levels[i] = 0;
    if (ok) {
        fribidi_get_bidi_types(cps, n, types);
        fribidi_get_bracket_types(cps, n, types, brackets);
        ok = fribidi_get_par_embedding_levels_ex(types, brackets, n, &dir, lev) != 0;
    }
    if (ok) {
        fribidi_get_joining_types(cps, n, joins);
        fribidi_join_arabic(types, n, lev, joins);
        fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, lev, n, joins, drawn);
        for (int i = 0; i < n; i++)
            levels[i] = (unsigned char)(lev[i] > 0 ? lev[i] : 0);
    }
    /* out of memory: left to right, unshaped, as before bidi */
    free(types), free(brackets), free(lev), free(joins);
}

void dp_bidi_line(const uint32_t *drawn, unsigned char *levels, int n, int *order)
{
    for (int k = 0; k < n; k++)
        order[k] = k;
    if (n <= 0)
        return;
    FriBidiCharType *types = malloc(sizeof *types * (size_t)n);
    FriBidiLevel *lev = malloc(sizeof *lev * (size_t)n);
    if (types && lev) {
        fribidi_get_bidi_types(drawn, n, types);
        for (int i = 0; i < n; i++)
            lev[i] = (FriBidiLevel)levels[i];
        if (fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, types, n, 0, FRIBIDI_PAR_LTR, lev, NULL,
                                 order) != 0)
            for (int i = 0; i < n; i++)
                levels[i] = (unsigned char)(lev[i] > 0 ? lev[i] : 0);
    }
    free(types), free(lev);
}

/* ===== Presentation forms back to letters =====
 * Built once from FriBidi's own tables: every Arabic letter in each of its
 * four joining forms, and lam followed by each alef, alone and joined. */

#define PF_LO 0xFB50
#define PF_HI 0xFEFC
static uint16_t pf_source[PF_HI - PF_LO + 1][2];
static pthread_once_t pf_once = PTHREAD_ONCE_INIT;

static void pf_note(uint32_t form, uint32_t a, uint32_t b)
{
    if (form >= PF_LO && form <= PF_HI && !pf_source[form - PF_LO][0])
        pf_source[form - PF_LO][0] = (uint16_t)a, pf_source[form - PF_LO][1] = (uint16_t)b;
}

static void pf_build(void)
{
    FriBidiLevel rtl[3] = {1, 1, 1};
    for (uint32_t c = 0x0600; c <= 0x06FF; c++)
        for (FriBidiArabicProp shape = 0; shape < 4; shape++) {
            FriBidiChar s = c;
            FriBidiArabicProp p = FRIBIDI_MASK_ARAB_SHAPES | shape;
            fribidi_shape_arabic(FRIBIDI_FLAG_SHAPE_ARAB_PRES, rtl, 1, &p, &s);
            if (s != c)
                pf_note(s, c, 0);
        }
    static const uint32_t alefs[] = {0x0622, 0x0623, 0x0625, 0x0627};
    for (size_t k = 0; k < sizeof alefs / sizeof *alefs; k++)
        for (int joined = 0; joined < 2; joined++) {
            /* (beh) lam alef: the ligature alone, then after a joining letter */
            FriBidiChar s[3] = {0x0628, 0x0644, alefs[k]};
            FriBidiChar *w = s + (joined ? 0 : 1);
            int n = joined ? 3 : 2;
            FriBidiCharType types[3];
            FriBidiArabicProp joins[3];
            fribidi_get_bidi_types(w, n, types);
            fribidi_get_joining_types(w, n, joins);
            fribidi_join_arabic(types, n, rtl, joins);
            fribidi_shape_arabic(FRIBIDI_FLAGS_ARABIC, rtl, n, joins, w);
            for (int i = n - 2; i < n; i++) /* the ligature, beside U+FEFF */
                if (w[i] != FRIBIDI_CHAR_FILL && w[i] >= 0xFEF5)
                    pf_note(w[i], 0x0644, alefs[k]);
        }
}

int dp_bidi_source_chars(uint32_t cp, uint32_t out[2])
{
    out[0] = cp;
    if (cp < PF_LO || cp > PF_HI)
        return 1;
    pthread_once(&pf_once, pf_build);
    const uint16_t *s = pf_source[cp - PF_LO];
    if (!s[0])
        return 1;
    out[0] = s[0];
    if (!s[1])
        return 1;
    out[1] = s[1];
    return 2;
}
