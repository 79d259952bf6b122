// Time for the tools: the realtime clock (clock_gettime(2)) and the date formats of ls -l
// ("Nov 23 20:30", "Nov 23  2025") and stat ("2026-01-02 03:04:05.123456789 +0000"). Typix
// has no time zones: local time is UTC, as with TZ unset and no /etc/localtime.
import { sys, scoped, then, get64, type Sys } from "../../lib/libc/internal/sys.js";
import type { Timespec } from "../../lib/libc/sys/stat.js";

const NR_clock_gettime = 228;
const CLOCK_REALTIME = 0;

export function now(): Sys<Timespec> {
  return scoped((s) => {
    const p = s.buf(16);
    return then(sys(NR_clock_gettime, CLOCK_REALTIME, p), () => ({ tv_sec: get64(p), tv_nsec: get64(p + 8) }));
  });
}

export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** ls -l's date: recent files (the last six months) show the time, others the year. */
export function lsDate(t: Timespec, nowT: Timespec): string {
  const d = new Date(t.tv_sec * 1000);
  const halfYear = 31556952 / 2;
  const recent = t.tv_sec > nowT.tv_sec - halfYear && (t.tv_sec < nowT.tv_sec || (t.tv_sec === nowT.tv_sec && t.tv_nsec <= nowT.tv_nsec));
  const day = String(d.getUTCDate()).padStart(2);
  const tail = recent ? `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

/** stat's full timestamp. */
export function fullDate(t: Timespec): string {
  const d = new Date(t.tv_sec * 1000);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(t.tv_nsec).padStart(9, "0")} +0000`;
}
