// Signal names and numbers as kill(1) and timeout(1) accept and print them: "TERM", "SIGTERM",
// "15", and the real-time signals RTMIN, RTMIN+n, RTMAX-n.
import { SIGNAL_NAMES, NSIG, SIGRTMIN } from "../../../lib/libc/signal.js";

/** The name without "SIG" (HUP ... SYS, RTMIN, RTMIN+n, RTMAX-n, RTMAX), or null. */
export function sigName(sig: number): string | null {
  if (sig > 0 && sig < SIGRTMIN) return SIGNAL_NAMES[sig]?.slice(3) ?? null;
  if (sig === SIGRTMIN) return "RTMIN";
  if (sig === NSIG) return "RTMAX";
  if (sig > SIGRTMIN && sig < NSIG) return sig - SIGRTMIN <= (NSIG - SIGRTMIN) / 2 ? `RTMIN+${sig - SIGRTMIN}` : `RTMAX-${NSIG - sig}`;
  return null;
}

/** A signal given as a name (case-insensitive, with or without SIG) or a number; null if unknown. */
export function sigNumber(spec: string, allowNumber = true): number | null {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return allowNumber && n >= 0 && n <= NSIG ? n : null;
  }
  let s = spec.toUpperCase();
  if (s.startsWith("SIG")) s = s.slice(3);
  for (let i = 1; i < SIGRTMIN; i++) if (SIGNAL_NAMES[i]?.slice(3) === s) return i;
  if (s === "IOT") return 6;
  if (s === "POLL") return 29;
  if (s === "CLD") return 17;
  const rt = /^RT(MIN|MAX)(?:([+-])(\d+))?$/.exec(s);
  if (rt) {
    const base = rt[1] === "MIN" ? SIGRTMIN : NSIG;
    const off = rt[3] ? Number(rt[3]) * (rt[2] === "+" ? 1 : -1) : 0;
    if ((rt[1] === "MIN" && rt[2] === "-") || (rt[1] === "MAX" && rt[2] === "+")) return null;
    const n = base + off;
    return n >= SIGRTMIN && n <= NSIG ? n : null;
  }
  return null;
}
