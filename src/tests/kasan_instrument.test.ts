// KASAN through kbuild's instrumentation: a module's plain indexing of a kmalloc'd buffer
// (`buf[len]`, `buf[i] = x` after kfree, `buf[i]++` past the end, through a subarray view) is
// reported as Linux reports a 1-byte access, naming the module function that made it, and then
// behaves as JavaScript does; in-bounds indexing and indexing of arrays, strings and records
// work as before. Built on the host (kbuild/build.ts) and with `make` inside Typix.
import { test } from "node:test";
import assert from "node:assert/strict";
import ts from "typescript";
import { boot, type Machine } from "../index.js";
import { buildModule } from "../kbuild/build.js";
import { readKo } from "../kernel/module/format.js";
import { logged, lineIndex, taint, stillServes } from "./kdebug_support.js";

const SEP = "=".repeat(66);

export const KIDX = `import { pr_info } from "linux/printk";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { kmalloc, kzalloc, kfree, GFP_KERNEL, type KBuffer } from "linux/slab";
import { copy_from_user } from "linux/uaccess";
import { EFAULT, EINVAL } from "linux/errno";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE } from "linux/module";

function off_by_one(len: number): void {
  const buf = kmalloc(len, GFP_KERNEL)!;
  let sum = 0;
  for (let i = 0; i <= len; i++) sum += buf[i]; // BUG: reads buf[len]
  pr_info("kidx: sum %s\\n", String(sum));
  kfree(buf);
}
function write_after_free(): void {
  const buf = kzalloc(64, GFP_KERNEL)!;
  kfree(buf);
  buf[3] = 0x41; // BUG: the object is freed
  pr_info("kidx: after free buf[3] = %d\\n", buf[3]);
}
function inc_past_end(): void {
  const buf = kzalloc(16, GFP_KERNEL)!;
  const view = buf.subarray(8);
  view[8]++; // BUG: byte 16 of a 16-byte object
  pr_info("kidx: view[8] is %s\\n", String(view[8]));
  kfree(buf);
}
function below_start(): void {
  const buf = kzalloc(32, GFP_KERNEL)!;
  const v = buf[-1]; // BUG: one byte to the left
  pr_info("kidx: buf[-1] is %s\\n", String(v));
  kfree(buf);
}
function plain(): void {
  const buf = kzalloc(8, GFP_KERNEL)!;
  for (let i = 0; i < buf.length; i++) buf[i] = i * 3;
  buf[1] += 10; buf[2] <<= 2; buf[3]++; --buf[4]; buf[5] ||= 7; buf[0] ||= 9; buf[6] ??= 1;
  const view = buf.subarray(2, 6);
  view[0] ^= 0xff;
  const arr: number[] = [1, 2];
  arr[5] = 3; // arrays grow, as ever
  const rec: Record<string, number> = {};
  rec["k" + arr.length] = 4;
  const any: any = { length: 2 };
  any[0] = "a";
  const s = "hey";
  pr_info("kidx: plain %s | %d %s %s %s\\n", Array.from(buf).join(","), arr.length, JSON.stringify(rec),
    any[0] + any["length"], s[1]);
  kfree(buf);
}

function kidx_write(_file: unknown, ubuf: number, count: number): number {
  const text = new Uint8Array(Math.min(count, 32));
  if (copy_from_user(text, ubuf, text.length)) return -EFAULT;
  const cmd = new TextDecoder().decode(text).trim();
  switch (cmd) {
    case "off-by-one": off_by_one(24); break;
    case "write-after-free": write_after_free(); break;
    case "inc-past-end": inc_past_end(); break;
    case "below-start": below_start(); break;
    case "plain": plain(); break;
    default: return -EINVAL;
  }
  return count;
}

const kidx_dev: miscdevice = {
  minor: MISC_DYNAMIC_MINOR,
  name: "kidx",
  mode: 0o666,
  fops: { owner: THIS_MODULE, write: kidx_write },
};

module_init(() => misc_register(kidx_dev));
module_exit(() => misc_deregister(kidx_dev));
MODULE_LICENSE("GPL");
`;

let built: Uint8Array | null = null;

