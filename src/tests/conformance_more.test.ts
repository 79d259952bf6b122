// Conformance: the *at calls, vectors, directories, descriptors and process calls not covered
// by the other tables, from a user program, with the values and errno Linux gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine } from "./harness.js";
import { runTable } from "./conformance.js";

const AT_CALLS = `
mkdirat AT_FDCWD "/home/user/at" 0750          => 0
openat AT_FDCWD "/home/user/at" O_RDONLY|O_DIRECTORY 0 => 3
mkdirat 3 "sub" 0700                           => 0
openat 3 "f" O_CREAT|O_WRONLY 0640             => 4
writev 4 words:0,0 0                           => 0
fchmod 4 0600                                  => 0
fstat 4 buf:144                                => 0
field 2 24 u32                                 => 33152
ftruncate 4 100                                => 0
fstat 4 buf:144                                => 0
field 2 48 i64                                 => 100
ftruncate 4 -1                                 => -1 EINVAL
fsync 4                                        => 0
fsync 99                                       => -1 EBADF
newfstatat 3 "f" buf:144 0                     => 0
field 3 48 i64                                 => 100
newfstatat 3 "nope" buf:144 0                  => -1 ENOENT
faccessat 3 "f" R_OK 0                         => 0
faccessat 3 "f" X_OK 0                         => -1 EACCES
symlinkat "f" 3 "l"                            => 0
readlinkat 3 "l" buf:16 16                     => 1
newfstatat 3 "l" buf:144 AT_SYMLINK_NOFOLLOW   => 0
field 3 24 u32                                 => 41471
linkat 3 "f" 3 "g" 0                           => 0
renameat 3 "g" 3 "h"                           => 0
renameat2 3 "h" 3 "f" 1                        => -1 EEXIST
unlinkat 3 "h" 0                               => 0
unlinkat 3 "sub" 0                             => -1 EISDIR
unlinkat 3 "sub" AT_REMOVEDIR                  => 0
unlinkat 3 "f" AT_REMOVEDIR                    => -1 ENOTDIR
fchmodat 3 "f" 0644 0                          => 0
fchownat 3 "f" 1000 1000 0                     => 0
fchownat 3 "f" 0 0 0                           => -1 EPERM
utimensat 3 "f" NULL 0                         => 0
utimensat 3 "nope" NULL 0                      => -1 ENOENT
mknodat 3 "fifo" S_IFIFO|0600 0                => 0
getdents64 3 buf:1024 1024                     => 120
getdents64 3 buf:1024 1024                     => 0
getdents64 4 buf:1024 1024                     => -1 ENOTDIR
getdents64 3 buf:8 8                           => 0
lseek 3 0 SEEK_SET                             => 0
getdents64 3 buf:8 8                           => -1 EINVAL
fchdir 3                                       => 0
getcwd buf:64 64                               => 14
fchdir 4                                       => -1 ENOTDIR
chdir "/"                                      => 0
`;

test("the *at calls, getdents64, fchmod, ftruncate, fsync and fchdir", async () => {
  await withMachine(async (m) => {
    assert.deepEqual(await runTable(m, AT_CALLS), []);
  });
});

const VECTORS_AND_FDS = `
open "/tmp/v" O_CREAT|O_RDWR|O_TRUNC 0644      => 3
writev 3 words:0,0 1                           => 0
readv 3 NULL 1                                 => -1 EFAULT
writev 3 NULL 1025                             => -1 EINVAL
lseek 3 0 SEEK_DATA                            => -1 ENXIO
pwrite64 3 "abcdef" 6 0                        => 6
lseek 3 2 SEEK_DATA                            => 2
lseek 3 0 SEEK_HOLE                            => 6
close_range 10 20 0                            => 0
dup3 3 3 0                                     => -1 EINVAL
dup3 3 50 99                                   => -1 EINVAL
pipe2 buf:8 0                                  => 0
poll words:0x400000005 1 0                     => 1
field 1 4 u32                                  => 262148
poll words:0x100000004 1 0                     => 0
ioctl 5 TIOCGWINSZ buf:8                       => -1 ENOTTY
lseek 3 1 SEEK_SET                             => 1
ioctl 3 FIONREAD buf:4                         => 0
field 3 0 i32                                  => 5
fcntl 3 F_SETLK words:0x00000001,0,0,0         => 0
fcntl 3 F_GETLK words:0x00000001,0,0,0         => 0
sync                                           => 0
syncfs 3                                       => 0
open "/tmp/v" O_RDONLY 0                       => 6
flock 3 2                                      => 0
flock 6 6                                      => -1 EAGAIN
flock 6 5                                      => -1 EAGAIN
flock 3 8                                      => 0
flock 6 6                                      => 0
flock 6 99                                     => -1 EINVAL
flock 99 2                                     => -1 EBADF
`;

test("readv and writev, SEEK_DATA/HOLE, close_range, dup3, pipe2, poll, ioctl, locks", async () => {
  await withMachine(async (m) => {
    assert.deepEqual(await runTable(m, VECTORS_AND_FDS), []);
  });
});

const PROCESS_MORE = `
getppid                                        => 1
setpgid 0 0                                    => 0
setsid                                         => -1 EPERM
getpgid 0                                      => $GETPID
sigaltstack NULL buf:24                        => 0
rt_sigpending buf:8 8                          => 0
field 1 0 i64                                  => 0
rt_sigpending buf:8 4                          => 0
rt_sigpending buf:16 16                        => -1 EINVAL
alarm 0                                        => 0
clock_getres 1 buf:16                          => 0
field 2 8 i64                                  => 1
gettimeofday buf:16 NULL                       => 0
getrlimit 7 buf:16                             => 0
field 2 0 i64                                  => 1024
setrlimit 7 words:2000,1000                    => -1 EINVAL
prlimit64 0 7 NULL buf:16                      => 0
brk 0                                          => $BRK
mmap 0 8192 3 0x22 -1 0                        => $MMAP
munmap $19 8192                                => 0
mprotect $19 4096 1                            => -1 ENOMEM
sched_yield                                    => 0
getpriority 0 0                                => 20
setpriority 0 0 -5                             => -1 EACCES
wait4 -1 NULL 0x7fff NULL                      => -1 EINVAL
waitid 0 0 buf:128 4                           => -1 ECHILD
umask 077                                      => 18
personality 0xffffffff                         => 0
sysinfo buf:112                                => 0
times buf:32                                   => $TIMES
`;

test("ids, process groups, signal masks, limits, time, memory and priorities", async () => {
  await withMachine(async (m) => {
    const problems = await runTable(m, PROCESS_MORE.replace(/\$(GETPID|BRK|MMAP|TIMES)\b/g, "*"));
    assert.deepEqual(problems.filter((p) => !/expected \*,/.test(p)), []);
  });
});
