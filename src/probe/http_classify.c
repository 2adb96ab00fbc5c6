/*
 * How a finished libcurl transfer ended, in the terms the diagnosis
 * uses. Pure functions: no I/O, no curl handle, only the numbers (and
 * optionally the error text) a transfer left behind.
 */
#include "config.h"

#include "probe/http.h"

#include "core/strbuf.h"

#include <curl/curl.h>
#include <errno.h>
#include <string.h>

/* curl codes that map to one result whatever else happened. */
static const struct {
	int code;
	enum http_result result;
} code_map[] = {
	{ CURLE_OPERATION_TIMEDOUT, HTTP_TIMEOUT },
	{ CURLE_GOT_NOTHING, HTTP_EMPTY_REPLY },
	{ CURLE_PEER_FAILED_VERIFICATION, HTTP_TLS_VERIFY },
	{ CURLE_SSL_CACERT_BADFILE, HTTP_TLS_VERIFY },
	{ CURLE_SSL_ISSUER_ERROR, HTTP_TLS_VERIFY },
	{ CURLE_SSL_PINNEDPUBKEYNOTMATCH, HTTP_TLS_VERIFY },
	{ CURLE_SSL_INVALIDCERTSTATUS, HTTP_TLS_VERIFY },
	{ CURLE_WEIRD_SERVER_REPLY, HTTP_PROTOCOL_ERROR },
	{ CURLE_UNSUPPORTED_PROTOCOL, HTTP_PROTOCOL_ERROR },
	{ CURLE_HTTP2, HTTP_PROTOCOL_ERROR },
	{ CURLE_HTTP2_STREAM, HTTP_PROTOCOL_ERROR },
	{ CURLE_HTTP3, HTTP_PROTOCOL_ERROR },
	{ CURLE_COULDNT_RESOLVE_HOST, HTTP_DNS_ERROR },
	{ CURLE_COULDNT_RESOLVE_PROXY, HTTP_PROXY_ERROR },
	{ CURLE_PROXY, HTTP_PROXY_ERROR },
};

/* errno values of a failed connect(). */
static const struct {
	int err;
	enum http_result result;
} connect_map[] = {
	{ ECONNREFUSED, HTTP_REFUSED },
	{ EHOSTUNREACH, HTTP_UNREACHABLE },
	{ ENETUNREACH, HTTP_UNREACHABLE },
	{ EHOSTDOWN, HTTP_UNREACHABLE },
	{ ENETDOWN, HTTP_UNREACHABLE },
	{ EADDRNOTAVAIL, HTTP_UNREACHABLE },
	{ ETIMEDOUT, HTTP_TIMEOUT },
};

/*
 * errno values that say this machine could not make the request (no
 * descriptor, no buffer, no memory): nothing reached the network.
 */
static const int local_errnos[] = { EMFILE, ENFILE, ENOBUFS, ENOMEM };

/* curl's texts for them when the errno did not survive. */
static const struct {
	const char *text;
	int err;
} local_texts[] = {
	{ "Too many open files", EMFILE },
	{ "Too many open files in system", ENFILE },
	{ "No buffer space available", ENOBUFS },
	{ "Cannot allocate memory", ENOMEM },
};

static int
local_errno(int os_errno)
{
	for (size_t i = 0; i < sizeof(local_errnos) / sizeof(*local_errnos);
	    i++)
		if (local_errnos[i] == os_errno)
			return 1;
	return 0;
}

/*
 * Error texts of a TLS handshake that met something that is not TLS
 * (typically a plain HTTP server or a captive portal on port 443).
 */
static const char *const not_tls_texts[] = {
	"wrong version number",
	"packet length too long",
	"unknown protocol",
	"http request",
	"record layer failure",
};

/* A reset: where it fell decides what it means. */
static enum http_result
reset_result(long bytes, int tls, int tls_done)
{
	if (tls && !tls_done)
		return HTTP_TLS_RESET;
	return bytes == 0 ? HTTP_RESET_BEFORE_RESPONSE :
	    HTTP_RESET_MID_TRANSFER;
}

