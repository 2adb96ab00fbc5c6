/*
 * Evidence <-> JSON. Each struct of probe/result.h is described by a
 * table of fields (name, kind, offset), so writing and reading share one
 * description and cannot drift apart; the few nested arrays are handled
 * by hand. Reading never trusts its input: see evidence.h.
 */
#include "config.h"

#include "diag/evidence.h"
#include "diag/names.h"
#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum fkind {
	F_STR,		/* char *, null when NULL */
	F_TEXT,		/* char * of several lines (newlines kept) */
	F_INT,		/* int */
	F_LONG,		/* long */
	F_BOOL,		/* int flag as true/false */
	F_TRI,		/* int -1/0/1 as null/false/true */
	F_MS,		/* double ms, negative (not reached) as null */
	F_NUM,		/* plain double */
	F_ENUM		/* enum as its stable name */
};

struct enum_names {
	const char *(*name)(int v);
	int (*from)(const char *s);
	int dflt;	/* value for a missing or unknown name */
	int null_dflt;	/* dflt is written as null (nothing happened yet) */
};

struct field {
	const char *key;
	enum fkind kind;
	size_t off;
	const struct enum_names *en;
	int opt;	/* left out while 0 / NULL: a field added later, so
			   earlier evidence reads and writes back the same */
};

#define WRAP(fn, type)							\
	static const char *fn##_w(int v) { return fn##_name((type)v); }

WRAP(dns_status, enum dns_status)
WRAP(tcp_status, enum tcp_status)
WRAP(http_result, enum http_result)
WRAP(http_variant, enum http_variant)
WRAP(tls_verify, enum tls_verify)
WRAP(check_state, enum check_state)
WRAP(check_status, enum check_status)
WRAP(flush_outcome, enum flush_outcome)

static const struct enum_names en_dns = { dns_status_w,
	dns_status_from_name, DNS_NOT_RUN, 0 };
static const struct enum_names en_tcp = { tcp_status_w,
	tcp_status_from_name, TCP_NOT_RUN, 0 };
static const struct enum_names en_result = { http_result_w,
	http_result_from_name, HTTP_NOT_RUN, 0 };
/* An unknown variant must not pass for the main request. */
static const struct enum_names en_variant = { http_variant_w,
	http_variant_from_name, HV_RETEST, 0 };
static const struct enum_names en_verify = { tls_verify_w,
	tls_verify_from_name, TLS_VERIFY_NOT_RUN, 0 };
static const struct enum_names en_state = { check_state_w,
	check_state_from_name, CHECK_QUEUED, 0 };
static const struct enum_names en_status = { check_status_w,
	check_status_from_name, CS_INFO, 0 };
/* A flush that did not run has no outcome: null, as the schema says. */
static const struct enum_names en_flush = { flush_outcome_w,
	flush_outcome_from_name, FLUSH_NOT_RUN, 1 };

#define FS(t, m) { #m, F_STR, offsetof(struct t, m), NULL, 0 }
#define FX(t, m) { #m, F_TEXT, offsetof(struct t, m), NULL, 0 }
#define FI(t, m) { #m, F_INT, offsetof(struct t, m), NULL, 0 }
#define FL(t, m) { #m, F_LONG, offsetof(struct t, m), NULL, 0 }
#define FB(t, m) { #m, F_BOOL, offsetof(struct t, m), NULL, 0 }
#define FT(t, m) { #m, F_TRI, offsetof(struct t, m), NULL, 0 }
#define FM(t, m) { #m, F_MS, offsetof(struct t, m), NULL, 0 }
#define FN(t, m) { #m, F_NUM, offsetof(struct t, m), NULL, 0 }
#define FE(t, m, e) { #m, F_ENUM, offsetof(struct t, m), &e, 0 }
#define NF(a) (sizeof(a) / sizeof((a)[0]))
/* Optional fields (see struct field). */
#define FSO(t, m) { #m, F_STR, offsetof(struct t, m), NULL, 1 }
#define FIO(t, m) { #m, F_INT, offsetof(struct t, m), NULL, 1 }
#define FBO(t, m) { #m, F_BOOL, offsetof(struct t, m), NULL, 1 }
#define FLO(t, m) { #m, F_LONG, offsetof(struct t, m), NULL, 1 }

