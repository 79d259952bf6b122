// <stdlib.h>: memory (malloc.ts), exit/atexit/abort, the environment, number conversions
// (stdlib_conv.ts), abs, qsort/bsearch on JavaScript arrays, rand (glibc's generator, so a
// seed gives glibc's sequence), system, realpath, mkstemp, mkdtemp.
import { libcState, u8, type Ptr } from "./internal/sys.js";
import { readCString } from "./internal/mem.js";
import { __set_errno, __errno_location } from "./errno.js";
import { EINVAL, ENOENT, ELOOP, ENAMETOOLONG, EEXIST } from "../../include/uapi/errno.js";
import { __libc_exit } from "./crt0.js";
import { O_RDWR, O_CREAT, O_EXCL } from "../../include/uapi/fcntl.js";
import { S_ISLNK } from "../../include/uapi/stat.js";
import { open } from "./fcntl.js";
import { getcwd, readlink } from "./unistd.js";
import { lstat, newStat, mkdir } from "./sys/stat.js";
import { waitpid } from "./sys/wait.js";
import { posix_spawn } from "./spawn.js";
export { malloc, free, calloc, realloc, malloc_usable_size } from "./malloc.js";
export * from "./stdlib_conv.js";
export { abort } from "./internal/abort.js";
export { WEXITSTATUS, WIFEXITED, WIFSIGNALED, WTERMSIG } from "../../include/uapi/wait.js";

export const EXIT_SUCCESS = 0, EXIT_FAILURE = 1, RAND_MAX = 2147483647, MB_CUR_MAX = 1;

/** exit(status): run atexit handlers (stdio is flushed last), then _exit. Never returns. */
export function exit(status: number): Promise<never> { return __libc_exit(status); }

/** atexit(fn): fn runs at exit, in reverse order of registration; 0. */
export function atexit(fn: () => unknown): number {
  const st = libcState();
  (st.atexit ??= []).push(fn);
  return 0;
}

function env(): string[] {
  const st = libcState();
  return (st.environ ??= []) as string[];
}
/** The process's environment ("NAME=value" strings); changes show through getenv. */
export function environ(): string[] { return env(); }

export function getenv(name: string): string | null {
  const e = env().find((s) => s.startsWith(name + "=") && !name.includes("="));
  return e === undefined ? null : e.slice(name.length + 1);
}
export const secure_getenv = getenv;

/** setenv(name, value, overwrite): 0, or -1 with EINVAL for an empty name or one with '='. */
export function setenv(name: string, value: string, overwrite = 1): number {
  if (!name || name.includes("=")) { __set_errno(EINVAL); return -1; }
  const list = env();
  const i = list.findIndex((s) => s.startsWith(name + "="));
  if (i >= 0) { if (overwrite) list[i] = `${name}=${value}`; }
  else list.push(`${name}=${value}`);
  return 0;
}
export function unsetenv(name: string): number {
  if (!name || name.includes("=")) { __set_errno(EINVAL); return -1; }
  const list = env();
  for (let i = list.length - 1; i >= 0; i--) if (list[i].startsWith(name + "=")) list.splice(i, 1);
  return 0;
}
/** putenv("NAME=value"); a string without '=' removes NAME. */
export function putenv(s: string): number {
  const k = s.indexOf("=");
  if (k < 0) return unsetenv(s);
  if (k === 0) { __set_errno(EINVAL); return -1; }
  const list = env();
  const i = list.findIndex((e) => e.startsWith(s.slice(0, k + 1)));
  if (i >= 0) list[i] = s; else list.push(s);
  return 0;
}
export function clearenv(): number { env().length = 0; return 0; }

export function abs(n: number): number { return Math.abs(n | 0) | 0; }
export function labs(n: number): number { return Math.abs(n); }
export const llabs = labs;
export function div(a: number, b: number): { quot: number; rem: number } { return { quot: Math.trunc(a / b), rem: a % b }; }
export const ldiv = div;

/** qsort(array, compar): sorts the JavaScript array in place. */
export function qsort<T>(base: T[], compar: (a: T, b: T) => number): void { base.sort(compar); }
/** bsearch(key, array, compar): the matching element, or null. */
export function bsearch<K, T>(key: K, base: readonly T[], compar: (k: K, e: T) => number): T | null {
  let lo = 0, hi = base.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compar(key, base[mid]);
    if (c === 0) return base[mid];
    if (c < 0) hi = mid; else lo = mid + 1;
  }
  return null;
}

