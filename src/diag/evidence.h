/*
 * The evidence (struct probe_results) as JSON and back. Used by the JSON
 * report and by saved sessions. Loading treats the JSON as untrusted:
 * wrong types fall back to defaults, arrays are clamped to the RES_MAX_*
 * caps and every string passes the sanitizer again.
 */
#ifndef CONNRESET_EVIDENCE_H
#define CONNRESET_EVIDENCE_H

#include <cJSON.h>

#include "probe/result.h"

/* Longest string kept when loading evidence; longer ones are cut. */
#define EVIDENCE_MAX_STR 65536

/* Returns the whole evidence as a new JSON object owned by the caller. */
cJSON *evidence_to_json(const struct probe_results *r);
/*
 * Fills r (which must be zeroed or cleared) from j. Never fails on odd
 * content: anything unusable becomes the default. Returns -1 with *err
 * set to one line (owned by the caller) only when j is not an object;
 * r is then left empty.
 */
int evidence_from_json(const cJSON *j, struct probe_results *r, char **err);
/* Parses a JSON text and loads it like evidence_from_json(). */
int evidence_from_string(const char *text, struct probe_results *r,
    char **err);

#endif
