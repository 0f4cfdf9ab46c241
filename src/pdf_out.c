/* pdf_out.c: display list + sheets -> PDF with libharu 2.3.0 (see
 * pdf_out.h); the only file that includes <hpdf.h>. It replays ops and
 * decides nothing about layout. Every face is subset with hb-subset before
 * libharu sees it (STACK.md: libharu's own subsetting corrupts Micro Hei),
 * /ToUnicode is rewritten as a proper bfchar CMap, and the file appears only
 * through rename(), so a failed run leaves the previous PDF alone. */
#include "pdf_out.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
/* Internal object API (shipped with libhpdf-dev): needed to replace
 * /ToUnicode and to build /PageLabels and /Lang, which the public API gets wrong. */
#include <hpdf_font.h>
#include <hpdf_objects.h>

#include "image.h"
#include "utf8.h"

#define BMP_SIZE 0x10000

typedef struct {
    unsigned char *used;    /* BMP bitmap of code points drawn; NULL = face unused */
    HPDF_Font font;
    const char *name;       /* libharu's name for it (the subset's PostScript name) */
} wface;

typedef struct {
    const dp_dlist *dl;
    const dp_sheet *sheets;
    int n_sheets;
    dp_fonts *fonts;
    dp_diags *d;
    dp_arena *a;            /* private: subset paths, identity sheets */
    HPDF_Doc pdf;
    HPDF_Page *pages;       /* one per sheet */
    wface *faces;           /* indexed by face id */
    HPDF_Image *images;     /* indexed by image id; loaded on first use, then reused */
    int n_faces;
    HPDF_STATUS error_no, detail_no;
    int error_errno;        /* errno when libharu reported, for I/O messages */
    int errors_before;      /* dp_error_count() on entry: ours are the ones after */
    char *buf;              /* NUL-terminated copy of the current text run */
    size_t buf_cap;
    char tmpdir[4096];
} writer;

static const dp_loc NOWHERE = {0};

/* ===== Errors ===== */

/* Record only: longjmp (as libharu's demos do) would skip our cleanup. The
 * first error wins; later ones are usually consequences. */
static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    writer *w = user;
    if (w->error_no == 0) {
        w->error_errno = errno;
        w->error_no = error_no;
        w->detail_no = detail_no;
    }
}

/* True (and one message in 'd') when libharu has failed so far. */
static bool haru_failed(writer *w, const char *doing)
{
    if (w->error_no == 0)
        return false;
    unsigned e = (unsigned)w->error_no, detail = (unsigned)w->detail_no;
    if (e == HPDF_FILE_OPEN_ERROR || e == HPDF_FILE_IO_ERROR)
        dp_error_status(w->d, DP_EXIT_IO, NOWHERE, "%s: %s", doing, strerror(w->error_errno));
    else if (e >= HPDF_TTF_CANNOT_EMBEDDING_FONT && e <= HPDF_TTF_MISSING_TABLE)
        dp_error_status(w->d, DP_EXIT_RESOURCE, NOWHERE, "%s: libharu rejected the font "
                        "(error 0x%04X, detail %u)", doing, e, detail);
    else
        dp_error_status(w->d, DP_EXIT_IO, NOWHERE, "%s: libharu error 0x%04X (detail %u)", doing,
                        e, detail);
    return true;
}

/* ===== Fonts: collect, subset, load ===== */

static const dp_page *place_page(const writer *w, const dp_place *pl)
{
    return &w->dl->pages[pl->page];
}

