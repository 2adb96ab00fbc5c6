/*
 * The sweep's lifecycle and its generic scheduler: after every end,
 * cancel, answer or re-run it starts each queued check whose
 * dependencies (check.h: after, follows) are met, and skips with a
 * reason the ones that cannot run. It knows no check by name.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/loop.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "probe/curlm.h"
#include "probe/target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void settle(struct sweep *sw, const struct check_run *other);

/* Tells the owner that something changed. */
void
sweep_changed(struct sweep *sw)
{
	if (sw->cb)
		sw->cb(sw, sw->cb_arg);
}

/* The run of a kind in this sweep. */
struct check_run *
sweep_run(const struct sweep *sw, const struct check_kind *k)
{
	for (size_t i = 0; i < sw->nruns; i++)
		if (sw->runs[i].kind == k)
			return (struct check_run *)&sw->runs[i];
	fprintf(stderr, "connreset: check %s is not in the registry\n",
	    k->id);
	abort();
}

/* The run of the check with this id, or NULL. */
static struct check_run *
run_by_id(struct sweep *sw, const char *id)
{
	int i = checks_index(id);

	return i < 0 ? NULL : &sw->runs[i];
}

/* Adds the kind's line to the results, queued; a full table is a bug. */
static struct res_check *
add_line(struct probe_results *r, const struct check_kind *k)
{
	struct res_check *c;

	if (r->nchecks >= RES_MAX_CHECKS) {
		fprintf(stderr, "connreset: no room for check %s (%d lines "
		    "at most)\n", k->id, RES_MAX_CHECKS);
		abort();
	}
	c = &r->checks[r->nchecks++];
	memset(c, 0, sizeof(*c));
	c->id = xstrdup(k->id);
	c->title = (char *)k->title;
	c->state = CHECK_QUEUED;
	c->status = CS_INFO;
	return c;
}

/* Marks a check running (its line added on first use). */
void
sweep_begin(struct sweep *sw, struct check_run *run)
{
	struct res_check *c;
	char stamp[40];
	struct timespec now = time_now();

	if (!run->c)
		run->c = add_line(&sw->r, run->kind);
	c = run->c;
	time_rfc3339(stamp, sizeof(stamp), &now);
	c->state = CHECK_RUNNING;
	xstrset(&c->started, stamp);
	xstrset(&c->summary, NULL);
	c->started_mono = loop_now_ms();
	c->duration_ms = 0;
	run->ready = 0;
	run->told = 0;
	run->provisional = 0;
}

/*
 * Marks a check done with its status and summary (owned by the check from
 * now on); a cancelled check keeps its state.
 */
void
sweep_end(struct sweep *sw, struct check_run *run, enum check_status st,
    char *summary)
{
	struct res_check *c = run->c;

	if (c->state != CHECK_CANCELLED) {
		c->state = CHECK_DONE;
		c->status = st;
		c->duration_ms = loop_now_ms() - c->started_mono;
	}
	free(c->summary);
	c->summary = summary;
	settle(sw, run);
}

/* Ends a check with its kind's reading of the results. */
void
sweep_finish(struct sweep *sw, struct check_run *run)
{
	sweep_end(sw, run, run->kind->status(&sw->r),
	    run->kind->summary(&sw->r));
}

/* Marks a check done and skipped, saying why. */
void
sweep_skip(struct sweep *sw, struct check_run *run, const char *why)
{
	struct res_check *c = run->c;

	run->queued = 0;
	c->state = CHECK_DONE;
	c->status = CS_SKIPPED;
	c->duration_ms = 0;
	xstrset(&c->summary, why);
	settle(sw, run);
}

/* Its answer is in, before its end: what waits for it may start. */
void
sweep_ready(struct sweep *sw, struct check_run *run)
{
	run->ready = 1;
	settle(sw, run);
}

/* Its telling attempt is in, before its end; see sweep_int.h. */
void
sweep_told(struct sweep *sw, struct check_run *run)
{
	if (run->told)
		return;
	run->told = 1;
	settle(sw, run);
}

/* Its provisional answer is in; see sweep_int.h. */
void
sweep_provisional(struct sweep *sw, struct check_run *run)
{
	run->provisional = 1;
	sweep_ready(sw, run);
}

/* Some running check's answer may still change. */
static int
any_provisional(const struct sweep *sw)
{
	for (size_t i = 0; i < sw->nruns; i++)
		if (sw->runs[i].provisional && sw->runs[i].c &&
		    sw->runs[i].c->state == CHECK_RUNNING)
			return 1;
	return 0;
}

