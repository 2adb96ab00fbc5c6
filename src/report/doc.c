#include "config.h"

#include "report/doc.h"

#include "core/xalloc.h"
#include "report/privacy.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Appends a node; label may be NULL. The strings are copied. */
struct doc_node *
doc_add(struct doc *d, enum doc_kind k, const char *label, const char *text)
{
	struct doc_node *n;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	n = &d->v[d->n++];
	memset(n, 0, sizeof(*n));
	n->kind = k;
	n->label = xstrdup(label);
	n->text = xstrdup(text ? text : "");
	return n;
}

/* Appends a node whose text is formatted. */
struct doc_node *
doc_addf(struct doc *d, enum doc_kind k, const char *label,
    const char *fmt, ...)
{
	struct doc_node *n;
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	n = doc_add(d, k, label, s);
	free(s);
	return n;
}

/* Appends a copy of s (NULL: an empty cell) to n's cells. */
void
doc_cell(struct doc_node *n, const char *s)
{
	n->cells = xrealloc(n->cells, (n->ncells + 1) * sizeof(*n->cells));
	n->cells[n->ncells++] = xstrdup(s ? s : "");
}

/* Appends a formatted cell. */
void
doc_cellf(struct doc_node *n, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	doc_cell(n, s);
	free(s);
}

/* Cell i of n, "" when it has fewer. */
const char *
doc_cell_at(const struct doc_node *n, size_t i)
{
	return i < n->ncells && n->cells[i] ? n->cells[i] : "";
}

/* The index after the figure (or table) that starts at node i. */
size_t
doc_group_end(const struct doc *d, size_t i)
{
	enum doc_kind k = d->v[i].kind == DK_FIGURE ? DK_HOP : d->v[i].kind;

	if (d->v[i].kind == DK_FIGURE) {
		i++;
		if (i < d->n && d->v[i].kind == DK_MARK)
			k = DK_MARK;
	}
	while (i < d->n && d->v[i].kind == k)
		i++;
	return i;
}

/* Frees every node; the doc can be reused. */
void
doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].label);
		free(d->v[i].text);
		for (size_t c = 0; c < d->v[i].ncells; c++)
			free(d->v[i].cells[c]);
		free(d->v[i].cells);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static void
mask_one(char **s, struct privacy *p)
{
	char *m;

	if (!*s)
		return;
	m = privacy_mask(p, *s);
	free(*s);
	*s = m;
}

/* Masks what p says to mask in every string of the document. */
void
doc_mask(struct doc *d, struct privacy *p)
{
	for (size_t i = 0; i < d->n; i++) {
		mask_one(&d->v[i].label, p);
		mask_one(&d->v[i].text, p);
		for (size_t c = 0; c < d->v[i].ncells; c++)
			mask_one(&d->v[i].cells[c], p);
	}
}