static bool collect_page(writer *w, const dp_page *p)
{
    for (int i = 0; i < p->n_ops; i++) {
        const dp_op *op = &p->ops[i];
        if (op->kind != DP_OP_TEXT)
            continue;
        int f = op->as.text.face;
        if (f < 0 || f >= w->n_faces) {
            dp_error_status(w->d, DP_EXIT_RESOURCE, op->src, "internal: text uses unknown font face %d", f);
            return false;
        }
        wface *wf = &w->faces[f];
        if (!wf->used)
            wf->used = dp_arena_alloc(w->a, BMP_SIZE / 8);
        const char *s = op->as.text.utf8;
        size_t len = s ? (size_t)op->as.text.len : 0, k = 0;
        while (k < len) {
            uint32_t cp = dp_utf8_next(s, len, &k);
            if (cp == DP_UTF8_BAD) {
                dp_error(w->d, op->src, "internal: invalid UTF-8 in a text run");
                return false;
            }
            /* dlist.h promises BMP only; libharu would draw a space. */
            if (cp >= BMP_SIZE) {
                dp_warning(w->d, op->src, "U+%04X is outside the BMP and is drawn as a space", (unsigned)cp);
                continue;
            }
            if (!(wf->used[cp >> 3] & (1u << (cp & 7))) && cp >= 0x20 && !dp_face_has(w->fonts, f, cp))
                dp_warning(w->d, op->src, "U+%04X is not in font %s; it shows as an empty box",
                           (unsigned)cp, dp_face_family(w->fonts, f));
            wf->used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
        }
    }
    return true;
}

static bool collect(writer *w)
{
    for (int s = 0; s < w->n_sheets; s++) {
        const dp_sheet *sh = &w->sheets[s];
        for (int i = 0; i < sh->n_places; i++)
            if (!collect_page(w, place_page(w, &sh->places[i])))
                return false;
        if (sh->extras && !collect_page(w, sh->extras))
            return false;
    }
    return true;
}

static int used_list(const wface *wf, uint32_t *out)
{
    int n = 0;
    for (uint32_t cp = 0; cp < BMP_SIZE; cp++)
        if (wf->used[cp >> 3] & (1u << (cp & 7)))
            out[n++] = cp;
    return n;
}

static bool load_fonts(writer *w)
{
    uint32_t *cps = malloc(BMP_SIZE * sizeof *cps);
    bool ok = cps != NULL;
    for (int f = 0; ok && f < w->n_faces; f++) {
        wface *wf = &w->faces[f];
        if (!wf->used)
            continue;
        int n = used_list(wf, cps);
        const char *sub = dp_face_subset(w->fonts, f, cps, n, w->tmpdir, w->a, w->d);
        if (!sub) {
            ok = false;
            break;
        }
        wf->name = HPDF_LoadTTFontFromFile(w->pdf, sub, HPDF_TRUE);
        wf->font = wf->name ? HPDF_GetFont(w->pdf, wf->name, "UTF-8") : NULL;
        if (!wf->font || haru_failed(w, dp_face_path(w->fonts, f))) {
            if (w->error_no == 0)
                dp_error_status(w->d, DP_EXIT_RESOURCE, NOWHERE, "libharu could not load %s",
                                dp_face_path(w->fonts, f));
            ok = false;
        }
        /* libharu hands back the first font for a repeated PostScript name:
         * that would silently draw with the wrong face. */
        for (int g = 0; ok && g < f; g++)
            if (w->faces[g].font == wf->font) {
                dp_error_status(w->d, DP_EXIT_RESOURCE, NOWHERE, "internal: fonts %s and %s share "
                                "the PostScript name %s", dp_face_path(w->fonts, g),
                                dp_face_path(w->fonts, f), wf->name);
                ok = false;
            }
    }
    free(cps);
    return ok;
}

/* Replace libharu's /ToUnicode (its encoding CMap, with begincidrange and
 * no bfchar at all) by a CMapType 2 CMap. The fonts use Identity-H over
 * UCS-2: the content stream holds each BMP code point as a 2-byte code,
 * CID = code, and the CIDToGIDMap sends the CID to the glyph. So every code
 * maps to itself. bfchar, not bfrange: Ghostscript 10.0 misreads bfrange. */
