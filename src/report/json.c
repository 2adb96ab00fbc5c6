/*
 * The JSON report: the verdict up front, the checks with the evidence
 * each rests on, the full evidence, the path and locator findings, and
 * the person's checklist answers. data/report.schema.json is its
 * contract; keep the two in step.
 */
#include "config.h"

#include "report/report.h"
#include "diag/evidence.h"
#include "diag/names.h"
#include "diag/verdict.h"
#include "probe/readings.h"

#include <cJSON.h>
#include <string.h>

/* Names of enum answer and enum report_audience as written here. */
static const char *const answer_names[] = { "none", "fixed", "not_fixed",
	"skipped", "works_there", "fails_there", "not_tried" };
static const char *const audience_names[] = { "general", "isp", "it",
	"site_owner" };

static cJSON *
str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *
ms_or_null(double ms)
{
	return ms >= 0 ? cJSON_CreateNumber(ms) : cJSON_CreateNull();
}

static const char *
name_of(const char *const *table, size_t n, unsigned v)
{
	return v < n ? table[v] : table[0];
}

/*
 * The target is the address as typed (probe_results_typed). After a
 * redirect chain moved the sweep, final_url is where the browser lands,
 * the request every later check tested, and the addresses are the one
 * the typed address's request went to.
 */
static cJSON *
target_json(const struct probe_results *r)
{
	const struct res_target *t = &r->target;
	cJSON *o = cJSON_CreateObject();
	struct res_typed ty;
	cJSON *a;

	probe_results_typed(r, &ty);
	cJSON_AddItemToObject(o, "url", str_or_null(ty.url));
	cJSON_AddItemToObject(o, "host", str_or_null(ty.host));
	cJSON_AddItemToObject(o, "ascii_host", str_or_null(ty.ascii_host));
	cJSON_AddNumberToObject(o, "port", ty.port);
	cJSON_AddItemToObject(o, "scheme", str_or_null(ty.scheme));
	cJSON_AddItemToObject(o, "final_url", str_or_null(ty.moved ?
	    t->url : NULL));
	a = cJSON_AddArrayToObject(o, "addresses");
	if (ty.moved) {
		if (ty.addr)
			cJSON_AddItemToArray(a, cJSON_CreateString(ty.addr));
		res_typed_clear(&ty);
		return o;
	}
	res_typed_clear(&ty);
	for (size_t i = 0; i < r->ndns && i < RES_MAX_DNS; i++) {
		const struct res_dns *d = &r->dns[i];

		if (!d->is_system || d->status != DNS_OK)
			continue;
		for (size_t k = 0; k < d->naddrs && k < RES_MAX_ADDRS; k++)
			if (d->addrs[k])
				cJSON_AddItemToArray(a,
				    cJSON_CreateString(d->addrs[k]));
		return o;
	}
	if (t->host_is_ip && (t->ascii_host || t->host))
		cJSON_AddItemToArray(a, cJSON_CreateString(t->ascii_host ?
		    t->ascii_host : t->host));
	return o;
}

static cJSON *
verdict_json(const struct verdict *v)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *a;

	cJSON_AddStringToObject(o, "symptom", symptom_name(v->symptom));
	cJSON_AddStringToObject(o, "cause", cause_name(v->cause));
	cJSON_AddStringToObject(o, "origin", origin_name(v->origin));
	cJSON_AddStringToObject(o, "escalate_to",
	    escalate_name(v->escalate_to));
	cJSON_AddStringToObject(o, "confidence",
	    confidence_name(v->confidence));
	cJSON_AddStringToObject(o, "summary", v->summary ? v->summary : "");
	a = cJSON_AddArrayToObject(o, "reasons");
	for (size_t i = 0; i < v->nreasons && i < VERDICT_MAX_REASONS; i++) {
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "text", v->reasons[i].text ?
		    v->reasons[i].text : "");
		cJSON_AddStringToObject(x, "evidence",
		    v->reasons[i].evidence ? v->reasons[i].evidence : "");
		cJSON_AddItemToArray(a, x);
	}
	a = cJSON_AddArrayToObject(o, "next_steps");
	for (size_t i = 0; i < v->nnext && i < VERDICT_MAX_STEPS; i++) {
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "step", v->next_steps[i].step_id ?
		    v->next_steps[i].step_id : "");
		cJSON_AddStringToObject(x, "text", v->next_steps[i].text ?
		    v->next_steps[i].text : "");
		cJSON_AddItemToArray(a, x);
	}
	return o;
}

