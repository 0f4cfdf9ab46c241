/* pdf_out.h: display list -> PDF. Makes no layout decision: it replays ops.
 * libharu writes the document; deckpress builds its fonts (each face subset
 * with hb-subset to the code points this document draws, with a correct
 * ToUnicode CMap; STACK.md) and content streams (pdf_font.h, pdf_content.h). */
#ifndef DP_PDF_OUT_H
#define DP_PDF_OUT_H
#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "dlist.h"
#include "font_programs.h"
#include "fonts.h"

/* dp_sheet and dp_place (what a PDF page shows) are in dlist.h. */

/* Write 'dl' to 'path': one PDF page per sheet, or one per display-list page
 * when sheets == NULL. Writes 'path'.tmp-PID and renames it over 'path' only
 * when everything succeeded, so a failure leaves a previous file untouched.
 * 'tagged': a tagged PDF/UA-1 and PDF/A-2 document (structure tree from the
 * ops' tags, marked content, XMP metadata, sRGB output intent, /ID);
 * false: the plain PDF of earlier versions. Byte-identical output for
 * identical input (the /ID is a hash of the content; dates only from
 * dl->epoch). 'programs': the run's font programs, so the documents of one
 * run subset and compress a face once (NULL: this document's own). Errors
 * (libharu error numbers, I/O) go to 'd'. */
bool dp_pdf_write(const dp_dlist *dl, const dp_sheet *sheets, int n_sheets, dp_fonts *fonts,
                  dp_programs *programs, const char *path, bool tagged, dp_diags *d);

/* libharu's version at run time ("2.3.0"), for --version. */
const char *dp_pdf_library_version(void);

#endif
