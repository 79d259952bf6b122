// sysfs attributes of C modules, as a learner types them: LKMPG's hello-sysfs built with `make`,
// its file listed, read and written as root (sh's redirection and tee) and refused to a plain
// user, gone at rmmod and back at the next insmod; a module with groups (__ATTR_RO, __ATTR_RW,
// __ATTR_WO, a named group with is_visible), sysfs_emit and sysfs_emit_at, kstrtoint's -EINVAL
// as the writer sees it, a duplicate name, sysfs_remove_file; and a module that forgets
// kobject_put at exit.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModules, logSince, logLength } from "./c_module_support.js";

let m: Machine;
before(async () => { m = await boot(); });
after(async () => { await m.shutdown(); });

const HELLO_SYSFS = `/*
 * hello-sysfs.c sysfs example
 */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/sysfs.h>

static struct kobject *mymodule;

/* the variable you want to be able to change */
static int myvariable = 0;

static ssize_t myvariable_show(struct kobject *kobj,
                               struct kobj_attribute *attr, char *buf)
{
    return sprintf(buf, "%d\\n", myvariable);
}

static ssize_t myvariable_store(struct kobject *kobj,
                                struct kobj_attribute *attr, char *buf,
                                size_t count)
{
    sscanf(buf, "%d", &myvariable);
    return count;
}

static struct kobj_attribute myvariable_attribute =
    __ATTR(myvariable, 0660, myvariable_show, (void *)myvariable_store);

static int __init mymodule_init(void)
{
    int error = 0;

    pr_info("mymodule: initialised\\n");

    mymodule = kobject_create_and_add("mymodule", kernel_kobj);
    if (!mymodule)
        return -ENOMEM;

    error = sysfs_create_file(mymodule, &myvariable_attribute.attr);
    if (error) {
        kobject_put(mymodule);
        pr_info("failed to create the myvariable file "
                "in /sys/kernel/mymodule\\n");
    }

    return error;
}

static void __exit mymodule_exit(void)
{
    pr_info("mymodule: Exit success\\n");
    kobject_put(mymodule);
}

module_init(mymodule_init);
module_exit(mymodule_exit);

MODULE_LICENSE("GPL");
`;

const F = "/sys/kernel/mymodule/myvariable";

test("LKMPG's hello-sysfs: ls -l, cat, echo as root through sh and tee, EACCES for a user, rmmod, insmod again", async () => {
  const b = await buildModules(m, "/tmp/hello-sysfs", { "hello-sysfs": HELLO_SYSFS });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  const mark = await logLength(m);
  assert.equal((await m.run("sudo insmod hello-sysfs.ko", { cwd: "/tmp/hello-sysfs" })).stderr, "");
  const ls = await m.run("ls -l /sys/kernel/mymodule; cat " + F);
  assert.match(ls.stdout, /^total \d+\n-rw-rw---- 1 root root 4096 .* myvariable\n$/);
  assert.equal(ls.stderr, `cat: ${F}: Permission denied\n`);
  assert.equal((await m.run(`sudo cat ${F}`)).stdout, "0\n");
  const set = await m.run(`sudo sh -c 'echo 32 > ${F}'; sudo cat ${F}; echo 45 | sudo tee ${F}; sudo cat ${F}`);
  assert.equal(set.stderr, "");
  assert.equal(set.stdout, "32\n45\n45\n");
  // sscanf finds no number: the variable stays, and the write succeeds (the store returns count).
  assert.equal((await m.run(`echo many | sudo tee ${F} >/dev/null; sudo cat ${F}`)).stdout, "45\n");
  const user = await m.run(`echo 7 > ${F}; echo 7 | tee ${F}`);
  assert.equal(user.stderr, `/bin/sh: 1: cannot create ${F}: Permission denied\ntee: ${F}: Permission denied\n`);
  assert.equal((await m.run(`sudo cat ${F}`)).stdout, "45\n");
  assert.equal((await m.run("sudo rmmod hello_sysfs")).stderr, "");
  assert.equal((await m.run("ls /sys/kernel/mymodule")).stderr, "ls: cannot access '/sys/kernel/mymodule': No such file or directory\n");
  const log = (await logSince(m, mark)).filter((l) => !l.includes("taints kernel"));
  assert.deepEqual(log, ["mymodule: initialised", "mymodule: Exit success"]);
  // Loaded again: a fresh directory, the variable back at its initial value.
  assert.equal((await m.run(`sudo insmod hello-sysfs.ko && sudo cat ${F} && sudo rmmod hello_sysfs`, { cwd: "/tmp/hello-sysfs" })).stdout, "0\n");
});

