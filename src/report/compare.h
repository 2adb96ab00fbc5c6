/*
 * Comparing two saved JSON reports of the same target, typically from two
 * networks, and saying what the difference means.
 */
#ifndef CONNRESET_COMPARE_H
#define CONNRESET_COMPARE_H

#include "core/strbuf.h"

/*
 * Reads the JSON reports at a_path and b_path and writes what differs and
 * what it means to out, as text or (json != 0) as a JSON object. Returns
 * 0, or with *err set to one line (owned by the caller) -2 when the
 * two are one report (the same file, or copies of it) and -1 when a
 * report cannot be read or used.
 */
int compare_reports(const char *a_path, const char *b_path, int json,
    struct strbuf *out, char **err);
/*
 * The same on two NUL-terminated report texts, named a_name and b_name
 * in messages (tests and fuzzing).
 */
int compare_texts(const char *a_name, const char *a_text, const char *b_name,
    const char *b_text, int json, struct strbuf *out, char **err);

#endif
