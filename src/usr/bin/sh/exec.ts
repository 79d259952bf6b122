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
import { ShellState, BreakSignal, ReturnSignal, ExitSignal, ShellError, shellQuote } from "./state.js";
import { checkInterrupt } from "./interrupt.js";
import { expandFields, expandString, expandPattern, type ExpandCtx } from "./expand.js";
import { matchPattern } from "./glob.js";
import { writeAll, shError, stdoutError } from "./io.js";
import type { Job } from "./jobs.js";
import { BUILTINS, SPECIAL_BUILTINS } from "./builtins.js";
import { prepareRedirs, applyRedirs, restoreRedirs, tempFile, type Prepared } from "./redir.js";
import { spawnProgram, spawnShell, waitPids, runPipeline, runBackground, type SpawnIO } from "./spawn.js";
import { O_CLOEXEC } from "../../../lib/libc/fcntl.js";
import { close, pipe2, read, write, lseek, access, X_OK } from "../../../lib/libc/unistd.js";
import { stat, newStat } from "../../../lib/libc/sys/stat.js";
import { errno, strerror } from "../../../lib/libc/errno.js";
import { preemptPoint } from "../../../lib/libc/arch/trap.js";

/** dash's limit on nested function calls. */
const MAX_FUNC_DEPTH = 1000;

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
    // A loop of builtins makes no system call: here the kernel may preempt the shell and ^C reach it.
    const tick = preemptPoint();
    if (tick) await tick;
    checkInterrupt(this.sh);
    await this.runTraps();
    const sh = this.sh;
    switch (n.t) {
      case "simple": return this.done(await this.runSimple(n), true);
      case "pipeline": {
        if (n.bang) sh.noErrexit++;
        let st: number;
        try {
          st = n.cmds.length === 1 ? await this.run(n.cmds[0]) : await runPipeline(this, n);
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
        for (const it of n.items) st = it.bg ? await runBackground(this, it.node) : await this.run(it.node);
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
  async trace(words: string[], assigns: string[] = []): Promise<void> {
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
        return this.withRedirs(n.redirs, () => this.runBuiltin(builtin, argv), true);
      }
      return this.withTempVars(assigns, () => this.withRedirs(n.redirs, () => (fn ? this.callFunction(name, fn.body, argv.slice(1)) : this.runBuiltin(builtin, argv))));
    }
    const prepared = await this.prepareRedirs(n.redirs);
    if (prepared === null) return 2;
    const pid = await this.spawnProgram(argv, assigns, prepared, { pgid: sh.opts.m ? 0 : null });
    return this.waitPids([pid], sh.opts.m ? pid : null, n.src);
  }

  /** A builtin whose output could not be written says so as dash does: "echo: I/O error", status 1. */
  private async runBuiltin(builtin: (ex: Executor, argv: string[]) => Promise<number>, argv: string[]): Promise<number> {
    stdoutError.set = false;
    const status = await builtin(this, argv);
    if (!stdoutError.set) return status;
    stdoutError.set = false;
    await shError(this.sh, `${argv[0]}: I/O error`);
    return 1;
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
    if (sh.funcDepth >= MAX_FUNC_DEPTH) this.fail(`Maximum function recursion depth (${MAX_FUNC_DEPTH}) reached`);
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


  // ---- redirections (redir.ts) and processes (spawn.ts) ----
  prepareRedirs(redirs: Redir[]): Promise<Prepared[] | null> { return prepareRedirs(this, redirs); }
  applyRedirs(ps: Prepared[], save: [number, number][] | null): Promise<boolean> { return applyRedirs(this, ps, save); }
  spawnProgram(argv: string[], assigns: [string, string][], redirs: Prepared[], io: SpawnIO): Promise<number> { return spawnProgram(this, argv, assigns, redirs, io); }
  spawnShell(text: string, io: SpawnIO): Promise<number> { return spawnShell(this, text, io); }
  waitPids(pids: number[], pgid: number | null, text: string, job?: Job, texts?: string[]): Promise<number> { return waitPids(this, pids, pgid, text, job, texts); }

  /** Run fn with redirections applied around it. A failure is status 1 (2 and fatal for special builtins). */
  async withRedirs(redirs: Redir[], fn: () => Promise<number>, special = false): Promise<number> {
    if (!redirs.length) return fn();
    const ps = await this.prepareRedirs(redirs);
    const save: [number, number][] = [];
    if (ps === null || !(await this.applyRedirs(ps, save))) {
      await restoreRedirs(save);
      if (special && !this.sh.interactive) throw new ExitSignal(2);
      return this.done(special ? 2 : 1, true);
    }
    try { return await fn(); } finally { await restoreRedirs(save); }
  }

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

function decode(chunks: Uint8Array[]): string {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return new TextDecoder().decode(out);
}

export { write };
