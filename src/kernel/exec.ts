// execve(2): find the file, recognise its format by its first bytes, and replace the task's
// program. Formats (binfmts) register themselves: system programs (binfmt_system.ts), user
// JavaScript programs run in a Worker (binfmt_js.ts), and "#!" scripts (binfmt_script below).
// Anything else is ENOEXEC.
import type { Task } from "./task.js";
import type { Path } from "../fs/inode.js";
import { MmStruct, mmput, STACK_TOP, STACK_SIZE, STACK_MAX, TEXT_START, pageAlignUp, type UserPtr } from "../mm/mm.js";
import { PROT_READ, PROT_WRITE, PROT_EXEC } from "../include/uapi/mman.js";
import { pathLookup, mayOrThrow, MAY_EXEC } from "../fs/namei.js";
import { IovIter } from "../fs/iov_iter.js";
import { Errno } from "./errors.js";
import { EACCES, ENOEXEC, ELOOP, E2BIG, EFAULT, EINVAL } from "../include/uapi/errno.js";
import { SIG_DFL, SIG_IGN } from "../include/uapi/signal.js";
import { copyStringArray, encodeUtf8 } from "../mm/uaccess.js";
import { atStart, getPath } from "../fs/open.js";
import { AT_FDCWD, AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW } from "../include/uapi/fcntl.js";
import { current } from "./sched.js";
import { S_ISUID, S_ISGID, S_IXGRP } from "../include/uapi/stat.js";

export interface ExecImage {
  path: Path;
  filename: string;
  /** The whole file. */
  bytes: Uint8Array;
  argv: string[];
  envp: string[];
}

export interface Binfmt {
  name: string;
  /** Does the file start like this format? */
  match(head: Uint8Array): boolean;
  /** Load it into t (calling beginNewExec at the point of no return) and start it. */
  load(t: Task, img: ExecImage, depth: number): Promise<void>;
}

export const binfmts: Binfmt[] = [];
export function registerBinfmt(b: Binfmt): void { binfmts.push(b); }

const MAX_ARG_STRLEN = 131072;
const ARG_MAX = 2097152;

