// sh: the Typix shell (dash's language and messages, with a few bash comforts). Runs
// `sh -c 'cmd' [name [args]]`, `sh script [args]`, `sh -s [args]` or commands from standard
// input; interactive on a terminal, with line editing, history and job control.
import { ShellState, ExitSignal, ShellError } from "./state.js";
import { Executor } from "./exec.js";
import { JobTable } from "./jobs.js";
import { Runner } from "./runner.js";
import { installInteractiveSigint } from "./interrupt.js";
import { writeAll, shError } from "./io.js";
import { readSmallFile } from "./users.js";
import { normalize } from "./builtins.js";
import { getpid, getppid, getcwd, isatty, setpgid, tcsetpgrp, getpgrp } from "../../../lib/libc/unistd.js";
import { stat, newStat } from "../../../lib/libc/sys/stat.js";
import { signal, SIG_IGN, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU } from "../../../lib/libc/signal.js";

async function initVars(sh: ShellState, envp: string[]): Promise<void> {
  for (const e of envp) {
    const eq = e.indexOf("=");
    if (eq <= 0) continue;
    const k = e.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) continue;
    sh.vars.set(k, { value: e.slice(eq + 1), exported: true, readonly: false });
  }
  const cwd = await getcwd();
  const envPwd = sh.get("PWD");
  let pwdOk = false;
  if (envPwd && envPwd.startsWith("/") && cwd) {
    const a = newStat(), b = newStat();
    pwdOk = normalize(envPwd) === envPwd && (await stat(envPwd, a)) === 0 && (await stat(".", b)) === 0 && a.st_ino === b.st_ino && a.st_dev === b.st_dev;
  }
  if (!pwdOk && cwd) sh.set("PWD", cwd, { export: true });
  sh.set("PPID", String(await getppid()));
  if (sh.get("PS1") === undefined) sh.set("PS1", "\\u@\\h:\\w\\$ ");
  if (sh.get("PS2") === undefined) sh.set("PS2", "> ");
  if (sh.get("PS4") === undefined) sh.set("PS4", "+ ");
  sh.set("OPTIND", "1");
}

export default async function main(argv: string[], envp: string[]): Promise<number> {
  const sh = new ShellState();
  sh.jobs = new JobTable();
  const ex = new Executor(sh);
  sh.evalText = (t, line) => ex.evalText(t, line);
  sh.rootPid = await getpid();
  sh.arg0 = argv[0] ?? "sh";
  await initVars(sh, envp);

  // Options.
  let k = 1;
  let cmd: string | null = null;
  let fromStdin = false;
  let forceInteractive = false;
  for (; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--" || a === "-") { k++; break; }
    if (!/^[-+]./.test(a)) break;
    const on = a[0] === "-";
    for (const c of a.slice(1)) {
      if (c === "c") cmd = "";
      else if (c === "s") fromStdin = true;
      else if (c === "i") forceInteractive = on;
      else if ("euxfnmvCa".includes(c)) sh.opts[c as keyof ShellState["opts"]] = on;
      else if (c === "o") { k++; }
      else {
        await writeAll(2, `${sh.arg0}: 0: Illegal option -${c}\n`);
        return 2;
      }
    }
  }
  const rest = argv.slice(k);
  let status = 0;
  const runner = new Runner(sh, ex);
  try {
    try {
      if (cmd !== null) {
        if (!rest.length) { await writeAll(2, `${sh.arg0}: 0: -c requires an argument\n`); return 2; }
        cmd = rest[0];
        if (rest.length > 1) sh.arg0 = rest[1];
        sh.positional = rest.slice(2);
        const m = /^# typix-sh-sub (\d+)\n/.exec(cmd);
        if (m) sh.rootPid = Number(m[1]);
        await runner.runText(cmd);
      } else if (!fromStdin && rest.length) {
        const file = rest[0];
        sh.arg0 = file;
        sh.positional = rest.slice(1);
        const text = await readSmallFile(file);
        if (text === null) {
          sh.arg0 = argv[0] ?? "sh";
          sh.lineno = 0;
          await shError(sh, `cannot open ${file}: No such file`);
          return 127;
        }
        await runner.runText(text);
      } else {
        sh.positional = rest;
        sh.interactive = forceInteractive || ((await isatty(0)) === 1 && (await isatty(2)) === 1);
        if (sh.interactive) {
          sh.opts.m = true;
          for (const s of [SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) await signal(s, SIG_IGN);
          await installInteractiveSigint(sh);
          await setpgid(0, 0);
          await tcsetpgrp(0, await getpgrp());
          await runner.interactive();
        } else {
          await runner.runStdin();
        }
      }
      status = sh.status;
    } catch (e) {
      if (e instanceof ExitSignal) status = e.status;
      else throw e;
    }
    // The EXIT trap.
    const t = sh.traps.get("0");
    if (t) {
      sh.traps.delete("0");
      sh.status = status;
      try { await ex.evalText(t); } catch (e) {
        if (e instanceof ExitSignal) status = e.status;
        else if (!(e instanceof ShellError)) throw e;
      }
    }
  } finally {
    void 0;
  }
  return status;
}
