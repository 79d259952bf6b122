/* ioctl: requests on a terminal and on a pipe. TIOCGWINSZ asks a terminal its size (on
 * anything else: ENOTTY, "Inappropriate ioctl for device"); FIONREAD says how many bytes wait in
 * a pipe; FIONBIO makes reads non-blocking (EAGAIN when nothing waits). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/ioctl.h>

int main(void)
{
	struct winsize ws;
	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0) printf("terminal: %d rows, %d columns\n", ws.ws_row, ws.ws_col);
	else printf("TIOCGWINSZ on stdin: %s\n", strerror(errno));
	int p[2];
	if (pipe(p) < 0) { perror("pipe"); return 1; }
	write(p[1], "hello", 5);
	int n = 0;
	if (ioctl(p[0], FIONREAD, &n) < 0) { perror("FIONREAD"); return 1; }
	printf("FIONREAD: %d bytes wait in the pipe\n", n);
	char buf[16];
	printf("read %zd bytes\n", read(p[0], buf, sizeof buf));
	int on = 1;
	ioctl(p[0], FIONBIO, &on);
	ssize_t r = read(p[0], buf, sizeof buf);
	printf("non-blocking read of an empty pipe: %zd (%s)\n", r, strerror(errno));
	printf("_IOR('h', 1, int) = %#lx\n", (unsigned long)_IOR('h', 1, int));
	return 0;
}
