/*
 * Evidence <-> JSON: every fixture survives a round trip unchanged, a
 * fully populated struct comes back field for field, and hostile JSON
 * (wrong types, oversized arrays, control characters) loads without
 * crashing into clamped, sanitized results.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "diag/evidence.h"
#include "diag/verdict.h"

static char *
read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

static char *
to_text(const struct probe_results *r)
{
	cJSON *j = evidence_to_json(r);
	char *s = cJSON_PrintUnformatted(j);

	cJSON_Delete(j);
	return s;
}

/* Loads text, checks it equals what we write back, returns that. */
static void
round_trip_file(const char *path)
{
	char *text = read_text(path), *one, *two, *err = NULL;
	struct probe_results r, r2;
	cJSON *orig = cJSON_Parse(text), *back;

	assert_non_null(orig);
	assert_int_equal(evidence_from_json(orig, &r, &err), 0);
	back = evidence_to_json(&r);
	if (!cJSON_Compare(orig, back, 1))
		fail_msg("%s: does not survive the round trip", path);
	one = cJSON_PrintUnformatted(back);
	assert_int_equal(evidence_from_string(one, &r2, &err), 0);
	two = to_text(&r2);
	assert_string_equal(one, two);
	free(one);
	free(two);
	free(text);
	cJSON_Delete(orig);
	cJSON_Delete(back);
	probe_results_clear(&r);
	probe_results_clear(&r2);
}

static void
test_fixtures_round_trip(void **state)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	struct dirent *e;
	DIR *d;
	int n = 0;

	(void)state;
	assert_non_null(dir);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char path[1024];

		if (strncmp(e->d_name, "evidence_", 9) != 0 ||
		    strstr(e->d_name, "malformed") != NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		round_trip_file(path);
		n++;
	}
	closedir(d);
	assert_true(n >= 18);
}

static void
fill_full(struct probe_results *r)
{
	memset(r, 0, sizeof(*r));
	r->target.input = xstrdup("https://user:[redacted]@example.com");
	r->target.url = xstrdup("https://example.com:8443/a?b=c");
	r->target.scheme = xstrdup("https");
	r->target.host = xstrdup("bücher.example");
	r->target.ascii_host = xstrdup("xn--bcher-kva.example");
	r->target.port = 8443;
	r->target.path = xstrdup("/a?b=c");
	r->target.host_is_ip = 1;
	r->created = xstrdup("2026-11-27T10:00:00.123Z");
	r->ndns = 1;
	r->dns[0].server = xstrdup("192.0.2.53");
	r->dns[0].status = DNS_NODATA;
	r->dns[0].naddrs = RES_MAX_ADDRS;
	for (int i = 0; i < RES_MAX_ADDRS; i++)
		r->dns[0].addrs[i] = xasprintf("2001:db8::%d", i);
	r->dns[0].ms = 0.1 + 0.2;
	r->ntcp = 1;
	r->tcp[0].addr = xstrdup("2001:db8::1");
	r->tcp[0].family = 6;
	r->tcp[0].status = TCP_ERROR;
	r->tcp[0].os_errno = 99;
	r->tcp[0].ms = -1;
	r->nhttp = 1;
	r->http[0].variant = HV_RETEST;
	r->http[0].result = HTTP_PROXY_ERROR;
	r->http[0].status = 502;
	r->http[0].bytes = 1L << 40;
	r->http[0].t_ttfb = 123.456789;
	r->http[0].t_total = -1;
	r->tls.ran = 1;
	r->tls.versions[2] = TLSV_RESET;
	r->tls.versions[3] = TLSV_ERROR;
	r->tls.verify = TLS_VERIFY_NAME_MISMATCH;
	r->tls.nchain = 1;
	r->tls.chain[0].days_left = -3;
	r->tls.chain[0].sans = xstrdup("a,b");
	r->path.ran = 1;
	r->path.nhops = 1;
	r->path.hops[0].ttl = 7;
	r->path.hops[0].asn = 4200000000L;
	r->path.hops[0].as_name = xstrdup("EXAMPLE-NET, ZZ");
	r->path.hops[0].nrtt = 2;
	r->path.hops[0].rtt_ms[0] = 1.5;
	r->path.hops[0].rtt_ms[1] = -1;
	r->path.hops[0].loss = 0.25;
	r->locator.ran = 1;
	r->locator.forged = -1;
	r->local.firewall_reset_rule = -1;
	r->proxy.auth_required = 1;
	r->flush.ran = 1;
	r->flush.outcome = FLUSH_NEEDS_PRIVILEGES;
	r->nchecks = 1;
	r->checks[0].id = xstrdup("tls");
	r->checks[0].title = "TLS versions";
	r->checks[0].state = CHECK_CANCELLED;
	r->checks[0].status = CS_SKIPPED;
	r->checks[0].started_mono = 98765.25;
	r->checks[0].duration_ms = 5;
}

