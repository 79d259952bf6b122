// kmemleak finds leaks by reachability: a module whose init kmallocs and drops the pointer has
// that object reported by `echo scan` while it is loaded (comm "insmod", its init in the
// backtrace); an object kept in a module's variable is not, nor once freed, and is when the
// module drops the pointer; what a module still holds when it is removed is reported at rmmod.
// The automatic scan (scan=<secs>, scan=off) and the boot option kmemleak=off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModule } from "../kbuild/build.js";
import { logged, logLines, stillServes } from "./kdebug_support.js";

const FILE = "/sys/kernel/debug/kmemleak";
const NEW1 = "kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)";

// kml: init loses a 48-byte buffer of "L"s and keeps a 40-byte one of "K"s in `kept`;
// writing "free" to /dev/kml frees it, "drop" forgets it, "state" makes a structure that
// kmallocs a 24-byte buffer in a method and loses both. Exit does not free `kept`.
const KML = `import { kmalloc, kfree, GFP_KERNEL, type KBuffer } from "linux/slab";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { copy_from_user } from "linux/uaccess";
import { EFAULT, EINVAL, ENOMEM } from "linux/errno";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE } from "linux/module";

let kept: KBuffer | null = null;

class kml_state {
  buf: KBuffer | null = null;
  grab(): void { this.buf = kmalloc(24, GFP_KERNEL); }
}

function kml_write(_file: unknown, buf: number, count: number): number {
  const text = new Uint8Array(Math.min(count, 16));
  if (copy_from_user(text, buf, text.length)) return -EFAULT;
  const cmd = new TextDecoder().decode(text).trim();
  if (cmd === "free") { kfree(kept); kept = null; }
  else if (cmd === "drop") kept = null;
  else if (cmd === "state") new kml_state().grab();
  else return -EINVAL;
  return count;
}

const kml_dev: miscdevice = { minor: MISC_DYNAMIC_MINOR, name: "kml", mode: 0o666, fops: { owner: THIS_MODULE, write: kml_write } };

function kml_init(): number {
  const lost = kmalloc(48, GFP_KERNEL);
  if (!lost) return -ENOMEM;
  lost.fill(0x4c);
  kept = kmalloc(40, GFP_KERNEL);
  if (!kept) return -ENOMEM;
  kept.fill(0x4b);
  return misc_register(kml_dev);
}

module_init(kml_init);
module_exit(() => misc_deregister(kml_dev));
MODULE_LICENSE("GPL");
`;

let built: Uint8Array | null = null;
async function kmlMachine(cmdline = ""): Promise<Machine> {
  if (!built) {
    const r = await buildModule({ name: "kml", source: KML });
    assert.deepEqual(r.messages, []);
    built = r.ko!;
  }
  const m = await boot({ cmdline });
  await m.writeFile("/tmp/kml.ko", built);
  return m;
}

/** The suspects listed in the kmemleak file: [size, comm, first hex row, first backtrace line]. */
async function suspects(m: Machine): Promise<string[][]> {
  const r = await m.run(`sudo cat ${FILE}`);
  assert.equal(r.stderr, "");
  const out: string[][] = [];
  const lines = r.stdout.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const o = /^unreferenced object 0xffff888[0-9a-f]{9} \(size (\d+)\):$/.exec(lines[i]);
    if (!o) continue;
    const comm = /^ {2}comm "([^"]+)", pid \d+, jiffies \d+ \(age \d+\.\d{3}s\)$/.exec(lines[i + 1])!;
    assert.ok(comm, lines[i + 1]);
    assert.equal(lines[i + 2], `  hex dump (first ${Math.min(32, Number(o[1]))} bytes):`);
    const bt = lines.indexOf("  backtrace:", i);
    out.push([o[1], comm[1], lines[i + 3].trim(), lines[bt + 1].replace(/^ {4}\[<[0-9a-f]{16}>\] /, "")]);
  }
  return out;
}

const scan = (m: Machine) => logged(m, `echo scan | sudo tee ${FILE} >/dev/null`);
const row = (c: string) => `${(c.charCodeAt(0).toString(16) + " ").repeat(16).trim()}  ${c.repeat(16)}`;

