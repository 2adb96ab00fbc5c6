/*
 * Verdict engine tests, table-driven from recorded evidence in
 * tests/data/evidence_<scenario>.json. With CONNRESET_REPORT_DIR set,
 * also writes the JSON report of every scenario there, for
 * tests/validate-json.sh to check against data/report.schema.json.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "diag/checklist.h"
#include "diag/evidence.h"
#include "diag/names.h"
#include "diag/verdict.h"
#include "report/report.h"
#include "sweep/sweep_check.h"

struct scenario {
	const char *name;
	enum symptom symptom;
	enum cause cause;
	enum origin origin;
	enum escalate esc;
	int conf;		/* expected confidence, -1 for any */
};

static const struct scenario scenarios[] = {
	{ "ok", SYM_OK, CAUSE_NONE, ORIGIN_NONE, ESC_NONE, CONF_HIGH },
	{ "ok_v6_broken", SYM_OK, CAUSE_NONE, ORIGIN_NONE, ESC_NONE,
	    CONF_HIGH },
	{ "server_abort_before", SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_HIGH },
	{ "server_abort_mid", SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_LOW },
	{ "refused", SYM_REFUSED, CAUSE_PORT_CLOSED, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_HIGH },
	{ "refused_path", SYM_REFUSED, CAUSE_FILTERED, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, CONF_HIGH },
	{ "refused_path_lab", SYM_REFUSED, CAUSE_FILTERED, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, CONF_HIGH },
	{ "filtered", SYM_TIMEOUT, CAUSE_FILTERED, ORIGIN_UNKNOWN,
	    ESC_NETWORK_ADMIN, CONF_LOW },
	{ "filtered_path", SYM_TIMEOUT, CAUSE_FILTERED, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, CONF_MEDIUM },
	{ "filtered_server", SYM_TIMEOUT, CAUSE_FILTERED, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_MEDIUM },
	{ "middlebox_host", SYM_RESET, CAUSE_MIDDLEBOX_INJECTION,
	    ORIGIN_PATH, ESC_NETWORK_ADMIN, CONF_MEDIUM },
	{ "middlebox_drop", SYM_TIMEOUT, CAUSE_FILTERED, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, -1 },
	/* The same, but the server closed the idle connection at last. */
	{ "middlebox_drop_closed", SYM_EMPTY_REPLY, CAUSE_FILTERED,
	    ORIGIN_PATH, ESC_NETWORK_ADMIN, -1 },
	{ "middlebox_sni", SYM_RESET, CAUSE_MIDDLEBOX_INJECTION, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, CONF_HIGH },
	{ "protocol_mismatch", SYM_EMPTY_REPLY, CAUSE_PROTOCOL_MISMATCH,
	    ORIGIN_CLIENT, ESC_SELF, -1 },
	{ "legacy_tls", SYM_TLS_ERROR, CAUSE_TLS_VERSION_MISMATCH,
	    ORIGIN_SERVER, ESC_SITE_OWNER, -1 },
	{ "expired_cert", SYM_TLS_ERROR, CAUSE_CERT_INVALID, ORIGIN_SERVER,
	    ESC_SITE_OWNER, -1 },
	{ "unknown_ca", SYM_TLS_ERROR, CAUSE_CERT_INVALID, ORIGIN_SERVER,
	    ESC_SITE_OWNER, -1 },
	{ "intercepted", SYM_TLS_ERROR, CAUSE_CERT_INVALID,
	    ORIGIN_LOCAL_NETWORK, ESC_NETWORK_ADMIN, -1 },
	{ "dns_failure", SYM_DNS_ERROR, CAUSE_DNS_FAILURE,
	    ORIGIN_LOCAL_NETWORK, ESC_NETWORK_ADMIN, CONF_HIGH },
	{ "dns_nxdomain", SYM_DNS_ERROR, CAUSE_DNS_FAILURE, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_HIGH },
	{ "dns_mismatch", SYM_RESET, CAUSE_DNS_MISMATCH,
	    ORIGIN_LOCAL_NETWORK, ESC_NETWORK_ADMIN, -1 },
	{ "dns_hosts", SYM_RESET, CAUSE_DNS_MISMATCH, ORIGIN_CLIENT,
	    ESC_SELF, -1 },
	{ "proxy_failure", SYM_EMPTY_REPLY, CAUSE_PROXY_FAILURE,
	    ORIGIN_CLIENT, ESC_SELF, -1 },
	{ "proxy_407", SYM_HTTP_ERROR, CAUSE_PROXY_FAILURE, ORIGIN_CLIENT,
	    ESC_SELF, -1 },
	{ "local_firewall", SYM_REFUSED, CAUSE_LOCAL_FIREWALL, ORIGIN_CLIENT,
	    ESC_SELF, -1 },
	{ "locator_path", SYM_RESET, CAUSE_MIDDLEBOX_INJECTION, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, CONF_HIGH },
	{ "locator_unprivileged", SYM_RESET, CAUSE_MIDDLEBOX_INJECTION,
	    ORIGIN_PATH, ESC_NETWORK_ADMIN, -1 },
	/* Recorded in the lab: r2 resets "GET /private", / gets through. */
	{ "path_keyed_lab", SYM_RESET, CAUSE_MIDDLEBOX_INJECTION, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, CONF_HIGH },
	{ "locator_server", SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_HIGH },
	{ "unreachable", SYM_UNREACHABLE, CAUSE_NO_ROUTE,
	    ORIGIN_LOCAL_NETWORK, ESC_ISP, -1 },
	{ "slow_server", SYM_TIMEOUT, CAUSE_UNKNOWN, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_LOW },
	/* Repeated attempts (issue: never a confident wrong answer). */
	{ "intermittent_server", SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_MEDIUM },
	{ "bad_address", SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_HIGH },
	{ "single_sample", SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_MEDIUM },
	{ "steady_reset", SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_HIGH },
	{ "random_not_filter", SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, -1 },
	{ "watch_intermittent", SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_MEDIUM },
	/* The neutral name answered, but the locator saw the server reset. */
	{ "name_looks_keyed_server", SYM_RESET, CAUSE_SERVER_ABORT,
	    ORIGIN_SERVER, ESC_SITE_OWNER, -1 },
	/* What the browser meets (recorded in tests/lab/browser-scenarios.sh). */
	{ "redirect_path", SYM_RESET, CAUSE_MIDDLEBOX_INJECTION, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, -1 },
	{ "http2_only", SYM_RESET, CAUSE_PROTOCOL_MISMATCH, ORIGIN_SERVER,
	    ESC_SITE_OWNER, CONF_MEDIUM },
	{ "clock_skew", SYM_TLS_ERROR, CAUSE_CERT_INVALID, ORIGIN_CLIENT,
	    ESC_SELF, CONF_HIGH },
	/* Every line true (issue 17). */
	{ "proxy_407_connect", SYM_HTTP_ERROR, CAUSE_PROXY_FAILURE,
	    ORIGIN_CLIENT, ESC_SELF, CONF_HIGH },
	{ "local_emfile", SYM_LOCAL_ERROR, CAUSE_LOCAL_RESOURCE, ORIGIN_CLIENT,
	    ESC_SELF, CONF_HIGH },
	{ "cut_short", SYM_CUT_SHORT, CAUSE_UNKNOWN, ORIGIN_UNKNOWN,
	    ESC_NETWORK_ADMIN, -1 },
	{ "proxy_reset_names", SYM_RESET, CAUSE_PROXY_FAILURE, ORIGIN_CLIENT,
	    ESC_SELF, -1 },
	{ "unreachable_path", SYM_UNREACHABLE, CAUSE_NO_ROUTE, ORIGIN_PATH,
	    ESC_ISP, -1 },
	/* What only a browser meets (size). */
	{ "large_hello_path", SYM_RESET, CAUSE_LARGE_CLIENT_HELLO,
	    ORIGIN_PATH, ESC_NETWORK_ADMIN, CONF_HIGH },
	{ "large_hello_stall", SYM_TIMEOUT, CAUSE_LARGE_CLIENT_HELLO,
	    ORIGIN_UNKNOWN, ESC_NETWORK_ADMIN, CONF_MEDIUM },
	{ "pmtu_black_hole", SYM_TIMEOUT, CAUSE_PACKET_SIZE, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, CONF_HIGH },
};
#define NSCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

