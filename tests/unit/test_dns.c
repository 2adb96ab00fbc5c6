/*
 * Unit tests for the DNS probe. Every query goes to a tiny responder
 * inside this program, bound to 127.0.0.1 on an ephemeral port and driven
 * by the same loop; the system path is only used for an address literal
 * and for a name the hosts file answers.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/loop.h"
#include "core/xalloc.h"
#include "probe/ares_loop.h"
#include "probe/dns.h"
#include "probe/dns_util.h"
#include "probe/result.h"

#include <ares.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define T_A_ 1
#define T_AAAA_ 28

/* The responder: a UDP socket on loopback and what it was asked. */
struct responder {
	int fd;
	int port;
	int queries;		/* datagrams received */
	int silent_queries;	/* ... for silent.test */
};

/* What the responder answers for a name (case-insensitive). */
struct zone {
	const char *name;
	int rcode;		/* -1: never answer */
	const char *a;		/* comma-separated IPv4 answers */
	const char *aaaa;	/* comma-separated IPv6 answers */
};

static const struct zone zone[] = {
	{ "ok.test", 0, "192.0.2.10", "2001:db8::10" },
	{ "v6only.test", 0, NULL, "2001:db8::6" },
	{ "dup.test", 0, "192.0.2.2,192.0.2.1,192.0.2.2", NULL },
	{ "many.test", 0, "10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4,10.0.0.5,"
	    "10.0.0.6,10.0.0.7,10.0.0.8,10.0.0.9,10.0.0.10,10.0.0.11,"
	    "10.0.0.12,10.0.0.13,10.0.0.14", "2001:db8::1,2001:db8::2,"
	    "2001:db8::3,2001:db8::4" },
	{ "nx.test", 3, NULL, NULL },
	{ "fail.test", 2, NULL, NULL },
	{ "refused.test", 5, NULL, NULL },
	{ "nodata.test", 0, NULL, NULL },
	{ "silent.test", -1, NULL, NULL },
};

/* Appends one answer record per address in list (A or AAAA). */
static size_t
add_answers(unsigned char *out, size_t len, int type, const char *list,
    int *count)
{
	char *copy = xstrdup(list), *p = copy;

	while (p && *p) {
		char *comma = strchr(p, ',');
		unsigned char bin[16];
		int af = type == T_A_ ? AF_INET : AF_INET6;
		size_t n = type == T_A_ ? 4 : 16;
		unsigned char rr[12] = { 0xc0, 0x0c, 0, (unsigned char)type,
		    0, 1, 0, 0, 0, 60, 0, (unsigned char)n };

		if (comma)
			*comma = '\0';
		assert_int_equal(inet_pton(af, p, bin), 1);
		memcpy(out + len, rr, sizeof(rr));
		memcpy(out + len + sizeof(rr), bin, n);
		len += sizeof(rr) + n;
		(*count)++;
		p = comma ? comma + 1 : NULL;
	}
	free(copy);
	return len;
}

/* Reads the question name at buf+12; returns the offset past QCLASS. */
static size_t
read_question(const unsigned char *buf, size_t len, char *name, size_t cap)
{
	size_t off = 12, o = 0;

	while (off < len && buf[off] != 0) {
		size_t l = buf[off++];

		if (o && o < cap - 1)
			name[o++] = '.';
		for (size_t i = 0; i < l && off < len; i++, off++)
			if (o < cap - 1)
				name[o++] = (char)buf[off];
	}
	name[o] = '\0';
	return off + 5;		/* root label, QTYPE, QCLASS */
}

