// make: reading makefiles — logical lines (backslash continuations, comments), conditionals
// (ifeq/ifneq/ifdef/ifndef/else/endif), define/endef, include, export/unexport/override,
// variable assignments (= := ::= ?= += !=), and rule lines with their recipes.
import { MakeState, fatal, words, type Loc, type Recipe, type Var } from "./state.js";
import { Expander } from "./expand.js";
import { recordRule } from "./rules.js";
import { runShellFunction } from "./functions.js";
import { readText } from "./sys.js";
import { errno, strerror } from "../../../lib/libc/errno.js";

interface Cond { active: boolean; done: boolean; parentActive: boolean; line: number }

/** A rule being read: where its recipe lines go, and how to record it once they are all read. */
interface Context { recipe: Recipe; hasLines: boolean; commit: () => Promise<void> }

type Assign = { name: string; op: string; value: string };

/** Find a variable assignment operator at the top level of a line, before any rule colon. */
export function findAssign(line: string): Assign | null {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "$" && (line[i + 1] === "(" || line[i + 1] === "{")) { depth++; i++; continue; }
    if (depth > 0) {
      if (c === "(" || c === "{") depth++;
      else if (c === ")" || c === "}") depth--;
      continue;
    }
    if (c === "=") {
      const p = line[i - 1];
      let op = "=", start = i;
      if (p === "+" || p === "?" || p === "!") { op = p + "="; start = i - 1; }
      return { name: line.slice(0, start).trim(), op, value: line.slice(i + 1).replace(/^[ \t]+/, "") };
    }
    if (c === ":") {
      if (line.startsWith(":=", i)) return { name: line.slice(0, i).trim(), op: ":=", value: line.slice(i + 2).replace(/^[ \t]+/, "") };
      if (line.startsWith("::=", i)) return { name: line.slice(0, i).trim(), op: "::=", value: line.slice(i + 3).replace(/^[ \t]+/, "") };
      return null;
    }
    if (c === ";") return null;
  }
  return null;
}

/** Remove a comment (an unescaped '#'); "\#" becomes '#'. */
function stripComment(s: string): string {
  let outText = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && s[i + 1] === "#") { outText += "#"; i++; continue; }
    if (s[i] === "#") break;
    outText += s[i];
  }
  return outText;
}

export class Parser {
  constructor(readonly st: MakeState, readonly x: Expander) {}

  /** Missing required includes, to report once reading is done. */
  readonly missingIncludes: { name: string; loc: Loc | null; error: string }[] = [];

  /** Assign a variable as a makefile line does (respecting command-line and override origins). */
  async assign(a: Assign, override: boolean, target: Map<string, Var> | null = null): Promise<void> {
    const st = this.st;
    const name = await this.x.expand(a.name);
    if (!name) fatal(st, "empty variable name");
    const map = target ?? st.globals.vars;
    const old = target ? target.get(name) ?? st.globals.find(name) : st.globals.find(name);
    if (!target && old && !override && (old.origin === "command line" || old.origin === "override")) return;
    if (!target && old && !override && old.origin === "environment" && st.opts.envOverrides) return;
    const origin = override ? "override" : "file";
    switch (a.op) {
      case "=": map.set(name, { value: a.value, recursive: true, origin }); break;
      case ":=": case "::=": map.set(name, { value: await this.x.expand(a.value), recursive: false, origin }); break;
      case "?=": if (!old) map.set(name, { value: a.value, recursive: true, origin }); break;
      case "!=": map.set(name, { value: await runShellFunction(this.x, await this.x.expand(a.value)), recursive: false, origin }); break;
      case "+=": {
        if (!old) { map.set(name, { value: a.value, recursive: true, origin }); break; }
        const add = old.recursive ? a.value : await this.x.expand(a.value);
        const value = old.value === "" ? add : `${old.value} ${add}`;
        map.set(name, { value, recursive: old.recursive, origin: old.origin === "environment" || old.origin === "default" ? origin : old.origin });
        break;
      }
    }
  }

