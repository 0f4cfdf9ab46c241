/* project.c: the pipeline every command runs (see project.h). */
#include "project.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "highlight.h"
#include "image.h"
#include "layout.h"
#include "lint.h"
#include "markup.h"
#include "pdf_out.h"
#include "pdfpc.h"
#include "schema.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The images a rich text shows as blocks, added by their path as written;
 * a URL is not fetched (its alt text stands in, with a warning). */
static bool rich_images(dp_arena *a, dp_images *im, const char *dir, const dp_text *t,
                        bool allow_outside, dp_diags *d)
{
    if (!t->s)
        return true;
    dp_rich r = dp_markup_parse(a, t->s, t->len, true, false);
    bool ok = true;
    for (int b = 0; b < r.n && !dp_diags_full(d); b++) {
        const dp_rblock *k = &r.blocks[b];
        if (k->kind != DP_BK_IMAGE || !k->path || !*k->path)
            continue;
        dp_text path = *t;
        path.s = k->path;
        path.len = (int)strlen(k->path);
        path.loc = dp_text_loc_at(t, k->src);
        if (strstr(k->path, "://")) {
            dp_warning(d, path.loc, "the image %s is not fetched from the network; its alt text is "
                       "shown instead", k->path);
            dp_hint(d, "download it next to the deck and write its path");
            continue;
        }
        ok &= dp_images_add(im, dir, &path, allow_outside, d) >= 0;
    }
    return ok;
}

/* Markdown images (![alt](path)) in the deck's rich text, added to the
 * image table with the same rules and checks as image:. */
static bool markdown_images(dp_arena *a, dp_deck *deck, bool allow_outside, dp_diags *d)
{
    dp_images *im = deck->images;
    bool ok = true;
    const dp_text *rich[2] = {&deck->intro.body, &deck->closing.body};
    for (int i = 0; i < 2; i++)
        ok &= rich_images(a, im, deck->dir, rich[i], allow_outside, d);
    for (int s = 0; s < deck->n_sections; s++)
        for (int i = 0; i < deck->sections[s].n_items && !dp_diags_full(d); i++) {
            ok &= rich_images(a, im, deck->dir, &deck->sections[s].items[i].answer, allow_outside, d);
            ok &= rich_images(a, im, deck->dir, &deck->sections[s].items[i].analysis, allow_outside, d);
        }
    return ok;
}

char *dp_path_shown(const char *path)
{
    char *real = realpath(path, NULL), *cwd = getcwd(NULL, 0);
    if (!real) {
        free(cwd);
        return dp_xstrdup(path);
    }
    size_t n = cwd ? strlen(cwd) : 0;
    if (cwd && strcmp(real, cwd) == 0) {
        free(real);
        real = dp_xstrdup(".");
    } else if (cwd && n > 1 && strncmp(real, cwd, n) == 0 && real[n] == '/') {
        memmove(real, real + n + 1, strlen(real + n + 1) + 1);
    }
    free(cwd);
    return real;
}

/* Folders searched for 'name' ("templates" or "fonts"), most specific
 * first, NULL-terminated: $DECKPRESS_TEMPLATES or $DECKPRESS_FONTS (read by
 * main.c into 'opt'), DECK_DIR/NAME, DECK_DIR/../NAME, beside the binary
 * (BIN/../NAME and BIN/../share/deckpress/NAME, so an installed or staged
 * copy finds its data), then DP_DATADIR/NAME. Only folders that exist, each
 * once; never the working directory (unless it is DECK_DIR): a deck builds
 * the same from anywhere. With deck_dir NULL, only the program's own
 * folders. */
