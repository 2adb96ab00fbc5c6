#include "config.h"

#include "diag/session.h"
#include "core/i18n.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "diag/evidence.h"
#include "diag/names.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#define SESSION_VERSION 1
#define NOTE_MAX 1000		/* bytes kept of one note */
#define ANSWERS_MAX 4096	/* answers accepted from a saved file */

static const char *const answer_names[] = { "none", "fixed", "not_fixed",
	"skipped", "works_there", "fails_there", "not_tried", NULL };
static const char *const answer_labels[] = { N_("not answered"),
	N_("fixed it"), N_("didn't help"), N_("skipped"), N_("works there"),
	N_("fails there too"), N_("not tried") };
const char *const session_proxy_vars[SESSION_NPROXY] = { "http_proxy",
	"https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
	"ALL_PROXY", "NO_PROXY" };
static const char *const role_names[] = { "self", "helpdesk", "site_owner",
	NULL };
static const char *const role_labels[] = { N_("on my own device"),
	N_("helping someone on a call"), N_("I run this site") };
static const char *const seen_names[] = { "reset", "refused", "timeout",
	"partial", NULL };
static const char *const seen_labels[] = { N_("connection reset"),
	N_("connection refused"), N_("timed out"),
	N_("partly loads, then dies") };
static const char *const browser_names[] = { "any", "chrome", "firefox",
	"edge", "safari", NULL };

#define NAMEOF(table, v) \
	((size_t)(v) < sizeof(table) / sizeof(table[0]) - 1 ? \
	    table[v] : "unknown")
#define LABELOF(table, v) \
	((size_t)(v) < sizeof(table) / sizeof(table[0]) ? \
	    _(table[v]) : _("unknown"))

/* Stable name of an answer ("fixed", "not_fixed", ...). */
const char *
answer_name(enum answer a)
{
	return NAMEOF(answer_names, a);
}

/* Translated words for an answer. */
const char *
answer_label(enum answer a)
{
	return LABELOF(answer_labels, a);
}

/* Stable name of a role. */
const char *
role_name(enum role r)
{
	return NAMEOF(role_names, r);
}

/* Stable name of what the person sees. */
const char *
seen_name(enum seen s)
{
	return NAMEOF(seen_names, s);
}

/* Translated words for a role. */
const char *
role_label(enum role r)
{
	return LABELOF(role_labels, r);
}

/* Translated words for what the person sees. */
const char *
seen_label(enum seen s)
{
	return LABELOF(seen_labels, s);
}

/* Answer from its stable name, or -1. */
int
answer_from_name(const char *name)
{
	return names_lookup(answer_names, name);
}

/* Role from its stable name, or -1. */
int
role_from_name(const char *name)
{
	return names_lookup(role_names, name);
}

/* Symptom seen from its stable name, or -1. */
int
seen_from_name(const char *name)
{
	return names_lookup(seen_names, name);
}

static char *
now_stamp(void)
{
	struct timespec ts = time_now();
	char buf[40];

	time_rfc3339(buf, sizeof(buf), &ts);
	return xstrdup(buf);
}

/* Zeroes s and stamps its start; defaults: self, reset, Linux, any browser. */
void
session_init(struct session *s)
{
	memset(s, 0, sizeof(*s));
	s->started = now_stamp();
	s->updated = xstrdup(s->started);
	s->role = ROLE_SELF;
	s->seen = SEEN_RESET;
	s->os = CL_OS_LINUX;
	s->browser = CL_BR_ANY;
}

static void
answer_clear(struct session_answer *a)
{
	free(a->step_id);
	free(a->note);
	free(a->answered_at);
	free(a->checks_said);
}

/* Frees what run owns and zeroes it. */
void
session_run_free(struct session_run *run)
{
	free(run->cacert);
	free(run->ssl_cert_file);
	for (int i = 0; i < SESSION_NPROXY; i++)
		free(run->proxy[i]);
	memset(run, 0, sizeof(*run));
}

static char *
dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* Records the run options; strings are copied (proxy values masked). */
void
session_run_set(struct session *s, const struct session_run *run)
{
	struct session_run n = *run;

	n.cacert = dup_or_null(run->cacert);
	n.ssl_cert_file = dup_or_null(run->ssl_cert_file);
	for (int i = 0; i < SESSION_NPROXY; i++)
		n.proxy[i] = run->proxy[i] && *run->proxy[i] ?
		    redact_url(run->proxy[i]) : NULL;
	session_run_free(&s->run);
	s->run = n;
}

