/* atomic_file.h: a file that appears whole or not at all. It is written
 * under a temporary name next to its final one (NAME.tmp-PID) and renamed
 * over it only when everything was written, so readers never see half a
 * file and a failure leaves the previous one untouched. */
#ifndef DP_ATOMIC_FILE_H
#define DP_ATOMIC_FILE_H
#include <stdbool.h>
#include <stdio.h>

typedef struct {
    FILE *f;
    char *tmp;          /* malloc'd */
    const char *path;
} dp_atomic_file;

/* The temporary name for 'path' (malloc'd), for writers that open it
 * themselves (libharu); it is remembered until dp_atomic_forget(). */
char *dp_atomic_tmp_name(const char *path);
/* The temporary file is gone (renamed or removed): stop remembering it. */
void dp_atomic_forget(const char *tmp);
/* Remove every temporary file being written; async-signal-safe, for a
 * process told to stop mid-write (watch on SIGTERM). */
void dp_atomic_remove_all(void);

/* Open the temporary file for writing; NULL (errno set) on failure. */
FILE *dp_atomic_open(dp_atomic_file *w, const char *path);

/* Close, check for write errors and rename into place. On failure the
 * temporary file is removed and errno tells why; false. */
bool dp_atomic_commit(dp_atomic_file *w);

/* Give up: close and remove the temporary file. */
void dp_atomic_abort(dp_atomic_file *w);

/* Create folder 'dir' and any missing parents (mkdir -p); false with errno
 * set when one cannot be made or a part is not a folder. */
bool dp_make_dirs(const char *dir, unsigned mode);

#endif
