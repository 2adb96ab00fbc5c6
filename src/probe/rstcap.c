/*
 * RST forensics. A packet socket (AF_PACKET, SOCK_DGRAM: the kernel hands
 * over IP packets) with a small BPF filter keeps only TCP segments from
 * the server's address and port; user space then picks the one
 * connection's SYN-ACK and first reset by the local port. It needs
 * CAP_NET_RAW; without it socket() fails with EPERM and the locator says
 * so. Reading is non-blocking and happens on the one loop.
 */
#include "config.h"

#include "probe/rstcap.h"
#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SNAPLEN 128		/* IPv6 header + the longest TCP header */
#define IPID_FAR 1024		/* IP IDs further apart look unrelated */
#define MAX_FILTER 16

struct rstcap {
	struct loop *lp;
	int fd;			/* -1 once closed */
	int watching;
	int sport;		/* the server's port */
	int lport;		/* the tracked connection's port, 0: none */
	struct rst_pkt synack, rst;
};

/* The likely initial TTL of a received ttl: 64, 128 or 255. */
int
rstcap_initial_ttl(int ttl)
{
	if (ttl <= 64)
		return 64;
	if (ttl <= 128)
		return 128;
	return 255;
}

/* The hop a packet received with ttl was sent from; see rstcap.h. */
int
rstcap_hop(int ttl)
{
	return rstcap_initial_ttl(ttl) - ttl + 1;
}

static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void
parse_tcp(const unsigned char *t, struct rst_pkt *out)
{
	out->sport = (int)get16(t);
	out->dport = (int)get16(t + 2);
	out->flags = t[13];
	out->window = get16(t + 14);
	out->seen = 1;
}

/* Parses one IP packet carrying TCP into *out; see rstcap.h. */
int
rstcap_parse(const unsigned char *pkt, size_t len, struct rst_pkt *out)
{
	size_t ihl;

	memset(out, 0, sizeof(*out));
	if (len < 1)
		return -1;
	if (pkt[0] >> 4 == 4) {
		ihl = (size_t)(pkt[0] & 0x0f) * 4;
		if (len < 20 || ihl < 20 || len < ihl + 20 || pkt[9] != 6 ||
		    (get16(pkt + 6) & 0x1fff) != 0)
			return -1;
		out->ttl = pkt[8];
		out->ipid = (int)get16(pkt + 4);
		parse_tcp(pkt + ihl, out);
		return 0;
	}
	if (pkt[0] >> 4 == 6) {
		if (len < 60 || pkt[6] != 6)
			return -1;
		out->ttl = pkt[7];
		out->ipid = -1;
		parse_tcp(pkt + 40, out);
		return 0;
	}
	return -1;
}

static const char *
flag_words(unsigned f, char *buf, size_t len)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ RSTCAP_SYN, "SYN" }, { RSTCAP_RST, "RST" },
		{ RSTCAP_FIN, "FIN" }, { RSTCAP_ACK, "ACK" }
	};
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		if (!(f & names[i].bit))
			continue;
		snprintf(buf + used, len - used, "%s%s", used ? "+" : "",
		    names[i].name);
		used = strlen(buf);
	}
	if (!used)
		snprintf(buf, len, "none");
	return buf;
}

static void
describe_ttl(struct strbuf *sb, int ttl)
{
	int hop = rstcap_hop(ttl);

	sb_addf(sb, ngettext("TTL %d (from %d: %d hop away)",
	    "TTL %d (from %d: %d hops away)", (unsigned long)hop), ttl,
	    rstcap_initial_ttl(ttl), hop);
}

/* The numbers of both packets, as one clause list. */
static void
describe(struct strbuf *sb, const struct rst_pkt *sa,
    const struct rst_pkt *r)
{
	char f1[32], f2[32];

	sb_add(sb, _("RST "));
	describe_ttl(sb, r->ttl);
	sb_add(sb, _(" vs SYN-ACK "));
	describe_ttl(sb, sa->ttl);
	if (r->ipid >= 0 && sa->ipid >= 0) {
		int d = abs(r->ipid - sa->ipid);

		if (d > 32768)
			d = 65536 - d;
		sb_addf(sb, _("; IP ID %d vs %d"), r->ipid, sa->ipid);
		if (d > IPID_FAR && r->ipid && sa->ipid)
			sb_add(sb, _(" (far apart)"));
	}
	sb_addf(sb, _("; TCP window %u vs %u; flags %s vs %s"), r->window,
	    sa->window, flag_words(r->flags, f1, sizeof(f1)),
	    flag_words(sa->flags, f2, sizeof(f2)));
}

