// The terminal as a user meets it: typed bytes, what is echoed, what read() returns, which
// signals the foreground group gets, and the ioctls' answers and errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../../tests/ktest.js";
import { Tty } from "./tty.js";
import { ttyFops, ttyOpenFile } from "./tty_io.js";
import { ttyIoctl } from "./tty_ioctl.js";
import { openConsoleFile, consoleTty, setConsoleHostWriter, consoleInput } from "./console.js";
import { IovIter } from "../../fs/iov_iter.js";
import { allocFile } from "../../fs/file_table.js";
import { setCurrent } from "../../kernel/sched.js";
import { sigbit } from "../../kernel/task.js";
import { doExit } from "../../kernel/exit.js";
import { Errno } from "../../kernel/errors.js";
import { ENOTTY, EPERM, ESRCH, EAGAIN, ERESTARTSYS, EIO } from "../../include/uapi/errno.js";
import { SIGINT, SIGQUIT, SIGTSTP, SIGWINCH, SIGTTIN, SIGTTOU, SIGHUP, SIG_IGN } from "../../include/uapi/signal.js";
import {
  TCGETS, TCSETS, TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP, TIOCGSID, TIOCSCTTY, TIOCNOTTY, FIONREAD,
} from "../../include/uapi/ioctls.js";
import { ICANON, ECHO, TOSTOP, VMIN, VTIME } from "./termios.js";
import { MKDEV } from "../../include/uapi/stat.js";
import { O_RDWR } from "../../include/uapi/fcntl.js";

const k = ktest();
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** A terminal whose device output is collected, controlling a new session led by a fresh task. */
function setup(): { tty: Tty; out: () => string; leader: KTask; file: ReturnType<typeof allocFile> } {
  let output = "";
  const tty = new Tty("ttyT", MKDEV(136, 0), { write: (_t, d) => { output += dec(d); } });
  const leader = k.task({ uid: 1000 });
  leader.task.sid = leader.task.pid;
  leader.task.pgid = leader.task.pid;
  const file = openOn(tty, leader);
  return { tty, out: () => { const s = output; output = ""; return s; }, leader, file };
}

function openOn(tty: Tty, kt: KTask, flags = O_RDWR) {
  const init = kt.task.fs.root;
  const f = allocFile(init, init.dentry.inode, ttyFops, flags);
  ttyOpenFile(tty, f, kt.task, false);
  return f;
}

async function read(tty: Tty, kt: KTask, n = 100, nonblock = false): Promise<string> {
  const buf = new Uint8Array(n);
  try {
    const got = await tty.ldisc.read(kt.task, IovIter.kernel(buf), nonblock);
    return dec(buf.subarray(0, got));
  } finally {
    setCurrent(null);
  }
}

function ioctl(tty: Tty, file: ReturnType<typeof allocFile>, kt: KTask, cmd: number, arg: number): number {
  try {
    return ttyIoctl(tty, file, cmd, arg, kt.task);
  } catch (e) {
    if (e instanceof Errno) return -e.errno;
    throw e;
  }
}

const pending = (kt: KTask, sig: number) => (kt.task.pending & sigbit(sig)) !== 0n;

test("a session leader opening a terminal acquires it", () => {
  const { tty, leader } = setup();
  assert.equal(leader.task.tty, tty);
  assert.equal(tty.session, leader.task.pid);
  assert.equal(tty.pgrp, leader.task.pgid);
});

test("canonical mode: echo, CR to NL, ONLCR, and a line per read", async () => {
  const { tty, out, leader } = setup();
  tty.receive(enc("hello\rworld\n"));
  assert.equal(out(), "hello\r\nworld\r\n");
  assert.equal(await read(tty, leader), "hello\n");
  assert.equal(await read(tty, leader, 3), "wor");
  assert.equal(await read(tty, leader), "ld\n");
});

