/* pdf_out.c: display list + sheets -> PDF with libharu 2.3.0 (see
 * pdf_out.h). It replays ops and decides nothing about layout. libharu holds
 * the document: objects, pages, outline, links, images, and writes the file.
 * deckpress makes what libharu gets wrong or slowly: the fonts (pdf_font.c:
 * hb-subset programs, glyph-id CIDs, a bfchar ToUnicode), the content streams
 * (pdf_content.c) and their compression (pdf_flate.c). All pages share one
 * resource dictionary. The file appears only through rename(), so a failed
 * run leaves the previous PDF alone. */
#include "pdf_out.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
/* Internal object API (shipped with libhpdf-dev): fonts, content streams,
 * shared resources, /PageLabels and /Lang, which the public API gets wrong. */
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "hash.h"
#include "image.h"
#include "pdf_content.h"
#include "pdf_flate.h"
#include "pdf_font.h"
#include "pdf_meta.h"
#include "pdf_packer.h"
#include "pdf_struct.h"
#include "pdf_xref.h"
#include "bytes.h"
#include "utf8.h"
#include "atomic_file.h"

#define BMP_SIZE 0x10000

/* libdeflate's level 6 for every stream: on the meetup's font programs
 * (172 KB) level 9 saves 0.3% for twice the time, and level 1 costs 4% more
 * bytes (bench/NOTES.md). */
#define FLATE_LEVEL 6

typedef struct {
    unsigned char *used;    /* BMP bitmap of code points drawn; NULL = face unused */
    uint32_t *astral;       /* code points above U+FFFF drawn (rare: a list) */
    int n_astral, cap_astral;
} wface;

