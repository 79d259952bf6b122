// The kernel calls a C module may sleep in (linux/wait.h, mutex.h, completion.h, delay.h,
// sched.h, kthread.h, workqueue.h, interrupt.h in the build directory): kbuild applies Asyncify to a module that imports any of them
// (usr/toolchain/wasm_asyncify.ts), and the kernel suspends the module's C stack while the task
// sleeps (kernel/module/c_sleep.ts). Shared by the toolchain and the loader.
export const C_SLEEPING_CALLS: ReadonlySet<string> = new Set([
  "__typix_wait_sleep", "__typix_wait_sleep_timeout", "mutex_lock", "mutex_lock_interruptible", "mutex_lock_killable",
  "wait_for_completion", "wait_for_completion_interruptible", "wait_for_completion_killable", "wait_for_completion_timeout",
  "wait_for_completion_interruptible_timeout", "msleep", "msleep_interruptible", "ssleep", "usleep_range", "schedule",
  "schedule_timeout", "cond_resched", "spin_lock", "spin_lock_bh", "spin_lock_irq", "_raw_spin_lock_irqsave",
  "kthread_stop", "destroy_workqueue", "flush_work", "flush_delayed_work", "cancel_work_sync", "cancel_delayed_work_sync",
  "__typix_flush_workqueue", "tasklet_kill",
]);
