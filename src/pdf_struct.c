/* pdf_struct.c: see pdf_struct.h. Two steps: the plan (marks for every op,
 * in sheet order, before the content streams are built on threads) and the
 * tree (after drawing, when the pages and link annotations exist). The tree
 * follows the deck, not the pages: leaves (the text of one block of one
 * deck element, gathered over every sheet it is drawn on) are sorted by
 * where they are in the deck, then nested: Document > Sect > H3, Div > P,
 * L > LI > Lbl + LBody > L .... */
#include "pdf_struct.h"

#include <stdlib.h>
#include <string.h>

#include <hpdf_objects.h>

#include "hash.h"

enum {
    MAX_KIDS = 8000,    /* kids of one element before they are grouped in Divs (PDF/A-1's 8,191 limit) */
    MAX_LEVEL = 8,      /* list nesting kept in the tree; deeper lists join the eighth */
    TEXT_MAX = 400,     /* bytes of a link's text kept for its /Contents */
};

/* ===== Keys: what a run of content is =====
 * All ints, so a key hashes and compares as bytes. */
typedef struct {
    int role, part, level, lbl, sect, item, block, para, line;
} key;

static key key_of(const dp_tag *t, bool with_line)
{
    return (key){t->role, t->part, t->level, t->lbl, t->sect, t->item, t->block, t->para,
                 with_line ? t->line : 0};
}

typedef struct {
    key k;
    int val;
    bool used;
} slot;

typedef struct {
    slot *s;
    int cap, n;
} table;

/* The value slot of 'k', inserted with 'val' when absent (*found false). */
static int *lookup(dp_arena *a, table *t, const key *k, int val, bool *found)
{
    if (2 * (t->n + 1) > t->cap) {
        int cap = t->cap ? 2 * t->cap : 256;
        slot *old = t->s;
        int old_cap = t->cap;
        t->s = dp_arena_alloc(a, (size_t)cap * sizeof *t->s);
        t->cap = cap;
        t->n = 0;
        for (int i = 0; i < old_cap; i++)
            if (old[i].used) {
                bool f;
                lookup(a, t, &old[i].k, old[i].val, &f);
            }
    }
    size_t mask = (size_t)t->cap - 1;
    size_t i = (size_t)dp_fnv1a(DP_FNV_INIT, k, sizeof *k) & mask;
    while (t->s[i].used) {
        if (memcmp(&t->s[i].k, k, sizeof *k) == 0) {
            *found = true;
            return &t->s[i].val;
        }
        i = (i + 1) & mask;
    }
    t->s[i] = (slot){*k, val, true};
    t->n++;
    *found = false;
    return &t->s[i].val;
}

/* ===== The tree ===== */

typedef struct node node;

typedef struct {
    node *n;                /* an element; else an OBJR (an) or a marked-content reference */
    HPDF_Annotation an;
    int sheet, mcid;
} kid;

struct node {
    const char *type;
    node *parent;
    kid *kids;
    int n_kids, cap_kids;
    const char *alt;
    HPDF_Dict dict;
    int pg;                 /* sheet of its first marked content (/Pg), or -1 */
};

typedef struct {
    dp_tag tag;             /* of its first op (the line is meaningless) */
    int seq;                /* order of first appearance */
    int *mcr;               /* (sheet, mcid) pairs */
    int n_mcr, cap_mcr;
    bool links;             /* link ops activate it: its content sits in a Link */
    char *text;             /* for the /Contents of its annotations */
    int text_len;
    const char *type;       /* the element holding its marked content */
    node *holder;           /* that element, once the tree is built */
    node *link;             /* its Link element, for OBJRs */
} leaf;

typedef struct {
    HPDF_Annotation an;
    int sheet, leaf;        /* leaf -1: an untagged link */
    node *link;             /* its Link element (the tree's) */
} annot;

struct dp_struct {
    dp_arena *a;
    int n_sheets;
    dp_mark **marks;        /* per sheet */
    int **mcid_leaf;        /* per sheet: MCID -> leaf */
    int *n_mcid, *cap_mcid;
    leaf *leaves;
    int n_leaves, cap_leaves;
    annot *annots;
    int n_annots, cap_annots;
    table lines, groups;
};

/* ===== Plan ===== */

