/* schema_keys.c: print every key a loader's schema tables accept, so
 * tests/schema_check.py can hold docs/deck.schema.json and docs/template.schema.json to them. The loader
 * source is included whole (its tables are static), so what is printed is
 * exactly what the loader accepts: no parsing of C by regular expressions.
 *   cc ... -DDP_KEYS_DECK     tests/tools/schema_keys.c src/load/schema.c ...   deck.c's tables
 *   cc ... -DDP_KEYS_TEMPLATE tests/tools/schema_keys.c src/load/deck.c ...     template.c's tables
 * One JSON object a line:
 *   {"path": ["sections", "[]", "items", "[]", "question"], "type": "text",
 *    "required": true, "nonempty": true, "enum": [...], "min": 0, "max": 1000,
 *    "positive": false, "keep_empty": false, "checked": false}
 * "checked": a function checks the value further (date: a real calendar day). */
#if defined(DP_KEYS_TEMPLATE)
#include "../../src/load/template.c"
#define ROOT template_schema
#elif defined(DP_KEYS_DECK)
#include "../../src/load/deck.c"
#define ROOT deck_schema
#else
#error "compile with -DDP_KEYS_DECK or -DDP_KEYS_TEMPLATE"
#endif

#include <stdio.h>

static const char *type_name(dp_field_type t)
{
    switch (t) {
    case DP_FT_TEXT: return "text";
    case DP_FT_STRING: return "string";
    case DP_FT_NUMBER: return "number";
    case DP_FT_BOOL: return "bool";
    case DP_FT_COLOR: return "color";
    case DP_FT_ENUM: return "enum";
    case DP_FT_TEXT_LIST: return "text_list";
    case DP_FT_MAP: return "map";
    case DP_FT_MAP_LIST: return "map_list";
    case DP_FT_CUSTOM: return "custom";
    }
    return "?";
}

static void put_json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

#define MAX_DEPTH 16

static void walk(const dp_schema *s, const char **path, int depth)
{
    for (int i = 0; i < s->n_fields; i++) {
        const dp_field *f = &s->fields[i];
        path[depth] = f->key;
        printf("{\"path\": [");
        for (int k = 0; k <= depth; k++) {
            if (k)
                printf(", ");
            put_json_string(path[k]);
        }
        printf("], \"type\": \"%s\", \"required\": %s, \"nonempty\": %s, \"positive\": %s, "
               "\"keep_empty\": %s, \"checked\": %s",
               type_name(f->type), f->flags & DP_F_REQUIRED ? "true" : "false",
               f->flags & DP_F_NONEMPTY ? "true" : "false",
               f->flags & DP_F_POSITIVE ? "true" : "false",
               f->flags & DP_F_KEEP_EMPTY ? "true" : "false",
               f->fn && f->type != DP_FT_CUSTOM ? "true" : "false");
        if (f->type == DP_FT_NUMBER && f->min < f->max)
            printf(", \"min\": %.9g, \"max\": %.9g", (double)f->min, (double)f->max);
        if (f->type == DP_FT_ENUM) {
            printf(", \"enum\": [");
            for (int w = 0; w < f->n_words; w++) {
                if (w)
                    printf(", ");
                put_json_string(f->words[w]);
            }
            printf("]");
        }
        printf("}\n");
        if ((f->type == DP_FT_MAP || f->type == DP_FT_MAP_LIST) && f->sub && depth + 2 < MAX_DEPTH) {
            if (f->type == DP_FT_MAP_LIST) {
                path[depth + 1] = "[]";
                walk(f->sub, path, depth + 2);
            } else {
                walk(f->sub, path, depth + 1);
            }
        }
    }
}

int main(void)
{
    const char *path[MAX_DEPTH];
    walk(&ROOT, path, 0);
    return 0;
}
