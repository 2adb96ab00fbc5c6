/*
 * Where the wizard keeps its session: $XDG_STATE_HOME/connreset/
 * session.json (default ~/.local/state/connreset/), written atomically.
 */
#ifndef CONNRESET_TUI_STORE_H
#define CONNRESET_TUI_STORE_H

#include "diag/session.h"

/* Path of the session file (owned by the caller), or NULL with *err. */
char *store_path(char **err);
/*
 * Saves s (with ev as its evidence snapshot) through a temporary file,
 * fsync and rename; directories are created 0700, the file is 0600.
 * Returns 0, or -1 with *err set (one line, owned by the caller).
 */
int store_save(const struct session *s, const struct probe_results *ev,
    char **err);
/* Loads the saved session into s; -1 with *err when there is none/bad. */
int store_load(struct session *s, char **err);

#endif
