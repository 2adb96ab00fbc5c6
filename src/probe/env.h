/*
 * What every probe shares: the loop it waits on, the libcurl multi handle
 * bound to that loop, and the person's options. Probes follow one shape:
 *   xxx_start(env, ..., out, done, arg) -> handle
 *   xxx_cancel(handle)      stops and frees; done is not called
 * When a probe finishes it fills *out (a slot in struct probe_results,
 * whose address is stable), calls done(arg) once, and frees its handle
 * itself after done returns: the caller must drop its handle pointer
 * inside done.
 */
#ifndef CONNRESET_PROBE_ENV_H
#define CONNRESET_PROBE_ENV_H

struct loop;
struct curlm;

typedef void (*probe_done_cb)(void *arg);

struct probe_env {
	struct loop *loop;
	struct curlm *curlm;	/* libcurl multi bound to loop */
	long timeout_ms;	/* bound for each probe */
	const char *cacert;	/* --cacert or SSL_CERT_FILE, NULL default */
};

#endif
