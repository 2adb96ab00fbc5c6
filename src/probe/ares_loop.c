/*
 * The c-ares binding; see ares_loop.h. Written once so that every user
 * treats a closed socket (POLLNVAL) and a sub-millisecond timeout alike.
 */
#include "config.h"

#include "probe/ares_loop.h"
#include "core/loop.h"
#include "core/xalloc.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

struct ares_loop {
	struct loop *lp;
	ares_channel ch;
	uint64_t timer;		/* loop timer for ares_timeout(), 0 = none */
	int *fds;		/* sockets watched for c-ares */
	size_t nfds, capfds;
};

static int library_ready;

/* Initializes c-ares once for the process; see ares_loop.h. */
int
ares_loop_library_init(void)
{
	if (!library_ready && ares_library_init(ARES_LIB_INIT_ALL) ==
	    ARES_SUCCESS)
		library_ready = 1;
	return library_ready ? 0 : -1;
}

/* Remembers (on) or forgets fd, so the free can unwatch what is left. */
static void
track_fd(struct ares_loop *al, int fd, int on)
{
	for (size_t i = 0; i < al->nfds; i++) {
		if (al->fds[i] != fd)
			continue;
		if (!on)
			al->fds[i] = al->fds[--al->nfds];
		return;
	}
	if (!on)
		return;
	if (al->nfds == al->capfds) {
		al->capfds = al->capfds ? 2 * al->capfds : 4;
		al->fds = xrealloc(al->fds, al->capfds * sizeof(*al->fds));
	}
	al->fds[al->nfds++] = fd;
}

static void
on_timer(struct loop *lp, void *arg)
{
	struct ares_loop *al = arg;

	(void)lp;
	al->timer = 0;
	ares_process_fd(al->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	ares_loop_arm(al);
}

/*
 * An error, a hang-up or a socket closed under us (POLLNVAL) is handed
 * to c-ares as readable: its read fails and c-ares drops the connection
 * and retries, instead of the loop reporting the same fd forever.
 */
static void
on_fd(struct loop *lp, int fd, short revents, void *arg)
{
	struct ares_loop *al = arg;
	ares_socket_t rd = ARES_SOCKET_BAD, wr = ARES_SOCKET_BAD;

	(void)lp;
	if (revents & (POLLIN | POLLERR | POLLHUP | POLLNVAL))
		rd = fd;
	if (revents & POLLOUT)
		wr = fd;
	ares_process_fd(al->ch, rd, wr);
	ares_loop_arm(al);
}

/* ARES_OPT_SOCK_STATE_CB: c-ares opens, changes or closes a socket. */
static void
on_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct ares_loop *al = data;
	short ev = (short)((readable ? POLLIN : 0) | (writable ? POLLOUT : 0));

	if (!ev) {
		loop_unwatch(al->lp, fd);
		track_fd(al, fd, 0);
		return;
	}
	loop_watch(al->lp, fd, ev, on_fd, al);
	track_fd(al, fd, 1);
}

/*
 * Follows c-ares's next timeout, always past it: a timer that fires
 * before c-ares's own deadline finds nothing to do and is re-armed at
 * 0 ms, spinning until the deadline passes. c-ares 1.18 already cuts the
 * time left down to whole milliseconds (0.7 ms left reads as 0), so the
 * timer waits the next whole millisecond after what it says.
 */
void
ares_loop_arm(struct ares_loop *al)
{
	struct timeval tv, *t;
	long ms;

	loop_timer_cancel(al->lp, al->timer);
	al->timer = 0;
	t = ares_timeout(al->ch, NULL, &tv);
	if (!t)
		return;		/* no query waits */
	ms = (long)t->tv_sec * 1000 + (long)t->tv_usec / 1000 + 1;
	al->timer = loop_timer_add(al->lp, ms, on_timer, al);
}

/* Creates a channel bound to lp; see ares_loop.h. */
struct ares_loop *
ares_loop_new(struct loop *lp, const struct ares_options *o, int mask,
    int *status)
{
	struct ares_options opts = *o;
	struct ares_loop *al;
	int rc;

	if (ares_loop_library_init() < 0) {
		*status = ARES_ENOTINITIALIZED;
		return NULL;
	}
	al = xcalloc(1, sizeof(*al));
	al->lp = lp;
	opts.sock_state_cb = on_sock_state;
	opts.sock_state_cb_data = al;
	rc = ares_init_options(&al->ch, &opts, mask | ARES_OPT_SOCK_STATE_CB);
	*status = rc;
	if (rc != ARES_SUCCESS) {
		free(al);
		return NULL;
	}
	return al;
}

/* The channel to start queries on; see ares_loop.h. */
ares_channel
ares_loop_channel(const struct ares_loop *al)
{
	return al->ch;
}

/* Destroys the channel and frees al; see ares_loop.h. */
void
ares_loop_free(struct ares_loop *al)
{
	if (!al)
		return;
	loop_timer_cancel(al->lp, al->timer);
	al->timer = 0;
	/* Closing reports each socket through on_sock_state: al is valid. */
	ares_destroy(al->ch);
	for (size_t i = 0; i < al->nfds; i++)
		loop_unwatch(al->lp, al->fds[i]);
	free(al->fds);
	free(al);
}
