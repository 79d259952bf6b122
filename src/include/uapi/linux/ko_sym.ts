// A module's code symbols, shared by the kernel (oops call traces, WARN and BUG locations) and
// the userland tools that invert them (faddr2line, gdb): the functions of a module's JavaScript
// with their extent, and its source map (.map). An address inside a module is a character
// offset into its code (.text), so `hello_write+0x35/0x60` reads "0x35 past the start of
// hello_write, whose code is 0x60 long", and faddr2line turns it back into hello.ts:42.

/** A function of the module's code: its name and [start, end) as offsets into the code. */
export interface CodeFunction { name: string; start: number; end: number }

const IDENT = /[A-Za-z0-9_$]/;
const KEYWORDS = new Set(["if", "for", "while", "switch", "catch", "with", "return", "typeof", "function", "new", "await", "yield", "in", "of", "do", "else"]);
/** After these a "/" starts a regular expression, not a division. */
const REGEX_AFTER = new Set(["(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "+", "-", "*", "%", "<", ">", "~", "^", "=>", "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "await", "yield", ""]);

interface Tok { t: string; pos: number }

/** The tokens that matter for finding functions: names, punctuation; strings and comments skipped. */
function tokenize(code: string): Tok[] {
  const out: Tok[] = [];
  const braces: ("{" | "${")[] = [];
  let i = 0;
  const n = code.length;
  const template = (): void => {
    // i is just past a "`" or a "}" closing a ${...}: scan to the closing "`" or the next "${".
    while (i < n) {
      const c = code[i];
      if (c === "\\") { i += 2; continue; }
      if (c === "`") { i++; return; }
      if (c === "$" && code[i + 1] === "{") { braces.push("${"); i += 2; return; }
      i++;
    }
  };
  while (i < n) {
    const c = code[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") { i++; continue; }
    if (c === "/" && code[i + 1] === "/") { while (i < n && code[i] !== "\n") i++; continue; }
    if (c === "/" && code[i + 1] === "*") { const e = code.indexOf("*/", i + 2); i = e < 0 ? n : e + 2; continue; }
    if (c === "'" || c === '"') {
      i++;
      while (i < n && code[i] !== c) i += code[i] === "\\" ? 2 : 1;
      i++;
      out.push({ t: "str", pos: i });
      continue;
    }
    if (c === "`") { i++; template(); out.push({ t: "str", pos: i }); continue; }
    if (c === "/") {
      const prev = out.length ? out[out.length - 1].t : "";
      if (REGEX_AFTER.has(prev)) {
        i++;
        let cls = false;
        while (i < n && (cls || code[i] !== "/") && code[i] !== "\n") {
          if (code[i] === "\\") i++;
          else if (code[i] === "[") cls = true;
          else if (code[i] === "]") cls = false;
          i++;
        }
        i++;
        while (i < n && IDENT.test(code[i])) i++;
        out.push({ t: "re", pos: i });
        continue;
      }
    }
    if (IDENT.test(c)) {
      const s = i;
      while (i < n && IDENT.test(code[i])) i++;
      out.push({ t: code.slice(s, i), pos: s });
      continue;
    }
    if (c === "=" && code[i + 1] === ">") { out.push({ t: "=>", pos: i }); i += 2; continue; }
    if (c === "{") braces.push("{");
    if (c === "}") {
      if (braces.pop() === "${") { i++; template(); out.push({ t: "str", pos: i }); continue; }
    }
    out.push({ t: c, pos: i });
    i++;
  }
  return out;
}

const isName = (t: string | undefined): t is string => !!t && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(t);

/**
 * The functions of a piece of JavaScript, named as the engine names them in stack traces:
 * declarations, methods (`write(f, buf) {`), and function or arrow expressions given to a name
 * (`const f = async (a) => {`, `read: function () {`). Anonymous ones are left out: their code
 * counts as the enclosing function's. Sorted by start.
 */
export function codeFunctions(code: string): CodeFunction[] {
  const toks = tokenize(code);
  const fns: CodeFunction[] = [];
  // Matching brackets.
  const match = new Array<number>(toks.length).fill(-1);
  const stack: number[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k].t;
    if (t === "(" || t === "{" || t === "[") stack.push(k);
    else if (t === ")" || t === "}" || t === "]") {
      const o = stack.pop();
      if (o !== undefined) { match[o] = k; match[k] = o; }
    }
  }
  /** The name a function expression starting at token k gets from `name =` or `name:` before it. */
  const assignedName = (k: number): string | null => {
    if (toks[k - 1]?.t === "async") k--;
    const op = toks[k - 1]?.t;
    if ((op === "=" || op === ":") && isName(toks[k - 2]?.t) && !KEYWORDS.has(toks[k - 2].t)) return toks[k - 2].t;
    return null;
  };
  const startOf = (k: number) => (toks[k - 1]?.t === "async" ? toks[k - 1].pos : toks[k].pos);
  for (let k = 0; k < toks.length; k++) {
    if (toks[k].t !== "{" || match[k] < 0) continue;
    const end = toks[match[k]].pos + 1;
    const prev = toks[k - 1];
    if (!prev) continue;
    if (prev.t === "=>") {
      // (params) => {  or  x => {
      let p = k - 2;
      if (toks[p]?.t === ")") p = match[p];
      if (p < 0) continue;
      const name = assignedName(p);
      if (name) fns.push({ name, start: startOf(p), end });
      continue;
    }
    if (prev.t !== ")" || match[k - 1] < 0) continue;
    const open = match[k - 1];
    let q = open - 1;
    let name = toks[q]?.t;
    if (name === "function" || (name === "*" && toks[q - 1]?.t === "function")) {
      // function (...) {  — anonymous expression, named by assignment
      const f = name === "*" ? q - 1 : q;
      const nm = assignedName(f);
      if (nm) fns.push({ name: nm, start: startOf(f), end });
      continue;
    }
    if (!isName(name) || KEYWORDS.has(name)) continue;
    if (toks[q - 1]?.t === "*") q--;
    const kw = toks[q - 1]?.t;
    if (kw === "function") {
      fns.push({ name, start: startOf(q - 1), end });
    } else if (kw === "get" || kw === "set" || kw === "static") {
      fns.push({ name, start: toks[q - 1].pos, end });
    } else if (kw === "." ) {
      continue; // a call such as a.b(...) { cannot be a definition
    } else {
      // A method: name(...) { inside an object literal or a class.
      const before = toks[q - 1]?.t;
      if (before === "{" || before === "," || before === "}" || before === ";" || before === "async" || before === undefined) {
        fns.push({ name, start: startOf(q), end });
      }
    }
  }
  return fns.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The innermost named function holding offset off (preferring one called `name`). */
export function functionAt(fns: CodeFunction[], off: number, name?: string): CodeFunction | null {
  let best: CodeFunction | null = null;
  for (const f of fns) {
    if (f.start > off) break;
    if (off >= f.end) continue;
    if (name !== undefined && f.name === name) return closestNamed(fns, off, name) ?? f;
    best = f;
  }
  return best;
}
function closestNamed(fns: CodeFunction[], off: number, name: string): CodeFunction | null {
  let best: CodeFunction | null = null;
  for (const f of fns) if (f.name === name && f.start <= off && off < f.end) best = f;
  return best;
}

/** The offset of a 1-based line and column of the code. */
export function offsetOf(code: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = code.indexOf("\n", off);
    if (nl < 0) return code.length;
    off = nl + 1;
  }
  return Math.min(off + column - 1, code.length);
}

