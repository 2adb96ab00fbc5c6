#include "config.h"

#include "probe/local.h"

#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/loop.h"
#include "core/sanitize.h"
#include "core/spawn.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/local_dns.h"
#include "probe/local_fw.h"

#include <stdio.h>
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#define FILE_MAX (256 * 1024)
#define FW_OUTPUT_MAX (4 * 1024 * 1024)

enum fw_step { FW_NFT, FW_IPT, FW_DONE };

struct local_probe {
	struct probe_env *env;
	struct res_local *out;
	probe_done_cb done;
	void *arg;
	char *addr;		/* NULL when DNS gave nothing */
	int port;
	int v6;
	struct spawn *sp;
	enum fw_step step;
	int fw_found;		/* 1 found, 0 none, -1 nothing readable */
	struct strbuf fw_why;	/* why helpers could not be used */
	uint64_t t_defer;
};

/* A small system file whole (longer ones cut), or NULL when absent. */
static char *
read_file(const char *path)
{
	return file_read(path, FILE_MAX, FILE_TRUNCATE, NULL);
}

static void
read_os(struct res_local *o)
{
	struct utsname u;
	char *osr = read_file("/etc/os-release");

	if (!osr)
		osr = read_file("/usr/lib/os-release");
	if (uname(&u) == 0)
		o->os = local_os_name(u.sysname, u.release, osr);
	free(osr);
}

/* Is addr loopback, or assigned to one of this machine's interfaces? */
static int
is_own_address(const char *addr)
{
	unsigned char ip[16], mine[16];
	int fam = strchr(addr, ':') ? AF_INET6 : AF_INET;
	size_t len = fam == AF_INET6 ? 16 : 4;
	struct ifaddrs *ifa = NULL;
	int own = 0;

	if (inet_pton(fam, addr, ip) != 1)
		return 0;
	if ((fam == AF_INET && ip[0] == 127) ||
	    (fam == AF_INET6 && IN6_IS_ADDR_LOOPBACK((struct in6_addr *)ip)))
		return 1;
	if (getifaddrs(&ifa) != 0)
		return 0;
	for (struct ifaddrs *i = ifa; i && !own; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != fam)
			continue;
		if (fam == AF_INET)
			memcpy(mine, &((struct sockaddr_in *)(void *)
			    i->ifa_addr)->sin_addr, 4);
		else
			memcpy(mine, &((struct sockaddr_in6 *)(void *)
			    i->ifa_addr)->sin6_addr, 16);
		own = memcmp(mine, ip, len) == 0;
	}
	freeifaddrs(ifa);
	return own;
}

/* The route to addr (or the default route) and its interface. */
static void
read_route(struct local_probe *p, const struct local_iface *ifs, size_t n)
{
	struct res_local *o = p->out;
	const char *a = p->addr ? p->addr : p->v6 ? "::" : "0.0.0.0";
	char *text = read_file(p->v6 ? "/proc/net/ipv6_route" :
	    "/proc/net/route");
	struct local_route r;
	char *raw;

	memset(&r, 0, sizeof(r));
	/* The main table holds no routes to this machine's own addresses. */
	if (p->addr && is_own_address(p->addr)) {
		free(text);
		o->route = xasprintf(_("%s: dev lo (this machine)"), p->addr);
		o->iface = xstrdup("lo");
		o->iface_kind = xstrdup("loopback");
		return;
	}
	if (!text || local_route_lookup(text, a, &r) < 0) {
		free(text);
		return;
	}
	free(text);
	raw = xasprintf("%s: dev %s%s%s (a /%d route)", a, r.iface,
	    *r.gateway ? " via " : "", r.gateway, r.prefix);
	o->route = sanitize_str(raw, 0);
	free(raw);
	o->iface = sanitize_str(r.iface, 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(ifs[i].name, r.iface) == 0) {
			o->iface_kind = xstrdup(local_iface_kind(&ifs[i]));
			o->route_via_vpn = local_iface_is_vpn(&ifs[i]);
		}
	if (!o->iface_kind)
		o->iface_kind = xstrdup("other");
}

static void
read_ifaces(struct local_probe *p)
{
	struct local_iface *ifs = NULL;
	size_t n = local_ifaces("/sys/class/net", &ifs);
	struct res_local *o = p->out;

	for (size_t i = 0; i < n; i++)
		if (ifs[i].up && local_iface_is_vpn(&ifs[i]) &&
		    !o->vpn_active) {
			o->vpn_active = 1;
			o->vpn_iface = sanitize_str(ifs[i].name, 0);
		}
	read_route(p, ifs, n);
	/* The route's own VPN interface is the one worth naming. */
	if (o->route_via_vpn && o->iface)
		xstrset(&o->vpn_iface, o->iface);
	free(ifs);
}

