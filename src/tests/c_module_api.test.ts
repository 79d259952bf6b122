// The C module API beyond chrdev and /proc: seq_file (a seq_operations iterator and single_open,
// read whole, in small pieces and from an offset), and a misc device whose ioctl a C user
// program drives with _IOW/_IOR/_IO numbers from a header the module and the program share; and
// timers (timer_setup and from_timer, re-armed from the callback, DEFINE_TIMER with add_timer);
// and a write through a NULL struct pointer, reported as Linux's NULL pointer dereference oops.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModules, logSince, logLength } from "./c_module_support.js";

let m: Machine;
before(async () => { m = await boot(); });
after(async () => { await m.shutdown(); });

const SEQS = `#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>

static int records = 5;
module_param(records, int, 0444);

static void *it_start(struct seq_file *m, loff_t *pos)
{
	pr_info("seqs: start at %lld\\n", *pos);
	return *pos < records ? (void *)(long)(*pos + 1) : NULL;
}

static void *it_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return *pos < records ? (void *)(long)(*pos + 1) : NULL;
}

static void it_stop(struct seq_file *m, void *v) { }

static int it_show(struct seq_file *m, void *v)
{
	seq_printf(m, "record %ld of %d\\n", (long)v, records);
	return 0;
}

static const struct seq_operations it_ops = {
	.start = it_start,
	.next = it_next,
	.stop = it_stop,
	.show = it_show,
};

static int it_open(struct inode *inode, struct file *file) { return seq_open(file, &it_ops); }

static const struct proc_ops iter_ops = {
	.proc_open = it_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release,
};

static int one_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s read by %s\\n", (char *)m->private, current->comm);
	seq_puts(m, "end\\n");
	return 0;
}

static char greeting[] = "single";
static int one_open(struct inode *inode, struct file *file) { return single_open(file, one_show, greeting); }

static const struct proc_ops one_ops = {
	.proc_open = one_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init seqs_init(void)
{
	proc_create("iter", 0444, NULL, &iter_ops);
	proc_create("single", 0444, NULL, &one_ops);
	return 0;
}

static void __exit seqs_exit(void)
{
	remove_proc_entry("iter", NULL);
	remove_proc_entry("single", NULL);
}

module_init(seqs_init);
module_exit(seqs_exit);
MODULE_LICENSE("GPL");
`;

test("seq_file in C: seq_open's iterator and single_open, with seq_read and seq_lseek taken by address", async () => {
  const b = await buildModules(m, "/tmp/seqs", { seqs: SEQS });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  assert.equal((await m.run("sudo insmod seqs.ko records=3", { cwd: "/tmp/seqs" })).status, 0);
  const whole = "record 1 of 3\nrecord 2 of 3\nrecord 3 of 3\n";
  assert.equal((await m.run("cat /proc/iter")).stdout, whole);
  assert.equal((await m.run("dd if=/proc/iter bs=5 2>/dev/null")).stdout, whole);
  assert.equal((await m.run("tail -c 12 /proc/iter")).stdout, "cord 3 of 3\n");
  assert.equal((await m.run("cat /proc/single")).stdout, "single read by cat\nend\n");
  assert.equal((await m.run("sudo rmmod seqs && ls /proc/iter")).stderr, "ls: cannot access '/proc/iter': No such file or directory\n");
});

