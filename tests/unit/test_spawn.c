/* Unit tests of src/core/spawn: helpers run on the loop, never a shell. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/loop.h"
#include "core/spawn.h"
#include "core/xalloc.h"

struct outcome {
	int done;
	struct spawn_result r;	/* copied, with owned buffers */
};

static void
on_done(const struct spawn_result *res, void *arg)
{
	struct outcome *o = arg;

	o->done++;
	o->r = *res;
	o->r.out = xstrndup(res->out, res->out_len);
	o->r.err = xstrndup(res->err, res->err_len);
}

/* Runs argv on a fresh loop until it is reaped; fails after 5 s. */
static void
run(const char *const *argv, long timeout_ms, size_t cap, struct outcome *o)
{
	struct loop *lp = loop_new();
	double t0 = loop_now_ms();

	memset(o, 0, sizeof(*o));
	assert_non_null(spawn_start(lp, argv, timeout_ms, cap, on_done, o));
	/* done must not run inside spawn_start */
	assert_int_equal(o->done, 0);
	while (!o->done && loop_now_ms() - t0 < 5000)
		loop_run_once(lp, 100);
	assert_int_equal(o->done, 1);
	assert_int_equal(loop_pending(lp), 0);
	loop_free(lp);
}

static void
clear(struct outcome *o)
{
	free(o->r.out);
	free(o->r.err);
}

static void
test_echo(void **state)
{
	const char *argv[] = { "/bin/echo", "hello", "a b", NULL };
	struct outcome o;

	(void)state;
	run(argv, 2000, 0, &o);
	assert_int_equal(o.r.exec_errno, 0);
	assert_true(o.r.exited);
	assert_int_equal(o.r.exit_code, 0);
	assert_string_equal(o.r.out, "hello a b\n");
	assert_string_equal(o.r.err, "");
	assert_false(o.r.timed_out);
	clear(&o);
}

static void
test_false(void **state)
{
	const char *argv[] = { "/bin/false", NULL };
	struct outcome o;

	(void)state;
	run(argv, 2000, 0, &o);
	assert_int_equal(o.r.exec_errno, 0);
	assert_true(o.r.exited);
	assert_int_equal(o.r.exit_code, 1);
	clear(&o);
}

static void
test_missing(void **state)
{
	const char *argv[] = { "connreset-no-such-helper-xyz", "--x", NULL };
	struct outcome o;

	(void)state;
	run(argv, 2000, 0, &o);
	assert_int_equal(o.r.exec_errno, ENOENT);
	assert_false(o.r.exited);
	clear(&o);
}

/* A name absolute or nowhere: found in the system's directories even when
   PATH leaves them out, as an ordinary user's PATH leaves out /usr/sbin. */
static void
test_system_dirs(void **state)
{
	const char *argv[] = { "true", NULL };
	char *old = getenv("PATH") ? xstrdup(getenv("PATH")) : NULL;
	DIR *d = opendir("/usr/sbin");
	struct dirent *de;
	struct outcome o;
	char *p, *want = NULL;
	struct stat st;

	(void)state;
	assert_non_null(d);
	while (!want && (de = readdir(d))) {
		char *f = xasprintf("/usr/sbin/%s", de->d_name);
		char *l = xasprintf("/usr/local/sbin/%s", de->d_name);

		if (de->d_name[0] != '.' && stat(f, &st) == 0 &&
		    S_ISREG(st.st_mode) && access(f, X_OK) == 0 &&
		    access(l, F_OK) != 0)
			want = xstrdup(de->d_name);
		free(f);
		free(l);
	}
	closedir(d);
	assert_non_null(want);
	setenv("PATH", "/nonexistent-connreset", 1);
	p = spawn_find(want);
	assert_non_null(p);
	assert_non_null(strstr(p, want));
	assert_true(strncmp(p, "/usr/sbin/", 10) == 0 ||
	    strncmp(p, "/sbin/", 6) == 0);
	free(p);
	assert_null(spawn_find("connreset-no-such-helper-xyz"));
	assert_string_equal((p = spawn_find("/bin/echo")), "/bin/echo");
	free(p);
	run(argv, 2000, 0, &o);
	assert_int_equal(o.r.exec_errno, 0);
	assert_true(o.r.exited);
	assert_int_equal(o.r.exit_code, 0);
	clear(&o);
	if (old)
		setenv("PATH", old, 1);
	free(old);
	free(want);
}

static void
test_timeout(void **state)
{
	const char *argv[] = { "/bin/sleep", "5", NULL };
	struct outcome o;
	double t0 = loop_now_ms();

	(void)state;
	run(argv, 200, 0, &o);
	assert_true(o.r.timed_out);
	assert_true(o.r.signaled);
	assert_int_equal(o.r.term_signal, SIGKILL);
	assert_true(loop_now_ms() - t0 < 3000);
	clear(&o);
}

static void
test_stderr_and_cap(void **state)
{
	/* A shell is used here only as the helper under test, not by us. */
	const char *argv[] = { "/bin/sh", "-c",
	    "echo oops >&2; printf 0123456789abcdef; exit 3", NULL };
	struct outcome o;

	(void)state;
	run(argv, 2000, 8, &o);
	assert_int_equal(o.r.exit_code, 3);
	assert_string_equal(o.r.out, "01234567");
	assert_true(o.r.truncated);
	assert_string_equal(o.r.err, "oops\n");
	clear(&o);
}

static void
test_locale(void **state)
{
	const char *argv[] = { "/usr/bin/env", NULL };
	struct outcome o;

	(void)state;
	setenv("LC_ALL", "de_DE.UTF-8", 1);
	run(argv, 2000, 0, &o);
	unsetenv("LC_ALL");
	assert_non_null(strstr(o.r.out, "LC_ALL=C\n"));
	assert_null(strstr(o.r.out, "de_DE"));
	clear(&o);
}

static void
test_cancel(void **state)
{
	const char *argv[] = { "/bin/sleep", "5", NULL };
	struct loop *lp = loop_new();
	struct outcome o;
	struct spawn *sp;
	double t0 = loop_now_ms();

	(void)state;
	memset(&o, 0, sizeof(o));
	sp = spawn_start(lp, argv, 10000, 0, on_done, &o);
	loop_run_once(lp, 50);
	spawn_cancel(sp);
	while (loop_pending(lp) && loop_now_ms() - t0 < 3000)
		loop_run_once(lp, 50);
	assert_int_equal(loop_pending(lp), 0);
	assert_int_equal(o.done, 0);
	loop_free(lp);
}

static void
test_command_line(void **state)
{
	const char *argv[] = { "resolvectl", "flush-caches", NULL };
	char *s = spawn_command_line(argv);

	(void)state;
	assert_string_equal(s, "resolvectl flush-caches");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_echo),
		cmocka_unit_test(test_false),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_system_dirs),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_stderr_and_cap),
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_command_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
