// The builtin commands. Special builtins (POSIX's list) keep their variable assignments and
// end a non-interactive shell on error; the others behave like programs run in the shell.
import type { Executor } from "./exec.js";
import { BreakSignal, ReturnSignal, ExitSignal, ShellError, shellQuote } from "./state.js";
import { writeAll, shError } from "./io.js";
import { evalTest, TestError } from "./test_builtin.js";
import { readSmallFile } from "./users.js";
import { SIGNAL_NAMES, signal, SIG_DFL, SIG_IGN, SIGINT } from "../../../lib/libc/signal.js";
import { chdir, getcwd, execve } from "../../../lib/libc/unistd.js";
import { umask } from "../../../lib/libc/sys/stat.js";
import { errno, strerror } from "../../../lib/libc/errno.js";
import { installInteractiveSigint } from "./interrupt.js";
import { rlimit, times } from "./sys.js";
import { echo, printf, readB } from "./builtins_io.js";
import { signalNumber, killB, jobs, fgbg, wait } from "./builtins_jobs.js";

export type Builtin = (ex: Executor, argv: string[]) => Promise<number>;

export const SPECIAL_BUILTINS = new Set([":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "times", "trap", "unset"]);

const out = (s: string) => writeAll(1, s);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

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

/** dash's ulimit table: option, resource, unit factor, name in -a's listing. */
const ULIMITS: [string, number, number, string][] = [
  ["t", 0, 1, "time(seconds)"], ["f", 1, 512, "file(blocks)"], ["d", 2, 1024, "data(kbytes)"],
  ["s", 3, 1024, "stack(kbytes)"], ["c", 4, 512, "coredump(blocks)"], ["m", 5, 1024, "memory(kbytes)"],
  ["l", 8, 1024, "locked memory(kbytes)"], ["p", 6, 1, "process"], ["n", 7, 1, "nofiles"],
  ["v", 9, 1024, "vmemory(kbytes)"], ["w", 10, 1, "locks"], ["r", 14, 1, "rtprio"],
];

async function ulimit(ex: Executor, argv: string[]): Promise<number> {
  let which: "S" | "H" | "both" = "both", all = false, opt = "f";
  let k = 1;
  for (; k < argv.length && /^-[A-Za-z]+$/.test(argv[k]); k++) {
    for (const c of argv[k].slice(1)) {
      if (c === "H") which = "H";
      else if (c === "S") which = "S";
      else if (c === "a") all = true;
      else if (ULIMITS.some((u) => u[0] === c)) opt = c;
      else { await shError(ex.sh, `ulimit: Illegal option -${c}`); return 2; }
    }
  }
  const show = (v: number, factor: number) => (v === Infinity ? "unlimited" : String(Math.floor(v / factor)));
  const pick = (r: [number, number]) => (which === "H" ? r[1] : r[0]);
  if (all) {
    for (const [, res, factor, name] of ULIMITS) {
      const r = await rlimit(res);
      if (r) await out(`${name.padEnd(20)} ${show(pick(r), factor)}\n`);
    }
    return 0;
  }
  const [, res, factor] = ULIMITS.find((u) => u[0] === opt)!;
  const r = await rlimit(res);
  if (!r) { await shError(ex.sh, `ulimit: ${strerror(errno)}`); return 2; }
  const val = argv[k];
  if (val === undefined) { await out(show(pick(r), factor) + "\n"); return 0; }
  if (val !== "unlimited" && !/^\d+$/.test(val)) { await shError(ex.sh, `ulimit: bad number`); return 2; }
  const n = val === "unlimited" ? Infinity : Number(val) * factor;
  const soft = which !== "H" ? n : r[0], hard = which !== "S" ? n : r[1];
  if ((await rlimit(res, [soft, hard])) === null) { await shError(ex.sh, `ulimit: error setting limit (${strerror(errno)})`); return 2; }
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
