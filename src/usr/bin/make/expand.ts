// make: variable expansion — $(VAR), ${VAR}, $X, $$, computed names, substitution
// references $(VAR:a=b), automatic variables' D/F forms, and calls of the built-in functions.
import { MakeState, Scope, fatal, words, type Var } from "./state.js";
import { FUNCTIONS } from "./functions.js";

/** What expansion needs from the rest of make. */
export interface Hooks {
  /** $(eval TEXT): read TEXT as makefile lines. */
  eval(text: string): Promise<void>;
  /** The environment for $(shell). */
  shellEnv(): string[];
}

/** Index of the parenthesis closing one opened just before `from`, or -1. */
export function findClose(s: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return i;
  }
  return -1;
}

/** Split a function's argument text at top-level commas, into at most max pieces. */
export function splitArgs(s: string, max: number): string[] {
  const args: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length && args.length < max - 1; i++) {
    const c = s[i];
    if (c === "(" || c === "{") depth++;
    else if (c === ")" || c === "}") depth--;
    else if (c === "," && depth === 0) { args.push(s.slice(start, i)); start = i + 1; }
  }
  args.push(s.slice(start));
  return args;
}

/** The stem when word matches pattern (one '%'), or null. A pattern without '%' must equal. */
export function patMatch(pattern: string, word: string): string | null {
  const p = pattern.indexOf("%");
  if (p < 0) return pattern === word ? "" : null;
  const pre = pattern.slice(0, p), suf = pattern.slice(p + 1);
  if (word.length < pre.length + suf.length || !word.startsWith(pre) || !word.endsWith(suf)) return null;
  return word.slice(pre.length, word.length - suf.length);
}

/** $(patsubst) on one word. */
export function patSubst(pattern: string, repl: string, word: string): string {
  const stem = patMatch(pattern, word);
  if (stem === null) return word;
  if (!pattern.includes("%")) return repl;
  const r = repl.indexOf("%");
  return r < 0 ? repl : repl.slice(0, r) + stem + repl.slice(r + 1);
}

const AUTO = "@<^+?*%|";

export class Expander {
  private busy = new Set<Var>();
  constructor(readonly st: MakeState, readonly hooks: Hooks) {}

  async expand(s: string, scope: Scope = this.st.globals): Promise<string> {
    if (!s.includes("$")) return s;
    let out = "";
    let i = 0;
    while (i < s.length) {
      const j = s.indexOf("$", i);
      if (j < 0) { out += s.slice(i); break; }
      out += s.slice(i, j);
      const c = s[j + 1];
      if (c === undefined) break;
      if (c === "$") { out += "$"; i = j + 2; continue; }
      if (c === "(" || c === "{") {
        const close = c === "(" ? ")" : "}";
        const end = findClose(s, j + 2, c, close);
        if (end < 0) fatal(this.st, "unterminated variable reference");
        out += await this.reference(s.slice(j + 2, end), scope);
        i = end + 1;
      } else {
        out += await this.valueOf(c, scope);
        i = j + 2;
      }
    }
    return out;
  }

  /** The text inside $( ): a function call, a substitution reference or a variable. */
  private async reference(body: string, scope: Scope): Promise<string> {
    const m = /^([a-z-]+)[ \t]/.exec(body);
    if (m && FUNCTIONS[m[1]]) {
      const f = FUNCTIONS[m[1]];
      const args = splitArgs(body.slice(m[0].length).replace(/^[ \t]+/, ""), f.max);
      if (f.min && args.length < f.min) fatal(this.st, `insufficient number of arguments (${args.length}) to function '${m[1]}'`);
      const vals = f.lazy ? args : await Promise.all(args.map((a) => this.expand(a, scope)));
      return f.fn(this, vals, scope);
    }
    // A substitution reference: name:from=to, the colon and '=' outside nested references.
    let depth = 0, colon = -1;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c === "(" || c === "{") depth++;
      else if (c === ")" || c === "}") depth--;
      else if (depth === 0 && c === ":" && colon < 0) colon = i;
      else if (depth === 0 && c === "=" && colon >= 0) {
        const name = await this.expand(body.slice(0, colon), scope);
        const from = await this.expand(body.slice(colon + 1, i), scope);
        const to = await this.expand(body.slice(i + 1), scope);
        const val = await this.valueOf(name, scope);
        const pf = from.includes("%") ? from : "%" + from, pt = from.includes("%") ? to : "%" + to;
        return words(val).map((w) => patSubst(pf, pt, w)).join(" ");
      }
    }
    return this.valueOf(await this.expand(body, scope), scope);
  }

  /** The expanded value of a variable ("" when undefined). */
  async valueOf(name: string, scope: Scope): Promise<string> {
    const v = scope.find(name);
    if (!v) {
      if (name.length === 2 && AUTO.includes(name[0]) && (name[1] === "D" || name[1] === "F")) {
        const base = await this.valueOf(name[0], scope);
        return words(base).map((w) => {
          const k = w.lastIndexOf("/");
          if (name[1] === "F") return k < 0 ? w : w.slice(k + 1);
          return k < 0 ? "." : k === 0 ? "/" : w.slice(0, k);
        }).join(" ");
      }
      return "";
    }
    if (!v.recursive) return v.value;
    if (this.busy.has(v)) fatal(this.st, `Recursive variable '${name}' references itself (eventually)`);
    this.busy.add(v);
    try {
      return await this.expand(v.value, scope);
    } finally {
      this.busy.delete(v);
    }
  }
}
