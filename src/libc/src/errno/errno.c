/* errno: one per thread (for now one per process), reached through __errno_location. */
#include <errno.h>

static int errno_value;
int *__errno_location(void) { return &errno_value; }
