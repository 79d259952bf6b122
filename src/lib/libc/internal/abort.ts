// abort(3): raise SIGABRT so the process dies of it even when the signal is blocked or caught
// and the handler returns (then the action is reset to SIG_DFL and it is raised again).
import { syscall6, ProcessExit } from "../arch/trap.js";
import * as NR from "../../../include/uapi/asm/unistd_64.gen.js";
import { SIGABRT, SIG_UNBLOCK, SIG_DFL } from "../../../include/uapi/signal.js";
import { scoped, dv } from "./sys.js";

export async function abort(): Promise<never> {
  // glibc (since 2.27) does not flush stdio on abort, and neither does Typix.
  await scoped(async (s) => {
    const set = s.buf(8);
    dv().setBigUint64(set, 1n << BigInt(SIGABRT - 1), true);
    await syscall6(NR.__NR_rt_sigprocmask, SIG_UNBLOCK, set, 0, 8);
    const pid = await syscall6(NR.__NR_getpid);
    await syscall6(NR.__NR_kill, pid as number, SIGABRT);
    // The handler returned: back to the default action, and again.
    const act = s.buf(32);
    dv().setBigUint64(act, BigInt(SIG_DFL), true);
    await syscall6(NR.__NR_rt_sigaction, SIGABRT, act, 0, 8);
    await syscall6(NR.__NR_kill, pid as number, SIGABRT);
    await syscall6(NR.__NR_exit_group, 127);
    return 0;
  });
  throw new ProcessExit("exit");
}
