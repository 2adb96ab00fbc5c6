/*
 * Unit tests of the sweep (src/sweep/: the scheduler, the registry and
 * each check_*.c): whole sweeps against loopback servers on the one loop,
 * asserting how every check ends, that the checks overlap, and that
 * cancel, re-run and flush never leave a check waiting. Only 127.0.0.1
 * and ::1 are used: every URL is an IP literal, the proxy variables are
 * unset, HOME is a fresh directory and PATH an empty one (no desktop
 * proxy settings, no helper programs).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/loop.h"
#include "core/spawn.h"
#include "core/xalloc.h"
#include "probe/proxy_conf.h"
#include "probe/result.h"
#include "sweep/sweep.h"
#include "netsrv.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEADLINE_MS 30000.0	/* a sweep that takes longer is stuck */
#define ANY (-1)		/* any final status will do */

static char tmp_home[] = "/tmp/test_sweep.XXXXXX";
static char tmp_bin[sizeof(tmp_home) + 4];
static const char *no_run;	/* why the live cases cannot run here */

/* ---- a 200 server on ::1 (netsrv listens on 127.0.0.1 only) ---- */

#define SRV6_CONNS 128

struct srv6 {
	struct loop *lp;
	int lfd, port, accepted;
	int cfd[SRV6_CONNS];	/* -1 when free */
	char buf[SRV6_CONNS][2048];
	size_t len[SRV6_CONNS];
};

static const char ok6[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
    "Connection: close\r\n\r\nok";

static void
srv6_close(struct srv6 *s, int i)
{
	loop_unwatch(s->lp, s->cfd[i]);
	close(s->cfd[i]);
	s->cfd[i] = -1;
}

static void
srv6_read(struct loop *lp, int fd, short revents, void *arg)
{
	struct srv6 *s = arg;
	int i = 0;
	ssize_t n;

	(void)lp;
	(void)revents;
	while (i < SRV6_CONNS && s->cfd[i] != fd)
		i++;
	if (i == SRV6_CONNS)
		return;
	n = read(fd, s->buf[i] + s->len[i], sizeof(s->buf[i]) - 1 -
	    s->len[i]);
	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			srv6_close(s, i);
		return;
	}
	s->len[i] += (size_t)n;
	if (!memmem(s->buf[i], s->len[i], "\r\n\r\n", 4))
		return;
	if (write(fd, ok6, sizeof(ok6) - 1) < 0)
		errno = 0;	/* the client went away: nothing to do */
	srv6_close(s, i);
}

static void
srv6_accept(struct loop *lp, int fd, short revents, void *arg)
{
	struct srv6 *s = arg;
	int c = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	(void)revents;
	if (c < 0)
		return;
	s->accepted++;
	for (int i = 0; i < SRV6_CONNS; i++)
		if (s->cfd[i] < 0) {
			s->cfd[i] = c;
			s->len[i] = 0;
			loop_watch(lp, c, POLLIN, srv6_read, s);
			return;
		}
	close(c);
}

/* Listens on [::1]; NULL when this machine has no IPv6 loopback. */
static struct srv6 *
srv6_new(struct loop *lp)
{
	struct sockaddr_in6 sa;
	socklen_t len = sizeof(sa);
	struct srv6 *s;
	int fd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);

	memset(&sa, 0, sizeof(sa));
	sa.sin6_family = AF_INET6;
	sa.sin6_addr = in6addr_loopback;
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 64) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->lp = lp;
	s->lfd = fd;
	s->port = ntohs(sa.sin6_port);
	for (int i = 0; i < SRV6_CONNS; i++)
		s->cfd[i] = -1;
	loop_watch(lp, fd, POLLIN, srv6_accept, s);
	return s;
}

static void
srv6_free(struct srv6 *s)
{
	for (int i = 0; i < SRV6_CONNS; i++)
		if (s->cfd[i] >= 0)
			srv6_close(s, i);
	loop_unwatch(s->lp, s->lfd);
	close(s->lfd);
	free(s);
}

/* ---- running a sweep ---- */

struct watch {
	int calls;		/* on_change calls */
	int saw_done;		/* calls made with the sweep done */
};

static void
on_change(struct sweep *sw, void *arg)
{
	struct watch *w = arg;

	w->calls++;
	if (sweep_done(sw))
		w->saw_done++;
}

