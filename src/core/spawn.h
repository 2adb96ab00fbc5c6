/*
 * Running a helper program (resolvectl, nft, gsettings ...) on the one
 * loop: fork + execvp with an argument vector (never a shell), stdin from
 * /dev/null, stdout and stderr captured through pipes the loop watches,
 * the exit status collected with waitpid(WNOHANG) once the output ended,
 * and a timeout that kills the child's whole process group.
 * The child runs with LC_ALL=C so its messages can be classified.
 * Every live helper's group is also killed at exit and on SIGINT, SIGTERM,
 * SIGHUP and SIGQUIT (when their handler is the default), and on Linux a
 * helper dies with connreset even of a SIGKILL (PR_SET_PDEATHSIG).
 */
#ifndef CONNRESET_SPAWN_H
#define CONNRESET_SPAWN_H

#include <stddef.h>

struct loop;
struct spawn;

/* How a helper ended. Output is raw bytes (not sanitized), NUL-terminated. */
struct spawn_result {
	int exec_errno;		/* the program could not run (ENOENT,
				   EACCES ...); 0 when it ran */
	int exited;		/* it exited normally ... */
	int exit_code;		/* ... with this code */
	int signaled;		/* it died of a signal ... */
	int term_signal;	/* ... this one */
	int timed_out;		/* we killed it at the timeout */
	char *out;		/* stdout, at most cap bytes ("" if none) */
	size_t out_len;
	char *err;		/* stderr, at most cap bytes ("" if none) */
	size_t err_len;
	int truncated;		/* some output went beyond cap */
	double ms;		/* from start to reaping */
};

/*
 * Called once when the helper was reaped (or could not start). The result
 * and its buffers are valid only during the call.
 */
typedef void (*spawn_done_cb)(const struct spawn_result *res, void *arg);

/*
 * Where the program name runs from, as an absolute path (owned), or NULL
 * when it is nowhere: a name holding a '/' as it is, else the first
 * executable in PATH's absolute entries, else in /usr/local/sbin,
 * /usr/sbin, /sbin, /usr/bin or /bin, where system tools such as nft live
 * even when an ordinary user's PATH leaves them out.
 */
char *spawn_find(const char *name);
/*
 * Replaces the directories searched after PATH (a NULL-terminated list,
 * borrowed; NULL restores the default): tests that must run no helper
 * of this machine give an empty list.
 */
void spawn_set_system_dirs(const char *const *dirs);
/*
 * Starts argv[0] (found by spawn_find(), run by that absolute path) with
 * argv; done runs from the loop,
 * never from inside this call. timeout_ms <= 0 means 10 s, cap == 0 means
 * 64 KiB per stream. The handle frees itself after done returns.
 */
struct spawn *spawn_start(struct loop *lp, const char *const *argv,
    long timeout_ms, size_t cap, spawn_done_cb done, void *arg);
/* Kills the helper and frees the handle; done is not called. */
void spawn_cancel(struct spawn *sp);
/* Returns argv joined by spaces (for showing a command), owned by caller. */
char *spawn_command_line(const char *const *argv);

#endif
