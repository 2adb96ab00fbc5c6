/*
 * How the sweep's checks read: each check's results as a status and a
 * one-line finding for the live view and reports (sweep_check.c), and a
 * check's title (checks.c).
 */
#ifndef CONNRESET_SWEEP_SWEEP_CHECK_H
#define CONNRESET_SWEEP_SWEEP_CHECK_H

#include "probe/result.h"

/* Translated title of a check id ("Name lookup (DNS)" ...). */
const char *sweep_check_title(const char *id);

enum check_status sweep_dns_status(const struct probe_results *r);
char *sweep_dns_summary(const struct probe_results *r);
enum check_status sweep_tcp_status(const struct probe_results *r);
char *sweep_tcp_summary(const struct probe_results *r);
enum check_status sweep_http_status(const struct probe_results *r);
char *sweep_http_summary(const struct probe_results *r);
enum check_status sweep_tls_status(const struct probe_results *r);
char *sweep_tls_summary(const struct probe_results *r);
enum check_status sweep_variation_status(const struct probe_results *r);
char *sweep_variation_summary(const struct probe_results *r);
enum check_status sweep_trigger_status(const struct probe_results *r);
char *sweep_trigger_summary(const struct probe_results *r);
enum check_status sweep_mismatch_status(const struct probe_results *r);
char *sweep_mismatch_summary(const struct probe_results *r);
enum check_status sweep_path_status(const struct probe_results *r);
char *sweep_path_summary(const struct probe_results *r);
enum check_status sweep_addresses_status(const struct probe_results *r);
char *sweep_addresses_summary(const struct probe_results *r);
enum check_status sweep_watch_status(const struct probe_results *r);
char *sweep_watch_summary(const struct probe_results *r);
enum check_status sweep_counters_status(const struct probe_results *r);
char *sweep_counters_summary(const struct probe_results *r);
enum check_status sweep_locator_status(const struct probe_results *r);
char *sweep_locator_summary(const struct probe_results *r);
enum check_status sweep_proxy_status(const struct probe_results *r);
char *sweep_proxy_summary(const struct probe_results *r);
enum check_status sweep_local_status(const struct probe_results *r);
enum check_status sweep_flush_status(const struct probe_results *r);
char *sweep_flush_summary(const struct probe_results *r);

#endif
