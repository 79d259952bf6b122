// Conformance: descriptors, pipes, fcntl, poll and ioctl from a user program.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine, runProgram } from "./harness.js";
import { runTable } from "./conformance.js";

const FDS = `
pipe buf:8                                     => 0
field 1 0 i32                                  => 3
field 1 4 i32                                  => 4
write 4 "hello" 5                              => 5
ioctl 3 FIONREAD buf:4                         => 0
field 3 0 i32                                  => 5
read 3 buf:16 16                               => 5
dump 2 5                                       => "hello"
write 3 "x" 1                                  => -1 EBADF
read 4 buf:1 1                                 => -1 EBADF
lseek 3 0 SEEK_SET                             => -1 ESPIPE
pread64 3 buf:1 1 0                            => -1 ESPIPE
pipe NULL                                      => -1 EFAULT
pipe2 buf:8 O_NONBLOCK|O_CLOEXEC               => 0
read 5 buf:1 1                                 => -1 EAGAIN
fcntl 5 F_GETFD                                => 1
fcntl 5 F_GETFL                                => 2048
fcntl 5 F_SETFL 0                              => 0
fcntl 5 F_GETFL                                => 0
fcntl 5 999                                    => -1 EINVAL
fcntl 99 F_GETFD                               => -1 EBADF
pipe2 buf:8 O_DIRECTORY                        => -1 EINVAL
dup 3                                          => 7
dup2 7 20                                      => 20
dup2 20 20                                     => 20
dup2 99 20                                     => -1 EBADF
dup3 20 20 0                                   => -1 EINVAL
dup3 20 21 O_CLOEXEC                           => 21
fcntl 21 F_GETFD                               => 1
fcntl 3 F_DUPFD 10                             => 10
close 4                                        => 0
close 7                                        => 0
close 20                                       => 0
close 21                                       => 0
close 10                                       => 0
read 3 buf:1 1                                 => 0
ioctl 3 TCGETS buf:60                          => -1 ENOTTY
ioctl 99 TCGETS buf:60                         => -1 EBADF
poll NULL 0 0                                  => 0
`;

test("pipes, dup, fcntl and ioctl: values and errno as on Linux", async () => {
  await withMachine(async (m) => {
    assert.deepEqual(await runTable(m, FDS), []);
  });
});

const BROKEN_PIPE = `
pipe buf:8                                     => 0
close 3                                        => 0
rt_sigaction SIGPIPE words:1,0,0,0 NULL 8      => 0
write 4 "x" 1                                  => -1 EPIPE
`;

test("writing to a pipe with no reader: EPIPE when SIGPIPE is ignored, death by SIGPIPE otherwise", async () => {
  await withMachine(async (m) => {
    assert.deepEqual(await runTable(m, BROKEN_PIPE), []);
    const r = await runProgram(m, "sysrun", [], { stdin: 'pipe buf:8\nclose 3\nwrite 4 "x" 1\n' });
    assert.equal(r.waitStatus & 0x7f, 13);
    assert.equal(r.status, 141);
  });
});
