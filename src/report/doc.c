#include "config.h"

#include "report/doc.h"

#include "core/xalloc.h"
#include "report/privacy.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Appends a node; label may be NULL. The strings are copied. */
void
doc_add(struct doc *d, enum doc_kind k, const char *label, const char *text)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	d->v[d->n].kind = k;
	d->v[d->n].label = xstrdup(label);
	d->v[d->n].text = xstrdup(text ? text : "");
	d->n++;
}

/* Appends a node whose text is formatted. */
void
doc_addf(struct doc *d, enum doc_kind k, const char *label,
    const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	doc_add(d, k, label, s);
	free(s);
}

/* Frees every node; the doc can be reused. */
void
doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].label);
		free(d->v[i].text);
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
	}
}
