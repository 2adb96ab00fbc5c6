/*
 * Unit tests of the local check's pure parts (routes, interfaces, OS,
 * hosts, resolver setup, firewall rules, IPv4/IPv6 split) and of the DNS
 * flush's outcome classification. Fixtures only; no network.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/loop.h"
#include "core/spawn.h"
#include "core/xalloc.h"
#include "probe/flush.h"
#include "probe/local.h"
#include "probe/local_dns.h"
#include "probe/local_fw.h"
#include "probe/names.h"

static char *
data_path(const char *name)
{
	const char *dir = getenv("CONNRESET_TESTDATA");

	return xasprintf("%s/%s", dir ? dir : "tests/data", name);
}

static char *
fixture(const char *name)
{
	char *path = data_path(name), buf[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		fail_msg("cannot open %s", path);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	free(path);
	buf[n] = '\0';
	return xstrdup(buf);
}

struct route_case {
	const char *file;
	const char *addr;
	int found;
	const char *iface;
	int prefix;
	const char *gateway;
};

static const struct route_case route_cases[] = {
	{ "local_route_valid", "192.0.2.77", 1, "eth0", 24, "" },
	{ "local_route_valid", "198.19.5.5", 1, "tun0", 15, "198.18.0.1" },
	{ "local_route_valid", "203.0.113.7", 1, "wg0", 32, "" },
	{ "local_route_valid", "203.0.113.9", 1, "tun0", 24, "" },
	/* the down route is skipped; lower metric wins among defaults */
	{ "local_route_valid", "198.51.100.9", 1, "eth0", 0, "192.0.2.1" },
	{ "local_route_valid", "0.0.0.0", 1, "eth0", 0, "192.0.2.1" },
	{ "local_route_valid", "2001:db8::1", 0, NULL, 0, NULL },
	{ "local_route_valid", "not-an-ip", 0, NULL, 0, NULL },
	{ "local_route_malformed", "192.0.2.1", 0, NULL, 0, NULL },
	{ "local_ipv6_route_valid", "2001:db8:1::5", 1, "wg0", 48, "" },
	{ "local_ipv6_route_valid", "2001:db8:2::5", 1, "eth0", 32, "" },
	{ "local_ipv6_route_valid", "2001:db9::1", 1, "eth0", 0,
	    "2001:db8::1" },
	{ "local_ipv6_route_valid", "fe80::1", 1, "eth0", 64, "" },
	{ "local_ipv6_route_valid", "192.0.2.1", 0, NULL, 0, NULL },
};

static void
test_route_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(route_cases) / sizeof(route_cases[0]);
	    i++) {
		const struct route_case *c = &route_cases[i];
		char *text = fixture(c->file);
		struct local_route r;
		int rc = local_route_lookup(text, c->addr, &r);

		free(text);
		if ((rc == 0) != c->found)
			fail_msg("case %zu (%s): rc %d", i, c->addr, rc);
		if (!c->found)
			continue;
		if (strcmp(r.iface, c->iface) != 0 || r.prefix != c->prefix ||
		    strcmp(r.gateway, c->gateway) != 0)
			fail_msg("case %zu (%s): got %s/%d via '%s'", i,
			    c->addr, r.iface, r.prefix, r.gateway);
	}
}

static const struct local_iface *
find_if(const struct local_iface *ifs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ifs[i].name, name) == 0)
			return &ifs[i];
	fail_msg("interface %s missing", name);
	return NULL;
}

static void
test_ifaces(void **state)
{
	static const struct { const char *name, *kind; int vpn, up; } want[] = {
		{ "lo", "loopback", 0, 1 }, { "eth0", "ethernet", 0, 1 },
		{ "wlan0", "wifi", 0, 1 }, { "wg0", "vpn", 1, 1 },
		{ "tun0", "vpn", 1, 0 }, { "br0", "bridge", 0, 1 },
		{ "tap9", "vpn", 1, 0 },
	};
	char *dir = data_path("local_sysfs_valid");
	struct local_iface *ifs;
	size_t n = local_ifaces(dir, &ifs);

	(void)state;
	assert_int_equal(n, 7);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct local_iface *f = find_if(ifs, n, want[i].name);

		if (strcmp(local_iface_kind(f), want[i].kind) != 0 ||
		    local_iface_is_vpn(f) != want[i].vpn || f->up != want[i].up)
			fail_msg("%s: kind %s vpn %d up %d", f->name,
			    local_iface_kind(f), local_iface_is_vpn(f), f->up);
	}
	free(ifs);
	free(dir);
	assert_int_equal(local_ifaces("/nonexistent/connreset", &ifs), 0);
}

