/*
 * Unit tests of src/probe/asn.c (no network): which addresses are looked
 * up, the query names, TXT answers parsed from recorded fixtures; and of
 * the reading that compares the reset's network with the provider's.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "probe/asn.h"
#include "probe/result.h"

static void
test_public(void **state)
{
	static const char *const no[] = {
		"10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
		"100.64.0.1", "100.127.255.255", "192.0.2.1",
		"198.51.100.9", "203.0.113.7", "198.18.0.1", "198.19.255.1",
		"127.0.0.1", "169.254.1.1", "0.1.2.3", "224.0.0.1",
		"255.255.255.255", "192.0.0.8", "2001:db8::1",
		"2001:db8:ffff::1", "::1", "::", "fe80::1", "fd00::1",
		"fc00::1", "ff02::1", "::ffff:8.8.8.8", "", "not an address",
		"1.2.3", NULL
	};
	static const char *const yes[] = {
		"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1",
		"172.15.0.1", "172.32.0.1", "192.0.3.1", "198.17.0.1",
		"198.20.0.1", "198.51.101.1", "203.0.114.1", "2a00:1450::1",
		"2001:4860:4860::8888", "2001:db9::1"
	};

	(void)state;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (asn_addr_public(no[i]))
			fail_msg("%s taken for public", no[i] ? no[i] : "NULL");
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!asn_addr_public(yes[i]))
			fail_msg("%s taken for private", yes[i]);
}

static void
test_qnames(void **state)
{
	char buf[128], tiny[8];

	(void)state;
	assert_int_equal(asn_origin_qname("216.90.108.31", buf, sizeof(buf)),
	    0);
	assert_string_equal(buf, "31.108.90.216.origin.asn.cymru.com");
	assert_int_equal(asn_origin_qname("2001:4860:4860::8888", buf,
	    sizeof(buf)), 0);
	assert_string_equal(buf, "8.8.8.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "0.6.8.4.0.6.8.4.1.0.0.2.origin6.asn.cymru.com");
	/* Never a query for the lab's or a private address. */
	assert_int_equal(asn_origin_qname("198.51.100.1", buf, sizeof(buf)),
	    -1);
	assert_int_equal(asn_origin_qname("192.168.0.1", buf, sizeof(buf)),
	    -1);
	assert_int_equal(asn_origin_qname("2001:db8::2", buf, sizeof(buf)),
	    -1);
	assert_int_equal(asn_origin_qname("8.8.8.8", tiny, sizeof(tiny)), -1);
	assert_int_equal(asn_name_qname(23028, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "AS23028.asn.cymru.com");
	assert_int_equal(asn_name_qname(4200000000u, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "AS4200000000.asn.cymru.com");
	assert_int_equal(asn_name_qname(0, buf, sizeof(buf)), -1);
	assert_int_equal(asn_name_qname(23028, tiny, sizeof(tiny)), -1);
}

static void
test_parse_origin(void **state)
{
	(void)state;
	assert_int_equal(asn_parse_origin("23028 | 216.90.108.0/24 | US | "
	    "arin | 1998-09-25"), 23028);
	/* A prefix announced by several networks: the first. */
	assert_int_equal(asn_parse_origin("13335 209242 | 104.16.0.0/13 | "
	    "US | arin | 2014-03-28"), 13335);
	assert_int_equal(asn_parse_origin("15169 | 2001:4860::/32 | US | "
	    "arin | 2005-03-14"), 15169);
	assert_int_equal(asn_parse_origin(""), 0);
	assert_int_equal(asn_parse_origin(NULL), 0);
	assert_int_equal(asn_parse_origin("NA | 1.2.3.0/24"), 0);
	assert_int_equal(asn_parse_origin("23028"), 0);
	assert_int_equal(asn_parse_origin("23028x | 1.2.3.0/24"), 0);
	assert_int_equal(asn_parse_origin("99999999999 | 1.2.3.0/24"), 0);
}

static void
test_parse_name(void **state)
{
	char *s;

	(void)state;
	s = asn_parse_name("23028 | US | arin | 2002-01-04 | TEAMCYMRU - "
	    "SAUNET, US", 23028);
	assert_non_null(s);
	assert_string_equal(s, "TEAMCYMRU - SAUNET, US");
	free(s);
	/* Control bytes from the network are escaped. */
	s = asn_parse_name("64500 | ZZ | ripe | 2001-01-01 | EVIL\x1b[2J ",
	    64500);
	assert_non_null(s);
	assert_null(strchr(s, '\x1b'));
	free(s);
	/* Another network's answer, too few fields, an empty name. */
	assert_null(asn_parse_name("23029 | US | arin | 2002-01-04 | X",
	    23028));
	assert_null(asn_parse_name("23028 | US | arin", 23028));
	assert_null(asn_parse_name("23028 | US | arin | 2002-01-04 |  ",
	    23028));
	assert_null(asn_parse_name(NULL, 23028));
}

/* A DNS answer to a TXT query, as a server sends it. */
static size_t
dns_answer(unsigned char *b, const char *qname,
    const char *const *const *records)
{
	size_t n = 0;
	const char *l = qname;
	int ans = 0;

	while (records[ans])
		ans++;
	memcpy(b, "\x12\x34\x81\x80\x00\x01", 6);
	b[6] = 0;
	b[7] = (unsigned char)ans;
	memset(b + 8, 0, 4);
	n = 12;
	while (*l) {
		size_t len = strcspn(l, ".");

		b[n++] = (unsigned char)len;
		memcpy(b + n, l, len);
		n += len;
		l += len + (l[len] == '.');
	}
	b[n++] = 0;
	memcpy(b + n, "\x00\x10\x00\x01", 4);
	n += 4;
	for (int r = 0; r < ans; r++) {
		size_t rdlen = 0, at;

		memcpy(b + n, "\xc0\x0c\x00\x10\x00\x01\x00\x00\x0e\x10", 10);
		n += 10;
		at = n;
		n += 2;
		for (int k = 0; records[r][k]; k++) {
			size_t len = strlen(records[r][k]);

			b[n++] = (unsigned char)len;
			memcpy(b + n, records[r][k], len);
			n += len;
			rdlen += len + 1;
		}
		b[at] = (unsigned char)(rdlen >> 8);
		b[at + 1] = (unsigned char)rdlen;
	}
	return n;
}

static void
test_txt_answer(void **state)
{
	static const char *const one[] = { "23028 | 216.90.108.0/24 | US | "
	    "arin | 1998-09-25", NULL };
	static const char *const split[] = { "23028 | US | arin | ",
	    "2002-01-04 | TEAMCYMRU - SAUNET, US", NULL };
	static const char *const other[] = { "64500 | 192.0.2.0/24", NULL };
	const char *const *rec1[] = { one, NULL };
	const char *const *rec2[] = { split, other, NULL };
	const char *const *none[] = { NULL };
	unsigned char b[1024];
	size_t n;
	char *t, *name;

	(void)state;
	n = dns_answer(b, "31.108.90.216.origin.asn.cymru.com", rec1);
	t = asn_txt_of_answer(b, (int)n);
	assert_non_null(t);
	assert_int_equal(asn_parse_origin(t), 23028);
	free(t);
	/* A record in two strings is joined; a second record is not. */
	n = dns_answer(b, "AS23028.asn.cymru.com", rec2);
	t = asn_txt_of_answer(b, (int)n);
	assert_non_null(t);
	name = asn_parse_name(t, 23028);
	assert_non_null(name);
	assert_string_equal(name, "TEAMCYMRU - SAUNET, US");
	free(name);
	free(t);
	n = dns_answer(b, "AS23028.asn.cymru.com", none);
	assert_null(asn_txt_of_answer(b, (int)n));
	/* Cut short: not an answer. */
	n = dns_answer(b, "AS23028.asn.cymru.com", rec2);
	assert_null(asn_txt_of_answer(b, (int)n - 20));
	assert_null(asn_txt_of_answer(NULL, 0));
}

/* A trace of 4 hops and a reset located at hop 3. */
static void
two_networks(struct probe_results *r, long isp, long at)
{
	static const char *const addrs[] = { "192.168.1.1", "81.2.69.1",
		"81.2.69.9", "62.1.1.1", "62.1.1.2" };

	memset(r, 0, sizeof(*r));
	r->path.ran = 1;
	r->path.nhops = 5;
	for (int i = 0; i < 5; i++) {
		r->path.hops[i].ttl = i + 1;
		r->path.hops[i].addr = xstrdup(addrs[i]);
	}
	r->path.hops[1].asn = isp;
	r->path.hops[1].as_name = isp ? xstrdup("PROVIDER") : NULL;
	r->path.hops[2].asn = at;
	r->locator.ran = 1;
	r->locator.first_reset_ttl = 4;
	r->locator.server_distance = 5;
	r->locator.near_hop_ttl = 3;
	r->locator.near_hop_addr = xstrdup(addrs[2]);
}

static void
test_reset_owner(void **state)
{
	struct probe_results r;
	const struct res_hop *at, *isp;

	(void)state;
	two_networks(&r, 64500, 64500);
	assert_int_equal(probe_results_reset_owner(&r, &at, &isp),
	    OWNER_INSIDE);
	assert_string_equal(at->addr, "81.2.69.9");
	assert_string_equal(isp->addr, "81.2.69.1");
	probe_results_clear(&r);
	two_networks(&r, 64500, 64511);
	assert_int_equal(probe_results_reset_owner(&r, &at, &isp),
	    OWNER_BEYOND);
	assert_int_equal(at->asn, 64511);
	probe_results_clear(&r);
	/* The provider's network unknown: nothing is said. */
	two_networks(&r, 0, 64511);
	assert_int_equal(probe_results_reset_owner(&r, &at, &isp),
	    OWNER_UNKNOWN);
	assert_null(isp);
	probe_results_clear(&r);
	/* The device at the hop did not identify itself. */
	two_networks(&r, 64500, 64500);
	free(r.locator.near_hop_addr);
	r.locator.near_hop_addr = NULL;
	free(r.path.hops[2].addr);
	r.path.hops[2].addr = NULL;
	assert_int_equal(probe_results_reset_owner(&r, NULL, NULL),
	    OWNER_UNKNOWN);
	probe_results_clear(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_public),
		cmocka_unit_test(test_qnames),
		cmocka_unit_test(test_parse_origin),
		cmocka_unit_test(test_parse_name),
		cmocka_unit_test(test_txt_answer),
		cmocka_unit_test(test_reset_owner),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
