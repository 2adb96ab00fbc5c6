/*
 * The sanitizer and the redactor (core/sanitize.c, core/redact.c) with
 * their promises as properties. Input: one flags byte, then lines of
 * which those up to the first NUL are learned as URLs with credentials
 * (redact_learn_url) or, after a leading '!', as bare secrets; the whole
 * rest (NULs read as newlines) is the text.
 *  - sanitized text is terminal-safe, already-clean text is unchanged,
 *    and sanitizing twice changes nothing more (idempotent);
 *  - redacted text holds no learned secret outside the mask, redacting
 *    twice changes nothing more, and redaction then sanitizing (in
 *    either order) is terminal-safe.
 */
#include "config.h"

#include "core/redact.h"
#include "core/sanitize.h"
#include "fuzz.h"

static void
check_sanitize(const char *s, size_t len, unsigned flags)
{
	char *out = sanitize_mem(s, len, flags), *again;
	int nl = (flags & SAN_KEEP_NEWLINES) != 0;

	FUZZ_REQUIRE(out, "a result");
	FUZZ_REQUIRE(fuzz_terminal_safe(out, nl), "sanitized is safe");
	if (flags & SAN_ASCII)
		for (const char *p = out; *p; p++)
			FUZZ_REQUIRE((unsigned char)*p < 0x80, "ASCII only");
	again = sanitize_str(out, flags);
	FUZZ_REQUIRE(strcmp(again, out) == 0, "sanitizing is idempotent");
	FUZZ_REQUIRE(sanitize_is_clean(out, flags), "result is clean");
	free(again);
	if (!memchr(s, '\0', len) && !memchr(s, '\t', len) &&
	    fuzz_terminal_safe(s, nl) && !(flags & SAN_ASCII))
		FUZZ_REQUIRE(strcmp(out, s) == 0, "clean text is unchanged");
	free(out);
}

/* No registered secret may survive between the masks. */
static void
check_no_secret(const char *r)
{
	const char *p = r;

	for (;;) {
		const char *m = strstr(p, REDACTED);
		size_t n = m ? (size_t)(m - p) : strlen(p);
		char *seg = fuzz_str((const uint8_t *)p, n);

		FUZZ_REQUIRE(!redact_has_secret(seg),
		    "no learned secret survives");
		free(seg);
		if (!m)
			break;
		p = m + strlen(REDACTED);
	}
}

static void
learn(char *lines)
{
	int n = 0;

	for (char *line = lines; line && *line && n < 8; n++) {
		char *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		if (line[0] == '!')
			redact_add_secret(line + 1);
		else
			redact_learn_url(line);
		line = nl ? nl + 1 : NULL;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *lines, *r, *again, *s, *t;

	if (size < 1)
		return 0;
	text = fuzz_str(data + 1, size - 1);
	check_sanitize(text, size - 1, data[0] & 3);

	redact_reset();
	lines = fuzz_str(data + 1, size - 1);
	fuzz_split(lines, size - 1, '\0');
	learn(lines);
	free(lines);
	for (size_t i = 0; i < size - 1; i++)
		if (text[i] == '\0')
			text[i] = '\n';
	r = redact_text(text);
	FUZZ_REQUIRE(r, "a result");
	check_no_secret(r);
	again = redact_text(r);
	FUZZ_REQUIRE(strcmp(again, r) == 0, "redacting is idempotent");
	s = sanitize_str(r, SAN_KEEP_NEWLINES);
	FUZZ_REQUIRE(fuzz_terminal_safe(s, 1), "redacted+sanitized is safe");
	t = sanitize_str(text, SAN_KEEP_NEWLINES);
	free(again);
	again = redact_text(t);
	FUZZ_REQUIRE(fuzz_terminal_safe(again, 1),
	    "sanitized+redacted is safe");
	free(again);
	free(t);
	free(s);
	free(r);
	free(text);
	redact_reset();
	return 0;
}
