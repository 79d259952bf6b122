// "linux/syscalls": SYSCALL_DEFINE0 ... SYSCALL_DEFINE6, how code built into the kernel defines a
// system call, as in Linux:
//
//   SYSCALL_DEFINE2("hello_world", "const char __user *", "msg", "size_t", "len", (msg, len) => ...);
//
// defines the entry point sys_hello_world. Each argument is named by its C type and its name;
// the wrapper decodes the six argument registers by those types (int: the low 32 bits, signed;
// unsigned int, uid_t ...: unsigned; long, loff_t ...: as they are; size_t, unsigned long ...:
// unsigned 64-bit; a pointer: a UserPtr, to be used only through linux/uaccess) and calls the
// handler, whose value (or -errno, or a thrown Errno) is the call's return value. The table line
// `NR 64 hello_world sys_hello_world` gives the entry point its number: the dispatch table
// (kernel/syscalls.ts, arch/x86/entry/common.ts) finds the handler here by entry-point name.
// The prototypes (the global interface SyscallPrototypes) are in include/linux/syscalls.d.ts of
// the kernel's source tree; the kernel build checks each definition against its prototype.
import type { UserPtr } from "../../mm/mm.js";
import type { Task } from "../../kernel/task.js";

declare global {
  /** The system calls' prototypes, by name: the C types of their arguments (syscalls.d.ts). */
  interface SyscallPrototypes {}
}

/** Integer types, by how a register holding one is read. */
const SIGNED32 = ["int", "pid_t", "clockid_t", "timer_t", "key_serial_t", "s32", "__s32"];
const UNSIGNED32 = ["unsigned int", "unsigned", "uid_t", "gid_t", "umode_t", "mode_t", "qid_t", "u32", "__u32"];
const SIGNED64 = ["long", "off_t", "loff_t", "ssize_t", "time_t", "s64", "__s64", "long long"];
const UNSIGNED64 = ["unsigned long", "size_t", "u64", "__u64", "unsigned long long", "aio_context_t"];

type IntegerType = "int" | "pid_t" | "clockid_t" | "timer_t" | "key_serial_t" | "s32" | "__s32"
  | "unsigned int" | "unsigned" | "uid_t" | "gid_t" | "umode_t" | "mode_t" | "qid_t" | "u32" | "__u32"
  | "long" | "off_t" | "loff_t" | "ssize_t" | "time_t" | "s64" | "__s64" | "long long"
  | "unsigned long" | "size_t" | "u64" | "__u64" | "unsigned long long" | "aio_context_t";
/** A pointer into user space: "const char __user *", "struct stat __user *" ... */
type PointerType = `${string}__user *` | `${string}__user *const`;
/** The C type of a system call's argument. */
export type CType = IntegerType | PointerType;
/** What a handler receives for an argument of C type T. */
export type SyscallArg<T extends CType> = T extends IntegerType ? number : UserPtr;
/** What a handler returns: a long (a value, or -errno), at once or after sleeping. */
export type SyscallReturn = number | Promise<number>;
/** A system call's name: one with a prototype in syscalls.d.ts. */
export type SyscallName = keyof SyscallPrototypes & string;

type EntryPoint = (t: Task, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number) => number | Promise<number>;

/** The entry points defined with SYSCALL_DEFINEn, by name ("sys_hello_world"): a syscall family. */
export const syscalls: Record<string, EntryPoint> = {};

/** A definition's record: its name and its arguments' types and names (for the build and tests). */
export interface SyscallDefinition { name: string; types: string[]; args: string[] }
export const syscallDefinitions = new Map<string, SyscallDefinition>();

/** The decoder of a register for a C type. */
function decoder(type: string): (reg: number) => number {
  const t = type.trim().replace(/\s+/g, " ");
  if (t.endsWith("*") || t.endsWith("*const")) return (r) => (r < 0 ? r + 2 ** 64 : r);
  if (SIGNED32.includes(t)) return (r) => r | 0;
  if (UNSIGNED32.includes(t)) return (r) => r >>> 0;
  if (SIGNED64.includes(t)) return (r) => r;
  if (UNSIGNED64.includes(t)) return (r) => (r < 0 ? r + 2 ** 64 : r);
  throw new Error(`SYSCALL_DEFINE: unknown argument type '${type}'`);
}

/**
 * The decoder of a register for an argument of C code built into the kernel (its wrapper takes
 * 32-bit longs and casts them itself): the low 32 bits, and for a pointer beyond 32 bits an
 * address no user mapping has, so that every access to it faults as the real pointer's would.
 */
