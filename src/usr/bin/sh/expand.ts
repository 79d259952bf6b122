// Word expansion, in POSIX order: tilde, parameter, command substitution and arithmetic, then
// field splitting on IFS, pathname expansion and quote removal. A word is expanded from its
// raw text into pieces that remember whether they were quoted and whether they may be split.
import { ShellState, ShellError } from "./state.js";
import { cmdSubstEnd } from "./parser.js";
import { arith, ArithError } from "./arith.js";
import { globPaths, hasGlob, matchPattern } from "./glob.js";
import { passwd } from "./users.js";

export interface ExpandCtx {
  sh: ShellState;
  /** Run a command substitution and return its output. */
  cmdSubst(text: string): Promise<string>;
  /** Report "sh: N: msg" and abandon the command (ShellError). */
  fail(msg: string): never;
}

type Piece = { s: string; q: boolean; split: boolean } | { brk: true };

const lit = (s: string): Piece => ({ s, q: false, split: false });
const quoted = (s: string): Piece => ({ s, q: true, split: false });

function findClose(raw: string, i: number, open: string, close: string): number {
  // i is just after the opening; returns the index of the matching close.
  let depth = 1;
  const dq = close === '"';
  for (; i < raw.length; i++) {
    const c = raw[i];
    if (c === "\\") { i++; continue; }
    if (dq && c === '"') return i;
    if (c === "'" && !dq) { const e = raw.indexOf("'", i + 1); if (e > 0) i = e; continue; }
    if (c === '"') { i = findClose(raw, i + 1, "", '"'); continue; }
    if (c === "`") { let j = i + 1; while (j < raw.length && raw[j] !== "`") { if (raw[j] === "\\") j++; j++; } i = j; continue; }
    if (c === "$" && raw[i + 1] === "(" && raw[i + 2] !== "(") { i = cmdSubstEnd(raw, i + 2) - 1; continue; }
    if (c === "$" && raw[i + 1] === "{") { i = findClose(raw, i + 2, "{", "}"); continue; }
    if (open && c === open) depth++;
    else if (c === close) { depth--; if (depth === 0) return i; }
  }
  return raw.length;
}

function arithClose(raw: string, i: number): number {
  // i just after "$((": the index of the final "))".
  let depth = 2;
  for (; i < raw.length; i++) {
    if (raw[i] === "(") depth++;
    else if (raw[i] === ")") { depth--; if (depth === 0) return i - 1; }
  }
  return raw.length;
}

async function homeOf(user: string, sh: ShellState): Promise<string | null> {
  if (user === "") return sh.get("HOME") ?? null;
  const e = (await passwd()).find((p) => p.name === user);
  return e ? e.home : null;
}

function ifs(sh: ShellState): string {
  const v = sh.get("IFS");
  return v === undefined ? " \t\n" : v;
}

