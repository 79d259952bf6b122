// C kernel modules end to end, as a learner types them: LKMPG's hello-1 and hello-2 built with
// `make` against the build directory, modinfo, insmod, lsmod, rmmod and the kernel log; printk's
// conversions compared with what the host's gcc printf prints for the same format and values;
// kmalloc and the string functions over the kernel memory; and the failures kbuild, modpost
// and the loader report.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, type Machine } from "../index.js";
import { buildModules, logSince as logSinceOf, logLength as logLengthOf } from "./c_module_support.js";

let m: Machine;
before(async () => { m = await boot(); });
after(async () => { await m.shutdown(); });

const build = (dir: string, sources: Record<string, string>) => buildModules(m, dir, sources);
const logSince = (mark: number) => logSinceOf(m, mark);
const logLength = () => logLengthOf(m);

const HELLO_1 = `/*
 * hello-1.c - The simplest kernel module.
 */
#include <linux/module.h> /* Needed by all modules */
#include <linux/printk.h> /* Needed for pr_info() */

int init_module(void)
{
    pr_info("Hello world 1.\\n");

    /* A non 0 return means init_module failed; module can't be loaded. */
    return 0;
}

void cleanup_module(void)
{
    pr_info("Goodbye world 1.\\n");
}

MODULE_LICENSE("GPL");
`;

const HELLO_2 = `/*
 * hello-2.c - Demonstrating the module_init() and module_exit() macros.
 * This is preferred over using init_module() and cleanup_module().
 */
#include <linux/init.h> /* Needed for the macros */
#include <linux/module.h> /* Needed by all modules */
#include <linux/printk.h> /* Needed for pr_info() */

static int __init hello_2_init(void)
{
    pr_info("Hello, world 2\\n");
    return 0;
}

static void __exit hello_2_exit(void)
{
    pr_info("Goodbye, world 2\\n");
}

module_init(hello_2_init);
module_exit(hello_2_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("LKMPG");
MODULE_DESCRIPTION("A sample driver");
`;

