// /dev/kmsg (1,11), Linux's devkmsg: each read returns one log record as
// "<prio>,<seq>,<usec>,<flag>;<text>\n" (prio = facility * 8 + level; flag '-', or 'c' for a
// record still open for continuation); a write adds a record, taking its level (and facility)
// from a leading "<N>". Every open file has its own position in the log.
import type { File, FileOperations } from "../../fs/file.js";
import { POLLIN, POLLRDNORM, POLLERR, POLLPRI, pollWait } from "../../fs/file.js";
import { Errno } from "../../kernel/errors.js";
import { EAGAIN, EINVAL, EPIPE, ESPIPE } from "../../include/uapi/errno.js";
import { O_NONBLOCK } from "../../include/uapi/fcntl.js";
import { SEEK_SET, SEEK_END, SEEK_DATA } from "../../include/uapi/fcntl.js";
import { logRecords, logRecordsSinceClear, firstSeq, nextLogSeq, printk, printkSettings, type LogRecord } from "../../kernel/printk.js";
import { logWait, checkSyslogPermission, SYSLOG_ACTION_READ_ALL } from "../../kernel/sys_syslog.js";
import { decodeUtf8 } from "../../mm/uaccess.js";

/** LOG_USER: writes from user space never claim the kernel facility (0). */
const LOG_USER = 1;
/** The longest record text (PRINTK_MESSAGE_MAX less the prefix room, as LOG_LINE_MAX). */
const LOG_LINE_MAX = 1024 - 32;

interface KmsgUser { seq: number }

function user(file: File): KmsgUser { return file.privateData as KmsgUser; }

/** The next record for this reader, if one is finished. */
function nextRecord(u: KmsgUser): LogRecord | null {
  const r = logRecords(u.seq)[0];
  if (!r) return null;
  // A record still open for pr_cont is shown once something follows it.
  if (r.open && r.seq === nextLogSeq() - 1) return null;
  return r;
}

/** Escape what is not printable ASCII, and the backslash, as "\xNN". */
function escapeText(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x5c || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out;
}

/**
 * One record as devkmsg_read prints it:
 *   "%u,%llu,%llu,%c;" prio, seq, usec since boot, '-' (or 'c'), then the escaped text and "\n".
 */
export function kmsgRecordText(r: LogRecord): string {
  return `${(r.facility << 3) | r.level},${r.seq},${r.usec},${r.open ? "c" : "-"};${escapeText(r.text)}\n`;
}

const enc = new TextEncoder();

export const kmsgFops: FileOperations = {
  open(_inode, file, task) {
    // Readers need syslog permission (dmesg_restrict); writers do not.
    if (file.readable) checkSyslogPermission(task, SYSLOG_ACTION_READ_ALL);
    file.privateData = { seq: firstSeq() } satisfies KmsgUser;
  },
  async readIter(file, to, _pos, task) {
    const u = user(file);
    for (;;) {
      if (u.seq < firstSeq()) {
        // Records this reader had not seen were overwritten.
        u.seq = firstSeq();
        throw new Errno(EPIPE);
      }
      const r = nextRecord(u);
      if (r) {
        const bytes = enc.encode(kmsgRecordText(r));
        if (bytes.length > to.count) throw new Errno(EINVAL);
        u.seq = r.seq + 1;
        return to.copyOut(bytes);
      }
      if (file.flags & O_NONBLOCK) throw new Errno(EAGAIN);
      await logWait.waitEvent(task, () => u.seq < firstSeq() || nextRecord(u) !== null);
    }
  },
  writeIter(_file, from) {
    const n = from.count;
    let text = decodeUtf8(from.copyIn(n));
    let level = printkSettings.defaultMessageLoglevel;
    let facility = LOG_USER;
    const m = /^<(\d+)>/.exec(text);
    if (m) {
      const v = Number(m[1]);
      level = v & 7;
      if (v >> 3) facility = v >> 3;
      text = text.slice(m[0].length);
    }
    if (text.endsWith("\n")) text = text.slice(0, -1);
    text = text.slice(0, LOG_LINE_MAX);
    printk(`\x01${level}${text}\n`, facility);
    return n;
  },
  llseek(file, offset, whence) {
    if (offset) throw new Errno(ESPIPE);
    const u = user(file);
    switch (whence) {
      case SEEK_SET: u.seq = firstSeq(); break;
      case SEEK_DATA: u.seq = logRecordsSinceClear()[0]?.seq ?? nextLogSeq(); break;
      case SEEK_END: u.seq = nextLogSeq(); break;
      default: throw new Errno(EINVAL);
    }
    return 0;
  },
  poll(file, pt) {
    const u = user(file);
    pollWait(file, logWait, pt);
    if (u.seq < firstSeq()) return POLLIN | POLLRDNORM | POLLERR | POLLPRI;
    return nextRecord(u) ? POLLIN | POLLRDNORM : 0;
  },
};
