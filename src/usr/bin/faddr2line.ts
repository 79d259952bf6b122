// faddr2line: turn `func+0xOFF/0xLEN` from an oops back into source lines, as the kernel's
// scripts/faddr2line does (usage: faddr2line [--list] <object file> <func+offset>...).
// For a module, the function's length must match the one in the report ("skipping ... due to
// size mismatch" otherwise); the line comes from the module's source map. --list prints the
// source lines around it, the matching one marked with ">".
import { write } from "../../lib/libc/unistd.js";
import { strerror, errno } from "../../lib/libc/errno.js";
import { readFileBytes, bytesToStr, fromUtf8, dirName, pathJoin } from "../lib/common.js";
import { loadSymbols, functionsNamed, lineAt, parseFuncOffset } from "../lib/kosym.js";

const USAGE = "usage: faddr2line [--list] <object file> <func+offset> <func+offset>...\n";

export default async function main(argv: string[]): Promise<number> {
  let args = argv.slice(1);
  let list = false;
  if (args[0] === "-l" || args[0] === "--list") { list = true; args = args.slice(1); }
  if (args.length < 2) { await write(2, USAGE); return 1; }
  const [obj, ...addrs] = args;
  const k = await loadSymbols(obj);
  if (k === "unreadable") { await write(2, `ERROR: ${obj}: ${strerror(errno)}\n`); return 1; }
  if (k === null) { await write(2, `ERROR: ${obj} is not a module object file\n`); return 1; }
  let out = "", status = 0;
  const hex = (n: number) => "0x" + n.toString(16);
  for (const a of addrs) {
    const p = parseFuncOffset(a);
    if (!p) { await write(2, `bad func+offset ${a}\n`); status = 1; continue; }
    const cands = functionsNamed(k, p.name);
    if (!cands.length) { out += `no match for ${a}\n`; status = 1; continue; }
    let found = false;
    for (const f of cands) {
      const len = f.end - f.start;
      if (p.len !== null && p.len !== len) {
        out += `skipping ${p.name} address at ${hex(f.start + p.off)} due to size mismatch (${hex(p.len)} != ${hex(len)})\n`;
        continue;
      }
      if (p.off >= len) {
        out += `skipping ${p.name} address at ${hex(f.start + p.off)} due to offset mismatch (${hex(p.off)} >= ${hex(len)})\n`;
        continue;
      }
      const where = lineAt(k, f.start + p.off);
      out += `${a}:\n${p.name} at ${where ? `${where.source}:${where.line}` : "??:0"}\n`;
      found = true;
      if (list && where) out += await listing(pathJoin(dirName(obj), where.source), where.line);
    }
    if (!found) status = 1;
  }
  await write(1, out);
  return status;
}

/** The source lines around line, as faddr2line --list shows them. */
async function listing(path: string, line: number): Promise<string> {
  const b = await readFileBytes(path);
  if (!b) return "";
  const lines = fromUtf8(bytesToStr(b)).split("\n");
  let s = "";
  for (let l = Math.max(1, line - 5); l <= Math.min(lines.length, line + 5); l++) {
    s += `${l === line ? ">" : " "}${String(l).padStart(4)}< ${lines[l - 1]}\n`;
  }
  return s;
}
