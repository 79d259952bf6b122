// The builtin commands. Special builtins (POSIX's list) keep their variable assignments and
// end a non-interactive shell on error; the others behave like programs run in the shell.
import type { Executor } from "./exec.js";
import { BreakSignal, ReturnSignal, ExitSignal, ShellError, shellQuote } from "./state.js";
import { writeAll, shError } from "./io.js";
import { evalTest, TestError } from "./test_builtin.js";
import { jobState, statusOf } from "./jobs.js";
import { readSmallFile } from "./users.js";
import { kill, SIGNAL_NAMES, signal, SIG_DFL, SIG_IGN, SIGCONT, SIGTERM, SIGINT } from "../../../lib/libc/signal.js";
import { chdir, getcwd, read, execve, tcsetpgrp, getpgrp } from "../../../lib/libc/unistd.js";
import { umask } from "../../../lib/libc/sys/stat.js";
import { errno, strerror, EINTR } from "../../../lib/libc/errno.js";
import { checkInterrupt, installInteractiveSigint } from "./interrupt.js";
import { formatSpec, type Spec } from "../../../lib/libc/stdio_printf.js";
import { rlimit, times } from "./sys.js";

export type Builtin = (ex: Executor, argv: string[]) => Promise<number>;

export const SPECIAL_BUILTINS = new Set([":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "times", "trap", "unset"]);

const out = (s: string) => writeAll(1, s);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function signalNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const n = s.toUpperCase().replace(/^SIG/, "");
  if (n === "EXIT") return 0;
  const i = SIGNAL_NAMES.indexOf("SIG" + n);
  return i > 0 ? i : -1;
}

function echoEscapes(s: string): { text: string; stop: boolean } {
  let text = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "\\" || i + 1 >= s.length) { text += s[i]; continue; }
    const c = s[++i];
    switch (c) {
      case "a": text += "\x07"; break; case "b": text += "\b"; break; case "f": text += "\f"; break;
      case "n": text += "\n"; break; case "r": text += "\r"; break; case "t": text += "\t"; break;
      case "v": text += "\v"; break; case "\\": text += "\\"; break;
      case "c": return { text, stop: true };
      case "0": {
        let j = i + 1, v = 0;
        while (j < s.length && j < i + 4 && /[0-7]/.test(s[j])) v = v * 8 + Number(s[j++]);
        text += String.fromCharCode(v & 0xff);
        i = j - 1;
        break;
      }
      default: text += "\\" + c;
    }
  }
  return { text, stop: false };
}

async function echo(_ex: Executor, argv: string[]): Promise<number> {
  let args = argv.slice(1), nl = true;
  if (args[0] === "-n") { nl = false; args = args.slice(1); }
  let s = "";
  for (let k = 0; k < args.length; k++) {
    const r = echoEscapes(args[k]);
    s += (k ? " " : "") + r.text;
    if (r.stop) { nl = false; break; }
  }
  return (await out(s + (nl ? "\n" : ""))) ? 0 : 1;
}

