/* pdf_flate.h: stream data compressed by deckpress with libdeflate (faster
 * than libharu's zlib at level 6 and smaller), written into a libharu stream
 * object that libharu then copies as is, marked /FlateDecode. */
#ifndef DP_PDF_FLATE_H
#define DP_PDF_FLATE_H
#include <stddef.h>

#include <hpdf.h>
#include <hpdf_objects.h>

typedef struct dp_flate dp_flate;

/* 'level' 1 (fastest) to 12 (smallest). NULL when out of memory. */
dp_flate *dp_flate_new(int level);
void dp_flate_free(dp_flate *z);

/* Set the data of stream object 'st' (made by HPDF_DictStream_New, or a
 * page's /Contents) to 'data' compressed: zlib format, /FlateDecode. The
 * stream object gets a new memory stream (st->stream): whoever kept the
 * old one (a page's attr->stream) must take the new one. */
HPDF_STATUS dp_flate_write(dp_flate *z, HPDF_Dict st, const void *data, size_t len);

/* 'data' compressed (zlib format) into a new malloc'd buffer of *packed_len
 * bytes, for data written to several documents; NULL on failure. */
unsigned char *dp_flate_pack(dp_flate *z, const void *data, size_t len, size_t *packed_len);

/* Set the data of 'st' to bytes dp_flate_pack made, marked /FlateDecode. */
HPDF_STATUS dp_flate_set(HPDF_Dict st, const void *packed, size_t len);

#endif
