/*
 * The local check: what on the person's own machine could reset or
 * divert the connection. VPN/tunnel interfaces and whether the route to
 * the target uses one, the interface and its kind, the OS, the resolver
 * setup and /etc/hosts, and firewall rules that answer with a TCP reset.
 * Files under /proc, /sys and /etc are read directly (small, local);
 * the firewall helpers (nft, iptables-save) run through core/spawn.
 */
#ifndef CONNRESET_PROBE_LOCAL_H
#define CONNRESET_PROBE_LOCAL_H

#include <stddef.h>

#include "probe/env.h"
#include "probe/result.h"

struct local_probe;

/*
 * Examines the machine for target t reached at addr (numeric, may be
 * NULL or "" when DNS failed: then only the default route is examined).
 * done runs once from the loop; the probe frees itself afterwards.
 */
struct local_probe *local_probe_start(struct probe_env *env,
    const struct res_target *t, const char *addr, struct res_local *out,
    probe_done_cb done, void *arg);
/* Stops and frees the probe; done is not called. */
void local_probe_cancel(struct local_probe *p);

/*
 * Returns 1 when IPv4 and IPv6 TCP connects disagree (one family opens,
 * every attempt of the other fails), 0 otherwise or when only one
 * family was tried.
 */
int local_family_split(const struct probe_results *r);
/*
 * One translated line for the local check's summary, mentioning a VPN
 * route, a reset rule, an /etc/hosts entry and TLS interception
 * (r->tls.intercepted) when present. Owned by the caller.
 */
char *local_summary(const struct probe_results *r);
/* Frees everything l owns (including the fields after ran), zeroes it. */
void res_local_clear(struct res_local *l);

/* ---- pure pieces, exposed for the unit tests ---- */

/* The route chosen for an address. */
struct local_route {
	char iface[32];
	int prefix;		/* prefix length of the route */
	unsigned long metric;
	char gateway[64];	/* "" when on-link */
};

/*
 * Longest-prefix match of addr (IPv4 or IPv6) over /proc/net/route or
 * /proc/net/ipv6_route text (the one for addr's family); ties go to the
 * lowest metric. Returns 0 and fills *out, or -1 when nothing matches.
 */
int local_route_lookup(const char *route_text, const char *addr,
    struct local_route *out);

/* An interface as /sys/class/net shows it. */
struct local_iface {
	char name[32];
	int type;		/* ARPHRD_* from "type" */
	int up;			/* IFF_UP in "flags" */
	int tun;		/* has tun_flags (tun/tap) */
	int wireless;		/* has wireless/ or phy80211 */
	int bridge;		/* has bridge/ */
};

/* Reads every interface under sysfs_net; returns the count, owned array. */
size_t local_ifaces(const char *sysfs_net, struct local_iface **out);
/* Non-zero when the interface is a VPN or tunnel. */
int local_iface_is_vpn(const struct local_iface *i);
/* "loopback", "vpn", "wifi", "bridge", "ethernet" or "other". */
const char *local_iface_kind(const struct local_iface *i);

/* "Linux 6.1.0 (Debian GNU/Linux 12 (bookworm))", owned, sanitized. */
char *local_os_name(const char *sysname, const char *release,
    const char *os_release_text);
/* The /etc/hosts lines naming host ("; "-joined, sanitized) or NULL. */
char *local_hosts_entry(const char *hosts_text, const char *host);

#endif
