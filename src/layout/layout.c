/* layout.c: what every slide kind and the handouts lay out with: the grid,
 * text styles, pages, the motif, page numbers and the document info. The
 * driver (layout_driver.c) sits above the slide kinds (layout_slides.c,
 * layout_qa.c), which sit above this file. Geometry follows docs/design.md
 * §4. */
#include "layout_priv.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ===== Grid and styles ===== */

float dp_lay_col(const dp_lay *L, int k)
{
    return L->left + (float)(k - 1) * (L->col_w + L->gutter);
}

float dp_lay_snap(const dp_lay *L, float y)
{
    float b = L->t->geo.grid.baseline;
    if (!(b > 0) || y <= L->top)
        return y;
    return L->top + ceilf((y - L->top) / b - 0.001f) * b;
}

float dp_lay_measure(float width, float size_pt)
{
    float n = floorf(width / size_pt + 0.001f);
    return n < 1 ? width : n * size_pt;
}

/* The chains of the roles resolved once for the project (styles.h); a
 * role with no installed font stops the layout (dp_styles_report() said
 * why; said here too should a caller not have asked it). */
static bool take_roles(dp_lay *L, const dp_styles *st)
{
    const dp_template *t = L->t;
    assert(st->of == t->roles && st->n_roles == t->n_roles); /* the same template's roles */
    L->roles = dp_arena_alloc(L->a, sizeof *L->roles * (size_t)(t->n_roles ? t->n_roles : 1));
    for (int r = 0; r < t->n_roles; r++)
        L->roles[r] = st->roles[r].chain;
    if (dp_styles_complete(st))
        return true;
    if (dp_error_count(L->d) == 0)
        dp_styles_report(st, L->d);
    return false;
}

dp_textstyle dp_lay_style(const dp_lay *L, dp_element el, const dp_rgb *palette)
{
    const dp_template *t = L->t;
    const dp_style *s = &t->styles[el];
    dp_textstyle st = {0};
    st.cjk = L->roles[s->cjk_role];
    st.latin = L->roles[s->latin_role];
    if (t->fallback_role >= 0)
        st.fallback = L->roles[t->fallback_role];
    /* Emphasis in Chinese is a change of face (Kai), not slanted hanzi;
     * where the text is already in that face, the template's colour (and
     * weight) mark it instead. Latin takes its own role (an italic) where
     * the template gives one, else goes with the hanzi. */
    const dp_emphasis *em = &t->em;
    if (em->role >= 0 && L->roles[em->role].n && L->roles[em->role].faces[0] != st.cjk.faces[0])
        st.em_cjk = L->roles[em->role];
    if (em->latin_role >= 0 && L->roles[em->latin_role].n &&
        L->roles[em->latin_role].faces[0] != st.latin.faces[0])
        st.em_latin = L->roles[em->latin_role];
    else if (em->latin_role < 0)
        st.em_latin = st.em_cjk;
    st.em_bold = em->bold && !st.em_cjk.n;
    st.code = L->roles[t->styles[DP_EL_CODE].cjk_role];
    st.size_pt = s->size_pt;
    st.leading_pt = s->leading_pt;
    st.tracking_em = s->tracking_em;
    st.color = palette[s->color];
    st.em_color = st.em_cjk.n ? st.color
                : em->color >= 0 ? palette[em->color]
                : palette[s->color == DP_COLOR_INK ? DP_COLOR_ACCENT : DP_COLOR_INK];
    st.bold = s->bold;
    st.justify = s->justify;
    st.rich = s->justify; /* body elements take markup; headlines and labels are literal */
    /* Markdown blocks: code in proportion to the answer, so it shrinks with the text */
    const dp_style *cb = &t->styles[DP_EL_CODE_BLOCK];
    st.code_scale = cb->size_pt / t->styles[DP_EL_ANSWER].size_pt;
    st.code_leading = cb->leading_pt / cb->size_pt;
    st.code_bg = palette[DP_COLOR_CODE_BG];
    st.code_color = palette[DP_COLOR_CODE_INK];
    st.link_color = palette[DP_COLOR_LINK];
    st.meta_color = palette[DP_COLOR_META];
    st.rule_color = palette[DP_COLOR_RULE];
    st.quote_color = s->color == DP_COLOR_INK ? palette[DP_COLOR_TEXT2] : st.color;
    st.images = L->deck ? L->deck->images : NULL;
    st.image_max_h = t->geo.page.image_height * (L->bottom - L->top);
    st.tok[DP_TOK_PLAIN] = palette[DP_COLOR_CODE_INK];
    st.tok[DP_TOK_KEYWORD] = palette[DP_COLOR_TOK_KEYWORD];
    st.tok[DP_TOK_STRING] = palette[DP_COLOR_TOK_STRING];
    st.tok[DP_TOK_COMMENT] = palette[DP_COLOR_TOK_COMMENT];
    st.tok[DP_TOK_NUMBER] = palette[DP_COLOR_TOK_NUMBER];
    st.tok[DP_TOK_FUNCTION] = palette[DP_COLOR_TOK_FUNCTION];
    st.tok[DP_TOK_TYPE] = palette[DP_COLOR_TOK_TYPE];
    return st;
}

