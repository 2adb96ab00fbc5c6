/*
 * Where a browser on Linux or macOS finds its proxy, as pure functions:
 * the environment (curl's rules), GNOME settings, KDE's kioslaverc,
 * /etc/environment and macOS's `scutil --proxy`, the no_proxy match and
 * the precedence between them. No I/O: the caller supplies the texts.
 * Proxy URLs here are SECRET (unredacted); never show them directly.
 */
#ifndef CONNRESET_PROBE_PROXY_CONF_H
#define CONNRESET_PROBE_PROXY_CONF_H

#include <stddef.h>

/* The sources, in no particular order (precedence is proxy_choose()). */
enum proxy_origin {
	PO_ENV,			/* this process's environment */
	PO_GNOME,		/* gsettings org.gnome.system.proxy */
	PO_KDE,			/* ~/.config/kioslaverc */
	PO_ETC_ENV,		/* /etc/environment */
	PO_MACOS,		/* scutil --proxy */
	PO_N
};

/* What one source says for the target's scheme. */
struct proxy_conf {
	int seen;		/* the source exists and could be read */
	char *url;		/* proxy URL (secret), NULL when none */
	const char *key;	/* which setting gave url ("https_proxy") */
	char *pac_url;		/* PAC file URL (secret), NULL when none */
	int autodetect;		/* asks for WPAD discovery */
	char *no_proxy;		/* bypass list in curl syntax, or NULL */
	const char *mode;	/* "manual", "auto", "none" ... or NULL */
};

/* Looks a variable up (getenv-like); returns NULL when unset. */
typedef const char *(*proxy_get_fn)(const char *name, void *ctx);

void proxy_conf_clear(struct proxy_conf *c);
/* Non-zero when c asks for a proxy, a PAC file or WPAD. */
int proxy_conf_active(const struct proxy_conf *c);

/*
 * Does the no_proxy list (curl syntax: commas or spaces, "*", leading
 * dots, host suffixes, IP literals with optional /bits, optional :port)
 * bypass host:port? Returns 1 and sets *entry (owned by the caller, may
 * be NULL to skip) to the matching entry, else 0.
 */
int proxy_no_proxy_match(const char *list, const char *host, int port,
    char **entry);

/* Fills c from variables the way curl reads them for scheme. */
void proxy_env_read(struct proxy_conf *c, const char *scheme,
    proxy_get_fn get, void *ctx);
/*
 * Returns the value of KEY in /etc/environment-style text (KEY=value,
 * optional "export ", quotes, # comments), owned by the caller, or NULL.
 */
char *proxy_kv_get(const char *text, const char *key);
/* Fills c from `gsettings list-recursively org.gnome.system.proxy`. */
void proxy_gnome_parse(struct proxy_conf *c, const char *text,
    const char *scheme);
/* Fills c from kioslaverc text; get resolves ProxyType=4 variables. */
void proxy_kde_parse(struct proxy_conf *c, const char *text,
    const char *scheme, proxy_get_fn get, void *ctx);
/* Fills c from `scutil --proxy` output. */
void proxy_scutil_parse(struct proxy_conf *c, const char *text,
    const char *scheme);

/*
 * Picks the source a browser would follow: macOS system settings, then
 * the desktop's own settings (KDE first when desktop names KDE, else
 * GNOME first), then the environment, then /etc/environment. Returns
 * the origin, or -1 when none asks for a proxy.
 */
int proxy_choose(const struct proxy_conf confs[PO_N], const char *desktop);

/* Returns the label for a source ("environment: https_proxy"), owned. */
char *proxy_source_label(int origin, const struct proxy_conf *c);

/* Returns "http://" + s when s has no scheme, else a copy; owned. */
char *proxy_normalize_url(const char *s);

/* The search domains of resolv.conf text ("search" / "domain"); owned. */
size_t proxy_search_domains(const char *resolv_conf, char ***domains);

#endif
