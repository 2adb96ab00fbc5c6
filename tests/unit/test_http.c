/* Unit tests of the HTTP probe: classification table and loopback runs. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/loop.h"
#include "core/redact.h"
#include "probe/curlm.h"
#include "probe/http.h"
#include "netsrv.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- http_classify: every rule, as data */

static const struct {
	int code, err;
	long bytes;
	int tls, tls_done;
	long status;
	enum http_result want;
} cases[] = {
	{ CURLE_OK, 0, 120, 0, 0, 200, HTTP_RESPONSE },
	{ CURLE_OK, 0, 120, 1, 1, 503, HTTP_RESPONSE },
	{ CURLE_COULDNT_CONNECT, ECONNREFUSED, 0, 0, 0, 0, HTTP_REFUSED },
	{ CURLE_COULDNT_CONNECT, EHOSTUNREACH, 0, 0, 0, 0,
	    HTTP_UNREACHABLE },
	{ CURLE_COULDNT_CONNECT, ENETUNREACH, 0, 1, 0, 0, HTTP_UNREACHABLE },
	{ CURLE_COULDNT_CONNECT, ETIMEDOUT, 0, 0, 0, 0, HTTP_TIMEOUT },
	{ CURLE_COULDNT_CONNECT, 0, 0, 0, 0, 0, HTTP_ERROR },
	{ CURLE_OPERATION_TIMEDOUT, 0, 0, 0, 0, 0, HTTP_TIMEOUT },
	{ CURLE_OPERATION_TIMEDOUT, 0, 500, 1, 1, 200, HTTP_TIMEOUT },
	{ CURLE_RECV_ERROR, ECONNRESET, 0, 0, 0, 0,
	    HTTP_RESET_BEFORE_RESPONSE },
	{ CURLE_RECV_ERROR, ECONNRESET, 17, 0, 0, 200,
	    HTTP_RESET_MID_TRANSFER },
	{ CURLE_RECV_ERROR, ECONNRESET, 0, 1, 0, 0, HTTP_TLS_RESET },
	{ CURLE_RECV_ERROR, ECONNRESET, 0, 1, 1, 0,
	    HTTP_RESET_BEFORE_RESPONSE },
	{ CURLE_RECV_ERROR, ECONNRESET, 9, 1, 1, 0,
	    HTTP_RESET_MID_TRANSFER },
	{ CURLE_RECV_ERROR, 0, 0, 0, 0, 0, HTTP_ERROR },
	{ CURLE_SEND_ERROR, ECONNRESET, 0, 0, 0, 0,
	    HTTP_RESET_BEFORE_RESPONSE },
	{ CURLE_SEND_ERROR, EPIPE, 0, 0, 0, 0, HTTP_RESET_BEFORE_RESPONSE },
	{ CURLE_SEND_ERROR, EPIPE, 0, 1, 0, 0, HTTP_TLS_RESET },
	{ CURLE_RECV_ERROR, EPIPE, 0, 1, 1, 0, HTTP_RESET_BEFORE_RESPONSE },
	{ CURLE_RECV_ERROR, EINTR, 0, 0, 0, 0, HTTP_ERROR },
	{ CURLE_GOT_NOTHING, 0, 0, 0, 0, 0, HTTP_EMPTY_REPLY },
	{ CURLE_SSL_CONNECT_ERROR, ECONNRESET, 0, 1, 0, 0, HTTP_TLS_RESET },
	{ CURLE_SSL_CONNECT_ERROR, EPIPE, 0, 1, 0, 0, HTTP_TLS_RESET },
	{ CURLE_SSL_CONNECT_ERROR, 0, 0, 1, 0, 0, HTTP_TLS_ALERT },
	{ CURLE_PEER_FAILED_VERIFICATION, 0, 0, 1, 1, 0, HTTP_TLS_VERIFY },
	{ CURLE_SSL_CACERT_BADFILE, 0, 0, 1, 0, 0, HTTP_TLS_VERIFY },
	{ CURLE_SSL_PINNEDPUBKEYNOTMATCH, 0, 0, 1, 1, 0, HTTP_TLS_VERIFY },
	{ CURLE_WEIRD_SERVER_REPLY, 0, 30, 0, 0, 0, HTTP_PROTOCOL_ERROR },
	{ CURLE_UNSUPPORTED_PROTOCOL, 0, 0, 0, 0, 0, HTTP_PROTOCOL_ERROR },
	{ CURLE_HTTP2, 0, 0, 1, 1, 0, HTTP_PROTOCOL_ERROR },
	{ CURLE_HTTP2_STREAM, 0, 10, 1, 1, 200, HTTP_PROTOCOL_ERROR },
	{ CURLE_COULDNT_RESOLVE_HOST, 0, 0, 0, 0, 0, HTTP_DNS_ERROR },
	{ CURLE_COULDNT_RESOLVE_PROXY, 0, 0, 0, 0, 0, HTTP_PROXY_ERROR },
	{ CURLE_PROXY, 0, 0, 1, 0, 0, HTTP_PROXY_ERROR },
	{ CURLE_RECV_ERROR, 0, 0, 1, 0, 407, HTTP_PROXY_ERROR },
	{ CURLE_COULDNT_CONNECT, 0, 0, 1, 0, 403, HTTP_PROXY_ERROR },
	{ CURLE_RECV_ERROR, ECONNRESET, 40, 0, 0, 500,
	    HTTP_RESET_MID_TRANSFER },
	{ CURLE_PARTIAL_FILE, ECONNRESET, 300, 0, 0, 200,
	    HTTP_RESET_MID_TRANSFER },
	/* 5,062 bytes of a declared 100,000, then a clean close. */
	{ CURLE_PARTIAL_FILE, 0, 5062, 0, 0, 200, HTTP_CUT_SHORT },
	{ CURLE_PARTIAL_FILE, 0, 300, 1, 1, 200, HTTP_CUT_SHORT },
	{ CURLE_PARTIAL_FILE, 0, 0, 0, 0, 0, HTTP_EMPTY_REPLY },
	{ CURLE_OUT_OF_MEMORY, 0, 0, 0, 0, 0, HTTP_LOCAL_ERROR },
	/* This machine out of descriptors: nothing reached the network. */
	{ CURLE_COULDNT_CONNECT, EMFILE, 0, 0, 0, 0, HTTP_LOCAL_ERROR },
	{ CURLE_COULDNT_CONNECT, ENFILE, 0, 1, 0, 0, HTTP_LOCAL_ERROR },
	{ CURLE_SEND_ERROR, ENOBUFS, 0, 0, 0, 0, HTTP_LOCAL_ERROR },
	{ CURLE_RECV_ERROR, ENOMEM, 10, 0, 0, 0, HTTP_LOCAL_ERROR },
	{ CURLE_ABORTED_BY_CALLBACK, 0, 0, 0, 0, 0, HTTP_ERROR },
};

