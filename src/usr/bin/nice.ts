// nice: run a program with modified scheduling priority, or print the current niceness
// (GNU coreutils: -n N, -N, --adjustment=N; the default adjustment is 10).
import { execvp, write } from "../../lib/libc/unistd.js";
import { errno, strerror, ENOENT } from "../../lib/libc/errno.js";
import { sys } from "../../lib/libc/internal/sys.js";
import * as NR from "../../lib/libc/sys/syscall.js";
import { Tool } from "../lib/common.js";

const HELP = `Usage: nice [OPTION] [COMMAND [ARG]...]
Run COMMAND with an adjusted niceness, which affects process scheduling.
With no COMMAND, print the current niceness.  Niceness values range from
-20 (most favorable to the process) to 19 (least favorable to the process).

  -n, --adjustment=N   add integer N to the niceness (default 10)
      --help        display this help and exit
      --version     output version information and exit
`;

const PRIO_PROCESS = 0;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("nice", HELP, 125);
  let adj: string | null = null;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") { i++; break; }
    if (a === "--help") { await write(1, HELP); return 0; }
    if (a === "-n" || a === "--adjustment") {
      if (i + 1 >= argv.length) return t.usage(`option requires an argument -- 'n'`);
      adj = argv[++i];
    } else if (a.startsWith("--adjustment=")) adj = a.slice(13);
    else if (/^-n./.test(a)) adj = a.slice(2);
    else if (/^-[+-]?\d+$/.test(a)) adj = a.slice(1);
    else if (a.startsWith("-") && a !== "-") return t.usage(`invalid option -- '${a[1]}'`);
    else break;
  }
  const cmd = argv.slice(i);
  const raw = await sys(NR.__NR_getpriority, PRIO_PROCESS, 0);
  const current = 20 - raw;
  if (cmd.length === 0) {
    if (adj !== null) return t.usage("a command must be given with an adjustment");
    t.out.text(`${current}\n`);
    return t.finish(0);
  }
  let n = 10;
  if (adj !== null) {
    if (!/^[+-]?\d+$/.test(adj)) { await t.error(`invalid adjustment '${adj}'`, 125); return t.usage(); }
    n = Number(adj);
  }
  const want = Math.max(-20, Math.min(19, current + n));
  if (await sys(NR.__NR_setpriority, PRIO_PROCESS, 0, want) < 0) await t.warn(`cannot set niceness: ${strerror(errno)}`);
  await execvp(cmd[0], cmd);
  const e = errno;
  await t.warn(`'${cmd[0]}': ${strerror(e)}`);
  return e === ENOENT ? 127 : 126;
}
