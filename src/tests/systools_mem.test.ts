// uptime, free and mknod: procps's layouts and coreutils' permission errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

test("uptime and free print procps's layouts", async () => {
  const m = await boot();
  try {
    assert.match((await m.spawn(["/usr/bin/uptime"])).stdout,
      /^ \d\d:\d\d:\d\d up (\d+ min|[ \d]\d:\d\d), +\d+ users?,  load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d\n$/);
    assert.match((await m.spawn(["/usr/bin/uptime", "-p"])).stdout, /^up \d+ minutes?\n$/);
    assert.match((await m.spawn(["/usr/bin/uptime", "-s"])).stdout, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n$/);
    const free = (await m.spawn(["/usr/bin/free"])).stdout.split("\n");
    assert.equal(free[0], "               total        used        free      shared  buff/cache   available");
    assert.match(free[1], /^Mem: {4}( +\d+){6}$/);
    assert.equal(free[1].length, 80);
    assert.match(free[2], /^Swap:( +\d+){3}$/);
    const [, total, used, fr, , bc] = free[1].split(/ +/).map(Number);
    assert.equal(used, total - fr - bc);
    assert.match((await m.spawn(["/usr/bin/free", "-h"])).stdout.split("\n")[1], /^Mem: {4}( +\d+(\.\d)?(B|Ki|Mi|Gi)){6}$/);
    const mb = (await m.spawn(["/usr/bin/free", "-m"])).stdout.split("\n")[1].split(/ +/).map(Number);
    assert.equal(mb[1], Math.floor(total / 1024));
  } finally {
    await m.shutdown();
  }
});

test("mknod makes FIFOs for anyone and device nodes for root", async () => {
  const m = await boot();
  try {
    const dev = await m.spawn(["/bin/mknod", "/tmp/null2", "c", "1", "3"]);
    assert.equal(dev.stderr, "mknod: /tmp/null2: Operation not permitted\n");
    assert.equal(dev.status, 1);
    assert.equal((await m.spawn(["/bin/mknod", "-m", "600", "/tmp/null2", "c", "1", "3"], { user: "root" })).status, 0);
    assert.equal((await m.spawn(["/usr/bin/stat", "-c", "%A %t,%T", "/tmp/null2"])).stdout, "crw------- 1,3\n");
    assert.equal((await m.spawn(["/bin/mknod", "/tmp/fifo", "p"])).status, 0);
    assert.equal((await m.spawn(["/usr/bin/stat", "-c", "%F", "/tmp/fifo"])).stdout, "fifo\n");
    assert.equal((await m.spawn(["/bin/mknod", "/tmp/x", "c", "1"])).stderr,
      "mknod: missing operand after '1'\nSpecial files require major and minor device numbers.\nTry 'mknod --help' for more information.\n");
    assert.equal((await m.spawn(["/bin/mknod", "/tmp/x", "z"])).stderr, "mknod: invalid device type 'z'\nTry 'mknod --help' for more information.\n");
  } finally {
    await m.shutdown();
  }
});
