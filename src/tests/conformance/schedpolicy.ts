// schedpolicy: a user program for the scheduling-policy tests (sched_policy.test.ts). It uses
// <sched.h> as a C program would: reads its policy, asks for SCHED_FIFO at the priority given
// as argv[1] (the errno when refused), then prints policy, priority and time slice again.
import { sched_getscheduler, sched_setscheduler, sched_getparam, sched_rr_get_interval, SCHED_FIFO } from "sched";
import { errno, errnoName } from "errno";
import { write } from "unistd";

async function show(): Promise<string> {
  const param = { sched_priority: -1 }, ts = { tv_sec: -1, tv_nsec: -1 };
  const policy = await sched_getscheduler(0);
  await sched_getparam(0, param);
  await sched_rr_get_interval(0, ts);
  return `policy=${policy} priority=${param.sched_priority} slice=${ts.tv_sec}.${String(ts.tv_nsec).padStart(9, "0")}`;
}

export default async function main(argv: string[]): Promise<number> {
  let out = `before: ${await show()}\n`;
  const r = await sched_setscheduler(0, SCHED_FIFO, { sched_priority: Number(argv[1]) });
  out += `sched_setscheduler = ${r}${r < 0 ? ` ${errnoName(errno)}` : ""}\n`;
  out += `after: ${await show()}\n`;
  out += `NULL param = ${await sched_setscheduler(0, SCHED_FIFO, null)} ${errnoName(errno)}\n`;
  await write(1, out);
  return 0;
}