typedef struct {
    const dp_dlist *dl;
    const dp_sheet *sheets;
    int n_sheets;
    dp_fonts *fonts;
    dp_programs *programs;  /* the run's font programs (font_programs.h) */
    dp_diags *d;
    dp_arena *a;            /* private: subset paths, identity sheets */
    HPDF_Doc pdf;
    HPDF_Page *pages;       /* one per sheet */
    int *sheet_of_page;     /* display-list page -> first sheet showing it, or -1 */
    wface *faces;           /* indexed by face id */
    HPDF_Image *images;     /* indexed by image id; loaded on first use, then reused */
    dp_cid_map *maps;       /* code point -> CID, indexed by face id */
    HPDF_Dict resources;    /* shared by every page: /Font, /XObject */
    dp_packer *pk;          /* content on threads; its first compressor also does fonts */
    bool tagged;            /* PDF/UA-1 and PDF/A-2: structure, marked content, metadata */
    dp_struct *st;          /* the marks and structure tree when tagged */
    uint64_t id_hash;       /* of every content stream: the document's /ID */
    int n_faces;
    HPDF_STATUS error_no, detail_no;
    int error_errno;        /* errno when libharu reported, for I/O messages */
    int errors_before;      /* dp_error_count() on entry: ours are the ones after */
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

static bool is_astral_used(const wface *wf, uint32_t cp)
{
    for (int i = 0; i < wf->n_astral; i++)
        if (wf->astral[i] == cp)
            return true;
    return false;
}

static int by_code_point(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
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
            if (cp < BMP_SIZE ? (wf->used[cp >> 3] & (1u << (cp & 7))) != 0 : is_astral_used(wf, cp))
                continue;
            if (cp >= 0x20 && !dp_face_has(w->fonts, f, cp))
                dp_warning(w->d, op->src, "U+%04X is not in font %s; it shows as an empty box",
                           (unsigned)cp, dp_face_family(w->fonts, f));
            if (cp < BMP_SIZE)
                wf->used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
            else
                *(uint32_t *)dp_arena_push(w->a, &wf->astral, &wf->n_astral, &wf->cap_astral,
                                           sizeof *wf->astral) = cp;
        }
        /* tagged: the space between words is written (pdf_content.c) */
        if (w->tagged && op->as.text.space_after && dp_face_has(w->fonts, f, ' '))
            wf->used[' ' >> 3] |= (unsigned char)(1u << (' ' & 7));
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

/* The code points a face draws, ascending (arena-owned). */
static uint32_t *used_list(writer *w, const wface *wf, int *n)
{
    int count = wf->n_astral;
    for (int i = 0; i < BMP_SIZE / 8; i++)
        count += __builtin_popcount(wf->used[i]);
    uint32_t *out = dp_arena_alloc(w->a, (size_t)(count ? count : 1) * sizeof *out);
    *n = 0;
    for (uint32_t cp = 0; cp < BMP_SIZE; cp++)
        if (wf->used[cp >> 3] & (1u << (cp & 7)))
            out[(*n)++] = cp;
    if (wf->n_astral > 1)
        qsort(wf->astral, (size_t)wf->n_astral, sizeof *wf->astral, by_code_point);
    for (int i = 0; i < wf->n_astral; i++)
        out[(*n)++] = wf->astral[i];
    return out;
}

static bool load_fonts(writer *w)
{
    HPDF_Dict fonts = HPDF_Dict_New(w->pdf->mmgr);
    if (!fonts || HPDF_Dict_Add(w->resources, "Font", fonts) != HPDF_OK)
        return false;
    for (int f = 0; f < w->n_faces; f++) {
        wface *wf = &w->faces[f];
        if (!wf->used)
            continue;
        int n, before = dp_error_count(w->d);
        uint32_t *cps = used_list(w, wf, &n);
        HPDF_Dict font = dp_pdf_font(w->pdf, w->fonts, w->programs, f, cps, n, dp_packer_flate(w->pk),
                                     &w->maps[f], w->a, w->d);
        char name[16];
        snprintf(name, sizeof name, "F%d", f);
        if (!font || HPDF_Dict_Add(fonts, name, font) != HPDF_OK) {
            if (!haru_failed(w, dp_face_path(w->fonts, f)) && dp_error_count(w->d) == before)
                dp_error_status(w->d, DP_EXIT_RESOURCE, NOWHERE, "cannot embed font %s",
                                dp_face_path(w->fonts, f));
            return false;
        }
    }
    return true;
}

/* ===== Drawing ===== */

typedef struct {
    float scale, dx, dy;    /* place on the sheet, top-left, y down */
    float sheet_h, page_h;
} xform;

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
    char name[16];
    snprintf(name, sizeof name, "I%d", id);
    HPDF_Dict xobjects = HPDF_Dict_GetItem(w->resources, "XObject", HPDF_OCLASS_DICT);
    if (!xobjects) {
        xobjects = HPDF_Dict_New(w->pdf->mmgr);
        HPDF_Dict_Add(w->resources, "XObject", xobjects);
    }
    if (!xobjects || HPDF_Dict_Add(xobjects, name, img) != HPDF_OK) {
        haru_failed(w, m->path);
        return NULL;
    }
    w->images[id] = img;
    return img;
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
    return page >= 0 && page < w->dl->n_pages ? w->sheet_of_page[page] : -1;
}

static void index_sheets(writer *w)
{
    int n = w->dl->n_pages;
    w->sheet_of_page = dp_arena_alloc(w->a, (size_t)(n ? n : 1) * sizeof *w->sheet_of_page);
    for (int i = 0; i < n; i++)
        w->sheet_of_page[i] = -1;
    for (int s = w->n_sheets - 1; s >= 0; s--) /* backwards: the first sheet wins */
        for (int i = 0; i < w->sheets[s].n_places; i++)
            w->sheet_of_page[w->sheets[s].places[i].page] = s;
}

/* Annotations ignore the content matrix (STACK.md): place them by hand.
 * 'm': the op's mark when tagged (NULL otherwise). */
