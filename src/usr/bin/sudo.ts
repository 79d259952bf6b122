// sudo: run a command as another user (root by default). Typix's policy is Debian's default
// sudoers, "root ALL=(ALL:ALL) ALL" and "%sudo ALL=(ALL:ALL) ALL", without passwords. The
// program is installed set-user-ID root: exec gives it euid 0; it then takes the target's
// groups, gid and uid and executes the command (-u USER, -i login shell, -s shell, -E keep
// the environment). The environment is reset as sudo's env_reset does, with secure_path.
import { getuid, geteuid, getgid, setuid, setgid, execve, chdir, write, access, X_OK } from "../../lib/libc/unistd.js";
import { ROOT_PATH } from "../lib/paths.js";
import { getenv, environ } from "../../lib/libc/stdlib.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { loadAccounts, getpwuid, getgrnam, getgrouplist, lookupUser, getgrgid } from "../lib/sys/passwd.js";
import { setgroups } from "../lib/sys/kernel.js";

const SECURE_PATH = ROOT_PATH;
const KEEP = ["TERM", "COLORTERM", "DISPLAY", "LANG", "LANGUAGE", "LINGUAS", "TZ", "XAUTHORITY", "COLUMNS", "LINES", "PS1", "PS2"];
const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...
`;

const err = (m: string) => write(2, `sudo: ${m}\n`);

/** The command's full path, searched in path as sudo does (an executable regular file), or null. */
async function findCommand(cmd: string, path: string): Promise<string | null> {
  if (cmd.includes("/")) return (await access(cmd, X_OK)) === 0 ? cmd : null;
  for (const dir of path.split(":")) {
    const p = `${dir || "."}/${cmd}`;
    if ((await access(p, X_OK)) === 0) return p;
  }
  return null;
}

/** sh's quoting of one word for "shell -c" (what sudo -i and -s build). */
function shellWord(w: string): string {
  return w.replace(/([^A-Za-z0-9_\-$])/g, "\\$1");
}

export default async function main(argv: string[]): Promise<number> {
  let user = "root";
  let group: string | null = null;
  let login = false, shell = false, keepEnv = false, chdirTo: string | null = null;
  const setVars: string[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") { i++; break; }
    if (!a.startsWith("-") || a === "-") break;
    const long: Record<string, string> = { "--user": "u", "--group": "g", "--login": "i", "--shell": "s", "--preserve-env": "E",
      "--non-interactive": "n", "--help": "h", "--version": "V", "--validate": "v", "--reset-timestamp": "k", "--remove-timestamp": "K",
      "--set-home": "H", "--chdir": "D" };
    let cluster = a.startsWith("--") ? long[a.split("=")[0]] : a.slice(1);
    if (cluster === undefined) { await err(`unrecognized option '${a}'`); await write(2, USAGE); return 1; }
    const inline = a.startsWith("--") && a.includes("=") ? a.slice(a.indexOf("=") + 1) : null;
    for (let j = 0; j < cluster.length; j++) {
      const c = cluster[j];
      const arg = async (): Promise<string | null> => {
        if (inline !== null) return inline;
        const rest = cluster.slice(j + 1);
        cluster = "";
        if (rest) return rest;
        if (i + 1 < argv.length) return argv[++i];
        await err(`option requires an argument -- '${c}'`);
        await write(2, USAGE);
        return null;
      };
      switch (c) {
        case "u": { const v = await arg(); if (v === null) return 1; user = v; break; }
        case "g": { const v = await arg(); if (v === null) return 1; group = v; break; }
        case "D": { const v = await arg(); if (v === null) return 1; chdirTo = v; break; }
        case "i": login = true; break;
        case "s": shell = true; break;
        case "E": keepEnv = true; break;
        case "n": case "k": case "K": case "H": case "S": case "A": case "B": case "N": case "P": break;
        case "v": return (await checkPolicy()) ? 0 : 1;
        case "h": await write(1, `sudo - execute a command as another user\n\n${USAGE}`); return 0;
        case "V": await write(1, "Sudo version 1.9.13p3\n"); return 0;
        default: await err(`invalid option -- '${c}'`); await write(2, USAGE); return 1;
      }
    }
  }
  while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) setVars.push(argv[i++]);
  const cmd = argv.slice(i);
  if (login && shell) { await err("you may not specify both the -i and -s options"); await write(2, USAGE); return 1; }
  if (cmd.length === 0 && !login && !shell) { await write(2, USAGE); return 1; }
  if (await geteuid() !== 0) {
    await err("effective uid is not 0, is /usr/bin/sudo on a file system with the 'nosuid' option set or an NFS file system without root privileges?");
    return 1;
  }
  const acc = await loadAccounts();
  const ruid = await getuid(), rgid = await getgid();
  const me = getpwuid(acc, ruid);
  if (!me) { await err(`you do not exist in the passwd database`); return 1; }
  if (!(await checkPolicy())) { await write(2, `${me.name} is not in the sudoers file.\n`); return 1; }
  const target = lookupUser(acc, user);
  if (!target) { await err(`unknown user ${user}`); return 1; }
  let gid = target.gid;
  if (group !== null) {
    const g = getgrnam(acc, group) ?? (/^#?\d+$/.test(group) ? getgrgid(acc, Number(group.replace("#", ""))) : null);
    if (!g) { await err(`unknown group ${group}`); return 1; }
    gid = g.gid;
  }

  // The environment: env_reset (unless -E), then the target's identity and SUDO_*.
  const old = new Map(environ().map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)] as [string, string]));
  const env = new Map<string, string>();
  if (keepEnv) for (const [k, v] of old) env.set(k, v);
  else for (const k of KEEP) if (old.has(k) && !(login && k !== "TERM" && !k.startsWith("LANG") && k !== "TZ")) env.set(k, old.get(k)!);
  if (!keepEnv) for (const [k, v] of old) if (k.startsWith("LC_")) env.set(k, v);
  env.set("PATH", SECURE_PATH);
  if (!keepEnv || login) {
    env.set("HOME", target.dir);
    env.set("SHELL", target.shell);
    env.set("LOGNAME", target.name);
    env.set("USER", target.name);
    env.set("MAIL", `/var/mail/${target.name}`);
  }
  for (const v of setVars) env.set(v.slice(0, v.indexOf("=")), v.slice(v.indexOf("=") + 1));

  let path: string;
  let args: string[];
  if (login || shell) {
    const sh = login ? target.shell : getenv("SHELL") || target.shell;
    path = sh;
    const base = sh.slice(sh.lastIndexOf("/") + 1);
    args = cmd.length ? [login ? `-${base}` : sh, "-c", cmd.map(shellWord).join(" ")] : [login ? `-${base}` : sh];
    env.set("SUDO_COMMAND", cmd.length ? `${sh} -c ${cmd.join(" ")}` : sh);
  } else {
    const found = await findCommand(cmd[0], SECURE_PATH);
    if (!found) { await err(`${cmd[0]}: command not found`); return 1; }
    path = found;
    args = cmd;
    env.set("SUDO_COMMAND", [found, ...cmd.slice(1)].join(" "));
  }
  env.set("SUDO_USER", me.name);
  env.set("SUDO_UID", String(ruid));
  env.set("SUDO_GID", String(rgid));

  if (await setgroups(getgrouplist(acc, target.name, gid)) < 0 || await setgid(gid) < 0 || await setuid(target.uid) < 0) {
    await err(`unable to change to runas uid: ${strerror(errno)}`);
    return 1;
  }
  const dir = chdirTo ?? (login ? target.dir : null);
  if (dir !== null && await chdir(dir) < 0) {
    await err(`unable to change directory to ${dir}: ${strerror(errno)}`);
    if (chdirTo !== null) return 1;
  }
  await execve(path, args, [...env].map(([k, v]) => `${k}=${v}`));
  await err(`unable to execute ${path}: ${strerror(errno)}`);
  return 1;

  /** Debian's default policy: root, and members of group sudo. */
  async function checkPolicy(): Promise<boolean> {
    const a = await loadAccounts();
    const uid = await getuid();
    if (uid === 0) return true;
    const pw = getpwuid(a, uid);
    const sudo = getgrnam(a, "sudo");
    return !!pw && !!sudo && getgrouplist(a, pw.name, pw.gid).includes(sudo.gid);
  }
}
