// Redirections: expanding their words (prepareRedirs), applying them to this process or to a
// vfork child (applyRedirs, with dash's messages), and putting displaced descriptors back.
// Here-documents are unlinked temporary files.
import type { Redir } from "./ast.js";
import type { Executor } from "./exec.js";
import { expandString, expandHereDoc } from "./expand.js";
import { writeAll, shError } from "./io.js";
import { open, fcntl, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_EXCL, O_CLOEXEC, F_DUPFD_CLOEXEC } from "../../../lib/libc/fcntl.js";
import { close, dup2, unlink, lseek } from "../../../lib/libc/unistd.js";
import { errno, strerror, ENOENT, EEXIST } from "../../../lib/libc/errno.js";

/** A redirection with its word expanded, ready to apply (in this shell or in a vfork child). */
export type Prepared =
  | { fd: number; kind: "open"; path: string; flags: number; create: boolean }
  | { fd: number; kind: "dup"; from: number }
  | { fd: number; kind: "close" }
  | { fd: number; kind: "doc"; text: string };

export async function prepareRedirs(ex: Executor, redirs: Redir[]): Promise<Prepared[] | null> {
  const out: Prepared[] = [];
  for (const r of redirs) {
    if (r.doc) {
      out.push({ fd: r.fd, kind: "doc", text: r.doc.quoted ? r.doc.body : await expandHereDoc(ex, r.doc.body) });
      continue;
    }
    const w = await expandString(ex, r.target);
    switch (r.op) {
      case "<": out.push({ fd: r.fd, kind: "open", path: w, flags: O_RDONLY, create: false }); break;
      case "<>": out.push({ fd: r.fd, kind: "open", path: w, flags: O_RDWR | O_CREAT, create: true }); break;
      case ">": case ">|":
        out.push({ fd: r.fd, kind: "open", path: w, flags: O_WRONLY | O_CREAT | (ex.sh.opts.C && r.op === ">" ? O_EXCL : O_TRUNC), create: true });
        break;
      case ">>": out.push({ fd: r.fd, kind: "open", path: w, flags: O_WRONLY | O_CREAT | O_APPEND, create: true }); break;
      case "<&": case ">&":
        if (w === "-") out.push({ fd: r.fd, kind: "close" });
        else if (/^\d+$/.test(w)) out.push({ fd: r.fd, kind: "dup", from: Number(w) });
        else if (r.op === ">&" && r.fd === 1) {
          // bash's >&file (both outputs to a file)
          out.push({ fd: 1, kind: "open", path: w, flags: O_WRONLY | O_CREAT | O_TRUNC, create: true }, { fd: 2, kind: "dup", from: 1 });
        } else { await shError(ex.sh, `Syntax error: Bad fd number`); return null; }
        break;
    }
  }
  return out;
}

/**
 * Apply prepared redirections to this process. With save, the displaced descriptors are
 * kept (above 10) for restore(). Errors are reported as dash reports them; returns false.
 */
export async function applyRedirs(ex: Executor, ps: Prepared[], save: [number, number][] | null): Promise<boolean> {
  for (const p of ps) {
    if (save) {
      const s = await fcntl(p.fd, F_DUPFD_CLOEXEC, 10);
      save.push([p.fd, s]);
    }
    if (p.kind === "close") { await close(p.fd); continue; }
    if (p.kind === "dup") {
      if (p.from === p.fd) continue;
      if ((await dup2(p.from, p.fd)) < 0) { await shError(ex.sh, `${p.from}: Bad file descriptor`); return false; }
      continue;
    }
    let fd: number;
    if (p.kind === "doc") {
      fd = await tempFile();
      if (fd < 0) { await shError(ex.sh, `cannot create temp file for here document: ${strerror(errno)}`); return false; }
      await writeAll(fd, p.text);
      await lseek(fd, 0, 0);
    } else {
      fd = await open(p.path, p.flags | O_CLOEXEC, 0o666);
      if (fd < 0) {
        const e = errno;
        const why = e === ENOENT ? (p.create ? "Directory nonexistent" : "No such file") : e === EEXIST ? "File exists" : strerror(e);
        await shError(ex.sh, `cannot ${p.create ? "create" : "open"} ${p.path}: ${why}`);
        return false;
      }
    }
    if (fd !== p.fd) {
      await dup2(fd, p.fd);
      await close(fd);
    } else {
      await fcntl(fd, 2 /* F_SETFD */, 0);
    }
  }
  return true;
}

export async function restoreRedirs(save: [number, number][]): Promise<void> {
  for (const [fd, s] of save.reverse()) {
    if (s >= 0) { await dup2(s, fd); await close(s); }
    else await close(fd);
  }
}

let tmpSeq = 0;
/** An unlinked temporary file open for reading and writing (here-documents). */
export async function tempFile(): Promise<number> {
  for (let k = 0; k < 100; k++) {
    const path = `/tmp/sh-thd.${Date.now().toString(36)}${(tmpSeq++).toString(36)}`;
    const fd = await open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600);
    if (fd >= 0) { await unlink(path); return fd; }
    if (errno !== EEXIST) return -1;
  }
  return -1;
}
