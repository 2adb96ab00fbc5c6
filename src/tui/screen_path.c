/*
 * The network path view (drawn by draw_path.c, live like mtr); r traces
 * the path again.
 */
#include "config.h"

#include "tui/screen.h"
#include "tui/model_int.h"
#include "tui/draw.h"
#include "core/i18n.h"

#include <stdio.h>

static const struct model_keyhelp help_path[] = {
	{ "r", N_("trace the path again") },
	{ N_("Up, Down, PgUp, PgDn"), N_("scroll") },
	{ N_("Enter, s"), N_("show the case summary") },
	{ "v", N_("show the verdict") },
	{ "c", N_("show the automated checks") },
	{ N_("Esc"), N_("go back") },
	{ NULL, NULL }
};

/* The side keys, and r traces the path again when there is a trace. */
static int
path_key(struct model *m, int key)
{
	if (key != 'r')
		return model_side_key(m, key);
	if (!model_find_check(m, "path"))
		return 0;
	snprintf(m->check_id, sizeof(m->check_id), "path");
	snprintf(m->status, sizeof(m->status), "%s",
	    _("Tracing the path again."));
	return IN_RERUN | IN_REDRAW;
}

const struct screen_ops screen_path = {
	.id = SCR_PATH,
	.title = N_("Network path"),
	.footer = N_("r trace again  v verdict  c checks  Esc back  "
	    "e export  ? keys  q quit"),
	.help = help_path,
	.side = 1,
	.key = path_key,
	.draw = draw_path,
};
