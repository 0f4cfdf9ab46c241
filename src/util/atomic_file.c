/* atomic_file.c: see atomic_file.h. */
#include "atomic_file.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

/* The temporary files being written, for dp_atomic_remove_all() in a
 * signal handler: a slot is claimed (1), filled, then published (2). */
enum { MAX_OPEN = 16, MAX_NAME = 4096 };
static char open_names[MAX_OPEN][MAX_NAME];
static volatile sig_atomic_t open_state[MAX_OPEN];

static void remember(const char *tmp)
{
    size_t n = strlen(tmp);
    if (n >= MAX_NAME)
        return;
    for (int i = 0; i < MAX_OPEN; i++)
        if (__sync_bool_compare_and_swap(&open_state[i], 0, 1)) {
            memcpy(open_names[i], tmp, n + 1);
            open_state[i] = 2;
            return;
        }
}

void dp_atomic_forget(const char *tmp)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_state[i] == 2 && strcmp(open_names[i], tmp) == 0) {
            open_state[i] = 0;
            return;
        }
}

void dp_atomic_remove_all(void)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_state[i] == 2)
            unlink(open_names[i]);
}

char *dp_atomic_tmp_name(const char *path)
{
    size_t n = strlen(path) + 32;
    char *tmp = dp_xrealloc(NULL, n);
    snprintf(tmp, n, "%s.tmp-%ld", path, (long)getpid());
    remember(tmp);
    return tmp;
}

FILE *dp_atomic_open(dp_atomic_file *w, const char *path)
{
    w->path = path;
    w->tmp = dp_atomic_tmp_name(path);
    w->f = fopen(w->tmp, "wb");
    if (!w->f) {
        int e = errno;
        dp_atomic_forget(w->tmp);
        free(w->tmp);
        w->tmp = NULL;
        errno = e;
    }
    return w->f;
}

bool dp_atomic_commit(dp_atomic_file *w)
{
    bool ok = !ferror(w->f);
    int e = ok ? 0 : EIO;
    if (fclose(w->f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(w->tmp, w->path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok)
        unlink(w->tmp);
    dp_atomic_forget(w->tmp);
    free(w->tmp);
    w->tmp = NULL;
    w->f = NULL;
    errno = e;
    return ok;
}

void dp_atomic_abort(dp_atomic_file *w)
{
    fclose(w->f);
    unlink(w->tmp);
    dp_atomic_forget(w->tmp);
    free(w->tmp);
    w->tmp = NULL;
    w->f = NULL;
}

bool dp_make_dirs(const char *dir, unsigned mode)
{
    char *p = dp_xstrdup(dir);
    bool ok = true;
    for (char *s = strchr(p + 1, '/'); s && ok; s = strchr(s + 1, '/')) {
        *s = '\0';
        ok = mkdir(p, mode) == 0 || errno == EEXIST;
        *s = '/';
    }
    if (ok && mkdir(p, mode) != 0 && errno != EEXIST)
        ok = false;
    struct stat sb;
    if (ok && stat(p, &sb) != 0)
        ok = false;
    else if (ok && !S_ISDIR(sb.st_mode))
        ok = false, errno = ENOTDIR;
    int e = errno;
    free(p);
    errno = e;
    return ok;
}
