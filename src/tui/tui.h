/* The curses wizard: the entry point the command line calls. */
#ifndef CONNRESET_TUI_H
#define CONNRESET_TUI_H

struct http_own;

/* Options given on the command line (a resumed case keeps the rest). */
enum { TUI_GIVEN_TIMEOUT = 1 << 0, TUI_GIVEN_ATTEMPTS = 1 << 1,
	TUI_GIVEN_NO_ASN = 1 << 2, TUI_GIVEN_WATCH = 1 << 3,
	TUI_GIVEN_REQUEST_TIMEOUT = 1 << 4, TUI_GIVEN_CACERT = 1 << 5 };

struct tui_options {
	const char *url;	/* address from the command line, or NULL */
	long timeout_ms;	/* bound for each probe */
	int attempts;		/* --attempts, 0 for the default */
	int no_asn;		/* --no-asn */
	long watch_ms;		/* --watch DURATION: start watching at once
				   for that long; 0: no watch */
	long request_limit_ms;	/* --request-timeout, 0 for the default */
	const char *cacert;	/* --cacert, or NULL */
	const struct http_own *own;	/* -X, -H, -d, or NULL: not saved in
					   the case (its secrets), so given
					   again with --resume */
	int resume;		/* reopen a saved case (--resume) */
	const char *resume_id;	/* --resume ID; NULL: the latest */
	unsigned given;		/* TUI_GIVEN_*: options
				   given now, which win over a resumed
				   case's own */
};

/*
 * Runs the wizard on the terminal until the person quits. Returns the
 * exit code: 0 it works / nothing wrong, 1 a problem was diagnosed,
 * 3 could not run (one error line is printed to stderr).
 */
int tui_run(const struct tui_options *opts);

#endif
