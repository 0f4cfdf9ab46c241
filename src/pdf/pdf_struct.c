/* pdf_struct.c: see pdf_struct.h. Two steps: the plan (marks for every op,
 * in sheet order, before the content streams are built on threads) and the
 * tree (after drawing, when the pages and link annotations exist). The tree
 * follows the deck, not the pages: leaves (the text of one block of one
 * deck element, gathered over every sheet it is drawn on) are sorted by
 * where they are in the deck, then nested: Document > Sect > H3, Div > P,
 * L > LI > Lbl + LBody > L .... */
#include "pdf_struct.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_objects.h>

#include "hash.h"
#include "utf8.h"

enum {
    MAX_KIDS = 8000,    /* kids of one element before they are grouped in Divs (PDF/A-1's 8,191 limit) */
    MAX_LEVEL = 8,      /* list nesting kept in the tree; deeper lists join the eighth */
    TEXT_MAX = 400,     /* bytes of a link's text kept for its /Contents */
};

/* ===== Keys: what a run of content is =====
 * All ints, so a key hashes and compares as bytes. */
typedef struct {
    int role, part, kind, level, lbl, quote, link, row, col, li, sect, item, block, para;
} key;

static bool rich(int role);

/* A leaf's key: the element a run belongs to. Outside rich text an
 * element is one piece of the deck whatever its lines and paragraphs. */
static key key_of(const dp_tag *t)
{
    /* topic and question are one H3: drawn one after the other, they
     * share a marked-content sequence */
    if (t->role == DP_ROLE_TOPIC)
        return (key){DP_ROLE_QUESTION, t->part, 0, 0, 0, 0, 0, 0, 0, 0, t->sect, t->item, t->block, 0};
    if (!rich(t->role))
        return (key){t->role, t->part, 0, 0, 0, 0, 0, 0, 0, 0, t->sect, t->item, t->block, 0};
    return (key){t->role, t->part, t->kind, t->level, t->lbl, t->quote, t->link, t->row, t->col,
                 t->li, t->sect, t->item, t->block, t->para};
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

/* The value slot of 'k', inserted with 'val' when absent (*found false).
 * The table is malloc'd (a grown one is freed, not left in the arena):
 * free t->s when done. */
static int *lookup(table *t, const key *k, int val, bool *found)
{
    if (2 * (t->n + 1) > t->cap) {
        int cap = t->cap ? 2 * t->cap : 256;
        slot *old = t->s;
        int old_cap = t->cap;
        t->s = memset(dp_xrealloc(NULL, (size_t)cap * sizeof *t->s), 0, (size_t)cap * sizeof *t->s);
        t->cap = cap;
        t->n = 0;
        for (int i = 0; i < old_cap; i++)
            if (old[i].used) {
                bool f;
                lookup(t, &old[i].k, old[i].val, &f);
            }
        free(old);
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
    const char *lang;       /* /Lang: its text's, where the deck gives one */
    bool scope_column;      /* TH: /Scope /Column */
    HPDF_Dict dict;
    void *pobj;             /* its parent's dictionary (the StructTreeRoot's for the Document) */
    const dp_struct *st;    /* for the pages, when it is written */
    int pg;                 /* sheet of its first marked content (/Pg), or -1 */
};

typedef struct {
    dp_tag tag;             /* of its first op */
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
    table groups;
    const HPDF_Page *pages; /* one per sheet, once written */
    const char *const *langs; /* dp_dlist.langs */
};

/* ===== Plan ===== */

static bool rich(int role) { return dp_role_rich(role); }

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
        if (!rich(t->role))
            return "P";
        if (t->link)
            return "Link";
        if (t->lbl)
            return "Lbl";
        if (t->kind == DP_TK_CODE)
            return "Code";
        if (t->kind == DP_TK_FIGURE)
            return "Figure";
        if (t->kind == DP_TK_TH || t->kind == DP_TK_TD)
            return t->kind == DP_TK_TH ? "TH" : "TD";
        return t->level > 0 && t->para == t->li ? "LBody" : "P";
    }
}

