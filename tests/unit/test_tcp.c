/* Unit tests for the TCP probe, on loopback only (127.0.0.1 and ::1). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/loop.h"
#include "probe/result.h"
#include "probe/tcp.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* What a done callback saw. */
struct seen {
	int calls;
	int during_start;	/* done ran inside tcp_probe_start() */
};

static int in_start;

static void
on_done(void *arg)
{
	struct seen *s = arg;

	s->calls++;
	s->during_start |= in_start;
}

/* Counts this process's open descriptors. */
static int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;	/* the directory stream itself */
}

/*
 * Binds a loopback socket to an ephemeral port; listens with backlog
 * when backlog >= 0. Returns the fd (or -1 when the family is missing).
 */
static int
loopback_socket(int family, int backlog, int *port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;

		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_addr = in6addr_loopback;
		len = sizeof(*in6);
	}
	if (bind(fd, (struct sockaddr *)&ss, len) < 0 ||
	    (backlog >= 0 && listen(fd, backlog) < 0) ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) < 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(family == AF_INET ?
	    ((struct sockaddr_in *)&ss)->sin_port :
	    ((struct sockaddr_in6 *)&ss)->sin6_port);
	return fd;
}

/* Runs one probe to the end and checks done ran once, on a later turn. */
static void
run_probe(const char *addr, int port, long timeout_ms, struct res_tcp *out)
{
	struct loop *lp = loop_new();
	struct probe_env env = { lp, NULL, timeout_ms, NULL };
	struct seen seen = { 0, 0 };
	double t0 = loop_now_ms();

	in_start = 1;
	assert_non_null(tcp_probe_start(&env, addr, port, out, on_done,
	    &seen));
	in_start = 0;
	while (seen.calls == 0 && loop_now_ms() - t0 < timeout_ms + 2000)
		loop_run_once(lp, 100);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.during_start, 0);
	assert_int_equal(loop_pending(lp), 0);
	loop_free(lp);
}

/* Open and refused, both families: a table of loopback endpoints. */
static void
test_open_refused(void **state)
{
	static const struct {
		int family;
		const char *addr;
		int listening;
		enum tcp_status want;
	} cases[] = {
		{ AF_INET, "127.0.0.1", 1, TCP_OPEN },
		{ AF_INET, "127.0.0.1", 0, TCP_REFUSED },
		{ AF_INET6, "::1", 1, TCP_OPEN },
		{ AF_INET6, "::1", 0, TCP_REFUSED },
	};
	int fds_before = count_fds();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct res_tcp out;
		int port, fd;

		memset(&out, 0, sizeof(out));
		/* A bound socket that does not listen: a refusing port. */
		fd = loopback_socket(cases[i].family,
		    cases[i].listening ? 8 : -1, &port);
		if (fd < 0 && cases[i].family == AF_INET6) {
			print_message("no IPv6 loopback here; %s not run\n",
			    cases[i].addr);
			continue;
		}
		assert_true(fd >= 0);
		run_probe(cases[i].addr, port, 3000, &out);
		assert_int_equal(out.status, cases[i].want);
		assert_int_equal(out.os_errno,
		    cases[i].want == TCP_OPEN ? 0 : ECONNREFUSED);
		assert_string_equal(out.addr, cases[i].addr);
		assert_int_equal(out.family,
		    cases[i].family == AF_INET ? 4 : 6);
		assert_int_equal(out.port, port);
		assert_true(out.ms >= 0 && out.ms < 3000);
		free(out.addr);
		close(fd);
	}
	/* The probe closed its socket right after the handshake. */
	assert_int_equal(count_fds(), fds_before);
}

/* Inputs the probe cannot try end as TCP_ERROR, reported a turn later. */
static void
test_bad_input(void **state)
{
	static const struct {
		const char *addr;
		int port;
	} cases[] = {
		{ "not-an-address", 80 },
		{ "example.com", 80 },
		{ "127.0.0.1", 0 },
		{ "127.0.0.1", 65536 },
		{ "", 80 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct res_tcp out;

		memset(&out, 0, sizeof(out));
		run_probe(cases[i].addr, cases[i].port, 1000, &out);
		assert_int_equal(out.status, TCP_ERROR);
		assert_int_equal(out.os_errno, EINVAL);
		free(out.addr);
	}
}

/*
 * A listener whose accept queue is full drops new SYNs, so a handshake
 * to it hangs: that is a real timeout on loopback. Linux lets backlog+1
 * connections queue; the probe after those must time out.
 */
static void
test_timeout_full_backlog(void **state)
{
	struct res_tcp out;
	int port, fd = loopback_socket(AF_INET, 0, &port);
	int opened = 0, timed_out = 0;

	assert_true(fd >= 0);
	for (int i = 0; i < 6 && !timed_out; i++) {
		double t0 = loop_now_ms();

		memset(&out, 0, sizeof(out));
		run_probe("127.0.0.1", port, 300, &out);
		if (out.status == TCP_OPEN)
			opened++;
		else {
			assert_int_equal(out.status, TCP_TIMEOUT);
			assert_int_equal(out.os_errno, ETIMEDOUT);
			assert_true(out.ms >= 290 && out.ms < 1500);
			assert_true(loop_now_ms() - t0 >= 290);
			timed_out = 1;
		}
		free(out.addr);
	}
	close(fd);
	assert_true(opened >= 1);
	assert_int_equal(timed_out, 1);
}

/* Cancel stops a handshake in flight: no done, nothing left on the loop. */
static void
test_cancel(void **state)
{
	struct loop *lp = loop_new();
	struct probe_env env = { lp, NULL, 5000, NULL };
	struct res_tcp out[6];
	int port, fd = loopback_socket(AF_INET, 0, &port);
	int fds_before = count_fds(), cancelled = 0;

	assert_true(fd >= 0);
	memset(out, 0, sizeof(out));
	/* Connect until the queue is full and a handshake stays pending. */
	for (int i = 0; i < 6 && !cancelled; i++) {
		struct seen s = { 0, 0 };
		double t0 = loop_now_ms();
		struct tcp_probe *p;

		p = tcp_probe_start(&env, "127.0.0.1", port, &out[i], on_done,
		    &s);
		while (s.calls == 0 && loop_now_ms() - t0 < 150)
			loop_run_once(lp, 50);
		if (s.calls == 0) {
			tcp_probe_cancel(p);
			loop_run_once(lp, 50);
			assert_int_equal(s.calls, 0);
			assert_int_equal(out[i].status, TCP_NOT_RUN);
			cancelled = 1;
		} else
			assert_int_equal(out[i].status, TCP_OPEN);
	}
	assert_int_equal(cancelled, 1);
	assert_int_equal(loop_pending(lp), 0);
	assert_int_equal(count_fds(), fds_before);
	for (int i = 0; i < 6; i++)
		free(out[i].addr);
	close(fd);
	loop_free(lp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_refused),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_timeout_full_backlog),
		cmocka_unit_test(test_cancel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
