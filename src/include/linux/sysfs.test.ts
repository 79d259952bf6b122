// linux/kobject, linux/sysfs and device attributes end to end: modules built from source on
// the host, loaded into a booted machine, their files read and written with cat and echo as
// root and as a plain user; rmmod leaves /sys as it found it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { boot } from "../../index.js";
import { buildModule, type BuildInput } from "../../kbuild/build.js";

async function ko(input: BuildInput): Promise<Uint8Array> {
  const r = await buildModule(input);
  assert.deepEqual(r.messages, []);
  return r.ko!;
}
const EXAMPLE = fileURLToPath(new URL("../../../rootfs/usr/src/examples/sysfs/sysfs-demo.ts", import.meta.url));
const SYS_TREE = "find /sys | sort";

test("the sysfs-demo example: cat, echo as root, EINVAL for a bad number, EACCES for a user, rmmod cleans up", async () => {
  const m = await boot();
  try {
    await m.writeFile("/tmp/sysfs-demo.ko", await ko({ name: "sysfs-demo", source: readFileSync(EXAMPLE, "utf8") }));
    const before = (await m.run(SYS_TREE)).stdout;
    assert.equal((await m.run("sudo insmod /tmp/sysfs-demo.ko")).stderr, "");
    const ls = await m.run("ls -l /sys/kernel/sysfs_demo; cat /sys/kernel/sysfs_demo/value");
    assert.match(ls.stdout, /^total \d+\n-rw-r--r-- 1 root root 4096 .* value\n0\n$/);
    const set = await m.run("sudo sh -c 'echo 5 > /sys/kernel/sysfs_demo/value'; cat /sys/kernel/sysfs_demo/value");
    assert.equal(set.stderr, "");
    assert.equal(set.stdout, "5\n");
    // sh's echo says only "I/O error" (as dash's does); tee names the errno.
    const bad = await m.run("sudo sh -c 'echo five > /sys/kernel/sysfs_demo/value; echo $?'; echo five | sudo tee /sys/kernel/sysfs_demo/value >/dev/null; echo 99999999999 | sudo tee /sys/kernel/sysfs_demo/value >/dev/null; cat /sys/kernel/sysfs_demo/value");
    assert.equal(bad.stdout, "1\n5\n");
    assert.equal(bad.stderr, "sh: 1: echo: I/O error\ntee: /sys/kernel/sysfs_demo/value: Invalid argument\ntee: /sys/kernel/sysfs_demo/value: Numerical result out of range\n");
    const user = await m.run("echo 7 > /sys/kernel/sysfs_demo/value; cat /sys/kernel/sysfs_demo/value");
    assert.equal(user.stderr, "/bin/sh: 1: cannot create /sys/kernel/sysfs_demo/value: Permission denied\n");
    assert.equal(user.stdout, "5\n");
    const log = (await m.run("dmesg -t")).stdout;
    assert.match(log, /sysfs_demo: \/sys\/kernel\/sysfs_demo\/value created\n/);
    assert.match(log, /sysfs_demo: value set to 5 by sh \(pid \d+\)\n/);
    assert.equal((await m.run("sudo rmmod sysfs_demo")).stderr, "");
    assert.equal((await m.run(SYS_TREE)).stdout, before);
    assert.equal((await m.run("cat /sys/kernel/sysfs_demo/value")).stderr, "cat: /sys/kernel/sysfs_demo/value: No such file or directory\n");
  } finally {
    await m.shutdown();
  }
});

