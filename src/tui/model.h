/*
 * The wizard's screen model: which screen is up, what is selected, what
 * is typed, and what each key does. Pure: no curses, no I/O, no clock.
 * A key handler changes the model and returns intent flags; the terminal
 * shell (tui.c) acts on them (save, start a sweep, export, quit). Each
 * screen's keys live with its drawing in its screen_*.c (tui/screen.h).
 */
#ifndef CONNRESET_TUI_MODEL_H
#define CONNRESET_TUI_MODEL_H

#include <stddef.h>

#include "diag/checklist.h"
#include "diag/session.h"
#include "diag/verdict.h"
#include "probe/result.h"
#include "report/report.h"
#include "tui/textfield.h"

/* Keys as the model sees them; printable characters are themselves. */
enum {
	MK_UP = 0x110000, MK_DOWN, MK_LEFT, MK_RIGHT, MK_ENTER, MK_ESC,
	MK_TAB, MK_BTAB, MK_BACKSPACE, MK_DELETE, MK_HOME, MK_END,
	MK_PGUP, MK_PGDN, MK_F1, MK_CTRL_U, MK_CTRL_C
};

enum screen_id {
	SCR_START,	/* what they see, address, who runs this */
	SCR_CHECKS,	/* live view of the automated checks */
	SCR_STEP,	/* one checklist step */
	SCR_VERDICT,	/* the diagnosis in full */
	SCR_SUMMARY,	/* case summary for a ticket */
	SCR_FIXED,	/* "fixed it": success summary */
	SCR_PATH,	/* the network path (traceroute) */
	SCR_COUNT
};

/* A box over the current screen; only one at a time. */
enum overlay {
	OV_NONE,
	OV_HELP,	/* every key of the current screen */
	OV_NOTE,	/* one-line note for the current step */
	OV_EXPORT,	/* format and file name */
	OV_CONFIRM,	/* a yes/no question */
	OV_MESSAGE,	/* text to read; any key closes it */
	OV_FLUSH,	/* the live result of a DNS flush; any key closes */
	OV_CASES	/* the saved cases: open one */
};

enum confirm_kind { CF_QUIT, CF_OVERWRITE, CF_FLUSH_DNS, CF_FIXED };

/* Intent flags returned by key handlers. */
enum {
	IN_REDRAW = 1 << 0,	/* something on screen changed */
	IN_SAVE = 1 << 1,	/* the session changed: autosave it */
	IN_QUIT = 1 << 2,	/* leave the wizard */
	IN_SWEEP = 1 << 3,	/* (re)start the sweep on s->input */
	IN_RERUN = 1 << 4,	/* sweep_rerun(m->check_id) */
	IN_CANCEL = 1 << 5,	/* sweep_cancel(m->check_id) */
	IN_EXPORT = 1 << 6,	/* write m->exp_path in m->exp_format */
	IN_FLUSH = 1 << 7,	/* sweep_flush_dns(): the person said yes */
	IN_WATCH = 1 << 8,	/* start the watch, or end the one running */
	IN_OPEN = 1 << 9,	/* open saved case m->open_id */
	IN_CASES = 1 << 10	/* fill m->cases for the list of cases */
};

/* Export menu entries: the report formats, in the format table's order. */
enum { EXP_JSON = RF_JSON, EXP_TEXT = RF_TEXT, EXP_MARKDOWN = RF_MARKDOWN,
	EXP_HTML = RF_HTML, EXP_COUNT = RF_COUNT };

#define MODEL_MAX_HITS 64
#define MODEL_MSG_MAX 2048

/* A clickable area recorded by the last draw; a click acts as key. */
struct model_hit {
	int y, x0, x1;		/* row, first and last column */
	int key;		/* key it stands for */
	int select;		/* >= 0: select this list row first */
};

/* One saved case in the wizard's list (filled by the shell). */
struct model_case {
	char *id;
	char *label;		/* target, role, answers, last saved */
};
#define MODEL_MAX_CASES 200

/* One line of key help. */
struct model_keyhelp {
	const char *keys;
	const char *what;	/* N_() string */
};

struct model {
	struct session *s;		/* borrowed; answers go here */
	const struct checklist *cl;	/* borrowed */
	const struct probe_results *r;	/* current evidence or NULL */
	const struct verdict *v;	/* its verdict or NULL (borrowed,
					   set by the shell) */
	enum screen_id screen;
	enum screen_id prev;		/* where Esc from a side view goes */
	enum overlay overlay;
	/* First screen. */
	int field;			/* focused field, see START_* */
	struct textfield url;
	struct textfield helped;	/* help-desk: who is helped */
	char *start_error;		/* why the address was refused */
	/* Checklist: step indexes in the order this role walks them. */
	size_t *order;
	size_t norder;
	size_t pos;			/* index into order */
	int button;			/* focused button (BTN_*) on a
					   step, -1: none (Enter goes on) */
	int scroll;			/* first body line shown */
	struct textfield note;		/* the note typed for the step */
	/* Checks view. */
	int check_sel;
	int flush_asked;		/* a flush ran: steps show its result */
	/* Export dialog. */
	int exp_format;
	struct textfield exp_name;
	char stamp[32];			/* YYYYMMDD-HHMMSS, kept fresh
					   by the shell for file names */
	/* What the checks see now in words ("" when nothing wrong): "fixed
	   it" asks about it. Set by the shell from the verdict. */
	char fault[512];
	/* The list of saved cases (OV_CASES). */
	struct model_case cases[MODEL_MAX_CASES];
	size_t ncases;
	int case_sel;
	char open_id[256];		/* filled for IN_OPEN */
	/* Confirm dialog and message box. */
	enum confirm_kind confirm;
	char msg[MODEL_MSG_MAX];
	/* Filled for IN_RERUN / IN_CANCEL / IN_EXPORT. */
	char check_id[32];
	char *exp_path;
	int exp_force;
	/* Set by the shell. */
	int save_failed;		/* the last autosave failed */
	char status[256];		/* one line under the screen */
	struct model_hit hits[MODEL_MAX_HITS];
	int nhits;
	int hit_base;			/* first hit of the overlay */
	int rows;			/* lines of body the last draw had */
};

