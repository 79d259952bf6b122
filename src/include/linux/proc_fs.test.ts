// /proc entries written in Linux's driver style (proc_ops, seq_file, single_open), read and
// seeked through the system calls of the in-thread kernel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../../tests/ktest.js";
import { proc_create, proc_create_data, proc_create_single, proc_mkdir, proc_remove, remove_proc_entry, pde_data,
  proc_set_size, proc_set_user, type proc_ops } from "./proc_fs.js";
import { seq_open, seq_read, seq_lseek, seq_release, single_open, single_release, seq_printf, seq_puts, seq_putc,
  seq_write, SEQ_START_TOKEN, type seq_operations, type seq_file } from "./seq_file.js";
import { simple_read_from_buffer } from "./uaccess.js";
import { slabUsage } from "./slab.js";
import { mutex_init, mutex_lock, mutex_unlock, mutex_is_locked } from "./mutex.js";
import { findSymbol } from "../../kernel/module/ksyms.js";
import { EIO, ENOENT, EINVAL, ENOTTY } from "../uapi/errno.js";
import { O_RDONLY, O_WRONLY } from "../uapi/fcntl.js";
import { STAT } from "../uapi/stat.js";

const k = ktest();

async function readChunks(t: KTask, fd: number, chunk: number): Promise<string> {
  const b = t.buf(chunk);
  let s = "";
  for (let i = 0; i < 10000; i++) {
    const n = await t.sys("read", fd, b, chunk);
    assert.ok(n >= 0, `read = ${n}`);
    if (n === 0) return s;
    assert.ok(n <= chunk);
    s += t.text(b, n);
  }
  throw new Error("read never reached the end");
}

async function readFile(t: KTask, path: string, chunk = 4096): Promise<string> {
  const fd = await t.ok("open", path, O_RDONLY);
  try { return await readChunks(t, fd, chunk); } finally { await t.sys("close", fd); }
}

test("/proc/hwkm: proc_read with simple_read_from_buffer, read in small chunks", async () => {
  const t = k.task();
  const msg = "Hello World From Kernel Module!\n";
  const ops: proc_ops = {
    proc_read: (_f, ubuf, count, ppos) => simple_read_from_buffer(ubuf, count, ppos, msg, msg.length),
  };
  const de = proc_create("hwkm", 0o444, null, ops);
  assert.ok(de);
  try {
    for (const chunk of [1, 3, 5, 64]) assert.equal(await readFile(t, "/proc/hwkm", chunk), msg);
    // The mode and the stat size; proc_set_user changes the owner.
    const st = t.buf(144);
    assert.equal(await t.call("stat", "/proc/hwkm", st), 0);
    assert.equal(t.u32(st + STAT.st_mode) & 0o170777, 0o100444);
    proc_set_size(de, msg.length);
    proc_set_user(de, 1000, 100);
    assert.equal(await t.call("stat", "/proc/hwkm", st), 0);
    assert.equal(t.u32(st + STAT.st_uid), 1000);
    assert.equal(t.u32(st + STAT.st_gid), 100);
    assert.equal(t.i64(st + STAT.st_size), msg.length);
    // No proc_write: -EIO (for root; the mode bars everybody else already). No proc_ioctl: ENOTTY.
    const fd = await t.ok("open", "/proc/hwkm", O_WRONLY);
    assert.equal(await t.call("write", fd, "x", 1), -EIO);
    assert.equal(await t.sys("ioctl", fd, 0x5401, 0), -ENOTTY);
    await t.sys("close", fd);
    // A second entry of the same name is refused.
    assert.equal(proc_create("hwkm", 0o444, null, ops), null);
  } finally {
    proc_remove(de);
  }
  assert.equal(await t.call("open", "/proc/hwkm", O_RDONLY), -ENOENT);
  assert.equal(findSymbol("proc_create")?.header, "linux/proc_fs");
  assert.equal(findSymbol("seq_printf")?.header, "linux/seq_file");
});

