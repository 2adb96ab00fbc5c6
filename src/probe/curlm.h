/*
 * libcurl's multi-socket interface bound to the one event loop:
 * CURLMOPT_SOCKETFUNCTION registers curl's sockets with loop_watch(),
 * CURLMOPT_TIMERFUNCTION arms a loop timer, and curl_multi_socket_action()
 * runs from those callbacks. Nothing here blocks.
 */
#ifndef CONNRESET_PROBE_CURLM_H
#define CONNRESET_PROBE_CURLM_H

#include <curl/curl.h>

struct loop;
struct curlm;

/* Called once when a transfer ends, with curl's result code. */
typedef void (*curlm_done_cb)(CURL *easy, CURLcode rc, void *arg);

/* Creates the multi handle bound to lp; curl_global_init is done here. */
struct curlm *curlm_new(struct loop *lp);
/* Removes every transfer (their callbacks are not called) and frees. */
void curlm_free(struct curlm *cm);
/* Starts easy; done runs once when it ends. The easy stays the caller's. */
void curlm_add(struct curlm *cm, CURL *easy, curlm_done_cb done, void *arg);
/* Stops easy without calling its callback; unknown handles are ignored. */
void curlm_remove(struct curlm *cm, CURL *easy);
/* Number of transfers still running. */
int curlm_running(const struct curlm *cm);

#endif
