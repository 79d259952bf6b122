/* Broken-down time: gmtime, localtime (Typix keeps UTC: the zone is "UTC" with no offset),
 * mktime and timegm, asctime and ctime, strftime with glibc's conversions. */
#include <time.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;
void tzset(void) {}

static const char *const wday_name[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const mon_name[] = { "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December" };

static int leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Days from 1970-01-01 to y-m-d (m 1..12), by the proleptic Gregorian calendar. */
static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long long s = *t;
	long long days = s / 86400, rem = s % 86400;
	if (rem < 0) { rem += 86400; days--; }
	tm->tm_hour = (int)(rem / 3600);
	tm->tm_min = (int)(rem / 60 % 60);
	tm->tm_sec = (int)(rem % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7);
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = yoe + era * 400;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) { errno = EOVERFLOW; return 0; }
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "GMT";
	return tm;
}
struct tm *gmtime(const time_t *t) { static struct tm tm; return gmtime_r(t, &tm); }
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	if (!gmtime_r(t, tm)) return 0;
	tm->tm_zone = "UTC";
	return tm;
}
struct tm *localtime(const time_t *t) { static struct tm tm; return localtime_r(t, &tm); }

time_t timegm(struct tm *tm)
{
	long long mon = tm->tm_mon, year = tm->tm_year + 1900LL;
	year += mon / 12;
	mon %= 12;
	if (mon < 0) { mon += 12; year--; }
	long long days = days_from_civil(year, (int)mon + 1, 1) + tm->tm_mday - 1;
	long long s = days * 86400 + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
	if (s > LONG_MAX || s < LONG_MIN) { errno = EOVERFLOW; return (time_t)-1; }
	time_t t = (time_t)s;
	gmtime_r(&t, tm);
	return t;
}
time_t mktime(struct tm *tm)
{
	time_t t = timegm(tm);
	if (t != (time_t)-1) tm->tm_zone = "UTC";
	return t;
}
double difftime(time_t a, time_t b) { return (double)a - (double)b; }

char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", wday_name[tm->tm_wday % 7], mon_name[tm->tm_mon % 12],
		tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
	return buf;
}
char *asctime(const struct tm *tm) { static char buf[26]; return asctime_r(tm, buf); }
char *ctime_r(const time_t *t, char *buf) { struct tm tm; return localtime_r(t, &tm) ? asctime_r(&tm, buf) : 0; }
char *ctime(const time_t *t) { struct tm *tm = localtime(t); return tm ? asctime(tm) : 0; }

/* ISO 8601 week-based year and week number. */
static int iso_week(const struct tm *tm, int *year)
{
	int y = tm->tm_year + 1900;
	int wday = (tm->tm_wday + 6) % 7; /* Monday = 0 */
	int week = (tm->tm_yday - wday + 10) / 7;
	if (week < 1) {
		y--;
		int days = 365 + leap(y);
		week = (tm->tm_yday + days - wday + 10) / 7;
	} else if (week == 53) {
		int days = 365 + leap(y);
		if (tm->tm_yday - wday + 3 >= days) { week = 1; y++; }
	}
	*year = y;
	return week;
}

/* A conversion's text, padded to width (pad '0' zeros, else spaces) and cased by ^ (upper)
 * or # (upper for names, lower for %Z and %p), as glibc's flags do. */
