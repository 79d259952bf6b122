/* hello-test: a user program for the hello driver. It opens /dev/hello, writes "hello",
 * seeks back to the start, reads the bytes back and prints them on a line of their own.
 * Exit status 0 on success, 1 (with perror's message on stderr) when a call fails. */
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	const char *msg = "hello";
	int fd = open("/dev/hello", O_RDWR);
	if (fd < 0) {
		perror("open /dev/hello");
		return 1;
	}
	if (write(fd, msg, strlen(msg)) != (ssize_t)strlen(msg)) {
		perror("write");
		return 1;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		perror("lseek");
		return 1;
	}
	ssize_t n = read(fd, buf, sizeof buf - 1);
	if (n < 0) {
		perror("read");
		return 1;
	}
	buf[n] = '\0';
	close(fd);
	printf("%s\n", buf);
	return 0;
}
