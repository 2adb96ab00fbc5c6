/*
 * The troubleshooting checklist, loaded from data/checklist.json.
 * Texts are kept in English in the file and translated at display time
 * with _(); po/ extracts them (see po/checklist-msgs.c).
 */
#ifndef CONNRESET_CHECKLIST_H
#define CONNRESET_CHECKLIST_H

#include <stddef.h>

struct res_target;

enum cl_section { CL_CLIENT, CL_NETWORK, CL_SERVER, CL_ADVANCED };
#define CL_NSECTIONS 4

/*
 * Operating systems and browsers that instructions can be written for.
 * Every step has instructions for the first CL_NOS systems (the
 * computers: windows, macos, linux). Phones and tablets (android, ios)
 * come after them, up to CL_NOS_ALL, and their instructions are
 * optional: a step without text for a phone does not apply on that
 * phone (cl_step_applies() says 0) and cl_step_how() gives one short
 * generic line in its place, so a screen never has nothing to show.
 * Code that walks the computers only keeps using CL_NOS.
 */
enum cl_os { CL_OS_WINDOWS, CL_OS_MACOS, CL_OS_LINUX, CL_OS_ANDROID,
	CL_OS_IOS };
#define CL_NOS 3		/* systems every step must cover */
#define CL_NOS_ALL 5		/* every system, phones included */
enum cl_browser { CL_BR_ANY, CL_BR_CHROME, CL_BR_FIREFOX, CL_BR_EDGE,
	CL_BR_SAFARI };
#define CL_NBROWSERS 5

/*
 * What one result of a step means and where to go from there.
 * An ordinary step is answered "fixed" or "not_fixed". A test step
 * (trying another device, network, browser, ...) changes nothing, it
 * only tells where the fault is, so it is answered "works_there",
 * "fails_there" or "not_tried" (could not try) instead; each answer may
 * name its own next step, which is how the wizard branches.
 */
struct cl_outcome {
	char *result;		/* "fixed", "not_fixed"; on a test step
				   "works_there", "fails_there",
				   "not_tried"; or a check status:
				   "pass", "warn", "fail" */
	char *meaning;
	char *next;		/* a step id, or NULL for "the next step" */
};

struct cl_step {
	char *id;		/* stable, e.g. "client.flush_dns" */
	enum cl_section section;
	char *title;
	char *why;		/* why this step helps */
	char *how[CL_NOS_ALL];	/* instructions per operating system;
				   NULL for a phone it does not apply on */
	char *how_browser[CL_NBROWSERS];	/* per browser, [0] unused;
						   NULL when not specific */
	char *check;		/* automated check id backing it, or NULL */
	char *action;		/* action the step offers: "flush_dns",
				   "retest", "path", or NULL */
	int for_site_owner;	/* only meaningful to whoever runs the site */
	struct cl_outcome *outcomes;
	size_t noutcomes;
};

struct checklist {
	struct cl_step *steps;	/* in order: client, network, server,
				   advanced */
	size_t nsteps;
};

/* The only "version" of data/checklist.json this code reads. */
#define CL_VERSION 1

/*
 * Loads and validates path. On failure returns -1 and sets *err to one
 * line naming the step and field at fault (owned by the caller).
 * Validation is strict: unknown or repeated keys, wrong types, empty or
 * unclean texts, unknown section/check/action/os/browser/result names,
 * ids not shaped "<section>.<name>", sections out of order, repeated ids,
 * "next" pointing nowhere, a missing windows/macos/linux text (android
 * and ios are optional), outcome sets without "fixed" and "not_fixed"
 * on an ordinary step, a test step (one with "works_there") without
 * "fails_there" or with "fixed"/"not_fixed", "fails_there" or
 * "not_tried" on a step that is not a test step, pass/warn/fail on a
 * step without a check, and a checklist with no client, network or
 * server step are all refused.
 */
int checklist_load(const char *path, struct checklist *cl, char **err);
/*
 * The same checks on the len bytes at buf, as if read from a file called
 * name (used in the error line); for tests and fuzzing.
 */
int checklist_load_mem(const char *name, const char *buf, size_t len,
    struct checklist *cl, char **err);
/* Loads checklist.json from $CONNRESET_DATADIR, else the installed one. */
int checklist_load_default(struct checklist *cl, char **err);
/* The data directory in use ($CONNRESET_DATADIR or PKGDATADIR). */
const char *checklist_datadir(void);
void checklist_free(struct checklist *cl);
/* Finds a step by id, or NULL. */
const struct cl_step *checklist_find(const struct checklist *cl,
    const char *id);
/* Index of a step by id, or -1. */
int checklist_index(const struct checklist *cl, const char *id);
/* "client", "network", "server", "advanced". */
const char *cl_section_name(enum cl_section s);
/* Translated section title for screens. */
const char *cl_section_label(enum cl_section s);
/* Non-zero when st is a test step (its outcomes include "works_there"). */
int cl_step_is_test(const struct cl_step *st);
/* The outcome of st with this result name, or NULL (borrowed). */
const struct cl_outcome *cl_step_outcome(const struct cl_step *st,
    const char *result);
/* Non-zero when st has something to do on os (see enum cl_os). */
int cl_step_applies(const struct cl_step *st, enum cl_os os);
/*
 * The English instructions of st for os (translate with _() to show),
 * or for a phone the step does not apply on, a generic line saying so;
 * never NULL for a loaded step and a known os (borrowed).
 */
const char *cl_step_how(const struct cl_step *st, enum cl_os os);
/*
 * Texts name the site being tested as example.com, so that every command
 * in them runs as written; commands are written between `backticks`.
 * This puts the real target in: "https://example.com/" becomes t's URL,
 * "example.com:443" its host and port, any other "example.com" (not part
 * of a longer name) its host as sent on the wire. Returns a new string
 * owned by the caller; with t NULL, a copy of text.
 */
char *cl_text_fill(const char *text, const struct res_target *t);
/* "windows", "macos", "linux", "android", "ios" and back; -1 unknown. */
const char *cl_os_name(enum cl_os os);
int cl_os_from_name(const char *s);
const char *cl_browser_name(enum cl_browser b);
int cl_browser_from_name(const char *s);

#endif