/* A finished check runs again for a follow-up of its own. */
void
sweep_reopen(struct sweep *sw, struct check_run *run)
{
	(void)sw;
	if (run->c->state == CHECK_DONE)
		run->c->state = CHECK_RUNNING;
	run->ready = 0;
}

/* ---- the scheduler ---- */

enum gate { G_GO, G_WAIT, G_SKIP };

/* Where a dependency stands; *why says it when it means a skip. */
static enum gate
dependency(struct sweep *sw, const char *id, int until_end, int telling,
    const char **why)
{
	struct check_run *d = run_by_id(sw, id);

	if (!d || !d->c)
		return G_GO;	/* an on-demand check nobody asked for */
	switch (d->c->state) {
	case CHECK_CANCELLED:
		if (!d->kind->cancel_skips)
			return G_GO;	/* the others go on without it */
		*why = _(d->kind->cancel_skips);
		return G_SKIP;
	case CHECK_DONE:
		return G_GO;
	default:
		if (telling && d->told)
			return G_GO;
		return !until_end && d->ready ? G_GO : G_WAIT;
	}
}

/* Can run start now, wait, or not run at all (*why)? */
static enum gate
gate(struct sweep *sw, const struct check_run *run, const char **why)
{
	const struct check_kind *k = run->kind;
	enum gate g = G_GO, d;

	/* What cannot start over waits until no answer is provisional. */
	if (!k->forget && k->after && any_provisional(sw))
		g = G_WAIT;
	for (size_t i = 0; k->after && k->after[i]; i++)
		if ((d = dependency(sw, k->after[i], 0, 0, why)) == G_SKIP)
			return G_SKIP;
		else if (d == G_WAIT)
			g = G_WAIT;
	for (size_t i = 0; k->follows && k->follows[i]; i++)
		if ((d = dependency(sw, k->follows[i], 1,
		    (k->flags & CK_READS_TELLING) != 0, why)) == G_SKIP)
			return G_SKIP;
		else if (d == G_WAIT)
			g = G_WAIT;
	return g;
}

/* Starts a check whose dependencies are met, or skips it by its flags. */
static void
launch(struct sweep *sw, struct check_run *run)
{
	const struct check_kind *k = run->kind;

	run->queued = 0;
	if ((k->flags & CK_NEEDS_ADDR) && !sweep_address(sw))
		sweep_skip(sw, run, _("not run: the name did not resolve"));
	else if ((k->flags & CK_HTTPS_ONLY) &&
	    strcmp(sw->r.target.scheme, "https") != 0)
		sweep_skip(sw, run, _("not needed: the address uses plain "
		    "HTTP"));
	else
		k->start(sw, run);
}

/*
 * Starts or skips every queued check whose dependencies settled, until
 * nothing changes. Starting one may end another at once: a nested call
 * only asks the running one to look again.
 */
static void
schedule(struct sweep *sw)
{
	if (!sw->started)
		return;
	if (sw->scheduling) {
		sw->again = 1;
		return;
	}
	sw->scheduling = 1;
	do {
		sw->again = 0;
		for (size_t i = 0; i < sw->nruns; i++) {
			struct check_run *run = &sw->runs[i];
			const char *why = NULL;

			if (!run->queued)
				continue;
			switch (gate(sw, run, &why)) {
			case G_GO:
				launch(sw, run);
				sw->again = 1;
				break;
			case G_SKIP:
				sweep_skip(sw, run, why);
				sw->again = 1;
				break;
			case G_WAIT:
				break;
			}
		}
	} while (sw->again);
	sw->scheduling = 0;
}

/* Something happened to other: the checks that listen react, then the
 * queue moves on. */
static void
settle(struct sweep *sw, const struct check_run *other)
{
	for (size_t i = 0; i < sw->nruns; i++) {
		struct check_run *run = &sw->runs[i];

		if (run == other || !run->kind->react || !run->c ||
		    (run->c->state != CHECK_RUNNING &&
		    run->c->state != CHECK_DONE))
			continue;
		run->kind->react(sw, run, other);
	}
	schedule(sw);
}

/* ---- the sweep itself ---- */

/*
 * What the person's own request sends, for the evidence: the method, the
 * header names (never a value) and the body's size and file name.
 */
static void
describe_own(struct res_target *t, const struct http_own *own)
{
	struct strbuf sb = { 0 };

	if (!own)
		return;
	t->method = xstrdup(http_own_method(own));
	for (int i = 0; i < own->nheaders; i++) {
		const char *h = own->headers[i];

		if (i)
			sb_add(&sb, ", ");
		sb_addn(&sb, h, strcspn(h, ":"));
	}
	t->headers_sent = own->nheaders ? sanitize_str(sb_str(&sb), 0) : NULL;
	sb_free(&sb);
	t->body_bytes = own->body ? (long)own->body_len : 0;
	if (own->body_from) {
		const char *base = strrchr(own->body_from, '/');

		/* The file's name only: its directory may name the user. */
		t->body_from = sanitize_str(base ? base + 1 : own->body_from,
		    0);
	}
}

