// When kernel code goes wrong: an exception in a handler or a module is an oops. The splat
// goes to the kernel log in Linux's layout, the kernel is tainted D, and the task that was in
// the kernel is killed; the machine goes on (unless panic_on_oops is set).
import type { Task } from "./task.js";
import { printk, KERN } from "./printk.js";
import { addTaint, TAINT_DIE, taintString } from "./taint.js";
import { doExit } from "./exit.js";
import { signalStatus } from "../include/uapi/wait.js";
import { SIGSEGV, SIGKILL } from "../include/uapi/signal.js";
import { utsname } from "./utsname.js";

let oopsCount = 0;
export const panicSettings = { panicOnOops: false, panicTimeout: 0 };
/** Extra lines for the splat (Modules linked in:, frames named by the module loader). */
export const oopsHooks = {
  modulesLinkedIn: (): string => "",
  /** Turn one JS stack frame into a Linux call-trace line, or null to drop it. */
  frame: (fn: string, _file: string, _line: number): string | null => fn,
  onPanic: (_msg: string): void => {},
};

function callTrace(e: unknown): string[] {
  const stack = e instanceof Error && e.stack ? e.stack.split("\n").slice(1) : [];
  const out: string[] = [];
  for (const l of stack) {
    const m = /at (?:async )?([\w$.<>]+) \((.*):(\d+):\d+\)/.exec(l);
    if (!m) continue;
    const name = m[1].split(".").pop()!;
    const f = oopsHooks.frame(name, m[2], Number(m[3]));
    if (f) out.push(f);
  }
  return out;
}

/** Report an exception in kernel code running for task t, and kill t. */
export function oops(t: Task | null, e: unknown, where: string): void {
  oopsCount++;
  const trace = callTrace(e);
  const msg = e instanceof Error ? e.message : String(e);
  const isNull = e instanceof TypeError && /null|undefined/.test(msg);
  const L = (s: string) => printk(KERN(1) + s + "\n");
  if (isNull) {
    L("BUG: kernel NULL pointer dereference, address: 0000000000000000");
    L("#PF: supervisor read access in kernel mode");
    L("#PF: error_code(0x0000) - not-present page");
  } else {
    L(`kernel BUG: ${msg}`);
  }
  L(`Oops: 0000 [#${oopsCount}] PREEMPT SMP`);
  L(`CPU: 0 PID: ${t?.pid ?? 0} Comm: ${t?.comm ?? "swapper/0"} ${taintString()} ${utsname.release} #1`);
  L(`RIP: 0010:${trace[0] ?? where}`);
  L("Call Trace:");
  L(" <TASK>");
  for (const f of trace) L(` ${f}`);
  L(` ${where}`);
  L(" do_syscall_64+0x53/0x110");
  L(" </TASK>");
  const mods = oopsHooks.modulesLinkedIn();
  L(`Modules linked in:${mods ? " " + mods : ""}`);
  L("---[ end trace 0000000000000000 ]---");
  addTaint(TAINT_DIE);
  if (panicSettings.panicOnOops) {
    panic("Fatal exception");
    return;
  }
  if (t && t.isAlive()) void doExit(t, signalStatus(isNull ? SIGSEGV : SIGKILL));
}

export function panic(msg: string): void {
  printk(KERN(0) + `Kernel panic - not syncing: ${msg}\n`);
  printk(KERN(0) + `---[ end Kernel panic - not syncing: ${msg} ]---\n`);
  oopsHooks.onPanic(msg);
}
