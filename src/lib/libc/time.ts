// <time.h> and <sys/time.h>: time, clock_gettime, clock_getres, gettimeofday, nanosleep,
// clock, and broken-down time in UTC (Typix has no time zones yet: localtime is gmtime):
// gmtime, localtime, mktime, timegm, strftime, asctime, ctime, difftime.
import { sys, scoped, then, dv, type Sys } from "./internal/sys.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";
export { nanosleep } from "./unistd_proc.js";

export const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
  CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;
export const CLOCKS_PER_SEC = 1_000_000;

export interface Timespec { tv_sec: number; tv_nsec: number }
export interface Timeval { tv_sec: number; tv_usec: number }

function twoLongs(nr: number, a0: number, out: (x: number, y: number) => void): Sys {
  return scoped((s) => {
    const p = s.buf(16);
    return then(sys(nr, a0, p), (r) => {
      if (r === 0) out(Number(dv().getBigInt64(p, true)), Number(dv().getBigInt64(p + 8, true)));
      return r;
    });
  });
}

export function clock_gettime(clk: number, ts: Timespec): Sys {
  return twoLongs(NR.__NR_clock_gettime, clk, (a, b) => { ts.tv_sec = a; ts.tv_nsec = b; });
}
export function clock_getres(clk: number, ts: Timespec): Sys {
  return twoLongs(NR.__NR_clock_getres, clk, (a, b) => { ts.tv_sec = a; ts.tv_nsec = b; });
}
/** gettimeofday(tv): the time of day (the time zone argument is obsolete and not taken). */
export function gettimeofday(tv: Timeval): Sys {
  const ts = { tv_sec: 0, tv_nsec: 0 };
  return then(clock_gettime(CLOCK_REALTIME, ts), (r) => {
    if (r === 0) { tv.tv_sec = ts.tv_sec; tv.tv_usec = Math.floor(ts.tv_nsec / 1000); }
    return r;
  });
}
/** time(): seconds since the Epoch, or -1 with errno. */
export function time(): Sys {
  const ts = { tv_sec: 0, tv_nsec: 0 };
  return then(clock_gettime(CLOCK_REALTIME, ts), (r) => (r < 0 ? -1 : ts.tv_sec));
}
/** clock(): processor time used, in CLOCKS_PER_SEC units. */
export function clock(): Sys {
  const ts = { tv_sec: 0, tv_nsec: 0 };
  return then(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, ts), (r) => (r < 0 ? -1 : ts.tv_sec * 1e6 + Math.floor(ts.tv_nsec / 1000)));
}
export function difftime(t1: number, t0: number): number { return t1 - t0; }

export interface Tm {
  tm_sec: number; tm_min: number; tm_hour: number; tm_mday: number; tm_mon: number; tm_year: number;
  tm_wday: number; tm_yday: number; tm_isdst: number; tm_gmtoff: number; tm_zone: string;
}

/** gmtime(t): broken-down UTC time. */
export function gmtime(t: number): Tm {
  const d = new Date(t * 1000);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    tm_sec: d.getUTCSeconds(), tm_min: d.getUTCMinutes(), tm_hour: d.getUTCHours(), tm_mday: d.getUTCDate(),
    tm_mon: d.getUTCMonth(), tm_year: d.getUTCFullYear() - 1900, tm_wday: d.getUTCDay(),
    tm_yday: Math.floor((d.getTime() - jan1) / 86400000), tm_isdst: 0, tm_gmtoff: 0, tm_zone: "GMT",
  };
}
/** localtime(t): as gmtime (the system's zone is UTC). */
export function localtime(t: number): Tm { const tm = gmtime(t); tm.tm_zone = "UTC"; return tm; }
export const gmtime_r = gmtime, localtime_r = localtime;

