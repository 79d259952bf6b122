// /usr/lib/typix/bench: the benchmark helper (a system program, so it runs on the kernel's
// thread). `npm run bench` runs its subcommands; each prints "key value" lines:
//   bench getpid CALLS BATCHES   median ns per getpid()            -> getpid_ns
//   bench dd BS COUNT            /dev/zero to /dev/null, like dd   -> bytes, seconds, gbps
//   bench pipe BS COUNT          through a pipe to a second process -> bytes, seconds, gbps
//   bench spawn ROUNDS           posix_spawn + waitpid of /bin/true -> spawn_wait_us
// (pipe-read is the reading process that "pipe" starts.)
// It is not installed in /bin: it is a tool of the benchmark, not a user command.
import { write } from "../../../../lib/libc/unistd.js";
import { benchGetpid } from "./getpid.js";
import { benchDd } from "./dd.js";
import { benchPipe, benchPipeRead } from "./pipe.js";
import { benchSpawn } from "./spawn.js";

/** A subcommand: its arguments, the helper's own path and the environment; returns its output. */
type Sub = (args: string[], self: string, envp: string[]) => Promise<string>;
const SUBCOMMANDS: Record<string, Sub> = {
  getpid: benchGetpid,
  dd: benchDd,
  pipe: benchPipe,
  "pipe-read": benchPipeRead,
  spawn: benchSpawn,
};

export default async function main(argv: string[], envp: string[]): Promise<number> {
  const sub = SUBCOMMANDS[argv[1] ?? ""];
  if (!sub) {
    await write(2, `bench: usage: bench {${Object.keys(SUBCOMMANDS).join("|")}} ARGS...\n`);
    return 2;
  }
  try {
    const self = argv[0]?.startsWith("/") ? argv[0] : "/usr/lib/typix/bench";
    const out = await sub(argv.slice(2), self, envp);
    if (out) await write(1, out);
    return 0;
  } catch (e) {
    await write(2, `bench: ${argv[1]}: ${(e as Error).message}\n`);
    return 1;
  }
}
