// grep: print lines that match patterns (GNU grep: -E -F -G -e -f -i -v -w -x -c -l -L -q -s
// -n -h -H -o -r -R -m, exit status 0/1/2). Patterns are POSIX regular expressions (lib/regex.ts).
import { S_ISDIR } from "../../lib/libc/sys/stat.js";
import { errno, strerror, EISDIR } from "../../lib/libc/errno.js";
import { Tool, parseOpts, readFileBytes, bytesToStr, utf8Bytes, splitLines, pathJoin } from "../lib/common.js";
import { compile, RegexError } from "../lib/regex.js";
import { statOf, lstatOf, listDir } from "../lib/fsops.js";

const HELP = `Usage: grep [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE.
Example: grep -i 'hello world' menu.h main.c
PATTERNS can contain multiple patterns separated by newlines.

Pattern selection and interpretation:
  -E, --extended-regexp     PATTERNS are extended regular expressions
  -F, --fixed-strings       PATTERNS are strings
  -G, --basic-regexp        PATTERNS are basic regular expressions
  -e, --regexp=PATTERNS     use PATTERNS for matching
  -f, --file=FILE           take PATTERNS from FILE
  -i, --ignore-case         ignore case distinctions in patterns and data
  -w, --word-regexp         match only whole words
  -x, --line-regexp         match only whole lines

Miscellaneous:
  -s, --no-messages         suppress error messages
  -v, --invert-match        select non-matching lines
      --help                display this help text and exit

Output control:
  -m, --max-count=NUM       stop after NUM selected lines
  -n, --line-number         print line number with output lines
  -H, --with-filename       print file name with output lines
  -h, --no-filename         suppress the file name prefix on output
  -o, --only-matching       show only nonempty parts of lines that match
  -q, --quiet, --silent     suppress all normal output
  -r, --recursive           search directories recursively
  -R, --dereference-recursive  likewise, but follow all symlinks
  -L, --files-without-match  print only names of FILEs with no selected lines
  -l, --files-with-matches  print only names of FILEs with selected lines
  -c, --count               print only a count of selected lines per FILE

When FILE is '-', read standard input.  With no FILE, read '.' if
recursive, '-' otherwise.  With fewer than two FILEs, assume -h.
Exit status is 0 if any line is selected, 1 otherwise;
if any error occurs and -q is not given, the exit status is 2.
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP, 2);
  const p = await parseOpts(t, argv, { short: "EFGe:f:iywxsvm:nHhoqrRLlcaIz", long: { "extended-regexp": "E", "fixed-strings": "F", "basic-regexp": "G",
    regexp: "e:", file: "f:", "ignore-case": "i", "word-regexp": "w", "line-regexp": "x", "no-messages": "s", "invert-match": "v",
    "max-count": "m:", "line-number": "n", "with-filename": "H", "no-filename": "h", "only-matching": "o", quiet: "q", silent: "q",
    recursive: "r", "dereference-recursive": "R", "files-without-match": "L", "files-with-matches": "l", count: "c", color: "color::", colour: "color::", "null-data": "z" } });
  if (typeof p === "number") return p;
  let mode: "G" | "E" | "F" = "G";
  let patterns: string[] | null = null;
  const o = { i: false, w: false, x: false, s: false, v: false, n: false, o: false, q: false, c: false, l: false, L: false, r: false, R: false };
  let names: boolean | null = null, max = Infinity, z = false;
  for (const [k, v] of p.opts) {
    switch (k) {
      case "E": case "F": case "G": mode = k; break;
      case "e": (patterns ??= []).push(...utf8Bytes(v).split("\n")); break;
      case "f": {
        const b = await readFileBytes(v);
        if (!b) { await t.error(`${v}: ${t.errText}`, 2); return 2; }
        (patterns ??= []).push(...splitLines(bytesToStr(b)).lines);
        break;
      }
      case "y": o.i = true; break;
      case "H": names = true; break;
      case "h": names = false; break;
      case "m": max = Number(v); if (!Number.isInteger(max)) { await t.error("invalid max count", 2); return 2; } break;
      case "z": z = true; break;
      case "color": case "a": case "I": break;
      default: (o as Record<string, boolean>)[k] = true;
    }
  }
  const ops = p.operands;
  if (patterns === null) {
    if (!ops.length) return t.usage();
    patterns = utf8Bytes(ops.shift()!).split("\n");
  }
  const recursive = o.r || o.R;
  let src: string;
  if (mode === "F") src = patterns.map((s) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")).join("|");
  else {
    try {
      src = patterns.map((s) => compile(s, mode === "E", "").source).join("|");
    } catch (e) {
      if (e instanceof RegexError) { await t.error(e.message, 2); return 2; }
      throw e;
    }
  }
  if (o.x) src = `^(?:${src})$`;
  else if (o.w) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  const re = new RegExp(src, (o.i ? "i" : "") + "g");
  const files = ops.length ? ops : [recursive ? "." : "-"];
  const showNames = names ?? (files.length > 1 || recursive);
  let matched = false, errors = false;
  const delim = z ? "\0" : "\n";

  const searchData = (name: string, data: string): void => {
    const { lines } = splitLines(data, delim);
    let count = 0;
    const prefix = showNames ? utf8Bytes(name) + ":" : "";
    for (let i = 0; i < lines.length && count < max; i++) {
      re.lastIndex = 0;
      const hit = re.test(lines[i]);
      if (hit === o.v) continue;
      count++;
      if (o.q || o.c || o.l || o.L) continue;
      const pre = prefix + (o.n ? `${i + 1}:` : "");
      if (o.o && !o.v) {
        re.lastIndex = 0;
        for (const m of lines[i].matchAll(re)) if (m[0] !== "") t.out.raw(pre + m[0] + delim);
      } else t.out.raw(pre + lines[i] + delim);
    }
    if (count) matched = true;
    if (o.c && !o.q) t.out.raw((showNames ? utf8Bytes(name) + ":" : "") + count + "\n");
    if (o.l && count && !o.q) t.out.text(name + "\n");
    if (o.L && !count && !o.q) t.out.text(name + "\n");
  };

  const searchPath = async (path: string, shown: string, top: boolean): Promise<void> => {
    if (path !== "-") {
      const st = top || o.R ? await statOf(path) : await lstatOf(path);
      if (!st) { errors = true; if (!o.s) await t.warn(`${shown}: ${t.errText}`); return; }
      if (S_ISDIR(st.st_mode)) {
        if (!recursive) { errors = true; if (!o.s) await t.warn(`${shown}: ${strerror(EISDIR)}`); return; }
        const list = await listDir(path);
        if (!list) { errors = true; if (!o.s) await t.warn(`${shown}: ${t.errText}`); return; }
        for (const n of list) await searchPath(pathJoin(path, n), shown === "." && !ops.length ? n : pathJoin(shown, n), false);
        return;
      }
      if (!top && (st.st_mode & 0o170000) === 0o120000) return;
    }
    const b = await readFileBytes(path);
    if (!b) { errors = true; if (!o.s) await t.warn(`${shown}: ${strerror(errno)}`); return; }
    searchData(path === "-" ? "(standard input)" : shown, bytesToStr(b));
    await t.out.maybeFlush();
  };
  for (const f of files) {
    await searchPath(f, f, true);
    if (o.q && matched) break;
  }
  const st = await t.finish(0);
  if (st) return 2;
  if (o.q && matched) return 0;
  return errors ? 2 : matched ? 0 : 1;
}
