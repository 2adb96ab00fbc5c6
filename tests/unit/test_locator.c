/*
 * Unit tests of src/probe/locator.c: the verdict table, and a real replay
 * on loopback against an in-test server that resets after the request.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/loop.h"
#include "probe/locator.h"
#include "probe/result.h"

#define P LOC_PENDING
#define S LOC_SILENT
#define E LOC_EXPIRED
#define A LOC_ANSWERED
#define R LOC_RESET
#define N LOC_NOCONN

struct conclude_case {
	int distance;
	enum loc_outcome real[6], control[6];
	int n;
	int first, control_first, near_ttl;
	const char *near_addr;
	int local;
	/* an unidentified near hop: the identified hops around it */
	int unidentified, before_ttl;
	const char *before;
	int after_ttl;
	const char *after;
};

/* The path of fake_path(): hop 2 silent. */
#define H1 "198.18.1.1"
#define H3 "198.18.3.2"
#define H4 "198.18.4.2"

static const struct conclude_case cases[] = {
	/*
	 * First reset at TTL 2: the router at hop 1 filters what it
	 * forwards (after its own TTL check), so hop 1 is named.
	 */
	{ 4, { E, R, R, R, R }, { E, E, E, A, A }, 5, 2, 0, 1, H1, 0,
	    0, 0, NULL, 0, NULL },
	/* First reset at TTL 4 of a farther server: hop 3 is named. */
	{ 6, { E, E, E, R, R }, { E, E, E, A, A }, 5, 4, 0, 3, H3, 0,
	    0, 0, NULL, 0, NULL },
	/*
	 * Injected at hop 2, which never answered the trace: no address
	 * (never hop 3's), between hop 1 and hop 3.
	 */
	{ 4, { E, E, R, R, R }, { E, E, E, A, A }, 5, 3, 0, 2, NULL, 0,
	    1, 1, H1, 3, H3 },
	/* Only the server resets, control too: the server's doing. */
	{ 4, { E, E, E, R, R }, { E, E, E, R, R }, 5, 4, 4, 4, H4, 0,
	    0, 0, NULL, 0, NULL },
	/* Reset at TTL 1 past a router: made on this machine. */
	{ 4, { R, R, R, R, R }, { E, E, E, A, A }, 5, 1, 0, 1, H1, 1,
	    0, 0, NULL, 0, NULL },
	/* Loopback: TTL 1 is the server itself, not local. */
	{ 1, { R, R }, { R, R }, 2, 1, 1, 1, H1, 0, 0, 0, NULL, 0, NULL },
	/* No reset anywhere. */
	{ 4, { E, E, E, A, A }, { E, E, E, A, A }, 5, 0, 0, 0, NULL, 0,
	    0, 0, NULL, 0, NULL },
	/* Reset first at TTL 2 (hop 2 silent): hop 1 answered, named. */
	{ 4, { S, R, R, R, R }, { S, S, N, A, A }, 5, 2, 0, 1, H1, 0,
	    0, 0, NULL, 0, NULL },
	/* Distance unknown (0): never "local", near hop from the path. */
	{ 0, { E, E, R, P, P }, { E, E, E, E, E }, 5, 3, 0, 2, NULL, 0,
	    1, 1, H1, 3, H3 },
	/* Past the traced hops: unidentified, after the last one seen. */
	{ 0, { E, E, E, E, E, R }, { E, E, E, E, E, E }, 6, 6, 0, 5, NULL,
	    0, 1, 4, H4, 0, NULL },
};

static int
same(const char *a, const char *b)
{
	return a ? b && strcmp(a, b) == 0 : b == NULL;
}

static void
fake_path(struct res_path *p)
{
	static char a1[] = "198.18.1.1", a3[] = "198.18.3.2",
	    a4[] = "198.18.4.2";

	memset(p, 0, sizeof(*p));
	p->nhops = 4;
	p->reached = 1;
	p->hops[0].addr = a1;
	p->hops[1].addr = NULL;
	p->hops[2].addr = a3;
	p->hops[3].addr = a4;
}

