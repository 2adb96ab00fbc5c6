/*
 * Unit tests of the TLS probe: pure helpers from tables, then real
 * handshakes against OpenSSL servers in forked children on 127.0.0.1
 * using the fixture certificate tests/data/net_selfsigned_valid.pem.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/loop.h"
#include "core/timeutil.h"
#include "probe/bighello.h"
#include "probe/curlm.h"
#include "probe/http.h"
#include "probe/readings.h"
#include "probe/tls.h"
#include "probe/tls_cert.h"
#include "netsrv.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static char cert_path[512], key_path[512];

static const struct {
	const char *issuer;
	int want;
} issuer_cases[] = {
	{ "CN=FortiGate CA,O=Fortinet", 1 },
	{ "CN=Zscaler Intermediate Root CA,O=Zscaler Inc.", 1 },
	{ "CN=avast! Web/Mail Shield Root,O=avast! Web/Mail Shield", 1 },
	{ "CN=mitmproxy,O=mitmproxy", 1 },
	{ "CN=Charles Proxy CA (1 Jan 2026\\, host),O=XK72 Ltd", 1 },
	{ "CN=DO_NOT_TRUST_FiddlerRoot,O=DO_NOT_TRUST", 1 },
	{ "CN=ESET SSL Filter CA,O=ESET spol. s r. o.", 1 },
	{ "CN=R3,O=Let's Encrypt,C=US", 0 },
	{ "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc", 0 },
	{ "CN=RESET Networks CA", 0 },	/* ESET inside a word */
	{ "CN=Savage Corp", 0 },	/* AVG inside a word */
	{ "", 0 },
	{ NULL, 0 },
};

static void
test_issuer_table(void **state)
{
	for (size_t i = 0; i < sizeof(issuer_cases) / sizeof(*issuer_cases);
	    i++)
		if (tls_issuer_intercepted(issuer_cases[i].issuer) !=
		    issuer_cases[i].want)
			fail_msg("issuer case %zu", i);
}

static const struct {
	long code;
	enum tls_verify want;
} verify_cases[] = {
	{ X509_V_OK, TLS_VERIFY_OK },
	{ X509_V_ERR_CERT_HAS_EXPIRED, TLS_VERIFY_EXPIRED },
	{ X509_V_ERR_CERT_NOT_YET_VALID, TLS_VERIFY_NOT_YET_VALID },
	{ X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, TLS_VERIFY_SELF_SIGNED },
	{ X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, TLS_VERIFY_UNKNOWN_CA },
	{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
	    TLS_VERIFY_UNKNOWN_CA },
	{ X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, TLS_VERIFY_UNKNOWN_CA },
	{ X509_V_ERR_HOSTNAME_MISMATCH, TLS_VERIFY_NAME_MISMATCH },
	{ X509_V_ERR_CERT_REVOKED, TLS_VERIFY_OTHER },
	{ X509_V_ERR_CERT_SIGNATURE_FAILURE, TLS_VERIFY_OTHER },
};

static void
test_verify_table(void **state)
{
	for (size_t i = 0; i < sizeof(verify_cases) / sizeof(*verify_cases);
	    i++)
		assert_int_equal(tls_verify_from_code(verify_cases[i].code),
		    verify_cases[i].want);
}

static void
free_cert(struct res_cert *c)
{
	free(c->subject);
	free(c->issuer);
	free(c->sans);
	free(c->not_before);
	free(c->not_after);
}

static void
test_cert_fill(void **state)
{
	FILE *f = fopen(cert_path, "r");
	X509 *x;
	struct res_cert c;
	struct timespec ts;

	assert_non_null(f);
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	assert_non_null(x);
	tls_cert_fill(&c, x);
	assert_string_equal(c.subject, "CN=localhost,O=connreset test");
	assert_string_equal(c.issuer, c.subject);
	assert_string_equal(c.sans, "localhost, 127.0.0.1");
	assert_int_equal(time_parse_rfc3339(c.not_after, &ts), 0);
	assert_int_equal(time_parse_rfc3339(c.not_before, &ts), 0);
	assert_true(c.days_left > 300 * 100 && c.days_left < 366 * 100);
	free_cert(&c);
	X509_free(x);
}

/* ---- a forked OpenSSL server on 127.0.0.1 */