static struct sweep *
new_sweep(struct loop *lp, const char *url, long timeout_ms,
    struct watch *w)
{
	struct sweep_options o = { .input = url, .timeout_ms = timeout_ms };
	char *err = NULL;
	struct sweep *sw = sweep_new(lp, &o, on_change, w, &err);

	if (!sw)
		fail_msg("sweep_new(%s): %s", url, err ? err : "?");
	assert_null(err);
	return sw;
}

/* The checks still queued or running, for a failure message. */
static const char *
waiting(struct sweep *sw)
{
	static char buf[256];
	const struct probe_results *r = sweep_results(sw);
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < r->nchecks && n < sizeof(buf) - 40; i++)
		if (r->checks[i].state == CHECK_QUEUED ||
		    r->checks[i].state == CHECK_RUNNING)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
			    n ? ", " : "", r->checks[i].id);
	return buf;
}

/* Runs the loop until the sweep is done; returns the wall time in ms. */
static double
run_sweep(struct loop *lp, struct sweep *sw)
{
	double t0 = loop_now_ms();

	while (!sweep_done(sw)) {
		if (loop_now_ms() - t0 > DEADLINE_MS)
			fail_msg("the sweep did not finish in %.0f ms: %s",
			    DEADLINE_MS, waiting(sw));
		loop_run_once(lp, 50);
	}
	return loop_now_ms() - t0;
}

/* Runs the loop until check id is running (fails if it never is). */
static void
run_until_running(struct loop *lp, struct sweep *sw, const char *id)
{
	struct probe_results *r = (struct probe_results *)sweep_results(sw);
	double t0 = loop_now_ms();

	while (probe_results_check(r, id)->state != CHECK_RUNNING) {
		if (sweep_done(sw) || loop_now_ms() - t0 > DEADLINE_MS)
			fail_msg("check %s never ran", id);
		loop_run_once(lp, 20);
	}
}

static struct res_check *
check_of(struct sweep *sw, const char *id)
{
	struct res_check *c = probe_results_check((struct probe_results *)
	    sweep_results(sw), id);

	if (!c)
		fail_msg("no check %s", id);
	return c;
}

/* Every check ended (done or cancelled), each with a summary. */
static void
assert_all_ended(struct sweep *sw)
{
	const struct probe_results *r = sweep_results(sw);

	assert_true(sweep_done(sw));
	for (size_t i = 0; i < r->nchecks; i++) {
		const struct res_check *c = &r->checks[i];

		if (c->state != CHECK_DONE && c->state != CHECK_CANCELLED)
			fail_msg("check %s still %d", c->id, c->state);
		if (!c->summary || !*c->summary)
			fail_msg("check %s ended without a summary", c->id);
	}
}

static void
skip_if_unsafe(void)
{
	if (no_run) {
		print_message("live sweep not run: %s\n", no_run);
		skip();
	}
}

/* ---- whole sweeps: how every check ends ---- */

enum srv_kind { SRV_OK, SRV_RESET, SRV_CLOSED, SRV_OK6 };

#define NCHK 10
static const char *const chk[NCHK] = { "proxy", "local", "dns", "tcp",
	"http", "tls", "variation", "mismatch", "path", "locator" };

static const struct sweep_case {
	const char *name;
	enum srv_kind srv;
	int want[NCHK];		/* final status per chk[], or ANY */
	enum http_result http;	/* the real request's ending */
	int locator_ran;
} sweep_cases[] = {
	{ "200", SRV_OK, { ANY, ANY, CS_SKIPPED, CS_PASS, CS_PASS,
	    CS_SKIPPED, CS_PASS, CS_SKIPPED, CS_PASS, CS_SKIPPED },
	    HTTP_RESPONSE, 0 },
	{ "reset after the request", SRV_RESET, { ANY, ANY, CS_SKIPPED,
	    CS_PASS, CS_FAIL, CS_SKIPPED, CS_INFO, CS_PASS, CS_PASS,
	    CS_INFO }, HTTP_RESET_BEFORE_RESPONSE, 1 },
	{ "closed port", SRV_CLOSED, { ANY, ANY, CS_SKIPPED, CS_FAIL,
	    CS_FAIL, CS_SKIPPED, CS_INFO, CS_SKIPPED, ANY, CS_SKIPPED },
	    HTTP_REFUSED, 0 },
	{ "200 on ::1", SRV_OK6, { ANY, ANY, CS_SKIPPED, CS_PASS, CS_PASS,
	    CS_SKIPPED, CS_PASS, CS_SKIPPED, CS_PASS, CS_SKIPPED },
	    HTTP_RESPONSE, 0 },
};

