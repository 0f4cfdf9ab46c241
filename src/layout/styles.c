/* styles.c: font roles resolved once (see styles.h). */
#include "styles.h"

#include <string.h>

dp_styles *dp_styles_resolve(dp_arena *a, const dp_template *t, dp_fonts *fonts, dp_diags *d)
{
    dp_styles *s = dp_arena_alloc(a, sizeof *s);
    memset(s, 0, sizeof *s);
    s->of = t->roles;
    s->n_roles = t->n_roles;
    s->fonts = fonts;
    s->roles = dp_arena_alloc(a, sizeof *s->roles * (size_t)(t->n_roles ? t->n_roles : 1));
    memset(s->roles, 0, sizeof *s->roles * (size_t)(t->n_roles ? t->n_roles : 1));
    for (int r = 0; r < t->n_roles; r++) {
        const dp_font_role *role = &t->roles[r];
        dp_role_faces *rf = &s->roles[r];
        rf->face_of = dp_arena_alloc(a, sizeof(int) * (size_t)(role->n ? role->n : 1));
        for (int i = 0; i < role->n; i++) {
            int face = -1;
            if (rf->chain.n < DP_MAX_CHAIN)
                face = dp_fonts_resolve(fonts, role->families[i], role->locs[i], true, d);
            rf->face_of[i] = face;
            if (face >= 0)
                rf->chain.faces[rf->chain.n++] = face;
        }
    }
    return s;
}

bool dp_styles_complete(const dp_styles *s)
{
    for (int r = 0; r < s->n_roles; r++)
        if (s->roles[r].chain.n == 0 && s->of[r].n > 0)
            return false;
    return true;
}

bool dp_styles_report(const dp_styles *s, dp_diags *d)
{
    bool ok = true;
    for (int r = 0; r < s->n_roles; r++) {
        const dp_font_role *role = &s->of[r];
        const dp_role_faces *rf = &s->roles[r];
        int first = 0;
        while (first < role->n && rf->face_of[first] < 0)
            first++;
        if (rf->chain.n > 0 && first > 0) { /* the font the template asked for first is not there */
            dp_warning(d, role->locs[0], "font \"%s\", the first of role \"%s\", is not installed: "
                       "\"%s\" is used instead", role->families[0], role->name, role->families[first]);
            dp_hint(d, "install it, put its .ttf into a fonts/ folder beside the deck, or "
                       "take it out of the template");
        }
        if (rf->chain.n == 0 && role->n > 0) {
            /* resolve the first again, loudly, for a message that says why */
            dp_fonts_resolve(s->fonts, role->families[0], role->locs[0], false, d);
            if (dp_error_count(d) == 0)
                dp_error_status(d, DP_EXIT_RESOURCE, role->loc, "no font of role \"%s\" is installed",
                                role->name);
            ok = false;
        }
    }
    return ok;
}

const char *dp_styles_face_name(dp_arena *a, const dp_fonts *fonts, int face)
{
    return dp_arena_printf(a, "%s %s", dp_face_family(fonts, face), dp_face_style(fonts, face));
}

void dp_styles_explain(const dp_styles *s, const dp_template *t, dp_arena *a, dp_diags *d)
{
    dp_loc at = {t->path, 0, 0};
    for (int r = 0; r < s->n_roles; r++) {
        const dp_font_role *role = &s->of[r];
        for (int i = 0; i < role->n && i < 64; i++) {
            int face = s->roles[r].face_of[i];
            if (face >= 0)
                dp_note(d, at, "font role \"%s\" %d: \"%s\" is %s (face %d, %s)", role->name,
                        i + 1, role->families[i], dp_face_path(s->fonts, face),
                        dp_face_index(s->fonts, face), dp_styles_face_name(a, s->fonts, face));
            else
                dp_note(d, at, "font role \"%s\" %d: \"%s\" is not installed; skipped",
                        role->name, i + 1, role->families[i]);
        }
    }
}