static void
test_classify_table(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		enum http_result got = http_classify(cases[i].code,
		    cases[i].err, cases[i].bytes, cases[i].tls,
		    cases[i].tls_done, cases[i].status);

		if (got != cases[i].want)
			fail_msg("case %zu (curl %d errno %d): got %d want %d",
			    i, cases[i].code, cases[i].err, (int)got,
			    (int)cases[i].want);
	}
}

static const struct {
	int code, err;
	int tls, tls_done;
	const char *text;
	enum http_result want;
} text_cases[] = {
	{ CURLE_SSL_CONNECT_ERROR, 0, 1, 0,
	    "error:0A00010B:SSL routines::wrong version number",
	    HTTP_PROTOCOL_ERROR },
	{ CURLE_SSL_CONNECT_ERROR, 0, 1, 0,
	    "error:0A0000C6:SSL routines::packet length too long",
	    HTTP_PROTOCOL_ERROR },
	{ CURLE_SSL_CONNECT_ERROR, 0, 1, 0,
	    "OpenSSL SSL_connect: Connection reset by peer in connection "
	    "to localhost:443", HTTP_TLS_RESET },
	{ CURLE_SSL_CONNECT_ERROR, ECONNRESET, 1, 0,
	    "wrong version number", HTTP_TLS_RESET },
	{ CURLE_SSL_CONNECT_ERROR, 0, 1, 0,
	    "error:0A000410:SSL routines::sslv3 alert handshake failure",
	    HTTP_TLS_ALERT },
	{ CURLE_SSL_CONNECT_ERROR, 0, 1, 0, NULL, HTTP_TLS_ALERT },
	{ CURLE_RECV_ERROR, 0, 1, 1,
	    "OpenSSL SSL_read: Connection reset by peer, errno 104",
	    HTTP_RESET_BEFORE_RESPONSE },
	{ CURLE_RECV_ERROR, 0, 0, 0, "Recv failure: timed out", HTTP_ERROR },
	{ CURLE_SSL_CONNECT_ERROR, EPIPE, 1, 0,
	    "Recv failure: Connection reset by peer", HTTP_TLS_RESET },
	{ CURLE_COULDNT_CONNECT, 0, 0, 0, "Connection reset by peer",
	    HTTP_ERROR },
	{ CURLE_OK, 0, 0, 0, "Connection reset by peer", HTTP_RESPONSE },
	{ CURLE_COULDNT_CONNECT, 0, 0, 0,
	    "Failed to connect to 192.0.2.1 port 80: Too many open files",
	    HTTP_LOCAL_ERROR },
	{ CURLE_COULDNT_CONNECT, 0, 1, 0,
	    "socket: No buffer space available", HTTP_LOCAL_ERROR },
};

