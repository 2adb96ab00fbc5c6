/*
 * The model's frame: set-up, clicks, the overlays (help, note, export,
 * confirm, message, flush) and the dispatch of a key to the screen.
 */
#include "config.h"

#include "tui/model_int.h"
#include "tui/screen.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct model_keyhelp help_global[] = {
	{ "?, F1", N_("show the keys of this screen") },
	{ "e", N_("export a report (JSON, text, Markdown, HTML)") },
	{ "q", N_("quit (the case is saved: connreset --resume)") },
	{ "o", N_("open another saved case") },
	{ NULL, NULL }
};

/* Sets m up over session s and checklist cl (both borrowed). */
void
model_init(struct model *m, struct session *s, const struct checklist *cl)
{
	memset(m, 0, sizeof(*m));
	m->s = s;
	m->cl = cl;
	m->screen = SCR_START;
	m->prev = SCR_START;
	m->field = START_SEEN;
	tf_set(&m->url, s->input);
	tf_set(&m->helped, s->helped);
	if (s->input && *s->input)
		m->field = START_ROLE;
	m->button = -1;
	model_order_steps(m);
}

/* Frees the list of saved cases. */
void
model_cases_clear(struct model *m)
{
	for (size_t i = 0; i < m->ncases; i++) {
		free(m->cases[i].id);
		free(m->cases[i].label);
	}
	m->ncases = 0;
	m->case_sel = 0;
}

/* Keys of the list of saved cases; Enter opens the selected one. */
int
model_cases_key(struct model *m, int key)
{
	switch (key) {
	case MK_UP:
		m->case_sel = m->case_sel > 0 ? m->case_sel - 1 : 0;
		return IN_REDRAW;
	case MK_DOWN:
		if ((size_t)m->case_sel + 1 < m->ncases)
			m->case_sel++;
		return IN_REDRAW;
	case MK_ENTER:
		m->overlay = OV_NONE;
		if ((size_t)m->case_sel >= m->ncases)
			return IN_REDRAW;
		snprintf(m->open_id, sizeof(m->open_id), "%s",
		    m->cases[m->case_sel].id);
		return IN_OPEN | IN_REDRAW;
	case MK_ESC: case 'q':
		m->overlay = OV_NONE;
		return IN_REDRAW;
	}
	return 0;
}

/* Frees what m owns. */
void
model_free(struct model *m)
{
	free(m->order);
	free(m->start_error);
	free(m->exp_path);
	model_cases_clear(m);
	memset(m, 0, sizeof(*m));
}

/* Forgets the hits of the last draw (called before drawing). */
void
model_hits_reset(struct model *m)
{
	m->nhits = 0;
}

/* Records a clickable area. */
void
model_hit(struct model *m, int y, int x0, int x1, int key, int select)
{
	struct model_hit *h;

	if (m->nhits >= MODEL_MAX_HITS)
		return;
	h = &m->hits[m->nhits++];
	h->y = y;
	h->x0 = x0;
	h->x1 = x1;
	h->key = key;
	h->select = select;
}

/* Handles a click at (y, x) using the hits of the last draw. */
int
model_click(struct model *m, int y, int x)
{
	int base = m->overlay != OV_NONE ? m->hit_base : 0;

	/* Last recorded first: overlays are drawn over the screen. */
	for (int i = m->nhits - 1; i >= base; i--) {
		const struct model_hit *h = &m->hits[i];
		int old = m->exp_format;

		if (h->y != y || x < h->x0 || x > h->x1)
			continue;
		if (h->select >= 0 && m->overlay == OV_CASES) {
			m->case_sel = h->select;
		} else if (h->select >= 0 && m->overlay == OV_EXPORT) {
			m->exp_format = h->select;
			model_export_retype(m, old);
		} else if (h->select >= 0 && screen_of(m->screen)->select) {
			screen_of(m->screen)->select(m, h->select);
		}
		return h->key ? model_key(m, h->key) : IN_REDRAW;
	}
	if (m->overlay == OV_HELP || m->overlay == OV_MESSAGE ||
	    m->overlay == OV_FLUSH) {
		m->overlay = OV_NONE;
		return IN_REDRAW;
	}
	return 0;
}

/* Key help of the current screen (terminated by a NULL keys). */
const struct model_keyhelp *
model_keyhelp(const struct model *m)
{
	return screen_of(m->screen)->help;
}

