// Deferred work and kernel threads in C modules, as the books write them: LKMPG's completions
// example (kthread_create, wake_up_process, kthread_complete_and_exit, an exit that waits for
// both threads), a kthread_run loop that kthread_stop ends with its result, workqueues (a queue
// of the module's own, the system one with container_of, delayed work, destroy_workqueue) and
// tasklets (DECLARE_TASKLET_OLD with mdelay, tasklet_setup with from_tasklet, disable/enable).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModules, logSince, logLength } from "./c_module_support.js";

let m: Machine;
before(async () => { m = await boot(); });
/** The module's messages after mark (the first load's taint message left out). */
const messages = async (mark: number) => (await logSince(m, mark)).filter((l) => !l.includes("taints kernel"));
after(async () => { await m.shutdown(); });

const COMPLETIONS = `/* completions.c: two threads, one waiting for the other */
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/version.h>

static struct completion crank_comp;
static struct completion flywheel_comp;

static int machine_crank_thread(void *arg)
{
	pr_info("Turn the crank\\n");
	complete_all(&crank_comp);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 17, 0)
	kthread_complete_and_exit(&crank_comp, 0);
#else
	complete_and_exit(&crank_comp, 0);
#endif
}

static int machine_flywheel_spinup_thread(void *arg)
{
	wait_for_completion(&crank_comp);
	pr_info("Flywheel spins up\\n");
	complete_all(&flywheel_comp);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 17, 0)
	kthread_complete_and_exit(&flywheel_comp, 0);
#else
	complete_and_exit(&flywheel_comp, 0);
#endif
}

static int __init completions_init(void)
{
	struct task_struct *crank_thread;
	struct task_struct *flywheel_thread;

	pr_info("completions example\\n");
	init_completion(&crank_comp);
	init_completion(&flywheel_comp);
	crank_thread = kthread_create(machine_crank_thread, NULL, "KThread Crank");
	if (IS_ERR(crank_thread))
		goto ERROR_THREAD_1;
	flywheel_thread = kthread_create(machine_flywheel_spinup_thread, NULL, "KThread Flywheel");
	if (IS_ERR(flywheel_thread))
		goto ERROR_THREAD_2;
	wake_up_process(flywheel_thread);
	wake_up_process(crank_thread);
	return 0;

ERROR_THREAD_2:
	kthread_stop(crank_thread);
ERROR_THREAD_1:
	return -1;
}

static void __exit completions_exit(void)
{
	wait_for_completion(&crank_comp);
	wait_for_completion(&flywheel_comp);
	pr_info("completions exit\\n");
}

module_init(completions_init);
module_exit(completions_exit);
MODULE_DESCRIPTION("Completions example");
MODULE_LICENSE("GPL");
`;

const TICKER = `/* ticker.c: a kernel thread that works until it is told to stop */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>

static struct task_struct *worker;
static int rounds;

static int ticker_fn(void *data)
{
	pr_info("ticker: %s (pid > 0: %d) started with %s\\n", current->comm, current->pid > 0, (char *)data);
	while (!kthread_should_stop()) {
		rounds++;
		msleep(20);
	}
	return 42;
}

static int __init ticker_init(void)
{
	worker = kthread_run(ticker_fn, "its data", "ticker/%d", 7);
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	pr_info("ticker: started %s\\n", worker->comm);
	return 0;
}

static void __exit ticker_exit(void)
{
	int ret = kthread_stop(worker);
	pr_info("ticker: stopped with %d after %s\\n", ret, rounds > 1 ? "several rounds" : "too few rounds");
}

module_init(ticker_init);
module_exit(ticker_exit);
MODULE_LICENSE("GPL");
`;

test("LKMPG's completions: threads made by kthread_create start at wake_up_process, in the order they complete", async () => {
  assert.equal((await buildModules(m, "/tmp/completions", { completions: COMPLETIONS })).status, 0);
  const mark = await logLength(m);
  const r = await m.run("sudo insmod completions.ko && sleep 0.2 && sudo rmmod completions", { cwd: "/tmp/completions", timeout: 20000 });
  assert.equal(r.status, 0, r.stderr);
  const log = await messages(mark);
  assert.deepEqual(log, ["completions example", "Turn the crank", "Flywheel spins up", "completions exit"]);
  assert.doesNotMatch((await m.run("ps -e")).stdout, /KThread/);
});

