#include "config.h"

#include "report/compare.h"

#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/textwrap.h"
#include "core/xalloc.h"
#include "diag/names.h"
#include "diag/verdict.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_REPORT_BYTES (16L * 1024 * 1024)
/*
 * A report from connreset holds a handful of DNS and TCP results with
 * short fields. Bounding them keeps compare linear in its input: every
 * field is read once from the JSON into the tables below, and the
 * comparisons then cost at most MAX_ENTRIES squared short strcmp()s, a
 * constant, however large and hostile the file.
 */
#define MAX_ENTRIES 256		/* DNS or TCP results in one report */
#define MAX_ADDRS 64		/* addresses in one DNS answer */
#define MAX_FIELD 256		/* bytes of a server, address or status */
#define MAX_VALUE 512		/* bytes of one value shown in a difference */
#define MAX_HOPS 64		/* path hops kept, by TTL */

/* One resolver's answer; strings point into the side's JSON. */
struct dns_entry {
	const char *server;
	int is_system;
	const char *status;
	const char *addrs[MAX_ADDRS];
	size_t naddrs;
};

/* One TCP result. */
struct tcp_entry {
	const char *addr;
	const char *status;
};

/* What compare needs from one report; strings point into json. */
struct side {
	const char *path;
	cJSON *json;
	const char *host, *scheme, *created;
	int port;
	const char *symptom, *cause, *origin;
	const char *main_result;	/* evidence.http[] variant main */
	const char *source;	/* its local address, when public */
	struct dns_entry dns[MAX_ENTRIES];
	size_t ndns;
	const struct dns_entry *sys_dns;	/* the system resolver's */
	struct tcp_entry tcp[MAX_ENTRIES];
	size_t ntcp;
	int hops;		/* path length, -1 when not traced */
	const char *hop[MAX_HOPS];	/* hop address by TTL - 1, or NULL */
	int path_cut;		/* the trace says it did not reach the server */
	const char *route;	/* evidence.local.route, or NULL */
	const char *upstreams;	/* evidence.local.dns_upstreams, or NULL */
	char *text;		/* the file as read (owned) */
	size_t len;
};

static const char *
str(const cJSON *o, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(j) ? j->valuestring : NULL;
}

/* A short string member; -1 when present but not one (too long). */
static int
field(const cJSON *o, const char *key, const char **out)
{
	*out = str(o, key);
	return *out && strlen(*out) > MAX_FIELD ? -1 : 0;
}

/* An array of at most max items, or NULL; *bad set when larger. */
static const cJSON *
bounded_array(const cJSON *o, const char *key, int max, int *bad)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key);
	const cJSON *e;
	int n = 0;

	if (!cJSON_IsArray(arr))
		return NULL;
	/* Counted by walking: stop at max + 1, whatever the length. */
	cJSON_ArrayForEach(e, arr)
		if (++n > max) {
			*bad = 1;
			return NULL;
		}
	return arr;
}

/* Reads evidence.dns into s->dns; -1 when it is out of bounds. */
static int
read_dns(struct side *s, const cJSON *ev)
{
	int bad = 0;
	const cJSON *arr = bounded_array(ev, "dns", MAX_ENTRIES, &bad), *e;

	cJSON_ArrayForEach(e, arr) {
		struct dns_entry *d = &s->dns[s->ndns++];
		const cJSON *addrs = bounded_array(e, "addrs", MAX_ADDRS, &bad);
		const cJSON *a;

		if (field(e, "server", &d->server) < 0 ||
		    field(e, "status", &d->status) < 0)
			return -1;
		d->is_system = cJSON_IsTrue(
		    cJSON_GetObjectItemCaseSensitive(e, "is_system"));
		if (d->is_system && !s->sys_dns)
			s->sys_dns = d;
		cJSON_ArrayForEach(a, addrs) {
			if (!cJSON_IsString(a))
				continue;
			if (strlen(a->valuestring) > MAX_FIELD)
				return -1;
			d->addrs[d->naddrs++] = a->valuestring;
		}
	}
	return bad ? -1 : 0;
}

/* Reads evidence.tcp into s->tcp; -1 when it is out of bounds. */
static int
read_tcp(struct side *s, const cJSON *ev)
{
	int bad = 0;
	const cJSON *arr = bounded_array(ev, "tcp", MAX_ENTRIES, &bad), *e;

	cJSON_ArrayForEach(e, arr) {
		struct tcp_entry *t = &s->tcp[s->ntcp];

		if (field(e, "addr", &t->addr) < 0 ||
		    field(e, "status", &t->status) < 0)
			return -1;
		if (t->addr)
			s->ntcp++;
	}
	return bad ? -1 : 0;
}

