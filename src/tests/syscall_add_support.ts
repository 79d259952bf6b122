// What the add-a-syscall tests share: the books' hello_world system call (with variants that
// break the build or the kernel), a C program calling syscall(999, ...), the shell lines that
// put them into /usr/src/linux as a person would, and running the typix command.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const TYPIX = join(ROOT, "bin/typix.js");

/** hello_world(2): logs the caller's name, writes "Hello, NAME!" back, returns its length. */
export const SYS_HELLO_WORLD = `// hello_world(2): greets the caller in the kernel log and writes a greeting back.
import { SYSCALL_DEFINE4 } from "linux/syscalls";
import { printk, KERN_INFO } from "linux/printk";
import { strncpy_from_user, copy_to_user } from "linux/uaccess";
import { EFAULT, EINVAL } from "linux/errno";

SYSCALL_DEFINE4("hello_world", "const char __user *", "name", "size_t", "len", "char __user *", "buf", "size_t", "size",
  (name, len, buf, size) => {
    if (len > 64) return -EINVAL;
    const kname = new Uint8Array(len + 1);
    const n = strncpy_from_user(kname, name, len);
    if (n < 0) return -EFAULT;
    const who = new TextDecoder().decode(kname.subarray(0, n));
    printk(KERN_INFO + "hello_world: hello, %s\\n", who);
    const reply = "Hello, " + who + "!";
    if (size < reply.length + 1) return -EINVAL;
    if (copy_to_user(buf, reply + "\\0", reply.length + 1)) return -EFAULT;
    return reply.length;
  });
`;

export const PROTOTYPE = 'hello_world: [name: "const char __user *", len: "size_t", buf: "char __user *", size: "size_t"];';

/** The user program, in C as the books write it: hello [NAME] calls system call 999. */
export const HELLO_PROGRAM = `// Calls hello_world(2), system call 999, and prints what the kernel wrote back.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "world";
	char buf[64];
	long r = syscall(999, name, strlen(name), buf, sizeof buf);
	if (r < 0) {
		perror("hello_world");
		return 1;
	}
	printf("hello_world returned %ld: %s\\n", r, buf);
	return 0;
}
`;

/** A host directory with the fixtures (mounted read-only at /mnt/hw), plus extra files. */
export function fixtures(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "typix-syscall-"));
  const files: Record<string, string> = { "sys_hello_world.ts": SYS_HELLO_WORLD, "hello.c": HELLO_PROGRAM, Makefile: "obj-y := sys_hello_world.o\n", ...extra };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Shell lines (in /usr/src/linux) for each step of adding the call, from the files at /mnt/hw. */
export const STEPS = {
  source: "mkdir -p hello_world && cp /mnt/hw/sys_hello_world.ts hello_world/",
  makefile: "cp /mnt/hw/Makefile hello_world/Makefile",
  coreY: "sed -i 's|^core-y := \\(.*\\)$|core-y := \\1 hello_world/|' Makefile",
  table: "printf '999\\t64\\thello_world\\t\\tsys_hello_world\\n' >> arch/x86/entry/syscalls/syscall_64.tbl",
  prototype: `sed -i 's|^interface SyscallPrototypes {|interface SyscallPrototypes {\\n  ${PROTOTYPE}|' include/linux/syscalls.d.ts`,
};
export const ALL_STEPS = Object.values(STEPS).join(" && ");

export interface CliResult { status: number | null; stdout: string; stderr: string }

/** typix ARGS..., as a person runs it. */
export function typix(args: string[], input = ""): CliResult {
  const r = spawnSync(process.execPath, [TYPIX, ...args], { input, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * typix reading commands from its standard input (a pipe), written in phases: each phase after
 * the previous one's output shows `until` (stdout and stderr together); a reboot between phases
 * is waited for through the boot banner (with --loglevel=6, kernel notices reach stderr).
 */
export async function typixSession(args: string[], phases: { input: string; until: RegExp }[]): Promise<CliResult> {
  const p = spawn(process.execPath, [TYPIX, "--loglevel=6", ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "", stderr = "";
  p.stdout.on("data", (d) => { stdout += d; });
  p.stderr.on("data", (d) => { stderr += d; });
  const exited = new Promise<number | null>((r) => p.on("exit", r));
  let over = false;
  void exited.then(() => { over = true; });
  const deadline = Date.now() + 110_000;
  for (const phase of phases) {
    p.stdin.write(phase.input);
    while (!phase.until.test(stdout + stderr)) {
      if (over || Date.now() > deadline) { p.kill(); throw new Error(`typix session: no ${phase.until} in:\n${stdout}\n${stderr}`); }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  p.stdin.end();
  const status = await exited;
  return { status, stdout, stderr };
}

/** hello_world(2) in C, as the books write it: SYSCALL_DEFINE4 with the kernel's uaccess and printk. */
export const SYS_HELLO_WORLD_C = `// hello_world(2): greets the caller in the kernel log and writes a greeting back.
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

SYSCALL_DEFINE4(hello_world, const char __user *, str, const unsigned int, str_len,
		char __user *, buf, unsigned int, buf_len)
{
	char name[64];
	char reply[80];
	int n;

	if (str_len >= sizeof(name))
		return -EINVAL;
	if (copy_from_user(name, str, str_len))
		return -EFAULT;
	name[str_len] = '\\0';
	printk(KERN_INFO "hello_world: hello, %s\\n", name);
	n = snprintf(reply, sizeof(reply), "Hello, %s!", name);
	if (buf_len < n + 1)
		return -EINVAL;
	if (copy_to_user(buf, reply, n + 1))
		return -EFAULT;
	return n;
}
`;

/** Its declaration, as the books add it to include/linux/syscalls.h. */
export const C_DECLARATION = "asmlinkage long sys_hello_world(const char __user *str, const unsigned int str_len, char __user *buf, unsigned int buf_len);";

/** The shell lines (in /usr/src/linux) that add the C system call from /mnt/hw/hello_world.c. */
export const C_STEPS = {
  source: "mkdir -p hello_world && cp /mnt/hw/hello_world.c hello_world/",
  makefile: "echo 'obj-y := hello_world.o' > hello_world/Makefile",
  coreY: STEPS.coreY,
  table: "printf '999\\t64\\thello_world\\t\\t__x64_sys_hello_world\\n' >> arch/x86/entry/syscalls/syscall_64.tbl",
  declaration: `sed -i 's|^#endif$|${C_DECLARATION}\\n#endif|' include/linux/syscalls.h`,
};
export const ALL_C_STEPS = Object.values(C_STEPS).join(" && ");
