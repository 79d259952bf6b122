// The kernel's objects behind C structs, found by the struct's address: a C wait_queue_head_t,
// struct mutex, timer_list, work_struct or tasklet_struct is a small struct in kernel memory,
// and the kernel's object for it is made on first use (a static initializer is all zeros or
// only names a function, as Linux's are) and forgotten when the memory holding it is freed
// (kfree, or the module's unload), after its `forget` (a timer stops, work is cancelled).
// Also the C views of tasks (struct task_struct's __state, pid, tgid and comm): one per task,
// freed at its exit, so `current` and kthread_create's result are pointers C can read.
import type { KernelMemory } from "../../mm/kernel_memory.js";
import type { Task } from "../task.js";
import { exitHooks } from "../exit.js";

export class CObjects {
  private at = new Map<number, { o: object; forget?: (o: object) => void }>();
  private watching = false;
  constructor(private km: KernelMemory) {}
  get<T extends object>(addr: number, make: () => T, forget?: (o: T) => void): T {
    const e = this.at.get(addr);
    return e ? (e.o as T) : this.reset(addr, make(), forget);
  }
  /** What is at addr, if the kernel has made it. */
  peek(addr: number): object | undefined { return this.at.get(addr)?.o; }
  reset<T extends object>(addr: number, o: T, forget?: (o: T) => void): T {
    if (!this.watching) {
      this.watching = true;
      this.km.onRelease.push((start, size) => {
        for (const [a, e] of this.at) {
          if (a < start || a >= start + size) continue;
          this.at.delete(a);
          e.forget?.(e.o);
        }
      });
    }
    this.at.set(addr, { o, forget: forget as ((o: object) => void) | undefined });
    return o;
  }
}

/** struct task_struct's C view (linux/sched.h). */
const TASK = { state: 0, pid: 4, tgid: 8, comm: 12, size: 28 };
const TASK_COMM_LEN = 16;

export class TaskViews {
  private views = new Map<Task, number>();
  private tasks = new Map<number, Task>();
  private hooked = false;
  constructor(private km: KernelMemory) {}
  /** The C view of t, its fields brought up to date. */
  viewOf(t: Task): number {
    let v = this.views.get(t);
    if (!v) {
      if (!this.hooked) {
        this.hooked = true;
        exitHooks.push((gone) => {
          const w = this.views.get(gone);
          if (w) { this.views.delete(gone); this.tasks.delete(w); this.km.release(w); }
        });
      }
      v = this.km.alloc(TASK.size);
      this.views.set(t, v);
      this.tasks.set(v, t);
    }
    const dv = this.km.view;
    dv.setInt32(v + TASK.state, 0, true);
    dv.setInt32(v + TASK.pid, t.pid, true);
    dv.setInt32(v + TASK.tgid, t.tgid, true);
    const name = new TextEncoder().encode(t.comm).subarray(0, TASK_COMM_LEN - 1);
    this.km.bytes.fill(0, v + TASK.comm, v + TASK.comm + TASK_COMM_LEN);
    this.km.bytes.set(name, v + TASK.comm);
    return v;
  }
  /** The task a C view stands for. */
  taskAt(p: number): Task | undefined { return this.tasks.get(p); }
}