async function printf(ex: Executor, argv: string[]): Promise<number> {
  if (argv.length < 2) { await writeAll(2, "printf: usage: printf format [arg ...]\n"); return 2; }
  const fmt = argv[1];
  const args = argv.slice(2);
  let k = 0, status = 0, text = "";
  const next = () => (k < args.length ? args[k++] : undefined);
  const num = (s: string | undefined, float: boolean): number | bigint => {
    if (s === undefined || s === "") return float ? 0 : 0n;
    if (/^['"]/.test(s)) return float ? s.codePointAt(1) ?? 0 : BigInt(s.codePointAt(1) ?? 0);
    if (float) { const v = Number(s); if (Number.isNaN(v)) { void shError(ex.sh, `printf: ${s}: expected numeric value`); status = 1; return 0; } return v; }
    const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|\d+)/.exec(s);
    if (!m || m[0].length !== s.length) { void shError(ex.sh, `printf: ${s}: expected numeric value`); status = 1; if (!m) return 0n; }
    const b = m![2];
    const v = /^0[xX]/.test(b) ? BigInt(b) : b.length > 1 && b[0] === "0" ? BigInt("0o" + b.slice(1)) : BigInt(b);
    return m![1] === "-" ? -v : v;
  };
  const re = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXeEfFgGaAcsb%])|\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)?/g;
  for (;;) {
    const consumedBefore = k;
    let stop = false;
    re.lastIndex = 0;
    let last = 0;
    for (let m: RegExpExecArray | null; (m = re.exec(fmt)); ) {
      text += fmt.slice(last, m.index);
      last = re.lastIndex;
      if (m[0][0] === "\\") {
        const e = m[5] ?? "";
        if (e === "c") { stop = true; break; }
        text += /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8) & 0xff) : e[0] === "x" ? String.fromCharCode(parseInt(e.slice(1), 16)) : echoEscapes("\\" + e).text;
        continue;
      }
      const [, flags, w, prec, conv] = m;
      if (conv === "%") { text += "%"; continue; }
      const spec: Spec = { flags, width: null, precision: null, length: "l", conv };
      if (w !== undefined) { const v = w === "*" ? Number(num(next(), false)) : Number(w); if (v < 0) { spec.flags += "-"; spec.width = -v; } else spec.width = v; }
      if (prec !== undefined) spec.precision = prec === "*" ? Number(num(next(), false)) : Number(prec || 0);
      const a = next();
      if (conv === "b") {
        const r = echoEscapes(a ?? "");
        text += formatSpec({ ...spec, conv: "s", length: "" }, r.text);
        if (r.stop) { stop = true; break; }
        continue;
      }
      if (conv === "s") { text += formatSpec({ ...spec, length: "" }, a ?? ""); continue; }
      if (conv === "c") { text += formatSpec({ ...spec, length: "" }, (a ?? "")[0] ?? "\0"); continue; }
      text += formatSpec(spec, num(a, "eEfFgGaA".includes(conv)));
    }
    if (!stop) text += fmt.slice(last);
    if (stop || k >= args.length || k === consumedBefore) break;
  }
  await writeAll(1, latin1(text));
  return status;
}

/** printf's output is a byte string for numeric conversions; other text is JavaScript text. */
function latin1(s: string): Uint8Array | string {
  return s;
}

async function cd(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  let args = argv.slice(1);
  while (args[0] === "-L" || args[0] === "-P") args = args.slice(1);
  if (args[0] === "--") args = args.slice(1);
  let dir = args[0];
  let print = false;
  if (dir === undefined) {
    dir = sh.get("HOME") ?? "";
    if (!dir) { await shError(sh, "cd: HOME not set"); return 2; }
  } else if (dir === "-") {
    dir = sh.get("OLDPWD") ?? "";
    if (!dir) { await shError(sh, "cd: OLDPWD not set"); return 2; }
    print = true;
  }
  const pwd = sh.get("PWD") ?? ((await getcwd()) ?? "/");
  const target = normalize(dir.startsWith("/") ? dir : pwd + "/" + dir);
  if ((await chdir(target)) < 0 && (await chdir(dir)) < 0) {
    await shError(sh, `cd: can't cd to ${args[0] ?? dir}`);
    return 2;
  }
  sh.set("OLDPWD", pwd);
  sh.set("PWD", target);
  if (print) await out(target + "\n");
  return 0;
}

export function normalize(p: string): string {
  const parts: string[] = [];
  for (const c of p.split("/")) {
    if (c === "" || c === ".") continue;
    if (c === "..") parts.pop(); else parts.push(c);
  }
  return "/" + parts.join("/");
}

async function pwd(ex: Executor, argv: string[]): Promise<number> {
  const p = argv.includes("-P") ? await getcwd() : ex.sh.get("PWD") ?? (await getcwd());
  if (p === null) { await shError(ex.sh, `pwd: ${strerror(errno)}`); return 2; }
  await out(p + "\n");
  return 0;
}

