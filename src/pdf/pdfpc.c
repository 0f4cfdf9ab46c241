/* pdfpc.c: the .pdfpc notes file beside the slides (see pdfpc.h). */
#include "pdfpc.h"

#include "markup.h"
#include "atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* First line of every file written here: how a later build knows the file
 * is its own (pdfpc, when it saves, writes it differently). */
#define HEAD "{\"pdfpcFormat\":2,\"disableMarkdown\":true,\"pages\":[\n"

const char *dp_pdfpc_path(dp_arena *a, const char *pdf_path)
{
    size_t n = strlen(pdf_path);
    if (n > 4 && strcasecmp(pdf_path + n - 4, ".pdf") == 0)
        n -= 4;
    return dp_arena_printf(a, "%.*s.pdfpc", (int)n, pdf_path);
}

static void put_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f); /* UTF-8 passes through */
        }
    }
    fputc('"', f);
}

static bool same_label(const dp_page *a, const dp_page *b)
{
    return a->label && b->label && strcmp(a->label, b->label) == 0;
}

/* Remove 'path' when it is a notes file this program wrote. */
static void remove_own(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[sizeof HEAD + 1];
    bool ours = fgets(line, sizeof line, f) && strcmp(line, HEAD) == 0;
    fclose(f);
    if (ours)
        remove(path);
}

bool dp_pdfpc_write(dp_arena *a, const dp_dlist *dl, const char *pdf_path, dp_diags *d)
{
    const char *path = dp_pdfpc_path(a, pdf_path);
    int n = dl->n_pages;
    const char **note = dp_arena_alloc(a, sizeof(char *) * (size_t)(n ? n : 1));
    bool any = false;
    for (int i = 0; i < n; i++) {
        const dp_page *pg = &dl->pages[i];
        /* notes are rich text like answers: pdfpc shows them as plain text */
        note[i] = pg->notes && *pg->notes ? dp_markup_plain(a, pg->notes, (int)strlen(pg->notes)) : NULL;
        if (!note[i] && i > 0 && pg->continues)
            note[i] = note[i - 1];
        any |= note[i] != NULL;
    }
    if (!any) {
        remove_own(path);
        return true;
    }
    /* every page of a label group (reveal steps and the full slide) shows
     * the group's note */
    for (int i = 0; i < n;) {
        int j = i + 1;
        while (j < n && same_label(&dl->pages[i], &dl->pages[j]))
            j++;
        const char *g = NULL;
        for (int k = i; k < j && !g; k++)
            g = note[k];
        for (int k = i; k < j; k++)
            note[k] = g;
        i = j;
    }

    dp_atomic_file out;
    FILE *f = dp_atomic_open(&out, path);
    if (!f) {
        dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot write %s: %s", path, strerror(errno));
        return false;
    }
    fputs(HEAD, f);
    int overlay = 0;
    for (int i = 0; i < n; i++) {
        const dp_page *pg = &dl->pages[i];
        overlay = i > 0 && same_label(&dl->pages[i - 1], pg) ? overlay + 1 : 0;
        char num[16];
        snprintf(num, sizeof num, "%d", i + 1);
        fprintf(f, "{\"idx\":%d,\"label\":", i);
        put_json_string(f, pg->label ? pg->label : num);
        fprintf(f, ",\"overlay\":%d", overlay);
        if (note[i]) {
            fputs(",\"note\":", f);
            put_json_string(f, note[i]);
        }
        fputs(i + 1 < n ? "},\n" : "}\n", f);
    }
    fputs("]}\n", f);
    if (!dp_atomic_commit(&out)) {
        dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot write %s: %s", path, strerror(errno));
        return false;
    }
    return true;
}
