// Program start-up (crt0 and __libc_start_main): read argc, argv and envp from the initial
// stack the kernel built, run main, then exit with its status (flushing stdio through the
// atexit handlers). When the process is killed or execs, ProcessExit unwinds main for good.
import { trapBackend, ProcessExit } from "./arch/trap.js";
import { readCString } from "./internal/mem.js";
import { syscall6 } from "./arch/trap.js";

export type Main = (argv: string[], envp: string[]) => number | void | Promise<number | void>;

const NR_exit_group = 231;

function readVector(v: DataView, at: number): { list: string[]; next: number } {
  const list: string[] = [];
  for (;;) {
    const p = Number(v.getBigUint64(at, true));
    at += 8;
    if (p === 0) return { list, next: at };
    list.push(readCString(p));
  }
}

/** Run exit handlers (stdio flush) then exit_group(status). */
export async function __libc_exit(status: number): Promise<never> {
  const st = trapBackend().state();
  const handlers: (() => unknown)[] = st.atexit ?? [];
  st.atexit = [];
  while (handlers.length) await handlers.pop()!();
  await syscall6(NR_exit_group, status & 0xff);
  throw new ProcessExit("exit");
}

export async function __libc_start_main(main: Main, sp: number): Promise<void> {
  try {
    const v = trapBackend().view();
    const argv = readVector(v, sp + 8);
    const envp = readVector(v, argv.next);
    const st = trapBackend().state();
    st.environ = envp.list.slice();
    const code = await main(argv.list, envp.list);
    await __libc_exit(typeof code === "number" ? code : 0);
  } catch (e) {
    if (e instanceof ProcessExit) return;
    // An uncaught exception in a program is its crash: like a JavaScript runtime it reports the
    // exception on stderr, then the process dies as one that faulted (SIGSEGV).
    try {
      const what = e instanceof Error ? e.stack ?? e.message : `${(e as object)?.constructor?.name ?? typeof e} ${JSON.stringify(e)}`;
      const text = new TextEncoder().encode(`Uncaught ${what}\n`);
      const p = await syscall6(9 /* mmap */, 0, text.length + 1, 3, 0x22, -1, 0);
      if (p > 0) {
        trapBackend().bytes().set(text, p);
        await syscall6(1 /* write */, 2, p, text.length);
      }
      await syscall6(62 /* kill */, (await syscall6(39)) as number, 11);
    } catch {
      // dead already
    }
  }
}