function exportLike(kind: "export" | "readonly"): Builtin {
  return async (ex, argv) => {
    const sh = ex.sh;
    const args = argv.slice(1).filter((a) => a !== "-p");
    if (!args.length) {
      const names = [...sh.vars.keys()].sort();
      let s = "";
      for (const k of names) {
        const v = sh.vars.get(k)!;
        if (kind === "export" ? v.exported : v.readonly) s += `${kind} ${k}${v.value === undefined ? "" : "=" + shellQuote(v.value)}\n`;
      }
      await out(s);
      return 0;
    }
    for (const a of args) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME.test(name)) { await shError(sh, `${kind}: ${name}: bad variable name`); throw new ShellError(2); }
      if (eq >= 0 && !sh.set(name, a.slice(eq + 1))) { await shError(sh, `${kind}: ${name}: is read only`); throw new ShellError(2); }
      let v = sh.vars.get(name);
      if (!v) { v = { value: undefined, exported: false, readonly: false }; sh.vars.set(name, v); }
      if (kind === "export") v.exported = true; else v.readonly = true;
    }
    return 0;
  };
}

const OPTION_NAMES: Record<string, keyof ShellOpts> = {
  errexit: "e", nounset: "u", xtrace: "x", noglob: "f", noexec: "n", monitor: "m", verbose: "v", noclobber: "C", allexport: "a",
};
type ShellOpts = Executor["sh"]["opts"];

async function set(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  const args = argv.slice(1);
  if (!args.length) {
    const s = [...sh.vars.keys()].sort().filter((k) => sh.vars.get(k)!.value !== undefined)
      .map((k) => `${k}=${shellQuote(sh.vars.get(k)!.value!)}\n`).join("");
    await out(s);
    return 0;
  }
  let k = 0;
  for (; k < args.length; k++) {
    const a = args[k];
    if (a === "--") { k++; sh.positional = args.slice(k); return 0; }
    if (a === "-" ) { sh.opts.x = false; sh.opts.v = false; k++; break; }
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === "-";
    if (a.slice(1) === "o") {
      const name = args[++k];
      if (name === undefined) {
        await out(Object.entries(OPTION_NAMES).map(([n, c]) => `${n.padEnd(16)}${sh.opts[c] ? "on" : "off"}\n`).join(""));
        continue;
      }
      const c = OPTION_NAMES[name];
      if (!c) { await shError(sh, `set: Illegal option -o ${name}`); throw new ShellError(2); }
      sh.opts[c] = on;
      continue;
    }
    for (const c of a.slice(1)) {
      if (!"euxfnmvCa".includes(c)) { await shError(sh, `set: Illegal option ${a[0]}${c}`); throw new ShellError(2); }
      sh.opts[c as keyof ShellOpts] = on;
    }
  }
  if (k < args.length) sh.positional = args.slice(k);
  return 0;
}

async function shift(ex: Executor, argv: string[]): Promise<number> {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0 || n > ex.sh.positional.length) {
    await shError(ex.sh, `shift: can't shift that many`);
    throw new ShellError(2);
  }
  ex.sh.positional = ex.sh.positional.slice(n);
  return 0;
}

async function numArg(ex: Executor, name: string, s: string | undefined, dflt: number): Promise<number> {
  if (s === undefined) return dflt;
  if (!/^\d+$/.test(s)) { await shError(ex.sh, `${name}: Illegal number: ${s}`); throw new ShellError(2); }
  return Number(s);
}

async function loopCtl(ex: Executor, argv: string[]): Promise<number> {
  const n = await numArg(ex, argv[0], argv[1], 1);
  if (n === 0) { await shError(ex.sh, `${argv[0]}: Illegal number: 0`); throw new ShellError(2); }
  if (ex.sh.loopDepth === 0) return 0;
  throw new BreakSignal(Math.min(n, ex.sh.loopDepth), argv[0] === "continue");
}

