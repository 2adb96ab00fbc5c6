#include "config.h"

#include "cli/cli.h"

#include "cli/batch.h"
#include "cli/options.h"
#include "core/exitcode.h"
#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "diag/checklist.h"
#include "report/compare.h"
#include "report/report.h"
#include "tui/store.h"
#include "tui/tui.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void
cli_error(const char *msg)
{
	/* A bad argument may hold ESC or BEL: never echo it raw. */
	char *clean = sanitize_str(msg ? msg : "", 0);

	fprintf(stderr, "connreset: %s\n", clean);
	free(clean);
}

/* Prints the checklist: section, id, auto/manual, title, tab-separated. */
static int
list_steps(void)
{
	struct checklist cl = { 0 };
	char *err = NULL;

	if (checklist_load_default(&cl, &err) < 0) {
		cli_error(err);
		free(err);
		return EXIT_CANNOT;
	}
	for (size_t i = 0; i < cl.nsteps; i++) {
		const struct cl_step *s = &cl.steps[i];

		printf("%s\t%s\t%s\t%s\n", cl_section_name(s->section), s->id,
		    s->check ? "auto" : "manual", _(s->title));
	}
	checklist_free(&cl);
	return EXIT_WORKS;
}

static int
run_compare(const struct cli_options *o)
{
	struct strbuf out = STRBUF_INIT;
	char *err = NULL;
	int json = o->format == RF_JSON, rc;

	if (o->format >= 0 && o->format != RF_JSON && o->format != RF_TEXT) {
		fputs(_("connreset: compare writes text or json only\n"),
		    stderr);
		return EXIT_USAGE;
	}
	if ((rc = compare_reports(o->compare_a, o->compare_b, json, &out,
	    &err)) < 0) {
		cli_error(err);
		free(err);
		sb_free(&out);
		return rc == -2 ? EXIT_USAGE : EXIT_CANNOT;
	}
	fputs(sb_str(&out), stdout);
	sb_free(&out);
	return EXIT_WORKS;
}

/* --list-cases: id, last saved, answers, role, target; tab-separated. */
static int
list_cases(void)
{
	size_t n;
	struct store_case *c = store_cases(&n);

	if (n == 0)
		fputs(_("No saved cases.\n"), stderr);
	for (size_t i = 0; i < n; i++) {
		char *in = sanitize_str(c[i].input ? c[i].input : "-", 0);

		printf("%s\t%s\t%zu\t%s\t%s\n", c[i].id, c[i].updated ?
		    c[i].updated : "-", c[i].nanswers, c[i].role, in);
		free(in);
	}
	store_cases_free(c, n);
	return EXIT_WORKS;
}

/* --expire-cases DAYS: the only way a case goes away. */
static int
expire_cases(int days)
{
	char *err = NULL;
	int n = store_expire(days, &err);

	if (n < 0) {
		cli_error(err);
		free(err);
		return EXIT_CANNOT;
	}
	printf(ngettext("%d case removed.\n", "%d cases removed.\n", n), n);
	return EXIT_WORKS;
}

/* --resume with a case that is not there: one line, before anything. */
static int
check_resume(const struct cli_options *o)
{
	struct session s;
	char *err = NULL;
	int rc;

	if (!o->resume)
		return 0;
	memset(&s, 0, sizeof(s));
	rc = store_load(o->resume_id, &s, &err);
	/* The case's own CA file, when it will be used, must still be
	   there: else every TLS request would fail as the server's fault. */
	if (rc == 0 && !(o->given & TUI_GIVEN_CACERT) && s.run.cacert &&
	    access(s.run.cacert, R_OK) != 0) {
		char *p = sanitize_str(s.run.cacert, 0);

		err = xasprintf(_("cannot read the CA file '%s' the case was "
		    "started with: %s (give --cacert FILE)"), p,
		    strerror(errno));
		free(p);
		rc = -2;
	}
	session_free(&s);
	if (rc == 0)
		return 0;
	cli_error(err);
	free(err);
	return rc == -2 ? EXIT_USAGE : EXIT_CANNOT;
}

static int
run_wizard(const struct cli_options *o)
{
	struct tui_options t = { 0 };
	int rc;

	if ((rc = check_resume(o)) != 0)
		return rc;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(_("connreset: the wizard needs a terminal; for a "
		    "report without one use: connreset --batch URL\n"),
		    stderr);
		return EXIT_USAGE;
	}
	t.url = o->url;
	t.timeout_ms = o->timeout_ms;
	t.attempts = o->attempts;
	t.no_asn = o->no_asn;
	t.watch_ms = o->watch_ms;
	t.request_limit_ms = o->request_limit_ms;
	t.cacert = o->cacert;
	t.own = &o->own;
	t.resume = o->resume;
	t.resume_id = o->resume_id;
	t.given = o->given;
	return tui_run(&t);
}

