// The job-control builtins, with dash's messages: jobs, fg, bg, wait and kill (which takes job
// specs such as %1 and signal names).
import type { Executor } from "./exec.js";
import { writeAll, shError } from "./io.js";
import { jobState, statusOf, type Job } from "./jobs.js";
import { checkInterrupt } from "./interrupt.js";
import { kill, SIGNAL_NAMES, SIGCONT, SIGTERM } from "../../../lib/libc/signal.js";
import { tcsetpgrp, getpgrp } from "../../../lib/libc/unistd.js";
import { wait4, WUNTRACED } from "../../../lib/libc/sys/wait.js";
import { errno, strerror, EINTR } from "../../../lib/libc/errno.js";

const out = (s: string) => writeAll(1, s);

export function signalNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const n = s.toUpperCase().replace(/^SIG/, "");
  if (n === "EXIT") return 0;
  const i = SIGNAL_NAMES.indexOf("SIG" + n);
  return i > 0 ? i : -1;
}

export async function killB(ex: Executor, argv: string[]): Promise<number> {
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

export async function jobs(ex: Executor, argv: string[]): Promise<number> {
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

export async function fgbg(ex: Executor, argv: string[]): Promise<number> {
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

export async function wait(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  const waitJob = async (j: Job): Promise<number> => {
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
