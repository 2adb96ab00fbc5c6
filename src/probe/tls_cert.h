/*
 * Internal to the TLS probe: certificates and verification results turned
 * into result data. Pure functions, exposed for the unit tests.
 */
#ifndef CONNRESET_PROBE_TLS_CERT_H
#define CONNRESET_PROBE_TLS_CERT_H

#include "probe/result.h"

#include <openssl/x509.h>

/* Fills out from x (all strings sanitized); days_left counts from now. */
void tls_cert_fill(struct res_cert *out, X509 *x);
/* The verdict for an X509_V_* code (X509_V_OK gives TLS_VERIFY_OK). */
enum tls_verify tls_verify_from_code(long code);
/*
 * How a failed verifying handshake ended when it never got as far as a
 * certificate (a reset, an alert, plain text, a timeout): a translated
 * line ("the handshake was reset before any certificate came"), or NULL
 * when the certificate was judged (rc is a verification failure).
 */
const char *tls_no_cert_reason(int rc, long os_errno, const char *err);
/*
 * Returns non-zero when an issuer name names a product that inspects TLS
 * (a security suite, a corporate proxy, a debugging proxy).
 */
int tls_issuer_intercepted(const char *issuer);

#endif
