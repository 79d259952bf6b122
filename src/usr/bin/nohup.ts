// nohup: run a command immune to hangups (GNU coreutils). A terminal on standard input is
// replaced by /dev/null; a terminal on standard output by ./nohup.out (or $HOME/nohup.out);
// standard error follows standard output.
import { execvp, write, isatty, dup2, close } from "../../lib/libc/unistd.js";
import { open, O_RDONLY, O_WRONLY, O_CREAT, O_APPEND } from "../../lib/libc/fcntl.js";
import { signal, SIGHUP, SIG_IGN } from "../../lib/libc/signal.js";
import { getenv } from "../../lib/libc/stdlib.js";
import { errno, strerror, ENOENT } from "../../lib/libc/errno.js";

const HELP = `Usage: nohup COMMAND [ARG]...
  or:  nohup OPTION
Run COMMAND, ignoring hangup signals.

      --help        display this help and exit
      --version     output version information and exit
`;

export default async function main(argv: string[]): Promise<number> {
  let i = 1;
  if (argv[1] === "--help") { await write(1, HELP); return 0; }
  if (argv[1] === "--") i++;
  const cmd = argv.slice(i);
  if (cmd.length === 0) { await write(2, "nohup: missing operand\nTry 'nohup --help' for more information.\n"); return 125; }
  const inTty = await isatty(0), outTty = await isatty(1), errTty = await isatty(2);
  if (inTty) {
    const fd = await open("/dev/null", O_RDONLY);
    if (fd >= 0 && fd !== 0) { await dup2(fd, 0); await close(fd); }
  }
  let note = "";
  if (outTty) {
    let name = "nohup.out";
    let fd = await open(name, O_WRONLY | O_CREAT | O_APPEND, 0o600);
    if (fd < 0 && getenv("HOME")) { name = `${getenv("HOME")}/nohup.out`; fd = await open(name, O_WRONLY | O_CREAT | O_APPEND, 0o600); }
    if (fd < 0) { await write(2, `nohup: failed to open 'nohup.out': ${strerror(errno)}\n`); return 125; }
    note = inTty ? `ignoring input and appending output to '${name}'` : `appending output to '${name}'`;
    await write(2, `nohup: ${note}\n`);
    await dup2(fd, 1);
    await close(fd);
  } else if (inTty) await write(2, "nohup: ignoring input\n");
  if (errTty) await dup2(1, 2);
  await signal(SIGHUP, SIG_IGN);
  await execvp(cmd[0], cmd);
  const e = errno;
  await write(2, `nohup: failed to run command '${cmd[0]}': ${strerror(e)}\n`);
  return e === ENOENT ? 127 : 126;
}
