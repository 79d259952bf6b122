/* printf's conversions, flags, widths, precisions and length modifiers, the floating-point
   conversions on hard values, and snprintf's truncation and return values; one line per check. */
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <float.h>
#include <math.h>
#include <limits.h>
#include <string.h>
#include <errno.h>

#define P(...) do { int n_ = printf(__VA_ARGS__); printf(" =%d\n", n_); } while (0)

static const double hard[] = {
  0.0, -0.0, 0.1, 0.2, 0.3, 1.0/3, 2.0/3, 0.5, 1.5, 2.5, 3.5, -2.5, 0.125, 0.375, 1e300, -1e300,
  5e-324, 2.2250738585072014e-308, DBL_MAX, DBL_MIN, DBL_EPSILON, 1e21, 1e22, 1e23, 123456789.0,
  9.999999, 99.99, 0.0001, 0.00001, 1e-5, 123.456, 1e15, 1e16, 1e17, 4294967296.0, 65536.0,
  3.141592653589793, 2.718281828459045, 0.05, 0.15, 0.25, 0.35, 1.005, 1e-10, 100.0, 9.5, 0.95,
};
static const char *ffmt[] = {
  "%f", "%.0f", "%.1f", "%.2f", "%.3f", "%.10f", "%.20f", "%e", "%.0e", "%.2e", "%.15e", "%.17e",
  "%g", "%.0g", "%.1g", "%.3g", "%.10g", "%.17g", "%#g", "%#.0f", "%#.0e", "%+f", "% e", "%15.4f",
  "%-15.4e|", "%015.4f", "%+015.3e", "%a", "%A", "%.0a", "%.1a", "%.3a", "%.13a", "%20a", "%-20a|",
  "%#a", "%+a", "%G", "%E", "%F", "%.40f",
};