static void
on_query_packet(struct loop *lp, int fd, short revents, void *arg)
{
	struct responder *r = arg;
	unsigned char in[512], out[1024];
	struct sockaddr_storage from;
	socklen_t flen = sizeof(from);
	ssize_t n = recvfrom(fd, in, sizeof(in), 0, (struct sockaddr *)&from,
	    &flen);
	const struct zone *z = NULL;
	char name[256];
	size_t qend, len;
	int type, count = 0;

	if (n < 17)
		return;
	r->queries++;
	qend = read_question(in, (size_t)n, name, sizeof(name));
	assert_true(qend <= (size_t)n);
	type = in[qend - 4] << 8 | in[qend - 3];
	for (size_t i = 0; i < sizeof(zone) / sizeof(zone[0]); i++)
		if (strcasecmp(zone[i].name, name) == 0)
			z = &zone[i];
	if (z && z->rcode < 0) {
		r->silent_queries++;
		return;
	}
	memcpy(out, in, qend);
	out[2] = (unsigned char)(0x80 | (in[2] & 0x01));	/* QR, RD */
	out[3] = (unsigned char)(0x80 | (z ? z->rcode : 3));	/* RA */
	memset(out + 6, 0, 6);
	len = qend;
	if (z && z->rcode == 0 && type == T_A_ && z->a)
		len = add_answers(out, len, T_A_, z->a, &count);
	if (z && z->rcode == 0 && type == T_AAAA_ && z->aaaa)
		len = add_answers(out, len, T_AAAA_, z->aaaa, &count);
	out[7] = (unsigned char)count;
	sendto(fd, out, len, 0, (struct sockaddr *)&from, flen);
}

/* Binds the responder to an ephemeral port of 127.0.0.1 on lp. */
static void
responder_start(struct responder *r, struct loop *lp)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	memset(r, 0, sizeof(*r));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	assert_true(r->fd >= 0);
	assert_int_equal(bind(r->fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(r->fd, (struct sockaddr *)&sin, &len), 0);
	r->port = ntohs(sin.sin_port);
	loop_watch(lp, r->fd, POLLIN, on_query_packet, r);
}

static void
responder_stop(struct responder *r, struct loop *lp)
{
	loop_unwatch(lp, r->fd);
	close(r->fd);
}

/* Counts done calls and when the first came. */
struct seen {
	int calls;
	int during_start;
	double at;
};

static int in_start;

static void
on_done(void *arg)
{
	struct seen *s = arg;

	s->calls++;
	s->during_start |= in_start;
	s->at = loop_now_ms();
}

/* Frees a result slot's strings. */
static void
clear_dns(struct res_dns *d)
{
	free(d->server);
	free(d->source);
	free(d->error);
	for (size_t i = 0; i < d->naddrs; i++)
		free(d->addrs[i]);
	memset(d, 0, sizeof(*d));
}

/* Joins the addresses with commas for comparison. */
static void
join_addrs(const struct res_dns *d, char *buf, size_t cap)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < d->naddrs; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s", i ? "," : "",
		    d->addrs[i]);
}

/* Starts one probe and turns the loop until it reported or time ran out. */
static void
resolve(struct loop *lp, long timeout_ms, const char *host,
    const char *server, struct res_dns *out, struct seen *seen)
{
	struct probe_env env = { lp, NULL, timeout_ms, NULL };
	double t0 = loop_now_ms();

	in_start = 1;
	assert_non_null(dns_probe_start(&env, host, server, out, on_done,
	    seen));
	in_start = 0;
	while (seen->calls == 0 && loop_now_ms() - t0 < timeout_ms + 2000)
		loop_run_once(lp, 100);
	assert_int_equal(seen->calls, 1);
	assert_int_equal(seen->during_start, 0);
}

