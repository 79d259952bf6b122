// C kernel modules that sleep: a /proc file whose read waits on a wait queue until a write wakes
// it (two readers at once, each resumed where it slept), a signal ending the wait with
// -ERESTARTSYS, mutexes and msleep around the data, an init that sleeps, jiffies, and
// wait_event_timeout running out; the machine serves every other task while C code sleeps.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModules, logSince, logLength } from "./c_module_support.js";

let m: Machine;
before(async () => { m = await boot(); });
after(async () => { await m.shutdown(); });

const WAITQ = `/* waitq.c: a /proc file whose read sleeps until a write gives it something to read. */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/sched.h>

static DECLARE_WAIT_QUEUE_HEAD(wq);
static DEFINE_MUTEX(lock);
static char msg[64];
static int len;
static struct proc_dir_entry *ent;

static ssize_t waitq_read(struct file *f, char __user *buf, size_t count, loff_t *off)
{
	char local[64];
	int n, ret;

	if (*off)
		return 0;
	pr_info("waitq: %s waits\\n", current->comm);
	ret = wait_event_interruptible(wq, len > 0);
	if (ret) {
		pr_info("waitq: %s interrupted (%d)\\n", current->comm, ret);
		return ret;
	}
	mutex_lock(&lock);
	n = len < (int)count ? len : (int)count;
	memcpy(local, msg, n);
	len = 0;
	mutex_unlock(&lock);
	if (copy_to_user(buf, local, n))
		return -EFAULT;
	*off += n;
	return n;
}

static ssize_t waitq_write(struct file *f, const char __user *buf, size_t count, loff_t *off)
{
	size_t n = count < sizeof(msg) ? count : sizeof(msg);
	unsigned long before = jiffies;

	msleep(20);
	mutex_lock(&lock);
	if (copy_from_user(msg, buf, n)) {
		mutex_unlock(&lock);
		return -EFAULT;
	}
	len = n;
	mutex_unlock(&lock);
	pr_info("waitq: %s wrote after %s\\n", current->comm, time_after(jiffies, before) ? "some jiffies" : "no time");
	wake_up_interruptible(&wq);
	return count;
}

static const struct proc_ops waitq_ops = {
	.proc_read = waitq_read,
	.proc_write = waitq_write,
};

static DECLARE_WAIT_QUEUE_HEAD(never);

static int __init waitq_init(void)
{
	long left;

	msleep(10);
	left = wait_event_timeout(never, 0, msecs_to_jiffies(30));
	pr_info("waitq: init slept, the timeout left %ld\\n", left);
	ent = proc_create("waitq", 0666, NULL, &waitq_ops);
	return ent ? 0 : -ENOMEM;
}

static void __exit waitq_exit(void)
{
	proc_remove(ent);
}

module_init(waitq_init);
module_exit(waitq_exit);
MODULE_LICENSE("GPL");
`;

test("wait_event_interruptible in C: readers sleep until a write wakes them, a signal ends the wait", async () => {
  const b = await buildModules(m, "/tmp/waitq", { waitq: WAITQ });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  const mark = await logLength(m);
  const ins = await m.run("sudo insmod waitq.ko", { cwd: "/tmp/waitq" });
  assert.equal(ins.status, 0, ins.stderr);
  assert.deepEqual(await logSince(m, mark), ["waitq: loading out-of-tree module taints kernel.", "waitq: init slept, the timeout left 0"]);

  // One reader, then two at once: each is resumed in its own read with its own stack.
  let r = await m.run("cat /proc/waitq > one & sleep 0.2; echo hello > /proc/waitq; wait; cat one");
  assert.equal(r.stdout, "hello\n");
  r = await m.run("cat /proc/waitq > a & cat /proc/waitq > b & sleep 0.3; echo first > /proc/waitq; sleep 0.1; " +
    "uname -s; echo second > /proc/waitq; wait; cat a b | sort");
  assert.equal(r.stdout, "Linux\nfirst\nsecond\n");

  // SIGTERM wakes the sleeper: the read ends with -ERESTARTSYS and cat dies of the signal.
  r = await m.run("cat /proc/waitq & sleep 0.2; kill -TERM $!; wait $!; echo status $?");
  assert.equal(r.stdout, "status 143\n");
  const log = await logSince(m, mark);
  assert.ok(log.includes("waitq: cat interrupted (-512)"), log.join("\n"));
  assert.ok(log.includes("waitq: sh wrote after some jiffies") || log.includes("waitq: echo wrote after some jiffies"), log.join("\n"));
  assert.equal(log.filter((l) => l === "waitq: cat waits").length, 4);

  const rm = await m.run("sudo rmmod waitq && lsmod");
  assert.equal(rm.status, 0, rm.stderr);
  assert.doesNotMatch(rm.stdout, /waitq/);
  // Loaded again: its wait queue, mutex and proc file start afresh.
  assert.equal((await m.run("sudo insmod waitq.ko && cat /proc/waitq & sleep 0.3; echo again > /proc/waitq; wait", { cwd: "/tmp/waitq" })).stdout, "again\n");
  assert.equal((await m.run("sudo rmmod waitq")).status, 0);
});
