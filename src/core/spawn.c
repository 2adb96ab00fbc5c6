#include "config.h"

#include "core/spawn.h"

#include "core/loop.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

extern char **environ;

#define DEFAULT_TIMEOUT_MS 10000
#define DEFAULT_CAP (64 * 1024)
#define REAP_RETRY_MS 10
#define CANCEL_REAP_TRIES 500	/* 10 s of 20 ms retries, then give up */
#define CHILD_MAX_FD 1024
#define MAX_LIVE 64		/* helpers running at once; a sweep runs a few */

enum { S_OUT, S_ERR, S_EXEC, S_N };

struct spawn {
	struct loop *lp;
	pid_t pid;		/* 0 when fork failed */
	int fds[S_N];		/* read ends; -1 once at EOF */
	struct strbuf sb[2];	/* stdout, stderr */
	unsigned char ebuf[sizeof(int)];	/* errno from a failed exec */
	size_t elen;
	size_t cap;
	int truncated;
	int fork_errno;
	int timed_out;
	uint64_t t_timeout, t_reap, t_defer;
	int reap_tries;
	double t0;
	spawn_done_cb done;
	void *arg;
};

static void try_reap(struct loop *lp, void *arg);

/*
 * Every helper runs in a process group of its own (its pid), listed here
 * until it is reaped, so that exit and every terminating signal can kill
 * the groups: nothing is left running, reparented to init. Read by a
 * signal handler: fixed size, sig_atomic_t-sized stores only.
 */
static volatile pid_t live[MAX_LIVE];
static const int fatal_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* Kills every live helper's group; async-signal-safe. */
static void
kill_live(void)
{
	for (int i = 0; i < MAX_LIVE; i++) {
		pid_t pid = live[i];

		if (pid > 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
	}
}

static void
on_fatal_signal(int sig)
{
	int saved = errno;

	kill_live();
	/* SA_RESETHAND restored the default: die of the same signal. */
	raise(sig);
	errno = saved;
}

/*
 * Once: kill the helpers at exit, and on a terminating signal whose
 * handler is still the default (the wizard's own handlers quit cleanly
 * and cancel every helper themselves; an ignored signal stays ignored).
 */
static void
guard_once(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	atexit(kill_live);
	for (size_t i = 0; i < sizeof(fatal_sigs) / sizeof(*fatal_sigs); i++) {
		struct sigaction old, sa;

		if (sigaction(fatal_sigs[i], NULL, &old) != 0 ||
		    (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = (int)SA_RESETHAND;
		sigaction(fatal_sigs[i], &sa, NULL);
	}
}

/* Blocks (how: SIG_BLOCK) the terminating signals, old mask in *old. */
static void
block_fatal(int how, sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(fatal_sigs) / sizeof(*fatal_sigs); i++)
		sigaddset(&set, fatal_sigs[i]);
	sigprocmask(how, &set, old);
}

/* Lists pid as live (there is room: see live_full()). */
static void
live_add(pid_t pid)
{
	for (int i = 0; i < MAX_LIVE; i++)
		if (live[i] == 0) {
			live[i] = pid;
			return;
		}
}

static void
live_remove(pid_t pid)
{
	for (int i = 0; i < MAX_LIVE; i++)
		if (live[i] == pid)
			live[i] = 0;
}

/* Is there room for one more helper? */
static int
live_full(void)
{
	for (int i = 0; i < MAX_LIVE; i++)
		if (live[i] == 0)
			return 0;
	return 1;
}

static void
close_stream(struct spawn *sp, int i)
{
	if (sp->fds[i] < 0)
		return;
	loop_unwatch(sp->lp, sp->fds[i]);
	close(sp->fds[i]);
	sp->fds[i] = -1;
}

static void
spawn_free(struct spawn *sp)
{
	for (int i = 0; i < S_N; i++)
		close_stream(sp, i);
	loop_timer_cancel(sp->lp, sp->t_timeout);
	loop_timer_cancel(sp->lp, sp->t_reap);
	loop_timer_cancel(sp->lp, sp->t_defer);
	sb_free(&sp->sb[0]);
	sb_free(&sp->sb[1]);
	free(sp);
}

/* Hands the result to the caller and frees the handle. */
static void
finish(struct spawn *sp, int have_status, int status)
{
	struct spawn_result r;

	memset(&r, 0, sizeof(r));
	if (sp->fork_errno)
		r.exec_errno = sp->fork_errno;
	else if (sp->elen == sizeof(int))
		memcpy(&r.exec_errno, sp->ebuf, sizeof(int));
	if (have_status && !r.exec_errno) {
		r.exited = WIFEXITED(status);
		r.exit_code = r.exited ? WEXITSTATUS(status) : 0;
		r.signaled = WIFSIGNALED(status);
		r.term_signal = r.signaled ? WTERMSIG(status) : 0;
	}
	r.timed_out = sp->timed_out;
	r.out = (char *)sb_str(&sp->sb[0]);
	r.out_len = sp->sb[0].len;
	r.err = (char *)sb_str(&sp->sb[1]);
	r.err_len = sp->sb[1].len;
	r.truncated = sp->truncated;
	r.ms = loop_now_ms() - sp->t0;
	sp->done(&r, sp->arg);
	spawn_free(sp);
}

static void
try_reap(struct loop *lp, void *arg)
{
	struct spawn *sp = arg;
	int status = 0;
	pid_t got;

	(void)lp;
	sp->t_reap = 0;
	got = waitpid(sp->pid, &status, WNOHANG);
	if (got == sp->pid || (got < 0 && errno != EINTR))
		live_remove(sp->pid);
	if (got == sp->pid)
		finish(sp, 1, status);
	else if (got < 0 && errno != EINTR)
		finish(sp, 0, 0);	/* someone else reaped it */
	else
		sp->t_reap = loop_timer_add(sp->lp, REAP_RETRY_MS, try_reap,
		    sp);
}

static void
stream_ready(struct loop *lp, int fd, short revents, void *arg)
{
	struct spawn *sp = arg;
	char buf[4096];
	ssize_t n;
	int i;

	(void)lp;
	(void)revents;
	for (i = 0; i < S_N && sp->fds[i] != fd; i++)
		;
	if (i == S_N)
		return;
	n = read(fd, buf, sizeof(buf));
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		close_stream(sp, i);
		if (sp->fds[S_OUT] < 0 && sp->fds[S_ERR] < 0 &&
		    sp->fds[S_EXEC] < 0 && !sp->t_reap)
			try_reap(sp->lp, sp);
		return;
	}
	if (i == S_EXEC) {
		size_t take = sizeof(sp->ebuf) - sp->elen;

		take = (size_t)n < take ? (size_t)n : take;
		memcpy(sp->ebuf + sp->elen, buf, take);
		sp->elen += take;
		return;
	}
	if (sp->sb[i].len + (size_t)n > sp->cap) {
		sp->truncated = 1;
		n = (ssize_t)(sp->cap - sp->sb[i].len);
	}
	if (n > 0)
		sb_addn(&sp->sb[i], buf, (size_t)n);
}

static void
timed_out(struct loop *lp, void *arg)
{
	struct spawn *sp = arg;

	(void)lp;
	sp->t_timeout = 0;
	sp->timed_out = 1;
	kill(-sp->pid, SIGKILL);
	kill(sp->pid, SIGKILL);
}

static void
fork_failed(struct loop *lp, void *arg)
{
	struct spawn *sp = arg;

	(void)lp;
	sp->t_defer = 0;
	finish(sp, 0, 0);
}

/*
 * The environment for the child: ours with LC_ALL=C and without LANGUAGE
 * (built before fork), so that its messages are the English we match.
 */
static char **
child_env(void)
{
	size_t n = 0, k = 0;
	char **env;

	while (environ && environ[n])
		n++;
	env = xcalloc(n + 2, sizeof(*env));
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "LC_ALL=", 7) != 0 &&
		    strncmp(environ[i], "LANGUAGE=", 9) != 0)
			env[k++] = environ[i];
	env[k++] = (char *)"LC_ALL=C";
	env[k] = NULL;
	return env;
}

