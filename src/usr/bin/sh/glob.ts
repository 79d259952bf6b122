// Shell patterns: matching (case, ${v%pat}, [[ ]]-free POSIX patterns with * ? [...] [!...]
// [:class:] and backslash escapes) and pathname expansion with opendir/readdir, sorted,
// hidden files only for a pattern starting with a dot.
import { opendir, readdir, closedir } from "../../../lib/libc/dirent.js";
import { lstat, newStat } from "../../../lib/libc/sys/stat.js";

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z", digit: "0-9", alnum: "a-zA-Z0-9", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\f\\v",
  blank: " \\t", punct: "!-\\/:-@\\[-`{-~", xdigit: "0-9A-Fa-f", cntrl: "\\x00-\\x1f\\x7f", print: " -~", graph: "!-~",
};

const reEsc = (c: string) => c.replace(/[\\^$.*+?()[\]{}|\/-]/g, "\\$&");

/** Does the pattern have unescaped glob characters? */
export function hasGlob(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "\\") { i++; continue; }
    if (p[i] === "*" || p[i] === "?") return true;
    if (p[i] === "[" && bracketEnd(p, i) > 0) return true;
  }
  return false;
}

function bracketEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === "!" || p[j] === "^") j++;
  if (p[j] === "]") j++;
  for (; j < p.length; j++) {
    if (p[j] === "[" && p[j + 1] === ":") { const e = p.indexOf(":]", j + 2); if (e > 0) { j = e + 1; continue; } }
    if (p[j] === "\\") { j++; continue; }
    if (p[j] === "]") return j;
  }
  return -1;
}

/** Translate a pattern to a regular expression source (anchoring is the caller's). */
export function patternSource(p: string): string {
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") { i++; re += i < p.length ? reEsc(p[i]) : "\\\\"; continue; }
    if (c === "*") { re += "[\\s\\S]*"; continue; }
    if (c === "?") { re += "[\\s\\S]"; continue; }
    if (c === "[") {
      const e = bracketEnd(p, i);
      if (e < 0) { re += "\\["; continue; }
      let j = i + 1, neg = false, set = "";
      if (p[j] === "!" || p[j] === "^") { neg = true; j++; }
      let first = true;
      for (; j < e; j++, first = false) {
        if (p[j] === "[" && p[j + 1] === ":") {
          const ce = p.indexOf(":]", j + 2);
          set += CLASSES[p.slice(j + 2, ce)] ?? "";
          j = ce + 1;
          continue;
        }
        if (p[j] === "\\") { j++; set += reEsc(p[j]); continue; }
        if (p[j] === "-" && !first && j + 1 < e) { set += "-"; continue; }
        set += reEsc(p[j]);
      }
      re += `[${neg ? "^" : ""}${set}]`;
      i = e;
      continue;
    }
    re += reEsc(c);
  }
  return re;
}

const cache = new Map<string, RegExp>();
/** Does the whole string match the pattern? */
export function matchPattern(p: string, s: string): boolean {
  let re = cache.get(p);
  if (!re) {
    re = new RegExp("^" + patternSource(p) + "$", "u");
    if (cache.size > 500) cache.clear();
    cache.set(p, re);
  }
  return re.test(s);
}

/** Remove pattern escapes (for a pattern used literally). */
export function unescapePattern(p: string): string {
  return p.replace(/\\([\s\S])/g, "$1");
}

async function listDir(dir: string): Promise<string[]> {
  const d = await opendir(dir === "" ? "." : dir);
  if (!d) return [];
  const names: string[] = [];
  for (;;) {
    const e = await readdir(d);
    if (!e) break;
    names.push(e.d_name);
  }
  await closedir(d);
  return names;
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path, newStat())) === 0;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Pathname expansion of a pattern: the sorted matches, or [] when nothing matches. */
export async function globPaths(pattern: string): Promise<string[]> {
  const abs = pattern.startsWith("/");
  const parts = pattern.split("/").filter((x, i) => x !== "" || i === 0);
  let bases = [abs ? "/" : ""];
  if (abs) parts.shift();
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const last = k === parts.length - 1;
    const next: string[] = [];
    for (const base of bases) {
      if (!hasGlob(part)) {
        const p = base + unescapePattern(part);
        if (last ? await exists(p) : true) next.push(last ? p : p + "/");
        continue;
      }
      const names = (await listDir(base)).sort(cmp);
      for (const name of names) {
        if (name === "." || name === "..") { if (!part.startsWith(".") && !part.startsWith("\\.")) continue; }
        if (name.startsWith(".") && !part.startsWith(".") && !part.startsWith("\\.")) continue;
        if (!matchPattern(part, name)) continue;
        next.push(last ? base + name : base + name + "/");
      }
    }
    bases = next;
    if (!bases.length) return [];
  }
  // Non-final components were taken on faith; keep only paths that exist.
  const out: string[] = [];
  for (const b of bases) if (await exists(b.replace(/\/$/, "") || "/")) out.push(pattern.endsWith("/") && !b.endsWith("/") ? b + "/" : b);
  return out;
}
