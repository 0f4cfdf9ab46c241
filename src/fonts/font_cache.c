/* font_cache.c: see font_cache.h. A small text file, one record a line,
 * fields separated by tabs:
 *   deckpress-font-cache 1
 *   env    NAME  value            (every variable fontconfig reads)
 *   stamp  path  mtime-ns  size  exists
 *   face   pattern  file  index  format  weight  family  style
 *   miss   pattern
 * Read strictly: one line out of place and the whole file is ignored. */
#include "font_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "atomic_file.h"
#include "hash.h"
#include "read_file.h"

#define MAGIC "deckpress-font-cache 1"
#define MAX_FILE (1 << 20)
/* Far above any real configuration (about 150 stamps, 10 answers), and low
 * enough that a damaged file cannot make the linear lookups slow. */
#define MAX_STAMPS 2048
#define MAX_ENTRIES 512
#define MAX_PROJECTS 32 /* font cache files kept: one per set of project font folders */

static const char *const ENV[] = {
    "FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME", "XDG_CONFIG_HOME",
    "XDG_DATA_HOME", "XDG_DATA_DIRS", "XDG_CACHE_HOME",
};
#define N_ENV (sizeof ENV / sizeof ENV[0])

typedef struct {
    char *path;
    long long mtime_ns, size;
    bool exists;
} stamp;

typedef struct {
    char *pattern;
    bool found;
    dp_font_desc desc;
} entry;

struct dp_font_cache {
    char *file;             /* NULL: no cache (no home, or switched off) */
    stamp *stamps;
    int n_stamps, cap_stamps;
    entry *entries;
    int n_entries, cap_entries;
    bool dirty;
    bool unwritable;        /* a dependency could not be recorded */
};

static stamp stamp_now(const char *path)
{
    long long mtime = 0, size = 0;
    bool exists = dp_cache_stamp(path, &mtime, &size);
    return (stamp){(char *)path, mtime, size, exists};
}

bool dp_cache_stamp(const char *path, long long *mtime_ns, long long *size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    *mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    *size = (long long)st.st_size;
    return true;
}

static bool same_stamp(const stamp *a, const stamp *b)
{
    return a->exists == b->exists && (!a->exists || (a->mtime_ns == b->mtime_ns && a->size == b->size));
}

void dp_font_desc_free(dp_font_desc *d)
{
    free(d->file);
    free(d->format);
    free(d->family);
    free(d->style);
}

static void clear(dp_font_cache *c)
{
    for (int i = 0; i < c->n_stamps; i++)
        free(c->stamps[i].path);
    for (int i = 0; i < c->n_entries; i++) {
        free(c->entries[i].pattern);
        dp_font_desc_free(&c->entries[i].desc);
    }
    c->n_stamps = c->n_entries = 0;
}

static bool add_stamp(dp_font_cache *c, stamp s)
{
    for (int i = 0; i < c->n_stamps; i++)
        if (strcmp(c->stamps[i].path, s.path) == 0) {
            c->stamps[i].mtime_ns = s.mtime_ns; /* the newest view wins */
            c->stamps[i].size = s.size;
            c->stamps[i].exists = s.exists;
            return true;
        }
    if (c->n_stamps >= MAX_STAMPS)
        return false;
    if (c->n_stamps == c->cap_stamps) {
        c->cap_stamps = c->cap_stamps ? 2 * c->cap_stamps : 64;
        c->stamps = dp_xrealloc(c->stamps, (size_t)c->cap_stamps * sizeof *c->stamps);
    }
    s.path = dp_xstrdup(s.path);
    c->stamps[c->n_stamps++] = s;
    return true;
}

static entry *find(dp_font_cache *c, const char *pattern)
{
    for (int i = 0; i < c->n_entries; i++)
        if (strcmp(c->entries[i].pattern, pattern) == 0)
            return &c->entries[i];
    return NULL;
}

/* Safe as one field: no tab, no line break, not empty for names. */
static bool field_ok(const char *s) { return s && !strpbrk(s, "\t\n\r"); }

static bool put_entry(dp_font_cache *c, const char *pattern, const dp_font_desc *desc)
{
    if (!field_ok(pattern) || !*pattern || strlen(pattern) > 1024 ||
        (desc && (!field_ok(desc->file) || !field_ok(desc->format) || !field_ok(desc->family) ||
                  !field_ok(desc->style))))
        return false;
    entry *e = find(c, pattern);
    if (!e) {
        if (c->n_entries >= MAX_ENTRIES)
            return false;
        if (c->n_entries == c->cap_entries) {
            c->cap_entries = c->cap_entries ? 2 * c->cap_entries : 16;
            c->entries = dp_xrealloc(c->entries, (size_t)c->cap_entries * sizeof *c->entries);
        }
        e = &c->entries[c->n_entries++];
        e->pattern = dp_xstrdup(pattern);
    } else {
        dp_font_desc_free(&e->desc);
    }
    e->found = desc != NULL;
    memset(&e->desc, 0, sizeof e->desc);
    if (desc)
        e->desc = (dp_font_desc){dp_xstrdup(desc->file), desc->index, dp_xstrdup(desc->format), desc->weight,
                                 dp_xstrdup(desc->family), dp_xstrdup(desc->style)};
    c->dirty = true;
    return true;
}

