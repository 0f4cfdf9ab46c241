/* node.h: the generic YAML tree with source positions, produced by
 * yaml_load.c (the only file that includes <yaml.h>) and read by the
 * schema-driven loaders of decks and templates. Arena-owned. */
#ifndef DP_NODE_H
#define DP_NODE_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

typedef enum { DP_NODE_SCALAR, DP_NODE_SEQ, DP_NODE_MAP } dp_node_kind;

typedef enum {
    DP_SCALAR_PLAIN,  /* unquoted: may be null (~, null, empty), bool, number */
    DP_SCALAR_QUOTED, /* '...' or "...": always a string */
    DP_SCALAR_BLOCK,  /* | or >: always a string; text starts on the next line */
} dp_scalar_style;

typedef struct dp_node dp_node;
struct dp_node {
    dp_node_kind kind;
    dp_loc loc;        /* where the node starts */
    /* scalar: valid UTF-8, NUL-terminated, len bytes (may contain no NUL) */
    const char *str;
    size_t len;
    dp_scalar_style style;
    int block_indent;  /* column (1-based) of the content's first character, when lines of str
                        * match lines of the file: literal (|) block scalars; folded (>) ones
                        * of one line; plain/quoted ones that are the source verbatim on one
                        * line (no escapes or folding). Else 0. Used by dp_text_loc_at. */
    /* seq: items[0..n); map: keys[i] (always scalars) -> items[i], in source order */
    dp_node **items;
    dp_node **keys;
    int n;
};

/* Parse one YAML document from 'path' (or from the buffer when text != NULL,
 * with 'path' used only in messages). Registers the source with the diags.
 * Errors (syntax, invalid UTF-8, NUL bytes, duplicate keys, non-scalar keys,
 * nesting deeper than DP_YAML_MAX_DEPTH, aliases expanding past
 * DP_YAML_MAX_NODES, files over DP_YAML_MAX_BYTES) go to 'd' with positions.
 * A leading BOM and CRLF line endings are accepted. Returns NULL on error. */
#define DP_YAML_MAX_DEPTH 64
#define DP_YAML_MAX_NODES 1000000
#define DP_YAML_MAX_BYTES (64u << 20)
dp_node *dp_yaml_load(dp_arena *a, const char *path, const char *text, size_t len, dp_diags *d);

/* Map lookup by key; NULL when absent. */
dp_node *dp_node_get(const dp_node *map, const char *key);
/* True for a plain scalar that YAML reads as null (~, null, Null, NULL, empty). */
bool dp_node_is_null(const dp_node *n);
const char *dp_node_kind_name(const dp_node *n); /* "a string", "a list", "a mapping" */
/* libyaml's version at run time ("0.2.5"), for --version. */
const char *dp_yaml_library_version(void);

/* A piece of text from the deck. s == NULL when the key was absent. */
typedef struct {
    const char *s;         /* UTF-8, NUL-terminated */
    int len;               /* bytes */
    dp_loc loc;            /* position of the scalar's first character */
    const dp_node *node;   /* the scalar (for mapping byte offsets back to line:col) */
} dp_text;

#endif
