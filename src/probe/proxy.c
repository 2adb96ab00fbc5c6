#include "config.h"

#include "probe/proxy.h"

#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/loop.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/spawn.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/curlm.h"
#include "probe/dns.h"
#include "probe/proxy_conf.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WPAD 6		/* search domains tried for WPAD */
#define PAC_LINES 8		/* lines of a PAC file shown */
#define PAC_LINE_MAX 160
#define LOCAL_FILE_MAX (64 * 1024)

struct wpad_slot {
	struct proxy_probe *p;
	struct dns_probe *h;
	struct res_dns res;
	char *host;
};

struct proxy_probe {
	struct probe_env *env;
	struct res_proxy *out;
	probe_done_cb done;
	void *arg;
	char *scheme, *host;
	int port;
	struct proxy_conf confs[PO_N];
	char *etc_env;		/* /etc/environment text */
	struct spawn *sp;	/* gsettings or scutil */
	struct wpad_slot wpad[MAX_WPAD];
	size_t nwpad;
	CURL *pac;
	struct strbuf pac_body;
	char pac_err[CURL_ERROR_SIZE];
	char *pac_url;		/* secret */
	char *url;		/* the proxy for the request (secret) */
	uint64_t t_defer;
};

/* Reads a small local file whole (NULL when absent); owned by caller. */
static char *
read_small(const char *path)
{
	return file_read(path, LOCAL_FILE_MAX, FILE_TRUNCATE, NULL);
}

static const char *
get_env(const char *name, void *ctx)
{
	(void)ctx;
	return getenv(name);
}

/* A getter over /etc/environment text; values live until etc_free. */
struct etc_ctx {
	const char *text;
	char *vals[16];
	size_t n;
};

static const char *
get_etc(const char *name, void *ctx)
{
	struct etc_ctx *e = ctx;
	char *v;

	if (!e->text || e->n >= sizeof(e->vals) / sizeof(e->vals[0]))
		return NULL;
	v = proxy_kv_get(e->text, name);
	if (v)
		e->vals[e->n++] = v;
	return v;
}

static void
read_files(struct proxy_probe *p)
{
	struct etc_ctx e = { NULL, { NULL }, 0 };
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *path = NULL, *text;

	proxy_env_read(&p->confs[PO_ENV], p->scheme, get_env, NULL);
	p->etc_env = read_small("/etc/environment");
	if (p->etc_env) {
		e.text = p->etc_env;
		proxy_env_read(&p->confs[PO_ETC_ENV], p->scheme, get_etc, &e);
		for (size_t i = 0; i < e.n; i++)
			free(e.vals[i]);
	}
	if (xdg && *xdg)
		path = xasprintf("%s/kioslaverc", xdg);
	else if (home && *home)
		path = xasprintf("%s/.config/kioslaverc", home);
	if (path && (text = read_small(path)) != NULL) {
		proxy_kde_parse(&p->confs[PO_KDE], text, p->scheme, get_env,
		    NULL);
		free(text);
	}
	free(path);
	for (int i = 0; i < PO_N; i++) {
		redact_learn_url(p->confs[i].url);
		redact_learn_url(p->confs[i].pac_url);
	}
}

/* ---- finishing ---- */

static char *
clean_url(const char *secret)
{
	char *r = redact_url(secret), *s = sanitize_str(r, 0);

	free(r);
	return s;
}

/* Lists the other sources that ask for a proxy too. */
static char *
others(struct proxy_probe *p, int chosen)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < PO_N; i++) {
		char *l;

		if (i == chosen || !proxy_conf_active(&p->confs[i]))
			continue;
		l = proxy_source_label(i, &p->confs[i]);
		sb_addf(&sb, "%s%s", sb.len ? "; " : "", l);
		free(l);
	}
	return sb.s ? sb_detach(&sb) : NULL;
}

static void
deliver(struct loop *lp, void *arg)
{
	struct proxy_probe *p = arg;

	(void)lp;
	p->t_defer = 0;
	p->done(p->arg);
	proxy_probe_cancel(p);
}

