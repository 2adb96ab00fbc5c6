/*
 * The report as a small document model shared by the human writers:
 * content.c decides what to say once, text.c, markdown.c and html.c only
 * decide how it looks and how to escape it. Internal to src/report.
 */
#ifndef CONNRESET_REPORT_DOC_H
#define CONNRESET_REPORT_DOC_H

#include <stddef.h>

#include "core/strbuf.h"
#include "report/report.h"

struct privacy;

enum doc_kind {
	DK_TITLE,		/* the one title */
	DK_SECTION,		/* a section heading */
	DK_SUBSECTION,		/* a heading inside a section */
	DK_PARA,		/* a paragraph of prose */
	DK_FIELD,		/* "label: text" */
	DK_ITEM,		/* one bullet of a list */
	DK_CODE			/* one shell command, never wrapped */
};

/* One block of the document; strings are raw (sanitized, not escaped). */
struct doc_node {
	enum doc_kind kind;
	char *label;		/* DK_FIELD only */
	char *text;
};

struct doc {
	struct doc_node *v;
	size_t n;
	size_t cap;
};

/* Appends a node; label may be NULL. The strings are copied. */
void doc_add(struct doc *d, enum doc_kind k, const char *label,
    const char *text);
/* Appends a node whose text is formatted. */
void doc_addf(struct doc *d, enum doc_kind k, const char *label,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Frees every node; the doc can be reused. */
void doc_free(struct doc *d);
/* Masks what p says to mask in every string of the document. */
void doc_mask(struct doc *d, struct privacy *p);

/* Fills d with the whole report for in (content.c). */
void doc_build(const struct report_input *in, struct doc *d);
/* The evidence sections (content_evidence.c). */
void doc_build_evidence(const struct report_input *in, struct doc *d);
/* The size sections, inside the evidence (content_size.c). */
void doc_build_size_evidence(const struct report_input *in,
    struct doc *d);
/*
 * What an audience section (RA_ISP, RA_IT, RA_SITE_OWNER) says of a
 * size finding (content_size.c); 0, adding nothing, when the verdict's
 * cause is not one.
 */
int doc_build_size_audience(const struct report_input *in,
    enum report_audience a, struct doc *d);
/* The section addressed to the report's reader (content_audience.c). */
void doc_build_audience(const struct report_input *in, struct doc *d);
/* A request variant in words (content_evidence.c). */
const char *doc_variant_label(enum http_variant v);
/* The reproduction commands section (content.c). */
void doc_build_commands(const struct report_input *in, struct doc *d);
/* Builds the document, masking private data when asked (report.c). */
void report_doc(const struct report_input *in, struct doc *d);

/* The three human writers, one per file. */
void report_write_text(const struct report_input *in, struct strbuf *out);
void report_write_markdown(const struct report_input *in,
    struct strbuf *out);
void report_write_html(const struct report_input *in, struct strbuf *out);
/* The JSON writer (render_json.c). */
void report_write_json(const struct report_input *in, struct strbuf *out);

/* A privacy mask for this machine's login name and host name (report.c). */
void report_privacy_system(struct privacy *p);
/*
 * The last pass over any rendered report: secrets are masked whatever
 * the format. Takes ownership of rendered and returns the result.
 */
char *report_finish(char *rendered);

#endif
