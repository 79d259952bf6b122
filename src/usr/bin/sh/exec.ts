// The executor: runs the syntax tree.
//
// Typix has no fork(2) (a JavaScript program cannot be duplicated), so this shell does what
// fork-less shells do:
//  - a simple external command is started with vfork: the child (our own code, running as the
//    new process until it execs) applies its redirections with open/dup2/close and calls execve;
//  - anything that needs a copy of the shell — a subshell ( ... ), a command substitution
//    $(...), a builtin, function or compound command inside a pipeline, a compound command run
//    with & — runs in a new /bin/sh -c with that command's source text. The child gets the
//    exported variables through its environment, and the rest of the state (other variables,
//    functions, aliases, options, $$ and the line number) as a script prefix; the positional
//    parameters are its arguments; pipes and files are its standard descriptors.
// Builtins and functions outside pipelines run in this process, with their redirections
// applied around them (the displaced descriptors are saved above 10 and restored).
import type { Node, NodeOf, Redir } from "./ast.js";
import { nodeText, Parser, SyntaxError_ } from "./parser.js";
import { ShellState, BreakSignal, ReturnSignal, ExitSignal, ShellError, InterruptSignal, shellQuote } from "./state.js";
import { checkInterrupt } from "./interrupt.js";
import { expandFields, expandString, expandPattern, expandHereDoc, type ExpandCtx } from "./expand.js";
import { matchPattern } from "./glob.js";
import { writeAll, shError } from "./io.js";
import { statusOf, type Job } from "./jobs.js";
import { BUILTINS, SPECIAL_BUILTINS } from "./builtins.js";
import { open, fcntl, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_EXCL, O_CLOEXEC, F_DUPFD_CLOEXEC } from "../../../lib/libc/fcntl.js";
import { close, dup2, pipe2, read, write, execve, vfork, _exit, setpgid, tcsetpgrp, unlink, lseek, access, X_OK, getpgrp } from "../../../lib/libc/unistd.js";
import { stat, newStat } from "../../../lib/libc/sys/stat.js";
import { wait4, WUNTRACED, WIFSIGNALED, WTERMSIG, WIFSTOPPED, WCOREDUMP } from "../../../lib/libc/sys/wait.js";
import { errno, strerror, ENOENT, EACCES, ENOEXEC, ENOTDIR, EEXIST } from "../../../lib/libc/errno.js";
import { signal, SIG_DFL, SIG_IGN, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, strsignal } from "../../../lib/libc/signal.js";

/** A redirection with its word expanded, ready to apply (in this shell or in a vfork child). */
type Prepared =
  | { fd: number; kind: "open"; path: string; flags: number; create: boolean }
  | { fd: number; kind: "dup"; from: number }
  | { fd: number; kind: "close" }
  | { fd: number; kind: "doc"; text: string };

interface SpawnIO { stdin?: number; stdout?: number; close?: number[]; pgid?: number | null; bg?: boolean }

const SHELL_PATH = "/bin/sh";

export class Executor implements ExpandCtx {
  constructor(public sh: ShellState) {}

  // ---- errors ----
  fail(msg: string): never {
    void shError(this.sh, msg);
    throw new ShellError(2);
  }

  /** The status of the last command substitution (the status of a command without a name). */
  substStatus = 0;

  // ---- expansion context ----
  async cmdSubst(text: string): Promise<string> {
    const fds = [0, 0];
    let out = "";
    if ((await pipe2(fds, O_CLOEXEC)) === 0) {
      const pid = await this.spawnShell(text, { stdout: fds[1] });
      await close(fds[1]);
      const chunks: Uint8Array[] = [];
      const buf = new Uint8Array(65536);
      for (;;) {
        const n = await read(fds[0], buf);
        if (n <= 0) break;
        chunks.push(buf.slice(0, n));
      }
      await close(fds[0]);
      out = decode(chunks);
      this.substStatus = pid > 0 ? await this.waitPids([pid], null, "") : 127;
      return out;
    }
    // Without pipes: through a temporary file.
    const tmp = await tempFile();
    if (tmp < 0) this.fail("cannot create temporary file: " + strerror(errno));
    const pid = await this.spawnShell(text, { stdout: tmp });
    this.substStatus = pid > 0 ? await this.waitPids([pid], null, "") : 127;
    await lseek(tmp, 0, 0);
    const chunks: Uint8Array[] = [];
    const buf = new Uint8Array(65536);
    for (;;) {
      const n = await read(tmp, buf);
      if (n <= 0) break;
      chunks.push(buf.slice(0, n));
    }
    await close(tmp);
    return decode(chunks);
  }

