/* read_file.c: see read_file.h. */
#include "read_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

char *dp_read_file(const char *path, size_t max, size_t *len)
{
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat sb;
    int err = fstat(fd, &sb) != 0 ? errno : S_ISDIR(sb.st_mode) ? EISDIR : 0;
    if (err) {
        close(fd);
        errno = err;
        return NULL;
    }
    /* A regular file: its size (plus the byte that shows it grew past max);
     * anything else grows by doubling. One byte past max is enough to know
     * the file is too large. */
    size_t limit = max + 1, cap = 64 * 1024;
    if (S_ISREG(sb.st_mode) && sb.st_size >= 0)
        cap = (size_t)sb.st_size < max ? (size_t)sb.st_size + 1 : limit;
    char *buf = dp_xrealloc(NULL, cap + 1);
    size_t n = 0;
    while (n < limit) {
        if (n == cap) {
            cap = cap * 2 < limit ? cap * 2 : limit;
            buf = dp_xrealloc(buf, cap + 1);
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            err = errno;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (err || n > max) {
        free(buf);
        *len = n;
        errno = err ? err : EFBIG;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
