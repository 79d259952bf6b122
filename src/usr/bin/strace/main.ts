// strace: trace the system calls and signals of a command or of running processes, as
// strace(1) prints them. Built on ptrace(2): the child is started with vfork, PTRACE_TRACEME
// and execve (its first stop is the SIGTRAP that follows the execve), or seized with
// PTRACE_SEIZE and PTRACE_INTERRUPT (-p); then every stop is collected with wait4 and the
// tracee resumed with PTRACE_SYSCALL (PTRACE_LISTEN for a seized tracee's group-stop).
// SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGPIPE make strace detach from every tracee
// ("Process N detached") and die of the same signal, as strace's default -I2 does; with
// -o FILE and a command they are blocked (-I3): the command gets them, strace reports it.
// Options: -f -c -o FILE -s N -e trace=... -e signal=... -p PID.
import { write, vfork, _exit, access, getpid, X_OK } from "../../../lib/libc/unistd.js";
import { open, O_WRONLY, O_CREAT, O_TRUNC, O_CLOEXEC } from "../../../lib/libc/fcntl.js";
import { wait4, WIFEXITED, WIFSIGNALED, WIFSTOPPED, WEXITSTATUS, WTERMSIG, WSTOPSIG, WCOREDUMP } from "../../../lib/libc/sys/wait.js";
import { errno, strerror, ENOENT, EINTR, ESRCH } from "../../../lib/libc/errno.js";
import { syscall, __NR_execve } from "../../../lib/libc/sys/syscall.js";
import { malloc } from "../../../lib/libc/stdlib.js";
import {
  kill, signal, sigaction, sigprocmask, sigset, SIG_DFL, SIG_BLOCK, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCONT,
} from "../../../lib/libc/signal.js";
import { clock_gettime, CLOCK_MONOTONIC } from "../../../lib/libc/time.js";
import { bytes, view, encode } from "../../../lib/libc/internal/mem.js";
import {
  ptrace, ptrace_getregs, ptrace_getsiginfo, ptrace_geteventmsg, PTRACE_TRACEME, PTRACE_SYSCALL, PTRACE_SETOPTIONS,
  PTRACE_SEIZE, PTRACE_INTERRUPT, PTRACE_LISTEN, PTRACE_DETACH, PTRACE_CONT, PTRACE_O_TRACESYSGOOD, PTRACE_O_TRACEEXEC,
  PTRACE_O_TRACEVFORK, PTRACE_O_TRACEFORK, PTRACE_O_TRACECLONE, PTRACE_EVENT_VFORK, PTRACE_EVENT_FORK,
  PTRACE_EVENT_CLONE, PTRACE_EVENT_STOP,
} from "../../../lib/libc/sys/ptrace.js";
import { Printer } from "./printer.js";
import { parseExpr, SYSCALL_NAMES, type Filter } from "./filter.js";
import { summaryTable, type Count } from "./summary.js";
import { opts, quoteBytes, hex, errorReturn } from "./format.js";
import { fsDecoders } from "./decode_fs.js";
import { procDecoders, sigName } from "./decode_proc.js";
import { ioDecoders } from "./decode_io.js";
import { sysDecoders } from "./decode_sys.js";
import { varsComment, type Call, type Decoder } from "./decode.js";
import { siginfoText } from "./siginfo.js";
import { nargsOf } from "./nargs.js";

const SIGTRAP = 5, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, __WALL = 0x40000000;
/** The signals that end a trace: strace detaches and dies of them. */
const FATAL = [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM];
const isStopSignal = (sig: number) => sig === SIGSTOP || sig === SIGTSTP || sig === SIGTTIN || sig === SIGTTOU;
const DECODERS: Record<string, Decoder> = { ...fsDecoders, ...procDecoders, ...ioDecoders, ...sysDecoders };
/** Calls that never return when they succeed. */
const NO_RETURN = new Set(["exit", "exit_group"]);

interface Tracee {
  pid: number;
  /** Attached with PTRACE_SEIZE (-p, and the children of such): it can be interrupted. */
  seized: boolean;
  /** Waiting for its first stop (SIGSTOP of a new or attached process). */
  startup: boolean;
  call: Call | null;
  shown: boolean;
  since: number;
  /**
   * The call before the current one, which restart_syscall resumes. Until one is seen it names
   * call 0, read, as strace 6 prints for a process attached in the middle of a sleep.
   */
  prev: string;
}

