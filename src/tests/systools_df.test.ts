// df: GNU's table from /proc/self/mounts and statfs(2); pseudo and empty filesystems only
// with -a or when named; sizes follow what is stored; logname without a login session.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

const HEAD = "Filesystem     1K-blocks  Used Available Use% Mounted on\n";

test("df lists real filesystems; -a adds the pseudo ones; -h, -T, -i", async () => {
  const m = await boot();
  try {
    // A tmpfs without size= may grow to half of RAM (512 MiB here), as on Linux.
    assert.equal((await m.spawn(["/bin/df"])).stdout, HEAD + "devtmpfs          262144     0    262144   0% /dev\n");
    const all = (await m.spawn(["/bin/df", "-a"])).stdout.split("\n");
    assert.equal(all[0] + "\n", HEAD);
    assert.match(all[1], /^rootfs {12}262144 +\d+ +\d+ +\d+% \/$/);
    assert.equal(all[3], "proc                   0     0         0    - /proc");
    assert.equal(all[4], "sysfs                  0     0         0    - /sys");
    assert.equal((await m.spawn(["/bin/df", "-h"])).stdout,
      "Filesystem      Size  Used Avail Use% Mounted on\ndevtmpfs        256M     0  256M   0% /dev\n");
    assert.equal((await m.spawn(["/bin/df", "-T"])).stdout,
      "Filesystem     Type     1K-blocks  Used Available Use% Mounted on\ndevtmpfs       devtmpfs    262144     0    262144   0% /dev\n");
    assert.match((await m.spawn(["/bin/df", "-i"])).stdout, /^Filesystem     Inodes IUsed IFree IUse% Mounted on\ndevtmpfs +65536 +\d+ +\d+ +\d+% \/dev\n$/);
  } finally {
    await m.shutdown();
  }
});

test("df FILE shows the filesystem holding it, even a pseudo one; usage follows the data", async () => {
  const m = await boot();
  try {
    assert.equal((await m.spawn(["/bin/df", "/proc/self"])).stdout, HEAD + "proc                   0     0         0    - /proc\n");
    const before = Number((await m.spawn(["/bin/df", "/tmp"])).stdout.split("\n")[1].split(/ +/)[2]);
    await m.writeFile("/tmp/big", new Uint8Array(1 << 20));
    const after = (await m.spawn(["/bin/df", "/tmp"])).stdout.split("\n")[1].split(/ +/);
    assert.equal(after[0], "rootfs");
    assert.equal(Number(after[2]), before + 1024);
    assert.equal(Number(after[3]), 262144 - before - 1024);
    assert.equal(after[5], "/");

    assert.equal((await m.run("mount -t tmpfs -o size=1m tmpfs /mnt", { user: "root" })).status, 0);
    await m.writeFile("/mnt/half", new Uint8Array(512 * 1024));
    assert.equal((await m.spawn(["/bin/df", "/mnt/half"])).stdout, HEAD + "tmpfs               1024   512       512  50% /mnt\n");
    assert.match((await m.spawn(["/bin/df"])).stdout, /\ntmpfs {15}1024   512       512  50% \/mnt\n$/);

    const missing = await m.spawn(["/bin/df", "/nope"]);
    assert.equal(missing.stdout, "");
    assert.equal(missing.stderr, "df: /nope: No such file or directory\n");
    assert.equal(missing.status, 1);
    const none = await m.spawn(["/bin/df", "-t", "xfs"]);
    assert.equal(none.stderr, "df: no file systems processed\n");
    assert.equal(none.status, 1);
  } finally {
    await m.shutdown();
  }
});

test("logname without a login session", async () => {
  const m = await boot();
  try {
    const r = await m.spawn(["/usr/bin/logname"]);
    assert.equal(r.stderr, "logname: no login name\n");
    assert.equal(r.status, 1);
    assert.equal((await m.spawn(["/usr/bin/logname", "x"])).stderr, "logname: extra operand 'x'\nTry 'logname --help' for more information.\n");
  } finally {
    await m.shutdown();
  }
});
