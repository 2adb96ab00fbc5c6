#include "core/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* The locale's own choice, kept by i18n_init() to go back to it. */
static char *orig_language;	/* $LANGUAGE at start, or NULL */
static char *orig_messages;	/* setlocale(LC_MESSAGES) at start */

/* The first of $LC_ALL, $LC_MESSAGES, $LANG that is set and not empty. */
static const char *
wanted_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return v;
	}
	return NULL;
}

/*
 * When the locale asked for is not installed (de_DE.UTF-8 on a machine
 * that never generated it), messages still come in its language: the
 * program runs in C.UTF-8 with $LANGUAGE set to the locale's language.
 */
static void
fall_back(void)
{
	const char *want = wanted_locale();
	char lang[16];
	size_t n;
	const char *have = getenv("LANGUAGE");

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return;
	if (!want || (have && *have) || strcmp(want, "C") == 0 ||
	    strcmp(want, "POSIX") == 0 || strncmp(want, "C.", 2) == 0)
		return;
	n = strcspn(want, ".@");
	if (n == 0 || n >= sizeof(lang))
		return;
	memcpy(lang, want, n);
	lang[n] = '\0';
	setenv("LANGUAGE", lang, 1);
}

void
i18n_init(void)
{
	const char *dir = getenv("CONNRESET_LOCALEDIR");
	const char *lang, *msg;

	if (!setlocale(LC_ALL, ""))
		fall_back();
	lang = getenv("LANGUAGE");
	msg = setlocale(LC_MESSAGES, NULL);
	free(orig_language);
	free(orig_messages);
	orig_language = lang ? strdup(lang) : NULL;
	orig_messages = msg ? strdup(msg) : NULL;
#if ENABLE_NLS
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	/* Reports and screens are UTF-8 whatever the locale's charset. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)dir;
#endif
}

const char *
i18n_languages(void)
{
	return CONNRESET_LANGUAGES;
}

int
i18n_language_known(const char *lang)
{
	const char *all = CONNRESET_LANGUAGES, *p = all;
	size_t n = lang ? strlen(lang) : 0;

	if (n == 0 || n > 15 || strspn(lang, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_@") != n)
		return 0;
	while ((p = strstr(p, lang)) != NULL) {
		int start = p == all || p[-1] == ' ';

		if (start && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

void
i18n_use_language(const char *lang)
{
	const char *cur;

	if (lang) {
		setenv("LANGUAGE", lang, 1);
		/* gettext ignores $LANGUAGE in the "C" locale. */
		cur = setlocale(LC_MESSAGES, NULL);
		if (!cur || strcmp(cur, "C") == 0 ||
		    strcmp(cur, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
	} else {
		if (orig_language)
			setenv("LANGUAGE", orig_language, 1);
		else
			unsetenv("LANGUAGE");
		if (orig_messages)
			setlocale(LC_MESSAGES, orig_messages);
	}
#if ENABLE_NLS
	/* Forget the translations looked up so far. */
	textdomain(PACKAGE);
#endif
}