async function dot(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  const file = argv[1];
  if (file === undefined) return 0;
  let path: string | null = file;
  if (!file.includes("/")) path = (await ex.findCommandAny(file)) ?? file;
  const text = await readSmallFile(path);
  if (text === null) { await shError(sh, `.: cannot open ${file}: No such file`); throw new ShellError(2); }
  const savedPos = sh.positional;
  if (argv.length > 2) sh.positional = argv.slice(2);
  const savedLine = sh.lineno;
  try {
    return await sh.evalText(text, 1);
  } finally {
    if (argv.length > 2) sh.positional = savedPos;
    sh.lineno = savedLine;
  }
}

async function exec(ex: Executor, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  if (args[0] === "--") args.shift();
  if (!args.length) return 0;
  const sh = ex.sh;
  const path = await ex.findCommand(args[0]);
  if (path === null) { await shError(sh, `exec: ${args[0]}: not found`); throw new ExitSignal(127); }
  await execve(path, args, sh.environ());
  await shError(sh, `exec: ${args[0]}: ${strerror(errno)}`);
  throw new ExitSignal(126);
}

async function readB(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  let raw = false, prompt = "";
  let args = argv.slice(1);
  while (args.length && args[0].startsWith("-") && args[0] !== "-" && args[0] !== "--") {
    const a = args.shift()!;
    if (a === "-r") raw = true;
    else if (a === "-p") prompt = args.shift() ?? "";
    else { await shError(sh, `read: Illegal option ${a}`); return 2; }
  }
  if (args[0] === "--") args = args.slice(1);
  if (!args.length) args = ["REPLY"];
  if (prompt) await writeAll(2, prompt);
  const bytes: number[] = [];
  const quotedAt = new Set<number>();
  const b = new Uint8Array(1);
  let eof = false;
  // A byte at a time, so that what follows the line stays for the next reader. ^C in an
  // interactive shell abandons the command line.
  const getc = async (): Promise<number> => {
    for (;;) {
      const n = await read(0, b);
      if (n > 0) return b[0];
      if (n < 0 && errno === EINTR) { checkInterrupt(sh); continue; }
      return -1;
    }
  };
  for (;;) {
    const c = await getc();
    if (c < 0) { eof = true; break; }
    if (c === 0x0a) break;
    if (c === 0x5c && !raw) {
      if ((await getc()) < 0) { eof = true; break; }
      if (b[0] === 0x0a) continue;
      quotedAt.add(bytes.length);
      bytes.push(b[0]);
      continue;
    }
    bytes.push(c);
  }
  const line = new TextDecoder().decode(new Uint8Array(bytes));
  // Field splitting: the last variable takes the rest (without trailing IFS whitespace).
  const ifs = sh.get("IFS") ?? " \t\n";
  const isWs = (ch: string) => ifs.includes(ch) && " \t\n".includes(ch);
  const isSep = (ch: string, i: number) => ifs.includes(ch) && !quotedAt.has(i);
  let i = 0;
  const chars = [...line];
  const skipWs = () => { while (i < chars.length && isWs(chars[i]) && !quotedAt.has(i)) i++; };
  skipWs();
  for (let v = 0; v < args.length; v++) {
    let val = "";
    if (v === args.length - 1) {
      val = chars.slice(i).join("");
      let e = chars.length;
      while (e > i && isWs(chars[e - 1]) && !quotedAt.has(e - 1)) e--;
      val = chars.slice(i, e).join("");
      i = chars.length;
    } else {
      while (i < chars.length && !isSep(chars[i], i)) val += chars[i++];
      if (i < chars.length && !isWs(chars[i])) { i++; }
      skipWs();
      if (i < chars.length && ifs.includes(chars[i]) && !isWs(chars[i]) && !quotedAt.has(i)) { i++; skipWs(); }
    }
    if (!sh.set(args[v], val)) { await shError(sh, `read: ${args[v]}: is read only`); return 2; }
  }
  return eof ? 1 : 0;
}

