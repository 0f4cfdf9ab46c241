/* atomic_file.c: see atomic_file.h. */
#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"

char *dp_atomic_tmp_name(const char *path)
{
    size_t n = strlen(path) + 32;
    char *tmp = dp_xrealloc(NULL, n);
    snprintf(tmp, n, "%s.tmp-%ld", path, (long)getpid());
    return tmp;
}

FILE *dp_atomic_open(dp_atomic_file *w, const char *path)
{
    w->path = path;
    w->tmp = dp_atomic_tmp_name(path);
    w->f = fopen(w->tmp, "wb");
    if (!w->f) {
        int e = errno;
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
    free(w->tmp);
    w->tmp = NULL;
    w->f = NULL;
}
