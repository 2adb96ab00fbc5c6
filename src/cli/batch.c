#include "config.h"

#include "cli/batch.h"

#include "cli/cli.h"
#include "core/exitcode.h"
#include "core/i18n.h"
#include "core/loop.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/textwrap.h"
#include "core/xalloc.h"
#include "diag/checklist.h"
#include "diag/names.h"
#include "diag/verdict.h"
#include "sweep/sweep.h"
#include "sweep/sweep_check.h"
#include "report/report.h"

#include "probe/readings.h"
#include "probe/samples.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

struct progress {
	int enabled;		/* stderr is a terminal and not --quiet */
	int spin;
	int shown;		/* a progress line is on screen */
};

/* During a watch: its count and the last part of its timeline. */
static void
draw_watch(struct progress *p, const struct probe_results *r)
{
	struct watch_counts c;
	char *line;

	samples_watch(&r->watch, &c);
	line = samples_timeline(&r->watch, 40);
	fprintf(stderr, "\r\033[K%s %zu, %s %zu (%.0f %%)  %s",
	    _("watch: requests"), c.n, _("failed"), c.failed,
	    c.n ? 100.0 * (double)c.failed / (double)c.n : 0.0, line);
	fflush(stderr);
	p->shown = 1;
	free(line);
}

/* Draws "[3/6] running: tcp, http" on stderr, over the last one. */
static void
draw_progress(struct progress *p, const struct probe_results *r)
{
	static const char spinner[] = "|/-\\";
	struct strbuf sb = STRBUF_INIT;
	size_t done = 0;

	if (!p->enabled)
		return;
	if (r->watch.ran && r->watch.n > 0) {
		draw_watch(p, r);
		return;
	}
	for (size_t i = 0; i < r->nchecks; i++) {
		const struct res_check *c = &r->checks[i];

		if (c->state == CHECK_DONE || c->state == CHECK_CANCELLED)
			done++;
		else if (c->state == CHECK_RUNNING)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", c->id);
	}
	fprintf(stderr, "\r\033[K%c [%zu/%zu] %s %s",
	    spinner[p->spin++ % 4], done, r->nchecks, _("checking:"),
	    sb_str(&sb));
	fflush(stderr);
	p->shown = 1;
	sb_free(&sb);
}

static void
clear_progress(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}

/* The format of one report: --format, else the file's extension. */
static int
report_format(const struct cli_options *o, const char *path, char **err)
{
	int f = o->format;

	if (f >= 0)
		return f;
	if (strcmp(path, "-") == 0)
		return RF_TEXT;
	if ((f = report_format_from_path(path)) < 0)
		*err = xasprintf(_("cannot tell the report format from '%s': "
		    "add --format text, markdown, json or html"), path);
	return f;
}

/*
 * Why a report cannot be placed at path, or NULL: checked before the
 * sweep, so that a typo in the directory costs one line, not a sweep.
 * A device or FIFO is written in place (its directory need not be
 * writable); anything else is renamed into place in its directory.
 */
static char *
report_dir_problem(const char *path)
{
	struct stat st;
	const char *slash = strrchr(path, '/');
	char *dir, *why = NULL, *shown = sanitize_str(path, 0);

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		why = xasprintf(_("cannot write the report '%s': %s"), shown,
		    strerror(EISDIR));
		free(shown);
		return why;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(shown);
		return NULL;
	}
	dir = !slash ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	if (stat(dir, &st) != 0) {
		why = xasprintf(_("cannot write the report '%s': %s"), shown,
		    errno == ENOENT ? _("its directory does not exist") :
		    strerror(errno));
	} else if (!S_ISDIR(st.st_mode)) {
		char *d = sanitize_str(dir, 0);

		/* TRANSLATORS: the second %s is the file in the way. */
		why = xasprintf(_("cannot write the report '%s': '%s' is not "
		    "a directory"), shown, d);
		free(d);
	} else if (access(dir, W_OK | X_OK) != 0) {
		why = xasprintf(_("cannot write the report '%s': %s"), shown,
		    strerror(errno));
	}
	free(dir);
	free(shown);
	return why;
}

/*
 * Refuses early, before any probing, what would fail at the end: an
 * unknown format, an existing file or a directory it cannot be written
 * in. Fills fmts[] for every report.
 */
static int
check_reports(const struct cli_options *o, int *fmts, char **err)
{
	struct stat st;

	for (int i = 0; i < o->nreports; i++) {
		const char *path = o->reports[i];

		if ((fmts[i] = report_format(o, path, err)) < 0)
			return -1;
		if (strcmp(path, "-") == 0)
			continue;
		if (!o->force && stat(path, &st) == 0) {
			char *p = sanitize_str(path, 0);

			*err = xasprintf(_("'%s' already exists: choose "
			    "another name or add --force"), p);
			free(p);
			return -1;
		}
		if ((*err = report_dir_problem(path)))
			return -1;
	}
	return 0;
}

