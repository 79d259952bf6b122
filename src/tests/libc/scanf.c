/* sscanf's conversions and return values, and scanf reading stdin. */
#include <stdio.h>
#include <string.h>

#define S1(fmt, in, T, pf) do { T v_ = 0; int n_ = sscanf(in, fmt, &v_); printf("%-10s %-14s -> %d " pf "\n", fmt, "[" in "]", n_, v_); } while (0)

int main(void) {
  S1("%d", "42", int, "%d");
  S1("%d", "  -17xyz", int, "%d");
  S1("%d", "+5", int, "%d");
  S1("%d", "abc", int, "%d");
  S1("%d", "", int, "%d");
  S1("%d", "   ", int, "%d");
  S1("%i", "0x1f", int, "%d");
  S1("%i", "017", int, "%d");
  S1("%i", "-0X10", int, "%d");
  S1("%x", "ff", unsigned, "%u");
  S1("%x", "0xFF", unsigned, "%u");
  S1("%o", "777", unsigned, "%u");
  S1("%u", "4294967295", unsigned, "%u");
  S1("%3d", "12345", int, "%d");
  S1("%hhd", "300", signed char, "%d");
  S1("%hd", "-2", short, "%d");
  S1("%lld", "-9223372036854775808", long long, "%lld");
  S1("%llx", "ffffffffffffffff", unsigned long long, "%llx");
  S1("%f", "3.25", float, "%.9g");
  S1("%f", "1e10", float, "%.9g");
  S1("%lf", "0.1", double, "%.17g");
  S1("%lf", "-1.5e-3xyz", double, "%.17g");
  S1("%lf", "inf", double, "%f");
  S1("%lf", "-nan", double, "%f");
  S1("%lf", "0x1.8p1", double, "%.17g");
  S1("%le", "2.5", double, "%g");
  S1("%lg", ".5", double, "%g");
  S1("%4lf", "1.23456", double, "%g");
  S1("%Lf", "2.75", long double, "%Lg");
  { char s[32] = "", t[32] = ""; int n = sscanf("hello world", "%s %s", s, t); printf("ss %d [%s] [%s]\n", n, s, t); }
  { char s[32] = ""; int n = sscanf("  abcdef", "%3s", s); printf("s3 %d [%s]\n", n, s); }
  { char c[4] = "---"; int n = sscanf("xyz", "%2c", c); printf("2c %d [%s]\n", n, c); }
  { char c = '-'; int n = sscanf(" q", "%c", &c); printf("c %d [%c]\n", n, c); }
  { char c = '-'; int n = sscanf(" q", " %c", &c); printf("sc %d [%c]\n", n, c); }
  { char s[32] = ""; int n = sscanf("abc123def", "%[a-z]", s); printf("set %d [%s]\n", n, s); }
  { char s[32] = ""; int n = sscanf("abc123def", "%[^0-9]", s); printf("nset %d [%s]\n", n, s); }
  { char s[32] = ""; int n = sscanf("]]ab", "%[]]", s); printf("brset %d [%s]\n", n, s); }
  { char s[32] = ""; int n = sscanf("a-b-c", "%[a-]", s); printf("dash %d [%s]\n", n, s); }
  { char s[32] = "z"; int n = sscanf("123", "%[a-z]", s); printf("noset %d [%s]\n", n, s); }
  { int a = 0, b = 0, p = 0; int n = sscanf("10 20", "%d%n %d", &a, &p, &b); printf("n %d %d %d %d\n", n, a, p, b); }
  { int a = 0, b = 0; int n = sscanf("10,20", "%d,%d", &a, &b); printf("lit %d %d %d\n", n, a, b); }
  { int a = 0, b = 0; int n = sscanf("10;20", "%d,%d", &a, &b); printf("litfail %d %d %d\n", n, a, b); }
  { int a = 0; int n = sscanf("5 %", "%d %%", &a); printf("pct %d %d\n", n, a); }
  { int a = 0, b = 0; int n = sscanf("1 2", "%*d %d", &a); printf("skip %d %d %d\n", n, a, b); }
  { int a = 0; int n = sscanf("", "%d", &a); printf("eof %d\n", n); }
  { int a = 0; int n = sscanf("x", "x%d", &a); printf("eof2 %d\n", n); }
  { int a = 0, b = 0, c = 0; int n = sscanf("1 2 x", "%d %d %d", &a, &b, &c); printf("part %d %d %d\n", n, a, b); }
  { void *p = 0; int n = sscanf("0x1234", "%p", &p); printf("p %d %lx\n", n, (unsigned long)p); }
  { char s[8] = ""; int x = 0; int n = sscanf("key=12", "%7[^=]=%d", s, &x); printf("kv %d [%s] %d\n", n, s, x); }
  { unsigned u = 0; int n = sscanf("-1", "%u", &u); printf("neg u %d %u\n", n, u); }
  { int a = 0; int n = sscanf("2147483648", "%d", &a); printf("ovf %d %d\n", n, a); }
  { double d = 0; int n = sscanf("1e", "%lf", &d); printf("1e %d %g\n", n, d); }
  { double d = 0; char r[8] = ""; int n = sscanf("1e+x", "%lf%s", &d, r); printf("1e+x %d %g [%s]\n", n, d, r); }
  { int a = 0; char r[8] = ""; int n = sscanf("0x", "%i%s", &a, r); printf("0x %d %d [%s]\n", n, a, r); }
  { char *m = 0; int n = sscanf("dyn string", "%ms", &m); printf("ms %d [%s]\n", n, m); }
  /* scanf on stdin */
  { int a = 0, b = 0; char w[32] = ""; int n = scanf("%d %d %31s", &a, &b, w); printf("stdin %d %d %d [%s]\n", n, a, b, w);
    int c = getchar(); printf("next %d\n", c);
    double d = 0; n = scanf("%lf", &d); printf("stdin d %d %g\n", n, d);
    n = scanf("%d", &a); printf("stdin bad %d\n", n);
    char rest[32] = ""; n = scanf("%31s", rest); printf("rest %d [%s]\n", n, rest);
    n = scanf("%d", &a); printf("stdin eof %d feof %d\n", n, feof(stdin)); }
  return 0;
}
