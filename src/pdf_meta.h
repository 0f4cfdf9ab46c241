/* pdf_meta.h: what a PDF says about itself and how a reader moves through
 * it: the outline, /PageLabels and the document information, added to a
 * libharu document by pdf_out.c. Part of the PDF writer: decides nothing
 * about layout. */
#ifndef DP_PDF_META_H
#define DP_PDF_META_H
#include <hpdf.h>

#include "dlist.h"
#include "pdf_out.h"

/* Sections, then items, each pointing at the first sheet that shows its
 * page ('sheet_of_page': display-list page -> sheet, or -1: left out). */
void dp_pdf_outline(HPDF_Doc pdf, const dp_dlist *dl, const HPDF_Page *pages, const int *sheet_of_page);

/* The sheets' labels ("封面", "3"): decimal runs where they count on. */
void dp_pdf_page_labels(HPDF_Doc pdf, const dp_sheet *sheets, int n_sheets);

/* Title, author, subject, keywords, producer, dates (SOURCE_DATE_EPOCH
 * only) and /Lang. */
void dp_pdf_info(HPDF_Doc pdf, const dp_dlist *dl);

#endif
