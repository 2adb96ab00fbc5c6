#include "config.h"

#include "probe/local_fw.h"

#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/spawn.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The target as bytes, for prefix comparisons. */
struct fw_target {
	int fam;		/* 4 or 6, 0 when addr did not parse */
	unsigned char ip[16];
	int port;
};

static void
target_init(struct fw_target *t, const char *addr, int port)
{
	memset(t, 0, sizeof(*t));
	t->port = port;
	if (addr && inet_pton(AF_INET, addr, t->ip) == 1)
		t->fam = 4;
	else if (addr && inet_pton(AF_INET6, addr, t->ip) == 1)
		t->fam = 6;
}

/* Does "a.b.c.d", "a.b.c.d/len" (or IPv6) cover the target? */
static int
addr_covers(const struct fw_target *t, const char *s, long len)
{
	unsigned char ip[16];
	char buf[64];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	int fam, bits, max;

	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	fam = inet_pton(AF_INET, buf, ip) == 1 ? 4 :
	    inet_pton(AF_INET6, buf, ip) == 1 ? 6 : 0;
	if (!fam || fam != t->fam)
		return 0;
	max = fam == 4 ? 32 : 128;
	bits = slash ? (int)strtol(slash + 1, NULL, 10) : len >= 0 ?
	    (int)len : max;
	if (bits < 0 || bits > max)
		return 0;
	if (memcmp(ip, t->ip, (size_t)bits / 8) != 0)
		return 0;
	return bits % 8 == 0 || ((ip[bits / 8] ^ t->ip[bits / 8]) &
	    (0xff << (8 - bits % 8))) == 0;
}

/* ---- nft JSON ---- */

/*
 * Reads v as an int within [lo, hi]; 0 when it is no number or lies
 * outside (casting such a double to int is undefined behaviour).
 */
static int
nft_int(const cJSON *v, int lo, int hi, int *out)
{
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= lo &&
	    v->valuedouble <= hi))
		return 0;
	*out = (int)v->valuedouble;
	return 1;
}

/* Does a match's right-hand side cover the target's address or port? */
static int
nft_value_covers(const struct fw_target *t, const cJSON *v, int is_port)
{
	const cJSON *x;
	int n, lo, hi;

	if (cJSON_IsNumber(v))
		return is_port && nft_int(v, 0, 65535, &n) && n == t->port;
	if (cJSON_IsString(v))
		return !is_port && addr_covers(t, v->valuestring, -1);
	if ((x = cJSON_GetObjectItemCaseSensitive(v, "set")) != NULL) {
		const cJSON *e;

		cJSON_ArrayForEach(e, x)
			if (nft_value_covers(t, e, is_port))
				return 1;
		return 0;
	}
	if ((x = cJSON_GetObjectItemCaseSensitive(v, "range")) != NULL &&
	    cJSON_GetArraySize(x) == 2)
		return is_port && nft_int(cJSON_GetArrayItem(x, 0), 0, 65535,
		    &lo) && nft_int(cJSON_GetArrayItem(x, 1), 0, 65535, &hi) &&
		    t->port >= lo && t->port <= hi;
	if ((x = cJSON_GetObjectItemCaseSensitive(v, "prefix")) != NULL) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(x, "addr");
		const cJSON *l = cJSON_GetObjectItemCaseSensitive(x, "len");

		return !is_port && cJSON_IsString(a) && nft_int(l, 0, 128,
		    &n) && addr_covers(t, a->valuestring, n);
	}
	return 0;
}

/*
 * Checks one "match" expression: returns 0 when it excludes the target,
 * 1 when it covers it, 2 when it is a condition we do not evaluate.
 */
static int
nft_match(const struct fw_target *t, const cJSON *m)
{
	const cJSON *op = cJSON_GetObjectItemCaseSensitive(m, "op");
	const cJSON *left = cJSON_GetObjectItemCaseSensitive(m, "left");
	const cJSON *right = cJSON_GetObjectItemCaseSensitive(m, "right");
	const cJSON *pl = cJSON_GetObjectItemCaseSensitive(left, "payload");
	const cJSON *proto = cJSON_GetObjectItemCaseSensitive(pl, "protocol");
	const cJSON *field = cJSON_GetObjectItemCaseSensitive(pl, "field");
	int neg = cJSON_IsString(op) && strcmp(op->valuestring, "!=") == 0;
	int is_port, covers;

	if (!cJSON_IsString(proto) || !cJSON_IsString(field))
		return 2;
	if (strcmp(proto->valuestring, "ip") == 0 ||
	    strcmp(proto->valuestring, "ip6") == 0) {
		if ((strcmp(proto->valuestring, "ip") == 0) != (t->fam == 4))
			return 0;	/* the other family's packets */
		is_port = 0;
	} else if (strcmp(field->valuestring, "dport") == 0 ||
	    strcmp(field->valuestring, "sport") == 0)
		is_port = 1;
	else
		return 2;
	if (!is_port && strcmp(field->valuestring, "daddr") != 0 &&
	    strcmp(field->valuestring, "saddr") != 0)
		return 2;
	covers = nft_value_covers(t, right, is_port);
	return neg ? !covers : covers;
}

