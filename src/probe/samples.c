#include "config.h"

#include "probe/samples.h"

#include <math.h>
#include <string.h>

#include "core/xalloc.h"

int
samples_completed(const struct res_http *h)
{
	return h && (h->result == HTTP_RESPONSE ||
	    h->result == HTTP_TLS_VERIFY);
}

int
samples_reset_like(enum http_result x)
{
	return x == HTTP_RESET_BEFORE_RESPONSE ||
	    x == HTTP_RESET_MID_TRANSFER || x == HTTP_TLS_RESET ||
	    x == HTTP_EMPTY_REPLY;
}

static void
add(struct sample_set *s, const struct res_http *h)
{
	if (!s->first)
		s->first = h;
	s->n++;
	if (samples_completed(h)) {
		s->ok++;
		s->rejected += h->result == HTTP_TLS_VERIFY;
		if (!s->first_ok)
			s->first_ok = h;
		return;
	}
	s->failed++;
	if (samples_reset_like(h->result)) {
		if (!s->reset || h->t_total < s->reset_ms_min)
			s->reset_ms_min = h->t_total;
		if (!s->reset || h->t_total > s->reset_ms_max)
			s->reset_ms_max = h->t_total;
		s->reset++;
	} else if (h->result == HTTP_TIMEOUT)
		s->timeout++;
	if (!s->first_fail) {
		s->first_fail = h;
		s->fail_ms_min = s->fail_ms_max = h->t_total;
	}
	if (h->t_total < s->fail_ms_min)
		s->fail_ms_min = h->t_total;
	if (h->t_total > s->fail_ms_max)
		s->fail_ms_max = h->t_total;
	/* A connection closed without a reply: counted with the resets,
	   but no reset was seen. */
	s->empty += h->result == HTTP_EMPTY_REPLY;
}

void
samples_of(const struct probe_results *r, enum http_variant v,
    const char *addr, struct sample_set *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < r->nhttp && i < RES_MAX_HTTP; i++) {
		const struct res_http *h = &r->http[i];

		if (h->variant != v || h->result == HTTP_NOT_RUN)
			continue;
		if (addr && (!h->addr || strcmp(h->addr, addr) != 0))
			continue;
		add(s, h);
	}
}

const struct res_http *
samples_telling(const struct probe_results *r, enum http_variant v)
{
	struct sample_set s;

	samples_of(r, v, NULL, &s);
	return s.first_fail ? s.first_fail : s.first;
}

void
samples_merge(struct sample_set *into, const struct sample_set *s)
{
	if (s->first_fail && (!into->first_fail ||
	    s->fail_ms_min < into->fail_ms_min))
		into->fail_ms_min = s->fail_ms_min;
	if (s->first_fail && (!into->first_fail ||
	    s->fail_ms_max > into->fail_ms_max))
		into->fail_ms_max = s->fail_ms_max;
	if (s->reset && (!into->reset || s->reset_ms_min < into->reset_ms_min))
		into->reset_ms_min = s->reset_ms_min;
	if (s->reset && (!into->reset || s->reset_ms_max > into->reset_ms_max))
		into->reset_ms_max = s->reset_ms_max;
	into->n += s->n;
	into->ok += s->ok;
	into->failed += s->failed;
	into->reset += s->reset;
	into->empty += s->empty;
	into->rejected += s->rejected;
	into->timeout += s->timeout;
	if (!into->first)
		into->first = s->first;
	if (!into->first_ok)
		into->first_ok = s->first_ok;
	if (!into->first_fail)
		into->first_fail = s->first_fail;
}

int
samples_mixed(const struct sample_set *s)
{
	return s->ok > 0 && s->failed > 0;
}

/* Time-outs that servers, proxies, load balancers and NATs often use. */
static const int common_timeouts[] = { 10, 15, 30, 60, 90, 100, 120, 180,
	300, 350, 600, 900, 3600 };

