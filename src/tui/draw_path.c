/*
 * The network path view, live like mtr: one row per hop with its loss
 * and round-trip times (last, mean, best, worst), the hop the reset
 * locator named and the server marked; redrawn as answers come, while
 * the trace runs and while it keeps refining with the view open.
 */
#include "config.h"

#include "tui/draw.h"
#include "probe/readings.h"
#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/textwrap.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* Columns after the name: "  Loss  Sent   Last    Avg   Best   Wrst". */
#define NUM_W 42

/* Number of the hop before the server the reset is placed at, or 0. */
static int
reset_hop(const struct probe_results *r)
{
	struct res_hop_ref h;

	if (res_locator_origin(&r->locator) != RO_PATH ||
	    !probe_results_reset_hop(r, &h))
		return 0;
	return h.hop;
}

/* Where the reset comes from, in one line; NULL when not located. */
char *
draw_locator_text(const struct probe_results *r)
{
	return r ? probe_results_locator_text(r) : NULL;
}

static void
ms_col(char *buf, size_t len, double v)
{
	if (v < 0)
		snprintf(buf, len, "%7s", "-");
	else
		snprintf(buf, len, "%7.1f", v);
}

/* Address and name columns for width w; returns the table's width. */
static int
path_columns(int w, int *aw, int *nw)
{
	int avail = w - 7 - NUM_W;

	*aw = avail / 2 > 39 ? 39 : avail / 2;
	if (*aw < 15)
		*aw = 15;
	/* Wide terminals: the numbers stay next to the names. */
	*nw = avail - *aw - 1 > 48 ? 48 : avail - *aw - 1;
	return 7 + *aw + 1 + *nw + NUM_W;
}

/*
 * The hops' addresses and names, sanitized, so that a cut can keep what
 * tells a hop apart from the others; ell is the terminal's ellipsis.
 */
struct hop_texts {
	char **addr, **name;
	size_t n;
	const char *ell;
};

static void
hop_texts_init(struct hop_texts *t, const struct ui *u,
    const struct res_path *p)
{
	t->n = p->nhops;
	t->addr = xcalloc(t->n ? t->n : 1, sizeof(*t->addr));
	t->name = xcalloc(t->n ? t->n : 1, sizeof(*t->name));
	for (size_t i = 0; i < t->n; i++) {
		t->addr[i] = sanitize_str(p->hops[i].addr, 0);
		t->name[i] = sanitize_str(p->hops[i].name, 0);
	}
	t->ell = u->caps.utf8 ? "\u2026" : "...";
}

static void
hop_texts_free(struct hop_texts *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->addr[i]);
		free(t->name[i]);
	}
	free(t->addr);
	free(t->name);
}

/*
 * The name column of hop i in w columns: its name, then its network as
 * mtr -z shows it ("AS64500 NAME"). When they do not fit, the network's
 * name goes first (cut at its end), then the host name loses its middle
 * but never where it differs from another hop's, and in a narrow column
 * the AS number goes too.
 */
static char *
who_text(const struct hop_texts *t, const struct res_hop *h, size_t i,
    size_t w)
{
	const char *name = t->name[i];
	const char *const *names = (const char *const *)t->name;
	char *as, *cut, *s;
	size_t aw;

	if (h->asn <= 0)
		return name ? text_elide_apart(name, names, t->n, w, t->ell) :
		    xstrdup("");
	as = xasprintf("AS%ld", h->asn);
	if (!name || !*name) {
		s = xasprintf("%s%s%s", as, h->as_name ? " " : "",
		    h->as_name ? h->as_name : "");
		free(as);
		return s;
	}
	aw = text_width(as) + 2;
	if (text_width(name) + aw <= w)	/* only the network's name is cut */
		s = xasprintf("%s  %s%s%s", name, as, h->as_name ? " " : "",
		    h->as_name ? h->as_name : "");
	else if (w >= aw + 12) {
		cut = text_elide_apart(name, names, t->n, w - aw, t->ell);
		s = xasprintf("%s  %s", cut, as);
		free(cut);
	} else
		s = text_elide_apart(name, names, t->n, w, t->ell);
	free(as);
	return s;
}

/* One hop row; mark is "R" (reset), "D" (server) or " ". */
static void
hop_row(int y, int x, int w, const struct hop_texts *t,
    const struct res_hop *h, size_t i, const char *mark, int attr)
{
	char last[16], avg[16], lo[16], hi[16], num[96], head[16], *who, *addr;
	double l1, a, l, m;
	int aw, nw, tw = path_columns(w, &aw, &nw);

	res_hop_rtt(h, &l1, &a, &l, &m);
	ms_col(last, sizeof(last), l1);
	ms_col(avg, sizeof(avg), a);
	ms_col(lo, sizeof(lo), l);
	ms_col(hi, sizeof(hi), m);
	snprintf(head, sizeof(head), "%3d %s ", h->ttl, mark);
	snprintf(num, sizeof(num), "%6.0f%% %5d %s%s%s%s", h->loss * 100.0,
	    h->sent, last, avg, lo, hi);
	draw_put(y, x, 6, attr | A_BOLD, head);
	/* A long (IPv6) address keeps where it differs from the others. */
	addr = t->addr[i] ? text_elide_apart(t->addr[i],
	    (const char *const *)t->addr, t->n, (size_t)aw, t->ell) :
	    xstrdup("???");
	draw_put(y, x + 6, aw, attr, addr);
	free(addr);
	who = who_text(t, h, i, (size_t)nw);
	draw_put(y, x + 7 + aw, nw, attr | A_DIM, who);
	free(who);
	draw_put(y, x + tw - NUM_W, NUM_W, attr, num);
}

