/* strsignal, sigdescr_np, sigabbrev_np and psignal with glibc's texts (from the kernel's table). */
#include <string.h>
#include <stdio.h>
#include <signal.h>

extern const char *const __signal_text[], *const __signal_abbrev[];
extern const int __signal_count;
static char buf[32];

const char *sigdescr_np(int sig) { return sig > 0 && sig < __signal_count ? __signal_text[sig] : 0; }
const char *sigabbrev_np(int sig) { return sig > 0 && sig < __signal_count ? __signal_abbrev[sig] : 0; }

char *strsignal(int sig)
{
	if (sig > 0 && sig < __signal_count) return (char *)__signal_text[sig];
	if (sig >= SIGRTMIN && sig <= SIGRTMAX) snprintf(buf, sizeof buf, "Real-time signal %d", sig - SIGRTMIN);
	else snprintf(buf, sizeof buf, "Unknown signal %d", sig);
	return buf;
}

void psignal(int sig, const char *s)
{
	if (s && *s) fprintf(stderr, "%s: %s\n", s, strsignal(sig));
	else fprintf(stderr, "%s\n", strsignal(sig));
}
