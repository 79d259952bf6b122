// The toolchain inside Typix, as the books use it: a Makefile with obj-m and
// `make -C /lib/modules/$(uname -r)/build M=$(PWD) modules` builds NAME.ko (one object or
// several, a pair where one module uses the other's export), compile errors point at
// file:line:col, modpost's checks print Linux's messages, `make clean` cleans; `cc` builds
// user programs that run in their own Worker; and `typix kbuild DIR` does the same on the host.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { boot, type Machine } from "../index.js";

const BOOK_MAKEFILE = (objs: string) => `${objs}

all:
\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules

clean:
\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) clean
`;

const HELLO = `import { pr_info } from "linux/kernel";
import { module_init, module_exit, MODULE_LICENSE, MODULE_AUTHOR } from "linux/module";

let greeting = "Hello";

function hello_init(): number {
  pr_info("%s, kernel\\n", greeting);
  return 0;
}

function hello_exit(): void {
  pr_info("Goodbye, kernel\\n");
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("A Learner");
`;

async function put(m: Machine, dir: string, files: Record<string, string>): Promise<void> {
  await m.run(`mkdir -p ${dir}`);
  for (const [name, text] of Object.entries(files)) await m.writeFile(`${dir}/${name}`, text);
  await m.run(`chown -R user:user ${dir}`, { user: "root" });
}

test("make builds a module as in the books; errors point at file:line:col; make clean", async () => {
  const m = await boot();
  try {
    const dir = "/home/user/hello";
    await put(m, dir, { "Makefile": BOOK_MAKEFILE("obj-m += hello.o"), "hello.ts": HELLO });
    let r = await m.run("make", { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, [
      "make -C /lib/modules/6.6.0-typix/build M=/home/user/hello modules",
      "make[1]: Entering directory '/usr/src/linux-headers-6.6.0-typix'",
      "  CC [M]  /home/user/hello/hello.o",
      "  MODPOST /home/user/hello/Module.symvers",
      "  CC [M]  /home/user/hello/hello.mod.o",
      "  LD [M]  /home/user/hello/hello.ko",
      "make[1]: Leaving directory '/usr/src/linux-headers-6.6.0-typix'",
      "",
    ].join("\n"));
    r = await m.run("ls; /sbin/modinfo -F name hello.ko; /sbin/modinfo -F author hello.ko", { cwd: dir });
    assert.equal(r.stdout, "Makefile\nModule.symvers\nhello.ko\nhello.mod\nhello.ts\nmodules.order\nhello\nA Learner\n");
    r = await m.run("insmod hello.ko && lsmod | grep -c '^hello ' && rmmod hello && dmesg | tail -2", { cwd: dir, user: "root" });
    assert.match(r.stdout, /^1\n\[[ .0-9]+\] Hello, kernel\n\[[ .0-9]+\] Goodbye, kernel\n$/);
    // Nothing changed: nothing is rebuilt.
    r = await m.run("make", { cwd: dir });
    assert.doesNotMatch(r.stdout, /CC \[M\]/);

    // A type error: the compiler's message, then make's.
    await m.writeFile(`${dir}/hello.ts`, HELLO.replace('pr_info("Goodbye', 'pr_infox("Goodbye'));
    r = await m.run("make", { cwd: dir });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, [
      "/home/user/hello/hello.ts:12:3: error TS2552: Cannot find name 'pr_infox'. Did you mean 'pr_info'?",
      "make[2]: *** [scripts/Makefile.build:243: /home/user/hello/hello.o] Error 1",
      "make[1]: *** [Makefile:12: modules] Error 1",
      "make: *** [Makefile:4: all] Error 2",
      "",
    ].join("\n"));
    // A name the header does not declare, and a wrongly typed call.
    await m.writeFile(`${dir}/hello.ts`, HELLO.replace('import { pr_info } from "linux/kernel";', 'import { pr_info, kmalloc } from "linux/printk";')
      .replace("return 0;", "kmalloc; pr_info(1); return 0;"));
    r = await m.run("make", { cwd: dir });
    assert.match(r.stderr, /^\/home\/user\/hello\/hello\.ts:1:19: error TS2305: Module '"linux\/printk"' has no exported member 'kmalloc'\.\n/);
    assert.match(r.stderr, /hello\.ts:8:20: error TS2345: Argument of type 'number' is not assignable to parameter of type 'string'\./);

    r = await m.run("make clean && ls", { cwd: dir });
    assert.match(r.stdout, / {2}CLEAN {3}\/home\/user\/hello\/Module\.symvers\n/);
    assert.match(r.stdout, /\nMakefile\nhello\.ts\n$/);
  } finally {
    await m.shutdown();
  }
});

