/*
 * Inline SVG for the HTML report: the verdict block's icon, the path and
 * the time lines. Shapes and words carry every meaning, colour only
 * repeats it (Okabe-Ito colours), so the pictures read in greyscale
 * print and for colour-blind readers.
 */
#include "config.h"

#include "report/svg.h"

#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/textwrap.h"
#include "core/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 800			/* every figure's view box width */
#define BOX_H 92		/* a path station's height */
#define BOX_GAP 22		/* between two stations of a row */
#define ROW_PITCH 142		/* a row of stations and its connectors */

#define C_RESET "#D55E00"	/* vermillion */
#define C_OK "#009E73"		/* bluish green */
#define C_MID "#E69F00"		/* orange */
#define C_TIMEOUT "#0072B2"	/* blue */
#define C_OTHER "#666666"

static const char font[] = "font-family=\"system-ui,sans-serif\"";

/* Adds s, cut to max columns with an ellipsis, escaped. */
static void
esc_cut(struct strbuf *out, const char *s, size_t max)
{
	char *t = sanitize_str(s ? s : "", 0);
	char *c = text_elide(t, max, max, "\u2026");

	html_escape(out, c);
	free(c);
	free(t);
}

/* One <text> element at x, y. */
static void
text_at(struct strbuf *out, double x, double y, const char *attrs,
    const char *s, size_t max)
{
	sb_addf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
	esc_cut(out, s, max);
	sb_add(out, "</text>\n");
}

/* ---- the verdict at a glance ---- */

/* The party's icon: a shape of its own, colour only repeating it. */
static void
glance_icon(struct strbuf *out, enum glance_party p)
{
	static const char *const shapes[] = {
		/* nobody: a circle with a tick */
		"<circle cx=\"24\" cy=\"24\" r=\"20\" fill=\"" C_OK "\"/>"
		"<path d=\"M13 25l7 7 15-16\" stroke=\"#fff\" "
		"stroke-width=\"5\" fill=\"none\"/>",
		/* this device: a screen on a stand */
		"<rect x=\"4\" y=\"6\" width=\"40\" height=\"28\" rx=\"3\" "
		"fill=\"" C_MID "\" stroke=\"#000\" stroke-width=\"2\"/>"
		"<rect x=\"10\" y=\"11\" width=\"28\" height=\"18\" "
		"fill=\"#fff\"/><path d=\"M18 34h12v6h6v4H12v-4h6z\" "
		"fill=\"#000\"/>",
		/* the local network: three linked nodes */
		"<path d=\"M24 10L8 38M24 10l16 28M8 38h32\" stroke=\"#000\" "
		"stroke-width=\"3\"/><g fill=\"#56B4E9\" stroke=\"#000\" "
		"stroke-width=\"2\"><circle cx=\"24\" cy=\"10\" r=\"7\"/>"
		"<circle cx=\"8\" cy=\"38\" r=\"7\"/>"
		"<circle cx=\"40\" cy=\"38\" r=\"7\"/></g>",
		/* the path: a warning triangle */
		"<path d=\"M24 3L46 43H2z\" fill=\"" C_RESET "\" "
		"stroke=\"#000\" stroke-width=\"2\"/><path d=\"M24 16v14\" "
		"stroke=\"#fff\" stroke-width=\"5\"/>"
		"<circle cx=\"24\" cy=\"36\" r=\"3\" fill=\"#fff\"/>",
		/* the server: a stack of drawers */
		"<g fill=\"" C_TIMEOUT "\" stroke=\"#000\" stroke-width=\"2\">"
		"<rect x=\"6\" y=\"4\" width=\"36\" height=\"12\"/>"
		"<rect x=\"6\" y=\"18\" width=\"36\" height=\"12\"/>"
		"<rect x=\"6\" y=\"32\" width=\"36\" height=\"12\"/></g>"
		"<g fill=\"#fff\"><circle cx=\"35\" cy=\"10\" r=\"2\"/>"
		"<circle cx=\"35\" cy=\"24\" r=\"2\"/>"
		"<circle cx=\"35\" cy=\"38\" r=\"2\"/></g>",
		/* not determined: a question mark */
		"<circle cx=\"24\" cy=\"24\" r=\"20\" fill=\"#999\" "
		"stroke=\"#000\" stroke-width=\"2\"/><text x=\"24\" "
		"y=\"33\" text-anchor=\"middle\" font-size=\"26\" "
		"font-weight=\"bold\" fill=\"#fff\" "
		"font-family=\"sans-serif\">?</text>",
	};

	sb_addf(out, "<svg class=\"icon\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 48 48\" width=\"56\" height=\"56\" "
	    "aria-hidden=\"true\">%s</svg>\n",
	    shapes[(unsigned)p <= GP_UNKNOWN ? p : GP_UNKNOWN]);
}

