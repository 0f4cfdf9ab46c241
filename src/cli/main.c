/* main.c: the command line. Arguments -> a command -> exit status; the only
 * place that prints diagnostics. Commands and options are tables: adding
 * one is one line in each. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "diag.h"
#include "progress.h"
#include "schema.h"
#include "version.h"

/* Each command is a bit, so an option can say which commands use it. */
enum { BUILD = 1, SLIDES = 2, HANDOUT = 4, CHECK = 8, FONTS = 16, WATCH = 32, IMPORT = 64 };

typedef struct {
    const char *name;
    int (*run)(const dp_options *, dp_diags *);
    bool needs_deck, needs_out;
    unsigned bit;
} command;

static const command commands[] = {
    {"build", dp_cmd_build, true, false, BUILD},
    {"slides", dp_cmd_slides, true, true, SLIDES},
    {"handout", dp_cmd_handout, true, true, HANDOUT},
    {"check", dp_cmd_check, true, false, CHECK},
    {"fonts", dp_cmd_fonts, false, false, FONTS},
    {"watch", dp_cmd_watch, true, false, WATCH},
    {"import", dp_cmd_import, true, false, IMPORT},
};
#define N_COMMANDS (sizeof commands / sizeof *commands)

typedef enum { OPT_STRING, OPT_INT, OPT_FLAG } opt_kind;
typedef struct {
    const char *name, *alias;
    opt_kind kind;
    size_t offset;
    unsigned used_by; /* the commands it changes anything for */
} option;

#define O(field) offsetof(dp_options, field)
#define LAYS (BUILD | SLIDES | HANDOUT | CHECK | WATCH) /* lay the deck out */
#define HANDOUTS (BUILD | HANDOUT | CHECK | WATCH)     /* make (or check) a handout */
static const option options[] = {
    {"-o", "--output", OPT_STRING, O(out_path), BUILD | SLIDES | HANDOUT | WATCH | IMPORT},
    {"--template", NULL, OPT_STRING, O(template_name), LAYS | FONTS},
    {"--aspect", NULL, OPT_STRING, O(aspect), LAYS},
    {"--theme", NULL, OPT_STRING, O(theme), LAYS | FONTS},
    {"--accent", NULL, OPT_STRING, O(accent), LAYS},
    {"--depfile", NULL, OPT_STRING, O(depfile), BUILD | SLIDES | HANDOUT | WATCH},
    {"--layout", NULL, OPT_STRING, O(layout), HANDOUTS},
    {"--paper", NULL, OPT_STRING, O(paper), HANDOUTS},
    {"--columns", NULL, OPT_INT, O(columns), HANDOUTS},
    {"--column-first", NULL, OPT_FLAG, O(column_first), HANDOUTS},
    {"--speaker", NULL, OPT_FLAG, O(speaker), HANDOUTS},
    {"--dump", NULL, OPT_FLAG, O(dump), LAYS},
    {"--strict", NULL, OPT_FLAG, O(strict), CHECK},
    {"--force", NULL, OPT_FLAG, O(force), IMPORT},
    {"--allow-outside", NULL, OPT_FLAG, O(allow_outside), LAYS | FONTS},
    {"--no-tags", NULL, OPT_FLAG, O(no_tags), BUILD | SLIDES | HANDOUT | WATCH},
};
#define N_OPTIONS (sizeof options / sizeof *options)