test("modpost: missing licence, undefined symbols, GPL-only symbols; several objects; an export pair", async () => {
  const m = await boot();
  try {
    const dir = "/home/user/mp";
    await put(m, dir, {
      "Makefile": BOOK_MAKEFILE("obj-m += nolic.o"),
      "nolic.ts": `import { pr_info } from "linux/printk";\nimport { module_init } from "linux/module";\nmodule_init(() => { pr_info("x\\n"); return 0; });\n`,
    });
    let r = await m.run("make -s", { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^ERROR: modpost: missing MODULE_LICENSE\(\) in nolic\.o\nmake\[2\]: \*\*\* \[scripts\/Makefile\.modpost:145: \/home\/user\/mp\/Module\.symvers\] Error 1\n/);
    await m.writeFile(`${dir}/Makefile`, BOOK_MAKEFILE("obj-m += prop.o"));
    await m.writeFile(`${dir}/prop.ts`, `import { class_create } from "linux/device";\nimport { MODULE_LICENSE } from "linux/module";\ndeclare function nowhere(): void;\nMODULE_LICENSE("Proprietary");\nclass_create; nowhere;\n`);
    r = await m.run("make -s", { cwd: dir });
    assert.equal(r.stderr.split("\n").slice(0, 2).join("\n"),
      "FATAL: modpost: GPL-incompatible module prop.ko uses GPL-only symbol 'class_create'\nWARNING: modpost: \"nowhere\" [prop.ko] undefined!");

    // Several objects (hello-objs) importing each other, and a pair of modules where one uses
    // the other's export, built by one Makefile in the two-pass kbuild style.
    const pair = "/home/user/pair";
    await put(m, pair, {
      "Makefile": `ifneq ($(KERNELRELEASE),)
obj-m := provider.o consumer.o
provider-objs := core.o util.o
else
KDIR ?= /lib/modules/$(shell uname -r)/build
default:
\t$(MAKE) -C $(KDIR) M=$(PWD) modules
endif
`,
      "util.ts": `export function twice(n: number): number { return 2 * n; }\n`,
      "core.ts": `import { pr_info } from "linux/printk";
import { module_init, MODULE_LICENSE, EXPORT_SYMBOL_GPL } from "linux/module";
import { twice } from "./util";
export function provider_double(n: number): number { return twice(n); }
EXPORT_SYMBOL_GPL(provider_double);
module_init(() => { pr_info("provider: %d\\n", twice(21)); return 0; });
MODULE_LICENSE("GPL");
`,
      "consumer.ts": `import { pr_info } from "linux/printk";
import { module_init, MODULE_LICENSE } from "linux/module";
declare function provider_double(n: number): number;
module_init(() => { pr_info("consumer: %d\\n", provider_double(5)); return 0; });
MODULE_LICENSE("GPL");
`,
    });
    r = await m.run("make", { cwd: pair });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split("\n").filter((l) => l.startsWith("  ")), [
      "  CC [M]  /home/user/pair/core.o", "  CC [M]  /home/user/pair/util.o", "  LD [M]  /home/user/pair/provider.o",
      "  CC [M]  /home/user/pair/consumer.o", "  MODPOST /home/user/pair/Module.symvers",
      "  CC [M]  /home/user/pair/provider.mod.o", "  LD [M]  /home/user/pair/provider.ko",
      "  CC [M]  /home/user/pair/consumer.mod.o", "  LD [M]  /home/user/pair/consumer.ko",
    ]);
    r = await m.run("cat Module.symvers; /sbin/modinfo -F depends consumer.ko", { cwd: pair });
    assert.equal(r.stdout, "0x00000000\tprovider_double\tprovider\tEXPORT_SYMBOL_GPL\t\nprovider\n");
    r = await m.run("insmod provider.ko && insmod consumer.ko && lsmod | grep '^provider' && dmesg | grep -E 'provider:|consumer:'", { cwd: pair, user: "root" });
    assert.match(r.stdout, /^provider +\d+ +1 consumer\n.*provider: 42\n.*consumer: 10\n$/s);
  } finally {
    await m.shutdown();
  }
});

