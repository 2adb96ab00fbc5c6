/* Unit tests of src/core: sanitizer, redactor, strbuf, time, loop. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fileutil.h"
#include "core/loop.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/textwrap.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

struct san_case {
	const char *in;
	size_t len;		/* 0: strlen(in) */
	unsigned flags;
	const char *out;
};

static const struct san_case san_cases[] = {
	{ "plain text", 0, 0, "plain text" },
	{ "", 0, 0, "" },
	{ "\x1b[31mred\x1b[0m", 0, 0, "\\x1b[31mred\\x1b[0m" },
	{ "title\x1b]0;pwned\x07", 0, 0, "title\\x1b]0;pwned\\x07" },
	{ "a\nb\tc\r", 0, 0, "a\\x0ab\\x09c\\x0d" },
	{ "a\nb\tc", 0, SAN_KEEP_NEWLINES, "a\nb c" },
	{ "del\x7f", 0, 0, "del\\x7f" },
	{ "caf\xc3\xa9", 0, 0, "caf\xc3\xa9" },
	{ "caf\xc3\xa9", 0, SAN_ASCII, "caf\\u00e9" },
	{ "c1\xc2\x9b" "31m", 0, 0, "c1\\u009b31m" },
	{ "bidi\xe2\x80\xae" "txt", 0, 0, "bidi\\u202etxt" },
	{ "bad\xff\xfe", 0, 0, "bad\\xff\\xfe" },
	{ "overlong\xc0\xaf", 0, 0, "overlong\\xc0\\xaf" },
	{ "trunc\xe2\x82", 0, 0, "trunc\\xe2\\x82" },
	{ "surrogate\xed\xa0\x80", 0, 0, "surrogate\\xed\\xa0\\x80" },
	{ "nul\0after", 9, 0, "nul\\x00after" },
	{ "\xf0\x9f\x98\x80", 0, 0, "\xf0\x9f\x98\x80" },
};

static void
test_sanitize_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(san_cases) / sizeof(san_cases[0]); i++) {
		const struct san_case *c = &san_cases[i];
		size_t len = c->len ? c->len : strlen(c->in);
		char *got = sanitize_mem(c->in, len, c->flags);

		if (strcmp(got, c->out) != 0)
			fail_msg("case %zu: got '%s' want '%s'", i, got,
			    c->out);
		free(got);
	}
	assert_null(sanitize_str(NULL, 0));
	assert_true(sanitize_is_clean("fine", 0));
	assert_false(sanitize_is_clean("\x1b[2J", 0));
}

struct red_case {
	const char *in;
	const char *out;
};

static const struct red_case url_cases[] = {
	{ "http://user:s3cret@proxy:3128", "http://[redacted]@proxy:3128" },
	{ "https://example.com/a@b", "https://example.com/a@b" },
	{ "http://token@host/", "http://[redacted]@host/" },
	{ "socks5h://u:p%40ss@10.0.0.1:1080/x", "socks5h://[redacted]@10.0.0.1:1080/x" },
	{ "no url here", "no url here" },
	{ "http://a:b@h1 and ftp://c:d@h2/",
	  "http://[redacted]@h1 and ftp://[redacted]@h2/" },
	/* Quotes and angle brackets belong to the password. */
	{ "http://bob:se\"cret99@host/", "http://[redacted]@host/" },
	{ "http://bob:se'cret99@host/", "http://[redacted]@host/" },
	{ "http://bob:se<cr>et99@host/", "http://[redacted]@host/" },
	/* What is typed: no scheme, a bad port, a space. */
	{ "alice:s3cret@example.com/x", "[redacted]@example.com/x" },
	{ "http://bob:pw9@host:99999/", "http://[redacted]@host:99999/" },
	{ "http://bob:p w9@host/a b", "http://[redacted]@host/a b" },
	{ "example.com/a@b", "example.com/a@b" },
	{ "https://[2001:db8::1]:8080/", "https://[2001:db8::1]:8080/" },
};

