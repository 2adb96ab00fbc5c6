#include "config.h"

#include "probe/local_dns.h"

#include "core/sanitize.h"
#include "core/fileutil.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FILE_MAX (64 * 1024)

/* A small file below root (a test tree or "/"), cut at FILE_MAX. */
static char *
read_under(const char *root, const char *path)
{
	char full[1024];

	snprintf(full, sizeof(full), "%s%s", root, path);
	return file_read(full, FILE_MAX, FILE_TRUNCATE, NULL);
}

static int
exists_under(const char *root, const char *path)
{
	char full[1024];
	struct stat st;

	snprintf(full, sizeof(full), "%s%s", root, path);
	return stat(full, &st) == 0;
}

char *
local_nameservers(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char ns[80], one[96];

		/* sscanf on the line alone: a blank "nameserver  " must not
		   take its address from the next line */
		if (n > 11 && n < 90 && strncmp(line, "nameserver", 10) == 0 &&
		    isspace((unsigned char)line[10])) {
			memcpy(one, line, n);
			one[n] = '\0';
			if (sscanf(one + 10, " %79s", ns) == 1)
				sb_addf(&sb, "%s%s", sb.len ? "," : "", ns);
		}
		line = end ? end + 1 : NULL;
	}
	if (!sb.s)
		return NULL;
	out = sanitize_str(sb.s, 0);
	sb_free(&sb);
	return out;
}

size_t
local_find_procs(const char *root, const char *name, int *pids, size_t max)
{
	char dir[1024];
	struct dirent *e;
	size_t n = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/proc", root);
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)) != NULL && n < max) {
		char path[64], full[1200], comm[64];
		char *end;
		long pid = strtol(e->d_name, &end, 10);
		FILE *f;

		if (*end || pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
		snprintf(full, sizeof(full), "%s%s", root, path);
		if (!(f = fopen(full, "r")))
			continue;
		if (fgets(comm, sizeof(comm), f)) {
			comm[strcspn(comm, "\n")] = '\0';
			if (strcmp(comm, name) == 0)
				pids[n++] = (int)pid;
		}
		fclose(f);
	}
	closedir(d);
	return n;
}

static int
running(const char *root, const char *name)
{
	int pid;

	return local_find_procs(root, name, &pid, 1) > 0;
}

/* Is one of the nameservers in a comma list a loopback address? */
static int
has_ns(const char *list, const char *prefix, int exclude_resolved)
{
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ",");
		int resolved = (n == 10 && strncmp(p, "127.0.0.5", 9) == 0 &&
		    (p[9] == '3' || p[9] == '4'));

		if (strncmp(p, prefix, strlen(prefix)) == 0 &&
		    !(exclude_resolved && resolved))
			return 1;
		p += n + (p[n] == ',');
	}
	return 0;
}

static void
add_cache(struct strbuf *sb, const char *name)
{
	sb_addf(sb, "%s%s", sb->len ? " " : "", name);
}

void
local_dns_detect(const char *root, struct local_dns_setup *out)
{
	char *rc = read_under(root, "/etc/resolv.conf");
	char *nss = read_under(root, "/etc/nsswitch.conf");
	struct strbuf caches = STRBUF_INIT;
	const char *kind = "resolv.conf";
	int resolved, local;

	memset(out, 0, sizeof(*out));
	out->nameservers = rc ? local_nameservers(rc) : NULL;
	resolved = has_ns(out->nameservers, "127.0.0.53", 0) ||
	    has_ns(out->nameservers, "127.0.0.54", 0);
	local = has_ns(out->nameservers, "127.", 1) ||
	    has_ns(out->nameservers, "::1", 0);
	if (resolved || (nss && strstr(nss, " resolve") &&
	    running(root, "systemd-resolve"))) {
		char *up = read_under(root,
		    "/run/systemd/resolve/resolv.conf");

		kind = "systemd-resolved";
		add_cache(&caches, kind);
		out->upstreams = up ? local_nameservers(up) : NULL;
		free(up);
	} else if (local && running(root, "dnsmasq")) {
		kind = "dnsmasq";
		add_cache(&caches, kind);
	} else if (local && running(root, "unbound")) {
		kind = "unbound";
		add_cache(&caches, kind);
	} else if (local)
		kind = "local";
	if (exists_under(root, "/run/nscd/socket") ||
	    exists_under(root, "/var/run/nscd/socket")) {
		add_cache(&caches, "nscd");
		if (strcmp(kind, "resolv.conf") == 0)
			kind = "nscd";
	}
#ifdef __APPLE__
	if (!*root) {
		kind = "mDNSResponder";
		add_cache(&caches, kind);
	}
#endif
	out->kind = xstrdup(kind);
	out->caches = caches.s ? sb_detach(&caches) : NULL;
	free(rc);
	free(nss);
}

void
local_dns_setup_clear(struct local_dns_setup *s)
{
	free(s->kind);
	free(s->caches);
	free(s->upstreams);
	free(s->nameservers);
	memset(s, 0, sizeof(*s));
}
