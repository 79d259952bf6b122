// "linux/timer": one-shot kernel timers. The callback runs in interrupt context (no task:
// `current` is whatever it was, sleeping is a bug); an exception in it is an oops reported
// here, since no system call is there to catch it.
import { oops } from "../../kernel/panic.js";
import { HZ, get_jiffies_64 } from "./jiffies.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export class timer_list {
  function: ((t: timer_list) => void | Promise<void>) | null = null;
  expires = 0;
  flags = 0;
  handle: ReturnType<typeof setTimeout> | null = null;
}
export const TIMER_DEFERRABLE = 0x80000, TIMER_PINNED = 0x200000, TIMER_IRQSAFE = 0x400000;

/** Run a callback of interrupt context: an exception (or a rejected promise) is an oops. */
export function runInInterrupt(where: string, fn: () => void | Promise<void>): void {
  try {
    const r = fn();
    if (r && typeof (r as Promise<void>).catch === "function") (r as Promise<void>).catch((e) => oops(null, e, where));
  } catch (e) {
    oops(null, e, where);
  }
}

export function timer_setup(t: timer_list, fn: (t: timer_list) => void | Promise<void>, flags: number): void {
  t.function = fn;
  t.flags = flags;
  t.handle = null;
}
export const DEFINE_TIMER = (fn: (t: timer_list) => void) => { const t = new timer_list(); timer_setup(t, fn, 0); return t; };
export const timer_pending = (t: timer_list) => t.handle !== null;

/** mod_timer: (re)arm for `expires` (jiffies); 1 if it was pending, else 0. */
export function mod_timer(t: timer_list, expires: number): number {
  const was = del_timer(t);
  t.expires = expires;
  const ms = Math.min(0x7fffffff, Math.max(0, ((expires - get_jiffies_64()) * 1000) / HZ)); // the host's timer limit (~24.8 days)
  t.handle = setTimeout(() => {
    t.handle = null;
    const fn = t.function;
    if (fn) runInInterrupt("call_timer_fn+0x2b/0x130", () => fn(t));
  }, ms);
  return was;
}
export function add_timer(t: timer_list): void { mod_timer(t, t.expires); }
/** del_timer: 1 if the timer was pending, else 0. */
export function del_timer(t: timer_list): number {
  if (t.handle === null) return 0;
  clearTimeout(t.handle);
  t.handle = null;
  return 1;
}
export const del_timer_sync = del_timer, timer_delete = del_timer, timer_delete_sync = del_timer, timer_shutdown_sync = del_timer;

export const api = {
  timer_setup, DEFINE_TIMER, timer_pending, mod_timer, add_timer, del_timer, del_timer_sync, timer_delete,
  timer_delete_sync, timer_shutdown_sync, TIMER_DEFERRABLE, TIMER_PINNED, TIMER_IRQSAFE,
};
exportHeader("linux/timer", api, ["timer_shutdown_sync"]);
