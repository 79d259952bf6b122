// "linux/kthread": kernel threads. A kthread is a task in the process table with no address
// space and the name it was given as comm (ps shows it in brackets, having no command line),
// a child of init. Its function runs as kernel code that may sleep; returning ends the thread,
// an exception is an oops; kthread_exit (and kthread_complete_and_exit, which completes a
// completion first) ends it from anywhere in its function. kthread_stop asks it to stop (kthread_should_stop), wakes it, waits
// for it to end (async) and returns what the function returned.
import { Task } from "../../kernel/task.js";
import { Cred } from "../../kernel/cred.js";
import { FdTable } from "../../fs/fdtable.js";
import { allocPid, registerTask } from "../../kernel/pid.js";
import { getInitTask, doExit } from "../../kernel/exit.js";
import { enqueueTask, current, leaveCpu, wakeUpProcess } from "../../kernel/sched.js";
import { uptimeUsec } from "../../kernel/printk.js";
import { oops } from "../../kernel/panic.js";
import { exitStatus } from "../uapi/wait.js";
import { EINTR } from "../uapi/errno.js";
import { WaitQueue } from "../../kernel/wait.js";
import { mightSleep } from "./might_sleep.js";
import { vsprintf } from "./vsprintf.js";
import { exportHeader } from "../../kernel/module/ksyms.js";
import { complete, type completion } from "./completion.js";

/** Thrown by kthread_exit through the thread function's frames to the thread's start. */
class KthreadExit { constructor(readonly code: number) {} }

interface Kthread {
  shouldStop: boolean;
  started: boolean;
  start: () => void;
  result: number;
  exited: boolean;
  readonly exitWait: WaitQueue;
}
const kthreads = new WeakMap<Task, Kthread>();

/** kthread_create: a new kernel thread, not yet running (wake_up_process starts it). */
export function kthread_create(fn: (data: any) => number | Promise<number>, data: unknown, namefmt: string, ...args: unknown[]): Task {
  const init = getInitTask()!;
  const t = new Task(allocPid(), new Cred(0, 0), { root: init.fs.root, cwd: init.fs.root, umask: 0o022, users: 1 },
    new FdTable(), null, uptimeUsec() / 1000);
  t.comm = vsprintf(namefmt, args).slice(0, 15);
  t.parent = init;
  init.children.add(t);
  t.pgid = 0;
  t.sid = 0;
  registerTask(t);
  const k: Kthread = { shouldStop: false, started: false, result: 0, exited: false, exitWait: new WaitQueue(), start: () => {} };
  const finish = () => { k.exited = true; k.exitWait.wakeUp(); };
  k.start = () => {
    if (k.started) return;
    k.started = true;
    enqueueTask(t, () => {
      (async () => {
        try {
          k.result = k.shouldStop ? -EINTR : Number(await fn(data)) || 0;
          await doExit(t, exitStatus(0));
        } catch (e) {
          if (e instanceof KthreadExit) {
            k.result = e.code;
            await doExit(t, exitStatus(0));
          } else oops(t, e, "kthread+0xe8/0x120");
        } finally {
          finish();
          if (current === t) leaveCpu();
        }
      })();
    });
  };
  kthreads.set(t, k);
  return t;
}

/** kthread_run: create and start. */
export function kthread_run(fn: (data: any) => number | Promise<number>, data: unknown, namefmt: string, ...args: unknown[]): Task {
  const t = kthread_create(fn, data, namefmt, ...args);
  kthreads.get(t)!.start();
  return t;
}
/** Start a created kthread (wake_up_process on a new kthread). */
export function kthreadWake(t: Task): boolean {
  const k = kthreads.get(t);
  if (k && !k.started) { k.start(); return true; }
  return wakeUpProcess(t);
}
export const kthread_should_stop = (): boolean => (current ? kthreads.get(current)?.shouldStop ?? false : false);

/** kthread_stop: ask the thread to stop, wait for its end; its function's return value. */
export async function kthread_stop(t: Task): Promise<number> {
  const k = kthreads.get(t);
  if (!k) return -EINTR;
  k.shouldStop = true;
  if (!k.started) k.start();
  else wakeUpProcess(t);
  if (!k.exited) await k.exitWait.waitEvent(mightSleep(), () => k.exited, false);
  return k.result;
}
export const isKthread = (t: Task) => kthreads.has(t);

/** kthread_exit: end the calling kernel thread with result code (what kthread_stop returns). */
export function kthread_exit(code: number): never {
  if (!current || !kthreads.has(current)) throw new Error("kthread_exit called from a task that is not a kernel thread");
  throw new KthreadExit(code);
}
/** kthread_complete_and_exit: complete comp (if any), then kthread_exit(code). */
export function kthread_complete_and_exit(comp: completion | null, code: number): never {
  if (comp) complete(comp);
  kthread_exit(code);
}

export const api = { kthread_create, kthread_run, kthread_should_stop, kthread_stop, kthread_exit, kthread_complete_and_exit };
exportHeader("linux/kthread", api);
