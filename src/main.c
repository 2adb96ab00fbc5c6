/* connreset: from "connection reset" to a diagnosis and a report. */
#include "config.h"

#include "cli/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