/* Does any report go to standard output? */
static int
report_to_stdout(const struct cli_options *o)
{
	for (int i = 0; i < o->nreports; i++)
		if (strcmp(o->reports[i], "-") == 0)
			return 1;
	return 0;
}

/* Appends s and spaces up to w columns, at least one (a translation may
   be wider than the column). */
static void
add_padded(struct strbuf *sb, const char *s, size_t w)
{
	int pad = text_pad(s, w);

	sb_addf(sb, "%s%*s", s, pad > 0 ? pad : 1, "");
}

/* One line a check: status, title, summary, in columns as wide as the
   widest status and title (titles up to 44 columns: the longest, in
   Spanish, is 42; a wider one keeps one space before its summary). */
static void
add_checks(struct strbuf *sb, const struct probe_results *r)
{
	size_t sw = 7, tw = 36;

	for (size_t i = 0; i < r->nchecks; i++) {
		const char *st = check_status_label(r->checks[i].status);
		const char *ti = sweep_check_title(r->checks[i].id);
		size_t a = text_width(st);
		size_t b = text_width(ti);

		sw = a > sw ? a : sw;
		tw = b > tw && b <= 44 ? b : tw;
	}
	for (size_t i = 0; i < r->nchecks; i++) {
		const struct res_check *c = &r->checks[i];

		sb_add(sb, "  ");
		add_padded(sb, check_status_label(c->status), sw + 1);
		add_padded(sb, sweep_check_title(c->id), tw + 1);
		sb_addf(sb, "%s\n", c->summary ? c->summary : "");
	}
}

/* The short human summary: the verdict in a sentence, then evidence. */
static void
add_summary(struct strbuf *sb, const struct probe_results *r,
    const struct verdict *v)
{
	struct res_typed t;

	/* What was typed; the verdict's first words give its redirects. */
	probe_results_typed(r, &t);
	sb_addf(sb, "%s %s\n", _("Target:"), t.url ? t.url : r->target.url);
	res_typed_clear(&t);
	sb_addf(sb, "%s %s\n", _("Verdict:"), v->summary ? v->summary : "");
	sb_addf(sb, _("  symptom: %s; cause: %s; origin: %s; "
	    "confidence: %s\n"), symptom_label(v->symptom),
	    cause_label(v->cause), origin_label(v->origin),
	    confidence_label(v->confidence));
	if (v->escalate_to != ESC_NONE)
		sb_addf(sb, "  %s %s\n", _("Escalate to:"),
		    escalate_label(v->escalate_to));
	if (v->nreasons) {
		sb_addf(sb, "%s\n", _("Why:"));
		for (size_t i = 0; i < v->nreasons; i++)
			sb_addf(sb, "  - %s [%s]\n", v->reasons[i].text,
			    v->reasons[i].evidence);
	}
	sb_addf(sb, "%s\n", _("Checks:"));
	add_checks(sb, r);
	if (v->nnext) {
		sb_addf(sb, "%s\n", _("Next:"));
		for (size_t i = 0; i < v->nnext; i++)
			sb_addf(sb, "  - %s (%s)\n", v->next_steps[i].text,
			    v->next_steps[i].step_id);
	}
}

