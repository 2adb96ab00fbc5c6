/*
 * The kernel's TCP counters (what `netstat -s` prints), read from
 * /proc/net/snmp and /proc/net/netstat without privileges. A snapshot is
 * taken before and after a sweep; the deltas are evidence, with the
 * caveat that they count every connection of the machine (or of its
 * network namespace), not only the sweep's.
 */
#ifndef CONNRESET_PROBE_KSTAT_H
#define CONNRESET_PROBE_KSTAT_H

#include "probe/result.h"

/* The counters kept, in report order. */
#define KSTAT_N 12

struct kstat_snap {
	int ok;			/* both files were read */
	long long v[KSTAT_N];
	int have[KSTAT_N];	/* the kernel has this counter */
	char err[160];		/* why not, when !ok */
};

/* The name of counter i ("EstabResets" ...), i < KSTAT_N. */
const char *kstat_name(int i);
/* Fills s from the texts of /proc/net/snmp and /proc/net/netstat. */
void kstat_parse(const char *snmp, const char *netstat,
    struct kstat_snap *s);
/* Reads the two files now (the paths are for tests; NULL: /proc). */
void kstat_read(const char *snmp_path, const char *netstat_path,
    struct kstat_snap *s);
/* The deltas after minus before into out (cleared first). */
void kstat_delta(const struct kstat_snap *before,
    const struct kstat_snap *after, struct res_kstat *out);

#endif