/* Parses the address and sets up an idle sweep (NULL, *err set, if bad). */
struct sweep *
sweep_new(struct loop *lp, const struct sweep_options *opts,
    sweep_cb on_change, void *arg, char **err)
{
	struct sweep *sw = xcalloc(1, sizeof(*sw));
	const char *ca = opts->cacert;
	struct timespec now = time_now();
	char stamp[40];

	if (target_parse(opts->input, &sw->r.target, err) < 0) {
		free(sw);
		return NULL;
	}
	if (!ca || !*ca)
		ca = getenv("SSL_CERT_FILE");
	sw->cacert = ca && *ca ? xstrdup(ca) : NULL;
	sw->lp = lp;
	sw->cb = on_change;
	sw->cb_arg = arg;
	sw->env.loop = lp;
	sw->env.curlm = curlm_new(lp);
	sw->env.timeout_ms = opts->timeout_ms > 0 ? opts->timeout_ms : 5000;
	sw->env.cacert = sw->cacert;
	sw->attempts = opts->attempts > 0 ? opts->attempts : SWEEP_ATTEMPTS;
	if (sw->attempts > SWEEP_MAX_ATTEMPTS)
		sw->attempts = SWEEP_MAX_ATTEMPTS;
	sw->no_asn = opts->no_asn;
	sw->own = http_own_dup(opts->own);
	describe_own(&sw->r.target, sw->own);
	sw->request_limit_ms = opts->request_limit_ms > 0 ?
	    opts->request_limit_ms : SWEEP_REQUEST_MS;
	time_rfc3339(stamp, sizeof(stamp), &now);
	sw->r.created = xstrdup(stamp);
	for (size_t i = 0; sweep_checks[i]; i++) {
		struct check_run *run = &sw->runs[sw->nruns++];

		run->sw = sw;
		run->kind = sweep_checks[i];
		run->state = xcalloc(1, run->kind->state_size ?
		    run->kind->state_size : 1);
		if (run->kind->flags & CK_ON_DEMAND)
			continue;	/* its line comes when asked for */
		run->c = add_line(&sw->r, run->kind);
		run->queued = 1;
	}
	return sw;
}

/* Starts every check that waits for nothing; returns at once. */
void
sweep_start(struct sweep *sw)
{
	if (sw->started)
		return;
	sw->started = 1;
	schedule(sw);
	sweep_changed(sw);
}

/* Non-zero once started and no check is queued or running. */
int
sweep_done(const struct sweep *sw)
{
	if (!sw->started)
		return 0;
	for (size_t i = 0; i < sw->r.nchecks; i++)
		if (sw->r.checks[i].state == CHECK_QUEUED ||
		    sw->r.checks[i].state == CHECK_RUNNING)
			return 0;
	return 1;
}

/* The results, owned by the sweep. */
const struct probe_results *
sweep_results(const struct sweep *sw)
{
	return &sw->r;
}

/* Cancels a running check and unblocks what was waiting on it. */
void
sweep_cancel(struct sweep *sw, const char *check_id)
{
	struct check_run *run = run_by_id(sw, check_id);
	struct res_check *c = run ? run->c : NULL;

	if (!c || c->state != CHECK_RUNNING)
		return;
	if (run->kind->cancel)
		run->kind->cancel(sw, run);
	sweep_requests_cancel(sw, run);
	run->queued = 0;
	c->state = CHECK_CANCELLED;
	c->duration_ms = loop_now_ms() - c->started_mono;
	xstrset(&c->summary, _("cancelled"));
	/* What waits on a cancelled check must not wait forever. */
	settle(sw, run);
	sweep_changed(sw);
}

/* Does run follow (read, once ended) the check of kind k? */
static int
follows(const struct check_run *run, const struct check_kind *k)
{
	for (size_t i = 0; run->kind->follows && run->kind->follows[i]; i++)
		if (checks_index(run->kind->follows[i]) ==
		    checks_index(k->id))
			return 1;
	return 0;
}

/* Queues run again, its results forgotten. */
static void
requeue(struct check_run *run)
{
	run->c->state = CHECK_QUEUED;
	run->queued = 1;
	run->ready = 0;
	run->told = 0;
	run->provisional = 0;
}

/*
 * Forgets and queues again every check that follows k (and what follows
 * those), except one still running: it ends with what it has.
 */