static const char **search_dirs(dp_arena *a, const dp_options *opt, const char *deck_dir, const char *name)
{
    const char **dirs = dp_arena_alloc(a, sizeof(char *) * 7);
    int n = 0;
    const char *env = strcmp(name, "fonts") == 0 ? opt->fonts_env : opt->templates_env;
    if (env && *env && deck_dir)
        dirs[n++] = env;
    if (deck_dir) {
        dirs[n++] = strcmp(deck_dir, ".") == 0 ? name : dp_arena_printf(a, "%s/%s", deck_dir, name);
        dirs[n++] = dp_arena_printf(a, "%s/../%s", deck_dir, name);
    }
    if (opt->exe_dir) {
        dirs[n++] = dp_arena_printf(a, "%s/../%s", opt->exe_dir, name);
        /* installed (PREFIX/bin -> PREFIX/share/deckpress), also under DESTDIR */
        dirs[n++] = dp_arena_printf(a, "%s/../share/deckpress/%s", opt->exe_dir, name);
    }
#ifdef DP_DATADIR
    dirs[n++] = dp_arena_printf(a, "%s/%s", DP_DATADIR, name);
#endif
    int k = 0;
    for (int i = 0; i < n; i++) {
        struct stat sb;
        if (stat(dirs[i], &sb) != 0 || !S_ISDIR(sb.st_mode))
            continue;
        bool seen = false;
        for (int j = 0; j < k && !seen; j++) {
            struct stat sj;
            seen = stat(dirs[j], &sj) == 0 && sj.st_dev == sb.st_dev && sj.st_ino == sb.st_ino;
        }
        if (!seen) { /* as a person would write it: messages and the depfile name it */
            char *shown = dp_path_shown(dirs[i]);
            dirs[k++] = dp_arena_strdup(a, shown);
            free(shown);
        }
    }
    dirs[k] = NULL;
    return dirs;
}

static void project_start(dp_project *p, const dp_options *opt, dp_diags *d, size_t arena_chunk)
{
    memset(p, 0, sizeof *p);
    p->t0_ms = now_ms();
    p->a = dp_arena_new(arena_chunk);
    p->opt = opt;
    p->d = d;
}

bool dp_project_init(dp_project *p, const dp_options *opt, dp_diags *d)
{
    project_start(p, opt, d, 256 * 1024);
    p->deck = dp_deck_load(p->a, opt->deck_path, d);
    if (!p->deck)
        return false;
    /* images are checked before anything is laid out or written */
    bool images_ok = dp_images_load(p->a, p->deck, opt->allow_outside, d);
    images_ok &= markdown_images(p->a, p->deck, opt->allow_outside, d);
    if (!images_ok)
        return false;
    if (!dp_settings_override(&p->deck->settings, opt, d))
        return false;
    const char *tname = dp_settings_template(&p->deck->settings, d);
    p->t = dp_project_template(p, tname);
    if (!p->t)
        return false;
    dp_deck_default_titles(p->deck, p->t->labels); /* a template's labels: intro, closing */
    p->fonts = dp_fonts_new(search_dirs(p->a, opt, p->deck->dir, "fonts"), d);
    if (!p->fonts)
        return false;
    p->styles = dp_styles_resolve(p->a, p->t, p->fonts, d);
    if (opt->verbosity > 0)
        dp_styles_explain(p->styles, p->t, p->a, d);
    return true;
}

bool dp_project_init_template(dp_project *p, const dp_options *opt, dp_diags *d)
{
    project_start(p, opt, d, 64 * 1024);
    dp_settings s = {0};
    const char *name = dp_settings_override(&s, opt, d) ? dp_settings_template(&s, d) : NULL;
    p->t = name ? dp_template_load(p->a, name, search_dirs(p->a, opt, ".", "templates"), NULL,
                                   (dp_loc){0}, d)
                : NULL;
    p->fonts = p->t ? dp_fonts_new(search_dirs(p->a, opt, ".", "fonts"), d) : NULL;
    if (p->fonts)
        p->styles = dp_styles_resolve(p->a, p->t, p->fonts, d);
    return p->fonts != NULL;
}

/* ===== Settings: the deck's choices, then the command line's ===== */

/* A bad value of an option: a usage error (exit 2) with the values it takes. */
static bool usage(dp_diags *d, const char *option, const char *what, const char *v, const char *choices)
{
    dp_error_status(d, DP_EXIT_USAGE, (dp_loc){0}, "unknown %s \"%s\" (%s)", what, v, option);
    dp_hint(d, "use %s", choices);
    return false;
}

