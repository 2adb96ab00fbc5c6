#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/textwrap.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_WIDTH 78

static void
indent(struct strbuf *out, size_t n)
{
	while (n--)
		sb_addc(out, ' ');
}

/*
 * Writes s word-wrapped to TEXT_WIDTH: the first line starts after
 * first_col columns already written (and a space when sep), later lines
 * are indented by ind. A word wider than a line is broken.
 */
static void
wrap(struct strbuf *out, const char *s, size_t first_col, size_t ind,
    int sep)
{
	size_t col = first_col;
	int at_start = !sep;

	while (*s) {
		size_t wl = strcspn(s, " "), wc;

		if (wl == 0) {
			s++;
			continue;
		}
		wc = text_columns(s, wl);
		if (!at_start && col + 1 + wc > TEXT_WIDTH) {
			sb_addc(out, '\n');
			indent(out, ind);
			col = ind;
			at_start = 1;
		}
		if (!at_start) {
			sb_addc(out, ' ');
			col++;
		}
		while (col + wc > TEXT_WIDTH && TEXT_WIDTH > col) {
			size_t b = text_fit(s, wl, TEXT_WIDTH - col);

			if (b == 0 && col > ind) {
				/* A wide character in the last column: on. */
				sb_addc(out, '\n');
				indent(out, ind);
				col = ind;
				continue;
			}
			if (b == 0)
				b = text_fit(s, wl, 2);
			sb_addn(out, s, b);
			sb_addc(out, '\n');
			indent(out, ind);
			col = ind;
			s += b;
			wl -= b;
			wc = text_columns(s, wl);
		}
		sb_addn(out, s, wl);
		col += wc;
		s += wl;
		at_start = 0;
	}
	sb_addc(out, '\n');
}

static void
underline(struct strbuf *out, const char *s, char c)
{
	size_t n = text_width(s);

	for (size_t i = 0; i < n && i < TEXT_WIDTH; i++)
		sb_addc(out, c);
	sb_addc(out, '\n');
}

/* Length of the shell word at s: up to a space outside single quotes. */
static size_t
shell_word(const char *s)
{
	size_t n = 0;
	int quoted = 0;

	while (s[n] && (quoted || s[n] != ' ')) {
		if (s[n] == '\'')
			quoted = !quoted;
		n++;
	}
	return n;
}

/* A command broken between words with " \" continuations to fit. */
static void
code(struct strbuf *out, const char *s)
{
	size_t col = 4;

	indent(out, 4);
	while (*s) {
		size_t wl = shell_word(s);

		if (col > 4 && col + 1 + text_columns(s, wl) + 2 > TEXT_WIDTH) {
			sb_add(out, " \\\n");
			indent(out, 8);
			col = 8;
		} else if (col > 4) {
			sb_addc(out, ' ');
			col++;
		}
		sb_addn(out, s, wl);
		col += text_columns(s, wl);
		s += wl;
		while (*s == ' ')
			s++;
	}
	sb_addc(out, '\n');
}

/* Whether a blank line separates node k from the one before it. */
static int
blank_before(const struct doc *d, size_t i)
{
	enum doc_kind k = d->v[i].kind, p;

	if (i == 0)
		return 0;
	p = d->v[i - 1].kind;
	if (k == DK_CODE)
		return 0;
	return !(k == p && (k == DK_FIELD || k == DK_ITEM));
}

/* One sanitized line as it is, trailing blanks dropped. */
static void
node_line(struct strbuf *out, const char *s)
{
	char *t = sanitize_str(s, 0);
	size_t n = strlen(t);

	while (n > 0 && t[n - 1] == ' ')
		n--;
	sb_addn(out, t, n);
	sb_addc(out, '\n');
	free(t);
}

/* The verdict at a glance: who, how sure, whom to send it to. */
static void
glance(struct strbuf *out, const struct doc_node *n)
{
	struct strbuf sb = STRBUF_INIT;
	char *t;

	sb_addf(&sb, _("Responsible: %s. Confidence: %s. Send this report "
	    "to: %s."), doc_cell_at(n, 0), doc_cell_at(n, 2),
	    doc_cell_at(n, 3));
	t = sanitize_str(sb_str(&sb), 0);
	wrap(out, t, 0, 2, 0);
	free(t);
	sb_free(&sb);
}

/* Columns of the widest cell of column c among rows [i, end). */
static size_t
col_width(const struct doc *d, size_t i, size_t end, size_t c)
{
	size_t w = 0;

	for (size_t k = i; k < end; k++) {
		char *s = sanitize_str(doc_cell_at(&d->v[k], c), 0);
		size_t n = text_width(s);

		if (n > w)
			w = n;
		free(s);
	}
	return w;
}

