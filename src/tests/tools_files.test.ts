// End-to-end tests of truncate, strings, xxd and file: the same input on the host's GNU
// coreutils, binutils, xxd and file gives the expected output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, symlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot } from "../index.js";

type M = Awaited<ReturnType<typeof boot>>;
async function withMachine(fn: (m: M) => Promise<void>): Promise<void> {
  const m = await boot();
  try { await fn(m); } finally { await m.shutdown(); }
}

const FILES: Record<string, Uint8Array> = {
  "x.txt": Buffer.from("hello world, this is xxd\nline two\n"),
  "n.txt": Buffer.from("abc"),
  "e": Buffer.alloc(0),
  "s.sh": Buffer.from("#!/bin/sh\necho hi\n"),
  "w.wasm": Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0]),
  "d.bin": Buffer.from([1, 2, 0xff, 0xfe, 0x41, 0x42, 0x43, 0x44, 0x45, 0, 0x66, 0x6f, 0x6f, 0, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67]),
  "u.txt": Buffer.from("h\u00e9llo\n"),
};

/** The same files on the host and in the guest's /tmp/t; returns the host directory. */
async function setup(m: M): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "typix-tools-"));
  for (const [n, b] of Object.entries(FILES)) {
    writeFileSync(join(dir, n), b);
    await m.writeFile(`/tmp/t/${n}`, b, { mkdir: true, uid: "user" } as any);
  }
  symlinkSync("x.txt", join(dir, "l"));
  await m.run("cd /tmp/t && ln -s x.txt l");
  return dir;
}
const host = (dir: string, cmd: string) => spawnSync("/bin/sh", ["-c", cmd], { cwd: dir, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });

test("strings, xxd and file print what the host's tools print for the same files", () => withMachine(async (m) => {
  const dir = await setup(m);
  try {
    for (const cmd of ["strings d.bin", "strings -n 3 d.bin", "strings -3 d.bin x.txt", "xxd x.txt", "xxd -l 5 x.txt",
      "xxd -s 3 x.txt", "xxd -c 5 x.txt", "xxd -p x.txt", "xxd d.bin", "xxd -p x.txt | xxd -r -p", "xxd x.txt | xxd -r",
      "xxd -g 1 -c 8 d.bin", "file x.txt n.txt e s.sh w.wasm d.bin u.txt l", "file -b x.txt", "file -L l", "file /dev/null",
      "file nonexistent"]) {
      const g = await m.run(`cd /tmp/t && ${cmd}`);
      const h = host(dir, cmd);
      assert.equal(g.stdout, h.stdout, cmd);
      assert.equal(g.status, h.status, cmd);
    }
    const d = await m.run("file /tmp/t");
    assert.equal(d.stdout, "/tmp/t: directory\n");
  } finally { rmSync(dir, { recursive: true }); }
}));

test("truncate -s with suffixes and +/-, -c, and GNU's messages", () => withMachine(async (m) => {
  const dir = await setup(m);
  try {
    const cmds = ["truncate -s 1K a; stat -c %s a", "truncate -s 2M a; stat -c %s a", "truncate -s 1G a; stat -c %s a; truncate -s 0 a",
      "truncate -s 10 x.txt; cat x.txt; echo", "truncate -s +5 n.txt; stat -c %s n.txt", "truncate -s -2 n.txt; stat -c %s n.txt",
      "truncate -s 3KB b; stat -c %s b", "truncate -c -s 5 nofile; echo $?; ls nofile",
      "truncate -s 5", "truncate a", "truncate -s abc a", "truncate -s 1 no/such/f", "truncate -s %7 n.txt; stat -c %s n.txt",
      "truncate -s /2 n.txt; stat -c %s n.txt"];
    for (const cmd of cmds) {
      const g = await m.run(`cd /tmp/t && ${cmd}`);
      const h = host(dir, cmd);
      assert.equal(g.stdout, h.stdout, cmd);
      assert.equal(g.stderr.replace(/^ls: /m, "ls: "), h.stderr, cmd);
      assert.equal(g.status, h.status, cmd);
    }
  } finally { rmSync(dir, { recursive: true }); }
}));
