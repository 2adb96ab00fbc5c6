/*
 * The checklist loader (diag/checklist.c) on arbitrary bytes: a load
 * either fails with one clean error line or gives clean texts.
 */
#include "config.h"

#include "diag/checklist.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct checklist cl;
	char *err = NULL;

	if (checklist_load_mem("fuzz.json", (const char *)data, size, &cl,
	    &err) != 0) {
		FUZZ_REQUIRE(err && !strchr(err, '\n'), "one error line");
		FUZZ_SAFE(err, "error line is clean");
		free(err);
		return 0;
	}
	FUZZ_REQUIRE(!err, "no error on success");
	for (size_t i = 0; i < cl.nsteps; i++) {
		const struct cl_step *st = &cl.steps[i];

		FUZZ_SAFE(st->id, "step id is clean");
		FUZZ_REQUIRE(fuzz_terminal_safe(st->title, 1), "title clean");
		FUZZ_REQUIRE(!st->why || fuzz_terminal_safe(st->why, 1),
		    "why clean");
		FUZZ_REQUIRE(checklist_find(&cl, st->id) != NULL,
		    "every step can be found");
	}
	checklist_free(&cl);
	return 0;
}