async function kidxMachine(cmdline = ""): Promise<Machine> {
  if (!built) {
    const r = await buildModule({ name: "kidx", source: KIDX });
    assert.deepEqual(r.messages, []);
    built = r.ko!;
  }
  const m = await boot({ cmdline });
  await m.writeFile("/tmp/kidx.ko", built);
  const r = await m.run("sudo insmod /tmp/kidx.ko");
  assert.deepEqual([r.stderr, r.status], ["", 0]);
  return m;
}

test("kbuild instruments a module's indexing: the .ko imports the checkers, plain arrays stay plain", async () => {
  const r = await buildModule({ name: "kidx", source: KIDX });
  const img = readKo(r.ko!);
  for (const h of ["__asan_load1", "__asan_store1", "__asan_rmw1", "__asan_incdec1", "__asan_logical1"]) {
    assert.ok(img.imports.includes(h), h);
  }
  const code = img.text.code as string;
  assert.match(code, /sum \+= __asan_load1\(buf, i\)/);
  assert.match(code, /__asan_store1\(buf, 3, 0x41\)/);
  assert.match(code, /arr\[5\] = 3/);
  assert.match(code, /rec\["k" \+ arr\.length\] = 4/);
  assert.match(code, /s\[1\]/);
  // A module without element accesses imports none of them.
  const none = await buildModule({ name: "plain", source: `import { MODULE_LICENSE } from "linux/module";\nMODULE_LICENSE("GPL");\n` });
  assert.deepEqual(readKo(none.ko!).imports, []);
});

