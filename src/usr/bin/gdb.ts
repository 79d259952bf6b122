// gdb: a small debugger for the one thing an oops asks of it — where is hello_write+0x35?
// `gdb hello.ko` reads commands from standard input ("(gdb) " prompts); `gdb -batch -ex CMD
// hello.ko` runs the commands given and exits; -q leaves the banner out. Commands:
//   list *(func+0xOFF) | list *0xADDR   "0x.. is in func (file:line)." and ten lines around it
//   info line *(func+0xOFF) | *0xADDR    where the code of that line starts and ends
//   info symbol 0xADDR                    "func + N in section .text"
//   quit
// Addresses are offsets into the module's code, as in an unrelocated module under gdb.
import { write } from "../../lib/libc/unistd.js";
import { strerror, errno } from "../../lib/libc/errno.js";
import { stdin, getline } from "../../lib/libc/stdio.js";
import { readFileBytes, bytesToStr, fromUtf8, dirName, pathJoin } from "../lib/common.js";
import { loadSymbols, functionsNamed, functionOf, lineAt, lineRange, parseFuncOffset, type KoSymbols } from "../lib/kosym.js";

const VERSION = `GNU gdb (Typix) 13.1
Copyright (C) 2023 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
`;

const HELP = `This is the GNU debugger.  Usage:

    gdb [options] [executable-file [core-file or process-id]]
    gdb [options] --args executable-file [inferior-arguments ...]

Selection of debuggee and its files:

  --args             Arguments after executable-file are passed to inferior.
  --core=COREFILE    Analyze the core dump COREFILE.
  --exec=EXECFILE    Use EXECFILE as the executable.
  --pid=PID          Attach to running process PID.
  --directory=DIR    Search for source files in DIR.
  --se=FILE          Use FILE as symbol file and executable file.
  --symbols=SYMFILE  Read symbols from SYMFILE.

Initial commands and command files:

  --command=FILE, -x Execute GDB commands from FILE.
  --eval-command=COMMAND, -ex
                     Execute a single GDB command.
                     May be used multiple times and in conjunction
                     with --command.

Output and user interface control:

  --batch            Exit after processing options.
  --version          Print version information and then exit.
  -q, --quiet, --silent
                     Do not print version number on startup.

Other options:

  --help             Print this message and then exit.

At startup, GDB reads the following early init files and executes their
commands:
   None found.

For more information, type "help" from within GDB, or consult the
GDB manual (available as on-line info or a printed manual).
Report bugs to "<https://www.gnu.org/software/gdb/bugs/>".
`;

const hex = (n: number) => "0x" + n.toString(16);

/** The address of `*(func+0x10)`, `*func+16`, `*0x85`, or an error message. */
function address(k: KoSymbols, expr: string): number | string {
  const e = expr.trim().replace(/^\*\s*/, "").replace(/^\((.*)\)$/, "$1").replace(/\s+/g, "");
  if (/^(0x[0-9a-f]+|\d+)$/i.test(e)) return Number(e);
  const p = parseFuncOffset(e.includes("+") ? e : `${e}+0`);
  if (!p) return `A syntax error in expression, near \`${expr.trim()}'.`;
  const f = functionsNamed(k, p.name)[0];
  if (!f) return `No symbol "${p.name}" in current context.`;
  return f.start + p.off;
}

async function sourceLines(obj: string, source: string): Promise<string[] | null> {
  const b = await readFileBytes(pathJoin(dirName(obj), source));
  return b ? fromUtf8(bytesToStr(b)).split("\n") : null;
}

async function run(k: KoSymbols, obj: string, cmd: string): Promise<string | "quit"> {
  const c = cmd.trim();
  if (c === "") return "";
  if (/^(q|quit)$/.test(c)) return "quit";
  let m = /^(?:l|list)\s+(\*.*)$/.exec(c);
  if (m) {
    const a = address(k, m[1]);
    if (typeof a === "string") return a + "\n";
    const f = functionOf(k, a), where = lineAt(k, a);
    if (!f || !where) return `No line number information available for address ${hex(a)}\n`;
    let out = `${hex(a)} is in ${f.name} (${where.source}:${where.line}).\n`;
    const lines = await sourceLines(obj, where.source);
    const first = Math.max(1, where.line - 5);
    if (!lines) return out + `${first}\t${where.source}: No such file or directory.\n`;
    for (let l = first; l < first + 10 && l <= lines.length; l++) out += `${l}\t${lines[l - 1]}\n`;
    return out;
  }
  m = /^info\s+line\s+(\*.*)$/.exec(c);
  if (m) {
    const a = address(k, m[1]);
    if (typeof a === "string") return a + "\n";
    const f = functionOf(k, a), where = lineAt(k, a), r = lineRange(k, a);
    if (!f || !where || !r) return `No line number information available for address ${hex(a)}\n`;
    const sym = (x: number) => `${hex(x)} <${f.name}${x > f.start ? `+${x - f.start}` : ""}>`;
    return `Line ${where.line} of "${where.source}" starts at address ${sym(r.start)} and ends at ${sym(Math.min(r.end, f.end))}.\n`;
  }
  m = /^info\s+symbol\s+(.+)$/.exec(c);
  if (m) {
    const a = address(k, m[1]);
    if (typeof a === "string") return a + "\n";
    const f = functionOf(k, a);
    if (!f) return `No symbol matches ${m[1].trim()}.\n`;
    return `${f.name}${a > f.start ? ` + ${a - f.start}` : ""} in section .text\n`;
  }
  return `Undefined command: "${c.split(/\s+/)[0]}".  Try "help".\n`;
}

export default async function main(argv: string[]): Promise<number> {
  const cmds: string[] = [];
  let batch = false, quiet = false, obj: string | null = null;
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--version" || a === "-version" || a === "-v") { await write(1, VERSION); return 0; }
    if (a === "--help" || a === "-help" || a === "-h") { await write(1, HELP); return 0; }
    if (a === "-batch" || a === "--batch") { batch = true; quiet = true; }
    else if (a === "-q" || a === "-quiet" || a === "--quiet" || a === "-silent") quiet = true;
    else if (a === "-ex" || a === "--ex" || a === "-eval-command" || a === "--eval-command") cmds.push(args[++i] ?? "");
    else if (a.startsWith("--eval-command=")) cmds.push(a.slice(15));
    else if (obj === null) obj = a;
  }
  if (!quiet) await write(1, VERSION + `Type "show copying" and "show warranty" for details.
This GDB was configured as "x86_64-linux-gnu".
For help, type "help".
`);
  let k: KoSymbols | null = null;
  if (obj !== null) {
    const r = await loadSymbols(obj);
    if (r === "unreadable") await write(2, `${obj}: ${strerror(errno)}.\n`);
    else if (r === null) await write(2, `"${obj}": not in executable format: file format not recognized\n`);
    else { k = r; await write(1, `Reading symbols from ${obj}...\n`); }
  }
  const exec = async (cmd: string): Promise<boolean> => {
    if (k === null && !/^\s*(q|quit)?\s*$/.test(cmd)) {
      await write(2, "No symbol table is loaded.  Use the \"file\" command.\n");
      return true;
    }
    const out = k === null ? "quit" : await run(k, obj!, cmd);
    if (out === "quit") return false;
    await write(1, out);
    return true;
  };
  for (const c of cmds) if (!(await exec(c))) return 0;
  if (batch) return 0;
  for (;;) {
    await write(1, "(gdb) ");
    const line = await getline(stdin);
    if (line === null) { await write(1, "quit\n"); return 0; }
    if (!(await exec(line))) return 0;
  }
}
