/* pdf_packer.h: content streams of many sheets built and compressed on
 * several threads. Each sheet's bytes depend on that sheet alone, so the
 * output is the same on any number of threads; libharu is never called here
 * (the caller puts the results into its pages, in order, on its own thread). */
#ifndef DP_PDF_PACKER_H
#define DP_PDF_PACKER_H
#include <stdbool.h>
#include <stddef.h>

#include "pdf_content.h"

typedef struct {
    unsigned char *data;    /* zlib-compressed operators, malloc'd; NULL: failed */
    size_t len;
} dp_packed;

/* Draw sheet 's' into 'c' (already reset). Called on worker threads: it may
 * only read shared data. */
typedef void (*dp_draw_sheet_fn)(void *ctx, dp_content *c, int s);

typedef struct dp_packer dp_packer;

/* Up to 'threads' threads (at least 1: the caller's); 'maps' and 'images'
 * as for dp_content_new. NULL when out of memory. */
dp_packer *dp_packer_new(const dp_cid_map *maps, int n_faces, const struct dp_images *images,
                         int level, int threads);
void dp_packer_free(dp_packer *pk);

/* out[s - from] for every sheet s in [from, to). False when a thread could
 * not start or compression failed (out holds what succeeded; free it). */
bool dp_packer_run(dp_packer *pk, int from, int to, dp_draw_sheet_fn draw, void *ctx, dp_packed *out);

/* The first worker's compressor, for the caller's own streams (fonts)
 * between runs, on the caller's thread. */
struct dp_flate *dp_packer_flate(dp_packer *pk);

/* Threads worth using for 'n' sheets on this machine (1 for small documents). */
int dp_packer_threads(int n_sheets);

#endif
