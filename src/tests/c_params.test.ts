// module_param_cb in C, as the tutorials write it: a parameter whose kernel_param_ops are the
// module's own functions, calling param_set_int and friends; a standard getter taken by
// address (.get = param_get_int); param_ops_bool; a setter that refuses a value, at insmod
// and at a write to /sys/module/NAME/parameters; modinfo -p without a type.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModules, logSince, logLength } from "./c_module_support.js";

let m: Machine;
before(async () => { m = await boot(); });
after(async () => { await m.shutdown(); });

const CB = `#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kstrtox.h>

static int value = 5;
static char *label = "none";
static bool flag;
static int even = 2;
static int reads;

/* A setter that uses the standard one, then says what it did. */
static int notify_set(const char *val, const struct kernel_param *kp)
{
	int res = param_set_int(val, kp);

	if (res == 0)
		pr_info("cb: %s is now %d\\n", kp->name, value);
	return res;
}

static int label_get(char *buffer, const struct kernel_param *kp)
{
	reads++;
	return sprintf(buffer, "[%s] (read %d times)\\n", *(char **)kp->arg, reads);
}

/* Only even numbers. */
static int even_set(const char *val, const struct kernel_param *kp)
{
	int n, err = kstrtoint(val, 0, &n);

	if (err)
		return err;
	if (n % 2)
		return -EINVAL;
	*(int *)kp->arg = n;
	return 0;
}

static const struct kernel_param_ops value_ops = { .set = notify_set, .get = param_get_int };
static const struct kernel_param_ops label_ops = { .set = param_set_charp, .get = label_get };
static const struct kernel_param_ops even_ops = { .set = even_set, .get = param_get_int };

module_param_cb(value, &value_ops, &value, 0644);
MODULE_PARM_DESC(value, "An int whose changes are logged");
module_param_cb(label, &label_ops, &label, 0644);
module_param_cb(flag, &param_ops_bool, &flag, 0444);
module_param_cb(even, &even_ops, &even, 0644);
MODULE_PARM_DESC(even, "An even number");

static int __init cb_init(void)
{
	pr_info("cb: value=%d label=%s flag=%d even=%d\\n", value, label, flag, even);
	return 0;
}

static void __exit cb_exit(void)
{
	pr_info("cb: value=%d label=%s at exit\\n", value, label);
}

module_init(cb_init);
module_exit(cb_exit);
MODULE_LICENSE("GPL");
`;

test("module_param_cb: the module's set and get, param_set_int and param_get_int, param_ops_bool, a refused value", async () => {
  const b = await buildModules(m, "/home/user/cb", { cb: CB });
  assert.equal(b.stderr, "");
  assert.equal(b.status, 0);
  const mark = await logLength(m);
  const load = await m.run("sudo insmod cb.ko value=7 label=hi flag", { cwd: "/home/user/cb" });
  assert.deepEqual([load.stderr, load.status], ["", 0]);
  const dir = "/sys/module/cb/parameters";
  assert.equal((await m.run(`cat ${dir}/value ${dir}/label ${dir}/flag ${dir}/even ${dir}/label`)).stdout,
    "7\n[hi] (read 1 times)\nY\n2\n[hi] (read 2 times)\n");
  assert.match((await m.run(`ls -l ${dir}/flag ${dir}/value`)).stdout, /^-r--r--r-- .*\/flag\n-rw-r--r-- .*\/value\n$/);
  // A write goes through the module's setter; one it refuses is the writer's EINVAL.
  assert.equal((await m.run(`echo 9 | sudo tee ${dir}/value; echo there | sudo tee ${dir}/label`)).status, 0);
  const odd = await m.run(`echo 3 | sudo tee ${dir}/even`);
  assert.deepEqual([odd.stderr, odd.status], ["tee: /sys/module/cb/parameters/even: Invalid argument\n", 1]);
  // As in Linux, param_set_charp keeps the newline echo wrote.
  assert.equal((await m.run(`cat ${dir}/value ${dir}/even ${dir}/label`)).stdout, "9\n2\n[there\n] (read 3 times)\n");
  assert.equal((await m.run("sudo rmmod cb")).status, 0);
  assert.deepEqual(await logSince(m, mark), [
    "cb: loading out-of-tree module taints kernel.",
    "cb: value is now 7",
    "cb: value=7 label=hi flag=1 even=2",
    "cb: value is now 9",
    "cb: value=9 label=there", " at exit",
  ]);
  // At insmod, a refused value fails the load as a standard type's would.
  const mark2 = await logLength(m);
  const bad = await m.run("sudo insmod cb.ko even=3", { cwd: "/home/user/cb" });
  assert.equal(bad.stderr, "insmod: ERROR: could not insert module cb.ko: Invalid parameters\n");
  assert.deepEqual(await logSince(m, mark2), ["cb: `3' invalid for parameter `even'"]);
  // module_param_cb gives no parmtype: modinfo -p shows the descriptions alone.
  assert.equal((await m.run("/sbin/modinfo -p cb.ko", { cwd: "/home/user/cb" })).stdout, "value:An int whose changes are logged\neven:An even number\n");
});