static int leaf_of(dp_struct *st, const dp_tag *t, int *seq)
{
    key k = key_of(t);
    bool found;
    int *v = lookup(&st->groups, &k, st->n_leaves, &found);
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
    st->langs = dl->langs;
    size_t n = (size_t)(n_sheets ? n_sheets : 1);
    st->marks = dp_arena_alloc(a, n * sizeof *st->marks);
    st->mcid_leaf = dp_arena_alloc(a, n * sizeof *st->mcid_leaf);
    st->n_mcid = dp_arena_alloc(a, n * sizeof *st->n_mcid);
    st->cap_mcid = dp_arena_alloc(a, n * sizeof *st->cap_mcid);
    /* content that repeats a reveal step is furniture where the steps are
     * shown (layout says which: dp_tag.repeat, dp_page.is_step) */
    bool steps_shown = false;
    for (int s = 0; s < n_sheets; s++)
        for (int i = 0; i < sheets[s].n_places; i++)
            steps_shown |= dl->pages[sheets[s].places[i].page].is_step;
    int seq = 0;
    for (int s = 0; s < n_sheets; s++) {
        const dp_sheet *sh = &sheets[s];
        int total = n_ops_of(dl, sh), at = 0, mcid = -1;
        dp_mark *marks = st->marks[s] = dp_arena_alloc(a, (size_t)(total ? total : 1) * sizeof *marks);
        for (int i = 0; i <= sh->n_places; i++) {
            const dp_page *p = i < sh->n_places ? &dl->pages[sh->places[i].page] : sh->extras;
            if (!p)
                continue;
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
                if (op->tag.repeat == DP_REPEAT_RUN || (op->tag.repeat == DP_REPEAT_STEP && steps_shown)) {
                    prev = -1; /* drawn again: an Artifact */
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
                /* what link annotations will describe (/Contents) */
                if (l->links || l->tag.link || l->tag.role == DP_ROLE_CONTENTS || l->tag.role == DP_ROLE_QR_URL)
                    keep_text(st, l, op);
                prev = li;
            }
        }
    }
    free(st->groups.s); /* every leaf is found */
    st->groups = (table){0};
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

/* What the tagged PDF adds to a link annotation, written by write_annot. */
typedef struct {
    int struct_parent;
    const char *contents;   /* NULL: none */
} annot_extra;

static HPDF_STATUS write_annot(HPDF_Dict d, HPDF_Stream s);

void dp_struct_annot(dp_struct *st, HPDF_Doc pdf, int s, const dp_mark *m, HPDF_Annotation an,
                     const char *uri)
{
    (void)pdf;
    annot *x = dp_arena_push(st->a, &st->annots, &st->n_annots, &st->cap_annots, sizeof *st->annots);
    *x = (annot){an, s, m->leaf, NULL};
    annot_extra *e = dp_arena_alloc(st->a, sizeof *e);
    e->struct_parent = st->n_sheets + st->n_annots - 1;
    /* PDF/UA 7.18.5: a description */
    const leaf *l = m->leaf >= 0 ? &st->leaves[m->leaf] : NULL;
    const char *what = l && l->tag.alt ? l->tag.alt : l && l->text ? l->text : uri;
    e->contents = what && *what ? what : NULL;
    an->attr = e;
    an->write_fn = write_annot;
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
        (c = cmp3(a->para, b->para)) || (c = cmp3(a->row, b->row)) || (c = cmp3(a->col, b->col)) ||
        (c = cmp3(b->lbl, a->lbl)) || (c = cmp3(a->link, b->link)))
        return c;
    return cmp3(x->seq, y->seq);
}

/* Where rich text stands while its leaves are placed: open block quotes,
 * lists and items, the element of the current block, table row. */
