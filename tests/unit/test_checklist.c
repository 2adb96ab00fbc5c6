/* Unit tests for the checklist loader (src/diag/checklist.c). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "diag/checklist.h"
#include "probe/result.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *
fixture(const char *name)
{
	const char *dir = getenv("CONNRESET_TESTDATA");

	return xasprintf("%s/%s", dir ? dir : "tests/data", name);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n > 0);
	rewind(fp);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* Writes len bytes to a fresh temporary file and returns its name. */
static char *
write_temp(const char *data, size_t len)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/cl-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void
assert_empty(const struct checklist *cl)
{
	assert_null(cl->steps);
	assert_int_equal(cl->nsteps, 0);
}

/* ------------------------------------------------------------------ */

static void
test_real_file_shape(void **state)
{
	struct checklist cl;
	size_t count[CL_NSECTIONS] = { 0 };
	char *err = NULL;

	(void)state;
	if (checklist_load_default(&cl, &err) < 0)
		fail_msg("%s", err);
	assert_true(cl.nsteps >= 23);
	for (size_t i = 0; i < cl.nsteps; i++) {
		const struct cl_step *st = &cl.steps[i];
		int test = cl_step_is_test(st);

		count[st->section]++;
		for (int os = 0; os < CL_NOS; os++)
			assert_non_null(st->how[os]);
		for (int os = 0; os < CL_NOS_ALL; os++)
			assert_non_null(cl_step_how(st, (enum cl_os)os));
		assert_null(st->how_browser[CL_BR_ANY]);
		assert_true((!cl_step_outcome(st, "fixed")) == test);
		assert_true((!cl_step_outcome(st, "not_fixed")) == test);
		assert_true(!cl_step_outcome(st, "fails_there") == !test);
		if (st->section == CL_SERVER &&
		    strcmp(st->id, "server.contact_site_owner") != 0)
			assert_true(st->for_site_owner);
	}
	assert_true(count[CL_CLIENT] >= 10);
	assert_true(count[CL_NETWORK] >= 3);
	assert_true(count[CL_SERVER] >= 6);
	assert_true(count[CL_ADVANCED] >= 1);
	checklist_free(&cl);
	assert_empty(&cl);
}

/* The guide's topics, every automated check and every action are used. */
static void
test_real_file_coverage(void **state)
{
	static const char *const must_have[] = { "client.clear_cache",
		"client.extensions", "client.private_window",
		"client.other_sites", "client.other_browser",
		"client.other_device", "client.other_network",
		"client.update_browser", "client.flush_dns",
		"client.reset_stack", "client.proxy_settings", "client.vpn",
		"client.security_software", "client.os_updates",
		"client.public_dns", "client.https_scanning",
		"client.check_address", "client.devtools",
		"network.restart_router", "network.router_settings",
		"network.wired", "network.packet_capture",
		"network.contact_isp", "network.contact_security_team",
		"server.contact_site_owner", "server.logs",
		"server.reset_counters", "server.resources",
		"server.firewall", "server.config_timeouts",
		"server.app_timeouts", "server.backends", "server.gateway",
		"server.abortive_close", "server.tls_config",
		"server.certificate", "server.hosting_provider",
		"advanced.traceroute", "advanced.dns_lookup", NULL };
	static const char *const checks[] = { "dns", "tcp", "http", "tls",
		"variation", "mismatch", "proxy", "local", "path", "locator",
		NULL };
	struct checklist cl;
	char *err = NULL;

	(void)state;
	if (checklist_load_default(&cl, &err) < 0)
		fail_msg("%s", err);
	for (int i = 0; must_have[i]; i++)
		if (!checklist_find(&cl, must_have[i]))
			fail_msg("step %s is missing", must_have[i]);
	for (int i = 0; checks[i]; i++) {
		int used = 0;

		for (size_t k = 0; k < cl.nsteps; k++)
			used += cl.steps[k].check &&
			    strcmp(cl.steps[k].check, checks[i]) == 0;
		if (!used)
			fail_msg("no step uses check %s", checks[i]);
	}
	assert_string_equal(checklist_find(&cl, "client.flush_dns")->action,
	    "flush_dns");
	assert_string_equal(checklist_find(&cl, "advanced.traceroute")->action,
	    "path");
	assert_string_equal(checklist_find(&cl, "client.reproduce")->action,
	    "retest");
	checklist_free(&cl);
}

