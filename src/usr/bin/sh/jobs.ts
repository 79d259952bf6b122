// The job table: background and stopped jobs, their process groups and states, job specs
// (%1 %+ %- %% %name %?text), and the lines dash prints for them ("[1] + Done  cmd", the
// command in column 33; `jobs -l` adds each process's pid).
import { wait4, WNOHANG, WUNTRACED, WCONTINUED, WIFEXITED, WEXITSTATUS, WIFSIGNALED, WTERMSIG, WIFSTOPPED, WSTOPSIG, WIFCONTINUED, WCOREDUMP } from "../../../lib/libc/sys/wait.js";
import { strsignal } from "../../../lib/libc/signal.js";
import { writeAll } from "./io.js";

export interface Proc { pid: number; state: "running" | "stopped" | "done"; status: number; text: string }

export interface Job {
  id: number;
  pgid: number;
  procs: Proc[];
  text: string;
  /** Has the user been told of its current state? */
  notified: boolean;
}

export function jobState(j: Job): "running" | "stopped" | "done" {
  if (j.procs.some((p) => p.state === "stopped")) return "stopped";
  if (j.procs.every((p) => p.state === "done")) return "done";
  return "running";
}

/** The shell's status for a wait status: the code, or 128+signal. */
export function statusOf(ws: number): number {
  if (WIFEXITED(ws)) return WEXITSTATUS(ws);
  if (WIFSIGNALED(ws)) return 128 + WTERMSIG(ws);
  if (WIFSTOPPED(ws)) return 128 + WSTOPSIG(ws);
  return 0;
}

/** A job's state as dash words it: Running, Stopped (strsignal of the stop), Done, Done(N), or strsignal. */
export function describeStatus(j: Job): string {
  const st = jobState(j);
  if (st === "running") return "Running";
  if (st === "stopped") return strsignal(WSTOPSIG(j.procs.find((x) => x.state === "stopped")!.status));
  return describeWait(j.procs[j.procs.length - 1].status);
}

function describeWait(ws: number): string {
  if (WIFSIGNALED(ws)) return strsignal(WTERMSIG(ws)) + (WCOREDUMP(ws) ? " (core dumped)" : "");
  const code = WEXITSTATUS(ws);
  return code === 0 ? "Done" : `Done(${code})`;
}

function describeProc(p: Proc): string {
  return p.state === "running" ? "Running" : p.state === "stopped" ? strsignal(WSTOPSIG(p.status)) : describeWait(p.status);
}

/** Pad a job line so that the command starts in column 33, as dash does. */
function toColumn(s: string): string {
  return s.length < 33 ? s.padEnd(33) : s + " ";
}

export class JobTable {
  jobs: Job[] = [];
  /** The shell said "You have stopped jobs." since a job last stopped: exit goes ahead. */
  stoppedWarned = false;
  /** Job ids, most recently used last (for %+ and %-). */
  private order: number[] = [];

  /** A new job; texts are its processes' commands (a pipeline's parts), text the whole. */
  add(pgid: number, pids: number[], text: string, texts: string[] = []): Job {
    let id = 1;
    while (this.jobs.some((j) => j.id === id)) id++;
    const procs: Proc[] = pids.map((pid, k) => ({ pid, state: "running", status: 0, text: texts[k] ?? (pids.length === 1 ? text : "") }));
    const j: Job = { id, pgid, procs, text, notified: false };
    this.jobs.push(j);
    this.jobs.sort((a, b) => a.id - b.id);
    this.touch(j);
    return j;
  }

  touch(j: Job): void {
    this.order = this.order.filter((x) => x !== j.id);
    this.order.push(j.id);
  }

  remove(j: Job): void {
    this.jobs = this.jobs.filter((x) => x !== j);
    this.order = this.order.filter((x) => x !== j.id);
  }

  /** The jobs as dash keeps them: stopped ones first, each group most recently used first. */
  ordered(): Job[] {
    const byUse = [...this.order].reverse().map((id) => this.jobs.find((j) => j.id === id)!).filter(Boolean);
    return [...byUse.filter((j) => jobState(j) === "stopped"), ...byUse.filter((j) => jobState(j) !== "stopped")];
  }
  /** %+ and %-: the first two of ordered(). */
  current(): Job | undefined { return this.ordered()[0]; }
  previous(): Job | undefined { return this.ordered()[1]; }
  mark(j: Job): string {
    return j === this.current() ? "+" : j === this.previous() ? "-" : " ";
  }

  /** Resolve a job spec; a string is an error message. */
  find(spec: string): Job | string {
    let j: Job | undefined;
    if (spec === "%%" || spec === "%+" || spec === "%") j = this.current();
    else if (spec === "%-") j = this.previous();
    else if (/^%\d+$/.test(spec)) j = this.jobs.find((x) => x.id === Number(spec.slice(1)));
    else if (spec.startsWith("%?")) j = this.jobs.find((x) => x.text.includes(spec.slice(2)));
    else if (spec.startsWith("%")) j = this.jobs.find((x) => x.text.startsWith(spec.slice(1)));
    else if (/^\d+$/.test(spec)) j = this.jobs.find((x) => x.procs.some((p) => p.pid === Number(spec)));
    return j ?? (spec === "%%" || spec === "%+" || spec === "%" || spec === "%-" ? "No current job" : `No such job: ${spec}`);
  }

  byPid(pid: number): { job: Job; proc: Proc } | null {
    for (const job of this.jobs) for (const proc of job.procs) if (proc.pid === pid) return { job, proc };
    return null;
  }

  /** Record a wait status for a pid; returns its job, if any. */
  record(pid: number, ws: number): Job | null {
    const f = this.byPid(pid);
    if (!f) return null;
    if (WIFSTOPPED(ws)) { f.proc.state = "stopped"; this.stoppedWarned = false; }
    else if (WIFCONTINUED(ws)) f.proc.state = "running";
    else f.proc.state = "done";
    if (!WIFCONTINUED(ws)) f.proc.status = ws;
    f.job.notified = false;
    return f.job;
  }

  /** Collect every child that changed state, without blocking. */
  async reap(): Promise<void> {
    for (;;) {
      const st = { value: 0 };
      const pid = await wait4(-1, st, WNOHANG | WUNTRACED | WCONTINUED);
      if (pid <= 0) return;
      this.record(pid, st.value);
    }
  }

  /** dash's line for a job; with withPid (jobs -l) one line per process, with its pid. */
  format(j: Job, withPid = false): string {
    const head = `[${j.id}] ${this.mark(j)} `;
    if (!withPid) return toColumn(head + describeStatus(j)) + j.text;
    const first = describeStatus(j);
    return j.procs.map((p, k) => {
      const st = k === 0 ? first : describeProc(p) === first ? "" : describeProc(p);
      const lead = k === 0 ? head : " ".repeat(head.length);
      const text = (p.text || j.text) + (k < j.procs.length - 1 ? " |" : "");
      return toColumn(`${lead}${p.pid} ${st}`) + text;
    }).join("\n");
  }

  /** Print notices for jobs that changed state, and forget finished ones. */
  async notify(fd = 2): Promise<void> {
    let out = "";
    for (const j of [...this.jobs]) {
      if (j.notified) continue;
      const st = jobState(j);
      if (st === "running") { j.notified = true; continue; }
      out += this.format(j) + "\n";
      j.notified = true;
      if (st === "done") this.remove(j);
    }
    if (out) await writeAll(fd, out);
  }

  /** Forget finished jobs without a notice. */
  prune(): void {
    for (const j of [...this.jobs]) if (jobState(j) === "done") this.remove(j);
  }
}
