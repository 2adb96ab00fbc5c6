/* The pure parts of the local check: routes, interfaces, OS, hosts. */
#include "config.h"

#include "probe/local.h"

#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/proxy_conf.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define RTF_UP_ 0x0001
#define RTF_REJECT_ 0x0200

/* Parses 2*n hex digits into n bytes; returns 0 or -1. */
static int
hex_bytes(const char *s, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;

		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (unsigned char)v;
	}
	return 0;
}

static int
prefix_eq(const unsigned char *a, const unsigned char *b, int bits)
{
	if (memcmp(a, b, (size_t)bits / 8) != 0)
		return 0;
	return bits % 8 == 0 || ((a[bits / 8] ^ b[bits / 8]) &
	    (0xff << (8 - bits % 8))) == 0;
}

/* Keeps cand when it beats *best (longer prefix, then lower metric). */
static void
consider(struct local_route *best, int *have, const struct local_route *c)
{
	if (!*have || c->prefix > best->prefix || (c->prefix ==
	    best->prefix && c->metric < best->metric)) {
		*best = *c;
		*have = 1;
	}
}

/* One /proc/net/route line; returns 1 when it covers ip. */
static int
route4_line(const char *line, const unsigned char ip[4],
    struct local_route *r)
{
	char ifn[32];
	unsigned long dst, gw, flags, metric, mask;
	unsigned char d[4], m[4], g[4];
	uint32_t v;
	int bits = 0;

	if (sscanf(line, "%31s %lx %lx %lx %*d %*d %lu %lx", ifn, &dst, &gw,
	    &flags, &metric, &mask) != 6)
		return 0;
	if (!(flags & RTF_UP_) || (flags & RTF_REJECT_))
		return 0;
	/* The kernel prints the in-memory (network order) word as hex. */
	v = (uint32_t)dst;
	memcpy(d, &v, 4);
	v = (uint32_t)mask;
	memcpy(m, &v, 4);
	v = (uint32_t)gw;
	memcpy(g, &v, 4);
	for (int i = 0; i < 4; i++) {
		if ((ip[i] & m[i]) != d[i])
			return 0;
		for (int b = 7; b >= 0; b--)
			bits += (m[i] >> b) & 1;
	}
	memset(r, 0, sizeof(*r));
	snprintf(r->iface, sizeof(r->iface), "%s", ifn);
	r->prefix = bits;
	r->metric = metric;
	if (gw)
		inet_ntop(AF_INET, g, r->gateway, sizeof(r->gateway));
	return 1;
}

/* One /proc/net/ipv6_route line; returns 1 when it covers ip. */
static int
route6_line(const char *line, const unsigned char ip[16],
    struct local_route *r)
{
	char dst[33], nh[33], ifn[32];
	unsigned plen;
	unsigned long metric, flags;
	unsigned char d[16], g[16];
	static const unsigned char zero[16];

	if (sscanf(line, "%32s %x %*s %*x %32s %lx %*x %*x %lx %31s", dst,
	    &plen, nh, &metric, &flags, ifn) != 6)
		return 0;
	if (plen > 128 || hex_bytes(dst, d, 16) < 0 ||
	    hex_bytes(nh, g, 16) < 0)
		return 0;
	if (!(flags & RTF_UP_) || (flags & RTF_REJECT_) ||
	    !prefix_eq(d, ip, (int)plen))
		return 0;
	memset(r, 0, sizeof(*r));
	snprintf(r->iface, sizeof(r->iface), "%s", ifn);
	r->prefix = (int)plen;
	r->metric = metric;
	if (memcmp(g, zero, 16) != 0)
		inet_ntop(AF_INET6, g, r->gateway, sizeof(r->gateway));
	return 1;
}

int
local_route_lookup(const char *text, const char *addr,
    struct local_route *out)
{
	unsigned char ip[16];
	int v6, have = 0;

