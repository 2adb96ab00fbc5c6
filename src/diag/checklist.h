/*
 * The troubleshooting checklist, loaded from data/checklist.json.
 * Texts are kept in English in the file and translated at display time
 * with _(); po/ extracts them (see po/checklist-msgs.c).
 */
#ifndef CONNRESET_CHECKLIST_H
#define CONNRESET_CHECKLIST_H

#include <stddef.h>

enum cl_section { CL_CLIENT, CL_NETWORK, CL_SERVER, CL_ADVANCED };
#define CL_NSECTIONS 4

/* Operating systems and browsers that instructions can be written for. */
enum cl_os { CL_OS_WINDOWS, CL_OS_MACOS, CL_OS_LINUX };
#define CL_NOS 3
enum cl_browser { CL_BR_ANY, CL_BR_CHROME, CL_BR_FIREFOX, CL_BR_EDGE,
	CL_BR_SAFARI };
#define CL_NBROWSERS 5

/* What one result of a step means and where to go from there. */
struct cl_outcome {
	char *result;		/* "fixed", "not_fixed", or a check status:
				   "pass", "warn", "fail" */
	char *meaning;
	char *next;		/* a step id, or NULL for "the next step" */
};

struct cl_step {
	char *id;		/* stable, e.g. "client.flush_dns" */
	enum cl_section section;
	char *title;
	char *why;		/* why this step helps */
	char *how[CL_NOS];	/* instructions per operating system */
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
 * "next" pointing nowhere, outcome sets without "fixed" and "not_fixed"
 * (or with pass/warn/fail on a step without a check), and a checklist
 * with no client, network or server step are all refused.
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
/* "windows", "macos", "linux" and back; -1 when unknown. */
const char *cl_os_name(enum cl_os os);
int cl_os_from_name(const char *s);
const char *cl_browser_name(enum cl_browser b);
int cl_browser_from_name(const char *s);

#endif