static void
test_os_and_hosts(void **state)
{
	char *osr = fixture("local_os_release_valid");
	char *hosts = fixture("local_hosts_valid");
	char *s;

	(void)state;
	s = local_os_name("Linux", "6.1.0-18-amd64", osr);
	assert_string_equal(s, "Linux 6.1.0-18-amd64 (Debian GNU/Linux 12 "
	    "(bookworm))");
	free(s);
	s = local_os_name("Linux", "6.1", "ID=x\n");
	assert_string_equal(s, "Linux 6.1");
	free(s);
	/* A bare "export" line must not swallow the next one's newline. */
	s = local_os_name("Linux", "6.1", "export   \nPRETTY_NAME=\"Debian\"\n"
	    "ID=debian\n");
	assert_string_equal(s, "Linux 6.1 (Debian)");
	free(s);
	s = local_hosts_entry(hosts, "pinned.example");
	assert_string_equal(s, "198.51.100.20 Pinned.Example "
	    "www.pinned.example; 2001:db8::20 pinned.example");
	free(s);
	assert_null(local_hosts_entry(hosts, "example"));
	assert_null(local_hosts_entry(hosts, "192.0.2.10"));
	s = local_hosts_entry(hosts, "ip6-loopback");
	assert_non_null(s);
	free(s);
	free(osr);
	free(hosts);
}

static void
test_dns_setup(void **state)
{
	struct local_dns_setup s;
	char *root = data_path("local_root_resolved_valid");
	int pids[4];

	(void)state;
	local_dns_detect(root, &s);
	assert_string_equal(s.kind, "systemd-resolved");
	assert_string_equal(s.caches, "systemd-resolved nscd");
	assert_string_equal(s.upstreams, "192.0.2.53,2001:db8::53");
	assert_string_equal(s.nameservers, "127.0.0.53");
	local_dns_setup_clear(&s);
	free(root);

	root = data_path("local_root_dnsmasq_edge");
	local_dns_detect(root, &s);
	assert_string_equal(s.kind, "dnsmasq");
	assert_string_equal(s.caches, "dnsmasq");
	assert_null(s.upstreams);
	assert_int_equal(local_find_procs(root, "dnsmasq", pids, 4), 1);
	assert_int_equal(pids[0], 77);
	local_dns_setup_clear(&s);
	free(root);

	/* dnsmasq runs (for VMs, say) but is not the resolver */
	root = data_path("local_root_plain_valid");
	local_dns_detect(root, &s);
	assert_string_equal(s.kind, "resolv.conf");
	assert_null(s.caches);
	assert_string_equal(s.nameservers, "192.0.2.53,198.51.100.53");
	local_dns_setup_clear(&s);
	free(root);
}

struct fw_case {
	const char *file;
	int nft;		/* nft JSON, else iptables-save */
	const char *addr;
	int port;
	int want;
	const char *detail_has;
};