static const struct field target_f[] = {
	FS(res_target, input), FS(res_target, url), FS(res_target, scheme),
	FS(res_target, host), FS(res_target, ascii_host),
	FI(res_target, port), FS(res_target, path),
	FB(res_target, host_is_ip), FSO(res_target, method),
	FSO(res_target, headers_sent), FLO(res_target, body_bytes),
	FSO(res_target, body_from)
};
static const struct field dns_f[] = {
	FS(res_dns, server), FS(res_dns, source), FB(res_dns, is_system),
	FE(res_dns, status, en_dns), FM(res_dns, ms), FS(res_dns, error)
};
static const struct field tcp_f[] = {
	FS(res_tcp, addr), FI(res_tcp, family), FI(res_tcp, port),
	FE(res_tcp, status, en_tcp), FI(res_tcp, os_errno), FM(res_tcp, ms)
};
static const struct field http_f[] = {
	FE(res_http, variant, en_variant), FS(res_http, url),
	FS(res_http, addr), FS(res_http, host_header), FS(res_http, sni),
	FS(res_http, proxy), FE(res_http, result, en_result),
	FL(res_http, status), FL(res_http, bytes), FI(res_http, curl_code),
	FS(res_http, curl_error), FI(res_http, os_errno),
	FM(res_http, t_dns), FM(res_http, t_connect), FM(res_http, t_tls),
	FM(res_http, t_ttfb), FM(res_http, t_total),
	FS(res_http, tls_version), FS(res_http, alpn), FS(res_http, server),
	FS(res_http, started), FI(res_http, attempt), FS(res_http, backend),
	FL(res_http, limit_ms), FSO(res_http, date),
	FSO(res_http, location), FIO(res_http, hop),
	FSO(res_http, local_addr), FIO(res_http, local_port),
	FSO(res_http, proxy_auth)
};
static const struct field cert_f[] = {
	FS(res_cert, subject), FS(res_cert, issuer), FS(res_cert, sans),
	FS(res_cert, not_before), FS(res_cert, not_after),
	FL(res_cert, days_left)
};
static const struct field tls_f[] = {
	FB(res_tls, ran), FE(res_tls, verify, en_verify),
	FL(res_tls, verify_code), FS(res_tls, verify_reason),
	FS(res_tls, alpn), FS(res_tls, negotiated), FB(res_tls, intercepted)
};
static const struct field hop_f[] = {
	FI(res_hop, ttl), FS(res_hop, addr), FS(res_hop, name),
	FI(res_hop, sent), FN(res_hop, loss), FLO(res_hop, asn),
	FSO(res_hop, as_name)
};
static const struct field path_f[] = {
	FB(res_path, ran), FS(res_path, method), FB(res_path, reached),
	FS(res_path, alt_method), FI(res_path, alt_distance)
};
static const struct field locator_f[] = {
	FB(res_locator, ran), FS(res_locator, trigger),
	FI(res_locator, first_reset_ttl), FI(res_locator, server_distance),
	FI(res_locator, near_hop_ttl), FS(res_locator, near_hop_addr),
	FB(res_locator, control_reset),
	FI(res_locator, control_first_reset_ttl), FT(res_locator, forged),
	FS(res_locator, forged_detail), FB(res_locator, local),
	FBO(res_locator, near_hop_unidentified),
	FBO(res_locator, near_hop_inferred),
	FIO(res_locator, near_hop_before_ttl),
	FSO(res_locator, near_hop_before_addr),
	FIO(res_locator, near_hop_after_ttl),
	FSO(res_locator, near_hop_after_addr)
};
static const struct field proxy_f[] = {
	FB(res_proxy, ran), FS(res_proxy, url), FS(res_proxy, source),
	FS(res_proxy, pac_url), FS(res_proxy, no_proxy_match),
	FB(res_proxy, auth_required), FX(res_proxy, pac_excerpt),
	FS(res_proxy, pac_error), FS(res_proxy, other_sources),
	FSO(res_proxy, auth_scheme)
};
static const struct field local_f[] = {
	FB(res_local, ran), FS(res_local, os), FS(res_local, iface),
	FS(res_local, iface_kind), FB(res_local, vpn_active),
	FB(res_local, route_via_vpn), FS(res_local, vpn_iface),
	FS(res_local, resolver_kind), FS(res_local, hosts_entry),
	FT(res_local, firewall_reset_rule), FS(res_local, firewall_detail),
	FS(res_local, dns_caches), FS(res_local, dns_upstreams),
	FS(res_local, route)
};
static const struct field flush_f[] = {
	FB(res_flush, ran), FE(res_flush, outcome, en_flush),
	FS(res_flush, command), FS(res_flush, detail), FS(res_flush, before),
	FS(res_flush, after)
};
static const struct field check_f[] = {
	FS(res_check, id), FE(res_check, state, en_state),
	FE(res_check, status, en_status), FS(res_check, summary),
	FS(res_check, started), FN(res_check, started_mono),
	FM(res_check, duration_ms)
};