/* Frees what s owns and zeroes it; session_free() on a zeroed s is fine. */
void
session_free(struct session *s)
{
	if (!s)
		return;
	free(s->started);
	free(s->updated);
	free(s->input);
	for (size_t i = 0; i < s->nanswers; i++)
		answer_clear(&s->answers[i]);
	free(s->answers);
	free(s->current_step);
	free(s->id);
	free(s->helped);
	session_run_free(&s->run);
	probe_results_clear(&s->results);
	memset(s, 0, sizeof(*s));
}

/* A note as it may be kept: redacted, sanitized, bounded; NULL if empty. */
static char *
clean_note(const char *note)
{
	char *red, *san;
	size_t len;

	if (!note || !*note)
		return NULL;
	red = redact_text(note);
	san = sanitize_str(red, 0);
	free(red);
	len = strlen(san);
	if (len > NOTE_MAX) {
		/* Cut on a UTF-8 boundary. */
		len = NOTE_MAX;
		while (len > 0 && ((unsigned char)san[len] & 0xc0) == 0x80)
			len--;
		san[len] = '\0';
	}
	return san;
}

static struct session_answer *
find_answer(const struct session *s, const char *step_id)
{
	for (size_t i = 0; step_id && i < s->nanswers; i++)
		if (strcmp(s->answers[i].step_id, step_id) == 0)
			return &s->answers[i];
	return NULL;
}

/* Records (or replaces) the answer to a step, stamped with the time now. */
void
session_answer(struct session *s, const char *step_id, enum answer a,
    const char *note)
{
	struct session_answer *ans = find_answer(s, step_id);

	if (!step_id)
		return;
	if (!ans) {
		s->answers = xrealloc(s->answers,
		    (s->nanswers + 1) * sizeof(*s->answers));
		ans = &s->answers[s->nanswers++];
		memset(ans, 0, sizeof(*ans));
		ans->step_id = xstrdup(step_id);
	}
	ans->answer = a;
	free(ans->note);
	ans->note = clean_note(note);
	free(ans->answered_at);
	ans->answered_at = now_stamp();
	xstrset(&s->updated, ans->answered_at);
}

/* Notes that a "fixed it" came while the checks still saw a fault. */
void
session_answer_despite(struct session *s, const char *step_id,
    const char *said)
{
	struct session_answer *ans = find_answer(s, step_id);

	if (!ans)
		return;
	free(ans->checks_said);
	ans->checks_said = clean_note(said);
}

/* Sets who was helped (cleaned and bounded like a note; NULL clears). */
void
session_set_helped(struct session *s, const char *who)
{
	free(s->helped);
	s->helped = clean_note(who);
}

/* The answer recorded for a step, or NULL. */
const struct session_answer *
session_find(const struct session *s, const char *step_id)
{
	return find_answer(s, step_id);
}

/* Adds the evidence snapshot ev (if any) to o as "evidence". */
static void
session_evidence_to_json(cJSON *o, const struct probe_results *ev)
{
	if (ev)
		cJSON_AddItemToObject(o, "evidence", evidence_to_json(ev));
}

/* Restores the evidence snapshot of o into s->results, if there is one. */
static int
session_evidence_from_json(const cJSON *o, struct session *s, char **err)
{
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(o, "evidence");
	char *eerr = NULL;

	if (!ev || cJSON_IsNull(ev))
		return 0;
	if (evidence_from_json(ev, &s->results, &eerr) < 0) {
		*err = xasprintf(_("saved session: evidence: %s"), eerr);
		free(eerr);
		return -1;
	}
	s->have_results = 1;
	return 0;
}