/*
 * The order that finds the fault fastest: the tests that split the problem
 * right after the private window, evidence before any contact step, and
 * every branch going forward (the wizard never goes back on its own).
 */
static void
test_real_file_order(void **state)
{
	static const char *const tests[] = { "client.private_window",
		"client.other_sites", "client.other_browser",
		"client.other_device", "client.other_network", NULL };
	static const char *const evidence[] = { "client.devtools",
		"network.packet_capture", NULL };
	static const char *const contacts[] = {
		"network.contact_security_team", "network.contact_isp",
		"server.contact_site_owner", "server.hosting_provider", NULL };
	/* Steps a phone user can do, so they carry android and ios texts. */
	static const char *const phone[] = { "client.private_window",
		"client.other_sites", "client.other_browser",
		"client.other_device", "client.other_network",
		"client.clear_cache", "client.flush_dns", "client.public_dns",
		"client.vpn", NULL };
	struct checklist cl;
	char *err = NULL;
	int first, ntest = 0;

	(void)state;
	if (checklist_load_default(&cl, &err) < 0)
		fail_msg("%s", err);
	first = checklist_index(&cl, tests[0]);
	assert_true(first >= 0);
	for (int i = 0; tests[i]; i++) {
		if (checklist_index(&cl, tests[i]) != first + i)
			fail_msg("%s is not step %d", tests[i], first + i + 1);
		assert_true(cl_step_is_test(checklist_find(&cl, tests[i])));
		assert_non_null(cl_step_outcome(checklist_find(&cl, tests[i]),
		    "not_tried"));
	}
	for (int i = 0; evidence[i]; i++)
		for (int k = 0; contacts[k]; k++)
			if (checklist_index(&cl, evidence[i]) >=
			    checklist_index(&cl, contacts[k]))
				fail_msg("%s comes after %s", evidence[i],
				    contacts[k]);
	for (int i = 0; phone[i]; i++) {
		const struct cl_step *st = checklist_find(&cl, phone[i]);

		assert_true(cl_step_applies(st, CL_OS_ANDROID));
		assert_true(cl_step_applies(st, CL_OS_IOS));
	}
	for (size_t i = 0; i < cl.nsteps; i++) {
		const struct cl_step *st = &cl.steps[i];

		ntest += cl_step_is_test(st);
		for (size_t k = 0; k < st->noutcomes; k++)
			if (st->outcomes[k].next && checklist_index(&cl,
			    st->outcomes[k].next) < (int)i)
				fail_msg("%s: %s goes back to %s", st->id,
				    st->outcomes[k].result,
				    st->outcomes[k].next);
	}
	assert_int_equal(ntest, 5);
	checklist_free(&cl);
}

