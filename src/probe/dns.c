#include "config.h"

#include "probe/dns.h"
#include "probe/ares_loop.h"
#include "core/loop.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <ares.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "probe/dns_util.h"

/* One of the (at most two) lookups a probe makes. */
struct dns_query {
	struct dns_probe *p;
	int type;		/* T_A, T_AAAA, or 0 for getaddrinfo */
	int status;		/* ARES_* once finished */
	int finished;
};

/* One resolution in flight on its own channel. */
struct dns_probe {
	struct loop *lp;
	struct ares_loop *al;	/* the channel, NULL before it is made */
	struct res_dns *out;
	probe_done_cb done;
	void *arg;
	char *host;
	struct dns_query q[2];
	int nq;
	struct dns_addrs found;	/* addresses seen so far */
	uint64_t deadline;	/* env->timeout_ms: the hard bound */
	uint64_t finish_timer;	/* deferred finish (0 ms) */
	int closing;		/* in ares_destroy(): ignore callbacks */
	double start, end;
};

/* Frees everything the probe holds; done is not called. */
static void
release(struct dns_probe *p)
{
	p->closing = 1;
	loop_timer_cancel(p->lp, p->deadline);
	loop_timer_cancel(p->lp, p->finish_timer);
	ares_loop_free(p->al);	/* ARES_EDESTRUCTION is ignored */
	dns_addrs_clear(&p->found);
	free(p->host);
	free(p);
}

/* Writes the combined answer to out, reports and frees the probe. */
static void
finish(struct dns_probe *p)
{
	struct res_dns *out = p->out;
	probe_done_cb done = p->done;
	void *arg = p->arg;
	int st[2] = { ARES_ETIMEOUT, ARES_ETIMEOUT };

	for (int i = 0; i < p->nq; i++)
		st[i] = p->q[i].finished ? p->q[i].status : ARES_ETIMEOUT;
	if (p->nq == 1)
		st[1] = st[0];
	out->status = dns_combine(st[0], st[1], p->found.n4 + p->found.n6);
	out->ms = (p->end > 0 ? p->end : loop_now_ms()) - p->start;
	dns_addrs_export(&p->found, out);
	if (out->status != DNS_OK)
		out->error = sanitize_str(dns_error_text(st[0], st[1]), 0);
	if (out->is_system && out->status == DNS_OK &&
	    !dns_is_literal(p->host))
		xstrset(&out->source, dns_hosts_has(DNS_HOSTS_FILE, p->host) ?
		    DNS_HOSTS_FILE : DNS_RESOLV_FILE);
	release(p);
	done(arg);
}

static void
on_finish_timer(struct loop *lp, void *arg)
{
	struct dns_probe *p = arg;

	p->finish_timer = 0;
	finish(p);
}

/* Notes the end of one lookup; finishing waits for a fresh loop turn. */
static void
query_ended(struct dns_query *q, int status)
{
	struct dns_probe *p = q->p;

	q->status = status;
	q->finished = 1;
	for (int i = 0; i < p->nq; i++)
		if (!p->q[i].finished)
			return;
	p->end = loop_now_ms();
	if (!p->finish_timer)
		p->finish_timer = loop_timer_add(p->lp, 0, on_finish_timer, p);
}

static void
on_deadline(struct loop *lp, void *arg)
{
	struct dns_probe *p = arg;

	p->deadline = 0;
	finish(p);	/* unfinished lookups count as timed out */
}

static void
on_query(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct dns_query *q = arg;

	if (status == ARES_EDESTRUCTION || q->p->closing || q->finished)
		return;
	if (status == ARES_SUCCESS)
		status = dns_parse_answer(q->type, abuf, alen, &q->p->found);
	query_ended(q, status);
}

static void
on_addrinfo(void *arg, int status, int timeouts, struct ares_addrinfo *ai)
{
	struct dns_query *q = arg;

	if (status != ARES_EDESTRUCTION && !q->p->closing && !q->finished) {
		if (status == ARES_SUCCESS && ai)
			dns_addrs_from_addrinfo(&q->p->found, ai);
		query_ended(q, status);
	}
	if (ai)
		ares_freeaddrinfo(ai);
}

/* Lists the system's nameservers as c-ares reads them. */
size_t
dns_system_servers(char ***servers)
{
	struct ares_addr_port_node *list = NULL;
	ares_channel ch;
	size_t n = 0;

	*servers = NULL;
	if (ares_loop_library_init() < 0 || ares_init(&ch) != ARES_SUCCESS)
		return 0;
	if (ares_get_servers_ports(ch, &list) == ARES_SUCCESS) {
		for (struct ares_addr_port_node *s = list; s; s = s->next) {
			char buf[64];

			dns_server_format(s->family, &s->addr, s->udp_port,
			    buf, sizeof(buf));
			*servers = xrealloc(*servers,
			    (n + 1) * sizeof(**servers));
			(*servers)[n++] = sanitize_str(buf, SAN_ASCII);
		}
		ares_free_data(list);
	}
	ares_destroy(ch);
	return n;
}

/* Frees a list from dns_system_servers(). */
static void
free_servers(char **servers, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(servers[i]);
	free(servers);
}

/* How many nameservers the system asks in turn. */
static size_t
system_count(void)
{
	char **list;
	size_t n = dns_system_servers(&list);

	free_servers(list, n);
	return n;
}

