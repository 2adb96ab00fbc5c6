/*
 * The wizard's shell: one loop turn reads keys and signals, runs the
 * model, acts on its intents (sweep, save, export, quit), and redraws
 * once at the end of the turn when something changed.
 */
#include "config.h"

#include "tui/tui.h"
#include "tui/store.h"
#include "tui/ui.h"
#include "core/exitcode.h"
#include "core/i18n.h"
#include "core/loop.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "sweep/sweep.h"
#include "report/report.h"

#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPIN_MS 100

/*
 * Prints "connreset: MSG" on standard error with control bytes escaped:
 * a message may name a path from the environment ($XDG_STATE_HOME), and
 * ESC or BEL in it must not reach the terminal raw.
 */
static void
say_error(const char *msg)
{
	char *clean = sanitize_str(msg ? msg : "", 0);

	fprintf(stderr, "connreset: %s\n", clean);
	free(clean);
}

/* The evidence to show: the live sweep once it has anything finished,
   else the snapshot a resumed session brought back. */
static const struct probe_results *
current_results(const struct ui *u)
{
	const struct probe_results *r = u->sw ? sweep_results(u->sw) : NULL;

	for (size_t i = 0; r && i < r->nchecks; i++)
		if (r->checks[i].state == CHECK_DONE)
			return r;
	if (u->s.have_results)
		return &u->s.results;
	return r;
}

static int
any_running(const struct probe_results *r)
{
	for (size_t i = 0; r && i < r->nchecks; i++)
		if (r->checks[i].state == CHECK_RUNNING)
			return 1;
	return 0;
}

static void
on_sweep_change(struct sweep *sw, void *arg)
{
	struct ui *u = arg;

	(void)sw;
	u->evidence_changed = 1;
	u->save_pending = 1;
	u->dirty = 1;
}

/*
 * The address to sweep: the one given with its secrets (raw_input) while
 * the session holds its masked form, else the session's own (typed on the
 * start screen, or resumed).
 */
static const char *
sweep_address(const struct ui *u)
{
	const char *addr = u->s.input;
	char *masked;

	if (!u->raw_input || !addr)
		return addr;
	masked = redact_url(u->raw_input);
	if (strcmp(masked, addr) == 0)
		addr = u->raw_input;
	free(masked);
	return addr;
}

/*
 * Keeps the address as given only in raw_input and puts its masked form
 * in the session and the address field, before anything draws or saves
 * them.
 */
static void
take_input(struct ui *u)
{
	char *addr = xstrdup(sweep_address(u));

	redact_learn_url(addr);
	free(u->s.input);
	u->s.input = redact_url(addr);
	free(u->raw_input);
	u->raw_input = addr;
	tf_set(&u->m.url, u->s.input);
}

/* Starts (or restarts) the sweep on the session's address. */
static void
start_sweep(struct ui *u)
{
	struct sweep_options so = { .input = NULL,
		.timeout_ms = u->timeout_ms, .cacert = u->cacert,
		.attempts = u->attempts, .no_asn = u->no_asn,
		.request_limit_ms = u->request_limit_ms, .own = u->own };
	char *err = NULL;
	struct sweep *sw;

	if (!u->s.input)
		return;
	take_input(u);
	if (u->sw && u->sweep_input && strcmp(u->sweep_input,
	    u->raw_input) == 0)
		return;
	so.input = u->raw_input;
	sw = sweep_new(u->lp, &so, on_sweep_change, u, &err);
	if (!sw) {
		xstrset(&u->m.start_error, err);
		free(err);
		u->m.screen = SCR_START;
		u->m.field = START_URL;
		return;
	}
	sweep_free(u->sw);
	u->sw = sw;
	xstrset(&u->sweep_input, u->raw_input);
	u->sweep_finished = 0;
	sweep_start(sw);
	/* --watch: the watch starts with the sweep. */
	if (u->watch_start)
		sweep_watch(sw, u->watch_ms);
	u->watch_start = 0;
	u->evidence_changed = 1;
}

/* Selects the line of check id on the checks screen, when it has one. */
static void
select_check(struct ui *u, const char *id)
{
	const struct probe_results *r = sweep_results(u->sw);

	for (size_t i = 0; i < r->nchecks; i++)
		if (r->checks[i].id && strcmp(r->checks[i].id, id) == 0)
			u->m.check_sel = (int)i;
}

