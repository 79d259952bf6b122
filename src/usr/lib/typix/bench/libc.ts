// The parts of libc the benchmark helper needs beyond <unistd.h>: <fcntl.h> (open), <stdlib.h>
// (malloc), <spawn.h> (posix_spawn) and <unistd.h>'s pipe. They are looked up when a subcommand
// runs, so that a libc still missing one of them makes that subcommand fail with a clear message
// ("libc has no posix_spawn() yet") while the others run.
type Sys<T = number> = T | Promise<T>;

export interface Fcntl { open(path: string, flags: number, mode?: number): Sys; O_RDONLY: number; O_WRONLY: number }
export interface Stdlib { malloc(size: number): Sys<number>; free(p: number): Sys<void> | void }
export interface Spawn {
  posix_spawn(pid: { value: number }, path: string, fileActions: null, attr: null, argv: string[], envp: string[]): Sys;
}
export interface UnistdPipe { pipe(fds: number[]): Sys }

const cache = new Map<string, Record<string, unknown>>();

/** Header `h` of libc ("fcntl", "sys/wait"), with `names` checked to be there. */
export async function libc<T>(h: string, names: string[]): Promise<T> {
  let mod = cache.get(h);
  if (!mod) {
    const url = new URL(`../../../../lib/libc/${h}.js`, import.meta.url).href;
    try {
      mod = (await import(url)) as Record<string, unknown>;
    } catch {
      throw new Error(`libc has no <${h}.h> yet`);
    }
    cache.set(h, mod);
  }
  for (const n of names) if (mod[n] === undefined) throw new Error(`libc has no ${n}${/^[a-z]/.test(n) ? "()" : ""} in <${h}.h> yet`);
  return mod as T;
}

/** The value of a libc call, awaited only when it is a promise (a call that slept). */
export async function val<T>(r: Sys<T>): Promise<T> {
  return r instanceof Promise ? await r : r;
}
