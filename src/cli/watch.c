/* watch.c: `deckpress watch DECK [-o OUTDIR]`: build, then build again
 * whenever the deck, a template it used or an image it names changes.
 *
 * Linux inotify on the folders of those files, not on the files: editors
 * save by writing a new file and renaming it over the old one, which a
 * watch on the old inode would miss. Events for other names in the folders
 * (the PDFs written, editors' swap files) are ignored. After the first
 * event the loop waits until the folders have been quiet for DEBOUNCE_MS,
 * so one save (write, rename, chmod) is one rebuild.
 *
 * Each rebuild runs build's pipeline in this process (dp_project_build) with
 * a fresh dp_diags, and prints those diagnostics itself: the one exception
 * to "only main.c prints", because the command's own loop is where the
 * messages of each rebuild belong. Then one status line on stdout:
 *   12:04:31 rebuilt out/x.slides.pdf, out/x.handout.pdf in 412 ms
 *   12:04:40 2 errors: kept the last good PDFs
 * A deck with errors writes nothing (the PDFs are replaced by rename only
 * after a whole good run), so the last good PDFs stay. SIGINT and SIGTERM
 * end the loop, during a build too (its half-written files are removed);
 * the exit status is 0. Paths are printed resolved, relative to the working
 * directory when inside it. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "commands.h"
#include "progress.h"

enum { DEBOUNCE_MS = 50, MAX_FILES = 256 };

/* A file of interest: the folder's inotify watch and the file's name in it. */
typedef struct {
    int wd;
    char *dir, *name;
} watched;

typedef struct {
    int fd;
    watched files[MAX_FILES];
    int n;
    dp_diags *d; /* setup errors: printed by main */
} watcher;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void watch_file(watcher *w, const char *path)
{
    if (!path || !*path || w->n >= MAX_FILES)
        return;
    const char *slash = strrchr(path, '/');
    char *dir = dp_xstrdup(slash ? path : ".");
    if (slash)
        dir[slash == path ? 1 : slash - path] = '\0';
    const char *name = slash ? slash + 1 : path;
    for (int i = 0; i < w->n; i++)
        if (strcmp(w->files[i].dir, dir) == 0 && strcmp(w->files[i].name, name) == 0) {
            free(dir);
            return;
        }
    int wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE |
                                              IN_MOVED_FROM | IN_ATTRIB | IN_ONLYDIR);
    if (wd < 0) { /* a folder that does not exist (yet): nothing to watch there */
        free(dir);
        return;
    }
    w->files[w->n++] = (watched){wd, dir, dp_xstrdup(name)};
}

/* The deck, its templates and the images it names (relative to the deck). */
static void watch_inputs(watcher *w, const dp_options *opt, const dp_project *p)
{
    watch_file(w, opt->deck_path);
    for (int i = 0; i < p->n_templates; i++)
        watch_file(w, p->templates[i]);
    const dp_deck *dk = p->deck;
    if (!dk)
        return;
    const dp_text *images[2 + 1024];
    int n = 0;
    images[n++] = &dk->intro.image;
    images[n++] = &dk->closing.image;
    for (int s = 0; s < dk->n_sections; s++)
        for (int i = 0; i < dk->sections[s].n_items && n < (int)(sizeof images / sizeof *images); i++)
            images[n++] = &dk->sections[s].items[i].image;
    for (int i = 0; i < n; i++) {
        if (!images[i]->s)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s%s%s", images[i]->s[0] == '/' ? "" : dk->dir,
                 images[i]->s[0] == '/' ? "" : "/", images[i]->s);
        watch_file(w, path);
    }
}

static bool relevant(const watcher *w, const struct inotify_event *ev)
{
    if (!ev->len)
        return false;
    for (int i = 0; i < w->n; i++)
        if (w->files[i].wd == ev->wd && strcmp(w->files[i].name, ev->name) == 0)
            return true;
    return false;
}

/* Read what inotify has; true when any event was about a watched file. */
static bool drain(watcher *w)
{
    bool hit = false;
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n <= 0)
            return hit;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            hit |= relevant(w, ev);
            p += sizeof *ev + ev->len;
        }
    }
}


/* SIGINT or SIGTERM during a build: remove the files half written and go,
 * without waiting for the build to end. */
static void stop_now(int sig)
{
    (void)sig;
    dp_atomic_remove_all();
    _exit(DP_EXIT_OK);
}

static const char *clock_now(char *buf, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, cap, "%H:%M:%S", &tm);
    return buf;
}

