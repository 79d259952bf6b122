// ps: procps's layouts (default, -ef, aux, BSD x, -o), selection by terminal, user and PID,
// STAT letters for session leaders, the foreground group and zombies, and its errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

async function until(get: () => string, cond: (s: string) => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond(get())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; console: ${JSON.stringify(get())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("ps aux, ps -ef and -o print procps's columns", async () => {
  const m = await boot();
  try {
    const aux = (await m.run("ps aux")).stdout.split("\n");
    assert.equal(aux[0], "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND");
    assert.match(aux[1], /^root {11}1 +\d+\.\d +\d+\.\d +\d+ +\d+ \? {8}Ss {3}\d\d:\d\d +0:00 \/sbin\/init$/);
    assert.match(aux.find((l) => / 0:00 ps aux$/.test(l))!, /^user +\d+ +\d+\.\d +\d+\.\d +\d+ +\d+ \? {8}R {4}\d\d:\d\d +0:00 ps aux$/);

    const ef = (await m.run("ps -ef")).stdout.split("\n");
    assert.equal(ef[0], "UID          PID    PPID  C STIME TTY          TIME CMD");
    assert.match(ef[1], /^root {11}1 {7}0 +\d+ \d\d:\d\d \? {8}00:00:00 \/sbin\/init$/);
    const mine = ef.find((l) => / 00:00:00 ps -ef$/.test(l))!;
    const shLine = ef.find((l) => l.endsWith(" /bin/sh -c ps -ef"))!;
    assert.equal(mine.split(/ +/)[2], shLine.split(/ +/)[1], "ps's PPID is the shell's PID");

    assert.equal((await m.spawn(["/bin/ps", "-p", "1", "--no-headers"])).stdout, "      1 ?        00:00:00 init\n");
    assert.equal((await m.spawn(["/bin/ps", "-p", "1", "-o", "pid,ppid,pgid,sid,tty,user,uid,stat,comm"])).stdout,
      "    PID    PPID    PGID     SID TT       USER       UID STAT COMMAND\n" +
      "      1       0       1       1 ?        root         0 Ss   init\n");
    assert.match((await m.spawn(["/bin/ps", "-p", "1", "-o", "time,etime,rss,vsz,args"])).stdout,
      /^ {4}TIME {5}ELAPSED {3}RSS {4}VSZ COMMAND\n00:00:00 {7}\d\d:\d\d +\d+ +\d+ \/sbin\/init\n$/);
    assert.equal((await m.spawn(["/bin/ps", "-o", "pid=", "-p", "1"])).stdout, "      1\n");
    const u = (await m.spawn(["/bin/ps", "-u", "root"])).stdout;
    assert.equal(u, "    PID TTY          TIME CMD\n      1 ?        00:00:00 init\n");

    // BSD x: the caller's processes with or without a terminal.
    const x = (await m.run("ps x")).stdout.split("\n");
    assert.equal(x[0], "    PID TTY      STAT   TIME COMMAND");
    assert.match(x.find((l) => / 0:00 ps x$/.test(l))!, /^ +\d+ \? {8}R {6}0:00 ps x$/);
    assert.ok(!x.some((l) => l.endsWith("/sbin/init")), "x leaves out other users' processes");
    assert.ok((await m.run("ps ax")).stdout.includes(" /sbin/init\n"));

    // Without a terminal, the default is the caller's processes without one.
    const def = (await m.run("ps")).stdout.split("\n");
    assert.equal(def[0], "    PID TTY          TIME CMD");
    assert.match(def.at(-2)!, /^ +\d+ \? {8}00:00:00 ps$/);
  } finally {
    await m.shutdown();
  }
});

test("ps shows zombies as <defunct> and reports errors as procps does", async () => {
  const m = await boot();
  try {
    const z = (await m.run("sh -c '/bin/true & sleep 0.2; exec ps -o stat,comm,args'")).stdout;
    assert.match(z, /^STAT COMMAND {9}COMMAND\n/);
    assert.match(z, /\nZ {4}\S+ <defunct> +\[\S+\] <defunct>\n/);

    const none = await m.spawn(["/bin/ps", "-p", "31999"]);
    assert.equal(none.stdout, "    PID TTY          TIME CMD\n");
    assert.equal(none.status, 1);
    const bad = await m.spawn(["/bin/ps", "-u", "nosuch"]);
    assert.match(bad.stderr, /^error: user name does not exist\n\nUsage:\n ps \[options\]\n/);
    assert.equal(bad.status, 1);
    assert.match((await m.spawn(["/bin/ps", "-p", "abc"])).stderr, /^error: process ID list syntax error\n/);
    assert.match((await m.spawn(["/bin/ps", "-o", "bogus"])).stderr, /^error: unknown user-defined format specifier "bogus"\n/);
  } finally {
    await m.shutdown();
  }
});

test("ps on the console: its terminal's processes, session leader and foreground group", async () => {
  const m = await boot({ cmdline: "loglevel=1" });
  try {
    let out = "";
    m.onConsoleOutput((d) => { out += Buffer.from(d).toString(); });
    const s = m.openConsole({ argv: ["/bin/sh", "-c", "ps; ps -o tty,stat,comm"] });
    assert.equal(await s.done, 0);
    await until(() => out, (o) => o.includes("R+   ps\r\n"), "ps's output");
    assert.match(out, /^ {4}PID TTY {10}TIME CMD\r\n +\d+ console  00:00:00 sh\r\n +\d+ console  00:00:00 ps\r\n/);
    assert.match(out, /TT {7}STAT COMMAND\r\nconsole  Ss\+  sh\r\nconsole  R\+   ps\r\n$/);
  } finally {
    await m.shutdown();
  }
});
