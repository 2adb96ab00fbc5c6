/* Unit tests: the session model, its JSON form and the session store. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "diag/session.h"
#include "core/xalloc.h"
#include "tui/store.h"

#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *
slurp(const char *name)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	char *path = xasprintf("%s/%s", dir ? dir : "tests/data", name);
	FILE *f = fopen(path, "rb");
	char *buf = xcalloc(1, 65536);

	assert_non_null(f);
	assert_true(fread(buf, 1, 65535, f) > 0);
	fclose(f);
	free(path);
	return buf;
}

static void
test_answer_records_and_replaces(void **state)
{
	struct session s;
	const struct session_answer *a;

	(void)state;
	session_init(&s);
	assert_null(session_find(&s, "client.cache"));
	session_answer(&s, "client.cache", ANS_NOT_FIXED, "cleared it");
	session_answer(&s, "network.vpn", ANS_SKIPPED, NULL);
	session_answer(&s, "client.cache", ANS_FIXED, "");
	assert_int_equal(s.nanswers, 2);
	a = session_find(&s, "client.cache");
	assert_non_null(a);
	assert_int_equal(a->answer, ANS_FIXED);
	assert_null(a->note);	/* an empty note is no note */
	assert_non_null(a->answered_at);
	assert_int_equal(strlen(a->answered_at), 24);
	assert_int_equal(a->answered_at[23], 'Z');
	assert_string_equal(s.updated, a->answered_at);
	session_free(&s);
}

/*
 * What was typed is stored redacted even when it never reached the
 * parser: a bad port, a space, a quote in the password, no scheme.
 */
static void
test_input_is_redacted(void **state)
{
	static const char *const typed[] = {
		"http://bob:pw4secret@host:99999/",
		"http://bob:pw4 secret@host/",
		"http://bob:pw4\"secret@host/a b",
		"bob:pw4secret@host",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(typed) / sizeof(*typed); i++) {
		struct session s, t;
		char *json, *err = NULL;

		session_init(&s);
		s.input = xstrdup(typed[i]);
		json = session_to_json(&s);
		if (strstr(json, "pw4") || strstr(json, "bob"))
			fail_msg("input %zu stored in clear: %s", i, json);
		assert_int_equal(session_from_json(json, &t, &err), 0);
		assert_non_null(strstr(t.input, "[redacted]@host"));
		free(json);
		session_free(&s);
		session_free(&t);
	}
}

static void
test_note_is_redacted_and_sanitized(void **state)
{
	struct session s;
	const struct session_answer *a;

	(void)state;
	session_init(&s);
	session_answer(&s, "x", ANS_NOT_FIXED,
	    "proxy http://bob:hunter2@proxy:3128 \x1b[2J done");
	a = session_find(&s, "x");
	assert_null(strstr(a->note, "hunter2"));
	assert_null(strchr(a->note, '\x1b'));
	assert_non_null(strstr(a->note, "done"));
	session_free(&s);
}

/* Notes that must come back exactly, and hostile ones that must come
   back harmless. */
static const struct {
	const char *note;
	const char *back;	/* NULL: same as note */
} notes[] = {
	{ "plain words", NULL },
	{ "quotes \" and \\ backslashes \\\" and {}[],:", NULL },
	{ "unicode: caf\xc3\xa9 \xe2\x9c\x94 \xf0\x9f\x98\x80", NULL },
	{ "</script><script>alert(1)</script>", NULL },
	{ "tab\there", "tab\\x09here" },
	{ "esc \x1b]0;title\x07 bell", "esc \\x1b]0;title\\x07 bell" },
	{ "bidi \xe2\x80\xae reversed", "bidi \\u202e reversed" },
	{ "bad utf8 \xff\xfe end", "bad utf8 \\xff\\xfe end" },
};

