// man as man-db behaves: a page found by name in section order or in the section asked for,
// between the header and footer lines; man-db's messages and exit status 16 for a missing page;
// whatis (-f), apropos (-k) and the page's path (-w). The pages are the image's /usr/share/man.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";

let m: Machine;
before(async () => { m = await boot(); });
after(async () => { await m?.shutdown(); });

test("man 2 write and man syscall: the page between man's header and footer", async () => {
  let r = await m.run("man 2 write");
  assert.equal(r.status, 0);
  const lines = r.stdout.split("\n");
  assert.match(lines[0], /^WRITE\(2\) +System Calls Manual +WRITE\(2\)$/);
  assert.equal(lines[0].length, 80);
  assert.equal(lines[2], "NAME");
  assert.equal(lines[3], "       write - write to a file descriptor");
  assert.ok(r.stdout.includes("       ssize_t write(int fd, const void *buf, size_t count);\n"));
  assert.match(lines.at(-2)!, /^Typix 6\.6\.0-typix +WRITE\(2\)$/);
  r = await m.run("man syscall | grep -c 'syscall(999, ...)'");
  assert.equal(r.stdout, "1\n");
  r = await m.run("man insmod | head -1");
  assert.match(r.stdout, /^INSMOD\(8\) +System Manager's Manual +INSMOD\(8\)\n$/);
});

test("missing pages, sections and arguments: man-db's messages and statuses", async () => {
  let r = await m.run("man nosuchpage; echo status=$?");
  assert.deepEqual([r.stderr, r.stdout], ["No manual entry for nosuchpage\n", "status=16\n"]);
  r = await m.run("man 4 write; echo status=$?");
  assert.deepEqual([r.stderr, r.stdout], ["No manual entry for write in section 4\n", "status=16\n"]);
  r = await m.run("man; echo status=$?");
  assert.deepEqual([r.stderr, r.stdout], ["What manual page do you want?\nFor example, try 'man man'.\n", "status=1\n"]);
});

test("man -f, man -k and man -w", async () => {
  let r = await m.run("man -f write fork");
  assert.equal(r.stdout, "write (2)            - write to a file descriptor\nfork (2)             - create a child process\n");
  r = await m.run("man -k module");
  for (const page of ["insmod (8)", "rmmod (8)", "lsmod (8)", "modinfo (8)", "modprobe (8)"]) assert.ok(r.stdout.includes(page), r.stdout);
  r = await m.run("man -f nosuch; echo status=$?");
  assert.deepEqual([r.stderr, r.stdout], ["nosuch: nothing appropriate.\n", "status=16\n"]);
  r = await m.run("man -w printf");
  assert.equal(r.stdout, "/usr/share/man/man3/printf.3\n");
});