static char *
read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
load_scenario(const char *name, struct probe_results *r)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	char path[1024], *text, *err = NULL;

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/evidence_%s.json", dir, name);
	text = read_text(path);
	if (evidence_from_string(text, r, &err) != 0)
		fail_msg("%s: %s", path, err);
	free(text);
}

/* Does a reason's evidence reference name something in r? */
static int
ref_exists(const struct probe_results *r, const char *ref)
{
	static const char *const plain[] = { "tls", "locator", "proxy",
		"local", "path", "checks", NULL };
	char inner[256];
	size_t n = strlen(ref);

	for (int i = 0; plain[i]; i++)
		if (strcmp(ref, plain[i]) == 0)
			return 1;
	if (strcmp(ref, "watch") == 0)
		return r->watch.ran;
	if (strcmp(ref, "bighello") == 0)
		return r->bighello.ran;
	if (strcmp(ref, "pmtu") == 0)
		return r->pmtu.ran;
	if (n < 6 || ref[n - 1] != ']' || strchr(ref, '[') == NULL)
		return 0;
	snprintf(inner, sizeof(inner), "%.*s", (int)(n - 5), ref + 4);
	if (strncmp(ref, "dns[", 4) == 0) {
		for (size_t i = 0; i < r->ndns; i++)
			if ((r->dns[i].is_system &&
			    strcmp(inner, "system") == 0) ||
			    (r->dns[i].server &&
			    strcmp(inner, r->dns[i].server) == 0))
				return 1;
	} else if (strncmp(ref, "tcp[", 4) == 0) {
		for (size_t i = 0; i < r->ntcp; i++)
			if (r->tcp[i].addr &&
			    strcmp(inner, r->tcp[i].addr) == 0)
				return 1;
	} else if (strncmp(ref, "http[", 5) == 0) {
		int v;

		snprintf(inner, sizeof(inner), "%.*s", (int)(n - 6), ref + 5);
		v = http_variant_from_name(inner);
		return v >= 0 && probe_results_http(r, v) != NULL;
	}
	return 0;
}