/* Compares a reset with the SYN-ACK; see rstcap.h. */
int
rstcap_compare(const struct rst_pkt *synack, const struct rst_pkt *rst,
    char **detail)
{
	struct strbuf sb = STRBUF_INIT;
	int forged;

	if (!synack || !synack->seen) {
		xstrset(detail, _("Not compared: the capture saw no SYN-ACK "
		    "from the server on the connection that was reset."));
		return -1;
	}
	if (!rst || !rst->seen) {
		xstrset(detail, _("Not compared: no reset arrived on the "
		    "full-TTL connection, so there was nothing to compare."));
		return -1;
	}
	describe(&sb, synack, rst);
	/* The hop distance is the tell a box on the way cannot hide
	   without knowing how far the server is. */
	if (rstcap_hop(rst->ttl) != rstcap_hop(synack->ttl))
		sb_add(&sb, _(". The reset came from another hop than the "
		    "server's SYN-ACK: something on the way sent it."));
	else if (rstcap_initial_ttl(rst->ttl) !=
	    rstcap_initial_ttl(synack->ttl))
		sb_add(&sb, _(". The reset started with another initial TTL "
		    "than the server's SYN-ACK: another network stack sent "
		    "it."));
	else
		sb_add(&sb, _(". The reset came from the server's hop "
		    "distance: it looks like the server's own (a box right "
		    "next to the server would look the same)."));
	forged = rstcap_hop(rst->ttl) != rstcap_hop(synack->ttl) ||
	    rstcap_initial_ttl(rst->ttl) != rstcap_initial_ttl(synack->ttl);
	free(*detail);
	*detail = sb_detach(&sb);
	return forged;
}

/* One filter instruction list: TCP from the server's address and port. */
static size_t
build_filter(struct sock_filter *f, const struct sockaddr *dst)
{
	size_t n = 0, drop;
	int port;

	if (dst->sa_family == AF_INET) {
		const struct sockaddr_in *s = (const struct sockaddr_in *)dst;

		port = ntohs(s->sin_port);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_B | BPF_ABS,
		    9);
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
		    BPF_K, IPPROTO_TCP, 0, 0);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    12);
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
		    BPF_K, ntohl(s->sin_addr.s_addr), 0, 0);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LDX | BPF_B | BPF_MSH,
		    0);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_H | BPF_IND,
		    0);
	} else {
		const struct sockaddr_in6 *s =
		    (const struct sockaddr_in6 *)dst;
		const unsigned char *a = s->sin6_addr.s6_addr;

		port = ntohs(s->sin6_port);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_B | BPF_ABS,
		    6);
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
		    BPF_K, IPPROTO_TCP, 0, 0);
		for (int w = 0; w < 4; w++) {
			const unsigned char *q = a + 4 * w;

			f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W |
			    BPF_ABS, 8 + 4 * w);
			f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP |
			    BPF_JEQ | BPF_K, (unsigned)q[0] << 24 |
			    (unsigned)q[1] << 16 | (unsigned)q[2] << 8 | q[3],
			    0, 0);
		}
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_H | BPF_ABS,
		    40);
	}
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
	    (unsigned)port, 0, 0);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SNAPLEN);
	drop = n;
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 0);
	/* Every failed comparison jumps to the final "drop". */
	for (size_t i = 0; i < drop; i++)
		if (BPF_CLASS(f[i].code) == BPF_JMP)
			f[i].jf = (unsigned char)(drop - i - 1);
	return n;
}

static void
stop(struct rstcap *c)
{
	if (c->fd < 0)
		return;
	if (c->watching)
		loop_unwatch(c->lp, c->fd);
	close(c->fd);
	c->fd = -1;
	c->watching = 0;
}

/* Takes the tracked connection's first SYN-ACK and first reset. */
static void
on_packets(struct loop *lp, int fd, short revents, void *arg)
{
	struct rstcap *c = arg;
	unsigned char buf[SNAPLEN];
	struct rst_pkt pk;

	(void)lp;
	(void)revents;
	for (int i = 0; i < 64 && c->fd >= 0; i++) {
		ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT |
		    MSG_TRUNC);

		if (n < 0)
			break;
		if ((size_t)n > sizeof(buf))
			n = (ssize_t)sizeof(buf);
		if (rstcap_parse(buf, (size_t)n, &pk) < 0 ||
		    pk.sport != c->sport || pk.dport != c->lport)
			continue;
		if ((pk.flags & (RSTCAP_SYN | RSTCAP_ACK)) ==
		    (RSTCAP_SYN | RSTCAP_ACK) && !c->synack.seen)
			c->synack = pk;
		else if ((pk.flags & RSTCAP_RST) && !c->rst.seen)
			c->rst = pk;
		if (c->synack.seen && c->rst.seen)
			stop(c);
	}
}