/* Saves the case; a case begins once it has an address (never before). */
static void
do_save(struct ui *u)
{
	char *err = NULL;

	if (!u->s.input || !*u->s.input) {
		u->save_pending = 0;
		return;
	}
	if (store_name_case(&u->s, &err) == 0 &&
	    store_save(&u->s, current_results(u), &err) == 0) {
		free(u->save_err);
		u->save_err = NULL;
		u->m.save_failed = 0;
	} else {
		free(u->save_err);
		u->save_err = xasprintf("%s: %s", _("autosave failed"), err);
		u->m.save_failed = 1;
		free(err);
	}
	u->save_pending = 0;
}

static void
do_export(struct ui *u)
{
	static const struct probe_results none;
	struct verdict empty;
	struct report_input in;
	char *content, *err = NULL, abs[PATH_MAX];

	memset(&empty, 0, sizeof(empty));
	in.r = u->m.r ? u->m.r : &none;
	in.v = u->have_v ? &u->v : &empty;
	in.s = &u->s;
	in.cl = &u->cl;
	in.audience = RA_GENERAL;
	in.redact_private = 0;
	content = report_render(&in, model_export_rf(u->m.exp_format));
	if (report_save(u->m.exp_path, content, u->m.exp_force, &err) == 0) {
		char *msg = xasprintf(_("Report written to %s"),
		    realpath(u->m.exp_path, abs) ? abs : u->m.exp_path);

		model_message(&u->m, msg);
		snprintf(u->m.status, sizeof(u->m.status), "%s", msg);
		free(msg);
	} else if (!u->m.exp_force && access(u->m.exp_path, F_OK) == 0) {
		model_ask_overwrite(&u->m);
	} else {
		model_message(&u->m, err ? err : _("The report could not be "
		    "written."));
	}
	free(err);
	free(content);
}

static void resume_run(struct ui *u, const struct tui_options *o);

/* The list of saved cases for the wizard (o). */
static void
fill_cases(struct ui *u)
{
	size_t n;
	struct store_case *c = store_cases(&n);

	model_cases_clear(&u->m);
	for (size_t i = 0; i < n && i < MODEL_MAX_CASES; i++) {
		char *in = sanitize_str(c[i].input ? c[i].input : "-", 0);
		int cur = u->s.id && strcmp(u->s.id, c[i].id) == 0;

		u->m.cases[i].id = xstrdup(c[i].id);
		u->m.cases[i].label = xasprintf(_("%s%s  %s, %zu answers, "
		    "saved %s  [%s]"), cur ? "* " : "", in, c[i].role,
		    c[i].nanswers, c[i].updated ? c[i].updated : "-",
		    c[i].id);
		u->m.ncases++;
		free(in);
	}
	store_cases_free(c, n);
}

/*
 * Opens saved case id in place of this one (saved first, so both stay):
 * its answers, its evidence, and its checks run again its own way.
 */
static void
open_case(struct ui *u, const char *id)
{
	struct tui_options o = { 0 };
	struct session s;
	char *err = NULL;

	do_save(u);
	memset(&s, 0, sizeof(s));
	if (store_load(id, &s, &err) < 0) {
		model_message(&u->m, err ? err : _("The case could not be "
		    "opened."));
		free(err);
		return;
	}
	sweep_free(u->sw);
	u->sw = NULL;
	xstrset(&u->sweep_input, NULL);
	free(u->raw_input);
	u->raw_input = NULL;
	model_free(&u->m);
	u->cacert = NULL;	/* it pointed into the case closed here */
	session_free(&u->s);
	u->s = s;
	o.timeout_ms = u->timeout_ms;
	u->timeout_ms = 0;
	resume_run(u, &o);
	if (u->timeout_ms == 0)
		u->timeout_ms = o.timeout_ms;
	model_init(&u->m, &u->s, &u->cl);
	model_resume(&u->m);
	u->evidence_changed = 1;
	u->dirty = 1;
	start_sweep(u);
	snprintf(u->m.status, sizeof(u->m.status), _("Opened case %s."),
	    u->s.id ? u->s.id : id);
}

