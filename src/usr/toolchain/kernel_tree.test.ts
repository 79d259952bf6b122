// The kernel build's readers: the system-call table's checks, Makefile variables, the
// manifest, import specifiers; the prototypes' checks and the image format.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readSyscallTable, readMakeVars, readManifest, formatManifest, moduleImports, resolveSpecifier, relativeSpecifier, digest, BuildError } from "./kernel_tree.js";
import { findDefinitions, readPrototypes, checkPrototypes, compileObject } from "./kernel_check.js";
import { writeKernelImage, readKernelImage } from "./kernel_image.js";

const T = "arch/x86/entry/syscalls/syscall_64.tbl";

test("the table: entries, comments, x32 lines; each error with its line", () => {
  const ok = readSyscallTable("# c\n0\tcommon\tread\tsys_read\n\n999\t64\thello_world\tsys_hello_world\n512\tx32\trt_sigaction\tcompat_sys_rt_sigaction\n");
  assert.deepEqual(ok.map((e) => [e.nr, e.name, e.entry, e.line]), [[0, "read", "sys_read", 2], [999, "hello_world", "sys_hello_world", 4]]);
  const err = (text: string) => { try { readSyscallTable(text); return ""; } catch (e) { assert.ok(e instanceof BuildError); return (e as Error).message; } };
  assert.equal(err("0 common read sys_read\n1 64\n"), `${T}:2: syntax error: expected '<number> <abi> <name> [<entry point>]'`);
  assert.equal(err("x common read sys_read\n"), `${T}:1: invalid system call number 'x'`);
  assert.equal(err("0 i386 read sys_read\n"), `${T}:1: unknown ABI 'i386' (expected common, 64 or x32)`);
  assert.equal(err("0 common read sys_read\n0 64 write sys_write\n1 64 read sys_read2\n"),
    `${T}:2: duplicate system call number 0 (first used at line 1)\n${T}:3: duplicate system call name 'read' (first used at line 1)`);
});

test("Makefile variables: :=, +=, continuations, comments, recipes skipped", () => {
  const v = readMakeVars("obj-y := a.o \\\n\tb.o # two\nobj-y += sub/\nX = $(Y)\nY := 1\nall:\n\tobj-y := no\n");
  assert.equal(v.get("obj-y"), "a.o b.o sub/");
  assert.equal(v.get("X"), "$(Y)");
});

test("manifest, digests, import specifiers", () => {
  const m = { release: "6.6.0-typix", image: "/boot/vmlinuz-6.6.0-typix", files: new Map([["kernel/a.ts", digest("x")]]), entries: new Map([["sys_read", "fs/read_write.ts"]]),
    cSymbols: new Set(["_printk", "kmalloc"]) };
  assert.deepEqual(readManifest(formatManifest(m)), m);
  assert.notEqual(digest("a"), digest("b"));
  assert.deepEqual(moduleImports('import { a } from "./a.js";\nimport type { T } from "./t.js";\nexport * from "../b.js";\nimport "./c.js";\nconst m = import("./d.js");'), ["./a.js", "../b.js", "./c.js", "./d.js"]);
  assert.equal(resolveSpecifier("hello_world/x.js", "../kernel/printk.js"), "kernel/printk.js");
  assert.equal(resolveSpecifier("hello_world/x.js", "linux/printk"), "include/linux/printk.js");
  assert.equal(resolveSpecifier("hello_world/x.js", "node:fs"), null);
  assert.equal(relativeSpecifier("hello_world/x.js", "include/linux/printk.js"), "../include/linux/printk.js");
  assert.equal(relativeSpecifier("include/linux/x.js", "include/linux/printk.js"), "./printk.js");
});

test("prototypes: missing, conflicting, redefined", () => {
  const src = 'SYSCALL_DEFINE2("hello", "const char __user *", "s", "size_t", "n", (s, n) => 0);\nSYSCALL_DEFINE0("bye", () => 0);\nSYSCALL_DEFINE0("hello", () => 0);\n';
  const defs = findDefinitions("h/h.ts", src);
  assert.deepEqual(defs.map((d) => [d.name, d.line, d.types]), [["hello", 1, ["const char __user *", "size_t"]], ["bye", 2, []], ["hello", 3, []]]);
  const protos = readPrototypes('interface SyscallPrototypes {\n  hello: [s: "const char __user*", n: "int"];\n}\n');
  assert.deepEqual(checkPrototypes(defs, protos), [
    "h/h.ts:1:1: error: conflicting types for 'sys_hello'; have 'long(const char __user *, size_t)'",
    "include/linux/syscalls.d.ts:2:3: note: previous declaration of 'sys_hello' with type 'long(const char __user *, int)'",
    "h/h.ts:2:1: error: no previous prototype for 'sys_bye' [-Werror=missing-prototypes]",
    "h/h.ts:3:1: error: redefinition of 'sys_hello'",
    "h/h.ts:1:1: note: previous definition of 'sys_hello' with type 'long(const char __user *, size_t)'",
  ]);
});

test("objects: TypeScript to JavaScript, linux/ imports made relative; images round-trip", () => {
  const js = compileObject("hello_world/h.ts", 'import { printk } from "linux/printk";\nconst n: number = 1;\nprintk("%d", n);\n');
  assert.match(js, /^import \{ printk \} from "\.\.\/include\/linux\/printk\.js";\nconst n = 1;/);
  const img = { release: "6.6.0-typix+", version: "#2 SMP", entry: "init/main.js", runtime: "host/user_runtime.js", modules: new Map([["init/main.js", "import './x.js';\n"], ["x.js", "export {};\n"]]) };
  const back = readKernelImage(writeKernelImage(img));
  assert.deepEqual({ ...back, modules: [...back.modules] }, { ...img, modules: [...img.modules] });
  assert.throws(() => readKernelImage(new TextEncoder().encode("MZ not a kernel")), /not a Typix kernel image/);
});
