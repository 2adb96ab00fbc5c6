#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/textwrap.h"
#include "report/svg.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Inline style: readable on screen, clean on paper, nothing external. */
static const char style[] =
    "body{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;"
    "padding:0 1em;line-height:1.45;color:#111;background:#fff}\n"
    "h1{font-size:1.6em;border-bottom:2px solid #333}\n"
    "h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #999}\n"
    "h3{font-size:1.05em;margin-top:1.2em}\n"
    "table{border-collapse:collapse;margin:.5em 0}\n"
    "th{text-align:left;padding:.15em 1em .15em 0;vertical-align:top;"
    "white-space:nowrap}\n"
    "td{padding:.15em 0;overflow-wrap:anywhere}\n"
    "li{overflow-wrap:anywhere}\n"
    "pre{background:#f3f3f3;padding:.5em;white-space:pre-wrap;"
    "overflow-wrap:anywhere;border:1px solid #ddd;"
    "font-family:ui-monospace,monospace,monospace;font-size:.9em}\n"
    ".t{white-space:nowrap}\n"
    "table.grid{width:100%}\n"
    "table.grid th,table.grid td{border:1px solid #999;padding:.2em .5em;"
    "vertical-align:top;overflow-wrap:break-word}\n"
    "table.grid th{background:#eee;white-space:normal}\n"
    ".glance{display:flex;gap:1em;align-items:flex-start;"
    "border:3px solid #333;border-left-width:14px;padding:.6em 1em;"
    "margin:1em 0;background:#f6f6f6}\n"
    ".glance p{margin:.25em 0}.glance .who{font-size:1.3em}\n"
    ".glance .meta span{margin-right:1.5em;white-space:nowrap}\n"
    ".glance .icon{flex:none}.meter{vertical-align:-2px}\n"
    ".gp-none{border-color:#009E73;background:#e9f6f1}\n"
    ".gp-device{border-color:#E69F00;border-style:double;"
    "background:#fdf3e0}\n"
    ".gp-network{border-color:#56B4E9;border-style:dashed;"
    "background:#eaf5fc}\n"
    ".gp-path{border-color:#D55E00;background:#fbe8dc}\n"
    ".gp-server{border-color:#0072B2;border-style:double;"
    "background:#e5f0f8}\n"
    ".gp-unknown{border-color:#777;border-style:dotted}\n"
    ".glance.glance{border-left-style:solid}\n"
    "figure{margin:1em 0}figure svg{display:block;max-width:100%;"
    "height:auto}\n"
    "figure.timeline svg{break-inside:avoid}\n"
    "figcaption{font-size:.9em;color:#333;margin-top:.3em}\n"
    "details{margin:.4em 0}summary{cursor:pointer}\n"
    "summary h3{display:inline;margin:0}\n"
    "@page{size:A4;margin:14mm}\n"
    "@media print{body{margin:0;max-width:none}pre{border:1px solid #999}"
    "h1,h2,h3{break-after:avoid}li,tr,pre{break-inside:avoid}"
    "p:has(+pre){break-after:avoid}"
    "details::details-content{content-visibility:visible;display:block}"
    "summary{list-style:none}summary::-webkit-details-marker{display:none}"
    "figure.path,figure.watch,.glance{break-inside:avoid}"
    ".glance,figure{print-color-adjust:exact;"
    "-webkit-print-color-adjust:exact}}\n";

/* Length of the RFC 3339 stamp at s ("2026-03-14T09:26:53.700Z"), or 0. */
static size_t
stamp_len(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t n;

	for (n = 0; shape[n]; n++)
		if (shape[n] == 'd' ? !isdigit((unsigned char)s[n]) :
		    s[n] != shape[n])
			return 0;
	while (s[n] && (isdigit((unsigned char)s[n]) || strchr(".:+-Z",
	    s[n])))
		n++;
	/* A stamp ends in a digit or Z, not in the sentence's full stop. */
	while (strchr(".:+-", s[n - 1]))
		n--;
	return n;
}

/* Adds one character with & < > " ' as entities. */
static void
esc_char(struct strbuf *out, char c)
{
	switch (c) {
	case '&':
		sb_add(out, "&amp;");
		break;
	case '<':
		sb_add(out, "&lt;");
		break;
	case '>':
		sb_add(out, "&gt;");
		break;
	case '"':
		sb_add(out, "&quot;");
		break;
	case '\'':
		sb_add(out, "&#39;");
		break;
	default:
		sb_addc(out, c);
	}
}

/* Adds sanitized, escaped text; time stamps are kept on one line. */
static void
esc(struct strbuf *out, const char *s)
{
	char *t = sanitize_str(s ? s : "", 0);

	for (const char *p = t; *p; p++) {
		size_t n = stamp_len(p);

		if (n == 0) {
			esc_char(out, *p);
			continue;
		}
		sb_add(out, "<span class=\"t\">");
		sb_addn(out, p, n);
		sb_add(out, "</span>");
		p += n - 1;
	}
	free(t);
}

/* Adds s sanitized, with & < > " ' as entities (html.c). */
void
html_escape(struct strbuf *out, const char *s)
{
	char *t = sanitize_str(s ? s : "", 0);

	for (const char *p = t; *p; p++)
		esc_char(out, *p);
	free(t);
}