/** The 0-based line and column of an offset of the code. */
export function lineColumnOf(code: string, off: number): { line: number; column: number } {
  let line = 0, start = 0;
  for (let i = code.indexOf("\n"); i >= 0 && i < off; i = code.indexOf("\n", i + 1)) { line++; start = i + 1; }
  return { line, column: off - start };
}

/** The function a `name+0xOFF/0xLEN` names, checked against its length. */
export function parseFuncOffset(s: string): { name: string; off: number; len: number | null } | null {
  const m = /^([A-Za-z_$][\w$.]*)\+(0x[0-9a-fA-F]+|\d+)(?:\/(0x[0-9a-fA-F]+|\d+))?$/.exec(s.trim());
  if (!m) return null;
  return { name: m[1], off: Number(m[2]), len: m[3] === undefined ? null : Number(m[3]) };
}

// Source maps (version 3, plain or indexed with sections).

export interface SourcePosition { source: string; line: number; column: number }

interface Segment { genCol: number; src: number; line: number; col: number }

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let src = 0, line = 0, col = 0;
  for (const lineText of mappings.split(";")) {
    const segs: Segment[] = [];
    let genCol = 0;
    for (const seg of lineText.split(",")) {
      if (!seg) continue;
      const v: number[] = [];
      let shift = 0, value = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        if (d < 0) return lines;
        value += (d & 31) << shift;
        if (d & 32) { shift += 5; continue; }
        v.push(value & 1 ? -(value >>> 1) : value >>> 1);
        shift = 0;
        value = 0;
      }
      genCol += v[0];
      if (v.length >= 4) {
        src += v[1]; line += v[2]; col += v[3];
        segs.push({ genCol, src, line, col });
      }
    }
    lines.push(segs);
  }
  return lines;
}

