// Starting processes: external programs (vfork, redirections and execve in the child), child
// shells for what needs a copy of the shell (see exec.ts), pipelines and & jobs in their own
// process groups with the terminal handed to the foreground one, and waiting for them (a
// stopped job joins the job table; a death by signal is reported as dash reports it; a
// foreground job killed by ^C abandons the command line of an interactive shell).
import type { Node, NodeOf } from "./ast.js";
import type { Executor } from "./exec.js";
import { nodeText } from "./parser.js";
import { InterruptSignal, shellQuote } from "./state.js";
import { expandFields } from "./expand.js";
import { writeAll, shError } from "./io.js";
import { statusOf, type Job } from "./jobs.js";
import { BUILTINS } from "./builtins.js";
import { applyRedirs, prepareRedirs, type Prepared } from "./redir.js";
import { open, O_RDONLY, O_CLOEXEC } from "../../../lib/libc/fcntl.js";
import { close, read, dup2, pipe2, execve, vfork, _exit, setpgid, tcsetpgrp, getpgrp } from "../../../lib/libc/unistd.js";
import { wait4, WUNTRACED, WIFSIGNALED, WTERMSIG, WIFSTOPPED, WCOREDUMP } from "../../../lib/libc/sys/wait.js";
import { errno, strerror, ENOENT, EACCES, ENOEXEC, ENOTDIR } from "../../../lib/libc/errno.js";
import { signal, SIG_DFL, SIG_IGN, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, strsignal } from "../../../lib/libc/signal.js";

export interface SpawnIO { stdin?: number; stdout?: number; close?: number[]; pgid?: number | null; bg?: boolean }

const SHELL_PATH = "/bin/sh";

/** The child's side of a spawn: process group, signals, descriptors. */
export async function childSetup(ex: Executor, io: SpawnIO): Promise<void> {
  const sh = ex.sh;
  if (io.pgid !== undefined && io.pgid !== null) {
    await setpgid(0, io.pgid);
    if (!io.bg && sh.interactive) await tcsetpgrp(0, io.pgid === 0 ? await getpgrp() : io.pgid);
  }
  if (sh.interactive) for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) await signal(s, SIG_DFL);
  else if (io.bg && !sh.opts.m) for (const s of [SIGINT, SIGQUIT]) await signal(s, SIG_IGN);
  for (const [sig] of sh.traps) if (/^\d+$/.test(sig) && sh.traps.get(sig) !== "") await signal(Number(sig), SIG_DFL);
  if (io.bg && !sh.opts.m && io.stdin === undefined) {
    const nul = await open("/dev/null", O_RDONLY);
    if (nul >= 0 && nul !== 0) { await dup2(nul, 0); await close(nul); }
  }
  if (io.stdin !== undefined && io.stdin !== 0) await dup2(io.stdin, 0);
  if (io.stdout !== undefined && io.stdout !== 1) await dup2(io.stdout, 1);
  for (const fd of io.close ?? []) await close(fd);
}

/** Does the file's first line (its first 80 bytes at most) hold a NUL byte? */
async function isBinaryFile(path: string): Promise<boolean> {
  const fd = await open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const buf = new Uint8Array(80);
  const n = await read(fd, buf);
  await close(fd);
  if (n <= 0) return false;
  const head = buf.subarray(0, n);
  const nl = head.indexOf(0x0a);
  return head.subarray(0, nl < 0 ? n : nl).includes(0);
}