/* Every request and how it ended: printed when a case fails, so that a
   rare failure (seen under heavy load) leaves what it met in the log. */
static void
print_requests(const struct probe_results *r)
{
	for (size_t q = 0; q < r->nhttp && q < RES_MAX_HTTP; q++) {
		const struct res_http *h = &r->http[q];

		print_message("request %zu: variant %d attempt %d result %d "
		    "curl %d errno %d bytes %ld %.1f ms: %s\n", q, h->variant,
		    h->attempt, h->result, h->curl_code, h->os_errno,
		    (long)h->bytes, (double)h->t_total,
		    h->curl_error ? h->curl_error : "");
	}
}

static void
assert_case(const struct sweep_case *k, struct sweep *sw)
{
	const struct probe_results *r = sweep_results(sw);
	const struct res_http *m = probe_results_http(r, HV_MAIN);

	for (int i = 0; i < NCHK; i++) {
		const struct res_check *c = check_of(sw, chk[i]);

		if (c->state != CHECK_DONE)
			fail_msg("%s: %s state %d", k->name, chk[i], c->state);
		if (k->want[i] != ANY && (int)c->status != k->want[i]) {
			print_requests(r);
			fail_msg("%s: %s status %d, want %d (%s)", k->name,
			    chk[i], c->status, k->want[i], c->summary);
		}
	}
	assert_non_null(m);
	if (m->result != k->http)
		fail_msg("%s: http result %d, want %d", k->name, m->result,
		    k->http);
	assert_int_equal(r->locator.ran, k->locator_ran);
	if (k->locator_ran) {
		/* On loopback the server is hop 1 and the reset is its own. */
		assert_true(r->locator.server_distance > 0);
		assert_int_equal(r->locator.first_reset_ttl,
		    r->locator.server_distance);
		assert_int_equal(r->locator.local, 0);
	}
	if (k->srv == SRV_RESET)
		assert_non_null(probe_results_http(r, HV_ALT_SCHEME));
	else
		assert_null(probe_results_http(r, HV_ALT_SCHEME));
	if (k->srv == SRV_CLOSED)
		assert_int_equal(r->tcp[0].status, TCP_REFUSED);
}

static void
test_sweeps(void **state)
{
	(void)state;
	skip_if_unsafe();
	for (size_t i = 0; i < sizeof(sweep_cases) / sizeof(sweep_cases[0]);
	    i++) {
		const struct sweep_case *k = &sweep_cases[i];
		struct loop *lp = loop_new();
		struct netsrv *ns = NULL;
		struct srv6 *s6 = NULL;
		struct watch w = { 0, 0 };
		struct sweep *sw;
		char url[64];

		if (k->srv == SRV_OK6 && (s6 = srv6_new(lp)) == NULL) {
			print_message("no IPv6 loopback: %s not run\n",
			    k->name);
			loop_free(lp);
			continue;
		}
		if (k->srv == SRV_OK6)
			snprintf(url, sizeof(url), "http://[::1]:%d/",
			    s6->port);
		else if (k->srv == SRV_CLOSED)
			snprintf(url, sizeof(url), "http://127.0.0.1:%d/",
			    netsrv_closed_port());
		else {
			ns = netsrv_new(lp, k->srv == SRV_OK ? NS_OK :
			    NS_RESET_EARLY, 0);
			snprintf(url, sizeof(url), "http://127.0.0.1:%d/x",
			    netsrv_port(ns));
		}
		sw = new_sweep(lp, url, 3000, &w);
		assert_false(sweep_done(sw));	/* not started yet */
		sweep_start(sw);
		run_sweep(lp, sw);
		assert_all_ended(sw);
		assert_case(k, sw);
		assert_true(w.calls > 0);
		assert_true(w.saw_done > 0);
		if (ns)
			assert_true(netsrv_accepted(ns) >= 2);
		if (s6)
			assert_true(s6->accepted >= 2);
		sweep_free(sw);
		netsrv_free(ns);
		if (s6)
			srv6_free(s6);
		loop_free(lp);
	}
}

/*
 * The checks overlap: with a server that answers only after a while, the
 * sweep takes less than its checks' durations added up (the real request
 * and the variation alone wait as long as each other).
 */
