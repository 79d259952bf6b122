/* strerror_r without _GNU_SOURCE is POSIX's: an int, ERANGE when the buffer is too small. */
#include <stdio.h>
#include <string.h>
#include <errno.h>

int main(void) {
  char buf[64], small[6];
  int r = strerror_r(ENOENT, buf, sizeof buf);
  printf("%d [%s]\n", r, buf);
  r = strerror_r(ENOENT, small, sizeof small);
  printf("%d [%s]\n", r, small);
  r = strerror_r(9999, buf, sizeof buf);
  printf("%d [%s] errno %d\n", r, buf, errno);
  return 0;
}