static void
test_json_round_trip(void **state)
{
	struct session s, t;
	char *json, *err = NULL, id[16];

	(void)state;
	session_init(&s);
	s.role = ROLE_HELPDESK;
	s.seen = SEEN_PARTIAL;
	s.os = CL_OS_WINDOWS;
	s.browser = CL_BR_FIREFOX;
	s.input = xstrdup("https://example.test/a?b=c");
	s.current_step = xstrdup("step3");
	s.finished = 1;
	for (size_t i = 0; i < sizeof(notes) / sizeof(*notes); i++) {
		snprintf(id, sizeof(id), "step%zu", i);
		session_answer(&s, id, (enum answer)(1 + i % 3), notes[i].note);
	}
	json = session_to_json(&s);
	assert_int_equal(session_from_json(json, &t, &err), 0);
	assert_null(err);
	assert_int_equal(t.role, ROLE_HELPDESK);
	assert_int_equal(t.seen, SEEN_PARTIAL);
	assert_int_equal(t.os, CL_OS_WINDOWS);
	assert_int_equal(t.browser, CL_BR_FIREFOX);
	assert_string_equal(t.input, s.input);
	assert_string_equal(t.current_step, "step3");
	assert_string_equal(t.started, s.started);
	assert_string_equal(t.updated, s.updated);
	assert_true(t.finished);
	assert_int_equal(t.nanswers, s.nanswers);
	for (size_t i = 0; i < sizeof(notes) / sizeof(*notes); i++) {
		const struct session_answer *a = &t.answers[i];

		assert_string_equal(a->step_id, s.answers[i].step_id);
		assert_int_equal(a->answer, s.answers[i].answer);
		assert_string_equal(a->answered_at, s.answers[i].answered_at);
		assert_string_equal(a->note, notes[i].back ? notes[i].back :
		    notes[i].note);
	}
	free(json);
	session_free(&s);
	session_free(&t);
}

static void
test_evidence_snapshot(void **state)
{
	struct session s, t;
	struct probe_results r;
	char *json, *err = NULL;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.target.host = "h.test";
	r.nchecks = 1;
	r.checks[0].id = "http";
	r.checks[0].title = "HTTP";
	r.checks[0].state = CHECK_DONE;
	r.checks[0].status = CS_FAIL;
	r.checks[0].summary = "reset \x1b after 10 bytes";
	session_init(&s);
	json = session_to_json_ev(&s, &r);
	assert_int_equal(session_from_json(json, &t, &err), 0);
	assert_true(t.have_results);
	assert_int_equal(t.results.nchecks, 1);
	assert_string_equal(t.results.checks[0].id, "http");
	assert_int_equal(t.results.checks[0].status, CS_FAIL);
	/* A raw escape in the evidence comes back as visible text. */
	assert_string_equal(t.results.checks[0].summary,
	    "reset \\x1b after 10 bytes");
	assert_string_equal(t.results.target.host, "h.test");
	free(json);
	session_free(&t);
	/* Without a snapshot there is none after loading either. */
	json = session_to_json(&s);
	assert_null(strstr(json, "\"evidence\""));
	assert_int_equal(session_from_json(json, &t, &err), 0);
	assert_false(t.have_results);
	free(json);
	session_free(&t);
	session_free(&s);
}

static void
test_fixture_valid(void **state)
{
	struct session s;
	char *json = slurp("session_valid.json"), *err = NULL;

	(void)state;
	assert_int_equal(session_from_json(json, &s, &err), 0);
	assert_int_equal(s.role, ROLE_SITE_OWNER);
	assert_int_equal(s.seen, SEEN_TIMEOUT);
	assert_int_equal(s.os, CL_OS_MACOS);
	assert_int_equal(s.browser, CL_BR_SAFARI);
	assert_int_equal(s.nanswers, 2);
	assert_string_equal(s.answers[1].note, "restarted nginx");
	assert_string_equal(s.answers[1].answered_at,
	    "2026-01-02T10:05:00.000Z");
	assert_string_equal(s.current_step, "server.logs");
	free(json);
	session_free(&s);
}

static void
test_fixture_edge_hostile(void **state)
{
	struct session s;
	char *json = slurp("session_edge_hostile.json"), *err = NULL;

	(void)state;
	assert_int_equal(session_from_json(json, &s, &err), 0);
	assert_int_equal(s.nanswers, 1);
	/* Escapes in the file come back as visible text, never raw. */
	assert_null(strchr(s.answers[0].note, '\x1b'));
	assert_null(strchr(s.input, '\x1b'));
	assert_null(strchr(s.current_step, '\x07'));
	free(json);
	session_free(&s);
}

static const char *const malformed[] = {
	"session_malformed.json",
	"session_malformed_answers.json",
	"session_malformed_role.json",
	"session_malformed_version.json",
	"session_malformed_evidence.json",
};

