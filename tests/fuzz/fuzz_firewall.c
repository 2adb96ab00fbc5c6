/*
 * The firewall readers (probe/local_fw.c): `nft -j list ruleset` JSON
 * when the first byte is even, iptables-save text when it is odd; the
 * first byte also picks the target address and port. A rule found is
 * described in one clean line.
 */
#include "config.h"

#include "probe/local_fw.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const addrs[] = { "198.18.0.5", "2001:db8::1",
	    "192.0.2.9", "not an address" };
	static const int ports[] = { 443, 80, 22, 0 };
	char *text, *detail = NULL;
	const char *addr;
	int rc, port;

	if (size < 1)
		return 0;
	addr = addrs[(data[0] >> 1) & 3];
	port = ports[(data[0] >> 3) & 3];
	text = fuzz_str(data + 1, size - 1);
	if (data[0] & 1)
		rc = local_fw_iptables(text, addr, port, &detail);
	else
		rc = local_fw_nft(text, addr, port, &detail);
	FUZZ_REQUIRE(rc >= -1 && rc <= 1, "a known result");
	FUZZ_REQUIRE(rc == 0 ? !detail : detail != NULL,
	    "a detail exactly when there is something to say");
	FUZZ_SAFE(detail, "detail is clean");
	free(detail);
	free(text);
	return 0;
}