static void add_link(writer *w, int s, const dp_op *op, const xform *t, const dp_mark *m)
{
    HPDF_Page pg = w->pages[s];
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
        int to = sheet_of(w, op->as.link.dest_page);
        if (to < 0)
            return;
        HPDF_Destination dst = HPDF_Page_CreateDestination(w->pages[to]);
        an = dst ? HPDF_Page_CreateLinkAnnot(pg, r, dst) : NULL;
    }
    if (an)
        HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
    if (an && m)
        dp_struct_annot(w->st, w->pdf, s, m, an, op->as.link.uri);
}

/* What the content stream cannot do itself: link annotations, and loading
 * the images it draws into the shared resources. 'marks': the page's ops'
 * marks when tagged, else NULL. */
static bool page_objects(writer *w, int s, const dp_page *p, const xform *t, const dp_mark *marks)
{
    for (int i = 0; i < p->n_ops && w->error_no == 0; i++) {
        const dp_op *op = &p->ops[i];
        if (op->kind == DP_OP_LINK)
            add_link(w, s, op, t, marks ? &marks[i] : NULL);
        else if (op->kind == DP_OP_IMAGE && !image_of(w, op->as.image.image, op->src))
            return false;
    }
    return w->error_no == 0;
}

static bool identity_place(const dp_sheet *sh, const dp_place *pl, const dp_page *p)
{
    return pl->scale == 1 && pl->dx_pt == 0 && pl->dy_pt == 0 && p->w_pt == sh->w_pt &&
           p->h_pt == sh->h_pt;
}

/* Sheet s's content stream (on a packer thread: reads only). */
static void draw_sheet(void *ctx, dp_content *c, int s)
{
    const writer *w = ctx;
    const dp_sheet *sh = &w->sheets[s];
    const dp_mark *marks = w->st ? dp_struct_marks(w->st, s) : NULL;
    for (int i = 0; i < sh->n_places; i++) {
        const dp_place *pl = &sh->places[i];
        const dp_page *p = place_page(w, pl);
        if (identity_place(sh, pl, p)) /* slides: no matrix, no clip, smaller files */
            dp_content_page(c, p, sh->h_pt, marks);
        else
            dp_content_place(c, p, pl->scale, pl->dx_pt, pl->dy_pt, sh->h_pt, marks);
        if (marks)
            marks += p->n_ops;
    }
    if (sh->extras)
        dp_content_page(c, sh->extras, sh->h_pt, marks);
}

/* Sheet s's page gets its links and images, the shared resources and its
 * compressed content stream. */
static bool finish_sheet(writer *w, int s, const dp_packed *content)
{
    const dp_sheet *sh = &w->sheets[s];
    HPDF_Page pg = w->pages[s];
    const dp_mark *marks = w->st ? dp_struct_marks(w->st, s) : NULL;
    for (int i = 0; i < sh->n_places; i++) {
        const dp_place *pl = &sh->places[i];
        const dp_page *p = place_page(w, pl);
        xform t = {pl->scale, pl->dx_pt, pl->dy_pt, sh->h_pt, p->h_pt};
        if (!page_objects(w, s, p, &t, marks))
            return false;
        if (marks)
            marks += p->n_ops;
    }
    xform t = {1, 0, 0, sh->h_pt, sh->h_pt};
    if (sh->extras && !page_objects(w, s, sh->extras, &t, marks))
        return false;
    HPDF_PageAttr attr = (HPDF_PageAttr)pg->attr;
    bool ok = content->data && dp_flate_set(attr->contents, content->data, content->len) == HPDF_OK;
    attr->stream = attr->contents->stream; /* the page's drawing stream was replaced */
    return ok && HPDF_Dict_Add(pg, "Resources", w->resources) == HPDF_OK && w->error_no == 0;
}

/* Every sheet's content, built and compressed a batch at a time on the
 * packer's threads, then handed to libharu in order on this one. */
