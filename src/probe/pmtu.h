/*
 * Packet size on the way to a server: what the kernel knows of the
 * path's MTU and the MTU of the interface the route leaves by. A path
 * that loses full-size packets without saying so (no ICMP "fragmentation
 * needed") is a PMTU black hole: connections open, their answers never
 * come.
 */
#ifndef CONNRESET_PROBE_PMTU_H
#define CONNRESET_PROBE_PMTU_H

#include "probe/result.h"

/* Segment size the packet-size check retries with (fits any path). */
#define PMTU_SMALL_MSS 1200

/*
 * Reads out->path_mtu (IP_MTU / IPV6_MTU of a connected UDP socket: no
 * packet is sent), out->ifname and out->if_mtu for numeric addr. What
 * cannot be read stays 0 / NULL. Returns 0, or -1 when addr does not
 * parse.
 */
int pmtu_read(const char *addr, struct res_pmtu *out);

#endif
