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
 * themselves (libharu). */
char *dp_atomic_tmp_name(const char *path);

/* Open the temporary file for writing; NULL (errno set) on failure. */
FILE *dp_atomic_open(dp_atomic_file *w, const char *path);

/* Close, check for write errors and rename into place. On failure the
 * temporary file is removed and errno tells why; false. */
bool dp_atomic_commit(dp_atomic_file *w);

/* Give up: close and remove the temporary file. */
void dp_atomic_abort(dp_atomic_file *w);

#endif
