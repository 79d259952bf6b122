// The typix command. With no arguments it boots the embedded root filesystem and puts the
// person at a shell on the machine's console, the host terminal in raw mode so that the
// kernel's line discipline echoes and edits; `-c LINE` runs a command line and `FILE` a host
// script instead. Options follow GNU conventions (getopt_long's messages, status 2).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { boot, type Machine, type HostDirMount } from "./machine.js";
import { readSnapshot, writeSnapshot, type Snapshot } from "./snapshot.js";
import { hostErrorText } from "./host_errors.js";

const USAGE_HINT = "Try 'typix --help' for more information.\n";
const HELP = `Usage: typix [OPTION]... [FILE [ARGUMENT]...]
Boot a Typix machine (a Linux-compatible kernel in TypeScript) and open a shell
on its console; or run a command line or a host shell script in it.

  -c, --command=LINE       run LINE with /bin/sh -c instead of opening a shell
  -u, --user=USER          be USER in the machine: user (uid 1000, home
                             /home/user; the default) or root
  -m, --mount=HOSTDIR:GUESTDIR[:ro]
                           mount the host directory HOSTDIR on GUESTDIR (created
                             if missing); with :ro, read-only (writes fail with
                             EROFS); files appear owned by USER; may be repeated
      --loglevel=N         show kernel messages of level lower than N on the
                             console (0-8; default 4: errors and worse); with
                             -c or FILE, they go to standard error
      --cmdline=PARAMS     add PARAMS to the kernel command line
      --hostname=NAME      the machine's host name (default typix)
      --kernel=DIR         build the kernel of the source tree DIR (a copy of
                             the machine's /usr/src/linux) and boot it
      --restore=FILE       boot from the snapshot FILE (made with --save): its
                             files, default kernel and log (dmesg of the
                             previous boot); no processes or loaded modules
      --save=FILE          when the shell, command or script ends, save the
                             machine's files, default kernel and log to FILE
  -h, --help               display this help and exit
  -V, --version            output version information and exit

\`typix kbuild DIR [modules|clean]\` builds the kernel modules of the host
directory DIR as \`make -C /lib/modules/$(uname -r)/build M=DIR\` does inside.

With FILE, the host file FILE is copied into the machine's /tmp and run with
/bin/sh, the ARGUMENTs as its positional parameters. Without FILE or -c, when
standard input is not a terminal, the shell reads its commands from it.

The interactive shell ends with 'exit' or Ctrl-D. Exit status: the shell's, the
command's or the script's; 2 for a wrong option; 1 when the machine cannot boot.
`;

interface Options {
  command: string | null;
  user: "user" | "root";
  mounts: HostDirMount[];
  loglevel: number;
  /** --loglevel was given: with -c or FILE, console messages then go to stderr. */
  loglevelGiven: boolean;
  cmdline: string[];
  hostname: string;
  kernel: string | null;
  restore: string | null;
  save: string | null;
  file: string | null;
  args: string[];
}

class UsageError {
  constructor(readonly message: string) {}
}

const LONG: Record<string, { arg: boolean; short?: string }> = {
  command: { arg: true, short: "c" }, user: { arg: true, short: "u" }, mount: { arg: true, short: "m" },
  loglevel: { arg: true }, cmdline: { arg: true }, hostname: { arg: true }, kernel: { arg: true },
  restore: { arg: true }, save: { arg: true },
  help: { arg: false, short: "h" }, version: { arg: false, short: "V" },
};
const SHORT: Record<string, string> = { c: "command", u: "user", m: "mount", h: "help", V: "version" };

function parseMount(spec: string, owner: "user" | "root"): HostDirMount {
  const parts = spec.split(":");
  const ro = parts.length === 3 && parts[2] === "ro";
  const rw = parts.length === 3 && parts[2] === "rw";
  if (parts.length < 2 || (parts.length === 3 && !ro && !rw) || parts.length > 3 || !parts[0] || !parts[1].startsWith("/")) {
    throw new UsageError(`typix: invalid mount '${spec}': expected HOSTDIR:GUESTDIR[:ro], GUESTDIR absolute\n`);
  }
  return { host: parts[0], guest: parts[1], readonly: ro, owner };
}

