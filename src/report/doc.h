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
	DK_CODE,		/* one shell command, never wrapped */
	/* Pictures and tables (content_pictures.c); each writer draws them
	   as its format allows, from the same facts. */
	DK_GLANCE,		/* the verdict at a glance: label = party key
				   ("path"), cells: who, summary,
				   confidence, send to; flags = enum
				   glance_party, at = enum confidence */
	DK_FIGURE,		/* starts a figure: label "path", "timeline"
				   or "watch", text = its caption; DK_HOP or
				   DK_MARK nodes follow */
	DK_HOP,			/* one station of a path figure: text = its
				   name ("hop 2"), cells: address, reverse
				   name, network, round trip, loss; flags
				   HOPF_* */
	DK_MARK,		/* one attempt on a timeline: label = its
				   row, text = its outcome in words, at/took
				   in ms; flags = enum mark_kind */
	DK_ROW			/* one table row: cells; flags ROWF_HEAD on
				   the header row; a run of rows is a table */
};

/* What a station of the path figure is (DK_HOP flags). */
#define HOPF_YOU	0x01	/* this machine */
#define HOPF_SERVER	0x02	/* the server */
#define HOPF_SILENT	0x04	/* the device never identified itself */
#define HOPF_INFERRED	0x08	/* its address is this machine's gateway,
				   read from the routing table */
#define HOPF_RESET	0x10	/* the reset is placed here */
#define HOPF_GAP	0x20	/* hops between it and the next are unknown
				   (the trace did not reach the server) */

/* How an attempt ended, as a timeline marks it (DK_MARK flags). */
enum mark_kind { MK_RESPONSE, MK_RESET_BEFORE, MK_RESET_MID, MK_TIMEOUT,
	MK_OTHER };

/* The party the verdict holds responsible (DK_GLANCE flags). */
enum glance_party { GP_NONE, GP_DEVICE, GP_NETWORK, GP_PATH, GP_SERVER,
	GP_UNKNOWN };

#define ROWF_HEAD	0x01	/* DK_ROW: the header row */
#define SECF_COLLAPSE	0x01	/* DK_SECTION: its subsections fold away
				   on screen (HTML) and open in print */

/* One block of the document; strings are raw (sanitized, not escaped). */
struct doc_node {
	enum doc_kind kind;
	char *label;		/* DK_FIELD only */
	char *text;
	char **cells;		/* DK_GLANCE, DK_HOP, DK_ROW: raw strings */
	size_t ncells;
	int flags;		/* per kind, see above */
	double at, took;	/* DK_MARK: start and elapsed time, ms;
				   DK_HOP: at = the hop number */
};

struct doc {
	struct doc_node *v;
	size_t n;
	size_t cap;
};

/*
 * Appends a node; label may be NULL. The strings are copied. The node
 * returned stays valid until the next node is added.
 */
struct doc_node *doc_add(struct doc *d, enum doc_kind k, const char *label,
    const char *text);
/* Appends a node whose text is formatted. */
struct doc_node *doc_addf(struct doc *d, enum doc_kind k, const char *label,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Appends a copy of s (NULL: an empty cell) to n's cells. */
void doc_cell(struct doc_node *n, const char *s);
/* Appends a formatted cell. */
void doc_cellf(struct doc_node *n, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Cell i of n, "" when it has fewer. */
const char *doc_cell_at(const struct doc_node *n, size_t i);
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
/* The verdict at a glance, at the top (content_pictures.c). */
void doc_build_glance(const struct report_input *in, struct doc *d);
/* The path figure: this machine, each hop, the server. */
void doc_build_path_figure(const struct probe_results *r, struct doc *d);
/* The attempts of the sweep and of the watch as timelines. */
void doc_build_timelines(const struct probe_results *r, struct doc *d);
/*
 * The path figure starting at node i as an ASCII line (owned), wrapped
 * to width columns, lines ending in '\n' (pathline.c).
 */
char *doc_path_line(const struct doc *d, size_t i, size_t width);
/* The index after the figure (or table) that starts at node i. */
size_t doc_group_end(const struct doc *d, size_t i);
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