/** Read an inode's whole content through its file operations (kernel_read). */
export async function kernelReadAll(t: Task, path: Path): Promise<Uint8Array> {
  const inode = path.dentry.inode;
  const fop = inode.fop;
  if (!fop?.readIter) throw new Errno(EACCES);
  const chunks: Uint8Array[] = [];
  const pos = { value: 0 };
  const file = { inode, path, pos: 0, flags: 0, mode: 1, privateData: null } as any;
  // Opened and released as a read-only open would (a host directory's file needs its host descriptor).
  await fop.open?.(inode, file, t);
  try {
    for (;;) {
      const buf = new Uint8Array(Math.max(4096, Math.min(inode.size - pos.value, 1 << 24)));
      const n = await fop.readIter(file, IovIter.kernel(buf), pos, t);
      if (n <= 0) break;
      chunks.push(buf.subarray(0, n));
    }
  } finally {
    await fop.release?.(inode, file);
  }
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** Resolve and check a file for execution, and load it. */
export async function doExecve(t: Task, start: Path, filename: string, argv: string[], envp: string[], depth = 0, follow = true): Promise<void> {
  if (depth > 4) throw new Errno(ELOOP);
  const p = pathLookup(t, start, filename, { follow });
  const inode = p.dentry.inode;
  if (!inode.isReg()) throw new Errno(EACCES);
  if (p.mnt.flags & 8 /* MS_NOEXEC */) throw new Errno(EACCES);
  mayOrThrow(t, inode, MAY_EXEC);
  const bytes = await kernelReadAll(t, p);
  const img: ExecImage = { path: p, filename, bytes, argv, envp };
  for (const fmt of binfmts) {
    if (fmt.match(bytes.subarray(0, 256))) return fmt.load(t, img, depth);
  }
  throw new Errno(ENOEXEC);
}

/** Hooks run at the point of no return (ptrace's exec event, module-level accounting). */
export const execHooks: ((t: Task) => void)[] = [];

/**
 * The point of no return: the task gets a fresh address space holding the program's text and
 * a stack with argv and envp; close-on-exec descriptors close; handled signals reset. Returns
 * the initial stack pointer (address of argc).
 */
export async function beginNewExec(t: Task, img: ExecImage, comm: string, layout?: Layout32): Promise<number> {
  const mm = new MmStruct();
  const sp = layout ? layoutWasm(mm, t, img, layout) : layoutJs(mm, img);
  mm.pristine = false;

  mmput(t.mm);
  t.mm = mm;
  t.exe = img.path;
  mm.exe = img.path.dentry.inode;
  mm.exe.execCount++;
  await t.files.closeOnExec();
  for (const act of t.sighand) {
    if (act.handler !== SIG_IGN) act.handler = SIG_DFL;
    act.flags = 0;
    act.mask = 0n;
  }
  t.sigFrames = [];
  t.activeFrames = [];
  t.restartSyscall = false;
  t.comm = comm.slice(0, 15);
  applySetid(t, img.path);
  t.libc = null;
  t.execGeneration++;
  t.backend?.kill();
  t.backend = null;
  for (const h of execHooks) h(t);
  const done = t.vforkDone;
  t.vforkDone = null;
  done?.();
  return sp;
}

/** A 32-bit (WebAssembly) program's layout: where its static data ends (see uapi/wasm_abi.ts). */
export interface Layout32 { dataEnd: number }

/** Data, bss and the linker's stack from TEXT_START as the file's area; brk above; an 8 MiB stack. */
function layoutWasm(mm: MmStruct, t: Task, img: ExecImage, l: Layout32): number {
  const inode = img.path.dentry.inode;
  const end = pageAlignUp(Math.max(l.dataEnd, TEXT_START + 1));
  mm.mapFixed(TEXT_START, end - TEXT_START, PROT_READ | PROT_WRITE, pathNameOf(img.path), { dev: inode.sb.dev, ino: inode.ino, pgoff: 0 });
  mm.startCode = mm.endCode = TEXT_START;
  mm.startData = TEXT_START;
  mm.endData = Math.max(l.dataEnd, TEXT_START);
  mm.startBrk = mm.brk = end;
  mm.mapFixed(STACK_TOP - STACK_MAX, STACK_MAX, PROT_READ | PROT_WRITE, "[stack]");
  return setupStack32(mm, t, img.argv, img.envp, img.filename);
}

function layoutJs(mm: MmStruct, img: ExecImage): number {
  const textLen = pageAlignUp(Math.max(img.bytes.length, 1));
  mm.mapFixed(TEXT_START, textLen, PROT_READ | PROT_EXEC, pathNameOf(img.path), { dev: img.path.dentry.inode.sb.dev, ino: img.path.dentry.inode.ino, pgoff: 0 });
  mm.bytes.set(img.bytes, TEXT_START);
  mm.startCode = TEXT_START;
  mm.endCode = TEXT_START + img.bytes.length;
  const dataStart = TEXT_START + textLen;
  mm.mapFixed(dataStart, 4096, PROT_READ | PROT_WRITE, pathNameOf(img.path), { dev: img.path.dentry.inode.sb.dev, ino: img.path.dentry.inode.ino, pgoff: textLen });
  mm.startData = dataStart;
  mm.endData = dataStart + 4096;
  mm.startBrk = mm.brk = dataStart + 4096 + 0x1000 * 16;
  mm.mapFixed(STACK_TOP - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE, "[stack]");
  return setupStack(mm, img.argv, img.envp, img.filename);
}

/** A set-user-ID or set-group-ID program runs with its owner's identity (not on nosuid mounts). */
function applySetid(t: Task, p: Path): void {
  const inode = p.dentry.inode;
  const c = t.cred;
  const nosuid = (p.mnt.flags & 2 /* MS_NOSUID */) !== 0;
  if (!nosuid && inode.mode & S_ISUID) c.euid = c.fsuid = inode.uid;
  if (!nosuid && (inode.mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP)) c.egid = c.fsgid = inode.gid;
  c.suid = c.euid;
  c.sgid = c.egid;
}

function pathNameOf(p: Path): string {
  const parts: string[] = [];
  let { mnt, dentry } = p;
  for (;;) {
    if (dentry === mnt.root) {
      if (!mnt.parent || !mnt.mountpoint) break;
      dentry = mnt.mountpoint; mnt = mnt.parent; continue;
    }
    parts.unshift(dentry.name);
    dentry = dentry.parent!;
  }
  return "/" + parts.join("/");
}

/** Push the strings (execfn, envp, argv) below STACK_TOP-16; returns the pointers and the lowest address. */
function pushStrings(mm: MmStruct, argv: string[], envp: string[], filename: string) {
  let top = STACK_TOP - 16;
  const put = (s: string) => {
    const b = encodeUtf8(s);
    top -= b.length + 1;
    mm.bytes.set(b, top);
    mm.bytes[top + b.length] = 0;
    return top;
  };
  put(filename);
  // Strings are pushed last first, so that argv[0] sits lowest, as /proc/PID/cmdline reads them.
  const envPtrs = [...envp].reverse().map(put);
  const envStart = top;
  const argPtrs = [...argv].reverse().map(put);
  mm.argStart = top;
  mm.argEnd = envStart;
  mm.envStart = envStart;
  mm.envEnd = envPtrs.length ? STACK_TOP - 16 - encodeUtf8(filename).length - 1 : envStart;
  argPtrs.reverse(); envPtrs.reverse();
  return { argPtrs, envPtrs, top, execfn: STACK_TOP - 16 - encodeUtf8(filename).length - 1 };
}

/** Lay out argc, argv, envp and auxv at the top of the stack, as the ELF loader does. */
function setupStack(mm: MmStruct, argv: string[], envp: string[], filename: string): number {
  const { argPtrs, envPtrs, top: strings } = pushStrings(mm, argv, envp, filename);
  const top = strings & ~15;
  const words = 1 + argPtrs.length + 1 + envPtrs.length + 1 + 2;
  let sp = (top - words * 8) & ~15;
  mm.startStack = sp;
  const v = mm.view;
  let o: number = sp;
  v.setBigUint64(o, BigInt(argPtrs.length), true); o += 8;
  for (const p of argPtrs) { v.setBigUint64(o, BigInt(p), true); o += 8; }
  v.setBigUint64(o, 0n, true); o += 8;
  for (const p of envPtrs) { v.setBigUint64(o, BigInt(p), true); o += 8; }
  v.setBigUint64(o, 0n, true); o += 8;
  v.setBigUint64(o, 0n, true); // AT_NULL
  return sp;
}

const AT_NULL = 0, AT_PAGESZ = 6, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_CLKTCK = 17, AT_SECURE = 23,
  AT_RANDOM = 25, AT_EXECFN = 31;

/** The x32 variant: 32-bit argc, argv, envp and auxv words, AT_RANDOM's 16 bytes below the strings. */
function setupStack32(mm: MmStruct, t: Task, argv: string[], envp: string[], filename: string): number {
  const { argPtrs, envPtrs, top: strings, execfn } = pushStrings(mm, argv, envp, filename);
  const random = (strings - 16) & ~15;
  globalThis.crypto.getRandomValues(mm.bytes.subarray(random, random + 16));
  const c = t.cred;
  const auxv = [
    AT_PAGESZ, 4096, AT_CLKTCK, 100, AT_UID, c.uid, AT_EUID, c.euid, AT_GID, c.gid, AT_EGID, c.egid,
    AT_SECURE, c.euid !== c.uid || c.egid !== c.gid ? 1 : 0, AT_RANDOM, random, AT_EXECFN, execfn, AT_NULL, 0,
  ];
  const words = [argPtrs.length, ...argPtrs, 0, ...envPtrs, 0, ...auxv];
  const sp = (random - words.length * 4) & ~15;
  mm.startStack = sp;
  words.forEach((w, i) => mm.view.setUint32(sp + i * 4, w >>> 0, true));
  return sp;
}

/** "#!interpreter [arg]" scripts: run the interpreter with the script's path. */
registerBinfmt({
  name: "script",
  match: (h) => h[0] === 0x23 && h[1] === 0x21,
  async load(t, img, depth) {
    const firstLine = new TextDecoder().decode(img.bytes.subarray(2, 256)).split("\n")[0];
    const line = firstLine.replace(/^[ \t]+/, "").replace(/[ \t]+$/, "");
    if (!line) throw new Errno(ENOEXEC);
    const sp = line.search(/[ \t]/);
    const interp = sp < 0 ? line : line.slice(0, sp);
    const arg = sp < 0 ? "" : line.slice(sp).trim();
    const argv = [interp, ...(arg ? [arg] : []), img.filename, ...img.argv.slice(1)];
    return doExecve(t, t.fs.cwd, interp, argv, img.envp, depth + 1);
  },
});

/** implements execveat(2) */
export async function sys_execveat(t: Task, dirfd: number, pathname: number, argvp: number, envpp: number, flags: number): Promise<number> {
  const filename = getPath(t, pathname);
  const argv = copyStringArray(t.mm!, argvp as UserPtr);
  const envp = copyStringArray(t.mm!, envpp as UserPtr);
  const size = [...argv, ...envp].reduce((n, s) => n + s.length + 1, 0);
  if (size > ARG_MAX || argv.some((s) => s.length >= MAX_ARG_STRLEN)) throw new Errno(E2BIG);
  if (filename === "" && !(flags & AT_EMPTY_PATH)) throw new Errno(2);
  if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) throw new Errno(EINVAL);
  await doExecve(t, atStart(t, dirfd, filename), filename === "" ? "." : filename, argv, envp, 0, !(flags & AT_SYMLINK_NOFOLLOW));
  return 0;
}

/** implements execve(2) */
export function sys_execve(t: Task, pathname: number, argvp: number, envpp: number): Promise<number> {
  if (pathname === 0) throw new Errno(EFAULT);
  return sys_execveat(t, AT_FDCWD, pathname, argvp, envpp, 0);
}

export const syscalls = { sys_execve, sys_execveat };
export { current };
