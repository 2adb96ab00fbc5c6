/*
 * Unit tests of src/probe/rstcap.c: the initial-TTL guess, the packet
 * parser and the SYN-ACK/RST comparison as tables, the hint without the
 * privilege, and (with CAP_NET_RAW) a real capture on loopback.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/loop.h"
#include "probe/rstcap.h"

struct ttl_case {
	int ttl, initial, hop;
};

static const struct ttl_case ttl_cases[] = {
	{ 1, 64, 64 }, { 59, 64, 6 }, { 62, 64, 3 }, { 64, 64, 1 },
	{ 65, 128, 64 }, { 116, 128, 13 }, { 128, 128, 1 },
	{ 129, 255, 127 }, { 250, 255, 6 }, { 255, 255, 1 },
};

static void
test_ttl_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(ttl_cases) / sizeof(*ttl_cases); i++) {
		const struct ttl_case *c = &ttl_cases[i];

		if (rstcap_initial_ttl(c->ttl) != c->initial ||
		    rstcap_hop(c->ttl) != c->hop)
			fail_msg("ttl %d: initial %d hop %d", c->ttl,
			    rstcap_initial_ttl(c->ttl), rstcap_hop(c->ttl));
	}
}

enum shape { V4, V4_OPTS, V4_UDP, V4_FRAG, V6, V6_EXT, BAD_VERSION };

struct parse_case {
	enum shape shape;
	size_t cut;		/* bytes removed from the end */
	int rc, ttl, ipid;
	unsigned flags, window;
};

static const struct parse_case parse_cases[] = {
	{ V4, 0, 0, 62, 0x1234, RSTCAP_RST, 0 },
	{ V4_OPTS, 0, 0, 59, 0xbeef, RSTCAP_SYN | RSTCAP_ACK, 64240 },
	{ V4_UDP, 0, -1, 0, 0, 0, 0 },
	{ V4_FRAG, 0, -1, 0, 0, 0, 0 },
	{ V4, 1, -1, 0, 0, 0, 0 },		/* TCP header cut short */
	{ V6, 0, 0, 58, -1, RSTCAP_RST | RSTCAP_ACK, 501 },
	{ V6_EXT, 0, -1, 0, 0, 0, 0 },	/* hop-by-hop header first */
	{ V6, 1, -1, 0, 0, 0, 0 },
	{ BAD_VERSION, 0, -1, 0, 0, 0, 0 },
	{ V4, 40, -1, 0, 0, 0, 0 },		/* nothing left at all */
};

/* Builds a packet for one case into buf; returns its length. */
static size_t
make_packet(const struct parse_case *c, unsigned char *buf)
{
	size_t ip = c->shape == V6 || c->shape == V6_EXT ? 40 :
	    c->shape == V4_OPTS ? 24 : 20;
	unsigned char *t = buf + ip;

	memset(buf, 0, 128);
	if (ip == 40) {
		buf[0] = 0x60;
		buf[6] = c->shape == V6_EXT ? 0 : 6;
		buf[7] = (unsigned char)c->ttl;
	} else {
		buf[0] = (unsigned char)(c->shape == BAD_VERSION ? 0x55 :
		    0x40 | ip / 4);
		buf[4] = (unsigned char)(c->ipid >> 8);
		buf[5] = (unsigned char)c->ipid;
		buf[6] = c->shape == V4_FRAG ? 0x20 : 0x40;
		buf[7] = c->shape == V4_FRAG ? 0x10 : 0;
		buf[8] = (unsigned char)c->ttl;
		buf[9] = c->shape == V4_UDP ? 17 : 6;
	}
	t[0] = 0x01;			/* source port 443 */
	t[1] = 0xbb;
	t[2] = 0xa4;			/* destination port 42000 */
	t[3] = 0x10;
	t[12] = 0x50;
	t[13] = (unsigned char)c->flags;
	t[14] = (unsigned char)(c->window >> 8);
	t[15] = (unsigned char)c->window;
	return ip + 20 - c->cut;
}

static void
test_parse_table(void **state)
{
	unsigned char buf[128];

	(void)state;
	for (size_t i = 0; i < sizeof(parse_cases) / sizeof(*parse_cases);
	    i++) {
		const struct parse_case *c = &parse_cases[i];
		struct rst_pkt pk;
		size_t len = make_packet(c, buf);
		int rc = rstcap_parse(buf, len, &pk);

		if (rc != c->rc)
			fail_msg("case %zu: rc %d", i, rc);
		if (rc < 0)
			continue;
		if (!pk.seen || pk.ttl != c->ttl || pk.ipid != c->ipid ||
		    pk.flags != c->flags || pk.window != c->window ||
		    pk.sport != 443 || pk.dport != 42000)
			fail_msg("case %zu: ttl %d id %d flags %#x win %u "
			    "ports %d/%d", i, pk.ttl, pk.ipid, pk.flags,
			    pk.window, pk.sport, pk.dport);
	}
}

struct cmp_case {
	struct rst_pkt synack, rst;
	int forged;
	const char *want[3];	/* substrings of the detail */
	const char *not;	/* a substring it must not have */
};

#define SA(ttl, id, win) { 1, ttl, id, win, RSTCAP_SYN | RSTCAP_ACK, 80, 1 }
#define RS(ttl, id, win, fl) { 1, ttl, id, win, fl, 80, 1 }
#define NONE { 0, 0, 0, 0, 0, 0, 0 }

