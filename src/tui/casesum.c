#include "config.h"

#include "tui/casesum.h"
#include "tui/model.h"
#include "tui/textfield.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/textwrap.h"
#include "core/xalloc.h"
#include "diag/names.h"

#include <stdlib.h>
#include <string.h>

struct lines {
	char **v;
	size_t n;
	int width;
};

/* A label and the spaces to 13 columns, for "%s%*s". */
#define PAD(l) text_pad(_(l), 13), ""

/* Adds one line, cut to the width with "..." when longer. */
static void
add(struct lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void
add(struct lines *l, const char *fmt, ...)
{
	va_list ap;
	char *s;
	size_t w = l->width > 3 ? (size_t)l->width : 3;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (text_width(s) > w) {
		char *cut = text_elide(s, w, w - 3, "...");

		free(s);
		s = cut;
	}
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = s;
}

/* Adds a long line wrapped, the next lines indented to the values. */
static void
add_wrapped(struct lines *l, const char *label, const char *text)
{
	size_t n;
	int w = l->width - 14 > 10 ? l->width - 14 : 10;
	char **v = wrap_text(text, w, &n);

	for (size_t i = 0; i < n; i++)
		add(l, "%s%*s %s", i == 0 ? label : "", text_pad(i == 0 ?
		    label : "", 13), "", v[i]);
	if (n == 0)
		add(l, "%s", label);
	wrap_free(v, n);
}

static const char *
step_title(const struct checklist *cl, const char *id)
{
	for (size_t i = 0; cl && i < cl->nsteps; i++)
		if (strcmp(cl->steps[i].id, id) == 0)
			return _(cl->steps[i].title);
	return id;
}

static void
head(struct lines *l, const struct session *s, const struct verdict *v,
    const struct probe_results *r)
{
	const char *br = model_browser_label(s->browser);

	char *t;

	add(l, "%s", _("CASE SUMMARY"));
	add(l, "%s%*s %s", _("Target:"), PAD("Target:"),
	    s->input ? s->input : "-");
	t = xasprintf("%s (%s, %s; %s)", seen_label(s->seen), br,
	    model_os_label(s->os), role_label(s->role));
	add_wrapped(l, _("They see:"), t);
	free(t);
	if (s->role == ROLE_HELPDESK) {
		t = xasprintf(_("%s, on %s with %s"), s->helped ? s->helped :
		    _("the caller"), model_os_label(s->os), br);
		add_wrapped(l, _("Helped:"), t);
		free(t);
		t = xasprintf(_("from the helper's machine and network (%s, "
		    "%s), not the caller's: a filter on the caller's network "
		    "is not seen from here"), r && r->local.os ? r->local.os :
		    "?", r && r->local.iface_kind ? r->local.iface_kind : "?");
		add_wrapped(l, _("Measured:"), t);
		free(t);
	}
	if (!v) {
		add(l, "%s%*s %s", _("Verdict:"), PAD("Verdict:"),
		    _("not known yet (checks still running)"));
		return;
	}
	add_wrapped(l, _("Verdict:"), v->summary ? v->summary :
	    cause_label(v->cause));
	/* The origin only when the cause does not already say it. */
	if (strstr(cause_label(v->cause), origin_label(v->origin)))
		t = xasprintf(_("%s (confidence %s)"), cause_label(v->cause),
		    confidence_label(v->confidence));
	else
		t = xasprintf(_("%s, from %s (confidence %s)"),
		    cause_label(v->cause), origin_label(v->origin),
		    confidence_label(v->confidence));
	add_wrapped(l, _("Cause:"), t);
	free(t);
	add(l, "%s%*s %s", _("Escalate to:"), PAD("Escalate to:"),
	    escalate_label(v->escalate_to));
}

/*
 * The evidence worth reading out: the verdict's own reasons (what
 * decided it) first, then the checks that failed or warned. Passing
 * checks are no key evidence; they come only when nothing else does.
 */
static void
evidence(struct lines *l, const struct probe_results *r,
    const struct verdict *v)
{
	size_t before = l->n;

	for (size_t i = 0; v && i < v->nreasons; i++)
		if (v->reasons[i].text)
			add(l, "  * %s", v->reasons[i].text);
	for (int pass = 0; r && pass < 2; pass++) {
		if (pass == 1 && l->n > before)
			break;
		for (size_t i = 0; i < r->nchecks; i++) {
			const struct res_check *c = &r->checks[i];
			int bad = c->state == CHECK_DONE &&
			    (c->status == CS_FAIL || c->status == CS_WARN ||
			    c->status == CS_ERROR);

			if (bad != (pass == 0))
				continue;
			if (c->state != CHECK_DONE || c->status == CS_SKIPPED)
				continue;
			add(l, "  %s %s: %s", bad ? "!" : "-",
			    c->title ? _(c->title) : c->id,
			    c->summary ? c->summary :
			    check_status_label(c->status));
		}
	}
}

static void
tried(struct lines *l, const struct session *s, const struct checklist *cl)
{
	for (size_t i = 0; i < s->nanswers; i++) {
		const struct session_answer *a = &s->answers[i];

		if (a->checks_said)
			add(l, "  - %s: %s (%s: %s)", step_title(cl, a->step_id),
			    answer_label(a->answer), _("the checks still saw"),
			    a->checks_said);
		else if (a->note)
			add(l, "  - %s: %s (%s)", step_title(cl, a->step_id),
			    answer_label(a->answer), a->note);
		else
			add(l, "  - %s: %s", step_title(cl, a->step_id),
			    answer_label(a->answer));
	}
}

/* Moves up to take lines of src into dst; the last says what was left. */
static void
take(struct lines *dst, struct lines *src, size_t take_n)
{
	for (size_t i = 0; i < src->n; i++) {
		if (i < take_n && (i + 1 < take_n || take_n == src->n)) {
			dst->v = xrealloc(dst->v, (dst->n + 1) *
			    sizeof(*dst->v));
			dst->v[dst->n++] = src->v[i];
			src->v[i] = NULL;
		} else if (i + 1 == take_n) {
			add(dst, _("  ... and %zu more"), src->n - i);
		}
	}
	wrap_free(src->v, src->n);
}

/* Returns the summary as lines; see casesum.h. */
char **
casesum_lines(const struct session *s, const struct checklist *cl,
    const struct probe_results *r, const struct verdict *v, int width,
    int max_lines, size_t *nlines)
{
	struct lines out = { NULL, 0, width }, ev = { NULL, 0, width };
	struct lines tr = { NULL, 0, width };
	size_t used, avail, ev_n, tr_n;
	size_t max = max_lines > 8 ? (size_t)max_lines : 8;

	head(&out, s, v, r);
	evidence(&ev, r, v);
	tried(&tr, s, cl);
	used = out.n + 2 + (ev.n == 0) + (tr.n == 0);
	avail = max > used ? max - used : 0;
	/* Evidence gets half, or more when little was tried. */
	ev_n = avail - (tr.n < avail ? tr.n : avail);
	if (ev_n < avail / 2)
		ev_n = avail / 2;
	if (ev_n > ev.n)
		ev_n = ev.n;
	tr_n = tr.n < avail - ev_n ? tr.n : avail - ev_n;
	add(&out, "%s", _("Key evidence:"));
	if (ev.n == 0)
		add(&out, "  %s", _("none yet"));
	take(&out, &ev, ev.n ? ev_n : 0);
	add(&out, "%s", _("What was tried:"));
	if (tr.n == 0)
		add(&out, "  %s", _("nothing yet"));
	take(&out, &tr, tr.n ? tr_n : 0);
	while (out.n > max)
		free(out.v[--out.n]);
	*nlines = out.n;
	return out.v;
}