static void
test_fixture_malformed(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(malformed) / sizeof(*malformed); i++) {
		struct session s;
		char *json = slurp(malformed[i]), *err = NULL;

		assert_int_equal(session_from_json(json, &s, &err), -1);
		assert_non_null(err);
		assert_null(strchr(err, '\n'));
		free(err);
		free(json);
	}
}

/* Removes every file of dir, then dir. */
static void
rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL) {
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/*
 * Cases: each under its own name, never overwritten by a new one, the
 * latest by default, any by id, gone only by store_expire().
 */
static void
test_store_save_load(void **state)
{
	char dir[] = "/tmp/connreset-test-XXXXXX", *path, *err = NULL;
	struct session s, s2, t;
	struct store_case *c;
	struct stat st;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/deep/state", dir);
	setenv("XDG_STATE_HOME", path, 1);
	assert_int_equal(store_load(NULL, &t, &err), -2);
	assert_non_null(strstr(err, "no saved case"));
	free(err);
	session_init(&s);
	xstrset(&s.started, "2026-01-02T03:04:05Z");
	s.input = xstrdup("https://user:pw@Example.com:8443/x");
	session_answer(&s, "a", ANS_NOT_FIXED, "note one");
	/* Without a name there is no file to write. */
	assert_int_equal(store_save(&s, NULL, &err), -1);
	free(err);
	assert_int_equal(store_name_case(&s, &err), 0);
	assert_string_equal(s.id, "example.com-20260102-030405");
	assert_int_equal(store_save(&s, NULL, &err), 0);
	session_answer(&s, "b", ANS_SKIPPED, "note two");
	assert_int_equal(store_save(&s, NULL, &err), 0);
	/* A second case of the same address in the same second. */
	session_init(&s2);
	xstrset(&s2.started, s.started);
	xstrset(&s2.updated, "2027-01-01T00:00:00Z");
	s2.input = xstrdup("example.com");
	assert_int_equal(store_name_case(&s2, &err), 0);
	assert_int_equal(store_save(&s2, NULL, &err), 0);
	assert_int_equal(store_name_case(&s, &err), 0);	/* keeps its id */
	assert_string_equal(s.id, "example.com-20260102-030405");
	assert_string_equal(s2.id, "example.com-20260102-030405-2");
	/* The latest is the one saved last. */
	assert_int_equal(store_load("latest", &t, &err), 0);
	assert_string_equal(t.id, s2.id);
	session_free(&t);
	assert_int_equal(store_load(s.id, &t, &err), 0);
	assert_int_equal(t.nanswers, 2);
	assert_string_equal(t.answers[1].note, "note two");
	assert_string_equal(t.id, s.id);
	session_free(&t);
	c = store_cases(&n);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].id, s2.id);
	assert_int_equal(c[1].nanswers, 2);
	store_cases_free(c, n);
	/* Unknown and malformed ids: -2, one line. */
	assert_int_equal(store_load("nope-20260101-000000", &t, &err), -2);
	assert_non_null(strstr(err, "no saved case 'nope"));
	free(err);
	assert_int_equal(store_load("../etc", &t, &err), -2);
	free(err);
	free(path);
	path = xasprintf("%s/deep/state/connreset/case-%s.json", dir, s.id);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(path);
	path = xasprintf("%s/deep/state/connreset", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* Expiry by days keeps fresh cases; 0 removes all. */
	assert_int_equal(store_expire(30, &err), 0);
	assert_int_equal(store_expire(0, &err), 2);
	c = store_cases(&n);
	assert_int_equal(n, 0);
	store_cases_free(c, n);
	session_free(&s);
	session_free(&s2);
	rm_dir(path);
	free(path);
	path = xasprintf("%s/deep/state", dir);
	rmdir(path);
	free(path);
	path = xasprintf("%s/deep", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
}

/* How a case was started, and the help-desk facts, survive a save. */
static void
test_run_roundtrip(void **state)
{
	struct session s, t;
	struct session_run run = { 0 };
	char *json, *err = NULL;

	(void)state;
	session_init(&s);
	run.timeout_ms = 2500;
	run.attempts = 3;
	run.no_asn = 1;
	run.cacert = "/tmp/ca.pem";
	run.proxy[1] = "http://bob:secret@192.0.2.8:3128";
	session_run_set(&s, &run);
	s.role = ROLE_HELPDESK;
	s.os = CL_OS_MACOS;
	s.browser = CL_BR_SAFARI;
	session_set_helped(&s, "Anna, ticket 42");
	session_answer(&s, "client.cache", ANS_FIXED, NULL);
	session_answer_despite(&s, "client.cache", "a middlebox resets it");
	session_answer(&s, "network.other", ANS_WORKS_THERE, NULL);
	json = session_to_json(&s);
	assert_null(strstr(json, "secret"));
	assert_int_equal(session_from_json(json, &t, &err), 0);
	assert_int_equal(t.run.timeout_ms, 2500);
	assert_int_equal(t.run.attempts, 3);
	assert_true(t.run.no_asn);
	assert_string_equal(t.run.cacert, "/tmp/ca.pem");
	assert_non_null(strstr(t.run.proxy[1], "192.0.2.8:3128"));
	assert_string_equal(t.helped, "Anna, ticket 42");
	assert_int_equal(t.os, CL_OS_MACOS);
	assert_string_equal(session_find(&t, "client.cache")->checks_said,
	    "a middlebox resets it");
	assert_int_equal(session_find(&t, "network.other")->answer,
	    ANS_WORKS_THERE);
	assert_string_equal(answer_name(ANS_FAILS_THERE), "fails_there");
	free(json);
	session_free(&s);
	session_free(&t);
}

/* Makes dir/name, dir/name.XXXXXX style file with an age in seconds. */
static char *
touch_file(const char *dir, const char *name, long age)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct timespec ts[2];
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs("{", f);
	fclose(f);
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= age;
	ts[1] = ts[0];
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	return path;
}