/** Start an external program; returns its pid (or -1). */
export async function spawnProgram(ex: Executor, argv: string[], assigns: [string, string][], redirs: Prepared[], io: SpawnIO): Promise<number> {
  const sh = ex.sh;
  const env = sh.environ(assigns);
  const path = await ex.findCommand(argv[0]);
  const pid = await vfork(async () => {
    await childSetup(ex, io);
    if (!(await applyRedirs(ex, redirs, null))) await _exit(2);
    if (path === null) { await shError(sh, `${argv[0]}: not found`); await _exit(127); }
    await execve(path!, argv, env);
    let e = errno;
    if (e === ENOEXEC && (await isBinaryFile(path!))) {
      // As bash: a file exec refuses that has a NUL byte in its first line is not a script.
      await shError(sh, `${path}: cannot execute binary file: Exec format error`);
      await _exit(126);
    }
    if (e === ENOEXEC) {
      await execve(SHELL_PATH, [SHELL_PATH, path!, ...argv.slice(1)], env);
      e = errno;
    }
    if (e === ENOENT || e === ENOTDIR) { await shError(sh, `${argv[0]}: not found`); await _exit(127); }
    await shError(sh, `${argv[0]}: ${e === EACCES ? "Permission denied" : strerror(e)}`);
    await _exit(126);
  });
  if (pid > 0 && io.pgid !== undefined && io.pgid !== null) await setpgid(pid, io.pgid === 0 ? pid : io.pgid);
  if (pid < 0) await shError(sh, `Cannot fork`);
  return pid;
}

/** The state a child shell needs, as a script to run before its command. */
export function childPrefix(ex: Executor): string {
  const sh = ex.sh;
  let s = `# typix-sh-sub ${sh.rootPid}\n`;
  for (const [k, v] of sh.vars) {
    if (v.value !== undefined && !v.exported) s += `${k}=${shellQuote(v.value)}\n`;
    if (v.readonly) s += `readonly ${k}\n`;
  }
  for (const [, f] of sh.funcs) s += f.src.replace(/\n*$/, "\n");
  for (const [k, v] of sh.aliases) s += `alias ${k}=${shellQuote(v)}\n`;
  for (const [k, v] of sh.traps) if (v === "") s += `trap '' ${k}\n`;
  const o = (["e", "u", "x", "f", "C", "a"] as const).filter((k) => sh.opts[k]).join("");
  if (o) s += `set -${o}\n`;
  s += `# typix-sh-line ${sh.lineno}\n`;
  return s;
}

/** Run command text in a child /bin/sh -c; returns its pid. */
export async function spawnShell(ex: Executor, text: string, io: SpawnIO): Promise<number> {
  const sh = ex.sh;
  const argv = ["sh", "-c", childPrefix(ex) + text, sh.arg0, ...sh.positional];
  const env = sh.environ();
  const pid = await vfork(async () => {
    await childSetup(ex, io);
    await execve(SHELL_PATH, argv, env);
    await shError(sh, `${SHELL_PATH}: ${strerror(errno)}`);
    await _exit(127);
  });
  if (pid > 0 && io.pgid !== undefined && io.pgid !== null) await setpgid(pid, io.pgid === 0 ? pid : io.pgid);
  return pid;
}

/** Start one element of a pipeline (or an & command): direct exec for an external simple command. */
export async function spawnNode(ex: Executor, n: Node, io: SpawnIO): Promise<number> {
  const sh = ex.sh;
  if (n.t === "simple" && n.words.length) {
    sh.lineno = n.line;
    const argv = await expandFields(ex, n.words);
    if (argv.length && !sh.funcs.has(argv[0]) && !BUILTINS[argv[0]]) {
      const assigns = await ex.expandAssigns(n.assigns);
      const prepared = await prepareRedirs(ex, n.redirs);
      if (prepared === null) return -1;
      await ex.trace(argv);
      return spawnProgram(ex, argv, assigns, prepared, io);
    }
  }
  return spawnShell(ex, nodeText(n), io);
}

/**
 * Start every command of a pipeline, each reading the previous one's pipe; with job control
 * they share the first one's process group. Returns their pids and that group.
 */
