#include "config.h"

#include "tui/store.h"
#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SESSION_FILE_MAX (8 * 1024 * 1024)
#define STALE_TMP_AGE 60	/* seconds; a save takes milliseconds */
#define STORE_MAX_CASES 10000	/* cases listed at most */
#define CASE_PREFIX "case-"
#define LEGACY_ID "session"	/* the single file of older versions */

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

/* The folder of the cases (owned by the caller), or NULL with *err. */
char *
store_dir(char **err)
{
	char *base = state_base(err), *dir;

	if (!base)
		return NULL;
	dir = xasprintf("%s/connreset", base);
	free(base);
	return dir;
}

/* Non-zero when id is a name a case may have (no '/', no dot first). */
int
store_id_valid(const char *id)
{
	if (!id || !*id || id[0] == '.' || strlen(id) > 200)
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_'))
			return 0;
	return 1;
}

/* The file name of case id: "session" is the old single file. */
static char *
case_file(const char *dir, const char *id)
{
	if (strcmp(id, LEGACY_ID) == 0)
		return xasprintf("%s/session.json", dir);
	return xasprintf("%s/" CASE_PREFIX "%s.json", dir, id);
}

/* Path of case id (owned by the caller), or NULL with *err. */
char *
store_case_path(const char *id, char **err)
{
	char *dir = store_dir(err), *path;

	if (!dir)
		return NULL;
	path = case_file(dir, id);
	free(dir);
	return path;
}

/* The host of a typed address, safe in a file name. */
static void
case_host(const char *in, char *out, size_t len)
{
	const char *p = in ? in : "", *q;
	size_t n = 0;

	if ((q = strstr(p, "://")) != NULL)
		p = q + 3;
	/* Past any user:password@ of the authority. */
	for (q = p; *q && *q != '/' && *q != '?' && *q != '#'; q++)
		if (*q == '@')
			p = q + 1;
	if (*p == '[')
		p++;
	for (; *p && *p != '/' && *p != '?' && *p != '#' && *p != ']' &&
	    !(*p == ':' && !strchr(p + 1, ']')) && n + 1 < len; p++) {
		char c = *p;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.';

		/* Host names know no case: one name per host. */
		out[n++] = !ok ? '_' : (c >= 'A' && c <= 'Z') ?
		    (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
	if (n == 0 || out[0] == '.')
		snprintf(out, len, "target");
}

/* Gives s a case id when it has none; see store.h. */
int
store_name_case(struct session *s, char **err)
{
	char host[96], stamp[16] = "", *dir, *id = NULL;
	const char *st = s->started ? s->started : "";
	size_t k = 0;
	int taken, e;

	*err = NULL;
	if (s->id)
		return 0;
	if (!(dir = store_dir(err)))
		return -1;
	/* The folder first: a path that cannot be one is named in *err. */
	if (mkdirs(dir, err) < 0) {
		free(dir);
		return -1;
	}
	case_host(s->input, host, sizeof(host));
	/* 2026-01-02T03:04:05Z -> 20260102-030405 */
	for (const char *p = st; *p && k + 1 < sizeof(stamp); p++)
		if (*p >= '0' && *p <= '9') {
			stamp[k++] = *p;
			if (k == 8)
				stamp[k++] = '-';
		}
	stamp[k] = '\0';
	for (int i = 1; i < 1000 && !id; i++) {
		char *path;

		id = i == 1 ? xasprintf("%s-%s", host, stamp) :
		    xasprintf("%s-%s-%d", host, stamp, i);
		path = case_file(dir, id);
		errno = 0;
		taken = access(path, F_OK) == 0;
		e = errno;
		if (taken || e != ENOENT) {
			free(id);
			id = NULL;
		}
		if (!taken && e != ENOENT) {
			*err = xasprintf(_("cannot save the case in %s: %s"),
			    dir, strerror(e));
			free(path);
			free(dir);
			return -1;
		}
		free(path);
	}
	free(dir);
	if (!id) {
		*err = xstrdup(_("cannot name the case: too many cases of "
		    "this address started in the same second"));
		return -1;
	}
	s->id = id;
	return 0;
}

/* Removes what a killed save left behind (a small folder: cheap). */
static void
remove_stale(const char *dir, const char *id)
{
	char *base = case_file("", id);

	/* Old enough that no other connreset is still writing it. */
	file_remove_stale(dir, base + 1, STALE_TMP_AGE);
	free(base);
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

/* Saves s atomically under its id; see store.h. */
int
store_save(const struct session *s, const struct probe_results *ev,
    char **err)
{
	char *dir, *path, *json;
	int rc = -1;

	*err = NULL;
	if (!s->id || !store_id_valid(s->id)) {
		*err = xstrdup(_("cannot save the case: it has no name"));
		return -1;
	}
	if (!(dir = store_dir(err)))
		return -1;
	path = case_file(dir, s->id);
	if (mkdirs(dir, err) == 0) {
		remove_stale(dir, s->id);
		json = session_to_json_ev(s, ev);
		rc = write_session(path, json, err);
		free(json);
	}
	free(dir);
	free(path);
	return rc;
}

/* Reads a saved case file; NULL with *err (one line). */
static char *
read_file(const char *path, char **err)
{
	char *buf = file_read(path, SESSION_FILE_MAX, FILE_REGULAR, NULL);

	if (!buf && errno == EINVAL)
		*err = xasprintf(_("cannot read %s: %s"), path,
		    file_strerror(FILE_ENOTREG));
	else if (!buf)
		*err = xasprintf(_("cannot read %s: %s"), path,
		    strerror(errno));
	return buf;
}

/* The id of a case file's name, or NULL when it is no case file. */
static char *
id_of_file(const char *name)
{
	size_t n = strlen(name), lp = strlen(CASE_PREFIX);

	if (strcmp(name, "session.json") == 0)
		return xstrdup(LEGACY_ID);
	if (n <= lp + 5 || strncmp(name, CASE_PREFIX, lp) != 0 ||
	    strcmp(name + n - 5, ".json") != 0)
		return NULL;
	return xstrndup(name + lp, n - lp - 5);
}

static int
newest_first(const void *a, const void *b)
{
	const struct store_case *x = a, *y = b;
	int c = strcmp(y->updated ? y->updated : "",
	    x->updated ? x->updated : "");

	if (c)
		return c;
	return x->mtime < y->mtime ? 1 : x->mtime > y->mtime ? -1 :
	    strcmp(y->id, x->id);
}

/* The saved cases, the newest first; see store.h. */
struct store_case *
store_cases(size_t *n)
{
	char *err = NULL, *dir = store_dir(&err);
	struct store_case *v = NULL;
	struct dirent *de;
	DIR *d;

	*n = 0;
	free(err);
	if (!dir || !(d = opendir(dir))) {
		free(dir);
		return NULL;
	}
	while ((de = readdir(d)) != NULL && *n < STORE_MAX_CASES) {
		char *id = id_of_file(de->d_name), *path, *json, *perr = NULL;
		struct session s;
		struct stat st;

		if (!id || !store_id_valid(id)) {
			free(id);
			continue;
		}
		path = case_file(dir, id);
		json = stat(path, &st) == 0 && S_ISREG(st.st_mode) ?
		    file_read(path, SESSION_FILE_MAX, FILE_REGULAR, NULL) :
		    NULL;
		free(path);
		if (!json || session_from_json(json, &s, &perr) < 0) {
			free(json);
			free(perr);
			free(id);
			continue;
		}
		free(json);
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		v[*n].id = id;
		v[*n].input = s.input ? xstrdup(s.input) : NULL;
		v[*n].role = xstrdup(role_label(s.role));
		v[*n].updated = s.updated ? xstrdup(s.updated) : NULL;
		v[*n].nanswers = s.nanswers;
		v[*n].mtime = st.st_mtime;
		(*n)++;
		session_free(&s);
	}
	closedir(d);
	free(dir);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), newest_first);
	return v;
}

void
store_cases_free(struct store_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].id);
		free(c[i].input);
		free(c[i].role);
		free(c[i].updated);
	}
	free(c);
}

