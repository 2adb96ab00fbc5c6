/* Stable machine names of the result enums, as used in reports. */
#ifndef CONNRESET_NAMES_H
#define CONNRESET_NAMES_H

#include "probe/result.h"

const char *dns_status_name(enum dns_status s);
const char *tcp_status_name(enum tcp_status s);
const char *http_result_name(enum http_result r);
const char *http_variant_name(enum http_variant v);
const char *tls_accept_name(enum tls_accept a);
const char *tls_verify_name(enum tls_verify v);
const char *check_state_name(enum check_state s);
const char *check_status_name(enum check_status s);
/* Reverse lookups; each returns -1 for an unknown name. */
int dns_status_from_name(const char *s);
int tcp_status_from_name(const char *s);
int http_result_from_name(const char *s);
int http_variant_from_name(const char *s);
int tls_accept_from_name(const char *s);
int tls_verify_from_name(const char *s);
int check_state_from_name(const char *s);
int check_status_from_name(const char *s);
/* Translated words for screens and text reports. */
const char *http_result_label(enum http_result r);
const char *tcp_status_label(enum tcp_status s);
const char *dns_status_label(enum dns_status s);
const char *tls_verify_label(enum tls_verify v);
const char *check_status_label(enum check_status s);

/* Index of name in a NULL-terminated table, or -1. */
int names_lookup(const char *const *table, const char *name);

#endif