static void
test_overlap(void **state)
{
	struct loop *lp = loop_new();
	struct netsrv *ns = netsrv_new(lp, NS_OK, 400);
	struct watch w = { 0, 0 };
	const struct probe_results *r;
	double t0, wall, sum = 0, slowest = 0;
	struct sweep *sw;
	char url[64];

	(void)state;
	skip_if_unsafe();
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/", netsrv_port(ns));
	sw = new_sweep(lp, url, 5000, &w);
	/* From before the start: the checks' clocks start inside it. */
	t0 = loop_now_ms();
	sweep_start(sw);
	run_sweep(lp, sw);
	wall = loop_now_ms() - t0;
	r = sweep_results(sw);
	for (size_t i = 0; i < r->nchecks; i++) {
		sum += r->checks[i].duration_ms;
		if (r->checks[i].duration_ms > slowest)
			slowest = r->checks[i].duration_ms;
	}
	assert_true(check_of(sw, "http")->duration_ms >= 350);
	assert_true(check_of(sw, "variation")->duration_ms >= 350);
	if (!(wall < sum))
		fail_msg("sweep took %.0f ms, its checks %.0f ms in all", wall,
		    sum);
	assert_true(wall + 1 >= slowest);
	sweep_free(sw);
	netsrv_free(ns);
	loop_free(lp);
}

/* ---- cancelling: the check ends cancelled, nothing waits for it ---- */

static const struct cancel_case {
	const char *id;
	const char *then_skipped;	/* a follow-up that must be skipped */
	const char *then_pass;		/* a check that still passes */
} cancel_cases[] = {
	{ "http", "mismatch", "variation" },
	{ "http", "locator", "tcp" },
	{ "variation", NULL, "http" },
	{ "proxy", NULL, "http" },	/* the requests go on without it */
};

static void
test_cancel(void **state)
{
	(void)state;
	skip_if_unsafe();
	for (size_t i = 0; i < sizeof(cancel_cases) / sizeof(cancel_cases[0]);
	    i++) {
		const struct cancel_case *k = &cancel_cases[i];
		struct loop *lp = loop_new();
		struct netsrv *ns = netsrv_new(lp, NS_OK, 300);
		struct watch w = { 0, 0 };
		struct sweep *sw;
		struct res_check *c;
		char url[64];
		int before;

		snprintf(url, sizeof(url), "http://127.0.0.1:%d/",
		    netsrv_port(ns));
		sw = new_sweep(lp, url, 5000, &w);
		sweep_start(sw);
		run_until_running(lp, sw, k->id);
		before = w.calls;
		sweep_cancel(sw, k->id);
		c = check_of(sw, k->id);
		assert_int_equal(c->state, CHECK_CANCELLED);
		assert_true(w.calls > before);
		run_sweep(lp, sw);
		assert_all_ended(sw);
		assert_int_equal(c->state, CHECK_CANCELLED);
		assert_non_null(c->summary);
		if (k->then_skipped)
			assert_int_equal(check_of(sw, k->then_skipped)->status,
			    CS_SKIPPED);
		assert_int_equal(check_of(sw, k->then_pass)->status, CS_PASS);
		/* Cancelling what is not running changes nothing. */
		sweep_cancel(sw, "tcp");
		assert_int_equal(check_of(sw, "tcp")->state, CHECK_DONE);
		sweep_free(sw);
		netsrv_free(ns);
		loop_free(lp);
	}
}

/* ---- re-running ---- */

static const struct rerun_case {
	enum netsrv_mode mode;
	int times;
	enum check_status http, mismatch;
	int locator_ran;
} rerun_cases[] = {
	{ NS_OK, 20, CS_PASS, CS_SKIPPED, 0 },
	{ NS_RESET_EARLY, 3, CS_FAIL, CS_PASS, 1 },
};

