#include "config.h"

#include "report/report.h"

#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/xalloc.h"
#include "report/doc.h"
#include "report/privacy.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const audience_names[] = { "general", "isp", "it",
	"site-owner", NULL };

/* "general", "isp", "it", "site-owner"; -1 when unknown. */
int
report_audience_from_name(const char *name)
{
	if (name && strcasecmp(name, "site_owner") == 0)
		return RA_SITE_OWNER;
	for (int i = 0; name && audience_names[i]; i++)
		if (strcasecmp(name, audience_names[i]) == 0)
			return i;
	return -1;
}

/* The stable name of an audience. */
const char *
report_audience_name(enum report_audience a)
{
	return (unsigned)a <= RA_SITE_OWNER ? audience_names[a] : "general";
}

/* A privacy mask for this machine's login name and host name. */
void
report_privacy_system(struct privacy *p)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *user = pw ? pw->pw_name : getenv("USER");
	char host[HOST_NAME_MAX + 1];

	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	privacy_init(p, user, host);
}

/* " (found)" or " (none in this report)" for a mask category. */
static const char *
found(int hits)
{
	return hits ? _(" (found and masked)") : _(" (none in this report)");
}

/* The "Redacted" section: every category masked, and what was found. */
static void
add_redacted(struct doc *d, const struct privacy *p)
{
	size_t naddrs = p->naddrs + (size_t)p->more_addrs;

	doc_add(d, DK_SECTION, NULL, _("Redacted"));
	doc_add(d, DK_PARA, NULL, _("This report was written with --redact. "
	    "These kinds of data are masked in it:"));
	doc_add(d, DK_ITEM, NULL, _("passwords and user names in addresses "
	    "(URL credentials), always"));
	doc_add(d, DK_ITEM, NULL, _("proxy passwords (proxy credentials), "
	    "always"));
	doc_add(d, DK_ITEM, NULL, _("Authorization, Cookie and similar "
	    "headers (secret headers), always"));
	doc_addf(d, DK_ITEM, NULL, _("the user name on this machine, shown "
	    "as [user]%s"), found(p->user_hits > 0));
	doc_addf(d, DK_ITEM, NULL, _("the name of this machine, shown as "
	    "[host]%s"), found(p->host_hits > 0));
	if (naddrs)
		doc_addf(d, DK_ITEM, NULL, _("private network addresses, shown "
		    "as [private address N] (%zu found and masked)"), naddrs);
	else
		doc_add(d, DK_ITEM, NULL, _("private network addresses, shown "
		    "as [private address N] (none in this report)"));
}

/* Builds the document, masking private data when asked (report.c). */
void
report_doc(const struct report_input *in, struct doc *d)
{
	struct privacy p;

	doc_build(in, d);
	if (!in->redact_private)
		return;
	report_privacy_system(&p);
	doc_mask(d, &p);
	add_redacted(d, &p);
	privacy_free(&p);
}

/* Masks secrets in a whole rendered report, whatever its format. */
char *
report_finish(char *rendered)
{
	char *out = redact_text(rendered);

	free(rendered);
	return out;
}

/* One line "cannot write report to 'path': reason" (owned). */
static char *
save_error(const char *path, int errnum)
{
	char *p = sanitize_str(path, 0);
	char *e = xasprintf(_("cannot write report to '%s': %s"), p,
	    file_strerror(errnum));

	free(p);
	return e;
}

static int
save_stdout(const char *content, char **err)
{
	size_t n = strlen(content);

	if (fwrite(content, 1, n, stdout) != n || fflush(stdout) != 0) {
		*err = xasprintf(_("cannot write report to standard output: "
		    "%s"), strerror(errno));
		return -1;
	}
	return 0;
}

static char *
exists_error(const char *path)
{
	char *p = sanitize_str(path, 0);
	char *e = xasprintf(_("'%s' already exists; use --force to replace "
	    "it"), p);

	free(p);
	return e;
}

/*
 * Writes content to path: a regular file or a new name through a
 * temporary file renamed into place, a device, FIFO or link in place.
 */
int
report_save(const char *path, const char *content, int force, char **err)
{
	int e;

	*err = NULL;
	if (strcmp(path, "-") == 0)
		return save_stdout(content, err);
	e = file_write(path, content, strlen(content), FILE_W_IN_PLACE |
	    (force ? FILE_W_REPLACE : 0));
	if (e == EEXIST && !force)
		*err = exists_error(path);
	else if (e != 0)
		*err = save_error(path, e);
	return e ? -1 : 0;
}