/* Acts on the intent flags a key handler returned. */
static void
act(struct ui *u, int in)
{
	if (in & IN_REDRAW)
		u->dirty = 1;
	if (in & IN_SAVE)
		u->save_pending = 1;
	if (in & IN_SWEEP)
		start_sweep(u);
	if ((in & (IN_RERUN | IN_CANCEL)) && !u->sw)
		snprintf(u->m.status, sizeof(u->m.status), "%s",
		    _("No checks are running: the address is not set."));
	else if (in & IN_RERUN)
		sweep_rerun(u->sw, u->m.check_id);
	else if (in & IN_CANCEL)
		sweep_cancel(u->sw, u->m.check_id);
	if ((in & IN_FLUSH) && !u->sw)
		model_message(&u->m, _("Nothing was flushed: no checks are "
		    "running because the address is not set."));
	else if (in & IN_FLUSH)
		sweep_flush_dns(u->sw);
	if ((in & IN_WATCH) && !u->sw)
		snprintf(u->m.status, sizeof(u->m.status), "%s",
		    _("No checks are running: the address is not set."));
	else if ((in & IN_WATCH) && sweep_watching(u->sw)) {
		sweep_watch_stop(u->sw);
		snprintf(u->m.status, sizeof(u->m.status), "%s",
		    _("The watch ends; what it saw is kept."));
	} else if (in & IN_WATCH) {
		sweep_watch(u->sw, u->watch_ms);
		select_check(u, "watch");
		snprintf(u->m.status, sizeof(u->m.status), "%s",
		    _("Watching the request once a second; w ends it."));
	}
	if (in & IN_EXPORT)
		do_export(u);
	if (in & IN_CASES)
		fill_cases(u);
	if (in & IN_OPEN)
		open_case(u, u->m.open_id);
	if (in & IN_QUIT)
		u->quit = 1;
}

static void
on_stdin(struct loop *lp, int fd, short revents, void *arg)
{
	struct ui *u = arg;
	struct timespec now = time_now();
	int key, y, x, kind;

	(void)lp;
	(void)fd;
	time_filestamp(u->m.stamp, sizeof(u->m.stamp), &now);
	while ((kind = term_read(&key, &y, &x)) != TK_NONE) {
		if (kind == TK_CLICK)
			act(u, model_click(&u->m, y, x));
		else if (key == 0)
			u->dirty = 1;	/* a resize or an unknown key */
		else
			act(u, model_key(&u->m, key));
	}
	/* The terminal went away (closed window, dropped ssh). */
	if (revents & (POLLHUP | POLLERR | POLLNVAL))
		u->quit = 1;
}

static void
on_signal(struct loop *lp, int fd, short revents, void *arg)
{
	struct ui *u = arg;
	int sig;

	(void)lp;
	(void)fd;
	(void)revents;
	while ((sig = term_next_signal()) != 0) {
		if (sig == SIGWINCH) {
			term_resize();
			u->dirty = 1;
		} else {
			u->quit = 1;
		}
	}
}

static void
on_spin(struct loop *lp, void *arg)
{
	struct ui *u = arg;

	(void)lp;
	u->spin_timer = 0;
	u->spin++;
	u->dirty = 1;
}

/* What the checks see, for "fixed it" to ask about ("" when nothing). */
static void
set_fault(struct ui *u)
{
	u->m.fault[0] = '\0';
	if (!u->have_v || u->v.symptom == SYM_OK)
		return;
	if (u->v.summary)
		snprintf(u->m.fault, sizeof(u->m.fault), "%s", u->v.summary);
	else
		snprintf(u->m.fault, sizeof(u->m.fault), "%s, %s",
		    cause_label(u->v.cause), origin_label(u->v.origin));
}