static void
test_classify_text(void **state)
{
	for (size_t i = 0; i < sizeof(text_cases) / sizeof(*text_cases);
	    i++) {
		enum http_result got = http_classify_text(text_cases[i].code,
		    text_cases[i].err, 0, text_cases[i].tls,
		    text_cases[i].tls_done, 0, text_cases[i].text);

		if (got != text_cases[i].want)
			fail_msg("text case %zu: got %d want %d", i, (int)got,
			    (int)text_cases[i].want);
	}
}

/* The schemes a proxy's 407 offered, as the reports name them. */
static void
test_auth_schemes(void **state)
{
	char *s;

	assert_null(http_auth_schemes(0));
	s = http_auth_schemes(CURLAUTH_BASIC);
	assert_string_equal(s, "Basic");
	free(s);
	s = http_auth_schemes(CURLAUTH_DIGEST | CURLAUTH_NTLM |
	    CURLAUTH_NEGOTIATE);
	assert_string_equal(s, "Digest, NTLM, Negotiate");
	free(s);
}

/* ---- loopback runs: every request of a test in flight at once */

#define NRUN 10

struct run {
	struct loop *lp;
	struct curlm *cm;
	struct probe_env env;
	struct res_http out[NRUN];
	struct http_probe *probes[NRUN];
	int finished[NRUN];
	int pending;
	double max_running;
};

struct slot {
	struct run *r;
	int i;
};

static void
on_probe_done(void *arg)
{
	struct slot *s = arg;

	s->r->probes[s->i] = NULL;
	s->r->finished[s->i]++;
	if (--s->r->pending == 0)
		loop_stop(s->r->lp);
}

static void
on_guard(struct loop *lp, void *arg)
{
	loop_stop(lp);
}

static void
res_http_free(struct res_http *h)
{
	res_http_clear(h);
}

static void
run_init(struct run *r)
{
	memset(r, 0, sizeof(*r));
	r->lp = loop_new();
	r->cm = curlm_new(r->lp);
	r->env.loop = r->lp;
	r->env.curlm = r->cm;
	r->env.timeout_ms = 5000;
}

static void
run_free(struct run *r)
{
	for (int i = 0; i < NRUN; i++) {
		http_probe_cancel(r->probes[i]);
		res_http_free(&r->out[i]);
	}
	curlm_free(r->cm);
	loop_free(r->lp);
}

static struct slot slots[NRUN];

static void
start(struct run *r, int i, const char *url, const char *proxy, int verify)
{
	struct http_req req = { .variant = HV_MAIN, .url = url,
	    .proxy = proxy, .verify = verify };

	slots[i].r = r;
	slots[i].i = i;
	r->pending++;
	r->probes[i] = http_probe_start(&r->env, &req, &r->out[i],
	    on_probe_done, &slots[i]);
}

