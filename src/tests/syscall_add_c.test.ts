// Adding a system call in C, as the books write it: SYSCALL_DEFINE4 in hello_world/hello_world.c,
// `obj-y := hello_world.o`, core-y, the table line naming __x64_sys_hello_world and the
// declaration in include/linux/syscalls.h; make, sudo make install, sudo reboot, then
// syscall(999, ...) from a C program and the printk in dmesg. A C error fails make with clang's
// diagnostic, a call to a function the kernel does not have fails the link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { fixtures, typixSession, typix, ALL_C_STEPS, SYS_HELLO_WORLD_C } from "./syscall_add_support.js";

/** hello [NAME]'s companion: syscall 999 with a NULL name, then with a buffer too small. */
const BAD_CALLS = `#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	char buf[4];
	if (syscall(999, NULL, 5, buf, sizeof buf) < 0)
		perror("NULL name");
	if (syscall(999, "typix", 5, buf, sizeof buf) < 0)
		perror("small buffer");
	return 0;
}
`;

test("add hello_world(2) in C: make, make install, reboot, syscall(999), dmesg", async () => {
  const hw = fixtures({ "hello_world.c": SYS_HELLO_WORLD_C, "bad.c": BAD_CALLS });
  try {
    const r = await typixSession(["-m", `${hw}:/mnt/hw:ro`], [
      {
        input: [
          "gcc /mnt/hw/hello.c -o /home/user/hello && gcc /mnt/hw/bad.c -o /home/user/bad",
          `cd /usr/src/linux && ${ALL_C_STEPS} && echo STEPS-DONE`,
          "make 2>&1; echo make=$?",
          "sudo make install >/dev/null; echo install=$?",
          "echo REBOOTING; sudo reboot",
          "",
        ].join("\n"),
        until: /Linux version 6\.6\.0-typix\+ /,
      },
      {
        input: "echo AFTER; uname -r; /home/user/hello typix; echo after=$?; /home/user/bad; dmesg | grep hello_world:; grep hello_world /boot/System.map-6.6.0-typix+\n",
        until: /T sys_hello_world\n/,
      },
    ]);
    const out = r.stdout;
    assert.equal(r.status, 0, r.stderr);
    assert.match(out, /STEPS-DONE\n/);
    assert.match(out, /  CC      hello_world\/hello_world\.o\n/);
    assert.match(out, /  LD      vmlinux\n  NM      System\.map\n  BUILD   arch\/x86\/boot\/bzImage\nKernel: arch\/x86\/boot\/bzImage is ready  \(#2\)\nmake=0\ninstall=0\n/);
    const after = out.slice(out.indexOf("AFTER\n"));
    assert.match(after, /^AFTER\n6\.6\.0-typix\+\nhello_world returned 13: Hello, typix!\nafter=0\n/);
    assert.match(r.stderr, /NULL name: Bad address\nsmall buffer: Invalid argument\n/);
    // One log line per call that got as far as the printk: hello's and the small buffer's.
    assert.equal(after.match(/\] hello_world: hello, typix\n/g)?.length, 2);
    assert.match(after, /\nffffffff81[0-9a-f]{6} T sys_hello_world\n/);
  } finally {
    rmSync(hw, { recursive: true, force: true });
  }
});

test("a C error fails make with clang's diagnostic; a function the kernel lacks fails the link", () => {
  const broken = SYS_HELLO_WORLD_C.replace("\tint n;\n", "\tint n = undeclared_thing;\n");
  const unknown = SYS_HELLO_WORLD_C.replace("\treturn n;\n}", "\treturn frobnicate(n);\n}").replace("#include <linux/uaccess.h>\n", "#include <linux/uaccess.h>\nlong frobnicate(long);\n");
  const hw = fixtures({ "hello_world.c": broken, "unknown.c": unknown });
  try {
    const r = typix(["-m", `${hw}:/mnt/hw:ro`, "-c",
      `cd /usr/src/linux && ${ALL_C_STEPS} && { make; echo make=$?; } && cp /mnt/hw/unknown.c hello_world/hello_world.c && make; echo make=$?`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^hello_world\/hello_world\.c:11:10: error: use of undeclared identifier 'undeclared_thing'\n   11 \|         int n = undeclared_thing;\n      \|                 \^~+\n1 error generated\.\nmake\[3\]: \*\*\* \[scripts\/Makefile\.build:243: hello_world\/hello_world\.o\] Error 1\nmake: \*\*\* \[Makefile:25: bzImage\] Error 1\n/);
    assert.match(r.stderr, /\nld: hello_world\/hello_world\.o: undefined reference to 'frobnicate'\nmake\[2\]: \*\*\* \[scripts\/Makefile\.vmlinux:37: vmlinux\] Error 1\nmake: \*\*\* \[Makefile:25: bzImage\] Error 1\n$/);
    assert.match(r.stdout, /make=2\n[^]*make=2\n$/);
  } finally {
    rmSync(hw, { recursive: true, force: true });
  }
});