static bool fix_tounicode(writer *w, const wface *wf)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)wf->font->attr;
    HPDF_Dict cmap = HPDF_Dict_GetItem(wf->font, "ToUnicode", HPDF_OCLASS_DICT);
    HPDF_Name enc = HPDF_Dict_GetItem(wf->font, "Encoding", HPDF_OCLASS_NAME);
    /* Other libharu builds (2.4's UTF-8 CMap) use multi-byte codes: the
     * identity mapping below would then be wrong, so refuse rather than guess. */
    if (!cmap || !cmap->stream || !attr || !attr->descendant_font || !enc ||
        strcmp(enc->value, "Identity-H") != 0) {
        dp_error_status(w->d, DP_EXIT_RESOURCE, NOWHERE, "internal: unexpected libharu font structure");
        return false;
    }
    HPDF_Stream st = cmap->stream;
    HPDF_MemStream_FreeData(st);
    HPDF_STATUS r = HPDF_Stream_WriteStr(st,
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    char line[64];
    int in_block = 0, total = 0;
    for (uint32_t cp = 0x20; cp < BMP_SIZE; cp++)
        if (wf->used[cp >> 3] & (1u << (cp & 7)))
            total++;
    for (uint32_t cp = 0x20; cp < BMP_SIZE && r == HPDF_OK; cp++) {
        if (!(wf->used[cp >> 3] & (1u << (cp & 7))))
            continue;
        if (in_block == 0) { /* at most 100 entries per block (PDF spec) */
            snprintf(line, sizeof line, "%d beginbfchar\n", total > 100 ? 100 : total);
            r |= HPDF_Stream_WriteStr(st, line);
        }
        snprintf(line, sizeof line, "<%04X> <%04X>\n", (unsigned)cp, (unsigned)cp);
        r |= HPDF_Stream_WriteStr(st, line);
        total--;
        if (++in_block == 100 || total == 0) {
            r |= HPDF_Stream_WriteStr(st, "endbfchar\n");
            in_block = 0;
        }
    }
    r |= HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    r |= HPDF_Dict_AddName(cmap, "CMapName", "Adobe-Identity-UCS");
    HPDF_Dict info = HPDF_Dict_GetItem(cmap, "CIDSystemInfo", HPDF_OCLASS_DICT);
    if (info)
        r |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(w->pdf->mmgr, "UCS", NULL));
    /* libharu writes /Ordering (Identity-H), a CMap name; Identity-H fonts
     * want the Adobe-Identity-0 collection. */
    info = HPDF_Dict_GetItem(attr->descendant_font, "CIDSystemInfo", HPDF_OCLASS_DICT);
    if (info)
        r |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(w->pdf->mmgr, "Identity", NULL));
    /* haru_failed first: it records libharu's error even when r says OK */
    bool failed = haru_failed(w, "writing /ToUnicode");
    if (r != HPDF_OK && !failed)
        dp_error_status(w->d, DP_EXIT_IO, NOWHERE, "writing /ToUnicode failed (libharu status %lu)",
                        (unsigned long)r);
    return r == HPDF_OK && !failed;
}

/* ===== Drawing ===== */

typedef struct {
    float scale, dx, dy;    /* place on the sheet, top-left, y down */
    float sheet_h, page_h;
} xform;

static const char *cstr(writer *w, const char *s, int len)
{
    if ((size_t)len + 1 > w->buf_cap) {
        w->buf_cap = (size_t)len + 1 > 2 * w->buf_cap ? (size_t)len + 1 : 2 * w->buf_cap;
        char *b = realloc(w->buf, w->buf_cap);
        if (!b) {
            fputs("deckpress: out of memory\n", stderr);
            exit(DP_EXIT_IO);
        }
        w->buf = b;
    }
    memcpy(w->buf, s, (size_t)len);
    w->buf[len] = '\0';
    return w->buf;
}