static void
test_valid_min(void **state)
{
	char *path = fixture("checklist_valid_min.json");
	struct checklist cl;
	const struct cl_step *st;
	char *err = NULL;

	(void)state;
	assert_int_equal(checklist_load(path, &cl, &err), 0);
	assert_null(err);
	assert_int_equal(cl.nsteps, 3);
	st = &cl.steps[0];
	assert_string_equal(st->id, "client.a");
	assert_int_equal(st->section, CL_CLIENT);
	assert_string_equal(st->title, "Flush the cache");
	assert_string_equal(st->how[CL_OS_LINUX],
	    "Run resolvectl flush-caches.");
	assert_string_equal(st->how_browser[CL_BR_CHROME],
	    "Open chrome://net-internals/#dns.");
	assert_string_equal(st->how_browser[CL_BR_FIREFOX],
	    "Open about:networking#dns.");
	assert_null(st->how_browser[CL_BR_EDGE]);
	assert_null(st->how_browser[CL_BR_SAFARI]);
	assert_string_equal(st->check, "dns");
	assert_string_equal(st->action, "flush_dns");
	assert_false(st->for_site_owner);
	assert_int_equal(st->noutcomes, 3);
	assert_null(st->outcomes[0].next);
	assert_string_equal(st->outcomes[1].next, "server.c");
	assert_string_equal(st->outcomes[2].result, "fail");
	st = &cl.steps[1];
	assert_int_equal(st->section, CL_NETWORK);
	assert_null(st->check);
	assert_null(st->action);
	assert_true(cl.steps[2].for_site_owner);
	assert_int_equal(checklist_index(&cl, "server.c"), 2);
	assert_int_equal(checklist_index(&cl, "server.x"), -1);
	assert_int_equal(checklist_index(&cl, NULL), -1);
	assert_ptr_equal(checklist_find(&cl, "network.b"), &cl.steps[1]);
	assert_null(checklist_find(&cl, "network"));
	checklist_free(&cl);
	checklist_free(&cl);
	free(path);
}

/* One malformed fixture per fault; each must name the step and field. */
static const struct malformed_case {
	const char *file;
	const char *where;	/* "step X: field" or the position */
	const char *what;	/* part of the explanation */
} malformed_cases[] = {
	{ "json", ":39:7:", "not valid JSON" },
	{ "truncated", ":40:6:", "not valid JSON" },
	{ "empty", ":1:1:", "not valid JSON" },
	{ "trailing", ":82:1:", "not valid JSON" },
	{ "nul", ".json:", "NUL byte" },
	{ "escaped_nul", ":40:34:", "\\u0000 is not allowed" },
	{ "toplevel", ".json:", "object with \"version\" and \"steps\"" },
	{ "nosteps", ".json:", "object with \"version\" and \"steps\"" },
	{ "version", ": version:", "unsupported version" },
	{ "version_type", ": version:", "must be a number" },
	{ "steps_type", ": steps:", "must be an array" },
	{ "key_top", ": comment:", "unknown key" },
	{ "key_step", "step client.a: colour:", "unknown key" },
	{ "key_outcome", "step network.b: outcomes[1].weight:",
	    "unknown key" },
	{ "dup_key", "step network.b: title:", "duplicate key" },
	{ "missing_title", "step network.b: title:", "missing" },
	{ "missing_id", "step #2: id:", "missing" },
	{ "missing_how", "step server.c: how:", "missing" },
	{ "missing_os", "step server.c: how.linux:", "missing" },
	{ "missing_outcomes", "step network.b: outcomes:", "missing" },
	{ "missing_meaning", "step client.a: outcomes[2].meaning:",
	    "missing" },
	{ "type_why", "step client.a: why:", "must be a string" },
	{ "type_owner", "step server.c: for_site_owner:", "true or false" },
	{ "type_how", "step network.b: how:", "must be an object" },
	{ "type_outcomes", "step network.b: outcomes:", "must be an array" },
	{ "type_outcome", "step network.b: outcomes[2]:",
	    "must be an object" },
	{ "type_next", "step network.b: outcomes[0].next:",
	    "must be a string" },
	{ "type_step", "step #2:", "must be an object" },
	{ "empty_title", "step client.a: title:", "must not be empty" },
	{ "empty_how", "step network.b: how.macos:", "must not be empty" },
	{ "empty_browsers", "step client.a: browsers:", "must not be empty" },
	{ "control", "step network.b: title:", "control character" },
	{ "bidi", "step network.b: why:", "control character" },
	{ "utf8", "step server.c: title:", "invalid UTF-8" },
	{ "section", "step network.b: section:", "unknown section \"cloud\"" },
	{ "order", "step network.b: section:", "client, network, server" },
	{ "dup_id", "step client.a: id:", "duplicate id (also step #1)" },
	{ "id_shape", "step network.Router-Reboot: id:", "must look like" },
	{ "id_section", "step client.b: id:", "\"network.<name>\"" },
	{ "next", "step network.b: outcomes[0].next:",
	    "no step has id \"client.nope\"" },
	{ "next_self", "step server.c: outcomes[1].next:", "its own step" },
	{ "check", "step client.a: check:", "unknown check \"ping\"" },
	{ "action", "step client.a: action:", "unknown action \"reboot\"" },
	{ "os", "step network.b: how.bsd:", "unknown operating system" },
	{ "browser", "step client.a: browsers.opera:", "unknown browser" },
	{ "browser_any", "step client.a: browsers.any:", "unknown browser" },
	{ "result", "step network.b: outcomes[1].result:",
	    "unknown result \"maybe\"" },
	{ "result_dup", "step network.b: outcomes[2].result:",
	    "duplicate result \"fixed\"" },
	{ "result_set", "step network.b: outcomes:", "\"not_fixed\"" },
	{ "result_nocheck", "step network.b: outcomes:",
	    "needs a \"check\"" },
	{ "few", ": steps:", "too few steps: none in section \"server\"" },
};

