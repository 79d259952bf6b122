// lockdep, the lock validator (Linux's kernel/locking/lockdep.c, written anew): every lock a
// task takes joins its held-lock stack, and taking lock B while holding lock A records the
// dependency A -> B with the stack that made it. Taking a lock the task already holds is a
// possible recursive locking; taking B while holding A when B -> ... -> A was seen before (by any
// task) is a possible circular locking dependency, reported with both chains even when no
// deadlock happened this time. Releasing a lock not held is a bad unlock balance; returning to
// user space with a lock held is reported on the way out of the system call.
//
// As in Linux, the first report switches lock debugging off (debug_locks), and so does a taint
// that makes the kernel's state unreliable (a proprietary or forced module, an oops, a bad page):
// the module loader prints "Disabling lock debugging due to kernel taint" then.
import type { Task } from "./task.js";
import { current } from "./sched.js";
import { printk, KERN } from "./printk.js";
import { getTaint, addTaint, taintString } from "./taint.js";
import { utsname } from "./utsname.js";
import { saveStack, stackLines, stackTop, dumpSavedStack, type SavedStack } from "./stacktrace.js";

/** Taints after which lockdep's view can no longer be trusted (P, F, B, D: LOCKDEP_NOW_UNRELIABLE). */
const UNRELIABLE = 1 | 2 | 32 | 128;

let debugLocks = true;

/** Whether lock debugging is on: not switched off by a report or an unreliable taint. */
export function lockdepOn(): boolean {
  return debugLocks && (getTaint() & UNRELIABLE) === 0;
}

/**
 * debug_locks_off: switch lock debugging off; true if it was on. With `taint`, the reason is a
 * taint and the line Linux prints then is logged.
 */
export function debugLocksOff(taint = false): boolean {
  const was = debugLocks;
  debugLocks = false;
  if (was && taint) printk(KERN(4) + "Disabling lock debugging due to kernel taint\n");
  return was;
}

/** add_taint(flag, LOCKDEP_NOW_UNRELIABLE): taint, and switch lock debugging off saying why. */
export function addTaintUnreliable(flag: number): void {
  const was = lockdepOn();
  addTaint(flag);
  if (was) debugLocksOff(true);
  else debugLocks = false;
}

/** What kind of lock: spinning ({2:2} wait type) or sleeping ({3:3}). */
export type LockKind = "spin" | "sleep";

/** A lock class: one per lock object here (Linux keys classes by the lock's init site). */
interface LockClass {
  name: string;
  kind: LockKind;
  addr: bigint;
  /** Ever taken with interrupts enabled ({+.+.}) rather than only with them off ({....}). */
  irqOn: boolean;
  /** Locks taken while this one was held, with the stack that took them. */
  after: Map<LockClass, SavedStack>;
}

interface HeldLock { cls: LockClass; lock: object; stack: SavedStack; irqOff: boolean }

const classes = new WeakMap<object, LockClass>();
const held = new WeakMap<Task, HeldLock[]>();
let nextAddr = 0xffffffffc1a00000n;

function classOf(lock: object, name: string, kind: LockKind): LockClass {
  let c = classes.get(lock);
  if (!c) {
    c = { name, kind, addr: nextAddr, irqOn: false, after: new Map() };
    nextAddr += 0x40n;
    classes.set(lock, c);
  }
  return c;
}

export function heldLocks(t: Task): HeldLock[] {
  let h = held.get(t);
  if (!h) { h = []; held.set(t, h); }
  return h;
}

const W = (s: string) => printk(KERN(4) + s + "\n");
const hex = (a: bigint) => a.toString(16).padStart(16, "0");
const usage = (c: LockClass) => (c.irqOn ? "{+.+.}" : "{....}") + (c.kind === "spin" ? "-{2:2}" : "-{3:3}");
const lockDesc = (c: LockClass) => `(${c.name})${usage(c)}`;
const holdLine = (h: HeldLock) => `${hex(h.cls.addr)} ${lockDesc(h.cls)}, at: ${stackTop(h.stack, "0x0")}`;

