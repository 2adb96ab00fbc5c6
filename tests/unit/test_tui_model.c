/* Unit tests: the wizard's screen model, text fields and case summary. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tui/casesum.h"
#include "tui/model.h"
#include "tui/textfield.h"
#include "core/textwrap.h"
#include "core/xalloc.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small checklist: two client steps, one network, two server (one only
   for site owners), one advanced. */
static struct cl_outcome out_vpn[] = {
	{ "not_fixed", "VPN is not it", "server.listen" },
};
static struct cl_step steps[] = {
	{ "client.cache", CL_CLIENT, "Clear the cache", "why cache",
	  { "win cache", "mac cache", "linux cache" },
	  { NULL, "chrome cache", NULL, NULL, NULL }, NULL, "retest", 0,
	  NULL, 0 },
	{ "client.dns", CL_CLIENT, "Flush DNS", "why dns",
	  { "win dns", "mac dns", "linux dns" },
	  { NULL }, "dns", "flush_dns", 0, NULL, 0 },
	{ "network.vpn", CL_NETWORK, "Turn off the VPN", "why vpn",
	  { "win vpn", "mac vpn", "linux vpn" },
	  { NULL }, NULL, "path", 0, out_vpn, 1 },
	{ "server.logs", CL_SERVER, "Read the logs", "why logs",
	  { "w", "m", "l" }, { NULL }, NULL, NULL, 1, NULL, 0 },
	{ "server.listen", CL_SERVER, "Is it listening", "why listen",
	  { "w", "m", "l" }, { NULL }, "tcp", NULL, 0, NULL, 0 },
	{ "advanced.mtu", CL_ADVANCED, "MTU", "why mtu",
	  { "w", "m", "l" }, { NULL }, NULL, NULL, 0, NULL, 0 },
};
static struct checklist cl = { steps, sizeof(steps) / sizeof(*steps) };

static struct probe_results res;

struct fix {
	struct session s;
	struct model m;
};

static int
setup(void **state)
{
	struct fix *f = xcalloc(1, sizeof(*f));

	memset(&res, 0, sizeof(res));
	res.nchecks = 3;
	res.checks[0].id = "dns";
	res.checks[0].title = "DNS";
	res.checks[0].state = CHECK_DONE;
	res.checks[0].status = CS_PASS;
	res.checks[1].id = "tcp";
	res.checks[1].title = "TCP";
	res.checks[1].state = CHECK_RUNNING;
	res.checks[2].id = "http";
	res.checks[2].title = "HTTP";
	res.checks[2].state = CHECK_DONE;
	res.checks[2].status = CS_FAIL;
	res.checks[2].summary = "reset before any response";
	session_init(&f->s);
	f->s.input = xstrdup("http://127.0.0.1:9/");
	model_init(&f->m, &f->s, &cl);
	snprintf(f->m.stamp, sizeof(f->m.stamp), "20260102-100000");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	model_free(&f->m);
	session_free(&f->s);
	free(f);
	return 0;
}

static int
keys(struct model *m, const int *k)
{
	int in = 0;

	while (*k)
		in |= model_key(m, *k++);
	return in;
}

static void
type(struct model *m, const char *s)
{
	while (*s)
		model_key(m, (unsigned char)*s++);
}

static const struct {
	enum role role;
	const char *order[6];
} orders[] = {
	{ ROLE_SELF, { "client.cache", "client.dns", "network.vpn",
	  "server.listen", "advanced.mtu", NULL } },
	{ ROLE_HELPDESK, { "client.cache", "client.dns", "network.vpn",
	  "server.listen", "advanced.mtu", NULL } },
	{ ROLE_SITE_OWNER, { "server.logs", "server.listen", "client.cache",
	  "client.dns", "network.vpn", "advanced.mtu" } },
};

static void
test_order_by_role(void **state)
{
	struct fix *f = *state;

	for (size_t i = 0; i < sizeof(orders) / sizeof(*orders); i++) {
		size_t n = 0;

		f->s.role = orders[i].role;
		model_order_steps(&f->m);
		while (n < 6 && orders[i].order[n])
			n++;
		assert_int_equal(f->m.norder, n);
		for (size_t k = 0; k < n; k++)
			assert_string_equal(cl.steps[f->m.order[k]].id,
			    orders[i].order[k]);
	}
}