int
samples_steady_reset(const struct sample_set *s, double *ms, int *near)
{
	const struct res_http *h = s->first_fail;
	double mean;

	*ms = 0;
	*near = 0;
	/*
	 * At least two resets, and resets at least three in four of the
	 * failures: a lone time-out among them (a loaded server, a lost
	 * packet) does not hide the pattern, a mix of kinds does.
	 */
	if (!h || s->reset < 2 || s->reset * 4 < s->failed * 3)
		return 0;
	mean = (s->reset_ms_min + s->reset_ms_max) / 2;
	if (mean < 1000 || s->reset_ms_max - s->reset_ms_min > 0.2 * mean)
		return 0;
	/* min and max both within 10 % of the midpoint */
	*ms = mean;
	for (size_t i = 0; i < sizeof(common_timeouts) /
	    sizeof(common_timeouts[0]); i++) {
		double t = common_timeouts[i] * 1000.0;

		if (fabs(mean - t) <= 0.1 * t) {
			*near = common_timeouts[i];
			break;
		}
	}
	return 1;
}

size_t
samples_per_address(const struct probe_results *r, struct addr_row *rows,
    size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nhttp && i < RES_MAX_HTTP; i++) {
		const struct res_http *h = &r->http[i];
		size_t k;

		if (h->variant != HV_PER_ADDR || h->result == HTTP_NOT_RUN ||
		    !h->addr)
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(rows[k].addr, h->addr) == 0)
				break;
		if (k == n) {
			if (n >= max)
				continue;
			rows[n].addr = h->addr;
			samples_of(r, HV_PER_ADDR, h->addr, &rows[n].s);
			n++;
		}
	}
	return n;
}

const struct addr_row *
samples_bad_address(const struct addr_row *rows, size_t n,
    const struct addr_row **good)
{
	const struct addr_row *bad = NULL;

	*good = NULL;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].s.n > 0 && rows[i].s.ok == 0 && !bad)
			bad = &rows[i];
		if (rows[i].s.n > 0 && rows[i].s.failed == 0 && !*good)
			*good = &rows[i];
	}
	return bad && *good ? bad : NULL;
}

void
samples_watch(const struct res_watch *w, struct watch_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->first_fail_ms = -1;
	for (size_t i = 0; i < w->n; i++) {
		const struct res_watch_sample *s = &w->s[i];

		c->n++;
		if (s->result == HTTP_RESPONSE || s->result == HTTP_TLS_VERIFY) {
			c->ok++;
			continue;
		}
		c->failed++;
		if (samples_reset_like(s->result))
			c->reset++;
		else if (s->result == HTTP_TIMEOUT)
			c->timeout++;
		if (c->first_fail_ms < 0) {
			c->first_fail_ms = s->t_ms;
			c->first_result = s->result;
		}
	}
}

/* One sample as a character; a larger rank is worse. */
static char
mark(enum http_result r, int *rank)
{
	if (r == HTTP_RESPONSE || r == HTTP_TLS_VERIFY) {
		*rank = 0;
		return '.';
	}
	if (samples_reset_like(r)) {
		*rank = 3;
		return 'R';
	}
	if (r == HTTP_TIMEOUT) {
		*rank = 2;
		return 'T';
	}
	*rank = 1;
	return 'x';
}

char *
samples_timeline(const struct res_watch *w, size_t width)
{
	size_t cells = w->n < width ? w->n : width;
	char *out = xmalloc(cells + 1);

	for (size_t c = 0; c < cells; c++) {
		/* Samples [a, b) fall into cell c. */
		size_t a = c * w->n / cells, b = (c + 1) * w->n / cells;
		int worst = -1;
		char ch = '.';

		for (size_t i = a; i < b && i < w->n; i++) {
			int rank;
			char m = mark(w->s[i].result, &rank);

			if (rank > worst) {
				worst = rank;
				ch = m;
			}
		}
		out[c] = ch;
	}
	out[cells] = '\0';
	return out;
}
