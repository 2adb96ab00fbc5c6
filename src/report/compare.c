#include "config.h"

#include "report/compare.h"

#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "diag/names.h"
#include "diag/verdict.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPORT_BYTES (16L * 1024 * 1024)

/* What compare needs from one report; strings point into json. */
struct side {
	const char *path;
	cJSON *json;
	const char *host, *scheme, *created;
	int port;
	const char *symptom, *cause, *origin;
	const cJSON *main_http;	/* evidence.http[] entry of variant main */
	const cJSON *sys_dns;	/* the system resolver's entry */
	const cJSON *dns, *tcp;	/* evidence arrays, may be NULL */
	int hops;		/* path length, -1 when not traced */
};

static const char *
str(const cJSON *o, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(j) ? j->valuestring : NULL;
}

static const cJSON *
find_entry(const cJSON *arr, const char *key, const char *val, int want_bool)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, arr) {
		const cJSON *k = cJSON_GetObjectItemCaseSensitive(e, key);

		if (want_bool ? cJSON_IsTrue(k) : (cJSON_IsString(k) &&
		    strcmp(k->valuestring, val) == 0))
			return e;
	}
	return NULL;
}

static int
count_hops(const cJSON *root, const cJSON *ev)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(root, "path");
	const cJSON *h;

	if (!p)
		p = cJSON_GetObjectItemCaseSensitive(ev, "path");
	h = cJSON_GetObjectItemCaseSensitive(p, "hops");
	return cJSON_IsArray(h) ? cJSON_GetArraySize(h) : -1;
}

/* Fills s from its parsed JSON; -1 when it is not a usable report. */
static int
side_fill(struct side *s)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(s->json, "target");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(s->json, "verdict");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(s->json,
	    "evidence");
	const cJSON *port = cJSON_GetObjectItemCaseSensitive(t, "port");
	const cJSON *http = cJSON_GetObjectItemCaseSensitive(ev, "http");

	s->host = str(t, "host");
	s->scheme = str(t, "scheme");
	s->port = cJSON_IsNumber(port) ? port->valueint : 0;
	s->created = str(s->json, "created");
	s->symptom = str(v, "symptom");
	s->cause = str(v, "cause");
	s->origin = str(v, "origin");
	if (!s->host || !s->symptom || !cJSON_IsObject(ev))
		return -1;
	s->dns = cJSON_GetObjectItemCaseSensitive(ev, "dns");
	s->tcp = cJSON_GetObjectItemCaseSensitive(ev, "tcp");
	s->main_http = find_entry(http, "variant", "main", 0);
	s->sys_dns = find_entry(s->dns, "is_system", NULL, 1);
	s->hops = count_hops(s->json, ev);
	return 0;
}

/* Parses and checks one report's text (from path); -1 with *err. */
static int
side_parse(struct side *s, const char *path, const char *text, char **err)
{
	memset(s, 0, sizeof(*s));
	s->path = path;
	s->json = cJSON_Parse(text);
	if (!s->json || side_fill(s) != 0) {
		char *p = sanitize_str(path, 0);

		cJSON_Delete(s->json);
		s->json = NULL;
		*err = xasprintf(_("'%s' is not a connreset JSON report"), p);
		free(p);
		return -1;
	}
	return 0;
}

/* Loads and checks one report; -1 with *err. */
static int
side_load(struct side *s, const char *path, char **err)
{
	char *text, *p;
	int rc;

	memset(s, 0, sizeof(*s));
	if (!(text = file_read(path, MAX_REPORT_BYTES, 0, NULL))) {
		p = sanitize_str(path, 0);
		*err = xasprintf(_("cannot read '%s': %s"), p, strerror(errno));
		free(p);
		return -1;
	}
	rc = side_parse(s, path, text, err);
	free(text);
	return rc;
}

/* What kind of value a difference holds, to put it in words. */
enum diff_kind { DIFF_RAW, DIFF_SYMPTOM, DIFF_CAUSE, DIFF_ORIGIN,
	DIFF_HTTP, DIFF_TCP };

/* One difference: what and the two values (owned). */
struct diff {
	char *what;
	char *a;
	char *b;
	enum diff_kind kind;
};

struct diffs {
	struct diff v[64];
	size_t n;
};

static void
diff_add(struct diffs *d, enum diff_kind kind, const char *what,
    const char *a, const char *b)
{
	if (d->n == sizeof(d->v) / sizeof(*d->v))
		return;
	d->v[d->n].kind = kind;
	d->v[d->n].what = sanitize_str(what, 0);
	d->v[d->n].a = sanitize_str(a ? a : "-", 0);
	d->v[d->n].b = sanitize_str(b ? b : "-", 0);
	d->n++;
}

