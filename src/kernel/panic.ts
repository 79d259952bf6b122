// When kernel code goes wrong: an exception in a handler or a module is an oops. The splat
// goes to the kernel log in Linux's layout (header by cause, CPU line, RIP, call trace with
// module functions as func+0xOFF/0xLEN [module], Modules linked in, end marker), the kernel is
// tainted D, and the task that was in the kernel dies of SIGSEGV; the machine goes on unless
// panic_on_oops is set, when panic() halts it or reboots it after `panic` seconds. __warn and
// dump_stack (linux/bug) print with the same pieces.
import type { Task } from "./task.js";
import { printk, KERN } from "./printk.js";
import { addTaint, TAINT_DIE, taintString } from "./taint.js";
import { doExit } from "./exit.js";
import { signalStatus } from "../include/uapi/wait.js";
import { SIGSEGV } from "../include/uapi/signal.js";
import { utsname } from "./utsname.js";
import { current } from "./sched.js";
import { bootParams } from "./params.js";
import { rebootHooks } from "./sys_info.js";
import { codeFunctions, functionAt, offsetOf, type CodeFunction } from "../include/uapi/linux/ko_sym.js";
import { addTaintUnreliable } from "./lockdep.js";

// A call trace needs more than V8's default ten frames.
if (Error.stackTraceLimit < 32) Error.stackTraceLimit = 32;

let oopsCount = 0;
/** kernel.panic_on_oops and kernel.panic (seconds before rebooting; 0 halts, < 0 reboots at once). */
export const panicSettings = { panicOnOops: false, panicTimeout: 0 };
bootParams.register("panic_on_oops", (v) => { panicSettings.panicOnOops = v === undefined || Number(v) !== 0; });
bootParams.register("panic", (v) => { if (v !== undefined && /^-?\d+$/.test(v)) panicSettings.panicTimeout = Number(v); });

/** Extra lines for the splat (Modules linked in:, frames named by the module loader). */
export const oopsHooks = {
  modulesLinkedIn: (): string => "",
  /** Turn one JS stack frame into a Linux call-trace line, or null to drop it. */
  frame: (fn: string, file: string, line: number, column?: number): string | null => coreFrame(fn, file, line, column ?? 1),
  /** Where a kernel frame lies in the module code: "hello.ts:42", for BUG and WARN. */
  sourceLine: (_file: string, _line: number, _column: number): string | null => null,
  /** The kernel's own JavaScript (the host provides it), for the offsets of its functions. */
  kernelSource: (_file: string): string | null => null,
  onPanic: (_msg: string): void => {},
};

/** BUG(): an exception that carries where it was raised ("hello.ts:42"). */
/** An access by C kernel code to an address nothing maps (the module's NULL checks report it). */
export class KernelPageFault extends Error {
  constructor(readonly address: number, readonly write: boolean) {
    super(`page fault at ${address.toString(16)}`);
  }
}

export class KernelBug extends Error {
  constructor(readonly where: string) {
    super(`kernel BUG at ${where}!`);
  }
}

export interface StackFrame { fn: string; file: string; line: number; column: number }

