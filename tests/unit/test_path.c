/*
 * Unit tests of src/probe/path*.c: error-queue parsing, hop bookkeeping,
 * ping_group_range, and real traces on loopback only.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/loop.h"
#include "probe/path.h"
#include "probe/path_reask.h"
#include "probe/result.h"

/* One synthetic error-queue record and what it must parse to. */
struct errq_case {
	unsigned char origin, type, code;
	int family;		/* offender family, AF_UNSPEC for none */
	const char *offender;
	int udp;
	size_t cut;		/* bytes to drop from the end, 0 none */
	int rc;
	enum path_ev_kind kind;
	const char *addr;
};

static const struct errq_case errq_cases[] = {
	{ SO_EE_ORIGIN_ICMP, 11, 0, AF_INET, "198.18.1.1", 0, 0, 0,
	    PATH_EV_EXCEEDED, "198.18.1.1" },
	{ SO_EE_ORIGIN_ICMP, 3, 3, AF_INET, "198.18.4.2", 1, 0, 0,
	    PATH_EV_REACHED, "198.18.4.2" },
	{ SO_EE_ORIGIN_ICMP, 3, 3, AF_INET, "198.18.4.2", 0, 0, 0,
	    PATH_EV_UNREACH, "198.18.4.2" },
	{ SO_EE_ORIGIN_ICMP, 3, 13, AF_INET, "203.0.113.9", 1, 0, 0,
	    PATH_EV_UNREACH, "203.0.113.9" },
	{ SO_EE_ORIGIN_ICMP, 3, 1, AF_INET, "203.0.113.1", 0, 0, 0,
	    PATH_EV_UNREACH, "203.0.113.1" },
	{ SO_EE_ORIGIN_ICMP, 12, 0, AF_INET, "203.0.113.1", 0, 0, 0,
	    PATH_EV_NONE, "203.0.113.1" },
	{ SO_EE_ORIGIN_ICMP6, 3, 0, AF_INET6, "2001:db8:1::1", 0, 0, 0,
	    PATH_EV_EXCEEDED, "2001:db8:1::1" },
	{ SO_EE_ORIGIN_ICMP6, 1, 4, AF_INET6, "2001:db8:4::2", 1, 0, 0,
	    PATH_EV_REACHED, "2001:db8:4::2" },
	{ SO_EE_ORIGIN_ICMP6, 1, 1, AF_INET6, "2001:db8:3::2", 1, 0, 0,
	    PATH_EV_UNREACH, "2001:db8:3::2" },
	/* ICMPv6 type 11 is not "time exceeded": types differ by family. */
	{ SO_EE_ORIGIN_ICMP6, 11, 0, AF_INET6, "2001:db8::1", 0, 0, 0,
	    PATH_EV_NONE, "2001:db8::1" },
	{ SO_EE_ORIGIN_LOCAL, 0, 0, AF_UNSPEC, NULL, 0, 0, 0,
	    PATH_EV_NONE, "" },
	{ SO_EE_ORIGIN_ICMP, 11, 0, AF_UNSPEC, NULL, 0, 0, 0,
	    PATH_EV_EXCEEDED, "" },
	/* A truncated offender is dropped, the record still counts. */
	{ SO_EE_ORIGIN_ICMP, 11, 0, AF_INET, "198.18.2.2", 0, 4, 0,
	    PATH_EV_EXCEEDED, "" },
	{ SO_EE_ORIGIN_ICMP6, 3, 0, AF_INET6, "2001:db8::2", 0, 12, 0,
	    PATH_EV_EXCEEDED, "" },
	/* Shorter than the record itself: malformed. */
	{ SO_EE_ORIGIN_ICMP, 11, 0, AF_UNSPEC, NULL, 0, 20, -1,
	    PATH_EV_NONE, "" },
};