static void
add_str(cJSON *o, const char *key, const char *val)
{
	if (val)
		cJSON_AddStringToObject(o, key, val);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *
answers_to_json(const struct session *s)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < s->nanswers; i++) {
		const struct session_answer *a = &s->answers[i];
		cJSON *o = cJSON_CreateObject();

		add_str(o, "step", a->step_id);
		add_str(o, "answer", answer_name(a->answer));
		add_str(o, "note", a->note);
		add_str(o, "answered_at", a->answered_at);
		if (a->checks_said)
			add_str(o, "checks_said", a->checks_said);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *
run_to_json(const struct session_run *run)
{
	cJSON *o = cJSON_CreateObject(), *px = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "timeout_ms", (double)run->timeout_ms);
	cJSON_AddNumberToObject(o, "attempts", run->attempts);
	cJSON_AddBoolToObject(o, "no_asn", run->no_asn != 0);
	cJSON_AddNumberToObject(o, "watch_ms", (double)run->watch_ms);
	cJSON_AddNumberToObject(o, "request_timeout_ms",
	    (double)run->request_limit_ms);
	add_str(o, "cacert", run->cacert);
	add_str(o, "ssl_cert_file", run->ssl_cert_file);
	for (int i = 0; i < SESSION_NPROXY; i++)
		if (run->proxy[i])
			add_str(px, session_proxy_vars[i], run->proxy[i]);
	cJSON_AddItemToObject(o, "proxy_env", px);
	return o;
}

/* Serializes s with ev as the evidence snapshot (NULL: none). */
char *
session_to_json_ev(const struct session *s, const struct probe_results *ev)
{
	cJSON *o = cJSON_CreateObject();
	/* What was typed may not have reached the parser (a bad port, a
	   space): its credentials are masked here, before it is stored. */
	char *input = redact_url(s->input), *out, *ret;

	cJSON_AddNumberToObject(o, "version", SESSION_VERSION);
	add_str(o, "started", s->started);
	add_str(o, "updated", s->updated);
	add_str(o, "input", input);
	free(input);
	add_str(o, "role", role_name(s->role));
	add_str(o, "seen", seen_name(s->seen));
	add_str(o, "os", cl_os_name(s->os));
	add_str(o, "browser", NAMEOF(browser_names, s->browser));
	add_str(o, "helped", s->helped);
	add_str(o, "current_step", s->current_step);
	cJSON_AddBoolToObject(o, "finished", s->finished != 0);
	cJSON_AddItemToObject(o, "answers", answers_to_json(s));
	cJSON_AddItemToObject(o, "run", run_to_json(&s->run));
	session_evidence_to_json(o, ev);
	out = cJSON_Print(o);
	cJSON_Delete(o);
	ret = xstrdup(out);
	cJSON_free(out);
	return ret;
}

/* Serializes to a JSON string (owned by the caller). */
char *
session_to_json(const struct session *s)
{
	return session_to_json_ev(s, s->have_results ? &s->results : NULL);
}

/* A string member, sanitized; *ok cleared when present but not a string. */
static char *
get_str(const cJSON *o, const char *key, int *ok)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!j || cJSON_IsNull(j))
		return NULL;
	if (!cJSON_IsString(j)) {
		*ok = 0;
		return NULL;
	}
	return sanitize_str(j->valuestring, 0);
}

/* An enum member by name; def when absent, -1 when unknown. */
static int
get_enum(const cJSON *o, const char *key, const char *const *table, int def)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!j)
		return def;
	if (!cJSON_IsString(j))
		return -1;
	return names_lookup(table, j->valuestring);
}

static int
answers_from_json(const cJSON *arr, struct session *s, char **err)
{
	const cJSON *it;
	int n = 0;

	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) > ANSWERS_MAX) {
		*err = xstrdup(_("saved session: \"answers\" is not a list"));
		return -1;
	}
	cJSON_ArrayForEach(it, arr) {
		int ok = 1, a = get_enum(it, "answer", answer_names, -1);
		char *step = get_str(it, "step", &ok);
		char *note = get_str(it, "note", &ok);
		char *at = get_str(it, "answered_at", &ok);
		char *said = get_str(it, "checks_said", &ok);
		struct session_answer *ans;

		if (!ok || !step || !*step || a < 0 || find_answer(s, step)) {
			free(step);
			free(note);
			free(at);
			free(said);
			*err = xasprintf(_("saved session: answer %d is "
			    "malformed"), n + 1);
			return -1;
		}
		session_answer(s, step, (enum answer)a, note);
		session_answer_despite(s, step, said);
		free(said);
		ans = find_answer(s, step);
		if (at) {
			free(ans->answered_at);
			ans->answered_at = at;
		}
		free(step);
		free(note);
		n++;
	}
	return 0;
}

/* A whole number member in [0, hi]; 0 when absent, -1 when bad. */
static long
get_num(const cJSON *o, const char *key, double hi)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!j)
		return 0;
	if (!cJSON_IsNumber(j) || j->valuedouble < 0 || j->valuedouble > hi)
		return -1;
	return (long)j->valuedouble;
}

