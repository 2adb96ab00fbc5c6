#include "config.h"

#include "cli/options.h"

#include "core/i18n.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/xalloc.h"
#include "report/report.h"
#include "sweep/sweep.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT_MS 5000

enum {
	OPT_FOR = 256, OPT_REDACT, OPT_FORCE, OPT_CACERT, OPT_RESUME,
	OPT_LIST_STEPS, OPT_FLUSH_DNS, OPT_ATTEMPTS, OPT_REQUEST_TIMEOUT,
	OPT_WATCH, OPT_NO_ASN, OPT_LIST_CASES, OPT_EXPIRE_CASES,
	OPT_REPORT_LANG
};



static const struct option longopts[] = {
	{ "batch", no_argument, NULL, 'b' },
	{ "report", required_argument, NULL, 'r' },
	{ "format", required_argument, NULL, 'f' },
	{ "for", required_argument, NULL, OPT_FOR },
	{ "report-lang", required_argument, NULL, OPT_REPORT_LANG },
	{ "redact", no_argument, NULL, OPT_REDACT },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "cacert", required_argument, NULL, OPT_CACERT },
	{ "timeout", required_argument, NULL, 't' },
	{ "resume", optional_argument, NULL, OPT_RESUME },
	{ "list-cases", no_argument, NULL, OPT_LIST_CASES },
	{ "expire-cases", required_argument, NULL, OPT_EXPIRE_CASES },
	{ "list-steps", no_argument, NULL, OPT_LIST_STEPS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "flush-dns", no_argument, NULL, OPT_FLUSH_DNS },
	{ "no-asn", no_argument, NULL, OPT_NO_ASN },
	{ "attempts", required_argument, NULL, OPT_ATTEMPTS },
	{ "watch", optional_argument, NULL, OPT_WATCH },
	{ "request-timeout", required_argument, NULL, OPT_REQUEST_TIMEOUT },
	{ "request", required_argument, NULL, 'X' },
	{ "header", required_argument, NULL, 'H' },
	{ "data", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

void
cli_usage(const char *prog)
{
	printf(_("Usage: %s [OPTION]... [URL]\n"
	    "       %s --batch [OPTION]... URL\n"
	    "       %s compare A.json B.json [--format json]\n"), prog, prog,
	    prog);
	fputs(_("Find out why a site says \"connection reset\" and who can "
	    "fix it.\n"
	    "Without --batch, a guided wizard runs in the terminal while the "
	    "checks run.\n\n"), stdout);
	fputs(_("  -b, --batch            run every automated check without "
	    "the wizard,\n"
	    "                         print a short summary and exit\n"
	    "  -r, --report=FILE      write the report to FILE ('-' is "
	    "standard output);\n"
	    "                         repeat it for several formats from "
	    "one sweep\n"
	    "  -f, --format=FORMAT    text, markdown, json or html (default: "
	    "from FILE's\n"
	    "                         extension, else text)\n"
	    "      --for=WHO          write the report for: isp, it, "
	    "site-owner\n"
	    "      --report-lang=LANG write the summary and the reports in "
	    "LANG (en, de,\n"
	    "                         ...), not in the locale's language\n"
	    "      --redact           also mask user and host names and "
	    "private addresses\n"
	    "      --force            replace an existing report file\n"
	    "      --cacert=FILE      trust the certificates in FILE (also "
	    "$SSL_CERT_FILE)\n"
	    "  -t, --timeout=SECONDS  give each check at most SECONDS "
	    "(default 5)\n"
	    "      --request-timeout=SECONDS\n"
	    "                         let the request itself wait up to "
	    "SECONDS for its\n"
	    "                         answer, as a browser would (default "
	    "20)\n"
	    "      --attempts=N       make the request and each comparison "
	    "N times\n"
	    "                         (1 to 10, default 5): one sample can "
	    "mislead\n"
	    "      --watch[=DURATION] after the checks, keep making the request "
	    "once a\n"
	    "                         second for DURATION (30s, 10m, 1h; "
	    "default 10m,\n"
	    "                         at most 2h) with its failure rate and "
	    "timeline;\n"
	    "                         Ctrl-C ends it early and still writes "
	    "the report\n"
	    "      --flush-dns        flush this machine's DNS cache during "
	    "the sweep and\n"
	    "                         show the answer before and after "
	    "(batch mode)\n"
	    "      --no-asn           do not ask Team Cymru's DNS service "
	    "which network\n"
	    "                         (AS) each public hop of the path "
	    "belongs to\n"
	    "      --resume[=ID]      reopen the wizard case saved last, or "
	    "case ID, and\n"
	    "                         re-run its checks the way it was "
	    "started\n"
	    "      --list-cases       list the saved wizard cases, newest "
	    "first\n"
	    "      --expire-cases=DAYS  delete the cases not touched for "
	    "DAYS days\n"
	    "                         (0: all); nothing else ever deletes "
	    "one\n"
	    "      --list-steps       list the checklist: section, id, "
	    "auto/manual, title\n"
	    "  -q, --quiet            no progress line in batch mode\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"),
	    stdout);
	fputs(_("The request itself, as with curl (the same for every "
	    "comparison):\n"
	    "  -X, --request=METHOD   send METHOD instead of GET (POST "
	    "with -d)\n"
	    "  -H, --header='NAME: VALUE'\n"
	    "                         add this header (repeatable); secret "
	    "ones, like\n"
	    "                         Authorization, never appear in any "
	    "output\n"
	    "  -d, --data=DATA        send DATA as the body (POST); @FILE "
	    "reads it from\n"
	    "                         FILE without its line breaks, as curl "
	    "does (1 MiB\n"
	    "                         at most); the body is never shown, "
	    "only its size\n"
	    "\n"), stdout);
	fputs(_("A URL without a scheme means https://, as in a browser.\n\n"
	    "Exit status:\n"
	    "  0  the target works, nothing wrong was found\n"
	    "  1  a problem was diagnosed\n"
	    "  2  usage error\n"
	    "  3  could not run\n"), stdout);
}

/* Parses SECONDS (decimal allowed, lo to hi) into milliseconds. */
static int
parse_seconds(const char *s, double lo, double hi, long *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi)
		return -1;
	*ms = (long)(v * 1000.0 + 0.5);
	return 0;
}