/* The real checklist: every next step must name one of its steps. */
static struct checklist steps;

static void
check_scenario(const struct scenario *sc)
{
	struct probe_results r;
	struct verdict v, again;

	load_scenario(sc->name, &r);
	verdict_from_evidence(&r, &v);
	if (v.symptom != sc->symptom || v.cause != sc->cause ||
	    v.origin != sc->origin || v.escalate_to != sc->esc)
		fail_msg("%s: got %s/%s/%s/%s, want %s/%s/%s/%s", sc->name,
		    symptom_name(v.symptom), cause_name(v.cause),
		    origin_name(v.origin), escalate_name(v.escalate_to),
		    symptom_name(sc->symptom), cause_name(sc->cause),
		    origin_name(sc->origin), escalate_name(sc->esc));
	if (sc->conf >= 0 && (int)v.confidence != sc->conf)
		fail_msg("%s: confidence %s", sc->name,
		    confidence_name(v.confidence));
	assert_non_null(v.summary);
	assert_true(strlen(v.summary) > 10);
	assert_true(v.nreasons > 0);
	assert_true(v.nnext > 0 || v.cause == CAUSE_NONE);
	for (size_t i = 0; i < v.nreasons; i++) {
		assert_non_null(v.reasons[i].text);
		assert_true(v.reasons[i].text[0] != '\0');
		assert_non_null(v.reasons[i].evidence);
		if (!ref_exists(&r, v.reasons[i].evidence))
			fail_msg("%s: reason cites missing evidence %s",
			    sc->name, v.reasons[i].evidence);
	}
	for (size_t i = 0; i < v.nnext; i++)
		if (!checklist_find(&steps, v.next_steps[i].step_id))
			fail_msg("%s: next step %s is not in checklist.json",
			    sc->name, v.next_steps[i].step_id);
	/* Deterministic: the same evidence gives the same words. */
	verdict_from_evidence(&r, &again);
	assert_string_equal(v.summary, again.summary);
	assert_int_equal(v.nreasons, again.nreasons);
	for (size_t i = 0; i < v.nreasons; i++)
		assert_string_equal(v.reasons[i].text, again.reasons[i].text);
	verdict_clear(&again);
	verdict_clear(&v);
	assert_null(v.summary);
	probe_results_clear(&r);
}

