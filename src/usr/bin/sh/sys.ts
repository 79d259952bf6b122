// The few system calls the shell needs that libc does not wrap yet (kill, sigaction with
// SIG_DFL/SIG_IGN, the termios ioctls, prlimit, times): raw traps in the C convention.
import { sys, scoped, then, dv, u8, type Sys } from "../../../lib/libc/internal/sys.js";

const NR_rt_sigaction = 13, NR_ioctl = 16, NR_kill = 62, NR_times = 100, NR_prlimit64 = 302;
const TCGETS = 0x5401, TCSETSW = 0x5403;
export const SIG_DFL = 0, SIG_IGN = 1;

export function kill(pid: number, sig: number): Sys { return sys(NR_kill, pid, sig); }

/** Set a signal's disposition to SIG_DFL or SIG_IGN. */
export function signalDisposition(sig: number, handler: number): Sys {
  return scoped((s) => {
    const p = s.buf(32);
    dv().setBigUint64(p, BigInt(handler), true);
    return sys(NR_rt_sigaction, sig, p, 0, 8);
  });
}

/** The current disposition of a signal (SIG_DFL, SIG_IGN or a handler), or -1. */
export function getDisposition(sig: number): Sys {
  return scoped((s) => {
    const p = s.buf(32);
    return then(sys(NR_rt_sigaction, sig, 0, p, 8), (r) => (r < 0 ? -1 : Number(dv().getBigUint64(p, true))));
  });
}

/** struct termios (the kernel's, 36 bytes) of a terminal, or null. */
export function tcgetattr(fd: number): Sys<Uint8Array | null> {
  return scoped((s) => {
    const p = s.buf(60);
    return then(sys(NR_ioctl, fd, TCGETS, p), (r) => (r < 0 ? null : u8().slice(p, p + 36)));
  });
}

export function tcsetattr(fd: number, t: Uint8Array): Sys {
  return scoped((s) => sys(NR_ioctl, fd, TCSETSW, s.data(t)));
}

/** A termios copy without ICANON, ECHO and ISIG, reading one byte at a time. */
export function rawMode(t: Uint8Array): Uint8Array {
  const r = t.slice();
  const v = new DataView(r.buffer);
  v.setUint32(12, v.getUint32(12, true) & ~(0x2 | 0x8 | 0x1), true);
  r[17 + 6] = 1; // VMIN
  r[17 + 5] = 0; // VTIME
  return r;
}

/** getrlimit/setrlimit through prlimit64: [soft, hard], or null. */
export function rlimit(resource: number, set?: [number, number]): Sys<[number, number] | null> {
  return scoped((s) => {
    const nw = set ? s.buf(16) : 0;
    const big = (x: number) => (x === Infinity ? 0xffffffffffffffffn : BigInt(x));
    if (set) { dv().setBigUint64(nw, big(set[0]), true); dv().setBigUint64(nw + 8, big(set[1]), true); }
    const old = s.buf(16);
    return then(sys(NR_prlimit64, 0, resource, nw, old), (r) => {
      if (r < 0) return null;
      const a = dv().getBigUint64(old, true), b = dv().getBigUint64(old + 8, true);
      const num = (x: bigint) => (x === 0xffffffffffffffffn ? Infinity : Number(x));
      return [num(a), num(b)] as [number, number];
    });
  });
}

/** times(): [utime, stime, cutime, cstime] in clock ticks, or null. */
export function times(): Sys<number[] | null> {
  return scoped((s) => {
    const p = s.buf(32);
    return then(sys(NR_times, p), (r) => {
      if (r < 0) return null;
      return [0, 8, 16, 24].map((o) => Number(dv().getBigInt64(p + o, true)));
    });
  });
}
