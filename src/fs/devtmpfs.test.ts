// devtmpfs: nodes that drivers create and delete appear and vanish in /dev, subdirectories
// included; the boot-time links and directories are there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { STAT, S_IFCHR, S_IFDIR, MKDEV } from "../include/uapi/stat.js";
import { devtmpfsCreateNode, devtmpfsDeleteNode } from "./devtmpfs.js";
import { Errno } from "../kernel/errors.js";

const k = ktest();
const user = k.task({ uid: 1000 });
const b = user.buf(144);
const statMode = async (p: string) => {
  const r = await user.sys("stat", user.str(p), b);
  return r < 0 ? r : user.u32(b + STAT.st_mode);
};

test("boot-time links and directories", async () => {
  const rl = user.buf(64);
  const link = async (p: string) => user.text(rl, await user.sys("readlink", user.str(p), rl, 64));
  assert.equal(await link("/dev/fd"), "/proc/self/fd");
  assert.equal(await link("/dev/stdin"), "/proc/self/fd/0");
  assert.equal(await link("/dev/stdout"), "/proc/self/fd/1");
  assert.equal(await link("/dev/stderr"), "/proc/self/fd/2");
  assert.equal(await statMode("/dev/shm"), S_IFDIR | 0o1777);
  assert.equal(await statMode("/dev/pts"), S_IFDIR | 0o755);
});

test("nodes in subdirectories are created and deleted, with their empty directories", async () => {
  devtmpfsCreateNode("input/event0", S_IFCHR | 0o640, MKDEV(13, 64), 0, 0);
  assert.equal(await statMode("/dev/input/event0"), S_IFCHR | 0o640);
  assert.equal(await statMode("/dev/input"), S_IFDIR | 0o755);
  assert.throws(() => devtmpfsCreateNode("input/event0", S_IFCHR | 0o640, MKDEV(13, 64)), (e) => e instanceof Errno && e.errno === E.EEXIST);
  devtmpfsDeleteNode("input/event0");
  assert.equal(await statMode("/dev/input/event0"), -E.ENOENT);
  assert.equal(await statMode("/dev/input"), -E.ENOENT);
  assert.throws(() => devtmpfsDeleteNode("input/event0"), (e) => e instanceof Errno && e.errno === E.ENOENT);
});
