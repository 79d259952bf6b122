// Module parameters end to end: every module_param type parsed as Linux's kstrto* (ranges,
// bases, signs), set before init runs, shown and written under /sys/module/NAME/parameters per
// mode; arrays with a count; the kernel's messages for invalid, too many and unknown values;
// quoted values from /etc/modprobe.d options.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { buildModule } from "../kbuild/build.js";

const PARAMS = `import { pr_info } from "linux/printk";
import { module_init, module_exit, module_param, module_param_array, MODULE_LICENSE } from "linux/module";
let b = false, ib = false, s: string | null = "dflt", by = 1, sh = 2, us = 3, i = 4, ui = 5, l = 6, ul = 7, hx = 255, hidden = 0;
module_param(b, "bool", 0o644);
module_param(ib, "invbool", 0o444);
module_param(s, "charp", 0o644);
module_param(by, "byte", 0o444);
module_param(sh, "short", 0o444);
module_param(us, "ushort", 0o444);
module_param(i, "int", 0o644);
module_param(ui, "uint", 0o444);
module_param(l, "long", 0o444);
module_param(ul, "ulong", 0o444);
module_param(hx, "hexint", 0o644);
module_param(hidden, "int", 0);
const arr = [0, 0, 0, 0];
let n = 0;
module_param_array(arr, "int", n, 0o644);
const names: (string | null)[] = [null, null, null];
module_param_array(names, "charp", null, 0o444);
module_init(() => {
  pr_info("init: b=%d ib=%d s=%s by=%d sh=%d us=%d i=%d ui=%u l=%ld ul=%lu hx=%d hidden=%d n=%d arr=%s\\n",
    b ? 1 : 0, ib ? 1 : 0, s, by, sh, us, i, ui, l, ul, hx, hidden, n, arr.join(","));
  return 0;
});
module_exit(() => { pr_info("exit: i=%d n=%d\\n", i, n); });
MODULE_LICENSE("GPL");
`;
const P = "/sys/module/params/parameters";

test("every parameter type, arrays, sysfs, and Linux's messages for bad values", async () => {
  const m = await boot();
  try {
    const built = await buildModule({ name: "params", source: PARAMS });
    assert.deepEqual(built.messages, []);
    await m.writeFile("/tmp/params.ko", built.ko!);
    const bad: [string, string][] = [
      ["by=256", "Numerical result out of range"], ["by=-1", "Invalid parameters"], ["sh=32768", "Numerical result out of range"],
      ["sh=-32769", "Numerical result out of range"], ["us=65536", "Numerical result out of range"], ["us=-1", "Invalid parameters"],
      ["i=2147483648", "Numerical result out of range"], ["i=abc", "Invalid parameters"], ["i=0x", "Invalid parameters"],
      ["i=08", "Invalid parameters"], ["i", "Invalid parameters"], ["ui=4294967296", "Numerical result out of range"],
      ["ul=18446744073709551616", "Numerical result out of range"], ["b=maybe", "Invalid parameters"], ["b=", "Invalid parameters"],
      ["hx=-1", "Invalid parameters"], ["arr=1,2,3,4,5", "Invalid parameters"], ["arr=1,x", "Invalid parameters"],
      // Parsing goes on after a failure; the last one's errno is the load's.
      ["i=x by=300", "Numerical result out of range"],
    ];
    for (const [args, why] of bad) {
      const r = await m.run(`sudo insmod /tmp/params.ko ${args}`);
      assert.equal(r.stderr, `insmod: ERROR: could not insert module /tmp/params.ko: ${why}\n`, args);
    }
    const log = (await m.run("dmesg -t | grep -v taints")).stdout;
    for (const [args] of bad) {
      if (args === "arr=1,2,3,4,5" || args === "i=x by=300") continue;
      const [name, val] = args.includes("=") ? args.split("=") : [args, ""];
      assert.ok(log.includes(`params: \`${val}' invalid for parameter \`${name}'\n`), args);
    }
    assert.ok(log.includes("arr: can only take 4 arguments\nparams: `1,2,3,4,5' invalid for parameter `arr'\n"));
    assert.ok(log.includes("params: `x' invalid for parameter `i'\nparams: `300' invalid for parameter `by'\n"));
    assert.ok(!log.includes("init:"), "init never ran");

    const ok = await m.run("sudo insmod /tmp/params.ko b ib=y s=hello by=255 sh=-32768 us=65535 i=-0x10 ui=010 l=-9223372036854775808 " +
      "ul=18446744073709551615 hx=0x1f hidden=9 arr=+1,-2 names=a,b x=1 && dmesg -t | tail -2");
    assert.equal(ok.stderr, "");
    assert.equal(ok.stdout, "params: unknown parameter 'x' ignored\n" +
      "init: b=1 ib=0 s=hello by=255 sh=-32768 us=65535 i=-16 ui=8 l=-9223372036854775808 ul=18446744073709551615 hx=31 hidden=9 n=2 arr=1,-2,0,0\n");
    const files = ["b", "ib", "s", "by", "sh", "us", "i", "ui", "l", "ul", "hx", "arr", "names"];
    assert.equal((await m.run(`ls ${P}`)).stdout, [...files].sort().join("\n") + "\n");
    const show = async () => (await m.run(`cd ${P} && for f in ${files.join(" ")}; do printf '%s=' $f; cat $f; done`)).stdout;
    assert.equal(await show(), "b=Y\nib=Y\ns=hello\nby=255\nsh=-32768\nus=65535\ni=-16\nui=8\nl=-9223372036854775808\n" +
      "ul=18446744073709551615\nhx=0x00001f\narr=1,-2\nnames=a,b,(null)\n");
    assert.equal((await m.run(`ls -l ${P}/i ${P}/by | cut -c1-10`)).stdout, "-r--r--r--\n-rw-r--r--\n");
    // Root writes what the mode allows; a bad value is EINVAL and leaves a scalar as it was, but an
    // array keeps the elements set before the failure, and its count says how many (as Linux).
    const w = await m.run(`cd ${P}; echo N | sudo tee b; echo 7 | sudo tee i; printf 'two words' | sudo tee s; echo 0 | sudo tee hx; ` +
      `echo 5,6,7 | sudo tee arr; echo x | sudo tee i; echo 1,2,3,4,5 | sudo tee arr; echo 1 | tee i; echo 1 | sudo tee by`);
    assert.equal(w.stderr, `tee: i: Invalid argument\ntee: arr: Invalid argument\ntee: i: Permission denied\ntee: by: Permission denied\n`);
    assert.equal(await show(), "b=N\nib=Y\ns=two words\nby=255\nsh=-32768\nus=65535\ni=7\nui=8\nl=-9223372036854775808\n" +
      "ul=18446744073709551615\nhx=0x000000\narr=1,2,3,4\nnames=a,b,(null)\n");
    assert.equal((await m.run("sudo rmmod params && dmesg -t | tail -2")).stdout, "arr: can only take 4 arguments\nexit: i=7 n=4\n");
  } finally {
    await m.shutdown();
  }
});

