// test and [: POSIX test expressions (file tests, string and integer comparisons, ! -a -o and
// parentheses), evaluated by recursive descent with the POSIX rules for 1 to 4 arguments.
import { stat, lstat, newStat, type Stat } from "../../../lib/libc/sys/stat.js";
import { access, isatty, R_OK, W_OK, X_OK } from "../../../lib/libc/unistd.js";

export class TestError extends Error {}

const UNARY = new Set(["-e", "-f", "-d", "-r", "-w", "-x", "-s", "-L", "-h", "-b", "-c", "-p", "-S", "-n", "-z", "-t", "-g", "-u", "-k", "-O", "-G"]);
const BINARY = new Set(["=", "!=", "==", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "<", ">"]);

function int(s: string): bigint {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new TestError(`Illegal number: ${s}`);
  return BigInt(t);
}

async function fileTest(op: string, path: string): Promise<boolean> {
  const st: Stat = newStat();
  if (op === "-L" || op === "-h") return (await lstat(path, st)) === 0 && (st.st_mode & 0o170000) === 0o120000;
  if (op === "-t") return /^\d+$/.test(path) && (await isatty(Number(path))) === 1;
  if (op === "-r" || op === "-w" || op === "-x") return (await access(path, op === "-r" ? R_OK : op === "-w" ? W_OK : X_OK)) === 0;
  if ((await stat(path, st)) !== 0) return false;
  const type = st.st_mode & 0o170000;
  switch (op) {
    case "-e": return true;
    case "-f": return type === 0o100000;
    case "-d": return type === 0o040000;
    case "-b": return type === 0o060000;
    case "-c": return type === 0o020000;
    case "-p": return type === 0o010000;
    case "-S": return type === 0o140000;
    case "-s": return st.st_size > 0;
    case "-g": return (st.st_mode & 0o2000) !== 0;
    case "-u": return (st.st_mode & 0o4000) !== 0;
    case "-k": return (st.st_mode & 0o1000) !== 0;
  }
  return false;
}

async function unary(op: string, a: string): Promise<boolean> {
  if (op === "-n") return a !== "";
  if (op === "-z") return a === "";
  return fileTest(op, a);
}

async function binary(a: string, op: string, b: string): Promise<boolean> {
  switch (op) {
    case "=": case "==": return a === b;
    case "!=": return a !== b;
    case "<": return a < b;
    case ">": return a > b;
    case "-eq": return int(a) === int(b);
    case "-ne": return int(a) !== int(b);
    case "-lt": return int(a) < int(b);
    case "-le": return int(a) <= int(b);
    case "-gt": return int(a) > int(b);
    case "-ge": return int(a) >= int(b);
  }
  const sa = newStat(), sb = newStat();
  const ra = await stat(a, sa), rb = await stat(b, sb);
  const mt = (s: Stat) => s.st_mtim.tv_sec * 1e9 + s.st_mtim.tv_nsec;
  if (op === "-nt") return ra === 0 && (rb !== 0 || mt(sa) > mt(sb));
  if (op === "-ot") return rb === 0 && (ra !== 0 || mt(sa) < mt(sb));
  return ra === 0 && rb === 0 && sa.st_dev === sb.st_dev && sa.st_ino === sb.st_ino;
}

/** Evaluate test's arguments: true, false, or TestError for a syntax error. */
export async function evalTest(args: string[]): Promise<boolean> {
  let p = 0;
  const more = () => p < args.length;
  async function primary(): Promise<boolean> {
    if (!more()) throw new TestError("argument expected");
    const a = args[p];
    if (a === "!") { p++; return !(await primary()); }
    if (a === "(" && args.length - p > 1) {
      // "( x )" where x may be an operand
      p++;
      const v = await orExpr();
      if (args[p] !== ")") throw new TestError(`closing paren expected`);
      p++;
      return v;
    }
    if (p + 2 < args.length + 0 && BINARY.has(args[p + 1]) && p + 2 < args.length) {
      const r = await binary(a, args[p + 1], args[p + 2]);
      p += 3;
      return r;
    }
    if (UNARY.has(a) && p + 1 < args.length) {
      p += 2;
      return unary(a, args[p - 1]);
    }
    p++;
    return a !== "";
  }
  async function andExpr(): Promise<boolean> {
    let v = await primary();
    while (args[p] === "-a") { p++; const r = await primary(); v = v && r; }
    return v;
  }
  async function orExpr(): Promise<boolean> {
    let v = await andExpr();
    while (args[p] === "-o") { p++; const r = await andExpr(); v = v || r; }
    return v;
  }
  // POSIX's rules by argument count.
  const n = args.length;
  if (n === 0) return false;
  if (n === 1) return args[0] !== "";
  if (n === 2) {
    if (args[0] === "!") return args[1] === "";
    if (UNARY.has(args[0])) return unary(args[0], args[1]);
    throw new TestError(`${args[0]}: unexpected operator`);
  }
  if (n === 3 && BINARY.has(args[1])) return binary(args[0], args[1], args[2]);
  if (n === 3 && args[0] === "!") return !(await evalTest(args.slice(1)));
  if (n === 3 && args[0] === "(" && args[2] === ")") return args[1] !== "";
  if (n === 4 && args[0] === "!") return !(await evalTest(args.slice(1)));
  const v = await orExpr();
  if (more()) throw new TestError(`${args[p]}: unexpected operator`);
  return v;
}
