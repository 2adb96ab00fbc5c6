#include "config.h"

#include "probe/flush.h"

#include "core/i18n.h"
#include "core/loop.h"
#include "core/sanitize.h"
#include "core/spawn.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/local_dns.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define MAX_STEPS 8
#define MAX_PIDS 8

/* One action: a helper to run, or SIGHUP to every process named comm. */
struct flush_step {
	const char *argv[4];
	const char *comm;	/* non-NULL: signal these processes */
};

struct flush_probe {
	struct probe_env *env;
	struct res_flush *out;
	probe_done_cb done;
	void *arg;
	struct flush_step steps[MAX_STEPS];
	size_t nsteps, cur;
	enum flush_outcome outcome;
	struct strbuf cmd, detail;
	struct spawn *sp;
	uint64_t t_next;
};

enum flush_outcome
flush_worse(enum flush_outcome a, enum flush_outcome b)
{
	return a > b ? a : b;
}

static int
says_privileges(const char *s)
{
	static const char *const pats[] = { "ccess denied", "ermission",
	    "not permitted", "must be root", "only root", "Only root",
	    "authentication required", "Authentication required",
	    "not authorized", NULL };

	for (size_t i = 0; s && pats[i]; i++)
		if (strstr(s, pats[i]))
			return 1;
	return 0;
}

enum flush_outcome
flush_classify(const struct spawn_result *r)
{
	if (r->exec_errno == EPERM || r->exec_errno == EACCES)
		return FLUSH_NEEDS_PRIVILEGES;
	if (r->exec_errno || r->timed_out || r->signaled)
		return FLUSH_FAILED;
	if (r->exited && r->exit_code == 0)
		return FLUSH_FLUSHED;
	if (says_privileges(r->err) || says_privileges(r->out) ||
	    r->exit_code == 77 /* EX_NOPERM */ ||
	    r->exit_code == 4 /* LSB: insufficient privilege */)
		return FLUSH_NEEDS_PRIVILEGES;
	return FLUSH_FAILED;
}

enum flush_outcome
flush_classify_errno(int err)
{
	if (err == 0)
		return FLUSH_FLUSHED;
	return err == EPERM ? FLUSH_NEEDS_PRIVILEGES : FLUSH_FAILED;
}

/* Adds the plan for one cache name; unknown names are ignored. */
static void
plan(struct flush_probe *p, const char *name)
{
	struct flush_step *s = &p->steps[p->nsteps];

	if (p->nsteps + 2 > MAX_STEPS)
		return;
	memset(s, 0, 2 * sizeof(*s));
	if (strcmp(name, "systemd-resolved") == 0) {
		s->argv[0] = "resolvectl";
		s->argv[1] = "flush-caches";
	} else if (strcmp(name, "nscd") == 0) {
		s->argv[0] = "nscd";
		s->argv[1] = "--invalidate=hosts";
	} else if (strcmp(name, "dnsmasq") == 0)
		s->comm = "dnsmasq";	/* SIGHUP clears its cache */
	else if (strcmp(name, "unbound") == 0) {
		s->argv[0] = "unbound-control";
		s->argv[1] = "flush_zone";
		s->argv[2] = ".";
	} else if (strcmp(name, "mDNSResponder") == 0) {
		s->argv[0] = "dscacheutil";
		s->argv[1] = "-flushcache";
		s[1].argv[0] = "killall";
		s[1].argv[1] = "-HUP";
		s[1].argv[2] = "mDNSResponder";
		p->nsteps++;
	} else
		return;
	p->nsteps++;
}

static void
note(struct flush_probe *p, enum flush_outcome outcome, const char *command,
    const char *words)
{
	int sudo = outcome == FLUSH_NEEDS_PRIVILEGES;

	p->outcome = flush_worse(p->outcome, outcome);
	sb_addf(&p->cmd, "%s%s%s", p->cmd.len ? "; " : "", sudo ? "sudo " :
	    "", command);
	if (words && *words) {
		size_t n = strcspn(words, "\n");

		sb_addf(&p->detail, "%s%s: %.*s", p->detail.len ? "; " : "",
		    command, (int)(n > 300 ? 300 : n), words);
	}
}

static void run_next(struct loop *lp, void *arg);

static void
step_done(const struct spawn_result *r, void *arg)
{
	struct flush_probe *p = arg;
	struct flush_step *s = &p->steps[p->cur];
	char *cmd = spawn_command_line(s->argv);
	const char *words = r->err_len ? r->err : r->out;

	p->sp = NULL;
	if (r->exec_errno == ENOENT)
		note(p, FLUSH_FAILED, cmd, _("the program is not installed"));
	else if (r->timed_out)
		note(p, FLUSH_FAILED, cmd, _("it did not finish in time"));
	else
		note(p, flush_classify(r), cmd, words);
	free(cmd);
	p->cur++;
	p->t_next = loop_timer_add(p->env->loop, 0, run_next, p);
}

