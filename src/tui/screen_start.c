/*
 * The first screen: what they see, the address, who runs connreset and
 * on what; Start takes the address and starts the sweep.
 */
#include "config.h"

#include "tui/screen.h"
#include "tui/draw.h"
#include "tui/textfield.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "diag/names.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

static const struct model_keyhelp help_start[] = {
	{ "Up, Down, Tab", N_("move between the questions") },
	{ "Left, Right, Space", N_("change the answer") },
	{ "Enter", N_("next question; on Start: begin") },
	{ "F1", N_("show the keys (? and q type into the address)") },
	{ "o", N_("open a saved case (not while typing the address)") },
	{ NULL, NULL }
};

/* Cycles a choice field of the first screen. */
static void
start_cycle(struct model *m, int d)
{
	struct session *s = m->s;

	switch (m->field) {
	case START_SEEN:
		s->seen = (enum seen)(((int)s->seen + d + 4) % 4);
		break;
	case START_ROLE:
		s->role = (enum role)(((int)s->role + d + 3) % 3);
		model_order_steps(m);
		break;
	case START_OS:
		/* Phones too: a caller may be on Android or iOS. */
		s->os = (enum cl_os)(((int)s->os + d + CL_NOS_ALL) %
		    CL_NOS_ALL);
		model_order_steps(m);
		break;
	case START_BROWSER:
		s->browser = (enum cl_browser)(((int)s->browser + d +
		    CL_NBROWSERS) % CL_NBROWSERS);
		break;
	}
}

/* Non-zero when a field of the first screen is shown for this role. */
int
model_start_visible(const struct model *m, int field)
{
	if (field == START_OS || field == START_HELPED)
		return m->s->role == ROLE_HELPDESK;
	if (field == START_BROWSER)
		return m->s->role != ROLE_SITE_OWNER;
	return field >= 0 && field < START_NFIELDS;
}

static void
start_move(struct model *m, int d)
{
	int f = m->field;

	do
		f += d;
	while (f >= 0 && f < START_NFIELDS && !model_start_visible(m, f));
	if (f >= 0 && f < START_NFIELDS)
		m->field = f;
}

/* Takes the address and moves on to the checks; asks for a sweep. */
static int
start_submit(struct model *m)
{
	char *url = xstrdup(m->url.buf);
	size_t a = 0, b = strlen(url);

	while (url[a] == ' ')
		a++;
	while (b > a && url[b - 1] == ' ')
		b--;
	url[b] = '\0';
	if (url[a] == '\0') {
		xstrset(&m->start_error, _("Type the address that fails, "
		    "for example https://example.com/"));
		m->field = START_URL;
		free(url);
		return IN_REDRAW;
	}
	xstrset(&m->s->input, url + a);
	free(url);
	session_set_helped(m->s, m->s->role == ROLE_HELPDESK &&
	    m->helped.len ? m->helped.buf : NULL);
	free(m->start_error);
	m->start_error = NULL;
	model_order_steps(m);
	m->screen = SCR_CHECKS;
	return IN_REDRAW | IN_SAVE | IN_SWEEP;
}

/* Keys of the first screen. */
static int
start_key(struct model *m, int key)
{
	if (key == MK_UP || key == MK_BTAB || key == MK_DOWN ||
	    key == MK_TAB) {
		start_move(m, (key == MK_UP || key == MK_BTAB) ? -1 : 1);
		return IN_REDRAW;
	}
	if (key == MK_ENTER) {
		if (m->field == START_GO)
			return start_submit(m);
		start_move(m, 1);
		return IN_REDRAW;
	}
	if (m->field == START_URL)
		return tf_key(&m->url, key) ? IN_REDRAW : 0;
	if (m->field == START_HELPED)
		return tf_key(&m->helped, key) ? IN_REDRAW : 0;
	if (m->field == START_GO)
		return 0;
	if (key == MK_LEFT || key == MK_RIGHT || key == ' ') {
		start_cycle(m, key == MK_LEFT ? -1 : 1);
		return IN_REDRAW | IN_SAVE;
	}
	return 0;
}

/* A click on a question or its answer focuses it. */
static void
start_select(struct model *m, int row)
{
	m->field = row;
}

/* Printable keys type into the address while it has the focus. */
static int
start_typing(const struct model *m)
{
	return m->field == START_URL || m->field == START_HELPED;
}

static const char *
start_value(const struct ui *u, int f)
{
	switch (f) {
	case START_SEEN: return seen_label(u->s.seen);
	case START_ROLE: return role_label(u->s.role);
	case START_OS: return model_os_label(u->s.os);
	case START_BROWSER: return model_browser_label(u->s.browser);
	}
	return "";
}

static void
draw_start(struct ui *u, int top, int bottom)
{
	static const char *const q[START_NFIELDS] = {
		N_("What do you see in the browser?"),
		N_("Address of the site:"),
		N_("Who is running connreset?"),
		N_("Who is helped (name, ticket):"),
		N_("Their operating system:"),
		N_("Browser:"), NULL
	};
	int y = top + 1;

	for (int f = 0; f < START_NFIELDS; f++) {
		int foc = u->m.field == f && u->m.overlay == OV_NONE;
		char *v;

		if (!model_start_visible(&u->m, f))
			continue;
		if (f == START_GO) {
			draw_button(u, y + 1, 36, _("Start"), foc, MK_ENTER, f);
			y += 3;
			continue;
		}
		draw_put(y, 2, 33, foc ? A_BOLD : A_NORMAL, _(q[f]));
		model_hit(&u->m, y, 2, 34, 0, f);
		if (f == START_URL || f == START_HELPED) {
			draw_field(u, y, 36, COLS - 38, f == START_URL ?
			    &u->m.url : &u->m.helped, foc);
			model_hit(&u->m, y, 36, COLS - 2, 0, f);
		} else {
			v = xasprintf("< %s >", start_value(u, f));
			draw_put(y, 36, COLS - 38, foc ? A_REVERSE : A_NORMAL,
			    v);
			model_hit(&u->m, y, 36, 36 + 40, ' ', f);
			free(v);
		}
		y += 2;
	}
	if (u->m.start_error)
		y += 1 + draw_wrapped(y, bottom, 2, COLS - 4,
		    term_attr(TC_FAIL), u->m.start_error, 0);
	draw_wrapped(y, bottom, 2, COLS - 4, A_NORMAL, _("connreset checks "
	    "the address in the background while you answer. Then it walks "
	    "you through the checklist one step at a time and tells you "
	    "where the reset comes from and whom to ask for help. "
	    "Everything is saved as you go."), 0);
}

const struct screen_ops screen_start = {
	.id = SCR_START,
	.title = N_("Getting started"),
	.footer = N_("Up/Down move  Left/Right change  Enter next  F1 keys"),
	.help = help_start,
	.key = start_key,
	.select = start_select,
	.typing = start_typing,
	.draw = draw_start,
};