/* What the words of a sampled verdict must say (summary or a reason);
   a text after "!" is what they must not say. */
static const struct {
	const char *scenario;
	const char *text;
} sampled_words[] = {
	{ "intermittent_server", "4 of 8 attempts failed" },
	{ "intermittent_server", "neutral Host header: 1 of 2 attempts failed" },
	{ "bad_address", "203.0.113.11 (reset before any response on every "
	    "attempt), while 203.0.113.10 works" },
	{ "bad_address", "203.0.113.11: 3 of 3 attempts failed" },
	{ "single_sample", "made only 1 time" },
	{ "steady_reset", "after about 30.1 s" },
	{ "steady_reset", "close to 30 s" },
	{ "watch_intermittent", "3 of 12 requests of the watch failed" },
	{ "watch_intermittent", "..R...R...R." },
	{ "redirect_path", "http://redirect.example/ redirects to "
	    "https://blocked-sni.example/login. A device on the network path" },
	{ "http2_only", "fails over HTTP/2 and works over HTTP/1.1" },
	{ "http2_only", "HTTP/2 was negotiated (ALPN h2)" },
	{ "clock_skew", "30 days ahead of the server's" },
	{ "clock_skew", "the server's date lies inside" },
	{ "proxy_407_connect", "asks for a login (HTTP 407, Basic)" },
	{ "local_emfile", "This machine could not make the request (Too "
	    "many open files)" },
	{ "cut_short", "5062 bytes" },
	/* Steady timing: resets are called resets, and only resets. */
	{ "steady_reset", "Every reset came after about 30.1 s" },
	{ "middlebox_drop_closed", "Every failed attempt ended after about "
	    "10.0 s" },
	{ "middlebox_drop_closed", "!Every reset" },
	/* The request for / got through every time: the path triggers it. */
	{ "path_keyed_lab", "The same request for / was answered on all 5 "
	    "attempts: what triggers the failure is in the address's path "
	    "(/private/page), not the name." },
	{ "middlebox_host", "!The same request for /" },
	/* The router answering "unreachable" for the next TTL is its own
	   hop, not one more. */
	{ "unreachable_path", "The trace ends at hop 2 (198.51.100.6), which "
	    "reports the server unreachable" },
	/* A refusal at TTL t passed the checks of hops 1 .. t-1 only: it is
	   made near hop t-1, the hop the path view shows (tests/lab
	   topology: r2, hop 2, rejects the SYNs of fwreject.example). */
	{ "refused_path_lab", "refused near hop 2 (198.18.0.6), but a udp "
	    "trace reaches the server at hop 4" },
	{ "refused_path_lab", "SYNs sent with TTL 3 pass the checks of hops "
	    "1 to 2 only: the refusal is made at or just after hop 2 "
	    "(198.18.0.6)" },
	{ "refused_path_lab", "!after 3 hops" },
	{ "refused_path_lab", "!router before the refusal" },
	{ "refused_path", "refused near hop 2 (198.51.100.2)" },
	{ "refused_path", "!after 3 hops" },
	{ "large_hello_path", "331 bytes was answered 5 of 5 times" },
	{ "large_hello_path", "1835 bytes" },
	{ "large_hello_path", "near hop 2 (198.51.100.1)" },
	{ "large_hello_path", "PostQuantumKeyAgreementEnabled" },
	{ "large_hello_stall", "several reads" },
	{ "pmtu_black_hole", "at most 1200 bytes the request was answered 2 "
	    "of 2 times" },
	{ "pmtu_black_hole", "MTU of 1500" },
	/* Nothing recorded says which router: none is named. */
	{ "pmtu_black_hole", "Where on the path the packet size shrinks is "
	    "not measured" },
	{ "pmtu_black_hole", "!hop 1" },
};

static int
verdict_says(const struct verdict *v, const char *text)
{
	if (strstr(v->summary, text))
		return 1;
	for (size_t i = 0; i < v->nreasons; i++)
		if (strstr(v->reasons[i].text, text))
			return 1;
	return 0;
}

