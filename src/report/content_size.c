/*
 * Report sections about size: the ClientHello sizes tried (check
 * bighello) and how each handshake ended; the TCP segment sizes tried
 * (check pmtu), the MTUs and how to test the path by hand.
 */
#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
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

/* The size sections (content_size.c). */
void
doc_build_size_evidence(const struct report_input *in, struct doc *d)
{
	build_hello_sizes(in->r, d);
	build_segments(in->r, d);
}