function cDecoder(type: string): (reg: number) => number {
  if (type.includes("*")) return (r) => (r >= 0 && r < 2 ** 32 ? r : 0xffffffff);
  return (r) => r | 0;
}

/** Register sys_NAME with its arguments' decoders. */
function define(name: string, decl: string[], fn: (...args: any[]) => SyscallReturn, decoderOf = decoder): EntryPoint {
  const entry = `sys_${name}`;
  if (syscallDefinitions.has(entry)) throw new Error(`SYSCALL_DEFINE: redefinition of '${entry}'`);
  const types = decl.filter((_, i) => i % 2 === 0), args = decl.filter((_, i) => i % 2 === 1);
  const dec = types.map(decoderOf);
  const regs = (a: number[]) => dec.map((d, i) => d(a[i]));
  const handler: EntryPoint = (_t, a0, a1, a2, a3, a4, a5) => fn(...regs([a0, a1, a2, a3, a4, a5]));
  Object.defineProperty(handler, "name", { value: entry });
  syscalls[entry] = handler;
  syscallDefinitions.set(entry, { name, types, args });
  return handler;
}

type R = SyscallReturn;

/**
 * A SYSCALL_DEFINEn of C code built into the kernel (kernel/module/builtin_c.ts): decl is the
 * types and names its object recorded, fn its __x64_sys_NAME wrapper.
 */
export function defineCSyscall(name: string, decl: string[], fn: (...args: number[]) => SyscallReturn): EntryPoint {
  return define(name, decl, fn, cDecoder);
}

export function SYSCALL_DEFINE0(name: SyscallName, fn: () => R): EntryPoint {
  return define(name, [], fn);
}
export function SYSCALL_DEFINE1<const T1 extends CType>(name: SyscallName, t1: T1, a1: string,
  fn: (a1: SyscallArg<T1>) => R): EntryPoint {
  return define(name, [t1, a1], fn);
}
export function SYSCALL_DEFINE2<const T1 extends CType, const T2 extends CType>(name: SyscallName,
  t1: T1, a1: string, t2: T2, a2: string,
  fn: (a1: SyscallArg<T1>, a2: SyscallArg<T2>) => R): EntryPoint {
  return define(name, [t1, a1, t2, a2], fn);
}
export function SYSCALL_DEFINE3<const T1 extends CType, const T2 extends CType, const T3 extends CType>(name: SyscallName,
  t1: T1, a1: string, t2: T2, a2: string, t3: T3, a3: string,
  fn: (a1: SyscallArg<T1>, a2: SyscallArg<T2>, a3: SyscallArg<T3>) => R): EntryPoint {
  return define(name, [t1, a1, t2, a2, t3, a3], fn);
}
export function SYSCALL_DEFINE4<const T1 extends CType, const T2 extends CType, const T3 extends CType, const T4 extends CType>(
  name: SyscallName, t1: T1, a1: string, t2: T2, a2: string, t3: T3, a3: string, t4: T4, a4: string,
  fn: (a1: SyscallArg<T1>, a2: SyscallArg<T2>, a3: SyscallArg<T3>, a4: SyscallArg<T4>) => R): EntryPoint {
  return define(name, [t1, a1, t2, a2, t3, a3, t4, a4], fn);
}
export function SYSCALL_DEFINE5<const T1 extends CType, const T2 extends CType, const T3 extends CType, const T4 extends CType,
  const T5 extends CType>(
  name: SyscallName, t1: T1, a1: string, t2: T2, a2: string, t3: T3, a3: string, t4: T4, a4: string, t5: T5, a5: string,
  fn: (a1: SyscallArg<T1>, a2: SyscallArg<T2>, a3: SyscallArg<T3>, a4: SyscallArg<T4>, a5: SyscallArg<T5>) => R): EntryPoint {
  return define(name, [t1, a1, t2, a2, t3, a3, t4, a4, t5, a5], fn);
}
export function SYSCALL_DEFINE6<const T1 extends CType, const T2 extends CType, const T3 extends CType, const T4 extends CType,
  const T5 extends CType, const T6 extends CType>(
  name: SyscallName, t1: T1, a1: string, t2: T2, a2: string, t3: T3, a3: string, t4: T4, a4: string, t5: T5, a5: string,
  t6: T6, a6: string,
  fn: (a1: SyscallArg<T1>, a2: SyscallArg<T2>, a3: SyscallArg<T3>, a4: SyscallArg<T4>, a5: SyscallArg<T5>, a6: SyscallArg<T6>) => R,
): EntryPoint {
  return define(name, [t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6], fn);
}