/* The terminal's width when out is one, else 80 columns. */
static size_t
out_width(FILE *out)
{
	struct winsize ws;
	int fd = fileno(out);

	if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/*
 * Every line of text wrapped to width, its later lines indented two
 * columns past its own (under the text of a "- " item). Wrapped after
 * redaction, so that no secret is cut in two before the redactor sees it.
 */
static char *
summary_wrapped(const char *text, size_t width)
{
	struct strbuf sb = STRBUF_INIT;

	while (*text) {
		size_t n = strcspn(text, "\n"), lead = strspn(text, " ");
		char *line = xstrndup(text, n);

		if (lead > n)
			lead = n;
		text_wrap(&sb, line, width, 0, lead + 2, 0);
		free(line);
		text += n;
		if (*text == '\n')
			text++;
	}
	return sb.s ? sb_detach(&sb) : xstrdup("");
}

/* Prints the summary as every report is written: redacted, sanitized. */
static void
print_summary(FILE *out, const struct probe_results *r,
    const struct verdict *v)
{
	struct strbuf sb = STRBUF_INIT;
	char *red, *clean, *wrapped;

	sb_add(&sb, "");
	add_summary(&sb, r, v);
	red = redact_text(sb_str(&sb));
	clean = sanitize_str(red, SAN_KEEP_NEWLINES);
	wrapped = summary_wrapped(clean, out_width(out));
	fputs(wrapped, out);
	free(wrapped);
	free(clean);
	free(red);
	sb_free(&sb);
}

/* Writes every --report from the same evidence; -1 if any failed. */
static int
write_reports(const struct cli_options *o, const int *fmts,
    const struct probe_results *r, const struct verdict *v, FILE *msg)
{
	struct report_input in = { 0 };
	struct checklist cl = { 0 };
	char *clerr = NULL;
	int rc = 0;

	in.r = r;
	in.v = v;
	/* Step titles make the report nicer; it is fine without them. */
	if (checklist_load_default(&cl, &clerr) == 0)
		in.cl = &cl;
	free(clerr);
	in.audience = o->audience;
	in.redact_private = o->redact;
	for (int i = 0; i < o->nreports; i++) {
		const char *path = o->reports[i];
		char *content = report_render(&in, fmts[i]), *err = NULL;

		if (report_save(path, content, o->force, &err) < 0) {
			cli_error(err);
			free(err);
			rc = -1;
		} else if (strcmp(path, "-") != 0) {
			char *p = sanitize_str(path, 0);

			fprintf(msg, _("Report written to %s\n"), p);
			free(p);
		}
		free(content);
	}
	checklist_free(&cl);
	return rc;
}

static void
on_change(struct sweep *sw, void *arg)
{
	draw_progress(arg, sweep_results(sw));
}

/*
 * During a watch, Ctrl-C (or SIGTERM) ends the watch and the report is
 * still written; a second one stops at once. The handler only writes a
 * byte to a pipe the loop watches.
 */
static int stop_pipe[2] = { -1, -1 };

static void
on_stop_signal(int sig)
{
	int saved = errno;
	char b = (char)sig;

	if (write(stop_pipe[1], &b, 1) < 0) {
		/* nothing more can be done in a handler */
	}
	errno = saved;
}

static void
on_stop(struct loop *lp, int fd, short revents, void *arg)
{
	struct sweep *sw = arg;
	char b;

	(void)lp;
	(void)revents;
	if (read(fd, &b, 1) != 1)
		return;
	if (sweep_watching(sw)) {
		sweep_watch_stop(sw);
		return;
	}
	/* Nothing left to end gently: the default action. */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	raise(b);
}

static void
catch_stop(struct loop *lp, struct sweep *sw)
{
	struct sigaction sa;

	if (pipe(stop_pipe) < 0)
		return;
	fcntl(stop_pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(stop_pipe[1], F_SETFD, FD_CLOEXEC);
	fcntl(stop_pipe[1], F_SETFL, O_NONBLOCK);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	loop_watch(lp, stop_pipe[0], POLLIN, on_stop, sw);
}

static void
release_stop(struct loop *lp)
{
	if (stop_pipe[0] < 0)
		return;
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	loop_unwatch(lp, stop_pipe[0]);
	close(stop_pipe[0]);
	close(stop_pipe[1]);
	stop_pipe[0] = stop_pipe[1] = -1;
}

int
batch_run(const struct cli_options *o)
{
	struct progress prog = { 0 };
	struct sweep_options so = { .input = o->url,
		.timeout_ms = o->timeout_ms, .cacert = o->cacert,
		.attempts = o->attempts, .no_asn = o->no_asn,
		.request_limit_ms = o->request_limit_ms, .own = &o->own };
	struct verdict v = { 0 };
	struct loop *lp;
	struct sweep *sw;
	char *err = NULL;
	int fmts[CLI_MAX_REPORTS], rc;
	FILE *out = report_to_stdout(o) ? stderr : stdout;

	if (o->stdout_closed && report_to_stdout(o)) {
		cli_error(_("cannot write the report to standard output: it "
		    "is closed"));
		return EXIT_CANNOT;
	}
	if (check_reports(o, fmts, &err) < 0) {
		cli_error(err);
		free(err);
		return EXIT_USAGE;
	}
	/* What the sweep notes goes into the reports: all in one language. */
	if (o->report_lang)
		i18n_use_language(o->report_lang);
	prog.enabled = !o->quiet && isatty(STDERR_FILENO);
	lp = loop_new();
	if (!(sw = sweep_new(lp, &so, on_change, &prog, &err))) {
		cli_error(err);
		free(err);
		loop_free(lp);
		return EXIT_USAGE;
	}
	if (o->watch_ms > 0)
		catch_stop(lp, sw);
	sweep_start(sw);
	if (o->flush_dns)
		sweep_flush_dns(sw);
	if (o->watch_ms > 0)
		sweep_watch(sw, o->watch_ms);
	while (!sweep_done(sw) && loop_pending(lp) > 0) {
		if (loop_run_once(lp, prog.enabled ? 100 : -1) < 0)
			break;
		draw_progress(&prog, sweep_results(sw));
	}
	clear_progress(&prog);
	release_stop(lp);
	verdict_from_evidence(sweep_results(sw), &v);
	print_summary(out, sweep_results(sw), &v);
	rc = v.symptom == SYM_OK ? EXIT_WORKS : EXIT_PROBLEM;
	if (write_reports(o, fmts, sweep_results(sw), &v, out) < 0)
		rc = EXIT_CANNOT;
	verdict_clear(&v);
	sweep_free(sw);
	loop_free(lp);
	return rc;
}