static const struct fw_case fw_cases[] = {
	{ "local_nft_valid.json", 1, "198.18.0.5", 443, 1, "handle 2 " },
	{ "local_nft_valid.json", 1, "198.18.0.5", 80, 0, NULL },
	{ "local_nft_valid.json", 1, "203.0.113.50", 8001, 1, "handle 5 " },
	{ "local_nft_valid.json", 1, "198.51.100.7", 80, 1, "handle 5 " },
	{ "local_nft_valid.json", 1, "198.51.100.7", 443, 0, NULL },
	{ "local_nft_valid.json", 1, "2001:db8::1", 443, 0, NULL },
	{ "local_nft_edge.json", 1, "198.18.0.5", 443, 0, NULL },
	{ "local_nft_edge.json", 1, "198.18.0.6", 443, 1, "handle 3 " },
	{ "local_nft_edge.json", 1, "198.18.0.5", 80, 1, "handle 4 " },
	{ "local_nft_edge.json", 1, "2001:db8::1", 443, 1, "handle 7 " },
	{ "local_nft_malformed.json", 1, "198.18.0.5", 443, -1, "nft" },
	/* Numbers past int's range match nothing and show as handle 0. */
	{ "local_nft_edge_huge.json", 1, "198.18.0.7", 443, 0, NULL },
	{ "local_nft_edge_huge.json", 1, "198.18.0.5", 443, 0, NULL },
	{ "local_nft_edge_huge.json", 1, "198.18.0.9", 443, 1, "handle 0 " },
	{ "local_iptables_valid.txt", 0, "192.0.2.9", 22, 1, "--dport 22" },
	{ "local_iptables_valid.txt", 0, "198.18.0.5", 443, 1, "fw.example" },
	{ "local_iptables_valid.txt", 0, "192.0.2.8", 443, 1, "! -d" },
	{ "local_iptables_edge.txt", 0, "198.18.0.5", 443, 0, NULL },
	{ "local_iptables_edge.txt", 0, "198.18.0.5", 8080, 1, "--dports" },
	{ "local_iptables_edge.txt", 0, "198.18.0.5", 1500, 1, "1000:2000" },
	{ "local_iptables_edge.txt", 0, "198.18.0.6", 9, 1, "198.18.0.6" },
};

static void
test_firewall_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(fw_cases) / sizeof(fw_cases[0]); i++) {
		const struct fw_case *c = &fw_cases[i];
		char *text = fixture(c->file), *detail = NULL;
		int got = c->nft ? local_fw_nft(text, c->addr, c->port,
		    &detail) : local_fw_iptables(text, c->addr, c->port,
		    &detail);

		if (got != c->want)
			fail_msg("case %zu (%s %s:%d): got %d", i, c->file,
			    c->addr, c->port, got);
		if (c->detail_has && (!detail || !strstr(detail,
		    c->detail_has)))
			fail_msg("case %zu: detail '%s'", i, detail ? detail :
			    "-");
		if (!c->detail_has && detail)
			fail_msg("case %zu: unexpected detail %s", i, detail);
		free(detail);
		free(text);
	}
}

static void
test_firewall_failure(void **state)
{
	struct spawn_result r;
	char *s;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.exited = 1;
	r.exit_code = 1;
	r.out = (char *)"";
	r.err = (char *)"Operation not permitted (you must be root)\n"
	    "netlink: Error: cache initialization failed: Operation not "
	    "permitted\n";
	r.err_len = strlen(r.err);
	s = local_fw_failure("nft", &r);
	assert_string_equal(s, "nft: Operation not permitted: run as root "
	    "to inspect the firewall");
	free(s);
	r.err = (char *)"weird\x1b[2J failure\nsecond line";
	r.err_len = strlen(r.err);
	s = local_fw_failure("iptables-save", &r);
	assert_string_equal(s, "iptables-save failed: weird\\x1b[2J failure");
	free(s);
	r.exit_code = 0;
	assert_null(local_fw_failure("nft", &r));
	memset(&r, 0, sizeof(r));
	r.exec_errno = ENOENT;
	s = local_fw_failure("nft", &r);
	assert_string_equal(s, "nft: not installed");
	free(s);
	/* Two tools with one reason say it once. */
	s = local_fw_join("", "nft: X: run as root");
	assert_string_equal(s, "nft: X: run as root");
	free(s);
	s = local_fw_join("nft: X: run as root", "iptables-save: X: run as "
	    "root");
	assert_string_equal(s, "nft, iptables-save: X: run as root");
	free(s);
	s = local_fw_join("nft: not installed", "iptables-save: X");
	assert_string_equal(s, "nft: not installed; iptables-save: X");
	free(s);
	s = local_fw_join("a: p; b: q", "c: q");
	assert_string_equal(s, "a: p; b, c: q");
	free(s);
}