bool dp_settings_override(dp_settings *s, const dp_options *opt, dp_diags *d)
{
    bool ok = true;
    s->epoch = opt->epoch;
    if (opt->template_name) /* a template named on the command line outranks the deck's theme */
        s->template_name = opt->template_name, s->template_at = (dp_loc){0}, s->theme_given = false;
    if (opt->theme) {
        if (strcasecmp(opt->theme, "light") == 0 || strcasecmp(opt->theme, "dark") == 0)
            s->theme = (opt->theme[0] | 0x20) == 'd' ? DP_THEME_DARK : DP_THEME_LIGHT,
            s->theme_given = true, s->theme_at = (dp_loc){0};
        else
            ok = usage(d, "--theme", "theme", opt->theme, "light or dark");
    }
    if (opt->aspect) {
        if (strcmp(opt->aspect, "16:9") == 0 || strcmp(opt->aspect, "4:3") == 0)
            s->aspect = opt->aspect[0] == '4' ? DP_ASPECT_4_3 : DP_ASPECT_16_9;
        else
            ok = usage(d, "--aspect", "aspect", opt->aspect, "16:9 or 4:3");
    }
    if (opt->accent) {
        s->has_accent = dp_parse_color(opt->accent, &s->accent);
        if (!s->has_accent)
            ok = usage(d, "--accent", "colour", opt->accent, "#RRGGBB, e.g. '#D63F24'");
    }
    if (opt->layout) {
        const dp_handout_layout *l = dp_handout_layout_named(opt->layout);
        if (l)
            s->per_sheet = l->per_sheet;
        else {
            char words[128], choices[160];
            dp_handout_layout_words(words, sizeof words, ", ", " or ");
            snprintf(choices, sizeof choices, "%s (slides per sheet)", words);
            ok = usage(d, "--layout", "handout layout", opt->layout, choices);
        }
    }
    if (opt->paper) {
        if (strcasecmp(opt->paper, "a4") == 0 || strcasecmp(opt->paper, "letter") == 0)
            s->paper = (opt->paper[0] | 0x20) == 'l' ? DP_PAPER_LETTER : DP_PAPER_A4;
        else
            ok = usage(d, "--paper", "paper", opt->paper, "a4 or letter");
    }
    return ok;
}

/* The shipped templates come in a light (default) and a dark variant; a
 * template of one's own sets its own colours. */
const char *dp_settings_template(const dp_settings *s, dp_diags *d)
{
    const char *name = s->template_name;
    bool shipped = !name || strcmp(name, "default") == 0 || strcmp(name, "dark") == 0;
    if (!shipped) {
        if (s->theme_given && s->theme == DP_THEME_DARK)
            dp_warning(d, s->theme_at, "theme: dark does not change template \"%s\", which sets its "
                       "own colours", name);
        return name;
    }
    if (!s->theme_given)
        return name ? name : "default";
    const char *themed = s->theme == DP_THEME_DARK ? "dark" : "default";
    if (name && strcmp(name, "dark") == 0 && s->theme == DP_THEME_LIGHT)
        dp_warning(d, s->theme_at, "theme: %s overrides template \"%s\": using \"%s\"",
                   s->theme == DP_THEME_DARK ? "dark" : "light", name, themed);
    return themed;
}

dp_template *dp_project_template(dp_project *p, const char *name)
{
    const dp_settings *s = &p->deck->settings;
    bool from_deck = s->template_name && s->template_at.file && strcmp(name, s->template_name) == 0;
    /* A path in the deck is relative to the deck's folder (like image:); one
     * on the command line to the working directory. */
    if (from_deck && dp_template_is_path(name) && name[0] != '/' && strcmp(p->deck->dir, ".") != 0)
        name = dp_arena_printf(p->a, "%s/%s", p->deck->dir, name);
    const char **tdirs = search_dirs(p->a, p->opt, p->deck->dir, "templates");
    /* code languages Source-highlight lacks (yaml.lang) ship beside the
     * program's templates; never from a folder beside the deck (highlight.h) */
    dp_highlight_dirs(search_dirs(p->a, p->opt, NULL, "templates"));
    dp_template *t = dp_template_load(p->a, name, tdirs,
                                      p->deck, from_deck ? s->template_at : (dp_loc){0}, p->d);
    if (t && p->n_templates < 4)
        p->templates[p->n_templates++] = t->path;
    return t;
}

void dp_project_fini(dp_project *p)
{
    dp_programs_free(p->programs);
    dp_fonts_free(p->fonts);
    dp_arena_free(p->a);
    memset(p, 0, sizeof *p);
}

const char *dp_project_output(dp_project *p, const char *dir, const char *suffix)
{
    const char *path = p->deck->path;
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
        n -= 5;
    else if (n > 4 && strcmp(b + n - 4, ".yml") == 0)
        n -= 4;
    return dp_arena_printf(p->a, "%s/%.*s.%s", dir, (int)n, b, suffix);
}

int dp_project_status(const dp_project *p)
{
    if (dp_error_count(p->d) == 0)
        return DP_EXIT_OK;
    return dp_diags_status(p->d) ? dp_diags_status(p->d) : DP_EXIT_INPUT;
}

