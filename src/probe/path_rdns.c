/*
 * A c-ares channel for PTR lookups, driven by the loop through the one
 * binding in ares_loop.c.
 */
#include "config.h"

#include "probe/path_rdns.h"
#include "probe/ares_loop.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

struct path_rdns {
	struct ares_loop *al;
	int pending;
	int dying;		/* inside path_rdns_free: drop answers */
};

struct lookup {
	struct path_rdns *r;
	path_rdns_cb cb;
	void *arg;
};

/* Creates a PTR channel on lp; NULL when c-ares cannot start. */
struct path_rdns *
path_rdns_new(struct loop *lp, long timeout_ms)
{
	struct ares_options o;
	struct path_rdns *r = xcalloc(1, sizeof(*r));
	int rc;

	memset(&o, 0, sizeof(o));
	o.timeout = (int)(timeout_ms > 0 ? timeout_ms : 1000);
	o.tries = 2;
	r->al = ares_loop_new(lp, &o, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES,
	    &rc);
	if (!r->al) {
		free(r);
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
	ares_gethostbyaddr(ares_loop_channel(r->al), buf,
	    fam == AF_INET ? 4 : 16, fam, on_answer, l);
	ares_loop_arm(r->al);
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
	ares_loop_free(r->al);	/* answers ARES_EDESTRUCTION, unwatches */
	free(r);
}