static void
diffs_free(struct diffs *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].what);
		free(d->v[i].a);
		free(d->v[i].b);
	}
}

static int
same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void
diff_str(struct diffs *d, enum diff_kind kind, const char *what,
    const char *a, const char *b)
{
	if (!same(a, b))
		diff_add(d, kind, what, a, b);
}

/* Whether the string array arr holds s. */
static int
has_str(const cJSON *arr, const char *s)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, arr)
		if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0)
			return 1;
	return 0;
}

/* Whether every string of a is in b. */
static int
subset(const cJSON *a, const cJSON *b)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, a)
		if (cJSON_IsString(e) && !has_str(b, e->valuestring))
			return 0;
	return 1;
}

/* A resolver's answer as "status: a, b" (owned). */
static char *
dns_answer(const cJSON *entry)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *e;
	int first = 1;

	if (!entry)
		return NULL;
	sb_add(&sb, str(entry, "status") ? str(entry, "status") : "?");
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(entry,
	    "addrs")) {
		if (!cJSON_IsString(e))
			continue;
		sb_add(&sb, first ? ": " : ", ");
		sb_add(&sb, e->valuestring);
		first = 0;
	}
	return sb_detach(&sb);
}

static const cJSON *
addrs_of(const cJSON *entry)
{
	return cJSON_GetObjectItemCaseSensitive(entry, "addrs");
}

/* Whether the two answers hold different sets of addresses. */
static int
dns_differs(const cJSON *a, const cJSON *b)
{
	if (!a || !b)
		return 0;
	return !same(str(a, "status"), str(b, "status")) ||
	    !subset(addrs_of(a), addrs_of(b)) ||
	    !subset(addrs_of(b), addrs_of(a));
}

/* Compares every resolver of a with the same resolver in b, and back. */
static void
diff_dns(struct diffs *d, const struct side *a, const struct side *b)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, a->dns) {
		const char *srv = str(e, "server");
		int sys = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e,
		    "is_system"));
		const cJSON *o = sys ? b->sys_dns : srv ?
		    find_entry(b->dns, "server", srv, 0) : NULL;
		char *what, *x, *y;

		if (o && !dns_differs(e, o))
			continue;
		what = sys ? xstrdup(_("DNS answer of the system resolver")) :
		    xasprintf(_("DNS answer of %s"), srv ? srv : "?");
		x = dns_answer(e);
		y = dns_answer(o);
		diff_add(d, DIFF_RAW, what, x, y ? y : _("not asked"));
		free(what);
		free(x);
		free(y);
	}
}

/* Compares the TCP result per address, over the union of addresses. */
static void
diff_tcp(struct diffs *d, const struct side *a, const struct side *b)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, a->tcp) {
		const char *addr = str(e, "addr");
		const cJSON *o = addr ? find_entry(b->tcp, "addr", addr, 0) :
		    NULL;
		char *what;

		if (!addr || (o && same(str(e, "status"), str(o, "status"))))
			continue;
		what = xasprintf(_("TCP to %s"), addr);
		diff_add(d, DIFF_TCP, what, str(e, "status"), o ? str(o, "status") :
		    _("not tried"));
		free(what);
	}
	cJSON_ArrayForEach(e, b->tcp) {
		const char *addr = str(e, "addr");
		char *what;

		if (!addr || find_entry(a->tcp, "addr", addr, 0))
			continue;
		what = xasprintf(_("TCP to %s"), addr);
		diff_add(d, DIFF_TCP, what, _("not tried"),
		    str(e, "status"));
		free(what);
	}
}

static void
diff_all(struct diffs *d, const struct side *a, const struct side *b)
{
	char ha[16], hb[16];

	diff_str(d, DIFF_SYMPTOM, _("symptom"), a->symptom, b->symptom);
	diff_str(d, DIFF_CAUSE, _("cause"), a->cause, b->cause);
	diff_str(d, DIFF_ORIGIN, _("origin"), a->origin, b->origin);
	diff_str(d, DIFF_HTTP, _("main request"), str(a->main_http, "result"),
	    str(b->main_http, "result"));
	diff_dns(d, a, b);
	diff_tcp(d, a, b);
	if (a->hops >= 0 && b->hops >= 0 && a->hops != b->hops) {
		snprintf(ha, sizeof(ha), "%d", a->hops);
		snprintf(hb, sizeof(hb), "%d", b->hops);
		diff_add(d, DIFF_RAW, _("path length (hops)"), ha, hb);
	}
}

