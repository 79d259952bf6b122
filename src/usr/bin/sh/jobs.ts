// The job table: background and stopped jobs, their process groups and states, job specs
// (%1 %+ %- %% %name %?text), and the notices bash prints ("[1] 123", "[1]+  Done  cmd").
import { wait4, WNOHANG, WUNTRACED, WCONTINUED, WIFEXITED, WEXITSTATUS, WIFSIGNALED, WTERMSIG, WIFSTOPPED, WSTOPSIG, WIFCONTINUED } from "../../../lib/libc/sys/wait.js";
import { strsignal } from "../../../lib/libc/signal.js";
import { writeAll } from "./io.js";

export interface Proc { pid: number; state: "running" | "stopped" | "done"; status: number }

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

export function describeStatus(j: Job): string {
  const st = jobState(j);
  if (st === "running") return "Running";
  const last = j.procs[j.procs.length - 1];
  if (st === "stopped") {
    const p = j.procs.find((x) => x.state === "stopped")!;
    const sig = WSTOPSIG(p.status);
    return sig === 20 ? "Stopped" : `Stopped (${strsignal(sig).replace(/^Stopped \(|\)$/g, "")})`;
  }
  const ws = last.status;
  if (WIFSIGNALED(ws)) return strsignal(WTERMSIG(ws));
  const code = WEXITSTATUS(ws);
  return code === 0 ? "Done" : `Exit ${code}`;
}

export class JobTable {
  jobs: Job[] = [];
  /** Job ids, most recently used last (for %+ and %-). */
  private order: number[] = [];

  add(pgid: number, pids: number[], text: string): Job {
    let id = 1;
    while (this.jobs.some((j) => j.id === id)) id++;
    const j: Job = { id, pgid, procs: pids.map((pid) => ({ pid, state: "running", status: 0 })), text, notified: false };
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

  current(): Job | undefined {
    // A stopped job is preferred for %+, as in bash.
    const ids = [...this.order].reverse();
    const byId = (id: number) => this.jobs.find((j) => j.id === id)!;
    return ids.map(byId).find((j) => jobState(j) === "stopped") ?? byId(ids[0]);
  }
  previous(): Job | undefined {
    const cur = this.current();
    const ids = [...this.order].reverse().filter((id) => id !== cur?.id);
    return this.jobs.find((j) => j.id === ids[0]);
  }
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
    return j ?? `${spec}: no such job`;
  }

  byPid(pid: number): { job: Job; proc: Proc } | null {
    for (const job of this.jobs) for (const proc of job.procs) if (proc.pid === pid) return { job, proc };
    return null;
  }

  /** Record a wait status for a pid; returns its job, if any. */
  record(pid: number, ws: number): Job | null {
    const f = this.byPid(pid);
    if (!f) return null;
    if (WIFSTOPPED(ws)) f.proc.state = "stopped";
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

  format(j: Job, withPid = false): string {
    const st = describeStatus(j);
    const running = jobState(j) === "running";
    const pid = withPid ? `${j.procs[0].pid} ` : "";
    return `[${j.id}]${this.mark(j)}  ${pid}${st.padEnd(24)}${j.text}${running ? " &" : ""}`;
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
