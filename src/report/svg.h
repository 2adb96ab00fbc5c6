/*
 * The HTML report's pictures: the verdict block and inline SVG figures
 * drawn from document nodes. No script, nothing fetched; every string is
 * sanitized and escaped on its way in. Internal to src/report.
 */
#ifndef CONNRESET_REPORT_SVG_H
#define CONNRESET_REPORT_SVG_H

#include <stddef.h>

#include "core/strbuf.h"
#include "report/doc.h"

/* Adds s sanitized, with & < > " ' as entities (html.c). */
void html_escape(struct strbuf *out, const char *s);

/* The verdict at a glance: icon, who, summary, confidence, send to. */
void svg_glance(struct strbuf *out, const struct doc_node *n);
/* The figure starting at d->v[i] (DK_FIGURE) as a <figure>. */
void svg_figure(struct strbuf *out, const struct doc *d, size_t i);

#endif
