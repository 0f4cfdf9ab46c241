/* commands.h: the commands of deckpress, each a thin caller of the pipeline
 * (project.h). Only main.c prints diagnostics; commands report through
 * dp_diags and return an exit status. A command never calls another. */
#ifndef DP_COMMANDS_H
#define DP_COMMANDS_H

#include "project.h"

/* Commands: each returns an exit status. */
int dp_cmd_build(const dp_options *opt, dp_diags *d);   /* cmd_build.c */
int dp_cmd_slides(const dp_options *opt, dp_diags *d);  /* cmd_build.c */
int dp_cmd_check(const dp_options *opt, dp_diags *d);   /* cmd_build.c */
int dp_cmd_handout(const dp_options *opt, dp_diags *d); /* cmd_handout.c */
int dp_cmd_fonts(const dp_options *opt, dp_diags *d);   /* cmd_fonts.c */
int dp_cmd_watch(const dp_options *opt, dp_diags *d);   /* watch.c */
int dp_cmd_import(const dp_options *opt, dp_diags *d);  /* import.c: Markdown article -> deck */

/* --dump: what the project laid out (the slides, then the handout) to
 * 'out' (dump.c; every command that lays out takes --dump). */
void dp_cmd_dump(const dp_project *p, FILE *out);

#endif