#define V(x) (1u << (x))

/*
 * What each check shows as its details in checks[]: a member of the
 * evidence whole, or the requests of some variants from its "http"
 * array. A check without a row has null details, so a new check needs a
 * row only when it has details to show (README, "Adding a check").
 */
static const struct details_of {
	const char *id;		/* the check */
	const char *member;	/* the evidence member shown whole, or NULL */
	unsigned variants;	/* else the requests of these variants
				   (V(HV_x)) that ran */
	int all;		/* every such request, in an array; else the
				   first (null when none ran) */
} details_of[] = {
	{ "dns", "dns", 0, 0 },
	{ "tcp", "tcp", 0, 0 },
	{ "http", NULL, V(HV_MAIN), 0 },
	{ "tls", "tls", 0, 0 },
	{ "variation", NULL, V(HV_NEUTRAL_HOST) | V(HV_NEUTRAL_SNI) |
	    V(HV_NO_SNI) | V(HV_ALT_SCHEME), 1 },
	{ "trigger", NULL, V(HV_NEUTRAL_PATH), 1 },
	{ "path", "path", 0, 0 },
	{ "locator", "locator", 0, 0 },
	{ "bighello", "bighello", 0, 0 },
	{ "pmtu", "pmtu", 0, 0 },
	{ "proxy", "proxy", 0, 0 },
	{ "local", "local", 0, 0 },
	{ "protocol", NULL, V(HV_HTTP1), 1 },
	{ "clock", NULL, V(HV_CLOCK), 0 },
	{ "redirects", NULL, V(HV_REDIRECT), 1 },
};

/* The requests of d's variants that ran, from the evidence's "http". */
static cJSON *
requests_of(const struct details_of *d, const struct probe_results *r,
    const cJSON *ev)
{
	const cJSON *http = cJSON_GetObjectItemCaseSensitive(ev, "http");
	cJSON *a = d->all ? cJSON_CreateArray() : NULL;

	for (size_t i = 0; i < r->nhttp && i < RES_MAX_HTTP; i++) {
		const struct res_http *h = &r->http[i];
		cJSON *x;

		if ((unsigned)h->variant >= sizeof(unsigned) * 8 ||
		    !(d->variants & V(h->variant)) ||
		    h->result == HTTP_NOT_RUN)
			continue;
		x = cJSON_Duplicate(cJSON_GetArrayItem(http, (int)i), 1);
		if (!a)
			return x;
		cJSON_AddItemToArray(a, x);
	}
	return a ? a : cJSON_CreateNull();
}

/* The part of the evidence (ev) a check's id points to, or null. */
static cJSON *
check_details(const char *id, const struct probe_results *r,
    const cJSON *ev)
{
	for (size_t i = 0; id && i < sizeof(details_of) /
	    sizeof(details_of[0]); i++) {
		const struct details_of *d = &details_of[i];

		if (strcmp(id, d->id) != 0)
			continue;
		if (d->member)
			return cJSON_Duplicate(
			    cJSON_GetObjectItemCaseSensitive(ev, d->member), 1);
		return requests_of(d, r, ev);
	}
	return cJSON_CreateNull();
}

