// make: the shared state of one run — options, variables, the rule database's records, where
// in which makefile we are — and GNU make's message formats ("make[1]: ...", "*** ...  Stop.").
import { write } from "../../../lib/libc/unistd.js";

export type Origin = "default" | "environment" | "file" | "command line" | "override" | "automatic";

export interface Var {
  value: string;
  /** "=" (expanded when used) or ":=" (expanded when set). */
  recursive: boolean;
  origin: Origin;
}

/** A place in a makefile, for messages. */
export interface Loc { file: string; line: number }

/** One line of a recipe as written (the leading tab removed), with where it starts. */
export interface RecipeLine { text: string; loc: Loc }

export interface Recipe { lines: RecipeLine[]; loc: Loc }

/** A rule for one target: prerequisites and perhaps a recipe (single- or double-colon). */
export interface Rule {
  prereqs: string[];
  orderOnly: string[];
  recipe: Recipe | null;
  /** $* for a static pattern rule. */
  stem?: string;
}

export interface Target {
  name: string;
  /** The single-colon rule (all its prerequisite lines merged), or the double-colon rules. */
  rule: Rule | null;
  doubleColon: Rule[] | null;
  phony: boolean;
  /** Target-specific variables. */
  vars: Map<string, Var> | null;
}

export interface PatternRule {
  targets: string[];
  prereqs: string[];
  orderOnly: string[];
  recipe: Recipe;
  builtin: boolean;
}

/** A fatal error: its message is already formatted; make prints it and exits with 2. */
export class MakeFatal extends Error {}

export interface Options {
  dryRun: boolean;
  silent: boolean;
  keepGoing: boolean;
  ignoreErrors: boolean;
  alwaysMake: boolean;
  question: boolean;
  noBuiltinRules: boolean;
  envOverrides: boolean;
  printDirectory: boolean | null;
  jobs: number;
}

/** Scopes for expansion: variables looked up innermost first. */
export class Scope {
  constructor(readonly vars: Map<string, Var>, readonly parent: Scope | null = null) {}
  find(name: string): Var | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
}

export class MakeState {
  /** The program name as make prints it ("make"), and its recursion level. */
  prog = "make";
  level = 0;
  readonly globals = new Scope(new Map());
  /** Names marked with `export` (true) or `unexport` (false). */
  readonly exports = new Map<string, boolean>();
  exportAll = false;
  readonly targets = new Map<string, Target>();
  readonly patterns: PatternRule[] = [];
  readonly builtinPatterns: PatternRule[] = [];
  silentAll = false;
  readonly silentTargets = new Set<string>();
  /** The environment make was started with ("NAME=value"). */
  env: string[] = [];
  /** Command-line variable definitions, as given (for MAKEFLAGS). */
  cmdVars: string[] = [];
  opts: Options = {
    dryRun: false, silent: false, keepGoing: false, ignoreErrors: false, alwaysMake: false, question: false,
    noBuiltinRules: false, envOverrides: false, printDirectory: null, jobs: 1,
  };
  /** Where parsing or recipe expansion is, for $(error), $(warning) and syntax errors. */
  loc: Loc | null = null;
  /** Recipe commands run (or printed under -n) so far. */
  commandsStarted = 0;

  /** "make" or "make[N]". */
  get who(): string { return this.level > 0 ? `${this.prog}[${this.level}]` : this.prog; }

  target(name: string): Target {
    let t = this.targets.get(name);
    if (!t) {
      t = { name, rule: null, doubleColon: null, phony: false, vars: null };
      this.targets.set(name, t);
    }
    return t;
  }

  setVar(name: string, value: string, recursive: boolean, origin: Origin): void {
    this.globals.vars.set(name, { value, recursive, origin });
  }
}

export async function out(s: string): Promise<void> { await write(1, s); }
export async function err(s: string): Promise<void> { await write(2, s); }

/** "Makefile:3: " or "" */
export function locPrefix(loc: Loc | null): string {
  return loc ? `${loc.file}:${loc.line}: ` : "";
}

/** The text of a fatal error: "Makefile:3: *** msg.  Stop." or "make: *** msg.  Stop." */
export function fatalText(st: MakeState, msg: string, loc: Loc | null = st.loc): string {
  return loc ? `${loc.file}:${loc.line}: *** ${msg}.  Stop.` : `${st.who}: *** ${msg}.  Stop.`;
}

export function fatal(st: MakeState, msg: string, loc: Loc | null = st.loc): never {
  throw new MakeFatal(fatalText(st, msg, loc));
}

/** Words of a text, split at blanks and newlines. */
export function words(s: string): string[] {
  const w = s.split(/[ \t\n]+/);
  if (w.length && w[0] === "") w.shift();
  if (w.length && w[w.length - 1] === "") w.pop();
  return w;
}
