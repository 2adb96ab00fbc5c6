/*
 * The kernel's TCP counters (what `netstat -s` shows): read when the
 * sweep starts and again once every other check has ended; the growth is
 * evidence, for the whole machine rather than the sweep alone.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/kstat.h"
#include "sweep/sweep_check.h"

struct counters_state {
	struct kstat_snap before;
};

static void
start(struct sweep *sw, struct check_run *run)
{
	struct counters_state *st = run->state;

	sweep_begin(sw, run);
	kstat_read(NULL, NULL, &st->before);
}

/* Non-zero while a check other than this one is queued or running. */
static int
others_busy(const struct sweep *sw, const struct check_run *self)
{
	for (size_t i = 0; i < sw->nruns; i++) {
		const struct check_run *o = &sw->runs[i];

		if (o == self || !o->c)
			continue;
		if (o->c->state == CHECK_QUEUED ||
		    o->c->state == CHECK_RUNNING)
			return 1;
	}
	return 0;
}

/* Once the last other check ended: the counters again, and the growth. */
static void
react(struct sweep *sw, struct check_run *run, const struct check_run *other)
{
	struct counters_state *st = run->state;
	struct kstat_snap after;

	(void)other;
	if (run->c->state != CHECK_RUNNING || others_busy(sw, run))
		return;
	kstat_read(NULL, NULL, &after);
	kstat_delta(&st->before, &after, &sw->r.kstat);
	sweep_finish(sw, run);
}

const struct check_kind check_counters = {
	.id = "counters",
	.title = N_("TCP counters of this machine"),
	.state_size = sizeof(struct counters_state),
	.start = start,
	.react = react,
	.status = sweep_counters_status,
	.summary = sweep_counters_summary,
};
