// The kernel log: a ring of records with level, sequence number and timestamp, read by
// dmesg (syslog(2)), /dev/kmsg and /proc/kmsg. Console output of records at or above
// console_loglevel goes to the console driver's writer.
export const KERN_EMERG = 0, KERN_ALERT = 1, KERN_CRIT = 2, KERN_ERR = 3, KERN_WARNING = 4,
  KERN_NOTICE = 5, KERN_INFO = 6, KERN_DEBUG = 7;
export const LOGLEVEL_DEFAULT = KERN_WARNING;

export interface LogRecord {
  seq: number;
  level: number;
  facility: number;
  /** Microseconds since boot. */
  usec: number;
  text: string;
  /** A continuation (pr_cont) may still be appended. */
  open: boolean;
}

const LOG_BUF_LEN = 1 << 17;
const records: LogRecord[] = [];
let bytes = 0;
let nextSeq = 0;
/** The oldest seq still in the buffer; syslog's clear position. */
let clearSeq = 0;
let bootTime = performance.now();

/** /proc/sys/kernel/printk: console_loglevel, default_message_loglevel, minimum, default console. */
export const printkSettings = { consoleLoglevel: 7, defaultMessageLoglevel: 4, minimumConsoleLoglevel: 1, defaultConsoleLoglevel: 7 };

const listeners = new Set<(r: LogRecord) => void>();
let consoleWriter: ((text: string) => void) | null = null;

export function setBootTime(t: number): void { bootTime = t; }
export function uptimeUsec(): number { return Math.floor((performance.now() - bootTime) * 1000); }

/** Send records at or above console_loglevel to the console (the console driver registers here). */
export function registerConsole(writer: ((text: string) => void) | null): void { consoleWriter = writer; }

/** Get told of every new or extended record (/dev/kmsg readers, dmesg -w, the host). */
export function onLogRecord(fn: (r: LogRecord) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Parse a leading KERN_<LEVEL> marker ("\x01" + digit or "\x01c" for KERN_CONT). */
function splitLevel(msg: string): { level: number | "cont" | null; text: string } {
  if (msg.charCodeAt(0) === 1 && msg.length >= 2) {
    const c = msg[1];
    if (c === "c") return { level: "cont", text: msg.slice(2) };
    if (c >= "0" && c <= "7") return { level: Number(c), text: msg.slice(2) };
  }
  return { level: null, text: msg };
}

export function formatTimestamp(usec: number): string {
  const sec = Math.floor(usec / 1e6);
  return `[${String(sec).padStart(5)}.${String(usec % 1e6).padStart(6, "0")}] `;
}

/** printk(): add text to the log. A message may start with a KERN_* level marker. */
export function printk(msg: string, facility = 0): void {
  const { level, text } = splitLevel(msg);
  const last = records[records.length - 1];
  if (level === "cont" && last && last.open) {
    appendTo(last, text);
    return;
  }
  if (last) last.open = false;
  const lvl = typeof level === "number" ? level : printkSettings.defaultMessageLoglevel;
  // Each line of a multi-line message is its own record, as the kernel splits them.
  const lines = text.split("\n");
  const endsOpen = !text.endsWith("\n");
  if (!endsOpen) lines.pop();
  lines.forEach((line, i) => {
    const r: LogRecord = { seq: nextSeq++, level: lvl, facility, usec: uptimeUsec(), text: line, open: endsOpen && i === lines.length - 1 };
    records.push(r);
    bytes += line.length + 32;
    while (bytes > LOG_BUF_LEN && records.length > 1) {
      const old = records.shift()!;
      bytes -= old.text.length + 32;
    }
    emit(r, line);
  });
}

function appendTo(r: LogRecord, text: string): void {
  const nl = text.indexOf("\n");
  const part = nl >= 0 ? text.slice(0, nl) : text;
  r.text += part;
  if (nl >= 0) r.open = false;
  consoleWriter && r.level < printkSettings.consoleLoglevel && consoleWriter(part + (nl >= 0 ? "\n" : ""));
  for (const fn of listeners) fn(r);
  if (nl >= 0 && nl < text.length - 1) printk(text.slice(nl + 1));
}

function emit(r: LogRecord, line: string): void {
  if (consoleWriter && r.level < printkSettings.consoleLoglevel) consoleWriter(`${formatTimestamp(r.usec)}${line}${r.open ? "" : "\n"}`);
  for (const fn of listeners) fn(r);
}

/** Records still in the buffer from seq on (syslog reads, /dev/kmsg). */
export function logRecords(fromSeq = 0): LogRecord[] {
  return records.filter((r) => r.seq >= fromSeq);
}
export function logRecordsSinceClear(): LogRecord[] {
  return records.filter((r) => r.seq >= clearSeq);
}
export function clearLog(): void { clearSeq = nextSeq; }
export function firstSeq(): number { return records[0]?.seq ?? nextSeq; }
export function nextLogSeq(): number { return nextSeq; }

export const KERN = (l: number) => `\x01${l}`;
export const KERN_CONT = "\x01c";
export const pr_emerg = (s: string) => printk(KERN(0) + s + "\n");
export const pr_alert = (s: string) => printk(KERN(1) + s + "\n");
export const pr_crit = (s: string) => printk(KERN(2) + s + "\n");
export const pr_err = (s: string) => printk(KERN(3) + s + "\n");
export const pr_warn = (s: string) => printk(KERN(4) + s + "\n");
export const pr_notice = (s: string) => printk(KERN(5) + s + "\n");
export const pr_info = (s: string) => printk(KERN(6) + s + "\n");
export const pr_debug = (s: string) => printk(KERN(7) + s + "\n");