/* The result of the first evidence.http[] entry of variant main. */
static const char *
main_result(const cJSON *ev)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(ev, "http")) {
		const char *v = str(e, "variant");

		if (v && strcmp(v, "main") == 0)
			return str(e, "result");
	}
	return NULL;
}

/*
 * An address seen from the Internet as this network's: not private,
 * shared (carrier NAT), loopback, link-local or unique-local. (The
 * documentation and benchmarking ranges count as public: the lab and
 * the recorded reports stand in for the Internet with them.)
 */
static int
is_public(const char *addr)
{
	unsigned char b[16];

	if (inet_pton(AF_INET, addr, b) == 1)
		return !(b[0] == 0 || b[0] == 10 || b[0] == 127 ||
		    (b[0] == 100 && (b[1] & 0xc0) == 64) ||
		    (b[0] == 169 && b[1] == 254) ||
		    (b[0] == 172 && (b[1] & 0xf0) == 16) ||
		    (b[0] == 192 && b[1] == 168) || b[0] >= 224);
	if (inet_pton(AF_INET6, addr, b) == 1)
		return (b[0] & 0xe0) == 0x20;	/* 2000::/3, global */
	return 0;
}

/* The public local address the main request left from, or NULL. */
static const char *
public_source(const cJSON *ev)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(ev, "http")) {
		const char *v = str(e, "variant");
		const char *src = str(e, "local_addr");

		if (v && strcmp(v, "main") == 0 && src &&
		    strlen(src) <= MAX_FIELD && is_public(src))
			return src;
	}
	return NULL;
}

/*
 * Two public source addresses that show two networks: IPv4 addresses
 * that differ, or IPv6 addresses in different /64 networks (one network
 * hands out many addresses in its /64). IPv4 against IPv6 shows
 * nothing: one dual-stack network has both.
 */
static int
sources_differ(const char *a, const char *b)
{
	unsigned char x[16], y[16];

	if (!a || !b)
		return 0;
	if (inet_pton(AF_INET, a, x) == 1 && inet_pton(AF_INET, b, y) == 1)
		return memcmp(x, y, 4) != 0;
	if (inet_pton(AF_INET6, a, x) == 1 && inet_pton(AF_INET6, b, y) == 1)
		return memcmp(x, y, 8) != 0;
	return 0;
}

/* Reads the path: its length and each hop's address by TTL. */
static void
read_hops(struct side *s, const cJSON *root, const cJSON *ev)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(root, "path");
	const cJSON *h, *e;

	if (!p)
		p = cJSON_GetObjectItemCaseSensitive(ev, "path");
	h = cJSON_GetObjectItemCaseSensitive(p, "hops");
	s->hops = cJSON_IsArray(h) ? cJSON_GetArraySize(h) : -1;
	s->path_cut = cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(p,
	    "reached"));
	cJSON_ArrayForEach(e, h) {
		const cJSON *ttl = cJSON_GetObjectItemCaseSensitive(e, "ttl");
		const char *addr = str(e, "address");

		if (!addr)
			addr = str(e, "addr");
		if (cJSON_IsNumber(ttl) && ttl->valueint >= 1 &&
		    ttl->valueint <= MAX_HOPS && addr &&
		    strlen(addr) <= MAX_FIELD)
			s->hop[ttl->valueint - 1] = addr;
	}
}

/* Fills s from its parsed JSON; -1 when it is not a usable report, -2
   when it holds more than a connreset report does. */
static int
side_fill(struct side *s)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(s->json, "target");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(s->json, "verdict");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(s->json,
	    "evidence");
	const cJSON *port = cJSON_GetObjectItemCaseSensitive(t, "port");

	s->host = str(t, "host");
	s->scheme = str(t, "scheme");
	s->port = cJSON_IsNumber(port) ? port->valueint : 0;
	s->created = str(s->json, "created");
	s->symptom = str(v, "symptom");
	s->cause = str(v, "cause");
	s->origin = str(v, "origin");
	if (!s->host || !s->symptom || !cJSON_IsObject(ev))
		return -1;
	if (read_dns(s, ev) < 0 || read_tcp(s, ev) < 0)
		return -2;
	s->main_result = main_result(ev);
	s->source = public_source(ev);
	read_hops(s, s->json, ev);
	if (field(cJSON_GetObjectItemCaseSensitive(ev, "local"), "route",
	    &s->route) < 0 || field(cJSON_GetObjectItemCaseSensitive(ev,
	    "local"), "dns_upstreams", &s->upstreams) < 0)
		return -2;
	return 0;
}

