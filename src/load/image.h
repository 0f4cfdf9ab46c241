/* image.h: the images of a deck (image: on the intro, the closing and Q&A
 * items). Each path is taken relative to the deck's folder, refused when it
 * leaves that folder (unless allowed), then read and checked once per build,
 * before anything is written: PNG of every kind is decoded with libpng's
 * simplified API to 8-bit gray or RGB plus a separate alpha plane; JPEG is
 * checked (markers, frame header, end of image) and kept as is for the PDF.
 * A missing, damaged, truncated or absurdly large file is an error at the
 * image: scalar. Knows nothing of libharu or layout. Arena-owned. */
#ifndef DP_IMAGE_H
#define DP_IMAGE_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "deck.h"
#include "diag.h"

/* The largest image accepted: far beyond what a projector or a printed
 * handout shows, small enough that decoding cannot exhaust memory. */
#define DP_IMAGE_MAX_SIDE_PX 10000
#define DP_IMAGE_MAX_PIXELS 50000000L
#define DP_IMAGE_MAX_FILE_BYTES (256L * 1024 * 1024)

typedef enum { DP_IMAGE_PNG, DP_IMAGE_JPEG } dp_image_kind;

typedef struct {
    int id;                        /* index in the table */
    const char *path;              /* as written in the deck, joined to its folder (for make) */
    dp_loc loc;                    /* the image: scalar that first named it */
    dp_image_kind kind;
    int w_px, h_px;                /* as stored in the file (before any rotation) */
    int channels;                  /* PNG: 1 gray or 3 RGB; JPEG: 1, 3 or 4 (CMYK) */
    const unsigned char *pixels;   /* PNG: w*h*channels bytes, 8 bit, rows top down */
    const unsigned char *alpha;    /* PNG: w*h bytes; NULL when every pixel is opaque */
    const unsigned char *data;     /* JPEG: the whole file */
    size_t len;
    int orientation;               /* JPEG Exif orientation 1-8 (1: as stored) */
} dp_image;

typedef struct dp_images dp_images;

dp_images *dp_images_new(dp_arena *a);
/* Resolve 'path' (deck text) against 'deck_dir', check and decode it.
 * Returns its id (the same path, or another path to the same file, gives
 * the same id), or -1 with an error at path->loc. */
int dp_images_add(dp_images *im, const char *deck_dir, const dp_text *path, bool allow_outside,
                  dp_diags *d);
/* Every image: of 'deck' into a new table, set as deck->images. Returns
 * false when any failed (all are tried, each error reported). */
bool dp_images_load(dp_arena *a, dp_deck *deck, bool allow_outside, dp_diags *d);

/* The image added for deck text 'path'; NULL when 'im' is NULL, the text
 * is absent, or it was not added. */
const dp_image *dp_images_find(const dp_images *im, const dp_text *path);
int dp_images_count(const dp_images *im);
const dp_image *dp_images_get(const dp_images *im, int id);

/* Size as shown (w and h swapped for Exif orientations 5-8). */
void dp_image_shown_px(const dp_image *img, int *w, int *h);

#endif
