/*
 * Report sections about size: the ClientHello sizes tried (check
 * bighello) and how each handshake ended; the TCP segment sizes tried
 * (check pmtu), the MTUs and how to test the path by hand; and what
 * the sections for the provider, the network admin and the site owner
 * say when the verdict is one of these findings.
 */
#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "diag/verdict.h"
#include "probe/names.h"
#include "probe/pmtu.h"
#include "probe/readings.h"

#include <stdlib.h>

/* The ClientHello sizes tried, each handshake with its outcome. */
static void
build_hello_sizes(const struct probe_results *r, struct doc *d)
{
	const struct res_bighello *b = &r->bighello;
	char *where;

	if (!b->ran)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("TLS ClientHello sizes"));
	doc_addf(d, DK_PARA, NULL, _("The classic TLS handshake and one of a "
	    "current browser's size (%s), in turn, to the address the "
	    "request used. A ClientHello larger than one TCP segment is "
	    "what some inspecting devices and server TLS stacks mishandle."),
	    b->hybrid ? _("with the hybrid key share X25519MLKEM768") :
	    _("padded with an extension servers ignore, as this OpenSSL "
	    "does not offer X25519MLKEM768"));
	for (size_t i = 0; i < b->n && i < RES_MAX_HELLO; i++) {
		const struct res_hello_try *t = &b->tries[i];

		doc_addf(d, DK_ITEM, NULL, _("%s ClientHello, %d bytes: %s "
		    "after %.0f ms"), t->large ? _("browser-size") :
		    _("classic"), t->size, bighello_outcome_label(t->outcome),
		    t->ms);
	}
	if (b->n == 1 && !b->tries[0].large && b->tries[0].outcome != HELLO_OK)
		doc_add(d, DK_PARA, NULL, _("The classic handshake already "
		    "failed, so the browser-size one was not tried: there "
		    "would be nothing to compare it with."));
	where = b->locator.ran ?
	    probe_results_locator_text_of(r, &b->locator) : NULL;
	if (where) {
		doc_add(d, DK_FIELD, _("Large ClientHello, low TTLs"), where);
		free(where);
	}
}

/* The segment sizes tried, the MTUs and how to test by hand. */
static void
build_segments(const struct probe_results *r, struct doc *d)
{
	const struct res_pmtu *p = &r->pmtu;
	const char *host = r->target.ascii_host ? r->target.ascii_host : "";

	if (!p->ran)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("TCP segment sizes"));
	doc_add(d, DK_PARA, NULL, _("The answer to the request never came or "
	    "stopped early although the connection opened, so the request "
	    "went again with small TCP segments (TCP_MAXSEG), in turn with "
	    "the system's own size. If only the small ones are answered, "
	    "full-size packets are lost on the path."));
	for (size_t i = 0; i < p->n && i < RES_MAX_SEG; i++) {
		const struct res_seg_try *t = &p->tries[i];

		if (t->maxseg > 0)
			doc_addf(d, DK_ITEM, NULL, _("segments of at most %d "
			    "bytes: %s, %ld bytes received, %.0f ms"),
			    t->maxseg, http_result_label(t->result), t->bytes,
			    t->ms);
		else
			doc_addf(d, DK_ITEM, NULL, _("the system's own segment "
			    "size: %s, %ld bytes received, %.0f ms"),
			    http_result_label(t->result), t->bytes, t->ms);
	}
	if (p->if_mtu > 0)
		doc_addf(d, DK_FIELD, _("Interface MTU"), "%s: %d",
		    p->ifname ? p->ifname : "?", p->if_mtu);
	if (p->path_mtu > 0)
		doc_addf(d, DK_FIELD, _("Path MTU the kernel knows"), "%d",
		    p->path_mtu);
	doc_add(d, DK_PARA, NULL, _("To test the path by hand: a packet of "
	    "1500 bytes must pass unfragmented (1472 bytes of ping data); "
	    "lower the size until it passes to find the path's MTU. The "
	    "interfaces' MTUs, on Windows; a full-size ping on Windows, "
	    "macOS and Linux; the hop where the MTU shrinks (Linux):"));
	doc_add(d, DK_CODE, NULL, "netsh interface ipv4 show subinterfaces");
	doc_addf(d, DK_CODE, NULL, "ping -f -l 1472 %s", host);
	doc_addf(d, DK_CODE, NULL, "ping -D -s 1472 %s", host);
	doc_addf(d, DK_CODE, NULL, "ping -M do -s 1472 %s", host);
	doc_addf(d, DK_CODE, NULL, "tracepath %s", host);
}

/* The address the size checks went to, for the audience sections. */
static const char *
size_addr(const struct probe_results *r)
{
	const struct res_http *m = probe_results_http(r, HV_MAIN);

	if (m && m->addr)
		return m->addr;
	return r->target.ascii_host ? r->target.ascii_host : "";
}

/* Where the large ClientHello is cut off, for a reader of audience a. */
static void
hello_where(const struct probe_results *r, enum report_audience a,
    struct doc *d)
{
	const struct res_locator *l = &r->bighello.locator;
	enum reset_origin o;
	struct res_hop_ref h;
	char *hop;