struct server {
	pid_t pid;
	int port;
};

static int
alpn_select(SSL *ssl, const unsigned char **out, unsigned char *outlen,
    const unsigned char *in, unsigned int inlen, void *arg)
{
	static const unsigned char mine[] = "\x08http/1.1";

	if (SSL_select_next_proto((unsigned char **)out, outlen, mine,
	    sizeof(mine) - 1, in, inlen) != OPENSSL_NPN_NEGOTIATED)
		return SSL_TLSEXT_ERR_NOACK;
	return SSL_TLSEXT_ERR_OK;
}

/* The child: handshakes with every client in turn, forever. */
static void
serve(int lfd, int minv, int maxv)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	struct timeval tv = { 5, 0 };

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* A client that hung up must not kill the server. */
	signal(SIGPIPE, SIG_IGN);
	if (!ctx || SSL_CTX_use_certificate_file(ctx, cert_path,
	    SSL_FILETYPE_PEM) != 1 || SSL_CTX_use_PrivateKey_file(ctx,
	    key_path, SSL_FILETYPE_PEM) != 1)
		_exit(2);
	SSL_CTX_set_min_proto_version(ctx, minv);
	SSL_CTX_set_max_proto_version(ctx, maxv);
	if (minv < TLS1_2_VERSION)
		SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0");
	SSL_CTX_set_alpn_select_cb(ctx, alpn_select, NULL);
	for (;;) {
		int fd = accept(lfd, NULL, NULL);
		SSL *ssl;

		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		ssl = SSL_new(ctx);
		SSL_set_fd(ssl, fd);
		if (SSL_accept(ssl) == 1)
			SSL_shutdown(ssl);
		SSL_free(ssl);
		close(fd);
	}
}

static struct server
server_start(int minv, int maxv)
{
	struct server s;
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(fd, 64), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	s.port = ntohs(sa.sin_port);
	s.pid = fork();
	assert_true(s.pid >= 0);
	if (s.pid == 0)
		serve(fd, minv, maxv);
	close(fd);
	return s;
}

static void
server_stop(struct server *s)
{
	kill(s->pid, SIGKILL);
	waitpid(s->pid, NULL, 0);
}

/* ---- running probes */

#define NPROBES 4

struct run {
	struct loop *lp;
	struct curlm *cm;
	struct probe_env env;
	struct probe_env env_ca;	/* trusts the fixture */
	struct res_tls out[NPROBES];
	int pending;
};

static void
on_done(void *arg)
{
	struct run *r = arg;

	if (--r->pending == 0)
		loop_stop(r->lp);
}

static void
on_guard(struct loop *lp, void *arg)
{
	loop_stop(lp);
}

static void
free_tls(struct res_tls *t)
{
	for (size_t i = 0; i < t->nchain; i++)
		free_cert(&t->chain[i]);
	free(t->verify_reason);
	free(t->alpn);
	free(t->negotiated);
}

static void
start(struct run *r, int i, const char *host, int port, int trust)
{
	struct res_target t;

	memset(&t, 0, sizeof(t));
	t.scheme = (char *)"https";
	t.host = t.ascii_host = (char *)host;
	t.port = port;
	r->pending++;
	tls_probe_start(trust ? &r->env_ca : &r->env, &t, "127.0.0.1",
	    &r->out[i], on_done, r);
}

static void
check_versions(const struct res_tls *t, const enum tls_accept *want)
{
	for (int v = 0; v < 4; v++)
		if (t->versions[v] != want[v])
			fail_msg("TLS version %d: got %d want %d", v,
			    (int)t->versions[v], (int)want[v]);
}

