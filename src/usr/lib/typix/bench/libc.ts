// The parts of libc the benchmark helper needs beyond <unistd.h>: <fcntl.h> (open), <stdlib.h>
// (malloc), <spawn.h> (posix_spawn) and <unistd.h>'s pipe, checked by name when a subcommand runs
// so that a missing function makes that subcommand fail with a clear message.
import * as fcntl from "../../../../lib/libc/fcntl.js";
import * as stdlib from "../../../../lib/libc/stdlib.js";
import * as spawn from "../../../../lib/libc/spawn.js";
import * as unistd from "../../../../lib/libc/unistd.js";

type Sys<T = number> = T | Promise<T>;
const HEADERS: Record<string, Record<string, unknown>> = { fcntl, stdlib, spawn, unistd };

export interface Fcntl { open(path: string, flags: number, mode?: number): Sys; O_RDONLY: number; O_WRONLY: number }
export interface Stdlib { malloc(size: number): Sys<number>; free(p: number): Sys<void> | void }
export interface Spawn {
  posix_spawn(pid: { value: number }, path: string, fileActions: null, attr: null, argv: string[], envp: string[]): Sys;
}
export interface UnistdPipe { pipe(fds: number[]): Sys }

/** Header `h` of libc ("fcntl", "stdlib"), with `names` checked to be there. */
export async function libc<T>(h: string, names: string[]): Promise<T> {
  const mod = HEADERS[h];
  if (!mod) throw new Error(`libc has no <${h}.h>`);
  for (const n of names) if (mod[n] === undefined) throw new Error(`libc has no ${n}${/^[a-z]/.test(n) ? "()" : ""} in <${h}.h>`);
  return mod as T;
}

/** The value of a libc call, awaited only when it is a promise (a call that slept). */
export async function val<T>(r: Sys<T>): Promise<T> {
  return r instanceof Promise ? await r : r;
}
