/*
 * The session and evidence loaders (diag/session.c, diag/evidence.c).
 * The first byte picks the loader; the rest is the JSON text. Whatever
 * loads must save and load again to the same text (a round trip).
 */
#include "config.h"

#include "diag/evidence.h"
#include "diag/session.h"
#include "probe/result.h"
#include "fuzz.h"

#include <cjson/cJSON.h>

static void
session_case(const char *text)
{
	struct session s, s2;
	char *err = NULL, *j1, *j2;

	if (session_from_json(text, &s, &err) != 0) {
		FUZZ_REQUIRE(err && !strchr(err, '\n'), "one error line");
		FUZZ_SAFE(err, "error line is clean");
		free(err);
		return;
	}
	FUZZ_SAFE(s.input, "typed address is clean");
	j1 = session_to_json(&s);
	FUZZ_REQUIRE(session_from_json(j1, &s2, &err) == 0,
	    "a saved session loads again");
	j2 = session_to_json(&s2);
	FUZZ_REQUIRE(strcmp(j1, j2) == 0, "the round trip is stable");
	free(j1);
	free(j2);
	session_free(&s2);
	session_free(&s);
}

static char *
evidence_text(const struct probe_results *r)
{
	cJSON *j = evidence_to_json(r);
	char *s = cJSON_PrintUnformatted(j);

	cJSON_Delete(j);
	FUZZ_REQUIRE(s, "evidence prints");
	return s;
}

static void
evidence_case(const char *text)
{
	struct probe_results r, r2;
	char *err = NULL, *j1, *j2;

	memset(&r, 0, sizeof(r));
	if (evidence_from_string(text, &r, &err) != 0) {
		FUZZ_REQUIRE(err, "an error line on failure");
		FUZZ_SAFE(err, "error line is clean");
		free(err);
		probe_results_clear(&r);
		return;
	}
	j1 = evidence_text(&r);
	memset(&r2, 0, sizeof(r2));
	FUZZ_REQUIRE(evidence_from_string(j1, &r2, &err) == 0,
	    "saved evidence loads again");
	j2 = evidence_text(&r2);
	FUZZ_REQUIRE(strcmp(j1, j2) == 0, "the round trip is stable");
	free(j1);
	free(j2);
	probe_results_clear(&r2);
	probe_results_clear(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1)
		return 0;
	text = fuzz_str(data + 1, size - 1);
	if (data[0] & 1)
		evidence_case(text);
	else
		session_case(text);
	free(text);
	return 0;
}