	if (!text || !addr)
		return -1;
	if (inet_pton(AF_INET, addr, ip) == 1)
		v6 = 0;
	else if (inet_pton(AF_INET6, addr, ip) == 1)
		v6 = 1;
	else
		return -1;
	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		char *copy = xstrndup(line, end ? (size_t)(end - line) :
		    strlen(line));
		struct local_route r;

		if (v6 ? route6_line(copy, ip, &r) : route4_line(copy, ip, &r))
			consider(out, &have, &r);
		free(copy);
		line = end ? end + 1 : NULL;
	}
	return have ? 0 : -1;
}

/* ---- interfaces ---- */

static int
exists(const char *dir, const char *name, const char *leaf)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, leaf);
	return stat(path, &st) == 0;
}

static long
read_num(const char *dir, const char *name, const char *leaf, int base)
{
	char path[512], buf[64];
	FILE *f;
	long v = -1;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, leaf);
	if (!(f = fopen(path, "r")))
		return -1;
	if (fgets(buf, sizeof(buf), f)) {
		char *end;

		v = strtol(buf, &end, base);
		if (end == buf)
			v = -1;
	}
	fclose(f);
	return v;
}

size_t
local_ifaces(const char *sysfs_net, struct local_iface **out)
{
	DIR *d = opendir(sysfs_net);
	struct dirent *e;
	size_t n = 0;

	*out = NULL;
	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL && n < 256) {
		struct local_iface *i;
		long flags;

		if (e->d_name[0] == '.' || strlen(e->d_name) >= 32)
			continue;
		*out = xrealloc(*out, (n + 1) * sizeof(**out));
		i = &(*out)[n++];
		memset(i, 0, sizeof(*i));
		snprintf(i->name, sizeof(i->name), "%s", e->d_name);
		i->type = (int)read_num(sysfs_net, e->d_name, "type", 10);
		flags = read_num(sysfs_net, e->d_name, "flags", 16);
		i->up = flags > 0 && (flags & 1);
		i->tun = exists(sysfs_net, e->d_name, "tun_flags");
		i->wireless = exists(sysfs_net, e->d_name, "wireless") ||
		    exists(sysfs_net, e->d_name, "phy80211");
		i->bridge = exists(sysfs_net, e->d_name, "bridge");
	}
	closedir(d);
	return n;
}

int
local_iface_is_vpn(const struct local_iface *i)
{
	static const char *const pre[] = { "tun", "tap", "wg", "ppp", "utun",
	    "ipsec", "vpn", "tailscale", "nordlynx", "cscotun", "gpd", NULL };

	if (i->type == 772)
		return 0;
	/* ARPHRD_NONE (tun, WireGuard) and ARPHRD_PPP */
	if (i->tun || i->type == 65534 || i->type == 512)
		return 1;
	for (size_t k = 0; pre[k]; k++)
		if (strncmp(i->name, pre[k], strlen(pre[k])) == 0)
			return 1;
	return 0;
}

const char *
local_iface_kind(const struct local_iface *i)
{
	if (i->type == 772 || strcmp(i->name, "lo") == 0)
		return "loopback";
	if (local_iface_is_vpn(i))
		return "vpn";
	if (i->wireless)
		return "wifi";
	if (i->bridge)
		return "bridge";
	if (i->type == 1)
		return "ethernet";
	return "other";
}

/* ---- OS and hosts ---- */

char *
local_os_name(const char *sysname, const char *release, const char *osr)
{
	char *pretty = osr ? proxy_kv_get(osr, "PRETTY_NAME") : NULL;
	char *raw, *out;

	if (pretty && *pretty)
		raw = xasprintf("%s %s (%s)", sysname, release, pretty);
	else
		raw = xasprintf("%s %s", sysname, release);
	out = sanitize_str(raw, 0);
	free(raw);
	free(pretty);
	return out;
}

/* Does the hosts line (comment removed) name host? */
static int
hosts_line_names(char *line, const char *host)
{
	char *save = NULL, *w = strtok_r(line, " \t\r", &save);

	if (!w)
		return 0;
	while ((w = strtok_r(NULL, " \t\r", &save)) != NULL)
		if (strcasecmp(w, host) == 0)
			return 1;
	return 0;
}