const KNOBS = `#include <linux/module.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/slab.h>

static struct kobject *knobs;
static int level = 3, resets;

static ssize_t version_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s/%s v%d\\n", kobject_name(kobj), attr->attr.name, 2);
}

static ssize_t level_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int n = sysfs_emit(buf, "%d", level);

	return n + sysfs_emit_at(buf, n, " (resets %d)\\n", resets);
}

static ssize_t level_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf, size_t count)
{
	int v, err = kstrtoint(buf, 10, &v);

	if (err)
		return err;
	level = v;
	return count;
}

static ssize_t reset_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf, size_t count)
{
	resets++;
	level = 0;
	return count;
}

static ssize_t bad_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf + 1, "not at the start of the page\\n");
}

static struct kobj_attribute version_attr = __ATTR_RO(version);
static struct kobj_attribute level_attr = __ATTR_RW(level);
static struct kobj_attribute reset_attr = __ATTR_WO(reset);
static struct kobj_attribute bad_attr = __ATTR(bad, 0444, bad_show, NULL);
static struct kobj_attribute tmp_attr = __ATTR(tmp, 0444, version_show, NULL);

static struct attribute *knob_attrs[] = { &version_attr.attr, &level_attr.attr, &reset_attr.attr, NULL };
static const struct attribute_group knob_group = { .attrs = knob_attrs };

static struct attribute *extra_attrs[] = { &bad_attr.attr, &tmp_attr.attr, &version_attr.attr, NULL };
static umode_t extra_visible(struct kobject *kobj, struct attribute *attr, int n)
{
	return n == 1 ? 0 : attr->mode;
}
static const struct attribute_group extra_group = { .name = "extra", .attrs = extra_attrs, .is_visible = extra_visible };

static int __init knobs_init(void)
{
	char *path;
	int err;

	knobs = kobject_create_and_add("knobs", kernel_kobj);
	if (!knobs)
		return -ENOMEM;
	err = sysfs_create_group(knobs, &knob_group);
	if (!err)
		err = sysfs_create_group(knobs, &extra_group);
	if (err) {
		kobject_put(knobs);
		return err;
	}
	pr_info("knobs: duplicate level: %d\\n", sysfs_create_file(knobs, &level_attr.attr));
	pr_info("knobs: tmp: %d\\n", sysfs_create_file(knobs, &tmp_attr.attr));
	sysfs_remove_file(knobs, &tmp_attr.attr);
	path = kobject_get_path(kobject_get(knobs), GFP_KERNEL);
	pr_info("knobs: at %s, in %s\\n", path, kobject_name(kernel_kobj));
	kfree(path);
	kobject_put(knobs);
	return 0;
}

static void __exit knobs_exit(void)
{
	sysfs_remove_group(knobs, &extra_group);
	sysfs_remove_group(knobs, &knob_group);
	kobject_put(knobs);
}

module_init(knobs_init);
module_exit(knobs_exit);
MODULE_LICENSE("GPL");
`;

const K = "/sys/kernel/knobs";

test("groups of C attributes: __ATTR_RO/RW/WO, a named group with is_visible, sysfs_emit(_at), -EINVAL from store", async () => {
  const b = await buildModules(m, "/tmp/knobs", { knobs: KNOBS });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  const mark = await logLength(m);
  assert.equal((await m.run("sudo insmod knobs.ko", { cwd: "/tmp/knobs" })).stderr, "");
  const log = (await logSince(m, mark)).filter((l) => !l.includes("taints kernel"));
  assert.deepEqual(log, ["sysfs: cannot create duplicate filename '/kernel/knobs/level'", "knobs: duplicate level: -17",
    "knobs: tmp: 0", "knobs: at /kernel/knobs, in kernel"]);
  const ls = await m.run(`cd ${K} && ls -l | sed 's/ .* / /' && ls extra`);
  assert.equal(ls.stdout, "total 0\ndrwxr-xr-x extra\n-rw-r--r-- level\n--w------- reset\n-r--r--r-- version\nbad\nversion\n");
  const r = await m.run(`cat ${K}/version ${K}/extra/version ${K}/level`);
  assert.equal(r.stdout, "knobs/version v2\nknobs/version v2\n3 (resets 0)\n");
  const set = await m.run(`echo 8 | sudo tee ${K}/level >/dev/null; cat ${K}/level; sudo sh -c 'echo > ${K}/reset'; cat ${K}/level`);
  assert.equal(set.stdout, "8 (resets 0)\n0 (resets 1)\n");
  // kstrtoint's -EINVAL: sh's echo says only "I/O error" (as dash's does), tee names the errno.
  const bad = await m.run(`sudo sh -c 'echo eight > ${K}/level; echo $?'; echo 8x | sudo tee ${K}/level >/dev/null; cat ${K}/level`);
  assert.equal(bad.stdout, "1\n0 (resets 1)\n");
  assert.equal(bad.stderr, `sh: 1: echo: I/O error\ntee: ${K}/level: Invalid argument\n`);
  // A write-only attribute read by root: the kobject's show says -EIO.
  assert.equal((await m.run(`sudo cat ${K}/reset`)).stderr, `cat: ${K}/reset: Input/output error\n`);
  // sysfs_emit into the middle of the page: a warning, and nothing written.
  const mark2 = await logLength(m);
  assert.equal((await m.run(`cat ${K}/extra/bad | wc -c`)).stdout.trim(), "0");
  assert.match((await logSince(m, mark2)).join("\n"), /^invalid sysfs_emit: buf:[0-9a-f]{13}001$/);
  assert.equal((await m.run("sudo rmmod knobs && ls /sys/kernel | grep -c knobs")).stdout, "0\n");
});