static const struct cmp_case cmp_cases[] = {
	/* A DPI box 3 hops out, the server 6 hops out (the lab's chain). */
	{ SA(59, 0, 64240), RS(62, 0, 0, RSTCAP_RST), 1,
	    { "RST TTL 62 (from 64: 3 hops away) vs SYN-ACK TTL 59 (from 64: "
	    "6 hops away)", "TCP window 0 vs 64240; flags RST vs SYN+ACK. The "
	    "reset came from another hop", "something on the way" },
	    "server's own" },
	/* The server's own abort: same distance. */
	{ SA(59, 0, 64240), RS(59, 0, 501, RSTCAP_RST | RSTCAP_ACK), 0,
	    { "RST TTL 59 (from 64: 6 hops away)", "flags RST+ACK vs SYN+ACK",
	    "server's own" }, "on the way" },
	/* Same hop count, but another stack's initial TTL. */
	{ SA(59, 0, 64240), RS(250, 0, 0, RSTCAP_RST), 1,
	    { "RST TTL 250 (from 255: 6 hops away)", "from 64: 6 hops",
	    "another network stack" }, "server's own" },
	/* A Windows-like server 13 hops out, consistent. */
	{ SA(116, 4000, 8192), RS(116, 4003, 0, RSTCAP_RST), 0,
	    { "IP ID 4003 vs 4000", "13 hops away", NULL }, "far apart" },
	/* IP IDs far apart are reported, the TTL still decides. */
	{ SA(116, 4000, 8192), RS(116, 40000, 0, RSTCAP_RST), 0,
	    { "IP ID 40000 vs 4000 (far apart)", NULL, NULL }, NULL },
	/* IPv6: no IP ID; hop limit 62 vs 58. */
	{ SA(58, -1, 64800), RS(62, -1, 0, RSTCAP_RST), 1,
	    { "RST TTL 62", "SYN-ACK TTL 58 (from 64: 7 hops away)", NULL },
	    "IP ID" },
	/* Nothing to compare. */
	{ NONE, RS(62, 0, 0, RSTCAP_RST), -1, { "no SYN-ACK", NULL, NULL },
	    NULL },
	{ SA(59, 0, 64240), NONE, -1, { "no reset arrived", NULL, NULL },
	    NULL },
};

static void
test_compare_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cmp_cases) / sizeof(*cmp_cases); i++) {
		const struct cmp_case *c = &cmp_cases[i];
		char *detail = NULL;
		int forged = rstcap_compare(&c->synack, &c->rst, &detail);

		assert_non_null(detail);
		if (forged != c->forged)
			fail_msg("case %zu: forged %d: %s", i, forged, detail);
		for (int k = 0; k < 3; k++)
			if (c->want[k] && !strstr(detail, c->want[k]))
				fail_msg("case %zu: no \"%s\" in: %s", i,
				    c->want[k], detail);
		if (c->not && strstr(detail, c->not))
			fail_msg("case %zu: \"%s\" in: %s", i, c->not, detail);
		free(detail);
	}
}

/* Without the privilege the detail names the setcap command for us. */
static void
test_unavailable(void **state)
{
	struct res_locator out;
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	(void)state;
	assert_true(n > 0);
	self[n] = '\0';
	memset(&out, 0, sizeof(out));
	out.forged = 1;
	rstcap_unavailable(&out, EPERM);
	assert_int_equal(out.forged, -1);
	assert_non_null(strstr(out.forged_detail, "sudo setcap "
	    "cap_net_raw+ep "));
	/* The program by name: the line goes into reports for others. */
	assert_null(strstr(out.forged_detail, self));
	assert_non_null(strstr(out.forged_detail, "\"$(command -v "
	    "connreset)\""));
	rstcap_unavailable(&out, EAFNOSUPPORT);
	assert_int_equal(out.forged, -1);
	assert_null(strstr(out.forged_detail, "setcap"));
	assert_non_null(strstr(out.forged_detail, strerror(EAFNOSUPPORT)));
	free(out.forged_detail);
}

/* A listener on 127.0.0.1 that resets what it accepts. */
static int
listener(struct sockaddr_in *sin)
{
	socklen_t len = sizeof(*sin);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)sin, len), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)sin, &len), 0);
	return fd;
}

/* With CAP_NET_RAW: a server's own reset on loopback is not forged. */
static void
test_capture_loopback(void **state)
{
	struct loop *lp = loop_new();
	struct sockaddr_in sin;
	struct linger lg = { 1, 0 };
	struct res_locator out;
	struct rstcap *c;
	int lfd = listener(&sin), cfd, afd;

	(void)state;
	c = rstcap_new(lp, (struct sockaddr *)&sin, sizeof(sin));
	if (!c) {
		assert_true(errno == EPERM || errno == EACCES);
		close(lfd);
		loop_free(lp);
		skip();
	}
	cfd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(connect(cfd, (struct sockaddr *)&sin, sizeof(sin)),
	    0);
	rstcap_track(c, cfd);
	afd = accept(lfd, NULL, NULL);
	assert_true(afd >= 0);
	setsockopt(afd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(afd);
	for (int i = 0; i < 10; i++)
		loop_run_once(lp, 50);
	memset(&out, 0, sizeof(out));
	rstcap_conclude(c, &out);
	if (out.forged != 0 || !strstr(out.forged_detail, "RST TTL 64 (from "
	    "64: 1 hop away) vs SYN-ACK TTL 64"))
		fail_msg("forged %d: %s", out.forged, out.forged_detail);
	free(out.forged_detail);
	rstcap_free(c);
	close(cfd);
	close(lfd);
	loop_free(lp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ttl_table),
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_compare_table),
		cmocka_unit_test(test_unavailable),
		cmocka_unit_test(test_capture_loopback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
