/*
 * compare's report loader and comparison (report/compare.c): two JSON
 * reports separated by a NUL byte, compared as text and as JSON.
 */
#include "config.h"

#include "core/strbuf.h"
#include "report/compare.h"
#include "fuzz.h"

#include <cjson/cJSON.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a = fuzz_str(data, size), *b = fuzz_split(a, size, '\0');

	for (int json = 0; json <= 1; json++) {
		struct strbuf out = STRBUF_INIT;
		char *err = NULL;

		if (compare_texts("a.json", a, "b.json", b, json, &out,
		    &err) != 0) {
			FUZZ_REQUIRE(err && !strchr(err, '\n'),
			    "one error line");
			FUZZ_SAFE(err, "error line is clean");
			free(err);
		} else if (!json) {
			FUZZ_REQUIRE(fuzz_terminal_safe(sb_str(&out), 1),
			    "the text output is clean");
		} else {
			cJSON *j = cJSON_Parse(sb_str(&out));

			FUZZ_REQUIRE(j, "the JSON output parses");
			cJSON_Delete(j);
		}
		sb_free(&out);
	}
	free(a);
	return 0;
}
