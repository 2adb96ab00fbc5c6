/*
 * Escalation reports: one writer interface, four formats. Writers only
 * format; report_save() does the careful writing to disk.
 */
#ifndef CONNRESET_REPORT_H
#define CONNRESET_REPORT_H

#include "core/strbuf.h"
#include "diag/checklist.h"
#include "diag/session.h"
#include "diag/verdict.h"
#include "probe/result.h"

/* Report formats: indexes into the one format table (render_json.c),
   in the order the wizard's export dialog offers them. */
enum report_format { RF_JSON, RF_TEXT, RF_MARKDOWN, RF_HTML, RF_COUNT };
enum report_audience { RA_GENERAL, RA_ISP, RA_IT, RA_SITE_OWNER };

/* Everything a writer may use; session and checklist may be NULL. */
struct report_input {
	const struct probe_results *r;
	const struct verdict *v;
	const struct session *s;
	const struct checklist *cl;
	enum report_audience audience;
	int redact_private;	/* --redact: mask user/host names and
				   private addresses too */
};

/* One report format, a row of the format table. */
struct report_writer {
	const char *name;	/* --format name: "text", "markdown", ... */
	const char *ext;	/* file extension, also taken as a name */
	const char *alias;	/* one more name taken ("htm"), or NULL */
	const char *label;	/* N_() name for people: "JSON", "text" */
	void (*write)(const struct report_input *in, struct strbuf *out);
};

/* The row of format f; NULL for an unknown one. */
const struct report_writer *report_writer(enum report_format f);
/* A format by name, extension or alias, any case; -1 when unknown. */
int report_format_from_name(const char *name);
/* The format a file name's extension implies; -1 when none fits. */
int report_format_from_path(const char *path);
int report_audience_from_name(const char *name);
const char *report_audience_name(enum report_audience a);
/* Renders a whole report; the string belongs to the caller. */
char *report_render(const struct report_input *in, enum report_format f);
/*
 * Writes content to path through a temporary file renamed into place;
 * "-" means standard output. Refuses to replace an existing file unless
 * force. Returns 0, or -1 with *err set to one line (owned by caller);
 * nothing half-written is left behind.
 */
int report_save(const char *path, const char *content, int force,
    char **err);

/*
 * The path of r as one ASCII line, "you -- hop 1 -- hop 2 [RESET] --
 * server", wrapped between stations to width columns (each line ends in
 * '\n'; owned), or NULL when neither the trace nor the locator ran.
 * The text report and the wizard's verdict screen both show it.
 */
char *report_path_line(const struct probe_results *r, size_t width);

/* The JSON report (the contract in data/report.schema.json). */
struct cJSON;
struct cJSON *report_json(const struct report_input *in);

#endif
