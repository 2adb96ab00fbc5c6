/* Command-line options, parsed without side effects (testable). */
#ifndef CONNRESET_OPTIONS_H
#define CONNRESET_OPTIONS_H

#include "probe/http.h"	/* struct http_own */
#include "tui/tui.h"	/* TUI_GIVEN_* */

enum cli_mode {
	MODE_WIZARD,		/* the curses wizard (default) */
	MODE_BATCH,		/* --batch: sweep, summary, report */
	MODE_LIST_STEPS,	/* --list-steps */
	MODE_COMPARE,		/* compare A.json B.json */
	MODE_LIST_CASES,	/* --list-cases: the wizard's saved cases */
	MODE_EXPIRE_CASES,	/* --expire-cases DAYS */
	MODE_HELP,
	MODE_VERSION
};

struct cli_options {
	enum cli_mode mode;
	const char *url;	/* the address, borrowed from argv */
#define CLI_MAX_REPORTS 8
	const char *reports[CLI_MAX_REPORTS];	/* each --report FILE, "-"
						   for standard output */
	int nreports;
	int format;		/* enum report_format, -1 = from the name */
	int audience;		/* enum report_audience */
	const char *report_lang;	/* --report-lang LANG, NULL: locale */
	int redact;		/* --redact */
	int force;		/* --force */
	const char *cacert;	/* --cacert FILE */
	long timeout_ms;	/* --timeout SECONDS, in ms */
	int attempts;		/* --attempts N, 0 for the default */
	long watch_ms;		/* --watch [DURATION], 0: no watch */
	int watch_word;		/* --watch had no "=DURATION" */
	long request_limit_ms;	/* --request-timeout SECONDS, 0 default */
	int resume;		/* --resume */
	const char *resume_id;	/* --resume ID, NULL: the latest case */
	int expire_days;	/* --expire-cases DAYS */
	unsigned given;		/* TUI_GIVEN_* of options on the line */
	int quiet;		/* --quiet: no progress line */
	int flush_dns;		/* --flush-dns, batch mode only */
	int no_asn;		/* --no-asn: no network (AS) lookups */
	const char *compare_a, *compare_b;
	/* The person's own request: -X, -H (argv's), -d (body owned). */
#define CLI_MAX_HEADERS 64
#define CLI_MAX_BODY (1024 * 1024)	/* bytes of -d, all joined */
#define CLI_MAX_METHOD 32
	struct http_own own;
	char *headers[CLI_MAX_HEADERS];
	int stdout_closed;	/* standard output was closed at start (set
				   by cli_main, not by cli_parse) */
};

/*
 * Parses argv into o. Returns 0, or -1 with *err set to one translated
 * line (owned by the caller) for any usage error.
 */
int cli_parse(int argc, char **argv, struct cli_options *o, char **err);
/* Frees what cli_parse() allocated (the -d body). */
void cli_options_free(struct cli_options *o);
/* Prints --help to stdout. */
void cli_usage(const char *prog);

#endif