/*
 * A FIFO at the session path neither hangs --resume nor is replaced by a
 * save; temporaries a killed save left behind are removed, fresh ones
 * (another connreset saving right now) are kept.
 */
static void
test_store_odd_files(void **state)
{
	char dir[] = "/tmp/connreset-test-XXXXXX", *sdir, *path, *err = NULL;
	char *old, *fresh;
	struct session s, t;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("XDG_STATE_HOME", dir, 1);
	sdir = xasprintf("%s/connreset", dir);
	assert_int_equal(mkdir(sdir, 0700), 0);
	path = xasprintf("%s/case-127.0.0.1-20260102-030405.json", sdir);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(10);	/* a hang is a failure, not a stuck test run */
	assert_int_equal(store_load("127.0.0.1-20260102-030405", &t, &err),
	    -1);
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	session_init(&s);
	s.input = xstrdup("http://127.0.0.1:9/");
	s.id = xstrdup("127.0.0.1-20260102-030405");
	assert_int_equal(store_save(&s, NULL, &err), -1);
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	alarm(0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	unlink(path);
	old = touch_file(sdir, "case-127.0.0.1-20260102-030405.json.Ab12Cd",
	    3600);
	fresh = touch_file(sdir, "case-127.0.0.1-20260102-030405.json.Xy34Zw",
	    0);
	assert_int_equal(store_save(&s, NULL, &err), 0);
	assert_int_equal(lstat(old, &st), -1);
	assert_int_equal(lstat(fresh, &st), 0);
	assert_int_equal(store_load(NULL, &t, &err), 0);
	session_free(&s);
	session_free(&t);
	unlink(fresh);
	unlink(path);
	rmdir(sdir);
	rmdir(dir);
	free(old);
	free(fresh);
	free(path);
	free(sdir);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(answer_name(ANS_NOT_FIXED), "not_fixed");
	assert_int_equal(answer_from_name("skipped"), ANS_SKIPPED);
	assert_string_equal(role_name(ROLE_SITE_OWNER), "site_owner");
	assert_int_equal(role_from_name("helpdesk"), ROLE_HELPDESK);
	assert_int_equal(role_from_name("admin"), -1);
	assert_string_equal(seen_name(SEEN_PARTIAL), "partial");
	assert_int_equal(seen_from_name("timeout"), SEEN_TIMEOUT);
	assert_string_equal(answer_name((enum answer)42), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_records_and_replaces),
		cmocka_unit_test(test_note_is_redacted_and_sanitized),
		cmocka_unit_test(test_input_is_redacted),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_evidence_snapshot),
		cmocka_unit_test(test_fixture_valid),
		cmocka_unit_test(test_fixture_edge_hostile),
		cmocka_unit_test(test_fixture_malformed),
		cmocka_unit_test(test_store_save_load),
		cmocka_unit_test(test_store_odd_files),
		cmocka_unit_test(test_run_roundtrip),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
