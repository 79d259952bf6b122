// make: the built-in functions — text (subst, patsubst, strip, findstring, filter, sort, word...),
// file names (dir, notdir, suffix, basename, addsuffix, addprefix, join, wildcard, abspath,
// realpath), control (if, or, and, foreach, call, value, eval, origin, flavor), shell, and
// the messages (error, warning, info).
import { Scope, fatal, err, out, locPrefix, words, type Var } from "./state.js";
import { patMatch, patSubst, type Expander } from "./expand.js";
import { glob, absPath, captureShell } from "./sys.js";
import { realpath } from "../../../lib/libc/stdlib.js";

type Fn = (x: Expander, args: string[], scope: Scope) => Promise<string> | string;
interface FnSpec { max: number; min?: number; lazy?: boolean; fn: Fn }

const perWord = (text: string, f: (w: string) => string | null): string =>
  words(text).map(f).filter((w): w is string => w !== null).join(" ");

function lastSlash(w: string): number { return w.lastIndexOf("/"); }

function suffixAt(w: string): number {
  const d = w.lastIndexOf(".");
  return d > lastSlash(w) ? d : -1;
}

function number(x: Expander, s: string, fn: string, which: string): number {
  const t = s.trim();
  if (!/^-?\d+$/.test(t)) fatal(x.st, `non-numeric ${which} argument to '${fn}' function: '${t}'`);
  return Number(t);
}

/** Run fn with temporary simple variables defined (foreach's variable, call's $0 $1 ...). */
async function withVars<T>(scope: Scope, vars: [string, string][], fn: (s: Scope) => Promise<T>): Promise<T> {
  const m = new Map<string, Var>();
  for (const [k, v] of vars) m.set(k, { value: v, recursive: false, origin: "automatic" });
  return fn(new Scope(m, scope));
}

function curdir(x: Expander): string { return x.st.globals.find("CURDIR")?.value ?? "/"; }

async function shell(x: Expander, cmd: string): Promise<string> {
  const sh = x.st.globals.find("SHELL")?.value || "/bin/sh";
  const r = await captureShell(sh, cmd, x.hooks.shellEnv());
  x.st.setVar(".SHELLSTATUS", String(r.status.signal ? 128 + r.status.signal : r.status.code), false, "override");
  return r.out.replace(/\n+$/, "").replace(/\r?\n/g, " ");
}

export { shell as runShellFunction };