/* Runs the loop until every probe is done; returns elapsed ms. */
static double
run_all(struct run *r)
{
	double t0 = loop_now_ms();
	uint64_t guard = loop_timer_add(r->lp, 15000, on_guard, NULL);

	assert_int_equal(curlm_running(r->cm), r->pending);
	loop_run(r->lp);
	loop_timer_cancel(r->lp, guard);
	assert_int_equal(r->pending, 0);
	assert_int_equal(curlm_running(r->cm), 0);
	return loop_now_ms() - t0;
}

#define DELAY 400

static void
test_loopback_results(void **state)
{
	static const enum netsrv_mode modes[] = {
		NS_OK, NS_RESET, NS_HALF_RESET, NS_CLOSE, NS_PLAIN,
		NS_RESET_EARLY
	};
	static const struct {
		int srv;	/* index into modes, -1: closed port */
		const char *scheme;
		enum http_result want;
	} plan[] = {
		{ 0, "http", HTTP_RESPONSE },
		{ 1, "http", HTTP_RESET_BEFORE_RESPONSE },
		{ 2, "http", HTTP_RESET_MID_TRANSFER },
		{ 3, "http", HTTP_EMPTY_REPLY },
		{ -1, "http", HTTP_REFUSED },
		{ 4, "https", HTTP_PROTOCOL_ERROR },
		{ 5, "https", HTTP_TLS_RESET },
	};
	struct netsrv *srv[6];
	struct run r;
	char url[64];
	double ms;
	size_t n = sizeof(plan) / sizeof(*plan);

	run_init(&r);
	for (size_t i = 0; i < 6; i++)
		srv[i] = netsrv_new(r.lp, modes[i], DELAY);
	for (size_t i = 0; i < n; i++) {
		int port = plan[i].srv < 0 ? netsrv_closed_port() :
		    netsrv_port(srv[plan[i].srv]);

		snprintf(url, sizeof(url), "%s://127.0.0.1:%d/x",
		    plan[i].scheme, port);
		start(&r, (int)i, url, NULL, 0);
	}
	ms = run_all(&r);
	for (size_t i = 0; i < n; i++) {
		struct res_http *o = &r.out[i];

		if (o->result != plan[i].want)
			fail_msg("plan %zu: got %d want %d (curl %d errno %d: "
			    "%s)", i, (int)o->result, (int)plan[i].want,
			    o->curl_code, o->os_errno,
			    o->curl_error ? o->curl_error : "-");
		assert_int_equal(r.finished[i], 1);
		assert_non_null(o->started);
		assert_non_null(o->url);
		assert_null(o->sni);	/* IP literal: no SNI */
	}
	/* Each server waits DELAY ms: in turn this would take 6 x DELAY. */
	assert_true(ms < 3 * DELAY);
	assert_int_equal(r.out[0].status, 200);
	assert_true(r.out[0].bytes > 5);	/* headers and "hello" */
	assert_string_equal(r.out[0].server, "test\\x1b[31mserver");
	assert_string_equal(r.out[0].addr, "127.0.0.1");
	assert_true(r.out[0].t_connect >= 0 && r.out[0].t_ttfb >= DELAY - 50);
	assert_true(r.out[0].t_total >= r.out[0].t_ttfb);
	assert_true(r.out[1].bytes == 0 && r.out[2].bytes > 0);
	assert_int_equal(r.out[1].os_errno, ECONNRESET);
	assert_true(r.out[4].t_connect < 0 && r.out[4].t_ttfb < 0);
	/* TCP connected before the TLS handshake failed. */
	assert_true(r.out[5].t_connect >= 0 && r.out[6].t_connect >= 0);
	assert_true(r.out[5].t_tls < 0 && r.out[6].t_tls < 0);
	for (size_t i = 0; i < 6; i++)
		netsrv_free(srv[i]);
	run_free(&r);
}