/* Every outcome a nameserver can give, one probe at a time. */
static void
test_responder_table(void **state)
{
	static const struct {
		const char *host;
		long timeout_ms;
		enum dns_status want;
		const char *addrs;
	} cases[] = {
		{ "ok.test", 3000, DNS_OK, "192.0.2.10,2001:db8::10" },
		{ "OK.Test", 3000, DNS_OK, "192.0.2.10,2001:db8::10" },
		{ "v6only.test", 3000, DNS_OK, "2001:db8::6" },
		{ "dup.test", 3000, DNS_OK, "192.0.2.2,192.0.2.1" },
		{ "many.test", 3000, DNS_OK, "10.0.0.1,10.0.0.2,10.0.0.3,"
		    "10.0.0.4,10.0.0.5,10.0.0.6,10.0.0.7,10.0.0.8,10.0.0.9,"
		    "10.0.0.10,10.0.0.11,10.0.0.12,10.0.0.13,10.0.0.14,"
		    "2001:db8::1,2001:db8::2" },
		{ "nx.test", 3000, DNS_NXDOMAIN, "" },
		{ "fail.test", 3000, DNS_SERVFAIL, "" },
		{ "refused.test", 3000, DNS_REFUSED, "" },
		{ "nodata.test", 3000, DNS_NODATA, "" },
		{ "silent.test", 600, DNS_TIMEOUT, "" },
	};
	struct loop *lp = loop_new();
	struct responder r;
	char server[64], got[1024];

	responder_start(&r, lp);
	snprintf(server, sizeof(server), "127.0.0.1:%d", r.port);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct res_dns out;
		struct seen seen = { 0, 0, 0 };
		double t0 = loop_now_ms();

		memset(&out, 0, sizeof(out));
		resolve(lp, cases[i].timeout_ms, cases[i].host, server, &out,
		    &seen);
		if (out.status != cases[i].want)
			fail_msg("%s: status %d, want %d (%s)", cases[i].host,
			    out.status, cases[i].want, out.error);
		join_addrs(&out, got, sizeof(got));
		assert_string_equal(got, cases[i].addrs);
		assert_string_equal(out.server, server);
		assert_string_equal(out.source, "explicit");
		assert_int_equal(out.is_system, 0);
		assert_true(out.ms >= 0 && out.ms <= cases[i].timeout_ms + 50);
		assert_true(seen.at - t0 <= cases[i].timeout_ms + 100);
		if (out.status == DNS_OK)
			assert_null(out.error);
		else
			assert_non_null(out.error);
		if (out.status == DNS_TIMEOUT)
			assert_true(out.ms >= cases[i].timeout_ms - 100);
		clear_dns(&out);
	}
	/* A and AAAA each, retried once, all within the bound. */
	assert_true(r.silent_queries >= 2);
	assert_int_equal(loop_pending(lp), 1);	/* only the responder */
	responder_stop(&r, lp);
	loop_free(lp);
}

/* Probes share the loop: a quick answer is not held up by a silent one. */
static void
test_concurrent(void **state)
{
	struct loop *lp = loop_new();
	struct probe_env env = { lp, NULL, 800, NULL };
	struct responder r;
	struct res_dns out[3];
	struct seen seen[3];
	static const char *const hosts[] = { "silent.test", "ok.test",
	    "nx.test" };
	char server[64];
	double t0;

	responder_start(&r, lp);
	snprintf(server, sizeof(server), "127.0.0.1:%d", r.port);
	memset(out, 0, sizeof(out));
	memset(seen, 0, sizeof(seen));
	t0 = loop_now_ms();
	for (int i = 0; i < 3; i++)
		dns_probe_start(&env, hosts[i], server, &out[i], on_done,
		    &seen[i]);
	while ((!seen[0].calls || !seen[1].calls || !seen[2].calls) &&
	    loop_now_ms() - t0 < 3000)
		loop_run_once(lp, 100);
	for (int i = 0; i < 3; i++)
		assert_int_equal(seen[i].calls, 1);
	assert_int_equal(out[0].status, DNS_TIMEOUT);
	assert_int_equal(out[1].status, DNS_OK);
	assert_int_equal(out[2].status, DNS_NXDOMAIN);
	/* The answered ones ended long before the silent one gave up. */
	assert_true(seen[1].at < seen[0].at - 300);
	assert_true(seen[2].at < seen[0].at - 300);
	assert_true(seen[0].at - t0 < 800 + 200);
	for (int i = 0; i < 3; i++)
		clear_dns(&out[i]);
	assert_int_equal(loop_pending(lp), 1);
	responder_stop(&r, lp);
	loop_free(lp);
}

/* Cancel: no done, no watch or timer left behind, even mid-query. */
static void
test_cancel(void **state)
{
	struct loop *lp = loop_new();
	struct probe_env env = { lp, NULL, 2000, NULL };
	struct responder r;
	struct res_dns out[2];
	struct seen seen[2];
	struct dns_probe *p[2];
	char server[64];

	responder_start(&r, lp);
	snprintf(server, sizeof(server), "127.0.0.1:%d", r.port);
	memset(out, 0, sizeof(out));
	memset(seen, 0, sizeof(seen));
	p[0] = dns_probe_start(&env, "silent.test", server, &out[0], on_done,
	    &seen[0]);
	/* Cancelled before its first turn: the answer is never read. */
	p[1] = dns_probe_start(&env, "ok.test", server, &out[1], on_done,
	    &seen[1]);
	dns_probe_cancel(p[1]);
	for (int i = 0; i < 5; i++)
		loop_run_once(lp, 20);
	assert_true(r.silent_queries >= 1);
	dns_probe_cancel(p[0]);
	for (int i = 0; i < 3; i++)
		loop_run_once(lp, 20);
	assert_int_equal(seen[0].calls + seen[1].calls, 0);
	assert_int_equal(out[0].status, DNS_NOT_RUN);
	assert_int_equal(loop_pending(lp), 1);
	for (int i = 0; i < 2; i++)
		clear_dns(&out[i]);
	responder_stop(&r, lp);
	loop_free(lp);
}