/* Fills out from the chosen source and the PAC outcome, then ends. */
static void
finish(struct proxy_probe *p)
{
	struct res_proxy *o = p->out;
	int ch = proxy_choose(p->confs, getenv("XDG_CURRENT_DESKTOP"));
	const struct proxy_conf *c = ch >= 0 ? &p->confs[ch] : NULL;
	char *entry = NULL, *label;

	o->ran = 1;
	o->other_sources = others(p, ch);
	if (c && c->url) {
		if (proxy_no_proxy_match(c->no_proxy, p->host, p->port,
		    &entry)) {
			o->no_proxy_match = sanitize_str(entry, 0);
			free(entry);
		} else
			p->url = xstrdup(c->url);
		o->url = p->url ? clean_url(p->url) : NULL;
	}
	if (p->pac_url) {
		char *u = clean_url(p->pac_url);

		o->pac_url = xstrdup(u);
		label = c && !c->autodetect ? proxy_source_label(ch, c) :
		    xstrdup("WPAD");
		o->source = xasprintf(_("PAC file %s (not evaluated), from "
		    "%s"), u, label);
		free(label);
		free(u);
	} else
		o->source = proxy_source_label(ch, c);
	p->t_defer = loop_timer_add(p->env->loop, 0, deliver, p);
}

/* ---- the PAC file ---- */

static size_t
pac_write(char *data, size_t size, size_t n, void *arg)
{
	struct proxy_probe *p = arg;
	size_t len = size * n;

	if (p->pac_body.len + len > PROXY_PAC_MAX)
		return 0;	/* stop: we show only the start anyway */
	sb_addn(&p->pac_body, data, len);
	return len;
}

/* The first lines of the PAC text, redacted and sanitized. */
static char *
pac_excerpt(const char *body)
{
	struct strbuf sb = STRBUF_INIT;
	const char *line = body;
	char *red, *out;

	for (int i = 0; i < PAC_LINES && line && *line; i++) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);

		sb_addn(&sb, line, n > PAC_LINE_MAX ? PAC_LINE_MAX : n);
		sb_addc(&sb, '\n');
		line = end ? end + 1 : NULL;
	}
	red = redact_text(sb_str(&sb));
	out = sanitize_str(red, SAN_KEEP_NEWLINES);
	free(red);
	sb_free(&sb);
	return out;
}

static void
pac_done(CURL *easy, CURLcode rc, void *arg)
{
	struct proxy_probe *p = arg;
	long status = 0;
	char *red;

	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
	if (rc == CURLE_WRITE_ERROR && p->pac_body.len)
		rc = CURLE_OK;	/* our size cap, not a failure */
	if (rc != CURLE_OK) {
		red = redact_text(*p->pac_err ? p->pac_err :
		    curl_easy_strerror(rc));
		p->out->pac_error = sanitize_str(red, 0);
		free(red);
	} else if (status >= 400)
		p->out->pac_error = xasprintf(_("the server answered HTTP "
		    "%ld"), status);
	else
		p->out->pac_excerpt = pac_excerpt(sb_str(&p->pac_body));
	/* The easy handle is cleaned up with the probe, not in curl's call. */
	finish(p);
}