static const char *const tls_version_keys[4] = { "1.0", "1.1", "1.2",
	"1.3" };

#define AT(base, f, type) ((type *)(void *)((char *)(base) + (f)->off))
#define CAT(base, f, type) \
	((const type *)(const void *)((const char *)(base) + (f)->off))

static cJSON *
num_or_null(double d, int null_negative)
{
	if (!isfinite(d) || (null_negative && d < 0))
		return cJSON_CreateNull();
	return cJSON_CreateNumber(d);
}

static cJSON *
str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *
put_one(const void *base, const struct field *f)
{
	int i;

	switch (f->kind) {
	case F_STR:
	case F_TEXT:
		return str_or_null(*CAT(base, f, char *));
	case F_INT:
		return cJSON_CreateNumber(*CAT(base, f, int));
	case F_LONG:
		return cJSON_CreateNumber((double)*CAT(base, f, long));
	case F_BOOL:
		return cJSON_CreateBool(*CAT(base, f, int) != 0);
	case F_TRI:
		i = *CAT(base, f, int);
		return i < 0 ? cJSON_CreateNull() : cJSON_CreateBool(i != 0);
	case F_MS:
		return num_or_null(*CAT(base, f, double), 1);
	case F_NUM:
		return num_or_null(*CAT(base, f, double), 0);
	case F_ENUM:
		i = *CAT(base, f, int);
		if (f->en->null_dflt && i == f->en->dflt)
			return cJSON_CreateNull();
		return cJSON_CreateString(f->en->name(i));
	}
	return cJSON_CreateNull();
}

/* An optional field that holds nothing (strings, ints, longs). */
static int
unset(const void *base, const struct field *f)
{
	if (!f->opt)
		return 0;
	if (f->kind == F_STR || f->kind == F_TEXT)
		return *CAT(base, f, char *) == NULL;
	if (f->kind == F_LONG)
		return *CAT(base, f, long) == 0;
	return *CAT(base, f, int) == 0;
}

static void
put_fields(cJSON *o, const void *base, const struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!unset(base, &f[i]))
			cJSON_AddItemToObject(o, f[i].key,
			    put_one(base, &f[i]));
}

static cJSON *
obj_of(const void *base, const struct field *f, size_t n)
{
	cJSON *o = cJSON_CreateObject();

	put_fields(o, base, f, n);
	return o;
}

static cJSON *
dns_json(const struct res_dns *d)
{
	cJSON *o = obj_of(d, dns_f, NF(dns_f));
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < d->naddrs && i < RES_MAX_ADDRS; i++)
		cJSON_AddItemToArray(a, str_or_null(d->addrs[i]));
	cJSON_AddItemToObject(o, "addrs", a);
	return o;
}

static cJSON *
tls_json(const struct res_tls *t)
{
	cJSON *o = obj_of(t, tls_f, NF(tls_f));
	cJSON *v = cJSON_CreateObject();
	cJSON *c = cJSON_CreateArray();

	for (int i = 0; i < 4; i++)
		cJSON_AddStringToObject(v, tls_version_keys[i],
		    tls_accept_name(t->versions[i]));
	cJSON_AddItemToObject(o, "versions", v);
	for (size_t i = 0; i < t->nchain && i < RES_MAX_CHAIN; i++)
		cJSON_AddItemToArray(c, obj_of(&t->chain[i], cert_f,
		    NF(cert_f)));
	cJSON_AddItemToObject(o, "chain", c);
	return o;
}

static cJSON *
path_json(const struct res_path *p)
{
	cJSON *o = obj_of(p, path_f, NF(path_f));
	cJSON *hops = cJSON_CreateArray();

	for (size_t i = 0; i < p->nhops && i < RES_MAX_HOPS; i++) {
		const struct res_hop *h = &p->hops[i];
		cJSON *ho = obj_of(h, hop_f, NF(hop_f));
		cJSON *rtt = cJSON_CreateArray();

		for (int k = 0; k < h->nrtt && k < RES_MAX_RTT; k++)
			cJSON_AddItemToArray(rtt, num_or_null(h->rtt_ms[k],
			    1));
		cJSON_AddItemToObject(ho, "rtt_ms", rtt);
		cJSON_AddItemToArray(hops, ho);
	}
	cJSON_AddItemToObject(o, "hops", hops);
	return o;
}

static cJSON *
check_json(const struct res_check *c)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "id", str_or_null(c->id));
	cJSON_AddItemToObject(o, "title", str_or_null(c->title));
	for (size_t i = 1; i < NF(check_f); i++)
		cJSON_AddItemToObject(o, check_f[i].key,
		    put_one(c, &check_f[i]));
	return o;
}

