/*
 * Verdict rules about the connection itself: refused, filtered,
 * unreachable, and a server that accepts but never answers. Their place
 * in the priority order is set by the table in verdict_rules.c.
 */
#include "config.h"

#include "diag/verdict_int.h"
#include "probe/readings.h"
#include "core/i18n.h"

#include <stdlib.h>
#include <string.h>

/* --- TCP ----------------------------------------------------------- */

/* The main request failed before a connection, or did not run. */
static int
main_connect_failed(const struct vctx *c, enum http_result only)
{
	if (c->main == NULL)
		return c->tcp_run > 0;
	return c->main->result == only && c->tcp_open == 0;
}

/* Hop n of the trace as the readings name it (owned). */
static char *
path_hop_text(const struct res_path *p, int n)
{
	struct res_hop_ref h;

	res_path_hop_ref(p, n, &h);
	return res_hop_ref_text(&h);
}

/* Adds a reason for every TCP attempt that ran. */
void
vcite_tcp(struct vctx *c)
{
	for (size_t i = 0; i < c->r->ntcp && i < RES_MAX_TCP; i++)
		if (c->r->tcp[i].status != TCP_NOT_RUN)
			vreason_tcp(c, &c->r->tcp[i]);
}

/* Rule "refused" (see verdict_rules.c). */
int
vmatch_refused(const struct vctx *c)
{
	if (c->tcp_run > 0)
		return c->tcp_refused == c->tcp_run &&
		    main_connect_failed(c, HTTP_REFUSED);
	return c->main && c->main->result == HTTP_REFUSED;
}

/*
 * The TCP trace ends in a refusal, yet another trace (UDP) reaches the
 * server farther away: the refusal is forged by a device on the way,
 * at or just after the hop the refused SYNs passed last (readings.h).
 */
static void
fill_refused_on_path(struct vctx *c, int ttl, const struct res_hop_ref *h)
{
	const struct res_path *p = &c->r->path;
	const char *alt = p->alt_method ? p->alt_method : "UDP";
	char *hop;

	vset(c, CAUSE_FILTERED, ORIGIN_PATH, ESC_NETWORK_ADMIN, CONF_HIGH);
	vsummary(c, _("A firewall on the network path refuses connections "
	    "to port %d of %s before they reach the server."),
	    c->r->target.port, vstr(c->r->target.host));
	vcite_main(c);
	vcite_tcp(c);
	if (h->hop > 0) {
		hop = res_hop_ref_text(h);
		vreason(c, "path", _("SYNs to the port are refused near %s, "
		    "but a %s trace reaches the server at hop %d."), hop, alt,
		    p->alt_distance);
		vreason(c, "path", ngettext("SYNs sent with TTL %d pass the "
		    "checks of hop %d only: the refusal is made at or just "
		    "after %s.", "SYNs sent with TTL %d pass the checks of "
		    "hops 1 to %d only: the refusal is made at or just after "
		    "%s.", h->hop), ttl, h->hop, hop);
		free(hop);
	} else
		vreason(c, "path", _("SYNs to the port sent with TTL 1 are "
		    "refused already, on this machine or at the first router, "
		    "but a %s trace reaches the server at hop %d."), alt,
		    p->alt_distance);
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_TRACEROUTE);
	vstep(c, VS_ESCALATE);
}

/* Rule "refused" (see verdict_rules.c). */
void
vfill_refused(struct vctx *c)
{
	struct res_hop_ref h;
	int ttl = probe_results_path_refusal(c->r, &h);

	c->v->symptom = SYM_REFUSED;
	if (ttl > 0) {
		fill_refused_on_path(c, ttl, &h);
		return;
	}
	vset(c, CAUSE_PORT_CLOSED, ORIGIN_SERVER, ESC_SITE_OWNER,
	    c->tcp_run > 0 ? CONF_HIGH : CONF_MEDIUM);
	vsummary(c, _("Nothing accepts connections on port %d of %s: the "
	    "service is down or listens elsewhere."), c->r->target.port,
	    vstr(c->r->target.host));
	vcite_main(c);
	vcite_tcp(c);
	vstep(c, VS_CHECK_ADDRESS);
	vstep(c, VS_SERVER_LOGS);
	vstep(c, VS_ESCALATE);
}

/* Rule "filtered" (see verdict_rules.c). */
int
vmatch_filtered(const struct vctx *c)
{
	if (c->tcp_run > 0)
		return c->tcp_timeout == c->tcp_run &&
		    main_connect_failed(c, HTTP_TIMEOUT);
	return c->main && c->main->result == HTTP_TIMEOUT &&
	    c->main->t_connect <= 0;
}

static const struct res_hop *
last_answering_hop(const struct res_path *p)
{
	const struct res_hop *last = NULL;

	for (size_t i = 0; i < p->nhops && i < RES_MAX_HOPS; i++)
		if (p->hops[i].addr)
			last = &p->hops[i];
	return last;
}

/*
 * Where do unanswered SYNs die? Only a distance measured another way (a
 * UDP trace that reached the server) can tell: SYNs that vanish two or
 * more hops before the server die on the path; SYNs that reach the last
 * router before the server die at the server or its own firewall.
 * Without that distance, a trace that stops says nothing about which.
 */
