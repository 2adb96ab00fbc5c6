/* Kept for includes from diag/: the result names live in the probe layer. */
#ifndef CONNRESET_DIAG_NAMES_H
#define CONNRESET_DIAG_NAMES_H

#include "diag/verdict.h"
#include "probe/names.h"

#endif
