/* POSIX threads as the exercises use them: a counter shared by four threads under a mutex,
   results through pthread_join, errno per thread, a condition variable and a semaphore, once,
   keys with destructors, a barrier, recursive and error-checking mutexes, timed waits running
   out, detached threads, thread ids (one pid, distinct tids, /proc/self/task), a thread's
   exit() ending the whole process, and the main thread leaving with pthread_exit. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;
static sem_t sem;

static void *count(void *arg) {
  long n = (long)arg;
  for (int i = 0; i < 20000; i++) { pthread_mutex_lock(&lock); counter++; pthread_mutex_unlock(&lock); }
  errno = (int)n;
  return (void *)(n * 10);
}

static void *waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  while (!ready) pthread_cond_wait(&cond, &lock);
  pthread_mutex_unlock(&lock);
  sem_post(&sem);
  return NULL;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void init_once(void) { once_runs++; }
static pthread_key_t key;
static int destructed;
static void dtor(void *v) { __atomic_fetch_add(&destructed, (int)(long)v, __ATOMIC_SEQ_CST); }
static pthread_barrier_t barrier;
static int serial;

static void *each(void *arg) {
  pthread_once(&once, init_once);
  pthread_setspecific(key, arg);
  if (pthread_getspecific(key) != arg) printf("getspecific wrong\n");
  if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) __atomic_fetch_add(&serial, 1, __ATOMIC_SEQ_CST);
  return NULL;
}

static volatile int tids_differ;
static void *ids(void *arg) {
  pid_t main_tid = *(pid_t *)arg;
  tids_differ = gettid() != main_tid && gettid() != 0;
  return (void *)(long)getpid();
}

static void *exiter(void *arg) { (void)arg; usleep(10000); exit(7); }
static void *sleeper(void *arg) { (void)arg; for (;;) pause(); }

/* stdio from several threads at once: each line must come out whole. */
static FILE *shared;
static void *liner(void *arg) {
  for (int i = 0; i < 2000; i++) fprintf(shared, "thread %ld line %d of this thread's 2000\n", (long)arg, i);
  return NULL;
}
static void *poster(void *arg) { sem_post(arg); return NULL; }
static long vm_size_kb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char l[128];
  long kb = -1;
  while (fgets(l, sizeof l, f)) if (!strncmp(l, "VmSize:", 7)) kb = atol(l + 7);
  fclose(f);
  return kb;
}

static void *last(void *arg) { (void)arg; usleep(20000); printf("the last thread runs after main left\n"); fflush(stdout); return NULL; }

int main(void) {
  pthread_t t[4];
  errno = 0;
  for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, count, (void *)(i + 1));
  long sum = 0;
  for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); sum += (long)r; }
  printf("counter %ld, results %ld, main's errno %d\n", counter, sum, errno);

  sem_init(&sem, 0, 0);
  pthread_t w;
  pthread_create(&w, NULL, waiter, NULL);
  usleep(20000);
  pthread_mutex_lock(&lock); ready = 1; pthread_cond_signal(&cond); pthread_mutex_unlock(&lock);
  sem_wait(&sem);
  pthread_join(w, NULL);
  int v;
  sem_getvalue(&sem, &v);
  int tr = sem_trywait(&sem);
  printf("signalled; semaphore %d, trywait %d %s\n", v, tr, strerror(errno));

  pthread_key_create(&key, dtor);
  pthread_barrier_init(&barrier, NULL, 3);
  for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, each, (void *)(i + 1));
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  printf("once ran %d time(s), destructors got %d, serial threads %d\n", once_runs, destructed, serial);

  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_t rec;
  pthread_mutex_init(&rec, &ma);
  int l1 = pthread_mutex_lock(&rec), l2 = pthread_mutex_lock(&rec), u1 = pthread_mutex_unlock(&rec), u2 = pthread_mutex_unlock(&rec);
  printf("recursive: %d %d %d %d, a third unlock %s\n", l1, l2, u1, u2, strerror(pthread_mutex_unlock(&rec)));
  pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_t chk;
  pthread_mutex_init(&chk, &ma);
  pthread_mutex_lock(&chk);
  int again = pthread_mutex_lock(&chk);
  pthread_mutex_lock(&lock);
  int busy = pthread_mutex_trylock(&lock);
  printf("errorcheck relock: %s, trylock of a held normal mutex: %s\n", strerror(again), strerror(busy));
  pthread_mutex_unlock(&lock);

  struct timespec at;
  clock_gettime(CLOCK_REALTIME, &at);
  at.tv_nsec += 30 * 1000000;
  if (at.tv_nsec >= 1000000000) { at.tv_sec++; at.tv_nsec -= 1000000000; }
  pthread_mutex_lock(&lock);
  int tw = pthread_cond_timedwait(&cond, &lock, &at);
  pthread_mutex_unlock(&lock);
  errno = 0;
  int sw = sem_timedwait(&sem, &at);
  printf("timed waits: %s, %d %s\n", strerror(tw), sw, strerror(errno));

  pid_t me = gettid();
  pthread_t it;
  pthread_create(&it, NULL, ids, &me);
  void *their_pid;
  pthread_join(it, &their_pid);
  int self_join = pthread_join(pthread_self(), NULL);
  printf("same pid %d, distinct tids %d, join of self %s\n", (long)their_pid == getpid(), tids_differ, strerror(self_join));

  pthread_attr_t da;
  pthread_attr_init(&da);
  pthread_attr_setdetachstate(&da, PTHREAD_CREATE_DETACHED);
  int ds;
  pthread_attr_getdetachstate(&da, &ds);
  pthread_create(&it, &da, sleeper, NULL);
  usleep(10000);
  DIR *d = opendir("/proc/self/task");
  int n = 0;
  for (struct dirent *e; (e = readdir(d));) if (e->d_name[0] != '.') n++;
  closedir(d);
  printf("detached %d; /proc/self/task has %d threads\n", ds == PTHREAD_CREATE_DETACHED, n);
  fflush(stdout);

  shared = tmpfile();
  for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, liner, (void *)i);
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
  rewind(shared);
  char line[128];
  int lines = 0, whole = 0;
  while (fgets(line, sizeof line, shared)) {
    long th;
    int no;
    char tail[64];
    lines++;
    if (sscanf(line, "thread %ld line %d of this thread's %63s", &th, &no, tail) == 3 && !strcmp(tail, "2000") && th >= 0 && th < 4) whole++;
  }
  fclose(shared);
  printf("stdio from 4 threads: %d lines, %d whole\n", lines, whole);

  sem_t done;
  sem_init(&done, 0, 0);
  int made = 0;
  long vm_before = vm_size_kb();
  for (int i = 0; i < 400; i++) {
    if (pthread_create(&it, &da, poster, &done)) break;
    made++;
    sem_wait(&done);
  }
  long grown = vm_size_kb() - vm_before;
  printf("%d detached threads came and went; the address space grew by under 64 MiB: %d\n", made, grown < 65536);
  fflush(stdout);

  pid_t p = fork();
  if (p == 0) {
    pthread_t e;
    pthread_create(&e, NULL, exiter, NULL);
    for (;;) pause();
  }
  int st;
  waitpid(p, &st, 0);
  printf("a thread's exit(7) ends its process: exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
  fflush(stdout);

  p = fork();
  if (p == 0) {
    pthread_t e;
    pthread_create(&e, NULL, last, NULL);
    pthread_exit(NULL);
  }
  waitpid(p, &st, 0);
  printf("main left with pthread_exit: exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
  return 0;
}