static int
fails(const struct side *s)
{
	return strcmp(s->symptom, "ok") != 0;
}

/* The failing side resolved to addresses the working side did not get. */
static int
dns_explains(const struct side *bad, const struct side *good)
{
	return dns_differs(bad->sys_dns, good->sys_dns) &&
	    !subset(addrs_of(bad->sys_dns), addrs_of(good->sys_dns));
}

/* The conclusion id and a sentence explaining it. */
static const char *
conclude(const struct side *a, const struct side *b, const char **why)
{
	if (!fails(a) && !fails(b)) {
		*why = _("Both reports show the site working; there is no "
		    "difference to explain.");
		return "none";
	}
	if (fails(a) != fails(b)) {
		const struct side *bad = fails(a) ? a : b;
		const struct side *good = fails(a) ? b : a;

		if (dns_explains(bad, good)) {
			*why = _("The failing side was sent to other addresses "
			    "by its resolver: the difference is in DNS.");
			return "dns";
		}
		*why = bad == a ? _("The same site works from the second "
		    "network (B) and fails from the first (A): something on "
		    "the first network's path causes it.") : _("The same site "
		    "works from the first network (A) and fails from the "
		    "second (B): something on the second network's path "
		    "causes it.");
		return bad == a ? "path_a" : "path_b";
	}
	if (same(a->symptom, b->symptom) && same(str(a->main_http, "result"),
	    str(b->main_http, "result"))) {
		*why = _("Both networks fail the same way: the problem is at "
		    "the server or its edge (load balancer, CDN, firewall in "
		    "front of it).");
		return "server";
	}
	if (dns_differs(a->sys_dns, b->sys_dns)) {
		*why = _("Both fail, differently, and the resolvers give "
		    "different answers: look at DNS first.");
		return "dns";
	}
	*why = _("Both fail, but in different ways; the reports alone do "
	    "not show where.");
	return "unclear";
}

static cJSON *
side_json(const struct side *s)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "file", s->path);
	if (s->created)
		cJSON_AddStringToObject(o, "created", s->created);
	cJSON_AddStringToObject(o, "symptom", s->symptom);
	if (s->cause)
		cJSON_AddStringToObject(o, "cause", s->cause);
	if (str(s->main_http, "result"))
		cJSON_AddStringToObject(o, "result",
		    str(s->main_http, "result"));
	return o;
}

static void
out_json(struct strbuf *out, const struct side *a, const struct side *b,
    const struct diffs *d, const char *id, const char *why)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(root, "differences");
	char *s;

	cJSON_AddItemToObject(root, "a", side_json(a));
	cJSON_AddItemToObject(root, "b", side_json(b));
	for (size_t i = 0; i < d->n; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "what", d->v[i].what);
		cJSON_AddStringToObject(o, "a", d->v[i].a);
		cJSON_AddStringToObject(o, "b", d->v[i].b);
		cJSON_AddItemToArray(arr, o);
	}
	cJSON_AddStringToObject(root, "conclusion", id);
	cJSON_AddStringToObject(root, "explanation", why);
	s = cJSON_Print(root);
	sb_add(out, s);
	sb_addc(out, '\n');
	free(s);
	cJSON_Delete(root);
}

/* Adds a sanitized string. */
static void
add_clean(struct strbuf *out, const char *s)
{
	char *c = sanitize_str(s ? s : "-", 0);

	sb_add(out, c);
	free(c);
}

/* A stable name in words for the text output; the name when unknown. */
static const char *
in_words(enum diff_kind kind, const char *name)
{
	int v;

	switch (kind) {
	case DIFF_SYMPTOM:
		v = symptom_from_name(name);
		return v < 0 ? name : symptom_label((enum symptom)v);
	case DIFF_CAUSE:
		v = cause_from_name(name);
		return v < 0 ? name : cause_label((enum cause)v);
	case DIFF_ORIGIN:
		v = origin_from_name(name);
		return v < 0 ? name : origin_label((enum origin)v);
	case DIFF_HTTP:
		v = http_result_from_name(name);
		return v < 0 ? name : http_result_label((enum http_result)v);
	case DIFF_TCP:
		v = tcp_status_from_name(name);
		return v < 0 ? name : tcp_status_label((enum tcp_status)v);
	case DIFF_RAW:
		break;
	}
	return name;
}