/* Starts capturing segments from dst; see rstcap.h. */
struct rstcap *
rstcap_new(struct loop *lp, const struct sockaddr *dst, socklen_t dstlen)
{
	struct sock_filter code[MAX_FILTER];
	struct sock_fprog prog;
	struct rstcap *c;
	unsigned char junk[SNAPLEN];
	int fd, proto, saved;

	if (!dst || (dst->sa_family != AF_INET &&
	    dst->sa_family != AF_INET6) || dstlen < (dst->sa_family ==
	    AF_INET ? sizeof(struct sockaddr_in) :
	    sizeof(struct sockaddr_in6))) {
		errno = EINVAL;
		return NULL;
	}
	proto = htons(dst->sa_family == AF_INET ? ETH_P_IP : ETH_P_IPV6);
	fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    proto);
	if (fd < 0)
		return NULL;
	prog.len = (unsigned short)build_filter(code, dst);
	prog.filter = code;
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
	    sizeof(prog)) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return NULL;
	}
	/* What slipped in before the filter was attached is not ours. */
	while (recv(fd, junk, sizeof(junk), MSG_DONTWAIT) >= 0)
		;
	c = xcalloc(1, sizeof(*c));
	c->lp = lp;
	c->fd = fd;
	c->sport = ntohs(dst->sa_family == AF_INET ?
	    ((const struct sockaddr_in *)dst)->sin_port :
	    ((const struct sockaddr_in6 *)dst)->sin6_port);
	return c;
}

/* Counts only segments to fd's local port; see rstcap.h. */
void
rstcap_track(struct rstcap *c, int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (!c || c->fd < 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return;
	if (ss.ss_family == AF_INET)
		c->lport = ntohs(((struct sockaddr_in *)&ss)->sin_port);
	else if (ss.ss_family == AF_INET6)
		c->lport = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	memset(&c->synack, 0, sizeof(c->synack));
	memset(&c->rst, 0, sizeof(c->rst));
	/* Segments queued since rstcap_new() are read on the next turn. */
	loop_watch(c->lp, c->fd, POLLIN, on_packets, c);
	c->watching = 1;
}

/* Reads what is queued and fills the forged fields; see rstcap.h. */
void
rstcap_conclude(struct rstcap *c, struct res_locator *out)
{
	if (c->fd >= 0)
		on_packets(c->lp, c->fd, POLLIN, c);
	stop(c);
	if (!c->lport) {
		out->forged = -1;
		xstrset(&out->forged_detail, _("Not compared: the full-TTL "
		    "connection could not be opened."));
		return;
	}
	out->forged = rstcap_compare(&c->synack, &c->rst,
	    &out->forged_detail);
}

/* Stops the capture and frees it; see rstcap.h. */
void
rstcap_free(struct rstcap *c)
{
	if (!c)
		return;
	stop(c);
	free(c);
}

/* Explains why the reset was not compared; see rstcap.h. */
void
rstcap_unavailable(struct res_locator *out, int err)
{
	char *why;

	out->forged = -1;
	if (err == EPERM || err == EACCES) {
		/*
		 * The program by name, never this machine's path to it: the
		 * line ends up in reports sent to other people.
		 */
		free(out->forged_detail);
		out->forged_detail = xstrdup(_("Not checked: capturing the "
		    "reset and the server's SYN-ACK would show whether the "
		    "reset was forged on the way (a different IP TTL, IP ID "
		    "or TCP window), but that needs the CAP_NET_RAW "
		    "privilege. To grant it: sudo setcap cap_net_raw+ep "
		    "\"$(command -v connreset)\""));
		return;
	}
	why = sanitize_str(strerror(err), 0);
	free(out->forged_detail);
	out->forged_detail = xasprintf(_("Not checked: packets cannot be "
	    "captured here (%s), so the reset's IP TTL, IP ID and TCP window "
	    "were not compared with the server's SYN-ACK."), why);
	free(why);
}