static void
test_handshakes(void **state)
{
	static const enum tls_accept modern[4] = {
		TLSV_NO, TLSV_NO, TLSV_YES, TLSV_YES
	};
	static const enum tls_accept legacy[4] = {
		TLSV_YES, TLSV_YES, TLSV_NO, TLSV_NO
	};
	struct server a = server_start(TLS1_2_VERSION, TLS1_3_VERSION);
	struct server b = server_start(TLS1_VERSION, TLS1_1_VERSION);
	struct run r;
	uint64_t guard;

	memset(&r, 0, sizeof(r));
	r.lp = loop_new();
	r.cm = curlm_new(r.lp);
	r.env.loop = r.env_ca.loop = r.lp;
	r.env.curlm = r.env_ca.curlm = r.cm;
	r.env.timeout_ms = r.env_ca.timeout_ms = 5000;
	r.env_ca.cacert = cert_path;
	start(&r, 0, "localhost", a.port, 0);
	start(&r, 1, "localhost", a.port, 1);
	start(&r, 2, "wrong.example.invalid", a.port, 1);
	start(&r, 3, "localhost", b.port, 0);
	/* Every handshake of every probe is in flight at once. */
	assert_int_equal(curlm_running(r.cm), 6 * NPROBES);
	guard = loop_timer_add(r.lp, 20000, on_guard, NULL);
	loop_run(r.lp);
	loop_timer_cancel(r.lp, guard);
	assert_int_equal(r.pending, 0);
	assert_int_equal(curlm_running(r.cm), 0);

	check_versions(&r.out[0], modern);
	assert_true(r.out[0].ran);
	assert_int_equal(r.out[0].nchain, 1);
	assert_string_equal(r.out[0].chain[0].subject,
	    "CN=localhost,O=connreset test");
	assert_string_equal(r.out[0].chain[0].sans, "localhost, 127.0.0.1");
	assert_string_equal(r.out[0].negotiated, "TLSv1.3");
	assert_non_null(r.out[0].alpn);
	assert_string_equal(r.out[0].alpn, "http/1.1");
	assert_int_equal(r.out[0].verify, TLS_VERIFY_SELF_SIGNED);
	assert_int_equal(r.out[0].verify_code,
	    X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
	assert_non_null(r.out[0].verify_reason);
	assert_false(r.out[0].intercepted);

	assert_int_equal(r.out[1].verify, TLS_VERIFY_OK);
	assert_int_equal(r.out[2].verify, TLS_VERIFY_NAME_MISMATCH);
	assert_int_equal(r.out[2].verify_code, X509_V_ERR_HOSTNAME_MISMATCH);
	assert_string_equal(r.out[2].verify_reason, "hostname mismatch");

	check_versions(&r.out[3], legacy);
	assert_int_equal(r.out[3].nchain, 1);
	assert_non_null(r.out[3].negotiated);
	assert_string_equal(r.out[3].negotiated, "TLSv1.1");

	for (int i = 0; i < NPROBES; i++)
		free_tls(&r.out[i]);
	curlm_free(r.cm);
	loop_free(r.lp);
	server_stop(&a);
	server_stop(&b);
}

static void
count_done(void *arg)
{
	(*(int *)arg)++;
}

/* A cancelled probe reports nothing and leaves no transfer behind. */
static void
test_cancel(void **state)
{
	struct server a = server_start(TLS1_2_VERSION, TLS1_3_VERSION);
	struct loop *lp = loop_new();
	struct curlm *cm = curlm_new(lp);
	struct probe_env env = { lp, cm, 5000, NULL };
	struct res_target t;
	struct res_tls out;
	struct tls_probe *p;
	int calls = 0;

	memset(&t, 0, sizeof(t));
	memset(&out, 0, sizeof(out));
	t.host = t.ascii_host = (char *)"localhost";
	t.port = a.port;
	p = tls_probe_start(&env, &t, "127.0.0.1", &out, count_done, &calls);
	loop_run_once(lp, 20);
	tls_probe_cancel(p);
	assert_int_equal(curlm_running(cm), 0);
	for (int i = 0; i < 5; i++)
		loop_run_once(lp, 10);
	assert_int_equal(calls, 0);
	assert_false(out.ran);
	free_tls(&out);
	curlm_free(cm);
	loop_free(lp);
	server_stop(&a);
}

static struct loop *reset_lp;

static void
stop_done(void *arg)
{
	(*(int *)arg)++;
	loop_stop(reset_lp);
}

/*
 * A reset answering the ClientHello (a filter keyed on the SNI): no
 * certificate ever came, so none may be called rejected.
 */
static void
test_reset_before_certificate(void **state)
{
	struct loop *lp = loop_new();
	struct curlm *cm = curlm_new(lp);
	struct netsrv *srv = netsrv_new(lp, NS_RESET_EARLY, 0);
	struct probe_env env = { lp, cm, 5000, NULL };
	struct res_target t;
	struct res_tls out;
	int calls = 0;
	uint64_t guard;

	memset(&t, 0, sizeof(t));
	memset(&out, 0, sizeof(out));
	t.scheme = (char *)"https";
	t.host = t.ascii_host = (char *)"blocked.example.invalid";
	t.port = netsrv_port(srv);
	reset_lp = lp;
	tls_probe_start(&env, &t, "127.0.0.1", &out, stop_done, &calls);
	guard = loop_timer_add(lp, 20000, on_guard, NULL);
	loop_run(lp);
	loop_timer_cancel(lp, guard);
	assert_int_equal(calls, 1);
	assert_true(out.ran);
	assert_int_equal(out.nchain, 0);
	if (out.verify != TLS_VERIFY_NO_CERT)
		fail_msg("verify %d (%s), want no certificate", (int)out.verify,
		    out.verify_reason ? out.verify_reason : "-");
	assert_non_null(out.verify_reason);
	assert_non_null(strstr(out.verify_reason, "reset before any "
	    "certificate"));
	assert_int_equal(out.versions[3], TLSV_RESET);
	free_tls(&out);
	netsrv_free(srv);
	curlm_free(cm);
	loop_free(lp);
}

/* Runs the ClientHello-size probe on lp to its end. */
static void
run_bighello(struct loop *lp, int port, int attempts,
    struct res_bighello *out)
{
	struct curlm *cm = curlm_new(lp);
	struct probe_env env = { lp, cm, 5000, NULL };
	int calls = 0;
	uint64_t guard;

	memset(out, 0, sizeof(*out));
	reset_lp = lp;
	/* The probe frees itself after done (LeakSanitizer would tell). */
	bighello_probe_start(&env, "127.0.0.1", port, "localhost", attempts,
	    out, stop_done, &calls);
	guard = loop_timer_add(lp, 20000, on_guard, NULL);
	loop_run(lp);
	loop_timer_cancel(lp, guard);
	assert_int_equal(calls, 1);
	curlm_free(cm);
}

/*
 * The browser-size ClientHello probe: a healthy server answers both
 * sizes every time; the large one spans two segments (over 1200 bytes),
 * the classic one does not. A server that resets the first bytes ends
 * the run at the first classic try: nothing to compare with.
 */
static void
test_bighello(void **state)
{
	struct server a = server_start(TLS1_2_VERSION, TLS1_3_VERSION);
	struct loop *lp = loop_new();
	struct netsrv *srv = netsrv_new(lp, NS_RESET_EARLY, 0);
	struct res_bighello out;
	int cn, cf, ln, lf;

	run_bighello(lp, a.port, 2, &out);
	assert_true(out.ran);
	assert_int_equal(out.n, 4);
	bighello_counts(&out, &cn, &cf, &ln, &lf);
	assert_int_equal(cn, 2);
	assert_int_equal(ln, 2);
	assert_int_equal(cf + lf, 0);
	for (size_t i = 0; i < out.n; i++) {
		assert_int_equal(out.tries[i].large, (int)(i % 2));
		assert_int_equal(out.tries[i].outcome, HELLO_OK);
	}
	assert_true(bighello_size(&out, 0) > 100);
	assert_true(bighello_size(&out, 0) < 1000);
	assert_true(bighello_size(&out, 1) > 1200);
	res_bighello_clear(&out);

	run_bighello(lp, netsrv_port(srv), 3, &out);
	assert_int_equal(out.n, 1);
	assert_false(out.tries[0].large);
	assert_int_equal(out.tries[0].outcome, HELLO_RESET);
	res_bighello_clear(&out);
	netsrv_free(srv);
	loop_free(lp);
	server_stop(&a);
}

/* A cancelled ClientHello-size probe never calls back and frees all. */
static void
test_bighello_cancel(void **state)
{
	struct server a = server_start(TLS1_2_VERSION, TLS1_3_VERSION);
	struct loop *lp = loop_new();
	struct curlm *cm = curlm_new(lp);
	struct probe_env env = { lp, cm, 5000, NULL };
	struct res_bighello out;
	struct bighello_probe *p;
	int calls = 0;

	memset(&out, 0, sizeof(out));
	p = bighello_probe_start(&env, "127.0.0.1", a.port, "localhost", 2,
	    &out, count_done, &calls);
	loop_run_once(lp, 20);
	bighello_probe_cancel(p);
	for (int i = 0; i < 5; i++)
		loop_run_once(lp, 10);
	assert_int_equal(calls, 0);
	res_bighello_clear(&out);
	curlm_free(cm);
	loop_free(lp);
	server_stop(&a);
}

/* Why a failed handshake judged no certificate, from curl's ending. */
static void
test_no_cert_reason(void **state)
{
	assert_null(tls_no_cert_reason(CURLE_PEER_FAILED_VERIFICATION, 0,
	    "SSL certificate problem: certificate has expired"));
	assert_null(tls_no_cert_reason(CURLE_OK, 0, ""));
	assert_non_null(strstr(tls_no_cert_reason(CURLE_SSL_CONNECT_ERROR,
	    ECONNRESET, ""), "reset before any certificate"));
	assert_non_null(strstr(tls_no_cert_reason(CURLE_RECV_ERROR, 0,
	    "Recv failure: Connection reset by peer"), "reset"));
	assert_non_null(strstr(tls_no_cert_reason(CURLE_SSL_CONNECT_ERROR, 0,
	    "sslv3 alert handshake failure"), "alert"));
	assert_non_null(strstr(tls_no_cert_reason(CURLE_SSL_CONNECT_ERROR, 0,
	    "wrong version number"), "not TLS"));
}

/*
 * The HTTP probe over real TLS: the server completes the handshake and
 * closes without an answer, so the handshake facts must be there and
 * the end must not count as a TLS failure.
 */
static void
test_http_over_tls(void **state)
{
	struct server a = server_start(TLS1_2_VERSION, TLS1_3_VERSION);
	struct loop *lp = loop_new();
	struct curlm *cm = curlm_new(lp);
	struct probe_env env = { lp, cm, 5000, NULL };
	struct res_http out[2];
	char url[96];
	int calls = 0;
	struct http_req req = { .variant = HV_MAIN, .url = url,
	    .connect_addr = "127.0.0.1" };

	memset(out, 0, sizeof(out));
	snprintf(url, sizeof(url), "https://localhost:%d/", a.port);
	http_probe_start(&env, &req, &out[0], count_done, &calls);
	req.verify = 1;
	http_probe_start(&env, &req, &out[1], count_done, &calls);
	for (int i = 0; i < 200 && calls < 2; i++)
		loop_run_once(lp, 50);
	assert_int_equal(calls, 2);
	assert_string_equal(out[0].sni, "localhost");
	assert_string_equal(out[0].host_header, "localhost");
	assert_non_null(out[0].tls_version);
	assert_string_equal(out[0].tls_version, "TLSv1.3");
	assert_string_equal(out[0].alpn, "http/1.1");
	assert_true(out[0].t_tls >= out[0].t_connect && out[0].t_connect >= 0);
	if (out[0].result != HTTP_EMPTY_REPLY &&
	    out[0].result != HTTP_RESET_BEFORE_RESPONSE)
		fail_msg("got %d (curl %d errno %d: %s)", (int)out[0].result,
		    out[0].curl_code, out[0].os_errno, out[0].curl_error);
	assert_int_equal(out[1].result, HTTP_TLS_VERIFY);
	assert_non_null(strstr(out[1].curl_error, "self-signed"));
	for (int i = 0; i < 2; i++)
		res_http_clear(&out[i]);
	curlm_free(cm);
	loop_free(lp);
	server_stop(&a);
}

int
main(void)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issuer_table),
		cmocka_unit_test(test_verify_table),
		cmocka_unit_test(test_cert_fill),
		cmocka_unit_test(test_handshakes),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_reset_before_certificate),
		cmocka_unit_test(test_no_cert_reason),
		cmocka_unit_test(test_http_over_tls),
		cmocka_unit_test(test_bighello),
		cmocka_unit_test(test_bighello_cancel),
	};

	if (!dir)
		dir = "tests/data";
	snprintf(cert_path, sizeof(cert_path),
	    "%s/net_selfsigned_valid.pem", dir);
	snprintf(key_path, sizeof(key_path), "%s/net_selfsigned_valid.key",
	    dir);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
