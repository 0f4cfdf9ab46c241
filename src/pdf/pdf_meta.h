/* pdf_meta.h: what a PDF says about itself and how a reader moves through
 * it: the outline, /PageLabels and the document information, added to a
 * libharu document by pdf_out.c. Part of the PDF writer: decides nothing
 * about layout. */
#ifndef DP_PDF_META_H
#define DP_PDF_META_H
#include <stdbool.h>
#include <stdint.h>

#include <hpdf.h>

#include "diag.h"
#include "pdf_flate.h"

#include "dlist.h"

/* Sections, then items, each pointing at the first sheet that shows its
 * page ('sheet_of_page': display-list page -> sheet, or -1: left out). */
void dp_pdf_outline(HPDF_Doc pdf, const dp_dlist *dl, const HPDF_Page *pages, const int *sheet_of_page);

/* The sheets' labels ("封面", "3"): decimal runs where they count on. */
void dp_pdf_page_labels(HPDF_Doc pdf, const dp_sheet *sheets, int n_sheets);

/* Title, author, subject, keywords, producer, dates (SOURCE_DATE_EPOCH
 * only) and /Lang. */
void dp_pdf_info(HPDF_Doc pdf, const dp_dlist *dl);

/* What PDF/A-2 and PDF/UA-1 add to a tagged document (pdf_struct.c makes
 * its structure): PDF 1.7, /ViewerPreferences <</DisplayDocTitle true>>,
 * an XMP metadata stream agreeing with the document information (title,
 * author, subject, keywords, producer, dates) and identifying PDF/A-2A and
 * PDF/UA-1, an output intent with the sRGB ICC profile Debian ships
 * (icc-profiles-free), and a trailer /ID made from 'id_hash' (a hash of
 * the content, so identical input still gives identical bytes). 'z'
 * compresses the profile. False with an error in 'd' when the profile is
 * missing or unreadable. */
bool dp_pdf_archival(HPDF_Doc pdf, const dp_dlist *dl, dp_flate *z, uint64_t id_hash,
                     dp_diags *d);

#endif