static void
test_start_screen(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	int in;

	/* With an address given, focus starts on "who is running". */
	assert_int_equal(m->screen, SCR_START);
	assert_int_equal(m->field, START_ROLE);
	model_key(m, MK_RIGHT);
	assert_int_equal(f->s.role, ROLE_HELPDESK);
	model_key(m, MK_DOWN);
	assert_int_equal(m->field, START_HELPED);	/* for helpdesk */
	type(m, "Anna");
	assert_string_equal(m->helped.buf, "Anna");
	model_key(m, MK_DOWN);
	assert_int_equal(m->field, START_OS);	/* shown for helpdesk */
	model_key(m, MK_LEFT);
	assert_int_equal(f->s.os, CL_OS_MACOS);
	model_key(m, MK_UP);
	model_key(m, MK_UP);
	model_key(m, MK_LEFT);
	assert_int_equal(f->s.role, ROLE_SELF);
	model_key(m, MK_DOWN);
	assert_int_equal(m->field, START_BROWSER);	/* OS hidden */
	model_key(m, ' ');
	assert_int_equal(f->s.browser, CL_BR_CHROME);
	/* Keys that are commands elsewhere type into the address. */
	model_key(m, MK_UP);
	model_key(m, MK_UP);
	assert_int_equal(m->field, START_URL);
	model_key(m, MK_CTRL_U);
	in = model_key(m, 'q');
	assert_false(in & IN_QUIT);
	type(m, "e?x");
	assert_string_equal(m->url.buf, "qe?x");
	assert_int_equal(m->overlay, OV_NONE);
	/* Empty address: refused with a reason. */
	model_key(m, MK_CTRL_U);
	type(m, "   ");
	m->field = START_GO;
	in = model_key(m, MK_ENTER);
	assert_false(in & IN_SWEEP);
	assert_non_null(m->start_error);
	assert_int_equal(m->field, START_URL);
	type(m, "http://127.0.0.1:1/ ");
	m->field = START_GO;
	in = model_key(m, MK_ENTER);
	assert_true(in & IN_SWEEP);
	assert_true(in & IN_SAVE);
	assert_null(m->start_error);
	assert_string_equal(f->s.input, "http://127.0.0.1:1/");
	assert_int_equal(m->screen, SCR_CHECKS);
}

static void
test_checks_screen(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	int in;

	m->screen = SCR_CHECKS;
	m->r = &res;
	model_key(m, MK_UP);
	assert_int_equal(m->check_sel, 0);
	in = model_key(m, 'x');		/* dns is done: not cancellable */
	assert_false(in & IN_CANCEL);
	assert_true(m->status[0] != '\0');
	model_key(m, MK_DOWN);
	in = model_key(m, 'x');
	assert_true(in & IN_CANCEL);
	assert_string_equal(m->check_id, "tcp");
	model_key(m, MK_DOWN);
	model_key(m, MK_DOWN);
	assert_int_equal(m->check_sel, 2);
	in = model_key(m, 'r');
	assert_true(in & IN_RERUN);
	assert_string_equal(m->check_id, "http");
	in = model_key(m, MK_ENTER);
	assert_int_equal(m->screen, SCR_STEP);
	assert_true(in & IN_SAVE);
	assert_string_equal(f->s.current_step, "client.cache");
}

static void
test_step_answers(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	const struct session_answer *a;
	static const int note_then_d[] = { 'n', 'o', 'k', MK_ENTER, 'd', 0 };
	int in;

	m->r = &res;
	model_show_step(m, 0);
	in = keys(m, note_then_d);
	assert_true(in & IN_SAVE);
	a = session_find(&f->s, "client.cache");
	assert_non_null(a);
	assert_int_equal(a->answer, ANS_NOT_FIXED);
	assert_string_equal(a->note, "ok");
	/* The dns step is settled by its passing check: skipped, and the
	   status line says so. */
	assert_int_equal(m->pos, 2);
	assert_non_null(strstr(m->status, "Skipping 1 step: already "
	    "settled by the checks"));
	assert_int_equal(m->note.len, 0);	/* a new step, a new note */
	model_show_step(m, 1);
	assert_string_equal(f->s.current_step, "client.dns");
	/* The dns step's check passed: settled, one key skips it. */
	assert_true(model_step_settled(m, model_step(m)));
	assert_false(model_step_settled(m, &steps[4]));	/* tcp running */
	/* A check that could not look ("not inspected") settles nothing. */
	res.checks[0].status = CS_INFO;
	assert_false(model_step_settled(m, model_step(m)));
	res.checks[0].status = CS_PASS;
	model_key(m, 's');
	assert_int_equal(session_find(&f->s, "client.dns")->answer,
	    ANS_SKIPPED);
	/* network.vpn: "didn't help" jumps to its outcome's next step. */
	assert_string_equal(model_step(m)->id, "network.vpn");
	model_key(m, 'd');
	assert_string_equal(model_step(m)->id, "server.listen");
	/* Esc goes back one step and shows that step's saved note. */
	model_key(m, MK_ESC);
	assert_string_equal(model_step(m)->id, "network.vpn");
	model_key(m, MK_PGDN);
	model_key(m, MK_PGDN);
	assert_string_equal(model_step(m)->id, "advanced.mtu");
	/* Answering the last step shows the verdict. */
	model_key(m, 'd');
	assert_int_equal(m->screen, SCR_VERDICT);
	assert_true(f->s.finished);
	model_key(m, MK_ESC);
	assert_int_equal(m->screen, SCR_STEP);
}

