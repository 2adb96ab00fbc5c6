/*
 * The path as one line of plain ASCII, for the text report, the Markdown
 * report and the wizard's verdict screen:
 *   you -- hop 1 -- hop 2 [RESET] -- hops 3-5 (silent) -- server
 * wrapped between stations when it does not fit.
 */
#include "config.h"

#include "report/doc.h"
#include "report/report.h"

#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/textwrap.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* A plain silent hop, which a run of others like it can join. */
static int
plain_silent(const struct doc_node *n)
{
	return n->kind == DK_HOP && (n->flags & ~HOPF_GAP) == HOPF_SILENT;
}

/* The words of the station (or run of silent stations) from v[i] to v[j]. */
static char *
station(const struct doc_node *v, size_t i, size_t j)
{
	const struct doc_node *n = &v[i];
	struct strbuf sb = STRBUF_INIT;
	char *t = sanitize_str(n->text, 0);

	if (j > i)
		sb_addf(&sb, _("hops %d-%d (silent)"), (int)v[i].at,
		    (int)v[j].at);
	else if (n->flags & HOPF_YOU)
		sb_add(&sb, _("you"));
	else if (n->flags & HOPF_SERVER)
		sb_add(&sb, _("server"));
	else
		sb_add(&sb, t);
	free(t);
	if (j == i && (n->flags & HOPF_INFERRED))
		sb_addf(&sb, " %s", _("(gateway, inferred)"));
	else if (j == i && (n->flags & HOPF_SILENT))
		sb_addf(&sb, " %s", _("(silent)"));
	if (n->flags & HOPF_RESET)
		sb_addf(&sb, " %s", _("[RESET]"));
	return sb_detach(&sb);
}

/*
 * The path figure starting at node i as an ASCII line (owned), wrapped
 * to width columns, lines ending in '\n' (pathline.c).
 */
char *
doc_path_line(const struct doc *d, size_t i, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	size_t end = doc_group_end(d, i), col = 0;
	const char *link = "";

	for (size_t k = i + 1; k < end; k++) {
		size_t j = k;
		char *s;

		while (plain_silent(&d->v[k]) && j + 1 < end &&
		    plain_silent(&d->v[j + 1]))
			j++;
		s = station(d->v, k, j);
		if (col > 0 && col + strlen(link) + text_width(s) > width) {
			sb_add(&sb, "\n   ");
			col = 3;
			link = link + 1;	/* no leading space */
		}
		sb_add(&sb, link);
		sb_add(&sb, s);
		col += strlen(link) + text_width(s);
		free(s);
		link = d->v[j].flags & HOPF_GAP ? " .. " : " -- ";
		k = j;
	}
	sb_addc(&sb, '\n');
	return sb_detach(&sb);
}

/* The path of r as ASCII lines within width columns (owned), or NULL. */
char *
report_path_line(const struct probe_results *r, size_t width)
{
	struct doc d = { NULL, 0, 0 };
	char *line = NULL;

	if (!r)
		return NULL;
	doc_build_path_figure(r, &d);
	if (d.n > 0)
		line = doc_path_line(&d, 0, width);
	doc_free(&d);
	return line;
}