/* printf format: the handout layouts (dp_handout_layouts) fill in the two %s */
static const char usage[] =
    "usage: deckpress COMMAND DECK.yaml [options]\n"
    "\n"
    "Turns a YAML deck into PDF slides and attendee handouts with embedded,\n"
    "subsetted CJK fonts.\n"
    "\n"
    "commands:\n"
    "  build   DECK [-o OUTDIR]     OUTDIR/NAME.slides.pdf and NAME.handout.pdf (default OUTDIR: out)\n"
    "  slides  DECK -o FILE.pdf     the slides\n"
    "  handout DECK -o FILE.pdf     the handout [--layout %s] [--paper a4|letter]\n"
    "  check   DECK [--strict]      validate and lay out the deck; write nothing\n"
    "  fonts   [DECK]               the font file serving each role; with DECK, what each\n"
    "                               font covers of its text and what no font has\n"
    "  watch   DECK [-o OUTDIR]     build, then rebuild on every save of the deck, its template\n"
    "                               or an image; one line per rebuild; Ctrl-C stops\n"
    "  import  ARTICLE.md [-o DECK.yaml [--force]]  a Markdown Q&A article as a deck (stdout by\n"
    "                               default; an existing DECK.yaml only with --force);\n"
    "                               says what it could not map and where\n"
    "\n"
    "options:\n"
    "  -o PATH                output file (slides, handout) or folder (build)\n"
    "  --template NAME|FILE   use another template (templates/NAME.yaml or a path)\n"
    "  --aspect 16:9|4:3      page shape, overriding deck and template\n"
    "  --theme light|dark     the default template or its dark variant, overriding the deck\n"
    "  --accent '#RRGGBB'     accent colour, overriding deck and template\n"
    "  --layout L             handout layout: %s (slides a sheet)\n"
    "  --paper a4|letter      handout paper (default a4, or the deck's handout: paper)\n"
    "  --columns 1|2          booklet in one or two columns\n"
    "  --column-first         N-up: fill columns before rows\n"
    "  --speaker              speaker's handout: each slide with its notes beneath\n"
    "  --depfile FILE         write a make rule listing every file the build read\n"
    "  --dump                 print the display list (every text run and shape) to stdout\n"
    "  --strict               check: warnings count as errors\n"
    "  --force                import: overwrite an existing -o file\n"
    "  --allow-outside        images may come from outside the deck's folder\n"
    "  --no-tags              untagged PDFs as before: no structure, not PDF/UA-1 or PDF/A-2\n"
    "  -q, --quiet            print errors only\n"
    "  -v, --verbose          say more: the font file of every role, all characters\n"
    "  -h, --help             show this help\n"
    "  --version              show the version and those of the libraries in use\n"
    "\n"
    "environment:\n"
    "  SOURCE_DATE_EPOCH      date written into the PDF (otherwise none: output is reproducible)\n"
    "  NO_COLOR               when set and not empty, never colour diagnostics\n"
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

static const option *find_option(const char *arg)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (strcmp(arg, options[i].name) == 0 || (options[i].alias && strcmp(arg, options[i].alias) == 0))
            return &options[i];
    return NULL;
}

/* "unknown option --colums; did you mean --columns?" */
static int unknown_option(const char *a)
{
    const char *names[2 * N_OPTIONS + 7];
    int n = 0;
    for (size_t i = 0; i < N_OPTIONS; i++) {
        names[n++] = options[i].name;
        if (options[i].alias)
            names[n++] = options[i].alias;
    }
    static const char *const others[] = {"--quiet", "--verbose", "--help", "--version"};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        names[n++] = others[i];
    int near = dp_closest_word(a, names, n);
    if (near >= 0) {
        fprintf(stderr, "deckpress: error: unknown option %s; did you mean %s?\n", a, names[near]);
        fprintf(stderr, "Try 'deckpress --help'.\n");
        return DP_EXIT_USAGE;
    }
    return usage_error("unknown option %s", a);
}

