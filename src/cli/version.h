/* version.h: `deckpress --version`: the program's version and the versions
 * of the libraries it runs with (asked at run time, not the headers'). */
#ifndef DP_VERSION_H
#define DP_VERSION_H
#include <stdio.h>

#ifndef DP_VERSION
#define DP_VERSION "0.1.0"
#endif

/* "deckpress 0.1.0" then one "library version" line per library. */
void dp_print_version(FILE *out);

#endif