  // ---- running nodes ----
  async run(n: Node): Promise<number> {
    checkInterrupt(this.sh);
    await this.runTraps();
    const sh = this.sh;
    switch (n.t) {
      case "simple": return this.done(await this.runSimple(n), true);
      case "pipeline": {
        if (n.bang) sh.noErrexit++;
        let st: number;
        try {
          st = n.cmds.length === 1 ? await this.run(n.cmds[0]) : await this.runPipeline(n);
        } finally { if (n.bang) sh.noErrexit--; }
        return this.done(n.bang ? (st === 0 ? 1 : 0) : st, !n.bang);
      }
      case "andor": {
        sh.noErrexit++;
        let st: number;
        try { st = await this.run(n.left); } finally { sh.noErrexit--; }
        if ((n.op === "&&") === (st === 0)) st = await this.run(n.right);
        return this.done(st, false);
      }
      case "list": {
        let st = sh.status;
        for (const it of n.items) st = it.bg ? await this.runBackground(it.node) : await this.run(it.node);
        return st;
      }
      case "subshell": return this.withRedirs(n.redirs, async () => {
        sh.lineno = n.line;
        const pid = await this.spawnShell(nodeText(n.body), {});
        return this.done(pid > 0 ? await this.waitPids([pid], null, n.src) : 127, true);
      });
      case "group": return this.withRedirs(n.redirs, () => this.run(n.body));
      case "if": return this.withRedirs(n.redirs, async () => {
        for (const c of n.clauses) {
          if ((await this.cond(c.cond)) === 0) return this.run(c.body);
        }
        return n.orelse ? this.run(n.orelse) : this.done(0, false);
      });
      case "loop": return this.withRedirs(n.redirs, () => this.runLoop(n));
      case "for": return this.withRedirs(n.redirs, () => this.runFor(n));
      case "case": return this.withRedirs(n.redirs, () => this.runCase(n));
      case "func":
        sh.funcs.set(n.name, { body: n.body, src: nodeText(n) });
        return this.done(0, false);
    }
  }

  private done(st: number, errexit: boolean): number {
    this.sh.status = st;
    if (errexit && st !== 0 && this.sh.opts.e && this.sh.noErrexit === 0) throw new ExitSignal(st);
    return st;
  }

  private async cond(n: Node): Promise<number> {
    this.sh.noErrexit++;
    try { return await this.run(n); } finally { this.sh.noErrexit--; }
  }

  private async loopBody(body: Node): Promise<"break" | "continue" | null> {
    try {
      await this.run(body);
      return null;
    } catch (e) {
      if (e instanceof BreakSignal) {
        if (e.n > 1) { e.n--; throw e; }
        return e.cont ? "continue" : "break";
      }
      throw e;
    }
  }

  private async runLoop(n: NodeOf<"loop">): Promise<number> {
    const sh = this.sh;
    let st = 0;
    sh.loopDepth++;
    try {
      for (;;) {
        const c = await this.cond(n.cond);
        if ((c === 0) === n.until) break;
        const r = await this.loopBody(n.body);
        st = sh.status;
        if (r === "break") break;
      }
    } finally { sh.loopDepth--; }
    return this.done(st, false);
  }

  private async runFor(n: NodeOf<"for">): Promise<number> {
    const sh = this.sh;
    sh.lineno = n.line;
    const items = n.words === null ? [...sh.positional] : await expandFields(this, n.words);
    let st = 0;
    sh.loopDepth++;
    try {
      for (const v of items) {
        if (!sh.set(n.name, v)) this.fail(`${n.name}: is read only`);
        const r = await this.loopBody(n.body);
        st = sh.status;
        if (r === "break") break;
      }
    } finally { sh.loopDepth--; }
    return this.done(st, false);
  }

  private async runCase(n: NodeOf<"case">): Promise<number> {
    this.sh.lineno = n.line;
    const w = await expandString(this, n.word);
    for (const it of n.items) {
      for (const p of it.pats) {
        if (matchPattern(await expandPattern(this, p), w)) return it.body ? this.run(it.body) : this.done(0, false);
      }
    }
    return this.done(0, false);
  }

