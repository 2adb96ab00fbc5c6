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

/* Sets up the locale and the message catalogue; call once from main(). */
void i18n_init(void);

#endif
