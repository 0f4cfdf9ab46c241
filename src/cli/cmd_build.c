/* cmd_build.c: the build, slides and check commands (see commands.h): thin
 * callers of the pipeline (project.h). */
#include "commands.h"

#include <stdio.h>

#include "lint.h"
#include "pdfpc.h"

int dp_cmd_slides(const dp_options *opt, dp_diags *d)
{
    dp_project p;
    if (dp_project_init(&p, opt, d)) {
        dp_dlist *dl = dp_project_slides(&p);
        dp_cmd_dump(&p, stdout);
        if (dl && dp_project_write(&p, dl, NULL, 0, opt->out_path))
            dp_pdfpc_write(p.a, dl, opt->out_path, d); /* speaker notes for pdfpc */
    }
    int status = dp_project_status(&p);
    dp_project_fini(&p);
    return status;
}

int dp_cmd_check(const dp_options *opt, dp_diags *d)
{
    dp_project p;
    if (dp_project_init(&p, opt, d)) {
        dp_dlist *dl = dp_project_slides(&p);
        if (dl && dp_project_handout(&p)) /* what the handout's layout reports too */
            dp_project_handout_write(&p, NULL);
        dp_cmd_dump(&p, stdout);
        dp_lint(p.deck, p.t, dl, d); /* lint.c: duplicates, placeholders, ... */
    } else if (p.deck)
        dp_lint(p.deck, NULL, NULL, d);
    int status = dp_project_status(&p);
    if (status == DP_EXIT_OK && opt->strict && dp_warning_count(d) > 0)
        status = DP_EXIT_INPUT;
    dp_project_fini(&p);
    return status;
}

/* Slides and the deck's default handout in one run. */
int dp_cmd_build(const dp_options *opt, dp_diags *d)
{
    dp_project p;
    if (dp_project_init(&p, opt, d)) {
        dp_project_build(&p, opt->out_path ? opt->out_path : "out");
        dp_cmd_dump(&p, stdout);
    }
    int status = dp_project_status(&p);
    dp_project_fini(&p);
    return status;
}