static bool rich(int role)
{
    return role == DP_ROLE_ANSWER || role == DP_ROLE_ANALYSIS || role == DP_ROLE_BODY;
}

/* The element type that holds a leaf's marked content (also the BDC tag). */
static const char *holder_type(const leaf *l)
{
    const dp_tag *t = &l->tag;
    switch (t->role) {
    case DP_ROLE_TITLE: return "H1";
    case DP_ROLE_CONTENTS_HEAD:
    case DP_ROLE_HEADING: return "H2";
    case DP_ROLE_TOPIC:
    case DP_ROLE_QUESTION: return "H3";
    case DP_ROLE_CONTENTS: return l->links ? "Link" : "TOCI";
    case DP_ROLE_QR_URL: return l->links ? "Link" : "P";
    case DP_ROLE_FIGURE:
    case DP_ROLE_QR: return "Figure";
    default:
        if (rich(t->role) && t->level > 0)
            return t->lbl ? "Lbl" : "LBody";
        return "P";
    }
}

static int leaf_of(dp_struct *st, const dp_tag *t, int *seq)
{
    key k = key_of(t, false);
    bool found;
    int *v = lookup(st->a, &st->groups, &k, st->n_leaves, &found);
    if (found)
        return *v;
    leaf *l = dp_arena_push(st->a, &st->leaves, &st->n_leaves, &st->cap_leaves, sizeof *st->leaves);
    l->tag = *t;
    l->seq = (*seq)++;
    return st->n_leaves - 1;
}

static void keep_text(dp_struct *st, leaf *l, const dp_op *op)
{
    if (op->kind != DP_OP_TEXT || !op->as.text.utf8 || l->text_len >= TEXT_MAX)
        return;
    int n = op->as.text.len, room = TEXT_MAX - l->text_len;
    if (n > room)
        return; /* whole runs only: never half a character */
    char *t = dp_arena_alloc(st->a, (size_t)(l->text_len + n + 2));
    if (l->text_len)
        memcpy(t, l->text, (size_t)l->text_len);
    int len = l->text_len;
    if (len && (unsigned char)op->as.text.utf8[0] < 0x80 && (unsigned char)t[len - 1] < 0x80)
        t[len++] = ' ';
    memcpy(t + len, op->as.text.utf8, (size_t)n);
    l->text = t;
    l->text_len = len + n;
}

static int n_ops_of(const dp_dlist *dl, const dp_sheet *sh)
{
    int n = sh->extras ? sh->extras->n_ops : 0;
    for (int i = 0; i < sh->n_places; i++)
        n += dl->pages[sh->places[i].page].n_ops;
    return n;
}

dp_struct *dp_struct_plan(dp_arena *a, const dp_dlist *dl, const dp_sheet *sheets, int n_sheets)
{
    dp_struct *st = dp_arena_alloc(a, sizeof *st);
    st->a = a;
    st->n_sheets = n_sheets;
    size_t n = (size_t)(n_sheets ? n_sheets : 1);
    st->marks = dp_arena_alloc(a, n * sizeof *st->marks);
    st->mcid_leaf = dp_arena_alloc(a, n * sizeof *st->mcid_leaf);
    st->n_mcid = dp_arena_alloc(a, n * sizeof *st->n_mcid);
    st->cap_mcid = dp_arena_alloc(a, n * sizeof *st->cap_mcid);
    int place_id = 0, seq = 0;
    for (int s = 0; s < n_sheets; s++) {
        const dp_sheet *sh = &sheets[s];
        int total = n_ops_of(dl, sh), at = 0, mcid = -1;
        dp_mark *marks = st->marks[s] = dp_arena_alloc(a, (size_t)(total ? total : 1) * sizeof *marks);
        for (int i = 0; i <= sh->n_places; i++) {
            const dp_page *p = i < sh->n_places ? &dl->pages[sh->places[i].page] : sh->extras;
            if (!p)
                continue;
            place_id++;
            int prev = -1;
            for (int k = 0; k < p->n_ops; k++) {
                const dp_op *op = &p->ops[k];
                dp_mark *m = &marks[at++];
                *m = (dp_mark){-1, -1, NULL};
                if (op->tag.role == DP_ROLE_NONE || op->tag.role >= DP_ROLE_COUNT) {
                    if (op->kind != DP_OP_LINK)
                        prev = -1;
                    continue;
                }
                if (op->kind == DP_OP_LINK) { /* not drawn: it names its Link */
                    m->leaf = leaf_of(st, &op->tag, &seq);
                    st->leaves[m->leaf].links = true;
                    continue;
                }
                key lk = key_of(&op->tag, true);
                bool seen;
                int first = *lookup(a, &st->lines, &lk, place_id, &seen);
                if (seen && first != place_id) { /* drawn before: a repeat */
                    prev = -1;
                    continue;
                }
                int li = leaf_of(st, &op->tag, &seq);
                leaf *l = &st->leaves[li];
                if (li != prev) {
                    mcid++;
                    int *pair = dp_arena_push(a, &l->mcr, &l->n_mcr, &l->cap_mcr, 2 * sizeof *pair);
                    pair[0] = s, pair[1] = mcid;
                    *(int *)dp_arena_push(a, &st->mcid_leaf[s], &st->n_mcid[s], &st->cap_mcid[s],
                                          sizeof(int)) = li;
                }
                m->mcid = mcid;
                m->leaf = li;
                if (l->tag.role == DP_ROLE_CONTENTS || l->tag.role == DP_ROLE_QR_URL)
                    keep_text(st, l, op);
                prev = li;
            }
        }
    }
    /* whether a leaf is a link is known only now */
    for (int i = 0; i < st->n_leaves; i++)
        st->leaves[i].type = holder_type(&st->leaves[i]);
    for (int s = 0; s < n_sheets; s++) {
        int total = n_ops_of(dl, &sheets[s]);
        for (int k = 0; k < total; k++)
            if (st->marks[s][k].mcid >= 0)
                st->marks[s][k].type = st->leaves[st->marks[s][k].leaf].type;
    }
    return st;
}

