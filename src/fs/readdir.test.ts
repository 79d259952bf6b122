// getdents64 and getdents: record layout, "." and "..", continuation across calls, rewinding,
// and the errno of bad calls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { O_CREAT, O_RDWR, O_RDONLY, O_DIRECTORY, O_PATH } from "../include/uapi/fcntl.js";
import { S_IFCHR, S_IFIFO, STAT } from "../include/uapi/stat.js";

const k = ktest();
const root = k.task();

async function ok(t: KTask, name: string, ...args: (number | string)[]): Promise<number> {
  const r = await t.sys(name, ...args.map((a) => (typeof a === "string" ? t.str(a) : a)));
  assert.ok(r >= 0, `${name}(${args.join(", ")}) = ${r}`);
  return r;
}

interface Ent { ino: number; off: number; reclen: number; type: number; name: string }

function parse64(t: KTask, b: number, n: number): Ent[] {
  const out: Ent[] = [];
  for (let o = 0; o < n;) {
    const reclen = t.bytes(b + o + 16, 2)[0] | (t.bytes(b + o + 16, 2)[1] << 8);
    const raw = t.bytes(b + o + 19, reclen - 19);
    out.push({ ino: t.i64(b + o), off: t.i64(b + o + 8), reclen, type: t.bytes(b + o + 18, 1)[0], name: new TextDecoder().decode(raw.subarray(0, raw.indexOf(0))) });
    o += reclen;
  }
  return out;
}

async function inoOf(t: KTask, path: string): Promise<number> {
  const b = t.buf(144);
  assert.equal(await t.sys("lstat", t.str(path), b), 0);
  return t.i64(b + STAT.st_ino);
}

test("setup", async () => {
  await ok(root, "mkdir", "/tmp/rd", 0o755);
  await ok(root, "mkdir", "/tmp/rd/sub", 0o755);
  await ok(root, "close", await ok(root, "open", "/tmp/rd/file", O_CREAT | O_RDWR, 0o644));
  await ok(root, "symlink", "file", "/tmp/rd/link");
  await ok(root, "mknod", "/tmp/rd/chr", S_IFCHR | 0o600, 0x103);
  await ok(root, "mknod", "/tmp/rd/fifo", S_IFIFO | 0o600, 0);
});

test("getdents64 lists . and .. first, then the entries with their types and inode numbers", async () => {
  const fd = await ok(root, "open", "/tmp/rd", O_RDONLY | O_DIRECTORY, 0);
  const b = root.buf(4096);
  const n = await root.sys("getdents64", fd, b, 4096);
  assert.ok(n > 0);
  const ents = parse64(root, b, n);
  assert.deepEqual(ents.slice(0, 2).map((e) => e.name), [".", ".."]);
  assert.equal(ents[0].ino, await inoOf(root, "/tmp/rd"));
  assert.equal(ents[1].ino, await inoOf(root, "/tmp"));
  const byName = new Map(ents.map((e) => [e.name, e]));
  assert.deepEqual([...byName.keys()].sort(), [".", "..", "chr", "fifo", "file", "link", "sub"]);
  assert.deepEqual(["sub", "file", "link", "chr", "fifo"].map((x) => byName.get(x)!.type), [4, 8, 10, 2, 1]);
  assert.equal(byName.get("file")!.ino, await inoOf(root, "/tmp/rd/file"));
  for (const e of ents) {
    assert.equal(e.reclen % 8, 0);
    assert.ok(e.reclen >= 19 + e.name.length + 1);
  }
  assert.deepEqual(ents.map((e) => e.off), ents.map((_, i) => i + 1));
  assert.equal(await root.sys("getdents64", fd, b, 4096), 0, "end of directory");
  // Rewinding lists it again, seeing new entries.
  await ok(root, "mkdir", "/tmp/rd/new", 0o755);
  assert.equal(await root.sys("lseek", fd, 0, 0), 0);
  assert.equal(parse64(root, b, await root.sys("getdents64", fd, b, 4096)).length, 8);
});

test("small buffers continue where the last call stopped; too small for one entry is EINVAL", async () => {
  const fd = await ok(root, "open", "/tmp/rd", O_RDONLY | O_DIRECTORY, 0);
  const b = root.buf(64);
  assert.equal(await root.sys("getdents64", fd, b, 10), -E.EINVAL);
  const names: string[] = [];
  for (;;) {
    const n = await root.sys("getdents64", fd, b, 32);
    assert.ok(n >= 0);
    if (n === 0) break;
    const ents = parse64(root, b, n);
    assert.equal(ents.length, 1);
    names.push(ents[0].name);
  }
  assert.deepEqual(names.slice(0, 2), [".", ".."]);
  assert.equal(names.length, 8);
  assert.equal(new Set(names).size, 8);
});

test("getdents (the old record) puts d_type in the last byte", async () => {
  const fd = await ok(root, "open", "/tmp/rd/sub", O_RDONLY | O_DIRECTORY, 0);
  const b = root.buf(256);
  const n = await root.sys("getdents", fd, b, 256);
  assert.equal(n, 48);
  const r1 = root.bytes(b + 16, 2)[0];
  assert.equal(r1, 24);
  assert.equal(root.text(b + 18, 1), ".");
  assert.equal(root.bytes(b + r1 - 1, 1)[0], 4);
  assert.equal(root.text(b + r1 + 18, 2), "..");
});

test("errno of getdents64", async () => {
  const file = await ok(root, "open", "/tmp/rd/file", O_RDONLY, 0);
  const pathfd = await ok(root, "open", "/tmp/rd", O_PATH, 0);
  const dir = await ok(root, "open", "/tmp/rd", O_RDONLY, 0);
  await ok(root, "mkdir", "/tmp/rd/doomed", 0o755);
  const doomed = await ok(root, "open", "/tmp/rd/doomed", O_RDONLY, 0);
  await ok(root, "rmdir", "/tmp/rd/doomed");
  const b = root.buf(256);
  const rows: [string, number[], number][] = [
    ["not a directory", [file, b, 256], -E.ENOTDIR],
    ["bad fd", [99, b, 256], -E.EBADF],
    ["O_PATH fd", [pathfd, b, 256], -E.EBADF],
    ["bad buffer", [dir, 0, 256], -E.EFAULT],
    ["removed directory", [doomed, b, 256], -E.ENOENT],
  ];
  for (const [desc, args, want] of rows) assert.equal(await root.sys("getdents64", ...args), want, desc);
});
