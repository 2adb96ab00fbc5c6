#include "config.h"

#include "core/timeutil.h"

#include <stdio.h>
#include <string.h>

struct timespec
time_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts;
}

void
time_rfc3339(char *buf, size_t len, const struct timespec *t)
{
	struct tm tm;
	char base[32];

	gmtime_r(&t->tv_sec, &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03ldZ", base, t->tv_nsec / 1000000L);
}

void
time_local(char *buf, size_t len, const struct timespec *t)
{
	struct tm tm;

	localtime_r(&t->tv_sec, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S %z", &tm);
}

void
time_filestamp(char *buf, size_t len, const struct timespec *t)
{
	struct tm tm;

	localtime_r(&t->tv_sec, &tm);
	strftime(buf, len, "%Y%m%d-%H%M%S", &tm);
}

int
time_parse_rfc3339(const char *s, struct timespec *t)
{
	struct tm tm;
	int y, mo, d, h, mi, sec, ms = 0, n = 0;

	memset(&tm, 0, sizeof(tm));
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi,
	    &sec, &n) != 6)
		return -1;
	if (s[n] == '.') {
		int digits = 0;

		n++;
		while (s[n] >= '0' && s[n] <= '9') {
			if (digits++ < 3)
				ms = ms * 10 + (s[n] - '0');
			n++;
		}
		while (digits > 0 && digits < 3) {
			ms *= 10;
			digits++;
		}
	}
	if (s[n] != 'Z' || s[n + 1] != '\0')
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t->tv_sec = timegm(&tm);
	t->tv_nsec = (long)ms * 1000000L;
	return 0;
}

/* Parses an HTTP Date header (IMF-fixdate); see timeutil.h. */
int
time_parse_http_date(const char *s, time_t *t)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char mon[4], zone[4];
	struct tm tm;
	int d, y, h, mi, sec, n = 0;
	const char *m;

	memset(&tm, 0, sizeof(tm));
	if (!s)
		return -1;
	/* The weekday is redundant: skip it and its comma. */
	if ((m = strchr(s, ',')) != NULL)
		s = m + 1;
	if (sscanf(s, " %2d %3s %4d %2d:%2d:%2d %3s%n", &d, mon, &y, &h, &mi,
	    &sec, zone, &n) != 7 || strcmp(zone, "GMT") != 0 ||
	    strlen(mon) != 3)
		return -1;
	m = strstr(months, mon);
	if (!m || (m - months) % 3 != 0 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60 || y < 1970)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = (int)((m - months) / 3);
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*t = timegm(&tm);
	return 0;
}
