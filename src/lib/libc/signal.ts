// <signal.h>: signal, sigaction, sigprocmask, sigpending, sigsuspend, kill, raise, killpg,
// the sigset functions, psignal, strsignal and the SIG* constants.
//
// Handlers are JavaScript functions. The kernel sees a small integer (>= 2) in their place as
// sa_handler, from a per-process table; when the kernel hands back a signal frame, the runner
// installed here (setSignalRunner) finds the function by that number and calls handler(sig)
// (or handler(sig, info, null) with SA_SIGINFO).
import { setSignalRunner, type SignalFrameInfo } from "./arch/trap.js";
import { sys, scoped, then, dv, libcState, type Sys } from "./internal/sys.js";
import { __set_errno } from "./errno.js";
import { EINVAL } from "../../include/uapi/errno.js";
import { SIG_DFL, SIG_IGN, SA_SIGINFO, SA_RESTART, NSIG, SIGNAL_DESCRIPTIONS, strsignal } from "../../include/uapi/signal.js";
import { write } from "./unistd_io.js";
import { getpid } from "./unistd_ids.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";
export * from "../../include/uapi/signal.js";

export const SIG_ERR = -1;
export type Handler = ((sig: number, info?: Siginfo, ctx?: null) => unknown) | typeof SIG_DFL | typeof SIG_IGN | number;
export interface Siginfo { si_signo: number; si_code: number }
/** sigset_t: bit sig-1 of value for each member. */
export interface sigset_t { value: bigint }
export interface Sigaction { sa_handler: Handler; sa_mask?: sigset_t; sa_flags?: number }
export const sys_siglist = SIGNAL_DESCRIPTIONS;

interface HandlerTable { byId: Map<number, (sig: number, info?: Siginfo, ctx?: null) => unknown>; ids: Map<Function, number>; next: number; bySig: Map<number, Function> }

function table(): HandlerTable {
  const st = libcState();
  if (!st.sigTable) {
    st.sigTable = { byId: new Map(), ids: new Map(), next: 2, bySig: new Map() } as HandlerTable;
    st.sigHandlers = (st.sigTable as HandlerTable).bySig;
  }
  return st.sigTable as HandlerTable;
}

function idOf(fn: Function): number {
  const t = table();
  let id = t.ids.get(fn);
  if (id === undefined) {
    id = t.next++;
    t.ids.set(fn, id);
    t.byId.set(id, fn as (sig: number) => unknown);
  }
  return id;
}

setSignalRunner((f: SignalFrameInfo) => {
  const fn = table().byId.get(f.handler);
  if (!fn) return undefined;
  return f.flags & SA_SIGINFO ? fn(f.sig, { si_signo: f.sig, si_code: 0 }, null) : fn(f.sig);
});

const badSig = (sig: number) => !Number.isInteger(sig) || sig < 1 || sig > NSIG;

export function sigemptyset(set: sigset_t): number { set.value = 0n; return 0; }
export function sigfillset(set: sigset_t): number { set.value = (1n << BigInt(NSIG)) - 1n; return 0; }
export function sigaddset(set: sigset_t, sig: number): number {
  if (badSig(sig)) { __set_errno(EINVAL); return -1; }
  set.value |= 1n << BigInt(sig - 1);
  return 0;
}
export function sigdelset(set: sigset_t, sig: number): number {
  if (badSig(sig)) { __set_errno(EINVAL); return -1; }
  set.value &= ~(1n << BigInt(sig - 1));
  return 0;
}
export function sigismember(set: sigset_t, sig: number): number {
  if (badSig(sig)) { __set_errno(EINVAL); return -1; }
  return (set.value >> BigInt(sig - 1)) & 1n ? 1 : 0;
}
export function sigisemptyset(set: sigset_t): number { return set.value === 0n ? 1 : 0; }
/** A new sigset_t, empty or with the given signals. */
export function sigset(...sigs: number[]): sigset_t {
  const s = { value: 0n };
  for (const g of sigs) sigaddset(s, g);
  return s;
}