dp_textstyle dp_lay_resize(dp_textstyle st, float size_pt)
{
    st.leading_pt *= size_pt / st.size_pt;
    st.size_pt = size_pt;
    return st;
}

dp_textblock *dp_lay_text(dp_lay *L, const dp_textstyle *st, const dp_text *t, float width)
{
    return dp_text_layout(L->a, L->fonts, st, t->s, t->s ? t->len : 0, width, t, L->d);
}

float dp_lay_label(dp_lay *L, dp_page *p, const dp_textstyle *st, const char *s, float x,
                   float y_top, float halign)
{
    return dp_text_line(L->a, p, L->fonts, st, s, x, dp_text_first_baseline(st, y_top), halign,
                        (dp_loc){0});
}

dp_page *dp_lay_new_page(dp_lay *L, dp_page_kind kind, const dp_rgb *palette, bool counted, const char *title)
{
    dp_page *p = dp_dlist_add_page(L->a, L->dl, L->page_w, L->page_h);
    p->title = title;
    p->kind = kind;
    p->section_palette = palette == L->t->section_colors &&
                         memcmp(L->t->section_colors, L->t->colors, sizeof L->t->colors) != 0;
    /* one entry per page, by doubling: a deck of 50,000 items stays linear */
    *(int *)dp_arena_push(L->a, &L->counted, &L->n_counted, &L->cap_counted, sizeof *L->counted) = counted;
    dp_page_rect(L->a, p, 0, 0, L->page_w, L->page_h, palette[DP_COLOR_BG]);
    return p;
}

void dp_lay_matrix(dp_lay *L, dp_page *p, const dp_rgb *palette, float left, float top, float pitch)
{
    /* A causal attention mask: cell (i, j) drawn when j >= i, darker near the diagonal. */
    const dp_geo_motif *g = &L->t->geo.motif;
    const int n = (int)g->cells, first = p->n_ops;
    float cell = pitch * g->cell / g->pitch;
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            int dd = j - i;
            dp_color c = dd == 0 ? DP_COLOR_ACCENT : dd == 1 ? DP_COLOR_M2 : dd <= 3 ? DP_COLOR_M1 : DP_COLOR_M0;
            dp_page_rect(L->a, p, left + (float)j * pitch, top + (float)i * pitch, cell, cell, palette[c]);
        }
    dp_page_group(L->a, p, first, "motif");
}

float dp_lay_matrix_size(const dp_lay *L, float pitch)
{
    const dp_geo_motif *g = &L->t->geo.motif;
    return g->cells * pitch - (pitch - pitch * g->cell / g->pitch);
}

/* ===== Page numbers ===== */

int dp_lay_number(const dp_lay *L, int idx)
{
    int n = 0;
    for (int i = 0; i <= idx && i < L->dl->n_pages; i++)
        n += L->counted[i] && !L->dl->pages[i].is_step;
    if (idx < L->dl->n_pages && L->dl->pages[idx].is_step)
        n++;
    return n;
}

/* texts[0..n) joined by sep, cut at DP_MAX_INFO_CHARS characters. */
static const char *join(dp_arena *a, const dp_text *texts, int n, const char *sep)
{
    size_t cap = DP_MAX_INFO_CHARS * 4 + 1, len = 0;
    char *out = dp_arena_alloc(a, cap + 8);
    for (int i = 0; i < n && len < cap; i++) {
        int w = snprintf(out + len, cap - len, "%s%s", i ? sep : "", texts[i].s ? texts[i].s : "");
        len += w < 0 ? 0 : (size_t)w;
    }
    if (len > cap)
        len = cap;
    out[len] = '\0';
    return dp_clip(a, out, DP_MAX_INFO_CHARS);
}

