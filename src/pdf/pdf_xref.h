/* pdf_xref.h: a tagged document made compact after libharu has written
 * it. libharu 2.3.0 writes every object at the top level and a classic
 * cross-reference table: 20 bytes an object, and 40 bytes of "N 0 obj",
 * "endobj" around each of the structure tree's hundreds of small
 * dictionaries. Here the objects that are not streams go into compressed
 * object streams and the table becomes a cross-reference stream (ISO
 * 32000-1 7.5.7, 7.5.8; PDF 1.5, allowed by PDF/A-2, not by PDF/A-1).
 * Streams (content, fonts, images, the XMP, the ICC profile) are copied
 * byte for byte. Works on bytes only: it knows the shape of libharu's
 * file, not its objects. */
#ifndef DP_PDF_XREF_H
#define DP_PDF_XREF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "pdf_flate.h"

/* The packed form of the PDF file 'in' (libharu's: one xref section from
 * object 0, its trailer, gen 0 objects written one after another) written
 * to 'f'. False when 'in' is not of that shape (*why says how; nothing is
 * written then), or when compressing or writing failed (*why NULL; errno
 * from the write). */
bool dp_xref_pack(const unsigned char *in, size_t len, dp_flate *z, FILE *f, const char **why);

#endif