/* ===== Reading ===== */

/* Split 'line' at tabs into at most 'max' fields; returns how many. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            if (n == max)
                return max + 1;
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static bool parse_ll(const char *s, long long *v)
{
    char *end;
    errno = 0;
    *v = strtoll(s, &end, 10);
    return *s && !*end && errno == 0;
}

/* Parse and check every line; false (and nothing kept) on anything odd. */
static bool parse(dp_font_cache *c, char *text)
{
    char *save = NULL, *line = strtok_r(text, "\n", &save);
    if (!line || strcmp(line, MAGIC) != 0)
        return false;
    size_t env_seen = 0;
    while ((line = strtok_r(NULL, "\n", &save))) {
        char *f[9];
        int n = split(line, f, 8);
        long long a, b, e;
        if (strcmp(f[0], "env") == 0 && n == 3 && env_seen < N_ENV) {
            const char *now = getenv(ENV[env_seen]);
            if (strcmp(f[1], ENV[env_seen++]) != 0 || strcmp(f[2], now ? now : "") != 0)
                return false;
        } else if (strcmp(f[0], "stamp") == 0 && n == 5 && parse_ll(f[2], &a) && parse_ll(f[3], &b) &&
                   parse_ll(f[4], &e) && (e == 0 || e == 1)) {
            stamp was = {f[1], a, b, e == 1}, now = stamp_now(f[1]);
            if (!same_stamp(&was, &now) || !add_stamp(c, was))
                return false;
        } else if (strcmp(f[0], "face") == 0 && n == 8 && parse_ll(f[3], &a) && parse_ll(f[5], &b) &&
                   a >= 0 && a < (1LL << 30) && b >= 0 && b <= 1000) {
            if (!put_entry(c, f[1], &(dp_font_desc){f[2], (int)a, f[4], (int)b, f[6], f[7]}))
                return false;
        } else if (strcmp(f[0], "miss") == 0 && n == 2) {
            if (!put_entry(c, f[1], NULL))
                return false;
        } else {
            return false;
        }
    }
    /* Every answer's font file must be stamped, every variable compared. */
    for (int i = 0; i < c->n_entries; i++) {
        bool stamped = !c->entries[i].found;
        for (int k = 0; k < c->n_stamps && !stamped; k++)
            stamped = strcmp(c->stamps[k].path, c->entries[i].desc.file) == 0;
        if (!stamped)
            return false;
    }
    return env_seen == N_ENV;
}

/* One file per set of project font folders: "fonts-v1-<hash>". */
static char *cache_path(const char *const *font_dirs)
{
    uint64_t h = DP_FNV_INIT;
    for (int i = 0; font_dirs && font_dirs[i]; i++)
        h = dp_fnv1a(h, font_dirs[i], strlen(font_dirs[i]) + 1);
    char *dir = dp_cache_dir();
    if (!dir)
        return NULL;
    size_t n = strlen(dir) + 40;
    char *path = dp_xrealloc(NULL, n);
    snprintf(path, n, "%s/fonts-v1-%016llx", dir, (unsigned long long)h);
    free(dir);
    return path;
}

char *dp_cache_dir(void)
{
    const char *off = getenv("DECKPRESS_NO_FONT_CACHE");
    if (off && *off)
        return NULL;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char buf[4096];
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, sizeof buf, "%s/deckpress", xdg);
    else if (home && home[0] == '/')
        n = snprintf(buf, sizeof buf, "%s/.cache/deckpress", home);
    else
        return NULL;
    return n > 0 && (size_t)n < sizeof buf - 64 ? dp_xstrdup(buf) : NULL;
}



dp_font_cache *dp_font_cache_open(const char *const *font_dirs)
{
    dp_font_cache *c = dp_xrealloc(NULL, sizeof *c);
    memset(c, 0, sizeof *c);
    c->file = cache_path(font_dirs);
    if (c->file) { /* none, unreadable or damaged: an empty cache */
        size_t len = 0;
        char *text = dp_read_file(c->file, MAX_FILE, &len);
        bool ok = text && memchr(text, '\0', len) == NULL && parse(c, text);
        free(text);
        if (!ok)
            clear(c);
        else
            utimensat(AT_FDCWD, c->file, NULL, 0); /* recently used: kept by eviction */
        c->dirty = false;
    }
    /* The project's font folders decide too, present or not (a valid
     * file has them already: its name is their hash). */
    for (int i = 0; font_dirs && font_dirs[i]; i++)
        dp_font_cache_depend(c, font_dirs[i]);
    c->dirty = false;
    return c;
}