  // ---- traps ----
  pendingSignals: number[] = [];
  async runTraps(): Promise<void> {
    while (this.pendingSignals.length) {
      const sig = this.pendingSignals.shift()!;
      const action = this.sh.traps.get(String(sig));
      if (action) {
        const save = this.sh.status;
        await this.sh.evalText(action);
        this.sh.status = save;
      }
    }
  }

  // ---- simple commands ----
  private async trace(words: string[], assigns: string[] = []): Promise<void> {
    if (!this.sh.opts.x) return;
    const ps4 = await expandString(this, this.sh.get("PS4") ?? "+ ");
    await writeAll(2, ps4 + [...assigns, ...words.map(shellQuote)].join(" ") + "\n");
  }

  async expandAssigns(assigns: string[]): Promise<[string, string][]> {
    const out: [string, string][] = [];
    for (const a of assigns) {
      const eq = a.indexOf("=");
      out.push([a.slice(0, eq), await expandString(this, a.slice(eq + 1), false, true)]);
    }
    return out;
  }

  private async runSimple(n: NodeOf<"simple">): Promise<number> {
    const sh = this.sh;
    sh.lineno = n.line;
    this.substStatus = 0;
    const argv = await expandFields(this, n.words);
    const assigns = await this.expandAssigns(n.assigns);
    await this.trace(argv, assigns.map(([k, v]) => `${k}=${shellQuote(v)}`));
    if (argv.length === 0) {
      const st = this.substStatus;
      for (const [k, v] of assigns) if (!sh.set(k, v)) this.fail(`${k}: is read only`);
      return this.withRedirs(n.redirs, async () => st);
    }
    const name = argv[0];
    const special = SPECIAL_BUILTINS.has(name);
    const fn = special ? undefined : sh.funcs.get(name);
    const builtin = BUILTINS[name];
    if (special || fn || builtin) {
      if (name === "exec" && argv.length === 1) {
        // exec with redirections only: they stay in effect.
        const ps = await this.prepareRedirs(n.redirs);
        if (ps === null || !(await this.applyRedirs(ps, null))) { if (!sh.interactive) throw new ExitSignal(2); return 2; }
        return 0;
      }
      if (special) {
        for (const [k, v] of assigns) if (!sh.set(k, v)) this.fail(`${k}: is read only`);
        return this.withRedirs(n.redirs, () => builtin(this, argv), true);
      }
      return this.withTempVars(assigns, () => this.withRedirs(n.redirs, () => (fn ? this.callFunction(name, fn.body, argv.slice(1)) : builtin(this, argv))));
    }
    const prepared = await this.prepareRedirs(n.redirs);
    if (prepared === null) return 2;
    const pid = await this.spawnProgram(argv, assigns, prepared, { pgid: sh.opts.m ? 0 : null });
    return this.waitPids([pid], sh.opts.m ? pid : null, n.src);
  }

  private async withTempVars<T>(assigns: [string, string][], fn: () => Promise<T>): Promise<T> {
    if (!assigns.length) return fn();
    const sh = this.sh;
    const saved = assigns.map(([k]) => [k, sh.vars.get(k)] as const);
    for (const [k, v] of assigns) {
      if (!sh.set(k, v)) this.fail(`${k}: is read only`);
      sh.vars.get(k)!.exported = true;
    }
    try { return await fn(); } finally {
      for (const [k, v] of saved) { if (v) sh.vars.set(k, v); else sh.vars.delete(k); }
    }
  }

  async callFunction(name: string, body: Node, args: string[]): Promise<number> {
    const sh = this.sh;
    const savedPos = sh.positional;
    sh.positional = args;
    sh.locals.push(new Map());
    sh.funcDepth++;
    const savedLoop = sh.loopDepth;
    sh.loopDepth = 0;
    try {
      return await this.run(body);
    } catch (e) {
      if (e instanceof ReturnSignal) return (sh.status = e.status);
      throw e;
    } finally {
      void name;
      sh.loopDepth = savedLoop;
      sh.funcDepth--;
      sh.popLocals();
      sh.positional = savedPos;
    }
  }

