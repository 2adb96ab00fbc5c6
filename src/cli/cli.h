/* The command line: options, batch mode, and the dispatch to the wizard. */
#ifndef CONNRESET_CLI_H
#define CONNRESET_CLI_H

/* Prints "connreset: msg" on stderr as one line, controls escaped. */
void cli_error(const char *msg);
/* Runs connreset with the given arguments; returns the exit code
   (core/exitcode.h). */
int cli_main(int argc, char **argv);

#endif