static void
signal_step(struct flush_probe *p, const char *comm)
{
	int pids[MAX_PIDS];
	size_t n = local_find_procs("", comm, pids, MAX_PIDS);

	if (n == 0)
		note(p, FLUSH_FAILED, comm, _("the process is not running"));
	for (size_t i = 0; i < n; i++) {
		char *cmd = xasprintf("kill -HUP %d", pids[i]);
		int err = kill((pid_t)pids[i], SIGHUP) == 0 ? 0 : errno;

		note(p, flush_classify_errno(err), cmd, err ? strerror(err) :
		    NULL);
		free(cmd);
	}
}

static void
finish(struct flush_probe *p)
{
	struct res_flush *o = p->out;

	o->ran = 1;
	o->outcome = p->nsteps ? p->outcome : FLUSH_NOTHING;
	o->command = p->cmd.len ? sanitize_str(p->cmd.s, 0) : NULL;
	o->detail = p->detail.len ? sanitize_str(p->detail.s, 0) : NULL;
	p->done(p->arg);
	flush_cancel(p);
}

static void
run_next(struct loop *lp, void *arg)
{
	struct flush_probe *p = arg;

	(void)lp;
	p->t_next = 0;
	while (p->cur < p->nsteps && p->steps[p->cur].comm) {
		signal_step(p, p->steps[p->cur].comm);
		p->cur++;
	}
	if (p->cur >= p->nsteps) {
		finish(p);
		return;
	}
	p->sp = spawn_start(p->env->loop, p->steps[p->cur].argv,
	    p->env->timeout_ms, 0, step_done, p);
}

struct flush_probe *
flush_start(struct probe_env *env, const char *caches, struct res_flush *out,
    probe_done_cb done, void *arg)
{
	struct flush_probe *p = xcalloc(1, sizeof(*p));
	const char *c = caches ? caches : "";

	p->env = env;
	p->out = out;
	p->done = done;
	p->arg = arg;
	p->outcome = FLUSH_NOTHING;
	while (*c) {
		size_t n = strcspn(c, " ,");
		char *name = xstrndup(c, n);

		plan(p, name);
		free(name);
		c += n;
		c += strspn(c, " ,");
	}
	p->t_next = loop_timer_add(env->loop, 0, run_next, p);
	return p;
}

void
flush_cancel(struct flush_probe *p)
{
	if (!p)
		return;
	spawn_cancel(p->sp);
	loop_timer_cancel(p->env->loop, p->t_next);
	sb_free(&p->cmd);
	sb_free(&p->detail);
	free(p);
}

char *
flush_summary(const struct res_flush *f)
{
	if (!f->ran)
		return xstrdup(_("the DNS cache was not flushed"));
	switch (f->outcome) {
	case FLUSH_FLUSHED:
		return xasprintf(_("DNS cache flushed (%s)"), f->command);
	case FLUSH_NOTHING:
		return xstrdup(_("nothing to flush: this machine keeps no "
		    "local DNS cache we know of"));
	case FLUSH_NEEDS_PRIVILEGES:
		return xasprintf(_("flushing needs administrator rights; run: "
		    "%s"), f->command);
	case FLUSH_NOT_RUN:
	case FLUSH_FAILED:
		break;
	}
	return xasprintf(_("flushing failed: %s"), f->detail ? f->detail :
	    f->command ? f->command : "?");
}

void
res_flush_clear(struct res_flush *f)
{
	free(f->command);
	free(f->detail);
	free(f->before);
	free(f->after);
	memset(f, 0, sizeof(*f));
}

/* What flush_start() would run for caches; see flush.h. */
char *
flush_plan_text(const char *caches)
{
	struct flush_probe p;
	struct strbuf sb = STRBUF_INIT;
	const char *c = caches ? caches : "";

	memset(&p, 0, sizeof(p));
	while (*c) {
		size_t n = strcspn(c, " ,");
		char *name = xstrndup(c, n);

		plan(&p, name);
		free(name);
		c += n;
		c += strspn(c, " ,");
	}
	for (size_t i = 0; i < p.nsteps; i++) {
		char *cmd = p.steps[i].comm ?
		    xasprintf("kill -HUP %s", p.steps[i].comm) :
		    spawn_command_line(p.steps[i].argv);

		sb_addf(&sb, "%s%s", i ? "; " : "", cmd);
		free(cmd);
	}
	if (!sb.len) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}