static void
test_note_on_answered_step(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	static const int seq[] = { 'd', MK_ESC, 'n', MK_CTRL_U, 'h', 'i',
		MK_ENTER, 0 };
	const struct session_answer *a;

	model_show_step(m, 0);
	assert_true(keys(m, seq) & IN_SAVE);
	a = session_find(&f->s, "client.cache");
	assert_int_equal(a->answer, ANS_NOT_FIXED);
	assert_string_equal(a->note, "hi");
	/* Esc in the note box keeps the old note. */
	model_key(m, 'n');
	model_key(m, 'x');
	model_key(m, MK_ESC);
	assert_string_equal(session_find(&f->s, "client.cache")->note, "hi");
}

static void
test_fixed_ends_hunt(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;

	model_show_step(m, 1);
	assert_int_equal(m->button, -1);	/* nothing has the focus */
	model_key(m, MK_RIGHT);
	model_key(m, MK_LEFT);		/* wraps to the action button */
	assert_int_equal(m->button, BTN_ACTION);
	model_key(m, MK_RIGHT);
	assert_int_equal(m->button, BTN_FIXED);
	/* Enter goes on and answers nothing, even with a button focused. */
	model_key(m, MK_ENTER);
	assert_null(session_find(&f->s, "client.dns"));
	assert_int_equal(m->screen, SCR_STEP);
	model_show_step(m, 1);
	model_key(m, MK_RIGHT);
	assert_true(model_key(m, ' ') & IN_SAVE);
	assert_int_equal(m->screen, SCR_FIXED);
	assert_true(f->s.finished);
	assert_int_equal(session_find(&f->s, "client.dns")->answer,
	    ANS_FIXED);
	/* Export still works from the success screen. */
	model_key(m, 'e');
	assert_int_equal(m->overlay, OV_EXPORT);
}

static void
test_actions(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	int in;

	f->s.os = CL_OS_WINDOWS;
	m->r = &res;
	model_show_step(m, 0);			/* retest */
	in = model_key(m, 'a');
	assert_true(in & IN_RERUN);
	assert_string_equal(m->check_id, "http");
	model_show_step(m, 2);			/* path, no path check */
	model_key(m, 'a');
	assert_int_equal(m->overlay, OV_MESSAGE);
	assert_non_null(strstr(m->msg, "not available"));
	model_key(m, MK_ENTER);
	assert_int_equal(m->overlay, OV_NONE);
	res.checks[res.nchecks].id = "path";	/* with one: the path view */
	res.checks[res.nchecks].title = "Path";
	res.nchecks++;
	model_key(m, 'a');
	assert_int_equal(m->screen, SCR_PATH);
	model_key(m, MK_ESC);
	assert_int_equal(m->screen, SCR_STEP);
}

/* Nothing is flushed without a "y"; "y" asks for exactly one flush. */
static void
test_flush_confirmation(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	static const int other[] = { 'a', 'x', ' ', MK_ENTER, 'f', 'd', 'q',
		MK_TAB, 0 };
	int in;

	m->r = &res;
	model_show_step(m, 1);			/* flush_dns */
	in = model_key(m, 'a');
	assert_false(in & IN_FLUSH);
	assert_int_equal(m->overlay, OV_CONFIRM);
	assert_non_null(strstr(m->msg, "(y/n)"));
	/* No local check yet: it says so, and what it would run. */
	assert_non_null(strstr(m->msg, "has not finished"));
	/* Other keys neither flush nor close the question. */
	for (int i = 0; other[i]; i++) {
		in = model_key(m, other[i]);
		assert_false(in & IN_FLUSH);
		assert_int_equal(m->overlay, OV_CONFIRM);
	}
	in = model_key(m, 'n');
	assert_false(in & IN_FLUSH);
	assert_int_equal(m->overlay, OV_NONE);
	assert_int_equal(m->flush_asked, 0);
	model_key(m, 'a');
	in = model_key(m, MK_ESC);
	assert_false(in & IN_FLUSH);
	assert_int_equal(m->overlay, OV_NONE);
	model_key(m, 'a');
	in = model_key(m, 'y');
	assert_true(in & IN_FLUSH);
	assert_false(in & (IN_RERUN | IN_SAVE | IN_QUIT));
	assert_int_equal(m->overlay, OV_FLUSH);
	assert_int_equal(m->flush_asked, 1);
	/* The live result box closes with any key and flushes nothing. */
	in = model_key(m, 'y');
	assert_false(in & IN_FLUSH);
	assert_int_equal(m->overlay, OV_NONE);
	assert_int_equal(m->screen, SCR_STEP);
	/* The step was not answered by any of this. */
	assert_null(session_find(&f->s, "client.dns"));
}