/* ===== Languages of the deck's parts ===== */

/* Field f's language in l (f: dp_lang.of index, -1: none of them), else
 * l's for all its text, else 'outer'. */
static const char *pick_lang(const dp_lang *l, int f, const char *outer)
{
    if (f >= 0 && l->of[f].s)
        return l->of[f].s;
    return l->all.s ? l->all.s : outer;
}

static const char *tag_lang(const dp_deck *dk, const dp_item *const *by_number, const dp_tag *t)
{
    switch (t->part) {
    case DP_PART_INTRO:
    case DP_PART_CLOSING: { /* DP_BLOCK_LANG_FIELDS: title, body, qr_label */
        const dp_block *b = t->part == DP_PART_INTRO ? &dk->intro : &dk->closing;
        int f = t->role == DP_ROLE_HEADING ? 0 : t->role == DP_ROLE_BODY ? 1 : t->role == DP_ROLE_QR_LABEL ? 2 : -1;
        return t->role == DP_ROLE_QR_URL ? NULL : pick_lang(&b->lang, f, NULL);
    }
    case DP_PART_SECTION: {
        if (t->sect < 0 || t->sect >= dk->n_sections)
            return NULL;
        const dp_section *s = &dk->sections[t->sect];
        if (t->item <= 0) /* DP_SECTION_LANG_FIELDS: title, subtitle */
            return pick_lang(&s->lang, t->role == DP_ROLE_HEADING ? 0 : t->role == DP_ROLE_SUBHEAD ? 1 : -1, NULL);
        if (t->item > dk->n_items || !by_number[t->item])
            return NULL;
        /* DP_ITEM_LANG_FIELDS: question (with its topic: one heading), answer, analysis */
        int f = t->role == DP_ROLE_TOPIC || t->role == DP_ROLE_QUESTION ? 0
                : t->role == DP_ROLE_ANSWER                            ? 1
                : t->role == DP_ROLE_ANALYSIS                          ? 2
                                                                       : -1;
        return pick_lang(&by_number[t->item]->lang, f, s->lang.all.s);
    }
    default:
        return NULL;
    }
}

/* Runs of one element outside rich text: the same piece of the deck
 * (role, part, section, item, layout's block), as pdf_struct.c groups
 * them into one structure element. */
static bool same_element(const dp_tag *a, const dp_tag *b)
{
    return a->role == b->role && a->part == b->part && a->sect == b->sect && a->item == b->item &&
           a->block == b->block;
}

/* Where a reader sees words apart but no space is drawn, the tagged PDF's
 * text gets one (dp_op.space_after), so a screen reader or a copy does
 * not run them together (text outside rich text: rich text's runs get
 * theirs from dp_text_emit):
 *   - a topic line and its question, one heading ("Disaggregated serving
 *     What does ...", not "servingWhat");
 *   - runs of one element set apart on a line by an em or more (the smaller text's): a
 *     contents row's number, title and page ("02 典型面试题", not
 *     "02典型面试题"). Spacing inside text (clreq's quarter em between
 *     hanzi and Latin, a compressed bracket's half em) stays under that;
 *   - a run of one element on a new line that is another text (another
 *     source position): an agenda row's title and the line under it
 *     ("…题库 30 题", not "…题库30 题"). The lines of one paragraph share
 *     its position: a hanzi line wrapped is not split by a space. */
static void space_between_runs(dp_dlist *dl)
{
    for (int p = 0; p < dl->n_pages; p++) {
        dp_page *pg = &dl->pages[p];
        dp_op *topic = NULL, *prev = NULL;
        for (int k = 0; k < pg->n_ops; k++) {
            dp_op *op = &pg->ops[k];
            if (op->kind != DP_OP_TEXT || op->tag.role == DP_ROLE_NONE)
                continue;
            if (prev && !prev->as.text.space_after && !dp_role_rich(op->tag.role) &&
                same_element(&prev->tag, &op->tag)) {
                bool same_line = fabsf(op->y_pt - prev->y_pt) < 0.01f;
                float em = fminf(prev->as.text.size_pt, op->as.text.size_pt);
                if (same_line ? op->x_pt - (prev->x_pt + prev->as.text.width_pt) >= em
                              : op->src.line != prev->src.line || op->src.col != prev->src.col)
                    prev->as.text.space_after = true;
            }
            prev = op;
            if (op->tag.role == DP_ROLE_TOPIC && !op->tag.repeat) {
                topic = op;
                continue;
            }
            if (topic && op->tag.role == DP_ROLE_QUESTION && op->tag.item == topic->tag.item)
                topic->as.text.space_after = true;
            topic = NULL;
        }
    }
}