static cJSON *
checks_json(const struct probe_results *r, const cJSON *ev)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < r->nchecks && i < RES_MAX_CHECKS; i++) {
		const struct res_check *c = &r->checks[i];
		cJSON *o = cJSON_CreateObject();
		cJSON *d = check_details(c->id, r, ev);

		cJSON_AddStringToObject(o, "id", c->id ? c->id : "");
		cJSON_AddItemToObject(o, "title", str_or_null(c->title));
		cJSON_AddStringToObject(o, "status",
		    check_status_name(c->status));
		cJSON_AddItemToObject(o, "summary", str_or_null(c->summary));
		cJSON_AddItemToObject(o, "started", str_or_null(c->started));
		cJSON_AddItemToObject(o, "duration_ms",
		    ms_or_null(c->duration_ms));
		cJSON_AddItemToObject(o, "details", d ? d : cJSON_CreateNull());
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *
path_json(const struct res_path *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *hops;

	cJSON_AddItemToObject(o, "method", str_or_null(p->method));
	cJSON_AddBoolToObject(o, "reached", p->reached != 0);
	hops = cJSON_AddArrayToObject(o, "hops");
	for (size_t i = 0; i < p->nhops && i < RES_MAX_HOPS; i++) {
		const struct res_hop *h = &p->hops[i];
		cJSON *x = cJSON_CreateObject();
		cJSON *rtt;

		cJSON_AddNumberToObject(x, "ttl", h->ttl);
		cJSON_AddItemToObject(x, "address", str_or_null(h->addr));
		cJSON_AddItemToObject(x, "name", str_or_null(h->name));
		rtt = cJSON_AddArrayToObject(x, "rtt_ms");
		for (int k = 0; k < h->nrtt && k < RES_MAX_RTT; k++)
			cJSON_AddItemToArray(rtt, ms_or_null(h->rtt_ms[k]));
		cJSON_AddNumberToObject(x, "loss", h->loss >= 0 &&
		    h->loss <= 1 ? h->loss : 1);
		if (h->asn > 0) {
			cJSON_AddNumberToObject(x, "asn", (double)h->asn);
			cJSON_AddItemToObject(x, "as_name",
			    str_or_null(h->as_name));
		}
		cJSON_AddItemToArray(hops, x);
	}
	return o;
}

/* A neighbour of the reset's hop: {"ttl", "address"}, or null. */
static cJSON *
neighbour_json(int hop, const char *addr)
{
	cJSON *o;

	if (!addr)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "ttl", hop);
	cJSON_AddItemToObject(o, "address", str_or_null(addr));
	return o;
}

/*
 * The hop the reset is placed at, from the reading every other section
 * uses (hop 0 and no address when the reset is not placed on the path).
 */
static cJSON *
near_hop_json(const struct probe_results *r)
{
	cJSON *x = cJSON_CreateObject();
	struct res_hop_ref h;

	probe_results_reset_hop(r, &h);
	cJSON_AddNumberToObject(x, "ttl", h.hop);
	cJSON_AddItemToObject(x, "address", str_or_null(h.addr));
	cJSON_AddBoolToObject(x, "unidentified", h.hop > 0 &&
	    !res_hop_ref_identified(&h));
	cJSON_AddBoolToObject(x, "inferred", h.inferred != 0);
	cJSON_AddItemToObject(x, "before", neighbour_json(h.before_hop,
	    h.before));
	cJSON_AddItemToObject(x, "after", neighbour_json(h.after_hop,
	    h.after));
	return x;
}

static cJSON *
locator_json(const struct probe_results *r)
{
	const struct res_locator *l = &r->locator;
	cJSON *o = cJSON_CreateObject();
	cJSON *x;

	cJSON_AddItemToObject(o, "trigger", str_or_null(l->trigger));
	cJSON_AddNumberToObject(o, "first_reset_ttl", l->first_reset_ttl);
	cJSON_AddNumberToObject(o, "server_distance", l->server_distance);
	cJSON_AddItemToObject(o, "near_hop", near_hop_json(r));
	x = cJSON_AddObjectToObject(o, "control");
	cJSON_AddBoolToObject(x, "reset", l->control_reset != 0);
	cJSON_AddNumberToObject(x, "first_reset_ttl",
	    l->control_first_reset_ttl);
	cJSON_AddItemToObject(o, "forged", l->forged < 0 ?
	    cJSON_CreateNull() : cJSON_CreateBool(l->forged != 0));
	cJSON_AddItemToObject(o, "forged_detail",
	    str_or_null(l->forged_detail));
	/* A reset at TTL 1 that no router could have sent. */
	cJSON_AddBoolToObject(o, "local", l->local != 0);
	return o;
}