/* Reads how the case was started; -1 when a member is unusable. */
static int
run_from_json(const cJSON *o, struct session_run *run)
{
	const cJSON *px;
	int ok = 1;

	if (!o)
		return 0;
	if (!cJSON_IsObject(o))
		return -1;
	run->timeout_ms = get_num(o, "timeout_ms", 3600000);
	run->attempts = (int)get_num(o, "attempts", 100);
	run->watch_ms = get_num(o, "watch_ms", 86400000);
	run->request_limit_ms = get_num(o, "request_timeout_ms", 3600000);
	run->no_asn = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o,
	    "no_asn"));
	run->cacert = get_str(o, "cacert", &ok);
	run->ssl_cert_file = get_str(o, "ssl_cert_file", &ok);
	px = cJSON_GetObjectItemCaseSensitive(o, "proxy_env");
	for (int i = 0; px && cJSON_IsObject(px) && i < SESSION_NPROXY; i++)
		run->proxy[i] = get_str(px, session_proxy_vars[i], &ok);
	if (!ok || run->timeout_ms < 0 || run->attempts < 0 ||
	    run->watch_ms < 0 || run->request_limit_ms < 0 ||
	    (px && !cJSON_IsObject(px)))
		return -1;
	return 0;
}

/* Reads the scalar members; -1 with *err when one is unusable. */
static int
header_from_json(const cJSON *o, struct session *s, char **err)
{
	int ok = 1, role, seen, os, br;
	const cJSON *fin, *j;

	role = get_enum(o, "role", role_names, ROLE_SELF);
	seen = get_enum(o, "seen", seen_names, SEEN_RESET);
	os = CL_OS_LINUX;
	if ((j = cJSON_GetObjectItemCaseSensitive(o, "os")) != NULL)
		os = cJSON_IsString(j) ? cl_os_from_name(j->valuestring) : -1;
	br = get_enum(o, "browser", browser_names, CL_BR_ANY);
	if (role < 0 || seen < 0 || os < 0 || br < 0) {
		*err = xstrdup(_("saved session: unknown role, symptom, "
		    "system or browser"));
		return -1;
	}
	s->role = (enum role)role;
	s->seen = (enum seen)seen;
	s->os = (enum cl_os)os;
	s->browser = (enum cl_browser)br;
	free(s->started);
	free(s->updated);
	s->started = get_str(o, "started", &ok);
	s->updated = get_str(o, "updated", &ok);
	s->input = get_str(o, "input", &ok);
	if (s->input) {
		char *red = redact_url(s->input);

		free(s->input);
		s->input = red;
	}
	s->current_step = get_str(o, "current_step", &ok);
	s->helped = get_str(o, "helped", &ok);
	if (run_from_json(cJSON_GetObjectItemCaseSensitive(o, "run"),
	    &s->run) < 0)
		ok = 0;
	fin = cJSON_GetObjectItemCaseSensitive(o, "finished");
	s->finished = cJSON_IsTrue(fin);
	if (!ok) {
		*err = xstrdup(_("saved session: a text field is not text"));
		return -1;
	}
	if (!s->started)
		s->started = now_stamp();
	if (!s->updated)
		s->updated = xstrdup(s->started);
	return 0;
}

/* Parses a saved session; -1 with *err (one line) when it is unusable. */
int
session_from_json(const char *json, struct session *s, char **err)
{
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	const cJSON *ver;
	char *updated;
	int rc = -1;

	session_init(s);
	*err = NULL;
	if (!o || !cJSON_IsObject(o)) {
		*err = xstrdup(_("saved session is not valid JSON"));
		goto out;
	}
	ver = cJSON_GetObjectItemCaseSensitive(o, "version");
	if (!cJSON_IsNumber(ver) || ver->valueint != SESSION_VERSION) {
		*err = xstrdup(_("saved session has an unknown version"));
		goto out;
	}
	if (header_from_json(o, s, err) < 0)
		goto out;
	/* Loading answers stamps "updated"; keep the saved one. */
	updated = xstrdup(s->updated);
	rc = answers_from_json(cJSON_GetObjectItemCaseSensitive(o, "answers"),
	    s, err);
	free(s->updated);
	s->updated = updated;
	if (rc == 0)
		rc = session_evidence_from_json(o, s, err);
out:
	cJSON_Delete(o);
	if (rc < 0)
		session_free(s);
	return rc;
}