/* One build; prints its diagnostics and the status line. */
static void rebuild(watcher *w, const dp_options *opt, const char *dir, bool first, bool color,
                    dp_severity min)
{
    double t0 = now_ms();
    dp_diags *d = dp_diags_new();
    dp_project p;
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    sigprocmask(SIG_UNBLOCK, &sigs, NULL); /* a stop during the build: stop_now() */
    bool ok = dp_project_init(&p, opt, d) && dp_project_build(&p, dir);
    dp_cmd_dump(&p, stdout);
    sigprocmask(SIG_BLOCK, &sigs, NULL); /* between builds: the signalfd */
    double ms = now_ms() - t0;
    watch_inputs(w, opt, &p);
    char outs[1024] = "";
    for (int i = 0; i < p.n_outputs; i++) {
        size_t k = strlen(outs);
        char *shown = dp_path_shown(p.outputs[i]);
        snprintf(outs + k, sizeof outs - k, "%s%s", i ? ", " : "", shown);
        free(shown);
    }
    int errors = dp_error_count(d), warnings = dp_warning_count(d);
    dp_project_fini(&p);
    dp_diags_print_min(d, stderr, color, min);
    dp_diags_free(d);
    fflush(stderr);
    char hms[16], extra[32] = "";
    if (warnings)
        snprintf(extra, sizeof extra, " (%d warning%s)", warnings, warnings > 1 ? "s" : "");
    if (ok && errors == 0)
        printf("%s %s %s in %.0f ms%s\n", clock_now(hms, sizeof hms), first ? "built" : "rebuilt", outs,
               ms, extra);
    else
        printf("%s %d error%s: kept the last good PDFs\n", clock_now(hms, sizeof hms), errors,
               errors == 1 ? "" : "s");
    fflush(stdout);
}

int dp_cmd_watch(const dp_options *opt, dp_diags *d)
{
    dp_progress_stop(); /* the loop never ends by itself: no "building … 40 s" */
    setvbuf(stdout, NULL, _IOLBF, 0);
    dp_options o = *opt;
    /* one line per rebuild: the "wrote FILE" lines only with -v */
    if (o.verbosity == 0)
        o.verbosity = -1;
    dp_severity min = opt->verbosity < 0 ? DP_ERROR : DP_NOTE; /* -q: errors only */
    const char *dir = opt->out_path ? opt->out_path : "out";
    bool color = opt->color;

    watcher w = {.d = d};
    w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w.fd < 0) {
        dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot watch files: inotify: %s", strerror(errno));
        return DP_EXIT_IO;
    }
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    struct sigaction sa = {.sa_handler = stop_now};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigprocmask(SIG_BLOCK, &sigs, NULL);
    int sfd = signalfd(-1, &sigs, SFD_CLOEXEC);

    watch_file(&w, opt->deck_path); /* before the first build: a save during it counts */
    rebuild(&w, &o, dir, true, color, min);
    if (w.n == 0) {
        dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "cannot watch %s: its folder cannot be watched",
                        opt->deck_path);
    } else {
        printf("watching");
        for (int i = 0; i < w.n; i++) {
            char *shown = dp_path_shown(w.files[i].dir);
            bool here = strcmp(shown, ".") == 0;
            printf("%s %s%s%s", i ? "," : "", here ? "" : shown, here ? "" : "/", w.files[i].name);
            free(shown);
        }
        printf(" (Ctrl-C stops)\n");
    }
    int status = w.n ? DP_EXIT_OK : DP_EXIT_IO;
    bool stop = w.n == 0;
    while (!stop) {
        struct pollfd fds[2] = {{w.fd, POLLIN, 0}, {sfd, POLLIN, 0}};
        if (poll(fds, sfd >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            dp_error_status(d, DP_EXIT_IO, (dp_loc){0}, "watch: %s", strerror(errno));
            status = DP_EXIT_IO;
            break;
        }
        if (sfd >= 0 && (fds[1].revents & POLLIN))
            break;
        if (!drain(&w))
            continue;
        /* settle: editors write, rename and chmod in quick succession */
        for (;;) {
            struct pollfd q[2] = {{w.fd, POLLIN, 0}, {sfd, POLLIN, 0}};
            int r = poll(q, sfd >= 0 ? 2 : 1, DEBOUNCE_MS);
            if (r == 0)
                break;
            if (r > 0 && sfd >= 0 && (q[1].revents & POLLIN)) {
                stop = true;
                break;
            }
            if (r > 0)
                drain(&w);
        }
        if (!stop)
            rebuild(&w, &o, dir, false, color, min);
    }
    if (sfd >= 0)
        close(sfd);
    close(w.fd);
    for (int i = 0; i < w.n; i++)
        free(w.files[i].dir), free(w.files[i].name);
    return status;
}
