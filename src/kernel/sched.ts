// The scheduler of a one-CPU kernel on one JavaScript thread. Exactly one task is on the CPU at a
// time; `current` names it. A task leaves the CPU only at explicit points: it sleeps (sleepOn,
// through a wait queue), exits, finishes a system call made from a Worker, or has used its time
// slice (a system program that never blocks is preempted at its next system call). Everything
// between two such points is atomic, as in a non-preemptive uniprocessor kernel.
//
// Sleeping is an awaited promise that only dispatch() resolves, so a woken task resumes with
// `current` set to it. After SLICE_MS of continuous running the scheduler goes through the host
// event loop (setImmediate), so timers, console input and Worker system calls are served.
//
// The CPU is shared fairly between users first, then between a user's tasks, as CFS's group
// scheduling does with the equal CPU weight systemd gives each user's slice: the next task comes
// from the user who has had the least CPU time, so a user's fork bomb leaves root half the CPU.
import type { Task } from "./task.js";

export const TASK_RUNNING = 0;
export const TASK_INTERRUPTIBLE = 1;
export const TASK_UNINTERRUPTIBLE = 2;
export const TASK_STOPPED = 4;
export const TASK_DEAD = 16;

const SLICE_MS = 5;

/** The task on the CPU, or null when the kernel is idle or in interrupt context. */
export let current: Task | null = null;

/** A user's runnable tasks, in arrival order, and the CPU time the user has had (ms). */
interface UserQueue { tasks: Task[]; vruntime: number }
const userQueues = new Map<number, UserQueue>();
let runnable = 0;
/** The least vruntime any user has had when picked; a user who starts running again starts here. */
let minVruntime = 0;

function userQueue(uid: number): UserQueue {
  let q = userQueues.get(uid);
  if (q === undefined) {
    q = { tasks: [], vruntime: minVruntime };
    userQueues.set(uid, q);
  }
  return q;
}

function enqueue(task: Task): void {
  const q = userQueue(task.cred.uid);
  if (q.tasks.length === 0) q.vruntime = Math.max(q.vruntime, minVruntime);
  q.tasks.push(task);
  runnable++;
}

/** The first task of the user with the least CPU time, taken off the run queue. */
function pickNext(): Task | undefined {
  let best: UserQueue | undefined;
  let bestUid = 0;
  for (const [uid, q] of userQueues) {
    if (q.tasks.length === 0) {
      if (q.vruntime <= minVruntime) userQueues.delete(uid); // no tasks, no debt to remember
    } else if (best === undefined || q.vruntime < best.vruntime) {
      best = q;
      bestUid = uid;
    }
  }
  if (best === undefined) return undefined;
  minVruntime = Math.max(minVruntime, best.vruntime);
  runnable--;
  const task = best.tasks.shift()!;
  if (best.tasks.length === 0) userQueues.delete(bestUid);
  return task;
}

let onCpu: Task | null = null;
let onCpuSince = 0;

/**
 * Put task on the CPU (or none), charging the time the previous one had to it: a system
 * program's time counts as user time, a Worker program's (the kernel serving its calls) as
 * system time; a Worker's own running time is charged by its channel.
 */
function switchTo(task: Task | null): void {
  const now = performance.now();
  const prev = onCpu;
  if (prev !== null) {
    if (prev.backend?.kind === "worker") prev.stimeMs += now - onCpuSince;
    else prev.utimeMs += now - onCpuSince;
    const q = userQueues.get(prev.cred.uid);
    if (q !== undefined) q.vruntime += now - onCpuSince;
    else if (now - onCpuSince > 0) userQueue(prev.cred.uid).vruntime = minVruntime + (now - onCpuSince);
  }
  onCpuSince = now;
  onCpu = task;
  current = task;
  schedHooks.switched?.(task);
}
/** Told of every switch (the host's watchdog shows what was on the CPU). */
export const schedHooks: { switched: ((t: Task | null) => void) | null } = { switched: null };
let dispatchPending = false;
let sliceStart = performance.now();

/** Park task until wakeUpProcess(task); it must be the task on the CPU (or not running at all). */
export function sleepOn(task: Task, state: number): Promise<void> {
  task.state = state;
  return new Promise<void>((resolve) => {
    task.resume = resolve;
    if (onCpu === task) leaveCpu();
  });
}

/** Make a sleeping task runnable. Returns whether it was asleep. */
export function wakeUpProcess(task: Task, onlyInterruptible = false): boolean {
  if (!task.resume) return false;
  if (task.state === TASK_RUNNING || task.state === TASK_STOPPED || task.state === TASK_DEAD) return false;
  if (onlyInterruptible && task.state !== TASK_INTERRUPTIBLE) return false;
  task.state = TASK_RUNNING;
  enqueue(task);
  kick();
  return true;
}

/** Resume a stopped task (SIGCONT) or start a new one: it joins the run queue. */
export function enqueueTask(task: Task, resume: () => void): void {
  task.state = TASK_RUNNING;
  task.resume = resume;
  enqueue(task);
  kick();
}

/** The task on the CPU gives it up (it finished a Worker syscall, exited, or stopped). */
export function leaveCpu(): void {
  switchTo(null);
  kick();
}

/** Give the CPU to task directly (a Worker's syscall arriving when the CPU is free). */
export function tryTakeCpu(task: Task): boolean {
  if (onCpu !== null || runnable > 0) return false;
  switchTo(task);
  return true;
}

/** The clock is read once every RESCHED_CHECK calls: a read costs ~60 ns, a getpid ~10. */
const RESCHED_CHECK = 32;
let reschedCountdown = 0;

/** Used by the syscall entry of a system program: yield if the time slice is used up. */
export function needResched(): boolean {
  if (--reschedCountdown > 0) return false;
  reschedCountdown = RESCHED_CHECK;
  return performance.now() - sliceStart > SLICE_MS;
}

/** The running task yields the CPU but stays runnable (sched_yield, end of time slice). */
export function yieldCpu(task: Task): Promise<void> {
  return new Promise<void>((resolve) => {
    task.resume = resolve;
    enqueue(task);
    if (onCpu === task) leaveCpu();
  });
}

export function isIdle(): boolean {
  return onCpu === null && runnable === 0;
}

function kick(): void {
  if (dispatchPending || onCpu !== null || runnable === 0) return;
  dispatchPending = true;
  if (performance.now() - sliceStart > SLICE_MS) {
    setImmediate(() => { sliceStart = performance.now(); dispatch(); });
  } else {
    queueMicrotask(dispatch);
  }
}

function dispatch(): void {
  dispatchPending = false;
  if (onCpu !== null) return;
  const task = pickNext();
  if (!task) return;
  switchTo(task);
  const resume = task.resume;
  task.resume = null;
  task.state = TASK_RUNNING;
  resume?.();
}

/** Called when the host event loop gives the kernel a turn (a macrotask): a new slice starts. */
export function newSlice(): void {
  sliceStart = performance.now();
}

/** Make `task` current without scheduling (interrupt context switching in, vfork children). */
export function setCurrent(task: Task | null): void {
  switchTo(task);
  if (task === null) kick();
}
