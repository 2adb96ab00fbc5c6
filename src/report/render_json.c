/*
 * The writer registry and report_render(). Kept apart from report.c
 * because it is the one place that needs report_json() (json.c), so
 * programs that only save or name formats do not pull the JSON writer.
 */
#include "config.h"

#include "report/report.h"

#include "report/doc.h"
#include "report/privacy.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

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

static const struct report_writer writers[] = {
	{ "text", "txt", report_write_text },
	{ "markdown", "md", report_write_markdown },
	{ "json", "json", report_write_json },
	{ "html", "html", report_write_html },
};

/* The writer for a format, or NULL for an unknown one. */
const struct report_writer *
report_writer(enum report_format f)
{
	if ((unsigned)f >= sizeof(writers) / sizeof(*writers))
		return NULL;
	return &writers[f];
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
