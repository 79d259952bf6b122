// sysfs through the system calls: the boot-time tree, the mem class, and attributes that
// other code adds (show on read, store on write, errno by mode and from store).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../../tests/ktest.js";
import * as E from "../../include/uapi/errno.js";
import { O_RDONLY, O_WRONLY, O_DIRECTORY } from "../../include/uapi/fcntl.js";
import { sysfsCreateDir, sysfsCreateFile, sysfsCreateLink, sysfsRemove, sysfsLookup } from "./sysfs.js";
import { classDeviceAdd, classDeviceRemove } from "./class.js";
import { Errno } from "../../kernel/errors.js";
import { MKDEV } from "../../include/uapi/stat.js";

const k = ktest();
const root = k.task();
const user = k.task({ uid: 1000 });
const bufs = new Map<KTask, number>();
const bufOf = (t: KTask) => bufs.get(t) ?? (bufs.set(t, t.buf(4096)), bufs.get(t)!);

async function read(t: KTask, path: string): Promise<string | number> {
  const fd = await t.sys("open", t.str(path), O_RDONLY);
  if (fd < 0) return fd;
  const n = await t.sys("read", fd, bufOf(t), 4096);
  await t.sys("close", fd);
  return n < 0 ? n : t.text(bufOf(t), n);
}

const write = (t: KTask, path: string, text: string) => t.writeText(path, text);
const readlink = (t: KTask, path: string) => t.readlinkText(path);

test("the boot tree: kernel, class, module, devices, dev/char, fs", async () => {
  for (const d of ["/sys/kernel", "/sys/kernel/debug", "/sys/class", "/sys/module", "/sys/devices", "/sys/dev/char", "/sys/fs"]) {
    const fd = await root.sys("open", root.str(d), O_RDONLY | O_DIRECTORY);
    assert.ok(fd >= 0, d);
    await root.sys("close", fd);
  }
  assert.equal(await user.sys("open", user.str("/sys/kernel/debug"), O_RDONLY | O_DIRECTORY), -E.EACCES);
  assert.match(String(await read(user, "/sys/kernel/uevent_seqnum")), /^\d+\n$/);
});

test("mem devices: dev, uevent, and the class and dev/char links", async () => {
  assert.equal(await read(user, "/sys/class/mem/null/dev"), "1:3\n");
  assert.equal(await read(user, "/sys/class/mem/zero/dev"), "1:5\n");
  assert.equal(await read(user, "/sys/class/mem/null/uevent"), "MAJOR=1\nMINOR=3\nDEVNAME=null\nDEVMODE=0666\n");
  assert.equal(await readlink(user, "/sys/class/mem/null"), "../../devices/virtual/mem/null");
  assert.equal(await readlink(user, "/sys/dev/char/1:8"), "../../devices/virtual/mem/random");
  assert.equal(await read(user, "/sys/dev/char/1:8/dev"), "1:8\n");
  assert.equal(await readlink(user, "/sys/devices/virtual/mem/full/subsystem"), "../../../../class/mem");
  assert.equal(await write(user, "/sys/class/mem/null/uevent", "add"), -E.EACCES);
  const before = Number(await read(root, "/sys/kernel/uevent_seqnum"));
  assert.equal(await write(root, "/sys/class/mem/null/uevent", "change\n"), 7);
  assert.equal(Number(await read(root, "/sys/kernel/uevent_seqnum")), before + 1);
  assert.equal(await write(root, "/sys/class/mem/null/uevent", "explode"), -E.EINVAL);
});

test("attributes that code adds: show, store, EACCES by mode, errors from store", async () => {
  let value = "initial";
  const dir = sysfsCreateDir("kernel", "typix_test");
  sysfsCreateFile(dir, { name: "value", mode: 0o644, show: () => `${value}\n`, store: (t) => { value = t.trim(); } });
  sysfsCreateFile(dir, { name: "picky", mode: 0o200, store: (t) => (t.startsWith("ok") ? undefined : -E.EINVAL) });
  sysfsCreateFile(dir, { name: "broken", mode: 0o444, show: () => { throw new Errno(E.EIO); } });
  sysfsCreateLink(dir, sysfsLookup("class/mem")!, "mem");
  assert.equal(await read(user, "/sys/kernel/typix_test/value"), "initial\n");
  assert.equal(await write(user, "/sys/kernel/typix_test/value", "x"), -E.EACCES);
  assert.equal(await write(root, "/sys/kernel/typix_test/value", "changed\n"), 8);
  assert.equal(await read(user, "/sys/kernel/typix_test/value"), "changed\n");
  assert.equal(await write(root, "/sys/kernel/typix_test/picky", "bad"), -E.EINVAL);
  assert.equal(await write(root, "/sys/kernel/typix_test/picky", "ok"), 2);
  assert.equal(await read(root, "/sys/kernel/typix_test/picky"), -E.EACCES);
  assert.equal(await read(user, "/sys/kernel/typix_test/broken"), -E.EIO);
  assert.equal(await readlink(user, "/sys/kernel/typix_test/mem"), "../../class/mem");
  sysfsRemove(dir);
  assert.equal(await read(user, "/sys/kernel/typix_test/value"), -E.ENOENT);
});

test("class devices come and go", async () => {
  classDeviceAdd("typixcls", "thing0", MKDEV(240, 7));
  assert.equal(await read(user, "/sys/class/typixcls/thing0/dev"), "240:7\n");
  assert.equal(await read(user, "/sys/class/typixcls/thing0/uevent"), "MAJOR=240\nMINOR=7\nDEVNAME=thing0\n");
  classDeviceRemove("typixcls", "thing0");
  assert.equal(await read(user, "/sys/class/typixcls/thing0/dev"), -E.ENOENT);
  assert.equal(await read(user, "/sys/dev/char/240:7/dev"), -E.ENOENT);
});