/* Parses and checks one report's text (owned from now on); -1 with *err. */
static int
side_parse(struct side *s, const char *path, char *text, size_t len,
    char **err)
{
	char *p;
	int rc = -1;

	s->json = cJSON_Parse(text);
	s->text = text;
	s->len = len;
	if (!s->json || (rc = side_fill(s)) != 0) {
		p = sanitize_str(path, 0);
		cJSON_Delete(s->json);
		s->json = NULL;
		*err = rc == -2 ? xasprintf(_("'%s' holds more than a "
		    "connreset report does (at most %d DNS and %d TCP results, "
		    "%d addresses in an answer, %d bytes in a field)"), p,
		    MAX_ENTRIES, MAX_ENTRIES, MAX_ADDRS, MAX_FIELD) :
		    xasprintf(_("'%s' is not a connreset JSON report"), p);
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
	size_t len = 0;

	memset(s, 0, sizeof(*s));
	s->path = path;
	if (!(text = file_read(path, MAX_REPORT_BYTES, FILE_REGULAR, &len))) {
		p = sanitize_str(path, 0);
		*err = xasprintf(_("cannot read '%s': %s"), p, strerror(errno));
		free(p);
		return -1;
	}
	return side_parse(s, path, text, len, err);
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

/* s sanitized and cut to MAX_VALUE bytes on a character boundary. */
static char *
shown(const char *s)
{
	char *c = sanitize_str(s ? s : "-", 0);
	size_t len = strlen(c);

	if (len > MAX_VALUE) {
		len = MAX_VALUE;
		while (len > 0 && ((unsigned char)c[len] & 0xc0) == 0x80)
			len--;
		c[len] = '\0';
		c = xrealloc(c, len + 4);
		memcpy(c + len, "...", 4);
	}
	return c;
}

static int
diffs_full(const struct diffs *d)
{
	return d->n == sizeof(d->v) / sizeof(*d->v);
}

static void
diff_add(struct diffs *d, enum diff_kind kind, const char *what,
    const char *a, const char *b)
{
	if (diffs_full(d))
		return;
	d->v[d->n].kind = kind;
	d->v[d->n].what = shown(what);
	d->v[d->n].a = shown(a);
	d->v[d->n].b = shown(b);
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

/* Both known and different. */
static int
known_differ(const char *a, const char *b)
{
	return a && b && strcmp(a, b) != 0;
}

/* Whether the addresses of a all are among those of b. */
static int
subset(const struct dns_entry *a, const struct dns_entry *b)
{
	for (size_t i = 0; i < a->naddrs; i++) {
		size_t k = 0;

		while (k < b->naddrs && strcmp(a->addrs[i], b->addrs[k]) != 0)
			k++;
		if (k == b->naddrs)
			return 0;
	}
	return 1;
}

/* A resolver's answer as "status: a, b" (owned). */
static char *
dns_answer(const struct dns_entry *e)
{
	struct strbuf sb = STRBUF_INIT;

	if (!e)
		return NULL;
	sb_add(&sb, e->status ? e->status : "?");
	for (size_t i = 0; i < e->naddrs; i++) {
		sb_add(&sb, i ? ", " : ": ");
		sb_add(&sb, e->addrs[i]);
	}
	return sb_detach(&sb);
}

/* Whether the two answers hold different sets of addresses. */
static int
dns_differs(const struct dns_entry *a, const struct dns_entry *b)
{
	if (!a || !b)
		return 0;
	return !same(a->status, b->status) || !subset(a, b) ||
	    !subset(b, a);
}

static const struct dns_entry *
find_dns(const struct side *s, const char *server)
{
	for (size_t i = 0; i < s->ndns; i++)
		if (s->dns[i].server && strcmp(s->dns[i].server, server) == 0)
			return &s->dns[i];
	return NULL;
}

static const struct tcp_entry *
find_tcp(const struct side *s, const char *addr)
{
	for (size_t i = 0; i < s->ntcp; i++)
		if (strcmp(s->tcp[i].addr, addr) == 0)
			return &s->tcp[i];
	return NULL;
}

/* Compares every resolver of a with the same resolver in b, and back. */
static void
diff_dns(struct diffs *d, const struct side *a, const struct side *b)
{
	for (size_t i = 0; i < a->ndns && !diffs_full(d); i++) {
		const struct dns_entry *e = &a->dns[i];
		const struct dns_entry *o = e->is_system ? b->sys_dns :
		    e->server ? find_dns(b, e->server) : NULL;
		char *what, *x, *y;

		if (o && !dns_differs(e, o))
			continue;
		what = e->is_system ?
		    xstrdup(_("DNS answer of the system resolver")) :
		    xasprintf(_("DNS answer of %s"), e->server ? e->server :
		    "?");
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
	for (size_t i = 0; i < a->ntcp && !diffs_full(d); i++) {
		const struct tcp_entry *e = &a->tcp[i];
		const struct tcp_entry *o = find_tcp(b, e->addr);
		char *what;

		if (o && same(e->status, o->status))
			continue;
		what = xasprintf(_("TCP to %s"), e->addr);
		diff_add(d, DIFF_TCP, what, e->status, o ? o->status :
		    _("not tried"));
		free(what);
	}
	for (size_t i = 0; i < b->ntcp && !diffs_full(d); i++) {
		const struct tcp_entry *e = &b->tcp[i];
		char *what;

		if (find_tcp(a, e->addr))
			continue;
		what = xasprintf(_("TCP to %s"), e->addr);
		diff_add(d, DIFF_TCP, what, _("not tried"), e->status);
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
	diff_str(d, DIFF_HTTP, _("main request"), a->main_result,
	    b->main_result);
	diff_dns(d, a, b);
	diff_tcp(d, a, b);
	if (a->hops >= 0 && b->hops >= 0 && a->hops != b->hops) {
		snprintf(ha, sizeof(ha), "%d", a->hops);
		snprintf(hb, sizeof(hb), "%d", b->hops);
		diff_add(d, DIFF_RAW, _("path length (hops)"), ha, hb);
	}
	for (size_t i = 0; i < MAX_HOPS; i++)
		if (known_differ(a->hop[i], b->hop[i])) {
			char *what = xasprintf(_("path hop %zu"), i + 1);

			diff_add(d, DIFF_RAW, what, a->hop[i], b->hop[i]);
			free(what);
			break;
		}
	if (known_differ(a->route, b->route))
		diff_add(d, DIFF_RAW, _("route to the target"), a->route,
		    b->route);
	if (known_differ(a->upstreams, b->upstreams))
		diff_add(d, DIFF_RAW, _("the resolver's upstream servers"),
		    a->upstreams, b->upstreams);
	if (sources_differ(a->source, b->source))
		diff_add(d, DIFF_RAW, _("public source address"),
		    a->source, b->source);
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
	    !subset(bad->sys_dns, good->sys_dns);
}

/* Where the two reports were made from, as far as they show it. */
enum vantage { VANTAGE_UNKNOWN, VANTAGE_SAME, VANTAGE_DIFFERENT };

/*
 * Whether the reports show two networks, one, or cannot tell. Two
 * networks: the route to the target (gateway, source address), the
 * resolver's upstreams, the public address the request left from or
 * the path (a hop answering with another address at the same TTL, or
 * another length to the server) differ.
 * One network: the paths agree hop for hop on at least two identified
 * hops, or the route and the upstreams are both known and the same.
 * Anything less shows nothing: a missing trace is not a match.
 */
static enum vantage
vantage(const struct side *a, const struct side *b)
{
	int agree = 0;

	if (known_differ(a->route, b->route) ||
	    known_differ(a->upstreams, b->upstreams) ||
	    sources_differ(a->source, b->source))
		return VANTAGE_DIFFERENT;
	if (a->hops > 0 && b->hops > 0) {
		/* A trace cut short says nothing by its length. */
		if (a->hops != b->hops && !a->path_cut && !b->path_cut)
			return VANTAGE_DIFFERENT;
		for (size_t i = 0; i < MAX_HOPS; i++) {
			if (known_differ(a->hop[i], b->hop[i]))
				return VANTAGE_DIFFERENT;
			agree += a->hop[i] && b->hop[i];
		}
	}
	if (agree >= 2 || (a->route && a->upstreams && same(a->route,
	    b->route) && same(a->upstreams, b->upstreams)))
		return VANTAGE_SAME;
	return VANTAGE_UNKNOWN;
}

/* The report itself places the fault at the server or its edge. */
static int
places_at_server(const struct side *s)
{
	return s->origin && origin_from_name(s->origin) == ORIGIN_SERVER;
}

/* The conclusion id and a sentence explaining it. */
static const char *
conclude(const struct side *a, const struct side *b, const char **why)
{
	enum vantage v = vantage(a, b);

	if (!fails(a) && !fails(b)) {
		*why = _("Both reports show the site working; there is no "
		    "difference to explain.");
		return "none";
	}
	if (v == VANTAGE_SAME) {
		*why = _("Both reports come from the same network (the path "
		    "agrees hop for hop, or the route and the resolver are "
		    "the same): one vantage point cannot tell the network "
		    "from the server. Same vantage point: compare with a "
		    "report made from another network.");
		return "same_vantage";
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
	if (same(a->symptom, b->symptom) &&
	    same(a->main_result, b->main_result)) {
		if (places_at_server(a) || places_at_server(b)) {
			*why = _("Both fail the same way and the evidence "
			    "places the fault at the server: the problem is "
			    "at the server or its edge (load balancer, CDN, "
			    "firewall in front of it).");
			return "server";
		}
		if (v == VANTAGE_DIFFERENT) {
			*why = _("Two different networks (another path, "
			    "route, resolver or public address) fail the "
			    "same way: the "
			    "problem is at the server or its edge (load "
			    "balancer, CDN, firewall in front of it).");
			return "server";
		}
		*why = _("Both fail the same way, but the reports do not show "
		    "that they come from different networks (no path, "
		    "route, resolver or public address to tell them apart) "
		    "and neither "
		    "places the fault at the server: compare with a report "
		    "made from another network.");
		return "not_shown";
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

/* Adds key: val sanitized and bounded, when val is not NULL. */
static void
add_shown(cJSON *o, const char *key, const char *val)
{
	char *c;

	if (!val)
		return;
	c = shown(val);
	cJSON_AddStringToObject(o, key, c);
	free(c);
}

/* One side for the JSON output: every string from the file sanitized. */
static cJSON *
side_json(const struct side *s)
{
	cJSON *o = cJSON_CreateObject();

	add_shown(o, "file", s->path);
	add_shown(o, "created", s->created);
	add_shown(o, "symptom", s->symptom);
	add_shown(o, "cause", s->cause);
	add_shown(o, "result", s->main_result);
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
	text_wrap(out, s, 78, col, ind, 0);
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

/* The same file twice, or two copies of one report. */
static int
same_report(const struct side *a, const struct side *b)
{
	struct stat sa, sb;

	if (stat(a->path, &sa) == 0 && stat(b->path, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
		return 1;
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* Frees what a side owns (its JSON tree and text), not the side. */
static void
side_release(struct side *s)
{
	cJSON_Delete(s->json);
	free(s->text);
}

/* Compares two loaded sides; frees what they own (not the sides). */
static int
compare_sides(struct side *a, struct side *b, int json, struct strbuf *out,
    char **err)
{
	struct diffs d = { .n = 0 };
	const char *id, *why;
	int rc = -1;

	if (same_report(a, b)) {
		char *p = shown(b->path);

		*err = xasprintf(_("'%s' is the same report as the first: "
		    "compare two reports, made from two networks"), p);
		free(p);
		rc = -2;
		goto out;
	}
	if (strcmp(a->host, b->host) != 0 || a->port != b->port) {
		char *ha = shown(a->host), *hb = shown(b->host);

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
	side_release(a);
	side_release(b);
	return rc;
}

/* Compares two saved JSON reports and says what the difference means. */
int
compare_reports(const char *a_path, const char *b_path, int json,
    struct strbuf *out, char **err)
{
	/* Two sides are some 300 KiB of tables: not for the stack. */
	struct side *a = xcalloc(1, sizeof(*a)), *b = xcalloc(1, sizeof(*b));
	int rc = -1;

	*err = NULL;
	if (side_load(a, a_path, err) == 0 && side_load(b, b_path, err) == 0)
		rc = compare_sides(a, b, json, out, err);
	else {
		side_release(a);
		side_release(b);
	}
	free(a);
	free(b);
	return rc;
}

/* The same on two report texts (tests and fuzzing); see compare.h. */
int
compare_texts(const char *a_name, const char *a_text, const char *b_name,
    const char *b_text, int json, struct strbuf *out, char **err)
{
	struct side *a = xcalloc(1, sizeof(*a)), *b = xcalloc(1, sizeof(*b));
	size_t na = strlen(a_text), nb = strlen(b_text);
	int rc = -1;

	*err = NULL;
	a->path = a_name;
	b->path = b_name;
	if (na > MAX_REPORT_BYTES || nb > MAX_REPORT_BYTES) {
		*err = xstrdup(_("a report is larger than any connreset "
		    "report"));
	} else if (side_parse(a, a_name, xstrdup(a_text), na, err) == 0 &&
	    side_parse(b, b_name, xstrdup(b_text), nb, err) == 0) {
		rc = compare_sides(a, b, json, out, err);
	} else {
		side_release(a);
		side_release(b);
	}
	free(a);
	free(b);
	return rc;
}
