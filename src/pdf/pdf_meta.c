/* pdf_meta.c: see pdf_meta.h. /PageLabels and /Lang are built with
 * libharu's object API: HPDF_AddPageLabel writes a CJK prefix as raw bytes
 * (STACK.md), and the public API has no /Lang; so are the XMP metadata,
 * the output intent and the /ID of PDF/A (libharu 2.3.0's own PDF/A-1 code
 * writes a random /ID and no output intent). */
#include "pdf_meta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf_objects.h>

#include "arena.h"
#include "hash.h"
#include "pdf_flate.h"

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

/* ===== PDF/A-2 and PDF/UA-1 identification ===== */

/* The sRGB profile of icc-profiles-free (scripts/setup.sh), else colord's. */
static const char *const ICC_PATHS[] = {
    "/usr/share/color/icc/sRGB.icc",
    "/usr/share/color/icc/colord/sRGB.icc",
};

/* An RGB display or colour-space profile, whole (ICC.1 7.2: size, 'acsp'). */
static bool icc_ok(const unsigned char *b, size_t n)
{
    if (n < 132)
        return false;
    size_t size = (size_t)b[0] << 24 | (size_t)b[1] << 16 | (size_t)b[2] << 8 | b[3];
    return size == n && memcmp(b + 36, "acsp", 4) == 0 && memcmp(b + 16, "RGB ", 4) == 0 &&
           (memcmp(b + 12, "mntr", 4) == 0 || memcmp(b + 12, "spac", 4) == 0);
}

static unsigned char *read_icc(const char **path, size_t *len)
{
    for (size_t i = 0; i < sizeof ICC_PATHS / sizeof *ICC_PATHS; i++) {
        FILE *f = fopen(ICC_PATHS[i], "rb");
        if (!f)
            continue;
        unsigned char *buf = NULL;
        size_t n = 0, cap = 0;
        for (;;) {
            if (n == cap) {
                cap = cap ? 2 * cap : 16384;
                if (cap > (4u << 20))
                    break; /* no sRGB profile is that large */
                buf = dp_xrealloc(buf, cap);
            }
            size_t got = fread(buf + n, 1, cap - n, f);
            n += got;
            if (got == 0)
                break;
        }
        fclose(f);
        *path = ICC_PATHS[i];
        if (icc_ok(buf, n)) {
            *len = n;
            return buf;
        }
        free(buf);
    }
    return NULL;
}

static bool output_intent(HPDF_Doc pdf, dp_flate *z, dp_diags *d)
{
    const char *path = NULL;
    size_t len = 0;
    unsigned char *icc = read_icc(&path, &len);
    if (!icc) {
        dp_error_status(d, DP_EXIT_RESOURCE, (dp_loc){0},
                        path ? "%s is not an RGB ICC profile; PDF/A needs one for its output intent"
                             : "no sRGB ICC profile (%s); PDF/A needs one for its output intent",
                        path ? path : ICC_PATHS[0]);
        dp_hint(d, "install Debian's icc-profiles-free (sh scripts/setup.sh), or write an untagged "
                   "PDF without PDF/A with --no-tags");
        return false;
    }
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict profile = HPDF_DictStream_New(mm, pdf->xref);
    bool ok = profile && HPDF_Dict_AddNumber(profile, "N", 3) == HPDF_OK &&
              dp_flate_write(z, profile, icc, len) == HPDF_OK;
    free(icc);
    if (!ok)
        return false;
    HPDF_Dict oi = HPDF_Dict_New(mm);
    HPDF_Array list = HPDF_Array_New(mm);
    if (!oi || !list)
        return false;
    HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
    HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
    HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(oi, "DestOutputProfile", profile);
    HPDF_Array_Add(list, oi);
    return HPDF_Dict_Add(pdf->catalog, "OutputIntents", list) == HPDF_OK;
}