const KNOB_H = `#ifndef KNOB_H
#define KNOB_H
#include <linux/ioctl.h>
#define KNOB_SET _IOW('k', 1, int)
#define KNOB_GET _IOR('k', 2, int)
#define KNOB_RESET _IO('k', 3)
#endif
`;
const KNOB = `#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>
#include "knob.h"

static int value = 7;

static long knob_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	int v;

	switch (cmd) {
	case KNOB_SET:
		if (get_user(v, (int __user *)arg))
			return -EFAULT;
		value = v;
		return 0;
	case KNOB_GET:
		return put_user(value, (int __user *)arg);
	case KNOB_RESET:
		value = 0;
		return 0;
	default:
		return -ENOTTY;
	}
}

static ssize_t knob_read(struct file *f, char __user *buf, size_t count, loff_t *off)
{
	char text[32];
	int n = snprintf(text, sizeof(text), "%d\\n", value);

	if (*off >= n)
		return 0;
	if (count > n - *off)
		count = n - *off;
	if (copy_to_user(buf, text + *off, count))
		return -EFAULT;
	*off += count;
	return count;
}

static const struct file_operations knob_fops = {
	.owner = THIS_MODULE,
	.read = knob_read,
	.unlocked_ioctl = knob_ioctl,
};

static struct miscdevice knob_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "knob",
	.fops = &knob_fops,
	.mode = 0666,
};

static int __init knob_init(void)
{
	int r = misc_register(&knob_dev);

	if (!r)
		pr_info("knob: minor %d\\n", knob_dev.minor);
	return r;
}

static void __exit knob_exit(void)
{
	misc_deregister(&knob_dev);
}

module_init(knob_init);
module_exit(knob_exit);
MODULE_LICENSE("GPL");
`;
const KNOB_TEST = `#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include "knob.h"

int main(void)
{
	int fd = open("/dev/knob", O_RDWR), v = 0;
	if (fd < 0) { perror("open /dev/knob"); return 1; }
	ioctl(fd, KNOB_GET, &v);
	printf("get %d\\n", v);
	v = 42;
	printf("set %d\\n", ioctl(fd, KNOB_SET, &v));
	v = 0;
	ioctl(fd, KNOB_GET, &v);
	printf("get %d\\n", v);
	printf("bad pointer %d %s\\n", ioctl(fd, KNOB_SET, (int *)8), strerror(errno));
	printf("unknown %d %s\\n", ioctl(fd, _IO('k', 9)), strerror(errno));
	printf("reset %d\\n", ioctl(fd, KNOB_RESET));
	close(fd);
	return 0;
}
`;

test("a misc device in C with ioctl: MISC_DYNAMIC_MINOR, /dev and /proc/misc, get_user/put_user, -ENOTTY", async () => {
  await m.run("mkdir -p /tmp/knob");
  await m.writeFile("/tmp/knob/knob.h", KNOB_H);
  await m.writeFile("/tmp/knob/knob_test.c", KNOB_TEST);
  const b = await buildModules(m, "/tmp/knob", { knob: KNOB });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  const cc = await m.run("gcc -Wall knob_test.c -o knob_test", { cwd: "/tmp/knob" });
  assert.equal(cc.status, 0, cc.stderr);
  assert.equal((await m.run("sudo insmod knob.ko", { cwd: "/tmp/knob" })).status, 0);
  const ls = await m.run("ls -l /dev/knob; grep knob /proc/misc; cat /dev/knob");
  const minor = /^crw-rw-rw- 1 root root 10, (\d+) .* \/dev\/knob$/m.exec(ls.stdout);
  assert.ok(minor, ls.stdout);
  assert.match(ls.stdout, new RegExp(`^${minor[1]} knob\n7\n$`, "m"));
  const r = await m.run("./knob_test; cat /dev/knob", { cwd: "/tmp/knob" });
  assert.equal(r.stdout, "get 7\nset 0\nget 42\nbad pointer -1 Bad address\nunknown -1 Inappropriate ioctl for device\nreset 0\n0\n");
  assert.equal((await m.run("sudo rmmod knob && ls /dev/knob")).status, 2);
});

const TICK = `#include <linux/module.h>
#include <linux/timer.h>
#include <linux/slab.h>

static int count;
module_param(count, int, 0444);

struct ticker {
	int limit;
	struct timer_list timer;
};
static struct ticker *tk;

static void tick(struct timer_list *t)
{
	struct ticker *k = from_timer(k, t, timer);

	count++;
	pr_info("tick %d of %d\\n", count, k->limit);
	if (count < k->limit)
		mod_timer(&k->timer, jiffies + msecs_to_jiffies(40));
}

static void once(struct timer_list *t) { pr_info("static timer fired\\n"); }
static DEFINE_TIMER(single, once);

static int __init tick_init(void)
{
	tk = kzalloc(sizeof(*tk), GFP_KERNEL);
	if (!tk)
		return -ENOMEM;
	tk->limit = 3;
	timer_setup(&tk->timer, tick, 0);
	mod_timer(&tk->timer, jiffies + msecs_to_jiffies(40));
	single.expires = jiffies + 1;
	add_timer(&single);
	return 0;
}

static void __exit tick_exit(void)
{
	pr_info("pending at exit: %d\\n", timer_pending(&tk->timer));
	del_timer_sync(&tk->timer);
	del_timer_sync(&single);
	kfree(tk);
}

module_init(tick_init);
module_exit(tick_exit);
MODULE_LICENSE("GPL");
`;