/* Examines one rule; returns 1 (and *detail) when it resets the target. */
static int
nft_rule(const struct fw_target *t, const cJSON *rule, char **detail)
{
	const cJSON *expr = cJSON_GetObjectItemCaseSensitive(rule, "expr");
	const cJSON *e, *x;
	int reset = 0, unknown = 0;

	cJSON_ArrayForEach(e, expr) {
		if ((x = cJSON_GetObjectItemCaseSensitive(e, "match"))) {
			int m = nft_match(t, x);

			if (m == 0)
				return 0;
			unknown |= m == 2;
		} else if ((x = cJSON_GetObjectItemCaseSensitive(e,
		    "reject"))) {
			const cJSON *ty = cJSON_GetObjectItemCaseSensitive(x,
			    "type");

			reset = cJSON_IsString(ty) &&
			    strcmp(ty->valuestring, "tcp reset") == 0;
		} else if (cJSON_GetObjectItemCaseSensitive(e, "xt"))
			unknown = 1;
	}
	if (!reset)
		return 0;
	{
		const cJSON *fam = cJSON_GetObjectItemCaseSensitive(rule,
		    "family");
		const cJSON *tab = cJSON_GetObjectItemCaseSensitive(rule,
		    "table");
		const cJSON *ch = cJSON_GetObjectItemCaseSensitive(rule,
		    "chain");
		const cJSON *h = cJSON_GetObjectItemCaseSensitive(rule,
		    "handle");
		int handle = 0;
		char *raw = xasprintf(_("nft table %s %s, chain %s, rule "
		    "handle %d rejects with a TCP reset%s"),
		    cJSON_IsString(fam) ? fam->valuestring : "?",
		    cJSON_IsString(tab) ? tab->valuestring : "?",
		    cJSON_IsString(ch) ? ch->valuestring : "?",
		    nft_int(h, 0, INT_MAX, &handle) ? handle : 0,
		    unknown ? _(" (it has further conditions we did not "
		    "evaluate)") : "");

		*detail = sanitize_str(raw, 0);
		free(raw);
	}
	return 1;
}

int
local_fw_nft(const char *json, const char *addr, int port, char **detail)
{
	cJSON *root = cJSON_Parse(json);
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "nftables");
	const cJSON *item;
	struct fw_target t;
	int found = 0;

	*detail = NULL;
	if (!cJSON_IsArray(list)) {
		cJSON_Delete(root);
		*detail = xstrdup(_("nft: its output could not be read"));
		return -1;
	}
	target_init(&t, addr, port);
	cJSON_ArrayForEach(item, list) {
		const cJSON *rule = cJSON_GetObjectItemCaseSensitive(item,
		    "rule");

		if (rule && nft_rule(&t, rule, detail)) {
			found = 1;
			break;
		}
	}
	cJSON_Delete(root);
	return found;
}

/* ---- iptables-save ---- */

/* Splits a line into words; "double quoted" words keep their spaces. */
static size_t
split_words(const char *line, char **w, size_t max)
{
	size_t n = 0;
	const char *p = line;

	while (*p && n < max) {
		const char *s;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			s = ++p;
			while (*p && *p != '"')
				p++;
			if (!*p)
				break;	/* unterminated: drop the rest */
			w[n++] = xstrndup(s, (size_t)(p - s));
			p++;
		} else {
			s = p;
			while (*p && !isspace((unsigned char)*p))
				p++;
			w[n++] = xstrndup(s, (size_t)(p - s));
		}
	}
	return n;
}

/* Does a port spec ("443", "1000:2000", "80,8080") cover port? */
static int
port_covers(const char *spec, int port)
{
	const char *p = spec;

	while (*p) {
		char *end;
		long lo = strtol(p, &end, 10), hi = lo;

		if (end == p)
			return 0;
		if (*end == ':')
			hi = strtol(end + 1, &end, 10);
		if (port >= lo && port <= hi)
			return 1;
		if (*end != ',')
			return 0;
		p = end + 1;
	}
	return 0;
}

