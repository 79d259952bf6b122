/* errno's texts: strerror, strerrorname_np, strerrordesc_np, both strerror_r, perror and %m for
   every errno value and for values out of range. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>

int main(void) {
  for (int e = -2; e <= 136; e++) {
    const char *name = strerrorname_np(e), *desc = strerrordesc_np(e);
    char buf[64], small[8];
    char *g = strerror_r(e, buf, sizeof buf);
    char *t = strerror_r(e, small, sizeof small);
    printf("%d %s|%s|%s|%s|%s\n", e, strerror(e), name ? name : "(null)", desc ? desc : "(null)", g, t);
    errno = e; printf("m:%m\n");
    errno = e; perror("perror");
  }
  errno = ENOENT; perror(""); errno = EACCES; perror(NULL);
  printf("EAGAIN==EWOULDBLOCK %d EDEADLOCK==EDEADLK %d ENOTSUP==EOPNOTSUPP %d\n", EAGAIN == EWOULDBLOCK, EDEADLOCK == EDEADLK, ENOTSUP == EOPNOTSUPP);
  return 0;
}
