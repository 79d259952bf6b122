// <sched.h>: sched_yield, the scheduling policies (SCHED_OTHER, SCHED_FIFO, ...) and struct
// sched_param, sched_getscheduler/setscheduler, sched_getparam/setparam, the priority range
// of a policy and sched_rr_get_interval.
import { sys, scoped, then, dv, type Sys } from "./internal/sys.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";
import type { Timespec } from "./time.js";

export const SCHED_OTHER = 0, SCHED_FIFO = 1, SCHED_RR = 2, SCHED_BATCH = 3, SCHED_IDLE = 5, SCHED_DEADLINE = 6;
/** Or'ed into a policy: children of fork go back to SCHED_OTHER (and nice >= 0). */
export const SCHED_RESET_ON_FORK = 0x40000000;

/** struct sched_param: the real-time priority (1..99 for SCHED_FIFO and SCHED_RR, else 0). */
export interface SchedParam { sched_priority: number }

/** sched_yield(): give the CPU to another runnable task; 0. */
export function sched_yield(): Sys { return sys(NR.__NR_sched_yield); }
export function sched_get_priority_max(policy: number): Sys { return sys(NR.__NR_sched_get_priority_max, policy); }
export function sched_get_priority_min(policy: number): Sys { return sys(NR.__NR_sched_get_priority_min, policy); }

/** sched_getscheduler(pid): pid's policy (with SCHED_RESET_ON_FORK when set); 0 is the caller. */
export function sched_getscheduler(pid: number): Sys { return sys(NR.__NR_sched_getscheduler, pid); }

/** A call taking a struct sched_param in; null passes NULL (the kernel says EINVAL). */
function withParam(param: SchedParam | null, call: (p: number) => Sys): Sys {
  if (param === null) return call(0);
  return scoped((s) => {
    const p = s.buf(4);
    dv().setInt32(p, param.sched_priority, true);
    return call(p);
  });
}

/** sched_setscheduler(pid, policy, param): set pid's policy and real-time priority. */
export function sched_setscheduler(pid: number, policy: number, param: SchedParam | null): Sys {
  return withParam(param, (p) => sys(NR.__NR_sched_setscheduler, pid, policy, p));
}

/** sched_setparam(pid, param): change the priority, keeping the policy. */
export function sched_setparam(pid: number, param: SchedParam | null): Sys {
  return withParam(param, (p) => sys(NR.__NR_sched_setparam, pid, p));
}

/** sched_getparam(pid, param): fills param.sched_priority. */
export function sched_getparam(pid: number, param: SchedParam | null): Sys {
  if (param === null) return sys(NR.__NR_sched_getparam, pid, 0);
  return scoped((s) => {
    const p = s.buf(4);
    return then(sys(NR.__NR_sched_getparam, pid, p), (r) => {
      if (r === 0) param.sched_priority = dv().getInt32(p, true);
      return r;
    });
  });
}

/** sched_rr_get_interval(pid, ts): pid's round-robin time slice. */
export function sched_rr_get_interval(pid: number, ts: Timespec): Sys {
  return scoped((s) => {
    const p = s.buf(16);
    return then(sys(NR.__NR_sched_rr_get_interval, pid, p), (r) => {
      if (r === 0) { ts.tv_sec = Number(dv().getBigInt64(p, true)); ts.tv_nsec = Number(dv().getBigInt64(p + 8, true)); }
      return r;
    });
  });
}