test("single_open + seq_printf, and proc_create_single with pde_data", async () => {
  const t = k.task();
  const heap = slabUsage().bytes;
  const state = { hits: 0 };
  const show = (m: seq_file) => {
    const s = m.private as typeof state;
    s.hits++;
    seq_printf(m, "hits: %d\n", s.hits);
    seq_printf(m, "%-6s|%5x|%s\n", "name", 255, "end");
    seq_puts(m, "tail");
    seq_putc(m, "\n");
    seq_write(m, new Uint8Array([0x41, 0x42, 0x0a]));
    return 0;
  };
  const de = proc_create_data("typix_single", 0o444, null, {
    proc_open: (inode, file) => single_open(file, show, pde_data(inode)),
    proc_read: seq_read,
    proc_lseek: seq_lseek,
    proc_release: single_release,
  }, state);
  assert.ok(de);
  const once = (n: number) => `hits: ${n}\nname  |   ff|end\ntail\nAB\n`;
  assert.equal(await readFile(t, "/proc/typix_single", 2), once(1));
  assert.equal(await readFile(t, "/proc/typix_single"), once(2));
  // lseek back to 0 prints afresh; a seek into the middle continues from there.
  const fd = await t.ok("open", "/proc/typix_single", O_RDONLY);
  const b = t.buf(64);
  assert.equal(await t.sys("read", fd, b, 64), once(3).length);
  assert.equal(await t.sys("lseek", fd, 6, 0), 6);
  assert.equal(await readChunks(t, fd, 4), once(4).slice(6));
  assert.equal(await t.sys("lseek", fd, 0, 2), -EINVAL); // SEEK_END: seq_lseek refuses
  assert.equal(await t.sys("lseek", fd, -1, 0), -EINVAL);
  await t.sys("close", fd);
  assert.equal(slabUsage().bytes, heap); // the seq buffer went with single_release
  proc_remove(de);

  const dir = proc_mkdir("typix_dir", null);
  const one = proc_create_single("one", 0, dir, (m) => { seq_printf(m, "%s=%u\n", "answer", 42); return 0; });
  assert.ok(one);
  assert.equal(await readFile(t, "/proc/typix_dir/one", 3), "answer=42\n");
  const st = t.buf(144);
  assert.equal(await t.call("stat", "/proc/typix_dir/one", st), 0);
  assert.equal(t.u32(st + STAT.st_mode) & 0o777, 0o444); // mode 0 means r--r--r--
  proc_remove(dir);
  assert.equal(await t.call("stat", "/proc/typix_dir", st), -ENOENT);
});

/** A seq_operations file over an array: a header line, then one line per record. */
function recordsOps(records: string[], log: string[]): seq_operations {
  return {
    start(_m, pos) {
      log.push(`start ${pos.value}`);
      if (pos.value === 0) return SEQ_START_TOKEN;
      return pos.value <= records.length ? { i: pos.value - 1 } : null;
    },
    next(_m, _v, pos) {
      pos.value++;
      return pos.value <= records.length ? { i: pos.value - 1 } : null;
    },
    stop() { log.push("stop"); },
    show(m, v) {
      if (v === SEQ_START_TOKEN) seq_puts(m, "idx name\n");
      else { const i = (v as { i: number }).i; seq_printf(m, "%3d %s\n", i, records[i]); }
      return 0;
    },
  };
}

/** What recordsOps' file reads as: a header, then one numbered line per record. */
const recordsText = (records: string[]) => "idx name\n" + records.map((r, i) => `${String(i).padStart(3)} ${r}\n`).join("");

/** A /proc entry whose file is the seq_file of ops. */
const seqEntry = (name: string, ops: seq_operations) => proc_create(name, 0o444, null, {
  proc_open: (_i, file) => seq_open(file, ops),
  proc_read: seq_read,
  proc_lseek: seq_lseek,
  proc_release: seq_release,
});