/** Parse the command line (getopt_long style: options stop at the first operand). */
export function parseArgs(argv: string[]): Options | "help" | "version" {
  const o: Options = { command: null, user: "user", mounts: [], loglevel: 4, loglevelGiven: false, cmdline: [], hostname: "typix", kernel: null, restore: null, save: null, file: null, args: [] };
  const mountSpecs: string[] = [];
  const apply = (name: string, value: string | undefined): "help" | "version" | void => {
    switch (name) {
      case "help": return "help";
      case "version": return "version";
      case "command": o.command = value!; return;
      case "user":
        if (value !== "user" && value !== "root") throw new UsageError(`typix: invalid user '${value}': expected 'user' or 'root'\n`);
        o.user = value;
        return;
      case "mount": mountSpecs.push(value!); return;
      case "loglevel": {
        const n = Number(value);
        if (!/^\d+$/.test(value!) || n > 8) throw new UsageError(`typix: invalid log level '${value}'\n`);
        o.loglevel = n;
        o.loglevelGiven = true;
        return;
      }
      case "cmdline": o.cmdline.push(value!); return;
      case "hostname": o.hostname = value!; return;
      case "kernel": o.kernel = value!; return;
      case "restore": o.restore = value!; return;
      case "save": o.save = value!; return;
    }
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") { i++; break; }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const matches = Object.keys(LONG).filter((k) => k.startsWith(name));
      const full = LONG[name] ? name : matches.length === 1 ? matches[0] : null;
      if (!full || name === "") {
        if (matches.length > 1) throw new UsageError(`typix: option '${a.slice(0, eq < 0 ? undefined : eq)}' is ambiguous; possibilities:${matches.map((m) => ` '--${m}'`).join("")}\n`);
        throw new UsageError(`typix: unrecognized option '${a.slice(0, eq < 0 ? undefined : eq)}'\n`);
      }
      const spec = LONG[full];
      let value: string | undefined;
      if (spec.arg) {
        if (eq >= 0) value = a.slice(eq + 1);
        else if (i + 1 < argv.length) value = argv[++i];
        else throw new UsageError(`typix: option '--${full}' requires an argument\n`);
      } else if (eq >= 0) {
        throw new UsageError(`typix: option '--${full}' doesn't allow an argument\n`);
      }
      const r = apply(full, value);
      if (r) return r;
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const name = SHORT[a[j]];
        if (!name) throw new UsageError(`typix: invalid option -- '${a[j]}'\n`);
        let value: string | undefined;
        if (LONG[name].arg) {
          if (j + 1 < a.length) value = a.slice(j + 1);
          else if (i + 1 < argv.length) value = argv[++i];
          else throw new UsageError(`typix: option requires an argument -- '${a[j]}'\n`);
          j = a.length;
        }
        const r = apply(name, value);
        if (r) return r;
      }
      continue;
    }
    break;
  }
  const rest = argv.slice(i);
  if (o.command === null && rest.length > 0) {
    o.file = rest[0];
    o.args = rest.slice(1);
  } else {
    o.args = rest;
  }
  o.mounts = mountSpecs.map((s) => parseMount(s, o.user));
  return o;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    return `typix ${pkg.version}\n`;
  } catch {
    return "typix\n";
  }
}

/** Run a command (or script) with the host's stdin, stdout and stderr; resolves to its status. */
async function runCommand(m: Machine, argv: string[], user: "user" | "root", showConsole: boolean): Promise<number> {
  // No terminal is shown: kernel messages meant for the console go to stderr if asked for.
  if (showConsole) {
    m.onConsoleOutput((d) => process.stderr.write(process.stderr.isTTY ? d : Buffer.from(d).toString("latin1").replace(/\r\n/g, "\n"), "latin1"));
  }
  // The bootloader's messages (a kernel that failed to start) when the console is not shown.
  if (!showConsole) m.onBootMessage((line) => process.stderr.write(line + "\n"));
  // A shell reading commands gets them a line at a time, so what it has not run yet is still
  // unread when a command reboots the machine, and goes to the next boot's shell.
  const start = () => m.start(argv, {
    user, stdin: argv.length === 1 ? "lines" : "pipe", collect: false,
    onOutput: (fd, d) => (fd === 1 ? process.stdout : process.stderr).write(d),
  });
  let proc: ReturnType<typeof start> | null = start();
  let held: Uint8Array[] = [];
  let ended = false;
  const onData = (d: Buffer) => { if (proc) proc.writeStdin(new Uint8Array(d)); else held.push(new Uint8Array(d)); };
  const onEnd = () => { ended = true; proc?.closeStdin(); };
  process.stdin.on("data", onData);
  process.stdin.on("end", onEnd);
  process.stdin.on("error", onEnd);
  try {
    for (;;) {
      const rebooted = new Promise<string>((resolve) => { const off = m.onPower((e) => { off(); resolve(e); }); });
      try {
        return (await proc!.done).status;
      } catch (e) {
        // A shell reading commands from standard input goes on after a reboot, as a serial
        // console's next login would: a new shell on the new kernel reads the rest.
        if (argv.length !== 1 || !/rebooted/.test((e as Error).message)) throw e;
        proc = null;
        if ((await rebooted) !== "reboot") throw e;
        proc = start();
        // What the old shell had not read yet comes first.
        const unread = (e as { unreadStdin?: Uint8Array }).unreadStdin;
        if (unread) proc.writeStdin(unread);
        for (const d of held) proc.writeStdin(d);
        held = [];
        if (ended) proc.closeStdin();
      }
    }
  } finally {
    process.stdin.off("data", onData);
    process.stdin.off("end", onEnd);
    process.stdin.pause();
  }
}