/* Once per turn: new evidence, spinner, autosave, and at most one draw. */
static void
on_turn(struct loop *lp, void *arg)
{
	struct ui *u = arg;

	/* The path view keeps the trace refining while it is open. */
	if (u->sw)
		sweep_path_refine(u->sw, u->m.screen == SCR_PATH);
	u->m.r = current_results(u);
	if (u->evidence_changed) {
		verdict_clear(&u->v);
		u->have_v = u->m.r && u->m.r->nchecks > 0;
		if (u->have_v)
			verdict_from_evidence(u->m.r, &u->v);
		u->sweep_finished = u->sw && sweep_done(u->sw);
		u->evidence_changed = 0;
		set_fault(u);
	}
	u->m.v = u->have_v ? &u->v : NULL;
	if (!u->spin_timer && any_running(u->m.r))
		u->spin_timer = loop_timer_add(lp, SPIN_MS, on_spin, u);
	if (u->save_pending)
		do_save(u);
	if (u->dirty && !u->quit) {
		draw_all(u);
		u->dirty = 0;
	}
}

/* The system the instructions default to: the one connreset runs on. */
static enum cl_os
detected_os(void)
{
#if defined(__APPLE__)
	return CL_OS_MACOS;
#elif defined(_WIN32)
	return CL_OS_WINDOWS;
#else
	return CL_OS_LINUX;
#endif
}

/* How this run was started: the options and the environment. */
static void
run_from_options(struct session_run *run, const struct tui_options *o)
{
	memset(run, 0, sizeof(*run));
	run->timeout_ms = o->timeout_ms;
	run->attempts = o->attempts;
	run->no_asn = o->no_asn;
	run->watch_ms = o->watch_ms;
	run->request_limit_ms = o->request_limit_ms;
	run->cacert = (char *)o->cacert;
	run->ssl_cert_file = getenv("SSL_CERT_FILE");
	for (int i = 0; i < SESSION_NPROXY; i++)
		run->proxy[i] = getenv(session_proxy_vars[i]);
}

/*
 * A resumed case re-runs the way it was started: its options, unless
 * given again now, its trust store, and its proxy variables where this
 * environment has none (a value with a masked password cannot be put
 * back: then the status line says so).
 */
static void
resume_run(struct ui *u, const struct tui_options *o)
{
	struct session_run *run = &u->s.run, now;
	char *differs = NULL;

	if (!(o->given & TUI_GIVEN_TIMEOUT) && run->timeout_ms > 0)
		u->timeout_ms = run->timeout_ms;
	if (!(o->given & TUI_GIVEN_ATTEMPTS))
		u->attempts = run->attempts;
	if (!(o->given & TUI_GIVEN_NO_ASN))
		u->no_asn = run->no_asn;
	if (!(o->given & TUI_GIVEN_REQUEST_TIMEOUT))
		u->request_limit_ms = run->request_limit_ms;
	if (!(o->given & TUI_GIVEN_WATCH))
		u->watch_ms = run->watch_ms;
	if (!(o->given & TUI_GIVEN_CACERT) && run->cacert)
		u->cacert = run->cacert;
	if (run->ssl_cert_file && !getenv("SSL_CERT_FILE"))
		setenv("SSL_CERT_FILE", run->ssl_cert_file, 1);
	for (int i = 0; i < SESSION_NPROXY; i++) {
		const char *cur = getenv(session_proxy_vars[i]);
		char *red = cur ? redact_url(cur) : NULL;

		if (!cur && run->proxy[i] && !strstr(run->proxy[i], REDACTED))
			setenv(session_proxy_vars[i], run->proxy[i], 1);
		else if ((!cur) != (!run->proxy[i]) || (cur && run->proxy[i] &&
		    strcmp(red, run->proxy[i]) != 0))
			differs = differs ? differs : xstrdup(
			    session_proxy_vars[i]);
		free(red);
	}
	if (differs)
		snprintf(u->m.status, sizeof(u->m.status), _("The proxy "
		    "settings differ from when this case started (%s): the "
		    "checks use the current ones."), differs);
	free(differs);
	/* The case records the run as it is now made. */
	run_from_options(&now, o);
	now.timeout_ms = u->timeout_ms;
	now.attempts = u->attempts;
	now.no_asn = u->no_asn;
	now.request_limit_ms = u->request_limit_ms;
	now.watch_ms = u->watch_ms;
	now.cacert = (char *)u->cacert;
	session_run_set(&u->s, &now);
	u->cacert = u->s.run.cacert;
	u->watch_start = u->watch_ms > 0 && !u->s.results.watch.ran;
}