test("modprobe passes /etc/modprobe.d options as written: quoted values keep their spaces", async () => {
  const m = await boot();
  try {
    const built = await buildModule({ name: "params", source: PARAMS });
    const dir = "/lib/modules/6.6.0-typix/extra";
    assert.equal((await m.run(`sudo mkdir -p ${dir} /etc/modprobe.d`)).stderr, "");
    await m.writeFile(`${dir}/params.ko`, built.ko!);
    await m.writeFile("/etc/modprobe.d/params.conf", 'options params s="hello  world" names="a b,c"\toptions_tab=1\noptions params i=3\n');
    const r = await m.run(`sudo depmod && sudo modprobe -v params arr=4 && cat ${P}/s ${P}/names ${P}/i ${P}/arr && dmesg -t | grep unknown`);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, `insmod ${dir}/params.ko s="hello  world" names="a b,c" options_tab=1 i=3 arr=4\n` +
      "hello  world\na b,c,(null)\n3\n4\nparams: unknown parameter 'options_tab' ignored\n");
  } finally {
    await m.shutdown();
  }
});

test("modinfo as kmod's: absolute filename, 23-digit srcversion, parameters in source order; modprobe's strerror", async () => {
  const m = await boot();
  try {
    const r = await m.run("cd /lib/modules/$(uname -r)/extra && modinfo params.ko && modinfo -p params.ko");
    assert.match(r.stdout, /^filename: {7}\/lib\/modules\/6\.6\.0-typix\/extra\/params\.ko\n/);
    assert.match(r.stdout, /\nsrcversion: {5}[0-9A-F]{23}\n/);
    const parms = r.stdout.split("\n").filter((l) => l.startsWith("parm:")).map((l) => l.slice(16).split(":")[0]);
    assert.deepEqual(parms, ["myshort", "myushort", "myint", "mylong", "mystring", "mybool", "myintarray"]);
    assert.match(r.stdout, /\nmyshort:A short integer \(short\)\nmyushort:/);
    const bad = await m.run("sudo modprobe params myint=abc");
    assert.equal(bad.stderr, "modprobe: ERROR: could not insert 'params': Invalid argument\n");
    assert.equal((await m.run("sudo insmod /lib/modules/$(uname -r)/extra/params.ko myint=abc")).stderr,
      "insmod: ERROR: could not insert module /lib/modules/6.6.0-typix/extra/params.ko: Invalid parameters\n");
  } finally {
    await m.shutdown();
  }
});