static void draw_text(writer *w, HPDF_Page pg, const dp_op *op, float page_h)
{
    const wface *wf = &w->faces[op->as.text.face];
    if (!op->as.text.utf8 || op->as.text.len <= 0)
        return;
    dp_rgb c = op->as.text.color;
    float cs = op->as.text.char_space_pt, stroke = op->as.text.stroke_pt;
    /* Fake bold (STACK.md): fill then stroke in the fill colour, round
     * joins. q/Q are not allowed inside BT/ET, so they wrap it. */
    if (stroke > 0) {
        HPDF_Page_GSave(pg);
        HPDF_Page_SetLineWidth(pg, stroke);
        HPDF_Page_SetLineJoin(pg, HPDF_ROUND_JOIN);
        HPDF_Page_SetRGBStroke(pg, c.r, c.g, c.b);
    }
    HPDF_Page_BeginText(pg);
    HPDF_Page_SetFontAndSize(pg, wf->font, op->as.text.size_pt);
    HPDF_Page_SetRGBFill(pg, c.r, c.g, c.b);
    if (stroke > 0)
        HPDF_Page_SetTextRenderingMode(pg, HPDF_FILL_THEN_STROKE);
    /* Tc, never Tw: Tw does nothing for 2-byte codes (STACK.md). */
    if (cs != 0)
        HPDF_Page_SetCharSpace(pg, cs);
    HPDF_Page_MoveTextPos(pg, op->x_pt, page_h - op->y_pt);
    HPDF_Page_ShowText(pg, cstr(w, op->as.text.utf8, op->as.text.len));
    if (cs != 0 && stroke <= 0)
        HPDF_Page_SetCharSpace(pg, 0);
    HPDF_Page_EndText(pg);
    if (stroke > 0)
        HPDF_Page_GRestore(pg);
}

static void draw_rect(HPDF_Page pg, const dp_op *op, float page_h)
{
    bool fill = op->as.rect.has_fill, stroke = op->as.rect.has_stroke && op->as.rect.line_pt > 0;
    if (!fill && !stroke)
        return;
    if (fill)
        HPDF_Page_SetRGBFill(pg, op->as.rect.fill.r, op->as.rect.fill.g, op->as.rect.fill.b);
    if (stroke) {
        HPDF_Page_SetLineWidth(pg, op->as.rect.line_pt);
        HPDF_Page_SetRGBStroke(pg, op->as.rect.stroke.r, op->as.rect.stroke.g, op->as.rect.stroke.b);
    }
    HPDF_Page_Rectangle(pg, op->x_pt, page_h - op->y_pt - op->as.rect.h_pt, op->as.rect.w_pt,
                        op->as.rect.h_pt);
    if (fill && stroke)
        HPDF_Page_FillStroke(pg);
    else if (fill)
        HPDF_Page_Fill(pg);
    else
        HPDF_Page_Stroke(pg);
}

/* Load image 'id' into the document once: every page and every N-up
 * placement draws the same XObject. Only checked images get here (image.c):
 * PNG as decoded 8-bit samples with the alpha as an SMask (libharu's own
 * PNG loader gets 16-bit, gray + alpha and interlaced files wrong), JPEG as is. */
