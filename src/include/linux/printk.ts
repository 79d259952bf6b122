// "linux/printk": printk with a KERN_* level prefix and the pr_* helpers, formatting with the
// kernel's printf (vsprintf.ts). pr_fmt is Linux's per-file prefix macro: a module sets it with
// set_pr_fmt(fmt => KBUILD_MODNAME + ": " + fmt) and every pr_* after that uses it.
// pr_debug prints nothing, as in a kernel built without DEBUG whose dynamic debug is off.
import { printk as logPrintk } from "../../kernel/printk.js";
import { vsprintf } from "./vsprintf.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export const KERN_SOH = "\x01";
export const KERN_EMERG = "\x010", KERN_ALERT = "\x011", KERN_CRIT = "\x012", KERN_ERR = "\x013",
  KERN_WARNING = "\x014", KERN_NOTICE = "\x015", KERN_INFO = "\x016", KERN_DEBUG = "\x017";
export const KERN_DEFAULT = "";
export const KERN_CONT = "\x01c";
export const LOGLEVEL_EMERG = 0, LOGLEVEL_ALERT = 1, LOGLEVEL_CRIT = 2, LOGLEVEL_ERR = 3, LOGLEVEL_WARNING = 4,
  LOGLEVEL_NOTICE = 5, LOGLEVEL_INFO = 6, LOGLEVEL_DEBUG = 7;

let prFmt: (fmt: string) => string = (fmt) => fmt;

/** pr_fmt: the prefix function every pr_* applies to its format. */
export function pr_fmt(fmt: string): string { return prFmt(fmt); }
/** Set pr_fmt (Linux: #define pr_fmt(fmt) KBUILD_MODNAME ": " fmt before the includes). */
export function set_pr_fmt(fn: ((fmt: string) => string) | null): void { prFmt = fn ?? ((fmt) => fmt); }

/** printk(fmt, ...): fmt may start with a KERN_* level; returns the number of characters logged. */
export function printk(fmt: string, ...args: unknown[]): number {
  const s = vsprintf(fmt, args);
  logPrintk(s);
  return s.replace(/^\x01./, "").length;
}

export const pr_emerg = (fmt: string, ...a: unknown[]) => printk(KERN_EMERG + pr_fmt(fmt), ...a);
export const pr_alert = (fmt: string, ...a: unknown[]) => printk(KERN_ALERT + pr_fmt(fmt), ...a);
export const pr_crit = (fmt: string, ...a: unknown[]) => printk(KERN_CRIT + pr_fmt(fmt), ...a);
export const pr_err = (fmt: string, ...a: unknown[]) => printk(KERN_ERR + pr_fmt(fmt), ...a);
export const pr_warn = (fmt: string, ...a: unknown[]) => printk(KERN_WARNING + pr_fmt(fmt), ...a);
export const pr_warning = pr_warn;
export const pr_notice = (fmt: string, ...a: unknown[]) => printk(KERN_NOTICE + pr_fmt(fmt), ...a);
export const pr_info = (fmt: string, ...a: unknown[]) => printk(KERN_INFO + pr_fmt(fmt), ...a);
export const pr_cont = (fmt: string, ...a: unknown[]) => printk(KERN_CONT + fmt, ...a);
/** Compiled out unless DEBUG: formats nothing, logs nothing (as no_printk). */
export const pr_debug = (_fmt: string, ..._a: unknown[]) => 0;
export const pr_devel = pr_debug;

export const api = {
  printk, _printk: printk, pr_fmt, set_pr_fmt, pr_emerg, pr_alert, pr_crit, pr_err, pr_warn, pr_warning, pr_notice,
  pr_info, pr_cont, pr_debug, pr_devel, KERN_SOH, KERN_EMERG, KERN_ALERT, KERN_CRIT, KERN_ERR, KERN_WARNING,
  KERN_NOTICE, KERN_INFO, KERN_DEBUG, KERN_DEFAULT, KERN_CONT, LOGLEVEL_EMERG, LOGLEVEL_ALERT, LOGLEVEL_CRIT,
  LOGLEVEL_ERR, LOGLEVEL_WARNING, LOGLEVEL_NOTICE, LOGLEVEL_INFO, LOGLEVEL_DEBUG,
};
exportHeader("linux/printk", api);
