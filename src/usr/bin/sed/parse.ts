// sed's script parser: addresses (N, $, /RE/, \cREc, first~step, addr1,+N), "!", and the
// commands s y d D p P n N q Q a i c = h H g G x b t T : { } l.
import { compile, RegexError } from "../../lib/regex.js";

export type Addr = { kind: "line"; n: number } | { kind: "last" } | { kind: "re"; re: RegExp | null } | { kind: "step"; first: number; step: number } | { kind: "plus"; n: number };

export interface Cmd {
  a1: Addr | null;
  a2: Addr | null;
  neg: boolean;
  name: string;
  /** s: regex (null = the last one used), replacement, flags; y: maps; a/i/c: text; b/t/T/: label; q/Q: exit code. */
  re?: RegExp | null;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  from?: string;
  to?: string;
  text?: string;
  label?: string;
  code?: number;
  /** Index of the matching "}" for "{", or of the target for branches. */
  jump?: number;
  /** Range state. */
  active?: boolean;
  end?: number;
}

export class SedError extends Error {}

export function parseScript(script: string, extended: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  const blocks: number[] = [];
  let i = 0;
  let cmdNo = 0;
  const err = (m: string): never => { throw new SedError(`-e expression #1, char ${i}: ${m}`); };
  const skipWs = () => { while (i < script.length && /[ \t]/.test(script[i])) i++; };
  const reOf = (src: string, flags: string): RegExp | null => {
    if (src === "") return null;
    try { return compile(src, extended, flags + "s", true); } catch (e) { if (e instanceof RegexError) err(e.message); throw e; }
  };
  /** Read up to an unescaped delimiter; "\delim" becomes delim, newline escapes kept. */
  const delimited = (d: string, isRegex: boolean): string => {
    let s = "";
    while (i < script.length && script[i] !== d) {
      if (script[i] === "\\" && i + 1 < script.length) {
        const n = script[i + 1];
        if (n === d) s += isRegex && /[.*[\]^$]/.test(d) ? "\\" + d : d;
        else if (n === "\n") s += isRegex ? "\\n" : "\n";
        else s += "\\" + n;
        i += 2;
      } else if (isRegex && script[i] === "[") {
        // A bracket expression may contain the delimiter.
        const end = script.indexOf("]", i + (script[i + 1] === "^" ? 3 : 2));
        if (end < 0) { s += script[i++]; continue; }
        s += script.slice(i, end + 1);
        i = end + 1;
      } else s += script[i++];
    }
    if (i >= script.length) err(`unterminated ${isRegex ? "address regex" : "`s' command"}`);
    i++;
    return s;
  };
  const addr = (): Addr | null => {
    const c = script[i];
    if (c === undefined) return null;
    if (/\d/.test(c)) {
      const m = /^(\d+)(?:~(\d+))?/.exec(script.slice(i))!;
      i += m[0].length;
      return m[2] !== undefined ? { kind: "step", first: +m[1], step: +m[2] } : { kind: "line", n: +m[1] };
    }
    if (c === "$") { i++; return { kind: "last" }; }
    if (c === "/" || c === "\\") {
      i++;
      const d = c === "/" ? "/" : script[i++];
      const src = delimited(d, true);
      let flags = "";
      while (script[i] === "I" || script[i] === "M") { if (script[i] === "I") flags += "i"; else flags += "m"; i++; }
      return { kind: "re", re: reOf(src, flags) };
    }
    return null;
  };
  const label = (): string => {
    skipWs();
    const m = /^[^;\n}]*/.exec(script.slice(i))!;
    i += m[0].length;
    return m[0].trim();
  };
  const text = (): string => {
    // GNU forms: "a\<newline>text", "a text", "a\text".
    skipWs();
    if (script[i] === "\\") { i++; if (script[i] === "\n") i++; }
    else skipWs();
    let s = "";
    while (i < script.length && script[i] !== "\n") {
      if (script[i] === "\\" && i + 1 < script.length) { s += script[i + 1]; i += 2; continue; }
      s += script[i++];
    }
    return s;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    if (script[i] === "#") { while (i < script.length && script[i] !== "\n") i++; continue; }
    const cmd: Cmd = { a1: null, a2: null, neg: false, name: "" };
    cmd.a1 = addr();
    if (cmd.a1 && script[i] === ",") {
      i++;
      skipWs();
      if (script[i] === "+") { i++; const m = /^\d+/.exec(script.slice(i)); if (!m) err("unexpected `,'"); i += m![0].length; cmd.a2 = { kind: "plus", n: +m![0] }; }
      else cmd.a2 = addr() ?? err("unexpected `,'");
    }
    skipWs();
    while (script[i] === "!") { cmd.neg = true; i++; skipWs(); }
    const name = script[i++];
    if (name === undefined) err("missing command");
    cmd.name = name;
    cmdNo++;
    switch (name) {
      case "{": blocks.push(cmds.length); break;
      case "}":
        if (!blocks.length) err("unexpected `}'");
        cmds[blocks.pop()!].jump = cmds.length;
        break;
      case "s": {
        const d = script[i++];
        if (d === undefined || d === "\n" || d === "\\") err("unterminated `s' command");
        const src = delimited(d, true);
        cmd.repl = delimited(d, false);
        let flags = "";
        cmd.nth = 1;
        for (;;) {
          const f = script[i];
          if (f === "g") { cmd.global = true; i++; }
          else if (f === "p") { cmd.print = true; i++; }
          else if (f === "i" || f === "I") { flags += "i"; i++; }
          else if (f === "m" || f === "M") { flags += "m"; i++; }
          else if (f !== undefined && /\d/.test(f)) { const m = /^\d+/.exec(script.slice(i))!; cmd.nth = +m[0]; i += m[0].length; }
          else break;
        }
        cmd.re = reOf(src, flags);
        break;
      }
      case "y": {
        const d = script[i++];
        const unesc = (s: string) => s.replace(/\\(.)/g, (_m, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
        cmd.from = unesc(delimited(d, false));
        cmd.to = unesc(delimited(d, false));
        if ([...cmd.from].length !== [...cmd.to].length) err("strings for `y' command are different lengths");
        break;
      }
      case "a": case "i": case "c": cmd.text = text(); break;
      case "b": case "t": case "T": cmd.label = label(); break;
      case ":": {
        if (cmd.a1) err(": doesn't want any addresses");
        cmd.label = label();
        if (!cmd.label) err("\":\" lacks a label");
        break;
      }
      case "q": case "Q": { skipWs(); const m = /^\d+/.exec(script.slice(i)); cmd.code = m ? +m[0] : 0; if (m) i += m[0].length; break; }
      case "d": case "D": case "p": case "P": case "n": case "N": case "=": case "h": case "H": case "g": case "G": case "x": case "l": case "z": break;
      default: err(`unknown command: \`${name}'`);
    }
    cmds.push(cmd);
    skipWs();
    if (i < script.length && !/[;\n}#]/.test(script[i]) && !"aic:btT{}".includes(name)) err(`extra characters after command`);
  }
  if (blocks.length) { i = script.length; err("unmatched `{'"); }
  for (const c of cmds) {
    if ("btT".includes(c.name)) {
      if (!c.label) c.jump = cmds.length;
      else {
        const at = cmds.findIndex((x) => x.name === ":" && x.label === c.label);
        if (at < 0) throw new SedError(`-e expression #1, char 0: can't find label for jump to \`${c.label}'`);
        c.jump = at;
      }
    }
  }
  void cmdNo;
  return cmds;
}