/* Parse argv into 'opt'; returns DP_EXIT_OK or a usage error's status. */
static int parse(int argc, char **argv, dp_options *opt, bool *given)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const option *o = find_option(a);
        if (o) {
            given[o - options] = true;
            char *field = (char *)opt + o->offset;
            if (o->kind == OPT_FLAG) {
                *(bool *)field = true;
                continue;
            }
            if (i + 1 >= argc)
                return usage_error("option %s needs a value", a);
            const char *v = argv[++i];
            if (o->kind == OPT_STRING) {
                *(const char **)field = v;
            } else {
                char *end;
                long n = strtol(v, &end, 10);
                if (*end || n < 1 || n > 2)
                    return usage_error("--columns takes 1 or 2, not '%s'", v);
                *(int *)field = (int)n;
            }
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            opt->verbosity = -1;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            opt->verbosity = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return unknown_option(a);
        } else if (!opt->command) {
            opt->command = a;
        } else if (!opt->deck_path) {
            opt->deck_path = a;
        } else {
            return usage_error("unexpected argument %s", a);
        }
    }
    return DP_EXIT_OK;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            char bar[128], list[128];
            printf(usage, dp_handout_layout_words(bar, sizeof bar, "|", "|"),
                   dp_handout_layout_words(list, sizeof list, ", ", " or "));
            return DP_EXIT_OK;
        }
        if (strcmp(argv[i], "--version") == 0) {
            dp_print_version(stdout);
            return DP_EXIT_OK;
        }
    }
    dp_options opt = {.exe_dir = exe_dir()};
    bool given[N_OPTIONS] = {0};
    int status = parse(argc, argv, &opt, given);
    if (status != DP_EXIT_OK)
        return status;
    if (!opt.command)
        return usage_error("%s", "no command given");
    const command *cmd = NULL;
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++) {
        names[i] = commands[i].name;
        if (strcmp(opt.command, commands[i].name) == 0)
            cmd = &commands[i];
    }
    if (!cmd) {
        int near = dp_closest_word(opt.command, names, (int)N_COMMANDS);
        if (near >= 0) {
            fprintf(stderr, "deckpress: error: unknown command '%s'; did you mean '%s'?\n", opt.command, names[near]);
            fprintf(stderr, "Try 'deckpress --help'.\n");
            return DP_EXIT_USAGE;
        }
        return usage_error("unknown command '%s' (commands: build, slides, handout, check, fonts, watch, import)", opt.command);
    }
    if (cmd->needs_deck && !opt.deck_path)
        return usage_error("%s", "no deck given");
    if (cmd->needs_out && !opt.out_path)
        return usage_error("%s needs -o FILE.pdf", cmd->name);

    /* the environment: read here, once */
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    bool tty = isatty(2);
    opt.epoch = epoch && *epoch ? strtoll(epoch, NULL, 10) : -1;
    opt.fonts_env = getenv("DECKPRESS_FONTS");
    opt.templates_env = getenv("DECKPRESS_TEMPLATES");
    opt.color = tty && !(no_color && *no_color);
    /* A progress line for long builds: on a terminal only, never with -q,
     * and not for commands with their own output (fonts, import, watch's
     * status lines) nor while --dump writes to stdout. */
    bool builds = cmd->run == dp_cmd_build || cmd->run == dp_cmd_slides ||
                  cmd->run == dp_cmd_handout || cmd->run == dp_cmd_check;
    if (tty && opt.verbosity >= 0 && !opt.dump && builds &&
        !(term && strcmp(term, "dumb") == 0))
        dp_progress_start(opt.deck_path);
    dp_diags *d = dp_diags_new();
    for (size_t i = 0; i < N_OPTIONS; i++) /* accepted, but changes nothing: say so */
        if (given[i] && !(options[i].used_by & cmd->bit)) {
            char *users = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&users, &len);
            for (size_t c = 0, k = 0; f && c < N_COMMANDS; c++)
                if (options[i].used_by & commands[c].bit)
                    fprintf(f, "%s%s", k++ ? ", " : "", commands[c].name);
            if (f)
                fclose(f);
            dp_warning(d, (dp_loc){0}, "%s has no effect with %s", options[i].name, cmd->name);
            dp_hint(d, "it is for %s", users ? users : "other commands");
            free(users);
        }
    status = cmd->run(&opt, d);
    dp_progress_stop();
    dp_diags_print_min(d, stderr, opt.color, opt.verbosity < 0 ? DP_ERROR : DP_NOTE);
    dp_diags_free(d);
    return status;
}
