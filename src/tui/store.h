/*
 * Where the wizard keeps its cases: one file per case in
 * $XDG_STATE_HOME/connreset/ (default ~/.local/state/connreset/), named
 * case-<host>-<YYYYMMDD-HHMMSS>.json after its target and start, written
 * atomically. A new case never replaces another; a case goes away only
 * by store_expire() (connreset --expire-cases DAYS). A session.json
 * left by an older connreset is listed as the case "session".
 */
#ifndef CONNRESET_TUI_STORE_H
#define CONNRESET_TUI_STORE_H

#include <stddef.h>
#include <time.h>

#include "diag/session.h"

/* One saved case, as the list shows it. */
struct store_case {
	char *id;		/* "example.com-20260102-030405" */
	char *input;		/* the target (masked), or NULL */
	char *role;		/* role words for the list */
	char *updated;		/* RFC 3339 */
	size_t nanswers;
	time_t mtime;
};

/* The folder of the cases (owned by the caller), or NULL with *err. */
char *store_dir(char **err);
/* Path of case id (owned by the caller), or NULL with *err. */
char *store_case_path(const char *id, char **err);
/*
 * Gives s a new case id from its target and start time when it has
 * none: one no saved case uses. Returns 0, or -1 with *err.
 */
int store_name_case(struct session *s, char **err);
/*
 * Saves s (with ev as its evidence snapshot) under its id through a
 * temporary file, fsync and rename; directories are created 0700, the
 * file is 0600. Returns 0, or -1 with *err (one line, owned).
 */
int store_save(const struct session *s, const struct probe_results *ev,
    char **err);
/*
 * Loads case id ("latest" or NULL: the one saved last) into s; -1 with
 * *err when there is none or it is unusable; -2 when id names no case.
 */
int store_load(const char *id, struct session *s, char **err);
/* Non-zero when id is a name a case may have (no '/', no dot first). */
int store_id_valid(const char *id);
/*
 * The saved cases, the newest first (owned; store_cases_free()).
 * Unreadable files are left out. *n is 0 when there are none.
 */
struct store_case *store_cases(size_t *n);
void store_cases_free(struct store_case *c, size_t n);
/*
 * Removes the cases not saved for days days (0: all). Returns how many
 * went, or -1 with *err.
 */
int store_expire(int days, char **err);

#endif
