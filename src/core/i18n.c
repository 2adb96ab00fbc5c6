#include "core/i18n.h"

#include <locale.h>

/* Sets up the locale and the message catalogue; call once from main(). */
void
i18n_init(void)
{
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
}
