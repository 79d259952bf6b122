// make: what make asks of the system — file times, reading makefiles, globbing for
// $(wildcard), and running commands through the shell (recipes and $(shell)).
import { pipe, close, read } from "../../../lib/libc/unistd.js";
import { stat, lstat, newStat, S_ISDIR } from "../../../lib/libc/sys/stat.js";
import { opendir, readdir, closedir } from "../../../lib/libc/dirent.js";
import { posix_spawn, posix_spawn_file_actions_init, posix_spawn_file_actions_adddup2, posix_spawn_file_actions_addclose, type posix_spawn_file_actions_t } from "../../../lib/libc/spawn.js";
import { waitpid, WIFSIGNALED, WTERMSIG, WEXITSTATUS } from "../../../lib/libc/sys/wait.js";
import { readFileBytes } from "../../lib/common.js";
import { fnmatchRegExp } from "../../lib/fnmatch.js";

/** A missing file's time. */
export const MISSING = -1n;

/** The modification time in nanoseconds, or MISSING. */
export async function mtime(path: string): Promise<bigint> {
  const s = newStat();
  if ((await stat(path, s)) < 0) return MISSING;
  return BigInt(s.st_mtim.tv_sec) * 1_000_000_000n + BigInt(s.st_mtim.tv_nsec);
}

export async function exists(path: string): Promise<boolean> {
  return (await lstat(path, newStat())) === 0 || (await stat(path, newStat())) === 0;
}

export async function isDir(path: string): Promise<boolean> {
  const s = newStat();
  return (await stat(path, s)) === 0 && S_ISDIR(s.st_mode);
}

/** A whole file as text (UTF-8), or null with errno set. */
export async function readText(path: string): Promise<string | null> {
  const b = await readFileBytes(path);
  return b ? new TextDecoder().decode(b) : null;
}

/** A status as make reports it: the exit code, or the signal that ended the command. */
export interface Status { code: number; signal: number }

function decode(st: number): Status {
  return WIFSIGNALED(st) ? { code: 0, signal: WTERMSIG(st) } : { code: WEXITSTATUS(st), signal: 0 };
}

/** Run `shell -c cmd` with env; wait for it. A shell that cannot start gives 127. */
export async function runShell(shell: string, cmd: string, env: string[]): Promise<Status> {
  const pid = { value: 0 };
  const e = await posix_spawn(pid, shell, null, null, [shell, "-c", cmd], env);
  if (e) return { code: 127, signal: 0 };
  const st = { value: 0 };
  await waitpid(pid.value, st, 0);
  return decode(st.value);
}

/** Run `shell -c cmd` and collect its standard output. */
export async function captureShell(shell: string, cmd: string, env: string[]): Promise<{ out: string; status: Status }> {
  const fds = [0, 0];
  if ((await pipe(fds)) < 0) return { out: "", status: { code: 127, signal: 0 } };
  const fa: posix_spawn_file_actions_t = {};
  posix_spawn_file_actions_init(fa);
  posix_spawn_file_actions_adddup2(fa, fds[1], 1);
  posix_spawn_file_actions_addclose(fa, fds[0]);
  posix_spawn_file_actions_addclose(fa, fds[1]);
  const pid = { value: 0 };
  const e = await posix_spawn(pid, shell, fa, null, [shell, "-c", cmd], env);
  await close(fds[1]);
  const parts: Uint8Array[] = [];
  if (!e) {
    const buf = new Uint8Array(65536);
    for (;;) {
      const n = await read(fds[0], buf);
      if (n <= 0) break;
      parts.push(buf.slice(0, n));
    }
  }
  await close(fds[0]);
  if (e) return { out: "", status: { code: 127, signal: 0 } };
  const st = { value: 0 };
  await waitpid(pid.value, st, 0);
  let len = 0;
  for (const p of parts) len += p.length;
  const all = new Uint8Array(len);
  let o = 0;
  for (const p of parts) { all.set(p, o); o += p.length; }
  return { out: new TextDecoder().decode(all), status: decode(st.value) };
}

/** Lexical absolute path: relative to cwd, "." and ".." removed, no symlinks followed. */
export function absPath(p: string, cwd: string): string {
  const parts: string[] = [];
  for (const c of (p.startsWith("/") ? p : `${cwd}/${p}`).split("/")) {
    if (c === "" || c === ".") continue;
    if (c === "..") parts.pop();
    else parts.push(c);
  }
  return "/" + parts.join("/");
}

const GLOB_CHARS = /[*?[]/;

function globRegex(pat: string): RegExp {
  return fnmatchRegExp(pat, { pathname: true });
}

async function listDir(dir: string): Promise<string[]> {
  const d = await opendir(dir === "" ? "." : dir);
  if (!d) return [];
  const names: string[] = [];
  for (let e = await readdir(d); e; e = await readdir(d)) if (e.d_name !== "." && e.d_name !== "..") names.push(e.d_name);
  await closedir(d);
  return names;
}

/** The files a shell glob pattern names (sorted), as $(wildcard) gives them. */
export async function glob(pattern: string): Promise<string[]> {
  if (!GLOB_CHARS.test(pattern)) return (await exists(pattern)) ? [pattern] : [];
  const abs = pattern.startsWith("/");
  const comps = pattern.split("/").filter((c, i) => c !== "" || i === 0);
  let paths = [abs ? "/" : ""];
  for (let i = abs ? 1 : 0; i < comps.length; i++) {
    const c = comps[i];
    const last = i === comps.length - 1;
    const next: string[] = [];
    for (const base of paths) {
      const join = (n: string) => (base === "" ? n : base.endsWith("/") ? base + n : `${base}/${n}`);
      if (!GLOB_CHARS.test(c)) {
        const p = join(c);
        if (last ? await exists(p) : await isDir(p)) next.push(p);
        continue;
      }
      const re = globRegex(c);
      for (const n of (await listDir(base)).sort()) {
        if (n.startsWith(".") && !c.startsWith(".")) continue;
        if (!re.test(n)) continue;
        const p = join(n);
        if (last || (await isDir(p))) next.push(p);
      }
    }
    paths = next;
  }
  return paths.sort();
}
