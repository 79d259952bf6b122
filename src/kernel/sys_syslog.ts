// syslog(2), the call dmesg uses, and what /dev/kmsg and /proc/kmsg share with it: the wait
// queue of log readers, the syslog read position, and the dmesg_restrict permission rule.
//
// Text comes out as the kernel's syslog format: "<P>[%5lu.%06lu] text\n" per record, where
// P = facility * 8 + level.
import type { Task } from "./task.js";
import { Errno } from "./errors.js";
import { EINVAL, EPERM, EFAULT } from "../include/uapi/errno.js";
import { WaitQueue } from "./wait.js";
import {
  onLogRecord, logRecords, logRecordsSinceClear, clearLog, firstSeq, nextLogSeq, formatTimestamp,
  printkSettings, type LogRecord,
} from "./printk.js";
import { capable } from "./cred.js";
import { PROT_WRITE } from "../include/uapi/mman.js";
import { IovIter } from "../fs/iov_iter.js";
import type { UserPtr } from "../mm/mm.js";

export const SYSLOG_ACTION_CLOSE = 0, SYSLOG_ACTION_OPEN = 1, SYSLOG_ACTION_READ = 2, SYSLOG_ACTION_READ_ALL = 3,
  SYSLOG_ACTION_READ_CLEAR = 4, SYSLOG_ACTION_CLEAR = 5, SYSLOG_ACTION_CONSOLE_OFF = 6, SYSLOG_ACTION_CONSOLE_ON = 7,
  SYSLOG_ACTION_CONSOLE_LEVEL = 8, SYSLOG_ACTION_SIZE_UNREAD = 9, SYSLOG_ACTION_SIZE_BUFFER = 10;

/** The size of the log buffer (CONFIG_LOG_BUF_SHIFT 17). */
export const LOG_BUF_LEN = 1 << 17;

/** /proc/sys/kernel/dmesg_restrict */
export const syslogSettings = { dmesgRestrict: 0 };

/** Log readers sleep here; every new or extended record wakes them. */
export const logWait = new WaitQueue();
onLogRecord(() => logWait.wakeUp());

/** Where SYSLOG_ACTION_READ (and /proc/kmsg) goes on: the next record and bytes already taken of it. */
const syslogPos = { seq: 0, partial: 0 };
let savedConsoleLoglevel = -1;

/** Is this action only for CAP_SYSLOG (syslog_action_restricted)? */
function restricted(type: number): boolean {
  if (syslogSettings.dmesgRestrict) return true;
  return type !== SYSLOG_ACTION_READ_ALL && type !== SYSLOG_ACTION_SIZE_BUFFER;
}

/** check_syslog_permissions: EPERM unless allowed. fromProc: /proc/kmsg, checked at open. */
export function checkSyslogPermission(t: Task, type: number, fromProc = false): void {
  if (fromProc) return;
  if (restricted(type) && !capable(t.cred)) throw new Errno(EPERM);
}

/** A record as syslog prints it: "<P>[    1.234567] text\n". */
export function syslogRecordText(r: LogRecord): string {
  return `<${(r.facility << 3) | r.level}>${formatTimestamp(r.usec)}${r.text}\n`;
}

const enc = new TextEncoder();

/** Finished records only: one still open for pr_cont is not handed out yet. */
function finished(recs: LogRecord[]): LogRecord[] {
  const last = recs[recs.length - 1];
  return last && last.open ? recs.slice(0, -1) : recs;
}

function syslogUnread(): LogRecord[] {
  if (syslogPos.seq < firstSeq()) { syslogPos.seq = firstSeq(); syslogPos.partial = 0; }
  return finished(logRecords(syslogPos.seq));
}

