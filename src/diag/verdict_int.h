/*
 * Inside the verdict engine: the facts every rule looks at, the ordered
 * rule table and the helpers rules use to fill a verdict. Private to
 * src/diag/verdict*.c.
 */
#ifndef CONNRESET_VERDICT_INT_H
#define CONNRESET_VERDICT_INT_H

#include "diag/verdict.h"
#include "probe/samples.h"

/* Facts computed once from the evidence before the rules run. */
struct vctx {
	const struct probe_results *r;
	struct verdict *v;
	/*
	 * The main request: its first failed attempt when one failed (the
	 * verdict explains the failures), else its first attempt; NULL when
	 * it did not run.
	 */
	const struct res_http *main;
	struct sample_set mainset;	/* every attempt of HV_MAIN */
	struct sample_set all;		/* HV_MAIN and HV_PER_ADDR together */
	struct sample_set neutral;	/* the neutral-name variants together */
	struct watch_counts watch;	/* the watch, when one ran */
	struct addr_row rows[RES_MAX_ADDRS];	/* per-address table */
	size_t nrows;
	const struct res_dns *sys;	/* the system resolver's answer */
	int tcp_run;			/* addresses tried */
	int tcp_open, tcp_refused, tcp_timeout, tcp_unreach;
};

/* One rule: when match() holds, fill() writes the verdict. */
struct vrule {
	const char *name;
	int (*match)(const struct vctx *c);
	void (*fill)(struct vctx *c);
};

/* Checklist steps a verdict can point to (ids in vstep_ids[]). */
enum vstep {
	VS_FLUSH_DNS, VS_CHECK_ADDRESS, VS_PROXY_SETTINGS, VS_FIREWALL,
	VS_SECOND_NETWORK, VS_TRACEROUTE, VS_SERVER_LOGS, VS_TLS_CONFIG,
	VS_SERVER_DNS, VS_ESCALATE, VS_SET_CLOCK, VS_LOCAL_LIMITS
};

/* The rules in priority order; the last one always matches. */
extern const struct vrule verdict_rules[];
extern const size_t verdict_nrules;

/* Sets cause, origin, whom to escalate to and confidence. */
void vset(struct vctx *c, enum cause cause, enum origin origin,
    enum escalate esc, enum confidence conf);
/* Sets the one-sentence summary (printf format, already translated). */
void vsummary(struct vctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Adds a reason citing the evidence ref ("tls", "locator" ...). */
void vreason(struct vctx *c, const char *ref, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Adds a reason citing one HTTP request ("http[variant]"). */
void vreason_http(struct vctx *c, const struct res_http *h);
/* Adds a reason citing one DNS answer ("dns[server]"). */
void vreason_dns(struct vctx *c, const struct res_dns *d);
/* Adds a reason citing one TCP attempt ("tcp[address]"). */
void vreason_tcp(struct vctx *c, const struct res_tcp *t);
/* Adds a next step with its line of text from the step table. */
void vstep(struct vctx *c, enum vstep s);
/* The string, or a translated "unknown" for NULL. */
const char *vstr(const char *s);

/* Adds a reason for the main request, when it ran. */
void vcite_main(struct vctx *c);
/* Adds a reason for every TCP attempt that ran. */
void vcite_tcp(struct vctx *c);

/* The neutral-name variants, in the order reasons cite them. */
extern const enum http_variant vvariation[];
extern const size_t vnvariation;
/* The symptom one request's ending shows (as for the main request). */
enum symptom vsymptom_of(const struct res_http *h);

/* Rules that live in verdict_samples.c. */
int vmatch_bad_address(const struct vctx *c);
void vfill_bad_address(struct vctx *c);
int vmatch_intermittent(const struct vctx *c);
void vfill_intermittent(struct vctx *c);
/* Cites the attempts of one variant: the one, or how they all went. */
void vcite_variant(struct vctx *c, enum http_variant v);
/* After the rule that matched: timing of resets, the one-sample cap. */
void vafter_rule(struct vctx *c, const char *rule);

/* Rules that live in verdict_conn.c. */
int vmatch_refused(const struct vctx *c);
void vfill_refused(struct vctx *c);
int vmatch_filtered(const struct vctx *c);
void vfill_filtered(struct vctx *c);
int vmatch_unreachable(const struct vctx *c);
void vfill_unreachable(struct vctx *c);
int vmatch_slow_server(const struct vctx *c);
void vfill_slow_server(struct vctx *c);

/* Rules that live in verdict_browser.c. */
int vmatch_h2_only(const struct vctx *c);
void vfill_h2_only(struct vctx *c);
int vmatch_clock(const struct vctx *c);
void vfill_clock(struct vctx *c);
/* After the rule: a redirected request says where it was sent first. */
void vafter_redirects(struct vctx *c);
/* Rules that live in verdict_size.c. */
int vmatch_large_hello(const struct vctx *c);
void vfill_large_hello(struct vctx *c);
int vmatch_packet_size(const struct vctx *c);
void vfill_packet_size(struct vctx *c);

/* Classifications shared by the rules. */
int vres_reset_like(enum http_result x);
int vres_completed(const struct res_http *h);
int vdns_failed(enum dns_status s);

#endif