static const struct {
	const char *caches;
	const char *kind;
	enum role role;
	enum cl_os os;
	const char *want[3];
} flush_questions[] = {
	{ "systemd-resolved", "systemd-resolved", ROLE_SELF, CL_OS_LINUX,
	  { "systemd-resolved", "resolvectl flush-caches", "(y/n)" } },
	{ "nscd", "resolv.conf", ROLE_SELF, CL_OS_LINUX,
	  { "nscd --invalidate=hosts", "sudo command", NULL } },
	{ "dnsmasq", "resolv.conf", ROLE_SELF, CL_OS_LINUX,
	  { "kill -HUP dnsmasq", NULL } },
	{ "systemd-resolved nscd", NULL, ROLE_SELF, CL_OS_LINUX,
	  { "resolvectl flush-caches; nscd --invalidate=hosts", NULL } },
	{ NULL, "resolv.conf", ROLE_SELF, CL_OS_LINUX,
	  { "No local DNS cache", "resolver: resolv.conf", "run nothing" } },
	{ "", NULL, ROLE_SELF, CL_OS_LINUX,
	  { "No local DNS cache", "unknown", NULL } },
	{ "systemd-resolved", NULL, ROLE_HELPDESK, CL_OS_WINDOWS,
	  { "resolvectl flush-caches", "caller's Windows machine",
	    "ipconfig /flushdns" } },
	{ NULL, "resolv.conf", ROLE_HELPDESK, CL_OS_MACOS,
	  { "caller's macOS machine", "dscacheutil -flushcache", NULL } },
};

/* The question names the cache found and exactly what will run. */
static void
test_flush_question(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;

	m->r = &res;
	res.checks[res.nchecks].id = "local";
	res.checks[res.nchecks].state = CHECK_DONE;
	res.nchecks++;
	for (size_t i = 0; i < sizeof(flush_questions) /
	    sizeof(*flush_questions); i++) {
		char *q;

		res.local.dns_caches = (char *)flush_questions[i].caches;
		res.local.resolver_kind = (char *)flush_questions[i].kind;
		f->s.role = flush_questions[i].role;
		f->s.os = flush_questions[i].os;
		q = model_flush_question(m);
		for (int k = 0; k < 3 && flush_questions[i].want[k]; k++)
			if (!strstr(q, flush_questions[i].want[k]))
				fail_msg("case %zu: no \"%s\" in \"%s\"", i,
				    flush_questions[i].want[k], q);
		assert_null(strstr(q, "has not finished"));
		free(q);
	}
	res.local.dns_caches = res.local.resolver_kind = NULL;
}

/* p opens the path view from everywhere; r there traces again. */
static void
test_path_keys(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	const struct model_keyhelp *k;
	int in, found = 0;

	m->r = &res;
	/* Without a path check: r on the path view does nothing. */
	model_key(m, MK_DOWN);
	model_key(m, MK_DOWN);
	model_key(m, MK_DOWN);
	model_key(m, MK_DOWN);
	model_key(m, MK_ENTER);			/* to the checks */
	assert_int_equal(m->screen, SCR_CHECKS);
	model_key(m, 'p');
	assert_int_equal(m->screen, SCR_PATH);
	assert_int_equal(model_key(m, 'r'), 0);
	res.checks[res.nchecks].id = "path";
	res.checks[res.nchecks].title = "Path";
	res.checks[res.nchecks].state = CHECK_DONE;
	res.nchecks++;
	m->check_id[0] = '\0';
	in = model_key(m, 'r');
	assert_true(in & IN_RERUN);
	assert_false(in & IN_FLUSH);
	assert_string_equal(m->check_id, "path");
	assert_int_equal(m->screen, SCR_PATH);
	for (k = model_keyhelp(m); k->keys; k++)
		found |= strcmp(k->keys, "r") == 0;
	assert_true(found);
	model_key(m, MK_ESC);
	assert_int_equal(m->screen, SCR_CHECKS);
	/* From a step and back. */
	model_show_step(m, 0);
	model_key(m, 'p');
	assert_int_equal(m->screen, SCR_PATH);
	model_key(m, MK_DOWN);
	assert_int_equal(m->scroll, 1);
	model_key(m, MK_ESC);
	assert_int_equal(m->screen, SCR_STEP);
	/* From the verdict: p goes there, r on the verdict reruns nothing. */
	model_key(m, 'v');
	assert_int_equal(m->screen, SCR_VERDICT);
	assert_int_equal(model_key(m, 'r'), 0);
	model_key(m, 'p');
	assert_int_equal(m->screen, SCR_PATH);
	model_key(m, MK_ESC);
	assert_int_equal(m->screen, SCR_STEP);
}

