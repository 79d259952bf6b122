/* strptime: text to broken-down time by a strftime-like format, in the C locale, as glibc reads
 * it: whitespace in the format matches any amount, numbers skip leading spaces and take at most
 * their field's digits, names match in full or abbreviated and in any case, and once the date is
 * known tm_wday and tm_yday are computed (or the month and day from %j). */
#include <time.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <stdlib.h>

static const char *const days[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December" };

/* A number of at most digits digits in [lo, hi], after optional spaces; 0 on failure. */
static const char *number(const char *s, int digits, int lo, int hi, int *out)
{
	while (isspace((unsigned char)*s)) s++;
	int neg = 0, v = 0, n = 0;
	if (lo < 0 && (*s == '-' || *s == '+')) neg = *s++ == '-';
	while (n < digits && isdigit((unsigned char)*s)) { v = v * 10 + (*s++ - '0'); n++; }
	if (!n) return 0;
	if (neg) v = -v;
	if (v < lo || v > hi) return 0;
	*out = v;
	return s;
}

/* One of names, full or its first three letters; its index in *out. */
static const char *name(const char *s, const char *const *names, int count, int *out)
{
	while (isspace((unsigned char)*s)) s++;
	for (int i = 0; i < count; i++) {
		size_t l = strlen(names[i]);
		if (!strncasecmp(s, names[i], l)) { *out = i; return s + l; }
		if (!strncasecmp(s, names[i], 3)) { *out = i; return s + 3; }
	}
	return 0;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

char *strptime(const char *restrict s, const char *restrict f, struct tm *restrict tm)
{
	int century = -1, yy = -1, pm = -1, have_date = 0, have_yday = 0, v;
	for (; *f; f++) {
		if (isspace((unsigned char)*f)) { while (isspace((unsigned char)*s)) s++; continue; }
		if (*f != '%') { if (*s++ != *f) return 0; continue; }
		f++;
		if (*f == 'E' || *f == 'O') f++;
		switch (*f) {
		case '%': if (*s++ != '%') return 0; break;
		case 'a': case 'A': if (!(s = name(s, days, 7, &tm->tm_wday))) return 0; break;
		case 'b': case 'B': case 'h': if (!(s = name(s, months, 12, &tm->tm_mon))) return 0; have_date = 1; break;
		case 'c': if (!(s = strptime(s, "%a %b %e %H:%M:%S %Y", tm))) return 0; have_date = 1; break;
		case 'C': if (!(s = number(s, 2, 0, 99, &century))) return 0; break;
		case 'd': case 'e': if (!(s = number(s, 2, 1, 31, &tm->tm_mday))) return 0; have_date = 1; break;
		case 'D': case 'x': if (!(s = strptime(s, "%m/%d/%y", tm))) return 0; have_date = 1; break;
		case 'F': if (!(s = strptime(s, "%Y-%m-%d", tm))) return 0; have_date = 1; break;
		case 'H': case 'k': if (!(s = number(s, 2, 0, 23, &tm->tm_hour))) return 0; pm = -1; break;
		case 'I': case 'l': if (!(s = number(s, 2, 1, 12, &v))) return 0; tm->tm_hour = v % 12; break;
		case 'j': if (!(s = number(s, 3, 1, 366, &v))) return 0; tm->tm_yday = v - 1; have_yday = 1; break;
		case 'm': if (!(s = number(s, 2, 1, 12, &v))) return 0; tm->tm_mon = v - 1; have_date = 1; break;
		case 'M': if (!(s = number(s, 2, 0, 59, &tm->tm_min))) return 0; break;
		case 'n': case 't': while (isspace((unsigned char)*s)) s++; break;
		case 'p': case 'P':
			while (isspace((unsigned char)*s)) s++;
			if (!strncasecmp(s, "AM", 2)) pm = 0;
			else if (!strncasecmp(s, "PM", 2)) pm = 1;
			else return 0;
			s += 2;
			break;
		case 'r': if (!(s = strptime(s, "%I:%M:%S %p", tm))) return 0; break;
		case 'R': if (!(s = strptime(s, "%H:%M", tm))) return 0; break;
		case 's': {
			char *e;
			long t = strtol(s, &e, 10);
			if (e == s) return 0;
			time_t tt = t;
			localtime_r(&tt, tm);
			s = e;
			break;
		}
		case 'S': if (!(s = number(s, 2, 0, 61, &tm->tm_sec))) return 0; break;
		case 'T': case 'X': if (!(s = strptime(s, "%H:%M:%S", tm))) return 0; break;
		case 'u': if (!(s = number(s, 1, 1, 7, &v))) return 0; tm->tm_wday = v % 7; break;
		case 'w': if (!(s = number(s, 1, 0, 6, &tm->tm_wday))) return 0; break;
		case 'U': case 'W': case 'V': if (!(s = number(s, 2, 0, 53, &v))) return 0; break;
		case 'y': if (!(s = number(s, 2, 0, 99, &yy))) return 0; have_date = 1; break;
		case 'Y': if (!(s = number(s, 4, -9999, 9999, &v))) return 0; tm->tm_year = v - 1900; century = -1; yy = -1; have_date = 1; break;
		case 'z': {
			while (isspace((unsigned char)*s)) s++;
			if (*s == 'Z') { s++; tm->tm_gmtoff = 0; break; }
			if (*s != '+' && *s != '-') return 0;
			int neg = *s++ == '-', h, m = 0;
			if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1])) return 0;
			h = (s[0] - '0') * 10 + (s[1] - '0');
			s += 2;
			if (*s == ':') s++;
			if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1])) { m = (s[0] - '0') * 10 + (s[1] - '0'); s += 2; }
			if (h > 12 || m > 59) return 0;
			tm->tm_gmtoff = (neg ? -1 : 1) * (h * 3600L + m * 60L);
			break;
		}
		case 'Z': while (*s && !isspace((unsigned char)*s)) s++; break;
		default: return 0;
		}
	}
	if (pm == 1) tm->tm_hour += 12;
	if (yy >= 0) tm->tm_year = century >= 0 ? century * 100 + yy - 1900 : yy < 69 ? yy + 100 : yy;
	else if (century >= 0) tm->tm_year = century * 100 - 1900;
	if (have_date) {
		static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
		int y = tm->tm_year + 1900;
		if (have_yday) { /* the day of the year gives the month and day */
			int m = 11;
			while (m > 0 && tm->tm_yday < before[m] + (m > 1 && leap(y))) m--;
			tm->tm_mon = m;
			tm->tm_mday = tm->tm_yday - before[m] - (m > 1 && leap(y)) + 1;
		}
		tm->tm_yday = before[tm->tm_mon % 12] + tm->tm_mday - 1 + (tm->tm_mon > 1 && leap(y));
		long long d = 365LL * (y - 1970) + (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400 + tm->tm_yday;
		tm->tm_wday = (int)(((d + 4) % 7 + 7) % 7);
	}
	return (char *)s;
}
