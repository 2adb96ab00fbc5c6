/*
 * The exit codes of connreset, the one definition the command line and
 * the wizard share; their meanings are documented in --help, README.md
 * and connreset(1).
 */
#ifndef CONNRESET_EXITCODE_H
#define CONNRESET_EXITCODE_H

enum {
	EXIT_WORKS = 0,		/* the target works / nothing wrong */
	EXIT_PROBLEM = 1,	/* a problem was diagnosed */
	EXIT_USAGE = 2,		/* usage error */
	EXIT_CANNOT = 3		/* could not run */
};

#endif