/* Fields of the first screen, top to bottom. */
enum { START_SEEN, START_URL, START_ROLE, START_HELPED, START_OS,
	START_BROWSER, START_GO, START_NFIELDS };

/* Step screen buttons; a step shows those its outcomes call for. */
enum { BTN_FIXED, BTN_NOT_FIXED, BTN_SKIP, BTN_NOTE, BTN_ACTION,
	BTN_WORKS, BTN_FAILS, BTN_NOT_TRIED, BTN_COUNT };

/* The buttons of step st, left to right, into b; returns how many. */
int model_step_buttons(const struct cl_step *st, int b[BTN_COUNT]);
/* Non-zero when st is a test step (answered "works/fails there"). */
int model_test_step(const struct cl_step *st);
/* Frees the list of saved cases. */
void model_cases_clear(struct model *m);
/* The header's case line: target and role (owned by the caller). */
char *model_case_tag(const struct model *m);
/*
 * text with the checklist's placeholder address (https://example.com/,
 * example.com:443, example.com) replaced by the real one (owned).
 */
char *model_real_address(const struct model *m, const char *text);
/* The step screen's footer: the keys this step has. */
const char *model_step_footer(const struct model *m);
/* The section's title for this role ("The caller's device" ...). */
const char *model_section_label(const struct model *m, enum cl_section s);

/* Sets m up over session s and checklist cl (both borrowed). */
void model_init(struct model *m, struct session *s,
    const struct checklist *cl);
/* Frees what m owns. */
void model_free(struct model *m);
/* Puts the model where a resumed session left off. */
void model_resume(struct model *m);
/* Handles one key; returns IN_* flags. */
int model_key(struct model *m, int key);
/* Handles a click at (y, x) using the hits of the last draw. */
int model_click(struct model *m, int y, int x);
/* Forgets the hits of the last draw (called before drawing). */
void model_hits_reset(struct model *m);
/* Records a clickable area. */
void model_hit(struct model *m, int y, int x0, int x1, int key, int select);

/* Recomputes the order of steps for the session's role. */
void model_order_steps(struct model *m);
/* The step shown (or NULL when none). */
const struct cl_step *model_step(const struct model *m);
/* The check of the evidence backing step st, or NULL. */
const struct res_check *model_step_check(const struct model *m,
    const struct cl_step *st);
/* The check with this id in the evidence, or NULL. */
const struct res_check *model_find_check(const struct model *m,
    const char *id);
/* Shows step pos (index into order) and remembers it in the session. */
int model_show_step(struct model *m, size_t pos);
/* Shows a side view (verdict, summary, path), remembering where from. */
int model_show_side(struct model *m, enum screen_id scr);
/* Non-zero when a field of the first screen is shown for this role. */
int model_start_visible(const struct model *m, int field);
/* Non-zero when the evidence already settles the step (its check passed). */
int model_step_settled(const struct model *m, const struct cl_step *st);
/* Key help of the current screen (terminated by a NULL keys). */
const struct model_keyhelp *model_keyhelp(const struct model *m);
/* Label of a step action ("flush_dns" ...) for its button. */
const char *model_action_label(const char *action);

/*
 * Export file name: connreset-report-<host>-<stamp>.<ext> with every
 * character of host that is not safe in a file name replaced. Owned by
 * the caller.
 */
char *model_export_name(const char *host, const char *stamp, int format);
/* The report format (RF_*) and extension of an export menu entry. */
int model_export_rf(int format);
const char *model_export_ext(int format);
/* Opens the export dialog with the name prefilled. */
void model_open_export(struct model *m);
/* After the format changed from old: swaps the extension of the name. */
void model_export_retype(struct model *m, int old);
/* Host part for the export file name, from the evidence or the input. */
char *model_export_host(const struct model *m);
/* Name of an operating system for screens ("Windows", ...). */
const char *model_os_label(enum cl_os os);
/* Name of a browser for screens ("Chrome", ..., "other browser"). */
const char *model_browser_label(enum cl_browser b);
/* Keys every screen has (terminated by a NULL keys). */
const struct model_keyhelp *model_keyhelp_global(void);
/* Shows a message box; the text is copied (and cut to fit). */
void model_message(struct model *m, const char *text);
/* Asks a yes/no question of kind k. */
void model_confirm(struct model *m, enum confirm_kind k, const char *text);
/* The shell's answer that a save hit an existing file: asks to overwrite. */
void model_ask_overwrite(struct model *m);
/*
 * The flush question: which cache was found on this machine and exactly
 * what will run, ending in "(y/n)". Owned by the caller.
 */
char *model_flush_question(const struct model *m);
/* The command that flushes the DNS cache on os, for a person to type. */
const char *model_flush_os_command(enum cl_os os);

#endif
