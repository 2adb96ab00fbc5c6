/*
 * HTTP header handling: the received header lines (probe/http.c keeps
 * the last response's Server header), the redaction of secret-bearing
 * header lines (core/redact.c) and the classification of a finished
 * transfer by curl's error text (probe/http_classify.c). The first six
 * bytes set the transfer's codes; the rest is header lines.
 */
#include "config.h"

#include "core/redact.h"
#include "core/sanitize.h"
#include "probe/http.h"
#include "fuzz.h"

#include <strings.h>

/* An Authorization line's value must not survive its redaction. */
static void
check_redacted(const char *line, size_t len)
{
	static const char name[] = "authorization:";
	char *copy, *out;
	const char *v;
	size_t vl;

	if (len <= sizeof(name) - 1 || strncasecmp(line, name,
	    sizeof(name) - 1) != 0)
		return;
	while (len && (line[len - 1] == '\r' || line[len - 1] == '\n'))
		len--;
	copy = fuzz_str((const uint8_t *)line, len);
	out = redact_header(copy);
	v = copy + sizeof(name) - 1;
	while (*v == ' ' || *v == '\t')
		v++;
	vl = strlen(v);
	/* Only meaningful when the value is not part of the mask. */
	if (vl >= 4 && !strstr(": " REDACTED, v))
		FUZZ_REQUIRE(!strstr(strchr(out, ':'), v),
		    "an Authorization value is masked");
	free(out);
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int codes[] = { 0, 7, 18, 28, 35, 52, 55, 56, 60, 92 };
	static const int errnos[] = { 0, 104, 110, 111, 113, 32 };
	char *text, *server = NULL, *clean, *err;
	size_t pos = 0;
	int r;

	if (size < 6)
		return 0;
	text = fuzz_str(data + 6, size - 6);
	err = fuzz_split(text, size - 6, '\0');
	while (pos < strlen(text)) {
		const char *line = text + pos;
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);

		http_header_server(&server, line, len);
		check_redacted(line, len);
		pos += len;
	}
	if (server) {
		FUZZ_REQUIRE(strlen(server) <= 256, "Server is bounded");
		clean = sanitize_str(server, 0);
		FUZZ_SAFE(clean, "Server is clean once sanitized");
		free(clean);
	}
	r = http_classify_text(codes[data[0] % 10], errnos[data[1] % 6],
	    (long)data[2] * 100, data[3] & 1, (data[3] >> 1) & 1,
	    (long)data[4] * 4 + data[5] % 4, *err ? err : NULL);
	FUZZ_REQUIRE(r > HTTP_NOT_RUN && r <= HTTP_LOCAL_ERROR,
	    "a known result");
	free(server);
	free(text);
	return 0;
}