async function trap(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  const args = argv.slice(1);
  if (args[0] === "--") args.shift();
  if (!args.length) {
    let s = "";
    for (const [k, v] of sh.traps) s += `trap -- ${shellQuote(v)} ${k === "0" ? "EXIT" : (SIGNAL_NAMES[Number(k)] ?? k).replace(/^SIG/, "")}\n`;
    await out(s);
    return 0;
  }
  let action: string | null = args[0];
  let sigs = args.slice(1);
  if (/^\d+$/.test(action) || args.length === 1) { sigs = args; action = null; }
  if (action === "-") action = null;
  let st = 0;
  for (const s of sigs) {
    const n = signalNumber(s);
    if (n < 0 || n >= 65) { await shError(sh, `trap: ${s}: bad trap`); st = 1; continue; }
    if (action === null) {
      sh.traps.delete(String(n));
      if (n === SIGINT && sh.interactive) await installInteractiveSigint(sh);
      else if (n) await signal(n, sh.interactive && [2, 3, 20, 21, 22].includes(n) ? SIG_IGN : SIG_DFL);
    } else {
      sh.traps.set(String(n), action);
      if (n) await signal(n, action === "" ? SIG_IGN : (sig: number) => { ex.pendingSignals.push(sig); });
    }
  }
  return st;
}

async function killB(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  let args = argv.slice(1);
  let sig = SIGTERM;
  if (args[0] === "-l" || args[0] === "-L") {
    if (args.length > 1) {
      for (const a of args.slice(1)) {
        const n = Number(a);
        const num = n > 128 ? n - 128 : n;
        if (/^\d+$/.test(a)) await out((SIGNAL_NAMES[num] ?? String(num)).replace(/^SIG/, "") + "\n");
        else await out(signalNumber(a) + "\n");
      }
      return 0;
    }
    await out(SIGNAL_NAMES.slice(1).map((n) => n.replace(/^SIG/, "")).join("\n") + "\n");
    return 0;
  }
  if (args[0] === "-s") { sig = signalNumber(args[1] ?? ""); args = args.slice(2); }
  else if (args[0]?.startsWith("-") && args[0] !== "--") { sig = signalNumber(args[0].slice(1)); args = args.slice(1); }
  if (args[0] === "--") args = args.slice(1);
  if (sig < 0) { await shError(sh, `kill: invalid signal number or name: ${argv[1]}`); return 2; }
  if (!args.length) { await shError(sh, "kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]"); return 2; }
  let st = 0;
  for (const a of args) {
    let pid: number;
    if (a.startsWith("%")) {
      const j = sh.jobs.find(a);
      if (typeof j === "string") { await shError(sh, `kill: ${j}`); st = 2; continue; }
      pid = j.pgid ? -j.pgid : j.procs[0].pid;
      if (!j.pgid) { for (const p of j.procs) await kill(p.pid, sig); continue; }
    } else if (/^-?\d+$/.test(a)) pid = Number(a);
    else { await shError(sh, `kill: Illegal number: ${a}`); st = 2; continue; }
    if ((await kill(pid, sig)) < 0) { await shError(sh, `kill: ${strerror(errno)}`); st = 2; }
  }
  return st;
}

async function jobs(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  await sh.jobs.reap();
  const withPid = argv.includes("-l");
  const pOnly = argv.includes("-p");
  let s = "";
  for (const j of sh.jobs.ordered()) {
    if (pOnly) { s += j.procs[0].pid + "\n"; continue; }
    s += sh.jobs.format(j, withPid) + "\n";
    j.notified = true;
    if (jobState(j) === "done") sh.jobs.remove(j);
  }
  await out(s);
  return 0;
}

async function fgbg(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  const fg = argv[0] === "fg";
  const j = sh.jobs.find(argv[1] ?? "%+");
  if (typeof j === "string") { await shError(sh, `${argv[0]}: ${j}`); return 2; }
  if (!sh.opts.m && !j.pgid) { await shError(sh, `${argv[0]}: job ${j.id} not created under job control`); return 2; }
  for (const p of j.procs) if (p.state === "stopped") p.state = "running";
  if (!fg) {
    await writeAll(1, `[${j.id}] ${j.text}\n`);
    await kill(-j.pgid, SIGCONT);
    return 0;
  }
  await writeAll(1, j.text + "\n");
  if (sh.interactive) await tcsetpgrp(0, j.pgid);
  await kill(-j.pgid, SIGCONT);
  const pids = j.procs.filter((p) => p.state !== "done").map((p) => p.pid);
  const st = await ex.waitPids(pids, j.pgid, j.text, j);
  if (sh.interactive) await tcsetpgrp(0, await getpgrp());
  return st;
}

