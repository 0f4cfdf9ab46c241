/* pdf_packer.c: see pdf_packer.h. Workers take the next sheet from a shared
 * counter; every worker has its own content builder and compressor. */
#include "pdf_packer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"
#include "pdf_flate.h"

#define MAX_THREADS 4
#define MIN_SHEETS_PER_THREAD 64 /* below that, starting threads costs more than it saves */

typedef struct {
    dp_content *c;
    dp_flate *z;
} worker;

struct dp_packer {
    worker w[MAX_THREADS];
    int threads;
    /* the current run */
    atomic_int next;
    atomic_bool failed;
    int from, to;
    dp_draw_sheet_fn draw;
    void *ctx;
    dp_packed *out;
};

typedef struct {
    dp_packer *pk;
    worker *w;
} job;

int dp_packer_threads(int n_sheets)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int t = n_sheets / MIN_SHEETS_PER_THREAD;
    if (cpus > 0 && t > cpus)
        t = (int)cpus;
    return t < 1 ? 1 : t > MAX_THREADS ? MAX_THREADS : t;
}

dp_packer *dp_packer_new(const dp_cid_map *maps, int n_faces, const struct dp_images *images,
                         int level, int threads)
{
    dp_packer *pk = calloc(1, sizeof *pk);
    if (!pk)
        return NULL;
    pk->threads = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
    for (int i = 0; i < pk->threads; i++) {
        pk->w[i].c = dp_content_new(maps, n_faces, images);
        pk->w[i].z = dp_flate_new(level);
        if (!pk->w[i].z) {
            dp_packer_free(pk);
            return NULL;
        }
    }
    return pk;
}

dp_flate *dp_packer_flate(dp_packer *pk) { return pk->w[0].z; }

void dp_packer_free(dp_packer *pk)
{
    if (!pk)
        return;
    for (int i = 0; i < pk->threads; i++) {
        dp_content_free(pk->w[i].c);
        dp_flate_free(pk->w[i].z);
    }
    free(pk);
}

static void *work(void *arg)
{
    job *j = arg;
    dp_packer *pk = j->pk;
    int s;
    while ((s = atomic_fetch_add(&pk->next, 1)) < pk->to) {
        dp_content_reset(j->w->c);
        pk->draw(pk->ctx, j->w->c, s);
        size_t len;
        const char *data = dp_content_data(j->w->c, &len);
        dp_packed *p = &pk->out[s - pk->from];
        p->data = dp_flate_pack(j->w->z, data, len, &p->len);
        if (!p->data)
            atomic_store(&pk->failed, true);
    }
    return NULL;
}

bool dp_packer_run(dp_packer *pk, int from, int to, dp_draw_sheet_fn draw, void *ctx, dp_packed *out)
{
    atomic_store(&pk->next, from);
    atomic_store(&pk->failed, false);
    pk->from = from;
    pk->to = to;
    pk->draw = draw;
    pk->ctx = ctx;
    pk->out = out;
    job jobs[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
    int started = 0;
    int want = to - from < pk->threads ? (to - from < 1 ? 1 : to - from) : pk->threads;
    for (int i = 1; i < want; i++) {
        jobs[i] = (job){pk, &pk->w[i]};
        if (pthread_create(&tid[i], NULL, work, &jobs[i]) != 0)
            break; /* fewer threads: the rest is done below */
        started = i;
    }
    jobs[0] = (job){pk, &pk->w[0]};
    work(&jobs[0]);
    for (int i = 1; i <= started; i++)
        pthread_join(tid[i], NULL);
    return !atomic_load(&pk->failed);
}
