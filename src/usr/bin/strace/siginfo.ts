// The siginfo part of a signal line: {si_signo=SIGINT, si_code=SI_USER, si_pid=42, si_uid=1000}.
import type { SigInfo } from "../../../lib/libc/sys/ptrace.js";
import { sigName } from "./decode_proc.js";

const SI_CODES: Record<number, string> = { 0: "SI_USER", 0x80: "SI_KERNEL", [-1]: "SI_QUEUE", [-2]: "SI_TIMER", [-3]: "SI_MESGQ", [-4]: "SI_ASYNCIO", [-6]: "SI_TKILL" };
const CLD_CODES = ["", "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED"];
const SIGCHLD = 17;

export function siginfoText(i: SigInfo): string {
  const head = `si_signo=${sigName(i.si_signo)}`;
  if (i.si_signo === SIGCHLD && i.si_code > 0 && i.si_code < CLD_CODES.length) {
    const status = i.si_code === 1 ? String(i.si_status) : sigName(i.si_status);
    return `{${head}, si_code=${CLD_CODES[i.si_code]}, si_pid=${i.si_pid}, si_uid=${i.si_uid}, si_status=${status}, si_utime=0, si_stime=0}`;
  }
  const code = SI_CODES[i.si_code] ?? String(i.si_code);
  if (i.si_code === 0x80) return `{${head}, si_code=${code}}`;
  if (i.si_code <= 0) return `{${head}, si_code=${code}, si_pid=${i.si_pid}, si_uid=${i.si_uid}}`;
  return `{${head}, si_code=${code}}`;
}