/* s with XML's five special characters escaped (arena-owned). */
static const char *xml(dp_arena *a, const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += *p == '&' ? 5 : *p == '<' || *p == '>' ? 4 : *p == '"' || *p == '\'' ? 6 : 1;
    char *out = dp_arena_alloc(a, n + 1), *o = out;
    for (const char *p = s; *p; p++) {
        const char *r = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;"
                        : *p == '"' ? "&quot;" : *p == '\'' ? "&apos;" : NULL;
        if (r) {
            memcpy(o, r, strlen(r));
            o += strlen(r);
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* The XMP packet: every Info entry deckpress writes has its XMP twin with
 * the same value (PDF/A-2 6.6.2.3.1); pdfuaid is declared in an extension
 * schema, as PDF/A requires for properties outside its predefined ones.
 * One rdf:Description holds every schema's properties. */
static const char *xmp_packet(dp_arena *a, const dp_dlist *dl)
{
    char *x = dp_arena_printf(a,
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
        "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\" "
        "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
        "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
        "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
        "<dc:format>application/pdf</dc:format>\n"
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n",
        xml(a, dl->title ? dl->title : ""));
    if (dl->author)
        x = dp_arena_printf(a, "%s<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", x,
                            xml(a, dl->author));
    if (dl->subject)
        x = dp_arena_printf(a, "%s<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>"
                               "</rdf:Alt></dc:description>\n", x, xml(a, dl->subject));
    if (dl->lang)
        x = dp_arena_printf(a, "%s<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", x,
                            xml(a, dl->lang));
    x = dp_arena_printf(a, "%s<pdf:Producer>deckpress</pdf:Producer>\n", x);
    if (dl->keywords)
        x = dp_arena_printf(a, "%s<pdf:Keywords>%s</pdf:Keywords>\n", x, xml(a, dl->keywords));
    if (dl->epoch >= 0) {
        time_t t = (time_t)dl->epoch;
        struct tm tm;
        if (gmtime_r(&t, &tm)) {
            char when[32];
            strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
            x = dp_arena_printf(a, "%s<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n",
                                x, when, when);
        }
    }
    return dp_arena_printf(a,
        "%s<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
        "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
        "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
        "<pdfaProperty:name>part</pdfaProperty:name>\n"
        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
        "<pdfaProperty:category>internal</pdfaProperty:category>\n"
        "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
        "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
        "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
        "</rdf:Description>\n"
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        "<?xpacket end=\"w\"?>", x);
}

bool dp_pdf_archival(HPDF_Doc pdf, const dp_dlist *dl, dp_flate *z, uint64_t id_hash, dp_diags *d)
{
    HPDF_MMgr mm = pdf->mmgr;
    pdf->pdf_version = HPDF_VER_17; /* PDF/UA-1 and PDF/A-2 are ISO 32000-1 */
    HPDF_Dict vp = HPDF_Dict_New(mm);
    if (!vp || HPDF_Dict_Add(vp, "DisplayDocTitle", HPDF_Boolean_New(mm, HPDF_TRUE)) != HPDF_OK ||
        HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", vp) != HPDF_OK)
        return false;

    dp_arena *a = dp_arena_new(16 * 1024);
    const char *packet = xmp_packet(a, dl);
    /* Compressed: PDF/A-2 (ISO 19005-2 6.6.2.1) has no rule against a
     * filtered metadata stream, which PDF/A-1 (6.7.2) had; readers of PDF
     * decode it (pdfinfo -meta, exiftool), only scanners for raw XMP packets
     * in files miss it. A third of its bytes. */
    HPDF_Dict meta = HPDF_DictStream_New(mm, pdf->xref);
    bool ok = meta && HPDF_Dict_AddName(meta, "Type", "Metadata") == HPDF_OK &&
              HPDF_Dict_AddName(meta, "Subtype", "XML") == HPDF_OK &&
              dp_flate_write(z, meta, packet, strlen(packet)) == HPDF_OK &&
              HPDF_Dict_Add(pdf->catalog, "Metadata", meta) == HPDF_OK;
    dp_arena_free(a);
    if (!ok || !output_intent(pdf, z, d))
        return false;

    /* PDF/A-2 6.1.3: an /ID; from the content, so it is the same for the same input */
    unsigned char id[16];
    uint64_t h2 = dp_fnv1a(id_hash, dl->title ? dl->title : "", dl->title ? strlen(dl->title) : 0);
    for (int i = 0; i < 8; i++) {
        id[i] = (unsigned char)(id_hash >> (8 * i));
        id[8 + i] = (unsigned char)(h2 >> (8 * i));
    }
    HPDF_Array ids = HPDF_Array_New(mm);
    return ids && HPDF_Array_Add(ids, HPDF_Binary_New(mm, id, sizeof id)) == HPDF_OK &&
           HPDF_Array_Add(ids, HPDF_Binary_New(mm, id, sizeof id)) == HPDF_OK &&
           HPDF_Dict_Add(pdf->trailer, "ID", ids) == HPDF_OK;
}
