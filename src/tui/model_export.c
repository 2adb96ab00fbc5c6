/* The export dialog: its formats, the file name offered, the retyping. */
#include "config.h"

#include "tui/model_int.h"
#include "core/xalloc.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The report format (RF_*) of an export menu entry. */
int
model_export_rf(int format)
{
	return report_writer(format) ? format : RF_TEXT;
}

/* The file extension of an export menu entry. */
const char *
model_export_ext(int format)
{
	return report_writer(model_export_rf(format))->ext;
}

/* Export file name for host and stamp; see model.h. */
char *
model_export_name(const char *host, const char *stamp, int format)
{
	char safe[128];
	size_t n = 0;

	for (const char *p = host ? host : ""; *p && n + 1 < sizeof(safe);
	    p++) {
		char c = *p;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.';

		safe[n++] = ok ? c : '_';
	}
	safe[n] = '\0';
	/* No hidden files, no "..": a name starting with '.' is bad. */
	if (n == 0 || safe[0] == '.')
		snprintf(safe, sizeof(safe), "target");
	return xasprintf("connreset-report-%s-%s.%s", safe,
	    stamp && *stamp ? stamp : "now", model_export_ext(format));
}

/* Host part for the export file name, from the evidence or the input. */
char *
model_export_host(const struct model *m)
{
	const char *in = m->s->input ? m->s->input : "";
	const char *p;
	size_t n;

	if (m->r && m->r->target.ascii_host)
		return xstrdup(m->r->target.ascii_host);
	if ((p = strstr(in, "://")) != NULL)
		in = p + 3;
	if ((p = strrchr(in, '@')) != NULL && p < in + strcspn(in, "/"))
		in = p + 1;
	if (*in == '[') {
		n = strcspn(in + 1, "]");
		return xstrndup(in + 1, n);
	}
	n = strcspn(in, ":/?#");
	return xstrndup(in, n);
}

/* Opens the export dialog with the name prefilled. */
void
model_open_export(struct model *m)
{
	char *host = model_export_host(m);
	char *name = model_export_name(host, m->stamp, m->exp_format);

	tf_set(&m->exp_name, name);
	free(name);
	free(host);
	m->overlay = OV_EXPORT;
}

/* After the format changed from old: swaps the extension of the name. */
void
model_export_retype(struct model *m, int old)
{
	const char *oe = model_export_ext(old);
	size_t ol = strlen(oe), len = m->exp_name.len;
	char *name;

	if (len <= ol + 1 || m->exp_name.buf[len - ol - 1] != '.' ||
	    strcmp(m->exp_name.buf + len - ol, oe) != 0)
		return;
	name = xasprintf("%.*s.%s", (int)(len - ol - 1), m->exp_name.buf,
	    model_export_ext(m->exp_format));
	tf_set(&m->exp_name, name);
	free(name);
}

/* Keys of the export dialog: the format, the file name, Enter writes. */
int
model_export_key(struct model *m, int key)
{
	int f = m->exp_format;

	if (key == MK_ESC) {
		m->overlay = OV_NONE;
		return IN_REDRAW;
	}
	if (key == MK_UP || key == MK_DOWN || key == MK_TAB ||
	    key == MK_BTAB) {
		int d = (key == MK_UP || key == MK_BTAB) ? -1 : 1;

		m->exp_format = (f + d + EXP_COUNT) % EXP_COUNT;
		model_export_retype(m, f);
		return IN_REDRAW;
	}
	if (key == MK_ENTER) {
		if (m->exp_name.len == 0)
			return 0;
		xstrset(&m->exp_path, m->exp_name.buf);
		m->exp_force = 0;
		m->overlay = OV_NONE;
		return IN_EXPORT | IN_REDRAW;
	}
	return tf_key(&m->exp_name, key) ? IN_REDRAW : 0;
}
