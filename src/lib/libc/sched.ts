// <sched.h>: sched_yield and the scheduling-policy constants.
import { sys, type Sys } from "./internal/sys.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

export const SCHED_OTHER = 0, SCHED_FIFO = 1, SCHED_RR = 2, SCHED_BATCH = 3, SCHED_IDLE = 5;

/** sched_yield(): give the CPU to another runnable task; 0. */
export function sched_yield(): Sys { return sys(NR.__NR_sched_yield); }
export function sched_get_priority_max(policy: number): Sys { return sys(NR.__NR_sched_get_priority_max, policy); }
export function sched_get_priority_min(policy: number): Sys { return sys(NR.__NR_sched_get_priority_min, policy); }