const dp_mark *dp_struct_marks(const dp_struct *st, int s) { return st->marks[s]; }

/* ===== Annotations ===== */

static HPDF_String text_string(HPDF_Doc pdf, const char *s)
{
    return HPDF_String_New(pdf->mmgr, s, HPDF_GetEncoder(pdf, "UTF-8"));
}

void dp_struct_annot(dp_struct *st, HPDF_Doc pdf, int s, const dp_mark *m, HPDF_Annotation an,
                     const char *uri)
{
    annot *x = dp_arena_push(st->a, &st->annots, &st->n_annots, &st->cap_annots, sizeof *st->annots);
    *x = (annot){an, s, m->leaf, NULL};
    HPDF_Dict_AddNumber(an, "StructParent", st->n_sheets + st->n_annots - 1);
    /* PDF/A: printed, never hidden; PDF/UA 7.18.5: a description */
    HPDF_Dict_AddNumber(an, "F", 4);
    const leaf *l = m->leaf >= 0 ? &st->leaves[m->leaf] : NULL;
    const char *what = l && l->tag.alt ? l->tag.alt : l && l->text ? l->text : uri;
    if (what && *what)
        HPDF_Dict_Add(an, "Contents", text_string(pdf, what));
}

/* ===== Building the tree ===== */

static node *new_node(dp_arena *a, const char *type, node *parent)
{
    node *n = dp_arena_alloc(a, sizeof *n);
    n->type = type;
    n->parent = parent;
    n->pg = -1;
    if (parent)
        ((kid *)dp_arena_push(a, &parent->kids, &parent->n_kids, &parent->cap_kids, sizeof(kid)))->n = n;
    return n;
}

static void add_mcr(dp_arena *a, node *n, int sheet, int mcid)
{
    kid *k = dp_arena_push(a, &n->kids, &n->n_kids, &n->cap_kids, sizeof *k);
    k->sheet = sheet, k->mcid = mcid;
    if (n->pg < 0)
        n->pg = sheet;
}

/* Deck order: part, section, item, the element's place in an item, then
 * block, paragraph, a list marker before its text, first appearance. */
