/* basename and dirname as POSIX defines them (<libgen.h>). */
#ifndef _LIBGEN_H
#define _LIBGEN_H
char *dirname(char *);
char *basename(char *);
#define basename __xpg_basename
char *__xpg_basename(char *);
#endif