static void
test_malformed(void **state)
{
	size_t n = sizeof(malformed_cases) / sizeof(malformed_cases[0]);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const struct malformed_case *mc = &malformed_cases[i];
		char *name = xasprintf("checklist_malformed_%s.json", mc->file);
		char *path = fixture(name);
		struct checklist cl = { (struct cl_step *)&cl, 99 };
		char *err = NULL;

		if (checklist_load(path, &cl, &err) != -1)
			fail_msg("%s loaded", name);
		assert_non_null(err);
		assert_empty(&cl);
		if (!strstr(err, name) || !strstr(err, mc->where) ||
		    !strstr(err, mc->what))
			fail_msg("%s: got \"%s\", want \"%s\" and \"%s\"",
			    name, err, mc->where, mc->what);
		assert_null(strchr(err, '\n'));
		free(err);
		free(path);
		free(name);
	}
}

/*
 * The rules for test steps and phones, one small checklist per case:
 * the middle step's "how" and "outcomes" are replaced by the row's JSON.
 */
static const struct rule_case {
	const char *how;	/* extra "how" members after the computers */
	const char *outcomes;	/* "outcomes" of step network.b, or NULL */
	const char *error;	/* part of the error line, NULL: loads */
} rule_cases[] = {
	/* Test steps: works_there + fails_there, not_tried optional. */
	{ "", "{\"result\":\"works_there\",\"meaning\":\"w\","
	    "\"next\":\"server.c\"},{\"result\":\"fails_there\","
	    "\"meaning\":\"f\",\"next\":\"client.a\"},"
	    "{\"result\":\"not_tried\",\"meaning\":\"n\"}", NULL },
	{ "", "{\"result\":\"works_there\",\"meaning\":\"w\"},"
	    "{\"result\":\"fails_there\",\"meaning\":\"f\"}", NULL },
	{ "", "{\"result\":\"works_there\",\"meaning\":\"w\"}",
	    "needs a \"fails_there\" outcome too" },
	{ "", "{\"result\":\"works_there\",\"meaning\":\"w\"},"
	    "{\"result\":\"not_tried\",\"meaning\":\"n\"}",
	    "needs a \"fails_there\" outcome too" },
	{ "", "{\"result\":\"works_there\",\"meaning\":\"w\"},"
	    "{\"result\":\"fails_there\",\"meaning\":\"f\"},"
	    "{\"result\":\"fixed\",\"meaning\":\"x\"}",
	    "not \"fixed\"" },
	{ "", "{\"result\":\"not_fixed\",\"meaning\":\"x\"},"
	    "{\"result\":\"works_there\",\"meaning\":\"w\"},"
	    "{\"result\":\"fails_there\",\"meaning\":\"f\"}",
	    "not \"not_fixed\"" },
	{ "", "{\"result\":\"fixed\",\"meaning\":\"x\"},"
	    "{\"result\":\"not_fixed\",\"meaning\":\"y\"},"
	    "{\"result\":\"fails_there\",\"meaning\":\"f\"}",
	    "result \"fails_there\" needs a \"works_there\"" },
	{ "", "{\"result\":\"fixed\",\"meaning\":\"x\"},"
	    "{\"result\":\"not_fixed\",\"meaning\":\"y\"},"
	    "{\"result\":\"not_tried\",\"meaning\":\"n\"}",
	    "result \"not_tried\" needs a \"works_there\"" },
	{ "", "{\"result\":\"works_there\",\"meaning\":\"w\"},"
	    "{\"result\":\"fails_there\",\"meaning\":\"f\"},"
	    "{\"result\":\"works_there\",\"meaning\":\"again\"}",
	    "outcomes[2].result: duplicate result \"works_there\"" },
	{ "", "{\"result\":\"works_there\",\"meaning\":\"w\","
	    "\"next\":\"client.zz\"},{\"result\":\"fails_there\","
	    "\"meaning\":\"f\"}", "outcomes[0].next: no step has id" },
	{ "", "{\"result\":\"works_there\",\"meaning\":\"w\"},"
	    "{\"result\":\"fails_there\",\"meaning\":\"f\"},"
	    "{\"result\":\"pass\",\"meaning\":\"p\"}",
	    "result \"pass\" needs a \"check\"" },
	{ "", "{\"result\":\"works\",\"meaning\":\"w\"}",
	    "unknown result \"works\" (expected fixed, not_fixed, "
	    "works_there" },
	/* Phones: optional, must be clean texts when present. */
	{ ",\"android\":\"Open Settings.\",\"ios\":\"Open Settings.\"",
	    NULL, NULL },
	{ ",\"ios\":\"Open Settings.\"", NULL, NULL },
	{ ",\"android\":\"\"", NULL, "how.android: must not be empty" },
	{ ",\"ios\":7", NULL, "how.ios: must be a string" },
	{ ",\"ios\":\"a\",\"ios\":\"b\"", NULL, "how.ios: duplicate key" },
	{ ",\"symbian\":\"x\"", NULL, "how.symbian: unknown operating "
	    "system: expected windows, macos, linux, android or ios" },
};

