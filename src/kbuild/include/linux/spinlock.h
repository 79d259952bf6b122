/* linux/spinlock.h: spinlocks. On Typix's one CPU, C code between two sleeping points is never
 * interrupted, so a lock is free whenever it is taken, unless its holder slept holding it (a
 * bug lockdep and might_sleep report); then the caller waits for it. */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H
#include <linux/types.h>

/* The name is lockdep's: the variable's for DEFINE_SPINLOCK, the argument's text for
 * spin_lock_init. */
typedef struct spinlock { int __typix_lock; const char *__typix_name; } spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) { 0, #name }
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

void __typix_spin_lock_init(spinlock_t *lock, const char *name);
#define spin_lock_init(lock) __typix_spin_lock_init((lock), #lock)
void spin_lock(spinlock_t *lock);
void spin_lock_bh(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(spinlock_t *lock);
#define spin_lock_irqsave(lock, flags) do { (flags) = _raw_spin_lock_irqsave(lock); } while (0)
void spin_unlock(spinlock_t *lock);
void spin_unlock_bh(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
int spin_trylock(spinlock_t *lock);
int spin_is_locked(spinlock_t *lock);

#endif
