// xargs: build and execute command lines from standard input (GNU findutils: -0 -d -I -n -L -r
// -t -s; exit 123 when a command failed, 124 when one exited 255, 125 killed, 126/127 cannot run).
import { Tool, parseOpts, quote, readFd, bytesToStr, fromUtf8, utf8Bytes } from "../lib/common.js";
import { runCommand } from "../lib/run.js";
import { write } from "../../lib/libc/unistd.js";

const HELP = `Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...
Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.

Mandatory and optional arguments to long options are also
mandatory or optional for the corresponding short option.
  -0, --null                   items are separated by a null, not whitespace;
                                 disables quote and backslash processing and
                                 logical EOF processing
  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,
                                 not by whitespace; disables quote and backslash
                                 processing and logical EOF processing
  -I R                         same as --replace=R
  -i, --replace[=R]            replace R in INITIAL-ARGS with names read
                                 from standard input, split at newlines;
                                 if R is unspecified, assume {}
  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per
                                 command line
  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line
  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;
                                 if this option is not given, COMMAND will be
                                 run at least once
  -s, --max-chars=MAX-CHARS    limit length of command line to MAX-CHARS
  -t, --verbose                print commands before executing them
      --help                   display this help and exit
`;

/** Split input the default way: blanks and newlines separate, quotes and backslashes escape. */
function splitDefault(s: string): string[] | string {
  const out: string[] = [];
  let cur = "", have = false, q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === q) q = null;
      else if (c === "\n") return `unmatched ${q === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`;
      else cur += c;
    } else if (c === "'" || c === '"') { q = c; have = true; }
    else if (c === "\\" && i + 1 < s.length) { cur += s[++i]; have = true; }
    else if (c === " " || c === "\t" || c === "\n") { if (have) out.push(cur); cur = ""; have = false; }
    else { cur += c; have = true; }
  }
  if (q) return `unmatched ${q === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`;
  if (have) out.push(cur);
  return out;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "+0d:I:i::L:n:rs:tx", long: { null: "0", delimiter: "d:", replace: "i::", "max-lines": "L:", "max-args": "n:", "no-run-if-empty": "r", "max-chars": "s:", verbose: "t", exit: "x" } });
  if (typeof p === "number") return p;
  let delim: string | null = null, replace: string | null = null, maxArgs = Infinity, maxLines = 0, noEmpty = false, trace = false;
  for (const [k, v] of p.opts) {
    if (k === "0") delim = "\0";
    else if (k === "d") {
      const m: Record<string, string> = { "\\n": "\n", "\\t": "\t", "\\0": "\0", "\\\\": "\\" };
      delim = m[v] ?? utf8Bytes(v);
      if (delim.length !== 1) { await t.error(`invalid input delimiter specification ${v}: the delimiter must be either a single character or an escape sequence starting with \\.`); return 1; }
    } else if (k === "I" || k === "i") { replace = v || "{}"; maxLines = 1; }
    else if (k === "n" || k === "L" || k === "s") {
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 1) { await t.error(`value ${quote(v)} for -${k} option should be >= 1`); return 1; }
      if (k === "n") maxArgs = n; else if (k === "L") maxLines = n;
    } else if (k === "r") noEmpty = true; else if (k === "t") trace = true;
  }
  const cmd = p.operands.length ? p.operands : ["echo"];
  const input = await readFd(0);
  if (!input) { await t.error(`read error: ${t.errText}`); return 1; }
  const text = bytesToStr(input);
  let items: string[];
  let groups: string[][];
  if (replace !== null || maxLines) {
    const lines = (delim !== null ? text.split(delim) : text.split("\n")).filter((l, i, a) => !(i === a.length - 1 && l === ""));
    const clean = delim !== null ? lines : lines.map((l) => l.replace(/^[ \t]+/, "")).filter((l) => l !== "");
    if (replace !== null) groups = clean.map((l) => [l]);
    else {
      groups = [];
      for (let i = 0; i < clean.length; i += maxLines) {
        const g: string[] = [];
        for (const l of clean.slice(i, i + maxLines)) { const s = splitDefault(l); if (typeof s === "string") { await t.error(s); return 1; } g.push(...s); }
        groups.push(g);
      }
    }
  } else {
    if (delim !== null) {
      items = text.split(delim);
      if (items[items.length - 1] === "") items.pop();
    } else {
      const s = splitDefault(text);
      if (typeof s === "string") { await t.error(s); return 1; }
      items = s;
    }
    groups = [];
    for (let i = 0; i < items.length; i += maxArgs === Infinity ? items.length : maxArgs) groups.push(items.slice(i, i + (maxArgs === Infinity ? items.length : maxArgs)));
  }
  if (!groups.length && !noEmpty && replace === null) groups = [[]];
  let status = 0;
  for (const g of groups) {
    const args = g.map(fromUtf8);
    const full = replace !== null ? cmd.map((a) => a.split(replace!).join(args[0] ?? "")) : [...cmd, ...args];
    if (trace) await write(2, full.join(" ") + "\n");
    const r = await runCommand(t, full);
    if (r === 127 || r === 126) return r;
    if (r === 255) { await t.warn(`${full[0]}: exited with status 255; aborting`); return 124; }
    if (r > 128) { await t.warn(`${full[0]}: terminated by signal ${r - 128}`); return 125; }
    if (r !== 0) status = 123;
  }
  return t.finish(status);
}