/* Builds the three-step checklist of one rule_case (owned by caller). */
static char *
rule_doc(const struct rule_case *rc)
{
	static const char step[] = "{\"id\":\"%s\",\"section\":\"%s\","
	    "\"title\":\"t\",\"why\":\"w\",\"how\":{\"windows\":\"w\","
	    "\"macos\":\"m\",\"linux\":\"l\"%s},\"outcomes\":[%s]}";
	static const char plain[] = "{\"result\":\"fixed\",\"meaning\":\"x\"},"
	    "{\"result\":\"not_fixed\",\"meaning\":\"y\"}";
	char *a = xasprintf(step, "client.a", "client", "", plain);
	char *b = xasprintf(step, "network.b", "network", rc->how,
	    rc->outcomes ? rc->outcomes : plain);
	char *c = xasprintf(step, "server.c", "server", "", plain);
	char *doc = xasprintf("{\"version\":1,\"steps\":[%s,%s,%s]}", a, b,
	    c);

	free(a);
	free(b);
	free(c);
	return doc;
}

static void
test_rules(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]);
	    i++) {
		const struct rule_case *rc = &rule_cases[i];
		char *doc = rule_doc(rc), *err = NULL;
		struct checklist cl;
		int rv = checklist_load_mem("rules.json", doc, strlen(doc),
		    &cl, &err);

		if (rc->error && rv == 0)
			fail_msg("case %zu loaded, want \"%s\"", i, rc->error);
		if (!rc->error && rv != 0)
			fail_msg("case %zu: %s", i, err);
		if (rc->error && (!strstr(err, "step network.b: ") ||
		    !strstr(err, rc->error)))
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, err,
			    rc->error);
		checklist_free(&cl);
		free(err);
		free(doc);
	}
}