static void
test_family_split(void **state)
{
	static const struct { int fam[3]; enum tcp_status st[3]; int n;
	    int want; } cases[] = {
		{ { 4, 6 }, { TCP_OPEN, TCP_OPEN }, 2, 0 },
		{ { 4, 6 }, { TCP_OPEN, TCP_TIMEOUT }, 2, 1 },
		{ { 4, 6, 6 }, { TCP_REFUSED, TCP_OPEN, TCP_ERROR }, 3, 1 },
		{ { 4, 4 }, { TCP_OPEN, TCP_TIMEOUT }, 2, 0 },
		{ { 4, 6 }, { TCP_TIMEOUT, TCP_UNREACHABLE }, 2, 0 },
		{ { 4, 6 }, { TCP_OPEN, TCP_NOT_RUN }, 2, 0 },
		{ { 0 }, { 0 }, 0, 0 },
	};
	struct probe_results *r = xcalloc(1, sizeof(*r));

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r->ntcp = (size_t)cases[i].n;
		for (int k = 0; k < cases[i].n; k++) {
			r->tcp[k].family = cases[i].fam[k];
			r->tcp[k].status = cases[i].st[k];
		}
		if (local_family_split(r) != cases[i].want)
			fail_msg("case %zu", i);
	}
	free(r);
}

static void
test_summary(void **state)
{
	struct probe_results *r = xcalloc(1, sizeof(*r));
	char *s;

	(void)state;
	r->local.ran = 1;
	r->local.iface = xstrdup("wg0");
	r->local.iface_kind = xstrdup("vpn");
	r->local.vpn_active = 1;
	r->local.route_via_vpn = 1;
	r->local.vpn_iface = xstrdup("wg0");
	r->local.resolver_kind = xstrdup("systemd-resolved");
	r->local.firewall_reset_rule = -1;
	r->local.firewall_detail = xstrdup("nft: Operation not permitted");
	r->tls.intercepted = 1;
	s = local_summary(r);
	assert_non_null(strstr(s, "intercepts TLS"));
	assert_non_null(strstr(s, "through the VPN interface wg0"));
	assert_non_null(strstr(s, "firewall not inspected (nft: Operation"));
	free(s);
	res_local_clear(&r->local);
	assert_null(r->local.iface);
	free(r);
}

struct cls_case {
	int exec_errno, exited, code, sig, timed_out;
	const char *err;
	enum flush_outcome want;
};

static const struct cls_case cls_cases[] = {
	{ 0, 1, 0, 0, 0, "", FLUSH_FLUSHED },
	{ 0, 1, 1, 0, 0, "Failed to flush caches: Access denied\n",
	    FLUSH_NEEDS_PRIVILEGES },
	{ 0, 1, 1, 0, 0, "nscd: Only root is allowed to use this option!\n",
	    FLUSH_NEEDS_PRIVILEGES },
	{ 0, 1, 1, 0, 0, "error: Error setting up SSL_CTX client key and "
	    "cert\n... Permission denied\n", FLUSH_NEEDS_PRIVILEGES },
	{ 0, 1, 1, 0, 0, "Failed to flush caches: Interactive "
	    "authentication required.\n", FLUSH_NEEDS_PRIVILEGES },
	{ 0, 1, 4, 0, 0, "", FLUSH_NEEDS_PRIVILEGES },
	{ 0, 1, 1, 0, 0, "Unit dbus-org.freedesktop.resolve1.service not "
	    "found.\n", FLUSH_FAILED },
	{ ENOENT, 0, 0, 0, 0, "", FLUSH_FAILED },
	{ EACCES, 0, 0, 0, 0, "", FLUSH_NEEDS_PRIVILEGES },
	{ 0, 0, 0, SIGKILL, 1, "", FLUSH_FAILED },
};

