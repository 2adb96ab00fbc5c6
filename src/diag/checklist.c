#include "config.h"

#include "diag/checklist.h"
#include "diag/names.h"
#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/result.h"

#include <cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE_SIZE	(4 * 1024 * 1024)

static const char *const section_names[] = { "client", "network", "server",
	"advanced", NULL };
static const char *const section_labels[] = { N_("Your device"),
	N_("Your network"), N_("The site's server"), N_("Advanced tools") };
static const char *const os_names[] = { "windows", "macos", "linux",
	"android", "ios", NULL };
/* Shown for a phone a step does not apply on (see enum cl_os). */
static const char phone_fallback[] = N_("Nothing to do on a phone or "
    "tablet for this step: do it on a computer that shows the same fault, "
    "or skip it.");
static const char *const browser_names[] = { "any", "chrome", "firefox",
	"edge", "safari", NULL };
static const char *const check_ids[] = { "dns", "tcp", "http", "tls",
	"variation", "mismatch", "proxy", "local", "path", "locator", "clock",
	NULL };
static const char *const action_names[] = { "flush_dns", "retest", "path",
	NULL };
/* Indexes into result_names, for the set rules in parse_outcomes(). */
enum { R_FIXED, R_NOT_FIXED, R_PASS, R_WARN, R_FAIL, R_WORKS, R_FAILS,
	R_NOT_TRIED, R_COUNT };
static const char *const result_names[] = { "fixed", "not_fixed", "pass",
	"warn", "fail", "works_there", "fails_there", "not_tried", NULL };
static const char *const top_keys[] = { "version", "steps", NULL };
static const char *const step_keys[] = { "id", "section", "title", "why",
	"how", "browsers", "check", "action", "for_site_owner", "outcomes",
	NULL };
static const char *const outcome_keys[] = { "result", "meaning", "next",
	NULL };

/* State of one load: where we are, and the first error found. */
struct ctx {
	const char *path;
	char *step;		/* "client.flush_dns" or "#3"; NULL outside */
	char *err;		/* the one error line, once set */
};

/* Records the first error as "file: step X: field: message"; returns -1. */
static int __attribute__((format(printf, 3, 4)))
fail(struct ctx *c, const char *field, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (c->err)
		return -1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (c->step && field)
		c->err = xasprintf(_("%s: step %s: %s: %s"), c->path, c->step,
		    field, msg);
	else if (c->step)
		c->err = xasprintf(_("%s: step %s: %s"), c->path, c->step, msg);
	else if (field)
		c->err = xasprintf("%s: %s: %s", c->path, field, msg);
	else
		c->err = xasprintf("%s: %s", c->path, msg);
	free(msg);
	return -1;
}

/* A field path like "how.linux" or "outcomes[2].next", owned by caller. */
static char *
field_name(const char *prefix, const char *key)
{
	char *clean = sanitize_str(key, SAN_ASCII);
	char *f = prefix ? xasprintf("%s.%s", prefix, clean) : xstrdup(clean);

	free(clean);
	return f;
}

/* Rejects keys of obj that are not in allowed, or appear twice. */
static int
check_keys(struct ctx *c, const cJSON *obj, const char *const *allowed,
    const char *prefix)
{
	const cJSON *it, *prev;
	char *f;

	for (it = obj->child; it; it = it->next) {
		f = field_name(prefix, it->string);
		if (names_lookup(allowed, it->string) < 0)
			fail(c, f, _("unknown key"));
		for (prev = obj->child; !c->err && prev != it;
		    prev = prev->next)
			if (strcmp(prev->string, it->string) == 0)
				fail(c, f, _("duplicate key"));
		free(f);
		if (c->err)
			return -1;
	}
	return 0;
}

/*
 * Reads obj[key] as a non-empty, clean text into *out. A missing optional
 * field leaves *out NULL; returns -1 on any fault.
 */
