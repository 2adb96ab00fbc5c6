#include "config.h"

#include "tui/store.h"
#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SESSION_FILE_MAX (8 * 1024 * 1024)

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

static int
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Writes json to path via path.XXXXXX, fsync and rename. */
static int
write_atomic(const char *dir, const char *path, const char *json,
    char **err)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp), rc = -1, dfd;

	if (fd < 0) {
		*err = xasprintf(_("cannot save the session in %s: %s"), dir,
		    strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, 0600) < 0 || write_all(fd, json, strlen(json)) < 0 ||
	    fsync(fd) < 0)
		*err = xasprintf(_("cannot write %s: %s"), tmp,
		    strerror(errno));
	else if (rename(tmp, path) < 0)
		*err = xasprintf(_("cannot rename %s to %s: %s"), tmp, path,
		    strerror(errno));
	else
		rc = 0;
	close(fd);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	/* Make the rename itself durable. */
	if (rc == 0 && (dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return rc;
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
		json = session_to_json_ev(s, ev);
		rc = write_atomic(dir, path, json, err);
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
	char *buf = file_read(path, SESSION_FILE_MAX, 0, NULL);

	if (!buf)
		*err = errno == ENOENT ?
		    xasprintf(_("no saved session to resume (%s does not "
		    "exist)"), path) :
		    xasprintf(_("cannot read %s: %s"), path, strerror(errno));
	return buf;
}

/* Loads the saved session into s; -1 with *err when there is none/bad. */
int
store_load(struct session *s, char **err)
{
	char *path, *json, *perr = NULL;
	int rc;

	*err = NULL;
	if (!(path = store_path(err)))
		return -1;
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
