// What a learner sees of each example module once it is loaded, checked the same way for the
// copies that come with the system (built from the TypeScript sources) and for the C sources
// built by make inside the machine; and the helpers those checks share.
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";

export async function withMachine(fn: (m: Machine) => Promise<void>): Promise<void> {
  const m = await boot();
  try { await fn(m); } finally { await m.shutdown(); }
}

/** Run a command line and expect it to succeed quietly on stderr; its stdout. */
export async function ok(m: Machine, cmd: string): Promise<string> {
  const r = await m.run(cmd);
  assert.equal(r.stderr, "", cmd);
  assert.equal(r.status, 0, cmd);
  return r.stdout;
}

/** The kernel log lines (without timestamps) that came after `before` lines. */
export async function newLog(m: Machine, before: number): Promise<string[]> {
  return (await ok(m, "dmesg -t")).split("\n").filter(Boolean).slice(before);
}
export const logLength = async (m: Machine) => (await ok(m, "dmesg -t")).split("\n").filter(Boolean).length;

/** Build an example's C user program with the machine's gcc into /usr/local/bin/NAME. */
export async function installUserProgram(m: Machine, dir: string, name: string): Promise<void> {
  await ok(m, `sudo gcc -Wall -o /usr/local/bin/${name} /usr/src/examples/${dir}/${name}.c`);
}

/** Copy examples to ~ and build each there with make (quietly). */
export async function makeExamples(m: Machine, ...dirs: string[]): Promise<void> {
  await ok(m, `cp -r ${dirs.map((d) => `/usr/src/examples/${d}`).join(" ")} ~`);
  for (const d of dirs) await ok(m, `cd ~/${d} && make -s >/dev/null`);
}

/** The hello driver, once `load` has loaded it: the node, the class, hello-test, in use while open, rmmod. */
export async function checkHello(m: Machine, load: string): Promise<void> {
  await ok(m, load);
  const major = Number((await ok(m, "grep ' hello$' /proc/devices")).split(" ")[0]);
  assert.ok(major > 0);
  assert.match(await ok(m, "ls -l /dev/hello"), new RegExp(`^crw-rw-rw- 1 root root ${major}, 0 .* /dev/hello\n$`));
  assert.equal(await ok(m, "cat /sys/class/hello/hello/dev"), `${major}:0\n`);
  await installUserProgram(m, "hello", "hello-test");
  const r = await m.spawn(["/usr/local/bin/hello-test"]);
  assert.deepEqual([r.stdout, r.stderr, r.status], ["hello\n", "", 0]);
  // The device keeps what was written: cat reads it from the start; a write at the end appends.
  assert.equal(await ok(m, "cat /dev/hello"), "hello");
  await ok(m, "printf world | dd of=/dev/hello bs=1 seek=5 conv=notrunc status=none");
  assert.equal(await ok(m, "cat /dev/hello"), "helloworld");
  // An open file holds the module (fops.owner = THIS_MODULE).
  const busy = await m.run("exec 3</dev/hello; sudo rmmod hello; cat /sys/module/hello/refcnt");
  assert.equal(busy.stderr, "rmmod: ERROR: Module hello is in use\n");
  assert.equal(busy.stdout, "1\n");
  await ok(m, "sudo rmmod hello");
  assert.equal((await m.run("test -e /dev/hello || test -e /sys/class/hello; echo $?")).stdout, "1\n");
  assert.equal((await m.run("grep -c ' hello$' /proc/devices")).stdout, "0\n");
  const log = await ok(m, "dmesg -t");
  assert.ok(log.includes(`hello: registered /dev/hello as ${major}:0\n`), log);
  assert.ok(log.includes("hello: open #1 (minor 0)\nhello: release\n"), log);
  assert.ok(log.endsWith("hello: unregistered\n"), log);
  // A user without the program sees the driver's errors as errno: no device, no node.
  const again = await m.spawn(["/usr/local/bin/hello-test"]);
  assert.deepEqual([again.stdout, again.stderr, again.status], ["", "open /dev/hello: No such file or directory\n", 1]);
}

