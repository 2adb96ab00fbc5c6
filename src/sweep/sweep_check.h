/*
 * The sweep's checks: their order and titles, and how each one's results
 * read as a status and a one-line finding for the live view and reports.
 */
#ifndef CONNRESET_SWEEP_SWEEP_CHECK_H
#define CONNRESET_SWEEP_SWEEP_CHECK_H

#include "probe/result.h"

/* Adds every check of a sweep, queued, in display order. */
void sweep_check_register(struct probe_results *r);
/* The check with this id (added if it is missing). */
struct res_check *sweep_check_get(struct probe_results *r, const char *id);
/* Translated title of a check id ("Name lookup (DNS)" ...). */
const char *sweep_check_title(const char *id);

enum check_status sweep_dns_status(const struct probe_results *r);
char *sweep_dns_summary(const struct probe_results *r);
enum check_status sweep_tcp_status(const struct probe_results *r);
char *sweep_tcp_summary(const struct probe_results *r);
enum check_status sweep_http_status(const struct res_http *m);
char *sweep_http_summary(const struct res_http *m);
enum check_status sweep_tls_status(const struct res_tls *t);
char *sweep_tls_summary(const struct res_tls *t);
enum check_status sweep_variation_status(const struct probe_results *r);
char *sweep_variation_summary(const struct probe_results *r);
enum check_status sweep_mismatch_status(const struct res_http *alt);
char *sweep_mismatch_summary(const struct probe_results *r,
    const struct res_http *alt);
enum check_status sweep_path_status(const struct res_path *p);
char *sweep_path_summary(const struct res_path *p);
enum check_status sweep_locator_status(const struct res_locator *l);
char *sweep_locator_summary(const struct res_locator *l);
enum check_status sweep_proxy_status(const struct probe_results *r);
enum check_status sweep_local_status(const struct probe_results *r);
enum check_status sweep_flush_status(const struct res_flush *f);
char *sweep_flush_summary(const struct res_flush *f);

#endif
