/* pdfpc.h: speaker notes for the pdfpc presenter console. The `notes:` of
 * the deck's slides and items, written as pdfpc's JSON file (format 2, read
 * by pdfpc 4.5 and later) beside the slides PDF: out/x.slides.pdf ->
 * out/x.slides.pdfpc, which pdfpc opens with the PDF by itself. */
#ifndef DP_PDFPC_H
#define DP_PDFPC_H
#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "dlist.h"

/* The pdfpc file of a PDF: its path with ".pdf" replaced by ".pdfpc". */
const char *dp_pdfpc_path(dp_arena *a, const char *pdf_path);

/* Write the notes of 'slides' (just written to 'pdf_path') to
 * dp_pdfpc_path(pdf_path), atomically, when any page has notes:
 *   {"pdfpcFormat":2,"disableMarkdown":true,"pages":[
 *   {"idx":0,"label":"封面","overlay":0,"note":"..."}, ...]}
 * one entry per PDF page, in order: idx is the 0-based page, label the
 * page's label as written into the PDF, overlay counts the pages before it
 * that share its label (a reveal step and its full slide). A group of
 * overlays carries the note of the slide it builds up to; a （续）
 * continuation slide repeats the notes of the slide it continues, so the
 * speaker keeps them in view. Without notes, no file is written and one
 * that deckpress wrote earlier is removed (a file pdfpc saved is kept).
 * Returns false with an error in 'd' when the file cannot be written. */
bool dp_pdfpc_write(dp_arena *a, const dp_dlist *slides, const char *pdf_path, dp_diags *d);

#endif