static void
path_header(int y, int x, int w)
{
	/* Right-aligned over the numbers, by columns: "%7s" pads bytes. */
	static const struct {
		const char *text;
		size_t w;
	} cols[] = {
		{ N_("Loss"), 7 }, { N_("Sent"), 6 }, { N_("Last"), 8 },
		{ N_("Avg"), 7 }, { N_("Best"), 7 }, { N_("Wrst"), 7 },
	};
	struct strbuf num = STRBUF_INIT;
	int aw, nw, tw = path_columns(w, &aw, &nw);

	for (size_t i = 0; i < sizeof(cols) / sizeof(*cols); i++) {
		const char *c = _(cols[i].text);

		sb_addf(&num, "%*s%s", text_pad(c, cols[i].w), "", c);
	}
	/* Hop N is the device that answers TTL N (README, Hop numbers). */
	draw_put(y, x, 6, A_UNDERLINE, _("Hop"));
	draw_put(y, x + 6, aw + 1, A_UNDERLINE, _("Address"));
	draw_put(y, x + 7 + aw, nw, A_UNDERLINE, _("Name, network"));
	draw_put(y, x + tw - NUM_W, NUM_W, A_UNDERLINE, sb_str(&num));
	sb_free(&num);
}

/* The trace has ended (done or cancelled): no "yet" any more. */
static int
trace_done(const struct ui *u)
{
	const struct res_check *c = model_find_check(&u->m, "path");

	return c && c->state != CHECK_RUNNING && c->state != CHECK_QUEUED;
}

/* The lines under the table: marks, destination, the locator. */
static int
path_notes(const struct ui *u, int y, int bottom, int x, int w)
{
	const struct res_path *p = &u->m.r->path;
	char *loc = draw_locator_text(u->m.r), *s;
	char *refused = probe_results_path_refusal_text(u->m.r);
	struct res_hop_ref ref;
	int y0 = y;

	if (refused) {
		/* The last answer came in the server's name, not from it. */
		s = xasprintf("%s.", refused);
		y += draw_wrapped(y, bottom, x, w, term_attr(TC_FAIL), s, 0);
		free(s);
		free(refused);
	} else if (p->ran && p->nhops)
		y += draw_wrapped(y, bottom, x, w, A_NORMAL, p->reached ?
		    _("D = the server: it answered the trace.") :
		    trace_done(u) ? _("The server did not answer the trace.") :
		    _("The server did not answer the trace (yet)."), 0);
	if (p->alt_method && p->alt_distance > 0 &&
	    !probe_results_path_refusal(u->m.r, &ref)) {
		s = xasprintf(ngettext("A %s trace reached the server in %d "
		    "hop.", "A %s trace reached the server in %d hops.",
		    (unsigned long)p->alt_distance), p->alt_method,
		    p->alt_distance);
		y += draw_wrapped(y, bottom, x, w, A_NORMAL, s, 0);
		free(s);
	}
	if (loc) {
		s = xasprintf("%s %s%s", reset_hop(u->m.r) ? "R =" :
		    _("Reset:"), loc, ".");
		y += draw_wrapped(y, bottom, x, w, term_attr(TC_FAIL) | A_BOLD,
		    s, 0);
		free(s);
		free(loc);
	}
	return y - y0;
}

/* Draws the network path between rows top and bottom. */
void
draw_path(struct ui *u, int top, int bottom)
{
	const struct res_check *c = model_find_check(&u->m, "path");
	const struct res_path *p;
	struct hop_texts t;
	struct res_hop_ref ref;
	int w = COLS - 4, rows, first, rh, refused, y;
	char *s;

	if (!c) {
		draw_put(top, 2, w, A_NORMAL, _("The path check is not "
		    "available in this build."));
		return;
	}
	p = &u->m.r->path;
	rh = reset_hop(u->m.r);
	/* A refusal in the server's name on the way: no row is the server. */
	refused = probe_results_path_refusal(u->m.r, &ref) > 0;
	draw_check_line(u, top, 2, c, 0);
	s = xasprintf(_("Method: %s to the server's port; r traces again."),
	    p->method ? p->method : "-");
	draw_put(top + 1, 2, w, A_DIM, s);
	free(s);
	path_header(top + 2, 2, w);
	/* Notes take up to 4 rows at the bottom; hops get the rest. */
	rows = bottom - (top + 3) - 4;
	if (rows < 1)
		rows = 1;
	first = u->m.scroll;
	if (first > (int)p->nhops - rows)
		first = (int)p->nhops - rows;
	if (first < 0)
		first = 0;
	u->m.scroll = first;
	y = top + 3;
	hop_texts_init(&t, u, p);
	for (int i = first; (size_t)i < p->nhops && y < top + 3 + rows;
	    i++, y++) {
		const struct res_hop *h = &p->hops[i];
		int dest = p->reached && (size_t)i + 1 == p->nhops &&
		    !refused;
		int attr = h->ttl == rh ? term_attr(TC_FAIL) :
		    dest ? term_attr(TC_PASS) : (int)A_NORMAL;

		hop_row(y, 2, w, &t, h, (size_t)i, h->ttl == rh ? "R" :
		    dest ? "D" : " ", attr);
	}
	hop_texts_free(&t);
	if (p->nhops == 0)
		draw_put(y++, 8, w - 6, A_DIM, c->state == CHECK_RUNNING ?
		    _("waiting for the first hop to answer...") :
		    _("no hop answered"));
	if ((int)p->nhops > first + rows)
		draw_put(y - 1, COLS - 12, 10, A_DIM, _("more v"));
	path_notes(u, y + 1, bottom, 2, w);
}
