// chrt: show or change a process's scheduling policy and real-time priority (util-linux:
// chrt [-bdfior] [-R] [-v] PRIO COMMAND [ARG]..., chrt -p [PRIO] PID, chrt -m). As util-linux,
// -p takes the PID from the last argument, the default policy is SCHED_RR, the priority is
// checked against the policy's range first, and messages are util-linux's.
import { execvp, getpid } from "../../lib/libc/unistd.js";
import { errno, strerror, ENOENT, ERANGE } from "../../lib/libc/errno.js";
import {
  sched_getscheduler, sched_getparam, sched_setscheduler, sched_get_priority_min, sched_get_priority_max,
  SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, SCHED_DEADLINE, SCHED_RESET_ON_FORK,
} from "../../lib/libc/sched.js";
import { Tool, parseOpts } from "../lib/common.js";

const HELP = `Show or change the real-time scheduling attributes of a process.

Set policy:
 chrt [options] <priority> <command> [<arg>...]
 chrt [options] --pid <priority> <pid>

Get policy:
 chrt [options] -p <pid>

Policy options:
 -b, --batch          set policy to SCHED_BATCH
 -d, --deadline       set policy to SCHED_DEADLINE
 -f, --fifo           set policy to SCHED_FIFO
 -i, --idle           set policy to SCHED_IDLE
 -o, --other          set policy to SCHED_OTHER
 -r, --rr             set policy to SCHED_RR (default)

Scheduling options:
 -R, --reset-on-fork       set reset-on-fork flag

Other options:
 -a, --all-tasks      operate on all the tasks (threads) for a given pid
 -m, --max            show min and max valid priorities
 -p, --pid            operate on existing given pid
 -v, --verbose        display status information

 -h, --help           display this help
 -V, --version        display version

For more details see chrt(1).
`;

const POLICIES: [number, string][] = [
  [SCHED_OTHER, "SCHED_OTHER"], [SCHED_FIFO, "SCHED_FIFO"], [SCHED_RR, "SCHED_RR"],
  [SCHED_BATCH, "SCHED_BATCH"], [SCHED_IDLE, "SCHED_IDLE"], [SCHED_DEADLINE, "SCHED_DEADLINE"],
];
const POLICY_OPTS: Record<string, number> = { b: SCHED_BATCH, d: SCHED_DEADLINE, f: SCHED_FIFO, i: SCHED_IDLE, o: SCHED_OTHER, r: SCHED_RR };

function policyName(p: number): string {
  const name = POLICIES.find(([v]) => v === (p & ~SCHED_RESET_ON_FORK))?.[1] ?? "unknown";
  return p & SCHED_RESET_ON_FORK ? `${name}|SCHED_RESET_ON_FORK` : name;
}

/** A 32-bit signed number as strtol reads it (leading blanks, a sign), or an error text. */
function int32(s: string): number | string {
  if (!/^\s*[+-]?\d+$/.test(s)) return "";
  const n = Number(s.trim());
  return n < -0x80000000 || n > 0x7fffffff ? `: ${strerror(ERANGE)}` : n;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("chrt", HELP);
  const p = await parseOpts(t, argv, {
    short: "+abdfhimopRrvV",
    long: {
      "all-tasks": "a", batch: "b", deadline: "d", fifo: "f", idle: "i", max: "m", other: "o", pid: "p",
      "reset-on-fork": "R", rr: "r", verbose: "v", version: "V",
    },
  });
  if (typeof p === "number") return p;
  let policy = SCHED_RR, reset = 0, verbose = false, pid = -1;
  for (const [k] of p.opts) {
    if (k in POLICY_OPTS) policy = POLICY_OPTS[k];
    else if (k === "R") reset = SCHED_RESET_ON_FORK;
    else if (k === "v") verbose = true;
    else if (k === "h") { t.out.text(HELP); return t.finish(0); }
    else if (k === "V") { t.out.text("chrt from util-linux 2.38.1\n"); return t.finish(0); }
    else if (k === "m") {
      for (const [v, name] of POLICIES) {
        const max = await sched_get_priority_max(v), min = await sched_get_priority_min(v);
        t.out.text(max >= 0 && min >= 0 ? `${name} min/max priority\t: ${min}/${max}\n` : `${name} not supported?\n`);
      }
      return t.finish(0);
    } else if (k === "p") {
      const last = argv[argv.length - 1];
      const n = int32(last);
      if (typeof n === "string") { await t.error(`invalid PID argument: '${last}'${n}`); return 1; }
      pid = n;
    }
    // -a: every task of the process; a Typix process has one.
  }
  const ops = p.operands;
  if ((pid > -1 && ops.length < 1) || (pid === -1 && ops.length < 2)) { await t.warn("bad usage"); return t.usage(); }

  const shown = pid === 0 ? await getpid() : pid;
  const show = async (when: string): Promise<boolean> => {
    const pol = await sched_getscheduler(pid);
    if (pol < 0) { await t.error(`failed to get pid ${pid}'s policy: ${strerror(errno)}`); return false; }
    const param = { sched_priority: 0 };
    if (await sched_getparam(pid, param) < 0) { await t.error(`failed to get pid ${pid}'s attributes: ${strerror(errno)}`); return false; }
    t.out.text(`pid ${shown}'s ${when} scheduling policy: ${policyName(pol)}\n`);
    t.out.text(`pid ${shown}'s ${when} scheduling priority: ${param.sched_priority}\n`);
    return true;
  };
  if (pid > -1 && (verbose || ops.length === 1)) {
    if (!(await show("current"))) return t.finish();
    if (ops.length === 1) return t.finish(0);
  }

  const prio = int32(ops[0]);
  if (typeof prio === "string") { await t.error(`invalid priority argument: '${ops[0]}'${prio}`); return t.finish(); }
  if (prio < await sched_get_priority_min(policy) || prio > await sched_get_priority_max(policy)) {
    await t.error(`unsupported priority value for the policy: ${prio}: see --max for valid range`);
    return t.finish();
  }
  const target = pid === -1 ? 0 : pid;
  if (await sched_setscheduler(target, policy | reset, { sched_priority: prio }) < 0) {
    await t.error(`failed to set pid ${target}'s policy: ${strerror(errno)}`);
    return t.finish();
  }
  if (pid > -1 && verbose && !(await show("new"))) return t.finish();
  if (pid > 0) return t.finish(0);
  // A command (or, as util-linux, what follows the priority when the PID was 0).
  if (!(await t.out.flush())) return 1;
  const cmd = ops.slice(1);
  await execvp(cmd[0] ?? "", cmd);
  const e = errno;
  await t.error(`failed to execute ${cmd[0] ?? ""}: ${strerror(e)}`);
  return e === ENOENT ? 127 : 126;
}
