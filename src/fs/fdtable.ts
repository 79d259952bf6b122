// A task's file-descriptor table (files_struct): descriptor -> open file, with close-on-exec.
import { Errno } from "../kernel/errors.js";
import { EBADF, EMFILE } from "../include/uapi/errno.js";
import type { File } from "./file.js";
import { fput } from "./file_table.js";

export const NR_OPEN_DEFAULT = 1024;

interface FdEntry { file: File; cloexec: boolean }

/** Run when a descriptor of file is closed (record locks are dropped: fs/locks.ts). */
export const fdCloseHook = { fn: (_table: FdTable, _file: File): void => {} };

export class FdTable {
  private fds: (FdEntry | undefined)[] = [];
  /** RLIMIT_NOFILE */
  max = NR_OPEN_DEFAULT;
  users = 1;

  get(fd: number): File {
    const e = fd >= 0 && Number.isInteger(fd) ? this.fds[fd] : undefined;
    if (!e) throw new Errno(EBADF);
    return e.file;
  }
  has(fd: number): boolean { return this.fds[fd] !== undefined; }
  getCloexec(fd: number): boolean { this.get(fd); return this.fds[fd]!.cloexec; }
  setCloexec(fd: number, on: boolean): void { this.get(fd); this.fds[fd]!.cloexec = on; }

  /** Install file at the lowest free descriptor >= min; the table takes the caller's reference. */
  install(file: File, cloexec = false, min = 0): number {
    for (let fd = min; fd < this.max; fd++) {
      if (!this.fds[fd]) {
        this.fds[fd] = { file, cloexec };
        return fd;
      }
    }
    throw new Errno(EMFILE);
  }

  /** Put file at exactly fd (dup2), closing what was there. */
  installAt(fd: number, file: File, cloexec: boolean): void | Promise<unknown> {
    const old = this.fds[fd];
    this.fds[fd] = { file, cloexec };
    if (!old) return;
    fdCloseHook.fn(this, old.file);
    return fput(old.file);
  }

  /** Remove fd from the table and drop its reference. */
  close(fd: number): void | Promise<unknown> {
    const e = this.fds[fd];
    if (!e || fd < 0) throw new Errno(EBADF);
    this.fds[fd] = undefined;
    fdCloseHook.fn(this, e.file);
    return fput(e.file);
  }

  /** Descriptors in use, ascending. */
  list(): number[] {
    const out: number[] = [];
    this.fds.forEach((e, i) => { if (e) out.push(i); });
    return out;
  }

  /** A copy for fork/spawn: every file gains a reference. */
  clone(): FdTable {
    const t = new FdTable();
    t.max = this.max;
    t.fds = this.fds.map((e) => {
      if (!e) return undefined;
      e.file.refs++;
      return { file: e.file, cloexec: e.cloexec };
    });
    return t;
  }

  /** At execve: close every close-on-exec descriptor. */
  async closeOnExec(): Promise<void> {
    for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd]?.cloexec) await this.close(fd);
  }

  /** At exit: close everything. */
  async closeAll(): Promise<void> {
    for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd]) await this.close(fd);
  }
}