static HPDF_Image image_of(writer *w, int id, dp_loc src)
{
    const dp_image *m = dp_images_get(w->dl->images, id);
    if (!m) {
        dp_error_status(w->d, DP_EXIT_RESOURCE, src, "internal: the page draws unknown image %d", id);
        return NULL;
    }
    if (w->images[id])
        return w->images[id];
    HPDF_Image img;
    if (m->kind == DP_IMAGE_JPEG) {
        img = HPDF_LoadJpegImageFromMem(w->pdf, m->data, (HPDF_UINT)m->len);
    } else {
        HPDF_UINT iw = (HPDF_UINT)m->w_px, ih = (HPDF_UINT)m->h_px;
        img = HPDF_LoadRawImageFromMem(w->pdf, m->pixels, iw, ih,
                                       m->channels == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
        if (img && m->alpha) {
            HPDF_Image mask = HPDF_LoadRawImageFromMem(w->pdf, m->alpha, iw, ih, HPDF_CS_DEVICE_GRAY, 8);
            if (mask)
                HPDF_Image_AddSMask(img, mask);
            if (w->pdf->pdf_version < HPDF_VER_14) /* soft masks are PDF 1.4 */
                w->pdf->pdf_version = HPDF_VER_14;
        }
    }
    if (haru_failed(w, m->path))
        return NULL;
    if (!img) {
        dp_error_status(w->d, DP_EXIT_RESOURCE, src, "libharu could not load image %s", m->path);
        return NULL;
    }
    w->images[id] = img;
    return img;
}

/* The image fills its w x h box; an Exif orientation turns or mirrors it
 * into place (the unit square's top-left is the stored first pixel). */
static void draw_image(writer *w, HPDF_Page pg, const dp_op *op, float page_h)
{
    HPDF_Image img = image_of(w, op->as.image.image, op->src);
    if (!img)
        return;
    int o = dp_images_get(w->dl->images, op->as.image.image)->orientation;
    float W = op->as.image.w_pt, H = op->as.image.h_pt, x = op->x_pt, y = page_h - op->y_pt - H;
    if (o <= 1 || o > 8) {
        HPDF_Page_DrawImage(pg, img, x, y, W, H);
        return;
    }
    const float m[9][6] = {
        {0}, {W, 0, 0, H, x, y}, {-W, 0, 0, H, x + W, y}, {-W, 0, 0, -H, x + W, y + H},
        {W, 0, 0, -H, x, y + H}, {0, -H, -W, 0, x + W, y + H}, {0, -H, W, 0, x, y + H},
        {0, H, W, 0, x, y}, {0, H, -W, 0, x + W, y},
    };
    HPDF_Page_GSave(pg);
    HPDF_Page_Concat(pg, m[o][0], m[o][1], m[o][2], m[o][3], m[o][4], m[o][5]);
    HPDF_Page_ExecuteXObject(pg, img);
    HPDF_Page_GRestore(pg);
}

static void draw_line(HPDF_Page pg, const dp_op *op, float page_h)
{
    HPDF_Page_SetLineWidth(pg, op->as.line.line_pt);
    HPDF_Page_SetRGBStroke(pg, op->as.line.color.r, op->as.line.color.g, op->as.line.color.b);
    HPDF_Page_MoveTo(pg, op->x_pt, page_h - op->y_pt);
    HPDF_Page_LineTo(pg, op->as.line.x2_pt, page_h - op->as.line.y2_pt);
    HPDF_Page_Stroke(pg);
}

/* libharu writes URIs raw (STACK.md): escape everything outside printable
 * ASCII, as RFC 3986 asks. */
static const char *encode_uri(dp_arena *a, const char *uri)
{
    size_t n = strlen(uri);
    char *out = dp_arena_alloc(a, 3 * n + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
            o += sprintf(o, "%%%02X", *p);
        else
            *o++ = (char)*p;
    *o = '\0';
    return out;
}

/* The sheet that shows display-list page 'page' first, or -1. */
static int sheet_of(const writer *w, int page)
{
    for (int s = 0; s < w->n_sheets; s++)
        for (int i = 0; i < w->sheets[s].n_places; i++)
            if (w->sheets[s].places[i].page == page)
                return s;
    return -1;
}

/* Annotations ignore the content matrix (STACK.md): place them by hand. */
static void add_link(writer *w, HPDF_Page pg, const dp_op *op, const xform *t)
{
    HPDF_Rect r;
    r.left = t->dx + t->scale * op->x_pt;
    r.right = t->dx + t->scale * (op->x_pt + op->as.link.w_pt);
    r.top = t->sheet_h - (t->dy + t->scale * op->y_pt);
    r.bottom = t->sheet_h - (t->dy + t->scale * (op->y_pt + op->as.link.h_pt));
    HPDF_Annotation an = NULL;
    if (op->as.link.uri) {
        an = HPDF_Page_CreateURILinkAnnot(pg, r, encode_uri(w->a, op->as.link.uri));
    } else {
        /* A handout may leave the target page out; the link then has
         * nowhere to go and is not written (its text still is). */
        int s = sheet_of(w, op->as.link.dest_page);
        if (s < 0)
            return;
        HPDF_Destination dst = HPDF_Page_CreateDestination(w->pages[s]);
        an = dst ? HPDF_Page_CreateLinkAnnot(pg, r, dst) : NULL;
    }
    if (an)
        HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
}

static bool draw_ops(writer *w, HPDF_Page pg, const dp_page *p, const xform *t)
{
    for (int i = 0; i < p->n_ops && w->error_no == 0; i++) {
        const dp_op *op = &p->ops[i];
        switch (op->kind) {
        case DP_OP_TEXT: draw_text(w, pg, op, t->page_h); break;
        case DP_OP_RECT: draw_rect(pg, op, t->page_h); break;
        case DP_OP_LINE: draw_line(pg, op, t->page_h); break;
        case DP_OP_LINK: add_link(w, pg, op, t); break;
        case DP_OP_IMAGE: draw_image(w, pg, op, t->page_h); break;
        }
    }
    return w->error_no == 0;
}

static bool draw_sheet(writer *w, int s)
{
    const dp_sheet *sh = &w->sheets[s];
    HPDF_Page pg = w->pages[s];
    for (int i = 0; i < sh->n_places; i++) {
        const dp_place *pl = &sh->places[i];
        const dp_page *p = place_page(w, pl);
        xform t = {pl->scale, pl->dx_pt, pl->dy_pt, sh->h_pt, p->h_pt};
        bool identity = pl->scale == 1 && pl->dx_pt == 0 && pl->dy_pt == 0 && p->w_pt == sh->w_pt &&
                        p->h_pt == sh->h_pt;
        if (identity) { /* slides: no matrix, no clip, smaller files */
            if (!draw_ops(w, pg, p, &t))
                return false;
            continue;
        }
        /* Our y runs down from the top: page point (x, y) lands at sheet
         * (dx + s*x, H - dy - s*y), which this matrix does for y_pdf = h - y. */
        HPDF_Page_GSave(pg);
        HPDF_Page_Concat(pg, pl->scale, 0, 0, pl->scale, pl->dx_pt, sh->h_pt - pl->dy_pt - pl->scale * p->h_pt);
        HPDF_Page_Rectangle(pg, 0, 0, p->w_pt, p->h_pt);
        HPDF_Page_Clip(pg);
        HPDF_Page_EndPath(pg);
        bool ok = draw_ops(w, pg, p, &t);
        HPDF_Page_GRestore(pg);
        if (!ok)
            return false;
    }
    if (sh->extras) {
        xform t = {1, 0, 0, sh->h_pt, sh->h_pt};
        if (!draw_ops(w, pg, sh->extras, &t))
            return false;
    }
    return true;
}

/* ===== Document structure ===== */

static void add_outline(writer *w)
{
    HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    HPDF_Outline parent = NULL;
    for (int i = 0; i < w->dl->n_outline; i++) {
        const dp_outline *o = &w->dl->outline[i];
        int s = sheet_of(w, o->page);
        HPDF_Outline item = HPDF_CreateOutline(w->pdf, o->level > 0 ? parent : NULL, o->title, utf8);
        if (o->level == 0)
            parent = item;
        if (item && s >= 0)
            HPDF_Outline_SetDestination(item, HPDF_Page_CreateDestination(w->pages[s]));
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
static void add_page_labels(writer *w)
{
    const char **labels = dp_arena_alloc(w->a, (size_t)w->n_sheets * sizeof *labels);
    bool any = false;
    for (int s = 0; s < w->n_sheets; s++) {
        labels[s] = w->sheets[s].extras ? w->sheets[s].extras->label : NULL;
        any |= labels[s] != NULL;
    }
    if (!any)
        return;
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_Array nums = HPDF_Array_New(mm);
    HPDF_Dict_Add(tree, "Nums", nums);
    HPDF_Dict_Add(w->pdf->catalog, "PageLabels", tree);
    long next = -1;               /* the number that would continue the last decimal range */
    const char *prev = NULL;
    for (int s = 0; s < w->n_sheets; s++) {
        long n = s + 1;
        bool numeric = !labels[s] || numeric_label(labels[s], &n);
        if (numeric ? n == next : (prev && strcmp(prev, labels[s]) == 0)) {
            next = numeric ? n + 1 : -1;
            continue;
        }
        HPDF_Dict range = HPDF_Dict_New(mm);
        if (numeric) {
            HPDF_Dict_AddName(range, "S", "D");
            if (n != 1)
                HPDF_Dict_AddNumber(range, "St", (HPDF_INT32)n);
        } else {
            HPDF_Dict_Add(range, "P", HPDF_String_New(mm, labels[s], HPDF_GetEncoder(w->pdf, "UTF-8")));
        }
        HPDF_Array_AddNumber(nums, s);
        HPDF_Array_Add(nums, range);
        next = numeric ? n + 1 : -1;
        prev = numeric ? NULL : labels[s];
    }
}

static void add_info(writer *w)
{
    const dp_dlist *dl = w->dl;
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "deckpress");
    if (dl->title)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_TITLE, dl->title);
    if (dl->author)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_AUTHOR, dl->author);
    if (dl->subject)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_SUBJECT, dl->subject);
    if (dl->keywords)
        HPDF_SetInfoAttr(w->pdf, HPDF_INFO_KEYWORDS, dl->keywords);
    if (dl->epoch >= 0) { /* SOURCE_DATE_EPOCH: reproducible dates, in UTC */
        time_t t = (time_t)dl->epoch;
        struct tm tm;
        if (gmtime_r(&t, &tm)) {
            HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                              tm.tm_sec, 'Z', 0, 0};
            HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date);
            HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date);
        }
    }
    if (dl->lang) { /* /Lang is PDF 1.4; libharu would declare 1.3 */
        HPDF_Dict_Add(w->pdf->catalog, "Lang", HPDF_String_New(w->pdf->mmgr, dl->lang, NULL));
        if (w->pdf->pdf_version < HPDF_VER_14)
            w->pdf->pdf_version = HPDF_VER_14;
    }
}