/* Keys every screen has (terminated by a NULL keys). */
const struct model_keyhelp *
model_keyhelp_global(void)
{
	return help_global;
}

/* Shows a message box; the text is copied (and cut to fit). */
void
model_message(struct model *m, const char *text)
{
	snprintf(m->msg, sizeof(m->msg), "%s", text);
	m->overlay = OV_MESSAGE;
}

/* Asks a yes/no question of kind k. */
void
model_confirm(struct model *m, enum confirm_kind k, const char *text)
{
	snprintf(m->msg, sizeof(m->msg), "%s", text);
	m->confirm = k;
	m->overlay = OV_CONFIRM;
}

/* The shell's answer that a save hit an existing file: asks to overwrite. */
void
model_ask_overwrite(struct model *m)
{
	char *q = xasprintf(_("%s already exists. Overwrite it? (y/n)"),
	    m->exp_path ? m->exp_path : "");

	model_confirm(m, CF_OVERWRITE, q);
	free(q);
}

/* Quits at once, or asks first when the last autosave failed. */
static int
ask_quit(struct model *m)
{
	if (!m->save_failed)
		return IN_QUIT;
	model_confirm(m, CF_QUIT, _("The last autosave failed, so your "
	    "latest answers are not on disk and could not be resumed. "
	    "Quit anyway? (y/n)"));
	return IN_REDRAW;
}

static int
confirm_key(struct model *m, int key)
{
	if (key == 'n' || key == 'N' || key == MK_ESC) {
		m->overlay = OV_NONE;
		return IN_REDRAW;
	}
	if (key != 'y' && key != 'Y')
		return 0;
	m->overlay = OV_NONE;
	switch (m->confirm) {
	case CF_QUIT:
		return IN_QUIT;
	case CF_OVERWRITE:
		m->exp_force = 1;
		return IN_EXPORT | IN_REDRAW;
	case CF_FIXED:
		return model_fixed_confirmed(m);
	case CF_FLUSH_DNS:
		/* The only way to a flush: the person said yes. */
		m->flush_asked = 1;
		m->overlay = OV_FLUSH;
		return IN_FLUSH | IN_REDRAW;
	}
	return IN_REDRAW;
}

static int
note_key(struct model *m, int key)
{
	const struct cl_step *st = model_step(m);
	const struct session_answer *a;

	if (key == MK_ESC) {
		m->overlay = OV_NONE;
		return IN_REDRAW;
	}
	if (key != MK_ENTER)
		return tf_key(&m->note, key) ? IN_REDRAW : 0;
	m->overlay = OV_NONE;
	/* An answered step keeps its answer and gets the new note. */
	if (st && (a = session_find(m->s, st->id)) != NULL) {
		session_answer(m->s, st->id, a->answer, m->note.buf);
		return IN_REDRAW | IN_SAVE;
	}
	return IN_REDRAW;
}

static int
overlay_key(struct model *m, int key)
{
	switch (m->overlay) {
	case OV_HELP:
	case OV_MESSAGE:
	case OV_FLUSH:
		m->overlay = OV_NONE;
		return IN_REDRAW;
	case OV_NOTE:
		return note_key(m, key);
	case OV_EXPORT:
		return model_export_key(m, key);
	case OV_CONFIRM:
		return confirm_key(m, key);
	case OV_CASES:
		return model_cases_key(m, key);
	case OV_NONE:
		break;
	}
	return 0;
}

/* Non-zero when printable keys go to a text field on this screen. */
static int
typing(const struct model *m)
{
	const struct screen_ops *sc = screen_of(m->screen);

	return sc->typing && sc->typing(m);
}

/* Handles one key; returns IN_* flags. */
int
model_key(struct model *m, int key)
{
	int rc;

	if (m->overlay != OV_NONE)
		return overlay_key(m, key);
	if (key == MK_F1 || (key == '?' && !typing(m))) {
		m->overlay = OV_HELP;
		return IN_REDRAW;
	}
	rc = screen_of(m->screen)->key(m, key);
	if (rc || typing(m))
		return rc;
	if (key == 'e') {
		model_open_export(m);
		return IN_REDRAW;
	}
	if (key == 'q')
		return ask_quit(m);
	if (key == 'o') {
		m->overlay = OV_CASES;
		return IN_CASES | IN_REDRAW;
	}
	return 0;
}
