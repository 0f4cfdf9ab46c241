/* main.c: the command line. Arguments -> dp_build_run() -> exit status; the
 * only place that prints diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "diag.h"

#ifndef DP_VERSION
#define DP_VERSION "0.1.0"
#endif

static const char usage[] =
    "usage: deckpress COMMAND DECK.yaml [options]\n"
    "\n"
    "Turns a YAML deck into PDF slides with embedded, subsetted CJK fonts.\n"
    "\n"
    "commands:\n"
    "  build   DECK [-o OUTDIR]     write OUTDIR/NAME.slides.pdf (default OUTDIR: out)\n"
    "  slides  DECK -o FILE.pdf     write the slides to FILE.pdf\n"
    "  check   DECK [--strict]      validate the deck and lay it out; write nothing\n"
    "\n"
    "options:\n"
    "  -o PATH                output file (slides) or folder (build)\n"
    "  --template NAME|FILE   use another template (templates/NAME.yaml or a path)\n"
    "  --aspect 16:9|4:3      page shape, overriding deck and template\n"
    "  --depfile FILE         write a make rule listing the deck, template and fonts used\n"
    "  --dump                 print the display list (every text run and shape) to stdout\n"
    "  --strict               check: warnings count as errors\n"
    "  -q, --quiet            print errors only\n"
    "  -v, --verbose          say more\n"
    "  -h, --help             show this help\n"
    "  --version              show the version\n"
    "\n"
    "environment:\n"
    "  SOURCE_DATE_EPOCH      date written into the PDF (otherwise none: output is reproducible)\n"
    "  NO_COLOR               never colour diagnostics\n"
    "  DECKPRESS_TEMPLATES, DECKPRESS_FONTS   extra folders searched first\n"
    "\n"
    "exit status:\n"
    "  0 success · 1 bad deck or template · 2 bad command line\n"
    "  3 missing font, template or other resource · 4 cannot read or write a file\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "deckpress: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'deckpress --help'.\n");
    return DP_EXIT_USAGE;
}

/* Folder of the running binary, to find templates/ and fonts/ beside it. */
static char *exe_dir(void)
{
    static char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    return buf;
}

int main(int argc, char **argv)
{
    dp_options opt = {.exe_dir = exe_dir()};
    const char *cmd = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            return DP_EXIT_OK;
        } else if (strcmp(a, "--version") == 0) {
            printf("deckpress %s\n", DP_VERSION);
            return DP_EXIT_OK;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--template") == 0 ||
                   strcmp(a, "--aspect") == 0 || strcmp(a, "--depfile") == 0) {
            if (!next)
                return usage_error("option %s needs a value", a);
            if (a[1] == 'o')
                opt.out_path = next;
            else if (a[2] == 't')
                opt.template_name = next;
            else if (a[2] == 'a')
                opt.aspect = next;
            else
                opt.depfile = next;
            i++;
        } else if (strcmp(a, "--dump") == 0) {
            opt.dump = true;
        } else if (strcmp(a, "--strict") == 0) {
            opt.strict = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            opt.verbosity = -1;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            opt.verbosity = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option %s", a);
        } else if (!cmd) {
            cmd = a;
        } else if (!opt.deck_path) {
            opt.deck_path = a;
        } else {
            return usage_error("unexpected argument %s", a);
        }
    }
    if (!cmd)
        return usage_error("%s", "no command given");
    if (strcmp(cmd, "build") == 0)
        opt.cmd = DP_CMD_BUILD;
    else if (strcmp(cmd, "slides") == 0)
        opt.cmd = DP_CMD_SLIDES;
    else if (strcmp(cmd, "check") == 0)
        opt.cmd = DP_CMD_CHECK;
    else
        return usage_error("unknown command '%s' (commands: build, slides, check)", cmd);
    if (!opt.deck_path)
        return usage_error("%s", "no deck given");
    if (opt.cmd == DP_CMD_SLIDES && !opt.out_path)
        return usage_error("%s", "slides needs -o FILE.pdf");
    if (opt.aspect && strcmp(opt.aspect, "16:9") != 0 && strcmp(opt.aspect, "4:3") != 0)
        return usage_error("--aspect must be 16:9 or 4:3, not '%s'", opt.aspect);

    dp_diags *d = dp_diags_new();
    int status = dp_build_run(&opt, d);
    bool color = isatty(2) && !getenv("NO_COLOR");
    dp_diags_print(d, stderr, color);
    dp_diags_free(d);
    return status;
}
