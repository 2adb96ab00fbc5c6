/*
 * A wizard session: who is running it, what they see, each checklist
 * answer with its note and time, and the evidence so far. Pure data and
 * its JSON form; saving it to disk is the caller's business.
 */
#ifndef CONNRESET_SESSION_H
#define CONNRESET_SESSION_H

#include <stddef.h>

#include "diag/checklist.h"
#include "probe/result.h"

/* The last three answer a test step ("try it from another network"):
   their names are the checklist's outcome results for such steps. */
enum answer { ANS_NONE, ANS_FIXED, ANS_NOT_FIXED, ANS_SKIPPED,
	ANS_WORKS_THERE, ANS_FAILS_THERE, ANS_NOT_TRIED };
#define ANS_COUNT 7
enum role { ROLE_SELF, ROLE_HELPDESK, ROLE_SITE_OWNER };
enum seen { SEEN_RESET, SEEN_REFUSED, SEEN_TIMEOUT, SEEN_PARTIAL };

struct session_answer {
	char *step_id;
	enum answer answer;
	char *note;		/* redacted, may be NULL */
	char *answered_at;	/* RFC 3339 UTC */
	/* "Fixed it" while the checks still saw a fault: what they saw
	   then (the verdict in words); NULL otherwise. Both are kept. */
	char *checks_said;
};

/* Proxy variables a case records (libcurl's and the usual upper case). */
#define SESSION_NPROXY 8
extern const char *const session_proxy_vars[SESSION_NPROXY];

/*
 * How a case was started, so that a resumed case re-runs its checks the
 * same way: the options, the trust store and the proxy environment
 * (values with their credentials masked; NULL when unset).
 */
struct session_run {
	long timeout_ms;	/* 0: the default */
	int attempts;		/* 0: the default */
	int no_asn;
	long watch_ms;		/* 0: no watch at the start */
	long request_limit_ms;	/* 0: the default */
	char *cacert;		/* --cacert, or NULL */
	char *ssl_cert_file;	/* $SSL_CERT_FILE, or NULL */
	char *proxy[SESSION_NPROXY];
};

struct session {
	char *started;		/* RFC 3339 UTC */
	char *updated;
	char *input;		/* the address as typed (redacted) */
	enum role role;
	enum seen seen;
	enum cl_os os;		/* whose machine the instructions are for */
	enum cl_browser browser;
	struct session_answer *answers;
	size_t nanswers;
	char *current_step;	/* step id being shown, or NULL */
	int finished;		/* reached "fixed it" or the verdict */
	struct probe_results results;	/* evidence snapshot */
	int have_results;
	char *id;		/* the case's name in the store, or NULL */
	char *helped;		/* help-desk: who was helped (name or
				   ticket, cleaned), or NULL */
	struct session_run run;	/* how the case was started */
};

void session_init(struct session *s);
void session_free(struct session *s);
/* Records (or replaces) the answer to a step, stamped with the time now. */
void session_answer(struct session *s, const char *step_id, enum answer a,
    const char *note);
/* The answer recorded for a step, or NULL. */
const struct session_answer *session_find(const struct session *s,
    const char *step_id);
/* Serializes to a JSON string (owned by the caller). */
char *session_to_json(const struct session *s);
/* Parses a saved session; -1 with *err (one line) when it is unusable. */
int session_from_json(const char *json, struct session *s, char **err);
/*
 * Notes that the answer to step_id ("fixed it") came while the checks
 * still saw a fault, in the words of said (copied, cleaned).
 */
void session_answer_despite(struct session *s, const char *step_id,
    const char *said);
/* Sets who was helped (cleaned and bounded like a note; NULL clears). */
void session_set_helped(struct session *s, const char *who);
/* Records the run options; strings are copied (proxy values masked). */
void session_run_set(struct session *s, const struct session_run *run);
void session_run_free(struct session_run *run);
const char *answer_name(enum answer a);
const char *answer_label(enum answer a);
const char *role_name(enum role r);
const char *seen_name(enum seen s);

/*
 * Added for the wizard (additive): session_to_json() with an explicit
 * evidence snapshot ev instead of s->results (NULL: no snapshot), reverse
 * lookups (-1 when unknown) and translated labels for screens.
 */
char *session_to_json_ev(const struct session *s,
    const struct probe_results *ev);
int answer_from_name(const char *name);
int role_from_name(const char *name);
int seen_from_name(const char *name);
const char *role_label(enum role r);
const char *seen_label(enum seen s);

#endif