int main(void) {
  /* integers */
  P("%d %i %d %d", 0, -1, INT_MAX, INT_MIN);
  P("%u %u %o %x %X", 0u, UINT_MAX, 0777u, 0xdeadbeefu, 0xdeadbeefu);
  P("[%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d] [% 05d]", 42, 42, 42, 42, 42, 42, 42, 42);
  P("[%.3d] [%.0d] [%5.0d] [%-8.3d] [%08.3d] [%.10d]", 7, 0, 0, -7, 7, -123);
  P("[%#o] [%#x] [%#X] [%#o] [%#x] [%#.3o] [%#10x] [%#-10x] [%#010x]", 8u, 255u, 255u, 0u, 0u, 8u, 255u, 255u, 255u);
  P("[%*d] [%-*d] [%*d] [%.*d] [%.*d] [%*.*d]", 6, 1, 6, 2, -6, 3, 3, 4, -1, 5, 8, 4, 6);
  P("%hhd %hhu %hd %hu %hhx %hx", 300, 300, 70000, 70000, -1, -1);
  /* long is 32-bit in Typix (ILP32): only values that fit in 32 bits are compared */
  P("%ld %lu %lx %li %lo", 2147483647L, 4294967295UL, 0x7fffffffL, -5L, 0777L);
  P("%lld %llu %llx %llo %lli", LLONG_MAX, ULLONG_MAX, LLONG_MIN, 01234567012345670LL, LLONG_MIN);
  P("%jd %ju %zd %zu %zx %td", INTMAX_MIN, UINTMAX_MAX, (ssize_t)-3, (size_t)4000000000u, (size_t)255, (ptrdiff_t)-9);
  P("%qd %Ld", 5LL, 6LL);
  /* characters and strings */
  P("[%c] [%5c] [%-5c] [%c]", 'a', 'b', 'c', 0x141);
  P("[%s] [%10s] [%-10s] [%.2s] [%10.2s] [%-10.2s] [%.0s] [%s]", "hello", "hi", "hi", "hello", "hello", "hello", "x", "");
  P("[%*s] [%-*s] [%.*s] [%.*s]", 8, "ab", 8, "ab", 3, "abcdef", -1, "abcdef");
  P("[%%] [%5%] [%-5%]");
  P("[%s]", (char *)0);
  P("[%.3s] [%10s]", (char *)0, (char *)0);
  P("[%p] [%10p] [%-10p|]", (void *)0, (void *)0, (void *)0);
  P("[%p] [%p]", (void *)0x1234, (void *)0xabcdef);
  { int n1 = -1, n2 = -1; short hn = -1; signed char hhn = -1; long ln = -1; long long lln = -1;
    printf("abc%n def%n%hn%hhn%ln%lln\n", &n1, &n2, &hn, &hhn, &ln, &lln);
    printf("n %d %d %d %d %ld %lld\n", n1, n2, hn, hhn, ln, lln); }
  P("%1$d %2$s %1$d", 9, "pos");
  P("%2$*1$d|", 6, 42);
  P("%m");
  /* floating point */
  for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++) {
    printf("v%zu:", i);
    for (size_t j = 0; j < sizeof ffmt / sizeof ffmt[0]; j++) { putchar(' '); printf(ffmt[j], hard[i]); }
    putchar('\n');
  }
  {
    double sp[] = { INFINITY, -INFINITY, NAN, -NAN };
    for (int i = 0; i < 4; i++)
      P("[%f] [%e] [%g] [%a] [%F] [%E] [%G] [%A] [%10f] [%-10f] [%010f] [%+f] [% f] [%.3f]",
        sp[i], sp[i], sp[i], sp[i], sp[i], sp[i], sp[i], sp[i], sp[i], sp[i], sp[i], sp[i], sp[i], sp[i]);
  }
  P("%.0f %.0f %.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5, -0.5, -1.5);
  P("%.2f %.2f %.2f %.2f %.1f %.1f", 0.125, 0.375, 0.625, 1.005, 0.25, 0.35);
  /* long double is x87's 80 bits natively and binary128 in Typix: %La's digits differ by format */
  P("%Lf %Le %Lg", 1.5L, 1.5L, 1.5L);
  P("%.3Lf %.10Lg", 0.1L, 1.0L/3);
  P("%f %e", (double)FLT_MAX, (double)FLT_MIN);
  P("%.60g", 0.1);
  P("%.1000f", 1.0);
  P("%g %g %g %g %g %g", 100000.0, 1000000.0, 1e-4, 1e-5, 123456.0, 1234567.0);
  P("%#g %#g %#.3g %#.10g", 1.0, 0.0, 100.0, 1e-5);
  P("%5.1s|%-3c|%3d|%x", "abc", 'z', -3, 16);
  /* snprintf: truncation and return values */
  { char b[16]; int n;
    memset(b, 'X', sizeof b); n = snprintf(b, 5, "hello world"); printf("sn %d [%s] %c\n", n, b, b[6]);
    memset(b, 'X', sizeof b); n = snprintf(b, 1, "abc"); printf("sn %d [%s]\n", n, b);
    memset(b, 'X', sizeof b); n = snprintf(b, 0, "abc"); printf("sn %d %c\n", n, b[0]);
    n = snprintf(NULL, 0, "%d-%s-%f", 12345, "abc", 1.5); printf("sn %d\n", n);
    memset(b, 'X', sizeof b); n = snprintf(b, sizeof b, "%s", "exactly15chars!"); printf("sn %d [%s]\n", n, b);
    memset(b, 'X', sizeof b); n = snprintf(b, sizeof b, "%s", "exactly16chars!!"); printf("sn %d [%s]\n", n, b);
    memset(b, 'X', sizeof b); n = snprintf(b, 8, "%10.3f", 3.14159); printf("sn %d [%s]\n", n, b);
    n = sprintf(b, "%05.1f%%", 9.96); printf("sp %d [%s]\n", n, b);
  }
  { char *s = 0; int n = asprintf(&s, "%s=%d", "key", 77); printf("asp %d [%s]\n", n, s); }
  /* a spec cut short: what came before is printed, then -1 and EINVAL */
  { int n; errno = 0; n = printf("abc%"); fflush(stdout); printf(" =%d errno %d\n", n, errno);
    errno = 0; n = printf("abc%5l"); fflush(stdout); printf(" =%d errno %d\n", n, errno);
    char b[8] = "zzzz"; n = snprintf(b, sizeof b, "ab%"); printf("sn %d [%s]\n", n, b); }
  P("[%.0a] [%.0a] [%.0a] [%.0a] [%.1a] [%.1a] [%.2a] [%.0a]", 1.5, 2.5, 1.75, 1.25, 1.03125, 1.09375, 1.0 + 3.0 / 512, 1.9999);
  P("%y|%k|");
  return 0;
}