async function startPipeline(ex: Executor, n: NodeOf<"pipeline">, bg: boolean): Promise<{ pids: number[]; pgid: number | null }> {
  const pids: number[] = [];
  let pgid: number | null = ex.sh.opts.m ? 0 : null;
  let prevRead = -1;
  for (let k = 0; k < n.cmds.length; k++) {
    const last = k === n.cmds.length - 1;
    const fds = [-1, -1];
    if (!last && (await pipe2(fds, O_CLOEXEC)) < 0) { await shError(ex.sh, `Pipe call failed`); break; }
    const io: SpawnIO = bg ? { pgid, bg: true } : { pgid };
    if (prevRead >= 0) io.stdin = prevRead;
    if (!last) io.stdout = fds[1];
    const pid = await spawnNode(ex, n.cmds[k], io);
    if (pid > 0) { pids.push(pid); if (pgid === 0) pgid = pid; }
    if (prevRead >= 0) await close(prevRead);
    if (!last) await close(fds[1]);
    prevRead = fds[0];
  }
  return { pids, pgid };
}

export async function runPipeline(ex: Executor, n: NodeOf<"pipeline">): Promise<number> {
  const { pids, pgid } = await startPipeline(ex, n, false);
  return waitPids(ex, pids, pgid, pipelineText(n), undefined, n.cmds.map((c) => c.src.trim()));
}

export async function runBackground(ex: Executor, n: Node): Promise<number> {
  const sh = ex.sh;
  const mon = sh.opts.m;
  let pids: number[] = [];
  let texts: string[] = [];
  if (n.t === "pipeline" && n.cmds.length > 1 && !n.bang) {
    texts = n.cmds.map((c) => c.src.trim());
    pids = (await startPipeline(ex, n, true)).pids;
  } else {
    const pid = await spawnNode(ex, n, { pgid: mon ? 0 : null, bg: true });
    if (pid > 0) pids = [pid];
  }
  if (!pids.length) return (sh.status = 1);
  sh.lastBg = pids[pids.length - 1];
  const job = sh.jobs.add(mon ? pids[0] : 0, pids, texts.length ? texts.join(" | ") : n.src.trim(), texts);
  if (mon) await writeAll(2, `[${job.id}] ${pids[pids.length - 1]}\n`);
  job.notified = true;
  return (sh.status = 0);
}

/**
 * Wait for a foreground job's processes. A stopped job joins the job table; a process killed
 * by a signal makes the shell print the signal's description, as dash does.
 */
export async function waitPids(ex: Executor, pids: number[], pgid: number | null, text: string, job?: Job, texts?: string[]): Promise<number> {
  const sh = ex.sh;
  let status = 0;
  let stopped = false;
  let ws = 0;
  for (const pid of pids) {
    const st = { value: 0 };
    let r: number;
    do r = await wait4(pid, st, sh.opts.m ? WUNTRACED : 0);
    while (r < 0 && errno === 4 /* EINTR */);
    if (r < 0) continue;
    ws = st.value;
    if (job) sh.jobs.record(pid, ws);
    if (WIFSTOPPED(ws)) { stopped = true; sh.jobs.stoppedWarned = false; }
    if (pid === pids[pids.length - 1]) status = statusOf(ws);
  }
  if (sh.interactive && pgid !== null) await tcsetpgrp(0, await getpgrp());
  if (stopped) {
    if (!job) {
      job = sh.jobs.add(pgid ?? pids[0], pids, text.trim(), texts);
      for (const p of job.procs) p.state = "stopped";
      const last = job.procs[job.procs.length - 1];
      last.status = ws;
    }
    sh.jobs.touch(job);
    await writeAll(2, sh.jobs.format(job) + "\n");
    job.notified = true;
    return status;
  }
  if (job) sh.jobs.remove(job);
  if (WIFSIGNALED(ws)) {
    const sig = WTERMSIG(ws);
    if (sig === SIGINT) { if (sh.interactive) { sh.status = status; throw new InterruptSignal(); } }
    else if (sig !== SIGPIPE) await writeAll(2, strsignal(sig) + (WCOREDUMP(ws) ? " (core dumped)" : "") + "\n");
  }
  return status;
}

/** A pipeline as dash shows it in job lines: its commands joined with " | ". */
function pipelineText(n: NodeOf<"pipeline">): string {
  return (n.bang ? "! " : "") + n.cmds.map((c) => c.src.trim()).join(" | ");
}