/*
 * Parses a duration: a number of seconds, or with a unit (30s, 10m, 1h),
 * from 1 s to SWEEP_MAX_WATCH_MS.
 */
static int
parse_duration(const char *s, long *ms)
{
	char *end;
	double v, unit = 1000;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v))
		return -1;
	if (*end == 's')
		end++;
	else if (*end == 'm') {
		unit = 60000;
		end++;
	} else if (*end == 'h') {
		unit = 3600000;
		end++;
	}
	if (*end || v * unit < 1000 || v * unit > SWEEP_MAX_WATCH_MS)
		return -1;
	*ms = (long)(v * unit + 0.5);
	return 0;
}

/* A number with an optional unit, in range or not. */
static int
looks_like_duration(const char *s)
{
	char *end;

	errno = 0;
	if (strtod(s, &end) == 0 && end == s)
		return 0;
	return end != s && (!*end || (strchr("smh", *end) && !end[1]));
}

/* Parses a whole number from lo to hi. */
static int
parse_count(const char *s, long lo, long hi, int *n)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*n = (int)v;
	return 0;
}

/* An RFC 9110 token character (tchar). */
static int
is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* n bytes of s are all tchar (and there is at least one). */
static int
is_token(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_tchar((unsigned char)s[i]))
			return 0;
	return 1;
}

/* n bytes of s, sanitized for an error line (owned). */
static char *
clean_n(const char *s, size_t n)
{
	char *raw = xstrndup(s, n), *clean = sanitize_str(raw, 0);

	free(raw);
	return clean;
}

/* Sets *err to msg, frees shown; returns -1. */
static int
fail_shown(char **err, char *msg, char *shown)
{
	*err = msg;
	free(shown);
	return -1;
}

/* -H 'Name: value': its one error line, or 0. The value is never shown. */
static int
add_header(struct cli_options *o, char *h, char **err)
{
	size_t n = strcspn(h, ":");
	char *sh;

	if (o->own.nheaders >= CLI_MAX_HEADERS) {
		*err = xasprintf(_("at most %d headers (-H)"),
		    CLI_MAX_HEADERS);
		return -1;
	}
	if (!h[n]) {
		*err = xstrdup(_("a header needs a colon after its name: "
		    "-H 'Name: value'"));
		return -1;
	}
	sh = clean_n(h, n);
	if (!is_token(h, n))
		return fail_shown(err, xasprintf(_("invalid header name '%s' "
		    "(letters, digits and !#$%%&'*+-.^_`|~, no spaces)"), sh),
		    sh);
	for (const char *v = h + n + 1; *v; v++)
		if (((unsigned char)*v < 0x20 && *v != '\t') || *v == 0x7f)
			return fail_shown(err, xasprintf(_("the value of header "
			    "'%s' holds a line break or a control character"),
			    sh), sh);
	if (n == 4 && strncasecmp(h, "Host", 4) == 0)
		return fail_shown(err, xstrdup(_("-H 'Host: ...' is not "
		    "possible: connreset sets the Host itself for its "
		    "comparisons")), sh);
	if ((n == 14 && strncasecmp(h, "Content-Length", 14) == 0) ||
	    (n == 17 && strncasecmp(h, "Transfer-Encoding", 17) == 0))
		return fail_shown(err, xasprintf(_("-H '%s: ...' is not "
		    "needed: it follows the body (-d)"), sh), sh);
	free(sh);
	redact_learn_header(h);
	o->headers[o->own.nheaders++] = h;
	o->own.headers = o->headers;
	return 0;
}