test("ERASE (^? and ^H), KILL, WERASE edit the line and echo as Linux does", async () => {
  const { tty, out, leader } = setup();
  tty.receive(enc("abx\x7fc\x08d\n"));
  assert.equal(out(), "abx\b \bc\b \bd\r\n");
  assert.equal(await read(tty, leader), "abd\n");
  tty.receive(enc("abc\x15x\n"));
  assert.equal(out(), "abc\b \b\b \b\b \bx\r\n");
  assert.equal(await read(tty, leader), "x\n");
  tty.receive(enc("foo bar\x17baz\n"));
  assert.equal(out(), "foo bar\b \b\b \b\b \bbaz\r\n");
  assert.equal(await read(tty, leader), "foo baz\n");
  tty.receive(enc("\x7fq\x03"));
  assert.equal(out(), "q^C");
});

test("EOF: a read returns what is buffered, or 0 at the start of a line", async () => {
  const { tty, leader } = setup();
  tty.receive(enc("ab\x04"));
  assert.equal(await read(tty, leader), "ab");
  tty.receive(enc("\x04"));
  assert.equal(await read(tty, leader), "");
});

test("^C, ^\\ and ^Z signal the foreground group and flush the input", async () => {
  const { tty, out, leader } = setup();
  const member = k.task({ uid: 1000 });
  member.task.sid = leader.task.sid;
  member.task.pgid = leader.task.pgid;
  member.task.tty = tty;
  const other = k.task({ uid: 1000 });
  tty.receive(enc("partial\x03"));
  assert.equal(out(), "partial^C");
  assert.ok(pending(leader, SIGINT) && pending(member, SIGINT));
  assert.ok(!pending(other, SIGINT));
  assert.equal(tty.ldisc.readable(), 0);
  tty.receive(enc("\x1c\x1a"));
  assert.ok(pending(member, SIGQUIT) && pending(member, SIGTSTP));
  assert.equal(out(), "^\\^Z");
  tty.receive(enc("ok\n"));
  assert.equal(await read(tty, leader), "ok\n");
});

test("echo off: nothing is echoed, control characters show as ^X when echoed", async () => {
  const { tty, out, leader, file } = setup();
  const p = leader.buf(64);
  assert.equal(ioctl(tty, file, leader, TCGETS, p), 0);
  const v = new DataView(leader.bytes(p, 36).buffer);
  const lflag = v.getUint32(12, true);
  leader.task.mm!.view.setUint32(p + 12, lflag & ~ECHO, true);
  assert.equal(ioctl(tty, file, leader, TCSETS, p), 0);
  tty.receive(enc("secret\n"));
  assert.equal(out(), "");
  assert.equal(await read(tty, leader), "secret\n");
  leader.task.mm!.view.setUint32(p + 12, lflag, true);
  ioctl(tty, file, leader, TCSETS, p);
  tty.receive(enc("\x01\n"));
  assert.equal(out(), "^A\r\n");
});

test("TCGETS returns Linux's default termios", () => {
  const { tty, leader, file } = setup();
  const p = leader.buf(64);
  assert.equal(ioctl(tty, file, leader, TCGETS, p), 0);
  const b = leader.bytes(p, 36);
  const v = new DataView(b.buffer);
  assert.deepEqual([v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true), v.getUint32(12, true)],
    [0x500, 0x5, 0x4bf, 0x8a3b]);
  assert.deepEqual([...b.subarray(17, 34)], [3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0]);
});

test("non-canonical mode: VMIN/VTIME, FIONREAD, O_NONBLOCK", async () => {
  const { tty, leader, file, out } = setup();
  const p = leader.buf(64);
  ioctl(tty, file, leader, TCGETS, p);
  const mm = leader.task.mm!;
  mm.view.setUint32(p + 12, mm.view.getUint32(p + 12, true) & ~(ICANON | ECHO), true);
  mm.bytes[p + 17 + VMIN] = 0;
  mm.bytes[p + 17 + VTIME] = 0;
  ioctl(tty, file, leader, TCSETS, p);
  assert.equal(await read(tty, leader), "");
  await assert.rejects(read(tty, leader, 10, true), (e) => e instanceof Errno && e.errno === EAGAIN);
  tty.receive(enc("xyz"));
  assert.equal(out(), "");
  const n = leader.buf(4);
  ioctl(tty, file, leader, FIONREAD, n);
  assert.equal(leader.u32(n), 3);
  assert.equal(await read(tty, leader, 2), "xy");
  mm.bytes[p + 17 + VMIN] = 2;
  ioctl(tty, file, leader, TCSETS, p);
  const r = read(tty, leader);
  setTimeout(() => tty.receive(enc("q")), 5);
  assert.equal(await r, "zq");
  mm.bytes[p + 17 + VMIN] = 0;
  mm.bytes[p + 17 + VTIME] = 1;
  ioctl(tty, file, leader, TCSETS, p);
  const t0 = Date.now();
  assert.equal(await read(tty, leader), "");
  assert.ok(Date.now() - t0 >= 90);
});

