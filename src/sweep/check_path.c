/*
 * The path: a traceroute to the address with TCP SYNs to the target port,
 * and a UDP trace when the SYNs go unanswered or refused (on the path, or
 * by every address the TCP check tried), whose distance then says whether
 * they die on the way or at the server's door. Once done, while someone
 * watches the path (sweep_path_refine), the trace keeps refining.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/path.h"
#include "sweep/sweep_check.h"

struct path_state {
	struct path_probe *path;	/* the TCP trace */
	struct path_probe *udp;		/* the UDP trace, when needed */
	struct res_path udp_path;	/* its result, read into r.path */
	struct path_probe *refine;	/* rounds over r.path, on demand */
};

static void
stop_refine(struct path_state *st)
{
	path_probe_cancel(st->refine);
	st->refine = NULL;
}

/* The check ends when both traces (TCP, and UDP if any) did. */
static void
finish_path(struct sweep *sw, struct check_run *run)
{
	struct path_state *st = run->state;

	if (st->path || st->udp)
		return;
	sweep_finish(sw, run);
}

static void
udp_done(void *arg)
{
	struct check_run *run = arg;
	struct path_state *st = run->state;
	struct sweep *sw = run->sw;

	st->udp = NULL;
	xstrset(&sw->r.path.alt_method, "udp");
	sw->r.path.alt_distance = st->udp_path.reached ?
	    (int)st->udp_path.nhops : 0;
	res_path_clear(&st->udp_path);
	finish_path(sw, run);
	sweep_changed(sw);
}

/* The UDP trace, once per trace (the check runs again if it ended). */
static void
start_udp(struct sweep *sw, struct check_run *run)
{
	struct path_state *st = run->state;

	if (st->udp || sw->r.path.alt_method || !sweep_address(sw) ||
	    run->c->state == CHECK_CANCELLED)
		return;
	sweep_reopen(sw, run);
	st->udp = path_probe_start(&sw->env, sweep_address(sw),
	    sw->r.target.port, "udp", &st->udp_path, udp_done, run);
	/* Only its distance is kept: no names nor networks to wait for. */
	path_probe_no_names(st->udp);
}

static void
path_done(void *arg)
{
	struct check_run *run = arg;
	struct path_state *st = run->state;
	struct sweep *sw = run->sw;

	st->path = NULL;
	/* SYNs that never reach the server: measure its distance at once. */
	if (!sw->r.path.reached)
		start_udp(sw, run);
	finish_path(sw, run);
	sweep_changed(sw);
}

/*
 * The SYNs stop answering after some hop, while the trace still waits
 * for their retransmissions: the UDP trace starts now, not after.
 */
static void
path_short(void *arg)
{
	struct check_run *run = arg;

	start_udp(run->sw, run);
	sweep_changed(run->sw);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct path_state *st = run->state;

	sweep_begin(sw, run);
	st->path = path_probe_start(&sw->env, sweep_address(sw),
	    sw->r.target.port, NULL, &sw->r.path, path_done, run);
	if (sw->no_asn)
		path_probe_no_asn(st->path);
	path_probe_on_short(st->path, path_short, run);
}

/*
 * No address accepted the connection (every SYN refused or unanswered):
 * then how far the server really is matters, to tell the server's own
 * refusal or silence from a firewall's on the way.
 */
static int
none_open(const struct probe_results *r)
{
	for (size_t i = 0; i < r->ntcp; i++)
		if (r->tcp[i].status != TCP_TIMEOUT &&
		    r->tcp[i].status != TCP_REFUSED)
			return 0;
	return r->ntcp > 0;
}

static void
react(struct sweep *sw, struct check_run *run, const struct check_run *other)
{
	if (other->kind == &check_tcp && other->c->state == CHECK_DONE &&
	    none_open(&sw->r))
		start_udp(sw, run);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct path_state *st = run->state;

	(void)sw;
	stop_refine(st);
	if (st->path)
		path_probe_cancel(st->path);
	if (st->udp)
		path_probe_cancel(st->udp);
	st->path = st->udp = NULL;
	res_path_clear(&st->udp_path);
}

static int
forget(struct sweep *sw, struct check_run *run)
{
	stop_refine(run->state);
	res_path_clear(&sw->r.path);
	return 0;
}

static void
refined(void *arg)
{
	struct check_run *run = arg;

	sweep_changed(run->sw);
}

/* Non-zero while a check of kind k is queued or running. */
static int
pending(const struct sweep *sw, const struct check_kind *k)
{
	const struct check_run *run = sweep_run(sw, k);

	return run->c && (run->c->state == CHECK_QUEUED ||
	    run->c->state == CHECK_RUNNING);
}

/*
 * Refines the finished trace while on: a round a second, one probe per
 * hop. Never while the trace or the locator (whose TTL-limited probes
 * need the same routers' rationed ICMP) is queued or running.
 */
void
sweep_path_refine(struct sweep *sw, int on)
{
	struct check_run *run = sweep_run(sw, &check_path);
	struct path_state *st = run->state;

	if (!on || !run->c || run->c->state != CHECK_DONE || st->path ||
	    st->udp || !sw->r.path.ran || sw->r.path.nhops == 0 ||
	    !sweep_address(sw) || pending(sw, &check_locator)) {
		stop_refine(st);
		return;
	}
	if (!st->refine)
		st->refine = path_probe_refine(&sw->env, sweep_address(sw),
		    sw->r.target.port, &sw->r.path, refined, run);
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_path = {
	.id = "path",
	.title = N_("The path to the server (traceroute)"),
	.after = after,
	.flags = CK_NEEDS_ADDR,
	.state_size = sizeof(struct path_state),
	.start = start,
	.cancel = cancel,
	.forget = forget,
	.react = react,
	.status = sweep_path_status,
	.summary = sweep_path_summary,
};