/* The counters' deltas as {"source", "error", "counters": {name: n}}. */
static cJSON *
kstat_json(const struct res_kstat *k)
{
	cJSON *o = cJSON_CreateObject(), *c;

	cJSON_AddItemToObject(o, "source", str_or_null(k->source));
	cJSON_AddItemToObject(o, "error", str_or_null(k->error));
	c = cJSON_AddObjectToObject(o, "counters");
	for (size_t i = 0; i < k->n && i < RES_MAX_KSTAT; i++)
		if (k->c[i].name)
			cJSON_AddNumberToObject(c, k->c[i].name,
			    (double)k->c[i].delta);
	return o;
}

/* The watch: its pace, and each sample as [t_ms, result, status, ms]. */
static cJSON *
watch_json(const struct res_watch *w)
{
	cJSON *o = cJSON_CreateObject(), *a;

	cJSON_AddNumberToObject(o, "interval_ms", (double)w->interval_ms);
	cJSON_AddNumberToObject(o, "duration_ms", (double)w->duration_ms);
	cJSON_AddItemToObject(o, "started", str_or_null(w->started));
	a = cJSON_AddArrayToObject(o, "samples");
	for (size_t i = 0; i < w->n && i < RES_MAX_WATCH; i++) {
		const struct res_watch_sample *s = &w->s[i];
		cJSON *e = cJSON_CreateArray();

		cJSON_AddItemToArray(e, cJSON_CreateNumber(
		    round(s->t_ms * 10) / 10));
		cJSON_AddItemToArray(e, cJSON_CreateString(
		    http_result_name(s->result)));
		cJSON_AddItemToArray(e, cJSON_CreateNumber((double)s->status));
		cJSON_AddItemToArray(e, cJSON_CreateNumber(
		    round(s->ms * 10) / 10));
		cJSON_AddItemToArray(a, e);
	}
	return o;
}

/* The ClientHello-size check: each try as {large, size, outcome, ms}. */
static cJSON *
bighello_json(const struct res_bighello *b)
{
	cJSON *o = cJSON_CreateObject(), *a;

	cJSON_AddBoolToObject(o, "hybrid", b->hybrid);
	a = cJSON_AddArrayToObject(o, "tries");
	for (size_t i = 0; i < b->n && i < RES_MAX_HELLO; i++) {
		const struct res_hello_try *t = &b->tries[i];
		cJSON *e = cJSON_CreateObject();

		cJSON_AddBoolToObject(e, "large", t->large);
		cJSON_AddNumberToObject(e, "size", t->size);
		cJSON_AddStringToObject(e, "outcome",
		    hello_outcome_name(t->outcome));
		cJSON_AddNumberToObject(e, "ms", round(t->ms * 10) / 10);
		cJSON_AddItemToArray(a, e);
	}
	cJSON_AddItemToObject(o, "locator", obj_of(&b->locator, locator_f,
	    NF(locator_f)));
	return o;
}

/* The packet-size check: the MTUs, each try as {maxseg, result, ...}. */
static cJSON *
pmtu_json(const struct res_pmtu *p)
{
	cJSON *o = cJSON_CreateObject(), *a;

	cJSON_AddItemToObject(o, "ifname", str_or_null(p->ifname));
	cJSON_AddNumberToObject(o, "if_mtu", p->if_mtu);
	cJSON_AddNumberToObject(o, "path_mtu", p->path_mtu);
	a = cJSON_AddArrayToObject(o, "tries");
	for (size_t i = 0; i < p->n && i < RES_MAX_SEG; i++) {
		const struct res_seg_try *t = &p->tries[i];
		cJSON *e = cJSON_CreateObject();

		cJSON_AddNumberToObject(e, "maxseg", t->maxseg);
		cJSON_AddStringToObject(e, "result",
		    http_result_name(t->result));
		cJSON_AddNumberToObject(e, "bytes", (double)t->bytes);
		cJSON_AddNumberToObject(e, "ms", round(t->ms * 10) / 10);
		cJSON_AddItemToArray(a, e);
	}
	return o;
}