test("window size: TIOCSWINSZ sends SIGWINCH to the foreground group", () => {
  const { tty, leader, file } = setup();
  leader.task.sighand[SIGWINCH].handler = 0x1000;
  const p = leader.buf(8);
  leader.task.mm!.view.setUint16(p, 50, true);
  leader.task.mm!.view.setUint16(p + 2, 132, true);
  assert.equal(ioctl(tty, file, leader, TIOCSWINSZ, p), 0);
  assert.ok(pending(leader, SIGWINCH));
  const q = leader.buf(8);
  ioctl(tty, file, leader, TIOCGWINSZ, q);
  assert.deepEqual([leader.task.mm!.view.getUint16(q, true), leader.task.mm!.view.getUint16(q + 2, true)], [50, 132]);
});

test("job-control ioctls: TIOCGPGRP, TIOCSPGRP, TIOCGSID, TIOCSCTTY, TIOCNOTTY", () => {
  const { tty, leader, file } = setup();
  const p = leader.buf(4);
  assert.equal(ioctl(tty, file, leader, TIOCGPGRP, p), 0);
  assert.equal(leader.u32(p), leader.task.pid);
  assert.equal(ioctl(tty, file, leader, TIOCGSID, p), 0);
  assert.equal(leader.u32(p), leader.task.pid);
  const stranger = k.task({ uid: 1000 });
  const sp = stranger.buf(4);
  assert.equal(ioctl(tty, file, stranger, TIOCGPGRP, sp), -ENOTTY);
  assert.equal(ioctl(tty, file, stranger, TIOCGSID, sp), -ENOTTY);
  // A group in the session becomes the foreground; one outside it cannot, nor one that does not exist.
  const job = k.task({ uid: 1000 });
  job.task.sid = leader.task.sid;
  job.task.tty = tty;
  leader.task.mm!.view.setInt32(p, job.task.pgid, true);
  assert.equal(ioctl(tty, file, leader, TIOCSPGRP, p), 0);
  assert.equal(tty.pgrp, job.task.pgid);
  leader.task.mm!.view.setInt32(p, stranger.task.pgid, true);
  // The leader is now in the background: SIGTTOU stops it unless it ignores SIGTTOU.
  leader.task.sighand[SIGTTOU].handler = SIG_IGN;
  assert.equal(ioctl(tty, file, leader, TIOCSPGRP, p), -EPERM);
  leader.task.mm!.view.setInt32(p, 999999, true);
  assert.equal(ioctl(tty, file, leader, TIOCSPGRP, p), -ESRCH);
  assert.equal(ioctl(tty, file, stranger, TIOCSPGRP, sp), -ENOTTY);
  // TIOCSCTTY: not a session leader, or the terminal taken: EPERM.
  assert.equal(ioctl(tty, file, stranger, TIOCSCTTY, 0), -EPERM);
  stranger.task.sid = stranger.task.pid;
  assert.equal(ioctl(tty, file, stranger, TIOCSCTTY, 0), -EPERM);
  assert.equal(ioctl(tty, file, leader, TIOCSCTTY, 0), 0);
  // TIOCNOTTY by the leader: the foreground group is hung up, the terminal is free.
  assert.equal(ioctl(tty, file, leader, TIOCNOTTY, 0), 0);
  assert.ok(pending(job, SIGHUP));
  assert.equal(leader.task.tty, null);
  assert.equal(job.task.tty, null);
  assert.equal(tty.session, 0);
  assert.equal(ioctl(tty, file, stranger, TIOCSCTTY, 0), 0);
  assert.equal(stranger.task.tty, tty);
});

