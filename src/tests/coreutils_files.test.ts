// End-to-end tests of the file tools (ls, mkdir, rmdir, rm, cp, mv, ln, touch, chmod, chown,
// stat): their output and messages are GNU coreutils' for the same operations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

type M = Awaited<ReturnType<typeof boot>>;

async function withMachine(fn: (m: M) => Promise<void>): Promise<void> {
  const m = await boot();
  try { await fn(m); } finally { await m.shutdown(); }
}

const root = { user: "root" as const };

const IN_BIN = new Set(["ls", "cp", "mv", "rm", "ln", "mkdir", "rmdir", "chmod", "chown", "touch", "cat"]);

/** Run argv with a bare argv[0] from the tool's directory, so that messages say "tool:" as GNU's do. */
function x(m: M, argv: string[], opts: { user?: "root" | "user" } = {}) {
  return m.spawn(argv, { ...opts, cwd: IN_BIN.has(argv[0]) ? "/bin" : "/usr/bin" });
}

test("ls -l prints GNU's long format with aligned columns and old dates with the year", () => withMachine(async (m) => {
  await x(m, ["/bin/mkdir", "/tmp/d"], root);
  await m.writeFile("/tmp/d/small", "hi\n");
  await m.writeFile("/tmp/d/big", "x".repeat(12345));
  await x(m, ["/bin/ln", "-s", "small", "/tmp/d/link"], root);
  await x(m, ["/bin/mkdir", "/tmp/d/sub"], root);
  await x(m, ["/bin/chmod", "4755", "/tmp/d/big"], root);
  await x(m, ["/bin/chown", "user:users", "/tmp/d/small"], root);
  for (const f of ["big", "small", "link", "sub"]) await x(m, ["/bin/touch", "-h", "-d", "2020-01-02 03:04:05", `/tmp/d/${f}`], root);
  const r = await x(m, ["/bin/ls", "-l", "/tmp/d"], root);
  assert.equal(r.stderr, "");
  const lines = r.stdout.split("\n");
  assert.match(lines[0], /^total \d+$/);
  assert.deepEqual(lines.slice(1), [
    "-rwsr-xr-x 1 root root  12345 Jan  2  2020 big",
    "lrwxrwxrwx 1 root root      5 Jan  2  2020 link -> small",
    "-rw-r--r-- 1 user users     3 Jan  2  2020 small",
    "drwxr-xr-x 2 root root   4096 Jan  2  2020 sub",
    "",
  ]);
  assert.equal(r.status, 0);
}));

test("ls: one name per line into a pipe, -a/-A, -d, -F, -r, -S, -R", () => withMachine(async (m) => {
  await x(m, ["/bin/mkdir", "-p", "/tmp/e/dir"], root);
  await m.writeFile("/tmp/e/b", "12345");
  await m.writeFile("/tmp/e/a", "1");
  await m.writeFile("/tmp/e/.hidden", "");
  assert.equal((await x(m, ["/bin/ls", "/tmp/e"])).stdout, "a\nb\ndir\n");
  assert.equal((await x(m, ["/bin/ls", "-A", "/tmp/e"])).stdout, ".hidden\na\nb\ndir\n");
  assert.equal((await x(m, ["/bin/ls", "-a", "/tmp/e"])).stdout, ".\n..\n.hidden\na\nb\ndir\n");
  assert.equal((await x(m, ["/bin/ls", "-r", "/tmp/e"])).stdout, "dir\nb\na\n");
  assert.equal((await x(m, ["/bin/ls", "-F", "/tmp/e"])).stdout, "a\nb\ndir/\n");
  assert.equal((await x(m, ["/bin/ls", "-d", "/tmp/e"])).stdout, "/tmp/e\n");
  assert.equal((await x(m, ["/bin/ls", "-S1", "/tmp/e/a", "/tmp/e/b"])).stdout, "/tmp/e/b\n/tmp/e/a\n");
  assert.equal((await x(m, ["/bin/ls", "-R", "/tmp/e"])).stdout, "/tmp/e:\na\nb\ndir\n\n/tmp/e/dir:\n");
  assert.equal((await x(m, ["/bin/ls", "/tmp/e/a", "/tmp/e/dir"])).stdout, "/tmp/e/a\n\n/tmp/e/dir:\n");
}));