static const struct red_case header_cases[] = {
	{ "Authorization: Basic dXNlcjpwYXNz", "Authorization: [redacted]" },
	{ "proxy-authorization: Basic abc", "proxy-authorization: [redacted]" },
	{ "Cookie: sid=123; x=y", "Cookie: [redacted]" },
	{ "Set-Cookie: sid=1", "Set-Cookie: [redacted]" },
	{ "Content-Type: text/html", "Content-Type: text/html" },
};

static void
test_redact_urls_and_headers(void **state)
{
	(void)state;
	redact_reset();
	for (size_t i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		char *got = redact_url(url_cases[i].in);

		if (strcmp(got, url_cases[i].out) != 0)
			fail_msg("url %zu: got '%s'", i, got);
		free(got);
	}
	for (size_t i = 0; i < sizeof(header_cases) / sizeof(header_cases[0]);
	    i++) {
		char *got = redact_header(header_cases[i].in);

		if (strcmp(got, header_cases[i].out) != 0)
			fail_msg("header %zu: got '%s'", i, got);
		free(got);
	}
}

static void
test_redact_text_and_secrets(void **state)
{
	char *got;

	(void)state;
	redact_reset();
	redact_learn_url("http://alice:hunter2pw@proxy.example:3128/");
	got = redact_text("> GET / HTTP/1.1\n> Cookie: a=b\nvia "
	    "http://alice:hunter2pw@p/ and alice:hunter2pw@p2:3128");
	assert_null(strstr(got, "hunter2pw"));
	assert_null(strstr(got, "a=b"));
	assert_null(strstr(got, "alice"));
	assert_non_null(strstr(got, "> Cookie: [redacted]"));
	assert_false(redact_has_secret(got));
	assert_true(redact_has_secret("xx hunter2pw xx"));
	free(got);
	/* An empty userinfo is nothing to look for (and no endless loop). */
	redact_reset();
	redact_learn_url("http://@host/");
	got = redact_text("abc http://@h/");
	assert_string_equal(got, "abc http://[redacted]@h/");
	free(got);
	/* Too short to look for: not registered. */
	redact_add_secret("ab");
	assert_false(redact_has_secret("ab"));
	redact_reset();
	assert_false(redact_has_secret("hunter2pw"));
}

/* A secret header the person gives (-H) is learned; others are not. */
static void
test_redact_learn_header(void **state)
{
	char *got;

	(void)state;
	assert_true(redact_header_name_secret("Authorization", 13));
	assert_true(redact_header_name_secret("x-api-key", 9));
	assert_true(redact_header_name_secret("X-Goog-Api-Key", 14));
	assert_true(redact_header_name_secret("X-Session-Id", 12));
	assert_false(redact_header_name_secret("Content-Type", 12));
	assert_false(redact_header_name_secret("Accept", 6));
	redact_learn_header("Authorization: Bearer s3cretTOKEN ");
	redact_learn_header("X-Trace: tracevalue1");
	redact_learn_header("X-Api-Key:k3yk3yk3y");
	assert_true(redact_has_secret("got s3cretTOKEN back"));
	assert_true(redact_has_secret("k3yk3yk3y"));
	assert_false(redact_has_secret("tracevalue1"));
	got = redact_text("echo: s3cretTOKEN, tracevalue1");
	assert_null(strstr(got, "s3cretTOKEN"));
	assert_non_null(strstr(got, "tracevalue1"));
	free(got);
	redact_reset();
}

/* Text that must come out of redact_text() exactly as it went in. */
static const char *const unrelated[] = {
	"{\n\t\"status\": \"pass\",\n\t\"user\": \"x\"\n}",
	"{\"finished\": true, \"ok\": true}",
	"port 18080 and 8080 answered",
	"user: pass, true: false",
	"the cookie jar; Authorization header absent",
};

/*
 * Learned credentials are masked as tokens, never as substrings of
 * unrelated text: "user:pass", "true:..." and "user:8080" leave JSON and
 * numbers alone.
 */
static void
test_redact_tokens_only(void **state)
{
	static const char *const learned[] = {
		"http://user:pass@proxy.example/",
		"http://true:false@proxy.example/",
		"http://user:8080@proxy.example/",
	};

	(void)state;
	for (size_t k = 0; k < sizeof(learned) / sizeof(*learned); k++) {
		redact_reset();
		redact_learn_url(learned[k]);
		for (size_t i = 0; i < sizeof(unrelated) / sizeof(*unrelated);
		    i++) {
			char *got = redact_text(unrelated[i]);

			if (strcmp(got, unrelated[i]) != 0)
				fail_msg("learned %zu, text %zu: got '%s'", k,
				    i, got);
			free(got);
		}
	}
	redact_reset();
}