test("timers in C: a callback that re-arms itself through from_timer, a static DEFINE_TIMER, del_timer_sync", async () => {
  const b = await buildModules(m, "/tmp/tick", { tick: TICK });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  const mark = await logLength(m);
  const r = await m.run("sudo insmod tick.ko && sleep 0.5 && cat /sys/module/tick/parameters/count && sudo rmmod tick", { cwd: "/tmp/tick" });
  assert.equal(r.stdout, "3\n", r.stderr);
  const log = (await logSince(m, mark)).filter((l) => !l.includes("taints kernel"));
  assert.deepEqual(log, ["static timer fired", "tick 1 of 3", "tick 2 of 3", "tick 3 of 3", "pending at exit: 0"]);
  // Unloaded while armed: del_timer_sync stops it, and nothing fires into the freed module.
  const again = await logLength(m);
  assert.equal((await m.run("sudo insmod tick.ko && sudo rmmod tick && sleep 0.2", { cwd: "/tmp/tick" })).status, 0);
  assert.ok((await logSince(m, again)).includes("pending at exit: 1"));
});

const NULLW = `#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

struct buffer { char *data; size_t len; };
static struct buffer *buf;  /* never allocated: the bug */
static struct proc_dir_entry *ent;

static ssize_t nullw_write(struct file *f, const char __user *ubuf, size_t count, loff_t *off)
{
	buf->len = count;  /* NULL pointer write */
	return count;
}

static const struct proc_ops nullw_ops = { .proc_write = nullw_write };

static int __init nullw_init(void)
{
	ent = proc_create("nullw", 0666, NULL, &nullw_ops);
	return 0;
}
static void __exit nullw_exit(void) { proc_remove(ent); }
module_init(nullw_init);
module_exit(nullw_exit);
MODULE_LICENSE("GPL");
`;

test("a NULL pointer write in C module code: Linux's oops with the address, the module's frame, CR2", async () => {
  const b = await buildModules(m, "/tmp/nullw", { nullw: NULLW });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  assert.equal((await m.run("sudo insmod nullw.ko", { cwd: "/tmp/nullw" })).status, 0);
  const mark = await logLength(m);
  const r = await m.run("sh -c 'echo hi > /proc/nullw'; echo status $?");
  assert.equal(r.stdout, "status 139\n");
  const log = await logSince(m, mark);
  const at = (re: RegExp) => log.findIndex((l) => re.test(l));
  assert.equal(log[0], "BUG: kernel NULL pointer dereference, address: 0000000000000004");
  assert.equal(log[1], "#PF: supervisor write access in kernel mode");
  assert.equal(log[2], "#PF: error_code(0x0002) - not-present page");
  assert.ok(at(/^Oops: 0002 \[#\d+\] PREEMPT SMP$/) > 0, log.join("\n"));
  assert.ok(at(/^RIP: 0010:nullw_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[nullw\]$/) > 0, log.join("\n"));
  const trace = log.slice(at(/^ <TASK>$/) + 1, at(/^ <\/TASK>$/));
  assert.match(trace[0], /^ nullw_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[nullw\]$/);
  assert.ok(trace.some((l) => /^ vfs_write\+/.test(l)), trace.join("\n"));
  assert.ok(log.includes("CR2: 0000000000000004"));
  assert.ok(log.some((l) => /^Modules linked in: nullw\(O\)$/.test(l)));
  // The machine goes on, and the module can be removed.
  assert.equal((await m.run("sudo rmmod nullw && echo gone")).stdout, "gone\n");
});
