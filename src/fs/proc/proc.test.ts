// /proc through the system calls: the generator files' formats, per-process directories,
// their permissions, the fd magic links, and the writable sysctls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../../tests/ktest.js";
import * as E from "../../include/uapi/errno.js";
import { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT } from "../../include/uapi/fcntl.js";
import { utsname } from "../../kernel/utsname.js";
import { printkSettings } from "../../kernel/printk.js";
import { boot } from "../../index.js";

const k = ktest();
const root = k.task();
const user = k.task({ uid: 1000 });
const other = k.task({ uid: 1001 });

const bufs = new Map<KTask, number>();
const bufOf = (t: KTask) => bufs.get(t) ?? (bufs.set(t, t.buf(4096)), bufs.get(t)!);

async function readAll(t: KTask, path: string): Promise<string> {
  const fd = await t.sys("open", t.str(path), O_RDONLY);
  assert.ok(fd >= 0, `open ${path} = ${fd}`);
  const b = bufOf(t);
  let s = "";
  for (;;) {
    const n = await t.sys("read", fd, b, 7);
    assert.ok(n >= 0);
    if (n === 0) break;
    s += t.text(b, n);
  }
  await t.sys("close", fd);
  return s;
}

const writeTo = (t: KTask, path: string, text: string) => t.writeText(path, text);
const readlink = (t: KTask, path: string) => t.readlinkText(path);