/* ===== Make dependency file ===== */

static void put_path(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '#')
            fputc('\\', f);
        if (*s == '$')
            fputc('$', f);
        fputc(*s, f);
    }
}

/* Every input of this output: deck, templates, every image of the deck
 * (a booklet may not draw them, but the slides in the same rule do), the
 * font files drawn with. */
static int list_inputs(dp_project *p, const dp_dlist *dl, const char **deps, int cap)
{
    int k = 0;
    deps[k++] = p->deck->path;
    for (int i = 0; i < p->n_templates; i++)
        deps[k++] = p->templates[i];
    for (int i = 0; i < dp_images_count(p->deck->images) && k < cap; i++)
        deps[k++] = dp_images_get(p->deck->images, i)->path;
    int nf = dp_fonts_count(p->fonts);
    bool *used = dp_arena_alloc(p->a, (size_t)(nf ? nf : 1));
    for (int pg = 0; pg < dl->n_pages; pg++)
        for (int i = 0; i < dl->pages[pg].n_ops; i++)
            if (dl->pages[pg].ops[i].kind == DP_OP_TEXT)
                used[dl->pages[pg].ops[i].as.text.face] = true;
    for (int f = 0; f < nf && k < cap; f++) {
        bool dup = !used[f];
        for (int j = 0; j < k && !dup; j++)
            dup = strcmp(deps[j], dp_face_path(p->fonts, f)) == 0;
        if (!dup)
            deps[k++] = dp_face_path(p->fonts, f);
    }
    return k;
}

