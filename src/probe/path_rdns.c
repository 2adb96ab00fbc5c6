/*
 * A c-ares channel for PTR lookups, driven by the loop: c-ares tells us
 * which sockets to watch through its socket-state callback, we hand
 * readiness back with ares_process_fd(), and one loop timer follows
 * ares_timeout().
 */
#include "config.h"

#include "probe/path_rdns.h"
#include "core/loop.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

struct path_rdns {
	struct loop *lp;
	ares_channel ch;
	uint64_t timer;
	int pending;
	int dying;		/* inside path_rdns_free: drop answers */
};

struct lookup {
	struct path_rdns *r;
	path_rdns_cb cb;
	void *arg;
};

static void rearm(struct path_rdns *r);

static void
on_fd(struct loop *lp, int fd, short revents, void *arg)
{
	struct path_rdns *r = arg;
	ares_socket_t rd = ARES_SOCKET_BAD, wr = ARES_SOCKET_BAD;

	(void)lp;
	if (revents & (POLLIN | POLLERR | POLLHUP))
		rd = fd;
	if (revents & POLLOUT)
		wr = fd;
	ares_process_fd(r->ch, rd, wr);
	rearm(r);
}

static void
on_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct path_rdns *r = data;
	short ev = (short)((readable ? POLLIN : 0) | (writable ? POLLOUT : 0));

	if (ev)
		loop_watch(r->lp, fd, ev, on_fd, r);
	else
		loop_unwatch(r->lp, fd);
}

static void
on_timer(struct loop *lp, void *arg)
{
	struct path_rdns *r = arg;

	(void)lp;
	r->timer = 0;
	ares_process_fd(r->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	rearm(r);
}

static void
rearm(struct path_rdns *r)
{
	struct timeval tv, *tp;

	loop_timer_cancel(r->lp, r->timer);
	r->timer = 0;
	if (r->pending == 0)
		return;
	tp = ares_timeout(r->ch, NULL, &tv);
	if (tp)
		r->timer = loop_timer_add(r->lp,
		    (long)tp->tv_sec * 1000 + tp->tv_usec / 1000, on_timer, r);
}

/* Creates a PTR channel on lp; NULL when c-ares cannot start. */
struct path_rdns *
path_rdns_new(struct loop *lp, long timeout_ms)
{
	struct ares_options o;
	struct path_rdns *r;
	int mask = ARES_OPT_SOCK_STATE_CB | ARES_OPT_TIMEOUTMS |
	    ARES_OPT_TRIES;

	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	r->lp = lp;
	memset(&o, 0, sizeof(o));
	o.sock_state_cb = on_sock_state;
	o.sock_state_cb_data = r;
	o.timeout = (int)(timeout_ms > 0 ? timeout_ms : 1000);
	o.tries = 2;
	if (ares_init_options(&r->ch, &o, mask) != ARES_SUCCESS) {
		free(r);
		ares_library_cleanup();
		return NULL;
	}
	return r;
}

static void
on_answer(void *arg, int status, int timeouts, struct hostent *h)
{
	struct lookup *l = arg;
	struct path_rdns *r = l->r;
	char *name = NULL;

	(void)timeouts;
	r->pending--;
	if (!r->dying) {
		if (status == ARES_SUCCESS && h && h->h_name && h->h_name[0])
			name = sanitize_str(h->h_name, SAN_ASCII);
		l->cb(l->arg, name);
	}
	free(name);
	free(l);
}

/* Starts a PTR lookup for a numeric address. */
int
path_rdns_lookup(struct path_rdns *r, const char *addr, path_rdns_cb cb,
    void *arg)
{
	unsigned char buf[16];
	struct lookup *l;
	int fam = strchr(addr, ':') ? AF_INET6 : AF_INET;

	if (inet_pton(fam, addr, buf) != 1)
		return -1;
	l = xmalloc(sizeof(*l));
	l->r = r;
	l->cb = cb;
	l->arg = arg;
	r->pending++;
	ares_gethostbyaddr(r->ch, buf, fam == AF_INET ? 4 : 16, fam,
	    on_answer, l);
	rearm(r);
	return 0;
}

/* Lookups still waiting for an answer. */
int
path_rdns_pending(const struct path_rdns *r)
{
	return r ? r->pending : 0;
}

/* Stops every lookup without calling back and frees r. */
void
path_rdns_free(struct path_rdns *r)
{
	if (!r)
		return;
	r->dying = 1;
	loop_timer_cancel(r->lp, r->timer);
	ares_destroy(r->ch);	/* answers ARES_EDESTRUCTION, unwatches */
	ares_library_cleanup();
	free(r);
}
