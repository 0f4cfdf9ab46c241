/* dump.c: --dump for every command that lays out (see commands.h). */
#include "commands.h"

#include <stdio.h>

void dp_cmd_dump(const dp_project *p, FILE *out)
{
    if (!p->opt->dump)
        return;
    if (p->slides)
        dp_dlist_dump(p->slides, out);
    if (p->has_handout && p->handout.booklet)
        dp_dlist_dump(p->handout.booklet, out);
    else if (p->has_handout && p->handout.sheets)
        dp_sheets_dump(p->handout.slides, p->handout.sheets, p->handout.n_sheets, out);
}