/* Every kind of field comes back with its value. */
static void
test_struct_round_trip(void **state)
{
	struct probe_results a, b;
	char *one, *two;
	cJSON *j;

	(void)state;
	fill_full(&a);
	j = evidence_to_json(&a);
	/* An outcome is written as the schema's word. */
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j,
	    "flush"), "outcome")->valuestring, "needs_privileges");
	assert_int_equal(evidence_from_json(j, &b, NULL), 0);
	cJSON_Delete(j);
	assert_string_equal(b.target.host, "bücher.example");
	assert_int_equal(b.target.port, 8443);
	assert_true(b.target.host_is_ip);
	assert_int_equal(b.dns[0].status, DNS_NODATA);
	assert_int_equal(b.dns[0].naddrs, RES_MAX_ADDRS);
	assert_string_equal(b.dns[0].addrs[15], "2001:db8::15");
	assert_true(b.dns[0].ms == 0.1 + 0.2);
	assert_int_equal(b.tcp[0].status, TCP_ERROR);
	assert_true(b.tcp[0].ms < 0);
	assert_int_equal(b.http[0].variant, HV_RETEST);
	assert_int_equal(b.http[0].result, HTTP_PROXY_ERROR);
	assert_true(b.http[0].bytes == 1L << 40);
	assert_true(b.http[0].t_ttfb == 123.456789);
	assert_int_equal(b.tls.versions[2], TLSV_RESET);
	assert_int_equal(b.tls.versions[3], TLSV_ERROR);
	assert_int_equal(b.tls.verify, TLS_VERIFY_NAME_MISMATCH);
	assert_int_equal(b.tls.chain[0].days_left, -3);
	assert_int_equal(b.path.hops[0].nrtt, 2);
	assert_true(b.path.hops[0].rtt_ms[1] < 0);
	assert_true(b.path.hops[0].loss == 0.25);
	assert_true(b.path.hops[0].asn == 4200000000L);
	assert_string_equal(b.path.hops[0].as_name, "EXAMPLE-NET, ZZ");
	assert_int_equal(b.locator.forged, -1);
	assert_int_equal(b.local.firewall_reset_rule, -1);
	assert_true(b.proxy.auth_required);
	assert_int_equal(b.flush.outcome, FLUSH_NEEDS_PRIVILEGES);
	assert_string_equal(b.checks[0].title, "TLS versions");
	assert_int_equal(b.checks[0].state, CHECK_CANCELLED);
	assert_int_equal(b.checks[0].status, CS_SKIPPED);
	assert_true(b.checks[0].started_mono == 98765.25);
	one = to_text(&a);
	two = to_text(&b);
	assert_string_equal(one, two);
	free(one);
	free(two);
	probe_results_clear(&a);
	probe_results_clear(&b);
}

static const char *const hostile[] = {
	"null", "[]", "42", "\"text\"", "{}",
	"{\"target\":[],\"dns\":{},\"tcp\":\"x\",\"http\":7,\"tls\":[],"
	    "\"path\":null,\"locator\":1,\"proxy\":\"p\",\"local\":true,"
	    "\"checks\":{}}",
	"{\"target\":{\"port\":\"443\",\"host\":5,\"url\":[],\"host_is_ip\":"
	    "\"yes\"},\"created\":{}}",
	"{\"dns\":[1,\"x\",null,{\"addrs\":{},\"status\":7,\"ms\":\"fast\"},"
	    "{\"addrs\":[1,null,[],\"192.0.2.1\"],\"status\":\"bogus\"}]}",
	"{\"http\":[{\"variant\":\"bogus\",\"status\":1e308,\"bytes\":-1e308,"
	    "\"t_total\":\"NaN\",\"curl_code\":1e20,\"result\":null}]}",
	"{\"tls\":{\"versions\":[\"yes\"],\"chain\":[1,{\"days_left\":\"x\"}]"
	    ",\"verify\":[]},\"path\":{\"hops\":[{\"rtt_ms\":[1,\"a\",-5,2,3,"
	    "4,5,6,7],\"loss\":99,\"ttl\":-2147483649}]}}",
	"{\"checks\":[{\"id\":\"x\",\"title\":7,\"status\":\"mystery\","
	    "\"state\":1}],\"locator\":{\"forged\":\"maybe\"}}",
	"{\"target\":{\"host\":\"a\\u001b[31mb\\u0007c\\u202ed\","
	    "\"url\":\"\\u0000hidden\"},\"dns\":[{\"server\":\"\\u009b2J\","
	    "\"addrs\":[\"\\u001b]0;pwn\\u0007\"]}],\"checks\":[{\"title\":"
	    "\"\\u001bevil\"}]}",
	"{\"target\":{\"host\":\"\xff\xfe\xc3\"}}",
};