	switch (res_locator_origin(l)) {
	case RO_PATH:
		probe_results_locator_hop(r, l, &h);
		hop = res_hop_ref_text(&h);
		doc_addf(d, DK_PARA, NULL, _("Replayed with low TTLs (the "
		    "classic ClientHello as the control), the large one is "
		    "reset when it may travel only %d hops, while the server "
		    "is %d hops away: the device that cuts it off is at or "
		    "just after %s, not the server."), l->first_reset_ttl,
		    l->server_distance, hop);
		free(hop);
		break;
	case RO_SERVER:
		doc_addf(d, DK_PARA, NULL, _("Replayed with low TTLs, the "
		    "large ClientHello is reset only when it may travel as "
		    "far as the server (%d hops): the server's TLS stack, or "
		    "a device right in front of it, cuts it off."),
		    l->server_distance);
		break;
	case RO_THIS_MACHINE:
		doc_add(d, DK_PARA, NULL, _("The large ClientHello is cut off "
		    "on the client machine itself, before the first router "
		    "(security software or a local firewall)."));
		break;
	default:
		doc_add(d, DK_PARA, NULL, _("Where the large ClientHello is "
		    "cut off could not be placed on the route."));
		break;
	}
	o = res_locator_origin(l);
	if (a == RA_SITE_OWNER && o != RO_PATH && o != RO_THIS_MACHINE)
		doc_add(d, DK_PARA, NULL, _("Please make sure the TLS stack "
		    "or load balancer reads a ClientHello that arrives over "
		    "several TCP segments and reads."));
	else if (a != RA_SITE_OWNER && o == RO_SERVER)
		doc_add(d, DK_PARA, NULL, _("This is for the site owner: the "
		    "server's TLS stack (or its load balancer) must read a "
		    "ClientHello that arrives over several TCP segments."));
	else if (a != RA_SITE_OWNER)
		doc_add(d, DK_PARA, NULL, _("Please check the firmware of the "
		    "device that inspects TLS on the way (firewall, TLS "
		    "inspection, IPS): it must accept a ClientHello over "
		    "several TCP segments. Until it is fixed, browsers can "
		    "turn the large key share off by policy (Chrome and Edge: "
		    "PostQuantumKeyAgreementEnabled = false)."));
}

/* The browser-size ClientHello finding, for audience a. */
static void
hello_audience(const struct probe_results *r, enum report_audience a,
    struct doc *d)
{
	const struct res_bighello *b = &r->bighello;
	int cn, cf, ln, lf;

	bighello_counts(b, &cn, &cf, &ln, &lf);
	doc_addf(d, DK_PARA, NULL, _("TLS handshakes to %s (port %d) whose "
	    "ClientHello has a current browser's size, %d bytes, more than "
	    "one TCP segment, fail %d of %d times (%s); the classic "
	    "ClientHello of %d bytes is answered %d of %d times. Simple "
	    "tools work, browsers get the error."), size_addr(r),
	    r->target.port, bighello_size(b, 1), lf, ln,
	    bighello_outcome_label(bighello_large_failure(b)),
	    bighello_size(b, 0), cn - cf, cn);
	hello_where(r, a, d);
}

/* The PMTU black hole finding, for audience a. */
static void
pmtu_audience(const struct probe_results *r, enum report_audience a,
    struct doc *d)
{
	const struct res_pmtu *p = &r->pmtu;
	int sn, sok, dn, dok;

	pmtu_counts(p, &sn, &sok, &dn, &dok);
	doc_addf(d, DK_PARA, NULL, _("Connections to %s (port %d) open, but "
	    "the full-size packets of the answer never arrive: with the "
	    "system's own TCP segment size the request was answered %d of "
	    "%d times, with segments of at most %d bytes %d of %d times."),
	    size_addr(r), r->target.port, dok, dn, PMTU_SMALL_MSS, sok, sn);
	if (p->if_mtu > 0 && p->path_mtu > 0 && p->path_mtu < p->if_mtu)
		doc_addf(d, DK_PARA, NULL, _("The client's interface has an "
		    "MTU of %d; its kernel learned a smaller path MTU of %d to "
		    "the server, yet full-size packets of the answer are still "
		    "lost."), p->if_mtu, p->path_mtu);
	else if (p->if_mtu > 0)
		doc_addf(d, DK_PARA, NULL, _("The client's interface has an "
		    "MTU of %d and its kernel knows no smaller path MTU to the "
		    "server: no \"fragmentation needed\" (IPv6: \"packet too "
		    "big\") message came back from where the MTU shrinks."),
		    p->if_mtu);
	if (a == RA_SITE_OWNER)
		doc_add(d, DK_PARA, NULL, _("The packets are lost on the path, "
		    "not at the server; the server's side can help by letting "
		    "ICMP \"fragmentation needed\" reach the server, as its "
		    "full-size packets depend on it."));
	else
		doc_add(d, DK_PARA, NULL, _("Please find the link where the "
		    "MTU shrinks (a tunnel, VPN or PPPoE link) and let ICMP "
		    "\"fragmentation needed\" through there, or clamp the TCP "
		    "MSS on that router."));
}

/*
 * The audience sections' account of a size finding (content_size.c):
 * their own words for the verdict's cause, instead of what the main
 * request alone shows; 0 when the verdict is about something else.
 */
int
doc_build_size_audience(const struct report_input *in,
    enum report_audience a, struct doc *d)
{
	if (in->v->cause == CAUSE_LARGE_CLIENT_HELLO && in->r->bighello.ran) {
		hello_audience(in->r, a, d);
		return 1;
	}
	if (in->v->cause == CAUSE_PACKET_SIZE && in->r->pmtu.ran) {
		pmtu_audience(in->r, a, d);
		return 1;
	}
	return 0;
}

/* The size sections (content_size.c). */
void
doc_build_size_evidence(const struct report_input *in, struct doc *d)
{
	build_hello_sizes(in->r, d);
	build_segments(in->r, d);
}