static bool draw_sheets(writer *w)
{
    enum { BATCH = 256 };
    dp_packed *out = calloc(BATCH, sizeof *out);
    bool ok = out != NULL;
    for (int from = 0; ok && from < w->n_sheets; from += BATCH) {
        int to = from + BATCH < w->n_sheets ? from + BATCH : w->n_sheets;
        ok = dp_packer_run(w->pk, from, to, draw_sheet, w, out);
        for (int s = from; s < to; s++) {
            if (out[s - from].data)
                w->id_hash = dp_fnv1a(w->id_hash, out[s - from].data, out[s - from].len);
            ok = ok && finish_sheet(w, s, &out[s - from]) && dp_error_count(w->d) == w->errors_before;
            free(out[s - from].data);
            out[s - from] = (dp_packed){0};
        }
    }
    free(out);
    return ok;
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

/* libharu's file gathered in memory (a callback stream: libharu's own
 * memory stream costs more in its 4 KB blocks than the copy here). */
static HPDF_STATUS gather_write(HPDF_Stream st, const HPDF_BYTE *p, HPDF_UINT n)
{
    dp_bytes_put(st->attr, p, n);
    return HPDF_OK;
}

/* A tagged document: libharu's file, taken in memory and written with its
 * objects packed into object streams (pdf_xref.c). Files written with
 * --no-tags keep libharu's layout byte for byte. */
static bool save_packed(writer *w, const char *path, const char *tmp_path)
{
    dp_bytes g = {0};
    dp_bytes_reserve(&g, 256 * 1024);
    /* HPDF_SaveToStream writes into the document's stream when it has one */
    w->pdf->stream = HPDF_CallbackWriter_New(w->pdf->mmgr, gather_write, &g);
    if (w->pdf->stream)
        HPDF_SaveToStream(w->pdf);
    if (haru_failed(w, dp_arena_printf(w->a, "cannot write %s", path)) || !w->pdf->stream) {
        free(g.b);
        return false;
    }
    /* the document is in 'g': its objects and the content compressors go
     * now, before packing (the peak memory of a build) */
    HPDF_Free(w->pdf);
    w->pdf = NULL;
    dp_packer_free(w->pk);
    w->pk = NULL;
    const char *why = NULL;
    /* level 1: a third of level 6's time on these small dictionaries, 1 KB
     * more a document (bench/NOTES.md) */
    dp_flate *z = dp_flate_new(1);
    FILE *f = z ? fopen(tmp_path, "wb") : NULL;
    bool ok = f && dp_xref_pack(g.b, g.n, z, f, &why);
    if (f && !ok && why) { /* not the file pdf_xref.c knows: libharu's, as it is */
        dp_warning(w->d, NOWHERE, "internal: %s is written without object streams (%s in libharu's file)", path,
                   why);
        ok = fwrite(g.b, 1, g.n, f) == g.n;
    }
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        dp_error_status(w->d, DP_EXIT_IO, NOWHERE, "cannot write %s: %s", path, z ? strerror(errno) : "out of memory");
    dp_flate_free(z);
    free(g.b);
    return ok;
}

static bool build(writer *w, const char *path, const char *tmp_path)
{
    if (w->n_sheets == 0) {
        dp_error_status(w->d, DP_EXIT_INPUT, NOWHERE, "internal: the document has no pages");
        return false;
    }
    if (!check_sheets(w) || !collect(w))
        return false;
    index_sheets(w);
    if (w->tagged)
        w->st = dp_struct_plan(w->a, w->dl, w->sheets, w->n_sheets);
    w->pdf = HPDF_New(on_error, w);
    if (!w->pdf) {
        dp_error_status(w->d, DP_EXIT_IO, NOWHERE, "libharu could not start");
        return false;
    }
    /* Images only: every other stream is compressed here (pdf_flate.c). */
    HPDF_SetCompressionMode(w->pdf, HPDF_COMP_IMAGE);
    HPDF_UseUTFEncodings(w->pdf);
    HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
    w->resources = HPDF_Dict_New(w->pdf->mmgr);
    if (w->resources)
        HPDF_Xref_Add(w->pdf->xref, w->resources);
    w->pk = dp_packer_new(w->maps, w->n_faces, w->dl->images, FLATE_LEVEL,
                          dp_packer_threads(w->n_sheets));
    if (!w->pk) {
        dp_error_status(w->d, DP_EXIT_IO, NOWHERE, "out of memory starting the compressor");
        return false;
    }
    if (haru_failed(w, "starting the PDF") || !w->resources || !load_fonts(w))
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
    if (!draw_sheets(w)) {
        if (!haru_failed(w, "drawing a page") && dp_error_count(w->d) == w->errors_before)
            dp_error_status(w->d, DP_EXIT_IO, NOWHERE, "internal: drawing a page failed");
        return false;
    }
    dp_pdf_outline(w->pdf, w->dl, w->pages, w->sheet_of_page);
    dp_pdf_page_labels(w->pdf, w->sheets, w->n_sheets);
    dp_pdf_info(w->pdf, w->dl);
    if (w->tagged && (!dp_struct_write(w->st, w->pdf, w->pages) ||
                      !dp_pdf_archival(w->pdf, w->dl, dp_packer_flate(w->pk), w->id_hash, w->d))) {
        if (!haru_failed(w, "building the document structure") && dp_error_count(w->d) == w->errors_before)
            dp_error_status(w->d, DP_EXIT_IO, NOWHERE, "internal: the document structure could not be built");
        return false;
    }
    if (haru_failed(w, "building the document"))
        return false;
    if (w->tagged)
        return save_packed(w, path, tmp_path);
    HPDF_SaveToFile(w->pdf, tmp_path);
    return !haru_failed(w, dp_arena_printf(w->a, "cannot write %s", path));
}

bool dp_pdf_write(const dp_dlist *dl, const dp_sheet *sheets, int n_sheets, dp_fonts *fonts,
                  dp_programs *programs, const char *path, bool tagged, dp_diags *d)
{
    dp_programs *own = programs ? NULL : dp_programs_new(); /* none given: this document's */
    writer w = {.dl = dl, .sheets = sheets, .n_sheets = n_sheets, .fonts = fonts,
                .programs = programs ? programs : own, .d = d,
                .tagged = tagged, .id_hash = DP_FNV_INIT, .errors_before = dp_error_count(d)};
    w.a = dp_arena_new(64 * 1024);
    w.n_faces = dp_fonts_count(fonts);
    w.faces = dp_arena_alloc(w.a, (size_t)(w.n_faces ? w.n_faces : 1) * sizeof *w.faces);
    w.images = dp_arena_alloc(w.a, (size_t)(dp_images_count(dl->images) + 1) * sizeof *w.images);
    w.maps = dp_arena_alloc(w.a, (size_t)(w.n_faces ? w.n_faces : 1) * sizeof *w.maps);
    if (!sheets) {
        w.sheets = identity_sheets(&w);
        w.n_sheets = dl->n_pages;
    }
    /* libharu writes the file itself: only the temporary name is shared
     * with atomic_file.c */
    char *tmp_path = dp_atomic_tmp_name(path);
    bool ok = build(&w, path, tmp_path);
    if (ok && rename(tmp_path, path) != 0) {
        dp_error_status(d, DP_EXIT_IO, NOWHERE, "cannot write %s: %s", path, strerror(errno));
        ok = false;
    }
    if (!ok)
        unlink(tmp_path);
    dp_atomic_forget(tmp_path);
    free(tmp_path);
    if (w.pdf)
        HPDF_Free(w.pdf);
    dp_packer_free(w.pk);
    dp_arena_free(w.a);
    dp_programs_free(own);
    return ok;
}

const char *dp_pdf_library_version(void) { return HPDF_GetVersion(); }