test("kmemleak: an init's dropped pointer is found while the module is loaded; a kept one is not, nor once freed", async () => {
  const m = await kmlMachine();
  try {
    assert.equal((await m.run("sudo insmod /tmp/kml.ko")).status, 0);
    assert.deepEqual((await scan(m)).lines, [NEW1]);
    assert.match((await m.run("cat /proc/modules")).stdout, /^kml /m);
    const s = await suspects(m);
    assert.equal(s.length, 1, JSON.stringify(s));
    assert.deepEqual(s[0].slice(0, 3), ["48", "insmod", row("L")]);
    assert.match(s[0][3], /^kml_init\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kml\]$/);
    // A second scan: nothing new. Freed, the kept buffer is never reported, rmmod included.
    assert.deepEqual((await scan(m)).lines, []);
    assert.equal((await m.run("printf free > /dev/kml")).status, 0);
    assert.deepEqual((await scan(m)).lines, []);
    assert.deepEqual((await logged(m, "sudo rmmod kml")).lines, []);
    assert.deepEqual((await suspects(m)).map((x) => x[0]), ["48"]);
    // A structure lost with the buffer its method allocated: the allocation's saved stack (which
    // names that method) does not keep the structure alive.
    await m.run("sudo insmod /tmp/kml.ko && printf state > /dev/kml");
    assert.deepEqual((await scan(m)).lines, ["kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"]);
    const s2 = await suspects(m);
    assert.deepEqual(s2.map((x) => x.slice(0, 2)), [["48", "insmod"], ["48", "insmod"], ["24", "sh"]]);
    assert.match(s2[2][3], /grab\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kml\]$/);
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("kmemleak: a pointer the module drops later is found by the next scan; what it holds at rmmod is reported then", async () => {
  const m = await kmlMachine();
  try {
    await m.run("sudo insmod /tmp/kml.ko");
    assert.deepEqual((await scan(m)).lines, [NEW1]);
    assert.equal((await m.run("printf drop > /dev/kml")).status, 0);
    assert.deepEqual((await scan(m)).lines, [NEW1]);
    const s = await suspects(m);
    assert.deepEqual(s.map((x) => x.slice(0, 3)), [["48", "insmod", row("L")], ["40", "insmod", row("K")]]);
    assert.match(s[1][3], /^kml_init\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kml\]$/);
    // Loaded again: the new `kept` is referenced until the module goes, which does not free it.
    await m.run(`echo clear | sudo tee ${FILE} >/dev/null; sudo rmmod kml; sudo insmod /tmp/kml.ko`);
    assert.deepEqual((await scan(m)).lines, [NEW1]); // the new init's lost buffer
    assert.deepEqual((await logged(m, "sudo rmmod kml")).lines, [NEW1]);
    assert.deepEqual((await suspects(m)).map((x) => x.slice(0, 2)), [["48", "insmod"], ["40", "insmod"]]);
    assert.match((await m.run("cat /proc/meminfo")).stdout, /^Slab: +\d+ kB$/m);
  } finally {
    await m.shutdown();
  }
});

test("kmemleak: the automatic scan, every scan=<secs>; scan=off stops it", async () => {
  const m = await kmlMachine();
  try {
    assert.deepEqual((await logged(m, `echo scan=off | sudo tee ${FILE} >/dev/null`)).lines, ["kmemleak: Automatic memory scanning thread ended"]);
    await m.run("sudo insmod /tmp/kml.ko");
    const on = await logged(m, `echo scan=1 | sudo tee ${FILE} >/dev/null`);
    assert.deepEqual(on.lines, ["kmemleak: Automatic memory scanning thread started"]);
    const before = (await logLines(m)).length;
    await new Promise((r) => setTimeout(r, 1600));
    assert.deepEqual((await logLines(m)).slice(before), [NEW1]);
    assert.deepEqual((await suspects(m)).map((x) => x[0]), ["48"]);
    assert.deepEqual((await logged(m, `echo scan=off | sudo tee ${FILE} >/dev/null`)).lines, ["kmemleak: Automatic memory scanning thread ended"]);
    assert.match((await m.run(`echo scan=x | sudo tee ${FILE}`)).stderr, /Invalid argument/);
  } finally {
    await m.shutdown();
  }
});

test("kmemleak=off: disabled from boot, the file refuses, rmmod reports nothing", async () => {
  const m = await kmlMachine("kmemleak=off");
  try {
    assert.ok((await logLines(m)).includes("kmemleak: Kernel memory leak detector disabled"));
    await m.run("sudo insmod /tmp/kml.ko");
    assert.match((await m.run(`echo scan | sudo tee ${FILE}`)).stderr, /Operation not permitted/);
    assert.match((await m.run(`sudo cat ${FILE}`)).stderr, /Operation not permitted/);
    assert.deepEqual((await logged(m, "sudo rmmod kml")).lines, []);
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});
