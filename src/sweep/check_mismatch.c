/*
 * The protocol mismatch: when the request failed the way a wrong
 * protocol would, the other one (HTTP for HTTPS and back) on the same
 * port says whether the address names the wrong protocol.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/http.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

/*
 * Beyond its round trips, the other protocol gets room for a lost segment
 * to be sent again twice at TCP's least retransmission timeout (200 ms).
 */
#define MISMATCH_RTO_MS 400
/* Round trips of the same address it gets: connect, hello, answer... */
#define MISMATCH_RTTS 8

/* Does the main request's ending call for trying the other protocol? */
static int
needs_mismatch(const struct res_http *m)
{
	switch (m->result) {
	case HTTP_RESET_BEFORE_RESPONSE:
	case HTTP_EMPTY_REPLY:
	case HTTP_PROTOCOL_ERROR:
	case HTTP_TLS_RESET:
	case HTTP_TLS_ALERT:
		return 1;
	default:
		return 0;
	}
}

static void
done(struct sweep *sw, struct check_run *run)
{
	if (!sweep_requests_pending(sw, run))
		sweep_finish(sw, run);
}

/*
 * Tries the other protocol when the request failed the way a wrong one
 * would, else skips the check.
 */
static void
start(struct sweep *sw, struct check_run *run)
{
	const struct res_target *t = &sw->r.target;
	const struct res_http *m = sweep_direct_request(sw);
	struct res_target alt = *t;
	struct http_req req = { 0 };
	char *url;

	if (!m || !needs_mismatch(m)) {
		sweep_skip(sw, run, _("not needed: the request did not fail "
		    "in a way a wrong protocol would explain"));
		return;
	}
	sweep_begin(sw, run);
	alt.scheme = strcmp(t->scheme, "https") == 0 ? "http" : "https";
	url = sweep_url_with_host(&alt, t->ascii_host);
	req.variant = HV_ALT_SCHEME;
	req.url = url;
	req.connect_addr = sweep_address(sw);
	req.verify = 0;
	/*
	 * A port that speaks the other protocol answers it at once; one
	 * that does not often just waits for more bytes. A few round trips
	 * of this address (its handshake's time) are enough to tell, not
	 * the whole timeout.
	 */
	req.timeout_ms = (long)(MISMATCH_RTTS * (m->t_connect > 0 ?
	    m->t_connect : 0)) + MISMATCH_RTO_MS;
	if (sw->env.timeout_ms > 0 && req.timeout_ms > sw->env.timeout_ms)
		req.timeout_ms = sw->env.timeout_ms;
	sweep_request_start(sw, run, &req, done);
	free(url);
}

static const char *const after[] = { "dns", NULL };
/* It reads the request that went straight to the server. */
static const char *const follows[] = { "http", "proxy", NULL };

const struct check_kind check_mismatch = {
	.id = "mismatch",
	.title = N_("Other protocol on the same port"),
	.after = after,
	.follows = follows,
	.flags = CK_READS_TELLING,
	.start = start,
	.forget = sweep_requests_forget,
	.status = sweep_mismatch_status,
	.summary = sweep_mismatch_summary,
};
