/* Stable machine names of the result enums, as used in reports. */
#ifndef CONNRESET_PROBE_NAMES_H
#define CONNRESET_PROBE_NAMES_H

#include "probe/result.h"

const char *dns_status_name(enum dns_status s);
const char *tcp_status_name(enum tcp_status s);
const char *http_result_name(enum http_result r);
const char *http_variant_name(enum http_variant v);
const char *tls_accept_name(enum tls_accept a);
const char *tls_verify_name(enum tls_verify v);
const char *check_state_name(enum check_state s);
const char *check_status_name(enum check_status s);
const char *flush_outcome_name(enum flush_outcome o);
const char *hello_outcome_name(enum hello_outcome o);
/* Reverse lookups; each returns -1 for an unknown name. */
int dns_status_from_name(const char *s);
int tcp_status_from_name(const char *s);
int http_result_from_name(const char *s);
int http_variant_from_name(const char *s);
int tls_accept_from_name(const char *s);
int tls_verify_from_name(const char *s);
int check_state_from_name(const char *s);
int check_status_from_name(const char *s);
int flush_outcome_from_name(const char *s);
int hello_outcome_from_name(const char *s);
/* Translated words for screens and text reports. */
const char *http_result_label(enum http_result r);
const char *tcp_status_label(enum tcp_status s);
const char *dns_status_label(enum dns_status s);
const char *tls_verify_label(enum tls_verify v);
const char *check_status_label(enum check_status s);

/* Index of name in a NULL-terminated table, or -1. */
int names_lookup(const char *const *table, const char *name);

/* Define <fn>_name/_from_name and <fn>_label over static tables. */
#define NAME_FN(fn, type, table)					\
	const char *fn##_name(type v)					\
	{								\
		size_t n = sizeof(table) / sizeof(table[0]) - 1;	\
		return (size_t)v < n ? table[v] : "unknown";		\
	}								\
	int fn##_from_name(const char *s)				\
	{								\
		return names_lookup(table, s);				\
	}

#define LABEL_FN(fn, type, table)					\
	const char *fn##_label(type v)					\
	{								\
		size_t n = sizeof(table) / sizeof(table[0]);		\
		return (size_t)v < n ? _(table[v]) : _("unknown");	\
	}

#endif