static cJSON *
answers_json(const struct session *s)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; s && s->answers && i < s->nanswers; i++) {
		const struct session_answer *x = &s->answers[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "step", x->step_id ? x->step_id :
		    "");
		cJSON_AddStringToObject(o, "answer", name_of(answer_names,
		    sizeof(answer_names) / sizeof(answer_names[0]),
		    (unsigned)x->answer));
		cJSON_AddItemToObject(o, "note", str_or_null(x->note));
		cJSON_AddItemToObject(o, "time", str_or_null(x->answered_at));
		if (x->checks_said)
			cJSON_AddStringToObject(o, "checks_said",
			    x->checks_said);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

/* What this report has masked: secrets always, more with --redact. */
static cJSON *
redacted_json(const struct report_input *in)
{
	static const char *const always[] = { "url_credentials",
		"proxy_credentials", "secret_headers" };
	static const char *const private[] = { "user_names", "host_names",
		"private_addresses" };
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < 3; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(always[i]));
	for (size_t i = 0; in->redact_private && i < 3; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(private[i]));
	return a;
}

static void
add_head(cJSON *o, const struct report_input *in)
{
	cJSON *tool;

	cJSON_AddStringToObject(o, "schema", "connreset-report/1");
	tool = cJSON_AddObjectToObject(o, "tool");
	cJSON_AddStringToObject(tool, "name", PACKAGE_NAME);
	cJSON_AddStringToObject(tool, "version", PACKAGE_VERSION);
	cJSON_AddItemToObject(o, "created", str_or_null(in->r->created));
	cJSON_AddStringToObject(o, "audience", name_of(audience_names,
	    sizeof(audience_names) / sizeof(audience_names[0]),
	    (unsigned)in->audience));
	cJSON_AddItemToObject(o, "target", target_json(in->r));
}

/* Builds the JSON report; the object belongs to the caller. */
cJSON *
report_json(const struct report_input *in)
{
	const struct probe_results *r = in->r;
	struct verdict own;
	cJSON *o = cJSON_CreateObject();
	cJSON *ev = evidence_to_json(r);

	add_head(o, in);
	if (in->v) {
		cJSON_AddItemToObject(o, "verdict", verdict_json(in->v));
	} else {
		verdict_from_evidence(r, &own);
		cJSON_AddItemToObject(o, "verdict", verdict_json(&own));
		verdict_clear(&own);
	}
	cJSON_AddItemToObject(o, "checks", checks_json(r, ev));
	if (r->path.ran)
		cJSON_AddItemToObject(o, "path", path_json(&r->path));
	if (r->locator.ran)
		cJSON_AddItemToObject(o, "reset_locator",
		    locator_json(r));
	cJSON_AddItemToObject(o, "answers", answers_json(in->s));
	if (in->s && in->s->role == ROLE_HELPDESK) {
		cJSON *h = cJSON_AddObjectToObject(o, "helped");

		cJSON_AddItemToObject(h, "who", str_or_null(in->s->helped));
		cJSON_AddStringToObject(h, "os", cl_os_name(in->s->os));
		cJSON_AddStringToObject(h, "browser",
		    cl_browser_name(in->s->browser));
		cJSON_AddStringToObject(h, "measured_from", "helper");
	}
	cJSON_AddItemToObject(o, "redacted", redacted_json(in));
	cJSON_AddItemToObject(o, "evidence", ev);
	return o;
}
