/*
 * The sanitizer and the redactor (core/sanitize.c, core/redact.c) with
 * their promises as properties. Input: one flags byte, then lines of
 * which those up to the first NUL are learned as URLs with credentials
 * (redact_learn_url) or, after a leading '!', as bare secrets; the whole
 * rest (NULs read as newlines) is the text.
 *  - sanitized text is terminal-safe, already-clean text is unchanged,
 *    and sanitizing twice changes nothing more (idempotent);
 *  - redacting twice changes nothing more, redaction and sanitizing (in
 *    either order) give terminal-safe text, and the password of a URL
 *    learned and then found in the text survives nowhere outside a mask
 *    (nor in redact_url() of that URL).
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

/* Does hay hold needle outside the masks? */
static int
outside_masks(const char *hay, const char *needle)
{
	const char *p = hay;

	for (;;) {
		const char *m = strstr(p, REDACTED);
		size_t n = m ? (size_t)(m - p) : strlen(p);
		char *seg = fuzz_str((const uint8_t *)p, n);
		int found = strstr(seg, needle) != NULL;

		free(seg);
		if (found)
			return 1;
		if (!m)
			return 0;
		p = m + strlen(REDACTED);
	}
}

/*
 * A URL with credentials built from the input (letters, digits and the
 * URL sub-delimiters, so every reading of it agrees where the password
 * is), learned and then written into the text between blanks: its
 * password must not survive outside a mask.
 */
static void
check_url_password(const uint8_t *data, size_t size, const char *text)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
	    "OPQRSTUVWXYZ0123456789-._~!$&*+,;=%";
	char user[16], pw[16], *url, *t, *r;
	size_t plen = 3 + (data[0] >> 2) % 8, ulen = 1 + (data[0] >> 5);

	for (size_t i = 0; i < plen; i++)
		pw[i] = alpha[(size > 1 ? data[1 + i % (size - 1)] : i) %
		    (sizeof(alpha) - 1)];
	pw[plen] = '\0';
	for (size_t i = 0; i < ulen; i++)
		user[i] = alpha[(size > 1 ? data[1 + (plen + i) % (size - 1)] :
		    i) % (sizeof(alpha) - 1)];
	user[ulen] = '\0';
	/* Only a password found nowhere else can be looked for. */
	if (strstr(text, pw) || strstr(user, pw) || strstr("https://"
	    "host.example/" REDACTED, pw))
		return;
	ulen = strlen(user) + strlen(pw) + 32;
	url = malloc(ulen);
	t = malloc(strlen(text) + ulen + 4);
	if (!url || !t)
		abort();
	snprintf(url, ulen, "https://%s:%s@host.example/", user, pw);
	snprintf(t, strlen(text) + ulen + 4, "%s %s \n", text, url);
	redact_learn_url(url);
	r = redact_text(t);
	FUZZ_REQUIRE(!outside_masks(r, pw), "no learned password survives");
	free(r);
	r = redact_url(url);
	FUZZ_REQUIRE(!outside_masks(r, pw), "redact_url masks the password");
	free(r);
	free(t);
	free(url);
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
	check_url_password(data, size, text);
	free(text);
	redact_reset();
	return 0;
}
