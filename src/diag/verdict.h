/*
 * The verdict: a pure function from measured evidence (and the person's
 * answers) to symptom, cause, origin and whom to escalate to. No I/O.
 * Every reason cites the evidence behind it.
 */
#ifndef CONNRESET_VERDICT_H
#define CONNRESET_VERDICT_H

#include "probe/result.h"

enum symptom {
	SYM_OK, SYM_RESET, SYM_REFUSED, SYM_TIMEOUT, SYM_EMPTY_REPLY,
	SYM_TLS_ERROR, SYM_DNS_ERROR, SYM_HTTP_ERROR, SYM_UNREACHABLE,
	SYM_CUT_SHORT, SYM_LOCAL_ERROR
};

enum cause {
	CAUSE_NONE, CAUSE_SERVER_ABORT, CAUSE_MIDDLEBOX_INJECTION,
	CAUSE_PROTOCOL_MISMATCH, CAUSE_TLS_VERSION_MISMATCH,
	CAUSE_CERT_INVALID, CAUSE_PROXY_FAILURE, CAUSE_DNS_MISMATCH,
	CAUSE_DNS_FAILURE, CAUSE_PORT_CLOSED, CAUSE_FILTERED,
	CAUSE_NO_ROUTE, CAUSE_LOCAL_FIREWALL, CAUSE_LARGE_CLIENT_HELLO,
	CAUSE_PACKET_SIZE, CAUSE_UNKNOWN, CAUSE_LOCAL_RESOURCE
};

enum origin {
	ORIGIN_NONE, ORIGIN_CLIENT, ORIGIN_LOCAL_NETWORK, ORIGIN_PATH,
	ORIGIN_SERVER, ORIGIN_UNKNOWN
};

enum escalate {
	ESC_NONE, ESC_SELF, ESC_NETWORK_ADMIN, ESC_ISP, ESC_SITE_OWNER
};

enum confidence { CONF_LOW, CONF_MEDIUM, CONF_HIGH };

#define VERDICT_MAX_REASONS 12
#define VERDICT_MAX_STEPS 8

/* One reason: a sentence and the evidence it rests on. */
struct verdict_reason {
	char *text;		/* translated sentence, owned */
	char *evidence;		/* pointer into the evidence, e.g.
				   "http[main]", "tcp[192.0.2.1]", "tls" */
};

/* A next step: a checklist step id and a line saying why. */
struct verdict_step {
	char *step_id;
	char *text;
};

struct verdict {
	enum symptom symptom;
	enum cause cause;
	enum origin origin;
	enum escalate escalate_to;
	enum confidence confidence;
	char *summary;		/* one sentence, translated, owned */
	struct verdict_reason reasons[VERDICT_MAX_REASONS];
	size_t nreasons;
	struct verdict_step next_steps[VERDICT_MAX_STEPS];
	size_t nnext;
};

/* Fills v (which must be zeroed or cleared) from the evidence r. */
void verdict_from_evidence(const struct probe_results *r, struct verdict *v);
/* Frees what v owns and zeroes it. */
void verdict_clear(struct verdict *v);

/* Stable names used in the JSON report and --list output. */
const char *symptom_name(enum symptom s);
const char *cause_name(enum cause c);
const char *origin_name(enum origin o);
const char *escalate_name(enum escalate e);
const char *confidence_name(enum confidence c);
/* Reverse lookups for reading reports back; return -1 when unknown. */
int symptom_from_name(const char *s);
int cause_from_name(const char *s);
int origin_from_name(const char *s);
int escalate_from_name(const char *s);
int confidence_from_name(const char *s);
/* Translated, human words for screens and text reports. */
const char *symptom_label(enum symptom s);
const char *cause_label(enum cause c);
const char *origin_label(enum origin o);
const char *escalate_label(enum escalate e);

#endif