/* Three steps, as many filled as the confidence is high. */
static void
confidence_meter(struct strbuf *out, int level)
{
	sb_add(out, "<svg class=\"meter\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 46 14\" width=\"46\" height=\"14\" "
	    "aria-hidden=\"true\">");
	for (int k = 0; k < 3; k++)
		sb_addf(out, "<rect x=\"%d\" y=\"1\" width=\"13\" "
		    "height=\"12\" "
		    "stroke=\"#000\" stroke-width=\"1.5\" fill=\"%s\"/>",
		    1 + k * 15, k <= level ? "#000" : "#fff");
	sb_add(out, "</svg>");
}

/* The verdict at a glance: icon, who, summary, confidence, send to. */
void
svg_glance(struct strbuf *out, const struct doc_node *n)
{
	sb_add(out, "<section class=\"glance gp-");
	html_escape(out, n->label);
	sb_add(out, "\">\n");
	glance_icon(out, (enum glance_party)n->flags);
	sb_add(out, "<div>\n<p class=\"who\">");
	html_escape(out, _("Responsible:"));
	sb_add(out, " <strong>");
	html_escape(out, doc_cell_at(n, 0));
	sb_add(out, "</strong></p>\n<p class=\"sum\">");
	html_escape(out, doc_cell_at(n, 1));
	sb_add(out, "</p>\n<p class=\"meta\"><span>");
	html_escape(out, _("Confidence:"));
	sb_add(out, " ");
	confidence_meter(out, (int)n->at);
	sb_add(out, " <strong>");
	html_escape(out, doc_cell_at(n, 2));
	sb_add(out, "</strong></span> <span>");
	html_escape(out, _("Send this report to:"));
	sb_add(out, " <strong>");
	html_escape(out, doc_cell_at(n, 3));
	sb_add(out, "</strong></span></p>\n</div>\n</section>\n");
}

/* ---- the path ---- */

/* A drawn station: a node, or a run of silent hops drawn as one. */
struct station {
	const struct doc_node *n;
	int first, last;	/* hop numbers of a run, 0 when not a run */
	int flags;
};

static int
plain_silent(const struct doc_node *n)
{
	return (n->flags & ~HOPF_GAP) == HOPF_SILENT;
}

/* Gathers the stations from the nodes of the figure at i. */
static size_t
stations(const struct doc *d, size_t i, struct station **out)
{
	size_t end = doc_group_end(d, i), n = 0;
	struct station *s = xcalloc(end - i, sizeof(*s));

	for (size_t k = i + 1; k < end; k++) {
		size_t j = k;

		while (plain_silent(&d->v[k]) && j + 1 < end &&
		    plain_silent(&d->v[j + 1]))
			j++;
		s[n].n = &d->v[k];
		s[n].flags = d->v[j].flags | d->v[k].flags;
		if (j > k) {
			s[n].first = (int)d->v[k].at;
			s[n].last = (int)d->v[j].at;
		}
		n++;
		k = j;
	}
	*out = s;
	return n;
}

/* How the stations are laid out: up to five in one row, else rows of 4. */
struct layout {
	size_t per_row;
	double box_w;
	size_t line_ch;		/* code points that fit on a line of a box */
};

static struct layout
layout_for(size_t n)
{
	struct layout l;

	l.per_row = n >= 2 && n <= 5 ? n : 4;
	l.box_w = ((double)W - (double)(l.per_row - 1) * BOX_GAP) /
	    (double)l.per_row;
	if (l.box_w > 190)
		l.box_w = 190;
	l.line_ch = (size_t)((l.box_w - 16) / 6.5);
	return l;
}

/* Where station k's box starts. */
static void
box_xy(const struct layout *l, size_t k, double *x, double *y)
{
	*x = (double)(k % l->per_row) * (l->box_w + BOX_GAP);
	*y = (double)(k / l->per_row) * ROW_PITCH + 26;
}