/* ===== Driver ===== */

static bool check_sheets(writer *w)
{
    for (int s = 0; s < w->n_sheets; s++)
        for (int i = 0; i < w->sheets[s].n_places; i++) {
            int p = w->sheets[s].places[i].page;
            if (p < 0 || p >= w->dl->n_pages) {
                dp_error_status(w->d, DP_EXIT_INPUT, NOWHERE, "internal: sheet %d shows page %d of %d",
                                s + 1, p + 1, w->dl->n_pages);
                return false;
            }
        }
    return true;
}

/* Slides: one sheet per display-list page, shown as is. */
static dp_sheet *identity_sheets(writer *w)
{
    dp_sheet *sh = dp_arena_alloc(w->a, (size_t)(w->dl->n_pages ? w->dl->n_pages : 1) * sizeof *sh);
    for (int i = 0; i < w->dl->n_pages; i++) {
        dp_place *pl = dp_arena_alloc(w->a, sizeof *pl);
        *pl = (dp_place){i, 1, 0, 0};
        sh[i] = (dp_sheet){w->dl->pages[i].w_pt, w->dl->pages[i].h_pt, pl, 1, NULL};
        /* The page's own label names the sheet; extras carry labels. */
        if (w->dl->pages[i].label) {
            dp_page *ex = dp_arena_alloc(w->a, sizeof *ex);
            ex->label = w->dl->pages[i].label;
            sh[i].extras = ex;
        }
    }
    return sh;
}

