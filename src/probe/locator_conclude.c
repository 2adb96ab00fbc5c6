/*
 * The reset locator's pure half: from the outcomes of the replays and the
 * trace's hops to the verdict fields of struct res_locator (which TTL
 * first drew a reset, which hop that points at, and what is known of
 * that hop). No I/O; exposed through locator.h for the unit tests.
 */
#include "config.h"

#include "probe/locator.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <stdlib.h>

/* The lowest TTL whose outcome is a reset, 0 when none. */
int
locator_first_reset(const enum loc_outcome *o, int n)
{
	for (int i = 0; i < n; i++)
		if (o[i] == LOC_RESET)
			return i + 1;
	return 0;
}

/* The address the trace saw at ttl, NULL when silent or not traced. */
static const char *
hop_addr(const struct res_path *path, int ttl)
{
	if (!path || ttl < 1 || (size_t)ttl > path->nhops ||
	    ttl > RES_MAX_HOPS)
		return NULL;
	return path->hops[ttl - 1].addr;
}

/*
 * Names hop h from the trace, or says that it did not identify itself
 * and which identified hops surround it. Never a neighbour's address:
 * the device that filters is at h, whatever answers next to it.
 */
static void
name_near_hop(struct res_locator *out, const struct res_path *path, int h)
{
	const char *a = hop_addr(path, h);

	out->near_hop_ttl = h;
	out->near_hop_addr = xstrdup(a);
	if (a)
		return;
	out->near_hop_unidentified = 1;
	for (int t = h - 1; t >= 1; t--)
		if (hop_addr(path, t)) {
			out->near_hop_before_ttl = t;
			out->near_hop_before_addr = xstrdup(hop_addr(path, t));
			break;
		}
	for (int t = h + 1; path && (size_t)t <= path->nhops; t++)
		if (hop_addr(path, t)) {
			out->near_hop_after_ttl = t;
			out->near_hop_after_addr = xstrdup(hop_addr(path, t));
			break;
		}
}

/* Forgets what an earlier conclusion said about the near hop. */
static void
clear_near_hop(struct res_locator *out)
{
	out->near_hop_ttl = 0;
	out->near_hop_unidentified = out->near_hop_inferred = 0;
	out->near_hop_before_ttl = out->near_hop_after_ttl = 0;
	free(out->near_hop_addr);
	free(out->near_hop_before_addr);
	free(out->near_hop_after_addr);
	out->near_hop_addr = out->near_hop_before_addr = NULL;
	out->near_hop_after_addr = NULL;
}

/* Fills the verdict fields of *out from both replays and the path. */
void
locator_conclude(struct res_locator *out, const enum loc_outcome *real,
    const enum loc_outcome *control, int n, const struct res_path *path)
{
	int first = locator_first_reset(real, n);

	out->first_reset_ttl = first;
	out->control_first_reset_ttl = locator_first_reset(control, n);
	out->control_reset = out->control_first_reset_ttl > 0;
	clear_near_hop(out);
	if (first > 0) {
		/*
		 * A router looks at what it forwards only after its own TTL
		 * check, so a request sent with TTL t reaches the filtering
		 * of hops up to t-1 (and any device between hop t-1 and
		 * hop t that does not count as a hop). A reset first seen
		 * at TTL t therefore points at hop t-1 - unless t is the
		 * server's own distance, where the server answers itself.
		 */
		int h = first;

		if (first >= 2 && (out->server_distance <= 0 ||
		    first < out->server_distance))
			h = first - 1;
		name_near_hop(out, path, h);
	}
	/* Nothing but this machine sees a TTL-1 packet before a router. */
	out->local = first == 1 && out->server_distance > 1;
}

/* Puts the route's gateway on a silent first hop, flagged inferred. */
void
locator_infer_first_hop(struct res_locator *out, const char *gateway)
{
	if (!out->near_hop_unidentified || out->near_hop_ttl != 1 ||
	    out->near_hop_addr || !gateway || !*gateway ||
	    out->server_distance == 1)
		return;
	out->near_hop_addr = sanitize_str(gateway, 0);
	out->near_hop_inferred = 1;
}
