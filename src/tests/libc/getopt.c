/* getopt and getopt_long as glibc: the argument vectors are built in the program and parsed one
   after the other (optind reset to 0 between them), with permutation, "--", optional and
   required arguments, abbreviations, and the error messages on stderr naming argv[0]. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <getopt.h>

#define run_long(o, n, v, ...) run_long_(o, n, v, 0 __VA_OPT__(+) __VA_ARGS__)
static void run_short(const char *opts, int argc, char **argv) {
  int c;
  optind = 0; opterr = 1;
  printf("getopt \"%s\":", opts);
  while ((c = getopt(argc, argv, opts)) != -1) {
    if (c == '?' || c == ':') printf(" [%c optopt=%c]", c, optopt);
    else printf(" [%c%s%s]", c, optarg ? "=" : "", optarg ? optarg : "");
  }
  printf(" optind=%d rest:", optind);
  for (int i = optind; i < argc; i++) printf(" %s", argv[i]);
  printf("\n");
  fflush(stdout);
}

static int flag;
static const struct option longs[] = {
  { "verbose", no_argument, 0, 'v' }, { "output", required_argument, 0, 'o' }, { "color", optional_argument, 0, 'c' },
  { "flag", no_argument, &flag, 42 }, { "version", no_argument, 0, 'V' }, { "verify", no_argument, 0, 'y' }, { 0, 0, 0, 0 } };

static void run_long_(const char *opts, int argc, char **argv, int only) {
  int c, idx;
  optind = 0; flag = 0;
  printf("getopt_long%s \"%s\":", only ? "_only" : "", opts);
  for (;;) {
    idx = -1;
    c = only ? getopt_long_only(argc, argv, opts, longs, &idx) : getopt_long(argc, argv, opts, longs, &idx);
    if (c == -1) break;
    if (c == '?' || c == ':') printf(" [%c optopt=%d]", c, optopt);
    else if (c == 0) printf(" [flag=%d idx=%d]", flag, idx);
    else printf(" [%c idx=%d%s%s]", c, idx, optarg ? " arg=" : "", optarg ? optarg : "");
  }
  printf(" optind=%d rest:", optind);
  for (int i = optind; i < argc; i++) printf(" %s", argv[i]);
  printf("\n");
  fflush(stdout);
}

#define V(...) (char *[]){ argv0, __VA_ARGS__, NULL }
#define N(...) (int)(sizeof((char *[]){ argv0, __VA_ARGS__ }) / sizeof(char *))

int main(int argc, char **argv) {
  char *argv0 = argv[0];
  (void)argc;
  run_short("ab:c::", N("-a", "-b", "x", "-cy", "-c", "file", "-ab2"), V("-a", "-b", "x", "-cy", "-c", "file", "-ab2"));
  run_short("ab:", N("file1", "-a", "file2", "-b", "arg", "file3"), V("file1", "-a", "file2", "-b", "arg", "file3"));
  run_short("+ab:", N("file1", "-a"), V("file1", "-a"));
  run_short("-ab", N("x", "-a", "y"), V("x", "-a", "y"));
  run_short("ab", N("-a", "--", "-b"), V("-a", "--", "-b"));
  run_short("ab", N("-a", "-", "-b"), V("-a", "-", "-b"));
  run_short("ab", N("-x", "-a"), V("-x", "-a"));
  run_short("ab:", N("-a", "-b"), V("-a", "-b"));
  run_short(":ab:", N("-b"), V("-b"));
  run_short(":ab:", N("-z"), V("-z"));
  run_short("abc", N("-abcx"), V("-abcx"));
  run_short("W;", N("-W", "foo"), V("-W", "foo"));
  opterr = 0; { char *v[] = { argv0, "-q", NULL }; optind = 0; int c = getopt(2, v, "a"); printf("opterr=0: %c optopt=%c\n", c, optopt); fflush(stdout); }
  run_long("vo:c::", N("--verbose", "--output=f", "--output", "g", "--color", "--color=red", "-v", "--flag", "rest"),
           V("--verbose", "--output=f", "--output", "g", "--color", "--color=red", "-v", "--flag", "rest"));
  run_long("v", N("--verb", "--out=x", "--col"), V("--verb", "--out=x", "--col"));
  run_long("v", N("--ver"), V("--ver"));
  run_long("v", N("--bogus", "--verbose=x", "--output"), V("--bogus", "--verbose=x", "--output"));
  run_long("v", N("a", "--verbose", "b", "--", "--output"), V("a", "--verbose", "b", "--", "--output"));
  run_long("vo:", N("-vofile", "-o"), V("-vofile", "-o"));
  run_long(":v", N("--output"), V("--output"));
  run_long("v", N("-verbose", "-output", "o"), V("-verbose", "-output", "o"), 1);
  run_long("v", N("-v", "-vers"), V("-v", "-vers"), 1);
  return 0;
}