static int
get_text(struct ctx *c, const cJSON *obj, const char *key, const char *field,
    int required, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	const char *s;

	*out = NULL;
	if (!v)
		return required ? fail(c, field, _("missing required field"))
		    : 0;
	if (!cJSON_IsString(v) || !v->valuestring)
		return fail(c, field, _("must be a string"));
	s = v->valuestring;
	s += strspn(s, " \n");
	if (*s == '\0')
		return fail(c, field, _("must not be empty"));
	if (!sanitize_is_clean(v->valuestring, SAN_KEEP_NEWLINES) ||
	    strchr(v->valuestring, '\t'))
		return fail(c, field,
		    _("contains a control character or invalid UTF-8"));
	*out = xstrdup(v->valuestring);
	return 0;
}

/* Like get_text() but the value must be one of names; returns its index. */
static int
get_name(struct ctx *c, const cJSON *obj, const char *key, int required,
    const char *const *names, const char *what, char **out)
{
	int i;

	if (get_text(c, obj, key, key, required, out) < 0)
		return -1;
	if (!*out)
		return 0;
	if ((i = names_lookup(names, *out)) < 0) {
		char *clean = sanitize_str(*out, SAN_ASCII);

		fail(c, key, _("unknown %s \"%s\""), what, clean);
		free(clean);
		return -1;
	}
	return i;
}

/* Reads the required "how" object: one text per computer, phones optional. */
static int
parse_how(struct ctx *c, struct cl_step *st, const cJSON *how)
{
	const cJSON *it;
	char *f;

	if (!how)
		return fail(c, "how", _("missing required field"));
	if (!cJSON_IsObject(how))
		return fail(c, "how", _("must be an object"));
	for (it = how->child; it; it = it->next)
		if (cl_os_from_name(it->string) < 0) {
			f = field_name("how", it->string);
			fail(c, f, _("unknown operating system: expected "
			    "windows, macos, linux, android or ios"));
			free(f);
			return -1;
		}
	if (check_keys(c, how, os_names, "how") < 0)
		return -1;
	for (int os = 0; os < CL_NOS_ALL; os++) {
		f = field_name("how", os_names[os]);
		get_text(c, how, os_names[os], f, os < CL_NOS, &st->how[os]);
		free(f);
		if (c->err)
			return -1;
	}
	return 0;
}

/* Reads the optional "browsers" object; "any" is not a browser here. */
static int
parse_browsers(struct ctx *c, struct cl_step *st, const cJSON *br)
{
	const cJSON *it;
	char *f;
	int b;

	if (!br)
		return 0;
	if (!cJSON_IsObject(br))
		return fail(c, "browsers", _("must be an object"));
	if (!br->child)
		return fail(c, "browsers", _("must not be empty"));
	for (it = br->child; it; it = it->next)
		if (cl_browser_from_name(it->string) <= 0) {
			f = field_name("browsers", it->string);
			fail(c, f, _("unknown browser (expected chrome, "
			    "firefox, edge or safari)"));
			free(f);
			return -1;
		}
	if (check_keys(c, br, browser_names + 1, "browsers") < 0)
		return -1;
	for (it = br->child; it; it = it->next) {
		b = cl_browser_from_name(it->string);
		f = field_name("browsers", it->string);
		get_text(c, br, it->string, f, 1, &st->how_browser[b]);
		free(f);
		if (c->err)
			return -1;
	}
	return 0;
}

