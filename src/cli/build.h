/* build.h: the commands of deckpress and the pipeline they share: load a
 * deck and its template, resolve fonts, lay out, write. Only main.c prints;
 * commands report through dp_diags and return an exit status. */
#ifndef DP_BUILD_H
#define DP_BUILD_H
#include <stdbool.h>

#include "arena.h"
#include "deck.h"
#include "diag.h"
#include "dlist.h"
#include "fonts.h"
#include "template.h"

/* Every option of every command; main.c fills it from the command line. */
typedef struct {
    const char *command;        /* "build", "slides", ... */
    const char *deck_path;      /* the positional argument */
    const char *out_path;       /* -o: a file (slides, handout) or folder (build) */
    const char *template_name;  /* --template: a name or a path */
    const char *aspect;         /* --aspect: "16:9" or "4:3" */
    const char *theme;          /* --theme: light or dark */
    const char *accent;         /* --accent: #RRGGBB */
    const char *depfile;        /* --depfile: write a make rule listing every input used */
    const char *layout;         /* --layout: a word of dp_handout_layouts (deck.h) */
    const char *paper;          /* --paper: a4|letter */
    const char *exe_dir;        /* folder of the running binary, for its templates */
    int columns;                /* --columns: booklet columns, 1 or 2 (0 = template's) */
    bool column_first;          /* --column-first: N-up order */
    bool speaker;               /* --speaker: handout with speaker notes under each slide */
    bool dump;                  /* --dump: print the display list to stdout */
    bool strict;                /* --strict: warnings fail (check) */
    bool force;                 /* --force: import may overwrite its -o file */
    bool allow_outside;         /* --allow-outside: images may lie outside the deck's folder */
    bool no_tags;               /* --no-tags: untagged PDFs, not PDF/UA-1 or PDF/A-2 */
    int verbosity;              /* -1 quiet, 0 normal, 1 verbose */
    /* The environment, read once by main.c: */
    long long epoch;            /* SOURCE_DATE_EPOCH: the date the PDFs carry; -1 = none */
    bool color;                 /* diagnostics in colour: stderr is a terminal, NO_COLOR unset or empty */
} dp_options;

/* A loaded deck with everything needed to lay it out. */
typedef struct {
    dp_arena *a;
    const dp_options *opt;
    dp_diags *d;
    dp_deck *deck;
    dp_template *t;             /* the deck's (or --template) template */
    dp_fonts *fonts;
    double t0_ms;
    const char *templates[4];   /* template files loaded: inputs for the depfile */
    int n_templates;
    const char *outputs[4];     /* files written so far: the depfile's targets */
    int n_outputs;
} dp_project;

/* The command line's choices over the deck's (deck.h, dp_settings): the one
 * place they meet. Bad values are usage errors (exit 2). */
bool dp_settings_override(dp_settings *s, const dp_options *opt, dp_diags *d);
/* The template the settings pick: the one named, or for the shipped
 * default/dark pair the theme's (a warning when the theme overrides a name
 * written beside it, or cannot change a template of one's own). */
const char *dp_settings_template(const dp_settings *s, dp_diags *d);

/* Load the deck, its template and the fonts. Returns false with errors in
 * 'd'; call dp_project_fini() either way. */
bool dp_project_init(dp_project *p, const dp_options *opt, dp_diags *d);
void dp_project_fini(dp_project *p);
/* Another template for the same deck (e.g. "print" for handouts). */
dp_template *dp_project_template(dp_project *p, const char *name);
/* OUTDIR/NAME.SUFFIX for the deck (NAME = deck file name without .yaml). */
const char *dp_project_output(dp_project *p, const char *dir, const char *suffix);
/* Write 'dl' (through 'sheets' when not NULL) to 'path', then the depfile
 * and the summary line. A NULL 'path' writes nothing (check). */
bool dp_project_write(dp_project *p, const dp_dlist *dl, const void *sheets, int n_sheets,
                      const char *path);
/* What build does on an initialised project: OUTDIR/NAME.slides.pdf (and
 * NAME.slides.pdfpc when the deck has speaker notes), then the deck's
 * handout, OUTDIR/NAME.handout.pdf (with --speaker the speaker's copy,
 * OUTDIR/NAME.speaker.pdf, instead). Creates OUTDIR. Watch runs it again on
 * every change. Returns false with errors in the project's diags. */
bool dp_project_build(dp_project *p, const char *dir);
/* Exit status from the diagnostics. */
int dp_project_status(const dp_project *p);
/* Folders searched for 'name' ("templates" or "fonts"), most specific
 * first, NULL-terminated: $DECKPRESS_TEMPLATES or $DECKPRESS_FONTS,
 * DECK_DIR/NAME, DECK_DIR/../NAME, beside the binary (BIN/../NAME and
 * BIN/../share/deckpress/NAME, so an installed or staged copy finds its
 * data), then DP_DATADIR/NAME. Only folders that exist, each once; never
 * the working directory (unless it is DECK_DIR). */
const char **dp_search_dirs(dp_arena *a, const dp_options *opt, const char *deck_dir,
                            const char *name);
/* 'path' as a person would write it (malloc'd): resolved, so no
 * "decks/../templates", then relative to the working directory when inside
 * it. A path that does not exist is returned as it is. */
char *dp_path_shown(const char *path);
/* -v: a note per font role naming the file that serves it (cmd_fonts.c). */
void dp_fonts_explain(dp_project *p);

/* Commands: each returns an exit status. */
int dp_cmd_build(const dp_options *opt, dp_diags *d);
int dp_cmd_slides(const dp_options *opt, dp_diags *d);
int dp_cmd_check(const dp_options *opt, dp_diags *d);
int dp_cmd_handout(const dp_options *opt, dp_diags *d);
int dp_cmd_fonts(const dp_options *opt, dp_diags *d);   /* cmd_fonts.c */
int dp_cmd_watch(const dp_options *opt, dp_diags *d);   /* watch.c */
int dp_cmd_import(const dp_options *opt, dp_diags *d);  /* import.c: Markdown article -> deck */

/* The handout of a loaded project (--layout, --paper, else the deck's
 * handout: settings, else a booklet on A4) written to 'path' (handout.c). */
bool dp_handout_write(dp_project *p, const char *path);

#endif
