// Tab completion at the interactive prompt, as bash's readline does it: the first word of a
// command completes to builtins, functions and the executables on PATH; any other word, and a
// first word holding a "/", to file names (a directory gets "/", so completion goes on into it).
// The editor inserts what all matches share; a second Tab lists them in columns (listing()).
import { opendir, readdir, closedir } from "../../../lib/libc/dirent.js";
import { stat, newStat, S_ISDIR, S_ISREG } from "../../../lib/libc/sys/stat.js";
import { access } from "../../../lib/libc/unistd_fs.js";
import { X_OK } from "../../../lib/libc/unistd_io.js";
import type { ShellState } from "./state.js";
import { BUILTINS, SPECIAL_BUILTINS } from "./builtins.js";

/** The word before the cursor (from start) and what it may become, sorted. */
export interface Completion { start: number; matches: string[] }

/** Characters that end a word, and after which a new command begins. */
const WORD_BREAK = " \t\n\"'<>=;|&(";
const COMMAND_START = /(^|[;|&(]|\$\(|&&|\|\|)\s*$/;

async function names(dir: string): Promise<string[]> {
  const d = await opendir(dir === "" ? "." : dir);
  if (!d) return [];
  const out: string[] = [];
  for (let e = await readdir(d); e; e = await readdir(d)) if (e.d_name !== "." && e.d_name !== "..") out.push(e.d_name);
  await closedir(d);
  return out;
}

async function isDir(path: string): Promise<boolean> {
  const st = newStat();
  return (await stat(path, st)) === 0 && S_ISDIR(st.st_mode);
}

/** File names completing word ("~/" stands for the home directory when listing). */
async function fileMatches(sh: ShellState, word: string, onlyExecutables: boolean): Promise<string[]> {
  const slash = word.lastIndexOf("/");
  const dir = slash >= 0 ? word.slice(0, slash + 1) : "";
  const base = word.slice(slash + 1);
  const home = sh.get("HOME") ?? "/";
  const real = (p: string) => (p === "~" || p.startsWith("~/") ? home + p.slice(1) : p);
  const out: string[] = [];
  for (const n of await names(real(dir))) {
    if (!n.startsWith(base) || (n.startsWith(".") && !base.startsWith("."))) continue;
    const full = dir + n;
    if (await isDir(real(full))) out.push(full + "/");
    else if (!onlyExecutables || (await access(real(full), X_OK)) === 0) out.push(full);
  }
  return out;
}

/** Commands starting with word: builtins, functions, and executables in PATH's directories. */
async function commandMatches(sh: ShellState, word: string): Promise<string[]> {
  const out = new Set<string>();
  for (const n of [...Object.keys(BUILTINS), ...SPECIAL_BUILTINS, ...sh.funcs.keys()]) if (n.startsWith(word)) out.add(n);
  for (const dir of (sh.get("PATH") ?? "").split(":")) {
    const d = dir || ".";
    for (const n of await names(d)) {
      if (!n.startsWith(word) || out.has(n)) continue;
      const st = newStat();
      if ((await stat(`${d}/${n}`, st)) === 0 && S_ISREG(st.st_mode) && (await access(`${d}/${n}`, X_OK)) === 0) out.add(n);
    }
  }
  return [...out];
}

export async function complete(sh: ShellState, line: string, cur: number): Promise<Completion> {
  let start = cur;
  while (start > 0 && !WORD_BREAK.includes(line[start - 1])) start--;
  const word = line.slice(start, cur);
  const first = COMMAND_START.test(line.slice(0, start));
  const matches = first && !word.includes("/") ? await commandMatches(sh, word) : await fileMatches(sh, word, false);
  return { start, matches: [...new Set(matches)].sort() };
}

/** What all the matches begin with. */
export function commonPrefix(matches: string[]): string {
  if (!matches.length) return "";
  let p = matches[0];
  for (const m of matches) while (!m.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** The matches as readline lists them: their last path component, in columns down then across. */
export function listing(matches: string[], cols: number): string {
  const items = matches.map((m) => {
    const trimmed = m.endsWith("/") ? m.slice(0, -1) : m;
    return trimmed.slice(trimmed.lastIndexOf("/") + 1) + (m.endsWith("/") ? "/" : "");
  });
  const width = Math.max(...items.map((s) => s.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(items.length / perRow);
  let out = "";
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < perRow; c++) {
      const i = c * rows + r;
      if (i < items.length) row.push(items[i]);
    }
    out += row.map((s, k) => (k < row.length - 1 ? s.padEnd(width) : s)).join("") + "\n";
  }
  return out;
}