/** Expand a word's raw text into pieces. dq: inside double quotes. assign: tilde after ':' too. */
async function pieces(ctx: ExpandCtx, raw: string, dq: boolean, assign = false): Promise<Piece[]> {
  const out: Piece[] = [];
  const sh = ctx.sh;
  let i = 0;
  // Tilde prefix at the start of the word (and after ':' in assignments).
  const tilde = async () => {
    if (dq || raw[i] !== "~") return;
    let j = i + 1;
    while (j < raw.length && raw[j] !== "/" && !(assign && raw[j] === ":")) j++;
    const user = raw.slice(i + 1, j);
    if (/["'\\$`]/.test(user)) return;
    const h = await homeOf(user, sh);
    if (h === null) return;
    out.push(quoted(h));
    i = j;
  };
  await tilde();
  while (i < raw.length) {
    const c = raw[i];
    if (c === "\\") {
      const n = raw[i + 1];
      if (n === undefined) { out.push(lit("\\")); i++; continue; }
      if (n === "\n") { i += 2; continue; }
      if (dq && !"$`\"\\".includes(n)) { out.push(quoted("\\")); i++; continue; }
      out.push(quoted(n));
      i += 2;
      continue;
    }
    if (c === "'" && !dq) {
      const e = raw.indexOf("'", i + 1);
      const end = e < 0 ? raw.length : e;
      out.push(quoted(raw.slice(i + 1, end)));
      i = end + 1;
      continue;
    }
    if (c === '"' && !dq) {
      const e = findClose(raw, i + 1, "", '"');
      const inner = raw.slice(i + 1, e);
      i = e + 1;
      if ((inner === "$@" || inner === "${@}") && sh.positional.length === 0) continue;
      out.push(quoted(""));
      out.push(...(await pieces(ctx, inner, true)));
      continue;
    }
    if (c === "`") {
      let j = i + 1, text = "";
      while (j < raw.length && raw[j] !== "`") {
        if (raw[j] === "\\" && ("$`\\".includes(raw[j + 1]) || (dq && raw[j + 1] === '"'))) { text += raw[j + 1]; j += 2; continue; }
        text += raw[j++];
      }
      i = j + 1;
      const r = (await ctx.cmdSubst(text)).replace(/\n+$/, "");
      out.push({ s: r, q: dq, split: !dq });
      continue;
    }
    if (c === "$") {
      i = await dollar(ctx, raw, i, dq, out);
      continue;
    }
    if (assign && c === ":" && !dq) { out.push(lit(c)); i++; await tilde(); continue; }
    out.push(dq ? quoted(c) : lit(c));
    i++;
  }
  return out;
}

function special(sh: ShellState, name: string): string | undefined {
  switch (name) {
    case "?": return String(sh.status);
    case "$": return String(sh.rootPid);
    case "!": return sh.lastBg ? String(sh.lastBg) : "";
    case "#": return String(sh.positional.length);
    case "-": return sh.optionString();
    case "0": return sh.arg0;
    case "*": case "@": return sh.positional.join(" ");
  }
  if (/^\d+$/.test(name)) return sh.positional[Number(name) - 1];
  if (name === "LINENO") return String(sh.lineno);
  return sh.get(name);
}

/** Push the expansion of $@ or $* (which make several fields). */
function pushAll(sh: ShellState, name: string, dq: boolean, out: Piece[]): void {
  const ps = sh.positional;
  if (dq && name === "*") {
    const f = ifs(sh);
    out.push(quoted(ps.join(f === "" ? "" : f[0])));
    return;
  }
  ps.forEach((p, k) => {
    if (k > 0) out.push({ brk: true });
    out.push({ s: p, q: dq, split: !dq });
  });
}

async function dollar(ctx: ExpandCtx, raw: string, i: number, dq: boolean, out: Piece[]): Promise<number> {
  const sh = ctx.sh;
  const n = raw[i + 1];
  if (n === "(" && raw[i + 2] === "(") {
    const e = arithClose(raw, i + 3);
    const text = await expandString(ctx, raw.slice(i + 3, e), true);
    let v: bigint;
    try {
      v = arith(text, { get: (k) => sh.get(k), set: (k, val) => { if (!sh.set(k, val)) ctx.fail(`${k}: is read only`); } });
    } catch (err) {
      if (err instanceof ArithError) ctx.fail(err.message);
      throw err;
    }
    out.push({ s: v.toString(), q: dq, split: !dq });
    return e + 2;
  }
  if (n === "(") {
    const e = cmdSubstEnd(raw, i + 2);
    const r = (await ctx.cmdSubst(raw.slice(i + 2, e - 1))).replace(/\n+$/, "");
    out.push({ s: r, q: dq, split: !dq });
    return e;
  }
  if (n === "{") {
    const e = findClose(raw, i + 2, "{", "}");
    await braced(ctx, raw.slice(i + 2, e), dq, out);
    return e + 1;
  }
  let m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$!#*@-])/.exec(raw.slice(i + 1));
  if (!m) { out.push(dq ? quoted("$") : lit("$")); return i + 1; }
  const name = m[1];
  if (name === "@" || name === "*") { pushAll(sh, name, dq, out); return i + 2; }
  const v = special(sh, name);
  if (v === undefined && sh.opts.u && name !== "!" ) ctx.fail(`${name}: parameter not set`);
  out.push({ s: v ?? "", q: dq, split: !dq });
  return i + 1 + name.length;
}

async function braced(ctx: ExpandCtx, body: string, dq: boolean, out: Piece[]): Promise<void> {
  const sh = ctx.sh;
  if (body.startsWith("#") && body.length > 1 && !/^#[:=?+%#-]/.test(body) || body === "#-" || body === "##" || body === "#?") {
    const name = body.slice(1);
    if (name === "@" || name === "*") { out.push({ s: String(sh.positional.length), q: dq, split: !dq }); return; }
    const v = special(sh, name);
    if (v === undefined && sh.opts.u) ctx.fail(`${name}: parameter not set`);
    out.push({ s: String([...(v ?? "")].length), q: dq, split: !dq });
    return;
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$!#*@-])/.exec(body);
  if (!m) ctx.fail(`\${${body}}: Bad substitution`);
  const name = m[1];
  const rest = body.slice(name.length);
  const opm = /^(:-|:=|:\?|:\+|-|=|\?|\+|%%|%|##|#)?/.exec(rest)!;
  const op = opm[1] ?? "";
  if (!op && rest !== "") ctx.fail(`\${${body}}: Bad substitution`);
  const word = rest.slice(op.length);
  const isAll = name === "@" || name === "*";
  let v = isAll ? (sh.positional.length ? sh.positional.join(" ") : undefined) : special(sh, name);
  const unsetOrNull = v === undefined || (op.startsWith(":") && v === "");
  switch (op) {
    case "": case "%": case "%%": case "#": case "##":
      if (v === undefined && sh.opts.u && !isAll) ctx.fail(`${name}: parameter not set`);
      if (op === "") {
        if (isAll) pushAll(sh, name, dq, out);
        else out.push({ s: v ?? "", q: dq, split: !dq });
        return;
      }
      out.push({ s: trim(v ?? "", await expandPattern(ctx, word, dq), op), q: dq, split: !dq });
      return;
    case "-": case ":-":
      if (unsetOrNull) out.push(...(await pieces(ctx, word, dq)));
      else if (isAll) pushAll(sh, name, dq, out);
      else out.push({ s: v!, q: dq, split: !dq });
      return;
    case "+": case ":+":
      if (!unsetOrNull) out.push(...(await pieces(ctx, word, dq)));
      return;
    case "=": case ":=":
      if (unsetOrNull) {
        if (!/^[A-Za-z_]/.test(name)) ctx.fail(`${name}: bad variable name`);
        v = await expandString(ctx, word, dq);
        if (!sh.set(name, v)) ctx.fail(`${name}: is read only`);
      }
      out.push({ s: v!, q: dq, split: !dq });
      return;
    case "?": case ":?":
      if (unsetOrNull) {
        const msg = word ? await expandString(ctx, word, dq) : op === "?" ? "parameter not set" : "parameter null or not set";
        ctx.fail(`${name}: ${msg}`);
      }
      out.push({ s: v!, q: dq, split: !dq });
      return;
  }
}

function trim(v: string, pat: string, op: string): string {
  const chars = [...v];
  const n = chars.length;
  const sub = (a: number, b: number) => chars.slice(a, b).join("");
  if (op === "#") { for (let k = 0; k <= n; k++) if (matchPattern(pat, sub(0, k))) return sub(k, n); }
  else if (op === "##") { for (let k = n; k >= 0; k--) if (matchPattern(pat, sub(0, k))) return sub(k, n); }
  else if (op === "%") { for (let k = n; k >= 0; k--) if (matchPattern(pat, sub(k, n))) return sub(0, k); }
  else if (op === "%%") { for (let k = 0; k <= n; k++) if (matchPattern(pat, sub(k, n))) return sub(0, k); }
  return v;
}

const GLOBCH = /[*?[\]\\]/g;

function piecesToPattern(ps: Piece[]): string {
  let p = "";
  for (const x of ps) if (!("brk" in x)) p += x.q ? x.s.replace(GLOBCH, "\\$&") : x.s;
  return p;
}

function piecesToString(ps: Piece[]): string {
  let s = "", first = true;
  for (const x of ps) {
    if ("brk" in x) { s += " "; continue; }
    s += x.s;
    first = false;
  }
  void first;
  return s;
}

/** Expand without field splitting or globbing (assignments, redirection targets, here-doc words). */
export async function expandString(ctx: ExpandCtx, raw: string, dq = false, assign = false): Promise<string> {
  return piecesToString(await pieces(ctx, raw, dq, assign));
}

/** Expand into a pattern: quoted characters are escaped (case patterns, ${v#pat}). */
export async function expandPattern(ctx: ExpandCtx, raw: string, dq = false): Promise<string> {
  const ps = await pieces(ctx, raw, dq);
  if (dq) return piecesToPattern(ps.map((x) => ("brk" in x ? x : { ...x, q: true })));
  return piecesToPattern(ps);
}

/** Expand the body of an unquoted here-document: $, ` and \ are special, quotes are not. */
export async function expandHereDoc(ctx: ExpandCtx, body: string): Promise<string> {
  let out = "";
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === "\\" && "$`\\\n".includes(body[i + 1] ?? "")) {
      if (body[i + 1] !== "\n") out += body[i + 1];
      i += 2;
      continue;
    }
    if (c === "$" || c === "`") {
      // Find the extent of this expansion and expand it as if in double quotes.
      let e: number;
      if (c === "`") { e = i + 1; while (e < body.length && body[e] !== "`") { if (body[e] === "\\") e++; e++; } e++; }
      else if (body[i + 1] === "(" && body[i + 2] === "(") e = arithClose(body, i + 3) + 2;
      else if (body[i + 1] === "(") e = cmdSubstEnd(body, i + 2);
      else if (body[i + 1] === "{") e = findClose(body, i + 2, "{", "}") + 1;
      else { const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$!#*@-])/.exec(body.slice(i + 1)); e = i + 1 + (m ? m[1].length : 0); }
      out += await expandString(ctx, body.slice(i, e), true);
      i = e;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

interface Field { text: string; pat: string; has: boolean; glob: boolean }

/** Expand words into fields: splitting on IFS, then pathname expansion. */
export async function expandFields(ctx: ExpandCtx, words: string[]): Promise<string[]> {
  const result: string[] = [];
  const sh = ctx.sh;
  for (const w of words) {
    const ps = await pieces(ctx, w, false);
    const sep = ifs(sh);
    const fields: Field[] = [];
    let cur: Field = { text: "", pat: "", has: false, glob: false };
    let pendingWs = false;
    const push = () => { fields.push(cur); cur = { text: "", pat: "", has: false, glob: false }; };
    for (const p of ps) {
      if ("brk" in p) { if (cur.has) push(); else cur = { text: "", pat: "", has: false, glob: false }; pendingWs = false; continue; }
      if (p.q) { cur.text += p.s; cur.pat += p.s.replace(GLOBCH, "\\$&"); cur.has = true; pendingWs = false; continue; }
      if (!p.split) { cur.text += p.s; cur.pat += p.s; if (p.s) { cur.has = true; cur.glob = true; pendingWs = false; } continue; }
      for (const ch of p.s) {
        if (sep.includes(ch)) {
          if (" \t\n".includes(ch)) {
            if (cur.has) { push(); pendingWs = true; }
          } else {
            if (pendingWs && !cur.has) pendingWs = false;
            else { push(); pendingWs = false; }
          }
          continue;
        }
        cur.text += ch; cur.pat += ch; cur.has = true; cur.glob = true; pendingWs = false;
      }
    }
    if (cur.has) push();
    for (const f of fields) {
      if (f.glob && !sh.opts.f && hasGlob(f.pat)) {
        const m = await globPaths(f.pat);
        if (m.length) { result.push(...m); continue; }
      }
      result.push(f.text);
    }
  }
  return result;
}

export { ShellError };