static const struct {
	const char *host;
	int format;
	const char *name;
} names[] = {
	{ "example.com", EXP_JSON,
	  "connreset-report-example.com-20260102-100000.json" },
	{ "127.0.0.1", EXP_TEXT,
	  "connreset-report-127.0.0.1-20260102-100000.txt" },
	{ "::1", EXP_MARKDOWN, "connreset-report-__1-20260102-100000.md" },
	{ "../../etc/x", EXP_HTML,
	  "connreset-report-target-20260102-100000.html" },
	{ "a/../b", EXP_HTML, "connreset-report-a_.._b-20260102-100000.html" },
	{ ".hidden", EXP_JSON, "connreset-report-target-20260102-100000.json" },
	{ "", EXP_JSON, "connreset-report-target-20260102-100000.json" },
	{ "b\xc3\xbc\x1b.de", EXP_JSON,
	  "connreset-report-b___.de-20260102-100000.json" },
};

static void
test_export_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char *n = model_export_name(names[i].host, "20260102-100000",
		    names[i].format);

		assert_string_equal(n, names[i].name);
		assert_null(strchr(n, '/'));
		free(n);
	}
	assert_int_equal(model_export_rf(EXP_JSON), RF_JSON);
	assert_int_equal(model_export_rf(EXP_TEXT), RF_TEXT);
	assert_int_equal(model_export_rf(EXP_MARKDOWN), RF_MARKDOWN);
	assert_int_equal(model_export_rf(EXP_HTML), RF_HTML);
}

static void
test_export_dialog(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	int in;

	m->screen = SCR_CHECKS;
	model_key(m, 'e');
	assert_int_equal(m->overlay, OV_EXPORT);
	assert_string_equal(m->exp_name.buf,
	    "connreset-report-127.0.0.1-20260102-100000.json");
	model_key(m, MK_DOWN);
	assert_string_equal(m->exp_name.buf,
	    "connreset-report-127.0.0.1-20260102-100000.txt");
	/* A name edited away from the pattern keeps its extension. */
	model_key(m, MK_CTRL_U);
	type(m, "mine.log");
	model_key(m, MK_DOWN);
	assert_string_equal(m->exp_name.buf, "mine.log");
	assert_int_equal(m->exp_format, EXP_MARKDOWN);
	in = model_key(m, MK_ENTER);
	assert_true(in & IN_EXPORT);
	assert_string_equal(m->exp_path, "mine.log");
	assert_false(m->exp_force);
	/* The shell found the file there: ask, and force only on yes. */
	model_ask_overwrite(m);
	assert_int_equal(m->overlay, OV_CONFIRM);
	assert_non_null(strstr(m->msg, "mine.log"));
	assert_int_equal(model_key(m, 'x'), 0);
	in = model_key(m, 'y');
	assert_true(in & IN_EXPORT);
	assert_true(m->exp_force);
	/* From a resolved target, the host comes from the evidence. */
	res.target.ascii_host = "xn--bcher-kva.example";
	m->r = &res;
	model_key(m, 'e');
	assert_string_equal(m->exp_name.buf, "connreset-report-"
	    "xn--bcher-kva.example-20260102-100000.md");
	res.target.ascii_host = NULL;
}

