/* Parsing what a person types into a target: URL, host, port, scheme. */
#ifndef CONNRESET_PROBE_TARGET_H
#define CONNRESET_PROBE_TARGET_H

#include "probe/result.h"

/*
 * Parses input like a browser's address bar: no scheme means https, IDN
 * names are converted to their ASCII form, IPv6 literals in brackets and
 * explicit ports work, userinfo is accepted but redacted. Returns 0 and
 * fills t, or -1 with *err set to one translated line (owned by caller).
 */
int target_parse(const char *input, struct res_target *t, char **err);
/* Frees what t owns and zeroes it. */
void target_clear(struct res_target *t);
/* Returns "host:port" with brackets around IPv6, owned by the caller. */
char *target_authority(const struct res_target *t);

#endif