static void
assert_clean(const char *s)
{
	if (s && !sanitize_is_clean(s, 0))
		fail_msg("not sanitized: %s", s);
}

static void
assert_all_clean(const struct probe_results *r)
{
	assert_clean(r->target.host);
	assert_clean(r->target.url);
	assert_clean(r->created);
	for (size_t i = 0; i < r->ndns; i++) {
		assert_clean(r->dns[i].server);
		for (size_t k = 0; k < r->dns[i].naddrs; k++)
			assert_clean(r->dns[i].addrs[k]);
	}
	for (size_t i = 0; i < r->nchecks; i++)
		assert_clean(r->checks[i].title);
}

static void
test_hostile(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct probe_results r;
		struct verdict v;
		char *err = NULL, *text;
		int rc = evidence_from_string(hostile[i], &r, &err);

		if (rc != 0) {
			assert_non_null(err);
			free(err);
		}
		assert_all_clean(&r);
		assert_true(r.path.nhops <= RES_MAX_HOPS);
		for (size_t k = 0; k < r.path.nhops; k++) {
			assert_true(r.path.hops[k].nrtt <= RES_MAX_RTT);
			assert_true(r.path.hops[k].loss >= 0 &&
			    r.path.hops[k].loss <= 1);
		}
		verdict_from_evidence(&r, &v);
		verdict_clear(&v);
		text = to_text(&r);
		assert_non_null(text);
		free(text);
		probe_results_clear(&r);
	}
}

/* Specific values from the hostile inputs. */
static void
test_hostile_values(void **state)
{
	struct probe_results r;

	(void)state;
	assert_int_equal(evidence_from_string(hostile[8], &r, NULL), 0);
	assert_int_equal(r.nhttp, 1);
	assert_int_equal(r.http[0].variant, HV_RETEST);
	assert_int_equal(r.http[0].result, HTTP_NOT_RUN);
	assert_true(r.http[0].t_total < 0);
	assert_true(r.http[0].status > 0);
	assert_true(r.http[0].bytes < 0);
	probe_results_clear(&r);
	assert_int_equal(evidence_from_string(hostile[11], &r, NULL), 0);
	assert_null(strchr(r.target.host, '\x1b'));
	assert_non_null(strstr(r.target.host, "\\x1b"));
	assert_null(strstr(r.target.host, "\xe2\x80\xae"));
	probe_results_clear(&r);
	assert_int_equal(evidence_from_string(hostile[7], &r, NULL), 0);
	assert_int_equal(r.ndns, 2);
	assert_int_equal(r.dns[0].status, DNS_NOT_RUN);
	assert_int_equal(r.dns[1].naddrs, 1);
	assert_string_equal(r.dns[1].addrs[0], "192.0.2.1");
	probe_results_clear(&r);
	assert_int_equal(evidence_from_string(hostile[10], &r, NULL), 0);
	assert_int_equal(r.checks[0].status, CS_INFO);
	assert_null(r.checks[0].title);
	assert_int_equal(r.locator.forged, -1);
	probe_results_clear(&r);
}

/* The malformed fixture loads into sanitized, defaulted results. */
static void
test_malformed_fixture(void **state)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	char path[1024], *text;
	struct probe_results r;
	struct verdict v;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/evidence_malformed_hostile.json",
	    dir);
	text = read_text(path);
	assert_int_equal(evidence_from_string(text, &r, NULL), 0);
	free(text);
	assert_all_clean(&r);
	assert_null(r.target.host);
	assert_int_equal(r.target.port, 0);
	assert_int_equal(r.ndns, 1);
	assert_int_equal(r.dns[0].naddrs, 2);
	assert_true(r.dns[0].ms < 0);
	assert_int_equal(r.ntcp, 0);
	assert_int_equal(r.nhttp, 2);
	assert_null(strchr(r.http[0].addr, '\n'));
	assert_int_equal(r.http[1].variant, HV_RETEST);
	assert_true(r.http[0].t_total < 0);
	assert_int_equal(r.tls.versions[0], TLSV_NOT_RUN);
	assert_int_equal(r.tls.nchain, 0);
	assert_int_equal(r.path.nhops, 1);
	assert_int_equal(r.path.hops[0].nrtt, 0);
	assert_true(r.path.hops[0].loss == 0);
	assert_int_equal(r.locator.forged, -1);
	assert_int_equal(r.local.firewall_reset_rule, -1);
	assert_clean(r.local.hosts_entry);
	assert_int_equal(r.nchecks, 2);
	assert_int_equal(r.checks[0].status, CS_INFO);
	verdict_from_evidence(&r, &v);
	verdict_clear(&v);
	probe_results_clear(&r);
}

