/* build.h: one run of deckpress on one deck: load, lay out, write. The
 * driver that shows every lifetime (arena, fonts, diagnostics). */
#ifndef DP_BUILD_H
#define DP_BUILD_H
#include <stdbool.h>

#include "diag.h"

typedef enum { DP_CMD_BUILD, DP_CMD_SLIDES, DP_CMD_CHECK } dp_command;

typedef struct {
    dp_command cmd;
    const char *deck_path;
    const char *out_path;       /* slides: the PDF; build: the output folder */
    const char *template_name;  /* overrides the deck's template: a name or a path */
    const char *aspect;         /* overrides deck and template: "16:9" or "4:3" */
    const char *depfile;        /* write a make rule listing every input used */
    const char *exe_dir;        /* folder of the running binary, for its templates */
    bool dump;                  /* print the display list to stdout */
    bool strict;                /* check: warnings fail */
    int verbosity;              /* -1 quiet, 0 normal, 1 verbose */
} dp_options;

/* Run the command. Messages go to 'd' (main prints them); returns the exit
 * status. Summary lines ("wrote ...") go to stderr unless quiet. */
int dp_build_run(const dp_options *opt, dp_diags *d);

#endif
