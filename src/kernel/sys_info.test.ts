// uname, host and domain names, reboot, getrandom, resource limits, prctl, arch_prctl,
// personality, set_tid_address and capabilities, against Linux's values and errno.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import { EINVAL, EPERM, EFAULT, ESRCH, EMFILE } from "../include/uapi/errno.js";
import { O_CREAT, O_RDWR } from "../include/uapi/fcntl.js";
import { rebootHooks } from "./sys_info.js";
import { utsname } from "./utsname.js";
import { logRecords } from "./printk.js";

const cstr = (k: KTask, p: number, n: number) => { const b = k.bytes(p, n); return new TextDecoder().decode(b.subarray(0, b.indexOf(0))); };

test("uname: six 65-byte fields", async () => {
  const k = ktest().task();
  const b = k.buf(390);
  assert.equal(await k.sys("uname", b), 0);
  assert.equal(cstr(k, b, 65), "Linux");
  assert.equal(cstr(k, b + 65 * 2, 65), utsname.release);
  assert.equal(cstr(k, b + 65 * 4, 65), "x86_64");
  assert.equal(cstr(k, b + 65 * 5, 65), utsname.domainname);
  assert.equal(await k.sys("uname", 8), -EFAULT);
});

test("sethostname and setdomainname: root only, at most 64 bytes", async () => {
  const k = ktest().task();
  const u = ktest().task({ uid: 1000 });
  const saved = utsname.nodename;
  assert.equal(await u.sys("sethostname", u.str("x"), 1), -EPERM);
  assert.equal(await k.sys("sethostname", k.str("x".repeat(65)), 65), -EINVAL);
  assert.equal(await k.sys("sethostname", k.str("x"), -1), -EINVAL);
  assert.equal(await k.sys("sethostname", 8, 3), -EFAULT);
  assert.equal(await k.sys("sethostname", k.str("boxes"), 3), 0);
  const b = k.buf(390);
  await k.sys("uname", b);
  assert.equal(cstr(k, b + 65, 65), "box");
  assert.equal(await k.sys("sethostname", k.str(saved), saved.length), 0);
  assert.equal(await u.sys("setdomainname", u.str("x"), 1), -EPERM);
  assert.equal(await k.sys("setdomainname", k.str("x"), 65), -EINVAL);
});

test("reboot: permission, magic numbers, commands, and the host's hook", async () => {
  const k = ktest().task();
  const u = ktest().task({ uid: 1000 });
  const M1 = 0xfee1dead, M2 = 672274793;
  assert.equal(await u.sys("reboot", M1, M2, 0x01234567, 0), -EPERM);
  assert.equal(await k.sys("reboot", 0x12345678, M2, 0x01234567, 0), -EINVAL);
  assert.equal(await k.sys("reboot", M1, 1, 0x01234567, 0), -EINVAL);
  assert.equal(await k.sys("reboot", M1, M2, 0x11111111, 0), -EINVAL);
  assert.equal(await k.sys("reboot", M1, 85072278, 0x89abcdef, 0), 0); // CAD_ON, MAGIC2A
  assert.equal(await k.sys("reboot", M1, M2, 0, 0), 0); // CAD_OFF
  let restarted: string | null | undefined;
  rebootHooks.restart = (cmd) => { restarted = cmd; };
  try {
    // The call does not return: the host stops this kernel.
    void k.sys("reboot", M1, M2, 0x01234567, 0);
    await new Promise((r) => setTimeout(r, 10));
  } finally {
    rebootHooks.restart = null;
  }
  assert.equal(restarted, null);
  assert.ok(logRecords().some((r) => r.text === "reboot: Restarting system"));
  let poweredOff = false;
  rebootHooks.powerOff = () => { poweredOff = true; };
  try {
    await k.sys("reboot", M1, M2, 0x4321fedc, 0);
  } finally {
    rebootHooks.powerOff = null;
  }
  assert.ok(poweredOff);
  assert.ok(logRecords().some((r) => r.text === "reboot: Power down"));
});

test("getrandom: flags, and bytes through uaccess", async () => {
  const k = ktest().task();
  const b = k.buf(64);
  assert.equal(await k.sys("getrandom", b, 16, 8), -EINVAL);
  assert.equal(await k.sys("getrandom", b, 16, 6), -EINVAL);
  assert.equal(await k.sys("getrandom", 8, 16, 0), -EFAULT);
  assert.equal(await k.sys("getrandom", b, 0, 0), 0);
  assert.equal(await k.sys("getrandom", b, 64, 1), 64);
  assert.ok(k.bytes(b, 64).some((x) => x !== 0));
  assert.equal(await k.sys("getrandom", b, 16, 4), 16);
});

