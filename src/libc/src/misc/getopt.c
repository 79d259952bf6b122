/* getopt and getopt_long as glibc's: arguments are permuted so that options come first (unless
 * the option string starts with '+' or POSIXLY_CORRECT is set; '-' returns non-options as
 * argument 1), with glibc's messages on stderr unless opterr is 0 or the string starts with ':'. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *optarg;
int optind = 1, opterr = 1, optopt = '?';
static const char *nextchar;
static int first_nonopt = 1, last_nonopt = 1, initialized;

/* Move the non-options argv[first_nonopt..last_nonopt) after the options [last_nonopt..optind). */
static void exchange(char **argv)
{
	int a = first_nonopt, m = last_nonopt, e = optind;
	int n = e - a;
	char *tmp[n > 0 ? n : 1];
	int k = 0;
	for (int i = m; i < e; i++) tmp[k++] = argv[i];
	for (int i = a; i < m; i++) tmp[k++] = argv[i];
	for (int i = 0; i < n; i++) argv[a + i] = tmp[i];
	first_nonopt += e - m;
	last_nonopt = e;
}

static int is_option(const char *s) { return s[0] == '-' && s[1]; }

static int long_option(int argc, char **argv, const char *opts, const struct option *lo, int *idx, int colon, int dashes)
{
	const char *name = nextchar;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct option *found = 0;
	int exact = 0, ambiguous = 0, fi = -1;
	for (int i = 0; lo[i].name; i++) {
		if (strncmp(lo[i].name, name, len)) continue;
		if (strlen(lo[i].name) == len) { found = &lo[i]; fi = i; exact = 1; break; }
		if (!found) { found = &lo[i]; fi = i; }
		else if (found->has_arg != lo[i].has_arg || found->flag != lo[i].flag || found->val != lo[i].val) ambiguous = 1;
	}
	const char *pfx = dashes == 2 ? "--" : "-";
	if (ambiguous && !exact) {
		if (opterr && !colon) {
			fprintf(stderr, "%s: option '%s%.*s' is ambiguous; possibilities:", argv[0], pfx, (int)len, name);
			for (int i = 0; lo[i].name; i++)
				if (!strncmp(lo[i].name, name, len)) fprintf(stderr, " '%s%s'", pfx, lo[i].name);
			fputc('\n', stderr);
		}
		nextchar = 0;
		optind++;
		optopt = 0;
		return '?';
	}
	if (!found) {
		if (dashes == 1 && strchr(opts, *name)) return -2; /* getopt_long_only: a short option after all */
		if (opterr && !colon) fprintf(stderr, "%s: unrecognized option '%s%s'\n", argv[0], pfx, name);
		nextchar = 0;
		optind++;
		optopt = 0;
		return '?';
	}
	optind++;
	nextchar = 0;
	if (eq) {
		if (found->has_arg == no_argument) {
			if (opterr && !colon) fprintf(stderr, "%s: option '%s%s' doesn't allow an argument\n", argv[0], pfx, found->name);
			optopt = found->val;
			return '?';
		}
		optarg = (char *)eq + 1;
	} else if (found->has_arg == required_argument) {
		if (optind < argc) optarg = argv[optind++];
		else {
			if (opterr && !colon) fprintf(stderr, "%s: option '%s%s' requires an argument\n", argv[0], pfx, found->name);
			optopt = found->val;
			return colon ? ':' : '?';
		}
	} else optarg = 0;
	if (idx) *idx = fi;
	if (found->flag) { *found->flag = found->val; return 0; }
	return found->val;
}

static int scan(int argc, char *const argv0[], const char *opts, const struct option *lo, int *idx, int long_only)
{
	char **argv = (char **)argv0;
	if (optind == 0 || !initialized) {
		if (optind == 0) optind = 1;
		first_nonopt = last_nonopt = optind;
		nextchar = 0;
		initialized = 1;
	}
	int order = 0; /* 0 permute, 1 require order, 2 return in order */
	if (*opts == '+') { order = 1; opts++; }
	else if (*opts == '-') { order = 2; opts++; }
	else if (getenv("POSIXLY_CORRECT")) order = 1;
	int colon = *opts == ':';
	optarg = 0;

	if (!nextchar || !*nextchar) {
		if (last_nonopt > optind) last_nonopt = optind;
		if (first_nonopt > optind) first_nonopt = optind;
		if (order == 0) {
			if (first_nonopt != last_nonopt && last_nonopt != optind) exchange(argv);
			else if (last_nonopt != optind) first_nonopt = optind;
			while (optind < argc && !is_option(argv[optind])) optind++;
			last_nonopt = optind;
		}
		if (optind != argc && !strcmp(argv[optind], "--")) {
			optind++;
			if (first_nonopt != last_nonopt && last_nonopt != optind) exchange(argv);
			else if (first_nonopt == last_nonopt) first_nonopt = optind;
			last_nonopt = argc;
			optind = argc;
		}
		if (optind >= argc) {
			if (first_nonopt != last_nonopt) optind = first_nonopt;
			return -1;
		}
		if (!is_option(argv[optind])) {
			if (order == 1) return -1;
			optarg = argv[optind++];
			return 1;
		}
		if (lo && argv[optind][1] == '-') {
			nextchar = argv[optind] + 2;
			return long_option(argc, argv, opts, lo, idx, colon, 2);
		}
		nextchar = argv[optind] + 1;
		/* getopt_long_only: "-x" with x a short option is that option, as glibc */
		if (lo && long_only && (argv[optind][2] || !strchr(opts, argv[optind][1]))) {
			const char *save = nextchar;
			int r = long_option(argc, argv, opts, lo, idx, colon, 1);
			if (r != -2) return r;
			nextchar = save;
		}
	}

	char c = *nextchar++;
	const char *spec = c == ':' ? 0 : strchr(opts, c);
	if (!*nextchar) optind++;
	if (!spec) {
		if (opterr && !colon) fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		optopt = c;
		return '?';
	}
	if (spec[1] == ':') {
		if (spec[2] == ':') { /* optional argument: only in the same word */
			if (*nextchar) { optarg = (char *)nextchar; optind++; }
			nextchar = 0;
		} else if (*nextchar) {
			optarg = (char *)nextchar;
			optind++;
			nextchar = 0;
		} else if (optind >= argc) {
			if (opterr && !colon) fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
			optopt = c;
			nextchar = 0;
			return colon ? ':' : '?';
		} else {
			optarg = argv[optind++];
			nextchar = 0;
		}
	}
	return c;
}

int getopt(int argc, char *const argv[], const char *opts) { return scan(argc, argv, opts, 0, 0, 0); }
int getopt_long(int argc, char *const argv[], const char *opts, const struct option *lo, int *idx) { return scan(argc, argv, opts, lo, idx, 0); }
int getopt_long_only(int argc, char *const argv[], const char *opts, const struct option *lo, int *idx) { return scan(argc, argv, opts, lo, idx, 1); }