static void
test_export_host_from_input(void **state)
{
	struct fix *f = *state;
	static const struct { const char *in, *host; } t[] = {
		{ "https://user:pw@Example.com:8443/x", "Example.com" },
		{ "example.com/path", "example.com" },
		{ "http://[2001:db8::1]:80/", "2001:db8::1" },
		{ "", "" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(*t); i++) {
		char *h;

		xstrset(&f->s.input, t[i].in);
		h = model_export_host(&f->m);
		assert_string_equal(h, t[i].host);
		free(h);
	}
}

static void
test_quit_and_help(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;

	m->screen = SCR_CHECKS;
	assert_true(model_key(m, 'q') & IN_QUIT);
	m->save_failed = 1;
	assert_false(model_key(m, 'q') & IN_QUIT);
	assert_int_equal(m->overlay, OV_CONFIRM);
	assert_non_null(strstr(m->msg, "autosave failed"));
	model_key(m, MK_ESC);
	assert_int_equal(m->overlay, OV_NONE);
	model_key(m, 'q');
	assert_true(model_key(m, 'y') & IN_QUIT);
	for (int s = 0; s < SCR_COUNT; s++) {
		m->screen = (enum screen_id)s;
		m->field = START_ROLE;
		assert_non_null(model_keyhelp(m)[0].keys);
		model_key(m, '?');
		assert_int_equal(m->overlay, OV_HELP);
		model_key(m, 'z');
		assert_int_equal(m->overlay, OV_NONE);
		model_key(m, MK_F1);
		assert_int_equal(m->overlay, OV_HELP);
		model_key(m, MK_ESC);
	}
}

static void
test_resume(void **state)
{
	struct fix *f = *state;
	struct model m2;

	f->s.role = ROLE_SITE_OWNER;
	session_answer(&f->s, "server.logs", ANS_NOT_FIXED, "nothing there");
	session_answer(&f->s, "server.listen", ANS_SKIPPED, "later");
	xstrset(&f->s.current_step, "server.listen");
	model_init(&m2, &f->s, &cl);
	model_resume(&m2);
	assert_int_equal(m2.screen, SCR_STEP);
	assert_int_equal(m2.pos, 1);
	assert_string_equal(model_step(&m2)->id, "server.listen");
	assert_string_equal(m2.note.buf, "later");
	assert_string_equal(m2.url.buf, "http://127.0.0.1:9/");
	model_free(&m2);
	/* A step answered "fixed" resumes on the success screen. */
	session_answer(&f->s, "server.listen", ANS_FIXED, NULL);
	model_init(&m2, &f->s, &cl);
	model_resume(&m2);
	assert_int_equal(m2.screen, SCR_FIXED);
	model_free(&m2);
	/* An unknown step id: the checks view. */
	xstrset(&f->s.current_step, "gone.step");
	model_init(&m2, &f->s, &cl);
	model_resume(&m2);
	assert_int_equal(m2.screen, SCR_CHECKS);
	model_free(&m2);
}

static void
test_clicks(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;

	model_show_step(m, 0);
	model_hits_reset(m);
	model_hit(m, 20, 2, 15, 'f', BTN_FIXED);
	model_hit(m, 20, 17, 30, 'd', BTN_NOT_FIXED);
	assert_int_equal(model_click(m, 5, 5), 0);
	model_click(m, 20, 20);
	assert_int_equal(session_find(&f->s, "client.cache")->answer,
	    ANS_NOT_FIXED);
	/* With an overlay up, only its own hits count. */
	model_key(m, '?');
	m->hit_base = m->nhits;
	model_click(m, 20, 3);
	assert_int_equal(m->overlay, OV_NONE);
	assert_null(session_find(&f->s, "client.dns"));
}

static void
test_textfield(void **state)
{
	struct textfield tf;

	(void)state;
	tf_set(&tf, "caf\xc3\xa9");
	assert_int_equal(text_columns(tf.buf, tf.len), 4);
	tf_backspace(&tf);
	assert_string_equal(tf.buf, "caf");
	tf_insert(&tf, 0x2714);
	assert_string_equal(tf.buf, "caf\xe2\x9c\x94");
	tf_move(&tf, -1);
	tf_move(&tf, -1);
	tf_insert(&tf, 'X');
	assert_string_equal(tf.buf, "caX" "f\xe2\x9c\x94");
	assert_int_equal(tf_insert(&tf, 0x1b), 0);
	assert_int_equal(tf_insert(&tf, 0x9b), 0);
	tf_home(&tf);
	tf_delete(&tf);
	assert_string_equal(tf.buf, "aX" "f\xe2\x9c\x94");
	tf_set(&tf, NULL);
	for (int i = 0; i < TEXTFIELD_MAX + 10; i++)
		tf_insert(&tf, 0xe9);
	assert_true(tf.len <= TEXTFIELD_MAX);
	assert_int_equal(tf.len % 2, 0);
}

static const struct {
	const char *text;
	int width;
	size_t n;
	const char *lines[4];
} wraps[] = {
	{ "one two three", 7, 2, { "one two", "three" } },
	{ "abcdefghij", 4, 3, { "abcd", "efgh", "ij" } },
	{ "a\nb c", 10, 2, { "a", "b c" } },
	{ "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9", 3, 2,
	  { "\xc3\xa9\xc3\xa9\xc3\xa9", "\xc3\xa9" } },
	{ "", 10, 1, { "" } },
	{ "  indented", 20, 1, { "  indented" } },
};

static void
test_wrap(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(wraps) / sizeof(*wraps); i++) {
		size_t n;
		char **l = wrap_text(wraps[i].text, wraps[i].width, &n);

		assert_int_equal(n, wraps[i].n);
		for (size_t k = 0; k < n; k++)
			assert_string_equal(l[k], wraps[i].lines[k]);
		wrap_free(l, n);
	}
}

