/*
 * The target parser (probe/target.c) on arbitrary text: it must never
 * crash, and whatever it accepts or says must be safe for a terminal.
 */
#include "config.h"

#include "core/redact.h"
#include "probe/target.h"
#include "fuzz.h"

#include <locale.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");	/* IDN names are converted */
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_str(data, size), *err = NULL;
	struct res_target t;

	memset(&t, 0, sizeof(t));
	if (target_parse(in, &t, &err) == 0) {
		FUZZ_REQUIRE(!err, "no error on success");
		FUZZ_REQUIRE(t.scheme && t.host && t.ascii_host && t.url &&
		    t.path, "every field is set");
		FUZZ_REQUIRE(t.port >= 1 && t.port <= 65535, "port in range");
		FUZZ_SAFE(t.input, "input is clean");
		FUZZ_SAFE(t.url, "url is clean");
		FUZZ_SAFE(t.host, "host is clean");
		FUZZ_SAFE(t.ascii_host, "ascii host is clean");
		FUZZ_SAFE(t.path, "path is clean");
		free(target_authority(&t));
	} else {
		FUZZ_REQUIRE(err, "an error line on failure");
		FUZZ_SAFE(err, "error line is clean");
	}
	free(err);
	target_clear(&t);
	redact_reset();
	free(in);
	return 0;
}