typedef struct {
    dp_arena *a;
    node *Q[MAX_LEVEL];
    int qd;
    node *L[MAX_LEVEL], *LI[MAX_LEVEL], *LB[MAX_LEVEL];
    int li_of[MAX_LEVEL];   /* the block that started each open item */
    int depth;
    int para;               /* the block whose element is 'block' (-1: none) */
    node *block, *tr;
    int row;
} rich_state;

static void rich_reset(rich_state *rs)
{
    rs->qd = rs->depth = 0;
    rs->para = -1;
    rs->block = rs->tr = NULL;
}

static node *lbody(rich_state *rs, int d)
{
    if (!rs->LB[d])
        rs->LB[d] = new_node(rs->a, "LBody", rs->LI[d]);
    return rs->LB[d];
}

/* The LI of a block at list 'level' (1-based) in item 'li', opening lists
 * and items as needed; deeper lists go inside the LBody above them. */
static node *list_item(rich_state *rs, node *base, int level, int li)
{
    int lvl = level > MAX_LEVEL ? MAX_LEVEL : level;
    if (rs->depth > lvl)
        rs->depth = lvl;
    while (rs->depth < lvl) {
        int d = rs->depth;
        if (d > 0 && !rs->LI[d - 1]) /* a list starting deeper than its parent */
            rs->LI[d - 1] = new_node(rs->a, "LI", rs->L[d - 1]), rs->LB[d - 1] = NULL, rs->li_of[d - 1] = -2;
        rs->L[d] = new_node(rs->a, "L", d == 0 ? base : lbody(rs, d - 1));
        rs->LI[d] = rs->LB[d] = NULL;
        rs->depth++;
    }
    int d = lvl - 1;
    if (!rs->LI[d] || rs->li_of[d] != li) {
        rs->LI[d] = new_node(rs->a, "LI", rs->L[d]);
        rs->LB[d] = NULL;
        rs->li_of[d] = li;
    }
    return rs->LI[d];
}

static const char *block_type(const dp_tag *t)
{
    return t->kind == DP_TK_CODE     ? "Code"
           : t->kind == DP_TK_FIGURE ? "Figure"
           : t->kind == DP_TK_TH || t->kind == DP_TK_TD ? "Table" : "P";
}

/* The element a leaf of rich text fills ('base': its Div or Sect): block
 * quotes, lists (L > LI > Lbl + LBody), paragraphs, code, tables (Table >
 * TR > TH/TD), and a Link inside them for a link's text. */