/** timegm(tm): seconds since the Epoch; tm is normalised in place, as mktime does. */
export function timegm(tm: Tm): number {
  const ms = Date.UTC(tm.tm_year + 1900, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  const t = Math.floor(ms / 1000);
  Object.assign(tm, { ...gmtime(t), tm_zone: tm.tm_zone || "GMT" });
  return t;
}
export function mktime(tm: Tm): number { const t = timegm(tm); tm.tm_zone = "UTC"; return t; }

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** ISO 8601 week-based year and week number. */
function isoWeek(tm: Tm): { year: number; week: number } {
  const wday = (tm.tm_wday + 6) % 7; // Monday = 0
  let year = tm.tm_year + 1900;
  let week = Math.floor((tm.tm_yday - wday + 10) / 7);
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (week < 1) {
    year--;
    const yday = tm.tm_yday + (leap(year) ? 366 : 365);
    week = Math.floor((yday - wday + 10) / 7);
  } else if (week === 53) {
    const daysInYear = leap(year) ? 366 : 365;
    if (tm.tm_yday - wday + 3 >= daysInYear) { year++; week = 1; }
  }
  return { year, week };
}

/** strftime(format, tm): the formatted time (C locale), with GNU's - _ 0 ^ flags and widths. */
export function strftime(format: string, tm: Tm): string {
  return format.replace(/%([-_0^#]?)(\d*)([EO]?)([a-zA-Z%+])/g, (all, flag: string, width: string, _mod: string, c: string) => {
    const num = (v: number, w: number, padc = "0") => {
      const p = flag === "-" ? "" : flag === "_" ? " " : flag === "0" ? "0" : padc;
      const wd = width ? Number(width) : w;
      const s = String(Math.abs(v));
      return (v < 0 ? "-" : "") + (p ? s.padStart(wd - (v < 0 ? 1 : 0), p) : s);
    };
    const str = (s: string) => {
      const t = flag === "^" ? s.toUpperCase() : s;
      return width ? t.padStart(Number(width), flag === "0" ? "0" : " ") : t;
    };
    const h12 = tm.tm_hour % 12 === 0 ? 12 : tm.tm_hour % 12;
    switch (c) {
      case "a": return str(DAYS[tm.tm_wday].slice(0, 3));
      case "A": return str(DAYS[tm.tm_wday]);
      case "b": case "h": return str(MONTHS[tm.tm_mon].slice(0, 3));
      case "B": return str(MONTHS[tm.tm_mon]);
      case "c": return str(strftime("%a %b %e %H:%M:%S %Y", tm));
      case "C": return num(Math.floor((tm.tm_year + 1900) / 100), 2);
      case "d": return num(tm.tm_mday, 2);
      case "D": return str(strftime("%m/%d/%y", tm));
      case "e": return num(tm.tm_mday, 2, " ");
      case "F": return str(strftime("%Y-%m-%d", tm));
      case "g": return num(isoWeek(tm).year % 100, 2);
      case "G": return num(isoWeek(tm).year, 1);
      case "H": return num(tm.tm_hour, 2);
      case "I": return num(h12, 2);
      case "j": return num(tm.tm_yday + 1, 3);
      case "k": return num(tm.tm_hour, 2, " ");
      case "l": return num(h12, 2, " ");
      case "m": return num(tm.tm_mon + 1, 2);
      case "M": return num(tm.tm_min, 2);
      case "n": return "\n";
      case "p": return str(tm.tm_hour < 12 ? "AM" : "PM");
      case "P": return str(tm.tm_hour < 12 ? "am" : "pm");
      case "r": return str(strftime("%I:%M:%S %p", tm));
      case "R": return str(strftime("%H:%M", tm));
      case "s": return num(timegm({ ...tm }), 1);
      case "S": return num(tm.tm_sec, 2);
      case "t": return "\t";
      case "T": return str(strftime("%H:%M:%S", tm));
      case "u": return num(tm.tm_wday === 0 ? 7 : tm.tm_wday, 1);
      case "U": return num(Math.floor((tm.tm_yday + 7 - tm.tm_wday) / 7), 2);
      case "V": return num(isoWeek(tm).week, 2);
      case "w": return num(tm.tm_wday, 1);
      case "W": return num(Math.floor((tm.tm_yday + 7 - ((tm.tm_wday + 6) % 7)) / 7), 2);
      case "x": return str(strftime("%m/%d/%y", tm));
      case "X": return str(strftime("%H:%M:%S", tm));
      case "y": return num((tm.tm_year + 1900) % 100, 2);
      case "Y": return num(tm.tm_year + 1900, 1);
      case "z": {
        const off = tm.tm_gmtoff, a = Math.abs(off);
        return (off < 0 ? "-" : "+") + String(Math.floor(a / 3600)).padStart(2, "0") + String(Math.floor(a / 60) % 60).padStart(2, "0");
      }
      case "Z": return str(tm.tm_zone);
      case "+": return str(strftime("%a %b %e %H:%M:%S %Z %Y", tm));
      case "%": return "%";
      default: return all;
    }
  });
}

/** asctime(tm): "Thu Jan  1 00:00:00 1970\n". */
export function asctime(tm: Tm): string {
  return `${DAYS[tm.tm_wday].slice(0, 3)} ${MONTHS[tm.tm_mon].slice(0, 3)} ${String(tm.tm_mday).padStart(2, " ")} ` +
    `${strftime("%H:%M:%S", tm)} ${tm.tm_year + 1900}\n`;
}
export function ctime(t: number): string { return asctime(localtime(t)); }
