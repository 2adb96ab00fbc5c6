/*
 * A small driver for the traceroute and the reset locator, for the lab
 * and for trying them by hand (built with "make check", never run by it):
 *   path_cli [-m tcp|udp|icmp] [-n] [-t ms] ADDR PORT
 *   path_cli -L [-s] [-H host] [-P path] [-d distance] [-t ms] ADDR PORT
 * -L runs the locator (-s: TLS/SNI trigger, else HTTP/Host).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/loop.h"
#include "probe/locator.h"
#include "probe/path.h"

static int finished;

static void
on_done(void *arg)
{
	(void)arg;
	finished = 1;
}

static void
print_path(const struct res_path *r)
{
	printf("method %s reached %d hops %zu\n", r->method, r->reached,
	    r->nhops);
	for (size_t i = 0; i < r->nhops; i++) {
		const struct res_hop *h = &r->hops[i];

		printf("hop %d %s %s sent %d loss %.2f rtt", h->ttl,
		    h->addr ? h->addr : "*", h->name ? h->name : "-",
		    h->sent, h->loss);
		for (int k = 0; k < h->nrtt; k++)
			printf(" %.3f", h->rtt_ms[k]);
		printf("\n");
	}
}

static void
print_locator(const struct res_locator *l)
{
	printf("trigger %s first_reset_ttl %d server_distance %d\n",
	    l->trigger, l->first_reset_ttl, l->server_distance);
	printf("near_hop_ttl %d near_hop_addr %s\n", l->near_hop_ttl,
	    l->near_hop_addr ? l->near_hop_addr : "-");
	printf("control_reset %d control_first_reset_ttl %d local %d\n",
	    l->control_reset, l->control_first_reset_ttl, l->local);
	printf("forged %d (%s)\n", l->forged,
	    l->forged_detail ? l->forged_detail : "-");
}

static long
num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0') {
		fprintf(stderr, "path_cli: not a number: %s\n", s);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	struct locator_req req = { 0 };
	struct res_path path = { 0 };
	struct res_locator loc = { 0 };
	struct probe_env env = { 0 };
	const char *method = NULL;
	int c, locate = 0, names = 1;

	env.timeout_ms = 10000;
	while ((c = getopt(argc, argv, "m:nt:LsH:P:d:")) != -1) {
		switch (c) {
		case 'm': method = optarg; break;
		case 'n': names = 0; break;
		case 't': env.timeout_ms = num(optarg); break;
		case 'L': locate = 1; break;
		case 's': req.tls = 1; break;
		case 'H': req.host = optarg; break;
		case 'P': req.path = optarg; break;
		case 'd': req.server_distance = (int)num(optarg); break;
		default: return 2;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: path_cli [-L] [options] ADDR PORT\n");
		return 2;
	}
	env.loop = loop_new();
	if (locate) {
		req.addr = argv[optind];
		req.port = (int)num(argv[optind + 1]);
		req.trigger = req.tls ? "sni" : "host";
		if (!req.host)
			req.host = "example.test";
		locator_probe_start(&env, &req, &loc, on_done, NULL);
	} else {
		struct path_probe *p = path_probe_start(&env, argv[optind],
		    (int)num(argv[optind + 1]), method, &path, on_done, NULL);

		if (!names)
			path_probe_no_names(p);
	}
	while (!finished && loop_run_once(env.loop, -1) == 0)
		;
	if (locate)
		print_locator(&loc);
	else
		print_path(&path);
	loop_free(env.loop);
	return 0;
}