/* Non-zero when display names one of the system's nameservers. */
static int
system_has(const char *display)
{
	char **list;
	size_t n = dns_system_servers(&list);
	int found = 0;

	for (size_t i = 0; i < n; i++)
		found |= strcmp(list[i], display) == 0;
	free_servers(list, n);
	return found;
}

/* Creates the probe's own channel; returns an ARES_* status. */
static int
open_channel(struct dns_probe *p, long timeout_ms, int nservers, int flags)
{
	struct ares_options o;
	int mask = ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_FLAGS, rc;

	memset(&o, 0, sizeof(o));
	o.tries = 2;
	/* c-ares doubles the wait on the second round: t + 2t per server. */
	o.timeout = (int)(timeout_ms / (3 * (nservers > 0 ? nservers : 1)));
	if (o.timeout < 50)
		o.timeout = 50;
	o.flags = flags;
	p->al = ares_loop_new(p->lp, &o, mask, &rc);
	return p->al ? ARES_SUCCESS : rc;
}

/* Starts the lookups for server (NULL: the system's way). */
static int
begin(struct dns_probe *p, struct probe_env *env, const char *server)
{
	struct dns_server sv;
	int rc;

	if (!server && dns_is_literal(p->host)) {
		/* An address is its own answer: nothing to ask anyone. */
		p->nq = 1;
		dns_addrs_add_text(&p->found, p->host);
		query_ended(&p->q[0], ARES_SUCCESS);
		return ARES_SUCCESS;
	}
	if (!server) {
		struct ares_addrinfo_hints h;

		if ((rc = open_channel(p, env->timeout_ms,
		    (int)system_count(), 0)) != ARES_SUCCESS)
			return rc;
		memset(&h, 0, sizeof(h));
		h.ai_family = AF_UNSPEC;
		p->nq = 1;
		ares_getaddrinfo(ares_loop_channel(p->al), p->host, NULL, &h,
		    on_addrinfo, &p->q[0]);
		return ARES_SUCCESS;
	}
	if (dns_server_parse(server, &sv) < 0)
		return ARES_EBADSTR;
	/* Exactly what that server says: no search list, no skipping. */
	if ((rc = open_channel(p, env->timeout_ms, 1, ARES_FLAG_NOSEARCH |
	    ARES_FLAG_NOCHECKRESP)) != ARES_SUCCESS)
		return rc;
	rc = ares_set_servers_ports_csv(ares_loop_channel(p->al), sv.csv);
	if (rc != ARES_SUCCESS)
		return rc;
	p->q[0].type = T_A;
	p->q[1].type = T_AAAA;
	p->nq = 2;
	ares_query(ares_loop_channel(p->al), p->host, C_IN, T_A, on_query,
	    &p->q[0]);
	ares_query(ares_loop_channel(p->al), p->host, C_IN, T_AAAA, on_query,
	    &p->q[1]);
	return ARES_SUCCESS;
}

/* Empties a result slot that may hold an earlier run's strings. */
static void
reset_out(struct res_dns *out)
{
	free(out->server);
	free(out->source);
	free(out->error);
	for (size_t i = 0; i < out->naddrs; i++)
		free(out->addrs[i]);
	memset(out, 0, sizeof(*out));
}

/* Fills out->server and out->source before anything is asked. */
static void
describe(struct res_dns *out, const char *host, const char *server)
{
	struct dns_server sv;

	if (!server) {
		out->is_system = 1;
		out->server = xstrdup("system");
		out->source = xstrdup(dns_is_literal(host) ? "literal" :
		    DNS_RESOLV_FILE);
		return;
	}
	if (dns_server_parse(server, &sv) < 0) {
		out->server = sanitize_str(server, SAN_ASCII);
		out->source = xstrdup("explicit");
		return;
	}
	out->server = xstrdup(sv.display);
	out->source = xstrdup(system_has(sv.display) ? DNS_RESOLV_FILE :
	    "explicit");
}

/* Resolves host for A and AAAA on the loop; done runs on a later turn. */
struct dns_probe *
dns_probe_start(struct probe_env *env, const char *host, const char *server,
    struct res_dns *out, probe_done_cb done, void *arg)
{
	struct dns_probe *p = xcalloc(1, sizeof(*p));
	int rc;

	p->lp = env->loop;
	p->out = out;
	p->done = done;
	p->arg = arg;
	p->host = xstrdup(host ? host : "");
	for (int i = 0; i < 2; i++)
		p->q[i].p = p;
	reset_out(out);
	describe(out, p->host, server);
	out->ms = -1;
	p->start = loop_now_ms();
	p->deadline = loop_timer_add(p->lp, env->timeout_ms > 0 ?
	    env->timeout_ms : 1, on_deadline, p);
	rc = begin(p, env, server);
	if (rc != ARES_SUCCESS) {
		/* Nothing was asked: report the failure on the next turn. */
		p->nq = 1;
		query_ended(&p->q[0], rc);
	}
	if (p->al)
		ares_loop_arm(p->al);
	return p;
}

/* Stops the lookups and frees the handle; done is not called. */
void
dns_probe_cancel(struct dns_probe *p)
{
	if (p)
		release(p);
}
