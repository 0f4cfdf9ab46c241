/* schema.h: one table-driven mapping from a dp_node tree (node.h) onto C
 * structs, shared by deck.c and template.c. A schema lists the keys a YAML
 * mapping may hold; each field converts its value and stores it at an offset
 * in the caller's struct. Errors go to the diags with positions, and loading
 * goes on after an error so one run reports several. Knows nothing of decks,
 * templates, fonts or PDF. Everything stored lives in the caller's arena. */
#ifndef DP_SCHEMA_H
#define DP_SCHEMA_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "color.h"
#include "diag.h"
#include "node.h"

typedef enum {
    DP_FT_TEXT,      /* dp_text; any scalar, so `title: 2024` is the text "2024" */
    DP_FT_STRING,    /* const char *; like TEXT without the position */
    DP_FT_NUMBER,    /* float; checked against min..max and DP_F_POSITIVE */
    DP_FT_BOOL,      /* bool; true/false (yes/no accepted) */
    DP_FT_COLOR,     /* dp_rgb from "#RRGGBB" or "#RGB" */
    DP_FT_ENUM,      /* dp_text holding one of words[0..n_words) */
    DP_FT_TEXT_LIST, /* dp_text array at offset, int count at count_offset; `k: x` = [x] */
    DP_FT_MAP,       /* the struct at offset, filled by 'sub' (offset 0: sub's fields are ours) */
    DP_FT_MAP_LIST,  /* arena array of elem_size structs at offset, int count at count_offset */
    DP_FT_CUSTOM,    /* 'fn' converts the value */
} dp_field_type;

enum {
    DP_F_REQUIRED = 1 << 0,   /* the key must be there, with a value */
    DP_F_NONEMPTY = 1 << 1,   /* text: whitespace only is an error, not "absent" */
    DP_F_POSITIVE = 1 << 2,   /* number: must be > 0 */
    DP_F_KEEP_EMPTY = 1 << 3, /* optional text: keep "" instead of treating it as absent */
};

typedef struct dp_schema_cx dp_schema_cx;
typedef struct dp_field dp_field;
typedef struct dp_schema dp_schema;

/* DP_FT_CUSTOM: convert 'value' (present, not null) into obj + f->offset.
 * Other types: a validator run after the value converted cleanly.
 * 'obj' is the struct the schema fills. Returns false after reporting an error. */
typedef bool (*dp_field_fn)(dp_schema_cx *cx, const dp_field *f, const dp_node *value, void *obj);

struct dp_field {
    const char *key;
    dp_field_type type;
    size_t offset;             /* of the value in the struct */
    unsigned flags;            /* DP_F_* */
    const dp_schema *sub;      /* MAP, MAP_LIST */
    size_t elem_size;          /* MAP_LIST */
    size_t count_offset;       /* MAP_LIST, TEXT_LIST: int */
    const char *const *words;  /* ENUM */
    int n_words;
    float min, max;            /* NUMBER: inclusive range, checked when min < max */
    float def;                 /* NUMBER: stored when the key is absent or null */
    dp_field_fn fn;            /* CUSTOM converter, or validator for the others */
};

struct dp_schema {
    const char *what;          /* "item": "unknown key "x" in item", "missing ... in item 12" */
    const dp_field *fields;
    int n_fields;
    size_t loc_offset;         /* DP_LOC_AT(offsetof(T, loc)): keep the mapping's position */
    bool name_by_key;          /* messages say `style "title"` (what + the key it hangs under) */
    /* Called after the fields, for defaults and checks across fields. */
    void (*finish)(dp_schema_cx *cx, const dp_node *map, void *obj);
};
#define DP_LOC_AT(off) ((off) + 1)
#define DP_COUNT_OF(arr) ((int)(sizeof(arr) / sizeof((arr)[0])))

/* Loading context: lives on the caller's stack for one document. */
struct dp_schema_cx {
    dp_arena *a;
    dp_diags *d;
    void *user;                /* free for the callbacks */
    struct {
        const dp_schema *schema;
        int n;
    } counters[8];             /* list elements numbered per schema across the document */
    int n_counters;
};

void dp_schema_init(dp_schema_cx *cx, dp_arena *a, dp_diags *d, void *user);

/* Fill 'obj' from the document 'root' with schema 's'. 'whole' names the
 * document in "a deck must be a mapping, got a list". Returns true when no
 * error was reported. Stops early once dp_diags_full(). */
bool dp_schema_load(dp_schema_cx *cx, const dp_schema *s, const dp_node *root, const char *whole,
                    void *obj);

/* ===== Helpers for callbacks and for deck.c / template.c ===== */

/* "#RRGGBB" or "#RGB" (hex digits in either case). Returns false when malformed. */
bool dp_parse_color(const char *s, dp_rgb *out);
/* Index of 'word' in words[0..n), or -1. */
int dp_word_index(const char *word, const char *const *words, int n);
/* The word in words[0..n) nearest to 'word' by edit distance (with
 * transpositions), within about a third of its length; -1 when none is close. */
int dp_closest_word(const char *word, const char *const *words, int n);
/* True when s[0..len) holds only spaces, tabs, line breaks or U+3000. */
bool dp_is_blank(const char *s, size_t len);

#endif