static bool build(writer *w, const char *path, const char *tmp_path)
{
    if (w->n_sheets == 0) {
        dp_error_status(w->d, DP_EXIT_INPUT, NOWHERE, "internal: the document has no pages");
        return false;
    }
    if (!check_sheets(w) || !collect(w))
        return false;
    w->pdf = HPDF_New(on_error, w);
    if (!w->pdf) {
        dp_error_status(w->d, DP_EXIT_IO, NOWHERE, "libharu could not start");
        return false;
    }
    HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(w->pdf);
    HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
    if (haru_failed(w, "starting the PDF") || !load_fonts(w))
        return false;
    /* All pages first, so links and outline entries can point forward. */
    w->pages = dp_arena_alloc(w->a, (size_t)(w->n_sheets ? w->n_sheets : 1) * sizeof *w->pages);
    /* One /Pages node holds at most 8,191 kids in libharu: a tree of nodes of
     * 1,000 lets decks of tens of thousands of slides through. */
    if (w->n_sheets > 1000)
        HPDF_SetPagesConfiguration(w->pdf, 1000);
    for (int s = 0; s < w->n_sheets; s++) {
        w->pages[s] = HPDF_AddPage(w->pdf);
        if (!w->pages[s])
            break;
        HPDF_Page_SetWidth(w->pages[s], w->sheets[s].w_pt);
        HPDF_Page_SetHeight(w->pages[s], w->sheets[s].h_pt);
    }
    if (haru_failed(w, "adding pages"))
        return false;
    for (int s = 0; s < w->n_sheets; s++)
        if (!draw_sheet(w, s) || dp_error_count(w->d) > w->errors_before) {
            haru_failed(w, "drawing a page");
            return false;
        }
    add_outline(w);
    add_page_labels(w);
    add_info(w);
    for (int f = 0; f < w->n_faces; f++)
        if (w->faces[f].font && !fix_tounicode(w, &w->faces[f]))
            return false;
    if (haru_failed(w, "building the document"))
        return false;
    HPDF_SaveToFile(w->pdf, tmp_path);
    return !haru_failed(w, dp_arena_printf(w->a, "cannot write %s", path));
}