/** The kernel's identity line under a report's title ("6.6.0-typix #1 Tainted: G O"). */
function ident(): string {
  return `${utsname.release} ${utsname.version.split(" ")[0]} ${taintString()}`;
}

function header(title: string, width: number): void {
  W("");
  W("=".repeat(width));
  W(title);
  W(ident());
  W("-".repeat(width));
}

/** lockdep_print_held_locks */
export function printHeldLocks(t: Task): void {
  const h = heldLocks(t);
  if (h.length === 0) { W(`no locks held by ${t.comm}/${t.pid}.`); return; }
  W(`${h.length} lock${h.length > 1 ? "s" : ""} held by ${t.comm}/${t.pid}:`);
  h.forEach((x, i) => W(` #${i}: ${holdLine(x)}`));
}

/** Is there a path from a to b in the dependency graph? The path's classes, a first. */
function findPath(a: LockClass, b: LockClass): LockClass[] | null {
  const prev = new Map<LockClass, LockClass | null>([[a, null]]);
  const queue = [a];
  while (queue.length) {
    const c = queue.shift()!;
    if (c === b) {
      const path: LockClass[] = [];
      for (let x: LockClass | null = c; x; x = prev.get(x) ?? null) path.unshift(x);
      return path;
    }
    for (const n of c.after.keys()) if (!prev.has(n)) { prev.set(n, c); queue.push(n); }
  }
  return null;
}

function reportRecursive(t: Task, cls: LockClass, prevHeld: HeldLock, stack: SavedStack): void {
  header("WARNING: possible recursive locking detected", 44);
  W(`${t.comm}/${t.pid} is trying to acquire lock:`);
  W(`${hex(cls.addr)} ${lockDesc(cls)}, at: ${stackTop(stack, "0x0")}`);
  W("");
  W("but task is already holding lock:");
  W(holdLine(prevHeld));
  W("");
  W("other info that might help us debug this:");
  W(" Possible unsafe locking scenario:");
  W("");
  W("       CPU0");
  W("       ----");
  W(`  lock(${cls.name});`);
  W(`  lock(${cls.name});`);
  W("");
  W(" *** DEADLOCK ***");
  W("");
  W(" May be due to missing lock nesting notation");
  W("");
  printHeldLocks(t);
  W("");
  W("stack backtrace:");
  dumpSavedStack(stack);
}

function reportCircular(t: Task, cls: LockClass, holding: HeldLock, path: LockClass[], stack: SavedStack): void {
  header("WARNING: possible circular locking dependency detected", 54);
  W(`${t.comm}/${t.pid} is trying to acquire lock:`);
  W(`${hex(cls.addr)} ${lockDesc(cls)}, at: ${stackTop(stack, "0x0")}`);
  W("");
  W("but task is already holding lock:");
  W(holdLine(holding));
  W("");
  W("which lock already depends on the new lock.");
  W("");
  W("");
  W("the existing dependency chain (in reverse order) is:");
  // path: cls -> ... -> holding's class; each step's stack is where the later lock was taken.
  for (let i = path.length - 1; i >= 1; i--) {
    W("");
    W(`-> #${i} ${lockDesc(path[i])}:`);
    for (const l of stackLines(path[i - 1].after.get(path[i])!)) W(`       ${l}`);
  }
  W("");
  W(`-> #0 ${lockDesc(cls)}:`);
  for (const l of stackLines(stack)) W(`       ${l}`);
  W("");
  W("other info that might help us debug this:");
  W("");
  const parent = path.length > 2 ? path[path.length - 2] : cls;
  if (parent !== cls) W(`Chain exists of:\n  ${[...path].reverse().map((c) => c.name).join(" --> ")}`), W("");
  W(" Possible unsafe locking scenario:");
  W("");
  W("       CPU0                    CPU1");
  W("       ----                    ----");
  W(`  lock(${holding.cls.name});`);
  W(`                               lock(${parent.name});`);
  W(`                               lock(${holding.cls.name});`);
  W(`  lock(${cls.name});`);
  W("");
  W(" *** DEADLOCK ***");
  W("");
  printHeldLocks(t);
  W("");
  W("stack backtrace:");
  dumpSavedStack(stack);
}