/* What a loaded test step and a step with phone texts answer. */
static void
test_accessors(void **state)
{
	const struct rule_case *test = &rule_cases[0], *phone = &rule_cases[12];
	char *doc, *err = NULL;
	struct checklist cl;
	const struct cl_step *a, *b;

	(void)state;
	doc = rule_doc(test);
	assert_int_equal(checklist_load_mem("t.json", doc, strlen(doc), &cl,
	    &err), 0);
	a = &cl.steps[0];
	b = &cl.steps[1];
	assert_false(cl_step_is_test(a));
	assert_true(cl_step_is_test(b));
	assert_false(cl_step_is_test(NULL));
	assert_string_equal(cl_step_outcome(b, "works_there")->next,
	    "server.c");
	assert_string_equal(cl_step_outcome(b, "fails_there")->next,
	    "client.a");
	assert_null(cl_step_outcome(b, "not_tried")->next);
	assert_string_equal(cl_step_outcome(b, "not_tried")->meaning, "n");
	assert_null(cl_step_outcome(b, "fixed"));
	assert_null(cl_step_outcome(b, NULL));
	assert_string_equal(cl_step_outcome(a, "not_fixed")->meaning, "y");
	/* No phone text: a computer applies, a phone gets the generic line. */
	assert_true(cl_step_applies(a, CL_OS_LINUX));
	assert_false(cl_step_applies(a, CL_OS_ANDROID));
	assert_false(cl_step_applies(a, CL_OS_IOS));
	assert_false(cl_step_applies(a, (enum cl_os)CL_NOS_ALL));
	assert_null(a->how[CL_OS_IOS]);
	assert_string_equal(cl_step_how(a, CL_OS_MACOS), "m");
	assert_non_null(strstr(cl_step_how(a, CL_OS_ANDROID), "phone"));
	assert_ptr_equal(cl_step_how(a, CL_OS_ANDROID),
	    cl_step_how(a, CL_OS_IOS));
	assert_null(cl_step_how(a, (enum cl_os)9));
	checklist_free(&cl);
	free(doc);
	doc = rule_doc(phone);
	assert_int_equal(checklist_load_mem("p.json", doc, strlen(doc), &cl,
	    &err), 0);
	b = &cl.steps[1];
	assert_true(cl_step_applies(b, CL_OS_ANDROID));
	assert_true(cl_step_applies(b, CL_OS_IOS));
	assert_string_equal(cl_step_how(b, CL_OS_IOS), "Open Settings.");
	assert_string_equal(b->how[CL_OS_ANDROID], "Open Settings.");
	checklist_free(&cl);
	free(doc);
}

/* The placeholders a screen replaces with the real target. */
static void
test_fill(void **state)
{
	static const struct {
		const char *url, *host;
		int port;
		const char *in, *out;
	} cases[] = {
		{ "https://shop.test/", "shop.test", 443,
		    "`curl -v https://example.com/`",
		    "`curl -v https://shop.test/`" },
		{ "http://shop.test:8080/a?b", "shop.test", 8080,
		    "`curl -v https://example.com/` then `dig example.com`.",
		    "`curl -v http://shop.test:8080/a?b` then "
		    "`dig shop.test`." },
		{ "https://shop.test:8443/", "shop.test", 8443,
		    "-connect example.com:443 -servername example.com",
		    "-connect shop.test:8443 -servername shop.test" },
		{ "https://[2001:db8::5]/", "2001:db8::5", 443,
		    "s_client -connect example.com:443; ping example.com",
		    "s_client -connect [2001:db8::5]:443; ping 2001:db8::5" },
		/* Longer names and words that only contain it stay. */
		{ "https://shop.test/", "shop.test", 443,
		    "www.example.com, example.com.au, myexample.com, "
		    "example.community, for example, end example.com.",
		    "www.example.com, example.com.au, myexample.com, "
		    "example.community, for example, end shop.test." },
		{ "https://shop.test/", "shop.test", 443, "", "" },
	};
	struct res_target t;
	char *out;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&t, 0, sizeof(t));
		t.url = (char *)cases[i].url;
		t.ascii_host = (char *)cases[i].host;
		t.port = cases[i].port;
		out = cl_text_fill(cases[i].in, &t);
		if (strcmp(out, cases[i].out) != 0)
			fail_msg("case %zu: got \"%s\"", i, out);
		free(out);
	}
	out = cl_text_fill("dig example.com", NULL);
	assert_string_equal(out, "dig example.com");
	free(out);
	memset(&t, 0, sizeof(t));
	out = cl_text_fill("dig example.com", &t);
	assert_string_equal(out, "dig example.com");
	free(out);
	assert_null(cl_text_fill(NULL, &t));
}