/* Returns the whole evidence as a new JSON object owned by the caller. */
cJSON *
evidence_to_json(const struct probe_results *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *a;

	cJSON_AddItemToObject(o, "target", obj_of(&r->target, target_f,
	    NF(target_f)));
	cJSON_AddItemToObject(o, "created", str_or_null(r->created));
	a = cJSON_AddArrayToObject(o, "dns");
	for (size_t i = 0; i < r->ndns && i < RES_MAX_DNS; i++)
		cJSON_AddItemToArray(a, dns_json(&r->dns[i]));
	a = cJSON_AddArrayToObject(o, "tcp");
	for (size_t i = 0; i < r->ntcp && i < RES_MAX_TCP; i++)
		cJSON_AddItemToArray(a, obj_of(&r->tcp[i], tcp_f, NF(tcp_f)));
	a = cJSON_AddArrayToObject(o, "http");
	for (size_t i = 0; i < r->nhttp && i < RES_MAX_HTTP; i++)
		cJSON_AddItemToArray(a, obj_of(&r->http[i], http_f,
		    NF(http_f)));
	cJSON_AddItemToObject(o, "tls", tls_json(&r->tls));
	cJSON_AddItemToObject(o, "path", path_json(&r->path));
	cJSON_AddItemToObject(o, "locator", obj_of(&r->locator, locator_f,
	    NF(locator_f)));
	cJSON_AddItemToObject(o, "proxy", obj_of(&r->proxy, proxy_f,
	    NF(proxy_f)));
	cJSON_AddItemToObject(o, "local", obj_of(&r->local, local_f,
	    NF(local_f)));
	cJSON_AddItemToObject(o, "flush", obj_of(&r->flush, flush_f,
	    NF(flush_f)));
	if (r->kstat.ran)
		cJSON_AddItemToObject(o, "kernel_tcp", kstat_json(&r->kstat));
	if (r->watch.ran)
		cJSON_AddItemToObject(o, "watch", watch_json(&r->watch));
	if (r->bighello.ran)
		cJSON_AddItemToObject(o, "bighello",
		    bighello_json(&r->bighello));
	if (r->pmtu.ran)
		cJSON_AddItemToObject(o, "pmtu", pmtu_json(&r->pmtu));
	a = cJSON_AddArrayToObject(o, "checks");
	for (size_t i = 0; i < r->nchecks && i < RES_MAX_CHECKS; i++)
		cJSON_AddItemToArray(a, check_json(&r->checks[i]));
	return o;
}

/* --- reading ------------------------------------------------------- */

/*
 * A sanitized copy of a JSON string, or NULL for anything else. The cut
 * to EVIDENCE_MAX_STR comes after the sanitizer, on a character's
 * boundary: sanitized text loads as itself, so evidence saved and loaded
 * again stays the same (a cut before would let the escapes grow the text
 * past the limit on the next load).
 */
static char *
get_text(const cJSON *j, unsigned flags)
{
	char *s;
	size_t len;

	if (!cJSON_IsString(j) || j->valuestring == NULL)
		return NULL;
	s = sanitize_mem(j->valuestring, strlen(j->valuestring), flags);
	len = strlen(s);
	if (len > EVIDENCE_MAX_STR) {
		len = EVIDENCE_MAX_STR;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
		s[len] = '\0';
	}
	return s;
}

static char *
get_str(const cJSON *j)
{
	return get_text(j, 0);
}

static int
get_num(const cJSON *j, double *d)
{
	if (!cJSON_IsNumber(j) || !isfinite(j->valuedouble))
		return 0;
	*d = j->valuedouble;
	return 1;
}

static long
clamp_long(double d, double lo, double hi)
{
	if (d < lo)
		return (long)lo;
	if (d > hi)
		return (long)hi;
	return (long)d;
}

static int
get_flag(const cJSON *j, int dflt)
{
	double d;

	if (cJSON_IsBool(j))
		return cJSON_IsTrue(j);
	if (get_num(j, &d))
		return d < 0 ? -1 : d > 0;
	return dflt;
}

static void
get_one(const cJSON *j, void *base, const struct field *f)
{
	double d;
	int e;

	switch (f->kind) {
	case F_STR:
		*AT(base, f, char *) = get_str(j);
		break;
	case F_TEXT:
		*AT(base, f, char *) = get_text(j, SAN_KEEP_NEWLINES);
		break;
	case F_INT:
		*AT(base, f, int) = get_num(j, &d) ?
		    (int)clamp_long(d, INT_MIN, INT_MAX) : 0;
		break;
	case F_LONG:
		/* Doubles hold integers exactly up to 2^53. */
		*AT(base, f, long) = get_num(j, &d) ?
		    clamp_long(d, -9007199254740992.0, 9007199254740992.0) : 0;
		break;
	case F_BOOL:
		*AT(base, f, int) = get_flag(j, 0) > 0;
		break;
	case F_TRI:
		*AT(base, f, int) = cJSON_IsNull(j) ? -1 : get_flag(j, -1);
		break;
	case F_MS:
		*AT(base, f, double) = get_num(j, &d) && d >= 0 ? d : -1;
		break;
	case F_NUM:
		*AT(base, f, double) = get_num(j, &d) ? d : 0;
		break;
	case F_ENUM:
		e = cJSON_IsString(j) ? f->en->from(j->valuestring) : -1;
		*AT(base, f, int) = e < 0 ? f->en->dflt : e;
		break;
	}
}

