/* font_cache.h: fontconfig's answers remembered between runs. Starting
 * fontconfig (parsing its XML configuration, loading its caches) is a third of
 * a warm `deckpress build`; a template names the same few families every
 * time. The cache maps a pattern to the face fontconfig chose and is valid
 * only while every file and folder that decided the answer is unchanged:
 * fontconfig's configuration files and folders, its font folders,
 * the project's fonts/ folders, the chosen font files, and the environment
 * variables fontconfig reads. Any difference, or a damaged file, and the
 * cache is ignored and rebuilt.
 *
 * File: $XDG_CACHE_HOME/deckpress/fonts-v1-HASH (else ~/.cache/...), one per
 * set of project font folders (the 32 most recently used are kept); none
 * when neither variable is set, or when DECKPRESS_NO_FONT_CACHE is. Written
 * through a temporary file and rename(). */
#ifndef DP_FONT_CACHE_H
#define DP_FONT_CACHE_H
#include <stdbool.h>

/* What fonts.c needs of a match to open the face. */
typedef struct {
    char *file;
    int index;
    char *format;       /* fontconfig's FC_FONTFORMAT: "TrueType", "CFF", ... */
    int weight;         /* FC_WEIGHT */
    char *family, *style;
} dp_font_desc;

typedef struct dp_font_cache dp_font_cache;

/* Read and validate the cache for a project with these font folders.
 * Never NULL; an unusable cache is simply empty. */
dp_font_cache *dp_font_cache_open(const char *const *font_dirs);

/* 1: 'pattern' is cached as *desc (owned by the cache); 0: cached as "not
 * installed"; -1: not cached. */
int dp_font_cache_get(dp_font_cache *c, const char *pattern, const dp_font_desc **desc);

/* Remember an answer (desc NULL = not installed); it depends on desc->file. */
void dp_font_cache_put(dp_font_cache *c, const char *pattern, const dp_font_desc *desc);
/* Every answer stays valid only while 'path' (a file or folder, present or
 * not) is as it is now. */
void dp_font_cache_depend(dp_font_cache *c, const char *path);

/* Write the cache when something was added, and free it. */
void dp_font_cache_close(dp_font_cache *c);

/* deckpress's cache folder: $XDG_CACHE_HOME/deckpress, else
 * $HOME/.cache/deckpress; NULL when neither is set or DECKPRESS_NO_FONT_CACHE
 * is (malloc'd). Also used for subsets (subset_cache.c). */
char *dp_cache_dir(void);
/* mkdir -p of the folder 'file' is in (0700). */
void dp_cache_make_dir(const char *file);
/* Modification time (ns) and size of 'path'; false when it does not exist. */
bool dp_cache_stamp(const char *path, long long *mtime_ns, long long *size);
/* Free what a dp_font_desc owns. */
void dp_font_desc_free(dp_font_desc *d);
/* Keep the 'keep' most recently used files of 'dir' named PREFIX*SUFFIX,
 * and remove temporary files (NAME.tmp-PID) older than an hour. */
void dp_cache_evict(const char *dir, const char *prefix, const char *suffix, int keep);

#endif