/*
 * A proxy that resets everything, neutral names sent direct: the
 * variation line must not read the proxy's failure as name-dependence.
 */
static void
test_variation_through_proxy(void **state)
{
	struct probe_results r;
	struct verdict v;
	char *line;

	load_scenario("proxy_reset_names", &r);
	line = sweep_variation_summary(&r);
	if (strstr(line, "depends on the name"))
		fail_msg("variation line: %s", line);
	assert_non_null(strstr(line, "not comparable"));
	assert_int_not_equal(sweep_variation_status(&r), CS_FAIL);
	free(line);
	verdict_from_evidence(&r, &v);
	if (verdict_says(&v, "name"))
		fail_msg("verdict cites the name: %s", v.summary);
	verdict_clear(&v);
	probe_results_clear(&r);
}

/* Sets the result of the first n attempts of variant v to x. */
static void
set_attempts(struct probe_results *r, enum http_variant v, size_t n,
    enum http_result x)
{
	for (size_t i = 0; i < r->nhttp && n > 0; i++)
		if (r->http[i].variant == v) {
			r->http[i].result = x;
			n--;
		}
}

/*
 * The request for / (the trigger check), from the lab's path-keyed
 * filter: answered every time, it names the path; answered on some
 * attempts only, it says nothing about the trigger; failing too, it
 * clears the path. The cause and origin never move because of it.
 */
static void
test_trigger_line(void **state)
{
	static const struct {
		size_t fail;		/* attempts of "/" made to fail */
		enum check_status status;
		const char *line, *says, *not;
	} cases[] = {
		{ 0, CS_FAIL, "what triggers it is in the URL path",
		    "answered on all 5 attempts", "answered on 0" },
		{ 2, CS_INFO, "answered on 3 of 5 attempts only",
		    "answered on 3 of 5 attempts only: the site may fail",
		    "in the address's path" },
		{ 5, CS_INFO, "fails the same way for /: the path is not",
		    NULL, "The same request for /" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct probe_results r;
		struct verdict v;
		char *line;

		load_scenario("path_keyed_lab", &r);
		set_attempts(&r, HV_NEUTRAL_PATH, cases[i].fail,
		    HTTP_RESET_BEFORE_RESPONSE);
		assert_int_equal(sweep_trigger_status(&r), cases[i].status);
		line = sweep_trigger_summary(&r);
		if (!strstr(line, cases[i].line))
			fail_msg("case %zu: trigger line: %s", i, line);
		free(line);
		verdict_from_evidence(&r, &v);
		assert_int_equal(v.cause, CAUSE_MIDDLEBOX_INJECTION);
		assert_int_equal(v.origin, ORIGIN_PATH);
		if (cases[i].says && !verdict_says(&v, cases[i].says))
			fail_msg("case %zu: verdict lacks \"%s\"", i,
			    cases[i].says);
		if (verdict_says(&v, cases[i].not))
			fail_msg("case %zu: verdict says \"%s\"", i,
			    cases[i].not);
		verdict_clear(&v);
		probe_results_clear(&r);
	}
}

/*
 * A trace refused on the way (tests/lab: r2, hop 2, rejects the SYNs):
 * the path check's line names the hop of the refusal, and does not
 * count the refusal as the server.
 */
static void
test_path_refused(void **state)
{
	static const char *const names[] = { "refused_path_lab",
		"refused_path" };
	static const char *const want[] = {
		"SYNs are refused near hop 2 (198.18.0.6), in the server's "
		    "name; a udp trace reaches the server at hop 4",
		"SYNs are refused near hop 2 (198.51.100.2), in the server's "
		    "name; a udp trace reaches the server at hop 5" };
	struct probe_results r;
	char *line;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		load_scenario(names[i], &r);
		line = sweep_path_summary(&r);
		assert_string_equal(line, want[i]);
		free(line);
		assert_int_equal(sweep_path_status(&r), CS_FAIL);
		probe_results_clear(&r);
	}
	/* The same trace with the server as far as the refusal: its own. */
	load_scenario("refused_path_lab", &r);
	r.path.alt_distance = 3;
	line = sweep_path_summary(&r);
	assert_non_null(strstr(line, "3 hops to the server"));
	free(line);
	probe_results_clear(&r);
}