static void
get_fields(const cJSON *o, void *base, const struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		get_one(cJSON_GetObjectItemCaseSensitive(o, f[i].key), base,
		    &f[i]);
}

/* The object member key when it is an array, else NULL. */
static const cJSON *
get_array(const cJSON *o, const char *key)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsArray(a) ? a : NULL;
}

static void
load_dns(const cJSON *o, struct res_dns *d)
{
	const cJSON *a = get_array(o, "addrs"), *e;

	get_fields(o, d, dns_f, NF(dns_f));
	cJSON_ArrayForEach(e, a) {
		char *s;

		if (d->naddrs >= RES_MAX_ADDRS)
			break;
		if ((s = get_str(e)) != NULL)
			d->addrs[d->naddrs++] = s;
	}
}

static void
load_tls(const cJSON *o, struct res_tls *t)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "versions");
	const cJSON *e;

	get_fields(o, t, tls_f, NF(tls_f));
	for (int i = 0; i < 4; i++) {
		const cJSON *x = cJSON_IsObject(v) ?
		    cJSON_GetObjectItemCaseSensitive(v, tls_version_keys[i]) :
		    NULL;
		int a = cJSON_IsString(x) ?
		    tls_accept_from_name(x->valuestring) : -1;

		t->versions[i] = a < 0 ? TLSV_NOT_RUN : (enum tls_accept)a;
	}
	cJSON_ArrayForEach(e, get_array(o, "chain")) {
		if (t->nchain >= RES_MAX_CHAIN)
			break;
		if (cJSON_IsObject(e))
			get_fields(e, &t->chain[t->nchain++], cert_f,
			    NF(cert_f));
	}
}

static void
load_path(const cJSON *o, struct res_path *p)
{
	const cJSON *e, *x;

	get_fields(o, p, path_f, NF(path_f));
	cJSON_ArrayForEach(e, get_array(o, "hops")) {
		struct res_hop *h;
		double d;

		if (p->nhops >= RES_MAX_HOPS)
			break;
		if (!cJSON_IsObject(e))
			continue;
		h = &p->hops[p->nhops++];
		get_fields(e, h, hop_f, NF(hop_f));
		if (h->loss < 0 || h->loss > 1)
			h->loss = h->loss < 0 ? 0 : 1;
		cJSON_ArrayForEach(x, get_array(e, "rtt_ms")) {
			if (h->nrtt >= RES_MAX_RTT)
				break;
			h->rtt_ms[h->nrtt++] = get_num(x, &d) && d >= 0 ?
			    d : -1;
		}
	}
}

/*
 * Check titles are static N_() strings that results never free, so a
 * loaded title is kept once in a small pool for the life of the process.
 */
static const char *
intern_title(const cJSON *j)
{
	static char *pool[64];
	char *s;
	size_t i;

	if (!cJSON_IsString(j) || j->valuestring == NULL ||
	    strlen(j->valuestring) > 200)
		return NULL;
	s = sanitize_str(j->valuestring, 0);
	/* The limit holds for the saved form too, or it would not reload. */
	if (strlen(s) > 200) {
		free(s);
		return NULL;
	}
	for (i = 0; i < NF(pool) && pool[i]; i++)
		if (strcmp(pool[i], s) == 0)
			break;
	if (i == NF(pool)) {
		free(s);
		return NULL;
	}
	if (pool[i] == NULL)
		pool[i] = s;
	else
		free(s);
	return pool[i];
}

static void
load_lists(const cJSON *j, struct probe_results *r)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, get_array(j, "dns")) {
		if (r->ndns >= RES_MAX_DNS)
			break;
		if (cJSON_IsObject(e))
			load_dns(e, &r->dns[r->ndns++]);
	}
	cJSON_ArrayForEach(e, get_array(j, "tcp")) {
		if (r->ntcp >= RES_MAX_TCP)
			break;
		if (cJSON_IsObject(e))
			get_fields(e, &r->tcp[r->ntcp++], tcp_f, NF(tcp_f));
	}
	cJSON_ArrayForEach(e, get_array(j, "http")) {
		if (r->nhttp >= RES_MAX_HTTP)
			break;
		if (cJSON_IsObject(e))
			get_fields(e, &r->http[r->nhttp++], http_f,
			    NF(http_f));
	}
	cJSON_ArrayForEach(e, get_array(j, "checks")) {
		struct res_check *c;

		if (r->nchecks >= RES_MAX_CHECKS)
			break;
		if (!cJSON_IsObject(e))
			continue;
		c = &r->checks[r->nchecks++];
		get_fields(e, c, check_f, NF(check_f));
		c->title = (char *)intern_title(
		    cJSON_GetObjectItemCaseSensitive(e, "title"));
	}
}