/* Reads outcome i of a step; results are checked as a set by the caller. */
static int
parse_outcome(struct ctx *c, struct cl_outcome *o, const cJSON *j, size_t i)
{
	char *pre = xasprintf("outcomes[%zu]", i), *f;
	int rc = -1;

	if (!cJSON_IsObject(j)) {
		fail(c, pre, _("must be an object"));
		goto out;
	}
	if (check_keys(c, j, outcome_keys, pre) < 0)
		goto out;
	f = field_name(pre, "result");
	get_text(c, j, "result", f, 1, &o->result);
	if (!c->err && names_lookup(result_names, o->result) < 0) {
		char *clean = sanitize_str(o->result, SAN_ASCII);

		fail(c, f, _("unknown result \"%s\" (expected fixed, "
		    "not_fixed, works_there, fails_there, not_tried, pass, "
		    "warn or fail)"), clean);
		free(clean);
	}
	free(f);
	f = field_name(pre, "meaning");
	if (!c->err)
		get_text(c, j, "meaning", f, 1, &o->meaning);
	free(f);
	f = field_name(pre, "next");
	if (!c->err)
		get_text(c, j, "next", f, 0, &o->next);
	free(f);
	rc = c->err ? -1 : 0;
out:
	free(pre);
	return rc;
}

/*
 * Checks the set of results: a test step (with works_there) has
 * works_there and fails_there and no fixed/not_fixed; any other step has
 * fixed and not_fixed and no test answers.
 */
static int
check_result_set(struct ctx *c, const int *seen)
{
	if (seen[R_WORKS]) {
		if (!seen[R_FAILS])
			return fail(c, "outcomes", _("a test step (with "
			    "\"works_there\") needs a \"fails_there\" "
			    "outcome too"));
		if (seen[R_FIXED] || seen[R_NOT_FIXED])
			return fail(c, "outcomes", _("a test step (with "
			    "\"works_there\") is answered works_there, "
			    "fails_there or not_tried, not \"%s\""),
			    result_names[seen[R_FIXED] ? R_FIXED :
			    R_NOT_FIXED]);
		return 0;
	}
	if (seen[R_FAILS] || seen[R_NOT_TRIED])
		return fail(c, "outcomes", _("result \"%s\" needs a "
		    "\"works_there\" outcome (only test steps have it)"),
		    result_names[seen[R_FAILS] ? R_FAILS : R_NOT_TRIED]);
	if (!seen[R_FIXED] || !seen[R_NOT_FIXED])
		return fail(c, "outcomes", _("needs both a \"fixed\" and a "
		    "\"not_fixed\" outcome"));
	return 0;
}

/* Reads "outcomes": no repeats, check statuses only with a check. */
static int
parse_outcomes(struct ctx *c, struct cl_step *st, const cJSON *arr)
{
	const cJSON *it;
	int seen[R_COUNT] = { 0 }, r;
	size_t i = 0;

	if (!arr)
		return fail(c, "outcomes", _("missing required field"));
	if (!cJSON_IsArray(arr))
		return fail(c, "outcomes", _("must be an array"));
	st->noutcomes = (size_t)cJSON_GetArraySize(arr);
	st->outcomes = xcalloc(st->noutcomes + 1, sizeof(*st->outcomes));
	for (it = arr->child; it; it = it->next, i++) {
		if (parse_outcome(c, &st->outcomes[i], it, i) < 0)
			return -1;
		r = names_lookup(result_names, st->outcomes[i].result);
		if (seen[r]++) {
			char *f = xasprintf("outcomes[%zu].result", i);

			fail(c, f, _("duplicate result \"%s\""),
			    result_names[r]);
			free(f);
			return -1;
		}
		if (r >= R_PASS && r <= R_FAIL && !st->check)
			return fail(c, "outcomes", _("result \"%s\" needs a "
			    "\"check\" on the step"), result_names[r]);
	}
	return check_result_set(c, seen);
}

