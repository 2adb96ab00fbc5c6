#include "config.h"

#include "probe/curlm.h"

#include "core/loop.h"
#include "core/xalloc.h"

#include <poll.h>
#include <stdlib.h>

/* One running transfer and whom to tell when it ends. */
struct xfer {
	CURL *easy;
	curlm_done_cb done;
	void *arg;
	struct xfer *next;
};

struct curlm {
	struct loop *lp;
	CURLM *multi;
	uint64_t timer;		/* loop timer asked for by curl, 0 = none */
	struct xfer *xfers;	/* transfers added and not yet finished */
	int nxfers;
};

static int global_done;

static void on_fd(struct loop *lp, int fd, short revents, void *arg);

/* Detaches the record of easy from the list and returns it, or NULL. */
static struct xfer *
take_xfer(struct curlm *cm, CURL *easy)
{
	for (struct xfer **pp = &cm->xfers; *pp; pp = &(*pp)->next) {
		struct xfer *x = *pp;

		if (x->easy == easy) {
			*pp = x->next;
			cm->nxfers--;
			return x;
		}
	}
	return NULL;
}

/*
 * Hands finished transfers to their owners. The message is copied out
 * before the handle leaves the multi; the done callback may add, remove
 * or free easy handles because curl is not inside a callback here.
 */
static void
drain_done(struct curlm *cm)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(cm->multi, &left)) != NULL) {
		CURL *easy = msg->easy_handle;
		CURLcode rc = msg->data.result;
		struct xfer *x;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_multi_remove_handle(cm->multi, easy);
		if ((x = take_xfer(cm, easy)) == NULL)
			continue;
		x->done(easy, rc, x->arg);
		free(x);
	}
}

static void
on_timer(struct loop *lp, void *arg)
{
	struct curlm *cm = arg;
	int running;

	cm->timer = 0;
	curl_multi_socket_action(cm->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	drain_done(cm);
}

static void
on_fd(struct loop *lp, int fd, short revents, void *arg)
{
	struct curlm *cm = arg;
	int flags = 0, running;

	if (revents & (POLLIN | POLLHUP))
		flags |= CURL_CSELECT_IN;
	if (revents & POLLOUT)
		flags |= CURL_CSELECT_OUT;
	if (revents & (POLLERR | POLLNVAL))
		flags |= CURL_CSELECT_ERR;
	curl_multi_socket_action(cm->multi, fd, flags, &running);
	drain_done(cm);
}

/* CURLMOPT_SOCKETFUNCTION: mirrors curl's interest in s into the loop. */
static int
sock_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *sockp)
{
	struct curlm *cm = userp;
	short ev = 0;

	switch (what) {
	case CURL_POLL_IN:
		ev = POLLIN;
		break;
	case CURL_POLL_OUT:
		ev = POLLOUT;
		break;
	case CURL_POLL_INOUT:
		ev = POLLIN | POLLOUT;
		break;
	case CURL_POLL_REMOVE:
	default:
		loop_unwatch(cm->lp, s);
		return 0;
	}
	loop_watch(cm->lp, s, ev, on_fd, cm);
	return 0;
}

/* CURLMOPT_TIMERFUNCTION: -1 cancels, 0 fires on the next loop turn. */
static int
timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct curlm *cm = userp;

	loop_timer_cancel(cm->lp, cm->timer);
	cm->timer = 0;
	if (timeout_ms >= 0)
		cm->timer = loop_timer_add(cm->lp, timeout_ms, on_timer, cm);
	return 0;
}

/* Creates the multi handle bound to lp; curl_global_init is done here. */
struct curlm *
curlm_new(struct loop *lp)
{
	struct curlm *cm = xcalloc(1, sizeof(*cm));

	if (!global_done) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		global_done = 1;
	}
	cm->lp = lp;
	cm->multi = curl_multi_init();
	if (!cm->multi)
		abort();
	curl_multi_setopt(cm->multi, CURLMOPT_SOCKETFUNCTION, sock_cb);
	curl_multi_setopt(cm->multi, CURLMOPT_SOCKETDATA, cm);
	curl_multi_setopt(cm->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(cm->multi, CURLMOPT_TIMERDATA, cm);
	return cm;
}

/* Removes every transfer (their callbacks are not called) and frees. */
void
curlm_free(struct curlm *cm)
{
	if (!cm)
		return;
	while (cm->xfers) {
		struct xfer *x = cm->xfers;

		cm->xfers = x->next;
		curl_multi_remove_handle(cm->multi, x->easy);
		free(x);
	}
	cm->nxfers = 0;
	/* Cleanup may still report sockets going away; cm is valid here. */
	curl_multi_cleanup(cm->multi);
	loop_timer_cancel(cm->lp, cm->timer);
	free(cm);
}

/* Starts easy; done runs once when it ends. The easy stays the caller's. */
void
curlm_add(struct curlm *cm, CURL *easy, curlm_done_cb done, void *arg)
{
	struct xfer *x = xcalloc(1, sizeof(*x));

	x->easy = easy;
	x->done = done;
	x->arg = arg;
	x->next = cm->xfers;
	cm->xfers = x;
	cm->nxfers++;
	/*
	 * Arms a 0 ms timer through timer_cb; the work starts next turn.
	 * Adding fails only for a handle already in a multi or when memory
	 * is out: a bug or the same fate as xmalloc's.
	 */
	if (curl_multi_add_handle(cm->multi, easy) != CURLM_OK)
		abort();
}

/* Stops easy without calling its callback; unknown handles are ignored. */
void
curlm_remove(struct curlm *cm, CURL *easy)
{
	struct xfer *x;

	if (!cm || !easy || (x = take_xfer(cm, easy)) == NULL)
		return;
	curl_multi_remove_handle(cm->multi, easy);
	free(x);
}

/* Number of transfers still running. */
int
curlm_running(const struct curlm *cm)
{
	return cm ? cm->nxfers : 0;
}
