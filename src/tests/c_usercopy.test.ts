// Hardened usercopy and KASAN over a C module's kmalloc'd memory: a read copying past its
// kmalloc-64 object is usercopy's report and BUG (the reader dies, the machine goes on); a copy
// inside the cache's size but past the 50 bytes asked for is KASAN's slab-out-of-bounds; a copy
// from NULL is "null address"; a copy from freed memory is a use after free, a second kfree a
// double free. Each case is chosen by what the test writes to the module's /proc file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModules, logSince, logLength } from "./c_module_support.js";

const UCOPY = `#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

MODULE_LICENSE("GPL");

static char *buf;
static size_t len = 50;
static int mode;

static ssize_t ucopy_read(struct file *f, char __user *ubuf, size_t count, loff_t *pos)
{
	char *p;
	size_t n = len;

	if (*pos)
		return 0;
	switch (mode) {
	case 1: /* past the object */
		if (copy_to_user(ubuf, buf, 100))
			return -EFAULT;
		break;
	case 2: /* inside kmalloc-64, past the 50 bytes */
		n = 60;
		if (copy_to_user(ubuf, buf, n))
			return -EFAULT;
		break;
	case 3: /* from NULL */
		p = NULL;
		if (copy_to_user(ubuf, p, 5))
			return -EFAULT;
		break;
	case 4: /* after kfree */
		p = kmalloc(32, GFP_KERNEL);
		kfree(p);
		n = 8;
		if (copy_to_user(ubuf, p, n))
			return -EFAULT;
		break;
	case 5: /* twice kfree */
		p = kmalloc(32, GFP_KERNEL);
		kfree(p);
		kfree(p);
		return 0;
	default:
		if (copy_to_user(ubuf, buf, len))
			return -EFAULT;
	}
	*pos = n;
	return n;
}

static ssize_t ucopy_write(struct file *f, const char __user *ubuf, size_t count, loff_t *pos)
{
	char c;

	if (get_user(c, ubuf))
		return -EFAULT;
	mode = c - '0';
	return count;
}

static const struct proc_ops ucopy_ops = {
	.proc_read = ucopy_read,
	.proc_write = ucopy_write,
};

static int __init ucopy_init(void)
{
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memset(buf, 'x', len);
	proc_create("ucopy", 0666, NULL, &ucopy_ops);
	return 0;
}

static void __exit ucopy_exit(void)
{
	remove_proc_entry("ucopy", NULL);
	kfree(buf);
}

module_init(ucopy_init);
module_exit(ucopy_exit);
`;

let m: Machine;
before(async () => {
  m = await boot({ cmdline: "kasan_multi_shot" }); // every KASAN report, not only the boot's first
  const b = await buildModules(m, "/tmp/ucopy", { ucopy: UCOPY });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  assert.equal((await m.run("sudo insmod ucopy.ko", { cwd: "/tmp/ucopy" })).status, 0);
});
after(() => m.shutdown());

/** Choose the case, read the file; the reader's status and the log lines it caused. */
async function readCase(n: number): Promise<{ out: string; log: string[] }> {
  const mark = await logLength(m);
  const r = await m.run(`echo ${n} > /proc/ucopy; sh -c 'cat /proc/ucopy | wc -c'; echo status $?`);
  return { out: r.stdout + r.stderr, log: await logSince(m, mark) };
}

test("a copy inside its object is plain; one past kmalloc-64 is usercopy's report, then kernel BUG", async () => {
  assert.equal((await m.run("cat /proc/ucopy")).stdout, "x".repeat(50));
  const { out, log } = await readCase(1);
  assert.match(out, /^0\nstatus 0\n$/);
  assert.equal(log[0], "usercopy: Kernel memory exposure attempt detected from SLUB object 'kmalloc-64' (offset 0, size 100)!");
  assert.equal(log[1], "------------[ cut here ]------------");
  assert.equal(log[2], "kernel BUG at mm/usercopy.c:102!");
  assert.match(log[3], /^invalid opcode: 0000 \[#\d+\] PREEMPT SMP$/);
  const trace = log.slice(log.indexOf(" <TASK>") + 1, log.indexOf(" </TASK>"));
  assert.ok(trace.some((l) => /^ ucopy_read\+0x[0-9a-f]+\/0x[0-9a-f]+ \[ucopy\]$/.test(l)), log.join("\n"));
  assert.ok(log.some((l) => /^Modules linked in: ucopy\(O\)$/.test(l)), log.join("\n"));
  assert.equal((await m.run("echo 0 > /proc/ucopy; cat /proc/ucopy | wc -c")).stdout, "50\n");
});

test("a copy past what was asked for, inside the cache's size: KASAN's slab-out-of-bounds", async () => {
  const { out, log } = await readCase(2);
  assert.match(out, /^60\nstatus 0\n$/);
  const at = log.indexOf("==================================================================");
  assert.ok(at >= 0, log.join("\n"));
  assert.match(log[at + 1], /^BUG: KASAN: slab-out-of-bounds in /);
  assert.match(log[at + 2], /^Read of size 60 at addr [0-9a-f]{16} by task cat\/\d+$/);
  assert.ok(log.some((l) => /^ which belongs to the cache kmalloc-64 of size 64$/.test(l)), log.join("\n"));
  assert.ok(log.some((l) => /^ allocated 50-byte region \[[0-9a-f]{16}, [0-9a-f]{16}\)$/.test(l)), log.join("\n"));
});

test("a copy from NULL is usercopy's null address; from freed memory a use after free; kfree twice a double free", async () => {
  const nul = await readCase(3);
  assert.equal(nul.log[0], "usercopy: Kernel memory exposure attempt detected from null address (offset 0, size 5)!");
  assert.equal(nul.log[2], "kernel BUG at mm/usercopy.c:102!");
  const uaf = await readCase(4);
  assert.match(uaf.out, /^8\nstatus 0\n$/);
  const k = uaf.log.findIndex((l) => l.startsWith("BUG: KASAN: "));
  assert.match(uaf.log[k], /^BUG: KASAN: slab-use-after-free in /, uaf.log.join("\n"));
  assert.ok(uaf.log.some((l) => /^Freed by task \d+:$/.test(l)), uaf.log.join("\n"));
  const df = await readCase(5);
  assert.ok(df.log.some((l) => /^BUG: KASAN: double-free in /.test(l)), df.log.join("\n"));
  // The machine goes on, and the module can be removed.
  assert.equal((await m.run("sudo rmmod ucopy && echo gone")).stdout, "gone\n");
});