interface PlainMap { version: number; sources: string[]; mappings: string; sourceRoot?: string }
interface IndexMap { version: number; sections: { offset: { line: number; column: number }; map: PlainMap | IndexMap }[] }

/** Where a 0-based generated line and column came from, or null. */
export function sourceLookup(mapText: string | object, line: number, column: number): SourcePosition | null {
  let map: PlainMap | IndexMap;
  try {
    map = typeof mapText === "string" ? JSON.parse(mapText) : (mapText as PlainMap);
  } catch {
    return null;
  }
  if ("sections" in map && Array.isArray(map.sections)) {
    let sec = null;
    for (const s of map.sections) {
      if (s.offset.line < line || (s.offset.line === line && s.offset.column <= column)) sec = s;
    }
    if (!sec) return null;
    const l = line - sec.offset.line;
    return sourceLookup(sec.map, l, l === 0 ? column - sec.offset.column : column);
  }
  const plain = map as PlainMap;
  if (typeof plain.mappings !== "string" || !Array.isArray(plain.sources)) return null;
  const segs = decodeMappings(plain.mappings)[line];
  if (!segs || segs.length === 0) return null;
  let best = segs[0];
  for (const s of segs) if (s.genCol <= column) best = s;
  return { source: (plain.sourceRoot ?? "") + (plain.sources[best.src] ?? "?"), line: best.line + 1, column: best.col + 1 };
}

/** Every mapped position of a source map: 0-based generated line and column, and its origin. */
export interface MappedSegment { genLine: number; genCol: number; source: string; line: number }

export function mapSegments(mapText: string | object, lineBase = 0, colBase = 0): MappedSegment[] {
  let map: PlainMap | IndexMap;
  try {
    map = typeof mapText === "string" ? JSON.parse(mapText) : (mapText as PlainMap);
  } catch {
    return [];
  }
  if ("sections" in map && Array.isArray(map.sections)) {
    return map.sections.flatMap((s) => mapSegments(s.map, lineBase + s.offset.line, s.offset.column));
  }
  const plain = map as PlainMap;
  if (typeof plain.mappings !== "string" || !Array.isArray(plain.sources)) return [];
  const out: MappedSegment[] = [];
  decodeMappings(plain.mappings).forEach((segs, l) => {
    for (const s of segs) {
      out.push({ genLine: lineBase + l, genCol: (l === 0 ? colBase : 0) + s.genCol, source: (plain.sourceRoot ?? "") + (plain.sources[s.src] ?? "?"), line: s.line + 1 });
    }
  });
  return out;
}