test("kthread_run and kthread_stop: the thread is listed in brackets by ps, stops at the request and returns 42", async () => {
  assert.equal((await buildModules(m, "/tmp/ticker", { ticker: TICKER })).status, 0);
  const mark = await logLength(m);
  const r = await m.run("sudo insmod ticker.ko && sleep 0.2 && ps -e -o comm= | grep ticker; sudo rmmod ticker", { cwd: "/tmp/ticker", timeout: 20000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "ticker/7\n");
  assert.match((await m.run("sudo insmod ticker.ko && ps -e -o pid,args | grep ticker; sudo rmmod ticker", { cwd: "/tmp/ticker" })).stdout, /^ *\d+ \[ticker\/7\]$/m);
  const log = await messages(mark);
  assert.deepEqual(log.slice(0, 4), ["ticker: started ticker/7", "ticker: ticker/7 (pid > 0: 1) started with its data",
    "ticker: stopped with 42 after several rounds", "ticker: started ticker/7"]);
});

const WORK = `/* work.c: a workqueue of the module's own, the system one, and delayed work */
#include <linux/module.h>
#include <linux/workqueue.h>
#include <linux/slab.h>
#include <linux/delay.h>

static struct workqueue_struct *queue;
static struct work_struct work;

struct job {
	int id;
	struct work_struct work;
};
static struct job *job;

static void work_handler(struct work_struct *data)
{
	pr_info("work handler function.\\n");
}

static void job_handler(struct work_struct *w)
{
	struct job *j = container_of(w, struct job, work);
	msleep(10);
	pr_info("job %d ran, slept, and is done\\n", j->id);
}

static void later_fn(struct work_struct *w);
static DECLARE_DELAYED_WORK(later, later_fn);
static void later_fn(struct work_struct *w)
{
	pr_info("delayed work ran: %d\\n", to_delayed_work(w) == &later);
}

static int __init work_init(void)
{
	bool first, second;

	queue = alloc_workqueue("HELLOWORLD", WQ_UNBOUND, 1);
	INIT_WORK(&work, work_handler);
	first = queue_work(queue, &work);
	second = queue_work(queue, &work);
	pr_info("queued: %d, again while pending: %d\\n", first, second);

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	job->id = 7;
	INIT_WORK(&job->work, job_handler);
	schedule_work(&job->work);
	flush_work(&job->work);
	pr_info("flushed job %d\\n", job->id);

	schedule_delayed_work(&later, msecs_to_jiffies(50));
	return 0;
}

static void __exit work_exit(void)
{
	pr_info("cancelled a pending delayed work: %d\\n", cancel_delayed_work_sync(&later));
	destroy_workqueue(queue);
	kfree(job);
	pr_info("work exit\\n");
}

module_init(work_init);
module_exit(work_exit);
MODULE_LICENSE("GPL");
`;

test("workqueues in C: alloc_workqueue and queue_work, schedule_work with container_of and flush_work, delayed work", async () => {
  assert.equal((await buildModules(m, "/tmp/work", { work: WORK })).status, 0);
  let mark = await logLength(m);
  let r = await m.run("sudo insmod work.ko && sleep 0.3 && sudo rmmod work", { cwd: "/tmp/work", timeout: 20000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual((await messages(mark)).sort(), ["queued: 1, again while pending: 0", "work handler function.",
    "job 7 ran, slept, and is done", "flushed job 7", "delayed work ran: 1", "cancelled a pending delayed work: 0", "work exit"].sort());
  const log = await messages(mark);
  assert.ok(log.indexOf("job 7 ran, slept, and is done") < log.indexOf("flushed job 7"), log.join("\n"));
  // Unloaded before the delay is over: the delayed work is cancelled and never runs.
  mark = await logLength(m);
  r = await m.run("sudo insmod work.ko && sudo rmmod work && sleep 0.2", { cwd: "/tmp/work", timeout: 20000 });
  assert.equal(r.status, 0, r.stderr);
  const again = await messages(mark);
  assert.ok(again.includes("cancelled a pending delayed work: 1"), again.join("\n"));
  assert.ok(!again.includes("delayed work ran: 1"), again.join("\n"));
});

const TASKLET = `/* example_tasklet.c */
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/printk.h>

static void tasklet_fn(unsigned long data)
{
	pr_info("Example tasklet starts\\n");
	mdelay(50);
	pr_info("Example tasklet ends\\n");
}

static DECLARE_TASKLET_OLD(mytask, tasklet_fn);

struct dev {
	int irqs;
	struct tasklet_struct bh;
};
static struct dev dev = { .irqs = 3 };

static void bh_fn(struct tasklet_struct *t)
{
	struct dev *d = from_tasklet(d, t, bh);
	pr_info("bottom half for %d interrupts\\n", d->irqs);
}

static int __init example_tasklet_init(void)
{
	pr_info("tasklet example init\\n");
	tasklet_schedule(&mytask);
	mdelay(20);
	pr_info("Example tasklet init continues...\\n");
	tasklet_setup(&dev.bh, bh_fn);
	tasklet_disable(&dev.bh);
	tasklet_schedule(&dev.bh);
	tasklet_schedule(&dev.bh);
	return 0;
}

static void __exit example_tasklet_exit(void)
{
	pr_info("tasklet example exit\\n");
	tasklet_kill(&mytask);
	tasklet_enable(&dev.bh);
	tasklet_kill(&dev.bh);
	pr_info("killed\\n");
}

module_init(example_tasklet_init);
module_exit(example_tasklet_exit);
MODULE_DESCRIPTION("Tasklet example");
MODULE_LICENSE("GPL");
`;

test("tasklets in C: DECLARE_TASKLET_OLD runs once after init, a disabled tasklet runs once enabled, tasklet_kill waits", async () => {
  assert.equal((await buildModules(m, "/tmp/tasklet", { example_tasklet: TASKLET })).status, 0);
  const mark = await logLength(m);
  const r = await m.run("sudo insmod example_tasklet.ko && sleep 0.3 && sudo rmmod example_tasklet", { cwd: "/tmp/tasklet", timeout: 20000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(await messages(mark), ["tasklet example init", "Example tasklet init continues...", "Example tasklet starts",
    "Example tasklet ends", "tasklet example exit", "bottom half for 3 interrupts", "killed"]);
});