/** The frames of a V8 stack text, innermost first. */
export function parseStack(stack: string | undefined): StackFrame[] {
  const out: StackFrame[] = [];
  for (const l of (stack ?? "").split("\n")) {
    // A frame of C kernel code: "at hello_init (wasm://wasm/ID:wasm-function[3]:0x1a2)", its
    // function's index and the module-relative byte offset (for module/symbolize.ts).
    const w = /^\s+at (\S+) \((wasm:\/\/wasm\/[^:]*):wasm-function\[(\d+)\]:0x([0-9a-f]+)\)$/.exec(l);
    // V8 puts the module's own name first ("hello.ko.wasm.hello_init"); C names have no dots.
    if (w) { out.push({ fn: w[1].split(".").pop()!, file: w[2], line: Number(w[3]), column: parseInt(w[4], 16) }); continue; }
    const m = /^\s+at (?:async )?(?:new )?(?:([^\s(][^(]*?) \((.*):(\d+):(\d+)\)|(.*):(\d+):(\d+))$/.exec(l);
    if (!m) continue;
    const name = (m[1] ?? "<anonymous>").replace(/ \[as [\w$]+\]$/, "");
    out.push({ fn: name.split(".").pop()!, file: m[2] ?? m[5], line: Number(m[3] ?? m[6]), column: Number(m[4] ?? m[7]) });
  }
  return out;
}

// Kernel functions by Linux's names: vfsWrite is vfs_write, doSyscall64 do_syscall_64.
// callC, suspended and enterC: the bridge into C kernel code (module/c_sleep.ts, c_chrdev.ts), not kernel functions.
// pageFault: the C modules' NULL check reporting (module/c_api.ts): the fault is in its caller.
const SKIP = new Set(["<anonymous>", "Promise", "anonymous", "Function", "processTicksAndRejections", "runMicrotasks", "forEach", "map", "then", "callC", "suspended", "enterC", "pageFault"]);
const sourceCache = new Map<string, { code: string; fns: CodeFunction[] } | null>();

function linuxName(fn: string): string {
  if (/^sys_\w+$/.test(fn)) return `__x64_${fn}`;
  return fn.replace(/([a-z])([A-Z])/g, "$1_$2").replace(/([a-z])(\d+)$/, "$1_$2").toLowerCase();
}

function coreFrame(fn: string, file: string, line: number, column: number): string | null {
  if (SKIP.has(fn) || file.startsWith("node:") || !/\.js$/.test(file)) return null;
  const name = linuxName(fn);
  let src = sourceCache.get(file);
  if (src === undefined) {
    const code = oopsHooks.kernelSource(file);
    src = code === null ? null : { code, fns: codeFunctions(code) };
    sourceCache.set(file, src);
  }
  if (!src) return name;
  const off = offsetOf(src.code, line, column);
  const f = functionAt(src.fns, off, fn);
  if (!f) return name;
  return `${name}+0x${(off - f.start).toString(16)}/0x${(f.end - f.start).toString(16)}`;
}

/** Call-trace lines for a stack, outermost last, ending at the system-call entry if it is there. */
/** A C module's NULL checks (kbuild puts them in): the access they check is their caller's. */
const NULL_CHECKS = new Set(["load_ptr", "store_ptr"]);

export function traceLines(stack: string | undefined): string[] {
  const out: string[] = [];
  for (const f of parseStack(stack)) {
    if (NULL_CHECKS.has(f.fn)) continue;
    const l = oopsHooks.frame(f.fn, f.file, f.line, f.column);
    if (!l) continue;
    out.push(l);
    if (l.startsWith("do_syscall_64")) break; // below it is user space
  }
  return out;
}

/** The module source line of the innermost module frame of a stack ("hello.ts:42"). */
export function stackSourceLine(stack: string | undefined): string | null {
  for (const f of parseStack(stack)) {
    const s = oopsHooks.sourceLine(f.file, f.line, f.column);
    if (s) return s;
  }
  return null;
}

export const SYSCALL_ENTRY_FRAME = "entry_SYSCALL_64_after_hwframe+0x6e/0xd8";
const SYSCALL_ENTRY = ["do_syscall_64+0x53/0x110", SYSCALL_ENTRY_FRAME];

/** The CPU line of every report. */
function cpuLine(t: Task | null): string {
  const pid = t?.pid ?? 0, comm = t?.comm ?? "swapper/0";
  return `CPU: 0 PID: ${pid} Comm: ${comm} ${taintString()} ${utsname.release} ${utsname.version.split(" ")[0]}`;
}
export const HARDWARE_NAME = "Hardware name: Typix Virtual Machine, BIOS typix 01/01/2024";

/**
 * The call trace: the stack's frames, then where the kernel was entered from — a system call
 * (`where` is its name), an interrupt or a kernel thread (`where` is the frame to add).
 */
function callTrace(stack: string | undefined, where: string | null, irq: boolean): string[] {
  const frames = traceLines(stack);
  const out = ["Call Trace:"];
  if (irq) {
    out.push(" <IRQ>", ...frames.map((f) => ` ${f}`));
    if (where) out.push(` ${where}`);
    out.push(" </IRQ>");
    return out;
  }
  out.push(" <TASK>", ...frames.map((f) => ` ${f}`));
  if (where && where.includes("+0x")) out.push(` ${where}`);
  else if (where !== null && !frames.some((f) => f.startsWith("do_syscall_64"))) {
    if (where && !frames.some((f) => f.startsWith(`__x64_sys_${where}+`))) out.push(` __x64_sys_${where}`);
    out.push(` ${SYSCALL_ENTRY[0]}`);
  }
  if (where !== null && !where.includes("+0x")) out.push(` ${SYSCALL_ENTRY[1]}`);
  out.push(" </TASK>");
  return out;
}

function modulesLine(): string {
  const mods = oopsHooks.modulesLinkedIn();
  return `Modules linked in:${mods ? " " + mods : ""}`;
}

const END_TRACE = "---[ end trace 0000000000000000 ]---";

/** The first lines of an oops, by what went wrong, and the die() line's error code. */
function oopsHeader(e: unknown): string[] {
  const n = ++oopsCount;
  if (e instanceof KernelBug) {
    return ["------------[ cut here ]------------", `kernel BUG at ${e.where}!`, `invalid opcode: 0000 [#${n}] PREEMPT SMP`];
  }
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof KernelPageFault) {
    // As Linux's page_fault_oops: below the first page it is a NULL pointer.
    const code = e.write ? 0x0002 : 0x0000;
    const hex = code.toString(16).padStart(4, "0");
    const addr = e.address.toString(16).padStart(16, "0");
    return [e.address < 4096 ? `BUG: kernel NULL pointer dereference, address: ${addr}` : `BUG: unable to handle page fault for address: ${addr}`,
      `#PF: supervisor ${e.write ? "write" : "read"} access in kernel mode`, `#PF: error_code(0x${hex}) - not-present page`,
      "PGD 0 P4D 0 ", `Oops: ${hex} [#${n}] PREEMPT SMP`];
  }
  if (e instanceof TypeError && (/\b(null|undefined)\b/.test(msg) || /is not a function$/.test(msg))) {
    // Reading or writing through NULL, or calling a NULL function pointer.
    const [access, code] = /^Cannot set properties/.test(msg) ? ["write access", 0x0002]
      : /is not a function|is not a constructor/.test(msg) ? ["instruction fetch", 0x0010] : ["read access", 0x0000];
    const hex = code.toString(16).padStart(4, "0");
    return ["BUG: kernel NULL pointer dereference, address: 0000000000000000", `#PF: supervisor ${access} in kernel mode`,
      `#PF: error_code(0x${hex}) - not-present page`, "PGD 0 P4D 0 ", `Oops: ${hex} [#${n}] PREEMPT SMP`];
  }
  if (e instanceof RangeError && /call stack/.test(msg)) {
    return ["BUG: TASK stack guard page was hit at 0000000000000000 (stack is 0000000000000000..0000000000000000)",
      `stack guard page: 0000 [#${n}] PREEMPT SMP`];
  }
  if (e instanceof WebAssembly.RuntimeError) {
    // C kernel code's traps, as the CPU's: ud2 (BUG(), __builtin_trap()), a divide error, and
    // an access beyond the kernel memory (an address nothing maps).
    if (/unreachable/.test(msg)) return [`invalid opcode: 0000 [#${n}] PREEMPT SMP`];
    if (/divide by zero|integer overflow/.test(msg)) return [`divide error: 0000 [#${n}] PREEMPT SMP`];
    if (/out of bounds/.test(msg)) {
      return ["BUG: unable to handle page fault for address: ffffffffffffffff", "#PF: supervisor read access in kernel mode",
        "#PF: error_code(0x0000) - not-present page", `Oops: 0000 [#${n}] PREEMPT SMP`];
    }
  }
  return [`general protection fault: 0000 [#${n}] PREEMPT SMP`];
}

function log(level: number, lines: string[]): void {
  for (const l of lines) printk(KERN(level) + l + "\n");
}

/** The RIP of a stack: its innermost frame, or where. */
function rip(stack: string | undefined, where: string): string {
  return `RIP: 0010:${traceLines(stack)[0] ?? where}`;
}

/**
 * Report an exception in kernel code running for task t (null: interrupt context), and kill t
 * with SIGSEGV. `where` is the system call's name, or the frame that ran the code
 * ("call_timer_fn+0x2b/0x130").
 */
export function oops(t: Task | null, e: unknown, where: string): void {
  const stack = e instanceof Error ? e.stack : undefined;
  const header = oopsHeader(e);
  const isPf = header[0].startsWith("BUG: kernel NULL") || header[0].startsWith("BUG: unable to handle page fault");
  const who = t ?? current;
  log(1, header.slice(0, isPf ? 3 : header.length - 1));
  log(4, [
    ...header.slice(isPf ? 3 : header.length - 1),
    cpuLine(who),
    HARDWARE_NAME,
    rip(stack, where),
    ...callTrace(stack, where, t === null),
    modulesLine(),
    ...(isPf ? [`CR2: ${(e instanceof KernelPageFault ? e.address : 0).toString(16).padStart(16, "0")}`] : []),
    END_TRACE,
  ]);
  addTaintUnreliable(TAINT_DIE); // oops_end: lock debugging is off from now on, said once
  if (panicSettings.panicOnOops) {
    panic("Fatal exception");
    return;
  }
  if (t && t.isAlive()) void doExit(t, signalStatus(SIGSEGV));
}

/**
 * __warn: a WARN_ON that fired. `stack` starts at the function with the WARN; `file:line` is
 * its source line; `msg` the WARN's own message. Taints W (or `taint`).
 */
export function warnReport(stack: string | undefined, fileLine: string | null, msg: string | null, taint: number): void {
  const t = current;
  const top = traceLines(stack)[0] ?? "?";
  const lines = ["------------[ cut here ]------------"];
  if (msg !== null) lines.push(...msg.replace(/\n$/, "").split("\n"));
  lines.push(`WARNING: CPU: 0 PID: ${t?.pid ?? 0} at ${fileLine ? fileLine + " " : ""}${top}`, modulesLine(), cpuLine(t), HARDWARE_NAME,
    `RIP: 0010:${top}`, ...callTrace(stack, t ? null : "", t === null), END_TRACE);
  log(4, lines);
  addTaint(taint);
}

/** dump_stack: the CPU line and the call trace of the caller. */
export function dumpStack(stack: string | undefined): void {
  const t = current;
  log(4, [cpuLine(t), HARDWARE_NAME, ...callTrace(stack, null, t === null)]);
}

let panicking = false;
/** Has the kernel panicked? (nothing runs afterwards) */
export function panicked(): boolean { return panicking; }

/**
 * panic: the machine stops. With kernel.panic = N > 0 it reboots after N seconds, with N < 0 at
 * once; with 0 it halts (Linux spins forever; the host sees a halted machine).
 */
export function panic(msg: string): void {
  if (panicking) return;
  panicking = true;
  printk(KERN(0) + `Kernel panic - not syncing: ${msg}\n`);
  oopsHooks.onPanic(msg);
  const timeout = panicSettings.panicTimeout;
  if (timeout > 0) {
    printk(KERN(0) + `Rebooting in ${timeout} seconds..\n`);
    setTimeout(() => rebootHooks.restart?.(null), timeout * 1000);
  } else if (timeout < 0) {
    rebootHooks.restart?.(null);
  } else {
    printk(KERN(0) + `---[ end Kernel panic - not syncing: ${msg} ]---\n`);
    rebootHooks.halt?.();
  }
}