static void
test_conclude_table(void **state)
{
	struct res_path path;

	(void)state;
	fake_path(&path);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct conclude_case *c = &cases[i];
		struct res_locator out;

		memset(&out, 0, sizeof(out));
		out.server_distance = c->distance;
		out.forged = 1;		/* the capture's, left alone */
		locator_conclude(&out, c->real, c->control, c->n, &path);
		if (out.first_reset_ttl != c->first ||
		    out.control_first_reset_ttl != c->control_first ||
		    out.control_reset != (c->control_first > 0) ||
		    out.near_hop_ttl != c->near_ttl || out.local != c->local ||
		    !same(out.near_hop_addr, c->near_addr) ||
		    out.near_hop_unidentified != c->unidentified ||
		    out.near_hop_inferred != 0 ||
		    out.near_hop_before_ttl != c->before_ttl ||
		    !same(out.near_hop_before_addr, c->before) ||
		    out.near_hop_after_ttl != c->after_ttl ||
		    !same(out.near_hop_after_addr, c->after))
			fail_msg("case %zu: first %d ctl %d near %d %s local "
			    "%d unid %d before %d %s after %d %s", i,
			    out.first_reset_ttl, out.control_first_reset_ttl,
			    out.near_hop_ttl, out.near_hop_addr ?
			    out.near_hop_addr : "-", out.local,
			    out.near_hop_unidentified, out.near_hop_before_ttl,
			    out.near_hop_before_addr ?
			    out.near_hop_before_addr : "-",
			    out.near_hop_after_ttl, out.near_hop_after_addr ?
			    out.near_hop_after_addr : "-");
		assert_int_equal(out.forged, 1);
		assert_null(out.forged_detail);
		free(out.trigger);
		out.trigger = NULL;
		out.forged = 0;
		res_locator_clear(&out);
	}
	assert_int_equal(locator_first_reset((enum loc_outcome[]){ A, E },
	    2), 0);
	assert_int_equal(locator_first_reset((enum loc_outcome[]){ E, R },
	    2), 2);
}

/*
 * A silent first hop takes the route's gateway, flagged as inferred;
 * any other silent hop, or a first hop that answered, does not.
 */
static void
test_infer_first_hop(void **state)
{
	static const enum loc_outcome real[] = { R, R, R, R, R };
	static const enum loc_outcome ctl[] = { E, E, E, A, A };
	struct res_path path;
	struct res_locator out;

	(void)state;
	fake_path(&path);
	path.hops[0].addr = NULL;
	memset(&out, 0, sizeof(out));
	out.server_distance = 4;
	locator_conclude(&out, (enum loc_outcome[]){ E, R, R, R, R }, ctl, 5,
	    &path);
	assert_int_equal(out.near_hop_ttl, 1);
	assert_null(out.near_hop_addr);
	assert_true(out.near_hop_unidentified);
	assert_int_equal(out.near_hop_after_ttl, 3);
	locator_infer_first_hop(&out, "198.18.1.1");
	assert_string_equal(out.near_hop_addr, "198.18.1.1");
	assert_true(out.near_hop_inferred);
	assert_true(out.near_hop_unidentified);
	/* Concluding again forgets the inference. */
	locator_conclude(&out, real, ctl, 5, &path);
	assert_null(out.near_hop_addr);
	assert_false(out.near_hop_inferred);
	locator_infer_first_hop(&out, NULL);
	assert_null(out.near_hop_addr);
	res_locator_clear(&out);
	/* Hop 2 silent: no gateway can stand for it. */
	fake_path(&path);
	out.server_distance = 4;
	locator_conclude(&out, (enum loc_outcome[]){ E, E, R, R, R }, ctl, 5,
	    &path);
	locator_infer_first_hop(&out, "198.18.1.1");
	assert_null(out.near_hop_addr);
	assert_false(out.near_hop_inferred);
	res_locator_clear(&out);
}

/* The in-test server: reads what comes and answers with a RST or a reply. */
struct server {
	struct loop *lp;
	int lfd;
	int reset;		/* 1: SO_LINGER 0 close after the request */
	int fds[64];
	int nfds;
	int requests;
	int saw_neutral, saw_real;
};

static void
on_client(struct loop *lp, int fd, short revents, void *arg)
{
	struct server *s = arg;
	char buf[2048];
	ssize_t n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);

	(void)revents;
	if (n < 0 && errno == EAGAIN)
		return;
	loop_unwatch(lp, fd);
	if (n > 0) {
		buf[n] = '\0';
		s->requests++;
		s->saw_neutral |= memmem(buf, (size_t)n,
		    LOCATOR_NEUTRAL_HOST, strlen(LOCATOR_NEUTRAL_HOST)) != NULL;
		s->saw_real |= memmem(buf, (size_t)n, "blocked.test", 12) !=
		    NULL;
		if (s->reset) {
			struct linger lg = { 1, 0 };

			setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		} else {
			static const char ok[] = "HTTP/1.1 200 OK\r\n"
			    "Content-Length: 0\r\nConnection: close\r\n\r\n";

			(void)!send(fd, ok, sizeof(ok) - 1, MSG_NOSIGNAL);
		}
	}
	close(fd);
}

static void
on_accept(struct loop *lp, int fd, short revents, void *arg)
{
	struct server *s = arg;
	int c;

	(void)revents;
	while ((c = accept4(fd, NULL, NULL, SOCK_NONBLOCK)) >= 0)
		loop_watch(lp, c, POLLIN, on_client, s);
}