  // ---- redirections ----
  async prepareRedirs(redirs: Redir[]): Promise<Prepared[] | null> {
    const out: Prepared[] = [];
    for (const r of redirs) {
      if (r.doc) {
        out.push({ fd: r.fd, kind: "doc", text: r.doc.quoted ? r.doc.body : await expandHereDoc(this, r.doc.body) });
        continue;
      }
      const w = await expandString(this, r.target);
      switch (r.op) {
        case "<": out.push({ fd: r.fd, kind: "open", path: w, flags: O_RDONLY, create: false }); break;
        case "<>": out.push({ fd: r.fd, kind: "open", path: w, flags: O_RDWR | O_CREAT, create: true }); break;
        case ">": case ">|":
          out.push({ fd: r.fd, kind: "open", path: w, flags: O_WRONLY | O_CREAT | (this.sh.opts.C && r.op === ">" ? O_EXCL : O_TRUNC), create: true });
          break;
        case ">>": out.push({ fd: r.fd, kind: "open", path: w, flags: O_WRONLY | O_CREAT | O_APPEND, create: true }); break;
        case "<&": case ">&":
          if (w === "-") out.push({ fd: r.fd, kind: "close" });
          else if (/^\d+$/.test(w)) out.push({ fd: r.fd, kind: "dup", from: Number(w) });
          else if (r.op === ">&" && r.fd === 1) {
            // bash's >&file (both outputs to a file)
            out.push({ fd: 1, kind: "open", path: w, flags: O_WRONLY | O_CREAT | O_TRUNC, create: true }, { fd: 2, kind: "dup", from: 1 });
          } else { await shError(this.sh, `Syntax error: Bad fd number`); return null; }
          break;
      }
    }
    return out;
  }

  /**
   * Apply prepared redirections to this process. With save, the displaced descriptors are
   * kept (above 10) for restore(). Errors are reported as dash reports them; returns false.
   */
  async applyRedirs(ps: Prepared[], save: [number, number][] | null): Promise<boolean> {
    for (const p of ps) {
      if (save) {
        const s = await fcntl(p.fd, F_DUPFD_CLOEXEC, 10);
        save.push([p.fd, s]);
      }
      if (p.kind === "close") { await close(p.fd); continue; }
      if (p.kind === "dup") {
        if (p.from === p.fd) continue;
        if ((await dup2(p.from, p.fd)) < 0) { await shError(this.sh, `${p.from}: Bad file descriptor`); return false; }
        continue;
      }
      let fd: number;
      if (p.kind === "doc") {
        fd = await tempFile();
        if (fd < 0) { await shError(this.sh, `cannot create temp file for here document: ${strerror(errno)}`); return false; }
        await writeAll(fd, p.text);
        await lseek(fd, 0, 0);
      } else {
        fd = await open(p.path, p.flags | O_CLOEXEC, 0o666);
        if (fd < 0) {
          const e = errno;
          const why = e === ENOENT ? (p.create ? "Directory nonexistent" : "No such file") : e === EEXIST ? "File exists" : strerror(e);
          await shError(this.sh, `cannot ${p.create ? "create" : "open"} ${p.path}: ${why}`);
          return false;
        }
      }
      if (fd !== p.fd) {
        await dup2(fd, p.fd);
        await close(fd);
      } else {
        await fcntl(fd, 2 /* F_SETFD */, 0);
      }
    }
    return true;
  }

  async restoreRedirs(save: [number, number][]): Promise<void> {
    for (const [fd, s] of save.reverse()) {
      if (s >= 0) { await dup2(s, fd); await close(s); }
      else await close(fd);
    }
  }

  /** Run fn with redirections applied around it. A failure is status 1 (2 and fatal for special builtins). */
  async withRedirs(redirs: Redir[], fn: () => Promise<number>, special = false): Promise<number> {
    if (!redirs.length) return fn();
    const ps = await this.prepareRedirs(redirs);
    const save: [number, number][] = [];
    if (ps === null || !(await this.applyRedirs(ps, save))) {
      await this.restoreRedirs(save);
      if (special && !this.sh.interactive) throw new ExitSignal(2);
      return this.done(special ? 2 : 1, true);
    }
    try { return await fn(); } finally { await this.restoreRedirs(save); }
  }

