#include "config.h"

#include "probe/names.h"
#include "core/i18n.h"

#include <string.h>

int
names_lookup(const char *const *table, const char *name)
{
	for (int i = 0; name && table[i]; i++)
		if (strcmp(table[i], name) == 0)
			return i;
	return -1;
}

static const char *const dns_names[] = { "not_run", "ok", "nxdomain",
	"servfail", "nodata", "timeout", "refused", "error", NULL };
static const char *const tcp_names[] = { "not_run", "open", "refused",
	"timeout", "unreachable", "error", NULL };
static const char *const http_names[] = { "not_run", "response",
	"reset_before_response", "reset_mid_transfer", "empty_reply",
	"timeout", "refused", "unreachable", "tls_reset", "tls_alert",
	"tls_verify", "protocol_error", "dns_error", "proxy_error", "error",
	"cut_short", "local_error", NULL };
static const char *const variant_names[] = { "main", "neutral_host",
	"neutral_sni", "no_sni", "alt_scheme", "direct", "via_proxy",
	"retest", "alt_address", "per_address", "http1", "clock", "redirect",
	"neutral_path", NULL };
static const char *const accept_names[] = { "not_run", "yes", "no",
	"reset", "error", NULL };
static const char *const verify_names[] = { "not_run", "ok", "expired",
	"not_yet_valid", "unknown_ca", "self_signed", "name_mismatch",
	"other", "no_certificate", NULL };
static const char *const state_names[] = { "queued", "running", "done",
	"cancelled", NULL };
static const char *const status_names[] = { "pass", "fail", "warn", "info",
	"skipped", "error", NULL };
static const char *const flush_names[] = { "not_run", "nothing_to_flush",
	"flushed", "needs_privileges", "failed", NULL };
static const char *const hello_names[] = { "ok", "no_connection", "reset",
	"stall", "closed", "alert", "garbage", NULL };
NAME_FN(dns_status, enum dns_status, dns_names)
NAME_FN(hello_outcome, enum hello_outcome, hello_names)
NAME_FN(tcp_status, enum tcp_status, tcp_names)
NAME_FN(http_result, enum http_result, http_names)
NAME_FN(http_variant, enum http_variant, variant_names)
NAME_FN(tls_accept, enum tls_accept, accept_names)
NAME_FN(tls_verify, enum tls_verify, verify_names)
NAME_FN(check_state, enum check_state, state_names)
NAME_FN(check_status, enum check_status, status_names)
NAME_FN(flush_outcome, enum flush_outcome, flush_names)

static const char *const http_labels[] = {
	N_("not run"), N_("response received"),
	N_("reset before any response"), N_("reset in the middle of the reply"),
	N_("closed without any reply"), N_("timed out"),
	N_("connection refused"), N_("network unreachable"),
	N_("reset during the TLS handshake"), N_("TLS alert from the server"),
	N_("certificate rejected"), N_("the reply was not HTTP or TLS"),
	N_("name not resolved"), N_("the proxy failed"), N_("failed"),
	N_("closed before the end of the reply"),
	N_("a local error on this machine")
};
static const char *const tcp_labels[] = { N_("not run"), N_("open"),
	N_("refused"), N_("timed out"), N_("unreachable"), N_("error") };
static const char *const dns_labels[] = { N_("not run"), N_("answered"),
	N_("no such name (NXDOMAIN)"), N_("server failure (SERVFAIL)"),
	N_("no address records"), N_("timed out"), N_("refused"),
	N_("error") };
static const char *const verify_labels[] = { N_("not checked"),
	N_("valid"), N_("expired"), N_("not yet valid"),
	N_("issued by an unknown authority"), N_("self-signed"),
	N_("issued for another name"), N_("rejected"),
	N_("not received") };
static const char *const status_labels[] = { N_("pass"), N_("fail"),
	N_("warning"), N_("info"), N_("skipped"), N_("error") };
LABEL_FN(http_result, enum http_result, http_labels)
LABEL_FN(tcp_status, enum tcp_status, tcp_labels)
LABEL_FN(dns_status, enum dns_status, dns_labels)
LABEL_FN(tls_verify, enum tls_verify, verify_labels)
LABEL_FN(check_status, enum check_status, status_labels)