/* The lines of text inside a station. */
static void
station_text(struct strbuf *out, const struct station *s,
    const struct layout *l, double x, double y)
{
	const struct doc_node *n = s->n;
	const char *lines[4] = { doc_cell_at(n, 0), doc_cell_at(n, 1),
		doc_cell_at(n, 2), NULL };
	char *title = s->first ? xasprintf(_("hops %d-%d"), s->first,
	    s->last) : xstrdup(n->text);
	char rtt[96];
	double ty = y + 20;

	text_at(out, x + 10, ty, "font-weight=\"bold\" font-size=\"14\"",
	    title, l->line_ch - 3);
	free(title);
	if (s->flags & HOPF_SILENT) {
		lines[0] = _("silent");
		lines[1] = s->first ? _("none answered") : _("no answer");
		lines[2] = NULL;
	} else if (s->flags & HOPF_INFERRED) {
		lines[1] = _("gateway, inferred");
		lines[2] = _("(routing table)");
	}
	snprintf(rtt, sizeof(rtt), "%s%s%s", doc_cell_at(n, 3),
	    *doc_cell_at(n, 3) && *doc_cell_at(n, 4) ? ", " : "",
	    doc_cell_at(n, 4));
	if (!(s->flags & (HOPF_SILENT | HOPF_INFERRED)))
		lines[3] = rtt;
	for (int k = 0; k < 4; k++) {
		if (!lines[k] || !*lines[k])
			continue;
		ty += 16;
		text_at(out, x + 10, ty, (s->flags & HOPF_SILENT) ?
		    "font-size=\"11\" font-style=\"italic\"" :
		    "font-size=\"11\"", lines[k], l->line_ch);
	}
}

/* One station: its box, styled by what it is, and its words. */
static void
station_box(struct strbuf *out, const struct station *s,
    const struct layout *l, size_t k)
{
	double x, y, bw = l->box_w;
	const char *stroke = "#222", *fill = "#fff", *dash = "";
	double sw = 1.5;

	box_xy(l, k, &x, &y);
	if (s->flags & HOPF_SILENT) {
		stroke = "#555";
		fill = "#f2f2f2";
		dash = " stroke-dasharray=\"6 4\"";
	} else if (s->flags & HOPF_INFERRED)
		dash = " stroke-dasharray=\"2 3\"";
	if (s->flags & HOPF_RESET) {
		stroke = C_RESET;
		fill = "#fdebe0";
		sw = 4;
	}
	sb_addf(out, "<g><title>");
	html_escape(out, s->n->text);
	for (size_t c = 0; c < s->n->ncells; c++)
		if (*doc_cell_at(s->n, c)) {
			sb_add(out, ", ");
			html_escape(out, doc_cell_at(s->n, c));
		}
	sb_addf(out, "</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%d\" rx=\"%d\" fill=\"%s\" stroke=\"%s\" "
	    "stroke-width=\"%.1f\"%s/>\n", x, y, bw, BOX_H,
	    s->flags & (HOPF_YOU | HOPF_SERVER) ? 14 : 3, fill, stroke, sw,
	    dash);
	/* A nested viewport clips what would still spill out of the box. */
	sb_addf(out, "<svg x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%d\">\n", x, y, bw - 4, BOX_H);
	station_text(out, s, l, 0, 0);
	sb_add(out, "</svg>\n");
	if (s->flags & HOPF_RESET) {
		/* A stop sign and the word: the mark without colour. */
		double bx = x + bw - 126 > x ? x + bw - 126 : x;

		sb_addf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"124\" "
		    "height=\"22\" rx=\"3\" fill=\"#000\"/>\n", bx, y - 20);
		sb_addf(out, "<path transform=\"translate(%.1f %.1f)\" "
		    "d=\"M5 0h6l5 5v6l-5 5H5l-5-5V5z\" fill=\"" C_RESET "\" "
		    "stroke=\"#fff\"/>\n", bx + 5, y - 17);
		text_at(out, bx + 26, y - 4, "font-size=\"13\" "
		    "font-weight=\"bold\" fill=\"#fff\"", _("RESET HERE"), 14);
	}
	sb_add(out, "</g>\n");
}

/* The link from station k to k+1, dashed over unknown hops. */
static void
station_link(struct strbuf *out, const struct station *s,
    const struct layout *l, size_t k)
{
	double x, y, nx, ny, bw = l->box_w;
	const char *dash = s->flags & HOPF_GAP ?
	    " stroke-dasharray=\"4 4\"" : "";

	box_xy(l, k, &x, &y);
	box_xy(l, k + 1, &nx, &ny);
	if (ny == y)
		sb_addf(out, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#222\" "
		    "stroke-width=\"2.5\"%s/>\n", x + bw, y + BOX_H / 2,
		    nx, dash);
	else
		sb_addf(out, "<path d=\"M%.1f %.1fV%.1fH%.1fV%.1f\" "
		    "stroke=\"#222\" stroke-width=\"2.5\" fill=\"none\"%s/>\n",
		    x + bw / 2, y + BOX_H, y + BOX_H + 12, nx + 24, ny, dash);
	if (s->flags & HOPF_GAP)
		text_at(out, ny == y ? x + bw + 2 : x + bw / 2 + 6,
		    ny == y ? y + BOX_H / 2 - 6 : y + BOX_H + 10,
		    "font-size=\"11\"", "\xe2\x80\xa6", 2);
}

