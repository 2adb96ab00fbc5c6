/*
 * The proxy configuration parsers (probe/proxy_conf.c). The first byte
 * picks the parser and the scheme; the rest is the text: environment
 * lines, /etc/environment, gsettings, kioslaverc, scutil, a no_proxy
 * case (host, port and list on three lines) or resolv.conf. No value
 * taken from a line may reach past that line.
 */
#include "config.h"

#include "probe/proxy_conf.h"
#include "fuzz.h"

/* A getenv over "NAME=value" lines of the input. */
static const char *
get_lines(const char *name, void *ctx)
{
	static char val[256];
	const char *text = ctx;
	size_t nl = strlen(name);

	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);

		if (n > nl && strncmp(line, name, nl) == 0 && line[nl] == '=') {
			size_t vl = n - nl - 1 < sizeof(val) - 1 ?
			    n - nl - 1 : sizeof(val) - 1;

			memcpy(val, line + nl + 1, vl);
			val[vl] = '\0';
			return val;
		}
		line = end ? end + 1 : NULL;
	}
	return NULL;
}

static int
one_line(const char *s)
{
	return !s || !strchr(s, '\n');
}

static void
check_conf(struct proxy_conf *c)
{
	char *label;

	FUZZ_REQUIRE(one_line(c->url), "url within one line");
	FUZZ_REQUIRE(one_line(c->pac_url), "PAC URL within one line");
	FUZZ_REQUIRE(one_line(c->no_proxy), "no_proxy within one line");
	(void)proxy_conf_active(c);
	for (int o = -1; o < PO_N; o++) {
		label = proxy_source_label(o, c);
		FUZZ_REQUIRE(label, "a label");
		free(label);
	}
	if (c->no_proxy)
		(void)proxy_no_proxy_match(c->no_proxy, "www.example.com",
		    443, NULL);
}

static void
no_proxy_case(char *text, size_t size)
{
	char *port = fuzz_split(text, size, '\n');
	char *list = fuzz_split(port, strlen(port), '\n');
	long pn = strtol(port, NULL, 10);
	char *entry = NULL;
	int hit = proxy_no_proxy_match(list, text, pn < 0 || pn > 65535 ? 0 :
	    (int)pn, &entry);

	FUZZ_REQUIRE(hit == (entry != NULL), "an entry exactly on a match");
	FUZZ_REQUIRE(!entry || strstr(list, entry), "entry is from the list");
	free(entry);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "https_proxy", "http_proxy",
	    "no_proxy", "PRETTY_NAME" };
	struct proxy_conf confs[PO_N];
	const char *scheme;
	char *text, *v, **doms;
	size_t n;

	if (size < 1)
		return 0;
	scheme = data[0] & 0x80 ? "https" : "http";
	text = fuzz_str(data + 1, size - 1);
	memset(confs, 0, sizeof(confs));
	switch (data[0] & 0x7f) {
	case 0:
		proxy_env_read(&confs[PO_ENV], scheme, get_lines, text);
		break;
	case 1:
		for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
			v = proxy_kv_get(text, keys[i]);
			FUZZ_REQUIRE(one_line(v), "value within one line");
			free(v);
		}
		break;
	case 2:
		proxy_gnome_parse(&confs[PO_GNOME], text, scheme);
		break;
	case 3:
		proxy_kde_parse(&confs[PO_KDE], text, scheme, get_lines, text);
		break;
	case 4:
		proxy_scutil_parse(&confs[PO_MACOS], text, scheme);
		break;
	case 5:
		no_proxy_case(text, size - 1);
		break;
	case 6:
		n = proxy_search_domains(text, &doms);
		FUZZ_REQUIRE(n <= 6, "at most six search domains");
		for (size_t i = 0; i < n; i++) {
			FUZZ_REQUIRE(one_line(doms[i]), "domain in one line");
			free(doms[i]);
		}
		free(doms);
		break;
	default:
		v = proxy_normalize_url(text);
		free(v);
		break;
	}
	for (int o = 0; o < PO_N; o++)
		check_conf(&confs[o]);
	(void)proxy_choose(confs, text);
	for (int o = 0; o < PO_N; o++)
		proxy_conf_clear(&confs[o]);
	free(text);
	return 0;
}