static void remove_tmpdir(const char *dir)
{
    DIR *dd = opendir(dir);
    if (dd) {
        struct dirent *e;
        char p[4200];
        while ((e = readdir(dd)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
                unlink(p);
            }
        closedir(dd);
    }
    rmdir(dir);
}

bool dp_pdf_write(const dp_dlist *dl, const dp_sheet *sheets, int n_sheets, dp_fonts *fonts,
                  const char *path, dp_diags *d)
{
    writer w = {.dl = dl, .sheets = sheets, .n_sheets = n_sheets, .fonts = fonts, .d = d,
                .errors_before = dp_error_count(d)};
    w.a = dp_arena_new(64 * 1024);
    w.n_faces = dp_fonts_count(fonts);
    w.faces = dp_arena_alloc(w.a, (size_t)(w.n_faces ? w.n_faces : 1) * sizeof *w.faces);
    w.images = dp_arena_alloc(w.a, (size_t)(dp_images_count(dl->images) + 1) * sizeof *w.images);
    if (!sheets) {
        w.sheets = identity_sheets(&w);
        w.n_sheets = dl->n_pages;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(w.tmpdir, sizeof w.tmpdir, "%s/deckpress-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *tmp_path = dp_arena_printf(w.a, "%s.tmp-%ld", path, (long)getpid());
    bool ok = false;
    if (!mkdtemp(w.tmpdir)) {
        dp_error_status(d, DP_EXIT_IO, NOWHERE, "cannot create a temporary folder %s: %s", w.tmpdir,
                        strerror(errno));
        w.tmpdir[0] = '\0';
    } else {
        ok = build(&w, path, tmp_path);
    }
    if (ok && rename(tmp_path, path) != 0) {
        dp_error_status(d, DP_EXIT_IO, NOWHERE, "cannot write %s: %s", path, strerror(errno));
        ok = false;
    }
    if (!ok)
        unlink(tmp_path);
    if (w.pdf)
        HPDF_Free(w.pdf);
    if (w.tmpdir[0])
        remove_tmpdir(w.tmpdir);
    free(w.buf);
    dp_arena_free(w.a);
    return ok;
}

const char *dp_pdf_library_version(void) { return HPDF_GetVersion(); }