/*
 * A kernel counter's name as /proc/net/snmp and /proc/net/netstat spell
 * it: letters, digits and '_', at most 64. Anything else is not a
 * counter; it is dropped rather than escaped (an escaped name would grow
 * each time the evidence is saved and loaded again).
 */
static int
counter_name_ok(const char *s)
{
	size_t n = 0;

	if (s == NULL || *s == '\0')
		return 0;
	for (; s[n]; n++)
		if (n >= 64 || !(isalnum((unsigned char)s[n]) || s[n] == '_'))
			return 0;
	return 1;
}

static void
load_kstat(const cJSON *o, struct res_kstat *k)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(o, "counters"), *e;

	if (!cJSON_IsObject(o) || o->child == NULL)
		return;
	k->ran = 1;
	k->source = get_str(cJSON_GetObjectItemCaseSensitive(o, "source"));
	k->error = get_str(cJSON_GetObjectItemCaseSensitive(o, "error"));
	if (!cJSON_IsObject(c))
		return;
	cJSON_ArrayForEach(e, c) {
		double d;

		if (k->n >= RES_MAX_KSTAT)
			break;
		if (!counter_name_ok(e->string) || !get_num(e, &d))
			continue;
		k->c[k->n].name = xstrdup(e->string);
		k->c[k->n].delta = (long long)clamp_long(d,
		    -9007199254740992.0, 9007199254740992.0);
		k->n++;
	}
}

/* Reads the watch back; samples that do not have the four parts are
 * dropped, numbers are bounded. */
static void
load_watch(const cJSON *o, struct res_watch *w)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "samples"), *e;
	double d;

	if (!cJSON_IsObject(o) || o->child == NULL)
		return;
	w->ran = 1;
	if (get_num(cJSON_GetObjectItemCaseSensitive(o, "interval_ms"), &d))
		w->interval_ms = clamp_long(d, 0, 86400000);
	if (get_num(cJSON_GetObjectItemCaseSensitive(o, "duration_ms"), &d))
		w->duration_ms = clamp_long(d, 0, 86400000);
	w->started = get_str(cJSON_GetObjectItemCaseSensitive(o, "started"));
	if (!cJSON_IsArray(a))
		return;
	cJSON_ArrayForEach(e, a) {
		struct res_watch_sample s = { 0 };
		const cJSON *res = cJSON_GetArrayItem(e, 1);
		double t, st, ms;
		int v;

		if (w->n >= RES_MAX_WATCH)
			break;
		if (!cJSON_IsArray(e) || cJSON_GetArraySize(e) != 4 ||
		    !get_num(cJSON_GetArrayItem(e, 0), &t) ||
		    !cJSON_IsString(res) ||
		    !get_num(cJSON_GetArrayItem(e, 2), &st) ||
		    !get_num(cJSON_GetArrayItem(e, 3), &ms))
			continue;
		v = http_result_from_name(res->valuestring);
		s.t_ms = t < 0 ? 0 : t > 86400000 ? 86400000 : t;
		s.result = v < 0 ? HTTP_ERROR : (enum http_result)v;
		s.status = clamp_long(st, 0, 999);
		s.ms = ms < 0 ? 0 : ms > 86400000 ? 86400000 : ms;
		res_watch_add(w, &s);
	}
}

/* Reads the ClientHello-size check back; malformed tries are dropped. */
static void
load_bighello(const cJSON *o, struct res_bighello *b)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "tries"), *e;
	const cJSON *loc = cJSON_GetObjectItemCaseSensitive(o, "locator");

	if (!cJSON_IsObject(o) || o->child == NULL)
		return;
	b->ran = 1;
	b->hybrid = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o,
	    "hybrid"));
	if (cJSON_IsObject(loc))
		get_fields(loc, &b->locator, locator_f, NF(locator_f));
	if (!cJSON_IsArray(a))
		return;
	cJSON_ArrayForEach(e, a) {
		struct res_hello_try *t = &b->tries[b->n];
		const cJSON *out = cJSON_GetObjectItemCaseSensitive(e,
		    "outcome");
		double size, ms;
		int v;

		if (b->n >= RES_MAX_HELLO)
			break;
		if (!cJSON_IsObject(e) || !cJSON_IsString(out) ||
		    !get_num(cJSON_GetObjectItemCaseSensitive(e, "size"),
		    &size) ||
		    !get_num(cJSON_GetObjectItemCaseSensitive(e, "ms"), &ms))
			continue;
		v = hello_outcome_from_name(out->valuestring);
		t->large = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e,
		    "large"));
		t->size = (int)clamp_long(size, 0, 65536);
		t->outcome = v < 0 ? HELLO_GARBAGE : (enum hello_outcome)v;
		t->ms = ms < 0 ? 0 : ms > 86400000 ? 86400000 : ms;
		b->n++;
	}
}

