// What the kernel-debugging tests share: a module, kdbg, whose /dev/kdbg makes one kernel bug
// per command written to it (`printf oob-set > /dev/kdbg`), built on the host and installed in
// a booted machine; and helpers to read the kernel log around a command.
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModule } from "../kbuild/build.js";

export const KDBG = `import { pr_info } from "linux/printk";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { kmalloc, kfree, GFP_KERNEL, GFP_ATOMIC, type KBuffer } from "linux/slab";
import { copy_to_user, copy_from_user } from "linux/uaccess";
import { spin_lock_init, spin_lock, spin_unlock, spin_lock_irqsave, spin_unlock_irqrestore } from "linux/spinlock";
import { DEFINE_MUTEX, mutex_lock, mutex_unlock } from "linux/mutex";
import { EINVAL, EFAULT } from "linux/errno";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE } from "linux/module";

const kdbg_lock = spin_lock_init(undefined, "kdbg_lock");
const kdbg_mutex = DEFINE_MUTEX("kdbg_mutex");
let readMode = "";
let kept: KBuffer | null = null;

function oob_set(): void {
  const b = kmalloc(50, GFP_KERNEL)!;
  b.set(new Uint8Array(4), 48); // bytes 48..51 of a 50-byte object
  kfree(b);
}
function oob_copy(buf: number, count: number): void {
  const b = kmalloc(50, GFP_KERNEL)!; // lives in kmalloc-64
  copy_from_user(b, buf, count);
  kfree(b);
}
function overflow(buf: number, count: number): void {
  const b = kmalloc(16, GFP_KERNEL)!;
  copy_from_user(b, buf, count);
  kfree(b);
}
function null_copy(buf: number, count: number): void {
  let p: KBuffer | null = null;
  copy_from_user(p!, buf, count);
}
function double_free(): void {
  const b = kmalloc(64, GFP_KERNEL)!;
  kfree(b);
  kfree(b);
}
function uaf_fill(): void {
  const b = kmalloc(64, GFP_KERNEL)!;
  kfree(b);
  b.fill(0, 8, 16);
}
async function sleep_atomic(): Promise<void> {
  spin_lock(kdbg_lock);
  await mutex_lock(kdbg_mutex);
  mutex_unlock(kdbg_mutex);
  spin_unlock(kdbg_lock);
}

async function mutex_twice(): Promise<void> {
  await mutex_lock(kdbg_mutex);
  await mutex_lock(kdbg_mutex); // sleeps for ever: the owner is this task
}

async function kdbg_write(_file: unknown, buf: number, count: number): Promise<number> {
  const text = new Uint8Array(Math.min(count, 32));
  if (copy_from_user(text, buf, text.length)) return -EFAULT;
  const cmd = new TextDecoder().decode(text).trim().split(/\\s+/)[0];
  switch (cmd) {
    case "oob-set": oob_set(); break;
    case "oob-copy": oob_copy(buf, count); break;
    case "overflow": overflow(buf, count); break;
    case "null": null_copy(buf, count); break;
    case "double-free": double_free(); break;
    case "uaf-fill": uaf_fill(); break;
    case "exposure": readMode = "exposure"; break;
    case "leak": kmalloc(100, GFP_KERNEL)!.fill(0x41); break;
    case "keep": kfree(kept); kept = kmalloc(24, GFP_KERNEL); break;
    case "gfp-kernel": pr_info("kdbg: GFP_KERNEL kmalloc %s\\n", kmalloc(32, GFP_KERNEL) ? "ok" : "failed"); break;
    case "gfp-atomic": pr_info("kdbg: GFP_ATOMIC kmalloc %s\\n", kmalloc(32, GFP_ATOMIC) ? "ok" : "failed"); break;
    case "spin-held": spin_lock(kdbg_lock); break;
    case "spin-irq-held": spin_lock_irqsave(kdbg_lock); break;
    case "mutex-twice": await mutex_twice(); break;
    case "sleep-atomic": await sleep_atomic(); break;
    case "bad-unlock": mutex_unlock(kdbg_mutex); break;
    case "unlock-spin": spin_unlock(kdbg_lock); break;
    default: return -EINVAL;
  }
  return count;
}

function kdbg_read(_file: unknown, buf: number, count: number): number {
  if (readMode !== "exposure") return 0;
  const b = kmalloc(8, GFP_KERNEL)!;
  b.fill(0x42);
  if (copy_to_user(buf, b, count)) { kfree(b); return -EFAULT; }
  kfree(b);
  return count;
}

const kdbg_dev: miscdevice = {
  minor: MISC_DYNAMIC_MINOR,
  name: "kdbg",
  mode: 0o666,
  fops: { owner: THIS_MODULE, read: kdbg_read, write: kdbg_write },
};

module_init(() => misc_register(kdbg_dev));
module_exit(() => { misc_deregister(kdbg_dev); kfree(kept); });
MODULE_LICENSE("GPL");
`;

let built: Uint8Array | null = null;

/** A fresh machine with kdbg.ko loaded (and the lines the load logged); cmdline for boot options. */
export async function kdbgMachine(cmdline = ""): Promise<Machine> {
  if (!built) {
    const r = await buildModule({ name: "kdbg", source: KDBG });
    assert.deepEqual(r.messages, []);
    built = r.ko!;
  }
  const m = await boot({ cmdline });
  await m.writeFile("/tmp/kdbg.ko", built);
  const r = await m.run("sudo insmod /tmp/kdbg.ko");
  assert.deepEqual([r.stderr, r.status], ["", 0]);
  return m;
}

/** The kernel log's lines, without timestamps. */
export async function logLines(m: Machine): Promise<string[]> {
  const r = await m.run("dmesg -t");
  return r.stdout.split("\n").slice(0, -1);
}

/** Run cmd; the log lines it added, and its result. */
export async function logged(m: Machine, cmd: string): Promise<{ lines: string[]; stdout: string; stderr: string; status: number }> {
  const before = (await logLines(m)).length;
  const r = await m.run(cmd);
  return { lines: (await logLines(m)).slice(before), stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** /proc/sys/kernel/tainted as a number. */
export async function taint(m: Machine): Promise<number> {
  return Number((await m.run("cat /proc/sys/kernel/tainted")).stdout);
}

/** The machine still serves other commands. */
export async function stillServes(m: Machine): Promise<void> {
  const r = await m.run("echo alive && ls /proc/self/fd >/dev/null && cat /proc/sys/kernel/ostype");
  assert.deepEqual([r.stdout, r.status], ["alive\nLinux\n", 0]);
}

/** The index of the first line matching re (asserting there is one). */
export function lineIndex(lines: string[], re: RegExp): number {
  const i = lines.findIndex((l) => re.test(l));
  assert.ok(i >= 0, `${re} in:\n${lines.join("\n")}`);
  return i;
}
