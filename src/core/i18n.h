/* Translation macros: every user-visible string goes through _() or N_(). */
#ifndef CONNRESET_I18N_H
#define CONNRESET_I18N_H

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) ((char *)(s))
#define ngettext(s, p, n) ((n) == 1 ? (char *)(s) : (char *)(p))
#endif
/* Marks a string for extraction without translating it here. */
#define N_(s) (s)

/*
 * Sets up the locale and the message catalogue; call once from main().
 * The catalogues come from LOCALEDIR, or from $CONNRESET_LOCALEDIR when
 * set (the test suite uses the ones built in the tree).
 */
void i18n_init(void);

/*
 * The languages messages can be shown in: "en" (the program's own words)
 * and each of po/LINGUAS, separated by ", " (for error messages).
 */
const char *i18n_languages(void);
/* 1 when lang is "en" or one of po/LINGUAS (e.g. "de", "es"). */
int i18n_language_known(const char *lang);
/*
 * Shows messages from now on in lang (a known language), whatever the
 * locale says; NULL goes back to the locale's language.
 */
void i18n_use_language(const char *lang);

#endif
