// init (PID 1): adopts orphans and reaps every zombie, for as long as the machine runs.
import { wait4 } from "../../lib/libc/sys/wait.js";

export default async function main(): Promise<number> {
  for (;;) {
    const r = await wait4(-1, 0, 0);
    if (r < 0) await pauseForChildren();
  }
}

async function pauseForChildren(): Promise<void> {
  const { pause } = await import("../../lib/libc/unistd_more.js");
  await pause();
}