/* Reads the packet-size check back; malformed tries are dropped. */
static void
load_pmtu(const cJSON *o, struct res_pmtu *p)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "tries"), *e;
	double d;

	if (!cJSON_IsObject(o) || o->child == NULL)
		return;
	p->ran = 1;
	p->ifname = get_str(cJSON_GetObjectItemCaseSensitive(o, "ifname"));
	if (get_num(cJSON_GetObjectItemCaseSensitive(o, "if_mtu"), &d))
		p->if_mtu = (int)clamp_long(d, 0, 65536);
	if (get_num(cJSON_GetObjectItemCaseSensitive(o, "path_mtu"), &d))
		p->path_mtu = (int)clamp_long(d, 0, 65536);
	if (!cJSON_IsArray(a))
		return;
	cJSON_ArrayForEach(e, a) {
		struct res_seg_try *t = &p->tries[p->n];
		const cJSON *res = cJSON_GetObjectItemCaseSensitive(e,
		    "result");
		double seg, bytes, ms;
		int v;

		if (p->n >= RES_MAX_SEG)
			break;
		if (!cJSON_IsObject(e) || !cJSON_IsString(res) ||
		    !get_num(cJSON_GetObjectItemCaseSensitive(e, "maxseg"),
		    &seg) ||
		    !get_num(cJSON_GetObjectItemCaseSensitive(e, "bytes"),
		    &bytes) ||
		    !get_num(cJSON_GetObjectItemCaseSensitive(e, "ms"), &ms))
			continue;
		v = http_result_from_name(res->valuestring);
		t->maxseg = (int)clamp_long(seg, 0, 65535);
		t->result = v < 0 ? HTTP_ERROR : (enum http_result)v;
		t->bytes = clamp_long(bytes, 0, 9007199254740992.0);
		t->ms = ms < 0 ? 0 : ms > 86400000 ? 86400000 : ms;
		p->n++;
	}
}

/* The member key when it is an object; an empty object otherwise. */
static const cJSON *
get_obj(const cJSON *o, const char *key)
{
	static const cJSON empty = { .type = cJSON_Object };
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsObject(x) ? x : &empty;
}

/* Fills r from j, treating j as untrusted input. */
int
evidence_from_json(const cJSON *j, struct probe_results *r, char **err)
{
	memset(r, 0, sizeof(*r));
	if (!cJSON_IsObject(j)) {
		if (err)
			*err = xstrdup(_("the evidence is not a JSON object"));
		return -1;
	}
	get_fields(get_obj(j, "target"), &r->target, target_f,
	    NF(target_f));
	r->created = get_str(cJSON_GetObjectItemCaseSensitive(j, "created"));
	load_lists(j, r);
	load_tls(get_obj(j, "tls"), &r->tls);
	load_path(get_obj(j, "path"), &r->path);
	get_fields(get_obj(j, "locator"), &r->locator, locator_f,
	    NF(locator_f));
	get_fields(get_obj(j, "proxy"), &r->proxy, proxy_f, NF(proxy_f));
	get_fields(get_obj(j, "local"), &r->local, local_f, NF(local_f));
	get_fields(get_obj(j, "flush"), &r->flush, flush_f, NF(flush_f));
	load_kstat(get_obj(j, "kernel_tcp"), &r->kstat);
	load_watch(get_obj(j, "watch"), &r->watch);
	load_bighello(get_obj(j, "bighello"), &r->bighello);
	load_pmtu(get_obj(j, "pmtu"), &r->pmtu);
	return 0;
}

/* Parses a JSON text and loads it like evidence_from_json(). */
int
evidence_from_string(const char *text, struct probe_results *r,
    char **err)
{
	cJSON *j = text ? cJSON_Parse(text) : NULL;
	int rc;

	if (j == NULL) {
		memset(r, 0, sizeof(*r));
		if (err)
			*err = xstrdup(_("the evidence is not valid JSON"));
		return -1;
	}
	rc = evidence_from_json(j, r, err);
	cJSON_Delete(j);
	return rc;
}
