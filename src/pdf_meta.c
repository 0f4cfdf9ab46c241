/* pdf_meta.c: see pdf_meta.h. /PageLabels and /Lang are built with
 * libharu's object API: HPDF_AddPageLabel writes a CJK prefix as raw bytes
 * (STACK.md), and the public API has no /Lang. */
#include "pdf_meta.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf_objects.h>

void dp_pdf_outline(HPDF_Doc pdf, const dp_dlist *dl, const HPDF_Page *pages, const int *sheet_of_page)
{
    HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
    HPDF_Outline parent = NULL;
    for (int i = 0; i < dl->n_outline; i++) {
        const dp_outline *o = &dl->outline[i];
        int s = o->page >= 0 && o->page < dl->n_pages ? sheet_of_page[o->page] : -1;
        HPDF_Outline item = HPDF_CreateOutline(pdf, o->level > 0 ? parent : NULL, o->title, utf8);
        if (o->level == 0)
            parent = item;
        if (item && s >= 0)
            HPDF_Outline_SetDestination(item, HPDF_Page_CreateDestination(pages[s]));
    }
}

/* "3" (no leading zero) continues decimal numbering; anything else is a
 * prefix-only label. */
static bool numeric_label(const char *s, long *n)
{
    if (!*s || s[0] == '0' || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
        return false;
    *n = strtol(s, NULL, 10);
    return true;
}

/* /PageLabels built by hand: HPDF_AddPageLabel writes a CJK prefix as raw
 * bytes (STACK.md). A sheet without a label gets its physical number. */
static const char *label_of(const dp_sheet *sh)
{
    return sh->extras ? sh->extras->label : NULL;
}

void dp_pdf_page_labels(HPDF_Doc pdf, const dp_sheet *sheets, int n_sheets)
{
    bool any = false;
    for (int s = 0; s < n_sheets; s++)
        any |= label_of(&sheets[s]) != NULL;
    if (!any)
        return;
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_Array nums = HPDF_Array_New(mm);
    HPDF_Dict_Add(tree, "Nums", nums);
    HPDF_Dict_Add(pdf->catalog, "PageLabels", tree);
    long next = -1;               /* the number that would continue the last decimal range */
    const char *prev = NULL;
    for (int s = 0; s < n_sheets; s++) {
        const char *label = label_of(&sheets[s]);
        long n = s + 1;
        bool numeric = !label || numeric_label(label, &n);
        if (numeric ? n == next : (prev && strcmp(prev, label) == 0)) {
            next = numeric ? n + 1 : -1;
            continue;
        }
        HPDF_Dict range = HPDF_Dict_New(mm);
        if (numeric) {
            HPDF_Dict_AddName(range, "S", "D");
            if (n != 1)
                HPDF_Dict_AddNumber(range, "St", (HPDF_INT32)n);
        } else {
            HPDF_Dict_Add(range, "P", HPDF_String_New(mm, label, HPDF_GetEncoder(pdf, "UTF-8")));
        }
        HPDF_Array_AddNumber(nums, s);
        HPDF_Array_Add(nums, range);
        next = numeric ? n + 1 : -1;
        prev = numeric ? NULL : label;
    }
}

void dp_pdf_info(HPDF_Doc pdf, const dp_dlist *dl)
{
    HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "deckpress");
    if (dl->title)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, dl->title);
    if (dl->author)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, dl->author);
    if (dl->subject)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, dl->subject);
    if (dl->keywords)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, dl->keywords);
    if (dl->epoch >= 0) { /* SOURCE_DATE_EPOCH: reproducible dates, in UTC */
        time_t t = (time_t)dl->epoch;
        struct tm tm;
        if (gmtime_r(&t, &tm)) {
            HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                              tm.tm_sec, 'Z', 0, 0};
            HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
            HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
        }
    }
    if (dl->lang) { /* /Lang is PDF 1.4; libharu would declare 1.3 */
        HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, dl->lang, NULL));
        if (pdf->pdf_version < HPDF_VER_14)
            pdf->pdf_version = HPDF_VER_14;
    }
}