/* Arrays far over the caps are clamped to them. */
static void
test_huge_arrays(void **state)
{
	cJSON *j = cJSON_CreateObject();
	cJSON *dns = cJSON_AddArrayToObject(j, "dns");
	cJSON *http = cJSON_AddArrayToObject(j, "http");
	cJSON *checks = cJSON_AddArrayToObject(j, "checks");
	cJSON *hops = cJSON_AddArrayToObject(cJSON_AddObjectToObject(j,
	    "path"), "hops");
	struct probe_results r;

	(void)state;
	for (int i = 0; i < 500; i++) {
		cJSON *d = cJSON_CreateObject();
		cJSON *a = cJSON_AddArrayToObject(d, "addrs");

		for (int k = 0; k < 100; k++)
			cJSON_AddItemToArray(a,
			    cJSON_CreateString("192.0.2.1"));
		cJSON_AddItemToArray(dns, d);
		cJSON_AddItemToArray(http, cJSON_CreateObject());
		cJSON_AddItemToArray(checks, cJSON_CreateObject());
		cJSON_AddItemToArray(hops, cJSON_CreateObject());
	}
	assert_int_equal(evidence_from_json(j, &r, NULL), 0);
	cJSON_Delete(j);
	assert_int_equal(r.ndns, RES_MAX_DNS);
	assert_int_equal(r.dns[RES_MAX_DNS - 1].naddrs, RES_MAX_ADDRS);
	assert_int_equal(r.nhttp, RES_MAX_HTTP);
	assert_int_equal(r.nchecks, RES_MAX_CHECKS);
	assert_int_equal(r.path.nhops, RES_MAX_HOPS);
	probe_results_clear(&r);
}

/* A very long string is cut to EVIDENCE_MAX_STR. */
static void
test_long_string(void **state)
{
	char *big = xmalloc(EVIDENCE_MAX_STR * 2 + 1);
	cJSON *j = cJSON_CreateObject();
	struct probe_results r;

	(void)state;
	memset(big, 'a', EVIDENCE_MAX_STR * 2);
	big[EVIDENCE_MAX_STR * 2] = '\0';
	cJSON_AddStringToObject(j, "created", big);
	free(big);
	assert_int_equal(evidence_from_json(j, &r, NULL), 0);
	cJSON_Delete(j);
	assert_int_equal(strlen(r.created), EVIDENCE_MAX_STR);
	probe_results_clear(&r);
}

/*
 * Text the sanitizer escapes grows; evidence saved and loaded again must
 * still come back the same (a fuzzer found both: a cut before the
 * sanitizer, and a counter name escaped then cut at 64 on the next load).
 */
static void
test_escapes_round_trip(void **state)
{
	static const struct {
		const char *key;	/* the field holding the odd text */
		size_t nbad;		/* invalid bytes (each escapes to 4) */
		int counter;		/* as a counter's name, not a value */
	} rows[] = {
		{ "source", 20000, 0 },		/* 80000 escaped > the limit */
		{ "source", 10, 0 },
		{ "TCPAbortOnLinger", 25, 1 },	/* a name that is no counter */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct probe_results r, r2;
		char *one, *two, *text, *err = NULL;

		sb_add(&sb, "{\"kernel_tcp\":{\"source\":\"");
		if (!rows[i].counter)
			for (size_t k = 0; k < rows[i].nbad; k++)
				sb_add(&sb, "\xff");
		sb_add(&sb, "\",\"counters\":{\"ActiveOpens\":2");
		if (rows[i].counter) {
			sb_add(&sb, ",\"");
			sb_add(&sb, rows[i].key);
			for (size_t k = 0; k < rows[i].nbad; k++)
				sb_add(&sb, "\xff");
			sb_add(&sb, "\":1");
		}
		sb_add(&sb, "}}}");
		text = sb_detach(&sb);
		memset(&r, 0, sizeof(r));
		memset(&r2, 0, sizeof(r2));
		assert_int_equal(evidence_from_string(text, &r, &err), 0);
		one = to_text(&r);
		assert_int_equal(evidence_from_string(one, &r2, &err), 0);
		two = to_text(&r2);
		assert_string_equal(one, two);
		assert_true(sanitize_is_clean(r.kstat.source, 0));
		assert_true(strlen(r.kstat.source) <= EVIDENCE_MAX_STR);
		/* an odd name is no counter: only ActiveOpens is kept */
		assert_int_equal(r.kstat.n, 1);
		free(text);
		free(one);
		free(two);
		probe_results_clear(&r);
		probe_results_clear(&r2);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures_round_trip),
		cmocka_unit_test(test_struct_round_trip),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_hostile_values),
		cmocka_unit_test(test_malformed_fixture),
		cmocka_unit_test(test_huge_arrays),
		cmocka_unit_test(test_long_string),
		cmocka_unit_test(test_escapes_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