test("a background reader gets SIGTTIN, or EIO when it ignores it; TOSTOP writers get SIGTTOU", async () => {
  const { tty, leader, file } = setup();
  const bg = k.task({ uid: 1000 });
  bg.task.sid = leader.task.sid;
  bg.task.parent = leader.task;
  bg.task.tty = tty;
  const buf = new Uint8Array(10);
  await assert.rejects(async () => ttyFops.readIter!(file, IovIter.kernel(buf), { value: 0 }, bg.task),
    (e) => e instanceof Errno && e.errno === ERESTARTSYS);
  assert.ok(pending(bg, SIGTTIN));
  bg.task.sighand[SIGTTIN].handler = SIG_IGN;
  await assert.rejects(async () => ttyFops.readIter!(file, IovIter.kernel(buf), { value: 0 }, bg.task),
    (e) => e instanceof Errno && e.errno === EIO);
  // Writing from the background is allowed until TOSTOP is set.
  assert.equal(await ttyFops.writeIter!(file, IovIter.kernel(enc("x")), { value: 0 }, bg.task), 1);
  tty.termios.lflag |= TOSTOP;
  await assert.rejects(async () => ttyFops.writeIter!(file, IovIter.kernel(enc("x")), { value: 0 }, bg.task),
    (e) => e instanceof Errno && e.errno === ERESTARTSYS);
  assert.ok(pending(bg, SIGTTOU));
});

test("the session leader's exit hangs up the foreground group", async () => {
  const { tty, leader } = setup();
  const job = k.task({ uid: 1000 });
  job.task.sid = leader.task.sid;
  job.task.tty = tty;
  tty.pgrp = job.task.pgid;
  await doExit(leader.task, 0);
  setCurrent(null);
  assert.ok(pending(job, SIGHUP));
  assert.equal(tty.session, 0);
  assert.equal(job.task.tty, null);
});

test("the console: output to the host writer, /dev/console never becomes a controlling terminal", async () => {
  let got = "";
  setConsoleHostWriter((d) => { got += dec(d); });
  const kt = k.task({ uid: 0 });
  kt.task.sid = kt.task.pid;
  const f = openConsoleFile(kt.task);
  assert.equal(kt.task.tty, null);
  consoleTty.attach(kt.task);
  consoleInput(enc("ls\r"));
  assert.equal(got, "ls\r\n");
  const buf = new Uint8Array(10);
  const n = await ttyFops.readIter!(f, IovIter.kernel(buf), { value: 0 }, kt.task);
  assert.equal(dec(buf.subarray(0, n as number)), "ls\n");
  await ttyFops.writeIter!(f, IovIter.kernel(enc("a\nb")), { value: 0 }, kt.task);
  assert.equal(got, "ls\r\na\r\nb");
  setConsoleHostWriter(null);
});

test("input typed in raw mode is readable at once, unedited, when canonical mode comes back", async () => {
  const { tty, leader, file } = setup();
  const p = leader.buf(64);
  ioctl(tty, file, leader, TCGETS, p);
  const mm = leader.task.mm!;
  const lflag = mm.view.getUint32(p + 12, true);
  mm.view.setUint32(p + 12, lflag & ~(ICANON | ECHO), true);
  ioctl(tty, file, leader, TCSETS, p);
  tty.receive(enc("ab\x7fc\rnext"));
  assert.equal(await read(tty, leader, 3), "ab\x7f");
  mm.view.setUint32(p + 12, lflag, true);
  ioctl(tty, file, leader, TCSETS, p);
  assert.equal(await read(tty, leader), "c\nnext");
  tty.receive(enc("x\x7fy\n"));
  assert.equal(await read(tty, leader), "y\n");
});