const USAGE = "Usage: strace [-cf] [-e EXPR]... [-o FILE] [-s STRSIZE] [-p PID]... PROG [ARGS]\n";

async function die(msg: string, code = 1): Promise<never> {
  await write(2, `strace: ${msg}\n`);
  return _exit(code);
}

/** The monotonic clock in seconds. Awaited like every call: the trap may preempt strace there. */
async function now(): Promise<number> {
  const ts = { tv_sec: 0, tv_nsec: 0 };
  await clock_gettime(CLOCK_MONOTONIC, ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/** The program's path as strace resolves it: as given with a '/', else searched in PATH. */
async function findProgram(name: string, envp: string[]): Promise<string | null> {
  if (name.includes("/")) return (await access(name, 0)) === 0 ? name : null;
  const pathVar = envp.find((e) => e.startsWith("PATH="))?.slice(5) ?? "/usr/local/bin:/usr/bin:/bin";
  for (const dir of pathVar.split(":")) {
    const p = `${dir || "."}/${name}`;
    if ((await access(p, X_OK)) === 0) return p;
  }
  return null;
}

/** Copy strings into our memory as a NULL-terminated array (the child shares it until execve). */
async function cArray(list: string[]): Promise<number> {
  const arr = await malloc((list.length + 1) * 8);
  for (let i = 0; i < list.length; i++) {
    const b = encode(list[i]);
    const p = await malloc(b.length + 1);
    bytes().set(b, p);
    bytes()[p + b.length] = 0;
    view().setBigUint64(arr + i * 8, BigInt(p), true);
  }
  view().setBigUint64(arr + list.length * 8, 0n, true);
  return arr;
}

function quoteArg(s: string): string {
  const b = encode(s);
  return b.length > opts.strsize ? quoteBytes(b.subarray(0, opts.strsize)) + "..." : quoteBytes(b);
}

export default async function main(argv: string[], envp: string[]): Promise<number> {
  let follow = false, count = false, outFile: string | null = null;
  opts.strsize = 32; // the module is shared by every strace process: each starts from the default
  const pids: number[] = [];
  const filter: Filter = { syscalls: null, signals: null };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") { i++; break; }
    if (!a.startsWith("-") || a === "-") break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === "f") { follow = true; continue; }
      if (c === "c") { count = true; continue; }
      if ("eosp".includes(c)) {
        const val = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (val === undefined) {
          await write(2, `strace: option requires an argument -- '${c}'\n${USAGE}`);
          return 1;
        }
        if (c === "e") {
          const err = parseExpr(filter, val);
          if (err) return die(err);
        } else if (c === "o") outFile = val;
        else if (c === "s") {
          if (!/^\d+$/.test(val)) return die(`invalid -s argument: '${val}'`);
          opts.strsize = Number(val);
        } else {
          const pid = Number(val);
          if (!/^\d+$/.test(val) || pid <= 0) return die(`Invalid process id: '${val}'`);
          pids.push(pid);
        }
        break;
      }
      await write(2, `strace: invalid option -- '${c}'\n${USAGE}`);
      return 1;
    }
  }
  const command = argv.slice(i);
  if (!command.length && !pids.length) return die("must have PROG [ARGS] or -p PID\nTry 'strace -h' for more information.");

  let outFd = 2;
  if (outFile !== null) {
    outFd = await open(outFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666);
    if (outFd < 0) return die(`Can't fopen '${outFile}': ${strerror(errno)}`);
  }
  const out = new Printer(outFd);
  out.pidPrefix = outFile !== null && follow;
  const tracees = new Map<number, Tracee>();
  const counts = new Map<string, Count>();
  const quiet = count;
  const setOptions = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
    (follow ? PTRACE_O_TRACEVFORK | PTRACE_O_TRACEFORK | PTRACE_O_TRACECLONE : 0);
  const add = (pid: number, startup: boolean, seized: boolean) => {
    tracees.set(pid, { pid, seized, startup, call: null, shown: false, since: 0, prev: SYSCALL_NAMES.get(0) ?? "read" });
    out.nprocs = tracees.size;
  };

  let interrupted = 0;

  for (const pid of pids) {
    if ((await ptrace(PTRACE_SEIZE, pid, 0, setOptions)) !== 0) {
      await write(2, `strace: attach: ptrace(PTRACE_SEIZE, ${pid}): ${strerror(errno)}\n`);
      continue;
    }
    await ptrace(PTRACE_INTERRUPT, pid);
    add(pid, true, true);
    await write(2, `strace: Process ${pid} attached\n`);
  }
  if (pids.length && !tracees.size) return 1;

  let child = 0;
  if (command.length) {
    const file = await findProgram(command[0], envp);
    if (file === null) return die(`Can't stat '${command[0]}': ${strerror(ENOENT)}`);
    const pathPtr = await cArray([file]);
    const fileAddr = Number(view().getBigUint64(pathPtr, true));
    const argvPtr = await cArray(command);
    const envPtr = await cArray(envp);
    child = await vfork(async () => {
      await ptrace(PTRACE_TRACEME);
      await syscall(__NR_execve, fileAddr, argvPtr, envPtr);
      const e = errno;
      await write(2, `strace: exec: ${strerror(e)}\n`);
      await _exit(1);
    });
    if (child < 0) return die(`vfork: ${strerror(errno)}`);
    const st = { value: 0 };
    await wait4(child, st, __WALL);
    if (!WIFSTOPPED(st.value)) return WIFEXITED(st.value) ? WEXITSTATUS(st.value) : 1;
    if (!quiet && (!filter.syscalls || filter.syscalls.has("execve"))) {
      await out.enter(child, "execve", `${quoteBytes(encode(file))}, [${command.map(quoteArg).join(", ")}], ${hex(envPtr)} ${varsComment(envp.length)}`);
      await out.exit(child, "execve", "", "0");
    }
    if (count) counts.set("execve", { calls: 1, errors: 0, seconds: 0 });
    add(child, false, false);
    await ptrace(PTRACE_SETOPTIONS, child, 0, setOptions);
    await ptrace(PTRACE_SYSCALL, child, 0, 0);
  }

  // Set after the command started, which keeps the signal dispositions strace was given.
  if (outFile !== null && command.length) {
    await sigprocmask(SIG_BLOCK, sigset(...FATAL));
  } else {
    for (const sig of FATAL) await sigaction(sig, { sa_handler: () => { interrupted ||= sig; }, sa_flags: 0 });
  }

  let exitCode = 0, killedBy = 0;
  const st = { value: 0 };
  while (tracees.size && !interrupted) {
    const pid = await wait4(-1, st, __WALL);
    if (pid < 0) {
      if (interrupted) break;
      if (errno === EINTR) continue;
      break;
    }
    const s = st.value;
    let tc = tracees.get(pid);
    if (!tc) {
      if (!follow || !WIFSTOPPED(s)) continue;
      add(pid, true, (s >>> 16) === PTRACE_EVENT_STOP);
      tc = tracees.get(pid)!;
    }
    if (WIFEXITED(s) || WIFSIGNALED(s)) {
      if (tc.call && !quiet && tc.shown) await out.noReturn(pid, tc.call.name, NO_RETURN.has(tc.call.name));
      if (!quiet) {
        await out.line(pid, WIFEXITED(s) ? `+++ exited with ${WEXITSTATUS(s)} +++`
          : `+++ killed by ${sigName(WTERMSIG(s))}${WCOREDUMP(s) ? " (core dumped)" : ""} +++`);
      }
      if (pid === child) { exitCode = WIFEXITED(s) ? WEXITSTATUS(s) : 0; killedBy = WIFSIGNALED(s) ? WTERMSIG(s) : 0; }
      tracees.delete(pid);
      if (tracees.size) out.nprocs = tracees.size;
      continue;
    }
    if (!WIFSTOPPED(s)) continue;
    const sig = WSTOPSIG(s), event = s >>> 16;
    let pass = 0;
    if (event === PTRACE_EVENT_STOP) {
      tc.startup = false;
      if (isStopSignal(sig)) {
        // A seized tracee's group-stop: it stays stopped (PTRACE_LISTEN) until a SIGCONT.
        if (!quiet) await out.line(pid, `--- stopped by ${sigName(sig)} ---`);
        await ptrace(PTRACE_LISTEN, pid);
        continue;
      }
    } else if (event) {
      if (event === PTRACE_EVENT_VFORK || event === PTRACE_EVENT_FORK || event === PTRACE_EVENT_CLONE) {
        const newPid = await ptrace_geteventmsg(pid);
        if (newPid && !tracees.has(newPid)) add(newPid, true, tc.seized);
      }
    } else if (sig === (SIGTRAP | 0x80)) {
      await syscallStop(tc);
    } else if (tc.startup && sig === SIGSTOP) {
      tc.startup = false;
      await ptrace(PTRACE_SETOPTIONS, pid, 0, setOptions);
    } else {
      tc.startup = false;
      const info = await ptrace_getsiginfo(pid);
      if (!quiet && (!filter.signals || filter.signals.has(sig))) {
        await out.line(pid, `--- ${sigName(sig)} ${info ? siginfoText(info) : "{}"} ---`);
      }
      pass = sig;
    }
    await ptrace(PTRACE_SYSCALL, pid, 0, pass);
  }

  if (interrupted) {
    for (const tc of [...tracees.values()]) {
      // The command strace started gets the signal too (after a SIGCONT, should it be stopped).
      if (tc.pid === child) { await kill(child, SIGCONT); await kill(child, interrupted); }
      await detach(tc);
    }
  }
  if (count) await write(outFd, summaryTable(counts));
  if (interrupted) {
    await signal(interrupted, SIG_DFL);
    await kill(await getpid(), interrupted);
    return 128 + interrupted;
  }
  if (killedBy) {
    await signal(killedBy, SIG_DFL);
    await kill(await getpid(), killedBy);
    return 128 + killedBy;
  }
  return exitCode;

  /**
   * Let go of a tracee, as strace does when it is interrupted: a stopped one is detached at
   * once; a running one is first brought to a stop (PTRACE_INTERRUPT, or SIGSTOP for one that
   * was not seized), and a signal it stops for on the way is handed back to it.
   */
  async function detach(tc: Tracee): Promise<void> {
    const { pid } = tc;
    let done = (await ptrace(PTRACE_DETACH, pid, 0, 0)) === 0;
    if (!done && errno === ESRCH) {
      if (tc.seized) await ptrace(PTRACE_INTERRUPT, pid);
      else await kill(pid, SIGSTOP);
      while (!done) {
        const r = await wait4(pid, st, __WALL);
        if (r < 0) { if ((errno as number) === EINTR) continue; break; }
        const s = st.value;
        if (!WIFSTOPPED(s)) break; // it exited meanwhile
        const sig = WSTOPSIG(s), event = s >>> 16;
        const syscallOrEvent = sig === (SIGTRAP | 0x80) || event !== 0;
        if (tc.seized || (sig === SIGSTOP && !event)) {
          done = (await ptrace(PTRACE_DETACH, pid, 0, syscallOrEvent || !tc.seized ? 0 : sig)) === 0 || errno !== ESRCH;
        } else {
          await ptrace(PTRACE_CONT, pid, 0, syscallOrEvent ? 0 : sig);
        }
      }
    }
    await write(2, `strace: Process ${pid} detached\n`);
    await out.detached(pid);
    tracees.delete(pid);
  }

  async function syscallStop(tc: Tracee): Promise<void> {
    const regs = await ptrace_getregs(tc.pid);
    if (!regs) return;
    if (tc.call === null) {
      const nr = Number(regs.orig_rax);
      const name = SYSCALL_NAMES.get(nr) ?? `syscall_${hex(nr)}`;
      const args = [regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9];
      const call: Call = { pid: tc.pid, nr, name, args, ret: 0n };
      tc.call = call;
      tc.since = await now();
      tc.shown = !quiet && (!filter.syscalls || filter.syscalls.has(name));
      if (tc.shown) {
        const dec = DECODERS[name];
        const text = name === "restart_syscall" ? `<... resuming interrupted ${tc.prev} ...>`
          : dec ? (dec.enter ? await dec.enter(call) : "") : args.slice(0, nargsOf(name)).map((a) => hex(a)).join(", ");
        await out.enter(tc.pid, name, text);
      }
      tc.prev = name;
      return;
    }
    const call = tc.call;
    tc.call = null;
    call.ret = regs.rax;
    const r = BigInt.asIntN(64, regs.rax);
    const err = r < 0n && r > -4096n ? Number(-r) : 0;
    if (count) {
      const c = counts.get(call.name) ?? { calls: 0, errors: 0, seconds: 0 };
      c.calls++;
      if (err) c.errors++;
      c.seconds += (await now()) - tc.since;
      counts.set(call.name, c);
    }
    if (!tc.shown) return;
    const dec = DECODERS[call.name];
    const rest = dec?.exit ? await dec.exit(call) : "";
    const ret = err ? errorReturn(err) : dec?.ret ? await dec.ret(call) : r.toString();
    await out.exit(tc.pid, call.name, rest, ret);
  }
}