/* Checks an id is "<section>.<name>" with name in [a-z0-9_]. */
static int
id_well_formed(const char *id, enum cl_section sec)
{
	const char *sname = section_names[sec];
	size_t n = strlen(sname);
	const char *p = id + n + 1;

	if (strncmp(id, sname, n) != 0 || id[n] != '.' || *p == '\0')
		return 0;
	return p[strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_")] == '\0';
}

/* Reads the scalar fields of a step: id, section, texts, check, action. */
static int
parse_step_fields(struct ctx *c, struct cl_step *st, const cJSON *j)
{
	const cJSON *owner;
	char *s = NULL;
	int sec;

	if (get_text(c, j, "id", "id", 1, &st->id) < 0)
		return -1;
	if ((sec = get_name(c, j, "section", 1, section_names,
	    _("section"), &s)) < 0) {
		free(s);
		return -1;
	}
	free(s);
	st->section = (enum cl_section)sec;
	if (!id_well_formed(st->id, st->section))
		return fail(c, "id", _("must look like \"%s.<name>\" using "
		    "a-z, 0-9 and _"), section_names[sec]);
	if (get_text(c, j, "title", "title", 1, &st->title) < 0 ||
	    get_text(c, j, "why", "why", 1, &st->why) < 0 ||
	    get_name(c, j, "check", 0, check_ids, _("check"),
	    &st->check) < 0 ||
	    get_name(c, j, "action", 0, action_names, _("action"),
	    &st->action) < 0)
		return -1;
	owner = cJSON_GetObjectItemCaseSensitive(j, "for_site_owner");
	if (owner && !cJSON_IsBool(owner))
		return fail(c, "for_site_owner", _("must be true or false"));
	st->for_site_owner = cJSON_IsTrue(owner);
	return 0;
}

/* Names the step being read: by its id when it has a usable one. */
static void
set_step_label(struct ctx *c, const cJSON *j, size_t i)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");

	free(c->step);
	if (cJSON_IsString(id) && id->valuestring &&
	    id->valuestring[strspn(id->valuestring, " \n")] != '\0')
		c->step = sanitize_str(id->valuestring, SAN_ASCII);
	else
		c->step = xasprintf("#%zu", i + 1);
}

/* Reads step i (0-based) of the array into st. */
static int
parse_step(struct ctx *c, struct cl_step *st, const cJSON *j, size_t i)
{
	if (!cJSON_IsObject(j)) {
		free(c->step);
		c->step = xasprintf("#%zu", i + 1);
		return fail(c, NULL, _("must be an object"));
	}
	set_step_label(c, j, i);
	if (check_keys(c, j, step_keys, NULL) < 0 ||
	    parse_step_fields(c, st, j) < 0 ||
	    parse_how(c, st,
	    cJSON_GetObjectItemCaseSensitive(j, "how")) < 0 ||
	    parse_browsers(c, st,
	    cJSON_GetObjectItemCaseSensitive(j, "browsers")) < 0 ||
	    parse_outcomes(c, st,
	    cJSON_GetObjectItemCaseSensitive(j, "outcomes")) < 0)
		return -1;
	return 0;
}

/* Checks order of sections, unique ids and that every "next" resolves. */
static int
check_links(struct ctx *c, const struct checklist *cl)
{
	for (size_t i = 0; i < cl->nsteps; i++) {
		const struct cl_step *st = &cl->steps[i];

		xstrset(&c->step, st->id);
		if (i > 0 && st->section < cl->steps[i - 1].section)
			return fail(c, "section", _("\"%s\" after \"%s\": "
			    "steps must go client, network, server, advanced"),
			    section_names[st->section],
			    section_names[cl->steps[i - 1].section]);
		for (size_t k = 0; k < i; k++)
			if (strcmp(cl->steps[k].id, st->id) == 0)
				return fail(c, "id", _("duplicate id (also "
				    "step #%zu)"), k + 1);
	}
	for (size_t i = 0; i < cl->nsteps; i++) {
		const struct cl_step *st = &cl->steps[i];

		xstrset(&c->step, st->id);
		for (size_t k = 0; k < st->noutcomes; k++) {
			const char *next = st->outcomes[k].next;
			char *f = xasprintf("outcomes[%zu].next", k);
			char *clean = sanitize_str(next, SAN_ASCII);

			if (next && checklist_index(cl, next) < 0)
				fail(c, f, _("no step has id \"%s\""), clean);
			else if (next && strcmp(next, st->id) == 0)
				fail(c, f, _("points to its own step"));
			free(f);
			free(clean);
			if (c->err)
				return -1;
		}
	}
	return 0;
}