static int role_rank(int role)
{
    static const int rank[DP_ROLE_COUNT] = {
        [DP_ROLE_TITLE] = 1, [DP_ROLE_SUBTITLE] = 2, [DP_ROLE_FACTS] = 3, [DP_ROLE_CONTENTS_HEAD] = 4,
        [DP_ROLE_CONTENTS] = 5, [DP_ROLE_HEADING] = 6, [DP_ROLE_SUBHEAD] = 7, [DP_ROLE_TOPIC] = 8,
        [DP_ROLE_QUESTION] = 9, [DP_ROLE_ANSWER] = 10, [DP_ROLE_BODY] = 10, [DP_ROLE_FIGURE] = 11,
        [DP_ROLE_ANALYSIS] = 12, [DP_ROLE_QR] = 13, [DP_ROLE_QR_LABEL] = 14, [DP_ROLE_QR_URL] = 15,
    };
    return role >= 0 && role < DP_ROLE_COUNT ? rank[role] : 99;
}

static const leaf *sort_base;

static int cmp3(long long a, long long b) { return (a > b) - (a < b); }

static int by_deck_order(const void *pa, const void *pb)
{
    const leaf *x = &sort_base[*(const int *)pa], *y = &sort_base[*(const int *)pb];
    const dp_tag *a = &x->tag, *b = &y->tag;
    int c;
    if ((c = cmp3(a->part, b->part)) || (c = cmp3(a->sect, b->sect)) || (c = cmp3(a->item, b->item)) ||
        (c = cmp3(role_rank(a->role), role_rank(b->role))) || (c = cmp3(a->block, b->block)) ||
        (c = cmp3(a->para, b->para)) || (c = cmp3(b->lbl, a->lbl)))
        return c;
    return cmp3(x->seq, y->seq);
}

typedef struct {
    dp_arena *a;
    node *L[MAX_LEVEL], *LI[MAX_LEVEL], *LB[MAX_LEVEL];
    int li_para[MAX_LEVEL];
    int depth;
} lists;

static node *lbody(lists *ls, int d)
{
    if (!ls->LB[d])
        ls->LB[d] = new_node(ls->a, "LBody", ls->LI[d]);
    return ls->LB[d];
}

/* The element of a list block at 'level' (1-based): its Lbl, or the LBody
 * of its LI, opening lists and items as needed. */
static node *list_holder(lists *ls, node *parent, const dp_tag *t)
{
    int lvl = t->level > MAX_LEVEL ? MAX_LEVEL : t->level;
    if (ls->depth > lvl)
        ls->depth = lvl;
    while (ls->depth < lvl) {
        int d = ls->depth;
        if (d > 0 && !ls->LI[d - 1]) /* a list starting deeper than its parent */
            ls->LI[d - 1] = new_node(ls->a, "LI", ls->L[d - 1]);
        ls->L[d] = new_node(ls->a, "L", d == 0 ? parent : lbody(ls, d - 1));
        ls->LI[d] = ls->LB[d] = NULL;
        ls->depth++;
    }
    int d = lvl - 1;
    if (!ls->LI[d] || ls->li_para[d] != t->para) {
        ls->LI[d] = new_node(ls->a, "LI", ls->L[d]);
        ls->LB[d] = NULL;
        ls->li_para[d] = t->para;
    }
    return t->lbl ? new_node(ls->a, "Lbl", ls->LI[d]) : lbody(ls, d);
}