static void
test_rerun(void **state)
{
	(void)state;
	skip_if_unsafe();
	for (size_t i = 0; i < sizeof(rerun_cases) / sizeof(rerun_cases[0]);
	    i++) {
		const struct rerun_case *k = &rerun_cases[i];
		struct loop *lp = loop_new();
		struct netsrv *ns = netsrv_new(lp, k->mode, 0);
		struct watch w = { 0, 0 };
		const struct probe_results *r;
		struct sweep *sw;
		size_t nhttp;
		char url[64];
		int acc;

		snprintf(url, sizeof(url), "http://127.0.0.1:%d/",
		    netsrv_port(ns));
		sw = new_sweep(lp, url, 3000, &w);
		r = sweep_results(sw);
		sweep_start(sw);
		run_sweep(lp, sw);
		nhttp = r->nhttp;
		for (int n = 0; n < k->times; n++) {
			acc = netsrv_accepted(ns);
			sweep_rerun(sw, "http");
			assert_int_equal(check_of(sw, "http")->state,
			    CHECK_RUNNING);
			assert_false(sweep_done(sw));
			run_sweep(lp, sw);
			assert_all_ended(sw);
			/* A fresh request reached the server. */
			assert_true(netsrv_accepted(ns) > acc);
			assert_int_equal(check_of(sw, "http")->status, k->http);
			assert_int_equal(check_of(sw, "mismatch")->status,
			    k->mismatch);
			assert_int_equal(r->locator.ran, k->locator_ran);
			assert_non_null(probe_results_http(r, HV_MAIN));
			/* Slots are reused, never piled up. */
			assert_int_equal(r->nhttp, nhttp);
		}
		/*
		 * Re-running DNS of an IP literal has nothing to ask: the
		 * address stays the answer, and TCP can still run again.
		 */
		sweep_rerun(sw, "dns");
		assert_true(sweep_done(sw));
		assert_int_equal(r->ndns, 1);
		assert_string_equal(r->dns[0].addrs[0], "127.0.0.1");
		sweep_rerun(sw, "tcp");
		assert_int_equal(check_of(sw, "tcp")->state, CHECK_RUNNING);
		run_sweep(lp, sw);
		assert_int_equal(check_of(sw, "tcp")->status, CS_PASS);
		assert_string_equal(r->tcp[0].addr, "127.0.0.1");
		sweep_rerun(sw, "no-such-check");
		assert_true(sweep_done(sw));
		sweep_free(sw);
		netsrv_free(ns);
		loop_free(lp);
	}
}

/* ---- flushing the DNS cache on request ---- */

static void
test_flush(void **state)
{
	static const enum flush_outcome outcomes[] = { FLUSH_FLUSHED,
	    FLUSH_NOTHING, FLUSH_NEEDS_PRIVILEGES, FLUSH_FAILED };

	(void)state;
	skip_if_unsafe();
	/* early: asked before the local check found the cache. */
	for (int early = 1; early >= 0; early--) {
		struct loop *lp = loop_new();
		struct netsrv *ns = netsrv_new(lp, NS_OK, 0);
		struct watch w = { 0, 0 };
		const struct probe_results *r;
		struct sweep *sw;
		struct res_check *c;
		char url[64];
		int known = 0;

		snprintf(url, sizeof(url), "http://127.0.0.1:%d/",
		    netsrv_port(ns));
		sw = new_sweep(lp, url, 3000, &w);
		r = sweep_results(sw);
		sweep_start(sw);
		if (!early)
			run_sweep(lp, sw);
		if (!early && r->local.dns_caches &&
		    strstr(r->local.dns_caches, "dnsmasq")) {
			/* Its flush signals a process of this machine. */
			print_message("dnsmasq runs here: flush not tried\n");
			sweep_free(sw);
			netsrv_free(ns);
			loop_free(lp);
			return;
		}
		sweep_flush_dns(sw);
		c = check_of(sw, "flush");
		assert_int_equal(c->state, CHECK_RUNNING);
		assert_false(sweep_done(sw));
		run_sweep(lp, sw);
		assert_all_ended(sw);
		assert_int_equal(c->state, CHECK_DONE);
		assert_int_equal(r->flush.ran, 1);
		assert_int_not_equal(r->flush.outcome, FLUSH_NOT_RUN);
		for (size_t i = 0; i < sizeof(outcomes) / sizeof(outcomes[0]);
		    i++)
			known |= r->flush.outcome == outcomes[i];
		assert_true(known);
		assert_string_equal(r->flush.before, "127.0.0.1");
		assert_string_equal(r->flush.after, "127.0.0.1");
		sweep_free(sw);
		netsrv_free(ns);
		loop_free(lp);
	}
}

/*
 * A redirect: the checks start at once on the address as typed (the
 * answer comes 150 ms late), then start over on the address it points
 * to; nothing of the first start is left in the results.
 */