test("rlimits: defaults, EINVAL, EPERM, and RLIMIT_NOFILE bounds the descriptors", async () => {
  const k = ktest().task();
  const u = ktest().task({ uid: 1000 });
  const rl = (t: KTask, cur: bigint, max: bigint) => {
    const p = t.buf(16);
    t.task.mm!.view.setBigUint64(p, cur, true);
    t.task.mm!.view.setBigUint64(p + 8, max, true);
    return p;
  };
  const out = u.buf(16);
  assert.equal(await u.sys("getrlimit", 7, out), 0);
  assert.equal(u.task.mm!.view.getBigUint64(out, true), 1024n);
  assert.equal(u.task.mm!.view.getBigUint64(out + 8, true), 4096n);
  assert.equal(await u.sys("getrlimit", 16, out), -EINVAL);
  assert.equal(await u.sys("setrlimit", 7, rl(u, 100n, 50n)), -EINVAL);
  assert.equal(await u.sys("setrlimit", 7, rl(u, 100n, 8192n)), -EPERM);
  assert.equal(await u.sys("setrlimit", 7, rl(u, 4n, 2048n)), 0);
  assert.equal(await u.sys("setrlimit", 7, rl(u, 4n, 4096n)), -EPERM, "a lowered hard limit cannot be raised again");
  for (let i = 0; i < 4; i++) assert.ok(await u.sys("open", u.str(`/tmp/rl${u.task.pid}.${i}`), O_CREAT | O_RDWR, 0o600) >= 0);
  assert.equal(await u.sys("open", u.str(`/tmp/rl${u.task.pid}.x`), O_CREAT | O_RDWR, 0o600), -EMFILE);
  assert.equal(await k.sys("setrlimit", 7, rl(k, 1024n, 2000000n)), -EPERM, "beyond fs.nr_open");
  assert.equal(await k.sys("prlimit64", 999999, 7, 0, k.buf(16)), -ESRCH);
  assert.equal(await u.sys("prlimit64", k.task.pid, 7, 0, u.buf(16)), -EPERM);
  const old = k.buf(16);
  assert.equal(await k.sys("prlimit64", u.task.pid, 7, 0, old), 0);
  assert.equal(k.task.mm!.view.getBigUint64(old, true), 4n);
});

test("prctl: names, parent-death signal, dumpable, unknown options", async () => {
  const k = ktest().task();
  const b = k.buf(16);
  assert.equal(await k.sys("prctl", 15, k.str("averyveryverylongname")), 0);
  assert.equal(await k.sys("prctl", 16, b), 0);
  assert.equal(cstr(k, b, 16), "averyveryverylo");
  assert.equal(k.task.comm, "averyveryverylo");
  assert.equal(await k.sys("prctl", 1, 65), -EINVAL);
  assert.equal(await k.sys("prctl", 1, 9), 0);
  assert.equal(await k.sys("prctl", 2, b), 0);
  assert.equal(k.u32(b), 9);
  assert.equal(await k.sys("prctl", 3), 1);
  assert.equal(await k.sys("prctl", 4, 2), -EINVAL);
  assert.equal(await k.sys("prctl", 4, 0), 0);
  assert.equal(await k.sys("prctl", 3), 0);
  assert.equal(await k.sys("prctl", 38, 1, 0, 0, 0), 0);
  assert.equal(await k.sys("prctl", 39, 0, 0, 0, 0), 1);
  assert.equal(await k.sys("prctl", 9999), -EINVAL);
});

test("arch_prctl, personality, set_tid_address", async () => {
  const k = ktest().task();
  const b = k.buf(8);
  assert.equal(await k.sys("arch_prctl", 0x1002, 0x12345000), 0);
  assert.equal(await k.sys("arch_prctl", 0x1003, b), 0);
  assert.equal(k.i64(b), 0x12345000);
  assert.equal(await k.sys("arch_prctl", 0x1003, 8), -EFAULT);
  assert.equal(await k.sys("arch_prctl", 0x9999, b), -EINVAL);
  assert.equal(await k.sys("personality", 0xffffffff), 0);
  assert.equal(await k.sys("personality", 0x0040000), 0);
  assert.equal(await k.sys("personality", 0xffffffff), 0x0040000);
  assert.equal(await k.sys("set_tid_address", b), k.task.pid);
});

test("capget and capset: root holds every capability, others none", async () => {
  const k = ktest().task();
  const u = ktest().task({ uid: 1000 });
  const hdr = (t: KTask, version: number, pid = 0) => {
    const p = t.buf(8);
    t.task.mm!.view.setUint32(p, version, true);
    t.task.mm!.view.setInt32(p + 4, pid, true);
    return p;
  };
  const d = k.buf(24);
  assert.equal(await k.sys("capget", hdr(k, 0x20080522), d), 0);
  const v = k.task.mm!.view;
  assert.equal(v.getUint32(d, true), 0xffffffff);
  assert.equal(v.getUint32(d + 4, true), 0xffffffff);
  assert.equal(v.getUint32(d + 12, true), 0x1ff);
  const h = hdr(k, 0x1234);
  assert.equal(await k.sys("capget", h, 0), 0);
  assert.equal(k.u32(h), 0x20080522, "the kernel answers with its version");
  assert.equal(await k.sys("capget", hdr(k, 0x1234), d), -EINVAL);
  assert.equal(await k.sys("capget", hdr(k, 0x20080522, -1), d), -EINVAL);
  assert.equal(await k.sys("capget", hdr(k, 0x20080522, 999999), d), -ESRCH);
  const ud = u.buf(24);
  assert.equal(await u.sys("capget", hdr(u, 0x20080522), ud), 0);
  assert.ok(u.bytes(ud, 24).every((x) => x === 0));
  const raise = u.buf(24);
  u.task.mm!.view.setUint32(raise + 4, 1, true);
  assert.equal(await u.sys("capset", hdr(u, 0x20080522), raise), -EPERM);
  assert.equal(await u.sys("capset", hdr(u, 0x20080522, k.task.pid), ud), -EPERM);
  assert.equal(await u.sys("capset", hdr(u, 0x20080522), ud), 0);
});