static node *build_tree(dp_struct *st)
{
    dp_arena *a = st->a;
    int *order = dp_arena_alloc(a, (size_t)(st->n_leaves + 1) * sizeof *order);
    for (int i = 0; i < st->n_leaves; i++)
        order[i] = i;
    sort_base = st->leaves;
    qsort(order, (size_t)st->n_leaves, sizeof *order, by_deck_order);

    node *doc = new_node(a, "Document", NULL), *part = doc, *cont = NULL;
    int part_key[2] = {-1, -1}, cont_key[2] = {-1, -1};
    lists ls = {.a = a};
    for (int i = 0; i < st->n_leaves; i++) {
        leaf *l = &st->leaves[order[i]];
        const dp_tag *t = &l->tag;
        if (part_key[0] != t->part || part_key[1] != t->sect) {
            part_key[0] = t->part, part_key[1] = t->sect;
            bool sect = t->part == DP_PART_INTRO || t->part == DP_PART_SECTION || t->part == DP_PART_CLOSING;
            part = sect ? new_node(a, "Sect", doc) : doc;
            cont = NULL, cont_key[0] = cont_key[1] = -1;
            ls.depth = 0;
        }
        int ck = t->role == DP_ROLE_TOPIC || t->role == DP_ROLE_QUESTION ? 1
                 : t->role == DP_ROLE_ANSWER                            ? 2
                 : t->role == DP_ROLE_ANALYSIS                          ? 3
                 : t->role == DP_ROLE_CONTENTS                          ? 4
                                                                        : 0;
        if (ck != cont_key[0] || t->item != cont_key[1]) {
            cont_key[0] = ck, cont_key[1] = t->item;
            static const char *types[] = {NULL, "H3", "Div", "Div", "TOC"};
            cont = ck ? new_node(a, types[ck], part) : NULL;
            ls.depth = 0;
        }
        node *parent = cont ? cont : part, *holder;
        switch (t->role) {
        case DP_ROLE_TOPIC:
        case DP_ROLE_QUESTION: holder = cont; break;
        case DP_ROLE_CONTENTS:
            holder = new_node(a, "TOCI", parent);
            if (l->links)
                holder = l->link = new_node(a, "Link", holder);
            break;
        case DP_ROLE_QR:
            if (l->links)
                parent = l->link = new_node(a, "Link", parent);
            holder = new_node(a, "Figure", parent);
            holder->alt = t->alt;
            break;
        case DP_ROLE_FIGURE:
            holder = new_node(a, "Figure", parent);
            holder->alt = t->alt;
            break;
        case DP_ROLE_QR_URL:
            holder = new_node(a, "P", parent);
            if (l->links)
                holder = l->link = new_node(a, "Link", holder);
            break;
        default:
            if (rich(t->role) && t->level > 0) {
                holder = list_holder(&ls, parent, t);
            } else {
                ls.depth = 0;
                holder = new_node(a, l->type, parent);
            }
        }
        l->holder = holder;
        for (int k = 0; k < l->n_mcr; k++)
            add_mcr(a, holder, l->mcr[2 * k], l->mcr[2 * k + 1]);
        if (l->links && !l->link) /* a link over text that is not a Link element itself */
            l->link = new_node(a, "Link", holder);
    }
    for (int i = 0; i < st->n_annots; i++) {
        annot *x = &st->annots[i];
        node *link = x->leaf >= 0 ? st->leaves[x->leaf].link : NULL;
        if (!link) /* an untagged link still gets a Link element (PDF/UA 7.18.1) */
            link = new_node(a, "Link", doc);
        kid *k = dp_arena_push(a, &link->kids, &link->n_kids, &link->cap_kids, sizeof *k);
        k->an = x->an, k->sheet = x->sheet;
        x->link = link;
    }
    return doc;
}

/* ===== Writing ===== */

typedef struct {
    HPDF_Doc pdf;
    const HPDF_Page *pages;
    HPDF_Xref xref;
    HPDF_MMgr mm;
} out;

/* More than MAX_KIDS kids are grouped into Divs (a deck of thousands of
 * items in one section): arrays stay within every reader's limits. */
static void limit_kids(dp_arena *a, node *n)
{
    for (int i = 0; i < n->n_kids; i++)
        if (!n->kids[i].n) /* marked content stays with its element (the ParentTree says so) */
            return;
    while (n->n_kids > MAX_KIDS) {
        int groups = (n->n_kids + MAX_KIDS - 1) / MAX_KIDS;
        node tmp = *n;
        n->kids = NULL, n->n_kids = n->cap_kids = 0;
        for (int g = 0; g < groups; g++) {
            node *div = new_node(a, "Div", n);
            for (int k = g * MAX_KIDS; k < tmp.n_kids && k < (g + 1) * MAX_KIDS; k++) {
                kid *x = dp_arena_push(a, &div->kids, &div->n_kids, &div->cap_kids, sizeof *x);
                *x = tmp.kids[k];
                x->n->parent = div;
            }
        }
    }
}