const KTYPE = `import { module_init, module_exit, MODULE_LICENSE } from "linux/module";
import { pr_info } from "linux/printk";
import { EINVAL, EIO } from "linux/errno";
import { kobject, kobject_init_and_add, kobject_put, kobject_get, kobject_name, kobj_type, kernel_kobj } from "linux/kobject";
import { sysfs_emit, sysfs_emit_at, sysfs_create_group, sysfs_remove_group, sysfs_streq, to_attr_container, attribute, attribute_group, sysfs_ops } from "linux/sysfs";
import { kstrtobool } from "linux/kstrtox";
import { scnprintf } from "linux/kernel";
import { mutex_lock, mutex_unlock, DEFINE_MUTEX } from "linux/mutex";
import { current } from "linux/sched";
import { _IOWR, _IOC_SIZE, _IOC_TYPE } from "linux/ioctl";

class foo_obj extends kobject { on = false; reads = 0; }
class foo_attribute { attr = new attribute(); show?: (f: foo_obj, a: foo_attribute, buf: Uint8Array) => number | Promise<number>; store?: (f: foo_obj, a: foo_attribute, buf: string, count: number) => number | Promise<number>; }
const lock = DEFINE_MUTEX();

const ops: sysfs_ops = {
  show(kobj, attr, buf) {
    const fa = to_attr_container<foo_attribute>(attr);
    return fa?.show ? fa.show(kobj as foo_obj, fa, buf) : -EIO;
  },
  store(kobj, attr, buf, count) {
    const fa = to_attr_container<foo_attribute>(attr);
    return fa?.store ? fa.store(kobj as foo_obj, fa, buf, count) : -EIO;
  },
};
const mk = (name: string, mode: number, show: foo_attribute["show"], store: foo_attribute["store"]) => {
  const a = new foo_attribute();
  a.attr = { name, mode };
  a.show = show;
  a.store = store;
  return a;
};
const on = mk("on", 0o644, async (f, _a, buf) => {
  await mutex_lock(lock);
  f.reads++;
  const n = sysfs_emit(buf, "%s\\n", f.on ? "Y" : "N");
  mutex_unlock(lock);
  return n;
}, async (f, _a, buf, count) => {
  const r = { value: false };
  if (kstrtobool(buf, r)) return -EINVAL;
  await mutex_lock(lock);
  f.on = r.value;
  mutex_unlock(lock);
  return count;
});
const who = mk("who", 0o444, (_f, _a, buf) => sysfs_emit(buf, "%d %s %d\\n", current.pid, current.comm, current.cred.euid), undefined);
const lines = mk("lines", 0o444, (f, _a, buf) => {
  let n = 0;
  for (let i = 0; i < 3; i++) n += sysfs_emit_at(buf, n, "%s.%d\\n", kobject_name(f), i);
  return n;
}, undefined);
const fail = mk("fail", 0o444, () => -EIO, undefined);
const poke = mk("poke", 0o200, undefined, (_f, _a, buf, count) => sysfs_streq(buf, "poke") ? count : -EINVAL);
const secret = mk("secret", 0o400, (_f, _a, buf) => sysfs_emit(buf, "s3cret\\n"), undefined);
const hidden = mk("hidden", 0o444, (_f, _a, buf) => sysfs_emit(buf, "never\\n"), undefined);
const ioc = mk("ioc", 0o444, (_f, _a, buf) => {
  const nr = _IOWR("k", 3, 24);
  const tmp = new Uint8Array(64);
  const n = scnprintf(tmp, 8, "%x", nr);
  return sysfs_emit(buf, "%x %d %c %d\\n", nr, _IOC_SIZE(nr), _IOC_TYPE(nr), n);
}, undefined);

// Containers go in attrs themselves (C's &on.attr would need container_of to know them).
const groups: attribute_group[] = [{ attrs: [on, who, lines, fail, poke, secret] }];
const extra: attribute_group = {
  name: "extra",
  attrs: [hidden, ioc, null],
  is_visible: (_k, attr, _n) => (attr.name === "hidden" ? 0 : attr.mode),
};
const ktype: kobj_type = { sysfs_ops: ops, default_groups: groups, release: (k) => pr_info("ktype_demo: release %s\\n", kobject_name(k)) };
const top = new foo_obj();
const child = new foo_obj();

async function init(): Promise<number> {
  let err = kobject_init_and_add(top, ktype, kernel_kobj, "%s", "ktype_demo");
  if (err) { kobject_put(top); return err; }
  err = kobject_init_and_add(child, ktype, top, "child%d", 1);
  if (err) { kobject_put(child); kobject_put(top); return err; }
  const again = new foo_obj();
  pr_info("ktype_demo: duplicate: %d\\n", kobject_init_and_add(again, ktype, kernel_kobj, "ktype_demo"));
  kobject_put(again);
  err = sysfs_create_group(top, extra);
  if (err) return err;
  kobject_get(top);
  kobject_put(top);
  return 0;
}
function exit(): void {
  sysfs_remove_group(top, extra);
  kobject_put(child);
  kobject_put(top);
}
module_init(init);
module_exit(exit);
MODULE_LICENSE("GPL");
`;

