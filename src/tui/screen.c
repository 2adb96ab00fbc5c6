/* The one table of the wizard's screens, in the order of enum screen_id. */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>

static const struct screen_ops *const screens[SCR_COUNT] = {
	[SCR_START] = &screen_start,
	[SCR_CHECKS] = &screen_checks,
	[SCR_STEP] = &screen_step,
	[SCR_VERDICT] = &screen_verdict,
	[SCR_SUMMARY] = &screen_summary,
	[SCR_FIXED] = &screen_fixed,
	[SCR_PATH] = &screen_path,
};

/* The screen with this id; a hole in the table is a bug, so it aborts. */
const struct screen_ops *
screen_of(enum screen_id id)
{
	if ((unsigned)id >= SCR_COUNT || !screens[id] ||
	    screens[id]->id != id) {
		fprintf(stderr, "connreset: no screen %d\n", (int)id);
		abort();
	}
	return screens[id];
}
