/* <semaphore.h>: unnamed POSIX semaphores over futex(2). */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H
#include <features.h>
#include <time.h>

typedef struct { int __value; int __waiters; } sem_t;
#define SEM_FAILED ((sem_t *)0)

int sem_init(sem_t *, int, unsigned);
int sem_destroy(sem_t *);
int sem_wait(sem_t *);
int sem_trywait(sem_t *);
int sem_timedwait(sem_t *__restrict, const struct timespec *__restrict);
int sem_post(sem_t *);
int sem_getvalue(sem_t *__restrict, int *__restrict);
#endif