/* The path: stations in rows of PER_ROW, linked left to right. */
static void
svg_path(struct strbuf *out, const struct doc *d, size_t i)
{
	struct station *s;
	size_t n = stations(d, i, &s);
	struct layout l = layout_for(n);
	size_t rows = n ? (n + l.per_row - 1) / l.per_row : 1;

	sb_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
	    "%d %zu\" width=\"100%%\" role=\"img\" %s>\n<title>", W + 2,
	    rows * ROW_PITCH - 20, font);
	html_escape(out, d->v[i].text);
	sb_add(out, "</title>\n<g transform=\"translate(1 0)\">\n");
	for (size_t k = 0; k + 1 < n; k++)
		station_link(out, &s[k], &l, k);
	for (size_t k = 0; k < n; k++)
		station_box(out, &s[k], &l, k);
	sb_add(out, "</g>\n</svg>\n");
	free(s);
}

/* ---- the time lines ---- */

/* The mark of an outcome at x, y. */
static void
mark_at(struct strbuf *out, enum mark_kind k, double x, double y, double r)
{
	switch (k) {
	case MK_RESPONSE:
		sb_addf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
		    "fill=\"" C_OK "\" stroke=\"#000\"/>", x, y, r);
		break;
	case MK_RESET_BEFORE:
		sb_addf(out, "<path d=\"M%.1f %.1fl%.1f %.1fm0 %.1f"
		    "l%.1f %.1f\" "
		    "stroke=\"" C_RESET "\" stroke-width=\"3\"/>", x - r, y - r,
		    2 * r, 2 * r, -2 * r, -2 * r, 2 * r);
		break;
	case MK_RESET_MID:
		sb_addf(out, "<path d=\"M%.1f %.1fl%.1f %.1fh%.1fz\" fill=\""
		    C_MID "\" stroke=\"#000\"/>", x, y - r - 1, r + 1,
		    2 * r + 1, -2 * r - 2);
		break;
	case MK_TIMEOUT:
		sb_addf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"#fff\" stroke=\"" C_TIMEOUT "\" "
		    "stroke-width=\"2.5\"/>", x - r, y - r, 2 * r, 2 * r);
		break;
	case MK_OTHER:
		sb_addf(out, "<path d=\"M%.1f %.1fl%.1f %.1fl%.1f %.1f"
		    "l%.1f %.1fz\" fill=\"" C_OTHER "\"/>", x, y - r - 1,
		    r + 1, r + 1, -r - 1, r + 1, -r - 1, -r - 1);
		break;
	}
}

static const char *const mark_words[] = { N_("response"),
	N_("reset before the response"), N_("reset mid-transfer"),
	N_("no answer in time"), N_("other failure") };

/* The legend: each mark with its words, on one line. */
static void
legend(struct strbuf *out, double y)
{
	double x = 0;

	for (int k = MK_RESPONSE; k <= MK_OTHER; k++) {
		const char *w = _(mark_words[k]);

		mark_at(out, (enum mark_kind)k, x + 6, y - 4, 5);
		text_at(out, x + 16, y, "font-size=\"12\"", w, 30);
		x += 28 + 6.6 * (double)text_width(w);
	}
	sb_add(out, "\n");
}

/* A round step for an axis of span ms: 1, 2 or 5 times a power of ten. */
static double
tick_step(double span)
{
	double raw = span / 8, p = pow(10, floor(log10(raw > 0 ? raw : 1)));

	if (raw <= p)
		return p;
	if (raw <= 2 * p)
		return 2 * p;
	if (raw <= 5 * p)
		return 5 * p;
	return 10 * p;
}