  // ---- processes ----
  /** Find a command in PATH: its path, or null. */
  async findCommand(name: string): Promise<string | null> {
    if (name.includes("/")) return name;
    const path = this.sh.get("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    const st = newStat();
    for (const dir of path.split(":")) {
      const p = (dir === "" ? "." : dir) + "/" + name;
      if ((await stat(p, st)) === 0 && (st.st_mode & 0o170000) === 0o100000 && (await access(p, X_OK)) === 0) return p;
    }
    return null;
  }

  /** A file for `.`: the first readable name in PATH. */
  async findCommandAny(name: string): Promise<string | null> {
    const path = this.sh.get("PATH") ?? "/bin:/usr/bin";
    const st = newStat();
    for (const dir of path.split(":")) {
      const p = (dir === "" ? "." : dir) + "/" + name;
      if ((await stat(p, st)) === 0 && (st.st_mode & 0o170000) === 0o100000) return p;
    }
    return null;
  }

  /** What a command name is, for type and command -v. */
  async describe(name: string): Promise<{ kind: string; text: string; path?: string } | null> {
    const sh = this.sh;
    if (sh.aliases.has(name)) return { kind: "alias", text: `an alias for ${sh.aliases.get(name)}` };
    if (["if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done", "{", "}", "!", "in"].includes(name)) return { kind: "keyword", text: "a shell keyword" };
    if (SPECIAL_BUILTINS.has(name)) return { kind: "builtin", text: "a special shell builtin" };
    if (sh.funcs.has(name)) return { kind: "function", text: "a shell function" };
    if (BUILTINS[name]) return { kind: "builtin", text: "a shell builtin" };
    const p = await this.findCommand(name);
    if (p === null || (name.includes("/") && (await access(p, X_OK)) !== 0)) return null;
    return { kind: "file", text: p, path: p };
  }

  /** command NAME ARGS: a builtin or a program, never a function. */
  async runCommandBypassingFunctions(argv: string[]): Promise<number> {
    const b = BUILTINS[argv[0]];
    if (b) return b(this, argv);
    const pid = await this.spawnProgram(argv, [], [], { pgid: this.sh.opts.m ? 0 : null });
    return this.waitPids([pid], this.sh.opts.m ? pid : null, argv.join(" "));
  }

  /** The child's side of a spawn: process group, signals, descriptors. */
  private async childSetup(io: SpawnIO): Promise<void> {
    const sh = this.sh;
    if (io.pgid !== undefined && io.pgid !== null) {
      await setpgid(0, io.pgid);
      if (!io.bg && sh.interactive) await tcsetpgrp(0, io.pgid === 0 ? await getpgrp() : io.pgid);
    }
    if (sh.interactive) for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) await signal(s, SIG_DFL);
    else if (io.bg && !sh.opts.m) for (const s of [SIGINT, SIGQUIT]) await signal(s, SIG_IGN);
    for (const [sig] of sh.traps) if (/^\d+$/.test(sig) && sh.traps.get(sig) !== "") await signal(Number(sig), SIG_DFL);
    if (io.bg && !sh.opts.m && io.stdin === undefined) {
      const nul = await open("/dev/null", O_RDONLY);
      if (nul >= 0 && nul !== 0) { await dup2(nul, 0); await close(nul); }
    }
    if (io.stdin !== undefined && io.stdin !== 0) await dup2(io.stdin, 0);
    if (io.stdout !== undefined && io.stdout !== 1) await dup2(io.stdout, 1);
    for (const fd of io.close ?? []) await close(fd);
  }

  /** Start an external program; returns its pid (or -1). */
  async spawnProgram(argv: string[], assigns: [string, string][], redirs: Prepared[], io: SpawnIO): Promise<number> {
    const sh = this.sh;
    const env = sh.environ(assigns);
    const path = await this.findCommand(argv[0]);
    const pid = await vfork(async () => {
      await this.childSetup(io);
      if (!(await this.applyRedirs(redirs, null))) await _exit(2);
      if (path === null) { await shError(sh, `${argv[0]}: not found`); await _exit(127); }
      await execve(path!, argv, env);
      let e = errno;
      if (e === ENOEXEC) {
        await execve(SHELL_PATH, [SHELL_PATH, path!, ...argv.slice(1)], env);
        e = errno;
      }
      if (e === ENOENT || e === ENOTDIR) { await shError(sh, `${argv[0]}: not found`); await _exit(127); }
      await shError(sh, `${argv[0]}: ${e === EACCES ? "Permission denied" : strerror(e)}`);
      await _exit(126);
    });
    if (pid > 0 && io.pgid !== undefined && io.pgid !== null) await setpgid(pid, io.pgid === 0 ? pid : io.pgid);
    if (pid < 0) await shError(sh, `Cannot fork`);
    return pid;
  }

