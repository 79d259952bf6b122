// /usr/lib/typix/bench: the benchmark helper (a system program, so it runs on the kernel's
// thread). `npm run bench` runs its subcommands; each prints "key value" lines:
//   bench getpid CALLS BATCHES   median ns per getpid()            -> getpid_ns
// It is not installed in /bin: it is a tool of the benchmark, not a user command.
import { write } from "../../../../lib/libc/unistd.js";
import { benchGetpid } from "./getpid.js";

type Sub = (args: string[]) => Promise<string>;
const SUBCOMMANDS: Record<string, Sub> = {
  getpid: benchGetpid,
};

export default async function main(argv: string[]): Promise<number> {
  const sub = SUBCOMMANDS[argv[1] ?? ""];
  if (!sub) {
    await write(2, `bench: usage: bench {${Object.keys(SUBCOMMANDS).join("|")}} ARGS...\n`);
    return 2;
  }
  try {
    await write(1, await sub(argv.slice(2)));
    return 0;
  } catch (e) {
    await write(2, `bench: ${argv[1]}: ${(e as Error).message}\n`);
    return 1;
  }
}
