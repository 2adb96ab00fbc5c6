/* Batch mode: the whole sweep without the wizard, a summary, a report. */
#ifndef CONNRESET_BATCH_H
#define CONNRESET_BATCH_H

#include "cli/options.h"

/* Runs --batch; returns the process exit code. */
int batch_run(const struct cli_options *o);

#endif