/** params.ko (at path ko) on a fresh machine: the insmod line's values in dmesg and /sys, a write by root, refusals, modinfo -p. */
export async function checkParams(m: Machine, ko: string): Promise<void> {
  const n = await logLength(m);
  await ok(m, `sudo insmod ${ko} myshort=-3 myushort=0xffff myint=7 mylong=-0x75bcd15 mystring='"hi there"' mybool=y myintarray=5,6`);
  const shown = await ok(m, "cd /sys/module/params/parameters && grep . *");
  assert.equal(shown, ["mybool:Y", "myint:7", "myintarray:5,6", "mylong:-123456789", "myshort:-3", "mystring:hi there", "myushort:65535", ""].join("\n"));
  assert.match(await ok(m, "ls -l /sys/module/params/parameters/myint /sys/module/params/parameters/mylong"), /^-rw-r--r-- .*\/myint\n-r--r--r-- .*\/mylong\n$/);
  await ok(m, "echo 0x2a | sudo tee /sys/module/params/parameters/myint >/dev/null");
  const denied = await m.run("echo 1 > /sys/module/params/parameters/myint");
  assert.match(denied.stderr, /Permission denied/);
  await ok(m, "sudo rmmod params");
  assert.deepEqual(await newLog(m, n), [
    "params: loading out-of-tree module taints kernel.",
    "params: myshort is a short integer: -3",
    "params: myushort is an unsigned short integer: 65535",
    "params: myint is an integer: 7",
    "params: mylong is a long integer: -123456789",
    "params: mystring is a string: hi there",
    "params: mybool is true",
    "params: myintarray[0] = 5",
    "params: myintarray[1] = 6",
    "params: myintarray[2] = 420",
    "params: myintarray[3] = 420",
    "params: got 2 arguments for myintarray.",
    "params: goodbye (myint is now 42)",
  ]);
  // Out of range for a ushort, five values for an array of four: refused, nothing loaded.
  for (const [arg, err] of [["myushort=0x10000", "Numerical result out of range"], ["myintarray=1,2,3,4,5", "Invalid parameters"]]) {
    const r = await m.run(`sudo insmod ${ko} ${arg}`);
    assert.equal(r.stderr, `insmod: ERROR: could not insert module ${ko}: ${err}\n`, arg);
  }
  const desc = await ok(m, `/sbin/modinfo -p ${ko}`);
  assert.ok(desc.includes("myintarray:An array of up to 4 integers (array of int)\n"), desc);
  assert.ok(desc.includes("myushort:An unsigned short integer (ushort)\n"), desc);
}

const PLANETS = "planet   moons\nMercury      0\nVenus        0\nEarth        1\nMars         2\nJupiter     95\n" +
  "Saturn     146\nUranus      28\nNeptune     16\n";

/** The seqfile module, once `load` has loaded it: /proc/seqfile read with any buffer size, rmmod. */
export async function checkSeqfile(m: Machine, load: string): Promise<void> {
  await ok(m, load);
  assert.equal(await ok(m, "cat /proc/seqfile"), PLANETS);
  for (const bs of [1, 7, 15, 4096]) assert.equal(await ok(m, `dd if=/proc/seqfile bs=${bs} status=none`), PLANETS, `bs=${bs}`);
  assert.equal(await ok(m, "dd if=/proc/seqfile bs=15 skip=2 status=none"), PLANETS.slice(30));
  assert.equal(await ok(m, "head -n 3 /proc/seqfile"), PLANETS.split("\n").slice(0, 3).join("\n") + "\n");
  await ok(m, "sudo rmmod seqfile");
  assert.equal((await m.run("test -e /proc/seqfile; echo $?")).stdout, "1\n");
  const log = await ok(m, "dmesg -t");
  assert.ok(log.endsWith("seqfile: /proc/seqfile lists 8 planets\nseqfile: removed /proc/seqfile\n"), log);
}