static bool write_depfile(dp_project *p, const dp_dlist *dl)
{
    const char *path = p->opt->depfile;
    int cap = dp_fonts_count(p->fonts) + dp_images_count(p->deck->images) + 6;
    const char **deps = dp_arena_alloc(p->a, sizeof(char *) * (size_t)cap);
    int n = list_inputs(p, dl, deps, cap);
    dp_atomic_file w;
    FILE *f = dp_atomic_open(&w, path);
    if (!f) {
        dp_error_status(p->d, DP_EXIT_IO, (dp_loc){0}, "cannot write %s: %s", path, strerror(errno));
        return false;
    }
    for (int i = 0; i < p->n_outputs; i++) {
        if (i)
            fputc(' ', f);
        put_path(f, p->outputs[i]);
    }
    fputc(':', f);
    for (int i = 0; i < n; i++) {
        fputs(" \\\n  ", f);
        put_path(f, deps[i]);
    }
    fputc('\n', f);
    for (int i = 0; i < n; i++) { /* like gcc -MP: a deleted input is no error */
        fputc('\n', f);
        put_path(f, deps[i]);
        fputs(":\n", f);
    }
    if (!dp_atomic_commit(&w)) {
        dp_error_status(p->d, DP_EXIT_IO, (dp_loc){0}, "cannot write %s: %s", path, strerror(errno));
        return false;
    }
    return true;
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

bool dp_project_write(dp_project *p, const dp_dlist *dl, const dp_sheet *sheets, int n_sheets,
                      const char *path)
{
    if (dp_error_count(p->d) > 0)
        return false;
    if (!path) /* check: laid out, nothing written */
        return true;
    const char *slash = strrchr(path, '/');
    if (slash && slash != path) { /* -o a/b/x.pdf: the missing folders too */
        const char *dir = dp_arena_strndup(p->a, path, (size_t)(slash - path));
        if (!dp_make_dirs(dir, 0777)) {
            dp_error_status(p->d, DP_EXIT_IO, (dp_loc){0}, "cannot create folder %s: %s", dir,
                            strerror(errno));
            return false;
        }
    }
    if (!p->programs)
        p->programs = dp_programs_new();
    if (!dp_pdf_write(dl, sheets, n_sheets, p->fonts, p->programs, path, !p->opt->no_tags, p->d))
        return false;
    if (p->n_outputs < 4)
        p->outputs[p->n_outputs++] = path;
    if (p->opt->depfile && !write_depfile(p, dl))
        return false;
    if (p->opt->verbosity >= 0) /* printed after the warnings */
        dp_diags_after(p->d, "deckpress: wrote %s (%d pages, %ld bytes, %.0f ms)", path,
                       sheets ? n_sheets : dl->n_pages, file_size(path), now_ms() - p->t0_ms);
    return true;
}

/* ===== Slides and handouts ===== */

/* Before the first layout: what layout says of the font roles, once. */
static bool styles_usable(dp_project *p)
{
    if (!p->styles_reported)
        dp_styles_report(p->styles, p->d);
    p->styles_reported = true;
    return dp_styles_complete(p->styles);
}

dp_dlist *dp_project_slides(dp_project *p)
{
    dp_dlist *dl = styles_usable(p) ? dp_layout_slides(p->a, p->deck, p->t, p->styles, p->d) : NULL;
    if (dl)
        dp_lint_shrinking(p->deck, p->t, dl, p->d); /* reported by every build, not only check */
    p->slides = dl;
    return dl;
}

bool dp_project_handout(dp_project *p)
{
    const dp_options *opt = p->opt;
    const dp_deck *dk = p->deck;
    dp_handout_opts o = {.columns = opt->columns ? opt->columns : 1,
                         .column_first = opt->column_first, .speaker = opt->speaker};
    o.per_sheet = dk->settings.per_sheet;
    dp_handout_paper(&o, dk->settings.paper);
    /* options that the chosen layout has no use for: said, never ignored silently */
    const char *chosen = o.per_sheet ? "an N-up handout" : "the booklet";
    dp_loc nowhere = {0};
    if (opt->columns && o.per_sheet && !o.speaker)
        dp_warning(p->d, nowhere, "--columns has no effect on %s (it sets the booklet's columns)", chosen);
    if (opt->column_first && !o.per_sheet && !o.speaker)
        dp_warning(p->d, nowhere, "--column-first has no effect on %s (it orders N-up slides)", chosen);
    /* the settings hold --layout, else the deck's handout: layout */
    bool booklet_asked = (opt->layout || dk->handout_layout.s) && dk->settings.per_sheet == 0;
    if (o.speaker && o.per_sheet == 0) {
        o.per_sheet = 1; /* notes go beneath slides */
        if (booklet_asked)
            dp_warning(p->d, opt->layout ? nowhere : dk->handout_layout.loc,
                       "--speaker sets each slide with its notes beneath, one a page: the booklet "
                       "layout is not used");
        if (opt->columns)
            dp_warning(p->d, nowhere, "--columns has no effect with --speaker (slides with notes, one a page)");
    }
    /* handouts follow the deck's template: N-up sheets show exactly the
     * projected slides; the booklet and the sheets' own text are set in the
     * deck template's faces with the print template's sizes and palette */
    dp_template *print = dp_project_template(p, "print");
    if (!print)
        return false;
    dp_template *pt = dp_template_for_print(p->a, p->t, print);
    dp_handout_pages *h = &p->handout;
    memset(h, 0, sizeof *h);
    p->has_handout = true;
    if (!styles_usable(p))
        return false;
    if (o.per_sheet == 0) {
        h->booklet = dp_layout_booklet(p->a, dk, pt, p->styles, &o, p->d);
        return h->booklet != NULL;
    }
    h->slides = dp_layout_slides(p->a, dk, p->t, p->styles, p->d);
    if (!h->slides)
        return false;
    h->sheets = dp_impose(p->a, h->slides, dk, pt, p->styles, &o, &h->n_sheets, p->d);
    return h->sheets != NULL;
}

bool dp_project_handout_write(dp_project *p, const char *path)
{
    const dp_handout_pages *h = &p->handout;
    if (h->booklet)
        return dp_project_write(p, h->booklet, NULL, 0, path);
    return h->sheets && dp_project_write(p, h->slides, h->sheets, h->n_sheets, path);
}

bool dp_project_build(dp_project *p, const char *dir)
{
    dp_diags *d = p->d;
    if (!dp_make_dirs(dir, 0777)) /* -o a/b: the missing folders too */
        dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot create folder %s: %s", dir, strerror(errno));
    dp_dlist *dl = dp_error_count(d) ? NULL : dp_project_slides(p);
    const char *slides = dp_project_output(p, dir, "slides.pdf");
    /* The speaker's copy never takes the attendee handout's name (nor does
     * it replace an attendee handout already there). */
    const char *handout = dp_project_output(p, dir, p->opt->speaker ? "speaker.pdf" : "handout.pdf");
    return dl && dp_project_write(p, dl, NULL, 0, slides) && dp_pdfpc_write(p->a, dl, slides, d) &&
           dp_project_handout(p) && dp_project_handout_write(p, handout);
}