test("ls: errors and usage", () => withMachine(async (m) => {
  const r = await x(m, ["ls", "/nonexistent"]);
  assert.equal(r.stderr, "ls: cannot access '/nonexistent': No such file or directory\n");
  assert.equal(r.status, 2);
  const z = await x(m, ["ls", "-z"]);
  assert.equal(z.stderr, "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n");
  assert.equal(z.status, 2);
  const l = await x(m, ["ls", "--bogus"]);
  assert.equal(l.stderr, "ls: unrecognized option '--bogus'\nTry 'ls --help' for more information.\n");
  const h = await x(m, ["ls", "--help"]);
  assert.match(h.stdout, /^Usage: ls \[OPTION\]\.\.\. \[FILE\]\.\.\./);
  assert.equal(h.status, 0);
}));

test("mkdir -p -v, -m, and its errors; rmdir -p", () => withMachine(async (m) => {
  const r = await x(m, ["mkdir", "-pv", "/tmp/x/y"], root);
  assert.equal(r.stdout, "mkdir: created directory '/tmp/x'\nmkdir: created directory '/tmp/x/y'\n");
  const again = await x(m, ["mkdir", "/tmp/x"], root);
  assert.equal(again.stderr, "mkdir: cannot create directory '/tmp/x': File exists\n");
  assert.equal(again.status, 1);
  assert.equal((await x(m, ["mkdir", "-p", "/tmp/x/y"], root)).status, 0);
  await x(m, ["mkdir", "-m", "700", "/tmp/x/m"], root);
  assert.equal((await x(m, ["stat", "-c", "%a %A", "/tmp/x/m"])).stdout, "700 drwx------\n");
  assert.equal((await x(m, ["mkdir"])).stderr, "mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
  await x(m, ["rmdir", "/tmp/x/m"], root);
  await m.writeFile("/tmp/keep", "");
  const rd = await x(m, ["rmdir", "-p", "/tmp/x/y"], root);
  assert.equal(rd.stderr, "rmdir: failed to remove directory '/tmp': Directory not empty\n");
  assert.equal(rd.status, 1);
  assert.equal((await x(m, ["ls", "/tmp/x"])).status, 2);
  const ne = await x(m, ["rmdir", "/tmp"], root);
  assert.match(ne.stderr, /^rmdir: failed to remove '\/tmp': /);
}));

test("rm: messages for missing files and directories, -r, -f, -v and the / failsafe", () => withMachine(async (m) => {
  const r = await x(m, ["rm", "/tmp/nothing"]);
  assert.equal(r.stderr, "rm: cannot remove '/tmp/nothing': No such file or directory\n");
  assert.equal(r.status, 1);
  assert.equal((await x(m, ["rm", "-f", "/tmp/nothing"])).status, 0);
  await x(m, ["mkdir", "-p", "/tmp/r/s"], root);
  await m.writeFile("/tmp/r/s/f", "x");
  const d = await x(m, ["rm", "/tmp/r"], root);
  assert.equal(d.stderr, "rm: cannot remove '/tmp/r': Is a directory\n");
  const v = await x(m, ["rm", "-rv", "/tmp/r"], root);
  assert.equal(v.stdout, "removed '/tmp/r/s/f'\nremoved directory '/tmp/r/s'\nremoved directory '/tmp/r'\n");
  const slash = await x(m, ["rm", "-rf", "/"], root);
  assert.equal(slash.stderr, "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
  assert.equal(slash.status, 1);
  assert.equal((await x(m, ["ls", "/etc/passwd"])).status, 0);
}));

test("cp: file to file, into a directory, -r, -p, -v and the omitting-directory message", () => withMachine(async (m) => {
  await m.writeFile("/tmp/src", "content\n");
  await x(m, ["mkdir", "/tmp/dst"], root);
  assert.equal((await x(m, ["cp", "-v", "/tmp/src", "/tmp/dst"], root)).stdout, "'/tmp/src' -> '/tmp/dst/src'\n");
  assert.equal(await m.readTextFile("/tmp/dst/src"), "content\n");
  const om = await x(m, ["cp", "/tmp/dst", "/tmp/dst2"], root);
  assert.equal(om.stderr, "cp: -r not specified; omitting directory '/tmp/dst'\n");
  assert.equal(om.status, 1);
  assert.equal((await x(m, ["cp", "-r", "/tmp/dst", "/tmp/dst2"], root)).status, 0);
  assert.equal(await m.readTextFile("/tmp/dst2/src"), "content\n");
  await x(m, ["chmod", "600", "/tmp/src"], root);
  await x(m, ["touch", "-d", "2001-02-03 04:05:06", "/tmp/src"], root);
  await x(m, ["cp", "-p", "/tmp/src", "/tmp/copy"], root);
  assert.equal((await x(m, ["stat", "-c", "%a %y", "/tmp/copy"])).stdout, "600 2001-02-03 04:05:06.000000000 +0000\n");
  const miss = await x(m, ["cp", "/tmp/nope", "/tmp/x"]);
  assert.equal(miss.stderr, "cp: cannot stat '/tmp/nope': No such file or directory\n");
  assert.equal((await x(m, ["cp", "/tmp/src"])).stderr, "cp: missing destination file operand after '/tmp/src'\nTry 'cp --help' for more information.\n");
  const many = await x(m, ["cp", "/tmp/src", "/tmp/copy", "/tmp/copy"], root);
  assert.equal(many.stderr, "cp: target '/tmp/copy' is not a directory\n");
}));

test("mv, ln -s, ln -f and ln -v", () => withMachine(async (m) => {
  await m.writeFile("/tmp/a", "A");
  assert.equal((await x(m, ["mv", "-v", "/tmp/a", "/tmp/b"], root)).stdout, "renamed '/tmp/a' -> '/tmp/b'\n");
  assert.equal(await m.readTextFile("/tmp/b"), "A");
  assert.equal((await x(m, ["mv", "/tmp/a", "/tmp/c"])).stderr, "mv: cannot stat '/tmp/a': No such file or directory\n");
  assert.equal((await x(m, ["ln", "-sv", "b", "/tmp/l"], root)).stdout, "'/tmp/l' -> 'b'\n");
  assert.equal(await m.readTextFile("/tmp/l"), "A");
  const ex = await x(m, ["ln", "-s", "x", "/tmp/l"], root);
  assert.equal(ex.stderr, "ln: failed to create symbolic link '/tmp/l': File exists\n");
  assert.equal((await x(m, ["ln", "-sf", "x", "/tmp/l"], root)).status, 0);
  assert.equal((await x(m, ["stat", "-c", "%N", "/tmp/l"])).stdout, "'/tmp/l' -> 'x'\n");
  assert.equal((await x(m, ["ln", "/tmp/b", "/tmp/hard"], root)).status, 0);
  assert.equal((await x(m, ["stat", "-c", "%h", "/tmp/b"])).stdout, "2\n");
}));

test("touch creates files and sets times; -c does not create", () => withMachine(async (m) => {
  await x(m, ["touch", "/tmp/new"], root);
  assert.equal((await x(m, ["stat", "-c", "%s %F", "/tmp/new"])).stdout, "0 regular empty file\n");
  await x(m, ["touch", "-c", "/tmp/none"], root);
  assert.equal((await x(m, ["ls", "/tmp/none"])).status, 2);
  await x(m, ["touch", "-d", "@86400", "/tmp/new"], root);
  assert.equal((await x(m, ["stat", "-c", "%Y %x", "/tmp/new"])).stdout, "86400 1970-01-02 00:00:00.000000000 +0000\n");
  const bad = await x(m, ["touch", "/nodir/x"]);
  assert.equal(bad.stderr, "touch: cannot touch '/nodir/x': No such file or directory\n");
}));

test("chmod: octal and symbolic modes, -R, and its errors", () => withMachine(async (m) => {
  await m.writeFile("/tmp/f", "");
  const mode = async () => (await x(m, ["stat", "-c", "%a", "/tmp/f"])).stdout.trim();
  await x(m, ["chmod", "u+x,go-r", "/tmp/f"], root);
  assert.equal(await mode(), "700");
  await x(m, ["chmod", "a=r", "/tmp/f"], root);
  assert.equal(await mode(), "444");
  await x(m, ["chmod", "-w", "/tmp/f"], root);
  assert.equal(await mode(), "444");
  await x(m, ["chmod", "1777", "/tmp/f"], root);
  assert.equal((await x(m, ["stat", "-c", "%A", "/tmp/f"])).stdout, "-rwxrwxrwt\n");
  await x(m, ["mkdir", "-p", "/tmp/t/u"], root);
  await x(m, ["chmod", "-R", "700", "/tmp/t"], root);
  assert.equal((await x(m, ["stat", "-c", "%a", "/tmp/t", "/tmp/t/u"], root)).stdout, "700\n700\n");
  assert.equal((await x(m, ["chmod", "q+x", "/tmp/f"])).stderr, "chmod: invalid mode: 'q+x'\nTry 'chmod --help' for more information.\n");
  assert.equal((await x(m, ["chmod", "755", "/tmp/zz"])).stderr, "chmod: cannot access '/tmp/zz': No such file or directory\n");
  const perm = await x(m, ["chmod", "777", "/etc/passwd"]);
  assert.equal(perm.stderr, "chmod: changing permissions of '/etc/passwd': Operation not permitted\n");
}));

test("chown: names, numbers, user: and :group", () => withMachine(async (m) => {
  await m.writeFile("/tmp/o", "");
  const ids = async () => (await x(m, ["stat", "-c", "%U:%G %u:%g", "/tmp/o"])).stdout.trim();
  await x(m, ["chown", "user", "/tmp/o"], root);
  assert.equal(await ids(), "user:root 1000:0");
  await x(m, ["chown", ":users", "/tmp/o"], root);
  assert.equal(await ids(), "user:users 1000:100");
  await x(m, ["chown", "daemon:", "/tmp/o"], root);
  assert.equal(await ids(), "daemon:daemon 1:1");
  await x(m, ["chown", "4242:4343", "/tmp/o"], root);
  assert.equal(await ids(), "4242:4343 4242:4343");
  assert.equal((await x(m, ["chown", "nobodyx", "/tmp/o"], root)).stderr, "chown: invalid user: 'nobodyx'\n");
  assert.equal((await x(m, ["chown", "user", "/etc/passwd"])).stderr, "chown: changing ownership of '/etc/passwd': Operation not permitted\n");
}));

test("stat's default format", () => withMachine(async (m) => {
  await m.writeFile("/tmp/s", "hello");
  await x(m, ["touch", "-d", "2024-05-06 07:08:09", "/tmp/s"], root);
  const r = await x(m, ["stat", "/tmp/s"]);
  const ino = (await x(m, ["stat", "-c", "%i", "/tmp/s"])).stdout.trim();
  const dev = Number((await x(m, ["stat", "-c", "%d", "/tmp/s"])).stdout.trim());
  const lines = r.stdout.split("\n");
  assert.equal(lines[0], "  File: /tmp/s");
  assert.match(lines[1], /^ {2}Size: 5 {9}\tBlocks: \d+ +IO Block: 4096   regular file$/);
  assert.equal(lines[2], `Device: ${dev.toString(16)}h/${dev}d\tInode: ${ino.padEnd(10)}  Links: 1`);
  assert.equal(lines[3], "Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)");
  assert.equal(lines[5], "Modify: 2024-05-06 07:08:09.000000000 +0000");
  assert.equal(lines[7], " Birth: -");
  const missing = await x(m, ["stat", "/tmp/none"]);
  assert.equal(missing.stderr, "stat: cannot statx '/tmp/none': No such file or directory\n");
  assert.equal(missing.status, 1);
}));