static size_t
build_record(const struct errq_case *c, unsigned char *buf, size_t len)
{
	struct sock_extended_err ee;
	size_t n = sizeof(ee);

	memset(buf, 0, len);
	memset(&ee, 0, sizeof(ee));
	ee.ee_errno = 113;
	ee.ee_origin = c->origin;
	ee.ee_type = c->type;
	ee.ee_code = c->code;
	memcpy(buf, &ee, sizeof(ee));
	if (c->family == AF_INET) {
		struct sockaddr_in sin = { 0 };

		sin.sin_family = AF_INET;
		assert_int_equal(inet_pton(AF_INET, c->offender,
		    &sin.sin_addr), 1);
		memcpy(buf + n, &sin, sizeof(sin));
		n += sizeof(sin);
	} else if (c->family == AF_INET6) {
		struct sockaddr_in6 sin6 = { 0 };

		sin6.sin6_family = AF_INET6;
		assert_int_equal(inet_pton(AF_INET6, c->offender,
		    &sin6.sin6_addr), 1);
		memcpy(buf + n, &sin6, sizeof(sin6));
		n += sizeof(sin6);
	} else {
		n += sizeof(struct sockaddr_in);	/* AF_UNSPEC zeros */
	}
	return n - c->cut;
}

static void
test_errq_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(errq_cases) / sizeof(*errq_cases);
	    i++) {
		const struct errq_case *c = &errq_cases[i];
		unsigned char buf[128];
		struct path_ev ev;
		size_t n = build_record(c, buf + 1, sizeof(buf) - 1);
		/* buf + 1: the parser must not assume alignment. */
		int rc = path_errq_parse(buf + 1, n, c->udp, &ev);

		if (rc != c->rc || (rc == 0 && (ev.kind != c->kind ||
		    strcmp(ev.addr, c->addr) != 0)))
			fail_msg("case %zu: rc %d kind %d addr '%s'", i, rc,
			    ev.kind, ev.addr);
	}
	assert_int_equal(path_errq_parse(NULL, 0, 0,
	    &(struct path_ev){ 0 }), -1);
}

static struct path_ev
ev_of(enum path_ev_kind kind, const char *addr)
{
	struct path_ev ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	snprintf(ev.addr, sizeof(ev.addr), "%s", addr);
	return ev;
}

/* A trace of 4 TTLs: hop 2 silent, hop 3 answers twice, dest at 4. */
static void
test_book_path(void **state)
{
	struct path_book b;
	struct res_path out;
	struct path_ev ex1 = ev_of(PATH_EV_EXCEEDED, "198.18.1.1");
	struct path_ev ex3 = ev_of(PATH_EV_EXCEEDED, "198.18.3.2");
	struct path_ev ex3b = ev_of(PATH_EV_EXCEEDED, "198.18.9.9");
	struct path_ev dst = ev_of(PATH_EV_REACHED, "198.18.4.2");

	(void)state;
	memset(&out, 0, sizeof(out));
	path_book_init(&b, 8, 3);
	for (int t = 1; t <= 8; t++)
		for (int n = 0; n < 3; n++)
			path_book_sent(&b, t, n, 100.0 + n);
	assert_int_equal(path_book_answer(&b, 1, 0, 110, &ex1), 1);
	assert_int_equal(path_book_answer(&b, 1, 0, 120, &ex1), 0);
	assert_int_equal(path_book_answer(&b, 1, 1, 111, &ex1), 1);
	assert_int_equal(path_book_answer(&b, 1, 2, 112, &ex1), 1);
	assert_int_equal(path_book_answer(&b, 3, 0, 130, &ex3), 1);
	assert_int_equal(path_book_answer(&b, 3, 1, 131, &ex3b), 1);
	assert_int_equal(path_book_answer(&b, 3, 2, 132, &ex3), 1);
	assert_int_equal(path_book_end_ttl(&b), 0);
	assert_int_equal(path_book_answer(&b, 5, 0, 140, &dst), 1);
	assert_int_equal(path_book_end_ttl(&b), 5);
	assert_int_equal(path_book_answer(&b, 4, 0, 150, &dst), 1);
	assert_int_equal(path_book_end_ttl(&b), 4);
	/*
	 * Hop 2 is silent while every hop beyond it answered, the slowest
	 * in 50 ms: it gets three times that from its first probe (sent at
	 * 100), no fixed second.
	 */
	assert_false(path_book_finished(&b, 249));
	assert_true(path_book_finished(&b, 250));
	assert_true(path_book_slowest(&b) == 50.0);
	assert_true(path_book_answered(&b, 1));
	assert_false(path_book_answered(&b, 2));

	path_book_fill(&b, &out);
	assert_int_equal(out.nhops, 4);
	assert_int_equal(out.reached, 1);
	assert_string_equal(out.hops[0].addr, "198.18.1.1");
	assert_int_equal(out.hops[0].nrtt, 3);
	assert_true(out.hops[0].loss == 0.0);
	assert_null(out.hops[1].addr);
	assert_int_equal(out.hops[1].sent, 3);
	assert_true(out.hops[1].loss == 1.0);
	assert_string_equal(out.hops[2].addr, "198.18.3.2");
	assert_string_equal(out.hops[3].addr, "198.18.4.2");
	assert_int_equal(out.hops[3].ttl, 4);
	assert_int_equal(out.hops[3].nrtt, 1);
	assert_true(out.hops[3].rtt_ms[0] == 50.0);
	assert_true(out.hops[3].loss > 0.66 && out.hops[3].loss < 0.67);
	for (size_t i = 0; i < out.nhops; i++)
		free(out.hops[i].addr);
}

