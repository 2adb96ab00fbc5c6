#include "config.h"

#include "probe/kstat.h"

#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *group;	/* "Tcp" in snmp, "TcpExt" in netstat */
	const char *name;
} counters[KSTAT_N] = {
	{ "Tcp", "ActiveOpens" },
	{ "Tcp", "AttemptFails" },
	{ "Tcp", "EstabResets" },
	{ "Tcp", "OutRsts" },
	{ "Tcp", "RetransSegs" },
	{ "Tcp", "InErrs" },
	{ "TcpExt", "TCPAbortOnData" },
	{ "TcpExt", "TCPAbortOnClose" },
	{ "TcpExt", "TCPAbortOnMemory" },
	{ "TcpExt", "TCPAbortOnTimeout" },
	{ "TcpExt", "TCPAbortOnLinger" },
	{ "TcpExt", "TCPAbortFailed" },
};

const char *
kstat_name(int i)
{
	return i >= 0 && i < KSTAT_N ? counters[i].name : "?";
}

/* The next line of *p, owned by the caller, or NULL at the end. */
static char *
next_line(const char **p)
{
	const char *s = *p, *e;
	size_t n;

	if (!s || !*s)
		return NULL;
	e = strchr(s, '\n');
	n = e ? (size_t)(e - s) : strlen(s);
	*p = e ? e + 1 : s + n;
	return xstrndup(s, n);
}

/* The next word of *p (spaces and tabs between words), or NULL. */
static char *
next_word(char **p)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	*p = s;
	return w;
}

/*
 * The files come in pairs of lines: "Group: Name1 Name2 ..." then
 * "Group: 1 2 ...". Takes the values of the counters of this group.
 */
static void
take_pair(char *names, char *values, const char *group,
    struct kstat_snap *s)
{
	size_t glen = strlen(group);
	char *np, *vp, *nt, *vt;

	if (strncmp(names, group, glen) != 0 || names[glen] != ':' ||
	    strncmp(values, group, glen) != 0 || values[glen] != ':')
		return;
	np = names + glen + 1;
	vp = values + glen + 1;
	while ((nt = next_word(&np)) && (vt = next_word(&vp))) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(vt, &end, 10);
		if (errno || end == vt || *end)
			continue;
		for (int i = 0; i < KSTAT_N; i++)
			if (strcmp(counters[i].group, group) == 0 &&
			    strcmp(counters[i].name, nt) == 0) {
				s->v[i] = v;
				s->have[i] = 1;
			}
	}
}

static void
parse_file(const char *text, const char *group, struct kstat_snap *s)
{
	const char *p = text;
	char *prev = NULL, *line;

	while ((line = next_line(&p))) {
		if (prev) {
			char *names = xstrdup(prev), *values = xstrdup(line);

			take_pair(names, values, group, s);
			free(names);
			free(values);
		}
		free(prev);
		prev = line;
	}
	free(prev);
}

void
kstat_parse(const char *snmp, const char *netstat, struct kstat_snap *s)
{
	memset(s, 0, sizeof(*s));
	if (snmp)
		parse_file(snmp, "Tcp", s);
	if (netstat)
		parse_file(netstat, "TcpExt", s);
	s->ok = 0;
	for (int i = 0; i < KSTAT_N; i++)
		s->ok |= s->have[i];
	if (!s->ok)
		snprintf(s->err, sizeof(s->err), "%s",
		    _("no TCP counters found"));
}

void
kstat_read(const char *snmp_path, const char *netstat_path,
    struct kstat_snap *s)
{
	const char *sp = snmp_path ? snmp_path : "/proc/net/snmp";
	const char *np = netstat_path ? netstat_path : "/proc/net/netstat";
	char *snmp = file_read(sp, 1 << 16, FILE_TRUNCATE, NULL);
	int e = errno;
	char *net = file_read(np, 1 << 16, FILE_TRUNCATE, NULL);

	kstat_parse(snmp, net, s);
	if (!snmp && !net)
		snprintf(s->err, sizeof(s->err), "%s: %s", sp, strerror(e));
	free(snmp);
	free(net);
}

void
kstat_delta(const struct kstat_snap *before, const struct kstat_snap *after,
    struct res_kstat *out)
{
	res_kstat_clear(out);
	out->ran = 1;
	out->source = xstrdup("/proc/net/snmp, /proc/net/netstat");
	if (!before->ok || !after->ok) {
		out->error = xstrdup(before->ok ? after->err : before->err);
		return;
	}
	for (int i = 0; i < KSTAT_N && out->n < RES_MAX_KSTAT; i++) {
		if (!before->have[i] || !after->have[i])
			continue;
		out->c[out->n].name = xstrdup(counters[i].name);
		out->c[out->n].delta = after->v[i] - before->v[i];
		out->n++;
	}
}
