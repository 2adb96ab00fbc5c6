#include "config.h"

#include "core/i18n.h"
#include "diag/verdict.h"
#include "probe/names.h"

static const char *const symptom_names[] = { "ok", "reset", "refused",
	"timeout", "empty_reply", "tls_error", "dns_error", "http_error",
	"unreachable", "cut_short", "local_error", NULL };
static const char *const cause_names[] = { "none", "server_abort",
	"middlebox_injection", "protocol_mismatch", "tls_version_mismatch",
	"cert_invalid", "proxy_failure", "dns_mismatch", "dns_failure",
	"port_closed", "filtered", "no_route", "local_firewall",
	"large_client_hello", "packet_size", "unknown", "local_resource",
	NULL };
static const char *const origin_names[] = { "none", "client",
	"local_network", "path", "server", "unknown", NULL };
static const char *const escalate_names[] = { "none", "self",
	"network_admin", "isp", "site_owner", NULL };
static const char *const confidence_names[] = { "low", "medium", "high",
	NULL };

NAME_FN(symptom, enum symptom, symptom_names)
NAME_FN(cause, enum cause, cause_names)
NAME_FN(origin, enum origin, origin_names)
NAME_FN(escalate, enum escalate, escalate_names)
NAME_FN(confidence, enum confidence, confidence_names)

static const char *const symptom_labels[] = { N_("works"),
	N_("connection reset"), N_("connection refused"), N_("timed out"),
	N_("empty reply"), N_("TLS error"), N_("DNS error"), N_("HTTP error"),
	N_("unreachable"), N_("reply cut short"),
	N_("local error on this machine") };
static const char *const cause_labels[] = { N_("no problem found"),
	N_("the server aborted the connection"),
	N_("a middlebox on the path injected the reset"),
	N_("wrong protocol for this port"),
	N_("no TLS version in common"), N_("invalid certificate"),
	N_("the proxy fails"), N_("the resolvers disagree"),
	N_("the name does not resolve"), N_("nothing listens on the port"),
	N_("packets are dropped (filtered)"), N_("no route to the server"),
	N_("a firewall on this machine"),
	N_("a browser-size TLS handshake is cut off"),
	N_("large packets are lost on the path"), N_("not determined"),
	N_("this machine ran out of a resource") };
static const char *const origin_labels[] = { N_("nowhere"),
	N_("this device"), N_("the local network"), N_("the network path"),
	N_("the server"), N_("not determined") };
static const char *const escalate_labels[] = { N_("nobody"),
	N_("you can fix it yourself"), N_("the network or security admin"),
	N_("the Internet provider (ISP)"), N_("the site owner") };

LABEL_FN(symptom, enum symptom, symptom_labels)
LABEL_FN(cause, enum cause, cause_labels)
LABEL_FN(origin, enum origin, origin_labels)
LABEL_FN(escalate, enum escalate, escalate_labels)