/* The system path without the network: a literal and the hosts file. */
static void
test_system(void **state)
{
	struct loop *lp = loop_new();
	struct res_dns out;
	struct seen seen = { 0, 0, 0 };
	char got[256];
	int found = 0;

	memset(&out, 0, sizeof(out));
	resolve(lp, 2000, "127.0.0.1", NULL, &out, &seen);
	assert_int_equal(out.status, DNS_OK);
	assert_int_equal(out.is_system, 1);
	assert_string_equal(out.server, "system");
	assert_string_equal(out.source, "literal");
	join_addrs(&out, got, sizeof(got));
	assert_string_equal(got, "127.0.0.1");
	clear_dns(&out);
	memset(&seen, 0, sizeof(seen));
	resolve(lp, 2000, "2001:DB8::1", NULL, &out, &seen);
	assert_int_equal(out.status, DNS_OK);
	join_addrs(&out, got, sizeof(got));
	assert_string_equal(got, "2001:db8::1");
	assert_true(out.ms >= 0 && out.ms < 1000);
	clear_dns(&out);
	if (!dns_hosts_has(DNS_HOSTS_FILE, "localhost")) {
		print_message("/etc/hosts lacks localhost; hosts-file case "
		    "not run (it would ask a real resolver)\n");
		loop_free(lp);
		return;
	}
	memset(&seen, 0, sizeof(seen));
	resolve(lp, 2000, "localhost", NULL, &out, &seen);
	assert_int_equal(out.status, DNS_OK);
	assert_string_equal(out.source, DNS_HOSTS_FILE);
	for (size_t i = 0; i < out.naddrs; i++)
		found |= strcmp(out.addrs[i], "127.0.0.1") == 0 ||
		    strcmp(out.addrs[i], "::1") == 0;
	assert_true(found);
	clear_dns(&out);
	assert_int_equal(loop_pending(lp), 0);
	loop_free(lp);
}

/* A server string that is not an address fails as data, a turn later. */
static void
test_bad_server(void **state)
{
	static const char *const bad[] = { "not-a-server", "127.0.0.1:0",
	    "[::1", "[::1]x", "127.0.0.1:99999", "1.2.3.4:53x", "" };
	struct loop *lp = loop_new();

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct res_dns out;
		struct seen seen = { 0, 0, 0 };

		memset(&out, 0, sizeof(out));
		resolve(lp, 1000, "ok.test", bad[i], &out, &seen);
		assert_int_equal(out.status, DNS_ERROR);
		assert_non_null(out.error);
		assert_int_equal(out.naddrs, 0);
		clear_dns(&out);
	}
	assert_int_equal(loop_pending(lp), 0);
	loop_free(lp);
}

