/* styles.h: a template's font roles resolved once against the fonts: for
 * every role the chain of installed faces the text engine tries (at most
 * DP_MAX_CHAIN), and for every family of the role the face that serves it.
 * A project resolves them once and shares them between the slides, the
 * booklet, imposition and `deckpress fonts`, so all of them see the same
 * faces. Resolving says nothing; dp_styles_report() says what layout must
 * (a first font missing, a role with none) and dp_styles_explain() what -v
 * shows. Knows nothing of PDF. */
#ifndef DP_STYLES_H
#define DP_STYLES_H
#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "fonts.h"
#include "template.h"
#include "text.h"

typedef struct {
    dp_chain chain;             /* the installed faces of the role, in order */
    int *face_of;               /* per family of the role: its face, or -1 (not
                                   installed, or past the chain's DP_MAX_CHAIN) */
} dp_role_faces;

typedef struct {
    const dp_font_role *of;     /* the roles resolved (a template's roles) */
    int n_roles;
    dp_role_faces *roles;       /* n_roles */
    dp_fonts *fonts;
} dp_styles;

/* Resolve every role of 't' quietly: a family that is not installed is -1
 * here (its reason: dp_fonts_why_not()); 'd' gets only what fontconfig
 * itself reports (a configuration it cannot load). Arena-owned. */
dp_styles *dp_styles_resolve(dp_arena *a, const dp_template *t, dp_fonts *fonts, dp_diags *d);
/* What layout reports of the roles: a warning where the first font of a
 * role is missing and a later one stands in, an error (with fontconfig's
 * reason) for a role that has no installed font. Returns false then. */
bool dp_styles_report(const dp_styles *s, dp_diags *d);
/* Whether every role that names a font has one installed. */
bool dp_styles_complete(const dp_styles *s);
/* -v: a note per family of every role naming the file that serves it. */
void dp_styles_explain(const dp_styles *s, const dp_template *t, dp_arena *a, dp_diags *d);
/* "Family Style" of a face, for reports. */
const char *dp_styles_face_name(dp_arena *a, const dp_fonts *fonts, int face);

#endif