static enum http_result
connect_result(int os_errno)
{
	for (size_t i = 0; i < sizeof(connect_map) / sizeof(*connect_map);
	    i++)
		if (connect_map[i].err == os_errno)
			return connect_map[i].result;
	return HTTP_ERROR;
}

/* Classifies a finished transfer (exposed for unit tests). */
enum http_result
http_classify(int curl_code, int os_errno, long bytes, int tls,
    int tls_done, long status)
{
	if (curl_code == CURLE_OK)
		return HTTP_RESPONSE;
	if (curl_code == CURLE_OUT_OF_MEMORY || local_errno(os_errno))
		return HTTP_LOCAL_ERROR;
	/* Only a refused proxy CONNECT leaves a status without any byte. */
	if (bytes == 0 && status >= 400)
		return HTTP_PROXY_ERROR;
	for (size_t i = 0; i < sizeof(code_map) / sizeof(*code_map); i++)
		if (code_map[i].code == curl_code)
			return code_map[i].result;
	switch (curl_code) {
	case CURLE_COULDNT_CONNECT:
		return connect_result(os_errno);
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
		/*
		 * EPIPE: a write met a connection the peer already reset;
		 * curl keeps that errno even when the later read fails.
		 */
		if (os_errno == ECONNRESET || os_errno == EPIPE)
			return reset_result(bytes, tls, tls_done);
		return HTTP_ERROR;
	case CURLE_SSL_CONNECT_ERROR:
		return os_errno == ECONNRESET || os_errno == EPIPE ?
		    HTTP_TLS_RESET : HTTP_TLS_ALERT;
	case CURLE_PARTIAL_FILE:
		if (os_errno == ECONNRESET)
			return reset_result(bytes, tls, tls_done);
		/* A clean close: what arrived says how far it got. */
		return bytes == 0 ? HTTP_EMPTY_REPLY : HTTP_CUT_SHORT;
	default:
		return HTTP_ERROR;
	}
}

static int
has_text(const char *error, const char *needle)
{
	return error && strstr(error, needle) != NULL;
}

/* http_classify() refined by curl's error text where errno is silent. */
enum http_result
http_classify_text(int curl_code, int os_errno, long bytes, int tls,
    int tls_done, long status, const char *error)
{
	int reset = has_text(error, "Connection reset by peer") ||
	    has_text(error, "ECONNRESET");

	if (reset && (os_errno == 0 || os_errno == EPIPE) &&
	    curl_code != CURLE_OK && curl_code != CURLE_COULDNT_CONNECT)
		os_errno = ECONNRESET;
	for (size_t i = 0; os_errno == 0 && i < sizeof(local_texts) /
	    sizeof(*local_texts); i++)
		if (has_text(error, local_texts[i].text))
			os_errno = local_texts[i].err;
	if (curl_code == CURLE_SSL_CONNECT_ERROR && os_errno != ECONNRESET)
		for (size_t i = 0; i < sizeof(not_tls_texts) /
		    sizeof(*not_tls_texts); i++)
			if (has_text(error, not_tls_texts[i]))
				return HTTP_PROTOCOL_ERROR;
	return http_classify(curl_code, os_errno, bytes, tls, tls_done,
	    status);
}

/* The authentication schemes in a CURLAUTH_* mask, or NULL for none. */
char *
http_auth_schemes(long avail)
{
	static const struct {
		unsigned long bit;
		const char *name;
	} schemes[] = {
		{ CURLAUTH_BASIC, "Basic" }, { CURLAUTH_DIGEST, "Digest" },
		{ CURLAUTH_NTLM, "NTLM" }, { CURLAUTH_NEGOTIATE, "Negotiate" },
		{ CURLAUTH_BEARER, "Bearer" },
	};
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(schemes) / sizeof(*schemes); i++)
		if ((unsigned long)avail & schemes[i].bit)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "",
			    schemes[i].name);
	if (sb.len == 0) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}