/* Nameserver strings: accepted forms and how they are shown. */
static void
test_server_parse(void **state)
{
	static const struct {
		const char *in, *display, *csv;	/* no display: refused */
	} cases[] = {
		{ "192.0.2.53", "192.0.2.53", "192.0.2.53:53" },
		{ "192.0.2.53:53", "192.0.2.53", "192.0.2.53:53" },
		{ "192.0.2.53:5353", "192.0.2.53:5353", "192.0.2.53:5353" },
		{ "2001:db8::53", "2001:db8::53", "[2001:db8::53]:53" },
		{ "2001:DB8::53", "2001:db8::53", "[2001:db8::53]:53" },
		{ "[2001:db8::53]", "2001:db8::53", "[2001:db8::53]:53" },
		{ "[2001:db8::53]:5353", "[2001:db8::53]:5353",
		    "[2001:db8::53]:5353" },
		{ "::1", "::1", "[::1]:53" },
		{ "", NULL, NULL },
		{ "dns.example", NULL, NULL },
		{ "192.0.2.300", NULL, NULL },
		{ "192.0.2.53:", NULL, NULL },
		{ "192.0.2.53:0", NULL, NULL },
		{ "192.0.2.53:65536", NULL, NULL },
		{ "192.0.2.53:-1", NULL, NULL },
		{ "[2001:db8::53", NULL, NULL },
		{ "[2001:db8::53]:", NULL, NULL },
		{ "[192.0.2.53]:53", NULL, NULL },
		{ "2001:db8::zz", NULL, NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dns_server sv;
		int rc = dns_server_parse(cases[i].in, &sv);

		if (!cases[i].display) {
			if (rc != -1)
				fail_msg("'%s' accepted", cases[i].in);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s' refused", cases[i].in);
		assert_string_equal(sv.display, cases[i].display);
		assert_string_equal(sv.csv, cases[i].csv);
	}
	assert_int_equal(dns_server_parse(NULL, NULL), -1);
}

/* How the A and AAAA outcomes combine. */
static void
test_combine(void **state)
{
	static const struct {
		int a, aaaa;
		size_t naddrs;
		enum dns_status want;
	} cases[] = {
		{ ARES_SUCCESS, ARES_ENODATA, 1, DNS_OK },
		{ ARES_ETIMEOUT, ARES_SUCCESS, 2, DNS_OK },
		{ ARES_ENOTFOUND, ARES_ENOTFOUND, 0, DNS_NXDOMAIN },
		{ ARES_ENOTFOUND, ARES_ENODATA, 0, DNS_NXDOMAIN },
		{ ARES_ESERVFAIL, ARES_ESERVFAIL, 0, DNS_SERVFAIL },
		{ ARES_ESERVFAIL, ARES_ENOTFOUND, 0, DNS_SERVFAIL },
		{ ARES_EREFUSED, ARES_EREFUSED, 0, DNS_REFUSED },
		{ ARES_ETIMEOUT, ARES_ETIMEOUT, 0, DNS_TIMEOUT },
		{ ARES_ENODATA, ARES_ETIMEOUT, 0, DNS_TIMEOUT },
		{ ARES_ENODATA, ARES_ENODATA, 0, DNS_NODATA },
		{ ARES_ECONNREFUSED, ARES_ECONNREFUSED, 0, DNS_ERROR },
		{ ARES_EBADNAME, ARES_EBADNAME, 0, DNS_ERROR },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(dns_combine(cases[i].a, cases[i].aaaa,
		    cases[i].naddrs), cases[i].want);
	assert_string_equal(dns_error_text(ARES_ENODATA, ARES_ESERVFAIL),
	    ares_strerror(ARES_ESERVFAIL));
	assert_string_equal(dns_error_text(ARES_EBADNAME, ARES_ENODATA),
	    ares_strerror(ARES_EBADNAME));
}

/* Hosts-file lookups against the fixtures. */
static void
test_hosts_file(void **state)
{
	static const struct {
		const char *file, *name;
		int want;
	} cases[] = {
		{ "dns_hosts_valid.txt", "localhost", 1 },
		{ "dns_hosts_valid.txt", "ip6-loopback", 1 },
		{ "dns_hosts_valid.txt", "intranet", 1 },
		{ "dns_hosts_valid.txt", "WIKI.example.org", 1 },
		{ "dns_hosts_valid.txt", "wiki.example.org.", 1 },
		{ "dns_hosts_valid.txt", "example.org", 0 },
		{ "dns_hosts_valid.txt", "127.0.0.1", 0 },
		{ "dns_hosts_edge.txt", "mixed.case.example", 1 },
		{ "dns_hosts_edge.txt", "dotted.example", 1 },
		{ "dns_hosts_edge.txt", "tail.example", 1 },
		{ "dns_hosts_edge.txt", "tabbed.example", 1 },
		{ "dns_hosts_edge.txt", "last.example", 1 },
		{ "dns_hosts_edge.txt", "commented.example", 0 },
		{ "dns_hosts_edge.txt", "a", 0 },
		{ "dns_hosts_malformed.txt", "192.0.2.13", 0 },
		{ "dns_hosts_malformed.txt", "just-a-name-without-address", 0 },
		{ "dns_hosts_malformed.txt", "hidden.example", 0 },
		{ "dns_hosts_malformed.txt", "partial.example", 0 },
		{ "dns_hosts_malformed.txt", "partial.example.org", 1 },
		{ "dns_hosts_malformed.txt", "", 0 },
		{ "dns_hosts_malformed.txt", ".", 0 },
		{ "no_such_file.txt", "localhost", 0 },
	};
	const char *dir = getenv("CONNRESET_TESTDATA");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = xasprintf("%s/%s", dir ? dir : "tests/data",
		    cases[i].file);

		if (dns_hosts_has(path, cases[i].name) != cases[i].want)
			fail_msg("%s: '%s' want %d", cases[i].file,
			    cases[i].name, cases[i].want);
		free(path);
	}
}

/* The system's nameservers come back in the form the probe accepts. */
static void
test_system_servers(void **state)
{
	char **list;
	size_t n = dns_system_servers(&list);

	/* c-ares falls back to a loopback server when none is configured. */
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++) {
		struct dns_server sv;

		if (dns_server_parse(list[i], &sv) != 0)
			fail_msg("'%s' does not parse", list[i]);
		assert_string_equal(sv.display, list[i]);
		free(list[i]);
	}
	free(list);
}

/* What the binding test's query callback saw. */
struct bound_query {
	int calls, status;
	double at;
};

static void
on_bound_query(void *arg, int status, int timeouts, unsigned char *abuf,
    int alen)
{
	struct bound_query *q = arg;

	(void)timeouts;
	(void)abuf;
	(void)alen;
	q->calls++;
	q->status = status;
	q->at = loop_now_ms();
}

static void
count_turn(struct loop *lp, void *arg)
{
	(void)lp;
	(*(int *)arg)++;
}

/*
 * The c-ares binding on its own: a query to a server that never answers
 * times out on c-ares's schedule, in a handful of loop turns (a timer
 * that fires before c-ares's deadline spins thousands of them before each
 * deadline), and freeing the channel leaves nothing on the loop.
 */
static void
test_ares_loop(void **state)
{
	struct loop *lp = loop_new();
	struct responder r;
	struct ares_options o;
	struct ares_loop *al;
	struct bound_query q = { 0, -1, 0 };
	char server[64];
	double t0;
	int turns = 0, rc;

	(void)state;
	responder_start(&r, lp);
	snprintf(server, sizeof(server), "127.0.0.1:%d", r.port);
	memset(&o, 0, sizeof(o));
	o.timeout = 150;
	o.tries = 2;
	al = ares_loop_new(lp, &o, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES, &rc);
	assert_non_null(al);
	assert_int_equal(rc, ARES_SUCCESS);
	assert_int_equal(ares_set_servers_ports_csv(ares_loop_channel(al),
	    server), ARES_SUCCESS);
	t0 = loop_now_ms();
	ares_query(ares_loop_channel(al), "silent.test", C_IN, T_A,
	    on_bound_query, &q);
	ares_loop_arm(al);
	loop_on_turn(lp, count_turn, &turns);
	while (q.calls == 0 && loop_now_ms() - t0 < 3000)
		loop_run_once(lp, 1000);
	loop_on_turn(lp, NULL, NULL);
	assert_int_equal(q.calls, 1);
	assert_int_equal(q.status, ARES_ETIMEOUT);
	/* 150 ms, then 300 ms for the second round. */
	assert_true(q.at - t0 >= 400);
	assert_true(r.silent_queries >= 2);
	if (turns > 30)
		fail_msg("%d loop turns for two timeouts", turns);
	ares_loop_free(al);
	ares_loop_free(NULL);
	assert_int_equal(loop_pending(lp), 1);	/* only the responder */
	responder_stop(&r, lp);
	loop_free(lp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_server_parse),
		cmocka_unit_test(test_combine),
		cmocka_unit_test(test_hosts_file),
		cmocka_unit_test(test_system_servers),
		cmocka_unit_test(test_responder_table),
		cmocka_unit_test(test_ares_loop),
		cmocka_unit_test(test_concurrent),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_system),
		cmocka_unit_test(test_bad_server),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
