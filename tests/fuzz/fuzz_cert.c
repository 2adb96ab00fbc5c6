/*
 * Certificate names (probe/tls_cert.c): a DER certificate's subject,
 * issuer, subjectAltNames and dates as result data. Every name in a
 * certificate is hostile; what is kept must be clean.
 */
#include "config.h"

#include "probe/result.h"
#include "probe/tls_cert.h"
#include "fuzz.h"

#include <openssl/x509.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char *p = data;
	struct res_cert c;
	X509 *x;

	if (size > 65536)
		return 0;
	x = d2i_X509(NULL, &p, (long)size);
	if (!x)
		return 0;
	tls_cert_fill(&c, x);
	FUZZ_SAFE(c.subject, "subject is clean");
	FUZZ_SAFE(c.issuer, "issuer is clean");
	FUZZ_SAFE(c.sans, "subjectAltNames are clean");
	FUZZ_SAFE(c.not_before, "notBefore is clean");
	FUZZ_SAFE(c.not_after, "notAfter is clean");
	(void)tls_issuer_intercepted(c.issuer);
	(void)tls_issuer_intercepted(c.subject);
	free(c.subject);
	free(c.issuer);
	free(c.sans);
	free(c.not_before);
	free(c.not_after);
	X509_free(x);
	return 0;
}