test("cc builds a user program that runs in its own Worker; its errors are the compiler's", async () => {
  const m = await boot();
  try {
    const dir = "/home/user/prog";
    await put(m, dir, {
      "greet.ts": `import { printf } from "stdio";
import { getpid } from "unistd";
export default async function main(argv: string[]): Promise<number> {
  printf("hello %s, pid>1 %d\\n", argv[1] ?? "nobody", Number((await getpid()) > 1));
  return 3;
}
`,
      "bad.ts": `import { write } from "unistd";\nexport default function main(): number {\n  const n: number = "one";\n  write(1, String(n));\n  return 0;\n}\n`,
      "nomain.ts": `import { write } from "unistd";\nwrite(1, "x");\n`,
    });
    let r = await m.run("cc greet.ts -o greet && ls -l greet | cut -c1-10 && ./greet world", { cwd: dir });
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, "-rwxr-xr-x\nhello world, pid>1 1\n");
    assert.equal(r.status, 3);
    // make's built-in rule: prog from prog.ts, with no makefile.
    r = await m.run("cp greet.ts hi.ts && make hi && ./hi", { cwd: dir });
    assert.equal(r.stdout, "cc   hi.ts -o hi\nhello nobody, pid>1 1\n");
    r = await m.run("cc bad.ts -o bad", { cwd: dir });
    assert.equal(r.status, 1);
    assert.equal(r.stderr, "bad.ts:3:9: error TS2322: Type 'string' is not assignable to type 'number'.\n");
    r = await m.run("cc nomain.ts; cc missing.ts; cc", { cwd: dir });
    assert.equal(r.stderr, [
      "/usr/bin/ld: nomain.o: in function `_start': undefined reference to `main'",
      "collect2: error: ld returned 1 exit status",
      "cc: error: missing.ts: No such file or directory", "cc: fatal error: no input files", "compilation terminated.",
      "cc: fatal error: no input files", "compilation terminated.", "",
    ].join("\n"));
  } finally {
    await m.shutdown();
  }
});

test("typix kbuild DIR builds on the host what make builds inside", () => {
  const dir = mkdtempSync(join(tmpdir(), "typix-kbuild-"));
  try {
    writeFileSync(join(dir, "Makefile"), BOOK_MAKEFILE("obj-m += hello.o"));
    writeFileSync(join(dir, "hello.ts"), HELLO);
    const typix = fileURLToPath(new URL("../../bin/typix.js", import.meta.url));
    let r = spawnSync(process.execPath, [typix, "kbuild", dir], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `  CC [M]  ${dir}/hello.o\n  MODPOST ${dir}/Module.symvers\n  CC [M]  ${dir}/hello.mod.o\n  LD [M]  ${dir}/hello.ko\n`);
    assert.ok(existsSync(join(dir, "hello.ko")));
    writeFileSync(join(dir, "hello.ts"), HELLO.replace("MODULE_LICENSE(\"GPL\");", ""));
    r = spawnSync(process.execPath, [typix, "kbuild", dir], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^ERROR: modpost: missing MODULE_LICENSE\(\) in hello\.o\n/);
    r = spawnSync(process.execPath, [typix, "kbuild", dir, "clean"], { encoding: "utf8" });
    assert.equal(r.status, 0);
    assert.ok(!existsSync(join(dir, "hello.ko")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