static void
test_case_summary_fits(void **state)
{
	struct fix *f = *state;
	struct verdict v;
	char id[16], **l;
	size_t n;
	int saw_more = 0, saw_fail = 0;

	memset(&v, 0, sizeof(v));
	v.symptom = SYM_RESET;
	v.cause = CAUSE_MIDDLEBOX_INJECTION;
	v.summary = "Something between you and the site resets the "
	    "connection when it sees the name of the site, which is a long "
	    "sentence that must be cut to one line.";
	for (int i = 0; i < 30; i++) {
		snprintf(id, sizeof(id), "s%d", i);
		session_answer(&f->s, id, ANS_NOT_FIXED, "tried it");
	}
	l = casesum_lines(&f->s, &cl, &res, &v, 76, CASESUM_MAX_LINES, &n);
	assert_true(n <= CASESUM_MAX_LINES);
	for (size_t i = 0; i < n; i++) {
		assert_true(text_width(l[i]) <= 76);
		saw_more |= strstr(l[i], "more") != NULL;
		saw_fail |= strstr(l[i], "reset before any response") != NULL;
	}
	assert_true(saw_more);
	assert_true(saw_fail);
	assert_non_null(strstr(l[1], "127.0.0.1"));
	wrap_free(l, n);
}

/* Enter pressed through every step answers nothing and ends at the
   verdict. */
static void
test_enter_never_answers(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;

	m->r = &res;
	model_show_step(m, 0);
	for (int i = 0; i < 20 && m->screen == SCR_STEP; i++)
		model_key(m, MK_ENTER);
	assert_int_equal(m->screen, SCR_VERDICT);
	assert_int_equal(f->s.nanswers, 0);
	/* Space with no button focused answers nothing either. */
	model_show_step(m, 0);
	model_key(m, ' ');
	assert_int_equal(f->s.nanswers, 0);
}

/* "Fixed it" while the checks still see a fault asks, and keeps both. */
static void
test_fixed_with_fault(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	const struct session_answer *a;

	snprintf(m->fault, sizeof(m->fault), "a middlebox resets it");
	model_show_step(m, 0);
	model_key(m, 'f');
	assert_int_equal(m->overlay, OV_CONFIRM);
	assert_non_null(strstr(m->msg, "still see a fault: a middlebox"));
	assert_null(session_find(&f->s, "client.cache"));
	model_key(m, 'n');
	assert_int_equal(m->overlay, OV_NONE);
	assert_null(session_find(&f->s, "client.cache"));
	model_key(m, 'f');
	assert_true(model_key(m, 'y') & IN_SAVE);
	a = session_find(&f->s, "client.cache");
	assert_non_null(a);
	assert_int_equal(a->answer, ANS_FIXED);
	assert_string_equal(a->checks_said, "a middlebox resets it");
	assert_int_equal(m->screen, SCR_FIXED);
}

/* A test step: its own buttons, and each answer's next step, with the
   steps jumped over said in the status line. */
static struct cl_outcome out_other[] = {
	{ "works_there", "the first network", "network.isp" },
	{ "fails_there", "not the network", "server.site" },
	{ "not_tried", "unknown", NULL },
};
static struct cl_step tsteps[] = {
	{ "network.other", CL_NETWORK, "Test from a second network", "w",
	  { "w", "m", "l" }, { NULL }, NULL, NULL, 0, out_other, 3 },
	{ "network.filter", CL_NETWORK, "Look for a filter", "w",
	  { "w", "m", "l" }, { NULL }, NULL, NULL, 0, NULL, 0 },
	{ "network.isp", CL_NETWORK, "Call the provider", "w",
	  { "w", "m", "l" }, { NULL }, NULL, NULL, 0, NULL, 0 },
	{ "server.contact_site_owner", CL_SERVER, "Report to the owner", "w",
	  { "w", "m", "l" }, { NULL }, NULL, NULL, 0, NULL, 0 },
	{ "server.site", CL_SERVER, "Read the logs", "w",
	  { "w", "m", "l" }, { NULL }, NULL, NULL, 0, NULL, 0 },
};
static struct checklist tcl = { tsteps, sizeof(tsteps) / sizeof(*tsteps) };