static void
requeue_followers(struct sweep *sw, const struct check_kind *k)
{
	for (size_t i = 0; i < sw->nruns; i++) {
		struct check_run *run = &sw->runs[i];

		if (!run->c || run->kind == k || !follows(run, k) ||
		    run->c->state == CHECK_RUNNING ||
		    run->c->state == CHECK_QUEUED)
			continue;
		if (run->kind->forget)
			run->kind->forget(sw, run);
		xstrset(&run->c->started, NULL);
		requeue(run);
		requeue_followers(sw, run->kind);
	}
}

/* Does run wait for a check in the set (after or follows)? */
static int
waits_for_set(const struct sweep *sw, const struct check_run *run,
    const unsigned char *set)
{
	const struct check_kind *k = run->kind;

	(void)sw;
	for (size_t i = 0; k->after && k->after[i]; i++)
		if (checks_index(k->after[i]) >= 0 &&
		    set[checks_index(k->after[i])])
			return 1;
	for (size_t i = 0; k->follows && k->follows[i]; i++)
		if (checks_index(k->follows[i]) >= 0 &&
		    set[checks_index(k->follows[i])])
			return 1;
	return 0;
}

/* Starts over what waits for run; see sweep_int.h. */
void
sweep_restart_dependents(struct sweep *sw, struct check_run *run)
{
	unsigned char set[RES_MAX_CHECKS] = { 0 };
	int grew = 1;

	if (sw->nruns > RES_MAX_CHECKS)
		abort();
	set[run - sw->runs] = 1;
	while (grew) {
		grew = 0;
		for (size_t i = 0; i < sw->nruns; i++)
			if (!set[i] && waits_for_set(sw, &sw->runs[i], set)) {
				set[i] = 1;
				grew = 1;
			}
	}
	/*
	 * Last first: a check forgets before what it read does (the TCP
	 * check frees its results only while DNS still has its answer).
	 */
	for (size_t i = sw->nruns; i-- > 0;) {
		struct check_run *r = &sw->runs[i];

		if (r == run || !set[i] || !r->c || !r->kind->forget ||
		    r->c->state == CHECK_QUEUED ||
		    r->c->state == CHECK_CANCELLED)
			continue;
		if (r->c->state == CHECK_RUNNING) {
			if (r->kind->cancel)
				r->kind->cancel(sw, r);
			sweep_requests_cancel(sw, r);
		}
		/* It starts over on another target: what it said is moot. */
		(void)r->kind->forget(sw, r);
		xstrset(&r->c->started, NULL);
		requeue(r);
	}
}

/* Runs a finished check again, with every check that follows it. */
void
sweep_rerun(struct sweep *sw, const char *check_id)
{
	struct check_run *run = run_by_id(sw, check_id);
	const struct check_kind *k = run ? run->kind : NULL;
	const char *why = NULL;

	if (!run || !run->c || !sw->started ||
	    run->c->state == CHECK_RUNNING || !k->forget)
		return;
	/* With no address (yet), what waits for one has nothing to aim at. */
	if (k->after && (!sweep_address(sw) ||
	    gate(sw, run, &why) == G_SKIP))
		return;
	if (k->forget(sw, run) < 0)
		return;
	if (k->rerun_as) {
		sweep_rerun(sw, k->rerun_as);
		return;
	}
	requeue_followers(sw, k);
	requeue(run);
	schedule(sw);
	sweep_changed(sw);
}

/* Flushes the DNS cache once the local check has found it. */
void
sweep_flush_dns(struct sweep *sw)
{
	struct check_run *run = sweep_run(sw, &check_flush);

	if (run->c && run->c->state == CHECK_RUNNING)
		return;
	sweep_ask(sw, run);
}

/* An on-demand check was asked for; see sweep_int.h. */
void
sweep_ask(struct sweep *sw, struct check_run *run)
{
	/* Running (waiting) at once: the person asked for it. */
	sweep_begin(sw, run);
	run->queued = 1;
	schedule(sw);
	sweep_changed(sw);
}

/* Cancels every probe still running and frees the sweep. */
void
sweep_free(struct sweep *sw)
{
	if (!sw)
		return;
	for (size_t i = 0; i < sw->nruns; i++)
		if (sw->runs[i].kind->cancel)
			sw->runs[i].kind->cancel(sw, &sw->runs[i]);
	sweep_requests_cancel(sw, NULL);
	for (size_t i = 0; i < sw->nruns; i++) {
		if (sw->runs[i].kind->free)
			sw->runs[i].kind->free(&sw->runs[i]);
		free(sw->runs[i].state);
	}
	curlm_free(sw->env.curlm);
	probe_results_clear(&sw->r);
	free(sw->cacert);
	http_own_free(sw->own);
	free(sw);
}
