/*
 * The format table, the one list of report formats that --format,
 * --report and the wizard's export dialog all use, and report_render().
 * Kept apart from report.c because the table names the JSON writer, the
 * one place that needs report_json() (json.c), so programs that only
 * save reports do not pull the JSON writer.
 */
#include "config.h"

#include "report/report.h"

#include "core/i18n.h"
#include "report/doc.h"
#include "report/privacy.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Masks private data in every string value of a JSON tree, not keys. */
static void
mask_json(cJSON *j, struct privacy *p)
{
	for (; j; j = j->next) {
		if (cJSON_IsString(j) && j->valuestring) {
			char *m = privacy_mask(p, j->valuestring);

			cJSON_SetValuestring(j, m);
			free(m);
		}
		mask_json(j->child, p);
	}
}

/* The JSON writer: report_json() printed, masked when asked. */
void
report_write_json(const struct report_input *in, struct strbuf *out)
{
	cJSON *j = report_json(in);
	char *s;

	if (!j)
		return;
	if (in->redact_private) {
		struct privacy p;

		report_privacy_system(&p);
		mask_json(j->child, &p);
		privacy_free(&p);
	}
	s = cJSON_Print(j);
	if (s) {
		sb_add(out, s);
		sb_addc(out, '\n');
	}
	free(s);
	cJSON_Delete(j);
}

/* Every format, indexed by enum report_format: a new format is a row. */
static const struct report_writer writers[RF_COUNT] = {
	[RF_JSON] = { "json", "json", NULL, "JSON", report_write_json },
	[RF_TEXT] = { "text", "txt", NULL, N_("text"), report_write_text },
	[RF_MARKDOWN] = { "markdown", "md", NULL, "Markdown",
	    report_write_markdown },
	[RF_HTML] = { "html", "html", "htm", "HTML", report_write_html },
};

/* The row of format f; NULL for an unknown one. */
const struct report_writer *
report_writer(enum report_format f)
{
	if ((unsigned)f >= RF_COUNT)
		return NULL;
	return &writers[f];
}

/* A format by name, extension or alias, any case; -1 when unknown. */
int
report_format_from_name(const char *name)
{
	for (int f = 0; name && f < RF_COUNT; f++) {
		const struct report_writer *w = &writers[f];

		if (strcasecmp(name, w->name) == 0 ||
		    strcasecmp(name, w->ext) == 0 ||
		    (w->alias && strcasecmp(name, w->alias) == 0))
			return f;
	}
	return -1;
}

/* The format a file name's extension implies; -1 when none fits. */
int
report_format_from_path(const char *path)
{
	const char *base, *dot;

	if (!path)
		return -1;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return -1;
	return report_format_from_name(dot + 1);
}

/* Renders a whole report; the string belongs to the caller. */
char *
report_render(const struct report_input *in, enum report_format f)
{
	const struct report_writer *w = report_writer(f);
	struct strbuf sb = STRBUF_INIT;

	if (!w)
		return NULL;
	sb_add(&sb, "");
	w->write(in, &sb);
	return report_finish(sb_detach(&sb));
}