/** The waitq device, once `load` has loaded it: a sleeping read, O_NONBLOCK, signals, rmmod. */
export async function checkWaitq(m: Machine, load: string): Promise<void> {
  await ok(m, load);
  assert.match(await ok(m, "ls -l /dev/waitq"), /^crw-rw-rw- 1 root root 10, \d+ /);
  await installUserProgram(m, "waitq", "waitq-read");
  const nb = await m.spawn(["/usr/local/bin/waitq-read", "-n"]);
  assert.deepEqual([nb.stdout, nb.stderr, nb.status], ["", "read: Resource temporarily unavailable\n", 1]);
  // A blocked reader: it logs that it waits, and a writer wakes it with the data.
  const n = await logLength(m);
  const reader = m.start(["/usr/local/bin/waitq-read"]);
  for (let i = 0; i < 200 && !(await newLog(m, n)).some((l) => l.startsWith("waitq: waitq-read (")); i++) await new Promise((r) => setTimeout(r, 10));
  const pid = await reader.pid;
  assert.deepEqual(await newLog(m, n), [`waitq: waitq-read (${pid}) waits for a writer`]);
  await ok(m, "echo wake up > /dev/waitq");
  const r = await reader.done;
  assert.deepEqual([r.stdout, r.stderr, r.status], ["read 8 bytes: wake up\n\n", "", 0]);
  // Data written before the read is there at once, also without blocking.
  await ok(m, "printf abc > /dev/waitq");
  const ready = await m.spawn(["/usr/local/bin/waitq-read", "-n"]);
  assert.equal(ready.stdout, "read 3 bytes: abc\n");
  // A handler without SA_RESTART: -ERESTARTSYS becomes EINTR. The default action: the reader dies.
  const intr = await m.spawn(["/usr/local/bin/waitq-read", "-a", "1"]);
  assert.deepEqual([intr.stdout, intr.stderr, intr.status], ["", "read: Interrupted system call\n", 1]);
  const killed = await m.run("timeout -s INT 1 cat /dev/waitq; echo $?");
  assert.equal(killed.stdout, "124\n");
  await ok(m, "sudo rmmod waitq");
  assert.equal((await m.run("test -e /dev/waitq; echo $?")).stdout, "1\n");
}

/** How export-pair's modules are loaded and removed together, and where consumer.ko is. */
export interface PairSteps { consumerKo: string; load: string; unload: string }

/** export-pair: consumer alone is refused; with provider, holders, kallsyms, rmmod refused while used. */
export async function checkExportPair(m: Machine, steps: PairSteps): Promise<void> {
  const alone = await m.run(`sudo insmod ${steps.consumerKo}`);
  assert.equal(alone.stderr, `insmod: ERROR: could not insert module ${steps.consumerKo}: Unknown symbol in module\n`);
  assert.ok((await ok(m, "dmesg -t")).includes("consumer: Unknown symbol typix_greet (err -2)\n"));
  const n = await logLength(m);
  await ok(m, steps.load);
  const lsmod = await ok(m, "/sbin/lsmod");
  assert.match(lsmod, /\nconsumer +\d+  0\n/);
  assert.match(lsmod, /\nprovider +\d+  1 consumer\n/);
  assert.equal(await ok(m, "ls /sys/module/provider/holders"), "consumer\n");
  assert.match(await ok(m, "sudo grep typix_greet /proc/kallsyms"), /^[0-9a-f]{16} T typix_greet\t\[provider\]\n$/);
  const busy = await m.run("sudo rmmod provider");
  assert.equal(busy.stderr, "rmmod: ERROR: Module provider is in use by: consumer\n");
  await ok(m, steps.unload);
  assert.equal(await ok(m, "/sbin/lsmod"), "Module                  Size  Used by\n");
  assert.equal((await m.run("grep -c typix_greet /proc/kallsyms")).stdout, "0\n");
  assert.deepEqual(await newLog(m, n), [
    "provider: loaded, exporting typix_greet",
    "provider: hello, consumer (call 1)",
    "consumer: loaded, provider has greeted 1 times",
    "provider: hello, consumer, leaving (call 2)",
    "consumer: unloaded",
    "provider: unloaded after 2 calls",
  ]);
}