/* Where system tools live when they are not on this user's PATH. */
static const char *const default_dirs[] = { "/usr/local/sbin", "/usr/sbin",
	"/sbin", "/usr/bin", "/bin", NULL };
static const char *const *sys_dirs = default_dirs;

void
spawn_set_system_dirs(const char *const *dirs)
{
	sys_dirs = dirs ? dirs : default_dirs;
}

/* dir/name when it is an executable regular file (owned), else NULL. */
static char *
exe_in(const char *dir, size_t dlen, const char *name)
{
	char *p = xasprintf("%.*s/%s", (int)dlen, dir, name);
	struct stat st;

	if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0)
		return p;
	free(p);
	return NULL;
}

char *
spawn_find(const char *name)
{
	const char *path = getenv("PATH"), *s, *e;
	char *found;

	if (!name || !*name)
		return NULL;
	if (strchr(name, '/'))
		return xstrdup(name);
	for (s = path; s && *s; s = *e ? e + 1 : e) {
		e = strchr(s, ':');
		if (!e)
			e = s + strlen(s);
		/* An empty entry or a relative one would run from here. */
		if (e > s && *s == '/' && (found = exe_in(s, (size_t)(e - s),
		    name)))
			return found;
	}
	for (size_t i = 0; sys_dirs[i]; i++)
		if ((found = exe_in(sys_dirs[i], strlen(sys_dirs[i]), name)))
			return found;
	return NULL;
}

