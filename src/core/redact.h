/*
 * The one redactor: secrets (URL userinfo, proxy passwords, Authorization,
 * Proxy-Authorization and Cookie values) never reach a screen, a report,
 * a log or a saved session. Everything returned is owned by the caller.
 */
#ifndef CONNRESET_REDACT_H
#define CONNRESET_REDACT_H

/* What replaces a secret. */
#define REDACTED "[redacted]"

#include <stddef.h>

/* Returns url with any userinfo (user:password@) replaced by REDACTED. */
char *redact_url(const char *url);
/* Returns a header line with the value of a secret-bearing header masked. */
char *redact_header(const char *line);
/*
 * Returns free text with every URL userinfo, secret header value and
 * registered secret masked. Use it on anything of unknown content.
 */
char *redact_text(const char *text);
/* Registers a secret (a password seen in a proxy URL) to mask anywhere. */
void redact_add_secret(const char *secret);
/*
 * Non-zero when a header named name (len bytes) carries a secret: the
 * redactor's list (Authorization, Cookie, X-Api-Key ...) or a name with
 * auth, token, key, secret, session, cookie, pass or signature in it.
 */
int redact_header_name_secret(const char *name, size_t len);
/*
 * Registers the value of a header line the person gives ("Name: value")
 * when its name carries a secret: the whole value and its last word
 * (the credentials after "Bearer "), each masked by redact_text()
 * wherever it stands (6 bytes and more).
 */
void redact_learn_header(const char *line);
/* Registers every secret found in a URL's userinfo. */
void redact_learn_url(const char *url);
/* Forgets every registered secret (tests). */
void redact_reset(void);
/* Returns non-zero when text still holds a registered secret. */
int redact_has_secret(const char *text);

#endif