/* ---- every report of every fixture reads clean (issue 17) ---- */

#define LINT_WORDS 8192

/*
 * The words of s, lower case, split at white space and at markup (tags,
 * table bars, emphasis); a line end or a tag is a word of its own ("\n"),
 * so a repetition is only found within one line of text.
 */
static size_t
lint_words(const char *s, char words[][32], size_t *pos, size_t max)
{
	const char *s0 = s;
	size_t n = 0, len = 0;

	for (;; s++) {
		unsigned char ch = (unsigned char)*s;
		int brk = ch == '\n' || ch == '<';

		/* A style sheet is no text anyone reads. */
		if (strncmp(s, "<style", 6) == 0 && strstr(s, "</style>")) {
			s = strstr(s, "</style>");
			ch = '<';
		}
		if (ch == '<' && strchr(s, '>'))
			s = strchr(s, '>');
		if (ch && !brk && !strchr(" \t|*`>", ch)) {
			if (len == 0)
				pos[n] = (size_t)(s - s0);
			if (len < 31)
				words[n][len++] = (char)(ch >= 'A' &&
				    ch <= 'Z' ? ch | 0x20 : ch);
			continue;
		}
		if (len > 0) {
			words[n][len] = '\0';
			if (n + 1 < max)
				n++;
			len = 0;
		}
		if (brk && n + 1 < max) {
			pos[n] = (size_t)(s - s0);
			strcpy(words[n++], "\n");
		}
		if (ch == '\0')
			return n;
	}
}

/* A phrase of 1 to 4 words said twice in a row ("not checked: Not
   checked:", "the the"); NULL when none. Single letters do not count. */
static const char *
lint_repeat(char words[][32], size_t n, size_t *at, size_t *len)
{
	for (size_t k = 1; k <= 4; k++)
		for (size_t i = 0; i + 2 * k <= n; i++) {
			size_t j = 0;

			while (j < k && strcmp(words[i + j], "\n") != 0 &&
			    strcmp(words[i + j], words[i + k + j]) == 0)
				j++;
			if (j == k && (k > 1 || (strlen(words[i]) > 1 &&
			    isalpha((unsigned char)words[i][0])))) {
				*at = i;
				*len = k;
				return words[i];
			}
		}
	return NULL;
}

/* Paths of this machine that must never reach a report. */
static const char *const local_paths[] = { "/home/", "/root/", "/tmp/",
	"/work/", "/proc/self", "src/connreset", NULL };

static int lint_failures;

/* Prints one problem and counts it: every report is read before failing. */
static void
lint_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	lint_failures++;
}

static void
lint_report(const char *name, const char *fmt, const char *aud,
    const char *out, int text)
{
	static char words[LINT_WORDS][32];
	static size_t pos[LINT_WORDS];
	size_t n, at, len;

	for (int i = 0; local_paths[i]; i++)
		if (strstr(out, local_paths[i]))
			lint_fail("%s %s/%s: a local path (%s): %.60s", name,
			    fmt, aud, local_paths[i],
			    strstr(out, local_paths[i]));
	if (text) {
		size_t cols = 0;

		for (const char *p = out; *p; p++) {
			if (*p == '\n') {
				cols = 0;
				continue;
			}
			if (((unsigned char)*p & 0xc0) != 0x80 && ++cols > 80)
				lint_fail("%s text/%s: a line over 80 columns "
				    "near: %.40s", name, aud, p);
		}
	}
	if (strcmp(fmt, "json") == 0)
		return;
	n = lint_words(out, words, pos, LINT_WORDS);
	if (lint_repeat(words, n, &at, &len)) {
		char said[160] = "";

		for (size_t i = at; i < at + 2 * len && i < n; i++) {
			strncat(said, words[i], sizeof(said) - strlen(said) -
			    2);
			strncat(said, " ", sizeof(said) - strlen(said) - 1);
		}
		lint_fail("%s %s/%s: repeated words: %s(\"%.*s\")", name, fmt,
		    aud, said, (int)(pos[at + 2 * len - 1] - pos[at] + 12),
		    out + pos[at]);
	}
}