static bool write_node(out *o, dp_arena *a, node *n, HPDF_Dict parent)
{
    limit_kids(a, n);
    HPDF_Dict d = n->dict = HPDF_Dict_New(o->mm);
    if (!d || HPDF_Xref_Add(o->xref, d) != HPDF_OK)
        return false;
    HPDF_Dict_AddName(d, "Type", "StructElem");
    HPDF_Dict_AddName(d, "S", n->type);
    HPDF_Dict_Add(d, "P", parent);
    if (n->pg >= 0)
        HPDF_Dict_Add(d, "Pg", o->pages[n->pg]);
    if (n->alt)
        HPDF_Dict_Add(d, "Alt", text_string(o->pdf, n->alt));
    HPDF_Array k = HPDF_Array_New(o->mm);
    if (!k || HPDF_Dict_Add(d, "K", k) != HPDF_OK)
        return false;
    for (int i = 0; i < n->n_kids; i++) {
        kid *x = &n->kids[i];
        if (x->n) {
            if (!write_node(o, a, x->n, d))
                return false;
            HPDF_Array_Add(k, x->n->dict);
        } else if (x->an) {
            HPDF_Dict r = HPDF_Dict_New(o->mm);
            HPDF_Dict_AddName(r, "Type", "OBJR");
            HPDF_Dict_Add(r, "Obj", x->an);
            HPDF_Dict_Add(r, "Pg", o->pages[x->sheet]);
            HPDF_Array_Add(k, r);
        } else if (x->sheet == n->pg) {
            HPDF_Array_AddNumber(k, x->mcid);
        } else {
            HPDF_Dict r = HPDF_Dict_New(o->mm);
            HPDF_Dict_AddName(r, "Type", "MCR");
            HPDF_Dict_Add(r, "Pg", o->pages[x->sheet]);
            HPDF_Dict_AddNumber(r, "MCID", x->mcid);
            HPDF_Array_Add(k, r);
        }
    }
    return true;
}

/* The ParentTree: sheet s -> the element of each of its MCIDs; annotation
 * i -> its Link, at n_sheets + i. A number tree of leaves of at most
 * MAX_KIDS / 2 entries. */
static HPDF_Dict parent_tree(out *o, dp_struct *st)
{
    int total = st->n_sheets + st->n_annots, per = MAX_KIDS / 2;
    HPDF_Dict root = HPDF_Dict_New(o->mm);
    HPDF_Array kids = total > per ? HPDF_Array_New(o->mm) : NULL;
    if (kids)
        HPDF_Dict_Add(root, "Kids", kids);
    for (int from = 0; from < total; from += per) {
        int to = from + per < total ? from + per : total;
        HPDF_Dict leafd = kids ? HPDF_Dict_New(o->mm) : root;
        if (kids) {
            HPDF_Xref_Add(o->xref, leafd);
            HPDF_Array_Add(kids, leafd);
            HPDF_Array lim = HPDF_Array_New(o->mm);
            HPDF_Array_AddNumber(lim, from);
            HPDF_Array_AddNumber(lim, to - 1);
            HPDF_Dict_Add(leafd, "Limits", lim);
        }
        HPDF_Array nums = HPDF_Array_New(o->mm);
        HPDF_Dict_Add(leafd, "Nums", nums);
        for (int i = from; i < to; i++) {
            HPDF_Array_AddNumber(nums, i);
            if (i < st->n_sheets) {
                HPDF_Array els = HPDF_Array_New(o->mm);
                HPDF_Xref_Add(o->xref, els); /* an indirect array, as readers expect */
                for (int m = 0; m < st->n_mcid[i]; m++) {
                    const leaf *l = &st->leaves[st->mcid_leaf[i][m]];
                    HPDF_Array_Add(els, l->holder->dict);
                }
                HPDF_Array_Add(nums, els);
            } else {
                HPDF_Array_Add(nums, st->annots[i - st->n_sheets].link->dict);
            }
        }
    }
    return root;
}

bool dp_struct_write(dp_struct *st, HPDF_Doc pdf, const HPDF_Page *pages)
{
    out o = {pdf, pages, pdf->xref, pdf->mmgr};
    node *doc = build_tree(st);
    HPDF_Dict root = HPDF_Dict_New(o.mm);
    if (!root || HPDF_Xref_Add(o.xref, root) != HPDF_OK)
        return false;
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    if (!write_node(&o, st->a, doc, root))
        return false;
    HPDF_Dict_Add(root, "K", doc->dict);
    HPDF_Dict_Add(root, "ParentTree", parent_tree(&o, st));
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", st->n_sheets + st->n_annots);
    HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
    HPDF_Dict mark = HPDF_Dict_New(o.mm);
    HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(o.mm, HPDF_TRUE));
    HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark);
    for (int s = 0; s < st->n_sheets; s++) {
        HPDF_Dict_AddNumber(pages[s], "StructParents", s);
        HPDF_Dict_AddName(pages[s], "Tabs", "S");
    }
    return true;
}