/* Every layer the wizard walks must have at least one step. */
static int
check_coverage(struct ctx *c, const struct checklist *cl)
{
	size_t count[CL_NSECTIONS] = { 0 };

	for (size_t i = 0; i < cl->nsteps; i++)
		count[cl->steps[i].section]++;
	for (int s = CL_CLIENT; s <= CL_SERVER; s++)
		if (count[s] == 0)
			return fail(c, "steps", _("too few steps: none in "
			    "section \"%s\""), section_names[s]);
	return 0;
}

/* Reads the top-level object: version and the steps array. */
static int
parse_top(struct ctx *c, const cJSON *root, struct checklist *cl)
{
	const cJSON *ver, *steps, *it;
	size_t i = 0;

	ver = cJSON_IsObject(root) ?
	    cJSON_GetObjectItemCaseSensitive(root, "version") : NULL;
	steps = cJSON_IsObject(root) ?
	    cJSON_GetObjectItemCaseSensitive(root, "steps") : NULL;
	if (!ver || !steps)
		return fail(c, NULL, _("the top level must be an object with "
		    "\"version\" and \"steps\""));
	if (check_keys(c, root, top_keys, NULL) < 0)
		return -1;
	if (!cJSON_IsNumber(ver))
		return fail(c, "version", _("must be a number"));
	if (ver->valuedouble != CL_VERSION)
		return fail(c, "version", _("unsupported version (expected "
		    "%d)"), CL_VERSION);
	if (!cJSON_IsArray(steps))
		return fail(c, "steps", _("must be an array"));
	cl->nsteps = (size_t)cJSON_GetArraySize(steps);
	cl->steps = xcalloc(cl->nsteps + 1, sizeof(*cl->steps));
	for (it = steps->child; it; it = it->next, i++)
		if (parse_step(c, &cl->steps[i], it, i) < 0)
			return -1;
	free(c->step);
	c->step = NULL;
	if (check_coverage(c, cl) < 0 || check_links(c, cl) < 0)
		return -1;
	return 0;
}

/* Line and column (both from 1) of position at in buf. */
static void
position(const char *buf, const char *at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (const char *p = buf; p < at; p++, (*col)++)
		if (*p == '\n') {
			(*line)++;
			*col = 0;
		}
}

/* Finds a \u0000 escape in valid JSON; cJSON would cut the text there. */
static const char *
find_escaped_nul(const char *buf, size_t len)
{
	int in_str = 0;

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '"') {
			in_str = !in_str;
		} else if (in_str && buf[i] == '\\') {
			if (len - i >= 6 && buf[i + 1] == 'u' &&
			    strncmp(buf + i + 2, "0000", 4) == 0)
				return buf + i;
			i++;
		}
	}
	return NULL;
}

/* Parses a buffer; on bad JSON names the line and column of the fault. */
static int
parse_buffer(struct ctx *c, const char *buf, size_t len, struct checklist *cl)
{
	const char *end = NULL;
	cJSON *root;
	int rc, line, col;

	if (memchr(buf, '\0', len))
		return fail(c, NULL, _("contains a NUL byte"));
	root = cJSON_ParseWithLengthOpts(buf, len + 1, &end, 1);
	if (!root) {
		if (!end || end < buf || end > buf + len)
			end = buf + len;
		position(buf, end, &line, &col);
		c->err = xasprintf(_("%s:%d:%d: not valid JSON"), c->path,
		    line, col);
		return -1;
	}
	if ((end = find_escaped_nul(buf, len))) {
		position(buf, end, &line, &col);
		c->err = xasprintf(_("%s:%d:%d: \\u0000 is not allowed in a "
		    "text"), c->path, line, col);
		cJSON_Delete(root);
		return -1;
	}
	rc = parse_top(c, root, cl);
	cJSON_Delete(root);
	return rc;
}

