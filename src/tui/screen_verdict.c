/*
 * The diagnosis in full: symptom, cause, origin, confidence, whom to
 * escalate to, where the reset was located, the reasons and what to do.
 */
#include "config.h"

#include "tui/screen.h"
#include "tui/model_int.h"
#include "tui/body.h"
#include "tui/draw.h"
#include "core/i18n.h"
#include "core/textwrap.h"
#include "tui/textfield.h"
#include "diag/names.h"
#include "report/report.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* A label and the spaces to 12 columns, for "%s%*s". */
#define PAD(l) text_pad(_(l), 12), ""

static void
draw_verdict(struct ui *u, int top, int bottom)
{
	struct body b = BODY_INIT(COLS - 4);
	const struct verdict *v = &u->v;
	char *loc;

	if (!u->have_v) {
		draw_put(top, 2, COLS - 4, A_NORMAL, _("No evidence yet: the "
		    "checks are still starting."));
		return;
	}
	body_add(&b, term_attr(TC_TITLE), 0, v->summary ? v->summary : "");
	body_add(&b, A_NORMAL, 0, "");
	body_addf(&b, A_NORMAL, 0, "%s%*s %s", _("Symptom:"), PAD("Symptom:"),
	    symptom_label(v->symptom));
	body_addf(&b, A_NORMAL, 0, "%s%*s %s", _("Cause:"), PAD("Cause:"),
	    cause_label(v->cause));
	body_addf(&b, A_NORMAL, 0, "%s%*s %s", _("Origin:"), PAD("Origin:"),
	    origin_label(v->origin));
	body_addf(&b, A_NORMAL, 0, "%s%*s %s", _("Confidence:"),
	    PAD("Confidence:"), confidence_label(v->confidence));
	body_addf(&b, A_BOLD, 0, "%s%*s %s", _("Escalate to:"),
	    PAD("Escalate to:"), escalate_label(v->escalate_to));
	if ((loc = draw_locator_text(u->m.r)) != NULL) {
		body_addf(&b, A_BOLD, 0, "%s%*s %s %s", _("Located:"),
		    PAD("Located:"), loc, _("(p shows the path)"));
		free(loc);
	}
	if ((loc = report_path_line(u->m.r, (size_t)b.width - 2)) != NULL) {
		for (char *p = loc, *e; (e = strchr(p, '\n')) != NULL;
		    p = e + 1) {
			*e = '\0';
			body_add(&b, A_NORMAL, 2, p);
		}
		free(loc);
	}
	body_add(&b, A_NORMAL, 0, "");
	body_add(&b, A_BOLD, 0, _("Why we think so"));
	for (size_t i = 0; i < v->nreasons; i++)
		body_addf(&b, A_NORMAL, 2, "- %s [%s]", v->reasons[i].text,
		    v->reasons[i].evidence ? v->reasons[i].evidence : "-");
	body_add(&b, A_NORMAL, 0, "");
	body_add(&b, A_BOLD, 0, _("What to do next"));
	for (size_t i = 0; i < v->nnext; i++)
		body_addf(&b, A_NORMAL, 2, "- %s", v->next_steps[i].text);
	if (!u->sweep_finished)
		body_add(&b, A_DIM, 0, _("(Checks are still running: this can "
		    "still change.)"));
	body_show(u, &b, top, bottom);
}

const struct screen_ops screen_verdict = {
	.id = SCR_VERDICT,
	.title = N_("Verdict"),
	.footer = N_("Enter summary  p path  c checks  Esc back  "
	    "e export  ? keys  q quit"),
	.help = model_help_side,
	.side = 1,
	.key = model_side_key,
	.draw = draw_verdict,
};
