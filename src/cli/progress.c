/* progress.c: the progress line (see progress.h). A SIGALRM interval timer
 * draws it with write(2), the only output a signal handler may do. No
 * escape sequences at all (NO_COLOR and dumb terminals see none): the line
 * only grows, and is erased with CR, spaces over its width, CR. */
#include "progress.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "utf8.h"

static char line[256];         /* "\rdeckpress: building DECK … " */
static size_t line_len;
static volatile sig_atomic_t ticks, shown, active, width; /* width: columns drawn */

/* Append the elapsed time "1.5 s" and draw; async-signal-safe. */
static void on_tick(int sig)
{
    (void)sig;
    ticks++;
    char buf[sizeof line + 16];
    memcpy(buf, line, line_len);
    size_t n = line_len;
    int tenths = (int)ticks * (DP_PROGRESS_AFTER_MS / 100); /* elapsed, in 0.1 s */
    char digits[12];
    int k = 0;
    int whole = tenths / 10;
    do
        digits[k++] = (char)('0' + whole % 10);
    while ((whole /= 10) > 0 && k < 10);
    while (k > 0)
        buf[n++] = digits[--k];
    buf[n++] = '.';
    buf[n++] = (char)('0' + tenths % 10);
    memcpy(buf + n, " s", 2);
    n += 2;
    int cols = 0;
    for (size_t i = 1; i < n; i++) /* UTF-8 lead bytes: one column each */
        cols += ((unsigned char)buf[i] & 0xC0) != 0x80;
    ssize_t w = write(STDERR_FILENO, buf, n);
    (void)w;
    width = cols;
    shown = 1;
}

static void set_timer(int ms)
{
    struct itimerval it = {0};
    it.it_value.tv_sec = ms / 1000;
    it.it_value.tv_usec = (ms % 1000) * 1000;
    it.it_interval = it.it_value;
    setitimer(ITIMER_REAL, &it, NULL);
}

static void block(bool on)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGALRM);
    sigprocmask(on ? SIG_BLOCK : SIG_UNBLOCK, &s, NULL);
}

static void erase(void)
{
    if (shown) {
        char blank[sizeof line + 24];
        size_t n = 0;
        blank[n++] = '\r';
        for (int i = 0; i < width && n < sizeof blank - 1; i++)
            blank[n++] = ' ';
        blank[n++] = '\r';
        ssize_t w = write(STDERR_FILENO, blank, n);
        (void)w;
        shown = 0;
    }
}

void dp_progress_start(const char *what)
{
    /* The file name only: a line wider than the terminal would wrap, and
     * CR returns only to the start of its last row. */
    const char *base = what ? strrchr(what, '/') : NULL;
    base = base ? base + 1 : what ? what : "";
    char name[200];
    int n = snprintf(line, sizeof line, "\rdeckpress: building %s \xE2\x80\xA6 ",
                     dp_utf8_clip(name, sizeof name, base, 60)); /* whole characters */
    line_len = n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick;
    sa.sa_flags = SA_RESTART; /* reads and writes of the build go on undisturbed */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    ticks = 0;
    active = 1;
    set_timer(DP_PROGRESS_AFTER_MS);
}

void dp_progress_stop(void)
{
    if (!active)
        return;
    block(true);
    set_timer(0);
    erase();
    active = 0;
    block(false);
}