/* Reads -d @FILE (at most room bytes, curl's way: without CR and LF). */
static int
read_body_file(const char *name, size_t room, struct strbuf *sb,
    char **err)
{
	char buf[8192];
	struct stat st;
	ssize_t got;
	size_t total = 0;
	char *sh;
	int fd, e = 0;

	if ((fd = open(name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		e = errno;
	else if (fstat(fd, &st) != 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	while (!e && (got = read(fd, buf, sizeof(buf))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			break;
		}
		for (ssize_t i = 0; i < got; i++)
			if (buf[i] != '\r' && buf[i] != '\n') {
				if (++total > room)
					break;
				sb_addc(sb, buf[i]);
			}
		if (total > room)
			break;
	}
	if (fd >= 0)
		close(fd);
	if (e) {
		sh = clean_n(name, strlen(name));
		return fail_shown(err, xasprintf(_("cannot read the body file "
		    "'%s': %s"), sh, strerror(e)), sh);
	}
	sh = clean_n(name, strlen(name));
	if (total > room)
		return fail_shown(err, xasprintf(_("the body from '%s' is "
		    "larger than 1 MiB, the limit for -d"), sh), sh);
	free(sh);
	return 0;
}

/* -d DATA or -d @FILE; several are joined with '&', as curl does. */
static int
add_data(struct cli_options *o, const char *d, char **err)
{
	struct strbuf sb = STRBUF_INIT;
	/* What is there already, with the '&' that joins it. */
	size_t had = o->own.body ? o->own.body_len + 1 : 0;

	if (o->own.body) {
		sb_addn(&sb, o->own.body, o->own.body_len);
		sb_addc(&sb, '&');
	}
	if (strcmp(d, "@-") == 0) {
		*err = xstrdup(_("-d @- (standard input) is not supported: "
		    "save the body in a file and give -d @FILE"));
		sb_free(&sb);
		return -1;
	}
	if (had > CLI_MAX_BODY ||
	    (*d != '@' && strlen(d) > CLI_MAX_BODY - had)) {
		*err = xstrdup(_("the body is larger than 1 MiB, the limit "
		    "for -d"));
		sb_free(&sb);
		return -1;
	}
	if (*d == '@') {
		if (read_body_file(d + 1, CLI_MAX_BODY - had, &sb, err) < 0) {
			sb_free(&sb);
			return -1;
		}
		free(o->own.body_from);
		o->own.body_from = xstrdup(d + 1);
	} else
		sb_add(&sb, d);
	o->own.body_len = sb.len;
	free(o->own.body);
	o->own.body = sb_detach(&sb);
	return 0;
}

/* -X METHOD: an RFC 9110 token of at most CLI_MAX_METHOD characters. */
static int
set_method(struct cli_options *o, char *m, char **err)
{
	size_t n = strlen(m);

	if (n > CLI_MAX_METHOD || !is_token(m, n)) {
		char *sh = clean_n(m, n);

		return fail_shown(err, xasprintf(_("invalid method '%s' (one "
		    "word like POST, at most 32 letters)"), sh), sh);
	}
	o->own.method = m;
	return 0;
}

static int
parse_option(int c, struct cli_options *o, char **err)
{
	switch (c) {
	case 'X':
		return set_method(o, optarg, err);
	case 'H':
		return add_header(o, optarg, err);
	case 'd':
		return add_data(o, optarg, err);
	case 'b':
		o->mode = MODE_BATCH;
		return 0;
	case 'r':
		if (o->nreports >= CLI_MAX_REPORTS) {
			*err = xasprintf(_("at most %d --report files at a "
			    "time"), CLI_MAX_REPORTS);
			return -1;
		}
		o->reports[o->nreports++] = optarg;
		return 0;
	case 'f':
		if ((o->format = report_format_from_name(optarg)) < 0) {
			*err = xasprintf(_("unknown report format '%s' (use "
			    "text, markdown, json or html)"), optarg);
			return -1;
		}
		return 0;
	case OPT_FOR:
		if ((o->audience = report_audience_from_name(optarg)) < 0) {
			*err = xasprintf(_("unknown recipient '%s' (use isp, "
			    "it or site-owner)"), optarg);
			return -1;
		}
		return 0;
	case OPT_REPORT_LANG:
		if (!i18n_language_known(optarg)) {
			*err = xasprintf(_("unknown report language '%s' (use "
			    "one of: %s)"), optarg, i18n_languages());
			return -1;
		}
		o->report_lang = optarg;
		return 0;
	case OPT_REDACT:
		o->redact = 1;
		return 0;
	case OPT_FORCE:
		o->force = 1;
		return 0;
	case OPT_CACERT:
		o->cacert = optarg;
		o->given |= TUI_GIVEN_CACERT;
		return 0;
	case 't':
		if (parse_seconds(optarg, 0.1, 300, &o->timeout_ms) < 0) {
			*err = xasprintf(_("invalid timeout '%s' (seconds, "
			    "0.1 to 300)"), optarg);
			return -1;
		}
		o->given |= TUI_GIVEN_TIMEOUT;
		return 0;
	case OPT_RESUME:
		o->resume = 1;
		if (optarg && !*optarg) {
			*err = xstrdup(_("--resume= needs a case name (see "
			    "connreset --list-cases)"));
			return -1;
		}
		o->resume_id = optarg;
		return 0;
	case OPT_LIST_CASES:
		o->mode = MODE_LIST_CASES;
		return 0;
	case OPT_EXPIRE_CASES:
		if (parse_count(optarg, 0, 36500, &o->expire_days) < 0) {
			*err = xasprintf(_("invalid number of days '%s' (0 to "
			    "36500)"), optarg);
			return -1;
		}
		o->mode = MODE_EXPIRE_CASES;
		return 0;
	case OPT_LIST_STEPS:
		o->mode = MODE_LIST_STEPS;
		return 0;
	case 'q':
		o->quiet = 1;
		return 0;
	case OPT_NO_ASN:
		o->no_asn = 1;
		o->given |= TUI_GIVEN_NO_ASN;
		return 0;
	case OPT_FLUSH_DNS:
		o->flush_dns = 1;
		return 0;
	case OPT_ATTEMPTS:
		if (parse_count(optarg, 1, SWEEP_MAX_ATTEMPTS,
		    &o->attempts) < 0) {
			*err = xasprintf(_("invalid number of attempts '%s' "
			    "(1 to %d)"), optarg, SWEEP_MAX_ATTEMPTS);
			return -1;
		}
		o->given |= TUI_GIVEN_ATTEMPTS;
		return 0;
	case OPT_WATCH:
		/* A duration may also come as the next word (see below). */
		o->watch_ms = SWEEP_WATCH_MS;
		if (optarg && parse_duration(optarg, &o->watch_ms) < 0) {
			*err = xasprintf(_("invalid watch duration '%s' (like "
			    "30s, 10m or 1h; at most 2h)"), optarg);
			return -1;
		}
		o->watch_word = !optarg;
		o->given |= TUI_GIVEN_WATCH;
		return 0;
	case OPT_REQUEST_TIMEOUT:
		if (parse_seconds(optarg, 1, 600, &o->request_limit_ms) < 0) {
			*err = xasprintf(_("invalid request timeout '%s' "
			    "(seconds, 1 to 600)"), optarg);
			return -1;
		}
		o->given |= TUI_GIVEN_REQUEST_TIMEOUT;
		return 0;
	case 'h':
		o->mode = MODE_HELP;
		return 0;
	case 'V':
		o->mode = MODE_VERSION;
		return 0;
	default:
		*err = xstrdup(_("invalid option (see --help)"));
		return -1;
	}
}

/* Checks the combination of options once all are read. */
static int
check_combination(int argc, char **argv, struct cli_options *o, char **err)
{
	int rest = argc - optind;

	if (o->mode == MODE_HELP || o->mode == MODE_VERSION ||
	    o->mode == MODE_LIST_STEPS)
		return 0;
	if (o->mode == MODE_LIST_CASES || o->mode == MODE_EXPIRE_CASES) {
		if (rest > 0 || o->resume) {
			*err = xstrdup(_("--list-cases and --expire-cases take "
			    "nothing else"));
			return -1;
		}
		return 0;
	}
	/* "--resume ID": the word after it names the case. */
	if (o->resume && o->mode != MODE_BATCH && !o->resume_id && rest == 1 &&
	    !strstr(argv[optind], "://") && !strchr(argv[optind], '/')) {
		o->resume_id = argv[optind++];
		rest--;
	}
	if (o->mode == MODE_COMPARE) {
		if (rest != 2) {
			*err = xstrdup(_("compare needs two report files: "
			    "compare A.json B.json"));
			return -1;
		}
		o->compare_a = argv[optind];
		o->compare_b = argv[optind + 1];
		return 0;
	}
	/* "--watch 10m URL": the first word is the duration. */
	if (o->watch_word && rest == 2 &&
	    parse_duration(argv[optind], &o->watch_ms) == 0) {
		optind++;
		rest--;
	} else if (o->watch_word && rest == 2 &&
	    parse_duration(argv[optind + 1], &o->watch_ms) == 0)
		rest--;		/* "URL --watch 10m" */
	else if (o->watch_word && rest == 2 && (looks_like_duration(
	    argv[optind]) || looks_like_duration(argv[optind + 1]))) {
		*err = xasprintf(_("invalid watch duration '%s' (like 30s, "
		    "10m or 1h; at most 2h)"), looks_like_duration(
		    argv[optind]) ? argv[optind] : argv[optind + 1]);
		return -1;
	}
	if (rest > 1) {
		*err = xasprintf(_("only one address at a time (got '%s' "
		    "and '%s')"), argv[optind], argv[optind + 1]);
		return -1;
	}
	o->url = rest == 1 ? argv[optind] : NULL;
	if (o->mode == MODE_BATCH && !o->url) {
		*err = xstrdup(_("--batch needs an address, e.g. "
		    "connreset --batch https://example.com/"));
		return -1;
	}
	if (o->nreports > 0 && o->mode != MODE_BATCH) {
		*err = xstrdup(_("--report goes with --batch; the wizard "
		    "exports with the e key"));
		return -1;
	}
	if (o->report_lang && o->nreports == 0) {
		*err = xstrdup(_("--report-lang goes with --batch and "
		    "--report FILE"));
		return -1;
	}
	if (o->nreports > 1 && o->format >= 0) {
		*err = xstrdup(_("with several --report files the format "
		    "follows each file's extension; drop --format"));
		return -1;
	}
	for (int i = 0; i < o->nreports; i++)
		for (int k = i + 1; k < o->nreports; k++)
			if (strcmp(o->reports[i], o->reports[k]) == 0) {
				*err = xasprintf(_("'%s' is given twice as a "
				    "report"), o->reports[i]);
				return -1;
			}
	if (o->mode == MODE_BATCH && o->resume) {
		*err = xstrdup(_("--resume belongs to the wizard, not to "
		    "--batch"));
		return -1;
	}
	if (o->flush_dns && o->mode != MODE_BATCH) {
		*err = xstrdup(_("--flush-dns goes with --batch; in the "
		    "wizard, the flush-DNS step offers it"));
		return -1;
	}
	if (o->resume && o->url) {
		*err = xstrdup(_("--resume takes no address: the case has "
		    "its own"));
		return -1;
	}
	return 0;
}

void
cli_options_free(struct cli_options *o)
{
	free(o->own.body);
	free(o->own.body_from);
	o->own.body = o->own.body_from = NULL;
}

int
cli_parse(int argc, char **argv, struct cli_options *o, char **err)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->mode = MODE_WIZARD;
	o->format = -1;
	o->audience = RA_GENERAL;
	o->timeout_ms = DEFAULT_TIMEOUT_MS;
	*err = NULL;
	optind = 1;
	opterr = 0;
	if (argc > 1 && strcmp(argv[1], "compare") == 0) {
		o->mode = MODE_COMPARE;
		optind = 2;
	}
	while ((c = getopt_long(argc, argv, ":br:f:t:qhVX:H:d:", longopts,
	    NULL)) != -1) {
		if (c == '?' || c == ':') {
			const char *bad = argv[optind - 1];

			*err = c == ':' ?
			    xasprintf(_("option '%s' needs a value (see "
			    "--help)"), bad) :
			    xasprintf(_("unknown option '%s' (see --help)"),
			    bad);
			return -1;
		}
		if (o->mode == MODE_COMPARE && c != 'f' && c != 'h') {
			*err = xstrdup(_("compare takes only --format"));
			return -1;
		}
		if (parse_option(c, o, err) < 0)
			return -1;
	}
	return check_combination(argc, argv, o, err);
}