/* The time axis under a plot from x0 to x1 for span ms, at y. */
static void
axis(struct strbuf *out, double x0, double x1, double y, double span,
    const char *what)
{
	double step = tick_step(span);

	sb_addf(out, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#000\"/>\n", x0, y,
	    x1);
	for (double t = 0; t <= span * 1.0001; t += step) {
		double x = x0 + (x1 - x0) * t / span;
		char lab[32];

		snprintf(lab, sizeof(lab), step >= 1000 ? "%.0f s" :
		    step >= 100 ? "%.1f s" : "%.2f s", t / 1000);
		sb_addf(out, "<path d=\"M%.1f %.1fv5\" stroke=\"#000\"/>",
		    x, y);
		text_at(out, x, y + 17, "font-size=\"11\" "
		    "text-anchor=\"middle\"", lab, 12);
	}
	text_at(out, x1, y + 32, "font-size=\"11\" text-anchor=\"end\"",
	    what, 40);
}

static const char *
nz_label(const struct doc_node *n)
{
	return n->label ? n->label : "";
}

/* Whether the row of mark k was drawn before it. */
static int
row_seen(const struct doc *d, size_t from, size_t k)
{
	for (size_t j = from; j < k; j++)
		if (strcmp(nz_label(&d->v[j]), nz_label(&d->v[k])) == 0)
			return 1;
	return 0;
}

/* One attempt: a bar from its start to its end, its mark, its time. */
static void
attempt_bar(struct strbuf *out, const struct doc_node *m, int nr,
    double x0, double scale, double y)
{
	double xs = x0 + m->at * scale, xe = x0 + (m->at + m->took) * scale;
	char lab[48];

	sb_addf(out, "<g><title>#%d ", nr);
	html_escape(out, m->label);
	sb_add(out, ": ");
	html_escape(out, m->text);
	sb_addf(out, ", %.0f ms</title>", m->took);
	sb_addf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
	    "text-anchor=\"end\">#%d</text>", x0 - 8, y + 4, nr);
	sb_addf(out, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#bbb\" "
	    "stroke-width=\"6\"/>", xs, y, xe > xs + 1 ? xe : xs + 1);
	mark_at(out, (enum mark_kind)m->flags, xe, y, 5);
	if (m->flags != MK_RESPONSE) {
		if (m->took >= 1000)
			snprintf(lab, sizeof(lab), _("after %.2f s"),
			    m->took / 1000);
		else
			snprintf(lab, sizeof(lab), _("after %.*f ms"),
			    m->took < 10 ? 1 : 0, m->took);
		text_at(out, xe + 9, y + 4, "font-size=\"11\"", lab, 20);
	}
	sb_add(out, "</g>\n");
}

/* Opens an SVG of height h with the figure's title. */
static void
svg_open(struct strbuf *out, double h, const char *title)
{
	sb_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
	    "%d %.0f\" width=\"100%%\" role=\"img\" %s>\n<title>", W, h,
	    font);
	html_escape(out, title);
	sb_add(out, "</title>\n");
}

/* Faint lines at the axis's ticks, so a group reads without the axis. */
static void
grid(struct strbuf *out, double x0, double x1, double y0, double y1,
    double span)
{
	double step = tick_step(span);

	for (double t = 0; t <= span * 1.0001; t += step)
		sb_addf(out, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"#e4e4e4\"/>",
		    x0 + (x1 - x0) * t / span, y0, y1);
	sb_add(out, "\n");
}

/* One request's attempts of the sweep, its own SVG so pages break there. */
static void
sweep_group(struct strbuf *out, const struct doc *d, size_t i, size_t k,
    double span)
{
	size_t end = doc_group_end(d, i), n = 0;
	double x0 = 40, x1 = W - 110, y = 38;
	int nr = 0;

	for (size_t j = k; j < end; j++)
		n += strcmp(nz_label(&d->v[j]), nz_label(&d->v[k])) == 0;
	svg_open(out, 24 + 15 * (double)n + 4, d->v[k].label);
	grid(out, x0, x1, 20, 24 + 15 * (double)n, span);
	text_at(out, 0, 14, "font-size=\"13\" font-weight=\"bold\"",
	    d->v[k].label, 90);
	for (size_t j = k; j < end && (size_t)nr < n; j++) {
		if (strcmp(nz_label(&d->v[j]), nz_label(&d->v[k])))
			continue;
		attempt_bar(out, &d->v[j], ++nr, x0, (x1 - x0) / span, y - 8);
		y += 15;
	}
	sb_add(out, "</svg>\n");
}

/*
 * The sweep: one line per attempt, grouped by request, bars in time on
 * one scale; the legend, each group and the axis are SVGs of their own,
 * so a long sweep breaks across printed pages between groups.
 */
