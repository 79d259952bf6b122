// More of <unistd.h> (kept apart from unistd.ts to keep files short).
import { syscall6 } from "./arch/trap.js";
import { __syscall_ret } from "./errno.js";

const NR_pause = 34;
export async function pause(): Promise<number> {
  return __syscall_ret(await syscall6(NR_pause));
}
