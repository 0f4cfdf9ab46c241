/* cmd_handout.c: the handout command (the pipeline's handout: project.h). */
#include <stdio.h>
#include <string.h>

#include "commands.h"

/* True when 'path' is named like an attendee handout (NAME.handout.pdf). */
static bool attendee_name(const char *path)
{
    size_t n = strlen(path), k = strlen(".handout.pdf");
    return n >= k && strcmp(path + n - k, ".handout.pdf") == 0;
}

int dp_cmd_handout(const dp_options *opt, dp_diags *d)
{
    if (opt->speaker && attendee_name(opt->out_path)) {
        /* the speaker's notes must never go out under an attendee's name */
        dp_error_status(d, DP_EXIT_USAGE, (dp_loc){0},
                        "--speaker writes the speaker's notes: not into %s, an attendee handout's name",
                        opt->out_path);
        dp_hint(d, "name the speaker's copy NAME.speaker.pdf");
        return DP_EXIT_USAGE;
    }
    dp_project p;
    if (dp_project_init(&p, opt, d)) {
        bool laid_out = dp_project_handout(&p);
        dp_cmd_dump(&p, stdout);
        if (laid_out)
            dp_project_handout_write(&p, opt->out_path);
    }
    int status = dp_project_status(&p);
    dp_project_fini(&p);
    return status;
}