/*
 * A learned userinfo that begins inside a character of the text (it
 * starts with a UTF-8 continuation byte) is not masked from there: the
 * text stays valid UTF-8 (a fuzzer found the lead byte left alone).
 * Where it starts a token, it is masked as ever.
 */
static void
test_redact_whole_characters(void **state)
{
	/* U+1690 is e1 9a 90; the userinfo is its tail and "ob:cret1" */
	static const char text[] = "x \xe1\x9a\x90ob:cret1@h.example y";
	char *got;

	(void)state;
	redact_reset();
	redact_learn_url("\x9a\x90ob:cret1@proxy.example:3128");
	assert_true(sanitize_is_clean(text, 0));
	got = redact_text(text);
	assert_true(sanitize_is_clean(got, 0));
	assert_string_equal(got, text);
	free(got);
	got = redact_text("x \x9a\x90ob:cret1@h.example y");
	assert_string_equal(got, "x [redacted]@h.example y");
	free(got);
	redact_reset();
}

struct text_case {
	const char *in;
	const char *out;
};

/* Credentials inside reports: JSON strings, HTML, Markdown, headers. */
static const struct text_case text_cases[] = {
	{ "\"url\": \"http://bob:se\\\"cret99@host/\",\n",
	  "\"url\": \"http://[redacted]@host/\",\n" },
	{ "[\"http://a.example\",\"b@c.example\"]",
	  "[\"http://a.example\",\"b@c.example\"]" },
	{ "<a href=\"http://bob:se&#39;cret@h/\">x</a>",
	  "<a href=\"http://[redacted]@h/\">x</a>" },
	{ "Target: http://bob:se\"cret99@host/\n",
	  "Target: http://[redacted]@host/\n" },
	{ "`http://u:p'w@h:3128`", "`http://[redacted]@h:3128`" },
	{ "\"header\": \"Cookie: a=\\\"b\\\"; c=d\", \"n\": 1",
	  "\"header\": \"Cookie: [redacted]\", \"n\": 1" },
	{ "<td>Authorization: Basic abc</td>",
	  "<td>Authorization: [redacted]</td>" },
	{ "  Proxy-Authorization: Basic abc\nnext",
	  "  Proxy-Authorization: [redacted]\nnext" },
};

static void
test_redact_in_reports(void **state)
{
	(void)state;
	redact_reset();
	for (size_t i = 0; i < sizeof(text_cases) / sizeof(*text_cases); i++) {
		char *got = redact_text(text_cases[i].in), *again;

		if (strcmp(got, text_cases[i].out) != 0)
			fail_msg("text %zu: got '%s'", i, got);
		again = redact_text(got);
		if (strcmp(again, got) != 0)
			fail_msg("text %zu: not idempotent: '%s'", i, again);
		free(again);
		free(got);
	}
}

static void
test_strbuf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	assert_string_equal(sb_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		sb_addf(&sb, "%d,", i % 10);
	assert_int_equal(sb.len, 2000);
	sb_addn(&sb, "xyz", 2);
	sb_addc(&sb, '!');
	assert_string_equal(sb.s + 2000, "xy!");
	s = sb_detach(&sb);
	assert_null(sb.s);
	assert_int_equal(strlen(s), 2003);
	free(s);
	s = sb_detach(&sb);
	assert_string_equal(s, "");
	free(s);
}

struct time_case {
	const char *in;
	int ok;
	long sec;
	long nsec;
};

static const struct time_case time_cases[] = {
	{ "2026-11-27T10:00:00.123Z", 1, 1795773600L, 123000000L },
	{ "1970-01-01T00:00:00Z", 1, 0, 0 },
	{ "2026-11-27T10:00:00.5Z", 1, 1795773600L, 500000000L },
	{ "2026-11-27 10:00:00Z", 0, 0, 0 },
	{ "2026-13-27T10:00:00Z", 0, 0, 0 },
	{ "2026-11-27T10:00:00+01:00", 0, 0, 0 },
	{ "garbage", 0, 0, 0 },
	{ "", 0, 0, 0 },
};

