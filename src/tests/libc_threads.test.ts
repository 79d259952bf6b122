// POSIX threads from C against glibc (src/tests/libc/threads.c, built natively with -pthread and
// in Typix with -lpthread): mutexes, condition variables, semaphores, once, keys, barriers,
// timed waits, thread ids and /proc/self/task, and how a threaded process ends, compared line
// for line; then strace -f following a thread.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LibcDiff, sameOutput } from "./libc_support.js";

const d = new LibcDiff();
before(() => d.start());
after(() => d.stop());

test("pthreads: a shared counter, join's results, errno per thread, cond/sem/once/keys/barrier, exits", async () => {
  const r = await d.program("threads", {}, ["-pthread"]);
  assert.match(r.native.stdout, /^counter 80000, results 100, main's errno 0\n/); // there to compare
  sameOutput(assert, r);
});

test("strace -f shows clone with the thread flags and the new thread's calls under its tid", async () => {
  await d.build("onethread", `#include <pthread.h>
#include <unistd.h>
static void *run(void *a) { (void)a; write(1, "in the thread\\n", 14); return 0; }
int main(void) { pthread_t t; pthread_create(&t, 0, run, 0); pthread_join(t, 0); return 0; }
`, ["-pthread"]);
  const s = await d.m.run("strace -f ./onethread", { cwd: "/home/user/libc/onethread" });
  assert.equal(s.status, 0, s.stderr);
  assert.equal(s.stdout, "in the thread\n");
  const clone = /^clone\(child_stack=0x[0-9a-f]+, flags=CLONE_VM\|CLONE_FS\|CLONE_FILES\|CLONE_SIGHAND\|CLONE_THREAD\|CLONE_SYSVSEM\|CLONE_SETTLS\|CLONE_PARENT_SETTID\|CLONE_CHILD_CLEARTID.*\) = (\d+)$/m.exec(s.stderr);
  assert.ok(clone, s.stderr);
  assert.match(s.stderr, new RegExp(`^\\[pid\\s+${clone[1]}\\] write\\(1, "in the thread\\\\n", 14\\) = 14$`, "m"));
  assert.match(s.stderr, new RegExp(`^\\[pid\\s+${clone[1]}\\] exit\\(0\\)\\s+= \\?$`, "m"));
});
