/* "Fixed it": what fixed it, and how to export a report of it. */
#include "config.h"

#include "tui/screen.h"
#include "tui/model_int.h"
#include "tui/body.h"
#include "tui/draw.h"
#include "core/i18n.h"

#include <curses.h>

/* The side keys, but Esc goes back to the step that fixed it. */
static int
fixed_key(struct model *m, int key)
{
	if (key == MK_ESC)
		return model_back_to_steps(m);
	return model_side_key(m, key);
}

static void
draw_fixed(struct ui *u, int top, int bottom)
{
	struct body b = BODY_INIT(COLS - 4);
	const struct cl_step *st = model_step(&u->m);
	const struct session_answer *a = st ? session_find(&u->s, st->id) :
	    NULL;

	if (a && a->checks_said) {
		/* Both are true and both are kept: no "good news" over a
		   fault the checks still see. */
		body_add(&b, term_attr(TC_WARN), 0, u->s.role ==
		    ROLE_HELPDESK ? _("It works for the caller now, but the "
		    "checks still see a fault.") : _("It works for you now, "
		    "but the checks still see a fault."));
		body_addf(&b, A_NORMAL, 2, "%s %s", _("The checks saw:"),
		    a->checks_said);
		body_add(&b, A_NORMAL, 2, _("It may come back: the report "
		    "keeps both your answer and what the checks saw."));
	} else {
		body_add(&b, term_attr(TC_PASS), 0,
		    _("Good news: it works again."));
	}
	body_add(&b, A_NORMAL, 0, "");
	if (st)
		body_addf(&b, A_BOLD, 0, "%s %s", _("What fixed it:"),
		    _(st->title));
	if (a && a->note)
		body_addf(&b, A_NORMAL, 2, "%s %s", _("Note:"), a->note);
	body_addf(&b, A_NORMAL, 0, _("Steps answered: %zu."),
	    u->s.nanswers);
	body_add(&b, A_NORMAL, 0, "");
	body_add(&b, A_NORMAL, 0, _("Press e to export a report of what was "
	    "found and what fixed it, Enter for the case summary, Esc to go "
	    "back to the step, q to quit."));
	body_show(u, &b, top, bottom);
}

const struct screen_ops screen_fixed = {
	.id = SCR_FIXED,
	.title = N_("Fixed"),
	.footer = N_("Enter summary  p path  c checks  Esc back  "
	    "e export  ? keys  q quit"),
	.help = model_help_side,
	.key = fixed_key,
	.draw = draw_fixed,
};