static void
read_dns(struct local_probe *p, const struct res_target *t)
{
	struct local_dns_setup s;
	char *hosts = read_file("/etc/hosts");

	local_dns_detect("", &s);
	p->out->resolver_kind = s.kind;
	p->out->dns_caches = s.caches;
	p->out->dns_upstreams = s.upstreams;
	free(s.nameservers);
	if (hosts && t->ascii_host && !t->host_is_ip)
		p->out->hosts_entry = local_hosts_entry(hosts, t->ascii_host);
	free(hosts);
}

/* ---- the firewall ---- */

static void
deliver(struct loop *lp, void *arg)
{
	struct local_probe *p = arg;

	(void)lp;
	p->t_defer = 0;
	p->done(p->arg);
	local_probe_cancel(p);
}

static void fw_next(struct local_probe *p);

static void
fw_done(const struct spawn_result *r, void *arg)
{
	struct local_probe *p = arg;
	const char *tool = p->step == FW_NFT ? "nft" : p->v6 ?
	    "ip6tables-save" : "iptables-save";
	char *why = local_fw_failure(tool, r), *detail = NULL;
	char *text = xstrndup(r->out, r->out_len);
	int found;

	p->sp = NULL;
	if (why) {
		char *all = local_fw_join(sb_str(&p->fw_why), why);

		sb_reset(&p->fw_why);
		sb_add(&p->fw_why, all);
		free(all);
		free(why);
	} else {
		found = p->step == FW_NFT ? local_fw_nft(text, p->addr,
		    p->port, &detail) : local_fw_iptables(text, p->addr,
		    p->port, &detail);
		if (found > p->fw_found)
			p->fw_found = found;
		if (found == 1 && !p->out->firewall_detail) {
			p->out->firewall_detail = detail;
			detail = NULL;
		} else if (found < 0 && detail)
			sb_addf(&p->fw_why, "%s%s", p->fw_why.len ? "; " : "",
			    detail);
		free(detail);
	}
	free(text);
	p->step++;
	fw_next(p);
}

/* Runs nft, then iptables-save (iptables-nft rules hide their details
 * from nft's JSON), then ends. */
static void
fw_next(struct local_probe *p)
{
	static const char *const nft[] = { "nft", "-j", "list", "ruleset",
	    NULL };
	static const char *const ipt4[] = { "iptables-save", NULL };
	static const char *const ipt6[] = { "ip6tables-save", NULL };
	struct res_local *o = p->out;

	if (p->step == FW_NFT || p->step == FW_IPT) {
		p->sp = spawn_start(p->env->loop, p->step == FW_NFT ? nft :
		    p->v6 ? ipt6 : ipt4, p->env->timeout_ms, FW_OUTPUT_MAX,
		    fw_done, p);
		return;
	}
	o->firewall_reset_rule = p->fw_found;
	if (p->fw_found < 0 && !o->firewall_detail)
		o->firewall_detail = p->fw_why.len ? sanitize_str(p->fw_why.s,
		    0) : xstrdup(_("no firewall tool could be run"));
	o->ran = 1;
	p->t_defer = loop_timer_add(p->env->loop, 0, deliver, p);
}

struct local_probe *
local_probe_start(struct probe_env *env, const struct res_target *t,
    const char *addr, struct res_local *out, probe_done_cb done, void *arg)
{
	struct local_probe *p = xcalloc(1, sizeof(*p));

	p->env = env;
	p->out = out;
	p->done = done;
	p->arg = arg;
	p->addr = addr && *addr ? xstrdup(addr) : NULL;
	p->port = t->port;
	p->v6 = p->addr && strchr(p->addr, ':') != NULL;
	p->fw_found = -1;
	read_os(out);
	read_ifaces(p);
	read_dns(p, t);
	p->step = FW_NFT;
	fw_next(p);
	return p;
}

void
local_probe_cancel(struct local_probe *p)
{
	if (!p)
		return;
	spawn_cancel(p->sp);
	loop_timer_cancel(p->env->loop, p->t_defer);
	sb_free(&p->fw_why);
	free(p->addr);
	free(p);
}