/*
 * A table: aligned columns when it fits the width, else one bullet a
 * row, each cell after its column's name.
 */
static void
table(struct strbuf *out, const struct doc *d, size_t i, size_t end)
{
	const struct doc_node *head = &d->v[i];
	size_t nc = head->ncells, total = 0, w[16];

	for (size_t c = 0; c < nc && c < 16; c++)
		total += (w[c] = col_width(d, i, end, c)) + 2;
	if (nc <= 16 && total <= TEXT_WIDTH + 2) {
		for (size_t k = i; k < end; k++) {
			struct strbuf sb = STRBUF_INIT;

			for (size_t c = 0; c < nc; c++) {
				/* Measured as it is shown: sanitized. */
				char *s = sanitize_str(doc_cell_at(&d->v[k],
				    c), 0);

				sb_addf(&sb, "%s%*s", s, c + 1 < nc ?
				    text_pad(s, w[c] + 2) : 0, "");
				free(s);
			}
			node_line(out, sb_str(&sb));
			sb_free(&sb);
			if (k == i && (head->flags & ROWF_HEAD)) {
				for (size_t p = 0; p + 2 < total; p++)
					sb_addc(out, '-');
				sb_addc(out, '\n');
			}
		}
		return;
	}
	for (size_t k = i + ((head->flags & ROWF_HEAD) ? 1 : 0); k < end; k++) {
		struct strbuf sb = STRBUF_INIT;
		char *t;

		sb_add(&sb, doc_cell_at(&d->v[k], 0));
		for (size_t c = 1; c < d->v[k].ncells; c++)
			if (*doc_cell_at(&d->v[k], c))
				sb_addf(&sb, "%s %s: %s", c == 1 ? " --" : ";",
				    doc_cell_at(head, c), doc_cell_at(&d->v[k],
				    c));
		t = sanitize_str(sb_str(&sb), 0);
		sb_add(out, "- ");
		wrap(out, t, 2, 2, 0);
		free(t);
		sb_free(&sb);
	}
}

static void
node(struct strbuf *out, const struct doc_node *n)
{
	char *t = sanitize_str(n->text, 0);
	char *l;

	switch (n->kind) {
	case DK_TITLE:
		wrap(out, t, 0, 0, 0);
		underline(out, t, '=');
		break;
	case DK_SECTION:
		wrap(out, t, 0, 0, 0);
		underline(out, t, '-');
		break;
	case DK_SUBSECTION:
		wrap(out, t, 0, 0, 0);
		underline(out, t, '~');
		break;
	case DK_PARA:
		wrap(out, t, 0, 0, 0);
		break;
	case DK_FIELD:
		l = sanitize_str(n->label ? n->label : "", 0);
		sb_addf(out, "%s:", l);
		wrap(out, t, text_width(l) + 1, 4, 1);
		free(l);
		break;
	case DK_ITEM:
		sb_add(out, "- ");
		wrap(out, t, 2, 2, 0);
		break;
	case DK_CODE:
		code(out, t);
		break;
	case DK_GLANCE:
		glance(out, n);
		break;
	case DK_FIGURE:
	case DK_HOP:
	case DK_MARK:
	case DK_ROW:
		break;	/* drawn by the loop, a group at a time */
	}
	free(t);
}

/* Plain text: something to paste into an email or read aloud. */
void
report_write_text(const struct report_input *in, struct strbuf *out)
{
	struct doc d = { NULL, 0, 0 };

	report_doc(in, &d);
	for (size_t i = 0; i < d.n; i++) {
		enum doc_kind k = d.v[i].kind;
		size_t end = k == DK_FIGURE || k == DK_ROW ?
		    doc_group_end(&d, i) : i + 1;
		int path = k == DK_FIGURE && d.v[i].label &&
		    strcmp(d.v[i].label, "path") == 0;

		if (k == DK_FIGURE && !path) {
			i = end - 1;	/* the evidence lists the attempts */
			continue;
		}
		if (blank_before(&d, i))
			sb_addc(out, '\n');
		if (path) {
			char *line = doc_path_line(&d, i, TEXT_WIDTH);

			sb_add(out, line);
			free(line);
		} else if (k == DK_ROW)
			table(out, &d, i, end);
		else
			node(out, &d.v[i]);
		i = end - 1;
	}
	doc_free(&d);
}
