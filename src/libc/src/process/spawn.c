/* Running a shell command: system's child and popen/pclose, on libc's vfork. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include "stdio_impl.h"
#include "libc.h"

pid_t __vfork_call(void (*child)(void *), void *arg);

struct shell { const char *cmd; const struct sigaction *oint, *oquit; const sigset_t *omask; int fd, target, close_fd; };

static void run_shell(void *p)
{
	struct shell *s = p;
	if (s->oint) { sigaction(SIGINT, s->oint, 0); sigaction(SIGQUIT, s->oquit, 0); sigprocmask(SIG_SETMASK, s->omask, 0); }
	if (s->fd >= 0 && s->fd != s->target) { dup2(s->fd, s->target); close(s->fd); }
	if (s->close_fd >= 0) close(s->close_fd);
	char *argv[] = { "sh", "-c", (char *)s->cmd, 0 };
	execve("/bin/sh", argv, environ);
}

pid_t __spawn_shell(const char *cmd, const struct sigaction *oint, const struct sigaction *oquit, const sigset_t *omask)
{
	struct shell s = { cmd, oint, oquit, omask, -1, -1, -1 };
	return __vfork_call(run_shell, &s);
}

FILE *popen(const char *cmd, const char *mode)
{
	int reading = *mode == 'r';
	if ((*mode != 'r' && *mode != 'w') || (mode[1] && mode[1] != 'e')) { errno = EINVAL; return 0; }
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0) return 0;
	int mine = reading ? p[0] : p[1], theirs = reading ? p[1] : p[0];
	struct shell s = { cmd, 0, 0, 0, theirs, reading ? 1 : 0, -1 };
	/* the child's end must survive exec: dup2 onto 0 or 1 clears close-on-exec */
	if (theirs == s.target) { int d = dup(theirs); close(theirs); theirs = s.fd = d; }
	pid_t pid = __vfork_call(run_shell, &s);
	close(theirs);
	if (pid < 0) { close(mine); return 0; }
	if (mode[1] != 'e') fcntl(mine, F_SETFD, 0);
	FILE *f = __fopen_fd(mine, reading ? F_READ : F_WRITE);
	if (!f) { close(mine); return 0; }
	f->pid = pid;
	return f;
}

int pclose(FILE *f)
{
	pid_t pid = f->pid;
	if (!pid) { errno = ECHILD; return -1; }
	fclose(f);
	int status;
	pid_t r;
	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {}
	return r < 0 ? -1 : status;
}