/**
 * lock_acquire: task t is taking `lock` (called before it waits for it). Reports recursion and
 * inversion; records the lock as held and the dependencies on every lock already held.
 */
export function lockAcquire(lock: object, name: string, kind: LockKind, irqOff = false, trylock = false, t: Task | null = current): void {
  if (!t) return;
  const on = lockdepOn();
  const cls = classOf(lock, name, kind);
  const h = heldLocks(t);
  const stack = on ? saveStack() : {};
  if (!irqOff) cls.irqOn = true;
  if (on && !trylock) {
    const again = h.find((x) => x.cls === cls);
    if (again) {
      if (debugLocksOff()) reportRecursive(t, cls, again, stack);
    } else {
      for (const x of h) {
        const path = findPath(cls, x.cls);
        if (path) {
          if (debugLocksOff()) reportCircular(t, cls, x, path, stack);
          break;
        }
      }
      if (lockdepOn()) for (const x of h) if (!x.cls.after.has(cls)) x.cls.after.set(cls, stack);
    }
  }
  h.push({ cls, lock, stack, irqOff });
}

/** lock_release: t releases `lock`; a lock it does not hold is a bad unlock balance. */
export function lockRelease(lock: object, name: string, kind: LockKind, t: Task | null = current): void {
  if (!t) return;
  const h = heldLocks(t);
  for (let i = h.length - 1; i >= 0; i--) {
    if (h[i].lock === lock) { h.splice(i, 1); return; }
  }
  if (!lockdepOn() || !debugLocksOff()) return;
  const stack = saveStack();
  header("WARNING: bad unlock balance detected!", 37);
  W(`${t.comm}/${t.pid} is trying to release lock (${classOf(lock, name, kind).name}) at:`);
  W(`[<${hex(0xffffffffc0000000n)}>] ${stackTop(stack, "0x0")}`);
  W("but there are no more locks to release!");
  W("");
  W("other info that might help us debug this:");
  printHeldLocks(t);
  W("");
  W("stack backtrace:");
  dumpSavedStack(stack);
}

/** A held lock moves to another task (a lock released by a task other than its taker). */
export function lockForget(lock: object, owner: Task): void {
  const h = heldLocks(owner);
  const i = h.findIndex((x) => x.lock === lock);
  if (i >= 0) h.splice(i, 1);
}

/** lockdep_sys_exit: the check on the way back to user space. */
export function lockdepSysExit(t: Task): void {
  const h = held.get(t);
  if (!h || h.length === 0 || !lockdepOn() || !debugLocksOff()) return;
  header("WARNING: lock held when returning to user space!", 48);
  W(`${t.comm}/${t.pid} is leaving the kernel with locks still held!`);
  printHeldLocks(t);
}

let lastMightSleep = -Infinity;

/**
 * __might_sleep's report: t is about to sleep at `at` (Linux's FILE:LINE) while holding a
 * spinlock. Limited to one report a second, as Linux; taints W.
 */
export function reportSleepInAtomic(t: Task, at: string): void {
  const now = performance.now();
  if (now - lastMightSleep < 1000) return;
  lastMightSleep = now;
  const h = heldLocks(t).filter((x) => x.cls.kind === "spin");
  const irqs = h.some((x) => x.irqOff) ? 1 : 0;
  const E = (s: string) => printk(KERN(3) + s + "\n");
  E(`BUG: sleeping function called from invalid context at ${at}`);
  E(`in_atomic(): 1, irqs_disabled(): ${irqs}, non_block: 0, pid: ${t.pid}, name: ${t.comm}`);
  E(`preempt_count: ${h.length}, expected: 0`);
  E("RCU nest depth: 0, expected: 0");
  printHeldLocks(t);
  if (h[0]) {
    E(`Preemption disabled at:`);
    E(`[<${hex(0xffffffffc0000000n)}>] ${stackTop(h[0].stack, "0x0")}`);
  }
  dumpSavedStack(saveStack());
  addTaint(512);
}
