#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/textwrap.h"

#include <stdlib.h>
#include <string.h>

/*
 * Adds s with every character that could start Markdown syntax escaped:
 * emphasis, code, links and images, raw HTML and entities, tables,
 * strike-through, headings; at the start of a block also list and quote
 * markers, so the text renders as exactly what it says.
 */
static void
md_escape(struct strbuf *out, const char *s, int block_start)
{
	static const char always[] = "\\`*_[]<>!&|~#";
	size_t i = 0;

	if (block_start) {
		while (s[i] >= '0' && s[i] <= '9')
			sb_addc(out, s[i++]);
		if (i > 0 && (s[i] == '.' || s[i] == ')'))
			sb_addc(out, '\\');
		else if (i == 0 && s[0] && strchr("-+=>", s[0]))
			sb_addc(out, '\\');
	}
	for (; s[i]; i++) {
		if (strchr(always, s[i]))
			sb_addc(out, '\\');
		sb_addc(out, s[i]);
	}
}

/* Adds sanitized, escaped text. */
static void
md_text(struct strbuf *out, const char *s, int block_start)
{
	char *t = sanitize_str(s ? s : "", 0);

	md_escape(out, t, block_start);
	free(t);
}

/* A fenced code block whose fence is longer than any backtick run in s. */
static void
md_code(struct strbuf *out, const char *s)
{
	char *t = sanitize_str(s, 0);
	size_t run = 0, longest = 0, fence;

	for (const char *p = t; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	fence = longest >= 3 ? longest + 1 : 3;
	for (size_t i = 0; i < fence; i++)
		sb_addc(out, '`');
	sb_add(out, "sh\n");
	sb_add(out, t);
	sb_addc(out, '\n');
	for (size_t i = 0; i < fence; i++)
		sb_addc(out, '`');
	sb_addc(out, '\n');
	free(t);
}

static int
blank_before(const struct doc *d, size_t i)
{
	enum doc_kind k = d->v[i].kind, p;

	if (i == 0)
		return 0;
	p = d->v[i - 1].kind;
	return !(k == p && (k == DK_FIELD || k == DK_ITEM));
}

static void
node(struct strbuf *out, const struct doc_node *n)
{
	switch (n->kind) {
	case DK_TITLE:
	case DK_SECTION:
	case DK_SUBSECTION:
		sb_add(out, n->kind == DK_TITLE ? "# " : n->kind == DK_SECTION ?
		    "## " : "### ");
		md_text(out, n->text, 0);
		sb_addc(out, '\n');
		break;
	case DK_PARA:
		md_text(out, n->text, 1);
		sb_addc(out, '\n');
		break;
	case DK_FIELD:
		/* Another bullet than items, so the two never merge. */
		sb_add(out, "* **");
		md_text(out, n->label, 0);
		sb_add(out, ":** ");
		md_text(out, n->text, 0);
		sb_addc(out, '\n');
		break;
	case DK_ITEM:
		sb_add(out, "- ");
		md_text(out, n->text, 1);
		sb_addc(out, '\n');
		break;
	case DK_CODE:
		md_code(out, n->text);
		break;
	case DK_GLANCE:
		sb_add(out, "**");
		md_text(out, _("Responsible:"), 0);
		sb_addc(out, ' ');
		md_text(out, doc_cell_at(n, 0), 0);
		sb_add(out, "**  \n");
		md_text(out, _("Confidence:"), 0);
		sb_addc(out, ' ');
		md_text(out, doc_cell_at(n, 2), 0);
		sb_add(out, ". ");
		md_text(out, _("Send this report to:"), 0);
		sb_addc(out, ' ');
		md_text(out, doc_cell_at(n, 3), 0);
		sb_addc(out, '\n');
		break;
	case DK_FIGURE:
	case DK_HOP:
	case DK_MARK:
	case DK_ROW:
		break;	/* drawn by the loop, a group at a time */
	}
}

/* A pipe table; its first row is the header (an empty one if not). */
static void
md_table(struct strbuf *out, const struct doc *d, size_t i, size_t end)
{
	size_t nc = d->v[i].ncells;

	for (size_t k = i; k < end; k++) {
		sb_add(out, "|");
		for (size_t c = 0; c < nc; c++) {
			sb_addc(out, ' ');
			md_text(out, doc_cell_at(&d->v[k], c), 0);
			sb_add(out, " |");
		}
		sb_addc(out, '\n');
		if (k == i) {
			/* As wide as each header, to read as a table. */
			sb_add(out, "|");
			for (size_t c = 0; c < nc; c++) {
				size_t w = text_width(doc_cell_at(&d->v[i],
				    c));

				sb_addc(out, ' ');
				for (size_t x = 0; x < (w > 3 ? w : 3); x++)
					sb_addc(out, '-');
				sb_add(out, " |");
			}
			sb_addc(out, '\n');
		}
	}
}

/* Markdown: a ticket body that renders as exactly what it says. */
void
report_write_markdown(const struct report_input *in, struct strbuf *out)
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
			char *line = doc_path_line(&d, i, 78);

			sb_add(out, "```text\n");
			sb_add(out, line);
			sb_add(out, "```\n");
			free(line);
		} else if (k == DK_ROW)
			md_table(out, &d, i, end);
		else
			node(out, &d.v[i]);
		i = end - 1;
	}
	doc_free(&d);
}