void dp_lay_langs(dp_lay *L)
{
    space_between_runs(L->dl);
    const dp_deck *dk = L->deck;
    const dp_item **by_number = dp_arena_alloc(L->a, sizeof *by_number * (size_t)(dk->n_items + 1));
    bool any = dk->intro.lang.all.s || dk->closing.lang.all.s;
    for (int k = 0; k < DP_LANG_FIELDS; k++)
        any |= dk->intro.lang.of[k].s || dk->closing.lang.of[k].s;
    for (int s = 0; s < dk->n_sections; s++) {
        const dp_section *sec = &dk->sections[s];
        any |= sec->lang.all.s || sec->lang.of[0].s || sec->lang.of[1].s;
        for (int i = 0; i < sec->n_items; i++) {
            const dp_item *it = &sec->items[i];
            if (it->number > 0 && it->number <= dk->n_items)
                by_number[it->number] = it;
            for (int k = 0; k < DP_LANG_FIELDS; k++)
                any |= it->lang.of[k].s != NULL;
            any |= it->lang.all.s != NULL;
        }
    }
    if (!any)
        return;
    dp_dlist *dl = L->dl;
    int cap = 0;
    for (int p = 0; p < dl->n_pages; p++) {
        dp_page *pg = &dl->pages[p];
        for (int k = 0; k < pg->n_ops; k++) {
            dp_tag *t = &pg->ops[k].tag;
            const char *lang = t->role != DP_ROLE_NONE ? tag_lang(dk, by_number, t) : NULL;
            if (!lang)
                continue;
            int i = 0; /* a deck names a few languages: a list does */
            while (i < dl->n_langs && strcmp(dl->langs[i], lang) != 0)
                i++;
            if (i == dl->n_langs && i < UCHAR_MAX) /* dp_tag.lang is one byte, 0 the deck's own */
                *(const char **)dp_arena_push(L->a, &dl->langs, &dl->n_langs, &cap, sizeof *dl->langs) = lang;
            t->lang = (unsigned char)(i < dl->n_langs ? i + 1 : 0);
        }
    }
}

static void set_info(dp_lay *L)
{
    const dp_deck *dk = L->deck;
    dp_dlist *dl = L->dl;
    dl->title = dp_clip(L->a, dk->title.s, DP_MAX_INFO_CHARS);
    dl->subject = dk->subtitle.s ? dp_clip(L->a, dk->subtitle.s, DP_MAX_INFO_CHARS) : NULL;
    dl->lang = dk->lang.s ? dk->lang.s : "zh-CN";
    /* joined with a bound: a deck of 20,000 sections must not build its
     * keywords quadratically */
    dl->author = dk->n_organizers > 0 ? join(L->a, dk->organizers, dk->n_organizers, L->t->labels[DP_LABEL_LIST_SEPARATOR]) : NULL;
    dp_text *titles = dp_arena_alloc(L->a, sizeof *titles * (size_t)(dk->n_sections + 1));
    for (int s = 0; s < dk->n_sections; s++)
        titles[s] = dk->sections[s].title;
    dl->keywords = join(L->a, titles, dk->n_sections, "; ");
    dl->epoch = dk->settings.epoch;
}

bool dp_lay_init(dp_lay *L, dp_arena *a, const dp_deck *deck, const dp_template *t,
                 const dp_styles *styles, dp_diags *d)
{
    memset(L, 0, sizeof *L);
    L->a = a, L->deck = deck, L->t = t, L->fonts = styles->fonts, L->d = d;
    L->page_w = t->page_w_pt;
    L->page_h = t->page_h_pt;
    L->left = t->margin_left_pt;
    L->right = L->page_w - t->margin_right_pt;
    L->top = t->margin_top_pt;
    L->bottom = L->page_h - t->margin_bottom_pt;
    L->gutter = t->geo.grid.gutter;
    L->col_w = (L->right - L->left - (t->geo.grid.columns - 1) * L->gutter) / t->geo.grid.columns;
    if (!take_roles(L, styles))
        return false;
    L->dl = dp_dlist_new(a);
    L->dl->images = deck->images;
    set_info(L);
    return true;
}