  /** The state a child shell needs, as a script to run before its command. */
  private childPrefix(): string {
    const sh = this.sh;
    let s = `# typix-sh-sub ${sh.rootPid}\n`;
    for (const [k, v] of sh.vars) {
      if (v.value !== undefined && !v.exported) s += `${k}=${shellQuote(v.value)}\n`;
      if (v.readonly) s += `readonly ${k}\n`;
    }
    for (const [, f] of sh.funcs) s += f.src.replace(/\n*$/, "\n");
    for (const [k, v] of sh.aliases) s += `alias ${k}=${shellQuote(v)}\n`;
    for (const [k, v] of sh.traps) if (v === "") s += `trap '' ${k}\n`;
    const o = (["e", "u", "x", "f", "C", "a"] as const).filter((k) => sh.opts[k]).join("");
    if (o) s += `set -${o}\n`;
    s += `# typix-sh-line ${sh.lineno}\n`;
    return s;
  }

  /** Run command text in a child /bin/sh -c; returns its pid. */
  async spawnShell(text: string, io: SpawnIO): Promise<number> {
    const sh = this.sh;
    const argv = ["sh", "-c", this.childPrefix() + text, sh.arg0, ...sh.positional];
    const env = sh.environ();
    const pid = await vfork(async () => {
      await this.childSetup(io);
      await execve(SHELL_PATH, argv, env);
      await shError(sh, `${SHELL_PATH}: ${strerror(errno)}`);
      await _exit(127);
    });
    if (pid > 0 && io.pgid !== undefined && io.pgid !== null) await setpgid(pid, io.pgid === 0 ? pid : io.pgid);
    return pid;
  }

  /** Start one element of a pipeline (or an & command): direct exec for an external simple command. */
  private async spawnNode(n: Node, io: SpawnIO): Promise<number> {
    const sh = this.sh;
    if (n.t === "simple" && n.words.length) {
      sh.lineno = n.line;
      const argv = await expandFields(this, n.words);
      if (argv.length && !sh.funcs.has(argv[0]) && !BUILTINS[argv[0]]) {
        const assigns = await this.expandAssigns(n.assigns);
        const prepared = await this.prepareRedirs(n.redirs);
        if (prepared === null) return -1;
        await this.trace(argv);
        return this.spawnProgram(argv, assigns, prepared, io);
      }
    }
    return this.spawnShell(nodeText(n), io);
  }

  private async runPipeline(n: NodeOf<"pipeline">): Promise<number> {
    const sh = this.sh;
    const pids: number[] = [];
    let pgid: number | null = sh.opts.m ? 0 : null;
    let prevRead = -1;
    for (let k = 0; k < n.cmds.length; k++) {
      const last = k === n.cmds.length - 1;
      const fds = [-1, -1];
      if (!last && (await pipe2(fds, O_CLOEXEC)) < 0) { await shError(sh, `Pipe call failed`); break; }
      const io: SpawnIO = { pgid };
      if (prevRead >= 0) io.stdin = prevRead;
      if (!last) io.stdout = fds[1];
      const pid = await this.spawnNode(n.cmds[k], io);
      if (pid > 0) { pids.push(pid); if (pgid === 0) pgid = pid; }
      if (prevRead >= 0) await close(prevRead);
      if (!last) await close(fds[1]);
      prevRead = fds[0];
    }
    return this.waitPids(pids, pgid, pipelineText(n), undefined, n.cmds.map((c) => c.src.trim()));
  }