/* Examines one -A line; returns 1 when it resets the target. */
static int
ipt_rule(const struct fw_target *t, char **w, size_t n, int *unknown)
{
	int reset = 0, neg = 0;

	*unknown = 0;
	for (size_t i = 0; i < n; i++) {
		const char *o = w[i];
		int ok = -1;

		if (strcmp(o, "!") == 0) {
			neg = 1;
			continue;
		}
		if (i + 1 < n && (!strcmp(o, "-d") || !strcmp(o,
		    "--destination") || !strcmp(o, "-s") || !strcmp(o,
		    "--source")))
			ok = addr_covers(t, w[++i], -1);
		else if (i + 1 < n && (!strcmp(o, "--dport") || !strcmp(o,
		    "--dports") || !strcmp(o, "--destination-port") ||
		    !strcmp(o, "--sport") || !strcmp(o, "--sports")))
			ok = port_covers(w[++i], t->port);
		else if (i + 1 < n && !strcmp(o, "--reject-with"))
			reset = !strcmp(w[++i], "tcp-reset");
		else if (i + 1 < n && !strcmp(o, "-m") && strcmp(w[i + 1],
		    "tcp") != 0 && strcmp(w[i + 1], "multiport") != 0)
			*unknown = 1;
		if (ok >= 0 && (neg ? ok : !ok))
			return 0;
		neg = 0;
	}
	return reset;
}

int
local_fw_iptables(const char *text, const char *addr, int port,
    char **detail)
{
	struct fw_target t;

	*detail = NULL;
	target_init(&t, addr, port);
	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		char *copy = xstrndup(line, end ? (size_t)(end - line) :
		    strlen(line));
		char *w[64];
		size_t n = 0;
		int hit = 0, unknown = 0;

		if (strncmp(copy, "-A ", 3) == 0) {
			n = split_words(copy, w, 64);
			hit = ipt_rule(&t, w, n, &unknown);
		}
		if (hit) {
			char *raw = xasprintf(_("firewall rule \"%s\" rejects "
			    "with a TCP reset%s"), copy, unknown ? _(" (its "
			    "extra matches were not evaluated)") : "");

			*detail = sanitize_str(raw, 0);
			free(raw);
		}
		for (size_t i = 0; i < n; i++)
			free(w[i]);
		free(copy);
		if (hit)
			return 1;
		line = end ? end + 1 : NULL;
	}
	return 0;
}

/* Is the helper's complaint about privileges? */
static int
says_privileges(const char *s)
{
	static const char *const pats[] = { "not permitted", "ermission denied",
	    "you must be root", "ccess denied", NULL };

	for (size_t i = 0; pats[i]; i++)
		if (s && strstr(s, pats[i]))
			return 1;
	return 0;
}

char *
local_fw_failure(const char *tool, const struct spawn_result *r)
{
	char *raw, *out;

	if (r->exec_errno == ENOENT)
		return xasprintf(_("%s: not installed"), tool);
	if (r->exec_errno)
		return xasprintf(_("%s: could not run it (%s)"), tool,
		    strerror(r->exec_errno));
	if (r->timed_out)
		return xasprintf(_("%s: did not answer in time"), tool);
	if (r->exited && r->exit_code == 0)
		return NULL;
	if (r->exec_errno == EPERM || says_privileges(r->err) ||
	    says_privileges(r->out))
		raw = xasprintf(_("%s: Operation not permitted: run as root to "
		    "inspect the firewall"), tool);
	else {
		const char *e = r->err_len ? r->err : r->out;
		size_t n = strcspn(e, "\n");

		raw = xasprintf(_("%s failed: %.*s"), tool, (int)(n > 200 ?
		    200 : n), e);
	}
	out = sanitize_str(raw, 0);
	free(raw);
	return out;
}

char *
local_fw_join(const char *list, const char *why)
{
	const char *reason = strstr(why, ": "), *item = list;
	size_t rl = reason ? strlen(reason) : 0;
	struct strbuf sb = STRBUF_INIT;
	int merged = 0;

	if (!list || !*list)
		return xstrdup(why);
	while (*item) {
		const char *end = strstr(item, "; ");
		size_t n = end ? (size_t)(end - item) : strlen(item);
		const char *r = strstr(item, ": ");

		if (sb.len)
			sb_add(&sb, "; ");
		if (!merged && reason && r && r < item + n &&
		    (size_t)(item + n - r) == rl && memcmp(r, reason, rl) == 0) {
			sb_addn(&sb, item, (size_t)(r - item));
			sb_add(&sb, ", ");
			sb_addn(&sb, why, (size_t)(reason - why));
			sb_add(&sb, reason);
			merged = 1;
		} else {
			sb_addn(&sb, item, n);
		}
		item += n;
		if (*item)
			item += 2;
	}
	if (!merged) {
		sb_add(&sb, "; ");
		sb_add(&sb, why);
	}
	return sb_detach(&sb);
}
