// Booting modified kernels: `typix --kernel DIR` builds a host copy of the source tree and boots
// it; a kernel that fails to start falls back to the previous one on reboot (with the same root
// filesystem), and is refused by --kernel; a system call whose handler throws is an oops that
// kills the caller, not the machine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtures, typix, typixSession, ALL_STEPS, SYS_HELLO_WORLD, PROTOTYPE, ROOT } from "./syscall_add_support.js";

/** A host copy of the shipped tree with hello_world added (its source given). */
function hostTree(source = SYS_HELLO_WORLD): string {
  const dir = mkdtempSync(join(tmpdir(), "typix-linux-"));
  cpSync(join(ROOT, "dist/linux"), dir, { recursive: true });
  mkdirSync(join(dir, "hello_world"));
  writeFileSync(join(dir, "hello_world/sys_hello_world.ts"), source);
  writeFileSync(join(dir, "hello_world/Makefile"), "obj-y := sys_hello_world.o\n");
  const edit = (p: string, f: (s: string) => string) => writeFileSync(join(dir, p), f(readFileSync(join(dir, p), "utf8")));
  edit("Makefile", (s) => s.replace(/^core-y := (.*)$/m, "core-y := $1 hello_world/"));
  edit("arch/x86/entry/syscalls/syscall_64.tbl", (s) => s + "999\t64\thello_world\t\tsys_hello_world\n");
  edit("include/linux/syscalls.d.ts", (s) => s.replace("interface SyscallPrototypes {", `interface SyscallPrototypes {\n  ${PROTOTYPE}`));
  return dir;
}

test("typix --kernel DIR boots the kernel built from a modified copy of the source", () => {
  const dir = hostTree(), hw = fixtures();
  try {
    const r = typix(["--kernel", dir, "-m", `${hw}:/mnt/hw:ro`, "-c",
      "uname -r; gcc /mnt/hw/hello.c -o /tmp/hello && /tmp/hello host; dmesg | grep -c 'hello_world: hello, host'"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "6.6.0-typix+\nhello_world returned 12: Hello, host!\n1\n");
    assert.match(r.stderr, /  CC      hello_world\/sys_hello_world\.o\n[^]*Kernel: arch\/x86\/boot\/bzImage is ready  \(#2\)\n/);
    // The same tree again: nothing to do, the same image (build #2).
    const again = typix(["--kernel", dir, "-c", "uname -v"]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stderr, "Kernel: arch/x86/boot/bzImage is ready  (#2)\n");
    assert.match(again.stdout, /^#2 SMP PREEMPT_DYNAMIC /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(hw, { recursive: true, force: true });
  }
});

test("typix --kernel DIR with a broken tree or a kernel that cannot start", () => {
  const broken = hostTree(SYS_HELLO_WORLD.replace('"size_t", "len"', '"size_t"'));
  const dead = hostTree(SYS_HELLO_WORLD + 'throw new Error("hello_world: refusing to start");\n');
  try {
    const b = typix(["--kernel", broken, "-c", "echo never"]);
    assert.equal(b.status, 1);
    assert.equal(b.stdout, "");
    assert.match(b.stderr, /hello_world\/sys_hello_world\.ts:\d+:\d+: error TS\d+: /);
    assert.match(b.stderr, new RegExp(`typix: ${broken}: the kernel build failed\n$`));
    const d = typix(["--kernel", dead, "-c", "echo never"]);
    assert.equal(d.status, 1);
    assert.equal(d.stdout, "");
    assert.match(d.stderr, new RegExp(`typix: the kernel built from ${dead} failed to start: .*hello_world: refusing to start\n$`));
  } finally {
    rmSync(broken, { recursive: true, force: true });
    rmSync(dead, { recursive: true, force: true });
  }
});

test("a kernel that fails to start: the bootloader falls back to the previous one, files kept", async () => {
  const hw = fixtures({ "sys_hello_world.ts": SYS_HELLO_WORLD + 'throw new Error("hello_world: refusing to start");\n' });
  try {
    const r = await typixSession(["-m", `${hw}:/mnt/hw:ro`], [
      { input: `cd /usr/src/linux && ${ALL_STEPS} && make >/dev/null && sudo make install >/dev/null && echo BUILT && sudo reboot\n`, until: /Falling back[^\n]*\n/ },
      { input: "echo AFTER; uname -r; ls /boot | grep -c vmlinuz; ls /usr/src/linux/hello_world | head -1\n", until: /AFTER\n[^]*\n[^]*\n[^]*\n/ },
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /BUILT\n/);
    assert.match(r.stderr, /error: kernel '\/boot\/vmlinuz-6\.6\.0-typix\+' \(Linux 6\.6\.0-typix\+\) failed to start: .*hello_world: refusing to start\nFalling back to 'Typix GNU\/Linux, with Linux 6\.6\.0-typix'\.\n/);
    assert.match(r.stdout, /AFTER\n6\.6\.0-typix\n2\nMakefile\n/);
  } finally {
    rmSync(hw, { recursive: true, force: true });
  }
});

test("a handler that throws is an oops: the caller dies, the machine goes on", () => {
  const dir = hostTree(SYS_HELLO_WORLD.replace("if (len > 64) return -EINVAL;", "if (len > 3) throw new TypeError(\"hello_world: name too long\");"));
  const hw = fixtures();
  try {
    const r = typix(["--kernel", dir, "-m", `${hw}:/mnt/hw:ro`, "-c",
      "gcc /mnt/hw/hello.c -o /tmp/hello; /tmp/hello abcdef; echo status=$?; /tmp/hello abc; dmesg | grep -E 'general protection|RIP|Comm:'"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /Segmentation fault\n/);
    assert.match(r.stdout, /^status=139\nhello_world returned 11: Hello, abc!\n/);
    assert.match(r.stdout, /\] general protection fault: 0000 \[#1\] PREEMPT SMP\n.*Comm: hello Not tainted 6\.6\.0-typix\+ #2\n.*RIP: 0010:__x64_sys_hello_world\+0x/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(hw, { recursive: true, force: true });
  }
});