async function wait(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  const { wait4, WUNTRACED } = await import("../../../lib/libc/sys/wait.js");
  const waitJob = async (j: ReturnType<typeof sh.jobs.jobs.at> & object): Promise<number> => {
    for (const p of j.procs) {
      if (p.state === "done") continue;
      const st = { value: 0 };
      let r: number;
      do r = await wait4(p.pid, st, sh.opts.m ? WUNTRACED : 0);
      while (r < 0 && errno === EINTR && !sh.interrupted);
      checkInterrupt(sh);
      if (r > 0) sh.jobs.record(p.pid, st.value);
      else { p.state = "done"; p.status = 127 << 8; }
    }
    const last = j.procs[j.procs.length - 1];
    if (!sh.opts.m || !sh.interactive) sh.jobs.remove(j);
    return statusOf(last.status);
  };
  if (argv.length < 2) {
    for (const j of [...sh.jobs.jobs]) await waitJob(j);
    if (sh.opts.m) await sh.jobs.notify();
    sh.jobs.prune();
    return 0;
  }
  let st = 0;
  for (const a of argv.slice(1)) {
    const j = sh.jobs.find(a);
    if (typeof j === "string") { st = 127; continue; }
    st = await waitJob(j);
  }
  return st;
}

async function typeB(ex: Executor, argv: string[]): Promise<number> {
  let st = 0;
  for (const n of argv.slice(1)) {
    const d = await ex.describe(n);
    if (d === null) { await writeAll(1, `${n}: not found\n`); st = 127; }
    else await writeAll(1, `${n} is ${d.text}\n`);
  }
  return st;
}

async function command(ex: Executor, argv: string[]): Promise<number> {
  let args = argv.slice(1);
  let mode = "";
  while (args[0]?.startsWith("-") && args[0] !== "--") {
    const a = args.shift()!;
    if (a.includes("v")) mode = "v";
    if (a.includes("V")) mode = "V";
  }
  if (args[0] === "--") args = args.slice(1);
  if (!args.length) return 0;
  if (mode === "V") return typeB(ex, ["type", ...args]);
  if (mode === "v") {
    let st = 0;
    for (const n of args) {
      const d = await ex.describe(n);
      if (!d) { st = 127; continue; }
      await writeAll(1, (d.kind === "file" ? d.path! : d.kind === "alias" ? `alias ${n}=${shellQuote(ex.sh.aliases.get(n)!)}` : n) + "\n");
    }
    return st;
  }
  return ex.runCommandBypassingFunctions(args);
}

async function alias(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  if (argv.length < 2) {
    await out([...sh.aliases].sort().map(([k, v]) => `${k}=${shellQuote(v)}\n`).join(""));
    return 0;
  }
  let st = 0;
  for (const a of argv.slice(1)) {
    const eq = a.indexOf("=");
    if (eq > 0) sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
    else if (sh.aliases.has(a)) await out(`${a}=${shellQuote(sh.aliases.get(a)!)}\n`);
    else { await shError(sh, `alias: ${a} not found`); st = 1; }
  }
  return st;
}

async function unalias(ex: Executor, argv: string[]): Promise<number> {
  if (argv[1] === "-a") { ex.sh.aliases.clear(); return 0; }
  let st = 0;
  for (const a of argv.slice(1)) if (!ex.sh.aliases.delete(a)) { await shError(ex.sh, `unalias: ${a} not found`); st = 1; }
  return st;
}

async function unset(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  let args = argv.slice(1), fn = false;
  if (args[0] === "-f") { fn = true; args = args.slice(1); } else if (args[0] === "-v") args = args.slice(1);
  for (const a of args) {
    if (fn) { sh.funcs.delete(a); continue; }
    if (!sh.unset(a)) { await shError(sh, `unset: ${a}: is read only`); throw new ShellError(2); }
  }
  return 0;
}

