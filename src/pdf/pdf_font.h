/* pdf_font.h: one face of a document as PDF font objects, built by deckpress
 * with libharu's object API instead of libharu's font loader (which walks all
 * 65,536 code points per font, writes a 128 KB CIDToGIDMap and a wrong
 * ToUnicode; STACK.md, bench/NOTES.md). The face is subset with hb-subset to
 * the code points drawn; CIDs are the subset's glyph ids (/CIDToGIDMap
 * /Identity), so the content stream holds glyph ids and nothing is looked up
 * at write time. */
#ifndef DP_PDF_FONT_H
#define DP_PDF_FONT_H
#include <stdint.h>

#include <hpdf.h>
#include <hpdf_objects.h>

#include "arena.h"
#include "diag.h"
#include "font_programs.h"
#include "fonts.h"
#include "pdf_content.h"
#include "pdf_flate.h"

/* The Type0 font (an indirect object of 'pdf') for 'face' drawing exactly
 * cps[0..n) (sorted ascending), with its CIDFontType2, descriptor, FontFile2
 * (the program from 'programs') and a bfchar ToUnicode CMap. 'map' receives
 * code point -> CID for the content stream (arena-owned). NULL on failure:
 * hb-subset's is reported in 'd', libharu's through the document's error
 * handler. */
HPDF_Dict dp_pdf_font(HPDF_Doc pdf, dp_fonts *fonts, dp_programs *programs, int face,
                      const uint32_t *cps, int n, dp_flate *z, dp_cid_map *map, dp_arena *a,
                      dp_diags *d);

#endif