/* Closes the table or list a previous node opened when k does not fit. */
static void
close_group(struct strbuf *out, enum doc_kind prev, enum doc_kind k)
{
	if (prev == k)
		return;
	if (prev == DK_FIELD)
		sb_add(out, "</table>\n");
	else if (prev == DK_ITEM)
		sb_add(out, "</ul>\n");
	else if (prev == DK_ROW)
		sb_add(out, "</tbody></table>\n");
}

/* One row of a grid table; the header row opens the table. */
static void
row(struct strbuf *out, const struct doc_node *n, enum doc_kind prev)
{
	int head = n->flags & ROWF_HEAD;

	if (prev == DK_ROW && head)
		sb_add(out, "</tbody></table>\n");
	if (prev != DK_ROW || head)
		sb_add(out, head ? "<table class=\"grid\">\n" :
		    "<table class=\"grid\"><tbody>\n");
	sb_add(out, head ? "<thead><tr>" : "<tr>");
	for (size_t c = 0; c < n->ncells; c++) {
		/* A short cell ("0.4 ms", "TLS 1.2") is kept on one line. */
		int short_cell = text_width(n->cells[c]) <= 12;

		sb_add(out, head ? "<th>" : short_cell ? "<td class=\"t\">" :
		    "<td>");
		esc(out, n->cells[c]);
		sb_add(out, head ? "</th>" : "</td>");
	}
	sb_add(out, head ? "</tr></thead><tbody>\n" : "</tr>\n");
}

static void
element(struct strbuf *out, const char *tag, const char *text)
{
	sb_addf(out, "<%s>", tag);
	esc(out, text);
	sb_addf(out, "</%s>\n", tag);
}

static void
node(struct strbuf *out, const struct doc_node *n, enum doc_kind prev)
{
	switch (n->kind) {
	case DK_TITLE:
		element(out, "h1", n->text);
		break;
	case DK_SECTION:
		element(out, "h2", n->text);
		break;
	case DK_SUBSECTION:
		element(out, "h3", n->text);
		break;
	case DK_PARA:
		element(out, "p", n->text);
		break;
	case DK_FIELD:
		if (prev != DK_FIELD)
			sb_add(out, "<table>\n");
		sb_add(out, "<tr><th>");
		esc(out, n->label);
		sb_add(out, "</th><td>");
		esc(out, n->text);
		sb_add(out, "</td></tr>\n");
		break;
	case DK_ITEM:
		if (prev != DK_ITEM)
			sb_add(out, "<ul>\n");
		element(out, "li", n->text);
		break;
	case DK_CODE:
		sb_add(out, "<pre><code>");
		html_escape(out, n->text);
		sb_add(out, "</code></pre>\n");
		break;
	case DK_GLANCE:
		svg_glance(out, n);
		break;
	case DK_ROW:
		row(out, n, prev);
		break;
	case DK_FIGURE:
	case DK_HOP:
	case DK_MARK:
		break;	/* drawn by the loop, a figure at a time */
	}
}

/* Folds the subsections of a collapsible section: one <details> each. */
static void
fold(struct strbuf *out, const struct doc_node *n, int *collapse,
    int *open)
{
	if (n->kind != DK_SECTION && n->kind != DK_SUBSECTION)
		return;
	if (*open)
		sb_add(out, "</details>\n");
	*open = 0;
	if (n->kind == DK_SECTION)
		*collapse = n->flags & SECF_COLLAPSE;
	else if (*collapse) {
		sb_add(out, "<details>\n<summary>");
		*open = 1;
	}
}

/* Drops the newline the last element ended with. */
static void
strip_last_newline(struct strbuf *out)
{
	if (out->len > 0 && out->s[out->len - 1] == '\n')
		out->s[--out->len] = '\0';
}

/* HTML: one self-contained printable page, no scripts, nothing fetched. */
void
report_write_html(const struct report_input *in, struct strbuf *out)
{
	struct doc d = { NULL, 0, 0 };
	enum doc_kind prev = DK_TITLE;
	int collapse = 0, open = 0;

	report_doc(in, &d);
	sb_add(out, "<!DOCTYPE html>\n<html lang=\"");
	/* TRANSLATORS: the code of this translation's language (de, es),
	   for the HTML report's lang attribute. */
	html_escape(out, _("en"));
	sb_add(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n");
	sb_add(out, "<title>");
	html_escape(out, d.n ? d.v[0].text : _("Connection report"));
	sb_add(out, "</title>\n");
	sb_addf(out, "<style>\n%s</style>\n</head>\n<body>\n", style);
	for (size_t i = 0; i < d.n; i++) {
		close_group(out, prev, d.v[i].kind);
		fold(out, &d.v[i], &collapse, &open);
		if (d.v[i].kind == DK_FIGURE) {
			svg_figure(out, &d, i);
			i = doc_group_end(&d, i) - 1;
			prev = DK_FIGURE;
			continue;
		}
		node(out, &d.v[i], prev);
		if (open && d.v[i].kind == DK_SUBSECTION) {
			/* The heading inside the summary stays a heading. */
			strip_last_newline(out);
			sb_add(out, "</summary>\n");
		}
		prev = d.v[i].kind;
	}
	close_group(out, prev, DK_TITLE);
	if (open)
		sb_add(out, "</details>\n");
	sb_add(out, "</body>\n</html>\n");
	doc_free(&d);
}
