// File-tree operations shared by rm, cp and mv: listing a directory, removing a tree, and
// copying files and trees with their attributes.
import { opendir, readdir, closedir } from "../../lib/libc/dirent.js";
import { unlink, rmdir, read, write, close, readlink, symlink, chown, lchown } from "../../lib/libc/unistd.js";
import { open, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_EXCL } from "../../lib/libc/fcntl.js";
import { lstat, stat, newStat, mkdir, chmod, utimensat, mknod, umask, S_ISDIR, S_ISLNK, S_ISREG, type Stat } from "../../lib/libc/sys/stat.js";
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW } from "../../lib/libc/fcntl.js";
import { errno, EEXIST, EISDIR } from "../../lib/libc/errno.js";
import { quote, pathJoin, baseName, type Tool } from "./common.js";

/** The names in a directory, without . and .., sorted; null with errno when it cannot be read. */
export async function listDir(path: string): Promise<string[] | null> {
  const d = await opendir(path);
  if (!d) return null;
  const names: string[] = [];
  for (let e = await readdir(d); e; e = await readdir(d)) if (e.d_name !== "." && e.d_name !== "..") names.push(e.d_name);
  await closedir(d);
  return names.sort();
}

export async function lstatOf(path: string): Promise<Stat | null> {
  const st = newStat();
  return (await lstat(path, st)) < 0 ? null : st;
}
export async function statOf(path: string): Promise<Stat | null> {
  const st = newStat();
  return (await stat(path, st)) < 0 ? null : st;
}

/** Remove path and everything under it; reports failures as rm does. Returns true on success. */
export async function removeTree(t: Tool, path: string, verbose: boolean): Promise<boolean> {
  const st = await lstatOf(path);
  if (!st) { await t.error(`cannot remove ${quote(path)}: ${t.errText}`); return false; }
  if (S_ISDIR(st.st_mode)) {
    const names = await listDir(path);
    if (!names) { await t.error(`cannot remove ${quote(path)}: ${t.errText}`); return false; }
    let ok = true;
    for (const n of names) ok = (await removeTree(t, pathJoin(path, n), verbose)) && ok;
    if (!ok) return false;
    if ((await rmdir(path)) < 0) { await t.error(`cannot remove ${quote(path)}: ${t.errText}`); return false; }
    if (verbose) t.out.text(`removed directory ${quote(path)}\n`);
    return true;
  }
  if ((await unlink(path)) < 0) { await t.error(`cannot remove ${quote(path)}: ${t.errText}`); return false; }
  if (verbose) t.out.text(`removed ${quote(path)}\n`);
  return true;
}

export interface CopyOpts { recursive: boolean; preserve: boolean; noDeref: boolean; force: boolean; verbose: boolean; umask: number }

/** Copy the bytes of src to dst (created with mode, or truncated). */
async function copyData(t: Tool, src: string, dst: string, mode: number, force: boolean): Promise<boolean> {
  const in_ = await open(src, O_RDONLY);
  if (in_ < 0) { await t.error(`cannot open ${quote(src)} for reading: ${t.errText}`); return false; }
  let out = await open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (out < 0 && force && errno !== EISDIR) {
    await unlink(dst);
    out = await open(dst, O_WRONLY | O_CREAT | O_EXCL, mode);
  }
  if (out < 0) { await t.error(`cannot create regular file ${quote(dst)}: ${t.errText}`); await close(in_); return false; }
  const buf = new Uint8Array(65536);
  let ok = true;
  for (;;) {
    const n = await read(in_, buf);
    if (n < 0) { await t.error(`error reading ${quote(src)}: ${t.errText}`); ok = false; break; }
    if (n === 0) break;
    for (let off = 0; off < n;) {
      const w = await write(out, buf.subarray(off, n));
      if (w < 0) { await t.error(`error writing ${quote(dst)}: ${t.errText}`); ok = false; break; }
      off += w;
    }
    if (!ok) break;
  }
  await close(in_);
  await close(out);
  return ok;
}

async function preserveAttrs(dst: string, st: Stat, isLink: boolean): Promise<void> {
  if (isLink) {
    await lchown(dst, st.st_uid, st.st_gid);
    await utimensat(AT_FDCWD, dst, [st.st_atim, st.st_mtim], AT_SYMLINK_NOFOLLOW);
    return;
  }
  await chown(dst, st.st_uid, st.st_gid);
  await chmod(dst, st.st_mode & 0o7777);
  await utimensat(AT_FDCWD, dst, [st.st_atim, st.st_mtim], 0);
}