static void
test_flush_classify(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cls_cases) / sizeof(cls_cases[0]);
	    i++) {
		const struct cls_case *c = &cls_cases[i];
		struct spawn_result r;

		memset(&r, 0, sizeof(r));
		r.exec_errno = c->exec_errno;
		r.exited = c->exited;
		r.exit_code = c->code;
		r.signaled = c->sig != 0;
		r.term_signal = c->sig;
		r.timed_out = c->timed_out;
		r.out = (char *)"";
		r.err = (char *)c->err;
		r.err_len = strlen(c->err);
		if (flush_classify(&r) != c->want)
			fail_msg("case %zu: got %s", i,
			    flush_outcome_name(flush_classify(&r)));
	}
	assert_int_equal(flush_classify_errno(0), FLUSH_FLUSHED);
	assert_int_equal(flush_classify_errno(EPERM), FLUSH_NEEDS_PRIVILEGES);
	assert_int_equal(flush_classify_errno(ESRCH), FLUSH_FAILED);
	assert_int_equal(flush_worse(FLUSH_FLUSHED, FLUSH_NEEDS_PRIVILEGES),
	    FLUSH_NEEDS_PRIVILEGES);
	assert_int_equal(flush_worse(FLUSH_FAILED, FLUSH_FLUSHED),
	    FLUSH_FAILED);
	assert_int_equal(flush_worse(FLUSH_NOTHING, FLUSH_FLUSHED),
	    FLUSH_FLUSHED);
}

static void
flush_cb(void *arg)
{
	(*(int *)arg)++;
}

static void
test_flush_nothing(void **state)
{
	static const char *const kinds[] = { NULL, "", "resolv.conf", "local",
	    "resolv.conf local" };

	(void)state;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct loop *lp = loop_new();
		struct probe_env env = { lp, NULL, 1000, NULL };
		struct res_flush f = { 0 };
		int done = 0;
		char *s;

		flush_start(&env, kinds[i], &f, flush_cb, &done);
		assert_int_equal(done, 0);
		while (loop_pending(lp))
			loop_run_once(lp, 100);
		assert_int_equal(done, 1);
		assert_true(f.ran);
		assert_int_equal(f.outcome, FLUSH_NOTHING);
		assert_null(f.command);
		s = flush_summary(&f);
		assert_non_null(strstr(s, "nothing to flush"));
		free(s);
		res_flush_clear(&f);
		loop_free(lp);
	}
}

static void
test_flush_summary(void **state)
{
	struct res_flush f = { 0 };
	char *s;

	(void)state;
	f.ran = 1;
	f.outcome = FLUSH_NEEDS_PRIVILEGES;
	f.command = (char *)"sudo resolvectl flush-caches";
	s = flush_summary(&f);
	assert_string_equal(s, "flushing needs administrator rights; run: "
	    "sudo resolvectl flush-caches");
	free(s);
}

/* resolv.conf's nameserver lines, one table row per text. */
static const struct {
	const char *text, *want;	/* want NULL: none found */
} ns_cases[] = {
	{ "nameserver 192.0.2.53\n", "192.0.2.53" },
	{ "nameserver\t192.0.2.53\nnameserver 2001:db8::53\n",
	    "192.0.2.53,2001:db8::53" },
	{ "# nameserver 192.0.2.1\nsearch example\n", NULL },
	/* a blank line takes nothing from the next one */
	{ "nameserver   \n192.0.2.99 x\n", NULL },
	{ "nameserver    \nnameserver 192.0.2.53\n", "192.0.2.53" },
	{ "nameservers 192.0.2.1\n", NULL },
	{ "nameserver 192.0.2.53", "192.0.2.53" },
};

static void
test_nameserver_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(ns_cases) / sizeof(ns_cases[0]); i++) {
		char *got = local_nameservers(ns_cases[i].text);

		if (ns_cases[i].want ? !got ||
		    strcmp(got, ns_cases[i].want) != 0 : got != NULL)
			fail_msg("case %zu: got %s", i, got ? got : "(none)");
		free(got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nameserver_lines),
		cmocka_unit_test(test_route_table),
		cmocka_unit_test(test_ifaces),
		cmocka_unit_test(test_os_and_hosts),
		cmocka_unit_test(test_dns_setup),
		cmocka_unit_test(test_firewall_table),
		cmocka_unit_test(test_firewall_failure),
		cmocka_unit_test(test_family_split),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_flush_classify),
		cmocka_unit_test(test_flush_nothing),
		cmocka_unit_test(test_flush_summary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