/* Session and checklist before the terminal is touched; -1 on failure. */
static int
prepare(struct ui *u, const struct tui_options *opts)
{
	char *err = NULL;

	if (checklist_load_default(&u->cl, &err) < 0) {
		say_error(err);
		free(err);
		return -1;
	}
	if (opts->resume) {
		if (store_load(opts->resume_id, &u->s, &err) < 0) {
			say_error(err);
			free(err);
			checklist_free(&u->cl);
			return -1;
		}
		resume_run(u, opts);
	} else {
		struct session_run run;

		session_init(&u->s);
		u->s.os = detected_os();
		run_from_options(&run, opts);
		session_run_set(&u->s, &run);
		u->cacert = u->s.run.cacert;
		/* The field and the session only ever see it masked. */
		if (opts->url && *opts->url) {
			u->raw_input = xstrdup(opts->url);
			u->s.input = redact_url(u->raw_input);
		}
	}
	model_init(&u->m, &u->s, &u->cl);
	if (opts->resume)
		model_resume(&u->m);
	return 0;
}

/* 0 when it works or was fixed, 1 when a problem is known, 3 otherwise. */
static int
exit_code(const struct ui *u)
{
	int fixed = 0;

	/* Nothing was started: nothing checked, nothing found. */
	if (!u->s.input || !*u->s.input)
		return EXIT_WORKS;
	for (size_t i = 0; i < u->s.nanswers; i++)
		if (u->s.answers[i].answer == ANS_FIXED) {
			/* "Fixed for me" while the checks still see it. */
			if (u->s.answers[i].checks_said)
				return EXIT_PROBLEM;
			fixed = 1;
		}
	if (fixed)
		return EXIT_WORKS;
	if (!u->have_v)
		return EXIT_CANNOT;
	return u->v.symptom == SYM_OK ? EXIT_WORKS : EXIT_PROBLEM;
}

static void
teardown(struct ui *u)
{
	sweep_free(u->sw);
	u->sw = NULL;
	loop_free(u->lp);
	verdict_clear(&u->v);
	model_free(&u->m);
	session_free(&u->s);
	checklist_free(&u->cl);
	free(u->sweep_input);
	free(u->raw_input);
	free(u->save_err);
}

/* Runs the wizard on the terminal until the person quits. */
int
tui_run(const struct tui_options *opts)
{
	struct ui u;
	char *err = NULL, *path;
	int rc;

	memset(&u, 0, sizeof(u));
	u.timeout_ms = opts->timeout_ms;
	u.watch_ms = opts->watch_ms;
	u.watch_start = opts->watch_ms > 0;
	u.attempts = opts->attempts;
	u.no_asn = opts->no_asn;
	u.request_limit_ms = opts->request_limit_ms;
	u.cacert = opts->cacert;
	u.own = opts->own;
	if (prepare(&u, opts) < 0)
		return EXIT_CANNOT;
	if (term_open(&u.caps, &err) < 0) {
		say_error(err);
		free(err);
		model_free(&u.m);
		session_free(&u.s);
		checklist_free(&u.cl);
		free(u.raw_input);
		return EXIT_CANNOT;
	}
	u.lp = loop_new();
	loop_watch(u.lp, STDIN_FILENO, POLLIN, on_stdin, &u);
	loop_watch(u.lp, term_signal_fd(), POLLIN, on_signal, &u);
	loop_on_turn(u.lp, on_turn, &u);
	/* The sweep starts as soon as the address is known. */
	start_sweep(&u);
	u.dirty = 1;
	u.save_pending = 1;
	on_turn(u.lp, &u);
	while (!u.quit)
		if (loop_run_once(u.lp, -1) < 0)
			break;
	do_save(&u);
	term_close();
	path = u.s.id ? store_case_path(u.s.id, &err) : NULL;
	if (u.save_err) {
		say_error(u.save_err);
	} else if (path) {
		char *clean = sanitize_str(path, 0);

		printf(_("Case %s saved in %s; continue it with: "
		    "connreset --resume %s\n"), u.s.id, clean, u.s.id);
		free(clean);
	}
	free(path);
	free(err);
	rc = exit_code(&u);
	teardown(&u);
	return rc;
}