static void
svg_sweep(struct strbuf *out, const struct doc *d, size_t i)
{
	size_t end = doc_group_end(d, i);
	double span = 1;

	for (size_t k = i + 1; k < end; k++)
		if (d->v[k].at + d->v[k].took > span)
			span = d->v[k].at + d->v[k].took;
	svg_open(out, 22, d->v[i].text);
	legend(out, 16);
	sb_add(out, "</svg>\n");
	for (size_t k = i + 1; k < end; k++)
		if (!row_seen(d, i + 1, k))
			sweep_group(out, d, i, k, span);
	svg_open(out, 44, d->v[i].text);
	axis(out, 40, W - 110, 2, span, _("time since the first request"));
	sb_add(out, "</svg>\n");
}

/* The watch: one mark a request, in the row of its outcome. */
static void
svg_watch(struct strbuf *out, const struct doc *d, size_t i)
{
	size_t end = doc_group_end(d, i);
	double span = 1, x0 = 200, x1 = W - 20;
	int used[MK_OTHER + 1] = { 0 }, row = 0, rowof[MK_OTHER + 1];

	for (size_t k = i + 1; k < end; k++) {
		if (d->v[k].at > span)
			span = d->v[k].at;
		used[d->v[k].flags <= MK_OTHER ? d->v[k].flags : MK_OTHER] = 1;
	}
	used[MK_RESPONSE] = used[MK_RESET_BEFORE] = 1;
	for (int k = 0; k <= MK_OTHER; k++)
		rowof[k] = used[k] ? row++ : -1;
	sb_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
	    "%d %d\" width=\"100%%\" role=\"img\" %s>\n<title>", W,
	    row * 24 + 56, font);
	html_escape(out, d->v[i].text);
	sb_add(out, "</title>\n");
	for (int k = 0; k <= MK_OTHER; k++) {
		if (rowof[k] < 0)
			continue;
		mark_at(out, (enum mark_kind)k, 8, 14 + rowof[k] * 24, 5);
		text_at(out, 20, 18 + rowof[k] * 24, "font-size=\"12\"",
		    _(mark_words[k]), 28);
		sb_addf(out, "<path d=\"M%.1f %dH%.1f\" stroke=\"#ddd\"/>\n",
		    x0, 14 + rowof[k] * 24, x1);
	}
	for (size_t k = i + 1; k < end; k++) {
		int f = d->v[k].flags <= MK_OTHER ? d->v[k].flags : MK_OTHER;

		mark_at(out, (enum mark_kind)f, x0 + (x1 - x0) * d->v[k].at /
		    span, 14 + rowof[f] * 24, 3.5);
	}
	sb_add(out, "\n");
	axis(out, x0, x1, row * 24 + 4, span, _("time since the watch "
	    "began"));
	sb_add(out, "</svg>\n");
}

/* What the path's marks mean, those it shows. */
static void
path_legend(struct strbuf *out, const struct doc *d, size_t i)
{
	static const struct {
		int flag;
		const char *words;
	} marks[] = {
		{ HOPF_RESET, N_("A thick border under RESET HERE: where the "
		    "reset is made.") },
		{ HOPF_SILENT, N_("A dashed grey box: a router that did not "
		    "answer.") },
		{ HOPF_INFERRED, N_("A dotted box: the gateway, inferred from "
		    "the routing table.") },
		{ HOPF_GAP, N_("A dashed line: hops the trace did not see.") },
	};
	size_t end = doc_group_end(d, i);

	sb_add(out, ".");
	for (size_t m = 0; m < sizeof(marks) / sizeof(*marks); m++)
		for (size_t k = i + 1; k < end; k++)
			if (d->v[k].flags & marks[m].flag) {
				sb_addc(out, ' ');
				html_escape(out, _(marks[m].words));
				break;
			}
}

/* The figure starting at d->v[i] (DK_FIGURE) as a <figure>. */
void
svg_figure(struct strbuf *out, const struct doc *d, size_t i)
{
	const char *kind = d->v[i].label ? d->v[i].label : "";

	sb_add(out, "<figure class=\"");
	html_escape(out, kind);
	sb_add(out, "\">\n");
	if (strcmp(kind, "path") == 0)
		svg_path(out, d, i);
	else if (strcmp(kind, "watch") == 0)
		svg_watch(out, d, i);
	else
		svg_sweep(out, d, i);
	sb_add(out, "<figcaption>");
	html_escape(out, d->v[i].text);
	if (strcmp(kind, "path") == 0)
		path_legend(out, d, i);
	sb_add(out, "</figcaption>\n</figure>\n");
}