static void
test_report_lint(void **state)
{
	static const enum report_format fmts[] = { RF_TEXT, RF_MARKDOWN,
		RF_HTML, RF_JSON };
	static const char *const fnames[] = { "text", "markdown", "html",
		"json" };
	static const enum report_audience auds[] = { RA_GENERAL, RA_ISP,
		RA_IT, RA_SITE_OWNER };

	(void)state;
	for (size_t i = 0; i < NSCENARIOS; i++) {
		struct probe_results r;
		struct verdict v;

		load_scenario(scenarios[i].name, &r);
		verdict_from_evidence(&r, &v);
		for (size_t a = 0; a < 4; a++)
			for (size_t f = 0; f < 4; f++) {
				struct report_input in = { &r, &v, NULL,
					&steps, auds[a], 0 };
				char *out = report_render(&in, fmts[f]);

				lint_report(scenarios[i].name, fnames[f],
				    report_audience_name(auds[a]), out,
				    fmts[f] == RF_TEXT);
				free(out);
			}
		verdict_clear(&v);
		probe_results_clear(&r);
	}
	if (lint_failures)
		fail_msg("%d report problem(s), listed above", lint_failures);
}

static void
test_sampled_words(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(sampled_words) /
	    sizeof(sampled_words[0]); i++) {
		struct probe_results r;
		struct verdict v;

		const char *text = sampled_words[i].text;
		int negated = text[0] == '!';

		load_scenario(sampled_words[i].scenario, &r);
		verdict_from_evidence(&r, &v);
		if (verdict_says(&v, text + negated) == negated) {
			fprintf(stderr, "summary: %s\n", v.summary);
			for (size_t k = 0; k < v.nreasons; k++)
				fprintf(stderr, "reason: %s\n",
				    v.reasons[k].text);
			fail_msg("%s: %s \"%s\"", sampled_words[i].scenario,
			    negated ? "says" : "does not say", text + negated);
		}
		verdict_clear(&v);
		probe_results_clear(&r);
	}
}

static void
test_scenarios(void **state)
{
	char *err = NULL;

	(void)state;
	if (checklist_load_default(&steps, &err) != 0)
		fail_msg("checklist: %s", err);
	for (size_t i = 0; i < NSCENARIOS; i++)
		check_scenario(&scenarios[i]);
	checklist_free(&steps);
}

/* No evidence at all: the catch-all rule, low confidence. */
static void
test_empty(void **state)
{
	struct probe_results r;
	struct verdict v;

	(void)state;
	memset(&r, 0, sizeof(r));
	verdict_from_evidence(&r, &v);
	assert_int_equal(v.cause, CAUSE_UNKNOWN);
	assert_int_equal(v.origin, ORIGIN_UNKNOWN);
	assert_int_equal(v.confidence, CONF_LOW);
	assert_non_null(v.summary);
	assert_true(v.nreasons > 0);
	verdict_clear(&v);
}

/* A working site whose system answer disagrees only gets a warning. */
static void
test_ok_with_mismatch(void **state)
{
	struct probe_results r;
	struct verdict v;
	int warned = 0;

	(void)state;
	load_scenario("dns_mismatch", &r);
	for (size_t i = 0; i < r.nhttp; i++)
		if (r.http[i].variant == HV_MAIN) {
			r.http[i].result = HTTP_RESPONSE;
			r.http[i].status = 200;
		}
	verdict_from_evidence(&r, &v);
	assert_int_equal(v.symptom, SYM_OK);
	assert_int_equal(v.cause, CAUSE_NONE);
	for (size_t i = 0; i < v.nreasons; i++)
		warned |= strcmp(v.reasons[i].evidence, "dns[system]") == 0;
	assert_true(warned);
	verdict_clear(&v);
	probe_results_clear(&r);
}

/* protocol_error maps to reset only with ECONNRESET and no bytes. */
static void
test_protocol_error_symptom(void **state)
{
	struct probe_results r;
	struct verdict v;

	(void)state;
	load_scenario("protocol_mismatch", &r);
	r.http[0].bytes = 0;
	r.http[0].os_errno = 104;
	verdict_from_evidence(&r, &v);
	assert_int_equal(v.symptom, SYM_RESET);
	assert_int_equal(v.cause, CAUSE_PROTOCOL_MISMATCH);
	verdict_clear(&v);
	probe_results_clear(&r);
}

