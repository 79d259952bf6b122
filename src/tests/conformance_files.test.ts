// Conformance: file system calls from a user program, with the values and errno Linux gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine } from "./harness.js";
import { runTable } from "./conformance.js";

const FILE_IO = `
open "/nonexistent" O_RDONLY 0                 => -1 ENOENT
open NULL O_RDONLY 0                           => -1 EFAULT
open BAD O_RDONLY 0                            => -1 EFAULT
open "" O_RDONLY 0                             => -1 ENOENT
open "/etc/passwd/x" O_RDONLY 0                => -1 ENOTDIR
open "/etc" O_WRONLY 0                         => -1 EISDIR
open "/tmp/c1" O_CREAT|O_EXCL|O_WRONLY 0644    => 3
open "/tmp/c1" O_CREAT|O_EXCL|O_WRONLY 0644    => -1 EEXIST
write 3 "abc" 3                                => 3
read 3 buf:4 4                                 => -1 EBADF
close 3                                        => 0
close 3                                        => -1 EBADF
read 99 buf:4 4                                => -1 EBADF
write -1 "x" 1                                 => -1 EBADF
open "/tmp/c1" O_RDWR|O_APPEND 0               => 3
write 3 "def" 3                                => 3
lseek 3 0 SEEK_SET                             => 0
read 3 buf:16 16                               => 6
dump 2 6                                       => "abcdef"
read 3 BAD 4                                   => 0
lseek 3 0 SEEK_SET                             => 0
read 3 BAD 4                                   => -1 EFAULT
lseek 3 -1 SEEK_SET                            => -1 EINVAL
lseek 3 0 99                                   => -1 EINVAL
lseek 3 2 SEEK_END                             => 8
pread64 3 buf:4 3 1                            => 3
dump 2 3                                       => "bcd"
pwrite64 3 "Z" 1 -1                            => -1 EINVAL
open "/root/secret" O_CREAT|O_WRONLY 0600      => -1 EACCES
open "/etc/passwd" O_WRONLY 0                  => -1 EACCES
open "/etc/passwd" O_RDONLY|O_DIRECTORY 0      => -1 ENOTDIR
openat -100 "/etc/passwd" O_RDONLY 0           => 4
openat 4 "x" O_RDONLY 0                        => -1 ENOTDIR
openat 77 "x" O_RDONLY 0                       => -1 EBADF
openat 77 "/etc/passwd" O_RDONLY 0             => 5
`;

test("open, read, write, lseek, pread, pwrite, close: values and errno as on Linux", async () => {
  await withMachine(async (m) => {
    assert.deepEqual(await runTable(m, FILE_IO), []);
  });
});

test("a number the table does not implement, or does not name, is ENOSYS", async () => {
  await withMachine(async (m) => {
    assert.deepEqual(await runTable(m, `
      tuxcall                                    => -1 ENOSYS
      nr999                                      => -1 ENOSYS
      nr100000                                   => -1 ENOSYS
    `), []);
  });
});