char *
local_hosts_entry(const char *text, const char *host)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	for (const char *line = text; host && line && *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char *copy = xstrndup(line, strcspn(line, "#\n") < n ?
		    strcspn(line, "#\n") : n), *shown = xstrdup(copy);

		if (hosts_line_names(copy, host)) {
			char *save = NULL, *w;
			int first = 1;

			/* One space between words: tabs would be escaped. */
			sb_addf(&sb, "%s", sb.len ? "; " : "");
			for (w = strtok_r(shown, " \t\r", &save); w;
			    w = strtok_r(NULL, " \t\r", &save), first = 0)
				sb_addf(&sb, "%s%s", first ? "" : " ", w);
		}
		free(copy);
		free(shown);
		line = end ? end + 1 : NULL;
	}
	if (!sb.s)
		return NULL;
	out = sanitize_str(sb.s, 0);
	sb_free(&sb);
	return out;
}

/* ---- results ---- */

int
local_family_split(const struct probe_results *r)
{
	int tried[2] = { 0, 0 }, open[2] = { 0, 0 };

	for (size_t i = 0; i < r->ntcp; i++) {
		int f = r->tcp[i].family == 6 ? 1 : 0;

		if (r->tcp[i].status == TCP_NOT_RUN)
			continue;
		tried[f] = 1;
		open[f] |= r->tcp[i].status == TCP_OPEN;
	}
	return tried[0] && tried[1] && open[0] != open[1];
}

static void
add_part(struct strbuf *sb, const char *s)
{
	sb_addf(sb, "%s%s", sb->len ? "; " : "", s);
}

char *
local_summary(const struct probe_results *r)
{
	const struct res_local *l = &r->local;
	struct strbuf sb = STRBUF_INIT;
	char *s;

	if (!l->ran)
		return xstrdup(_("not checked"));
	if (l->firewall_reset_rule == 1) {
		s = xasprintf(_("a local firewall rule sends resets: %s"),
		    l->firewall_detail ? l->firewall_detail : "?");
		add_part(&sb, s);
		free(s);
	}
	if (r->tls.intercepted)
		add_part(&sb, _("the certificate comes from a local or "
		    "security-software CA: something on this machine or "
		    "network intercepts TLS"));
	if (l->route_via_vpn) {
		s = xasprintf(_("the route to the site goes through the VPN "
		    "interface %s"), l->vpn_iface ? l->vpn_iface : "?");
		add_part(&sb, s);
		free(s);
	} else if (l->vpn_active) {
		s = xasprintf(_("VPN interface %s is up, but the route to the "
		    "site does not use it"), l->vpn_iface ? l->vpn_iface : "?");
		add_part(&sb, s);
		free(s);
	}
	if (l->hosts_entry) {
		s = xasprintf(_("/etc/hosts fixes the address: %s"),
		    l->hosts_entry);
		add_part(&sb, s);
		free(s);
	}
	if (local_family_split(r))
		add_part(&sb, _("IPv4 and IPv6 behave differently"));
	s = xasprintf(_("interface %s (%s), resolver %s"),
	    l->iface ? l->iface : "?", l->iface_kind ? l->iface_kind : "?",
	    l->resolver_kind ? l->resolver_kind : "?");
	add_part(&sb, s);
	free(s);
	if (l->firewall_reset_rule < 0 && l->firewall_detail) {
		s = xasprintf(_("firewall not inspected (%s)"),
		    l->firewall_detail);
		add_part(&sb, s);
		free(s);
	}
	return sb_detach(&sb);
}

void
res_local_clear(struct res_local *l)
{
	free(l->os);
	free(l->iface);
	free(l->iface_kind);
	free(l->vpn_iface);
	free(l->resolver_kind);
	free(l->hosts_entry);
	free(l->firewall_detail);
	free(l->dns_caches);
	free(l->dns_upstreams);
	free(l->route);
	memset(l, 0, sizeof(*l));
}