/* Loads case id (NULL or "latest": the newest) into s; see store.h. */
int
store_load(const char *id, struct session *s, char **err)
{
	char *dir, *path, *json, *perr = NULL, *want = NULL;
	int rc;

	*err = NULL;
	if (!id || strcmp(id, "latest") == 0) {
		size_t n;
		struct store_case *c = store_cases(&n);

		if (n == 0) {
			store_cases_free(c, n);
			*err = xstrdup(_("no saved case to resume (start one "
			    "with: connreset URL)"));
			return -2;
		}
		want = xstrdup(c[0].id);
		store_cases_free(c, n);
	} else if (!store_id_valid(id)) {
		*err = xstrdup(_("not a case name (see connreset "
		    "--list-cases)"));
		return -2;
	} else {
		want = xstrdup(id);
	}
	if (!(dir = store_dir(err))) {
		free(want);
		return -1;
	}
	remove_stale(dir, want);
	path = case_file(dir, want);
	free(dir);
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		*err = xasprintf(_("no saved case '%s' (see connreset "
		    "--list-cases)"), want);
		free(path);
		free(want);
		return -2;
	}
	json = read_file(path, err);
	if (!json) {
		free(path);
		free(want);
		return -1;
	}
	rc = session_from_json(json, s, &perr);
	if (rc < 0) {
		*err = xasprintf("%s: %s", path, perr);
		free(perr);
	} else if (strcmp(want, LEGACY_ID) != 0) {
		xstrset(&s->id, want);
	}
	free(json);
	free(path);
	free(want);
	return rc;
}

/* Removes the cases not saved for days days; see store.h. */
int
store_expire(int days, char **err)
{
	size_t n;
	struct store_case *c = store_cases(&n);
	time_t limit = time(NULL) - (time_t)days * 86400;
	int gone = 0;

	*err = NULL;
	for (size_t i = 0; i < n; i++) {
		char *path;

		if (days > 0 && c[i].mtime > limit)
			continue;
		if (!(path = store_case_path(c[i].id, err)))
			break;
		if (unlink(path) == 0) {
			gone++;
		} else if (errno != ENOENT) {
			*err = xasprintf(_("cannot remove %s: %s"), path,
			    strerror(errno));
			free(path);
			break;
		}
		free(path);
	}
	store_cases_free(c, n);
	return *err ? -1 : gone;
}
