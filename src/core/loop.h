/*
 * The one event loop: a single-threaded poll() that owns all waiting.
 * Libraries (libcurl, c-ares), plain sockets, child pipes and the terminal
 * register their file descriptors here; nothing else may block.
 */
#ifndef CONNRESET_LOOP_H
#define CONNRESET_LOOP_H

#include <poll.h>
#include <stdint.h>

struct loop;

/* Called with the poll() revents of a watched descriptor. */
typedef void (*loop_fd_cb)(struct loop *lp, int fd, short revents, void *arg);
/* Called once when a timer expires. */
typedef void (*loop_timer_cb)(struct loop *lp, void *arg);
/* Called after every turn of the loop (used to redraw once per turn). */
typedef void (*loop_turn_cb)(struct loop *lp, void *arg);

struct loop *loop_new(void);
/* Frees the loop; watched descriptors are not closed. loop_free(NULL) is ok. */
void loop_free(struct loop *lp);

/* Watches fd for events (POLLIN|POLLOUT); replaces an earlier watch of fd. */
void loop_watch(struct loop *lp, int fd, short events, loop_fd_cb cb,
		void *arg);
/* Stops watching fd; safe to call from inside any callback. */
void loop_unwatch(struct loop *lp, int fd);

/* Arms a one-shot timer after ms milliseconds; returns its id (never 0). */
uint64_t loop_timer_add(struct loop *lp, long ms, loop_timer_cb cb, void *arg);
/* Cancels a pending timer; unknown or expired ids (and 0) are ignored. */
void loop_timer_cancel(struct loop *lp, uint64_t id);

/* Sets the callback run at the end of every turn (NULL to clear). */
void loop_on_turn(struct loop *lp, loop_turn_cb cb, void *arg);

/* Runs one turn: waits at most max_ms (-1: until something happens). */
int loop_run_once(struct loop *lp, long max_ms);
/* Runs turns until loop_stop() is called or nothing is left to wait for. */
void loop_run(struct loop *lp);
/* Makes loop_run() return after the current turn. */
void loop_stop(struct loop *lp);
/* Number of live watches and timers: 0 means the loop would wait forever. */
int loop_pending(const struct loop *lp);

/* Milliseconds on the monotonic clock. */
double loop_now_ms(void);

#endif