  async readFile(path: string, loc: Loc | null, optional: boolean): Promise<boolean> {
    const text = await readText(path);
    if (text === null) {
      if (!optional) this.missingIncludes.push({ name: path, loc, error: strerror(errno) });
      return false;
    }
    const list = this.st.globals.find("MAKEFILE_LIST");
    this.st.setVar("MAKEFILE_LIST", `${list?.value ?? ""} ${path}`, false, "file");
    await this.parse(text, path);
    return true;
  }

  /** Read makefile text. */
  async parse(text: string, file: string): Promise<void> {
    const st = this.st;
    const saved = st.loc;
    const lines = text.split("\n");
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    const conds: Cond[] = [];
    let ctx: Context | null = null;
    const endRule = async () => { const c = ctx; ctx = null; if (c) await c.commit(); };
    const active = () => conds.every((c) => c.active);
    let i = 0;
    try {
      while (i < lines.length) {
        const lineNo = i + 1;
        st.loc = { file, line: lineNo };
        const isRecipe = lines[i].startsWith("\t") && ctx !== null;
        // Join continuation lines.
        let line = lines[i++];
        while (/(^|[^\\])(\\\\)*\\$/.test(line) && i < lines.length) {
          const next = lines[i++];
          if (isRecipe) line = line + "\n" + (next.startsWith("\t") ? next.slice(1) : next);
          else line = line.slice(0, -1).replace(/[ \t]+$/, "") + " " + next.replace(/^[ \t]+/, "");
        }
        if (isRecipe) {
          if (!active()) continue;
          ctx!.recipe.lines.push({ text: line.slice(1), loc: { file, line: lineNo } });
          if (!ctx!.hasLines) { ctx!.recipe.loc = { file, line: lineNo }; ctx!.hasLines = true; }
          continue;
        }
        const raw = line;
        line = stripComment(line);
        const trimmed = line.replace(/^[ \t]+/, "");
        if (trimmed.replace(/[ \t]+$/, "") === "") continue;
        const word = /^[^ \t(]*/.exec(trimmed)![0];
        const rest = trimmed.slice(word.length).replace(/^[ \t]+/, "").replace(/[ \t]+$/, "");

        // Conditionals are seen even where lines are being skipped.
        if (word === "ifeq" || word === "ifneq" || word === "ifdef" || word === "ifndef") {
          const pa = active();
          const v = pa ? await this.condition(word, rest) : false;
          conds.push({ active: pa && v, done: pa && v, parentActive: pa, line: lineNo });
          continue;
        }
        if (word === "else") {
          const c = conds[conds.length - 1];
          if (!c) fatal(st, "extraneous 'else'");
          const m = /^(ifeq|ifneq|ifdef|ifndef)\b(.*)$/.exec(rest);
          if (m) {
            const v = c.parentActive && !c.done ? await this.condition(m[1], m[2].trim()) : false;
            c.active = v;
            if (v) c.done = true;
          } else {
            c.active = c.parentActive && !c.done;
            c.done = true;
          }
          continue;
        }
        if (word === "endif") {
          if (!conds.pop()) fatal(st, "extraneous 'endif'");
          continue;
        }
        if (!active()) {
          if (word === "define" || /^(override|export)$/.test(word) && /^define\b/.test(rest)) {
            // Skip the whole definition.
            let depth = 1;
            while (i < lines.length && depth > 0) {
              const w = lines[i++].trim().split(/[ \t]/)[0];
              if (w === "define") depth++; else if (w === "endef") depth--;
            }
          }
          continue;
        }

        // define NAME [op] ... endef
        let override = false, exporting = false;
        let body = trimmed;
        for (;;) {
          const w = /^\S+/.exec(body)?.[0];
          if (w === "override" && /^override[ \t]/.test(body)) { override = true; body = body.slice(8).replace(/^[ \t]+/, ""); continue; }
          if (w === "export" && /^export([ \t]|$)/.test(body) && /^export[ \t]+define\b/.test(body)) { exporting = true; body = body.slice(6).replace(/^[ \t]+/, ""); continue; }
          break;
        }
        if (/^define([ \t]|$)/.test(body)) {
          const head = body.slice(6).trim();
          const m = /^(.*?)[ \t]*(::=|:=|\+=|\?=|!=|=)?$/.exec(head)!;
          const defLines: string[] = [];
          let depth = 1;
          for (;;) {
            if (i >= lines.length) fatal(st, "missing 'endef', unterminated 'define'", { file, line: lineNo });
            const l = lines[i++];
            const w = l.trim().split(/[ \t]/)[0];
            if (w === "define") depth++;
            else if (w === "endef" && --depth === 0) break;
            defLines.push(l);
          }
          await endRule();
          const a = { name: m[1], op: m[2] ?? "=", value: defLines.join("\n") };
          await this.assign(a, override);
          if (exporting) st.exports.set(await this.x.expand(m[1]), true);
          continue;
        }

        if (word === "include" || word === "-include" || word === "sinclude") {
          await endRule();
          const loc = { file, line: lineNo };
          for (const f of words(await this.x.expand(rest))) await this.readFile(f, loc, word !== "include");
          continue;
        }

        if (word === "export" || word === "unexport") {
          await endRule();
          const exp = word === "export";
          if (rest === "") { st.exportAll = exp; continue; }
          const a = findAssign(rest);
          if (a && exp) {
            const o = /^override[ \t]/.test(a.name);
            if (o) a.name = a.name.slice(8).trim();
            await this.assign(a, o || override);
            st.exports.set(await this.x.expand(a.name), true);
          } else for (const n of words(await this.x.expand(rest))) st.exports.set(n, exp);
          continue;
        }

        const a = findAssign(body);
        if (a) {
          await endRule();
          await this.assign(a, override);
          continue;
        }
        if (override) fatal(st, "missing separator");

        // A rule line (or a line of function calls that expands to nothing).
        await endRule();
        const r = await recordRule(this, body, { file, line: lineNo });
        if (r === "empty") continue;
        if (r === null) {
          if (raw.startsWith("\t")) fatal(st, "recipe commences before first target");
          fatal(st, raw.startsWith("        ") ? "missing separator (did you mean TAB instead of 8 spaces?)" : "missing separator");
        }
        ctx = { recipe: r.recipe, hasLines: r.recipe.lines.length > 0, commit: r.commit };
      }
      await endRule();
      if (conds.length) fatal(st, "missing 'endif'", { file, line: lines.length });
    } finally {
      st.loc = saved;
    }
  }

  /** Evaluate ifeq/ifneq/ifdef/ifndef's argument text. */
  private async condition(kind: string, text: string): Promise<boolean> {
    if (kind === "ifdef" || kind === "ifndef") {
      const name = (await this.x.expand(text)).trim();
      const v = this.st.globals.find(name);
      const def = !!v && v.value !== "";
      return kind === "ifdef" ? def : !def;
    }
    let a: string, b: string;
    if (text.startsWith("(")) {
      let depth = 0, comma = -1, end = -1;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "(") depth++;
        else if (c === ")") { if (--depth === 0) { end = i; break; } }
        else if (c === "," && depth === 1 && comma < 0) comma = i;
      }
      if (comma < 0 || end < 0) fatal(this.st, "invalid syntax in conditional");
      a = text.slice(1, comma).trim();
      b = text.slice(comma + 1, end).trim();
    } else {
      const m = /^(["'])(.*?)\1[ \t]+(["'])(.*?)\3$/.exec(text);
      if (!m) fatal(this.st, "invalid syntax in conditional");
      a = m[2];
      b = m[4];
    }
    const eq = (await this.x.expand(a)) === (await this.x.expand(b));
    return kind === "ifeq" ? eq : !eq;
  }
}