test("LKMPG's hello-1 and hello-2: make, modinfo, insmod, lsmod, rmmod, dmesg", async () => {
  const dir = "/tmp/lkmpg";
  const r = await build(dir, { "hello-1": HELLO_1, "hello-2": HELLO_2 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split("\n").filter((l) => l.startsWith("  ")), [
    `  CC [M]  ${dir}/hello-1.o`, `  CC [M]  ${dir}/hello-2.o`, `  MODPOST ${dir}/Module.symvers`,
    `  CC [M]  ${dir}/hello-1.mod.o`, `  LD [M]  ${dir}/hello-1.ko`, `  CC [M]  ${dir}/hello-2.mod.o`, `  LD [M]  ${dir}/hello-2.ko`,
  ]);
  const info = await m.run(`modinfo ${dir}/hello-2.ko`);
  assert.match(info.stdout, new RegExp(`^filename: +${dir}/hello-2\\.ko\ndescription: +A sample driver\nauthor: +LKMPG\nlicense: +GPL\nsrcversion: +[0-9A-F]{23}\ndepends: +\nname: +hello_2\nvermagic: +6\\.6\\.0-typix SMP preempt mod_unload \n$`));
  const mark = await logLength();
  const load = await m.run(`sudo insmod hello-1.ko && sudo insmod hello-2.ko && lsmod | head -3`, { cwd: dir });
  assert.equal(load.status, 0, load.stderr);
  assert.match(load.stdout, /^Module +Size +Used by\nhello_2 +\d+ +0\nhello_1 +\d+ +0\n$/);
  const unload = await m.run("sudo rmmod hello_2 && sudo rmmod hello_1 && lsmod | grep -c hello", { cwd: dir });
  assert.equal(unload.stdout, "0\n");
  const log = (await logSince(mark)).filter((l) => !l.includes("taints kernel"));
  assert.deepEqual(log, ["Hello world 1.", "Hello, world 2", "Goodbye, world 2", "Goodbye world 1."]);
});

const HELLO_5 = `/*
 * hello-5.c - Demonstrates command line argument passing to a module.
 */
#include <linux/init.h>
#include <linux/kernel.h> /* for ARRAY_SIZE() */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/stat.h>

MODULE_LICENSE("GPL");

static short int myshort = 1;
static int myint = 420;
static long int mylong = 9999;
static char *mystring = "blah";
static int myintarray[2] = { 420, 420 };
static int arr_argc = 0;

module_param(myshort, short, S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP);
MODULE_PARM_DESC(myshort, "A short integer");
module_param(myint, int, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
MODULE_PARM_DESC(myint, "An integer");
module_param(mylong, long, S_IRUSR);
MODULE_PARM_DESC(mylong, "A long integer");
module_param(mystring, charp, 0000);
MODULE_PARM_DESC(mystring, "A character string");

module_param_array(myintarray, int, &arr_argc, 0000);
MODULE_PARM_DESC(myintarray, "An array of integers");

static int __init hello_5_init(void)
{
    int i;

    pr_info("Hello, world 5\\n=============\\n");
    pr_info("myshort is a short integer: %hd\\n", myshort);
    pr_info("myint is an integer: %d\\n", myint);
    pr_info("mylong is a long integer: %ld\\n", mylong);
    pr_info("mystring is a string: %s\\n", mystring);

    for (i = 0; i < ARRAY_SIZE(myintarray); i++)
        pr_info("myintarray[%d] = %d\\n", i, myintarray[i]);

    pr_info("got %d arguments for myintarray.\\n", arr_argc);
    return 0;
}

static void __exit hello_5_exit(void)
{
    pr_info("Goodbye, world 5\\n");
}

module_init(hello_5_init);
module_exit(hello_5_exit);
`;

const HELLO_4 = `/*
 * hello-4.c - Demonstrates module documentation.
 */
#include <linux/init.h> /* Needed for the macros */
#include <linux/module.h> /* Needed by all modules */
#include <linux/printk.h> /* Needed for pr_info() */

#define DRIVER_AUTHOR "Peter Jay Salzman <p@dirac.org>"
#define DRIVER_DESC "A sample driver"

static int hello4_data __initdata = 4;

static int __init init_hello_4(void)
{
    pr_info("Hello, world %d\\n", hello4_data);
    return 0;
}

static void __exit cleanup_hello_4(void)
{
    pr_info("Goodbye, world 4\\n");
}

module_init(init_hello_4);
module_exit(cleanup_hello_4);

MODULE_LICENSE("GPL");
MODULE_AUTHOR(DRIVER_AUTHOR);
MODULE_DESCRIPTION(DRIVER_DESC);
`;

test("LKMPG's hello-4: __initdata, and MODULE_AUTHOR/MODULE_DESCRIPTION through macros", async () => {
  const r = await build("/tmp/hello4", { "hello-4": HELLO_4 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await m.run("modinfo -F author hello-4.ko && modinfo -F description hello-4.ko", { cwd: "/tmp/hello4" })).stdout,
    "Peter Jay Salzman <p@dirac.org>\nA sample driver\n");
  const mark = await logLength();
  assert.equal((await m.run("sudo insmod hello-4.ko && sudo rmmod hello_4", { cwd: "/tmp/hello4" })).status, 0);
  assert.deepEqual((await logSince(mark)).filter((l) => !l.includes("taints kernel")), ["Hello, world 4", "Goodbye, world 4"]);
});

test("LKMPG's hello-5: parameters from insmod, modinfo's parm lines, /sys/module/NAME/parameters", async () => {
  const dir = "/tmp/hello5";
  const r = await build(dir, { "hello-5": HELLO_5 });
  assert.equal(r.status, 0, r.stderr);
  const info = await m.run("modinfo -p hello-5.ko", { cwd: dir });
  assert.equal(info.stdout, [
    "myshort:A short integer (short)", "myint:An integer (int)", "mylong:A long integer (long)",
    "mystring:A character string (charp)", "myintarray:An array of integers (array of int)", "",
  ].join("\n"));
  const mark = await logLength();
  const load = await m.run(`sudo insmod hello-5.ko mystring="bebop" myintarray=-1 myshort=-5 && cat /sys/module/hello_5/parameters/myint && sudo cat /sys/module/hello_5/parameters/myshort && ls -l /sys/module/hello_5/parameters | cut -c1-10`, { cwd: dir });
  assert.equal(load.status, 0, load.stderr);
  // myint is 0644, mylong 0400, myshort 0660; mystring and myintarray (0000) have no file.
  assert.equal(load.stdout, "420\n-5\ntotal 0\n-rw-r--r--\n-r--------\n-rw-rw----\n");
  assert.equal((await m.run("echo 77 | sudo tee /sys/module/hello_5/parameters/myshort >/dev/null && sudo cat /sys/module/hello_5/parameters/myshort")).stdout, "77\n");
  assert.match((await m.run("cat /sys/module/hello_5/parameters/myshort")).stderr, /Permission denied/);
  await m.run("sudo rmmod hello_5");
  assert.deepEqual((await logSince(mark)).filter((l) => !l.includes("taints kernel")), [
    "Hello, world 5", "=============", "myshort is a short integer: -5", "myint is an integer: 420", "mylong is a long integer: 9999",
    "mystring is a string: bebop", "myintarray[0] = -1", "myintarray[1] = 420", "got 1 arguments for myintarray.", "Goodbye, world 5",
  ]);
  const bad = await m.run("sudo insmod hello-5.ko myint=abc", { cwd: dir });
  assert.equal(bad.stderr, "insmod: ERROR: could not insert module hello-5.ko: Invalid parameters\n");
});

/** LKMPG's chardev.c, as the book prints it (for kernels from 6.4, class_create takes the name only). */
const CHARDEV = readFileSync(fileURLToPath(new URL("../../src/tests/golden/lkmpg_chardev.c", import.meta.url)), "utf8");

/** A test program: opens the device, reads it, keeps it open while the shell tries rmmod. */
const CHARDEV_TEST = `#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <string.h>

int main(void)
{
    char buf[100];
    int fd = open("/dev/chardev", O_RDWR);
    if (fd < 0) { perror("open"); return 1; }
    int second = open("/dev/chardev", O_RDONLY);
    printf("second open: %s\\n", second < 0 ? strerror(errno) : "ok");
    ssize_t n = read(fd, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("read %zd: %s", n, buf);
    fflush(stdout);
    printf("rmmod while open: %d\\n", system("rmmod chardev 2>&1") != 0);
    if (write(fd, "x", 1) < 0) printf("write: %s\\n", strerror(errno));
    close(fd);
    return 0;
}
`;

test("LKMPG's chardev: register_chrdev, class and device, open/read/write/release, the module held while open", async () => {
  const dir = "/tmp/chardev";
  const r = await build(dir, { chardev: CHARDEV });
  assert.equal(r.status, 0, r.stderr);
  await m.writeFile(`${dir}/test.c`, CHARDEV_TEST);
  assert.equal((await m.run("gcc -o test test.c", { cwd: dir })).status, 0);
  const mark = await logLength();
  const load = await m.run("sudo insmod chardev.ko && ls -l /dev/chardev | cut -c1-10 && grep -c ' chardev$' /proc/devices && ls /sys/class/chardev", { cwd: dir });
  assert.equal(load.status, 0, load.stderr);
  assert.equal(load.stdout, "crw-------\n1\nchardev\n");
  const run = await m.run("sudo ./test", { cwd: dir });
  assert.equal(run.stdout, "second open: Device or resource busy\nread 40: I already told you 0 times Hello world!\n" +
    "rmmod: ERROR: Module chardev is in use\nrmmod while open: 1\nwrite: Invalid argument\n");
  assert.equal((await m.run("sudo cat /dev/chardev")).stdout, "I already told you 1 times Hello world!\n");
  assert.equal((await m.run("sudo rmmod chardev && ls /dev/chardev /sys/class/chardev 2>&1 | wc -l")).stdout, "2\n");
  const log = (await logSince(mark)).filter((l) => !l.includes("taints kernel"));
  assert.match(log[0], /^I was assigned major number \d+\.$/);
  assert.equal(log[1], "Device created on /dev/chardev");
  assert.ok(log.includes("Sorry, this operation is not supported."));
});

/** Formats and their arguments, the same in a module's pr_info and a host program's printf. */
const FORMATS: [string, string][] = [
  ["%d %i %u", "-7, 42, 3000000000u"],
  ["[%5d] [%-5d] [%05d] [%+d] [% d]", "42, 42, 42, 42, 42"],
  ["%x %X %#x %#o %o", "255, 255, 255, 8, 8"],
  ["%ld %lu %lld %llu", "-1L, 4000000000UL, -1234567890123LL, 18446744073709551615ULL"],
  ["%zu %zd %hd %hhu", "(size_t)12, (ssize_t)-3, (short)-2, (unsigned char)250"],
  ["%s|%10s|%-10s|%.3s", `"abc", "right", "left", "truncated"`],
  ["%c%c%c %%", "'o', 'k', '!'"],
  ["%*d|%-*d|%.*d", "6, 1, 6, 2, 4, 3"],
  ["%llx %#llx", "0xdeadbeefcafeULL, 0x1ULL"],
];

test("printk's conversions print what gcc's printf prints for the same format and values", async (t) => {
  const host = mkdtempSync(join(tmpdir(), "typix-printk-"));
  try {
    const body = FORMATS.map(([f, a]) => `  printf("${f}\\n", ${a});`).join("\n");
    writeFileSync(join(host, "p.c"), `#include <stdio.h>\n#include <sys/types.h>\nint main(void) {\n${body}\n  return 0;\n}\n`);
    const cc = spawnSync("gcc", ["-w", "-o", "p", "p.c"], { cwd: host, encoding: "utf8" });
    if (cc.status !== 0) { t.skip("no host gcc"); return; }
    const expected = spawnSync("./p", { cwd: host, encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    const mod = `#include <linux/module.h>\n#include <linux/kernel.h>\nstatic int __init fmt_init(void)\n{\n${FORMATS.map(([f, a]) => `  pr_info("${f}\\n", ${a});`).join("\n")}\n  return 0;\n}\nstatic void __exit fmt_exit(void) {}\nmodule_init(fmt_init);\nmodule_exit(fmt_exit);\nMODULE_LICENSE("GPL");\n`;
    const r = await build("/tmp/fmt", { fmt: mod });
    assert.equal(r.status, 0, r.stderr);
    const mark = await logLength();
    assert.equal((await m.run("sudo insmod fmt.ko && sudo rmmod fmt", { cwd: "/tmp/fmt" })).status, 0);
    assert.deepEqual((await logSince(mark)).filter((l) => !l.includes("taints kernel")), expected);
  } finally {
    rmSync(host, { recursive: true, force: true });
  }
});

test("kmalloc, snprintf and the string functions work on the kernel memory", async () => {
  const r = await build("/tmp/kmem", {
    kmem: `#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *buf;

static int __init kmem_init(void)
{
	int n;
	buf = kmalloc(64, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	n = snprintf(buf, 8, "%s-%d", "abcdef", 12345);
	pr_info("kmem: '%s' n=%d len=%zu\\n", buf, n, strlen(buf));
	strscpy(buf, "copied", 64);
	pr_info("kmem: %s cmp=%d\\n", buf, strcmp(buf, "copied"));
	return 0;
}

static void __exit kmem_exit(void)
{
	pr_info("kmem: freeing %s\\n", buf);
	kfree(buf);
}

module_init(kmem_init);
module_exit(kmem_exit);
MODULE_LICENSE("GPL");
`,
  });
  assert.equal(r.status, 0, r.stderr);
  const mark = await logLength();
  assert.equal((await m.run("sudo insmod kmem.ko && sudo rmmod kmem", { cwd: "/tmp/kmem" })).status, 0);
  assert.deepEqual((await logSince(mark)).filter((l) => l.startsWith("kmem:")), [
    "kmem: 'abcdef-' n=12 len=7", "kmem: copied cmp=0", "kmem: freeing copied",
  ]);
});

test("an init that fails: insmod reports the error and the module is not left loaded", async () => {
  const r = await build("/tmp/fail", {
    fail: `#include <linux/module.h>\nstatic int __init fail_init(void) { return -ENODEV; }\nmodule_init(fail_init);\nMODULE_LICENSE("GPL");\n`,
  });
  assert.equal(r.status, 0, r.stderr);
  const ins = await m.run("sudo insmod fail.ko", { cwd: "/tmp/fail" });
  assert.equal(ins.status, 1);
  assert.equal(ins.stderr, "insmod: ERROR: could not insert module fail.ko: No such device\n");
  assert.equal((await m.run("lsmod | grep -c '^fail '")).stdout, "0\n");
});

test("kbuild's errors: clang's diagnostics, a missing licence, an unknown symbol", async () => {
  const bad = await build("/tmp/bad", { bad: `#include <linux/module.h>\nint init_module(void)\n{\n\treturn undeclared;\n}\nMODULE_LICENSE("GPL");\n` });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^\/tmp\/bad\/bad\.c:4:9: error: use of undeclared identifier 'undeclared'\n    4 \|         return undeclared;\n      \|                \^~~~~~~~~~\n1 error generated\.\nmake\[2\]: \*\*\* \[scripts\/Makefile\.build:243: \/tmp\/bad\/bad\.o\] Error 1\n/);

  const nolic = await build("/tmp/nolic", { nolic: `#include <linux/module.h>\nint init_module(void) { return 0; }\n` });
  assert.notEqual(nolic.status, 0);
  assert.match(nolic.stderr, /^ERROR: modpost: missing MODULE_LICENSE\(\) in \/tmp\/nolic\/nolic\.o$/m);

  const unk = await build("/tmp/unk", { unk: `#include <linux/module.h>\nint no_such_function(void);\nint init_module(void) { return no_such_function(); }\nMODULE_LICENSE("GPL");\n` });
  assert.equal(unk.status, 0);
  assert.match(unk.stderr, /^WARNING: modpost: "no_such_function" \[unk\.ko\] undefined!$/m);
  const mark = await logLength();
  const ins = await m.run("sudo insmod unk.ko", { cwd: "/tmp/unk" });
  assert.equal(ins.stderr, "insmod: ERROR: could not insert module unk.ko: Unknown symbol in module\n");
  assert.deepEqual((await logSince(mark)).filter((l) => l.startsWith("unk:")), ["unk: Unknown symbol no_such_function (err -2)"]);
});

test("C kernel code that goes wrong: BUG() and a trap are oopses with the module's frames, WARN_ON goes on", async () => {
  const r = await build("/tmp/oops", {
    buggy: `#include <linux/module.h>

static int __init buggy_init(void)
{
	pr_info("buggy: loading\\n");
	WARN_ON(1 + 1 == 2);
	BUG();
	return 0;
}
module_init(buggy_init);
MODULE_LICENSE("GPL");
`,
    trap: `#include <linux/module.h>

static noinline int trap_here(int x)
{
	if (x)
		__builtin_trap();
	return x;
}

static int __init trap_init(void)
{
	return trap_here(1);
}
module_init(trap_init);
MODULE_LICENSE("GPL");
`,
  });
  assert.equal(r.status, 0, r.stderr);
  let mark = await logLength();
  const bug = await m.run("sudo insmod buggy.ko", { cwd: "/tmp/oops" });
  assert.equal(bug.status, 139);
  let log = await logSince(mark);
  const warn = log.findIndex((l) => l.startsWith("WARNING:"));
  assert.match(log[warn], /^WARNING: CPU: 0 PID: \d+ at \/tmp\/oops\/buggy\.c:6 buggy_init\+0x[0-9a-f]+\/0x[0-9a-f]+ \[buggy\]$/);
  assert.ok(log.includes("kernel BUG at /tmp/oops/buggy.c:7!"), log.join("\n"));
  assert.ok(log.some((l) => /^invalid opcode: 0000 \[#\d+\] PREEMPT SMP$/.test(l)));
  assert.ok(log.some((l) => /^RIP: 0010:buggy_init\+0x[0-9a-f]+\/0x[0-9a-f]+ \[buggy\]$/.test(l)), log.join("\n"));

  mark = await logLength();
  const trap = await m.run("sudo insmod trap.ko", { cwd: "/tmp/oops" });
  assert.equal(trap.status, 139);
  log = await logSince(mark);
  const trace = log.slice(log.indexOf(" <TASK>") + 1, log.indexOf(" </TASK>")).map((l) => l.trim());
  assert.match(trace[0], /^trap_here\+0x[0-9a-f]+\/0x[0-9a-f]+ \[trap\]$/);
  assert.match(trace[1], /^trap_init\+0x[0-9a-f]+\/0x[0-9a-f]+ \[trap\]$/);
  assert.match(trace[2], /^do_one_initcall\+/);
  assert.ok(log.some((l) => /^Modules linked in: trap\(O\+?\) buggy\(O\+?\)$/.test(l)), log.join("\n"));
  // The machine goes on; the modules whose init oopsed stay listed, as on Linux.
  assert.match((await m.run("lsmod")).stdout, /^trap .*\nbuggy /m);
});

test("EXPORT_SYMBOL between C modules: the user depends on the provider and holds it", async () => {
  const r = await build("/tmp/pair", {
    provider: `#include <linux/module.h>

int provider_add(int a, int b)
{
	return a + b;
}
EXPORT_SYMBOL(provider_add);

static int __init provider_init(void) { return 0; }
static void __exit provider_exit(void) {}
module_init(provider_init);
module_exit(provider_exit);
MODULE_LICENSE("GPL");
`,
    user: `#include <linux/module.h>

int provider_add(int a, int b);

static int __init user_init(void)
{
	pr_info("user: 2 + 3 = %d\\n", provider_add(2, 3));
	return 0;
}
static void __exit user_exit(void) {}
module_init(user_init);
module_exit(user_exit);
MODULE_LICENSE("GPL");
`,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match((await m.run("cat Module.symvers", { cwd: "/tmp/pair" })).stdout, /^0x[0-9a-f]{8}\tprovider_add\tprovider\tEXPORT_SYMBOL\t$/m);
  assert.equal((await m.run("modinfo -F depends user.ko", { cwd: "/tmp/pair" })).stdout, "provider\n");
  const early = await m.run("sudo insmod user.ko", { cwd: "/tmp/pair" });
  assert.equal(early.stderr, "insmod: ERROR: could not insert module user.ko: Unknown symbol in module\n");
  const mark = await logLength();
  const load = await m.run("sudo insmod provider.ko && sudo insmod user.ko && lsmod | grep '^provider'", { cwd: "/tmp/pair" });
  assert.equal(load.status, 0, load.stderr);
  assert.match(load.stdout, /^provider +\d+ +1 user$/m);
  assert.match((await m.run("sudo rmmod provider")).stderr, /^rmmod: ERROR: Module provider is in use by: user$/m);
  assert.equal((await m.run("sudo rmmod user && sudo rmmod provider")).status, 0);
  assert.deepEqual((await logSince(mark)).filter((l) => l.startsWith("user:")), ["user: 2 + 3 = 5"]);
});

test("LKMPG's procfs1: a /proc file whose proc_read a C module implements", async () => {
  const r = await build("/tmp/procfs1", {
    procfs1: `/*
 * procfs1.c
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 6, 0)
#define HAVE_PROC_OPS
#endif

#define procfs_name "helloworld"

static struct proc_dir_entry *our_proc_file;

static ssize_t procfile_read(struct file *file_pointer, char __user *buffer,
                             size_t buffer_length, loff_t *offset)
{
    char s[13] = "HelloWorld!\\n";
    int len = sizeof(s);
    ssize_t ret = len;

    if (*offset >= len || copy_to_user(buffer, s, len)) {
        pr_info("copy_to_user failed\\n");
        ret = 0;
    } else {
        pr_info("procfile read %s\\n", file_pointer->f_path.dentry->d_name.name);
        *offset += len;
    }

    return ret;
}

#ifdef HAVE_PROC_OPS
static const struct proc_ops proc_file_fops = {
    .proc_read = procfile_read,
};
#else
static const struct file_operations proc_file_fops = {
    .read = procfile_read,
};
#endif

static int __init procfs1_init(void)
{
    our_proc_file = proc_create(procfs_name, 0644, NULL, &proc_file_fops);
    if (NULL == our_proc_file) {
        pr_alert("Error:Could not initialize /proc/%s\\n", procfs_name);
        return -ENOMEM;
    }

    pr_info("/proc/%s created\\n", procfs_name);
    return 0;
}

static void __exit procfs1_exit(void)
{
    proc_remove(our_proc_file);
    pr_info("/proc/%s removed\\n", procfs_name);
}

module_init(procfs1_init);
module_exit(procfs1_exit);

MODULE_LICENSE("GPL");
`,
  });
  assert.equal(r.status, 0, r.stderr);
  const mark = await logLength();
  const load = await m.run("sudo insmod procfs1.ko && ls -l /proc/helloworld | cut -c1-10 && cat /proc/helloworld | od -c | head -1", { cwd: "/tmp/procfs1" });
  assert.equal(load.status, 0, load.stderr);
  // sizeof(s) is 13: the book's module sends the string's NUL too, as on Linux.
  assert.equal(load.stdout, "-rw-r--r--\n0000000   H   e   l   l   o   W   o   r   l   d   !  \\n  \\0\n");
  assert.equal((await m.run("sudo rmmod procfs1 && ls /proc/helloworld 2>&1 | wc -l")).stdout, "1\n");
  assert.deepEqual((await logSince(mark)).filter((l) => l.startsWith("/proc") || l.startsWith("procfile")),
    ["/proc/helloworld created", "procfile read helloworld", "/proc/helloworld removed"]);
});