const LEAKY = `#include <linux/module.h>
#include <linux/kobject.h>

static ssize_t value_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "1\\n");
}
static struct kobj_attribute value_attr = __ATTR_RO(value);

static int __init leaky_init(void)
{
	struct kobject *k = kobject_create_and_add("leaky", kernel_kobj);

	return k ? sysfs_create_file(k, &value_attr.attr) : -ENOMEM;
}
static void __exit leaky_exit(void) { }
module_init(leaky_init);
module_exit(leaky_exit);
MODULE_LICENSE("GPL");
`;

test("a C module that forgets kobject_put: its directory stays after rmmod, its attribute's file goes", async () => {
  const b = await buildModules(m, "/tmp/leaky", { leaky: LEAKY });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  assert.equal((await m.run("sudo insmod leaky.ko && cat /sys/kernel/leaky/value", { cwd: "/tmp/leaky" })).stdout, "1\n");
  const r = await m.run("sudo rmmod leaky; ls -a /sys/kernel/leaky; cat /sys/kernel/leaky/value");
  assert.equal(r.stdout, ".\n..\n");
  assert.equal(r.stderr, "cat: /sys/kernel/leaky/value: No such file or directory\n");
  // Loaded again, its directory's name is taken: kobject_create_and_add fails as Linux's does.
  const again = await m.run("sudo insmod leaky.ko", { cwd: "/tmp/leaky" });
  assert.equal(again.stderr, "insmod: ERROR: could not insert module leaky.ko: Cannot allocate memory\n");
});

const PARSE = `#include <linux/module.h>
#include <linux/kobject.h>

static ssize_t answer_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "42\\n");
}
static struct kobj_attribute answer_attr = __ATTR_RO(answer);
static struct attribute *parse_attrs[] = { &answer_attr.attr, NULL };
ATTRIBUTE_GROUPS(parse);
static struct kobject *k;

static int __init parse_init(void)
{
	int a = 0, b = 0, n = 0, r;
	unsigned int x = 0;
	unsigned char small = 0;
	long long big = 0;
	char word[8] = "", c = '?', *end;
	unsigned long ul;
	bool on;

	r = sscanf("  12 -7 ff", "%d %d %x", &a, &b, &x);
	pr_info("parse: %d: %d %d %u\\n", r, a, b, x);
	r = sscanf("v=0x1f,word rest", "v=%i,%7s %c%n", &a, word, &c, &n);
	pr_info("parse: %d: %d %s %c %d\\n", r, a, word, c, n);
	r = sscanf("300 123456789012 abc", "%hhu %lld %d", &small, &big, &b);
	pr_info("parse: %d: %u %lld %d\\n", r, small, big, b);
	r = sscanf("12345", "%2d%d", &a, &b);
	pr_info("parse: %d: %d %d\\n", r, a, b);
	pr_info("parse: kstrtoint %d %d, %d, %d\\n", kstrtoint("-15\\n", 10, &a), a, kstrtoint("15 ", 10, &a),
		kstrtoint("99999999999", 10, &a));
	pr_info("parse: kstrtoul %d %lu, kstrtobool %d %d\\n", kstrtoul("0x10", 0, &ul), ul, kstrtobool("on", &on), on);
	pr_info("parse: simple_strtoul %lu rest '%s'\\n", simple_strtoul("077z", &end, 0), end);
	k = kobject_create_and_add("parse", fs_kobj);
	if (!k)
		return -ENOMEM;
	r = sysfs_create_groups(k, parse_groups);
	if (r)
		kobject_put(k);
	return r;
}
static void __exit parse_exit(void)
{
	sysfs_remove_groups(k, parse_groups);
	kobject_put(k);
}
module_init(parse_init);
module_exit(parse_exit);
MODULE_LICENSE("GPL");
`;

test("sscanf, kstrto* and simple_strtoul in C; ATTRIBUTE_GROUPS with sysfs_create_groups under fs_kobj", async () => {
  const b = await buildModules(m, "/tmp/parse", { parse: PARSE });
  assert.equal(b.status, 0, b.stdout + b.stderr);
  const mark = await logLength(m);
  assert.equal((await m.run("sudo insmod parse.ko && cat /sys/fs/parse/answer", { cwd: "/tmp/parse" })).stdout, "42\n");
  const log = (await logSince(m, mark)).filter((l) => !l.includes("taints kernel"));
  assert.deepEqual(log, [
    "parse: 3: 12 -7 255",
    "parse: 3: 31 word r 13",
    "parse: 2: 44 123456789012 -7",
    "parse: 2: 12 345",
    "parse: kstrtoint 0 -15, -22, -34",
    "parse: kstrtoul 0 16, kstrtobool 0 1",
    "parse: simple_strtoul 63 rest 'z'",
  ]);
  assert.equal((await m.run("sudo rmmod parse && ls /sys/fs | grep -c parse")).stdout, "0\n");
});