/* Fast answers beyond a silent hop: it still gets at least 50 ms. */
static void
test_book_grace_floor(void **state)
{
	struct path_book b;
	struct path_ev ex = ev_of(PATH_EV_EXCEEDED, "198.18.1.1");
	struct path_ev dst = ev_of(PATH_EV_REACHED, "203.0.113.10");

	(void)state;
	path_book_init(&b, 8, 3);
	for (int t = 1; t <= 8; t++)
		path_book_sent(&b, t, 0, 0);
	path_book_answer(&b, 1, 0, 1, &ex);
	path_book_answer(&b, 3, 0, 2, &ex);
	assert_false(path_book_finished(&b, 40));
	path_book_answer(&b, 4, 0, 3, &dst);
	assert_false(path_book_finished(&b, 49));
	assert_true(path_book_finished(&b, 50));
	/* Nothing answered beyond hop 3: hop 4 waits the whole second. */
	path_book_init(&b, 4, 1);
	for (int t = 1; t <= 4; t++)
		path_book_sent(&b, t, 0, 0);
	path_book_answer(&b, 1, 0, 1, &ex);
	path_book_answer(&b, 3, 0, 2, &ex);
	assert_false(path_book_finished(&b, 999));
	assert_true(path_book_finished(&b, 1000));
}

/* SYNs that stop after hop 2: short once the TTLs beyond waited. */
static void
test_book_short(void **state)
{
	struct path_book b;
	struct path_ev ex = ev_of(PATH_EV_EXCEEDED, "198.18.1.1");
	struct path_ev dst = ev_of(PATH_EV_REACHED, "203.0.113.10");

	(void)state;
	path_book_init(&b, 8, 3);
	assert_false(path_book_short(&b, 5000));	/* nothing answered */
	for (int t = 1; t <= 8; t++)
		path_book_sent(&b, t, 0, 0);
	path_book_answer(&b, 1, 0, 1, &ex);
	path_book_answer(&b, 2, 0, 40, &ex);
	/* Three times the slowest round trip (40 ms) beyond hop 2. */
	assert_false(path_book_short(&b, 119));
	assert_true(path_book_short(&b, 120));
	/* At least the floor when the answers are quick. */
	path_book_init(&b, 8, 3);
	for (int t = 1; t <= 8; t++)
		path_book_sent(&b, t, 0, 10);
	path_book_answer(&b, 1, 0, 11, &ex);
	assert_false(path_book_short(&b, 10 + PATH_SHORT_FLOOR_MS - 1));
	assert_true(path_book_short(&b, 10 + PATH_SHORT_FLOOR_MS));
	/* The destination answered: not short. */
	path_book_answer(&b, 4, 0, 12, &dst);
	assert_false(path_book_short(&b, 5000));
}

/* The wait grows with the slowest answer, is capped, and drops trailing
 * silence when the destination never answered. */
