/*
 * Commands a recipient can run to reproduce what connreset saw, built
 * from the evidence with exact arguments and quoted for a POSIX shell.
 */
#ifndef CONNRESET_COMMANDS_H
#define CONNRESET_COMMANDS_H

#include <stddef.h>

#include "probe/result.h"

#define COMMANDS_MAX 24

/* One command line and why it is worth running. */
struct command {
	char *why;		/* translated sentence, owned */
	char *line;		/* the shell command line, owned */
};

/* Fills out with up to max commands for r; returns how many. */
size_t commands_build(const struct probe_results *r, struct command *out,
    size_t max);
/* Frees n commands. */
void commands_free(struct command *c, size_t n);
/*
 * Returns s quoted for a POSIX shell: unchanged when it holds only safe
 * characters, else in single quotes with embedded quotes as '\''.
 */
char *commands_quote(const char *s);

#endif