static void cased(char *out, size_t size, const char *str, int width, char pad, int upper, int swap, int conv)
{
	char t[128];
	size_t l = strlen(str);
	if (l >= sizeof t) l = sizeof t - 1;
	for (size_t i = 0; i < l; i++) {
		char c = str[i];
		if (upper || (swap && strchr("aAbBh", conv))) c = c >= 'a' && c <= 'z' ? c - 32 : c;
		else if (swap && strchr("Zp", conv)) c = c >= 'A' && c <= 'Z' ? c + 32 : c;
		t[i] = c;
	}
	t[l] = 0;
	size_t fill = width > (int)l ? (size_t)width - l : 0, n = 0;
	for (; n < fill && n + 1 < size; n++) out[n] = pad == '0' ? '0' : ' ';
	snprintf(out + n, size - n, "%s", t);
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt, const struct tm *restrict tm)
{
	size_t n = 0;
	char tmp[64], out[160];
#define EMIT(str) do { const char *_p = (str); size_t _l = strlen(_p); if (n + _l >= max) return 0; memcpy(s + n, _p, _l); n += _l; } while (0)
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') { if (n + 1 >= max) return 0; s[n++] = *p; continue; }
		const char *start = p++;
		char pad = 0;
		int upper = 0, swap = 0, fw = -1;
		for (;; p++) {
			if (*p == '-' || *p == '_' || *p == '0') pad = *p;
			else if (*p == '^') upper = 1;
			else if (*p == '#') swap = 1;
			else break;
		}
		if (*p >= '1' && *p <= '9') { fw = 0; while (*p >= '0' && *p <= '9') fw = fw * 10 + (*p++ - '0'); }
		if (*p == 'E' || *p == 'O') p++;
		int v = -1, width = 2;
		char zero = '0';
		const char *str = 0;
		switch (*p) {
		case 'a': snprintf(tmp, sizeof tmp, "%.3s", wday_name[tm->tm_wday % 7]); str = tmp; break;
		case 'A': str = wday_name[tm->tm_wday % 7]; break;
		case 'b': case 'h': snprintf(tmp, sizeof tmp, "%.3s", mon_name[tm->tm_mon % 12]); str = tmp; break;
		case 'B': str = mon_name[tm->tm_mon % 12]; break;
		case 'c': strftime(tmp, sizeof tmp, "%a %b %e %H:%M:%S %Y", tm); str = tmp; break;
		case 'C': v = (tm->tm_year + 1900) / 100; break;
		case 'd': v = tm->tm_mday; break;
		case 'D': strftime(tmp, sizeof tmp, "%m/%d/%y", tm); str = tmp; break;
		case 'e': v = tm->tm_mday; zero = ' '; break;
		case 'F': strftime(tmp, sizeof tmp, "%Y-%m-%d", tm); str = tmp; break;
		case 'G': { int y; iso_week(tm, &y); v = y; width = 1; break; }
		case 'g': { int y; iso_week(tm, &y); v = y % 100; break; }
		case 'H': v = tm->tm_hour; break;
		case 'I': v = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12; break;
		case 'j': v = tm->tm_yday + 1; width = 3; break;
		case 'k': v = tm->tm_hour; zero = ' '; break;
		case 'l': v = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12; zero = ' '; break;
		case 'm': v = tm->tm_mon + 1; break;
		case 'M': v = tm->tm_min; break;
		case 'n': str = "\n"; break;
		case 'p': str = tm->tm_hour < 12 ? "AM" : "PM"; break;
		case 'P': str = tm->tm_hour < 12 ? "am" : "pm"; break;
		case 'r': strftime(tmp, sizeof tmp, "%I:%M:%S %p", tm); str = tmp; break;
		case 'R': strftime(tmp, sizeof tmp, "%H:%M", tm); str = tmp; break;
		case 's': { struct tm c = *tm; snprintf(tmp, sizeof tmp, "%ld", (long)timegm(&c)); str = tmp; break; }
		case 'S': v = tm->tm_sec; break;
		case 't': str = "\t"; break;
		case 'T': strftime(tmp, sizeof tmp, "%H:%M:%S", tm); str = tmp; break;
		case 'u': v = tm->tm_wday ? tm->tm_wday : 7; width = 1; break;
		case 'U': v = (tm->tm_yday + 7 - tm->tm_wday) / 7; break;
		case 'V': { int y; v = iso_week(tm, &y); break; }
		case 'w': v = tm->tm_wday; width = 1; break;
		case 'W': v = (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7; break;
		case 'x': strftime(tmp, sizeof tmp, "%m/%d/%y", tm); str = tmp; break;
		case 'X': strftime(tmp, sizeof tmp, "%H:%M:%S", tm); str = tmp; break;
		case 'y': v = (tm->tm_year + 1900) % 100; break;
		case 'Y': v = tm->tm_year + 1900; width = 1; break;
		case 'z': { long o = tm->tm_gmtoff; snprintf(tmp, sizeof tmp, "%c%02ld%02ld", o < 0 ? '-' : '+', (o < 0 ? -o : o) / 3600, (o < 0 ? -o : o) / 60 % 60); str = tmp; break; }
		case 'Z': str = tm->tm_zone ? tm->tm_zone : "UTC"; break;
		case '%': str = "%"; break;
		case 0: p--; continue;
		default: /* unknown: as written */
			snprintf(tmp, sizeof tmp, "%.*s", (int)(p - start + 1), start); EMIT(tmp); continue;
		}
		if (str) { cased(out, sizeof out, str, fw, pad, upper, swap, *p); EMIT(out); continue; }
		if (fw >= 0) width = fw;
		if (pad == '-') snprintf(tmp, sizeof tmp, "%d", v);
		else if (pad == '_' || (zero == ' ' && pad != '0')) snprintf(tmp, sizeof tmp, "%*d", width, v);
		else snprintf(tmp, sizeof tmp, "%0*d", width, v);
		EMIT(tmp);
	}
	if (n >= max) return 0;
	s[n] = 0;
	return n;
#undef EMIT
}