static void
test_book_wait(void **state)
{
	struct path_book b;
	struct res_path out;
	struct path_ev ex = ev_of(PATH_EV_EXCEEDED, "203.0.113.1");
	struct path_ev un = ev_of(PATH_EV_UNREACH, "203.0.113.2");

	(void)state;
	memset(&out, 0, sizeof(out));
	path_book_init(&b, 4, 1);
	for (int t = 1; t <= 4; t++)
		path_book_sent(&b, t, 0, 0);
	path_book_answer(&b, 2, 0, 600, &ex);	/* slow: wait 1800 */
	assert_false(path_book_finished(&b, 1500));
	assert_true(path_book_finished(&b, 1800));
	path_book_fill(&b, &out);
	assert_int_equal(out.nhops, 2);
	assert_int_equal(out.reached, 0);
	assert_null(out.hops[0].addr);
	free(out.hops[1].addr);
	out.hops[1].addr = NULL;

	/* A cap: later answers don't count, nor is waited for. */
	path_book_init(&b, 3, 1);
	b.wait_cap = 1000;
	for (int t = 1; t <= 3; t++)
		path_book_sent(&b, t, 0, 0);
	assert_int_equal(path_book_answer(&b, 1, 0, 1200, &ex), 0);
	assert_int_equal(path_book_answer(&b, 1, 0, 900, &ex), 1);
	assert_false(path_book_finished(&b, 999));
	assert_true(path_book_finished(&b, 1000));

	/* "Unreachable" from a hop ends the path without reaching it. */
	path_book_init(&b, 5, 1);
	for (int t = 1; t <= 5; t++)
		path_book_sent(&b, t, 0, 0);
	path_book_answer(&b, 3, 0, 5, &un);
	path_book_answer(&b, 4, 0, 5, &un);
	assert_int_equal(path_book_end_ttl(&b), 3);
	path_book_fill(&b, &out);
	assert_int_equal(out.nhops, 3);
	assert_int_equal(out.reached, 0);
	assert_string_equal(out.hops[2].addr, "203.0.113.2");
	free(out.hops[2].addr);
}

static void
check_range_file(const char *name)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	char path[1024], line[256];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data",
	    name);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *bar = strchr(line, '|'), *end;
		long want, gid;
		gid_t g;

		if (line[0] == '#' || !bar)
			continue;
		want = strtol(line, &end, 10);
		gid = strtol(end, &end, 10);
		g = (gid_t)gid;
		bar += bar[1] == ' ' ? 2 : 1;
		bar[strcspn(bar, "\n")] = '\0';
		if (path_ping_range_allows(bar, &g, 1) != want)
			fail_msg("%s: '%s' gid %ld want %ld", name, bar, gid,
			    want);
		n++;
	}
	fclose(f);
	assert_true(n >= 4);
}

static void
test_ping_range(void **state)
{
	gid_t two[2] = { 5, 1000 };

	(void)state;
	check_range_file("path_pingrange_valid");
	check_range_file("path_pingrange_edge");
	check_range_file("path_pingrange_malformed");
	assert_true(path_ping_range_allows("1000 1000", two, 2));
	assert_false(path_ping_range_allows("1000 1000", two, 1));
	assert_false(path_ping_range_allows(NULL, two, 2));
}

static int finished;

static void
on_done(void *arg)
{
	(void)arg;
	finished++;
}

static int
listener(int fam, int *port)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t len;
	int fd = socket(fam, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fam == AF_INET) {
		struct sockaddr_in *s = (struct sockaddr_in *)&ss;

		s->sin_family = AF_INET;
		s->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*s);
	} else {
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)&ss;

		s->sin6_family = AF_INET6;
		s->sin6_addr = in6addr_loopback;
		len = sizeof(*s);
	}
	if (bind(fd, (struct sockaddr *)&ss, len) < 0) {
		close(fd);
		return -1;
	}
	assert_int_equal(listen(fd, 128), 0);
	len = sizeof(ss);
	getsockname(fd, (struct sockaddr *)&ss, &len);
	*port = ntohs(fam == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port :
	    ((struct sockaddr_in6 *)&ss)->sin6_port);
	return fd;
}

static void
run_trace(const char *addr, int port, const char *method,
    struct res_path *out)
{
	struct probe_env env = { 0 };
	double t0 = loop_now_ms();

	env.loop = loop_new();
	env.timeout_ms = 5000;
	finished = 0;
	memset(out, 0, sizeof(*out));
	assert_non_null(path_probe_start(&env, addr, port, method, out,
	    on_done, NULL));
	while (!finished && loop_run_once(env.loop, 1000) == 0 &&
	    loop_now_ms() - t0 < 8000)
		;
	assert_int_equal(finished, 1);
	/* The probe freed itself: nothing of it is left on the loop. */
	assert_int_equal(loop_pending(env.loop), 0);
	loop_free(env.loop);
}