static void
test_redirect_restart(void **state)
{
	struct loop *lp;
	struct netsrv *ns;
	struct watch w = { 0, 0 };
	const struct probe_results *r;
	struct sweep *sw;
	char url[64];
	size_t n = 0;

	(void)state;
	skip_if_unsafe();
	lp = loop_new();
	ns = netsrv_new(lp, NS_REDIRECT, 150);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/", netsrv_port(ns));
	sw = new_sweep(lp, url, 3000, &w);
	r = sweep_results(sw);
	sweep_start(sw);
	/* Started on the address as typed, before the redirect came. */
	run_until_running(lp, sw, "http");
	assert_int_equal(check_of(sw, "redirects")->state, CHECK_RUNNING);
	run_sweep(lp, sw);
	assert_all_ended(sw);
	assert_string_equal(r->target.path, "/next");
	assert_int_equal(check_of(sw, "http")->status, CS_PASS);
	for (size_t i = 0; i < r->nhttp; i++) {
		if (r->http[i].variant != HV_MAIN ||
		    r->http[i].result == HTTP_NOT_RUN)
			continue;
		n++;
		assert_non_null(strstr(r->http[i].url, "/next"));
		assert_int_equal(r->http[i].result, HTTP_RESPONSE);
		assert_int_equal(r->http[i].status, 200);
	}
	assert_int_equal(n, 5);
	sweep_free(sw);
	netsrv_free(ns);
	loop_free(lp);
}

/* ---- malformed addresses: no sweep, one line saying why ---- */

static const char *const malformed[] = {
	"", "   ", "ftp://127.0.0.1/", "127.0.0.1:65536", "127.0.0.1:0",
	"[::1", "[::1::2]:80", "999.1.1.1", "http://", "http://127.0.0.1/a b",
	NULL
};

static void
test_malformed(void **state)
{
	struct loop *lp = loop_new();

	(void)state;
	for (size_t i = 0; malformed[i]; i++) {
		struct sweep_options o = { .input = malformed[i],
		    .timeout_ms = 1000 };
		struct watch w = { 0, 0 };
		char *err = NULL;
		struct sweep *sw = sweep_new(lp, &o, on_change, &w, &err);

		if (sw)
			fail_msg("\"%s\" was accepted", malformed[i]);
		assert_non_null(err);
		assert_true(*err != '\0');
		assert_null(strchr(err, '\n'));
		assert_int_equal(w.calls, 0);
		free(err);
	}
	assert_int_equal(loop_pending(lp), 0);
	loop_free(lp);
}

/* ---- isolation ---- */

/*
 * With no proxy configured, proxy detection looks for wpad.<domain> for
 * every search domain of /etc/resolv.conf, and /etc/environment may name
 * a proxy: either would send traffic off this machine.
 */
static const char *
machine_leaks(void)
{
	char buf[16384], **doms = NULL;
	size_t n = 0, nd;
	FILE *f = fopen("/etc/resolv.conf", "r");

	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	nd = proxy_search_domains(buf, &doms);
	for (size_t i = 0; i < nd; i++)
		free(doms[i]);
	free(doms);
	if (nd > 0)
		return "/etc/resolv.conf has search domains (WPAD lookups)";
	n = 0;
	if ((f = fopen("/etc/environment", "r")) != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	if (strcasestr(buf, "proxy"))
		return "/etc/environment sets a proxy";
	return NULL;
}

static const char *const no_dirs[] = { NULL };

static int
setup(void **state)
{
	static const char *const vars[] = { "http_proxy", "https_proxy",
	    "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy",
	    "NO_PROXY", "XDG_CONFIG_HOME", "XDG_CURRENT_DESKTOP",
	    "SSL_CERT_FILE", NULL };

	(void)state;
	for (size_t i = 0; vars[i]; i++)
		unsetenv(vars[i]);
	if (!mkdtemp(tmp_home))
		return -1;
	snprintf(tmp_bin, sizeof(tmp_bin), "%s/bin", tmp_home);
	if (mkdir(tmp_bin, 0700) < 0)
		return -1;
	setenv("HOME", tmp_home, 1);
	/* No helper runs: no gsettings, no firewall tools, no flushing;
	   not even those of the system's own directories. */
	setenv("PATH", tmp_bin, 1);
	spawn_set_system_dirs(no_dirs);
	no_run = machine_leaks();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	spawn_set_system_dirs(NULL);
	rmdir(tmp_bin);
	rmdir(tmp_home);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_sweeps),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_rerun),
		cmocka_unit_test(test_redirect_restart),
		cmocka_unit_test(test_flush),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