/** sigaction(sig, act, oldact): install act (when given) and report the previous action. */
export function sigaction(sig: number, act: Sigaction | null, oldact?: Sigaction | null): Sys {
  if (badSig(sig)) { __set_errno(EINVAL); return -1; }
  return scoped((s) => {
    const v = dv();
    let ap = 0;
    if (act) {
      ap = s.buf(32);
      const h = act.sa_handler;
      v.setBigUint64(ap, BigInt(typeof h === "function" ? idOf(h) : h), true);
      v.setBigUint64(ap + 8, BigInt(act.sa_flags ?? 0), true);
      v.setBigUint64(ap + 24, BigInt.asUintN(64, act.sa_mask?.value ?? 0n), true);
    }
    const op = oldact ? s.buf(32) : 0;
    return then(sys(NR.__NR_rt_sigaction, sig, ap, op, 8), (r) => {
      if (r < 0) return r;
      const t = table();
      if (oldact) {
        const id = Number(v.getBigUint64(op, true));
        oldact.sa_handler = t.byId.get(id) ?? id;
        oldact.sa_flags = Number(v.getBigUint64(op + 8, true));
        oldact.sa_mask = { value: v.getBigUint64(op + 24, true) };
      }
      if (act) {
        if (typeof act.sa_handler === "function") t.bySig.set(sig, act.sa_handler);
        else t.bySig.delete(sig);
      }
      return r;
    });
  });
}

/** signal(sig, handler): BSD semantics as glibc's (SA_RESTART, sig blocked in its handler). */
export function signal(sig: number, handler: Handler): Sys<Handler> {
  const old: Sigaction = { sa_handler: SIG_DFL };
  return then(sigaction(sig, { sa_handler: handler, sa_mask: sigset(sig), sa_flags: SA_RESTART }, old), (r) =>
    r < 0 ? SIG_ERR : old.sa_handler);
}

/** sigprocmask(how, set, oldset): SIG_BLOCK, SIG_UNBLOCK or SIG_SETMASK. */
export function sigprocmask(how: number, set: sigset_t | null, oldset?: sigset_t | null): Sys {
  return scoped((s) => {
    const p = set ? s.buf(8) : 0;
    if (set) dv().setBigUint64(p, BigInt.asUintN(64, set.value), true);
    const o = oldset ? s.buf(8) : 0;
    return then(sys(NR.__NR_rt_sigprocmask, how, p, o, 8), (r) => {
      if (r === 0 && oldset) oldset.value = dv().getBigUint64(o, true);
      return r;
    });
  });
}
export const pthread_sigmask = sigprocmask;

/** sigpending(set): the signals pending while blocked. */
export function sigpending(set: sigset_t): Sys {
  return scoped((s) => {
    const p = s.buf(8);
    return then(sys(NR.__NR_rt_sigpending, p, 8), (r) => {
      if (r === 0) set.value = dv().getBigUint64(p, true);
      return r;
    });
  });
}

/** sigsuspend(mask): wait for a signal with mask in place; always -1 with EINTR. */
export function sigsuspend(mask: sigset_t): Sys {
  return scoped((s) => {
    const p = s.buf(8);
    dv().setBigUint64(p, BigInt.asUintN(64, mask.value), true);
    return sys(NR.__NR_rt_sigsuspend, p, 8);
  });
}

export function kill(pid: number, sig: number): Sys { return sys(NR.__NR_kill, pid, sig); }
/** raise(sig): send sig to the calling process; handlers run before it returns. */
export function raise(sig: number): Sys {
  return then(getpid(), (pid) => then(kill(pid, sig), (r) => (r < 0 ? -1 : 0)));
}
export function killpg(pgrp: number, sig: number): Sys {
  if (pgrp < 0) { __set_errno(EINVAL); return -1; }
  return kill(-pgrp, sig);
}

/** psignal(sig, s): "s: <description>\n" on stderr. */
export function psignal(sig: number, s?: string | null): Sys<void> {
  const text = strsignal(sig);
  return then(write(2, s ? `${s}: ${text}\n` : `${text}\n`), () => undefined);
}