static int
server_start(struct server *s, struct loop *lp, int reset)
{
	struct sockaddr_in sin = { 0 };
	socklen_t len = sizeof(sin);
	int one = 1;

	memset(s, 0, sizeof(*s));
	s->lp = lp;
	s->reset = reset;
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	assert_true(s->lfd >= 0);
	setsockopt(s->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s->lfd, (struct sockaddr *)&sin, len), 0);
	assert_int_equal(listen(s->lfd, 128), 0);
	getsockname(s->lfd, (struct sockaddr *)&sin, &len);
	loop_watch(lp, s->lfd, POLLIN, on_accept, s);
	return ntohs(sin.sin_port);
}

static int finished;

static void
on_done(void *arg)
{
	(void)arg;
	finished++;
}

static void
run_locator(int reset, int tls, int distance, struct res_locator *out,
    struct server *s)
{
	struct probe_env env = { 0 };
	struct locator_req req = { 0 };
	double t0;

	env.loop = loop_new();
	env.timeout_ms = 4000;
	req.addr = "127.0.0.1";
	req.port = server_start(s, env.loop, reset);
	req.tls = tls;
	req.host = "blocked.test";
	req.trigger = tls ? "sni" : "host";
	req.path = "/x";
	req.server_distance = distance;
	memset(out, 0, sizeof(*out));
	finished = 0;
	t0 = loop_now_ms();
	assert_non_null(locator_probe_start(&env, &req, out, on_done, NULL));
	while (!finished && loop_now_ms() - t0 < 15000 &&
	    loop_run_once(env.loop, 500) == 0)
		;
	assert_int_equal(finished, 1);
	loop_unwatch(env.loop, s->lfd);
	close(s->lfd);
	loop_free(env.loop);
}

struct replay_case {
	int reset, tls, distance;
	int first, control_first;
};

static const struct replay_case replay_cases[] = {
	{ 1, 0, 0, 1, 1 },	/* distance measured by the locator */
	{ 1, 0, 1, 1, 1 },	/* distance given without a path */
	{ 1, 1, 0, 1, 1 },	/* ClientHello with SNI */
	{ 0, 0, 0, 0, 0 },	/* a server that answers: no reset */
};

/* Whether this process may open a packet socket (CAP_NET_RAW). */
static int
can_capture(void)
{
	int fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/*
 * The capture's finding: with CAP_NET_RAW a loopback reset has the
 * SYN-ACK's TTL (not forged) and no reset leaves nothing to compare;
 * without it the detail says how to grant the privilege.
 */
static void
check_forged(const struct res_locator *out, int reset)
{
	const char *d = out->forged_detail;

	assert_non_null(d);
	if (!can_capture()) {
		assert_int_equal(out->forged, -1);
		assert_non_null(strstr(d, "setcap cap_net_raw+ep"));
	} else if (reset) {
		if (out->forged != 0 || !strstr(d, "RST TTL 64 (from 64: 1 "
		    "hop away) vs SYN-ACK TTL 64"))
			fail_msg("forged %d: %s", out->forged, d);
	} else {
		assert_int_equal(out->forged, -1);
		assert_non_null(strstr(d, "no reset arrived"));
	}
}

/* Loopback: the reset comes at TTL 1 == distance 1, so the server's. */
static void
test_replay_loopback(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(replay_cases) / sizeof(*replay_cases);
	    i++) {
		const struct replay_case *c = &replay_cases[i];
		struct res_locator out;
		struct server s;

		run_locator(c->reset, c->tls, c->distance, &out, &s);
		if (out.first_reset_ttl != c->first ||
		    out.control_first_reset_ttl != c->control_first ||
		    out.server_distance != 1 || out.local != 0 ||
		    !out.ran || !out.trigger)
			fail_msg("case %zu: first %d ctl %d distance %d local "
			    "%d", i, out.first_reset_ttl,
			    out.control_first_reset_ttl, out.server_distance,
			    out.local);
		/* Attributed to the server: the reset is not before it. */
		assert_false(out.first_reset_ttl > 0 &&
		    out.first_reset_ttl < out.server_distance);
		assert_string_equal(out.trigger, c->tls ? "sni" : "host");
		check_forged(&out, c->reset);
		if (!c->tls) {
			assert_true(s.saw_neutral);
			assert_true(s.saw_real);
		}
		assert_true(s.requests >= 2);
		free(out.trigger);
		free(out.near_hop_addr);
		free(out.forged_detail);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conclude_table),
		cmocka_unit_test(test_infer_first_hop),
		cmocka_unit_test(test_replay_loopback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
