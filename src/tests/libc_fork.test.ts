// fork from C against glibc (src/tests/libc/fork.c, built natively and in Typix): the classic
// exercises' behaviours compared line for line; then what Typix adds around it: strace -f
// following the child, a raw fork(2) through syscall(), and fork's limits (a signal handler).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LibcDiff, sameOutput } from "./libc_support.js";

const d = new LibcDiff();
before(() => d.start());
after(() => d.stop());

test("fork: stdio buffers copied, memory copied, trees, statuses and signals, pipes, exec, handlers, atexit, shared offsets", async () => {
  const r = await d.program("fork");
  assert.match(r.native.stdout, /^buffered before fork; child\n/); // the behaviours are there to compare
  assert.match(r.native.stdout, /abort\(\): killed by signal 6/);
  sameOutput(assert, r);
});

const RAW = `#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include <string.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
static void handler(int sig) {
  (void)sig;
  pid_t p = fork();
  if (p == 0) _exit(0);
  if (p > 0) waitpid(p, NULL, 0);
  printf("fork in a handler: %s\\n", p > 0 ? "ok" : strerror(errno));
}
int main(void) {
  long p = syscall(SYS_fork);
  if (p == 0) { printf("raw child\\n"); fflush(stdout); _exit(4); }
  int st;
  waitpid((pid_t)p, &st, 0);
  printf("raw fork: child exited %d\\n", WEXITSTATUS(st));
  signal(SIGUSR1, handler);
  raise(SIGUSR1);
  return 0;
}
`;

test("syscall(SYS_fork) forks; strace -f follows the child with [pid N] lines", async () => {
  await d.build("rawfork", RAW);
  const r = await d.m.run("./rawfork", { cwd: "/home/user/libc/rawfork" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^raw child\nraw fork: child exited 4\n/);
  // Typix cannot copy a program inside a signal handler (its frames are the runtime's, not the
  // program's): fork there fails as a system call Typix lacks rather than copying it wrongly.
  assert.match(r.stdout, /fork in a handler: Function not implemented\n$/);
  const s = await d.m.run("strace -f ./rawfork", { cwd: "/home/user/libc/rawfork" });
  assert.equal(s.status, 0, s.stderr);
  const child = /^fork\(\)\s+= (\d+)$/m.exec(s.stderr);
  assert.ok(child, s.stderr);
  assert.match(s.stderr, new RegExp(`^\\[pid\\s+${child[1]}\\] write\\(1, "raw child\\\\n", 10\\) = 10$`, "m"));
  assert.match(s.stderr, new RegExp(`^\\[pid\\s+${child[1]}\\] \\+\\+\\+ exited with 4 \\+\\+\\+$`, "m"));
});