test("kobject_init_and_add with a ktype: sysfs_ops, default groups, named groups, is_visible, release, errors", async () => {
  const m = await boot();
  try {
    await m.writeFile("/tmp/ktype.ko", await ko({ name: "ktype_demo", source: KTYPE }));
    const before = (await m.run(SYS_TREE)).stdout;
    assert.equal((await m.run("sudo insmod /tmp/ktype.ko")).stderr, "");
    const d = "/sys/kernel/ktype_demo";
    const ls = await m.run(`ls ${d} ${d}/extra; stat -c '%a %U %n' ${d}/on ${d}/who ${d}/poke ${d}/secret ${d}/child1/on ${d}/extra/ioc`);
    assert.equal(ls.stdout, `${d}:\nchild1\nextra\nfail\nlines\non\npoke\nsecret\nwho\n\n${d}/extra:\nioc\n` +
      `644 root ${d}/on\n444 root ${d}/who\n200 root ${d}/poke\n400 root ${d}/secret\n644 root ${d}/child1/on\n444 root ${d}/extra/ioc\n`);
    const r = await m.run(`cat ${d}/on; sudo sh -c 'echo on > ${d}/on'; cat ${d}/on ${d}/child1/on ${d}/lines ${d}/child1/lines ${d}/extra/ioc; sudo cat ${d}/secret`);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, "N\nY\nN\nktype_demo.0\nktype_demo.1\nktype_demo.2\nchild1.0\nchild1.1\nchild1.2\nc0186b03 24 k 7\ns3cret\n");
    const who = await m.run(`cat ${d}/who; sudo cat ${d}/who`);
    const [u, s] = who.stdout.split("\n");
    assert.match(u, /^\d+ cat 1000$/);
    assert.match(s, /^\d+ cat 0$/);
    const errs = await m.run(`cat ${d}/fail; cat ${d}/secret; cat ${d}/poke; echo maybe | sudo tee ${d}/on; sudo sh -c 'echo poke > ${d}/poke && echo poked'; echo prod | sudo tee ${d}/poke`);
    assert.equal(errs.stdout, "maybe\npoked\nprod\n");
    assert.equal(errs.stderr, `cat: ${d}/fail: Input/output error\ncat: ${d}/secret: Permission denied\ncat: ${d}/poke: Permission denied\n` +
      `tee: ${d}/on: Invalid argument\ntee: ${d}/poke: Invalid argument\n`);
    const log = (await m.run("dmesg -t")).stdout;
    assert.ok(log.includes("sysfs: cannot create duplicate filename '/kernel/ktype_demo'\n"), log);
    assert.ok(log.includes("kobject: kobject_add_internal failed for ktype_demo with -EEXIST, don't try to register things with the same name in the same directory.\n"));
    assert.ok(log.includes("ktype_demo: duplicate: -17\nktype_demo: release ktype_demo\n"), log);
    assert.equal((await m.run("sudo rmmod ktype_demo")).stderr, "");
    const after = (await m.run("dmesg -t | tail -2")).stdout;
    assert.equal(after, "ktype_demo: release child1\nktype_demo: release ktype_demo\n");
    assert.equal((await m.run(SYS_TREE)).stdout, before);
  } finally {
    await m.shutdown();
  }
});