test("system files: version, uptime, loadavg, devices, filesystems, meminfo", async () => {
  assert.match(await readAll(user, "/proc/version"), /^Linux version 6\.6\.0-typix \(typix@typix\) \(.*\) #1 SMP PREEMPT_DYNAMIC .*\n$/);
  assert.match(await readAll(user, "/proc/uptime"), /^\d+\.\d\d \d+\.\d\d\n$/);
  assert.match(await readAll(user, "/proc/loadavg"), /^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+\n$/);
  const dev = await readAll(user, "/proc/devices");
  assert.match(dev, /^Character devices:\n(?:[ \d]{3} \S.*\n)+\nBlock devices:\n$/);
  assert.match(dev, /\n {2}1 mem\n/);
  const fs = await readAll(user, "/proc/filesystems");
  for (const t of ["tmpfs", "proc", "sysfs", "devtmpfs"]) assert.match(fs, new RegExp(`^nodev\\t${t}$`, "m"));
  const mem = await readAll(user, "/proc/meminfo");
  assert.match(mem, /^MemTotal: {7}\s*\d+ kB\nMemFree: {8}\s*\d+ kB\nMemAvailable: {3}\s*\d+ kB\n/);
  assert.match(mem, /^HugePages_Total: {4}0$/m);
  assert.match(mem, /^HardwareCorrupted: {5}0 kB$/m);
  for (const line of mem.split("\n").filter((l) => l.endsWith(" kB") && !l.startsWith("HardwareCorrupted"))) assert.match(line, /^.{16}[ \d]{7}\d+ kB$/);
  assert.match(await readAll(user, "/proc/cpuinfo"), /^processor\t: 0\n(.|\n)*model name\t: .+\n(.|\n)*\n\n$/);
  assert.match(await readAll(user, "/proc/stat"), /^cpu {2}(\d+ ){9}\d+\ncpu0 /);
});

test("mounts: source, point, type, options, 0 0", async () => {
  const m = await readAll(user, "/proc/mounts");
  assert.match(m, /^rootfs \/ rootfs rw 0 0\n/);
  assert.match(m, /^proc \/proc proc rw 0 0$/m);
  assert.match(m, /^devtmpfs \/dev devtmpfs rw 0 0$/m);
  assert.equal(await readAll(user, "/proc/self/mounts"), m);
  assert.equal(await readlink(user, "/proc/mounts"), "self/mounts");
});

test("/proc/self and the per-process files", async () => {
  const pid = user.task.pid;
  assert.equal(await readlink(user, "/proc/self"), String(pid));
  const st = await readAll(user, "/proc/self/status");
  assert.match(st, new RegExp(`^Name:\\tktest\\nUmask:\\t0022\\nState:\\tR \\(running\\)\\nTgid:\\t${pid}\\nNgid:\\t0\\nPid:\\t${pid}\\nPPid:\\t1\\n`));
  assert.match(st, /^Uid:\t1000\t1000\t1000\t1000$/m);
  assert.match(st, /^SigBlk:\t[0-9a-f]{16}$/m);
  assert.match(st, /^VmStk:\t {5}132 kB$/m);
  const stat = (await readAll(user, `/proc/${pid}/stat`)).trimEnd().split(" ");
  assert.equal(stat.length, 52);
  assert.deepEqual(stat.slice(0, 3), [String(pid), "(ktest)", "R"]);
  const maps = await readAll(user, "/proc/self/maps");
  assert.match(maps, /^10000000-10100000 rw-p 00000000 00:00 0 {34}\[heap\]$/m);
  for (const l of maps.trimEnd().split("\n")) assert.match(l, /^[0-9a-f]{8}-[0-9a-f]{8} [r-][w-][x-][ps] [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} \d+ (| {25,}\S.*)$/);
  assert.equal((await readAll(user, "/proc/self/comm")), "ktest\n");
  assert.equal(await writeTo(user, "/proc/self/comm", "renamed"), 7);
  assert.equal(user.task.comm, "renamed");
  assert.equal(await writeTo(root, `/proc/${pid}/comm`, "x"), -E.EINVAL);
  user.task.comm = "ktest";
  const ls = await readAll(user, "/proc/self/fd/../stat");
  assert.ok(ls.length > 0);
});

test("cmdline and environ are read from the process's memory", async () => {
  const t = user.task;
  const mm = t.mm!;
  const args = "prog\0-x\0arg two\0";
  const p = user.str(args);
  mm.argStart = p; mm.argEnd = p + args.length;
  const env = "A=1\0B=2\0";
  const q = user.str(env);
  mm.envStart = q; mm.envEnd = q + env.length;
  assert.equal(await readAll(user, "/proc/self/cmdline"), args);
  assert.equal(await readAll(user, `/proc/${t.pid}/environ`), env);
  assert.equal(await root.sys("open", root.str(`/proc/${t.pid}/environ`), O_RDONLY) >= 0, true);
  assert.equal(await other.sys("open", other.str(`/proc/${t.pid}/environ`), O_RDONLY), -E.EACCES);
  assert.equal(await readAll(other, `/proc/${t.pid}/cmdline`), args);
});

test("fd/: links named by descriptor, readable by the owner and root only; opening one reopens the file", async () => {
  const fd = await user.sys("open", user.str("/tmp/procfd"), O_CREAT | O_RDWR, 0o600);
  assert.ok(fd >= 0);
  const pid = user.task.pid;
  assert.equal(await readlink(user, `/proc/self/fd/${fd}`), "/tmp/procfd");
  assert.equal(await readlink(root, `/proc/${pid}/fd/${fd}`), "/tmp/procfd");
  assert.equal(await readlink(other, `/proc/${pid}/fd/${fd}`), -E.EACCES);
  assert.equal(await other.sys("open", other.str(`/proc/${pid}/fd`), O_RDONLY), -E.EACCES);
  assert.equal(await readlink(user, `/proc/self/fd/999`), -E.ENOENT);
  assert.equal(await readlink(user, "/proc/self/cwd"), "/");
  assert.equal(await readlink(other, `/proc/${pid}/cwd`), -E.EACCES);
  const info = await readAll(user, `/proc/self/fdinfo/${fd}`);
  assert.match(info, /^pos:\t0\nflags:\t0100002\nmnt_id:\t\d+\nino:\t\d+\n$/);
  const w = user.str("through");
  assert.equal(await user.sys("write", fd, w, 7), 7);
  // Unlinked, the file is still reachable through its descriptor.
  assert.equal(await user.sys("unlink", user.str("/tmp/procfd")), 0);
  assert.equal(await readlink(user, `/proc/self/fd/${fd}`), "/tmp/procfd (deleted)");
  assert.equal(await readAll(user, `/proc/self/fd/${fd}`), "through");
  assert.equal(await readAll(user, `/dev/fd/${fd}`), "through");
});

test("sysctls: read, and written by root", async () => {
  assert.equal(await readAll(user, "/proc/sys/kernel/ostype"), "Linux\n");
  assert.equal(await readAll(user, "/proc/sys/kernel/osrelease"), "6.6.0-typix\n");
  assert.equal(await readAll(user, "/proc/sys/kernel/tainted"), "0\n");
  assert.equal(await readAll(user, "/proc/sys/kernel/pid_max"), "4194304\n");
  assert.equal(await readAll(user, "/proc/sys/kernel/dmesg_restrict"), "0\n");
  assert.match(await readAll(user, "/proc/sys/kernel/printk"), /^\d\t\d\t\d\t\d\n$/);
  assert.equal(await writeTo(user, "/proc/sys/kernel/hostname", "nope\n"), -E.EACCES);
  assert.equal(await writeTo(root, "/proc/sys/kernel/hostname", "box\n"), 4);
  assert.equal(utsname.nodename, "box");
  assert.equal(await readAll(user, "/proc/sys/kernel/hostname"), "box\n");
  const saved = { ...printkSettings };
  assert.equal(await writeTo(root, "/proc/sys/kernel/printk", "3 4 1 7\n"), 8);
  assert.equal(await readAll(user, "/proc/sys/kernel/printk"), "3\t4\t1\t7\n");
  Object.assign(printkSettings, saved);
  assert.equal(await writeTo(root, "/proc/sys/kernel/printk", "loud"), -E.EINVAL);
  assert.equal(await writeTo(root, "/proc/sys/kernel/panic_on_oops", "1"), 1);
  assert.equal(await readAll(user, "/proc/sys/kernel/panic_on_oops"), "1\n");
  assert.equal(await writeTo(root, "/proc/sys/kernel/panic_on_oops", "0"), 1);
  assert.equal(await writeTo(root, "/proc/version", "x"), -E.EIO);
  assert.equal(await root.sys("open", root.str("/proc/nosuch"), O_RDONLY), -E.ENOENT);
  assert.equal(await user.sys("open", user.str("/proc/kmsg"), O_RDONLY), -E.EACCES);
});

test("a booted machine: cat reads /proc, ls lists it, /dev/stdin follows into the pipe", async () => {
  const m = await boot();
  try {
    assert.match(await m.readTextFile("/proc/version"), /^Linux version 6\.6\.0-typix /);
    const r = await m.spawn(["/bin/cat", "/proc/self/cmdline"]);
    assert.equal(r.stdout, "/bin/cat\0/proc/self/cmdline\0");
    const ls = await m.spawn(["/bin/ls", "/proc/1"]);
    assert.match(ls.stdout, /\bcmdline\b[\s\S]*\bstatus\b/);
    const st = await m.spawn(["/bin/cat", "/proc/1/status"]);
    assert.match(st.stdout, /^Name:\tinit\n/);
    const piped = await m.run("echo through | cat /dev/stdin");
    assert.equal(piped.stdout, "through\n");
    const fds = await m.run("ls -l /proc/self/fd | cat");
    assert.match(fds.stdout, /^l-wx------ .* 1 -> pipe:\[\d+\]$/m);
  } finally {
    await m.shutdown();
  }
});
