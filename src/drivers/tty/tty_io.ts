// The file operations of a terminal (tty_fops): open (a session leader without a terminal
// acquires this one), read and write through the line discipline after the job-control
// checks, poll, ioctl (tty_ioctl.ts) and release. A File's privateData is its Tty.
import type { File, FileOperations, PollTable } from "../../fs/file.js";
import { pollWait, POLLIN, POLLRDNORM, POLLOUT, POLLWRNORM, POLLHUP } from "../../fs/file.js";
import type { Task } from "../../kernel/task.js";
import { Errno } from "../../kernel/errors.js";
import { EIO } from "../../include/uapi/errno.js";
import { O_NOCTTY, O_NONBLOCK } from "../../include/uapi/fcntl.js";
import { noLlseek } from "../../fs/read_write_generic.js";
import { TOSTOP } from "./termios.js";
import type { Tty } from "./tty.js";
import { ttyCheckRead, ttyCheckChange } from "./tty_jobctrl.js";
import { ttyIoctl } from "./tty_ioctl.js";

export function fileTty(file: File): Tty {
  return file.privateData as Tty;
}

/**
 * Bind an opened file to tty. Unless noctty (O_NOCTTY, or /dev/console and /dev/tty, which
 * Linux never makes controlling terminals), a session leader with no terminal acquires it.
 */
export function ttyOpenFile(tty: Tty, file: File, t: Task, noctty: boolean): void {
  file.privateData = tty;
  tty.count++;
  if (tty.hungUp && tty.count === 1) tty.hungUp = false;
  if (!noctty && !(file.flags & O_NOCTTY) && t.sid === t.pid && !t.tty && !tty.session) tty.attach(t);
}

export const ttyFops: FileOperations = {
  readIter(file, to, _pos, t) {
    const tty = fileTty(file);
    ttyCheckRead(t, tty);
    return tty.ldisc.read(t, to, (file.flags & O_NONBLOCK) !== 0);
  },
  writeIter(file, from, _pos, t) {
    const tty = fileTty(file);
    if (tty.hungUp) throw new Errno(EIO);
    if (tty.termios.lflag & TOSTOP) ttyCheckChange(t, tty);
    return tty.ldisc.write(t, from, (file.flags & O_NONBLOCK) !== 0);
  },
  poll(file, pt: PollTable | null) {
    const tty = fileTty(file);
    pollWait(file, tty.readWait, pt);
    pollWait(file, tty.writeWait, pt);
    let mask = 0;
    if (tty.ldisc.inputAvailable(true)) mask |= POLLIN | POLLRDNORM;
    if (tty.hungUp) mask |= POLLIN | POLLRDNORM | POLLHUP;
    if (!tty.stopped) mask |= POLLOUT | POLLWRNORM;
    return mask;
  },
  unlockedIoctl(file, cmd, arg, t) {
    return ttyIoctl(fileTty(file), file, cmd >>> 0, arg, t);
  },
  release(_inode, file) {
    const tty = fileTty(file);
    if (tty) tty.count--;
  },
  llseek: noLlseek,
};
