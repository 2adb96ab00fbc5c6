#include "config.h"

#include "tui/store.h"
#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SESSION_FILE_MAX (8 * 1024 * 1024)
#define STALE_TMP_AGE 60	/* seconds; a save takes milliseconds */

/* The state directory, without the trailing "connreset". */
static char *
state_base(char **err)
{
	const char *x = getenv("XDG_STATE_HOME"), *home;

	if (x && x[0] == '/')
		return xstrdup(x);
	home = getenv("HOME");
	if (!home || home[0] != '/') {
		*err = xstrdup(_("cannot save the session: neither "
		    "XDG_STATE_HOME nor HOME is set"));
		return NULL;
	}
	return xasprintf("%s/.local/state", home);
}

/* Creates every missing directory of path with mode 0700. */
static int
mkdirs(const char *path, char **err)
{
	char *p = xstrdup(path);
	int rc = 0;

	for (char *q = p + 1; rc == 0; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		char c = *q;

		*q = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			*err = xasprintf(_("cannot create %s: %s"), p,
			    strerror(errno));
			rc = -1;
		}
		*q = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/* Path of the session file (owned by the caller), or NULL with *err. */
char *
store_path(char **err)
{
	char *base = state_base(err), *path;

	if (!base)
		return NULL;
	path = xasprintf("%s/connreset/session.json", base);
	free(base);
	return path;
}

/* Removes what a killed save left behind (a small folder: cheap). */
static void
remove_stale(const char *dir)
{
	/* Old enough that no other connreset is still writing it. */
	file_remove_stale(dir, "session.json", STALE_TMP_AGE);
}

/* Writes json to path via path.XXXXXX; never over a FIFO or device. */
static int
write_session(const char *path, const char *json, char **err)
{
	int e = file_write(path, json, strlen(json), FILE_W_REPLACE |
	    FILE_W_PRIVATE);

	if (e != 0)
		*err = xasprintf(_("cannot write %s: %s"), path,
		    file_strerror(e));
	return e ? -1 : 0;
}

/* Saves s atomically; see store.h. */
int
store_save(const struct session *s, const struct probe_results *ev,
    char **err)
{
	char *base, *dir, *path, *json;
	int rc = -1;

	*err = NULL;
	if (!(base = state_base(err)))
		return -1;
	dir = xasprintf("%s/connreset", base);
	path = xasprintf("%s/session.json", dir);
	if (mkdirs(dir, err) == 0) {
		remove_stale(dir);
		json = session_to_json_ev(s, ev);
		rc = write_session(path, json, err);
		free(json);
	}
	free(base);
	free(dir);
	free(path);
	return rc;
}

/* Reads the saved session file; NULL with *err (one line). */
static char *
read_file(const char *path, char **err)
{
	char *buf = file_read(path, SESSION_FILE_MAX, FILE_REGULAR, NULL);

	if (!buf && errno == ENOENT)
		*err = xasprintf(_("no saved session to resume (%s does not "
		    "exist)"), path);
	else if (!buf && errno == EINVAL)
		*err = xasprintf(_("cannot read %s: %s"), path,
		    file_strerror(FILE_ENOTREG));
	else if (!buf)
		*err = xasprintf(_("cannot read %s: %s"), path,
		    strerror(errno));
	return buf;
}

/* Loads the saved session into s; -1 with *err when there is none/bad. */
int
store_load(struct session *s, char **err)
{
	char *path, *dir, *json, *perr = NULL;
	int rc;

	*err = NULL;
	if (!(path = store_path(err)))
		return -1;
	dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	remove_stale(dir);
	free(dir);
	json = read_file(path, err);
	if (!json) {
		free(path);
		return -1;
	}
	rc = session_from_json(json, s, &perr);
	if (rc < 0) {
		*err = xasprintf("%s: %s", path, perr);
		free(perr);
	}
	free(json);
	free(path);
	return rc;
}
