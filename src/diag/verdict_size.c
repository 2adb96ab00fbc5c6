/*
 * Verdict rules about size: a browser-size TLS ClientHello (check
 * "bighello") that is cut off while the classic one goes through, and
 * full-size packets lost on the path (check "pmtu"). Their place in the priority order is set by the table in verdict_rules.c.
 */
#include "config.h"

#include "diag/verdict_int.h"
#include "probe/names.h"
#include "probe/pmtu.h"
#include "probe/readings.h"
#include "core/i18n.h"

#include <stdlib.h>

/* Rule "large_client_hello": only the large handshake failed. */
int
vmatch_large_hello(const struct vctx *c)
{
	int cn, cf, ln, lf;

	if (!c->r->bighello.ran)
		return 0;
	bighello_counts(&c->r->bighello, &cn, &cf, &ln, &lf);
	return cn > 0 && cf == 0 && lf > 0;
}

static enum symptom
symptom_of(enum hello_outcome o)
{
	switch (o) {
	case HELLO_RESET:
		return SYM_RESET;
	case HELLO_STALL:
		return SYM_TIMEOUT;
	case HELLO_CLOSED:
		return SYM_EMPTY_REPLY;
	default:
		return SYM_TLS_ERROR;
	}
}

/* Cites the sizes tried and how each size fared. */
static void
cite_tries(struct vctx *c)
{
	const struct res_bighello *b = &c->r->bighello;
	int cn, cf, ln, lf;

	bighello_counts(b, &cn, &cf, &ln, &lf);
	vreason(c, "bighello", _("A classic TLS ClientHello of %d bytes was "
	    "answered %d of %d times; one of a current browser's size, %d "
	    "bytes (%s), only %d of %d times: the others got %s."),
	    bighello_size(b, 0), cn - cf, cn, bighello_size(b, 1),
	    b->hybrid ? _("with the hybrid key share X25519MLKEM768") :
	    _("padded with an extension servers ignore"), ln - lf, ln,
	    bighello_outcome_label(bighello_large_failure(b)));
}

/* Rule "large_client_hello" (see verdict_rules.c). */
void
vfill_large_hello(struct vctx *c)
{
	const struct res_bighello *b = &c->r->bighello;
	const struct res_locator *l = &b->locator;
	enum reset_origin o = res_locator_origin(l);
	int cn, cf, ln, lf;
	enum confidence conf;
	char *where;

	bighello_counts(b, &cn, &cf, &ln, &lf);
	conf = lf == ln ? CONF_HIGH : CONF_MEDIUM;
	c->v->symptom = symptom_of(bighello_large_failure(b));
	cite_tries(c);
	where = l->ran ? probe_results_locator_text_of(c->r, l) : NULL;
	if (o == RO_THIS_MACHINE) {
		vset(c, CAUSE_LARGE_CLIENT_HELLO, ORIGIN_CLIENT, ESC_SELF,
		    conf);
		vsummary(c, _("Something on this machine (security software, "
		    "a local firewall) cuts off TLS handshakes of a current "
		    "browser's size (a ClientHello over two packets) to %s; "
		    "smaller ones go through."), vstr(c->r->target.host));
	} else if (o == RO_PATH) {
		vset(c, CAUSE_LARGE_CLIENT_HELLO, ORIGIN_PATH,
		    ESC_NETWORK_ADMIN, conf);
		vsummary(c, _("A device on the path cuts off TLS handshakes "
		    "of a current browser's size (a ClientHello over two "
		    "packets) to %s; smaller ones go through, so a browser "
		    "fails where simple tools work."),
		    vstr(c->r->target.host));
	} else if (o == RO_SERVER) {
		vset(c, CAUSE_LARGE_CLIENT_HELLO, ORIGIN_SERVER,
		    ESC_SITE_OWNER, conf);
		vsummary(c, _("The server of %s (or a device right in front of "
		    "it) cuts off TLS handshakes of a current browser's size "
		    "(a ClientHello over two packets); smaller ones go "
		    "through, so a browser fails where simple tools work."),
		    vstr(c->r->target.host));
	} else {
		vset(c, CAUSE_LARGE_CLIENT_HELLO, ORIGIN_UNKNOWN,
		    ESC_NETWORK_ADMIN, CONF_MEDIUM);
		vsummary(c, _("TLS handshakes of a current browser's size (a "
		    "ClientHello over two packets) to %s are cut off, smaller "
		    "ones go through; where it happens could not be placed."),
		    vstr(c->r->target.host));
	}
	if (where) {
		vreason(c, "bighello", _("The large ClientHello sent "
		    "with low TTLs (the classic one as the control): %s."),
		    where);
		free(where);
	}
	if (o != RO_SERVER)
		vreason(c, "bighello", _("Remedy on the network: update the "
		    "firmware of the inspecting device (firewall, TLS "
		    "inspection, IPS); until then browsers can turn the large "
		    "key share off by policy (Chrome and Edge: "
		    "PostQuantumKeyAgreementEnabled = false)."));
	if (o != RO_PATH && o != RO_THIS_MACHINE)
		vreason(c, "bighello", _("Remedy on the server: its TLS stack "
		    "(or load balancer) must read a ClientHello that arrives "
		    "over several reads and TCP segments."));
	vstep(c, VS_SECOND_NETWORK);
	if (o == RO_SERVER)
		vstep(c, VS_TLS_CONFIG);
	vstep(c, VS_ESCALATE);
}

