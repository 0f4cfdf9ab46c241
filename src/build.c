/* build.c: load -> layout -> PDF for one deck (see build.h). */
#include "build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "deck.h"
#include "dlist.h"
#include "fonts.h"
#include "layout.h"
#include "pdf_out.h"
#include "template.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Folders to search, most specific first: next to the deck's project, the
 * current folder, beside the binary (build/../NAME) and the installed share. */
static const char **search_dirs(dp_arena *a, const dp_options *opt, const char *deck_dir, const char *name)
{
    const char **dirs = dp_arena_alloc(a, sizeof(char *) * 6);
    int n = 0;
    const char *env = getenv(strcmp(name, "fonts") == 0 ? "DECKPRESS_FONTS" : "DECKPRESS_TEMPLATES");
    if (env && *env)
        dirs[n++] = env;
    dirs[n++] = dp_arena_printf(a, "%s/../%s", deck_dir, name);
    dirs[n++] = name;
    if (opt->exe_dir)
        dirs[n++] = dp_arena_printf(a, "%s/../%s", opt->exe_dir, name);
#ifdef DP_DATADIR
    dirs[n++] = dp_arena_printf(a, "%s/%s", DP_DATADIR, name);
#endif
    dirs[n] = NULL;
    /* keep only folders that exist, without repeats */
    int k = 0;
    for (int i = 0; i < n; i++) {
        struct stat sb;
        if (stat(dirs[i], &sb) != 0 || !S_ISDIR(sb.st_mode))
            continue;
        dirs[k++] = dirs[i];
    }
    dirs[k] = NULL;
    return dirs;
}

/* basename without ".yaml" */
static const char *deck_name(dp_arena *a, const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
        n -= 5;
    else if (n > 4 && strcmp(b + n - 4, ".yml") == 0)
        n -= 4;
    return dp_arena_strndup(a, b, n);
}

/* Make-style escaping of spaces in a path. */
static void put_path(FILE *f, const char *p)
{
    for (; *p; p++) {
        if (*p == ' ' || *p == '#')
            fputc('\\', f);
        if (*p == '$')
            fputc('$', f);
        fputc(*p, f);
    }
}

static bool write_depfile(const char *path, const char *target, const char **deps, int n, dp_diags *d)
{
    char *tmp = malloc(strlen(path) + 8);
    sprintf(tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot write %s: %s", path, strerror(errno));
        free(tmp);
        return false;
    }
    put_path(f, target);
    fputc(':', f);
    for (int i = 0; i < n; i++) {
        fputs(" \\\n  ", f);
        put_path(f, deps[i]);
    }
    fputc('\n', f);
    for (int i = 0; i < n; i++) {
        fputc('\n', f);
        put_path(f, deps[i]);
        fputs(":\n", f);
    }
    bool ok = fclose(f) == 0 && rename(tmp, path) == 0;
    if (!ok)
        dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot write %s: %s", path, strerror(errno));
    free(tmp);
    return ok;
}

/* Inputs of this output: deck, template, every font file drawn with. */
static const char **inputs(dp_arena *a, const dp_deck *deck, const dp_template *t,
                           const dp_dlist *dl, dp_fonts *fonts, int *n)
{
    int nf = dp_fonts_count(fonts);
    bool *used = dp_arena_alloc(a, (size_t)(nf ? nf : 1));
    for (int p = 0; p < dl->n_pages; p++)
        for (int i = 0; i < dl->pages[p].n_ops; i++)
            if (dl->pages[p].ops[i].kind == DP_OP_TEXT)
                used[dl->pages[p].ops[i].as.text.face] = true;
    const char **deps = dp_arena_alloc(a, sizeof(char *) * (size_t)(nf + 2));
    int k = 0;
    deps[k++] = deck->path;
    deps[k++] = t->path;
    for (int f = 0; f < nf; f++) {
        if (!used[f])
            continue;
        bool dup = false;
        for (int j = 2; j < k; j++)
            dup |= strcmp(deps[j], dp_face_path(fonts, f)) == 0;
        if (!dup)
            deps[k++] = dp_face_path(fonts, f);
    }
    *n = k;
    return deps;
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

int dp_build_run(const dp_options *opt, dp_diags *d)
{
    double t0 = now_ms();
    dp_arena *a = dp_arena_new(256 * 1024);
    dp_fonts *fonts = NULL;
    int status = DP_EXIT_OK;

    dp_deck *deck = dp_deck_load(a, opt->deck_path, d);
    dp_template *t = NULL;
    if (deck) {
        const char *tname = opt->template_name ? opt->template_name
                          : deck->template_name.s ? deck->template_name.s : "default";
        if (opt->aspect)
            deck->aspect = (dp_text){.s = opt->aspect, .len = (int)strlen(opt->aspect)};
        t = dp_template_load(a, tname, search_dirs(a, opt, deck->dir, "templates"), deck,
                             deck->template_name.loc, d);
    }
    if (t)
        fonts = dp_fonts_new(search_dirs(a, opt, deck->dir, "fonts"), d);
    dp_dlist *dl = fonts ? dp_layout_slides(a, deck, t, fonts, d) : NULL;

    if (dl && opt->dump)
        dp_dlist_dump(dl, stdout);
    if (dl && dp_error_count(d) == 0 && opt->cmd != DP_CMD_CHECK) {
        const char *out = opt->out_path;
        if (opt->cmd == DP_CMD_BUILD) {
            const char *dir = opt->out_path ? opt->out_path : "out";
            mkdir(dir, 0777);
            out = dp_arena_printf(a, "%s/%s.slides.pdf", dir, deck_name(a, deck->path));
        }
        if (dp_pdf_write(dl, NULL, 0, fonts, out, d)) {
            if (opt->depfile) {
                int n;
                const char **deps = inputs(a, deck, t, dl, fonts, &n);
                write_depfile(opt->depfile, out, deps, n, d);
            }
            if (opt->verbosity >= 0 && dp_error_count(d) == 0)
                fprintf(stderr, "deckpress: wrote %s (%d pages, %ld bytes, %.0f ms)\n", out,
                        dl->n_pages, file_size(out), now_ms() - t0);
        }
    }
    if (dp_error_count(d) > 0)
        status = dp_diags_status(d) ? dp_diags_status(d) : DP_EXIT_INPUT;
    else if (opt->cmd == DP_CMD_CHECK && opt->strict && dp_warning_count(d) > 0)
        status = DP_EXIT_INPUT;
    dp_fonts_free(fonts);
    dp_arena_free(a);
    return status;
}
