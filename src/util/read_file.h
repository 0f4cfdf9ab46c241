/* read_file.h: a whole file into memory, the one way deckpress reads a file
 * whole (decks, templates, articles, images, the cache files). Says nothing
 * itself: callers turn errno into their own diagnostic. */
#ifndef DP_READ_FILE_H
#define DP_READ_FILE_H
#include <stddef.h>

/* The contents of 'path' in a malloc'd buffer with a NUL after the last
 * byte, the byte count in *len (out of memory is fatal, as with dp_xrealloc).
 * Pipes and other special files are read to their end. NULL with errno set
 * when the file cannot be opened or read (EISDIR for a folder), or EFBIG
 * when it holds more than 'max' bytes (then *len is max + 1). */
char *dp_read_file(const char *path, size_t max, size_t *len);

#endif