// rand: glibc's additive feedback generator (TYPE_3: x[i] = x[i-3] + x[i-31]), seeded by a
// Lehmer sequence, with the first 310 outputs discarded; state per process.
interface RandState { r: number[]; i: number }
function randState(): RandState {
  const st = libcState();
  return (st.rand ??= seedState(1)) as RandState;
}
function seedState(seed: number): RandState {
  const r = new Array<number>(34);
  r[0] = (seed | 0) === 0 ? 1 : seed | 0;
  for (let i = 1; i < 31; i++) {
    const hi = Math.trunc(r[i - 1] / 127773), lo = r[i - 1] % 127773;
    let w = 16807 * lo - 2836 * hi;
    if (w < 0) w += 2147483647;
    r[i] = w;
  }
  for (let i = 31; i < 34; i++) r[i] = r[i - 31];
  const s: RandState = { r, i: 34 };
  for (let k = 0; k < 310; k++) step(s);
  return s;
}
function step(s: RandState): number {
  const v = (s.r[s.i - 31] + s.r[s.i - 3]) | 0;
  s.r.push(v);
  s.i++;
  if (s.r.length > 64) { s.r.splice(0, 32); s.i -= 32; }
  return v >>> 1;
}
export function srand(seed: number): void { libcState().rand = seedState(seed >>> 0); }
export function rand(): number { return step(randState()); }
export const random = rand;
export const srandom = srand;

/**
 * system(cmd): run cmd with /bin/sh -c and wait; the wait status, -1 if no process could be
 * made, or (cmd null) whether a shell exists.
 */
export async function system(cmd: string | null): Promise<number> {
  if (cmd === null) return (await system("exit 0")) === 0 ? 1 : 0;
  const pid = { value: 0 };
  const err = await posix_spawn(pid, "/bin/sh", null, null, ["sh", "-c", cmd], env());
  if (err) { __set_errno(err); return -1; }
  const status = { value: 0 };
  for (;;) {
    const r = await waitpid(pid.value, status, 0);
    if (r >= 0) return status.value;
    if (__errno_location() !== 4 /* EINTR */) return -1;
  }
}

/** realpath(path): the canonical absolute path (symlinks, ".", ".." resolved), or null with errno. */
export async function realpath(path: string): Promise<string | null> {
  if (path === "") { __set_errno(ENOENT); return null; }
  let rest = path.split("/");
  let out: string[] = [];
  if (!path.startsWith("/")) {
    const cwd = await getcwd();
    if (cwd === null) return null;
    out = cwd.split("/").filter(Boolean);
  }
  let links = 0;
  const st = newStat();
  while (rest.length) {
    const c = rest.shift()!;
    if (c === "" || c === ".") continue;
    if (c === "..") { out.pop(); continue; }
    if (c.length > 255) { __set_errno(ENAMETOOLONG); return null; }
    const p = "/" + [...out, c].join("/");
    if ((await lstat(p, st)) < 0) return null;
    if (S_ISLNK(st.st_mode)) {
      if (++links > 40) { __set_errno(ELOOP); return null; }
      const target = await readlink(p);
      if (typeof target !== "string") return null;
      if (target.startsWith("/")) out = [];
      rest = [...target.split("/"), ...rest];
      continue;
    }
    out.push(c);
    if (rest.some((x) => x !== "" && x !== ".") && (st.st_mode & 0o170000) !== 0o040000) {
      __set_errno(20 /* ENOTDIR */);
      return null;
    }
  }
  return "/" + out.join("/");
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function fillTemplate(t: string, suffixLen: number): string | null {
  const end = t.length - suffixLen;
  if (end < 6 || t.slice(end - 6, end) !== "XXXXXX") return null;
  let x = "";
  for (let i = 0; i < 6; i++) x += LETTERS[Math.floor(Math.random() * LETTERS.length)];
  return t.slice(0, end - 6) + x + t.slice(end);
}

type Template = { value: string } | Ptr;

/**
 * mkstemp(template): create and open a new file whose name is template with its final XXXXXX
 * replaced; the name is written back (into the { value } box, or the C string at the address).
 * Returns the descriptor, or -1 with errno (EINVAL for a bad template).
 */
export async function mkstemp(template: Template): Promise<number> { return mkostemps(template, 0, 0); }
export async function mkostemps(template: Template, suffixLen: number, flags: number): Promise<number> {
  const t = typeof template === "number" ? readCString(template) : template.value;
  for (let tries = 0; tries < 100; tries++) {
    const name = fillTemplate(t, suffixLen);
    if (name === null) { __set_errno(EINVAL); return -1; }
    const fd = await open(name, O_RDWR | O_CREAT | O_EXCL | (flags & ~3), 0o600);
    if (fd < 0 && __errno_location() === EEXIST) continue;
    if (fd >= 0) store(template, name);
    return fd;
  }
  __set_errno(EEXIST);
  return -1;
}

/** mkdtemp(template): create a new directory (mode 0700); its name, or null with errno. */
export async function mkdtemp(template: Template): Promise<string | null> {
  const t = typeof template === "number" ? readCString(template) : template.value;
  for (let tries = 0; tries < 100; tries++) {
    const name = fillTemplate(t, 0);
    if (name === null) { __set_errno(EINVAL); return null; }
    if ((await mkdir(name, 0o700)) === 0) { store(template, name); return name; }
    if (__errno_location() !== EEXIST) return null;
  }
  return null;
}

function store(template: Template, name: string): void {
  if (typeof template === "number") u8().set(new TextEncoder().encode(name), template);
  else template.value = name;
}