/* Validates the len bytes at buf (named name in errors) into cl. */
int
checklist_load_mem(const char *name, const char *buf, size_t len,
    struct checklist *cl, char **err)
{
	struct ctx c = { name, NULL, NULL };
	struct checklist tmp = { NULL, 0 };
	char *copy = xmalloc(len + 1);
	int rc;

	memset(cl, 0, sizeof(*cl));
	*err = NULL;
	/* parse_buffer() reads the terminating NUL as part of the text. */
	memcpy(copy, buf, len);
	copy[len] = '\0';
	rc = parse_buffer(&c, copy, len, &tmp);
	free(copy);
	free(c.step);
	if (rc < 0) {
		checklist_free(&tmp);
		*err = c.err;
		return -1;
	}
	*cl = tmp;
	return 0;
}

/* Loads and validates a checklist file; see checklist.h for the rules. */
int
checklist_load(const char *path, struct checklist *cl, char **err)
{
	size_t len = 0;
	int errnum, rc;
	char *buf;

	memset(cl, 0, sizeof(*cl));
	*err = NULL;
	/* The one file diag/ reads; everything below works on the buffer. */
	if (!(buf = file_read(path, MAX_FILE_SIZE, 0, &len))) {
		errnum = errno;
		*err = errnum == EFBIG ?
		    xasprintf(_("%s: file is too large"), path) :
		    xasprintf(_("%s: cannot read: %s"), path, strerror(errnum));
		return -1;
	}
	rc = checklist_load_mem(path, buf, len, cl, err);
	free(buf);
	return rc;
}

/* Loads checklist.json from checklist_datadir(). */
int
checklist_load_default(struct checklist *cl, char **err)
{
	char *path = xasprintf("%s/checklist.json", checklist_datadir());
	int rc = checklist_load(path, cl, err);

	free(path);
	return rc;
}

/* Returns $CONNRESET_DATADIR when set and non-empty, else PKGDATADIR. */
const char *
checklist_datadir(void)
{
	const char *d = getenv("CONNRESET_DATADIR");

	return d && *d ? d : PKGDATADIR;
}

/* Frees everything a load produced; safe on an empty checklist. */
void
checklist_free(struct checklist *cl)
{
	if (!cl || !cl->steps)
		return;
	for (size_t i = 0; i < cl->nsteps; i++) {
		struct cl_step *st = &cl->steps[i];

		free(st->id);
		free(st->title);
		free(st->why);
		for (int k = 0; k < CL_NOS_ALL; k++)
			free(st->how[k]);
		for (int k = 0; k < CL_NBROWSERS; k++)
			free(st->how_browser[k]);
		free(st->check);
		free(st->action);
		for (size_t k = 0; st->outcomes && k < st->noutcomes; k++) {
			free(st->outcomes[k].result);
			free(st->outcomes[k].meaning);
			free(st->outcomes[k].next);
		}
		free(st->outcomes);
	}
	free(cl->steps);
	cl->steps = NULL;
	cl->nsteps = 0;
}

/* Returns the step with this id, or NULL. */
const struct cl_step *
checklist_find(const struct checklist *cl, const char *id)
{
	int i = checklist_index(cl, id);

	return i < 0 ? NULL : &cl->steps[i];
}

