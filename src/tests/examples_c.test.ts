// The C sources of /usr/src/examples, built by `make` inside the machine as a learner builds
// them: each module behaves as the copy that comes with the system (built from the TypeScript
// source beside it), checked by the same functions (examples_checks.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine, ok, newLog, logLength, makeExamples, checkHello, checkParams, checkSeqfile, checkWaitq, checkExportPair } from "./examples_checks.js";

test("hello.c and hwkm.c: the C drivers built by make behave as the copies that come with the system", async () => {
  await withMachine(async (m) => {
    await makeExamples(m, "hello", "hwkm");
    assert.equal((await m.run("/sbin/modinfo -F description ~/hello/hello.ko ~/hwkm/hwkm.ko")).stdout, "A 256-byte memory at /dev/hello\nHello World: /proc/hwkm\n");
    await checkHello(m, "sudo insmod ~/hello/hello.ko");
    const n = await logLength(m);
    await ok(m, "sudo insmod ~/hwkm/hwkm.ko");
    assert.equal(await ok(m, "cat /proc/hwkm /proc/hwkm"), "Hello World From Kernel Module!\n".repeat(2));
    assert.equal(await ok(m, "dd if=/proc/hwkm bs=5 status=none"), "Hello World From Kernel Module!\n");
    await ok(m, "sudo rmmod hwkm");
    assert.deepEqual(await newLog(m, n), ["Hello World module is loaded.", "Goodbye World!"]);
  });
});

test("params.c: module_param and module_param_array of a C module, from insmod's line to /sys/module/params", async () => {
  await withMachine(async (m) => {
    await makeExamples(m, "params");
    await checkParams(m, "/home/user/params/params.ko");
    // C's long is 32 bits here (ILP32): a value beyond it is refused, not cut to its low bits.
    const r = await m.run("sudo insmod ~/params/params.ko mylong=5000000000");
    assert.equal(r.stderr, "insmod: ERROR: could not insert module /home/user/params/params.ko: Numerical result out of range\n");
    await ok(m, "sudo insmod ~/params/params.ko mylong=-2147483648 && cat /sys/module/params/parameters/mylong | grep -x -- -2147483648 && sudo rmmod params");
  });
});

test("seqfile.c: seq_operations over a kmalloc'd list, /proc/seqfile read with any buffer size", async () => {
  await withMachine(async (m) => {
    await makeExamples(m, "seqfile");
    await checkSeqfile(m, "sudo insmod ~/seqfile/seqfile.ko");
  });
});

test("waitq.c: wait_event_interruptible until a writer comes; O_NONBLOCK gives EAGAIN; a signal interrupts the wait", async () => {
  await withMachine(async (m) => {
    await makeExamples(m, "waitq");
    await checkWaitq(m, "sudo insmod ~/waitq/waitq.ko");
  });
});

test("provider.c and consumer.c: EXPORT_SYMBOL between C modules; consumer needs provider, holders, rmmod refused while used", async () => {
  await withMachine(async (m) => {
    await makeExamples(m, "export-pair");
    assert.equal(await ok(m, "cat ~/export-pair/Module.symvers"), "0x00000000\ttypix_greet\tprovider\tEXPORT_SYMBOL\t\n");
    assert.equal(await ok(m, "/sbin/modinfo -F depends ~/export-pair/consumer.ko"), "provider\n");
    const dir = "/home/user/export-pair";
    await checkExportPair(m, { consumerKo: `${dir}/consumer.ko`, load: `sudo insmod ${dir}/provider.ko && sudo insmod ${dir}/consumer.ko`, unload: "sudo rmmod consumer provider" });
    // A C module and a TypeScript one do not call each other: their arguments differ (a C string
    // is an address in kernel memory). Each side refuses the other's export as unknown.
    for (const [provider, consumer] of [["sudo modprobe provider", `sudo insmod ${dir}/consumer.ko`], [`sudo insmod ${dir}/provider.ko`, "sudo modprobe consumer"]]) {
      await ok(m, provider);
      const r = await m.run(consumer);
      assert.match(r.stderr, /: Unknown symbol in module/, consumer);
      assert.ok((await ok(m, "dmesg -t")).endsWith("consumer: Unknown symbol typix_greet (err -2)\n"), consumer);
      await ok(m, "sudo rmmod provider");
    }
  });
});
