/* Scrollable body text of a screen (curses). */
#include "config.h"

#include "tui/body.h"
#include "tui/draw.h"
#include "tui/textfield.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>

/* Adds text wrapped to the width less indent; see body.h. */
void
body_add(struct body *b, int attr, int indent, const char *text)
{
	size_t n;
	char **l = wrap_text(text ? text : "", b->width - indent, &n);

	b->lines = xrealloc(b->lines, (b->n + n) * sizeof(*b->lines));
	b->attrs = xrealloc(b->attrs, (b->n + n) * sizeof(*b->attrs));
	b->indent = xrealloc(b->indent, (b->n + n) * sizeof(*b->indent));
	for (size_t i = 0; i < n; i++) {
		b->lines[b->n] = l[i];
		b->attrs[b->n] = attr;
		b->indent[b->n++] = indent;
	}
	free(l);
}

/* body_add() of a formatted text. */
void
body_addf(struct body *b, int attr, int indent, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	body_add(b, attr, indent, s);
	free(s);
}

/* Prints the body from m.scroll (clamped) between rows top and bottom. */
void
body_show(struct ui *u, struct body *b, int top, int bottom)
{
	int rows = bottom - top, max = (int)b->n - rows;

	/* When it scrolls, the last row is the marker's alone: it is never
	   drawn over text. */
	if (max > 0 && rows > 1)
		max = (int)b->n - --rows;
	if (max < 0)
		max = 0;
	if (u->m.scroll > max)
		u->m.scroll = max;
	for (int i = 0; i < rows && (size_t)(u->m.scroll + i) < b->n; i++) {
		int k = u->m.scroll + i;

		draw_put(top + i, 2 + b->indent[k], b->width - b->indent[k],
		    b->attrs[k], b->lines[k]);
	}
	if (max > 0)
		draw_put(top + rows, COLS - 12, 10, A_DIM,
		    u->m.scroll < max ? _("more v") : _("end ^"));
	wrap_free(b->lines, b->n);
	free(b->attrs);
	free(b->indent);
}
