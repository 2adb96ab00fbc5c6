#include "config.h"

#include "report/commands.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns s quoted for a POSIX shell (owned by the caller). */
char *
commands_quote(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-";

	if (!s)
		s = "";
	if (*s && strspn(s, safe) == strlen(s))
		return xstrdup(s);
	sb_addc(&sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_add(&sb, "'\\''");
		else
			sb_addc(&sb, *s);
	}
	sb_addc(&sb, '\'');
	return sb_detach(&sb);
}

/* Frees n commands. */
void
commands_free(struct command *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].why);
		free(c[i].line);
	}
}

/* A growing command list with its capacity. */
struct cmdlist {
	struct command *v;
	size_t n;
	size_t max;
};

/* Appends a command made of argv words (NULL-terminated), each quoted. */
static void
add_cmd(struct cmdlist *cl, const char *why, ...)
{
	struct strbuf sb = STRBUF_INIT;
	const char *w;
	va_list ap;

	if (cl->n >= cl->max)
		return;
	va_start(ap, why);
	while ((w = va_arg(ap, const char *)) != NULL) {
		char *q = commands_quote(w);

		if (sb.len)
			sb_addc(&sb, ' ');
		sb_add(&sb, q);
		free(q);
	}
	va_end(ap);
	cl->v[cl->n].why = xstrdup(why);
	cl->v[cl->n].line = sb_detach(&sb);
	cl->n++;
}

static const char *
wire_host(const struct probe_results *r)
{
	return r->target.ascii_host ? r->target.ascii_host : r->target.host;
}

/* "host" or "[v6]" as it goes into a URL or a host:port pair. */
static char *
bracket(const char *h)
{
	return strchr(h, ':') ? xasprintf("[%s]", h) : xstrdup(h);
}

/* The URL rebuilt from its parts, so no userinfo can slip in. */
static char *
target_url(const struct probe_results *r, const char *host)
{
	char *b = bracket(host);
	char *u = xasprintf("%s://%s:%d%s", r->target.scheme ?
	    r->target.scheme : "https", b, r->target.port,
	    r->target.path ? r->target.path : "/");

	free(b);
	return u;
}

/* The address the main request used, else the first TCP address. */
static const char *
main_addr(const struct probe_results *r)
{
	const struct res_http *h = probe_results_http(r, HV_MAIN);

	if (h && h->addr)
		return h->addr;
	return r->ntcp > 0 ? r->tcp[0].addr : NULL;
}

/* curl through one address, the way a browser asks. */
static void
add_curl(struct cmdlist *cl, const struct probe_results *r, const char *addr)
{
	const char *host = wire_host(r);
	char *url = target_url(r, host);
	char *b = bracket(addr);
	char *hb = bracket(host);
	char *ct = xasprintf("%s:%d:%s:%d", hb, r->target.port, b,
	    r->target.port);
	char *why = xasprintf(_("Repeat the request through %s:"), addr);

	if (r->target.host_is_ip)
		add_cmd(cl, why, "curl", "-v", "-g", url, (char *)NULL);
	else
		add_cmd(cl, why, "curl", "-v", "-g", "--connect-to", ct, url,
		    (char *)NULL);
	free(why);
	free(ct);
	free(hb);
	free(b);
	free(url);
}

/* The same address with the neutral name the variation test used. */
static void
add_neutral(struct cmdlist *cl, const struct probe_results *r,
    const char *addr)
{
	const struct res_http *h = probe_results_http(r, HV_NEUTRAL_SNI);
	const char *name;
	char *url, *b, *ct;

	if (!h)
		h = probe_results_http(r, HV_NEUTRAL_HOST);
	if (!h || !(name = h->sni ? h->sni : h->host_header))
		return;
	url = target_url(r, name);
	b = bracket(addr);
	ct = xasprintf("%s:%d:%s:%d", name, r->target.port, b,
	    r->target.port);
	if (h->sni)
		add_cmd(cl, _("The same address with a neutral name "
		    "(certificate errors are expected; the point is whether "
		    "it is reset):"), "curl", "-v", "-g", "-k", "--connect-to",
		    ct, url, (char *)NULL);
	else
		add_cmd(cl, _("The same address with a neutral Host name (an "
		    "error page is fine; the point is whether it is reset):"),
		    "curl", "-v", "-g", "--connect-to", ct, url, (char *)NULL);
	free(ct);
	free(b);
	free(url);
}

static int
has_v6(const struct res_dns *d)
{
	for (size_t i = 0; i < d->naddrs; i++)
		if (strchr(d->addrs[i], ':'))
			return 1;
	return 0;
}

