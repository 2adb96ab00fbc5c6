/*
 * Private to the wizard's model (model*.c and the screen_*.c key
 * handlers): the export dialog's keys, and what the side views
 * (verdict, summary, success, path) share. Not for the shell or the
 * tests; they use tui/model.h.
 */
#ifndef CONNRESET_TUI_MODEL_INT_H
#define CONNRESET_TUI_MODEL_INT_H

#include "tui/model.h"

/* Keys of the export dialog (model_export.c); returns IN_* flags. */
int model_export_key(struct model *m, int key);
/* Shows the current step again, or the checks when there are no steps. */
int model_back_to_steps(struct model *m);
/* Keys every side view has: scroll, other views, Esc back; IN_* flags. */
int model_side_key(struct model *m, int key);
/* Records "fixed it" on the current step after the yes to the question
   (what the checks saw goes with it). */
int model_fixed_confirmed(struct model *m);
/* Keys of the list of saved cases; returns IN_* flags. */
int model_cases_key(struct model *m, int key);
/* Key help of the verdict, summary and success views. */
extern const struct model_keyhelp model_help_side[];

#endif