test("seq_operations: several records read with small buffers, lseek and pread anywhere", async () => {
  const t = k.task();
  const records = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"];
  const log: string[] = [];
  const ops = recordsOps(records, log);
  const expect = recordsText(records);
  const de = seqEntry("typix_seq", ops);
  assert.ok(de);
  try {
    for (const chunk of [1, 4, 7, 13, 4096]) assert.equal(await readFile(t, "/proc/typix_seq", chunk), expect, `chunk ${chunk}`);
    // Every start has its stop.
    assert.equal(log.filter((x) => x === "stop").length, log.filter((x) => x.startsWith("start")).length);
    const fd = await t.ok("open", "/proc/typix_seq", O_RDONLY);
    const b = t.buf(64);
    for (const off of [0, 5, 9, 10, 23, expect.length - 1, 17, 3]) {
      assert.equal(await t.sys("lseek", fd, off, 0), off);
      assert.equal(await t.sys("read", fd, b, 6), Math.min(6, expect.length - off));
      assert.equal(t.text(b, Math.min(6, expect.length - off)), expect.slice(off, off + 6), `at ${off}`);
    }
    // SEEK_CUR from where the last read stopped.
    assert.equal(await t.sys("lseek", fd, 10, 0), 10);
    assert.equal(await t.sys("read", fd, b, 4), 4);
    assert.equal(await t.sys("lseek", fd, 3, 1), 17);
    assert.equal(await readChunks(t, fd, 5), expect.slice(17));
    // Past the end: the seek succeeds, the read finds nothing.
    assert.equal(await t.sys("lseek", fd, expect.length + 100, 0), expect.length + 100);
    assert.equal(await t.sys("read", fd, b, 8), 0);
    // pread at an offset, leaving the file offset alone.
    assert.equal(await t.sys("pread64", fd, b, 8, 14), 8);
    assert.equal(t.text(b, 8), expect.slice(14, 22));
    await t.sys("close", fd);
    // A record longer than a page: the buffer grows and the record comes out whole.
    records.push("z".repeat(5000));
    const big = await readFile(t, "/proc/typix_seq", 1000);
    assert.equal(big, expect + `  7 ${"z".repeat(5000)}\n`);
  } finally {
    remove_proc_entry("typix_seq", null);
  }
});

test("proc_mkdir + remove_proc_entry: the entry is gone (ENOENT); open files get -EIO and proc_release ran", async () => {
  const t = k.task();
  const released: string[] = [];
  const msg = "in a directory\n";
  const dir = proc_mkdir("typix_drv", null);
  assert.ok(dir);
  const de = proc_create("status", 0o444, dir, {
    proc_read: (_f, ubuf, count, ppos) => simple_read_from_buffer(ubuf, count, ppos, msg),
    proc_release: () => { released.push("status"); return 0; },
  });
  assert.ok(de);
  assert.equal(await readFile(t, "/proc/typix_drv/status", 4), msg);
  assert.deepEqual(released, ["status"]);
  const fd = await t.ok("open", "/proc/typix_drv/status", O_RDONLY);
  const b = t.buf(16);
  assert.equal(await t.sys("read", fd, b, 3), 3);
  remove_proc_entry("status", dir);
  assert.deepEqual(released, ["status", "status"]); // released at removal, not at close
  assert.equal(await t.sys("read", fd, b, 3), -EIO);
  await t.sys("close", fd);
  assert.equal(released.length, 2);
  assert.equal(await t.call("open", "/proc/typix_drv/status", O_RDONLY), -ENOENT);
  // The directory is still there, and empty; then it goes too.
  const st = t.buf(144);
  assert.equal(await t.call("stat", "/proc/typix_drv", st), 0);
  remove_proc_entry("typix_drv", null);
  assert.equal(await t.call("stat", "/proc/typix_drv", st), -ENOENT);
  // Removing what is not there only warns.
  remove_proc_entry("typix_drv", null);
  // The name is free again.
  const again = proc_mkdir("typix_drv", null);
  assert.ok(again);
  proc_remove(again);
});

test("seq_operations whose start sleeps on a mutex: reads wait, lseek's walk finishes before the next read", async () => {
  const t = k.task();
  const lock = mutex_init();
  const records = ["one", "two", "three", "four"];
  const base = recordsOps(records, []);
  const ops: seq_operations = {
    ...base,
    async start(m, pos) { await mutex_lock(lock); return base.start(m, pos); },
    stop(m, v) { base.stop(m, v); mutex_unlock(lock); },
  };
  const expect = recordsText(records);
  const de = seqEntry("typix_sleepy", ops);
  assert.ok(de);
  try {
    assert.equal(await readFile(t, "/proc/typix_sleepy", 5), expect);
    const fd = await t.ok("open", "/proc/typix_sleepy", O_RDONLY);
    const b = t.buf(16);
    assert.equal(await t.sys("lseek", fd, 15, 0), 15);
    assert.equal(await t.sys("lseek", fd, 20, 0), 20); // while the first walk may still be under way
    assert.equal(await t.sys("read", fd, b, 8), 8);
    assert.equal(t.text(b, 8), expect.slice(20, 28));
    await t.sys("close", fd);
    assert.equal(mutex_is_locked(lock), false);
  } finally {
    proc_remove(de);
  }
});