/* Adds s word-wrapped to 78 columns, later lines indented by ind. */
static void
add_wrapped(struct strbuf *out, const char *s, size_t col, size_t ind)
{
	int line_start = 1;

	while (*s) {
		size_t wl = strcspn(s, " "), wc = 0;

		for (size_t i = 0; i < wl; i++)
			wc += ((unsigned char)s[i] & 0xc0) != 0x80;
		if (!line_start && col + 1 + wc > 78) {
			sb_addc(out, '\n');
			for (col = 0; col < ind; col++)
				sb_addc(out, ' ');
		} else if (!line_start) {
			sb_addc(out, ' ');
			col++;
		}
		sb_addn(out, s, wl);
		col += wc;
		s += wl;
		line_start = 0;
		while (*s == ' ')
			s++;
	}
	sb_addc(out, '\n');
}

static void
out_side(struct strbuf *out, const char *tag, const struct side *s)
{
	int sym = symptom_from_name(s->symptom);
	int cause = s->cause ? cause_from_name(s->cause) : -1;
	char *path = sanitize_str(s->path, 0);
	char *line = xasprintf(_("%s: %s, tested %s: %s%s%s"), tag, path,
	    s->created ? s->created : _("at an unknown time"), sym < 0 ?
	    s->symptom : symptom_label((enum symptom)sym), cause > 0 ? ", " :
	    "", cause > 0 ? cause_label((enum cause)cause) : "");
	char *clean = sanitize_str(line, 0);

	add_wrapped(out, clean, 0, 3);
	free(clean);
	free(line);
	free(path);
}

static void
out_text(struct strbuf *out, const struct side *a, const struct side *b,
    const struct diffs *d, const char *id, const char *why)
{
	char *line;

	sb_add(out, _("Comparing two reports for "));
	add_clean(out, a->host);
	sb_addf(out, _(" port %d\n"), a->port);
	out_side(out, "A", a);
	out_side(out, "B", b);
	sb_addc(out, '\n');
	if (d->n == 0)
		sb_add(out, _("No differences.\n"));
	else
		sb_add(out, _("Differences:\n"));
	for (size_t i = 0; i < d->n; i++) {
		line = xasprintf(_("- %s: A %s; B %s"), d->v[i].what,
		    in_words(d->v[i].kind, d->v[i].a),
		    in_words(d->v[i].kind, d->v[i].b));
		add_wrapped(out, line, 0, 2);
		free(line);
	}
	sb_addc(out, '\n');
	line = xasprintf(_("Conclusion (%s): %s"), id, why);
	add_wrapped(out, line, 0, 0);
	free(line);
}

/* Compares two loaded sides; frees both. */
static int
compare_sides(struct side *a, struct side *b, int json, struct strbuf *out,
    char **err)
{
	struct diffs d = { .n = 0 };
	const char *id, *why;
	int rc = -1;

	if (strcmp(a->host, b->host) != 0 || a->port != b->port) {
		char *ha = sanitize_str(a->host, 0);
		char *hb = sanitize_str(b->host, 0);

		*err = xasprintf(_("the reports are about different targets "
		    "(%s port %d and %s port %d)"), ha, a->port, hb, b->port);
		free(ha);
		free(hb);
		goto out;
	}
	diff_all(&d, a, b);
	id = conclude(a, b, &why);
	if (json)
		out_json(out, a, b, &d, id, why);
	else
		out_text(out, a, b, &d, id, why);
	diffs_free(&d);
	rc = 0;
out:
	cJSON_Delete(b->json);
	cJSON_Delete(a->json);
	return rc;
}

/* Compares two saved JSON reports and says what the difference means. */
int
compare_reports(const char *a_path, const char *b_path, int json,
    struct strbuf *out, char **err)
{
	struct side a, b;

	*err = NULL;
	if (side_load(&a, a_path, err) != 0)
		return -1;
	if (side_load(&b, b_path, err) != 0) {
		cJSON_Delete(a.json);
		return -1;
	}
	return compare_sides(&a, &b, json, out, err);
}

/* compare_reports() on two report texts already in memory. */
int
compare_texts(const char *a_name, const char *a_text, const char *b_name,
    const char *b_text, int json, struct strbuf *out, char **err)
{
	struct side a, b;

	*err = NULL;
	if (side_parse(&a, a_name, a_text, err) != 0)
		return -1;
	if (side_parse(&b, b_name, b_text, err) != 0) {
		cJSON_Delete(a.json);
		return -1;
	}
	return compare_sides(&a, &b, json, out, err);
}
