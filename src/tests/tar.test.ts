// tar against GNU tar on the host: an archive made in Typix lists and extracts the same with the
// host's tar, one made by the host's tar lists and extracts the same in Typix (long names, hard
// and symbolic links, times and modes), and the errors read as GNU tar's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, type Machine } from "../index.js";

let m: Machine;
const host = mkdtempSync(join(tmpdir(), "typix-tar-"));
before(async () => { m = await boot(); });
after(async () => { await m.shutdown(); rmSync(host, { recursive: true, force: true }); });

const sh = (cmd: string) => spawnSync("/bin/sh", ["-c", cmd], { cwd: host, encoding: "utf8", env: { PATH: "/usr/bin:/bin", LC_ALL: "C", TZ: "UTC" } });
const LONG = "a-directory-name-long-enough/".repeat(3) + "and-a-file-name-past-the-hundred-bytes-of-the-header.txt";
const TREE = `mkdir -p d/sub "d/$(dirname ${LONG})" && echo hello > d/f && ln -s f d/l && ln d/f d/hard &&
  printf '%01000d' 0 > d/sub/big && chmod 751 d/sub && chmod 600 d/f && echo long > "d/${LONG}" &&
  touch -d '2024-01-02 03:04:05' d/sub/big`;
/** A listing in a fixed order (the two sides read directories in different orders). */
const sorted = (s: string) => s.split("\n").filter(Boolean).sort().join("\n");

test("an archive made in Typix: the host's tar lists it as Typix does and extracts the same files", async () => {
  const r = await m.run(`mkdir -p /tmp/t1 && cd /tmp/t1 && ${TREE} && tar cvf /tmp/t1.tar d > made.txt && tar tvf /tmp/t1.tar && cat made.txt`, { cwd: "/" });
  assert.equal(r.status, 0, r.stderr);
  writeFileSync(join(host, "t1.tar"), await m.readFile("/tmp/t1.tar"));
  const listed = sh("tar tvf t1.tar");
  assert.equal(listed.status, 0, listed.stderr);
  const lines = r.stdout.split("\n");
  const n = lines.length / 2;
  assert.equal(sorted(lines.slice(0, Math.floor(n)).join("\n")), sorted(listed.stdout));
  assert.match(listed.stdout, /^-rw------- user\/user +6 \d{4}-.* d\/f$/m);
  assert.match(listed.stdout, new RegExp(`d/${LONG.replace(/\./g, "\\.")}$`, "m"));
  assert.match(listed.stdout, /^-rw-r--r-- user\/user +1000 2024-01-02 03:04 d\/sub\/big$/m);
  const x = sh("mkdir x && tar xf t1.tar -C x && cat x/d/f x/d/hard && stat -c %N x/d/l && stat -c '%a %s %Y' x/d/sub x/d/sub/big x/d/f && stat -c %h x/d/f");
  assert.equal(x.stdout, "hello\nhello\n'x/d/l' -> 'f'\n751 4096 " + x.stdout.split("\n")[3].split(" ")[2] + "\n644 1000 1704164645\n600 6 " + x.stdout.split("\n")[5].split(" ")[2] + "\n2\n");
});

test("an archive made by the host's tar: Typix lists it as GNU tar does and extracts it", async () => {
  const made = sh(`rm -rf d && ${TREE} && tar cf t2.tar d && tar tvf t2.tar && tar tf t2.tar d/sub`);
  assert.equal(made.status, 0, made.stderr);
  await m.writeFile("/tmp/t2.tar", readFileSync(join(host, "t2.tar")));
  const r = await m.run("tar tvf /tmp/t2.tar && tar tf /tmp/t2.tar d/sub");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, made.stdout);
  const x = await m.run("mkdir -p /tmp/x2 && tar -x -v -f /tmp/t2.tar -C /tmp/x2 > /tmp/x2.log && cd /tmp/x2 && cat d/f d/hard && stat -c %N d/l && stat -c '%a %s %Y %h' d/sub/big d/f && wc -l < /tmp/x2.log && cat \"d/" + LONG + "\"");
  assert.equal(x.status, 0, x.stderr);
  assert.equal(x.stdout, "hello\nhello\n'd/l' -> 'f'\n644 1000 1704164645 1\n600 6 " + x.stdout.split("\n")[4].split(" ")[2] + " 2\n10\nlong\n");
});

test("a pipe: tar cf - | tar xf - in another directory; -v names go to stderr when the archive is on stdout", async () => {
  const r = await m.run("mkdir -p /tmp/p/src /tmp/p/dst && cd /tmp/p/src && echo x > a && tar cvf - a 2>/tmp/p/names | (cd /tmp/p/dst && tar xf -) && cat /tmp/p/dst/a /tmp/p/names");
  assert.deepEqual([r.stdout, r.stderr, r.status], ["x\na\n", "", 0]);
});

test("errors as GNU tar prints them, with its statuses", async () => {
  sh("echo not an archive > bad.tar; : > empty.tar");
  await m.writeFile("/tmp/bad.tar", "not an archive\n");
  await m.writeFile("/tmp/empty.tar", "");
  for (const cmd of ["tar", "tar cf x.tar", "tar tf nonexistent.tar", "tar xf nonexistent.tar", "tar tf t2.tar nope", "tar ct", "tar tf empty.tar", "tar tf bad.tar"]) {
    const h = sh(cmd);
    const g = await m.run(`cd /tmp && ${cmd.replace("t2.tar nope", "/tmp/t2.tar nope")}`);
    assert.deepEqual([g.stdout, g.stderr.replace("/tmp/t2.tar", "t2.tar"), g.status], [h.stdout, h.stderr, h.status], cmd);
  }
});
