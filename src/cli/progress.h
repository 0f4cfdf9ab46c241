/* progress.h: the progress line on a terminal. A build that runs longer
 * than DP_PROGRESS_AFTER_MS shows "deckpress: building DECK … 1.5 s" on
 * stderr, rewritten in place every half second, and erased before any other
 * output. Only main.c starts it, and only when stderr is a terminal and -q
 * was not given; nothing else writes to stderr while it runs (diagnostics
 * and the "wrote" lines are printed after dp_progress_stop()). */
#ifndef DP_PROGRESS_H
#define DP_PROGRESS_H

#define DP_PROGRESS_AFTER_MS 500

/* Arm the timer; 'what' (e.g. the deck path) is copied. */
void dp_progress_start(const char *what);
/* Disarm and erase. Safe to call when never started. */
void dp_progress_stop(void);

#endif