/* Returns the position of the step with this id, or -1. */
int
checklist_index(const struct checklist *cl, const char *id)
{
	for (size_t i = 0; cl && id && i < cl->nsteps; i++)
		if (cl->steps[i].id && strcmp(cl->steps[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Returns non-zero when one of st's outcomes is "works_there". */
int
cl_step_is_test(const struct cl_step *st)
{
	return cl_step_outcome(st, "works_there") != NULL;
}

/* Returns st's outcome named result, or NULL. */
const struct cl_outcome *
cl_step_outcome(const struct cl_step *st, const char *result)
{
	for (size_t i = 0; st && result && i < st->noutcomes; i++)
		if (st->outcomes[i].result &&
		    strcmp(st->outcomes[i].result, result) == 0)
			return &st->outcomes[i];
	return NULL;
}

/* Every step applies on a computer; on a phone only with its own text. */
int
cl_step_applies(const struct cl_step *st, enum cl_os os)
{
	if (!st || (unsigned)os >= CL_NOS_ALL)
		return 0;
	return os < CL_NOS || st->how[os] != NULL;
}

/* Returns the step's text for os, or the phone fallback line. */
const char *
cl_step_how(const struct cl_step *st, enum cl_os os)
{
	if (!st || (unsigned)os >= CL_NOS_ALL)
		return NULL;
	return st->how[os] ? st->how[os] : phone_fallback;
}

#define PLACEHOLDER	"example.com"

/* Non-zero when p, inside text, starts a whole "example.com" name. */
static int
at_placeholder(const char *text, const char *p)
{
	const char *end = p + strlen(PLACEHOLDER);
	static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

	if (strncmp(p, PLACEHOLDER, strlen(PLACEHOLDER)) != 0)
		return 0;
	if (p > text && (p[-1] == '.' || strchr(name_chars, p[-1])))
		return 0;
	/* "example.com.", ending a sentence, is still the name. */
	if (*end == '.')
		return end[1] == '\0' || !strchr(name_chars, end[1]);
	return *end == '\0' || !strchr(name_chars, *end);
}

/* Replaces the example.com placeholders of text with t's URL and host. */
char *
cl_text_fill(const char *text, const struct res_target *t)
{
	static const char url_form[] = "https://" PLACEHOLDER "/";
	struct strbuf sb = STRBUF_INIT;
	const char *host, *p = text;
	int v6;

	if (!text)
		return NULL;
	if (!t || !t->url || !(host = t->ascii_host ? t->ascii_host : t->host))
		return xstrdup(text);
	v6 = strchr(host, ':') != NULL;
	while (*p) {
		if (strncmp(p, url_form, sizeof(url_form) - 1) == 0) {
			sb_add(&sb, t->url);
			p += sizeof(url_form) - 1;
		} else if (at_placeholder(text, p) &&
		    strncmp(p + strlen(PLACEHOLDER), ":443", 4) == 0) {
			sb_addf(&sb, v6 ? "[%s]:%d" : "%s:%d", host, t->port);
			p += strlen(PLACEHOLDER) + 4;
		} else if (at_placeholder(text, p)) {
			sb_add(&sb, host);
			p += strlen(PLACEHOLDER);
		} else {
			sb_addc(&sb, *p++);
		}
	}
	return sb_detach(&sb);
}

/* Returns the stable name of a section. */
const char *
cl_section_name(enum cl_section s)
{
	return (unsigned)s < CL_NSECTIONS ? section_names[s] : "unknown";
}

/* Returns the translated title of a section. */
const char *
cl_section_label(enum cl_section s)
{
	return (unsigned)s < CL_NSECTIONS ? _(section_labels[s]) :
	    _("unknown");
}

/* Returns the stable name of an operating system. */
const char *
cl_os_name(enum cl_os os)
{
	return (unsigned)os < CL_NOS_ALL ? os_names[os] : "unknown";
}

/* Returns the operating system with this name, or -1. */
int
cl_os_from_name(const char *s)
{
	return names_lookup(os_names, s);
}

/* Returns the stable name of a browser. */
const char *
cl_browser_name(enum cl_browser b)
{
	return (unsigned)b < CL_NBROWSERS ? browser_names[b] : "unknown";
}

/* Returns the browser with this name, or -1. */
int
cl_browser_from_name(const char *s)
{
	return names_lookup(browser_names, s);
}
