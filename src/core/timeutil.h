/* Wall-clock time stamps in the forms reports and sessions use. */
#ifndef CONNRESET_TIMEUTIL_H
#define CONNRESET_TIMEUTIL_H

#include <stddef.h>
#include <time.h>

/* Writes t as RFC 3339 UTC with milliseconds ("2026-11-27T10:00:00.123Z"). */
void time_rfc3339(char *buf, size_t len, const struct timespec *t);
/* Writes t as local time with its UTC offset ("2026-11-27 11:00:00 +0100"). */
void time_local(char *buf, size_t len, const struct timespec *t);
/* Writes t as YYYYMMDD-HHMMSS in local time, for file names. */
void time_filestamp(char *buf, size_t len, const struct timespec *t);
/* The current wall-clock time. */
struct timespec time_now(void);
/* Parses an RFC 3339 UTC stamp back into t; returns 0 on success. */
int time_parse_rfc3339(const char *s, struct timespec *t);
/*
 * Parses an HTTP Date header ("Sun, 06 Nov 1994 08:49:37 GMT", the form
 * RFC 9110 requires senders to use) into *t; returns 0 on success.
 */
int time_parse_http_date(const char *s, time_t *t);

#endif