test("KASAN: buf[len] in a loop is a slab-out-of-bounds read of size 1 in the module's function", async () => {
  const m = await kidxMachine();
  try {
    const r = await logged(m, "printf off-by-one > /dev/kidx; echo $?");
    assert.equal(r.stdout, "0\n");
    const l = r.lines;
    assert.equal(l[0], SEP);
    assert.match(l[1], /^BUG: KASAN: slab-out-of-bounds in off_by_one\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kidx\]$/);
    assert.match(l[2], /^Read of size 1 at addr (ffff888[0-9a-f]{9}) by task sh\/\d+$/);
    const addr = BigInt("0x" + /addr (\w+)/.exec(l[2])![1]);
    const trace = lineIndex(l, /^Call Trace:$/);
    assert.match(l[trace + 2], /^ off_by_one\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kidx\]$/);
    assert.match(l[trace + 3], /^ kidx_write\+/);
    assert.equal(l.some((x) => /__asan|asanCheck|kasanReport/.test(x)), false, l.join("\n"));
    const alloc = lineIndex(l, /^Allocated by task \d+:$/);
    assert.match(l[alloc + 1], /^ off_by_one\+.* \[kidx\]$/);
    const obj = lineIndex(l, /^The buggy address belongs to the object at /);
    const start = addr - 24n;
    assert.deepEqual(l.slice(obj, obj + 4), [
      `The buggy address belongs to the object at ${start.toString(16)}`,
      " which belongs to the cache kmalloc-32 of size 32",
      "The buggy address is located 0 bytes to the right of",
      ` allocated 24-byte region [${start.toString(16)}, ${(start + 24n).toString(16)})`,
    ]);
    // The read gave undefined, as JavaScript's does: the sum is NaN, and the function went on.
    assert.deepEqual(l.slice(-3), [SEP, "Disabling lock debugging due to kernel taint", "kidx: sum NaN"]);
    assert.equal(await taint(m), 4096 | 32);
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("KASAN: buf[3] = x after kfree is a slab-use-after-free write with both stacks", async () => {
  const m = await kidxMachine();
  try {
    const r = await logged(m, "printf write-after-free > /dev/kidx; echo $?");
    assert.equal(r.stdout, "0\n");
    const l = r.lines;
    assert.match(l[1], /^BUG: KASAN: slab-use-after-free in write_after_free\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kidx\]$/);
    assert.match(l[2], /^Write of size 1 at addr ffff888[0-9a-f]{9} by task sh\/\d+$/);
    const alloc = lineIndex(l, /^Allocated by task \d+:$/);
    const freed = lineIndex(l, /^Freed by task \d+:$/);
    assert.match(l[alloc + 1], /^ write_after_free\+.* \[kidx\]$/);
    assert.match(l[freed + 1], /^ write_after_free\+.* \[kidx\]$/);
    assert.ok(l.includes("The buggy address is located 3 bytes inside of"), l.join("\n"));
    assert.match(l[l.indexOf("The buggy address is located 3 bytes inside of") + 1], /^ freed 64-byte region \[/);
    // Only the first report of a boot: the read of buf[3] that follows prints none. The write
    // reached the freed memory, as it would in C.
    assert.equal(l.filter((x) => x.startsWith("BUG: KASAN")).length, 1);
    assert.ok(l.includes("kidx: after free buf[3] = 65"), l.join("\n"));
  } finally {
    await m.shutdown();
  }
});

test("KASAN: a view's index past its object and a negative index; kasan_multi_shot reports each", async () => {
  const m = await kidxMachine("kasan_multi_shot");
  try {
    const r = await logged(m, "printf inc-past-end > /dev/kidx; printf below-start > /dev/kidx; printf write-after-free > /dev/kidx");
    const l = r.lines;
    const bugs = l.filter((x) => x.startsWith("BUG: KASAN"));
    // view[8]++ and the read of view[8] after it; buf[-1]; buf[3] = x and the read of buf[3].
    assert.equal(bugs.length, 5, l.join("\n"));
    assert.match(bugs[0], /^BUG: KASAN: slab-out-of-bounds in inc_past_end\+/);
    const first = l.indexOf(bugs[0]);
    assert.match(l[first + 1], /^Read of size 1 at addr/);
    const where = l.indexOf("The buggy address is located 0 bytes to the right of");
    assert.ok(where > first, l.join("\n"));
    assert.match(l[where + 1], /^ allocated 16-byte region /);
    assert.ok(l.includes("kidx: view[8] is undefined"), l.join("\n"));
    const below = l.findIndex((x) => /^BUG: KASAN: slab-out-of-bounds in below_start\+/.test(x));
    assert.ok(below > 0);
    assert.ok(l.slice(below).includes("The buggy address is located 1 bytes to the left of"), l.join("\n"));
    assert.ok(l.includes("kidx: buf[-1] is undefined"));
    assert.match(bugs[3], /^BUG: KASAN: slab-use-after-free in write_after_free\+/);
    assert.match(l[l.indexOf(bugs[3]) + 1], /^Write of size 1 at/);
    assert.match(l[l.indexOf(bugs[4]) + 1], /^Read of size 1 at/);
  } finally {
    await m.shutdown();
  }
});

test("instrumented in-bounds code computes what it did before, without a report", async () => {
  const m = await kidxMachine();
  try {
    const r = await logged(m, "printf plain > /dev/kidx; echo $?");
    assert.equal(r.stdout, "0\n");
    assert.deepEqual(r.lines, ['kidx: plain 9,13,231,10,11,15,18,21 | 6 {"k6":4} a2 e']);
    assert.equal(await taint(m), 4096);
  } finally {
    await m.shutdown();
  }
});

test("make inside Typix instruments too: an off-by-one read in a module built from a Makefile", async () => {
  const m = await boot();
  try {
    await m.writeFile("/tmp/kidx.ts", KIDX);
    await m.writeFile("/tmp/Makefile", "obj-m += kidx.o\n\nall:\n\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n");
    const mk = await m.run("mkdir ~/kidx && cp /tmp/kidx.ts /tmp/Makefile ~/kidx && cd ~/kidx && make >/dev/null && sudo insmod kidx.ko");
    assert.deepEqual([mk.stderr, mk.status], ["", 0]);
    const r = await logged(m, "printf off-by-one > /dev/kidx");
    assert.match(r.lines[1], /^BUG: KASAN: slab-out-of-bounds in off_by_one\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kidx\]$/);
    assert.match(r.lines[2], /^Read of size 1 at addr ffff888[0-9a-f]{9} by task sh\/\d+$/);
  } finally {
    await m.shutdown();
  }
});

