/*
 * The local system readers (probe/local_sys.c, probe/local_dns.c): the
 * first byte picks /etc/hosts, resolv.conf, /proc/net/route (IPv4 or
 * IPv6) or os-release; the rest is the file's text.
 */
#include "config.h"

#include "probe/local.h"
#include "probe/local_dns.h"
#include "fuzz.h"

static void
route_case(const char *text, const char *addr)
{
	struct local_route r;

	memset(&r, 0, sizeof(r));
	if (local_route_lookup(text, addr, &r) == 0) {
		FUZZ_REQUIRE(memchr(r.iface, '\0', sizeof(r.iface)),
		    "iface is terminated");
		FUZZ_REQUIRE(memchr(r.gateway, '\0', sizeof(r.gateway)),
		    "gateway is terminated");
		FUZZ_REQUIRE(r.prefix >= 0 && r.prefix <= 128,
		    "prefix in range");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const hosts[] = { "pinned.example", "localhost",
	    "192.0.2.10", "" };
	char *text, *s;

	if (size < 1)
		return 0;
	text = fuzz_str(data + 1, size - 1);
	switch (data[0] & 7) {
	case 0:
	case 1:
		s = local_hosts_entry(text, hosts[(data[0] >> 3) & 3]);
		FUZZ_SAFE(s, "hosts entry is clean");
		free(s);
		break;
	case 2:
		s = local_nameservers(text);
		FUZZ_SAFE(s, "nameservers are clean");
		free(s);
		break;
	case 3:
		route_case(text, "198.51.100.7");
		break;
	case 4:
		route_case(text, "2001:db8:1::5");
		break;
	default:
		s = local_os_name("Linux", "6.1.0", text);
		FUZZ_REQUIRE(s && fuzz_terminal_safe(s, 0), "OS name clean");
		free(s);
		break;
	}
	free(text);
	return 0;
}
