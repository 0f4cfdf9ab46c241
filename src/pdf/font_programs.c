/* font_programs.c: see font_programs.h. */
#include "font_programs.h"

#include <stdlib.h>
#include <string.h>

#include "subset.h"
#include "subset_cache.h"

struct dp_programs {
    dp_program **last;          /* per face id: its last program, or NULL */
    int n;
};

dp_programs *dp_programs_new(void)
{
    dp_programs *p = dp_xrealloc(NULL, sizeof *p);
    memset(p, 0, sizeof *p);
    return p;
}

static void program_free(dp_program *g)
{
    if (!g)
        return;
    free(g->cps);
    free(g->gid);
    free(g->packed);
    free(g);
}

void dp_programs_free(dp_programs *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n; i++)
        program_free(p->last[i]);
    free(p->last);
    free(p);
}

/* Cut with hb-subset and compress; false with an error in 'd'. */
static bool make(dp_program *g, dp_fonts *fonts, int face, dp_flate *z, dp_diags *d)
{
    dp_subset *sub = dp_subset_make(dp_face_path(fonts, face), dp_face_index(fonts, face),
                                    dp_face_is_cff(fonts, face), g->cps, g->n, d);
    if (!sub)
        return false;
    memcpy(g->gid, sub->gid, (size_t)g->n * sizeof *g->gid);
    g->n_glyphs = sub->n_glyphs;
    g->len = sub->len;
    g->packed = dp_flate_pack(z, sub->data, sub->len, &g->packed_len);
    dp_subset_free(sub);
    return g->packed != NULL;
}

const dp_program *dp_programs_get(dp_programs *p, dp_fonts *fonts, int face, const uint32_t *cps,
                                  int n, dp_flate *z, dp_diags *d)
{
    const char *src = dp_face_path(fonts, face);
    if (!src || face < 0) {
        dp_error_status(d, DP_EXIT_RESOURCE, (dp_loc){0}, "internal: no font face %d", face);
        return NULL;
    }
    if (face >= p->n) {
        p->last = dp_xrealloc(p->last, (size_t)(face + 1) * sizeof *p->last);
        memset(p->last + p->n, 0, (size_t)(face + 1 - p->n) * sizeof *p->last);
        p->n = face + 1;
    }
    dp_program *old = p->last[face];
    if (old && old->n == n && memcmp(old->cps, cps, (size_t)n * sizeof *cps) == 0)
        return old;
    dp_program *g = dp_xrealloc(NULL, sizeof *g);
    memset(g, 0, sizeof *g);
    g->n = n;
    g->cps = dp_xrealloc(NULL, (size_t)(n ? n : 1) * sizeof *g->cps);
    memcpy(g->cps, cps, (size_t)n * sizeof *cps);
    g->gid = dp_xrealloc(NULL, (size_t)(n ? n : 1) * sizeof *g->gid);
    int index = dp_face_index(fonts, face);
    if (!dp_subset_cache_load(src, index, cps, n, g)) {
        if (!make(g, fonts, face, z, d)) {
            program_free(g);
            return NULL;
        }
        dp_subset_cache_store(src, index, g);
    }
    program_free(old);
    p->last[face] = g;
    return g;
}
