// The console through the library: a program on it reads what is typed, the line discipline
// echoes and edits, ^C interrupts the foreground job, and host directories can be mounted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot } from "../index.js";

/** Wait until the console's output so far satisfies cond (or fail after a deadline). */
async function until(get: () => string, cond: (s: string) => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond(get())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; console: ${JSON.stringify(get())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("a program on the console reads edited lines; Ctrl-D ends its input", async () => {
  const m = await boot({ cmdline: "loglevel=1" });
  try {
    let out = "";
    m.onConsoleOutput((d) => { out += Buffer.from(d).toString(); });
    const s = m.openConsole({ argv: ["/bin/cat"] });
    assert.ok((await s.pid) > 1);
    m.consoleInput("hello\r");
    await until(() => out, (o) => o === "hello\r\nhello\r\n", "cat's copy of the line");
    m.consoleInput("abx\x7fc\x15xyz\r");
    await until(() => out, (o) => o.endsWith("xyz\r\nxyz\r\n"), "the edited line");
    assert.equal(out, "hello\r\nhello\r\nabx\b \bc\b \b\b \b\b \bxyz\r\nxyz\r\n");
    m.consoleInput("\x04");
    assert.equal(await s.done, 0);
  } finally {
    await m.shutdown();
  }
});

test("Ctrl-C on the console interrupts the foreground program", async () => {
  const m = await boot({ cmdline: "loglevel=1" });
  try {
    let out = "";
    m.onConsoleOutput((d) => { out += Buffer.from(d).toString(); });
    const s = m.openConsole({ argv: ["/bin/sleep", "100"] });
    await s.pid;
    m.consoleInput("\x03");
    assert.equal(await s.done, 130);
    assert.equal(out, "^C");
  } finally {
    await m.shutdown();
  }
});

test("kernel messages below the console log level reach the console", async () => {
  const m = await boot({ cmdline: "loglevel=8" });
  try {
    let out = "";
    m.onConsoleOutput((d) => { out += Buffer.from(d).toString(); });
    await until(() => out, (o) => /\] Linux version 6\.6\.0-typix .*\r\n/.test(o), "the boot banner");
  } finally {
    await m.shutdown();
  }
  const quiet = await boot({ cmdline: "loglevel=1" });
  try {
    let out = "";
    quiet.onConsoleOutput((d) => { out += Buffer.from(d).toString(); });
    await new Promise((r) => setTimeout(r, 50));
    assert.doesNotMatch(out, /Linux version/);
  } finally {
    await quiet.shutdown();
  }
});

test("a host directory mounted with hostfs: files read and written through, read-only mounts refuse writes", async () => {
  const dir = mkdtempSync(join(tmpdir(), "typix-hostfs-"));
  writeFileSync(join(dir, "hello.txt"), "from the host\n");
  const m = await boot({ mounts: [{ host: dir, guest: "/mnt/host" }, { host: dir, guest: "/mnt/ro", readonly: true }] });
  try {
    assert.equal(await m.readTextFile("/mnt/host/hello.txt"), "from the host\n");
    assert.equal((await m.spawn(["/bin/cat", "/mnt/host/hello.txt"])).stdout, "from the host\n");
    await m.writeFile("/mnt/host/new.txt", "from the guest\n");
    assert.equal(readFileSync(join(dir, "new.txt"), "utf8"), "from the guest\n");
    await assert.rejects(m.writeFile("/mnt/ro/other.txt", "x"), /Read-only file system/);
    assert.ok(!existsSync(join(dir, "other.txt")));
    await assert.rejects(m.readTextFile("/mnt/host/missing"), /No such file or directory/);
    // Changes on the host are seen at once.
    writeFileSync(join(dir, "later.txt"), "later\n");
    assert.equal(await m.readTextFile("/mnt/host/later.txt"), "later\n");
  } finally {
    await m.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a mount of a missing host directory fails the boot with the reason", async () => {
  await assert.rejects(boot({ mounts: [{ host: "/nonexistent/typix", guest: "/mnt/x" }] }),
    /cannot mount \/nonexistent\/typix:\/mnt\/x: No such file or directory/);
});
