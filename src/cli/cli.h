/* The command line: options, batch mode, and the dispatch to the wizard. */
#ifndef CONNRESET_CLI_H
#define CONNRESET_CLI_H

/* Exit codes, as documented in --help and connreset(1). */
enum {
	EXIT_WORKS = 0,		/* the target works / nothing wrong */
	EXIT_PROBLEM = 1,	/* a problem was diagnosed */
	EXIT_USAGE = 2,		/* usage error */
	EXIT_CANNOT = 3		/* could not run */
};

/* Prints "connreset: msg" on stderr as one line, controls escaped. */
void cli_error(const char *msg);
/* Runs connreset with the given arguments; returns the exit code. */
int cli_main(int argc, char **argv);

#endif