/** Indexing of every kind, in bounds: instrumented in a module, it must give what plain JavaScript gives. */
const EXERCISE = `function exercise(buf: Uint8Array): string {
  const out: unknown[] = [];
  let i = 2;
  buf[0] = 7; buf[i] = buf[0] * 3; buf[i + 1] = 300; buf[4] = -1;
  out.push(buf[0], buf[i], buf[3], buf[4], buf["length" as never], buf[1.5], buf["x" as never]);
  out.push(buf[5]++, buf[5], ++buf[5], buf[5]--, --buf[5], buf[6] += 250, buf[6] -= 1, buf[7] ||= 4, buf[7] &&= 9, buf[8] ??= 3);
  out.push(buf[i++] = 5, i, buf[--i] += 1, i);
  const view = buf.subarray(4, 12);
  view[1] = 0x80; view[1] >>= 3; view[2] **= 2; view[2] |= 0x11;
  out.push(buf[5], buf[6], view.length);
  const arr: (number | undefined)[] = [1, 2, 3];
  arr[6] = 4; arr[1]! += 10; arr[0]!++;
  out.push(arr.length, arr[5], arr[1], arr[0], [arr[0], arr[2]], "hello"[1], "hello"[9]);
  const [a, b] = [buf[0], buf[i]];
  [arr[0], arr[1]] = [b, a];
  ({ x: arr[2] } = { x: 42 });
  for (arr[3] of [8, 9]) { /* the last stays */ }
  out.push(arr.slice(0, 4));
  const rec: Record<string, number> = { k: 1 };
  rec["k"] += 1; rec["n" + i] = i; delete rec["k"];
  out.push(rec);
  const fns: any[] = [(x: number) => x * 2];
  fns.push(function (this: unknown): boolean { return this === fns; });
  out.push(fns[0](21), fns[1]());
  const any: any = { a: [1, [2, 3]], m: new Map([["q", 1]]) };
  out.push(any["a"][1][0], any.a[1][1]++, any.a[1][1], any?.["a"]?.[0], any.nope?.[1], any.m.get("q"));
  const i32 = new Int32Array(2);
  i32[0] = 2 ** 31; i32[1] -= 5;
  out.push(Array.from(i32), (i32 as any)[7]);
  const g: any = { get 0() { return "got"; }, set 1(v: number) { out.push("set " + v); } };
  g[1] = g[0].length;
  const nested: any = [[0, 0], [0, 0]];
  nested[1][0] = nested[0][1] = 6; nested[0][0] += nested[1][0]--;
  out.push(nested);
  out.push(Array.from(buf));
  return JSON.stringify(out);
}`;

test("instrumented indexing of every kind gives what plain JavaScript gives", async () => {
  // Plain JavaScript, on the host.
  const js = ts.transpileModule(EXERCISE, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  const expected = new Function(`${js}; return exercise(new Uint8Array(16));`)() as string;
  const r = await buildModule({ name: "kexercise", source: `import { pr_info } from "linux/printk";
import { kzalloc, kfree, GFP_KERNEL } from "linux/slab";
import { module_init, MODULE_LICENSE } from "linux/module";
${EXERCISE}
module_init(() => { const b = kzalloc(16, GFP_KERNEL)!; pr_info("kx: %s\\n", exercise(b)); kfree(b); return 0; });
MODULE_LICENSE("GPL");
` });
  assert.deepEqual(r.messages, []);
  const code = readKo(r.ko!).text.code as string;
  assert.match(code, /__asan_incdec1\(buf, 5, 1, false\)/);
  assert.match(code, /__asan_logical1\(buf, 7, "\|\|", \(\) => \(4\)\)/);
  assert.match(code, /\[arr\[0\], arr\[1\]\] = \[b, a\]/);
  const m = await boot();
  try {
    await m.writeFile("/tmp/kexercise.ko", r.ko!);
    const ins = await logged(m, "sudo insmod /tmp/kexercise.ko");
    assert.equal(ins.stderr, "");
    assert.deepEqual(ins.lines.filter((l) => l.startsWith("kx: ")), [`kx: ${expected}`]);
    assert.equal(ins.lines.some((l) => l.includes("KASAN")), false, ins.lines.join("\n"));
  } finally {
    await m.shutdown();
  }
});
