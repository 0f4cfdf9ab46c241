/* pdf_struct.h: the tagged PDF (ISO 32000-1 14.7 and 14.8, PDF/UA-1) from
 * the display list's tags (dlist.h, dp_tag). Part of the PDF writer: it
 * decides nothing about layout, only what each drawn op is in the
 * document's logical structure.
 *
 * Before drawing, dp_struct_plan() walks the sheets in order and marks
 * every op: marked content of a structure element (MCIDs numbered per
 * sheet; consecutive ops of one element share a sequence) or an Artifact
 * (untagged ops, and what layout flags as drawn again, dp_tag.repeat: a
 * heading on a （续） page, a reveal step's question on the full slide
 * when the document shows the steps). The content builder writes
 * the marks (pdf_content.h); pdf_out.c reports each link annotation it
 * makes; dp_struct_write() then builds the structure tree in deck order
 * (Document, front matter, contents, a Sect per intro, section and closing;
 * H1/H2/H3, P, L/LI/Lbl/LBody, Figure with /Alt, TOC/TOCI, Link with OBJR),
 * the ParentTree, /StructParents and /Tabs /S on every page, and
 * /MarkInfo. Byte-identical for identical input. */
#ifndef DP_PDF_STRUCT_H
#define DP_PDF_STRUCT_H
#include <stdbool.h>

#include <hpdf.h>

#include "arena.h"
#include "dlist.h"
#include "pdf_content.h"

typedef struct dp_struct dp_struct;

/* Marks for every op of every sheet (arena-owned). */
dp_struct *dp_struct_plan(dp_arena *a, const dp_dlist *dl, const dp_sheet *sheets, int n_sheets);

/* The marks of sheet 's': the ops of its places in order, then its extras'. */
const dp_mark *dp_struct_marks(const dp_struct *st, int s);

/* A link annotation 'an' made on sheet 's' for a link op marked 'm' (uri:
 * its URI or NULL): it gets /StructParent, /Contents and the print flag,
 * and becomes an OBJR of its Link element. */
void dp_struct_annot(dp_struct *st, HPDF_Doc pdf, int s, const dp_mark *m, HPDF_Annotation an,
                     const char *uri);

/* The structure tree and its plumbing into 'pdf' ('pages': one per sheet). */
bool dp_struct_write(dp_struct *st, HPDF_Doc pdf, const HPDF_Page *pages);

#endif