static void
test_time(void **state)
{
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(time_cases) / sizeof(time_cases[0]);
	    i++) {
		struct timespec t;
		int rc = time_parse_rfc3339(time_cases[i].in, &t);

		assert_int_equal(rc == 0, time_cases[i].ok);
		if (rc == 0) {
			assert_int_equal(t.tv_sec, time_cases[i].sec);
			assert_int_equal(t.tv_nsec, time_cases[i].nsec);
			time_rfc3339(buf, sizeof(buf), &t);
			if (i == 0)
				assert_string_equal(buf, time_cases[i].in);
		}
	}
	assert_int_equal(time_parse_rfc3339(NULL, NULL), -1);
}

/* HTTP Date headers: the IMF-fixdate form, nothing looser. */
static void
test_http_date(void **state)
{
	static const struct {
		const char *in;
		long sec;		/* -1: rejected */
	} cases[] = {
		{ "Sun, 06 Nov 1994 08:49:37 GMT", 784111777L },
		{ "Tue, 01 Dec 2026 23:50:24 GMT", 1796169024L },
		{ "06 Nov 1994 08:49:37 GMT", 784111777L },
		{ "Sun, 06 Nov 1994 08:49:37 UTC", -1 },
		{ "Sun, 06 Foo 1994 08:49:37 GMT", -1 },
		{ "Sun, 06 ovD 1994 08:49:37 GMT", -1 },
		{ "Sun, 32 Nov 1994 08:49:37 GMT", -1 },
		{ "Sun, 06 Nov 1994 25:49:37 GMT", -1 },
		{ "Sunday, 06-Nov-94 08:49:37 GMT", -1 },
		{ "", -1 },
	};
	time_t t;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = time_parse_http_date(cases[i].in, &t);

		if ((rc == 0) != (cases[i].sec >= 0) ||
		    (rc == 0 && (long)t != cases[i].sec))
			fail_msg("case %zu (%s): rc %d, %ld", i, cases[i].in,
			    rc, rc == 0 ? (long)t : 0L);
	}
	assert_int_equal(time_parse_http_date(NULL, &t), -1);
}

struct loop_rec {
	int order[8];
	int n;
	uint64_t cancel_me;
	struct loop *lp;
};

static void
rec_timer(struct loop *lp, void *arg)
{
	struct loop_rec *r = arg;

	(void)lp;
	r->order[r->n++] = 1;
}

static void
rec_timer2(struct loop *lp, void *arg)
{
	struct loop_rec *r = arg;

	r->order[r->n++] = 2;
	loop_timer_cancel(lp, r->cancel_me);
}

static void
rec_timer3(struct loop *lp, void *arg)
{
	struct loop_rec *r = arg;

	(void)lp;
	r->order[r->n++] = 3;	/* must never run: cancelled */
}

static void
rec_fd(struct loop *lp, int fd, short revents, void *arg)
{
	struct loop_rec *r = arg;
	char c;

	assert_true(revents & POLLIN);
	assert_int_equal(read(fd, &c, 1), 1);
	r->order[r->n++] = 4;
	loop_unwatch(lp, fd);
}

static void
test_loop_timers_and_fds(void **state)
{
	struct loop_rec r = { { 0 }, 0, 0, NULL };
	struct loop *lp = loop_new();
	int p[2];
	double t0 = loop_now_ms();

	(void)state;
	assert_int_equal(pipe(p), 0);
	loop_timer_add(lp, 30, rec_timer, &r);
	loop_timer_add(lp, 10, rec_timer2, &r);
	r.cancel_me = loop_timer_add(lp, 20, rec_timer3, &r);
	loop_watch(lp, p[0], POLLIN, rec_fd, &r);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(loop_pending(lp), 4);
	loop_run(lp);
	/* fd first (ready at once), then 10 ms, then 30 ms; 20 cancelled. */
	assert_int_equal(r.n, 3);
	assert_int_equal(r.order[0], 4);
	assert_int_equal(r.order[1], 2);
	assert_int_equal(r.order[2], 1);
	assert_true(loop_now_ms() - t0 >= 29.0);
	assert_int_equal(loop_pending(lp), 0);
	loop_timer_cancel(lp, 0);
	loop_timer_cancel(lp, 12345);
	close(p[0]);
	close(p[1]);
	loop_free(lp);
	loop_free(NULL);
}