/* One dig per resolver, so the answers can be compared. */
static void
add_dig(struct cmdlist *cl, const struct probe_results *r)
{
	const char *host = wire_host(r);

	for (size_t i = 0; i < r->ndns; i++) {
		const struct res_dns *d = &r->dns[i];
		char *at = NULL, *why;

		if (!d->server || d->status == DNS_NOT_RUN)
			continue;
		if (d->is_system || strcmp(d->server, "system") == 0) {
			why = xstrdup(_("Ask the resolver this machine uses:"));
		} else {
			at = xasprintf("@%s", d->server);
			why = xasprintf(_("Ask the resolver %s directly:"),
			    d->server);
		}
		if (at)
			add_cmd(cl, why, "dig", at, host, "A", (char *)NULL);
		else
			add_cmd(cl, why, "dig", host, "A", (char *)NULL);
		if (has_v6(d)) {
			if (at)
				add_cmd(cl, why, "dig", at, host, "AAAA",
				    (char *)NULL);
			else
				add_cmd(cl, why, "dig", host, "AAAA",
				    (char *)NULL);
		}
		free(why);
		free(at);
	}
}

/* Whether the versions the server accepts are part of the story. */
static int
versions_matter(const struct probe_results *r)
{
	const enum tls_accept *v = r->tls.versions;

	if (!r->tls.ran)
		return 0;
	for (int i = 0; i < 4; i++)
		if (v[i] == TLSV_RESET)
			return 1;
	return v[2] != TLSV_YES && v[3] != TLSV_YES;
}

/* openssl s_client to the main address, per version when they matter. */
static void
add_openssl(struct cmdlist *cl, const struct probe_results *r,
    const char *addr)
{
	static const char *const flags[4] = { "-tls1", "-tls1_1", "-tls1_2",
		"-tls1_3" };
	const char *host = wire_host(r);
	char *b = bracket(addr);
	char *hp = xasprintf("%s:%d", b, r->target.port);
	const char *why = _("Look at the TLS handshake and the certificate "
	    "chain:");

	if (r->target.host_is_ip)
		add_cmd(cl, why, "openssl", "s_client", "-connect", hp,
		    (char *)NULL);
	else
		add_cmd(cl, why, "openssl", "s_client", "-connect", hp,
		    "-servername", host, (char *)NULL);
	if (versions_matter(r)) {
		for (int i = 0; i < 4; i++) {
			char *w;

			if (r->tls.versions[i] == TLSV_NOT_RUN)
				continue;
			w = xasprintf(_("Try TLS 1.%d only:"), i);
			add_cmd(cl, w, "openssl", "s_client", "-connect", hp,
			    "-servername", host, flags[i], (char *)NULL);
			free(w);
		}
	}
	free(hp);
	free(b);
}

/* traceroute and mtr over TCP to the target's port. */
static void
add_path(struct cmdlist *cl, const struct probe_results *r)
{
	const char *host = wire_host(r);
	char port[16];

	snprintf(port, sizeof(port), "%d", r->target.port);
	add_cmd(cl, _("Trace the path with TCP packets to the same port "
	    "(needs root):"), "traceroute", "-T", "-p", port, host,
	    (char *)NULL);
	add_cmd(cl, _("Watch loss along the path over time (needs root):"),
	    "mtr", "-T", "-P", port, host, (char *)NULL);
}

/* Whether addr was already given a curl line. */
static int
seen_addr(const char *const *seen, size_t n, const char *addr)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(seen[i], addr) == 0)
			return 1;
	return 0;
}

/* Fills out with up to max commands for r; returns how many. */
size_t
commands_build(const struct probe_results *r, struct command *out,
    size_t max)
{
	struct cmdlist cl = { out, 0, max };
	const char *seen[4];
	size_t nseen = 0;
	const char *m = main_addr(r);

	if (!wire_host(r) || r->target.port <= 0)
		return 0;
	if (m) {
		add_curl(&cl, r, m);
		seen[nseen++] = m;
	}
	for (size_t i = 0; i < r->ntcp && nseen < 4; i++) {
		if (!r->tcp[i].addr || seen_addr(seen, nseen, r->tcp[i].addr))
			continue;
		add_curl(&cl, r, r->tcp[i].addr);
		seen[nseen++] = r->tcp[i].addr;
	}
	if (m && !r->target.host_is_ip)
		add_neutral(&cl, r, m);
	if (!r->target.host_is_ip)
		add_dig(&cl, r);
	if (m && r->target.scheme && strcmp(r->target.scheme, "https") == 0)
		add_openssl(&cl, r, m);
	add_path(&cl, r);
	return cl.n;
}