static void
test_missing_file(void **state)
{
	struct checklist cl;
	char *err = NULL;

	(void)state;
	assert_int_equal(checklist_load("/nonexistent/cl.json", &cl, &err),
	    -1);
	assert_non_null(strstr(err, "/nonexistent/cl.json: cannot read"));
	assert_empty(&cl);
	free(err);
}

static void
test_edge_unicode(void **state)
{
	char *path = fixture("checklist_edge_unicode.json");
	struct checklist cl;
	char *err = NULL;

	(void)state;
	if (checklist_load(path, &cl, &err) < 0)
		fail_msg("%s", err);
	assert_string_equal(cl.steps[0].title, "Vider le cache DNS "
	    "\xc3\xa9\xc3\xa8 \xe2\x80\x93 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	    "\xf0\x9f\x98\x80");
	assert_non_null(strstr(cl.steps[0].why, "e\xcc\x81 (combining)\n"
	    "second line"));
	assert_string_equal(cl.steps[1].how[CL_OS_LINUX],
	    "Escapes: \"quoted\" \\ back\\slash and \xc3\xbc via \\u00fc, "
	    "not \\u0000");
	checklist_free(&cl);
	free(path);
}

static void
test_edge_long(void **state)
{
	char *path = fixture("checklist_edge_long.json");
	struct checklist cl;
	char *err = NULL;
	const char *w;

	(void)state;
	if (checklist_load(path, &cl, &err) < 0)
		fail_msg("%s", err);
	assert_int_equal(strlen(cl.steps[0].why), 33 * 2000 - 1);
	assert_int_equal(strlen(cl.steps[1].title), 5000);
	w = cl.steps[2].how[CL_OS_WINDOWS];
	assert_int_equal(strlen(w), 60000);
	assert_memory_equal(w + 59998, "\xc3\xa9", 2);
	checklist_free(&cl);
	free(path);
}

/* Every prefix of the real file is refused cleanly, never accepted. */
static void
test_fuzz_truncated(void **state)
{
	char *real = xasprintf("%s/checklist.json", checklist_datadir());
	size_t len, last;
	char *buf = slurp(real, &len);

	(void)state;
	last = (size_t)(strrchr(buf, '}') - buf);
	for (size_t cut = 0; cut <= last; cut += cut < 200 ? 1 : 397) {
		char *tmp = write_temp(buf, cut);
		struct checklist cl;
		char *err = NULL;

		if (checklist_load(tmp, &cl, &err) != -1)
			fail_msg("prefix of %zu bytes loaded", cut);
		assert_non_null(strstr(err, "not valid JSON"));
		free(err);
		unlink(tmp);
		free(tmp);
	}
	free(buf);
	free(real);
}

/* Random byte damage must give a clean result or one error line. */
static void
test_fuzz_garbage(void **state)
{
	static const char junk[] = "{}[]\",:0123456789.-eE \\u\n\x01\xff"
	    "truefalsenull";
	char *path = fixture("checklist_valid_min.json");
	size_t len;
	char *orig = slurp(path, &len), *buf = xmalloc(len);
	unsigned seed = 12345;
	int refused = 0;

	(void)state;
	for (int round = 0; round < 1500; round++) {
		struct checklist cl;
		char *err = NULL, *tmp;
		int hits = 1 + (int)(rand_r(&seed) % 4);

		memcpy(buf, orig, len);
		while (hits--)
			buf[rand_r(&seed) % len] =
			    junk[rand_r(&seed) % (sizeof(junk) - 1)];
		tmp = write_temp(buf, len);
		if (checklist_load(tmp, &cl, &err) < 0) {
			assert_non_null(err);
			assert_null(strchr(err, '\n'));
			assert_empty(&cl);
			refused++;
		} else {
			assert_true(cl.nsteps >= 3);
			assert_null(err);
		}
		checklist_free(&cl);
		free(err);
		unlink(tmp);
		free(tmp);
	}
	assert_true(refused > 1000);
	free(buf);
	free(orig);
	free(path);
}

static void
test_datadir(void **state)
{
	char *saved = xstrdup(getenv("CONNRESET_DATADIR"));

	(void)state;
	setenv("CONNRESET_DATADIR", "/some/where", 1);
	assert_string_equal(checklist_datadir(), "/some/where");
	setenv("CONNRESET_DATADIR", "", 1);
	assert_string_equal(checklist_datadir(), PKGDATADIR);
	unsetenv("CONNRESET_DATADIR");
	assert_string_equal(checklist_datadir(), PKGDATADIR);
	if (saved)
		setenv("CONNRESET_DATADIR", saved, 1);
	free(saved);
}

static void
test_names(void **state)
{
	static const struct {
		int kind;	/* 0 section, 1 os, 2 browser */
		int value;
		const char *name;
	} cases[] = {
		{ 0, CL_CLIENT, "client" }, { 0, CL_NETWORK, "network" },
		{ 0, CL_SERVER, "server" }, { 0, CL_ADVANCED, "advanced" },
		{ 1, CL_OS_WINDOWS, "windows" }, { 1, CL_OS_MACOS, "macos" },
		{ 1, CL_OS_LINUX, "linux" }, { 1, CL_OS_ANDROID, "android" },
		{ 1, CL_OS_IOS, "ios" },
		{ 2, CL_BR_ANY, "any" }, { 2, CL_BR_CHROME, "chrome" },
		{ 2, CL_BR_FIREFOX, "firefox" }, { 2, CL_BR_EDGE, "edge" },
		{ 2, CL_BR_SAFARI, "safari" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *name = cases[i].kind == 0 ?
		    cl_section_name((enum cl_section)cases[i].value) :
		    cases[i].kind == 1 ?
		    cl_os_name((enum cl_os)cases[i].value) :
		    cl_browser_name((enum cl_browser)cases[i].value);

		assert_string_equal(name, cases[i].name);
		if (cases[i].kind == 1)
			assert_int_equal(cl_os_from_name(name),
			    cases[i].value);
		if (cases[i].kind == 2)
			assert_int_equal(cl_browser_from_name(name),
			    cases[i].value);
	}
	assert_string_equal(cl_section_name((enum cl_section)7), "unknown");
	assert_string_equal(cl_os_name((enum cl_os)CL_NOS_ALL), "unknown");
	assert_string_equal(cl_browser_name((enum cl_browser)5), "unknown");
	assert_int_equal(cl_os_from_name("bsd"), -1);
	assert_int_equal(cl_os_from_name(NULL), -1);
	assert_int_equal(cl_browser_from_name("Chrome"), -1);
	for (int s = 0; s < CL_NSECTIONS; s++) {
		assert_non_null(cl_section_label((enum cl_section)s));
		assert_true(cl_section_label((enum cl_section)s)[0] != '\0');
	}
	assert_string_equal(cl_section_label(CL_SERVER), "The site's server");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_file_shape),
		cmocka_unit_test(test_real_file_coverage),
		cmocka_unit_test(test_real_file_order),
		cmocka_unit_test(test_valid_min),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_accessors),
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_edge_unicode),
		cmocka_unit_test(test_edge_long),
		cmocka_unit_test(test_fuzz_truncated),
		cmocka_unit_test(test_fuzz_garbage),
		cmocka_unit_test(test_datadir),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
