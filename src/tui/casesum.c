#include "config.h"

#include "tui/casesum.h"
#include "tui/model.h"
#include "tui/textfield.h"
#include "core/i18n.h"
#include "core/strbuf.h"
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
#define PAD(l) utf8_pad(_(l), 13), ""

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
	if (utf8_chars(s, strlen(s)) > w) {
		size_t cut = utf8_prefix(s, w - 3);

		s[cut] = '\0';
		s = xrealloc(s, cut + 4);
		memcpy(s + cut, "...", 4);
	}
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = s;
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
head(struct lines *l, const struct session *s, const struct verdict *v)
{
	const char *br = model_browser_label(s->browser);

	add(l, "%s", _("CASE SUMMARY"));
	add(l, "%s%*s %s", _("Target:"), PAD("Target:"),
	    s->input ? s->input : "-");
	add(l, "%s%*s %s (%s, %s; %s)", _("They see:"), PAD("They see:"),
	    seen_label(s->seen), br, model_os_label(s->os),
	    role_label(s->role));
	if (!v) {
		add(l, "%s%*s %s", _("Verdict:"), PAD("Verdict:"),
		    _("not known yet (checks still running)"));
		return;
	}
	add(l, "%s%*s %s", _("Verdict:"), PAD("Verdict:"),
	    v->summary ? v->summary : cause_label(v->cause));
	add(l, "%s%*s %s, %s; %s %s", _("Cause:"), PAD("Cause:"),
	    cause_label(v->cause), origin_label(v->origin), _("confidence"),
	    confidence_label(v->confidence));
	add(l, "%s%*s %s", _("Escalate to:"), PAD("Escalate to:"),
	    escalate_label(v->escalate_to));
}

/*
 * The checks worth reading out: failures and warnings, then the rest;
 * checks that were not needed say nothing on a call.
 */
static void
evidence(struct lines *l, const struct probe_results *r)
{
	for (int pass = 0; r && pass < 2; pass++)
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

static void
tried(struct lines *l, const struct session *s, const struct checklist *cl)
{
	for (size_t i = 0; i < s->nanswers; i++) {
		const struct session_answer *a = &s->answers[i];

		if (a->note)
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

	head(&out, s, v);
	evidence(&ev, r);
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
