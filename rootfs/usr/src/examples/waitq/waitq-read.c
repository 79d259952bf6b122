/* waitq-read: one read(2) from /dev/waitq, to try the driver's blocking read.
 *   waitq-read        block until a writer comes, print what was read
 *   waitq-read -n     open with O_NONBLOCK: with nothing to read, read fails with EAGAIN
 *   waitq-read -a N   let SIGALRM (a handler without SA_RESTART) interrupt the read after
 *                     N seconds: read fails with EINTR
 * Prints "read N bytes: TEXT" and exits 0, or prints perror's line and exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

static void on_alarm(int sig) { (void)sig; }

int main(int argc, char **argv)
{
	int flags = O_RDONLY, seconds = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-n")) flags |= O_NONBLOCK;
		else if (!strcmp(argv[i], "-a") && i + 1 < argc) seconds = atoi(argv[++i]);
	}
	int fd = open("/dev/waitq", flags);
	if (fd < 0) {
		perror("open /dev/waitq");
		return 1;
	}
	if (seconds > 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_alarm; /* no SA_RESTART: the read is interrupted */
		sigaction(SIGALRM, &sa, NULL);
		alarm(seconds);
	}
	char buf[1024];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	if (n < 0) {
		perror("read");
		return 1;
	}
	buf[n] = '\0';
	close(fd);
	printf("read %zd bytes: %s\n", n, buf);
	return 0;
}