async function umaskB(ex: Executor, argv: string[]): Promise<number> {
  const sym = argv[1] === "-S";
  const arg = sym ? argv[2] : argv[1];
  if (arg === undefined) {
    const m = await umask(0);
    await umask(m);
    if (sym) {
      const p = (sh: number) => { const b = 7 & ~(m >> sh); return (b & 4 ? "r" : "") + (b & 2 ? "w" : "") + (b & 1 ? "x" : ""); };
      await out(`u=${p(6)},g=${p(3)},o=${p(0)}\n`);
    } else await out(m.toString(8).padStart(4, "0") + "\n");
    return 0;
  }
  if (!/^[0-7]+$/.test(arg)) { await shError(ex.sh, `umask: Illegal number: ${arg}`); return 2; }
  await umask(parseInt(arg, 8));
  return 0;
}

async function ulimit(ex: Executor, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  const val = args.find((a) => !a.startsWith("-"));
  const r = await rlimit(7 /* RLIMIT_NOFILE */);
  if (!r) { await shError(ex.sh, `ulimit: ${strerror(errno)}`); return 2; }
  if (val === undefined) { await out((r[0] === Infinity ? "unlimited" : String(r[0])) + "\n"); return 0; }
  const n = val === "unlimited" ? Infinity : Number(val);
  const hard = args.includes("-H"), soft = args.includes("-S") || !hard;
  if ((await rlimit(7, [soft ? n : r[0], hard ? n : r[1]])) === null) { await shError(ex.sh, `ulimit: error setting limit (${strerror(errno)})`); return 2; }
  return 0;
}

async function timesB(): Promise<number> {
  const t = await times();
  const f = (ticks: number) => { const s = ticks / 100; return `${Math.floor(s / 60)}m${(s % 60).toFixed(6)}s`; };
  const v = t ?? [0, 0, 0, 0];
  await out(`${f(v[0])} ${f(v[1])}\n${f(v[2])} ${f(v[3])}\n`);
  return 0;
}

async function local(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  if (!sh.locals.length) { await shError(sh, "local: not in a function"); return 2; }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf("=");
    const name = eq < 0 ? a : a.slice(0, eq);
    if (name === "-") continue;
    if (!NAME.test(name)) { await shError(sh, `local: ${name}: bad variable name`); return 2; }
    sh.makeLocal(name);
    if (eq >= 0) sh.set(name, a.slice(eq + 1));
  }
  return 0;
}

async function test(ex: Executor, argv: string[]): Promise<number> {
  let args = argv.slice(1);
  if (argv[0] === "[") {
    if (args[args.length - 1] !== "]") { await shError(ex.sh, "[: missing ]"); return 2; }
    args = args.slice(0, -1);
  }
  try {
    return (await evalTest(args)) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) { await shError(ex.sh, `${argv[0]}: ${e.message}`); return 2; }
    throw e;
  }
}

export const BUILTINS: Record<string, Builtin> = {
  ":": async () => 0,
  true: async () => 0,
  false: async () => 1,
  ".": dot,
  source: dot,
  break: loopCtl,
  continue: loopCtl,
  eval: async (ex, argv) => (argv.length > 1 ? ex.sh.evalText(argv.slice(1).join(" ")) : 0),
  exec,
  exit: async (ex, argv) => { throw new ExitSignal((await numArg(ex, "exit", argv[1], ex.sh.status)) & 0xff); },
  return: async (ex, argv) => { throw new ReturnSignal((await numArg(ex, "return", argv[1], ex.sh.status)) & 0xff); },
  export: exportLike("export"),
  readonly: exportLike("readonly"),
  set,
  shift,
  times: timesB,
  trap,
  unset,
  echo,
  printf,
  cd,
  pwd,
  read: readB,
  test,
  "[": test,
  umask: umaskB,
  ulimit,
  wait,
  jobs,
  fg: fgbg,
  bg: fgbg,
  kill: killB,
  type: typeB,
  command,
  alias,
  unalias,
  local,
};
