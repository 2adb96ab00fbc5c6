/*
 * The case summary: a short text that fits 80x24 and reads well aloud or
 * pasted into a ticket. Pure: built from the session, evidence and
 * verdict.
 */
#ifndef CONNRESET_TUI_CASESUM_H
#define CONNRESET_TUI_CASESUM_H

#include "diag/checklist.h"
#include "diag/session.h"
#include "diag/verdict.h"
#include "probe/result.h"

#define CASESUM_MAX_LINES 20	/* the body of an 80x24 screen */

/*
 * Returns the summary as lines of at most width columns, no more than
 * max_lines of them (owned; free with wrap_free()). r and v may be NULL.
 */
char **casesum_lines(const struct session *s, const struct checklist *cl,
    const struct probe_results *r, const struct verdict *v, int width,
    int max_lines, size_t *nlines);

#endif
