// sh: the Typix shell (dash's language and messages, with a few bash comforts). Runs
// `sh -c 'cmd' [name [args]]`, `sh script [args]`, `sh -s [args]` or commands from standard
// input; interactive on a terminal, with line editing, history and job control.
import { ShellState, ExitSignal, ShellError, BreakSignal, ReturnSignal } from "./state.js";
import { Executor } from "./exec.js";
import { Parser, SyntaxError_ } from "./parser.js";
import { JobTable } from "./jobs.js";
import { LineEditor } from "./lineedit.js";
import { writeAll, shError } from "./io.js";
import { readSmallFile, passwd } from "./users.js";
import { normalize } from "./builtins.js";
import { getpid, getppid, getcwd, isatty, read, geteuid, gethostname, setpgid, tcsetpgrp, getpgrp } from "../../../lib/libc/unistd.js";
import { stat, newStat } from "../../../lib/libc/sys/stat.js";
import { signal, SIG_IGN, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU } from "../../../lib/libc/signal.js";
import type { Node } from "./ast.js";

async function readAllFd(fd: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  const buf = new Uint8Array(65536);
  for (;;) {
    const n = await read(fd, buf);
    if (n <= 0) break;
    chunks.push(buf.slice(0, n));
  }
  const out = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return new TextDecoder().decode(out);
}

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

/** Expand the prompt's bash escapes: \u \h \H \w \W \$ \n \\ . */
async function promptText(sh: ShellState, ps: string): Promise<string> {
  const uid = await geteuid();
  const user = (await passwd()).find((p) => p.uid === uid)?.name ?? sh.get("USER") ?? String(uid);
  const host = ((await gethostname()) as string | null) ?? "localhost";
  const pwd = sh.get("PWD") ?? "";
  const home = sh.get("HOME");
  const w = home && (pwd === home || pwd.startsWith(home + "/")) ? "~" + pwd.slice(home.length) : pwd;
  return ps.replace(/\\(.)/g, (_m, c: string) => {
    switch (c) {
      case "u": return user; case "h": return host.split(".")[0]; case "H": return host;
      case "w": return w; case "W": return w === "~" || w === "/" ? w : w.slice(w.lastIndexOf("/") + 1);
      case "$": return uid === 0 ? "#" : "$"; case "n": return "\n"; case "\\": return "\\";
      case "e": return "\x1b"; case "[": case "]": return "";
    }
    return "\\" + c;
  });
}

class Runner {
  constructor(readonly sh: ShellState, readonly ex: Executor) {}

  /** Run one parsed command, turning errors into statuses (or exit, when not interactive). */
  async runNode(n: Node): Promise<void> {
    const sh = this.sh;
    try {
      if (!sh.opts.n) await this.ex.run(n);
    } catch (e) {
      if (e instanceof ShellError) {
        sh.status = e.status;
        if (!sh.interactive) throw new ExitSignal(e.status);
      } else if (e instanceof BreakSignal) {
        /* break outside a loop: nothing */
      } else if (e instanceof ReturnSignal) {
        sh.status = e.status;
      } else throw e;
    }
    if (sh.opts.m) {
      await sh.jobs.reap();
      if (!sh.interactive) await sh.jobs.notify();
    } else sh.jobs.prune();
  }

  /** Run a whole text (a -c string or a script), command by command. */
  async runText(text: string): Promise<void> {
    const sh = this.sh;
    const p = new Parser(text.endsWith("\n") ? text : text + "\n", { alias: (a) => sh.aliases.get(a) });
    for (;;) {
      let n: Node | null;
      try {
        n = p.parseCommandLine();
      } catch (e) {
        if (e instanceof SyntaxError_) {
          // The newline added above is not a line of the user's text.
          sh.lineno = text.endsWith("\n") ? e.line : Math.min(e.line, text.split("\n").length);
          await shError(sh, e.message);
          throw new ExitSignal(2);
        }
        throw e;
      }
      if (!n) return;
      if (sh.opts.v) await writeAll(2, n.src + "\n");
      await this.runNode(n);
    }
  }

  async interactive(): Promise<void> {
    const sh = this.sh;
    const ed = new LineEditor();
    let lineno = 0;
    for (;;) {
      await sh.jobs.reap();
      await sh.jobs.notify();
      let text = "";
      let prompt = await promptText(sh, sh.get("PS1") ?? "$ ");
      for (;;) {
        const line = await ed.readLine(prompt);
        if (line === null) {
          if (text === "") return;
          break;
        }
        text += line + "\n";
        // Complete? Try to parse everything read so far.
        try {
          const p = new Parser(text, { alias: (a) => sh.aliases.get(a) });
          p.parseAll();
          break;
        } catch (e) {
          if (e instanceof SyntaxError_ && e.eof) { prompt = sh.get("PS2") ?? "> "; continue; }
          break;
        }
      }
      ed.add(text.replace(/\n$/, ""));
      const p = new Parser(text, { alias: (a) => sh.aliases.get(a), line: lineno + 1 });
      lineno += text.split("\n").length - 1;
      try {
        for (;;) {
          let n: Node | null;
          try {
            n = p.parseCommandLine();
          } catch (e) {
            if (e instanceof SyntaxError_) { sh.lineno = e.line; await shError(sh, e.message); sh.status = 2; break; }
            throw e;
          }
          if (!n) break;
          await this.runNode(n);
        }
      } catch (e) {
        if (e instanceof ExitSignal) throw e;
        throw e;
      }
    }
  }
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
          for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) await signal(s, SIG_IGN);
          await setpgid(0, 0);
          await tcsetpgrp(0, await getpgrp());
          await runner.interactive();
        } else {
          await runner.runText(await readAllFd(0));
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