/** SYSLOG_ACTION_READ: consume unread records into `to`, sleeping while there are none. */
export async function syslogRead(t: Task, to: IovIter, nonblock: boolean): Promise<number> {
  if (syslogUnread().length === 0) {
    if (nonblock) throw new Errno(11 /* EAGAIN */);
    await logWait.waitEvent(t, () => syslogUnread().length > 0);
  }
  let done = 0;
  for (const r of syslogUnread()) {
    const bytes = enc.encode(syslogRecordText(r)).subarray(syslogPos.partial);
    const n = Math.min(bytes.length, to.count);
    if (n === 0) break;
    done += to.copyOut(bytes.subarray(0, n));
    if (n < bytes.length) { syslogPos.partial += n; break; }
    syslogPos.seq = r.seq + 1;
    syslogPos.partial = 0;
  }
  return done;
}

/** READ_ALL / READ_CLEAR: the newest records since the last clear that fit in len bytes. */
function readAll(to: IovIter, len: number, clear: boolean): number {
  const recs = finished(logRecordsSinceClear()).map((r) => enc.encode(syslogRecordText(r)));
  let total = 0, first = recs.length;
  while (first > 0 && total + recs[first - 1].length <= len) total += recs[--first].length;
  let done = 0;
  for (let i = first; i < recs.length; i++) done += to.copyOut(recs[i]);
  if (clear) clearLog();
  return done;
}

/** do_syslog: the body of syslog(2) (and klogctl). */
export async function doSyslog(t: Task, type: number, buf: number, len: number): Promise<number> {
  checkSyslogPermission(t, type);
  const userBuf = () => {
    if (!buf || len < 0) throw new Errno(EINVAL);
    if (len > 0 && !t.mm!.accessOk(buf, len, PROT_WRITE)) throw new Errno(EFAULT);
    return IovIter.user(t.mm!, buf as UserPtr, len);
  };
  switch (type) {
    case SYSLOG_ACTION_CLOSE:
    case SYSLOG_ACTION_OPEN:
      return 0;
    case SYSLOG_ACTION_READ: {
      const to = userBuf();
      if (len === 0) return 0;
      return syslogRead(t, to, false);
    }
    case SYSLOG_ACTION_READ_ALL:
    case SYSLOG_ACTION_READ_CLEAR: {
      const to = userBuf();
      if (len === 0) return 0;
      return readAll(to, len, type === SYSLOG_ACTION_READ_CLEAR);
    }
    case SYSLOG_ACTION_CLEAR:
      clearLog();
      return 0;
    case SYSLOG_ACTION_CONSOLE_OFF:
      if (savedConsoleLoglevel === -1) savedConsoleLoglevel = printkSettings.consoleLoglevel;
      printkSettings.consoleLoglevel = printkSettings.minimumConsoleLoglevel;
      return 0;
    case SYSLOG_ACTION_CONSOLE_ON:
      if (savedConsoleLoglevel !== -1) {
        printkSettings.consoleLoglevel = savedConsoleLoglevel;
        savedConsoleLoglevel = -1;
      }
      return 0;
    case SYSLOG_ACTION_CONSOLE_LEVEL:
      if (len < 1 || len > 8) throw new Errno(EINVAL);
      printkSettings.consoleLoglevel = Math.max(len, printkSettings.minimumConsoleLoglevel);
      savedConsoleLoglevel = -1;
      return 0;
    case SYSLOG_ACTION_SIZE_UNREAD: {
      let n = 0;
      for (const r of syslogUnread()) n += enc.encode(syslogRecordText(r)).length;
      return n - syslogPos.partial;
    }
    case SYSLOG_ACTION_SIZE_BUFFER:
      return LOG_BUF_LEN;
    default:
      throw new Errno(EINVAL);
  }
}

/** Bytes /proc/kmsg's poll and read see waiting. */
export function syslogHasUnread(): boolean {
  return syslogUnread().length > 0;
}

/** implements syslog(2) */
export function sys_syslog(t: Task, type: number, buf: number, len: number): Promise<number> {
  return doSyslog(t, type | 0, buf, len | 0);
}

export { nextLogSeq };
export const syscalls = { sys_syslog };
