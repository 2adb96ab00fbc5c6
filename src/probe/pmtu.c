/* Packet size on the way to a server (see pmtu.h). */
#include "config.h"

#include "probe/pmtu.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* The interface that carries local address a, or NULL. */
static char *
iface_of(const struct sockaddr_storage *a)
{
	struct ifaddrs *all, *i;
	char *name = NULL;

	if (getifaddrs(&all) < 0)
		return NULL;
	for (i = all; i && !name; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != a->ss_family)
			continue;
		if (a->ss_family == AF_INET &&
		    ((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr ==
		    ((const struct sockaddr_in *)a)->sin_addr.s_addr)
			name = xstrdup(i->ifa_name);
		else if (a->ss_family == AF_INET6 &&
		    memcmp(&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr,
		    &((const struct sockaddr_in6 *)a)->sin6_addr,
		    sizeof(struct in6_addr)) == 0)
			name = xstrdup(i->ifa_name);
	}
	freeifaddrs(all);
	return name;
}

static int
iface_mtu(int fd, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	if (strlen(name) >= sizeof(ifr.ifr_name))
		return 0;
	memcpy(ifr.ifr_name, name, strlen(name));
	return ioctl(fd, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu > 0 ?
	    ifr.ifr_mtu : 0;
}

int
pmtu_read(const char *addr, struct res_pmtu *out)
{
	struct sockaddr_storage dst, me;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&dst;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&dst;
	socklen_t len, mlen = sizeof(me);
	int fd, mtu = 0;
	char *name;

	memset(&dst, 0, sizeof(dst));
	if (addr && inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(9);
		len = sizeof(*s4);
	} else if (addr && inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(9);
		len = sizeof(*s6);
	} else {
		return -1;
	}
	fd = socket(dst.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	if (connect(fd, (struct sockaddr *)&dst, len) == 0) {
		socklen_t ml = sizeof(mtu);

		if (dst.ss_family == AF_INET6 ?
		    getsockopt(fd, IPPROTO_IPV6, IPV6_MTU, &mtu, &ml) :
		    getsockopt(fd, IPPROTO_IP, IP_MTU, &mtu, &ml))
			mtu = 0;
		out->path_mtu = mtu > 0 ? mtu : 0;
		if (getsockname(fd, (struct sockaddr *)&me, &mlen) == 0 &&
		    (name = iface_of(&me)) != NULL) {
			out->if_mtu = iface_mtu(fd, name);
			free(out->ifname);
			out->ifname = sanitize_str(name, 0);
			free(name);
		}
	}
	close(fd);
	return 0;
}