/* Rule "packet_size": only requests with small TCP segments completed. */
int
vmatch_packet_size(const struct vctx *c)
{
	return pmtu_black_hole(&c->r->pmtu) && !(c->main &&
	    c->main->result == HTTP_RESPONSE && c->mainset.failed == 0);
}

/* Rule "packet_size" (see verdict_rules.c). */
void
vfill_packet_size(struct vctx *c)
{
	const struct res_pmtu *p = &c->r->pmtu;
	int sn, sok, dn, dok;

	pmtu_counts(p, &sn, &sok, &dn, &dok);
	vset(c, CAUSE_PACKET_SIZE, ORIGIN_PATH, ESC_NETWORK_ADMIN,
	    dok == 0 ? CONF_HIGH : CONF_MEDIUM);
	vsummary(c, _("Large packets from %s are lost on the network path "
	    "without a word (a PMTU black hole): the connection opens, but "
	    "the full-size packets of the answer never arrive; with small "
	    "TCP segments the same request works."),
	    vstr(c->r->target.host));
	vcite_main(c);
	vreason(c, "pmtu", _("With TCP segments of at most %d bytes the "
	    "request was answered %d of %d times; with the system's own "
	    "segment size %d of %d times."), PMTU_SMALL_MSS, sok, sn, dok, dn);
	if (p->path_mtu > 0 && p->path_mtu < p->if_mtu)
		vreason(c, "pmtu", _("The interface %s has an MTU of %d; the "
		    "kernel learned a smaller path MTU of %d to the server."),
		    vstr(p->ifname), p->if_mtu, p->path_mtu);
	else if (p->if_mtu > 0)
		vreason(c, "pmtu", _("The interface %s has an MTU of %d, and "
		    "the kernel knows no smaller path MTU to the server (%d): "
		    "no \"fragmentation needed\" message came back."),
		    vstr(p->ifname), p->if_mtu, p->path_mtu);
	/* Neither a message that never came nor the kernel's path MTU
	   names the router: no hop is guessed. */
	vreason(c, "pmtu", _("Where on the path the packet size shrinks is "
	    "not measured: no hop is named for it."));
	vreason(c, "pmtu", _("Remedy on the network: let ICMP \"fragmentation "
	    "needed\" (IPv6: \"packet too big\") through, or clamp the TCP "
	    "MSS on the router or tunnel (VPN, PPPoE) where the MTU "
	    "shrinks."));
	vstep(c, VS_TRACEROUTE);
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_ESCALATE);
}
