#include "config.h"

#include "core/loop.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct watch {
	int fd;			/* -1 when the slot is free */
	short events;
	loop_fd_cb cb;
	void *arg;
};

struct timer {
	uint64_t id;		/* 0 when the slot is free */
	double due;		/* loop_now_ms() at which it fires */
	loop_timer_cb cb;
	void *arg;
};

struct loop {
	struct watch *watches;
	size_t nwatches;
	struct timer *timers;
	size_t ntimers;
	uint64_t next_id;
	loop_turn_cb turn_cb;
	void *turn_arg;
	int stopped;
	struct pollfd *pfds;	/* scratch array for poll() */
	size_t pfds_cap;
};

double
loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

struct loop *
loop_new(void)
{
	struct loop *lp = xcalloc(1, sizeof(*lp));

	lp->next_id = 1;
	return lp;
}

void
loop_free(struct loop *lp)
{
	if (!lp)
		return;
	free(lp->watches);
	free(lp->timers);
	free(lp->pfds);
	free(lp);
}

static struct watch *
find_watch(struct loop *lp, int fd)
{
	for (size_t i = 0; i < lp->nwatches; i++)
		if (lp->watches[i].fd == fd)
			return &lp->watches[i];
	return NULL;
}

void
loop_watch(struct loop *lp, int fd, short events, loop_fd_cb cb, void *arg)
{
	struct watch *w = find_watch(lp, fd);

	if (!w)
		w = find_watch(lp, -1);
	if (!w) {
		lp->watches = xrealloc(lp->watches,
		    (lp->nwatches + 1) * sizeof(*lp->watches));
		w = &lp->watches[lp->nwatches++];
	}
	w->fd = fd;
	w->events = events;
	w->cb = cb;
	w->arg = arg;
}

void
loop_unwatch(struct loop *lp, int fd)
{
	struct watch *w;

	if (fd < 0 || !(w = find_watch(lp, fd)))
		return;
	w->fd = -1;
	w->cb = NULL;
}

uint64_t
loop_timer_add(struct loop *lp, long ms, loop_timer_cb cb, void *arg)
{
	struct timer *t = NULL;

	for (size_t i = 0; i < lp->ntimers; i++)
		if (lp->timers[i].id == 0) {
			t = &lp->timers[i];
			break;
		}
	if (!t) {
		lp->timers = xrealloc(lp->timers,
		    (lp->ntimers + 1) * sizeof(*lp->timers));
		t = &lp->timers[lp->ntimers++];
	}
	t->id = lp->next_id++;
	t->due = loop_now_ms() + (ms > 0 ? (double)ms : 0.0);
	t->cb = cb;
	t->arg = arg;
	return t->id;
}

void
loop_timer_cancel(struct loop *lp, uint64_t id)
{
	if (id == 0)
		return;
	for (size_t i = 0; i < lp->ntimers; i++)
		if (lp->timers[i].id == id) {
			lp->timers[i].id = 0;
			return;
		}
}

void
loop_on_turn(struct loop *lp, loop_turn_cb cb, void *arg)
{
	lp->turn_cb = cb;
	lp->turn_arg = arg;
}

int
loop_pending(const struct loop *lp)
{
	int n = 0;

	for (size_t i = 0; i < lp->nwatches; i++)
		n += lp->watches[i].fd >= 0;
	for (size_t i = 0; i < lp->ntimers; i++)
		n += lp->timers[i].id != 0;
	return n;
}

/* Milliseconds until the next timer, capped by max_ms (-1 = no cap). */
static int
next_wait(struct loop *lp, long max_ms)
{
	double now = loop_now_ms(), best = -1;

	for (size_t i = 0; i < lp->ntimers; i++) {
		double d;

		if (lp->timers[i].id == 0)
			continue;
		d = lp->timers[i].due - now;
		if (d < 0)
			d = 0;
		if (best < 0 || d < best)
			best = d;
	}
	if (best >= 0 && best < 1 && best > 0)
		best = 1;	/* poll() counts whole milliseconds */
	if (max_ms >= 0 && (best < 0 || best > (double)max_ms))
		best = (double)max_ms;
	return best < 0 ? -1 : (int)(best + 0.999);
}

static void
fire_timers(struct loop *lp)
{
	double now = loop_now_ms();
	/* Only timers due now fire; ones armed by callbacks wait a turn. */
	uint64_t limit = lp->next_id;

	for (size_t i = 0; i < lp->ntimers; i++) {
		struct timer *t = &lp->timers[i];
		loop_timer_cb cb;
		void *arg;

		if (t->id == 0 || t->id >= limit || t->due > now)
			continue;
		cb = t->cb;
		arg = t->arg;
		t->id = 0;
		cb(lp, arg);
	}
}

int
loop_run_once(struct loop *lp, long max_ms)
{
	size_t n = 0;
	int rc, wait;

	if (lp->pfds_cap < lp->nwatches) {
		lp->pfds_cap = lp->nwatches;
		lp->pfds = xrealloc(lp->pfds, lp->pfds_cap * sizeof(*lp->pfds));
	}
	for (size_t i = 0; i < lp->nwatches; i++) {
		if (lp->watches[i].fd < 0)
			continue;
		lp->pfds[n].fd = lp->watches[i].fd;
		lp->pfds[n].events = lp->watches[i].events;
		lp->pfds[n].revents = 0;
		n++;
	}
	wait = next_wait(lp, max_ms);
	rc = poll(lp->pfds, n, wait);
	if (rc < 0 && errno != EINTR)
		return -1;
	for (size_t i = 0; rc > 0 && i < n; i++) {
		struct watch *w;

		if (!lp->pfds[i].revents)
			continue;
		/* The watch may have gone or changed in an earlier callback. */
		w = find_watch(lp, lp->pfds[i].fd);
		if (w && w->cb)
			w->cb(lp, w->fd, lp->pfds[i].revents, w->arg);
	}
	fire_timers(lp);
	if (lp->turn_cb)
		lp->turn_cb(lp, lp->turn_arg);
	return 0;
}

void
loop_run(struct loop *lp)
{
	lp->stopped = 0;
	while (!lp->stopped && loop_pending(lp) > 0)
		if (loop_run_once(lp, -1) < 0)
			break;
}

void
loop_stop(struct loop *lp)
{
	lp->stopped = 1;
}
