/* project.h: the pipeline every command runs: load a deck and its
 * template, resolve fonts, lay out the slides and the handout (booklet or
 * N-up sheets), write the PDFs, the pdfpc notes and the depfile. The
 * commands (src/cli/) are thin callers of it; it calls no command and
 * prints nothing: it reports through dp_diags and leaves what it laid out
 * in the dp_project for the command to show (--dump). */
#ifndef DP_PROJECT_H
#define DP_PROJECT_H
#include <stdbool.h>

#include "arena.h"
#include "deck.h"
#include "diag.h"
#include "dlist.h"
#include "fonts.h"
#include "font_programs.h"
#include "handout.h"
#include "styles.h"
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
    const char *fonts_env;      /* DECKPRESS_FONTS: a fonts folder searched first; NULL = none */
    const char *templates_env;  /* DECKPRESS_TEMPLATES: a templates folder searched first */
    bool color;                 /* diagnostics in colour: stderr is a terminal, NO_COLOR unset or empty */
} dp_options;

/* A handout laid out: the booklet's pages, or N-up sheets placing the
 * pages of 'slides'. */
typedef struct {
    dp_dlist *booklet;          /* the booklet; NULL for N-up */
    dp_dlist *slides;           /* N-up: the slides the sheets place */
    dp_sheet *sheets;
    int n_sheets;
} dp_handout_pages;

/* A loaded deck with everything needed to lay it out. */
typedef struct {
    dp_arena *a;
    const dp_options *opt;
    dp_diags *d;
    dp_deck *deck;              /* NULL for a project of a template alone */
    dp_template *t;             /* the deck's (or --template) template */
    dp_fonts *fonts;
    dp_styles *styles;          /* the template's font roles, resolved once */
    dp_programs *programs;      /* the writer's font programs, shared by the run's PDFs */
    bool styles_reported;       /* dp_styles_report() said what layout says of them */
    double t0_ms;
    const char *templates[4];   /* template files loaded: inputs for the depfile */
    int n_templates;
    const char *outputs[4];     /* files written so far: the depfile's targets */
    int n_outputs;
    /* What was laid out, for the command to show (--dump): */
    dp_dlist *slides;           /* dp_project_slides() */
    dp_handout_pages handout;   /* dp_project_handout() */
    bool has_handout;
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
/* A project of a template alone (the --template and --theme of 'opt', else
 * the default), with fonts and no deck: `deckpress fonts` without a deck.
 * Call dp_project_fini() either way. */
bool dp_project_init_template(dp_project *p, const dp_options *opt, dp_diags *d);
void dp_project_fini(dp_project *p);
/* Another template for the same deck (e.g. "print" for handouts). */
dp_template *dp_project_template(dp_project *p, const char *name);
/* OUTDIR/NAME.SUFFIX for the deck (NAME = deck file name without .yaml). */
const char *dp_project_output(dp_project *p, const char *dir, const char *suffix);
/* Write 'dl' (through 'sheets' when not NULL) to 'path', then the depfile
 * and the summary line. A NULL 'path' writes nothing (check). */
bool dp_project_write(dp_project *p, const dp_dlist *dl, const dp_sheet *sheets, int n_sheets,
                      const char *path);
/* The slides laid out (into p->slides), with the shrinking warnings every
 * command that lays them out reports. NULL with errors in the diags. */
dp_dlist *dp_project_slides(dp_project *p);
/* The handout (--layout, --paper, else the deck's handout: settings, else a
 * booklet on A4) laid out with the print template into p->handout; false
 * with errors in the diags. */
bool dp_project_handout(dp_project *p);
/* Write the handout laid out by dp_project_handout() to 'path' (NULL:
 * nothing, as check). */
bool dp_project_handout_write(dp_project *p, const char *path);
/* What build does on an initialised project: OUTDIR/NAME.slides.pdf (and
 * NAME.slides.pdfpc when the deck has speaker notes), then the deck's
 * handout, OUTDIR/NAME.handout.pdf (with --speaker the speaker's copy,
 * OUTDIR/NAME.speaker.pdf, instead). Creates OUTDIR. Watch runs it again on
 * every change. Returns false with errors in the project's diags. */
bool dp_project_build(dp_project *p, const char *dir);
/* Exit status from the diagnostics. */
int dp_project_status(const dp_project *p);
/* 'path' as a person would write it (malloc'd): resolved, so no
 * "decks/../templates", then relative to the working directory when inside
 * it. A path that does not exist is returned as it is. */
char *dp_path_shown(const char *path);
#endif