static enum origin
filtered_origin(const struct res_path *p, const struct res_hop *h)
{
	if (!p->ran || p->reached || p->alt_distance <= 0)
		return ORIGIN_UNKNOWN;
	if (!h || h->ttl < p->alt_distance - 1)
		return ORIGIN_PATH;
	return ORIGIN_SERVER;
}

/* Rule "filtered" (see verdict_rules.c). */
void
vfill_filtered(struct vctx *c)
{
	const struct res_path *p = &c->r->path;
	int stops = p->ran && !p->reached && p->nhops > 0;
	const struct res_hop *h = last_answering_hop(p);
	enum origin o = filtered_origin(p, h);
	char *hop = h ? path_hop_text(p, h->ttl) : NULL;

	c->v->symptom = SYM_TIMEOUT;
	vset(c, CAUSE_FILTERED, o, o == ORIGIN_SERVER ? ESC_SITE_OWNER :
	    ESC_NETWORK_ADMIN, o == ORIGIN_UNKNOWN ? CONF_LOW : CONF_MEDIUM);
	vsummary(c, _("Connections to port %d of %s get no answer at all: "
	    "packets are dropped by a firewall or a broken route."),
	    c->r->target.port, vstr(c->r->target.host));
	vcite_main(c);
	vcite_tcp(c);
	if (stops && h)
		vreason(c, "path", _("The trace of SYNs to the port stops "
		    "after %s and never reaches the server."), hop);
	else if (stops)
		vreason(c, "path", _("No hop of the trace answered."));
	if (o == ORIGIN_PATH && h)
		vreason(c, "path", _("A %s trace reaches the server at hop "
		    "%d, so the SYNs are dropped on the way, after %s."),
		    p->alt_method ? p->alt_method : "UDP", p->alt_distance,
		    hop);
	else if (o == ORIGIN_PATH)
		vreason(c, "path", _("A %s trace reaches the server at hop "
		    "%d, so the SYNs are dropped on the way, before any hop "
		    "answered."), p->alt_method ? p->alt_method : "UDP",
		    p->alt_distance);
	else if (o == ORIGIN_SERVER)
		vreason(c, "path", _("A %s trace reaches the server at hop "
		    "%d, right behind the last hop that saw the SYNs: the "
		    "server or its own firewall drops them."),
		    p->alt_method ? p->alt_method : "UDP", p->alt_distance);
	else if (stops)
		vreason(c, "path", _("Nothing measured says how far the server "
		    "is, so the drop may be on the path or at the server's "
		    "firewall."));
	free(hop);
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_TRACEROUTE);
	vstep(c, VS_ESCALATE);
}

/* Rule "unreachable" (see verdict_rules.c). */
int
vmatch_unreachable(const struct vctx *c)
{
	if (c->tcp_run > 0)
		return c->tcp_open == 0 && c->tcp_unreach > 0 &&
		    main_connect_failed(c, HTTP_UNREACHABLE);
	return c->main && c->main->result == HTTP_UNREACHABLE;
}

/* Rule "unreachable" (see verdict_rules.c). */
void
vfill_unreachable(struct vctx *c)
{
	const struct res_path *p = &c->r->path;
	const struct res_hop *h = last_answering_hop(p);
	/* Past the first router, the "unreachable" comes from the way. */
	int far = p->ran && !p->reached && h && h->ttl > 1;
	char *hop;

	c->v->symptom = SYM_UNREACHABLE;
	vset(c, CAUSE_NO_ROUTE, far ? ORIGIN_PATH : ORIGIN_LOCAL_NETWORK,
	    ESC_ISP, CONF_MEDIUM);
	vsummary(c, _("This network has no route to %s."),
	    vstr(c->r->target.host));
	vcite_main(c);
	vcite_tcp(c);
	if (h && p->ran && !p->reached) {
		/* A router that says "unreachable" to the probe one TTL past
		   it answers twice: it is the hop before. */
		int ttl = h->ttl;

		for (size_t i = 0; i < p->nhops && i < RES_MAX_HOPS; i++)
			if (p->hops[i].ttl == ttl - 1 && p->hops[i].addr &&
			    strcmp(p->hops[i].addr, h->addr) == 0)
				ttl--;
		hop = path_hop_text(p, ttl);
		vreason(c, "path", _("The trace ends at %s, which reports the "
		    "server unreachable."), hop);
		free(hop);
	}
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_TRACEROUTE);
	vstep(c, VS_ESCALATE);
}

/* Rule "slow_server" (see verdict_rules.c). */
int
vmatch_slow_server(const struct vctx *c)
{
	return c->main && c->main->result == HTTP_TIMEOUT &&
	    (c->tcp_open > 0 || c->main->t_connect > 0);
}

/* Rule "slow_server" (see verdict_rules.c). */
void
vfill_slow_server(struct vctx *c)
{
	vset(c, CAUSE_UNKNOWN, ORIGIN_SERVER, ESC_SITE_OWNER, CONF_LOW);
	vsummary(c, _("The connection opens, but the server never "
	    "answers the request."));
	vcite_main(c);
	vcite_tcp(c);
	vstep(c, VS_SERVER_LOGS);
	vstep(c, VS_ESCALATE);
}