static node *rich_holder(rich_state *rs, node *base, leaf *l)
{
    const dp_tag *t = &l->tag;
    int want = t->quote > MAX_LEVEL ? MAX_LEVEL : t->quote;
    if (rs->qd != want) {
        if (rs->qd > want)
            rs->qd = want;
        while (rs->qd < want) {
            rs->Q[rs->qd] = new_node(rs->a, "BlockQuote", rs->qd ? rs->Q[rs->qd - 1] : base);
            rs->qd++;
        }
        rs->depth = 0;
        rs->para = -1;
    }
    if (want)
        base = rs->Q[want - 1];
    if (t->lbl) /* the marker: before the item's text */
        return new_node(rs->a, "Lbl", list_item(rs, base, t->level, t->li));
    if (t->para != rs->para || !rs->block) {
        node *into = base;
        if (t->level > 0) {
            node *li = list_item(rs, base, t->level, t->li);
            (void)li;
            int d = (t->level > MAX_LEVEL ? MAX_LEVEL : t->level) - 1;
            into = lbody(rs, d);
        } else {
            rs->depth = 0;
        }
        bool item_text = t->level > 0 && t->para == t->li && t->kind == DP_TK_TEXT;
        rs->block = item_text ? into : new_node(rs->a, block_type(t), into);
        if (t->kind == DP_TK_FIGURE)
            rs->block->alt = t->alt;
        rs->para = t->para;
        rs->tr = NULL;
    }
    node *holder = rs->block;
    if (t->kind == DP_TK_TH || t->kind == DP_TK_TD) {
        if (!rs->tr || rs->row != t->row)
            rs->tr = new_node(rs->a, "TR", rs->block), rs->row = t->row;
        holder = new_node(rs->a, t->kind == DP_TK_TH ? "TH" : "TD", rs->tr);
        holder->scope_column = t->kind == DP_TK_TH;
    }
    if (t->link)
        holder = l->link = new_node(rs->a, "Link", holder);
    return holder;
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
    rich_state rs = {.a = a};
    rich_reset(&rs);
    for (int i = 0; i < st->n_leaves; i++) {
        leaf *l = &st->leaves[order[i]];
        const dp_tag *t = &l->tag;
        if (part_key[0] != t->part || part_key[1] != t->sect) {
            part_key[0] = t->part, part_key[1] = t->sect;
            bool sect = t->part == DP_PART_INTRO || t->part == DP_PART_SECTION || t->part == DP_PART_CLOSING;
            part = sect ? new_node(a, "Sect", doc) : doc;
            cont = NULL, cont_key[0] = cont_key[1] = -1;
            rich_reset(&rs);
        }
        /* answer and analysis are paragraphs and lists right after their
         * H3: a Div around each would cost bytes and say nothing a reader
         * announces (their labels are furniture, as the issue asks) */
        int ck = t->role == DP_ROLE_TOPIC || t->role == DP_ROLE_QUESTION ? 1
                 : t->role == DP_ROLE_ANSWER                            ? 2
                 : t->role == DP_ROLE_ANALYSIS                          ? 3
                 : t->role == DP_ROLE_CONTENTS                          ? 4
                                                                        : 0;
        if (ck != cont_key[0] || t->item != cont_key[1]) {
            cont_key[0] = ck, cont_key[1] = t->item;
            static const char *types[] = {NULL, "H3", NULL, NULL, "TOC"};
            cont = types[ck] ? new_node(a, types[ck], part) : NULL;
            rich_reset(&rs);
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
            if (rich(t->role)) {
                holder = rich_holder(&rs, parent, l);
            } else {
                rich_reset(&rs);
                holder = new_node(a, l->type, parent);
            }
        }
        l->holder = holder;
        if (t->lang && !holder->lang) /* PDF/UA 7.2: text in another language says so */
            holder->lang = st->langs[t->lang - 1];
        if (holder->n_kids + l->n_mcr > holder->cap_kids) { /* room for all at once */
            holder->kids = dp_arena_grow(a, holder->kids, (size_t)holder->n_kids,
                                         (size_t)(holder->n_kids + l->n_mcr), sizeof *holder->kids);
            holder->cap_kids = holder->n_kids + l->n_mcr;
        }
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

/* ===== Writing =====
 * Every element is an indirect object (/P and the ParentTree refer to
 * them), made here so that every object has its number; libharu writes
 * it when the document is saved, and its body (/S, /P, /Pg, /K) and the
 * ParentTree's arrays are written by write_fn hooks (hpdf_objects.h) in
 * PDF's compact syntax, straight from the tree: no libharu array, number
 * or reference object per kid (the tree of a 10,000-item deck has a
 * million of them), and no line per key. */

typedef struct {
    HPDF_Doc pdf;
    const HPDF_Page *pages;
    HPDF_Xref xref;
    HPDF_MMgr mm;
} out;

/* Tokens gathered and handed to the stream in blocks. */
typedef struct {
    HPDF_Stream s;
    HPDF_STATUS err;
    int n;
    char b[1024];
} wbuf;

static void wflush(wbuf *w)
{
    if (w->n && w->err == HPDF_OK)
        w->err = HPDF_Stream_Write(w->s, (const HPDF_BYTE *)w->b, (HPDF_UINT)w->n);
    w->n = 0;
}

/* Room for the next token (every token is shorter than 64 bytes). */
static char *wroom(wbuf *w)
{
    if (w->n > (int)sizeof w->b - 64)
        wflush(w);
    return w->b + w->n;
}

static void wstr(wbuf *w, const char *s)
{
    size_t n = strlen(s);
    memcpy(wroom(w), s, n);
    w->n += (int)n;
}

static void wint(wbuf *w, long v)
{
    char tmp[24], *p = tmp + sizeof tmp, *o = wroom(w);
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    size_t n = (size_t)(tmp + sizeof tmp - p);
    memcpy(o, p, n);
    w->n += (int)n;
}

/* "N G R" of an indirect object. */
static void wref(wbuf *w, const void *obj)
{
    const HPDF_Obj_Header *h = obj;
    wint(w, (long)(h->obj_id & 0x00FFFFFF));
    wstr(w, " ");
    wint(w, (long)h->gen_no);
    wstr(w, " R");
}

static void wbyte(wbuf *w, unsigned char b)
{
    char *o = wroom(w);
    int n = 0;
    if (b == '(' || b == ')' || b == '\\')
        o[n++] = '\\', o[n++] = (char)b;
    else if (b == '\r')
        o[n++] = '\\', o[n++] = 'r';
    else if (b == '\n')
        o[n++] = '\\', o[n++] = 'n';
    else
        o[n++] = (char)b;
    w->n += n;
}

/* A text string (ISO 32000-1 7.9.2.2) as a literal: the bytes themselves
 * when it is printable ASCII (PDFDocEncoding), else UTF-16BE after its
 * byte order mark; ( ) \ CR LF escaped. About half the bytes of the hex
 * strings libharu writes. */
static void wtext(wbuf *w, const char *s)
{
    size_t len = strlen(s), i = 0;
    bool ascii = true;
    for (size_t k = 0; k < len && ascii; k++)
        ascii = (unsigned char)s[k] >= 0x20 && (unsigned char)s[k] < 0x7f;
    wstr(w, "(");
    if (ascii) {
        for (; i < len; i++)
            wbyte(w, (unsigned char)s[i]);
    } else {
        wbyte(w, 0xFE), wbyte(w, 0xFF);
        while (i < len) {
            uint32_t cp = dp_utf8_next(s, len, &i);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                uint32_t hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
                wbyte(w, (unsigned char)(hi >> 8)), wbyte(w, (unsigned char)hi);
                wbyte(w, (unsigned char)(lo >> 8)), wbyte(w, (unsigned char)lo);
            } else {
                wbyte(w, (unsigned char)(cp >> 8)), wbyte(w, (unsigned char)cp);
            }
        }
    }
    wstr(w, ")");
}

/* A link annotation's /StructParent, /F (PDF/A: printed, never hidden)
 * and /Contents, after libharu's entries. */
static HPDF_STATUS write_annot(HPDF_Dict d, HPDF_Stream s)
{
    const annot_extra *e = d->attr;
    wbuf w = {.s = s};
    wstr(&w, "/StructParent ");
    wint(&w, e->struct_parent);
    wstr(&w, "/F 4");
    if (e->contents) {
        wstr(&w, "/Contents");
        wtext(&w, e->contents);
    }
    wstr(&w, "\n");
    wflush(&w);
    return w.err;
}

/* The body of an element (its /A, for a few, is libharu's entry, written
 * before this). */
static HPDF_STATUS write_elem(HPDF_Dict d, HPDF_Stream s)
{
    const node *n = d->attr;
    const HPDF_Page *pages = n->st->pages;
    wbuf w = {.s = s};
    /* /Type /StructElem is optional (ISO 32000-1 Table 323): left out */
    wstr(&w, "/S/");
    wstr(&w, n->type);
    wstr(&w, "/P ");
    wref(&w, n->pobj);
    if (n->alt) {
        wstr(&w, "/Alt");
        wtext(&w, n->alt);
    }
    if (n->lang) {
        wstr(&w, "/Lang");
        wtext(&w, n->lang);
    }
    if (n->pg >= 0) {
        wstr(&w, "/Pg ");
        wref(&w, pages[n->pg]);
    }
    /* one kid: /K is the kid itself, else an array of them */
    wstr(&w, n->n_kids == 1 ? "/K " : "/K[");
    for (int i = 0; i < n->n_kids; i++) {
        const kid *x = &n->kids[i];
        if (i)
            wstr(&w, " ");
        if (x->n) {
            wref(&w, x->n->dict);
        } else if (x->an) { /* its /Pg only when the element's is another page */
            wstr(&w, "<</Type/OBJR/Obj ");
            wref(&w, x->an);
            if (x->sheet != n->pg) {
                wstr(&w, "/Pg ");
                wref(&w, pages[x->sheet]);
            }
            wstr(&w, ">>");
        } else if (x->sheet == n->pg) {
            wint(&w, x->mcid);
        } else {
            wstr(&w, "<</Type/MCR/Pg ");
            wref(&w, pages[x->sheet]);
            wstr(&w, "/MCID ");
            wint(&w, x->mcid);
            wstr(&w, ">>");
        }
    }
    if (n->n_kids != 1)
        wstr(&w, "]");
    wflush(&w);
    return w.err;
}

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

/* Content order of a kid: its marked content's (sheet, MCID), an
 * element's first; annotations last. */
static long long kid_order(const kid *k)
{
    if (k->n) {
        for (int i = 0; i < k->n->n_kids; i++)
            if (!k->n->kids[i].n && !k->n->kids[i].an)
                return kid_order(&k->n->kids[i]);
        return LLONG_MAX - 1;
    }
    if (k->an)
        return LLONG_MAX;
    return (long long)k->sheet << 32 | (unsigned)k->mcid;
}

/* A paragraph with a link: its text and the Link in reading order (the
 * tree was built leaf by leaf: the paragraph's text first). Insertion
 * sort: stable, and such kids are few. */
static void inline_order(node *n)
{
    bool mcr = false, el = false;
    for (int i = 0; i < n->n_kids; i++)
        n->kids[i].n ? (el = true) : n->kids[i].an ? 0 : (mcr = true);
    if (!mcr || !el)
        return;
    for (int i = 1; i < n->n_kids; i++) {
        kid k = n->kids[i];
        long long at = kid_order(&k);
        int j = i - 1;
        while (j >= 0 && kid_order(&n->kids[j]) > at) {
            n->kids[j + 1] = n->kids[j];
            j--;
        }
        n->kids[j + 1] = k;
    }
}

/* The objects of 'n' and its subtree ('parent': the dictionary of its
 * parent); written by write_elem. */
static bool make_node(out *o, dp_struct *st, node *n, void *parent)
{
    limit_kids(st->a, n);
    inline_order(n);
    HPDF_Dict d = n->dict = HPDF_Dict_New(o->mm);
    if (!d || HPDF_Xref_Add(o->xref, d) != HPDF_OK)
        return false;
    d->attr = n;
    d->write_fn = write_elem;
    n->pobj = parent;
    n->st = st;
    if (n->scope_column) { /* PDF/UA 7.5: a header cell says what it heads */
        HPDF_Dict attr = HPDF_Dict_New(o->mm);
        if (!attr || HPDF_Dict_Add(d, "A", attr) != HPDF_OK)
            return false;
        HPDF_Dict_AddName(attr, "O", "Table");
        HPDF_Dict_AddName(attr, "Scope", "Column");
    }
    for (int i = 0; i < n->n_kids; i++)
        if (n->kids[i].n && !make_node(o, st, n->kids[i].n, d))
            return false;
    return true;
}

/* The ParentTree: sheet s -> the element of each of its MCIDs; annotation
 * i -> its Link, at n_sheets + i. A number tree of leaves of at most
 * MAX_KIDS / 2 entries; each leaf's /Nums written by write_nums. */
typedef struct {
    const dp_struct *st;
    int from, to;
    bool limits;            /* a leaf under /Kids: with its /Limits */
} nums_range;

static HPDF_STATUS write_nums(HPDF_Dict d, HPDF_Stream s)
{
    const nums_range *r = d->attr;
    const dp_struct *st = r->st;
    wbuf w = {.s = s};
    if (r->limits) {
        wstr(&w, "/Limits[");
        wint(&w, r->from);
        wstr(&w, " ");
        wint(&w, r->to - 1);
        wstr(&w, "]");
    }
    wstr(&w, "/Nums[");
    for (int i = r->from; i < r->to; i++) {
        if (i > r->from)
            wstr(&w, " ");
        wint(&w, i);
        wstr(&w, " ");
        if (i < st->n_sheets) {
            wstr(&w, "[");
            for (int m = 0; m < st->n_mcid[i]; m++) {
                if (m)
                    wstr(&w, " ");
                wref(&w, st->leaves[st->mcid_leaf[i][m]].holder->dict);
            }
            wstr(&w, "]");
        } else {
            wref(&w, st->annots[i - st->n_sheets].link->dict);
        }
    }
    wstr(&w, "]");
    wflush(&w);
    return w.err;
}

static HPDF_Dict parent_tree(out *o, dp_struct *st)
{
    int total = st->n_sheets + st->n_annots, per = MAX_KIDS / 2;
    HPDF_Dict root = HPDF_Dict_New(o->mm);
    if (!root)
        return NULL;
    HPDF_Array kids = NULL;
    if (total > per && (!(kids = HPDF_Array_New(o->mm)) || HPDF_Dict_Add(root, "Kids", kids) != HPDF_OK))
        return NULL;
    for (int from = 0; from < total || from == 0; from += per) {
        HPDF_Dict leafd = root;
        if (kids) {
            leafd = HPDF_Dict_New(o->mm);
            if (!leafd || HPDF_Xref_Add(o->xref, leafd) != HPDF_OK || HPDF_Array_Add(kids, leafd) != HPDF_OK)
                return NULL;
        }
        nums_range *r = dp_arena_alloc(st->a, sizeof *r);
        *r = (nums_range){st, from, from + per < total ? from + per : total, kids != NULL};
        leafd->attr = r;
        leafd->write_fn = write_nums;
    }
    return root;
}

bool dp_struct_write(dp_struct *st, HPDF_Doc pdf, const HPDF_Page *pages)
{
    out o = {pdf, pages, pdf->xref, pdf->mmgr};
    st->pages = pages;
    node *doc = build_tree(st);
    HPDF_Dict root = HPDF_Dict_New(o.mm);
    if (!root || HPDF_Xref_Add(o.xref, root) != HPDF_OK)
        return false;
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    if (!make_node(&o, st, doc, root))
        return false;
    HPDF_Dict pt = parent_tree(&o, st);
    if (!pt || HPDF_Dict_Add(root, "K", doc->dict) != HPDF_OK || HPDF_Dict_Add(root, "ParentTree", pt) != HPDF_OK)
        return false;
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", st->n_sheets + st->n_annots);
    HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
    HPDF_Dict mark = HPDF_Dict_New(o.mm);
    HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(o.mm, HPDF_TRUE));
    HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark);
    for (int s = 0; s < st->n_sheets; s++)
        HPDF_Dict_AddNumber(pages[s], "StructParents", s);
    /* PDF/UA 7.18.3: pages with annotations tab through them in structure order */
    for (int i = 0; i < st->n_annots; i++)
        if (!HPDF_Dict_GetItem(pages[st->annots[i].sheet], "Tabs", HPDF_OCLASS_NAME))
            HPDF_Dict_AddName(pages[st->annots[i].sheet], "Tabs", "S");
    return true;
}