export const FUNCTIONS: Record<string, FnSpec> = {
  subst: { max: 3, min: 3, fn: (_x, [from, to, text]) => (from === "" ? text + to : text.split(from).join(to)) },
  patsubst: { max: 3, min: 3, fn: (_x, [p, r, text]) => perWord(text, (w) => patSubst(p, r, w)) },
  strip: { max: 1, fn: (_x, [t]) => words(t).join(" ") },
  findstring: { max: 2, min: 2, fn: (_x, [f, t]) => (t.includes(f) ? f : "") },
  filter: { max: 2, min: 2, fn: (_x, [p, t]) => { const ps = words(p); return perWord(t, (w) => (ps.some((q) => patMatch(q, w) !== null) ? w : null)); } },
  "filter-out": { max: 2, min: 2, fn: (_x, [p, t]) => { const ps = words(p); return perWord(t, (w) => (ps.some((q) => patMatch(q, w) !== null) ? null : w)); } },
  sort: { max: 1, fn: (_x, [t]) => [...new Set(words(t))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(" ") },
  word: {
    max: 2, min: 2, fn: (x, [n, t]) => {
      const i = number(x, n, "word", "first");
      if (i < 1) fatal(x.st, "first argument to 'word' function must be greater than 0");
      return words(t)[i - 1] ?? "";
    },
  },
  wordlist: {
    max: 3, min: 3, fn: (x, [s, e, t]) => {
      const a = number(x, s, "wordlist", "first"), b = number(x, e, "wordlist", "second");
      if (a < 1) fatal(x.st, `invalid first argument to 'wordlist' function: '${s.trim()}'`);
      return words(t).slice(a - 1, Math.max(b, a - 1)).join(" ");
    },
  },
  words: { max: 1, fn: (_x, [t]) => String(words(t).length) },
  firstword: { max: 1, fn: (_x, [t]) => words(t)[0] ?? "" },
  lastword: { max: 1, fn: (_x, [t]) => words(t).pop() ?? "" },
  dir: { max: 1, fn: (_x, [t]) => perWord(t, (w) => (lastSlash(w) < 0 ? "./" : w.slice(0, lastSlash(w) + 1))) },
  notdir: { max: 1, fn: (_x, [t]) => perWord(t, (w) => w.slice(lastSlash(w) + 1)) },
  suffix: { max: 1, fn: (_x, [t]) => perWord(t, (w) => (suffixAt(w) < 0 ? null : w.slice(suffixAt(w)))) },
  basename: { max: 1, fn: (_x, [t]) => perWord(t, (w) => (suffixAt(w) < 0 ? w : w.slice(0, suffixAt(w)))) },
  addsuffix: { max: 2, min: 2, fn: (_x, [s, t]) => perWord(t, (w) => w + s) },
  addprefix: { max: 2, min: 2, fn: (_x, [p, t]) => perWord(t, (w) => p + w) },
  join: {
    max: 2, min: 2, fn: (_x, [a, b]) => {
      const wa = words(a), wb = words(b);
      return Array.from({ length: Math.max(wa.length, wb.length) }, (_, i) => (wa[i] ?? "") + (wb[i] ?? "")).join(" ");
    },
  },
  wildcard: {
    max: 1, fn: async (_x, [t]) => {
      const res: string[] = [];
      for (const p of words(t)) res.push(...(await glob(p)));
      return res.join(" ");
    },
  },
  abspath: { max: 1, fn: (x, [t]) => perWord(t, (w) => absPath(w, curdir(x))) },
  realpath: {
    max: 1, fn: async (x, [t]) => {
      const res: string[] = [];
      for (const w of words(t)) {
        const r = await realpath(w.startsWith("/") ? w : `${curdir(x)}/${w}`);
        if (r) res.push(r);
      }
      return res.join(" ");
    },
  },
  if: {
    max: 3, min: 2, lazy: true, fn: async (x, [c, a, b], s) => {
      const cond = (await x.expand(c, s)).trim();
      return cond ? x.expand(a, s) : b === undefined ? "" : x.expand(b, s);
    },
  },
  or: {
    max: Infinity, lazy: true, fn: async (x, args, s) => {
      for (const a of args) { const v = await x.expand(a, s); if (v.trim()) return v; }
      return "";
    },
  },
  and: {
    max: Infinity, lazy: true, fn: async (x, args, s) => {
      let v = "";
      for (const a of args) { v = await x.expand(a, s); if (!v.trim()) return ""; }
      return v;
    },
  },
  foreach: {
    max: 3, min: 3, lazy: true, fn: async (x, [n, l, body], s) => {
      const name = (await x.expand(n, s)).trim();
      const res: string[] = [];
      for (const w of words(await x.expand(l, s))) res.push(await withVars(s, [[name, w]], (sc) => x.expand(body, sc)));
      return res.join(" ");
    },
  },
  call: {
    max: Infinity, min: 1, fn: async (x, [n, ...args], s) => {
      const name = n.trim();
      const vars: [string, string][] = [["0", name]];
      args.forEach((a, i) => vars.push([String(i + 1), a]));
      for (let i = args.length + 1; s.find(String(i)); i++) vars.push([String(i), ""]);
      if (FUNCTIONS[name]) return withVars(s, vars, (sc) => x.expand(`$(${name} ${args.join(",")})`, sc));
      return withVars(s, vars, (sc) => x.valueOf(name, sc));
    },
  },
  value: { max: 1, fn: (_x, [n], s) => s.find(n.trim())?.value ?? "" },
  origin: { max: 1, fn: (_x, [n], s) => s.find(n.trim())?.origin ?? "undefined" },
  flavor: { max: 1, fn: (_x, [n], s) => { const v = s.find(n.trim()); return v ? (v.recursive ? "recursive" : "simple") : "undefined"; } },
  eval: { max: 1, fn: async (x, [t]) => { await x.hooks.eval(t); return ""; } },
  shell: { max: 1, fn: (x, [c]) => shell(x, c) },
  error: { max: 1, fn: (x, [t]) => fatal(x.st, t) },
  warning: { max: 1, fn: async (x, [t]) => { await err(`${locPrefix(x.st.loc)}${t}\n`); return ""; } },
  info: { max: 1, fn: async (_x, [t]) => { await out(`${t}\n`); return ""; } },
};
