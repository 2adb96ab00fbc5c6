/*
 * Certificates as result data. Every name in a certificate is hostile
 * input: it passes the sanitizer before it is kept.
 */
#include "config.h"

#include "probe/tls_cert.h"

#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "probe/http.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <openssl/bio.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SANS 64		/* subjectAltNames kept per certificate */

/*
 * Issuer words of products that re-sign TLS traffic on the way: security
 * suites, corporate web gateways and debugging proxies. Matched as whole
 * words, ignoring case.
 */
static const char *const intercept_words[] = {
	"Fortinet", "FortiGate", "Zscaler", "Palo Alto", "Sophos",
	"Kaspersky", "Avast", "AVG", "Bitdefender", "ESET", "Cisco Umbrella",
	"Blue Coat", "mitmproxy", "Charles Proxy", "Fiddler",
	"DO_NOT_TRUST_FiddlerRoot", "Netskope",
	"Forcepoint", "Websense", "McAfee Web Gateway", "Check Point",
	"Barracuda", "WatchGuard", "SonicWall", "Untangle", "Squid",
	"Securly", "GoGuardian", "Lightspeed", "ContentKeeper", "iboss",
	"Menlo Security", "Trend Micro", "PortSwigger", "Burp", "Proxyman",
	"Cloudflare Gateway", "Norton", "Webroot", "Dr.Web", "Smoothwall",
};

static const struct {
	long code;
	enum tls_verify verify;
} verify_map[] = {
	{ X509_V_OK, TLS_VERIFY_OK },
	{ X509_V_ERR_CERT_HAS_EXPIRED, TLS_VERIFY_EXPIRED },
	{ X509_V_ERR_CERT_NOT_YET_VALID, TLS_VERIFY_NOT_YET_VALID },
	{ X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, TLS_VERIFY_SELF_SIGNED },
	{ X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, TLS_VERIFY_UNKNOWN_CA },
	{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, TLS_VERIFY_UNKNOWN_CA },
	{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
	    TLS_VERIFY_UNKNOWN_CA },
	{ X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, TLS_VERIFY_UNKNOWN_CA },
	{ X509_V_ERR_HOSTNAME_MISMATCH, TLS_VERIFY_NAME_MISMATCH },
	{ X509_V_ERR_IP_ADDRESS_MISMATCH, TLS_VERIFY_NAME_MISMATCH },
};

/* Why no certificate was judged, or NULL when one was. */
const char *
tls_no_cert_reason(int rc, long os_errno, const char *err)
{
	switch (http_classify_text(rc, (int)os_errno, 0, 1, 0, 0, err)) {
	case HTTP_RESPONSE:
	case HTTP_TLS_VERIFY:
		return NULL;
	case HTTP_TLS_RESET:
		return _("the handshake was reset before any certificate "
		    "came");
	case HTTP_TLS_ALERT:
		return _("the server ended the handshake with an alert "
		    "before any certificate came");
	case HTTP_PROTOCOL_ERROR:
		return _("the reply was not TLS, so no certificate came");
	case HTTP_TIMEOUT:
		return _("the handshake timed out before any certificate "
		    "came");
	default:
		return _("the handshake failed before any certificate came");
	}
}

/* The verdict for an X509_V_* code (X509_V_OK gives TLS_VERIFY_OK). */
enum tls_verify
tls_verify_from_code(long code)
{
	for (size_t i = 0; i < sizeof(verify_map) / sizeof(*verify_map); i++)
		if (verify_map[i].code == code)
			return verify_map[i].verify;
	return TLS_VERIFY_OTHER;
}

static int
word_at(const char *hay, const char *start, size_t n)
{
	unsigned char before = start > hay ? (unsigned char)start[-1] : ' ';
	unsigned char after = (unsigned char)start[n];

	return !isalnum(before) && !isalnum(after);
}

