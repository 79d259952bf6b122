// The shell's state: variables (with export/readonly flags and `local` scopes), functions,
// positional parameters, options, traps, aliases, and the control-flow signals (break,
// continue, return, exit) that unwind the executor.
import type { Node } from "./ast.js";
import type { JobTable } from "./jobs.js";

export interface Var { value: string | undefined; exported: boolean; readonly: boolean }

export class BreakSignal { constructor(public n: number, public cont: boolean) {} }
export class ReturnSignal { constructor(public status: number) {} }
export class ExitSignal { constructor(public status: number) {} }
/** ^C in an interactive shell: the command line is abandoned, $? is 130 (dash's onint). */
export class InterruptSignal {}
/** An error that ends a non-interactive shell (status 2) or the current command line. */
export class ShellError { constructor(public status = 2) {} }

export interface Options {
  e: boolean; u: boolean; x: boolean; f: boolean; n: boolean; m: boolean; v: boolean; C: boolean; a: boolean;
}

export class ShellState {
  vars = new Map<string, Var>();
  /** Saved variables of each active function call with `local`. */
  locals: Map<string, Var | undefined>[] = [];
  funcs = new Map<string, { body: Node; src: string }>();
  aliases = new Map<string, string>();
  traps = new Map<string, string>();
  positional: string[] = [];
  arg0 = "sh";
  opts: Options = { e: false, u: false, x: false, f: false, n: false, m: false, v: false, C: false, a: false };
  interactive = false;
  status = 0;
  lastBg = 0;
  rootPid = 0;
  lineno = 1;
  /** An interactive shell caught SIGINT: the command line in progress is abandoned. */
  interrupted = false;
  /** >0 while running a condition (if/while test, left of && ||, after !): set -e is off. */
  noErrexit = 0;
  loopDepth = 0;
  funcDepth = 0;
  jobs!: JobTable;
  /** Run a command text in this shell (eval, ., traps, command substitution helpers). */
  evalText!: (text: string, line?: number) => Promise<number>;

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  set(name: string, value: string, opts: { export?: boolean } = {}): boolean {
    const v = this.vars.get(name);
    if (v?.readonly) return false;
    if (v) { v.value = value; if (opts.export || this.opts.a) v.exported = true; }
    else this.vars.set(name, { value, exported: !!opts.export || this.opts.a, readonly: false });
    return true;
  }

  unset(name: string): boolean {
    const v = this.vars.get(name);
    if (v?.readonly) return false;
    if (this.locals.length && this.locals[this.locals.length - 1].has(name)) {
      if (v) { v.value = undefined; }
      return true;
    }
    this.vars.delete(name);
    return true;
  }

  /** Make name local to the innermost function call. */
  makeLocal(name: string): void {
    const frame = this.locals[this.locals.length - 1];
    if (!frame || frame.has(name)) return;
    const v = this.vars.get(name);
    frame.set(name, v ? { ...v } : undefined);
    if (v) this.vars.set(name, { ...v }); else this.vars.set(name, { value: undefined, exported: false, readonly: false });
  }

  popLocals(): void {
    const frame = this.locals.pop();
    if (!frame) return;
    for (const [name, saved] of frame) {
      if (saved) this.vars.set(name, saved);
      else this.vars.delete(name);
    }
  }

  /** The environment for a new program: exported, set variables, plus extra assignments. */
  environ(extra: [string, string][] = []): string[] {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (v.exported && v.value !== undefined) env.set(k, v.value);
    for (const [k, v] of extra) env.set(k, v);
    return [...env].map(([k, v]) => `${k}=${v}`);
  }

  optionString(): string {
    let s = "";
    for (const k of ["e", "f", "u", "v", "x", "a", "C", "m", "n"] as const) if (this.opts[k]) s += k;
    if (this.interactive) s += "i";
    return s;
  }
}

/** Quote a string for the shell: 'it'\''s'. */
export function shellQuote(s: string): string {
  if (s !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, "'\\''") + "'";
}
