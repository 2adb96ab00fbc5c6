/*
 * The registry: the only list of the sweep's checks, in display order
 * (what the person's request needs first comes first). Adding a check
 * is one line here and one check_*.c; see README, "Adding a check".
 */
#include "config.h"

#include "sweep/check.h"
#include "sweep/sweep_check.h"

#include "core/i18n.h"

#include <string.h>

const struct check_kind *const sweep_checks[] = {
	&check_proxy,
	&check_local,
	&check_dns,
	&check_tcp,
	&check_http,
	&check_addresses,
	&check_tls,
	&check_variation,
	&check_mismatch,
	&check_path,
	&check_locator,
	/* After the path's lines, so an 80x24 screen keeps the locator. */
	&check_trigger,
	/* Runs first (DNS waits for it); listed with the browser's extras. */
	&check_redirects,
	&check_protocol,
	&check_clock,
	&check_bighello,
	&check_pmtu,
	&check_counters,
	&check_watch,
	&check_flush,
	NULL
};

#define NCHECKS (sizeof(sweep_checks) / sizeof(sweep_checks[0]) - 1)
_Static_assert(NCHECKS <= RES_MAX_CHECKS,
    "more checks than RES_MAX_CHECKS lines in the results");

/* Index of the kind with this id in sweep_checks[], or -1. */
int
checks_index(const char *id)
{
	for (size_t i = 0; id && sweep_checks[i]; i++)
		if (strcmp(sweep_checks[i]->id, id) == 0)
			return (int)i;
	return -1;
}

/* Translated title of a check id (the id itself when unknown). */
const char *
sweep_check_title(const char *id)
{
	int i = checks_index(id);

	return i < 0 ? id : _(sweep_checks[i]->title);
}
