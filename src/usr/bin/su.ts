// su: run a shell as another user (util-linux: su [options] [-] [USER [ARG...]], -l, -c CMD,
// -s SHELL, -m/-p). Installed set-user-ID root. Root switches without a password. Typix sets
// no passwords (Debian's root account is locked when sudo is set up), so authentication
// fails for everyone else, as PAM fails a locked account: "su: Authentication failure".
// The way to root for "user" is sudo (sudo -i, sudo su).
import { getuid, geteuid, setuid, setgid, execve, chdir, write } from "../../lib/libc/unistd.js";
import { defaultPath } from "../lib/paths.js";
import { environ } from "../../lib/libc/stdlib.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { loadAccounts, getpwnam, getgrouplist } from "../lib/sys/passwd.js";
import { setgroups } from "../lib/sys/kernel.js";

const HELP = `
Usage:
 su [options] [-] [<user> [<argument>...]]

Change the effective user ID and group ID to that of <user>.
A mere - implies -l.  If <user> is not given, root is assumed.

Options:
 -m, -p, --preserve-environment      do not reset environment variables
 -w, --whitelist-environment <list>  don't reset specified variables

 -g, --group <group>             specify the primary group
 -G, --supp-group <group>        specify a supplemental group

 -, -l, --login                  make the shell a login shell
 -c, --command <command>         pass a single command to the shell with -c
 --session-command <command>     pass a single command to the shell with -c
                                   and do not create a new session
 -f, --fast                      pass -f to the shell (for csh or tcsh)
 -s, --shell <shell>             run <shell> if /etc/shells allows it
 -P, --pty                       create a new pseudo-terminal

 -h, --help                      display this help
 -V, --version                   display version

For more details see su(1).
`;

const err = (m: string) => write(2, `su: ${m}\n`);

export default async function main(argv: string[]): Promise<number> {
  let login = false, keep = false;
  let command: string | null = null, shellOpt: string | null = null;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-" || a === "-l" || a === "--login") { login = true; continue; }
    if (a === "--") { i++; break; }
    if (!a.startsWith("-")) break;
    const needs = (): string | null => (i + 1 < argv.length ? argv[++i] : null);
    if (a === "-c" || a === "--command" || a === "--session-command") {
      command = needs();
      if (command === null) { await err(`option requires an argument -- 'c'`); await write(2, "Try 'su --help' for more information.\n"); return 1; }
    } else if (a.startsWith("--command=")) command = a.slice(10);
    else if (a.startsWith("-c") && a.length > 2) command = a.slice(2);
    else if (a === "-s" || a === "--shell") shellOpt = needs();
    else if (a === "-m" || a === "-p" || a === "--preserve-environment") keep = true;
    else if (a === "-f" || a === "--fast" || a === "-P" || a === "--pty") continue;
    else if (a === "-h" || a === "--help") { await write(1, HELP); return 0; }
    else if (a === "-V" || a === "--version") { await write(1, "su from util-linux 2.38.1\n"); return 0; }
    else { await err(`invalid option -- '${a.replace(/^-+/, "")[0]}'`); await write(2, "Try 'su --help' for more information.\n"); return 1; }
  }
  const name = i < argv.length ? argv[i++] : "root";
  const extra = argv.slice(i);
  const acc = await loadAccounts();
  const target = getpwnam(acc, name);
  if (!target) { await err(`user ${name} does not exist or the user entry does not contain all the required fields`); return 1; }
  if (await getuid() !== 0) {
    // No account has a password to give: PAM refuses at once.
    await err("Authentication failure");
    return 1;
  }
  if (await geteuid() !== 0) { await err(`cannot set groups: ${strerror(1)}`); return 1; }
  const shell = shellOpt ?? (target.shell || "/bin/sh");
  const old = new Map(environ().map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)] as [string, string]));
  const env = new Map<string, string>();
  if (login) {
    if (old.has("TERM")) env.set("TERM", old.get("TERM")!);
    env.set("PATH", defaultPath(target.uid));
  } else for (const [k, v] of old) env.set(k, v);
  if (!keep || login) {
    env.set("HOME", target.dir);
    env.set("SHELL", shell);
    env.set("USER", target.name);
    env.set("LOGNAME", target.name);
  }
  if (await setgroups(getgrouplist(acc, target.name, target.gid)) < 0) { await err(`cannot set groups: ${strerror(errno)}`); return 1; }
  if (await setgid(target.gid) < 0 || await setuid(target.uid) < 0) { await err(`cannot set user id: ${strerror(errno)}`); return 1; }
  if (login && await chdir(target.dir) < 0) {
    await err(`warning: cannot change directory to ${target.dir}: ${strerror(errno)}`);
  }
  const base = shell.slice(shell.lastIndexOf("/") + 1);
  const args = [login ? `-${base}` : base, ...(command !== null ? ["-c", command] : []), ...extra];
  await execve(shell, args, [...env].map(([k, v]) => `${k}=${v}`));
  const e = errno;
  await err(`failed to execute ${shell}: ${strerror(e)}`);
  return e === 2 ? 127 : 126;
}