/* In the child: only async-signal-safe calls until exec. */
static void
child(const char *exe, const char *const *argv, int out, int err, int st,
    char **env, pid_t parent, const sigset_t *mask)
{
	int nul = open("/dev/null", O_RDONLY);
	int e;

	setpgid(0, 0);
	for (size_t i = 0; i < sizeof(fatal_sigs) / sizeof(*fatal_sigs); i++)
		signal(fatal_sigs[i], SIG_DFL);
	sigprocmask(SIG_SETMASK, mask, NULL);
#ifdef __linux__
	/* Even a kill -9 of connreset takes the helper along. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);	/* the parent died before prctl() */
#else
	(void)parent;
#endif
	if (nul >= 0)
		dup2(nul, 0);
	dup2(out, 1);
	dup2(err, 2);
	for (int fd = 3; fd < CHILD_MAX_FD; fd++)
		if (fd != st)
			close(fd);
	environ = env;
	if (exe)
		execv(exe, (char *const *)argv);
	e = exe ? errno : ENOENT;
	if (write(st, &e, sizeof(e)) < 0)
		_exit(126);
	_exit(127);
}

/* Creates the three pipes; returns -1 (closing what was made) on error. */
static int
make_pipes(int p[S_N][2])
{
	for (int i = 0; i < S_N; i++) {
		if (pipe(p[i]) == 0) {
			fcntl(p[i][0], F_SETFD, FD_CLOEXEC);
			fcntl(p[i][1], F_SETFD, FD_CLOEXEC);
			continue;
		}
		while (i-- > 0) {
			close(p[i][0]);
			close(p[i][1]);
		}
		return -1;
	}
	return 0;
}

struct spawn *
spawn_start(struct loop *lp, const char *const *argv, long timeout_ms,
    size_t cap, spawn_done_cb done, void *arg)
{
	struct spawn *sp = xcalloc(1, sizeof(*sp));
	int p[S_N][2], e;
	char **env, *exe;
	pid_t parent;
	sigset_t oldmask;

	sp->lp = lp;
	sp->cap = cap ? cap : DEFAULT_CAP;
	sp->done = done;
	sp->arg = arg;
	sp->t0 = loop_now_ms();
	for (int i = 0; i < S_N; i++)
		sp->fds[i] = -1;
	if (make_pipes(p) < 0) {
		sp->fork_errno = errno;
		sp->t_defer = loop_timer_add(lp, 0, fork_failed, sp);
		return sp;
	}
	guard_once();
	env = child_env();
	exe = spawn_find(argv[0]);
	parent = getpid();
	/* No signal between fork() and the listing of the new helper. */
	block_fatal(SIG_BLOCK, &oldmask);
	sp->pid = live_full() ? (errno = EAGAIN, -1) : fork();
	if (sp->pid == 0)
		child(exe, argv, p[S_OUT][1], p[S_ERR][1], p[S_EXEC][1],
		    env, parent, &oldmask);
	e = errno;
	if (sp->pid > 0) {
		/* Also here: the child may not have run setpgid() yet. */
		setpgid(sp->pid, sp->pid);
		live_add(sp->pid);
	}
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	errno = e;
	free(env);
	free(exe);
	for (int i = 0; i < S_N; i++) {
		close(p[i][1]);
		if (sp->pid < 0) {
			close(p[i][0]);
			continue;
		}
		sp->fds[i] = p[i][0];
		fcntl(p[i][0], F_SETFL, fcntl(p[i][0], F_GETFL) | O_NONBLOCK);
		loop_watch(lp, p[i][0], POLLIN, stream_ready, sp);
	}
	if (sp->pid < 0) {
		sp->fork_errno = errno;
		sp->pid = 0;
		sp->t_defer = loop_timer_add(lp, 0, fork_failed, sp);
		return sp;
	}
	sp->t_timeout = loop_timer_add(lp, timeout_ms > 0 ? timeout_ms :
	    DEFAULT_TIMEOUT_MS, timed_out, sp);
	return sp;
}

/* After a cancel: keeps trying to reap the killed child, then frees. */
static void
reap_cancelled(struct loop *lp, void *arg)
{
	struct spawn *sp = arg;

	(void)lp;
	sp->t_reap = 0;
	if (waitpid(sp->pid, NULL, WNOHANG) == 0 &&
	    ++sp->reap_tries < CANCEL_REAP_TRIES) {
		sp->t_reap = loop_timer_add(sp->lp, 20, reap_cancelled, sp);
		return;
	}
	live_remove(sp->pid);
	spawn_free(sp);
}

void
spawn_cancel(struct spawn *sp)
{
	if (!sp)
		return;
	for (int i = 0; i < S_N; i++)
		close_stream(sp, i);
	loop_timer_cancel(sp->lp, sp->t_timeout);
	loop_timer_cancel(sp->lp, sp->t_reap);
	loop_timer_cancel(sp->lp, sp->t_defer);
	sp->t_timeout = sp->t_reap = sp->t_defer = 0;
	if (sp->pid <= 0) {
		spawn_free(sp);
		return;
	}
	kill(-sp->pid, SIGKILL);
	kill(sp->pid, SIGKILL);
	reap_cancelled(sp->lp, sp);
}

char *
spawn_command_line(const char *const *argv)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; argv && argv[i]; i++) {
		if (i)
			sb_addc(&sb, ' ');
		sb_add(&sb, argv[i]);
	}
	return sb.s ? sb_detach(&sb) : xstrdup("");
}