static void
stop_cb(struct loop *lp, void *arg)
{
	(void)arg;
	loop_stop(lp);
}

static void
test_loop_stop(void **state)
{
	struct loop *lp = loop_new();
	uint64_t far;

	(void)state;
	loop_timer_add(lp, 0, stop_cb, NULL);
	far = loop_timer_add(lp, 60000, stop_cb, NULL);
	loop_run(lp);		/* returns after the 0 ms timer, not 60 s */
	assert_int_equal(loop_pending(lp), 1);
	loop_timer_cancel(lp, far);
	assert_int_equal(loop_pending(lp), 0);
	loop_free(lp);
}

struct file_case {
	size_t size;		/* bytes in the file */
	size_t max;
	unsigned flags;
	int err;		/* expected errno, 0 for success */
	size_t len;		/* expected length on success */
};

static const struct file_case file_cases[] = {
	{ 0, 10, 0, 0, 0 },
	{ 10, 10, 0, 0, 10 },
	{ 11, 10, 0, EFBIG, 0 },
	{ 11, 10, FILE_TRUNCATE, 0, 10 },
	{ 10000, 9000, FILE_TRUNCATE, 0, 9000 },
	{ 10000, 20000, 0, 0, 10000 },
	{ 100000, 4096, 0, EFBIG, 0 },
};

static void
test_file_read(void **state)
{
	char path[] = "/tmp/connreset-test-XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < sizeof(file_cases) / sizeof(file_cases[0]);
	    i++) {
		const struct file_case *c = &file_cases[i];
		FILE *f = fopen(path, "wb");
		size_t len = 12345;
		char *got;

		for (size_t k = 0; k < c->size; k++)
			fputc('a' + (int)(k % 26), f);
		fclose(f);
		errno = 0;
		got = file_read(path, c->max, c->flags, &len);
		if (c->err) {
			assert_null(got);
			assert_int_equal(errno, c->err);
			continue;
		}
		if (!got)
			fail_msg("case %zu: %s", i, strerror(errno));
		assert_int_equal(len, c->len);
		assert_int_equal(strlen(got), c->len);
		free(got);
	}
	unlink(path);
	errno = 0;
	assert_null(file_read(path, 10, 0, NULL));
	assert_int_equal(errno, ENOENT);
}

