// A kernel booted on the test's own thread, for table-driven syscall tests: make tasks with
// an address space, put strings and buffers in their memory, and call system calls by name
// the way a program's trap would (through doSyscall64), getting rax back: a value or -errno.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startKernel } from "../kernel/boot.js";
import { programTable } from "../usr/programs.js";
import { doSyscall64 } from "../arch/x86/entry/common.js";
import { SYSCALL_TABLE } from "../arch/x86/entry/syscalls/table.gen.js";
import { Task } from "../kernel/task.js";
import { Cred } from "../kernel/cred.js";
import { FdTable } from "../fs/fdtable.js";
import { allocPid, registerTask } from "../kernel/pid.js";
import { getInitTask } from "../kernel/exit.js";
import { MmStruct, STACK_TOP } from "../mm/mm.js";
import { PROT_READ, PROT_WRITE } from "../include/uapi/mman.js";
import { setCurrent, isIdle } from "../kernel/sched.js";
import { O_CREAT, O_RDWR, O_WRONLY } from "../include/uapi/fcntl.js";

const NR = new Map(SYSCALL_TABLE.map((e) => [e.name, e.nr]));
let booted = false;

export interface KTask {
  task: Task;
  /** Call a syscall by name; resolves to rax (value or -errno). */
  sys(name: string, ...args: number[]): Promise<number>;
  /** Like sys, with string arguments copied into memory first (paths). */
  call(name: string, ...args: (number | string)[]): Promise<number>;
  /** Like call, but a failure (-errno) throws. */
  ok(name: string, ...args: (number | string)[]): Promise<number>;
  /** Create (or open and close) a file with the given mode. */
  touch(path: string, mode?: number): Promise<void>;
  /** Open path for writing and write text: the write's result, or open's -errno. */
  writeText(path: string, text: string): Promise<number>;
  /** readlink(2) as a string, or -errno. */
  readlinkText(path: string): Promise<string | number>;
  /** Copy a NUL-terminated string into the task's memory; returns its address. */
  str(s: string): number;
  /** Reserve n zeroed bytes in the task's memory; returns the address. */
  buf(n: number): number;
  bytes(p: number, n: number): Uint8Array;
  text(p: number, n: number): string;
  u32(p: number): number;
  i64(p: number): number;
}

/** Boot (once per test file) and return a factory of tasks. */
export function ktest(): { task(opts?: { uid?: number; gid?: number; groups?: number[] }): KTask } {
  if (!booted) {
    const image = readFileSync(fileURLToPath(new URL("../rootfs.cpio", import.meta.url)));
    startKernel({ image, programs: programTable });
    booted = true;
  }
  return {
    task(opts = {}) {
      const init = getInitTask()!;
      const uid = opts.uid ?? 0, gid = opts.gid ?? uid;
      const mm = new MmStruct();
      const heap = 0x10000000;
      mm.mapFixed(heap, 1 << 20, PROT_READ | PROT_WRITE, "[heap]");
      mm.mapFixed(STACK_TOP - 0x21000, 0x21000, PROT_READ | PROT_WRITE, "[stack]");
      const t = new Task(allocPid(), new Cred(uid, gid, uid, gid, uid, gid, uid, gid, opts.groups ?? []),
        { root: init.fs.root, cwd: init.fs.root, umask: 0o022, users: 1 }, new FdTable(), mm, 0);
      t.comm = "ktest";
      t.parent = init;
      init.children.add(t);
      t.pgid = t.pid;
      t.sid = init.sid;
      registerTask(t);
      let brk = heap;
      const alloc = (n: number) => { const p = brk; brk += (n + 15) & ~15; mm.bytes.fill(0, p, p + n); return p; };
      const k: KTask = {
        task: t,
        async sys(name, ...args) {
          const nr = NR.get(name);
          if (nr === undefined) throw new Error(`no syscall ${name}`);
          const a = [...args, 0, 0, 0, 0, 0, 0];
          // A system program (init) may be on the CPU, even between its awaits: wait until
          // it is off, so that this task does not take the CPU from under it.
          for (let i = 0; !isIdle() && i < 10000; i++) await new Promise((r) => setImmediate(r));
          setCurrent(t);
          try {
            return await doSyscall64(t, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
          } finally {
            setCurrent(null);
          }
        },
        str(s) {
          const b = new TextEncoder().encode(s);
          const p = alloc(b.length + 1);
          mm.bytes.set(b, p);
          return p;
        },
        buf: alloc,
        bytes: (p, n) => mm.bytes.slice(p, p + n),
        text: (p, n) => new TextDecoder().decode(mm.bytes.slice(p, p + n)),
        u32: (p) => mm.view.getUint32(p, true),
        i64: (p) => Number(mm.view.getBigInt64(p, true)),
        call: (name, ...args) => k.sys(name, ...args.map((a) => (typeof a === "string" ? k.str(a) : a))),
        async ok(name, ...args) {
          const r = await k.call(name, ...args);
          if (r < 0) throw new Error(`${name}(${args.join(", ")}) = ${r}`);
          return r;
        },
        async touch(path, mode = 0o644) {
          await k.ok("close", await k.ok("open", path, O_CREAT | O_RDWR, mode));
        },
        async writeText(path, text) {
          const fd = await k.call("open", path, O_WRONLY);
          if (fd < 0) return fd;
          const r = await k.call("write", fd, text, new TextEncoder().encode(text).length);
          await k.sys("close", fd);
          return r;
        },
        async readlinkText(path) {
          const b = k.buf(4096);
          const n = await k.call("readlink", path, b, 4096);
          return n < 0 ? n : k.text(b, n);
        },
      };
      return k;
    },
  };
}
