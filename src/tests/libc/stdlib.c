/* stdlib: the strto* family (bases, signs, overflow, errno, endptr), strtod on many decimal and
   hexadecimal strings (printed exactly with %a), atoi and friends, qsort and bsearch, the random
   number generators with seeds (glibc's sequences), div, abs. long is 32-bit in Typix (ILP32), so
   strtol/strtoul are checked on values that fit 32 bits and the 64-bit limits through strtoll. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

static void tol(const char *s, int base) {
  char *end = (char *)s; errno = 0; long v = strtol(s, &end, base);
  printf("strtol(\"%s\", %d) = %ld end %ld errno %d\n", s, base, v, (long)(end - s), errno);
}
static void toll(const char *s, int base) {
  char *end; errno = 0; long long v = strtoll(s, &end, base); int e1 = errno; long o1 = end - s;
  errno = 0; unsigned long long u = strtoull(s, &end, base);
  printf("strtoll(\"%s\", %d) = %lld end %ld errno %d; strtoull = %llu end %ld errno %d\n", s, base, v, o1, e1, u, (long)(end - s), errno);
}
static void tod(const char *s) {
  char *end; errno = 0; double v = strtod(s, &end); int e = errno; long o = end - s;
  errno = 0; float f = strtof(s, NULL); int ef = errno;
  printf("strtod(\"%.60s\") = %a %.17g end %ld errno %d; strtof %a errno %d\n", s, v, v, o, e, (double)f, ef);
}
static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_trace(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; printf(" %d:%d", x, y); return (x > y) - (x < y); }
struct rec { int key, order; };
static int cmp_rec(const void *a, const void *b) { return ((const struct rec *)a)->key - ((const struct rec *)b)->key; }

int main(void) {
  const char *ints[] = { "0", "42", "-42", "+7", "  \t\n12abc", "2147483647", "-2147483648", "7fffffff", "-80000000",
    "0x1A", "0X1a", "010", "0", "-0", "", "   ", "abc", "-", "+", "0x", "0xg", "08", "1e5" };
  for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) { tol(ints[i], 10); tol(ints[i], 0); if (strlen(ints[i]) < 10) tol(ints[i], 16); }
  tol("zz", 36); tol("ZZ", 36); tol("777", 8); tol("101", 2); tol("12", 1); tol("12", 37); tol("12", -1); tol("0x10", 16); tol("0b101", 2);
  const char *lls[] = { "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "18446744073709551615", "18446744073709551616", "-1", "-18446744073709551615", "0xffffffffffffffff", "0x10000000000000000",
    "01777777777777777777777", "  -0x8000000000000000", "4294967295", "4294967296", "2147483648", "-2147483649", "99999999999999999999" };
  for (size_t i = 0; i < sizeof lls / sizeof *lls; i++) { toll(lls[i], 0); toll(lls[i], 10); }
  { char *end; errno = 0; unsigned long u = strtoul("4294967295", &end, 10); printf("strtoul max %lu errno %d\n", u, errno);
    errno = 0; u = strtoul("-5", &end, 10); printf("strtoul -5 %lu\n", (unsigned long)(unsigned)u); }
  printf("atoi %d %d %d %d atol %ld atoll %lld\n", atoi("  -123x"), atoi("x"), atoi("+0"), atoi("2147483647"), atol("-77"), atoll("-9223372036854775808"));
  const char *dbls[] = { "0", "-0", "1", "0.1", "0.2", "0.3", "1.5", "3.14159265358979323846264338327950288", "1e308", "1.7976931348623157e308",
    "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e309", "2.2250738585072014e-308", "2.2250738585072011e-308",
    "4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-324", "1e-400",
    "123456789012345678901234567890", "0.000000000000000000000000000000000000000000001", "9007199254740993", "9007199254740992.5",
    "9007199254740993.0000000000000000000001", "1.00000000000000011102230246251565404236316680908203125",
    "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
    "0.1e1", ".5", "5.", ".", "+.5e-3", "-.5E+3", "1e", "1e+", "1e-x", "  42  ", "inf", "-INF", "infinity", "Infinityx", "infin",
    "nan", "-nan", "NaN(123)", "nan(abc", "nanx", "0x1p0", "0x1.8p1", "0X1P-1074", "0x1p-1075", "0x1p-1076", "0x1.fffffffffffffp1023",
    "0x1.fffffffffffff8p1023", "0x.8p1", "0x1p", "0x", "0xg", "0x1.0000000000000800000000001p0", "0x1.00000000000008p0",
    "0x1.00000000000018p0", "1" "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000e-100",
    "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001e100",
    "3.4028235677973366e38", "3.4028236e38", "1.17549435e-38", "1.4e-45", "7e-46", "123.456e-2", "000000001.000000", "1_000", "1,5" };
  for (size_t i = 0; i < sizeof dbls / sizeof *dbls; i++) tod(dbls[i]);
  printf("atof %g\n", atof("2.5e3xyz"));
  { int a[] = { 5, -1, 3, 3, 0, 2147483647, -2147483647 - 1, 8, 1, 1 }; size_t n = sizeof a / sizeof *a;
    qsort(a, n, sizeof *a, cmp_int); printf("qsort"); for (size_t i = 0; i < n; i++) printf(" %d", a[i]); printf("\n");
    int keys[] = { 3, 4, -2147483647 - 1, 8, 9 };
    for (int k = 0; k < 5; k++) { int *p = bsearch(&keys[k], a, n, sizeof *a, cmp_int); printf("bsearch %d %s\n", keys[k], p ? "found" : "missing"); } }
  { const char *w[] = { "pear", "apple", "fig", "banana", "apple", "", "cherry" }; size_t n = 7;
    qsort(w, n, sizeof *w, cmp_str); printf("qsort str"); for (size_t i = 0; i < n; i++) printf(" [%s]", w[i]); printf("\n"); }
  { struct rec r[2000]; unsigned s = 1; for (int i = 0; i < 2000; i++) { s = s * 1103515245 + 12345; r[i].key = (s >> 16) % 50; r[i].order = i; }
    qsort(r, 2000, sizeof *r, cmp_rec); int sorted = 1; for (int i = 1; i < 2000; i++) if (r[i - 1].key > r[i].key) sorted = 0;
    printf("qsort big sorted %d\n", sorted); }
  qsort(NULL, 0, sizeof(int), cmp_int); printf("qsort empty ok\n");
  { int a[] = { 9, 3, 7, 3, 1, 8, 2, 7, 5, 0, 4 }; printf("qsort calls:"); qsort(a, 11, sizeof *a, cmp_trace); printf("\n");
    printf("sorted"); for (int i = 0; i < 11; i++) printf(" %d", a[i]); printf("\n"); }
  { struct rec r[12]; for (int i = 0; i < 12; i++) { r[i].key = (i * 7) % 3; r[i].order = i; }
    qsort(r, 12, sizeof *r, cmp_rec); printf("stable:"); for (int i = 0; i < 12; i++) printf(" %d/%d", r[i].key, r[i].order); printf("\n"); }
  /* random number generators: glibc's sequences */
  printf("rand default:"); for (int i = 0; i < 5; i++) printf(" %d", rand()); printf("\n");
  srand(1); printf("srand 1:"); for (int i = 0; i < 5; i++) printf(" %d", rand()); printf("\n");
  srand(42); printf("srand 42:"); for (int i = 0; i < 5; i++) printf(" %d", rand()); printf("\n");
  srand(0); printf("srand 0:"); for (int i = 0; i < 3; i++) printf(" %d", rand()); printf("\n");
  srandom(12345); printf("srandom 12345:"); for (int i = 0; i < 5; i++) printf(" %ld", random()); printf("\n");
  srandom(4294967295u); printf("srandom max:"); for (int i = 0; i < 3; i++) printf(" %ld", random()); printf("\n");
  { unsigned seed = 7; printf("rand_r 7:"); for (int i = 0; i < 5; i++) printf(" %d", rand_r(&seed)); printf(" seed %u\n", seed); }
  { unsigned seed = 0; printf("rand_r 0:"); for (int i = 0; i < 3; i++) printf(" %d", rand_r(&seed)); printf("\n"); }
  { static char st[64]; char *old = initstate(3, st, sizeof st); printf("initstate %d:", old != NULL); for (int i = 0; i < 4; i++) printf(" %ld", random()); printf("\n");
    static char st8[8]; initstate(5, st8, sizeof st8); printf("initstate 8:"); for (int i = 0; i < 4; i++) printf(" %ld", random()); printf("\n");
    setstate(old); }
  srand48(2024); printf("lrand48:"); for (int i = 0; i < 3; i++) printf(" %ld", lrand48());
  { long m = mrand48(); double d = drand48(); printf(" mrand48 %ld drand48 %.17g\n", m, d); }
  printf("abs %d labs %ld llabs %lld\n", abs(-5), labs(-7L), llabs(-9223372036854775807LL));
  { div_t q = div(-7, 2); ldiv_t l = ldiv(7L, -2L); lldiv_t ll = lldiv(-9223372036854775807LL, 10);
    printf("div %d %d ldiv %ld %ld lldiv %lld %lld\n", q.quot, q.rem, l.quot, l.rem, ll.quot, ll.rem); }
  return 0;
}
