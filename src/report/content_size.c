/*
 * Report sections about size: the ClientHello sizes tried (check
 * bighello) and how each handshake ended.
 */
#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "probe/names.h"
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

/* The size sections (content_size.c). */
void
doc_build_size_evidence(const struct report_input *in, struct doc *d)
{
	build_hello_sizes(in->r, d);
}