/*
 * Every write to standard output is checked here, once, at the end: a
 * full disk or a closed pipe is one line and EXIT_CANNOT, never a quiet
 * success.
 */
static int
finish_output(int rc)
{
	int e;
	char *msg;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return ferror(stderr) ? EXIT_CANNOT : rc;
	if (rc == EXIT_CANNOT)
		return rc;	/* its one line is already out */
	e = errno ? errno : EIO;
	msg = xasprintf(_("cannot write to standard output: %s"),
	    strerror(e));
	cli_error(msg);
	free(msg);
	return EXIT_CANNOT;
}

/*
 * Refuses, before any probe starts, a CA file that cannot be read: given
 * to curl, it fails every TLS request with "error setting certificate
 * file", which would read as a certificate the server got wrong.
 */
static int
check_cacert(const struct cli_options *o)
{
	const char *ca = o->cacert, *from = "--cacert";
	struct stat st;
	char *msg, *p;
	int fd, e = 0;

	if (!ca || !*ca) {
		ca = getenv("SSL_CERT_FILE");
		from = "SSL_CERT_FILE";
	}
	if (!ca || !*ca)
		return 0;
	if ((fd = open(ca, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		e = errno;
	else if (fstat(fd, &st) != 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	if (fd >= 0)
		close(fd);
	if (!e)
		return 0;
	p = sanitize_str(ca, 0);
	/* TRANSLATORS: the last %s is --cacert or SSL_CERT_FILE. */
	msg = xasprintf(_("cannot read the CA file '%s': %s (given by %s)"),
	    p, strerror(e), from);
	cli_error(msg);
	free(msg);
	free(p);
	return -1;
}

static int
run_mode(const struct cli_options *o)
{
	if ((o->mode == MODE_BATCH || o->mode == MODE_WIZARD) &&
	    check_cacert(o) < 0)
		return EXIT_USAGE;
	switch (o->mode) {
	case MODE_HELP:
		cli_usage("connreset");
		return EXIT_WORKS;
	case MODE_VERSION:
		printf("connreset %s\n", VERSION);
		return EXIT_WORKS;
	case MODE_LIST_STEPS:
		return list_steps();
	case MODE_LIST_CASES:
		return list_cases();
	case MODE_EXPIRE_CASES:
		return expire_cases(o->expire_days);
	case MODE_COMPARE:
		return run_compare(o);
	case MODE_BATCH:
		return batch_run(o);
	default:
		return run_wizard(o);
	}
}

/*
 * Run from the build tree (./src/connreset after make, not installed):
 * the data is next to it, in ../data, not in the installed folder, and
 * the translations in ../po/locale (laid out by make). Only when
 * $CONNRESET_DATADIR is unset and the installed file is not there.
 */
static void
datadir_fallback(void)
{
	char exe[4096], *inst, *dir, *file;
	ssize_t n;

	if (getenv("CONNRESET_DATADIR") && *getenv("CONNRESET_DATADIR"))
		return;
	inst = xasprintf("%s/checklist.json", checklist_datadir());
	n = access(inst, R_OK) == 0 ? -1 :
	    readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	free(inst);
	if (n <= 0)
		return;
	exe[n] = '\0';
	if (strrchr(exe, '/'))
		*strrchr(exe, '/') = '\0';
	dir = xasprintf("%s/../data", exe);
	file = xasprintf("%s/checklist.json", dir);
	if (access(file, R_OK) == 0)
		setenv("CONNRESET_DATADIR", dir, 1);
	free(dir);
	free(file);
	/* the catalogues the build laid out in po/locale */
	dir = xasprintf("%s/../po/locale", exe);
	if (!(getenv("CONNRESET_LOCALEDIR") &&
	    *getenv("CONNRESET_LOCALEDIR")) && access(dir, R_OK) == 0)
		setenv("CONNRESET_LOCALEDIR", dir, 1);
	free(dir);
}

int
cli_main(int argc, char **argv)
{
	struct cli_options o;
	char *err = NULL;
	int rc;
	/* First: a closed descriptor must not be taken by a socket. */
	int closed = file_guard_std_fds();

	if (closed < 0)
		return EXIT_CANNOT;
	datadir_fallback();
	i18n_init();
	/* A peer closing a socket must never kill us with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	if (cli_parse(argc, argv, &o, &err) < 0) {
		cli_error(err);
		free(err);
		cli_options_free(&o);
		return EXIT_USAGE;
	}
	o.stdout_closed = (closed & (1 << STDOUT_FILENO)) != 0;
	rc = finish_output(run_mode(&o));
	cli_options_free(&o);
	return rc;
}
