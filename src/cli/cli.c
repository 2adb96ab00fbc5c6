#include "config.h"

#include "cli/cli.h"
#include "core/i18n.h"

#include <stdio.h>

int
cli_main(int argc, char **argv)
{
	i18n_init();
	printf("%s %s\n", PACKAGE, VERSION);
	return EXIT_WORKS;
}