  private async runBackground(n: Node): Promise<number> {
    const sh = this.sh;
    const mon = sh.opts.m;
    let pids: number[] = [];
    let texts: string[] = [];
    if (n.t === "pipeline" && n.cmds.length > 1 && !n.bang) {
      texts = n.cmds.map((c) => c.src.trim());
      let pgid: number | null = mon ? 0 : null;
      let prevRead = -1;
      for (let k = 0; k < n.cmds.length; k++) {
        const last = k === n.cmds.length - 1;
        const fds = [-1, -1];
        if (!last) await pipe2(fds, O_CLOEXEC);
        const io: SpawnIO = { pgid, bg: true };
        if (prevRead >= 0) io.stdin = prevRead;
        if (!last) io.stdout = fds[1];
        const pid = await this.spawnNode(n.cmds[k], io);
        if (pid > 0) { pids.push(pid); if (pgid === 0) pgid = pid; }
        if (prevRead >= 0) await close(prevRead);
        if (!last) await close(fds[1]);
        prevRead = fds[0];
      }
    } else {
      const pid = await this.spawnNode(n, { pgid: mon ? 0 : null, bg: true });
      if (pid > 0) pids = [pid];
    }
    if (!pids.length) return (sh.status = 1);
    sh.lastBg = pids[pids.length - 1];
    const job = sh.jobs.add(mon ? pids[0] : 0, pids, texts.length ? texts.join(" | ") : n.src.trim(), texts);
    if (mon) await writeAll(2, `[${job.id}] ${pids[pids.length - 1]}\n`);
    job.notified = true;
    return (sh.status = 0);
  }

  /**
   * Wait for a foreground job's processes. A stopped job joins the job table; a process killed
   * by a signal makes the shell print the signal's description, as dash does.
   */
  async waitPids(pids: number[], pgid: number | null, text: string, job?: Job, texts?: string[]): Promise<number> {
    const sh = this.sh;
    let status = 0;
    let stopped = false;
    let ws = 0;
    for (const pid of pids) {
      const st = { value: 0 };
      let r: number;
      do r = await wait4(pid, st, sh.opts.m ? WUNTRACED : 0);
      while (r < 0 && errno === 4 /* EINTR */);
      if (r < 0) continue;
      ws = st.value;
      if (job) sh.jobs.record(pid, ws);
      if (WIFSTOPPED(ws)) stopped = true;
      if (pid === pids[pids.length - 1]) status = statusOf(ws);
    }
    if (sh.interactive && pgid !== null) await tcsetpgrp(0, await getpgrp());
    if (stopped) {
      if (!job) {
        job = sh.jobs.add(pgid ?? pids[0], pids, text.trim(), texts);
        for (const p of job.procs) p.state = "stopped";
        const last = job.procs[job.procs.length - 1];
        last.status = ws;
      }
      sh.jobs.touch(job);
      await writeAll(2, sh.jobs.format(job) + "\n");
      job.notified = true;
      return status;
    }
    if (job) sh.jobs.remove(job);
    if (WIFSIGNALED(ws)) {
      const sig = WTERMSIG(ws);
      if (sig === SIGINT) { if (sh.interactive) { sh.status = status; throw new InterruptSignal(); } }
      else if (sig !== SIGPIPE) await writeAll(2, strsignal(sig) + (WCOREDUMP(ws) ? " (core dumped)" : "") + "\n");
    }
    return status;
  }

  /** Parse and run text in this shell (eval, ., traps). */
  async evalText(text: string, line?: number): Promise<number> {
    const sh = this.sh;
    const p = new Parser(text, { alias: (a) => sh.aliases.get(a), line: line ?? sh.lineno });
    let st = 0;
    for (;;) {
      let n: Node | null;
      try {
        n = p.parseCommandLine();
      } catch (e) {
        if (e instanceof SyntaxError_) {
          sh.lineno = e.line;
          await shError(sh, e.message);
          throw new ShellError(2);
        }
        throw e;
      }
      if (!n) break;
      if (!sh.opts.n) st = await this.run(n);
    }
    return st;
  }
}

/** A pipeline as dash shows it in job lines: its commands joined with " | ". */
function pipelineText(n: NodeOf<"pipeline">): string {
  return (n.bang ? "! " : "") + n.cmds.map((c) => c.src.trim()).join(" | ");
}

function decode(chunks: Uint8Array[]): string {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return new TextDecoder().decode(out);
}

let tmpSeq = 0;
/** An unlinked temporary file open for reading and writing (here-documents). */
async function tempFile(): Promise<number> {
  for (let k = 0; k < 100; k++) {
    const path = `/tmp/sh-thd.${Date.now().toString(36)}${(tmpSeq++).toString(36)}`;
    const fd = await open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600);
    if (fd >= 0) { await unlink(path); return fd; }
    if (errno !== EEXIST) return -1;
  }
  return -1;
}

export { write };
