/* time.h with TZ=UTC: gmtime, localtime, mktime (normalising out-of-range fields), timegm,
   strftime's conversions, asctime/ctime, difftime, for many timestamps (no time of day). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

static void tmshow(const char *what, const struct tm *t) {
  printf("%s %d-%02d-%02d %02d:%02d:%02d wday %d yday %d isdst %d gmtoff %ld zone %s\n", what, t->tm_year + 1900, t->tm_mon + 1,
         t->tm_mday, t->tm_hour, t->tm_min, t->tm_sec, t->tm_wday, t->tm_yday, t->tm_isdst, (long)t->tm_gmtoff, t->tm_zone ? t->tm_zone : "(null)");
}

int main(void) {
  tzset();
  /* time_t is a 32-bit long in Typix: timestamps stay within 1901..2038 */
  const long stamps[] = { 0, 1, -1, 59, 86399, 86400, 951782400, 951868800, 946684799, 946684800, 1234567890,
    1700000000, 2147483647, -2147483647 - 1, 68169600, 1078012800, 1709251199, 1709251200, -86400 * 365L, 915148800, 1483228799 };
  for (size_t i = 0; i < sizeof stamps / sizeof *stamps; i++) {
    time_t t = stamps[i];
    struct tm g, l;
    gmtime_r(&t, &g); localtime_r(&t, &l);
    printf("t=%ld\n", stamps[i]); tmshow(" gm", &g); tmshow(" local", &l);
    char buf[512];
    strftime(buf, sizeof buf, "%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %P %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%", &g);
    printf(" strftime [%s]\n", buf);
    strftime(buf, sizeof buf, "%Ec %EC %Ex %EX %Ey %EY %Od %Oe %OH %OI %Om %OM %OS %Ou %OU %OV %Ow %OW %Oy", &g);
    printf(" strftime E/O [%s]\n", buf);
    strftime(buf, sizeof buf, "%-d %-m %_d %_H %05Y %-j %^a %^B %#Z %10A|%-10A|%3d", &g);
    printf(" strftime flags [%s]\n", buf);
    printf(" asctime [%s]", asctime(&g));
    printf(" ctime [%s]", ctime(&t));
    struct tm m = g; m.tm_isdst = -1;
    printf(" mktime %ld timegm %ld\n", (long)mktime(&m), (long)timegm(&g));
  }
  struct tm n = { 0 };
  n.tm_year = 100; n.tm_mon = 13; n.tm_mday = 35; n.tm_hour = 25; n.tm_min = 61; n.tm_sec = 61; n.tm_isdst = -1;
  printf("normalise %ld\n", (long)mktime(&n)); tmshow(" ->", &n);
  struct tm z = { 0 }; z.tm_year = 70; z.tm_mday = 0; z.tm_mon = 0; printf("day 0 %ld\n", (long)mktime(&z)); tmshow(" ->", &z);
  struct tm neg = { 0 }; neg.tm_year = 124; neg.tm_mon = -1; neg.tm_mday = 1; neg.tm_sec = -1; printf("negative fields %ld\n", (long)mktime(&neg)); tmshow(" ->", &neg);
  struct tm feb = { 0 }; feb.tm_year = 100; feb.tm_mon = 1; feb.tm_mday = 29; printf("2000-02-29 %ld\n", (long)mktime(&feb)); tmshow(" ->", &feb);
  struct tm feb2 = { 0 }; feb2.tm_year = 101; feb2.tm_mon = 1; feb2.tm_mday = 29; printf("2001-02-29 %ld\n", (long)mktime(&feb2)); tmshow(" ->", &feb2);
  { char small[8]; struct tm t0; time_t t = 0; gmtime_r(&t, &t0);
    size_t r = strftime(small, sizeof small, "%Y-%m-%d", &t0); printf("strftime too small %zu\n", r);
    r = strftime(small, sizeof small, "", &t0); printf("strftime empty %zu\n", r);
    r = strftime(small, sizeof small, "%Y", &t0); printf("strftime fits %zu [%s]\n", r, small); }
  printf("difftime %g %g\n", difftime(10, 3), difftime(0, 100));
  { const char *in[][2] = { { "2024-03-01 12:34:56", "%Y-%m-%d %H:%M:%S" }, { "Thu Jan  1 00:00:00 1970", "%c" },
      { "  7/4/76", "%D" }, { "12:05:01 PM", "%r" }, { "12:05:01 am", "%I:%M:%S %p" }, { "February 29 2000", "%B %d %Y" },
      { "feb 3 99", "%b %e %y" }, { "mon 5 68", "%a %m %y" }, { "366 2024", "%j %Y" }, { "20 24", "%C %y" },
      { "1700000000", "%s" }, { "10%", "%d%%" }, { "25:00", "%H:%M" }, { "2024-13-01", "%F" }, { "x", "%d" },
      { "2024-03-01T10:00:00+0130 rest", "%Y-%m-%dT%H:%M:%S%z" }, { "Sat", "%A" }, { "2024-03-01", "%Y-%m-%d trailing" } };
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
      struct tm t; memset(&t, 0, sizeof t);
      char *e = strptime(in[i][0], in[i][1], &t);
      printf("strptime [%s] [%s] -> %s", in[i][0], in[i][1], e ? "ok" : "NULL");
      if (e) { printf(" rest [%s]", e); tmshow("", &t); } else printf("\n");
    } }
  return 0;
}