static void
free_path(struct res_path *p)
{
	free(p->method);
	for (size_t i = 0; i < p->nhops; i++) {
		free(p->hops[i].addr);
		free(p->hops[i].name);
	}
}

struct trace_case {
	const char *addr;
	int fam;
	const char *method;
	int listen;		/* 0: a closed port (refused / unreachable) */
	const char *want_method;
};

static const struct trace_case trace_cases[] = {
	{ "127.0.0.1", AF_INET, NULL, 1, "tcp-syn" },
	{ "127.0.0.1", AF_INET, "tcp", 0, "tcp-syn" },
	{ "127.0.0.1", AF_INET, "udp", 0, "udp" },
	{ "::1", AF_INET6, "tcp", 1, "tcp-syn" },
	{ "::1", AF_INET6, "udp", 0, "udp" },
};

/* Loopback is one hop away and always reached. */
static void
test_trace_loopback(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(trace_cases) / sizeof(*trace_cases);
	    i++) {
		const struct trace_case *c = &trace_cases[i];
		struct res_path out;
		int port, fd = listener(c->fam, &port);

		if (fd < 0)
			continue;	/* no IPv6 loopback here */
		if (!c->listen)
			close(fd);
		run_trace(c->addr, port, c->method, &out);
		if (out.nhops != 1 || !out.reached || !out.hops[0].addr ||
		    strcmp(out.hops[0].addr, c->addr) != 0 ||
		    out.hops[0].nrtt < 1 || out.hops[0].ttl != 1 ||
		    strcmp(out.method, c->want_method) != 0)
			fail_msg("case %zu: nhops %zu reached %d method %s",
			    i, out.nhops, out.reached, out.method);
		assert_null(out.hops[0].name);	/* loopback: not looked up */
		/* It answered the first round: asked nothing more. */
		assert_int_equal(out.hops[0].sent, 1);
		free_path(&out);
		if (c->listen)
			close(fd);
	}
}

static int refined;

static void
on_refined(void *arg)
{
	(void)arg;
	refined++;
}

/*
 * A finished trace keeps refining: a round a second, one probe per hop,
 * each answer counted into sent, loss and the round trips; cancelled, it
 * leaves nothing on the loop.
 */
static void
test_refine_loopback(void **state)
{
	struct probe_env env = { 0 };
	struct res_path out;
	struct path_probe *p;
	double t0, last, avg, best, worst;
	int port, fd = listener(AF_INET, &port);

	(void)state;
	assert_true(fd >= 0);
	run_trace("127.0.0.1", port, NULL, &out);
	assert_int_equal(out.hops[0].sent, 1);
	env.loop = loop_new();
	refined = 0;
	p = path_probe_refine(&env, "127.0.0.1", port, &out, on_refined,
	    NULL);
	assert_non_null(p);
	t0 = loop_now_ms();
	while (out.hops[0].sent < 3 && loop_now_ms() - t0 < 5000)
		loop_run_once(env.loop, 200);
	assert_int_equal(out.hops[0].sent, 3);
	assert_int_equal(out.hops[0].recv, 3);
	assert_true(out.hops[0].loss == 0);
	assert_true(refined >= 2);
	res_hop_rtt(&out.hops[0], &last, &avg, &best, &worst);
	assert_true(best >= 0 && best <= avg && avg <= worst && last >= 0);
	/* Two rounds of one probe each, about a second apart. */
	assert_true(loop_now_ms() - t0 >= 1900);
	path_probe_cancel(p);
	assert_int_equal(loop_pending(env.loop), 0);
	loop_free(env.loop);
	/* Nothing to refine without hops. */
	free_path(&out);
	memset(&out, 0, sizeof(out));
	assert_null(path_probe_refine(&env, "127.0.0.1", port, &out,
	    on_refined, NULL));
	close(fd);
}

/* The round trips a hop shows: every round's once it refined. */
static void
test_hop_rtt(void **state)
{
	struct res_hop h;
	double last, avg, best, worst;

	(void)state;
	memset(&h, 0, sizeof(h));
	res_hop_rtt(&h, &last, &avg, &best, &worst);
	assert_true(last < 0 && avg < 0 && best < 0 && worst < 0);
	h.nrtt = 3;
	h.rtt_ms[0] = 4;
	h.rtt_ms[1] = -1;	/* null in the evidence */
	h.rtt_ms[2] = 2;
	res_hop_rtt(&h, &last, &avg, &best, &worst);
	assert_true(last == 2 && avg == 3 && best == 2 && worst == 4);
	h.recv = 4;
	h.rtt_sum = 20;
	h.rtt_last = 9;
	h.rtt_best = 1;
	h.rtt_worst = 9;
	res_hop_rtt(&h, &last, &avg, &best, &worst);
	assert_true(last == 9 && avg == 5 && best == 1 && worst == 9);
}

