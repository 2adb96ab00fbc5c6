/* The curses wizard: the entry point the command line calls. */
#ifndef CONNRESET_TUI_H
#define CONNRESET_TUI_H

struct tui_options {
	const char *url;	/* address from the command line, or NULL */
	long timeout_ms;	/* bound for each probe */
	int attempts;		/* --attempts, 0 for the default */
	int no_asn;		/* --no-asn */
	long watch_ms;		/* --watch DURATION: start watching at once
				   for that long; 0: no watch */
	long request_limit_ms;	/* --request-timeout, 0 for the default */
	const char *cacert;	/* --cacert, or NULL */
	int resume;		/* restore the saved session (--resume) */
};

/*
 * Runs the wizard on the terminal until the person quits. Returns the
 * exit code: 0 it works / nothing wrong, 1 a problem was diagnosed,
 * 3 could not run (one error line is printed to stderr).
 */
int tui_run(const struct tui_options *opts);

#endif
