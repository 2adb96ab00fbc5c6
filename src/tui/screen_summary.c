/* The case summary, short enough to paste into a ticket. */
#include "config.h"

#include "tui/screen.h"
#include "tui/model_int.h"
#include "tui/casesum.h"
#include "tui/draw.h"
#include "tui/textfield.h"
#include "core/i18n.h"

#include <curses.h>

/* The side keys, but Enter and s do nothing: this is the summary. */
static int
summary_key(struct model *m, int key)
{
	if (key == MK_ENTER || key == 's')
		return 0;
	return model_side_key(m, key);
}

static void
draw_summary(struct ui *u, int top, int bottom)
{
	size_t n;
	char **l = casesum_lines(&u->s, &u->cl, u->m.r, u->have_v ? &u->v :
	    NULL, COLS - 4, bottom - top, &n);

	for (size_t i = 0; i < n; i++)
		draw_put(top + (int)i, 2, COLS - 4, i == 0 ?
		    term_attr(TC_TITLE) : (int)A_NORMAL, l[i]);
	wrap_free(l, n);
}

const struct screen_ops screen_summary = {
	.id = SCR_SUMMARY,
	.title = N_("Case summary"),
	.footer = N_("v verdict  p path  c checks  Esc back  e export  "
	    "? keys  q quit"),
	.help = model_help_side,
	.side = 1,
	.key = summary_key,
	.draw = draw_summary,
};
