/*
 * RST forensics for the reset locator: with CAP_NET_RAW, capture the
 * server's SYN-ACK and the reset of one connection and compare their IP
 * TTL, IP ID, TCP window and flags (after Weaver, Sommer and Paxson,
 * "Detecting Forged TCP Reset Packets", NDSS 2009). A reset that arrives
 * from a different hop distance than the server's own handshake was made
 * by something on the way. Without the privilege the locator says what
 * the capture would add and how to grant it.
 */
#ifndef CONNRESET_PROBE_RSTCAP_H
#define CONNRESET_PROBE_RSTCAP_H

#include <stddef.h>
#include <sys/socket.h>

#include "core/loop.h"
#include "probe/result.h"

/* TCP header flag bits as they appear in the 14th header byte. */
#define RSTCAP_FIN 0x01
#define RSTCAP_SYN 0x02
#define RSTCAP_RST 0x04
#define RSTCAP_ACK 0x10

/* What one captured TCP segment said about its sender. */
struct rst_pkt {
	int seen;		/* 0: nothing captured */
	int ttl;		/* IPv4 TTL or IPv6 hop limit as received */
	int ipid;		/* IPv4 identification, -1 for IPv6 */
	unsigned window;	/* TCP window field, unscaled */
	unsigned flags;		/* TCP flags byte (RSTCAP_*) */
	int sport, dport;	/* TCP ports, host order */
};

/* The likely initial TTL of a received ttl: 64, 128 or 255. */
int rstcap_initial_ttl(int ttl);
/*
 * The hop (traceroute TTL) a packet received with ttl was sent from, when
 * it started at rstcap_initial_ttl(ttl): the next router is hop 1.
 */
int rstcap_hop(int ttl);

/*
 * Parses one IP packet (IPv4 or IPv6 without extension headers) carrying
 * TCP into *out; 0 on success, -1 when it is anything else or cut short.
 */
int rstcap_parse(const unsigned char *pkt, size_t len, struct rst_pkt *out);

/*
 * Compares a reset with the same connection's SYN-ACK. Returns 1 when the
 * reset was made elsewhere (another hop distance or initial TTL), 0 when
 * it matches the server, -1 when either packet is missing. *detail gets a
 * sentence with the numbers, owned by the caller.
 */
int rstcap_compare(const struct rst_pkt *synack, const struct rst_pkt *rst,
    char **detail);

struct rstcap;

/*
 * Starts capturing TCP segments from dst (the server's address and port)
 * on lp. Returns NULL with errno set when packets cannot be captured
 * here; EPERM or EACCES mean the CAP_NET_RAW privilege is missing.
 */
struct rstcap *rstcap_new(struct loop *lp, const struct sockaddr *dst,
    socklen_t dstlen);
/* Counts only segments to the local port of the connected socket fd. */
void rstcap_track(struct rstcap *c, int fd);
/*
 * Reads what is queued, then fills out->forged and out->forged_detail
 * from the tracked connection's SYN-ACK and reset.
 */
void rstcap_conclude(struct rstcap *c, struct res_locator *out);
/* Stops the capture and frees it; rstcap_free(NULL) is fine. */
void rstcap_free(struct rstcap *c);

/*
 * Sets out->forged to -1 and explains why the reset was not compared:
 * err is the errno of rstcap_new(); for a missing privilege the detail
 * names the setcap command for this program.
 */
void rstcap_unavailable(struct res_locator *out, int err);

#endif
