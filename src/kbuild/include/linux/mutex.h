/* linux/mutex.h: sleeping locks. mutex_lock waits (the task sleeps) while another task holds
 * the mutex; lockdep checks the order mutexes are taken in, as it does for every lock. */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H
#include <linux/types.h>

/* The name is lockdep's: the variable's for DEFINE_MUTEX, the argument's text for mutex_init. */
struct mutex { int __typix_lock; const char *__typix_name; };

#define __MUTEX_INITIALIZER(name) { 0, #name }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

void __mutex_init(struct mutex *lock, const char *name);
#define mutex_init(lock) __mutex_init((lock), #lock)
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_killable(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
int mutex_is_locked(struct mutex *lock);
static inline void mutex_destroy(struct mutex *lock) { (void)lock; }

#endif