/** An interactive shell on the console, the host terminal in raw mode. */
async function runConsole(m: Machine, user: "user" | "root"): Promise<number> {
  const stdin = process.stdin;
  const size = () => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
  m.onConsoleOutput((d) => process.stdout.write(d));
  stdin.setRawMode(true);
  const onData = (d: Buffer) => m.consoleInput(new Uint8Array(d));
  // The terminal went away: a Ctrl-D at the start of a line.
  const onEnd = () => m.consoleInput("\x04");
  const onResize = () => { const s = size(); m.resizeConsole(s.cols, s.rows); };
  stdin.on("data", onData);
  stdin.on("end", onEnd);
  process.stdout.on("resize", onResize);
  try {
    // A reboot brings up a new kernel and, on the same terminal, a new login shell, as a
    // console's getty would; poweroff and halt end typix.
    for (;;) {
      const power = new Promise<string>((resolve) => { const off = m.onPower((e) => { off(); resolve(e); }); });
      const session = m.openConsole({ user, ...size() });
      try {
        return await session.done;
      } catch (e) {
        if (!/rebooted|was reset/.test((e as Error).message)) throw e;
        if ((await power) !== "reboot") return 0;
      }
    }
  } finally {
    stdin.off("data", onData);
    stdin.off("end", onEnd);
    process.stdout.off("resize", onResize);
    stdin.setRawMode(false);
    stdin.pause();
  }
}

/** The typix command. */
export async function main(argv: string[]): Promise<void> {
  if (argv[0] === "kbuild") process.exit(await (await import("./kbuild_cli.js")).kbuildMain(argv.slice(1)));
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(e.message + USAGE_HINT);
    process.exit(2);
  }
  if (opts === "help") { process.stdout.write(HELP); process.exit(0); }
  if (opts === "version") { process.stdout.write(version()); process.exit(0); }

  let script: Uint8Array | null = null;
  if (opts.file !== null) {
    try {
      script = readFileSync(opts.file);
    } catch (e) {
      process.stderr.write(`typix: ${opts.file}: ${hostErrorText(e)}\n`);
      process.exit(127);
    }
  }

  let kernel: Uint8Array | undefined;
  if (opts.kernel !== null) {
    const { buildKernelDir } = await import("./kernel_dir.js");
    const built = await buildKernelDir(opts.kernel, (l) => process.stderr.write(l + "\n"), (l) => process.stderr.write(l + "\n"));
    if (built instanceof Error) { process.stderr.write(built.message + "\n"); process.exit(1); }
    kernel = built;
  }
  let from: Snapshot | undefined;
  if (opts.restore !== null) {
    try {
      from = readSnapshot(opts.restore);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(1);
    }
  }
  let m: Machine;
  try {
    m = await boot({
      from, keepWarm: false,
      cmdline: [`loglevel=${opts.loglevel}`, ...opts.cmdline].join(" "),
      hostname: opts.hostname,
      mounts: opts.mounts,
      kernel,
    });
  } catch (e) {
    const why = (e as Error).message.split("\n")[0];
    process.stderr.write(kernel ? `typix: the kernel built from ${opts.kernel} failed to start: ${why}\n` : `${why}\n`);
    process.exit(1);
  }

  let status: number;
  try {
    if (opts.command !== null) {
      status = await runCommand(m, ["/bin/sh", "-c", opts.command, ...opts.args], opts.user, opts.loglevelGiven);
    } else if (script !== null) {
      const guest = `/tmp/${basename(opts.file!)}`;
      await m.writeFile(guest, script, 0o755);
      status = await runCommand(m, ["/bin/sh", guest, ...opts.args], opts.user, opts.loglevelGiven);
    } else if (!process.stdin.isTTY) {
      // Commands piped in, as `echo cmd | sh`: a non-interactive shell reading standard input.
      status = await runCommand(m, ["/bin/sh"], opts.user, opts.loglevelGiven);
    } else {
      status = await runConsole(m, opts.user);
    }
  } catch (e) {
    const msg = (e as Error).message;
    process.stderr.write(`${msg.startsWith("typix: ") ? "" : "typix: "}${msg}\n`);
    status = 1;
  }
  if (opts.save !== null) {
    try {
      writeSnapshot(opts.save, await m.snapshot({ keepWarm: false }));
    } catch (e) {
      process.stderr.write(`typix: cannot save ${opts.save}: ${hostErrorText(e).replace(/^typix: /, "")}\n`);
      if (status === 0) status = 1;
    }
  }
  await m.shutdown();
  process.exit(status);
}