static void
test_proxy_407(void **state)
{
	struct netsrv *proxy;
	struct run r;
	char purl[96];

	redact_reset();
	run_init(&r);
	proxy = netsrv_new(r.lp, NS_PROXY_407, 0);
	snprintf(purl, sizeof(purl), "http://alice:s3cr3tpw@127.0.0.1:%d",
	    netsrv_port(proxy));
	/* The proxy is asked to CONNECT: the name is never resolved here. */
	start(&r, 0, "https://www.example.invalid/", purl, 1);
	run_all(&r);
	if (r.out[0].result != HTTP_PROXY_ERROR)
		fail_msg("got %d (curl %d: %s)", (int)r.out[0].result,
		    r.out[0].curl_code, r.out[0].curl_error);
	assert_int_equal(r.out[0].status, 407);
	assert_int_equal(r.out[0].bytes, 0);
	assert_non_null(r.out[0].proxy_auth);
	assert_string_equal(r.out[0].proxy_auth, "Basic");
	assert_non_null(r.out[0].local_addr);
	assert_string_equal(r.out[0].local_addr, "127.0.0.1");
	assert_true(r.out[0].local_port > 0);
	assert_non_null(r.out[0].proxy);
	assert_null(strstr(r.out[0].proxy, "s3cr3tpw"));
	assert_non_null(strstr(r.out[0].proxy, REDACTED));
	assert_false(redact_has_secret(r.out[0].curl_error));
	assert_string_equal(r.out[0].sni, "www.example.invalid");
	netsrv_free(proxy);
	run_free(&r);
	redact_reset();
}

/* Host override and CONNECT_TO: the URL names a host never resolved. */
static void
test_connect_to_and_host(void **state)
{
	struct netsrv *srv;
	struct run r;
	char url[96];
	struct http_req req = { .variant = HV_NEUTRAL_HOST,
	    .connect_addr = "127.0.0.1", .host_header = "neutral.example" };

	run_init(&r);
	srv = netsrv_new(r.lp, NS_OK, 0);
	snprintf(url, sizeof(url), "http://blocked.example.invalid:%d/",
	    netsrv_port(srv));
	req.url = url;
	slots[0].r = &r;
	slots[0].i = 0;
	r.pending = 1;
	r.probes[0] = http_probe_start(&r.env, &req, &r.out[0],
	    on_probe_done, &slots[0]);
	run_all(&r);
	assert_int_equal(r.out[0].result, HTTP_RESPONSE);
	assert_int_equal(r.out[0].variant, HV_NEUTRAL_HOST);
	assert_string_equal(r.out[0].host_header, "neutral.example");
	assert_non_null(strstr(netsrv_last_request(srv),
	    "\r\nHost: neutral.example\r\n"));
	assert_non_null(strstr(netsrv_last_request(srv),
	    "User-Agent: Mozilla"));
	assert_string_equal(r.out[0].addr, "127.0.0.1");
	assert_null(r.out[0].proxy);
	netsrv_free(srv);
	run_free(&r);
}

/* Cancelling mid-flight calls nothing and leaks nothing. */
static void
test_cancel(void **state)
{
	struct netsrv *srv;
	struct run r;
	char url[64];

	run_init(&r);
	srv = netsrv_new(r.lp, NS_OK, 2000);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/", netsrv_port(srv));
	start(&r, 0, url, NULL, 0);
	start(&r, 1, url, NULL, 0);
	for (int i = 0; i < 20 && netsrv_accepted(srv) < 2; i++)
		loop_run_once(r.lp, 50);
	assert_int_equal(netsrv_accepted(srv), 2);
	http_probe_cancel(r.probes[0]);
	r.probes[0] = NULL;
	r.pending--;
	assert_int_equal(curlm_running(r.cm), 1);
	run_all(&r);
	assert_int_equal(r.finished[0], 0);
	assert_int_equal(r.finished[1], 1);
	assert_int_equal(r.out[1].result, HTTP_RESPONSE);
	netsrv_free(srv);
	run_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_table),
		cmocka_unit_test(test_classify_text),
		cmocka_unit_test(test_loopback_results),
		cmocka_unit_test(test_proxy_407),
		cmocka_unit_test(test_auth_schemes),
		cmocka_unit_test(test_connect_to_and_host),
		cmocka_unit_test(test_cancel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