/* Wrapping: spaces kept on a line, dropped at a break, long words cut. */
static void
test_text_wrap(void **state)
{
	static const struct {
		const char *in;
		size_t width, first, ind;
		int sep;
		const char *want;
	} cases[] = {
		{ "a b c", 80, 0, 2, 0, "a b c\n" },
		{ "  pass    title  x", 80, 0, 4, 0, "  pass    title  x\n" },
		{ "aaa bbb ccc", 7, 0, 2, 0, "aaa bbb\n  ccc\n" },
		{ "aaa bbb", 5, 0, 1, 0, "aaa\n bbb\n" },
		{ "abcdefghij", 4, 0, 0, 0, "abcd\nefgh\nij\n" },
		{ "x", 10, 3, 0, 1, " x\n" },
		{ "\xc3\xa9\xc3\xa9 \xc3\xa9", 3, 0, 0, 0,
		  "\xc3\xa9\xc3\xa9\n\xc3\xa9\n" },
		{ "", 10, 0, 0, 0, "\n" },
		/* 日本語 in 3 columns: a wide character is never cut in two */
		{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 3, 0, 0, 0,
		  "\xe6\x97\xa5\n\xe6\x9c\xac\n\xe8\xaa\x9e\n" },
		{ "a \xc3\xb1\xc3\xb1\xc3\xb1", 5, 0, 2, 0,
		  "a \xc3\xb1\xc3\xb1\xc3\xb1\n" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct strbuf sb = STRBUF_INIT;

		text_wrap(&sb, cases[i].in, cases[i].width, cases[i].first,
		    cases[i].ind, cases[i].sep);
		if (strcmp(sb_str(&sb), cases[i].want) != 0)
			fail_msg("case %zu: '%s'", i, sb_str(&sb));
		sb_free(&sb);
	}
	assert_int_equal(text_columns("\xc3\xa9" "a", 3), 2);
}

/*
 * Display width, not bytes: an accented letter (2 bytes) is one column,
 * a CJK character two, a combining mark none; a cut never splits one.
 */
static void
test_text_width(void **state)
{
	static const struct {
		const char *s;
		size_t cols;
	} widths[] = {
		{ "", 0 },
		{ "Result", 6 },
		{ "Direcci\xc3\xb3n", 9 },			/* Dirección */
		{ "Dise\xc3\xb1o", 6 },				/* Diseño */
		{ "Pr\xc3\xbc" "fung", 7 },			/* Prüfung */
		{ "Gr\xc3\xb6\xc3\x9f" "e", 5 },		/* Größe */
		{ "\xc3\xa9\xc3\xb1\xc3\xbc\xc3\x9f", 4 },	/* éñüß */
		{ "e\xcc\x81", 1 },		/* e + combining acute */
		{ "\xe6\x97\xa5\xe6\x9c\xac", 4 },		/* 日本 */
		{ "a\xef\xbc\xa1" "b", 4 },	/* fullwidth A */
		{ "\xf0\x9f\x98\x80", 2 },			/* emoji */
		{ "\xe2\x80\xa6", 1 },				/* ellipsis */
		{ "\xe2\x9c\x94", 1 },		/* the wizard's check mark */
		{ "\xff" "a", 2 },		/* not UTF-8: a byte a column */
		{ "a\xc3", 2 },			/* cut short */
	};
	static const struct {
		const char *s;
		size_t cols, want;	/* bytes that fit in cols */
	} fits[] = {
		{ "abc", 2, 2 },
		{ "\xc3\xa9" "a", 1, 2 },
		{ "e\xcc\x81x", 1, 3 },		/* the mark stays with e */
		{ "\xe6\x97\xa5\xe6\x9c\xac", 3, 3 },	/* not half of 本 */
		{ "\xe6\x97\xa5\xe6\x9c\xac", 1, 0 },
		{ "x", 0, 0 },
	};
	static const struct {
		const char *s;
		size_t w;
		int pad;
	} pads[] = {
		{ "S\xc3\xadntoma:", 12, 4 },			/* Síntoma: */
		{ "Zust\xc3\xa4ndig:", 12, 2 },		/* Zuständig: */
		{ "\xe6\x97\xa5\xe6\x9c\xac", 5, 1 },
		{ "Gr\xc3\xb6\xc3\x9f" "e", 3, 0 },
		{ NULL, 2, 2 },
	};
	static const struct {
		const char *s;
		size_t cols, head;
		const char *mark, *want;
	} elides[] = {
		{ "abcdefghij", 7, 3, "\xe2\x80\xa6", "abc\xe2\x80\xa6hij" },
		{ "abcdefghij", 7, 7, "...", "abcd..." },
		{ "abcdefghij", 10, 3, "...", "abcdefghij" },
		{ "abcdefghij", 2, 1, "...", "ab" },
		{ "\xc3\xb1" "a\xc3\xb1" "a\xc3\xb1" "a\xc3\xb1" "a", 5, 2,
		  "\xe2\x80\xa6", "\xc3\xb1" "a\xe2\x80\xa6\xc3\xb1" "a" },
		/* 日本語日本語 in 7: 日…語, no half character */
		{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac"
		  "\xe8\xaa\x9e", 7, 3, "\xe2\x80\xa6",
		  "\xe6\x97\xa5\xe2\x80\xa6\xe8\xaa\x9e" },
		/* the end never starts on a combining mark */
		{ "abcde\xcc\x81", 4, 2, "~", "ab~e\xcc\x81" },
		{ "abcde\xcc\x81", 3, 2, "~", "ab~" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(widths) / sizeof(*widths); i++)
		if (text_width(widths[i].s) != widths[i].cols)
			fail_msg("width %zu: %zu", i, text_width(widths[i].s));
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_columns("ab\0cd", 5), 2);
	for (size_t i = 0; i < sizeof(fits) / sizeof(*fits); i++) {
		size_t got = text_fit(fits[i].s, strlen(fits[i].s),
		    fits[i].cols);

		if (got != fits[i].want)
			fail_msg("fit %zu: %zu bytes", i, got);
	}
	for (size_t i = 0; i < sizeof(pads) / sizeof(*pads); i++)
		if (text_pad(pads[i].s, pads[i].w) != pads[i].pad)
			fail_msg("pad %zu: %d", i, text_pad(pads[i].s,
			    pads[i].w));
	for (size_t i = 0; i < sizeof(elides) / sizeof(*elides); i++) {
		char *got = text_elide(elides[i].s, elides[i].cols,
		    elides[i].head, elides[i].mark);

		if (strcmp(got, elides[i].want) != 0 ||
		    text_width(got) > elides[i].cols ||
		    !sanitize_is_clean(got, 0))
			fail_msg("elide %zu: '%s'", i, got);
		free(got);
	}
}

/* A cut name still tells its hop from the others it was cut beside. */
static void
test_text_elide_apart(void **state)
{
	static const char *const routers[] = {
		"core-router-frankfurt-01.example.net",
		"core-router-frankfurt-02.example.net",
		"core-router-frankfurt-02.example.net",	/* the same: ignored */
		NULL,
	};
	static const char *const v6[] = {
		"2001:db8:ffff:12::1", "2001:db8:ffff:13::1",
	};
	static const char *const cities[] = {
		"ae-1.m\xc3\xbcnchen.example.net",		/* münchen */
		"ae-1.m\xc3\xa1laga.example.net",		/* málaga */
	};
	static const struct {
		const char *const *set;
		size_t n, cols;
		const char *want[2];
	} cases[] = {
		{ routers, 4, 16, { "co\xe2\x80\xa6" "1.example.net",
		  "co\xe2\x80\xa6" "2.example.net" } },
		/* neither end tells them apart: a window where they differ */
		{ routers, 4, 11, { "\xe2\x80\xa6" "t-01.exam\xe2\x80\xa6",
		  "\xe2\x80\xa6" "t-02.exam\xe2\x80\xa6" } },
		{ routers, 4, 40, { "core-router-frankfurt-01.example.net",
		  "core-router-frankfurt-02.example.net" } },
		{ v6, 2, 15, { "2001:db8:f\xe2\x80\xa6" "2::1",
		  "2001:db8:f\xe2\x80\xa6" "3::1" } },
		{ cities, 2, 10, { "ae-1.m\xc3\xbc\xe2\x80\xa6" "et",
		  "ae-1.m\xc3\xa1\xe2\x80\xa6" "et" } },
	};
	char *plain[2];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		for (size_t k = 0; k < 2; k++) {
			char *got = text_elide_apart(cases[i].set[k],
			    cases[i].set, cases[i].n, cases[i].cols,
			    "\xe2\x80\xa6");

			if (strcmp(got, cases[i].want[k]) != 0 ||
			    text_width(got) > cases[i].cols ||
			    !sanitize_is_clean(got, 0))
				fail_msg("case %zu.%zu: '%s'", i, k, got);
			free(got);
		}
	/* What the test guards against: a plain middle cut makes them one. */
	for (size_t k = 0; k < 2; k++)
		plain[k] = text_elide(routers[k], 16, 8, "\xe2\x80\xa6");
	assert_string_equal(plain[0], plain[1]);
	free(plain[0]);
	free(plain[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize_table),
		cmocka_unit_test(test_redact_urls_and_headers),
		cmocka_unit_test(test_redact_text_and_secrets),
		cmocka_unit_test(test_redact_tokens_only),
		cmocka_unit_test(test_redact_learn_header),
		cmocka_unit_test(test_redact_whole_characters),
		cmocka_unit_test(test_redact_in_reports),
		cmocka_unit_test(test_strbuf),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_http_date),
		cmocka_unit_test(test_loop_timers_and_fds),
		cmocka_unit_test(test_loop_stop),
		cmocka_unit_test(test_file_read),
		cmocka_unit_test(test_text_wrap),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_text_elide_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
