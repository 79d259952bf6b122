// A user program stuck in a loop that makes no system call is ended by SIGKILL or SIGINT,
// and the rest of the machine keeps answering meanwhile; a user's fork bomb leaves root the CPU.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine, startSpinning } from "./harness.js";

for (const [name, sig] of [["SIGKILL", 9], ["SIGINT", 2]] as const) {
  test(`a program spinning in while(true) is ended by ${name}`, async () => {
    await withMachine(async (m) => {
      const p = await startSpinning(m);
      await new Promise((r) => setTimeout(r, 50));
      const other = await m.spawn(["/bin/echo", "still", "here"]);
      assert.equal(other.stdout, "still here\n");
      await p.kill(sig);
      const r = await p.done;
      assert.equal(r.stdout, "spinning\n");
      assert.equal(r.waitStatus & 0x7f, sig);
      assert.equal(r.status, 128 + sig);
    });
  });
}

test("a shell looping over builtins is preempted: the machine answers, and SIGINT ends it", async () => {
  await withMachine(async (m) => {
    let looping: () => void = () => {};
    const started = new Promise<void>((r) => (looping = r));
    const p = m.start(["/bin/sh", "-c", "echo looping; while :; do :; done"], { onOutput: () => looping() });
    await started; // it is in its loop once it has printed its line
    assert.equal((await m.run("echo still here")).stdout, "still here\n");
    await p.kill(2);
    const r = await p.done;
    assert.equal(r.stdout, "looping\n");
    assert.equal(r.status, 130);
  });
});

test("RLIMIT_NPROC: a user past the limit cannot fork (dash's 'Cannot fork'), root is exempt; ulimit as dash's", async () => {
  await withMachine(async (m) => {
    assert.equal((await m.run("ulimit -p")).stdout, "2048\n");
    assert.match((await m.run("ulimit -a")).stdout, /^time\(seconds\) {8}unlimited\n[^]*\nprocess {14}2048\nnofiles {14}1024\n/);
    const user = await m.run("ulimit -p 6; for i in 1 2 3 4 5 6 7 8; do sleep 1 & done; wait; echo done");
    assert.equal(user.stdout, "done\n");
    assert.match(user.stderr, /^(\/bin\/sh: 1: Cannot fork\n)+$/);
    const root = await m.run("ulimit -p 6; for i in 1 2 3 4 5 6 7 8; do sleep 1 & done; wait; echo done", { user: "root" });
    assert.deepEqual([root.stdout, root.stderr], ["done\n", ""]);
    assert.equal((await m.run("ulimit -x")).stderr, "/bin/sh: 1: ulimit: Illegal option -x\n");
    assert.equal((await m.run("ulimit -n 99999")).stderr, "/bin/sh: 1: ulimit: error setting limit (Operation not permitted)\n");
    assert.equal((await m.run("ulimit -n 100; ulimit -n; ulimit -Hn")).stdout, "100\n100\n");
  });
});

test("a user's fork bomb at its RLIMIT_NPROC leaves root half the CPU: root's commands answer, kill -9 -1 ends it", { timeout: 150_000 }, async () => {
  await withMachine(async (m) => {
    void m.run("bomb(){ bomb | bomb & }; bomb");
    const asRoot = (cmd: string) => m.run(cmd, { user: "root", timeout: 15_000 });
    let bombs = 0;
    for (let i = 0; i < 90 && bombs < 2000; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const r = await asRoot("ps -u user | wc -l");
      assert.equal(r.status, 0, `root's ps -u user answered (${r.stderr})`);
      bombs = Number(r.stdout) - 1;
    }
    assert.ok(bombs >= 2000, `the bomb reached its limit of 2048 processes (${bombs})`);
    const load = await asRoot("cat /proc/loadavg");
    assert.equal(load.status, 0);
    assert.match(load.stdout, /^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/(\d+) \d+\n$/);
    assert.ok(Number(/\/(\d+)/.exec(load.stdout)![1]) > 2000);
    const after = await asRoot("kill -9 -1; sleep 1; ps -u user | wc -l");
    assert.deepEqual([after.stdout, after.status], ["1\n", 0]);
    assert.equal((await m.run("echo the user can work again")).stdout, "the user can work again\n");
  });
});
