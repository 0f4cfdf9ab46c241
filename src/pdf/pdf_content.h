/* pdf_content.h: PDF content streams from display-list pages. Part of the PDF
 * writer, but needs no libharu: it turns ops into operators, sets graphics
 * state only when it changes, and writes text as the CIDs of each face's
 * embedded subset. Makes no layout decision.
 *
 * Resource names it uses (pdf_out.c declares them): /F<face id> for fonts and
 * /I<image id> for images. */
#ifndef DP_PDF_CONTENT_H
#define DP_PDF_CONTENT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dlist.h"

/* Code point -> CID for one face: cps sorted ascending, cids parallel. A code
 * point not listed is drawn as CID 0 (.notdef). */
typedef struct {
    const uint32_t *cps;
    const uint16_t *cids;
    int n;
} dp_cid_map;

typedef struct dp_content dp_content;

/* Marked content (tagged PDF) for one op: mcid >= 0 draws it inside
 * "/type <</MCID n>> BDC ... EMC", -1 inside "/Artifact BMC ... EMC".
 * Consecutive ops with the same mark share one sequence. 'leaf' is the
 * writer's (pdf_struct.c), unused here. */
typedef struct {
    int mcid;
    int leaf;
    const char *type;       /* structure type of the sequence's element ("P", "H3") */
} dp_mark;

/* 'maps' is indexed by face id; it and 'images' (what image ops draw, for
 * their orientation; may be NULL) must outlive the builder. */
dp_content *dp_content_new(const dp_cid_map *maps, int n_faces, const struct dp_images *images);
void dp_content_free(dp_content *c);

/* Start a new, empty stream (the next sheet). */
void dp_content_reset(dp_content *c);

/* Draw page 'p' as the whole sheet, 'sheet_h' high (slides, and a sheet's
 * own extras: no matrix, no clip). 'marks' (one per op of 'p') tags what
 * is drawn; NULL: no marked content (an untagged PDF). */
void dp_content_page(dp_content *c, const dp_page *p, float sheet_h, const dp_mark *marks);

/* Draw page 'p' scaled by 'scale' with its top-left at (dx, dy) on a sheet
 * 'sheet_h' high (y down), clipped to its own box (N-up handouts); the
 * clip is an Artifact when 'marks' is not NULL. */
void dp_content_place(dp_content *c, const dp_page *p, float scale, float dx, float dy, float sheet_h,
                      const dp_mark *marks);

/* Link ops are never drawn: they are annotations (pdf_out.c). */

/* The stream so far: operators, uncompressed. */
const char *dp_content_data(const dp_content *c, size_t *len);

#endif