/** Copy src to dst as cp does (src already known to exist: st is its stat). */
export async function copyTree(t: Tool, src: string, dst: string, st: Stat, o: CopyOpts): Promise<boolean> {
  const mode = st.st_mode;
  if (S_ISDIR(mode)) {
    if (!o.recursive) { await t.error(`-r not specified; omitting directory ${quote(src)}`); return false; }
    const existing = await statOf(dst);
    if (existing && !S_ISDIR(existing.st_mode)) {
      await t.error(`cannot overwrite non-directory ${quote(dst)} with directory ${quote(src)}`);
      return false;
    }
    if (!existing) {
      if ((await mkdir(dst, (mode & 0o777) | 0o700)) < 0) { await t.error(`cannot create directory ${quote(dst)}: ${t.errText}`); return false; }
      if (o.verbose) t.out.text(`${quote(src)} -> ${quote(dst)}\n`);
    }
    const names = await listDir(src);
    if (!names) { await t.error(`cannot access ${quote(src)}: ${t.errText}`); return false; }
    let ok = true;
    for (const n of names) {
      const s = pathJoin(src, n);
      const cst = o.noDeref ? await lstatOf(s) : await statOf(s);
      if (!cst) { await t.error(`cannot stat ${quote(s)}: ${t.errText}`); ok = false; continue; }
      ok = (await copyTree(t, s, pathJoin(dst, n), cst, o)) && ok;
    }
    if (o.preserve) await preserveAttrs(dst, st, false);
    else if (!existing) await chmod(dst, mode & 0o777 & ~o.umask);
    return ok;
  }
  if (S_ISLNK(mode)) {
    const target = await readlink(src);
    if (typeof target !== "string") { await t.error(`cannot read symbolic link ${quote(src)}: ${t.errText}`); return false; }
    let r = await symlink(target, dst);
    if (r < 0 && errno === EEXIST && o.force) { await unlink(dst); r = await symlink(target, dst); }
    if (r < 0) { await t.error(`cannot create symbolic link ${quote(dst)}: ${t.errText}`); return false; }
    if (o.preserve) await preserveAttrs(dst, st, true);
  } else if (S_ISREG(mode)) {
    if (!(await copyData(t, src, dst, mode & 0o777, o.force))) return false;
    if (o.preserve) await preserveAttrs(dst, st, false);
  } else if (o.recursive) {
    // Devices, fifos and sockets are recreated under -R, as GNU cp does.
    if ((await mknod(dst, mode, st.st_rdev)) < 0) { await t.error(`cannot create special file ${quote(dst)}: ${t.errText}`); return false; }
    if (o.preserve) await preserveAttrs(dst, st, false);
  } else if (!(await copyData(t, src, dst, mode & 0o777, o.force))) return false;
  if (o.verbose) t.out.text(`${quote(src)} -> ${quote(dst)}\n`);
  return true;
}

/** The process's umask (read without changing it). */
export async function getUmask(): Promise<number> {
  const old = await umask(0);
  await umask(old);
  return old;
}

/**
 * The (source, destination) pairs of cp, mv and ln: "SRC DST", or "SRC... DIR" when the last
 * operand is a directory (or -t DIR). A number is the exit status after a usage error.
 */
export async function operandPairs(t: Tool, ops: string[], targetDir: string | null, noTargetDir: boolean, allowOne = false): Promise<[string, string][] | number> {
  if (targetDir !== null) {
    const st = await statOf(targetDir);
    if (!st || !S_ISDIR(st.st_mode)) {
      await t.error(st ? `target directory ${quote(targetDir)} is not a directory` : `target directory ${quote(targetDir)}: ${t.errText}`);
      return 1;
    }
    if (!ops.length) return t.usage("missing file operand");
    return ops.map((s) => [s, pathJoin(targetDir, baseName(s))]);
  }
  if (ops.length === 0) return t.usage("missing file operand");
  if (ops.length === 1) {
    if (allowOne) return [[ops[0], baseName(ops[0])]];
    return t.usage(`missing destination file operand after ${quote(ops[0])}`);
  }
  const dest = ops[ops.length - 1];
  const srcs = ops.slice(0, -1);
  const st = noTargetDir ? null : await statOf(dest);
  if (st && S_ISDIR(st.st_mode)) return srcs.map((s) => [s, pathJoin(dest, baseName(s))]);
  if (srcs.length > 1) {
    if (noTargetDir) return t.usage(`extra operand ${quote(ops[2])}`);
    await t.error(`target ${quote(dest)} is not a directory`);
    return 1;
  }
  return [[srcs[0], dest]];
}