static void
pac_fetch(struct proxy_probe *p)
{
	p->pac = curl_easy_init();
	curl_easy_setopt(p->pac, CURLOPT_URL, p->pac_url);
	/* Browsers fetch the PAC file itself without a proxy. */
	curl_easy_setopt(p->pac, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(p->pac, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(p->pac, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(p->pac, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(p->pac, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(p->pac, CURLOPT_TIMEOUT_MS, p->env->timeout_ms);
	curl_easy_setopt(p->pac, CURLOPT_ERRORBUFFER, p->pac_err);
	curl_easy_setopt(p->pac, CURLOPT_WRITEFUNCTION, pac_write);
	curl_easy_setopt(p->pac, CURLOPT_WRITEDATA, p);
	curl_easy_setopt(p->pac, CURLOPT_NOSIGNAL, 1L);
	if (p->env->cacert)
		curl_easy_setopt(p->pac, CURLOPT_CAINFO, p->env->cacert);
	curlm_add(p->env->curlm, p->pac, pac_done, p);
}

/* ---- WPAD ---- */

static void
wpad_done(void *arg)
{
	struct wpad_slot *s = arg;
	struct proxy_probe *p = s->p;

	s->h = NULL;
	for (size_t i = 0; i < p->nwpad; i++)
		if (p->wpad[i].h)
			return;
	/* The first search domain (in resolv.conf order) that answers. */
	for (size_t i = 0; i < p->nwpad; i++)
		if (p->wpad[i].res.status == DNS_OK &&
		    p->wpad[i].res.naddrs > 0) {
			p->pac_url = xasprintf("http://%s/wpad.dat",
			    p->wpad[i].host);
			pac_fetch(p);
			return;
		}
	finish(p);
}

/* Looks for wpad.<domain> for every search domain; 0 when there is none. */
static int
wpad_start(struct proxy_probe *p)
{
	char *text = read_small("/etc/resolv.conf"), **doms = NULL;
	size_t n = text ? proxy_search_domains(text, &doms) : 0;

	free(text);
	for (size_t i = 0; i < n; i++) {
		if (p->nwpad < MAX_WPAD) {
			struct wpad_slot *s = &p->wpad[p->nwpad++];

			s->p = p;
			s->host = xasprintf("wpad.%s", doms[i]);
		}
		free(doms[i]);
	}
	free(doms);
	/* Start only after the table is complete: done may not re-enter. */
	for (size_t i = 0; i < p->nwpad; i++)
		p->wpad[i].h = dns_probe_start(p->env, p->wpad[i].host, NULL,
		    &p->wpad[i].res, wpad_done, &p->wpad[i]);
	return p->nwpad > 0;
}

/* Every source is read: fetch a PAC file, look for WPAD, or finish. */
static void
sources_read(struct proxy_probe *p)
{
	int ch = proxy_choose(p->confs, getenv("XDG_CURRENT_DESKTOP"));
	const struct proxy_conf *c = ch >= 0 ? &p->confs[ch] : NULL;

	if (c && c->pac_url) {
		p->pac_url = xstrdup(c->pac_url);
		pac_fetch(p);
	} else if ((!c || c->autodetect) && wpad_start(p))
		return;
	else
		finish(p);
}

static void
desktop_done(const struct spawn_result *r, void *arg)
{
	struct proxy_probe *p = arg;
	char *text = xstrndup(r->out, r->out_len);

	p->sp = NULL;
	/* No gsettings, no schema or no scutil: that source is not in use. */
	if (!r->exec_errno && r->exited && r->exit_code == 0) {
#ifdef __APPLE__
		proxy_scutil_parse(&p->confs[PO_MACOS], text, p->scheme);
#else
		proxy_gnome_parse(&p->confs[PO_GNOME], text, p->scheme);
#endif
		for (int i = PO_GNOME; i < PO_N; i++) {
			redact_learn_url(p->confs[i].url);
			redact_learn_url(p->confs[i].pac_url);
		}
	}
	free(text);
	sources_read(p);
}

struct proxy_probe *
proxy_probe_start(struct probe_env *env, const struct res_target *t,
    struct res_proxy *out, probe_done_cb done, void *arg)
{
#ifdef __APPLE__
	static const char *const argv[] = { "scutil", "--proxy", NULL };
#else
	static const char *const argv[] = { "gsettings", "list-recursively",
	    "org.gnome.system.proxy", NULL };
#endif
	struct proxy_probe *p = xcalloc(1, sizeof(*p));

	p->env = env;
	p->out = out;
	p->done = done;
	p->arg = arg;
	p->scheme = xstrdup(t->scheme ? t->scheme : "https");
	p->host = xstrdup(t->ascii_host ? t->ascii_host : "");
	p->port = t->port;
	read_files(p);
	p->sp = spawn_start(env->loop, argv, env->timeout_ms, 0, desktop_done,
	    p);
	return p;
}

void
proxy_probe_cancel(struct proxy_probe *p)
{
	if (!p)
		return;
	spawn_cancel(p->sp);
	for (size_t i = 0; i < p->nwpad; i++) {
		if (p->wpad[i].h)
			dns_probe_cancel(p->wpad[i].h);
		res_dns_clear(&p->wpad[i].res);
		free(p->wpad[i].host);
	}
	if (p->pac) {
		curlm_remove(p->env->curlm, p->pac);
		curl_easy_cleanup(p->pac);
	}
	loop_timer_cancel(p->env->loop, p->t_defer);
	for (int i = 0; i < PO_N; i++)
		proxy_conf_clear(&p->confs[i]);
	sb_free(&p->pac_body);
	free(p->etc_env);
	free(p->pac_url);
	free(p->url);
	free(p->scheme);
	free(p->host);
	free(p);
}

const char *
proxy_probe_url(const struct proxy_probe *p)
{
	return p ? p->url : NULL;
}