static void
test_test_step_branching(void **state)
{
	struct fix *f = *state;
	struct model m;
	int b[BTN_COUNT], n;
	struct verdict v;

	(void)state;
	memset(&v, 0, sizeof(v));
	model_init(&m, &f->s, &tcl);
	n = model_step_buttons(&tsteps[0], b);
	assert_int_equal(n, 5);
	assert_int_equal(b[0], BTN_WORKS);
	assert_int_equal(b[1], BTN_FAILS);
	assert_int_equal(b[2], BTN_NOT_TRIED);
	assert_int_equal(model_step_buttons(&tsteps[1], b), 4);
	assert_int_equal(b[0], BTN_FIXED);
	assert_non_null(strstr(model_step_footer(&m), "w works there"));
	model_show_step(&m, 0);
	assert_non_null(strstr(model_step_footer(&m), "w works there"));
	/* 'f' means nothing on a test step. */
	assert_int_equal(model_key(&m, 'f') & IN_SAVE, 0);
	model_key(&m, 'w');
	assert_string_equal(model_step(&m)->id, "network.isp");
	assert_int_equal(session_find(&f->s, "network.other")->answer,
	    ANS_WORKS_THERE);
	assert_non_null(strstr(m.status, "Skipping 1 step (\"Look for a "
	    "filter\"): your answer rules it out."));
	/* The verdict names the filter step: a jump does not pass it. */
	v.next_steps[0].step_id = "network.filter";
	v.nnext = 1;
	m.v = &v;
	model_show_step(&m, 0);
	model_key(&m, 'x');
	assert_string_equal(model_step(&m)->id, "network.filter");
	assert_int_equal(session_find(&f->s, "network.other")->answer,
	    ANS_FAILS_THERE);
	m.v = NULL;
	model_show_step(&m, 0);
	model_key(&m, 'x');
	assert_string_equal(model_step(&m)->id, "server.site");
	assert_non_null(strstr(m.status, "Skipping 3 steps"));
	model_free(&m);
}

/* The site owner starts at the server and is never asked to report to
   the site owner. */
static void
test_owner_flow(void **state)
{
	struct fix *f = *state;
	struct model m;

	f->s.role = ROLE_SITE_OWNER;
	model_init(&m, &f->s, &tcl);
	m.field = START_GO;
	model_key(&m, MK_ENTER);
	assert_int_equal(m.screen, SCR_CHECKS);
	model_key(&m, MK_ENTER);
	assert_string_equal(model_step(&m)->id, "server.site");
	for (size_t i = 0; i < m.norder; i++)
		assert_string_not_equal(tcl.steps[m.order[i]].id,
		    "server.contact_site_owner");
	assert_string_equal(model_section_label(&m, CL_SERVER), "Your server");
	model_free(&m);
}

/* The header's case line and the real address in instructions. */
static void
test_case_tag_and_address(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	char *t;

	xstrset(&f->s.input, "https://shop.example:8443/cart");
	f->s.role = ROLE_HELPDESK;
	f->s.os = CL_OS_IOS;
	f->s.browser = CL_BR_SAFARI;
	session_set_helped(&f->s, "Anna");
	t = model_case_tag(m);
	assert_string_equal(t, "shop.example | helping Anna: iOS, Safari");
	free(t);
	t = model_real_address(m, "curl -v https://example.com/ and "
	    "openssl s_client -connect example.com:443; dig example.com");
	assert_string_equal(t, "curl -v https://shop.example:8443/cart and "
	    "openssl s_client -connect shop.example:8443; dig shop.example");
	free(t);
	assert_string_equal(model_section_label(m, CL_CLIENT),
	    "The caller's device");
}

/* After a redirect the heading names what was typed, not the landing. */
static void
test_case_tag_redirected(void **state)
{
	struct fix *f = *state;
	struct model *m = &f->m;
	char *t;

	xstrset(&f->s.input, "http://shop.example/");
	res.target.input = "http://shop.example/";
	res.target.url = "https://www.shop.example/login";
	res.target.host = "www.shop.example";
	res.target.port = 443;
	res.nhttp = 2;
	res.http[0].variant = res.http[1].variant = HV_REDIRECT;
	res.http[0].result = res.http[1].result = HTTP_RESPONSE;
	res.http[0].url = "http://shop.example/";
	res.http[0].location = res.http[1].url =
	    "https://www.shop.example/login";
	res.http[1].hop = 1;
	m->r = &res;
	t = model_case_tag(m);
	if (strncmp(t, "shop.example | ", 15) != 0)
		fail_msg("heading: %s", t);
	free(t);
	/* Without the chain, the target is what was typed. */
	res.nhttp = 0;
	t = model_case_tag(m);
	assert_non_null(strstr(t, "www.shop.example | "));
	free(t);
	memset(&res.target, 0, sizeof(res.target));
	memset(res.http, 0, 2 * sizeof(res.http[0]));
	m->r = NULL;
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_order_by_role),
		T(test_case_tag_redirected),
		T(test_start_screen),
		T(test_checks_screen),
		T(test_step_answers),
		T(test_note_on_answered_step),
		T(test_fixed_ends_hunt),
		T(test_actions),
		T(test_flush_confirmation),
		T(test_flush_question),
		T(test_path_keys),
		cmocka_unit_test(test_export_names),
		T(test_export_dialog),
		T(test_export_host_from_input),
		T(test_quit_and_help),
		T(test_resume),
		T(test_clicks),
		cmocka_unit_test(test_textfield),
		cmocka_unit_test(test_wrap),
		T(test_case_summary_fits),
		T(test_enter_never_answers),
		T(test_fixed_with_fault),
		T(test_test_step_branching),
		T(test_owner_flow),
		T(test_case_tag_and_address),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
