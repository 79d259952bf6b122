/* string.h, strings.h and ctype.h: every function on ordinary and edge cases (empty strings,
   bytes above 127, overlapping moves, not found). Comparisons print their sign: glibc's
   magnitude depends on the CPU's implementation. */
#define _GNU_SOURCE
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

static int sgn(int v) { return (v > 0) - (v < 0); }
static void show(const char *what, const char *s) { printf("%s [%s]\n", what, s ? s : "(null)"); }
static void hex(const char *what, const void *p, size_t n) {
  printf("%s", what); for (size_t i = 0; i < n; i++) printf(" %02x", ((const unsigned char *)p)[i]); printf("\n");
}
#define OFF(p, s) ((p) ? (long)((const char *)(p) - (const char *)(s)) : -1L)

int main(void) {
  const char *s = "hello, world", *nul3 = "a\0b", *ae = "a\xe9", *a3b = "aaab", *e0 = "", *nul5 = "ab\0cd";
  char b[64], c[64];
  printf("strlen %zu %zu %zu\n", strlen(s), strlen(""), strlen("\xff\x80"));
  printf("strnlen %zu %zu %zu\n", strnlen(s, 5), strnlen(s, 100), strnlen("", 3));
  printf("strcmp %d %d %d %d %d %d\n", sgn(strcmp("a", "b")), sgn(strcmp("b", "a")), sgn(strcmp("abc", "abc")),
         sgn(strcmp("ab", "abc")), sgn(strcmp("\xff", "a")), sgn(strcmp("", "")));
  printf("strncmp %d %d %d %d\n", sgn(strncmp("abcd", "abce", 3)), sgn(strncmp("abcd", "abce", 4)), sgn(strncmp("a", "b", 0)), sgn(strncmp("ab", "a", 5)));
  printf("strcasecmp %d %d %d %d\n", sgn(strcasecmp("HeLLo", "hello")), sgn(strcasecmp("a", "B")), sgn(strcasecmp("[", "a")), sgn(strcasecmp("Z", "a")));
  printf("strncasecmp %d %d\n", sgn(strncasecmp("ABCx", "abcy", 3)), sgn(strncasecmp("ABCx", "abcy", 4)));
  printf("memcmp %d %d %d %d\n", sgn(memcmp("ab\0c", "ab\0d", 4)), sgn(memcmp("\x80", "\x7f", 1)), sgn(memcmp("x", "y", 0)), sgn(bcmp("ab", "ab", 2)));
  printf("strcoll %d\n", sgn(strcoll("abc", "abd")));
  printf("strchr %ld %ld %ld %ld\n", OFF(strchr(s, 'o'), s), OFF(strchr(s, 'z'), s), OFF(strchr(s, 0), s), OFF(strchr(ae, 0xe9), ae));
  printf("strrchr %ld %ld %ld\n", OFF(strrchr(s, 'o'), s), OFF(strrchr(s, 'z'), s), OFF(strrchr(s, 0), s));
  printf("strchrnul %ld %ld\n", OFF(strchrnul(s, 'w'), s), OFF(strchrnul(s, 'z'), s));
  printf("index %ld rindex %ld\n", OFF(index(s, 'l'), s), OFF(rindex(s, 'l'), s));
  printf("memchr %ld %ld %ld\n", OFF(memchr(s, 'w', 12), s), OFF(memchr(s, 'w', 5), s), OFF(memchr(nul3, 'b', 3), nul3));
  printf("memrchr %ld %ld\n", OFF(memrchr(s, 'o', 12), s), OFF(memrchr(s, 'q', 12), s));
  printf("strstr %ld %ld %ld %ld %ld\n", OFF(strstr(s, "wor"), s), OFF(strstr(s, ""), s), OFF(strstr(s, "worlds"), s), OFF(strstr(a3b, "aab"), a3b), OFF(strstr(e0, "a"), e0));
  printf("strcasestr %ld %ld\n", OFF(strcasestr(s, "WORLD"), s), OFF(strcasestr(s, "xyz"), s));
  printf("memmem %ld %ld %ld\n", OFF(memmem(s, 12, "o, w", 4), s), OFF(memmem(s, 12, "", 0), s), OFF(memmem(nul5, 5, "\0c", 2), nul5));
  printf("strspn %zu %zu %zu strcspn %zu %zu %zu\n", strspn(s, "leh"), strspn(s, ""), strspn("", "a"), strcspn(s, ",w"), strcspn(s, ""), strcspn(s, "xyz"));
  printf("strpbrk %ld %ld\n", OFF(strpbrk(s, "wd,"), s), OFF(strpbrk(s, "XY"), s));
  strcpy(b, "abc"); show("strcpy", b);
  strcat(b, "def"); show("strcat", b);
  strncat(b, "ghijkl", 3); show("strncat", b);
  strncat(b, "", 3); show("strncat empty", b);
  memset(c, 'x', sizeof c); strncpy(c, "ab", 5); hex("strncpy pad", c, 6);
  memset(c, 'x', sizeof c); strncpy(c, "abcdef", 3); hex("strncpy trunc", c, 4);
  memset(c, 'x', sizeof c); printf("stpcpy %ld\n", (long)(stpcpy(c, "hey") - c));
  memset(c, 'x', sizeof c); printf("stpncpy %ld %ld\n", (long)(stpncpy(c, "hey", 5) - c), (long)(stpncpy(c, "heyyou", 4) - c));
  memset(c, 0, sizeof c); printf("mempcpy %ld\n", (long)((char *)mempcpy(c, "12345", 5) - c));
  memset(c, 0, sizeof c); { char *r = memccpy(c, "abc:def", ':', 7); printf("memccpy %ld [%s] %d\n", OFF(r, c), c, memccpy(c, "abc", 'z', 3) == NULL); }
  strcpy(b, "0123456789"); memmove(b + 2, b, 5); show("memmove fwd", b);
  strcpy(b, "0123456789"); memmove(b, b + 3, 5); show("memmove back", b);
  strcpy(b, "0123456789"); bcopy(b, b + 1, 4); show("bcopy", b);
  memset(b, 0x41, 3); b[3] = 0; show("memset", b);
  memset(b, 0x141, 2); hex("memset int", b, 3);
  bzero(b, 4); hex("bzero", b, 5);
  explicit_bzero(b, 2); hex("explicit_bzero", b, 2);
  { char *d = strdup("dup"); char *e = strndup("abcdef", 3); char *f = strndup("ab", 10); printf("strdup [%s] [%s] [%s]\n", d, e, f); free(d); free(e); free(f); }
  { char t[] = "  a,b,,c  ;d"; char *p = strtok(t, " ,;"); while (p) { printf("tok [%s]\n", p); p = strtok(NULL, " ,;"); } }
  { char t[] = ",,,"; printf("tok none %d\n", strtok(t, ",") == NULL); }
  { char t[] = "x=1;y=2"; char *save, *p; for (p = strtok_r(t, ";", &save); p; p = strtok_r(NULL, ";", &save)) printf("tok_r [%s]\n", p); }
  { char t[] = "a,b,,c"; char *q = t, *p; while ((p = strsep(&q, ",")) != NULL) printf("sep [%s]\n", p); }
  { char x[8]; size_t n = strxfrm(x, "abc", sizeof x); printf("strxfrm %zu [%s]\n", n, x); }
  printf("ffs %d %d %d %d ffsll %d\n", ffs(0), ffs(1), ffs(0x80), ffs(-2147483647 - 1), ffsll(1LL << 40));
  { char e[64]; printf("strerror_r %s\n", strerror_r(2, e, sizeof e)); }
  printf("strsignal [%s] [%s] [%s]\n", strsignal(2), strsignal(11), strsignal(64));
  /* ctype for every byte value and EOF: one letter per class */
  for (int ch = -1; ch < 256; ch++) {
    if (ch % 32 == 0) printf("ctype %3d:", ch);
    printf(" %c%c%c%c%c%c%c%c%c%c%c%c%c", isalnum(ch) ? 'n' : '.', isalpha(ch) ? 'a' : '.', isblank(ch) ? 'b' : '.',
           iscntrl(ch) ? 'c' : '.', isdigit(ch) ? 'd' : '.', isgraph(ch) ? 'g' : '.', islower(ch) ? 'l' : '.',
           isprint(ch) ? 'p' : '.', ispunct(ch) ? 'P' : '.', isspace(ch) ? 's' : '.', isupper(ch) ? 'u' : '.',
           isxdigit(ch) ? 'x' : '.', isascii(ch) ? 'A' : '.');
    printf("%d/%d", toupper(ch), tolower(ch));
    if (ch % 32 == 30 || ch == 255) printf("\n");
  }
  printf("toascii %d %d\n", toascii(0xe9), toascii(65));
  return 0;
}
