// Adding a system call the way the books do, through the typix command: the source in
// /usr/src/linux/hello_world, its prototype, its table line, obj-y and core-y; `make` as a
// plain user, `sudo make install`, `sudo reboot`; then the new release, syscall(999, ...) from
// a program compiled before the reboot, and the syscall's printk in dmesg. The root
// filesystem survives the reboot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { fixtures, typixSession, typix, ALL_STEPS } from "./syscall_add_support.js";

test("add hello_world(2): make, make install, reboot, uname -r, syscall(999), dmesg", async () => {
  const hw = fixtures();
  try {
    const r = await typixSession(["-m", `${hw}:/mnt/hw:ro`], [
      {
        input: [
          "gcc /mnt/hw/hello.c -o /home/user/hello && /home/user/hello typix; echo before=$?",
          `cd /usr/src/linux && ${ALL_STEPS} && echo STEPS-DONE`,
          "make kernelrelease",
          "make 2>&1; echo make=$?",
          "make install 2>&1; echo user-install=$?",
          "sudo make install; echo install=$?",
          "cat /boot/grub/grub.cfg | grep -c menuentry",
          "echo REBOOTING; sudo reboot",
          "",
        ].join("\n"),
        until: /Linux version 6\.6\.0-typix\+ /,
      },
      {
        input: "echo AFTER; uname -r; uname -v; /home/user/hello typix; echo after=$?; dmesg | grep hello_world:; ls /usr/src/linux/hello_world\n",
        until: /after=\d/,
      },
    ]);
    const out = r.stdout;
    assert.equal(r.status, 0, r.stderr);
    // Before: the shipped kernel has no system call 999.
    assert.match(r.stderr, /hello_world: Function not implemented\n/);
    assert.match(out, /^before=1\n/);
    assert.match(out, /STEPS-DONE\n6\.6\.0-typix\+\n/);
    // make: kbuild's lines, the new object compiled, the image ready as build #2.
    assert.match(out, /  SYSTBL  arch\/x86\/entry\/syscalls\/table\.gen\.ts\n/);
    assert.match(out, /  CC      hello_world\/sys_hello_world\.o\n/);
    assert.match(out, /  LD      vmlinux\n  NM      System\.map\n  BUILD   arch\/x86\/boot\/bzImage\nKernel: arch\/x86\/boot\/bzImage is ready  \(#2\)\nmake=0\n/);
    // A plain user cannot install; root can, and the menu has both kernels.
    assert.match(out, /install: cannot create regular file '\/boot\/vmlinuz-6\.6\.0-typix\+': Permission denied\n[^\n]*Error 1\nuser-install=2\n/);
    assert.match(out, /  INSTALL \/boot\nGenerating grub configuration file \.\.\.\nFound linux image: \/boot\/vmlinuz-6\.6\.0-typix\+\nFound linux image: \/boot\/vmlinuz-6\.6\.0-typix\ndone\ninstall=0\n2\n/);
    // After the reboot: the new kernel, its system call, its log line, the same files.
    const after = out.slice(out.indexOf("AFTER\n"));
    assert.match(after, /^AFTER\n6\.6\.0-typix\+\n#2 SMP PREEMPT_DYNAMIC \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n/);
    assert.match(after, /hello_world returned 13: Hello, typix!\nafter=0\n/);
    assert.match(after, /\] hello_world: hello, typix\n/);
    assert.match(after, /Makefile\nsys_hello_world\.o\nsys_hello_world\.ts\n/);
  } finally {
    rmSync(hw, { recursive: true, force: true });
  }
});

test("an unmodified tree builds the shipped release, without a +", () => {
  const r = typix(["-c", "cd /usr/src/linux && make kernelrelease && make >/dev/null && make kernelrelease && tail -c 40 arch/x86/boot/bzImage >/dev/null && echo ok"]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "6.6.0-typix\n6.6.0-typix\nok\n");
});

test("make again: nothing to do; a touched source: only it is compiled", () => {
  const hw = fixtures();
  try {
    const r = typix(["-m", `${hw}:/mnt/hw:ro`, "-c",
      `cd /usr/src/linux && ${ALL_STEPS} && make >/dev/null && make && touch hello_world/sys_hello_world.ts && make`]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "Kernel: arch/x86/boot/bzImage is ready  (#2)\n  CC      hello_world/sys_hello_world.o\n  LD      vmlinux\n  NM      System.map\n  BUILD   arch/x86/boot/bzImage\nKernel: arch/x86/boot/bzImage is ready  (#3)\n");
  } finally {
    rmSync(hw, { recursive: true, force: true });
  }
});
