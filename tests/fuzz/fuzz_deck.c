/* fuzz_deck.c: libFuzzer target for the deck loader, slide layout and the
 * booklet handout's layout.
 *   bytes -> dp_deck_parse -> (when valid) template load with the deck's
 *   overrides -> dp_layout_slides with the real fonts -> dp_dlist_dump to
 *   /dev/null; then the print template -> dp_layout_booklet (its handout
 *   settings; one column, or two when the input's size is odd) -> dump;
 *   every diagnostic is printed to /dev/null too. The display
 *   list must also be writable: fuzz_check_dlist() (fuzz_common.h) aborts on
 *   numbers libharu would refuse (a negative character spacing of -578 pt
 *   was the first find).
 * Seeds: decks/NAME.yaml and tests/errors/NAME.yaml (tests/fuzz/seeds.py).
 * Build and run: make fuzz [FUZZ_SECONDS=60]. Replay files without libFuzzer:
 * $(BUILD)/replay_deck FILE... (tests/fuzz/replay.c; used by the sanitizer tests).
 * Set DP_FUZZ_PDF=1 to also write each laid-out deck as a PDF (slow: subsets
 * the fonts every time) into $TMPDIR. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "deck.h"
#include "diag.h"
#include "dlist.h"
#include "fonts.h"
#include "handout.h"
#include "layout.h"
#include "pdf_out.h"
#include "template.h"

#include "fuzz_common.h"

/* Larger inputs only slow the fuzzer down; the loader's own size limit is
 * tested in tests/pathological/. */
#define MAX_INPUT (256 * 1024)

/* The template a deck names. A path (with '/' or ending in .yaml) could make
 * the loader read any file on the machine, /dev/stdin included, so the fuzzer
 * stays with the shipped templates. */
static const char *template_name(const dp_deck *deck)
{
    const char *n = deck->template_name.s;
    if (!n || strchr(n, '/') || strlen(n) > 64)
        return "default";
    size_t len = strlen(n);
    if (len >= 5 && strcmp(n + len - 5, ".yaml") == 0)
        return "default";
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    fuzz_init();
    dp_diags *d = dp_diags_new();
    dp_arena *a = dp_arena_new(64 * 1024);
    dp_deck *deck = dp_deck_parse(a, "fuzz.yaml", (const char *)data, size, d);
    if (deck) {
        static char tdir[4096];
        snprintf(tdir, sizeof tdir, "%s/templates", fuzz_root());
        const char *dirs[] = {tdir, NULL};
        dp_template *t = dp_template_load(a, template_name(deck), dirs, deck,
                                          deck->template_name.loc, d);
        if (t) {
            dp_styles *st = dp_styles_resolve(a, t, fuzz_fonts, d);
            dp_styles_report(st, d);
            dp_dlist *dl = dp_layout_slides(a, deck, t, st, d);
            if (dl) {
                fuzz_check_dlist(dl);
                dp_dlist_dump(dl, fuzz_sink);
                if (getenv("DP_FUZZ_PDF") && dp_error_count(d) == 0) {
                    char path[4096];
                    const char *tmp = getenv("TMPDIR");
                    snprintf(path, sizeof path, "%s/fuzz_deck-%ld.pdf", tmp && *tmp ? tmp : "/tmp",
                             (long)getpid());
                    dp_pdf_write(dl, NULL, 0, fuzz_fonts, NULL, path, true, d);
                    remove(path);
                }
            }
        }
        dp_template *pt = dp_error_count(d) == 0 ? dp_template_load(a, "print", dirs, deck,
                                                                    deck->template_name.loc, d)
                                                 : NULL;
        dp_handout_opts o = {.columns = size % 2 ? 2 : 1};
        dp_handout_paper(&o, deck->settings.paper);
        if (pt) {
            dp_styles *pst = dp_styles_resolve(a, pt, fuzz_fonts, d);
            dp_dlist *bk = dp_styles_report(pst, d) ? dp_layout_booklet(a, deck, pt, pst, &o, d) : NULL;
            if (bk) {
                fuzz_check_dlist(bk);
                dp_dlist_dump(bk, fuzz_sink);
            }
        }
    }
    dp_diags_print(d, fuzz_sink, false);
    dp_arena_free(a);
    dp_diags_free(d);
    return 0;
}