/* ICMP either runs (and reaches) or says it is unavailable. */
static void
test_trace_icmp(void **state)
{
	struct res_path out;
	char *why = NULL;
	int ok = path_method_available("icmp", &why);

	(void)state;
	run_trace("127.0.0.1", 0, "icmp", &out);
	if (ok) {
		assert_null(why);
		assert_string_equal(out.method, "icmp");
		assert_int_equal(out.reached, 1);
	} else {
		assert_non_null(why);
		assert_string_equal(out.method, "icmp-unavailable");
		assert_int_equal(out.nhops, 0);
	}
	free(why);
	free_path(&out);
	assert_true(path_method_available(NULL, NULL));
	assert_false(path_method_available("carrier-pigeon", &why));
	assert_non_null(why);
	free(why);
}

/* A malformed address ends at once with an empty path. */
static void
test_trace_bad_addr(void **state)
{
	struct res_path out;

	(void)state;
	run_trace("not-an-address", 80, NULL, &out);
	assert_int_equal(out.ran, 1);
	assert_int_equal(out.nhops, 0);
	assert_int_equal(out.reached, 0);
	free_path(&out);
}

static int reask_done;

static void
on_reask(void *arg)
{
	(void)arg;
	reask_done++;
}

/*
 * Asking again on loopback: TTL 1 reaches the listener, no router
 * answers, so no address; the callback comes once, from the loop.
 */
static void
test_reask_loopback(void **state)
{
	static const char *const addrs[] = { "127.0.0.1", "::1" };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct sockaddr_storage ss;
		socklen_t len;
		struct loop *lp = loop_new();
		struct path_reask *r;
		int port, fam = i ? AF_INET6 : AF_INET, ttl = 1;
		int fd = listener(fam, &port);
		double t0 = loop_now_ms();

		if (fd < 0) {
			loop_free(lp);
			continue;	/* no IPv6 loopback here */
		}
		memset(&ss, 0, sizeof(ss));
		if (fam == AF_INET6) {
			struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

			s6->sin6_family = AF_INET6;
			s6->sin6_port = htons((unsigned short)port);
			inet_pton(AF_INET6, addrs[i], &s6->sin6_addr);
			len = sizeof(*s6);
		} else {
			struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

			s4->sin_family = AF_INET;
			s4->sin_port = htons((unsigned short)port);
			inet_pton(AF_INET, addrs[i], &s4->sin_addr);
			len = sizeof(*s4);
		}
		reask_done = 0;
		assert_null(path_reask_start(lp, (struct sockaddr *)&ss, len,
		    &ttl, 0, on_reask, NULL));
		r = path_reask_start(lp, (struct sockaddr *)&ss, len, &ttl, 1,
		    on_reask, NULL);
		assert_non_null(r);
		assert_int_equal(reask_done, 0);
		while (!reask_done && loop_now_ms() - t0 < 3000 &&
		    loop_run_once(lp, 500) == 0)
			;
		assert_int_equal(reask_done, 1);
		assert_false(path_reask_pending(r));
		assert_null(path_reask_addr(r, 1));
		assert_null(path_reask_addr(r, 2));
		path_reask_free(r);
		assert_int_equal(loop_pending(lp), 0);
		close(fd);
		loop_free(lp);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errq_table),
		cmocka_unit_test(test_book_path),
		cmocka_unit_test(test_book_wait),
		cmocka_unit_test(test_book_grace_floor),
		cmocka_unit_test(test_book_short),
		cmocka_unit_test(test_ping_range),
		cmocka_unit_test(test_trace_loopback),
		cmocka_unit_test(test_refine_loopback),
		cmocka_unit_test(test_hop_rtt),
		cmocka_unit_test(test_trace_icmp),
		cmocka_unit_test(test_trace_bad_addr),
		cmocka_unit_test(test_reask_loopback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
