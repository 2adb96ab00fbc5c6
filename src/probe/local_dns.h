/*
 * Which resolver setup the machine uses and which local DNS caches sit
 * in front of it: plain /etc/resolv.conf, the systemd-resolved listener (127.0.0.53),
 * nscd, a local dnsmasq or unbound, macOS's mDNSResponder. Reads small
 * files under a root directory ("" for the real system; tests pass a
 * fixture tree) and the process names in <root>/proc/<pid>/comm.
 */
#ifndef CONNRESET_PROBE_LOCAL_DNS_H
#define CONNRESET_PROBE_LOCAL_DNS_H

#include <stddef.h>

/* What was found; every string owned by the struct. */
struct local_dns_setup {
	char *kind;		/* resolver_kind: "resolv.conf",
				   "systemd-resolved", "dnsmasq", "unbound",
				   "nscd", "local", "mDNSResponder" */
	char *caches;		/* every local cache, space-separated,
				   NULL when none */
	char *upstreams;	/* servers behind a local forwarder, or NULL */
	char *nameservers;	/* resolv.conf's nameservers, comma list */
};

/* Detects the setup under root ("" for the running system). */
void local_dns_detect(const char *root, struct local_dns_setup *out);
void local_dns_setup_clear(struct local_dns_setup *s);
/*
 * Finds running processes whose comm is name under root's /proc; fills
 * at most max pids and returns the count.
 */
size_t local_find_procs(const char *root, const char *name, int *pids,
    size_t max);
/* The nameserver lines of resolv.conf text, comma-joined, owned. */
char *local_nameservers(const char *resolv_conf);

#endif