int dp_font_cache_get(dp_font_cache *c, const char *pattern, const dp_font_desc **desc)
{
    entry *e = find(c, pattern);
    if (!e)
        return -1;
    *desc = e->found ? &e->desc : NULL;
    return e->found;
}

void dp_font_cache_depend(dp_font_cache *c, const char *path)
{
    /* A dependency that cannot be recorded: answers from now on would be
     * written without it, so nothing is written. */
    if (!field_ok(path) || !add_stamp(c, stamp_now(path)))
        c->unwritable = true;
    c->dirty = true;
}

void dp_font_cache_put(dp_font_cache *c, const char *pattern, const dp_font_desc *desc)
{
    if (put_entry(c, pattern, desc) && desc)
        dp_font_cache_depend(c, desc->file);
}

/* Keep the 'keep' most recently used files of 'dir' named PREFIX*SUFFIX:
 * remove the oldest when there are more (one per call keeps the count
 * steady). Temporary files over an hour old go too. */
void dp_cache_evict(const char *dir, const char *prefix, const char *suffix, int keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char *oldest = NULL;
    struct timespec oldest_t = {0};
    int count = 0;
    size_t plen = strlen(prefix), slen = strlen(suffix);
    struct dirent *e;
    time_t hour_ago = time(NULL) - 3600;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (strstr(e->d_name, ".tmp-")) { /* left by a process that was killed mid-write */
            size_t n = strlen(dir) + len + 2;
            char *p = dp_xrealloc(NULL, n);
            snprintf(p, n, "%s/%s", dir, e->d_name);
            struct stat st;
            if (stat(p, &st) == 0 && st.st_mtim.tv_sec < hour_ago)
                unlink(p);
            free(p);
            continue;
        }
        if (len <= plen + slen || strncmp(e->d_name, prefix, plen) != 0 ||
            strcmp(e->d_name + len - slen, suffix) != 0)
            continue;
        count++;
        size_t n = strlen(dir) + len + 2;
        char *p = dp_xrealloc(NULL, n);
        snprintf(p, n, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && (!oldest || st.st_mtim.tv_sec < oldest_t.tv_sec ||
                                  (st.st_mtim.tv_sec == oldest_t.tv_sec &&
                                   st.st_mtim.tv_nsec < oldest_t.tv_nsec))) {
            free(oldest);
            oldest = p;
            oldest_t = st.st_mtim;
        } else {
            free(p);
        }
    }
    closedir(d);
    if (count > keep && oldest)
        unlink(oldest);
    free(oldest);
}

/* ===== Writing ===== */

static bool write_all(dp_font_cache *c, FILE *fp)
{
    fprintf(fp, "%s\n", MAGIC);
    for (size_t i = 0; i < N_ENV; i++) {
        const char *v = getenv(ENV[i]);
        if (v && !field_ok(v))
            return false;
        fprintf(fp, "env\t%s\t%s\n", ENV[i], v ? v : "");
    }
    for (int i = 0; i < c->n_stamps; i++)
        fprintf(fp, "stamp\t%s\t%lld\t%lld\t%d\n", c->stamps[i].path, c->stamps[i].mtime_ns,
                c->stamps[i].size, c->stamps[i].exists);
    for (int i = 0; i < c->n_entries; i++) {
        const entry *e = &c->entries[i];
        if (e->found)
            fprintf(fp, "face\t%s\t%s\t%d\t%s\t%d\t%s\t%s\n", e->pattern, e->desc.file, e->desc.index,
                    e->desc.format, e->desc.weight, e->desc.family, e->desc.style);
        else
            fprintf(fp, "miss\t%s\n", e->pattern);
    }
    return !ferror(fp);
}

void dp_cache_make_dir(const char *file)
{
    char *p = dp_xstrdup(file);
    char *slash = strrchr(p, '/');
    if (slash && slash != p) {
        *slash = '\0';
        dp_make_dirs(p, 0700);
    }
    free(p);
}

void dp_font_cache_close(dp_font_cache *c)
{
    if (!c)
        return;
    if (c->file && c->dirty && !c->unwritable) {
        /* A cache that cannot be written is only slower next time. */
        dp_cache_make_dir(c->file);
        dp_atomic_file out;
        FILE *fp = dp_atomic_open(&out, c->file);
        if (fp && write_all(c, fp) && dp_atomic_commit(&out)) {
            char *slash = strrchr(c->file, '/');
            *slash = '\0';
            dp_cache_evict(c->file, "fonts-v1-", "", MAX_PROJECTS);
            *slash = '/';
        } else if (fp) {
            dp_atomic_abort(&out);
        }
    }
    clear(c);
    free(c->stamps);
    free(c->entries);
    free(c->file);
    free(c);
}
