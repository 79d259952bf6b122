// The example modules of /usr/src/examples, as a learner uses them: each is in the image,
// built, at /lib/modules/RELEASE/extra with depmod's indexes, so `modprobe NAME` works at once;
// each does what its README says, logs what it says, and goes away with rmmod.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TYPIX_RELEASE } from "../kernel/utsname.js";
import { exampleDirs, readExample, objm, userPrograms } from "./examples_support.js";
import { withMachine, ok, newLog, logLength, checkHello, checkParams, checkSeqfile, checkWaitq, checkExportPair } from "./examples_checks.js";

const MODDIR = `/lib/modules/${TYPIX_RELEASE}`;

test("every example builds inside Typix with its own Makefile: make, then make clean", async () => {
  await withMachine(async (m) => {
    for (const dir of [...exampleDirs(), "sysfs"]) {
      assert.ok(readExample(dir, "README.md").length > 0, `${dir}/README.md`);
      const mk = readExample(dir, "Makefile");
      const built = [...objm(mk).map((n) => `${n}.ko`), ...userPrograms(mk)];
      const r = await m.run(`cp -r /usr/src/examples/${dir} ~/${dir} && cd ~/${dir} && make && ls`);
      assert.equal(r.stderr, "", dir);
      assert.equal(r.status, 0, dir);
      for (const f of built) assert.ok(r.stdout.split("\n").includes(f), `${dir}: ${f} in ${r.stdout}`);
      const clean = await m.run(`cd ~/${dir} && make clean >/dev/null && ls`);
      for (const f of built) assert.ok(!clean.stdout.split("\n").includes(f), `${dir}: ${f} after make clean`);
    }
  });
});

test("the image holds every example module under extra/, and the indexes are depmod's own", async () => {
  await withMachine(async (m) => {
    const expected = exampleDirs().flatMap((d) => objm(readExample(d, "Makefile"))).map((n) => `${n}.ko`);
    const listed = (await ok(m, `ls ${MODDIR}/extra`)).split("\n").filter(Boolean);
    for (const ko of expected) assert.ok(listed.includes(ko), `${ko} in ${listed.join(" ")}`);
    const files = ["modules.dep", "modules.alias", "modules.symbols", "modules.softdep"];
    const before = await Promise.all(files.map((f) => m.readTextFile(`${MODDIR}/${f}`)));
    assert.ok(before[0].includes("extra/consumer.ko: extra/provider.ko\n"), before[0]);
    assert.ok(before[0].includes("extra/hwkm.ko:\n"), before[0]);
    assert.ok(before[2].includes("alias symbol:typix_greet provider\n"), before[2]);
    await ok(m, "sudo depmod");
    const after = await Promise.all(files.map((f) => m.readTextFile(`${MODDIR}/${f}`)));
    assert.deepEqual(after, before);
  });
});

test("hwkm: modprobe, cat /proc/hwkm, the load and unload messages, rmmod", async () => {
  await withMachine(async (m) => {
    const n = await logLength(m);
    await ok(m, "sudo modprobe hwkm");
    assert.equal(await ok(m, "cat /proc/hwkm"), "Hello World From Kernel Module!\n");
    assert.equal(await ok(m, "cat /proc/hwkm /proc/hwkm"), "Hello World From Kernel Module!\n".repeat(2));
    assert.match(await ok(m, "/sbin/lsmod"), /\nhwkm +\d+  0\n/);
    await ok(m, "sudo rmmod hwkm");
    assert.deepEqual(await newLog(m, n), ["hwkm: loading out-of-tree module taints kernel.", "Hello World module is loaded.", "Goodbye World!"]);
    const gone = await m.run("cat /proc/hwkm");
    assert.equal(gone.stderr, "cat: /proc/hwkm: No such file or directory\n");
    assert.equal((await m.run(`/sbin/modinfo -F description ${MODDIR}/extra/hwkm.ko`)).stdout, "Hello World: /proc/hwkm\n");
    // By name, as kmod finds it: modules.dep.
    assert.equal((await m.run("/sbin/modinfo -F filename hwkm")).stdout, `${MODDIR}/extra/hwkm.ko\n`);
    const missing = await m.run("/sbin/modinfo nosuchmod");
    assert.deepEqual([missing.status, missing.stderr], [1, "modinfo: ERROR: Module nosuchmod not found.\n"]);
  });
});

test("hello: /dev/hello and /sys/class/hello, hello-test as a user, in use while open, rmmod", async () => {
  await withMachine((m) => checkHello(m, "sudo modprobe hello"));
});

test("params: values from the insmod line, /sys/module/params/parameters, a write by root", async () => {
  await withMachine((m) => checkParams(m, `${MODDIR}/extra/params.ko`));
});

test("params: decimal values of several digits, out of range for a ushort", async () => {
  await withMachine(async (m) => {
    await ok(m, `sudo insmod ${MODDIR}/extra/params.ko myushort=65535 myint=42 mylong=-123456789 myintarray=10,20,30`);
    assert.equal(await ok(m, "cd /sys/module/params/parameters && cat myushort myint mylong myintarray"), "65535\n42\n-123456789\n10,20,30\n");
    const r = await m.run(`sudo rmmod params; sudo insmod ${MODDIR}/extra/params.ko myushort=65536`);
    assert.equal(r.stderr, `insmod: ERROR: could not insert module ${MODDIR}/extra/params.ko: Numerical result out of range\n`);
  });
});

test("seqfile: /proc/seqfile lists the module's list, whatever the reader's buffer size", async () => {
  await withMachine((m) => checkSeqfile(m, "sudo modprobe seqfile"));
});

test("waitq: a read sleeps until a writer comes; O_NONBLOCK gives EAGAIN; a signal interrupts the wait", async () => {
  await withMachine((m) => checkWaitq(m, "sudo modprobe waitq"));
});

test("export-pair: consumer needs provider; modprobe loads both, holders, rmmod refused while used", async () => {
  await withMachine((m) => checkExportPair(m, { consumerKo: `${MODDIR}/extra/consumer.ko`, load: "sudo modprobe consumer", unload: "sudo modprobe -r consumer" }));
});