/* A failed system lookup while the site still answers is not DNS. */
static void
test_dns_fail_but_response(void **state)
{
	struct probe_results r;
	struct verdict v;

	(void)state;
	load_scenario("ok", &r);
	r.dns[0].status = DNS_SERVFAIL;
	verdict_from_evidence(&r, &v);
	assert_int_equal(v.cause, CAUSE_NONE);
	verdict_clear(&v);
	probe_results_clear(&r);
}

static void
dump_reports(const char *dir)
{
	struct session_answer ans[2] = {
		{ "client.flush_dns", ANS_NOT_FIXED, "tried twice",
		    "2026-11-27T10:05:00.000Z", NULL },
		{ "network.other_network", ANS_SKIPPED, NULL, NULL, NULL } };
	struct session s;

	memset(&s, 0, sizeof(s));
	s.answers = ans;
	s.nanswers = 2;
	for (size_t i = 0; i < NSCENARIOS; i++) {
		struct probe_results r;
		struct verdict v;
		struct report_input in;
		char path[1024], *text;
		cJSON *j;
		FILE *f;

		load_scenario(scenarios[i].name, &r);
		verdict_from_evidence(&r, &v);
		memset(&in, 0, sizeof(in));
		in.r = &r;
		in.v = i % 2 ? &v : NULL;
		in.s = i % 3 ? &s : NULL;
		in.audience = (enum report_audience)(i % 4);
		in.redact_private = i % 2;
		j = report_json(&in);
		text = cJSON_Print(j);
		snprintf(path, sizeof(path), "%s/report_%s.json", dir,
		    scenarios[i].name);
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(text, f);
		fclose(f);
		free(text);
		cJSON_Delete(j);
		verdict_clear(&v);
		probe_results_clear(&r);
	}
}

/* The report's verdict and target agree with the evidence. */
static void
test_report_json(void **state)
{
	struct probe_results r;
	struct report_input in;
	const char *dir = getenv("CONNRESET_REPORT_DIR");
	cJSON *j, *x;

	(void)state;
	load_scenario("middlebox_sni", &r);
	memset(&in, 0, sizeof(in));
	in.r = &r;
	j = report_json(&in);
	x = cJSON_GetObjectItem(j, "verdict");
	assert_string_equal(cJSON_GetObjectItem(x, "cause")->valuestring,
	    "middlebox_injection");
	assert_string_equal(cJSON_GetObjectItem(j, "schema")->valuestring,
	    "connreset-report/1");
	x = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "target"),
	    "addresses");
	assert_int_equal(cJSON_GetArraySize(x), 1);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j,
	    "answers")), 0);
	assert_null(cJSON_GetObjectItem(j, "path"));
	cJSON_Delete(j);
	probe_results_clear(&r);
	if (dir && *dir)
		dump_reports(dir);
}

/* A dead IPv6 next to a working IPv4: works, with a warning. */
static void
test_family_split(void **state)
{
	struct probe_results r;
	struct verdict v;
	int warned = 0;

	(void)state;
	load_scenario("ok_v6_broken", &r);
	verdict_from_evidence(&r, &v);
	assert_int_equal(v.symptom, SYM_OK);
	for (size_t i = 0; i < v.nreasons; i++)
		warned |= strstr(v.reasons[i].text, "IPv6") != NULL &&
		    strcmp(v.reasons[i].evidence, "tcp[2001:db8::10]") == 0;
	assert_true(warned);
	verdict_clear(&v);
	probe_results_clear(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenarios),
		cmocka_unit_test(test_sampled_words),
		cmocka_unit_test(test_variation_through_proxy),
		cmocka_unit_test(test_trigger_line),
		cmocka_unit_test(test_path_refused),
		cmocka_unit_test(test_report_lint),
		cmocka_unit_test(test_family_split),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_ok_with_mismatch),
		cmocka_unit_test(test_protocol_error_symptom),
		cmocka_unit_test(test_dns_fail_but_response),
		cmocka_unit_test(test_report_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