/* Case-insensitive search for word as a whole word in s. */
static int
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = s; *p; p++)
		if (strncasecmp(p, word, n) == 0 && word_at(s, p, n))
			return 1;
	return 0;
}

/* Returns non-zero when an issuer names a TLS-inspecting product. */
int
tls_issuer_intercepted(const char *issuer)
{
	if (!issuer)
		return 0;
	for (size_t i = 0; i < sizeof(intercept_words) /
	    sizeof(*intercept_words); i++)
		if (has_word(issuer, intercept_words[i]))
			return 1;
	return 0;
}

static char *
name_str(const X509_NAME *name)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data = NULL, *ret;
	long len;

	if (!b)
		abort();
	/* RFC 2253 order and escaping, UTF-8 kept as UTF-8. */
	X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	len = BIO_get_mem_data(b, &data);
	ret = sanitize_mem(data ? data : "", len > 0 ? (size_t)len : 0, 0);
	BIO_free(b);
	return ret;
}

static void
add_san(struct strbuf *sb, const GENERAL_NAME *gn)
{
	char ip[INET6_ADDRSTRLEN], *s = NULL;
	const unsigned char *d;
	int len;

	if (gn->type == GEN_DNS) {
		d = ASN1_STRING_get0_data(gn->d.dNSName);
		len = ASN1_STRING_length(gn->d.dNSName);
		s = sanitize_mem((const char *)d, (size_t)len, SAN_ASCII);
	} else if (gn->type == GEN_IPADD) {
		d = ASN1_STRING_get0_data(gn->d.iPAddress);
		len = ASN1_STRING_length(gn->d.iPAddress);
		if ((len == 4 && inet_ntop(AF_INET, d, ip, sizeof(ip))) ||
		    (len == 16 && inet_ntop(AF_INET6, d, ip, sizeof(ip))))
			s = xstrdup(ip);
	}
	if (!s)
		return;
	if (sb->len)
		sb_add(sb, ", ");
	/* The separator must stay unambiguous. */
	for (char *c = s; *c; c++)
		if (*c == ',')
			*c = ' ';
	sb_add(sb, s);
	free(s);
}

static char *
sans_str(X509 *x)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name,
	    NULL, NULL);
	struct strbuf sb = STRBUF_INIT;
	int n;

	if (!gens)
		return NULL;
	n = sk_GENERAL_NAME_num(gens);
	for (int i = 0; i < n && i < MAX_SANS; i++)
		add_san(&sb, sk_GENERAL_NAME_value(gens, i));
	if (n > MAX_SANS)
		sb_add(&sb, ", ...");
	GENERAL_NAMES_free(gens);
	return sb.len ? sb_detach(&sb) : (sb_free(&sb), NULL);
}

static char *
time_str(const ASN1_TIME *t)
{
	struct tm tm;
	struct timespec ts = { 0, 0 };
	char buf[40];

	if (!t || !ASN1_TIME_to_tm(t, &tm))
		return NULL;
	ts.tv_sec = timegm(&tm);
	time_rfc3339(buf, sizeof(buf), &ts);
	return xstrdup(buf);
}

/* Fills out from x (all strings sanitized); days_left counts from now. */
void
tls_cert_fill(struct res_cert *out, X509 *x)
{
	int days = 0, secs = 0;

	memset(out, 0, sizeof(*out));
	out->subject = name_str(X509_get_subject_name(x));
	out->issuer = name_str(X509_get_issuer_name(x));
	out->sans = sans_str(x);
	out->not_before = time_str(X509_get0_notBefore(x));
	out->not_after = time_str(X509_get0_notAfter(x));
	if (ASN1_TIME_diff(&days, &secs, NULL, X509_get0_notAfter(x))) {
		long total = (long)days * 86400L + secs;

		/* Whole days, rounded down: one second past is day -1. */
		out->days_left = total >= 0 ? total / 86400L :
		    -((-total + 86399L) / 86400L);
	}
}
