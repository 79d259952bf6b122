// Conformance: identity, signals, time, memory and exec from a user program (uid 1000).
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine } from "./harness.js";
import { runTable } from "./conformance.js";

const PROCESS = `
getuid                                         => 1000
geteuid                                        => 1000
getgid                                         => 1000
setuid 0                                       => -1 EPERM
setgid 0                                       => -1 EPERM
setuid 1000                                    => 0
kill 1 0                                       => -1 EPERM
kill 999999 0                                  => -1 ESRCH
kill 1 99                                      => -1 EINVAL
getsid 999999                                  => -1 ESRCH
sethostname "x" 1                              => -1 EPERM
reboot 0xfee1dead 672274793 0x1234567 NULL     => -1 EPERM
iopl 3                                         => -1 EPERM
iopl 4                                         => -1 EINVAL
iopl 0                                         => 0
ioperm 0x378 3 1                               => -1 EPERM
ioperm 0x378 3 0                               => 0
ioperm 0x378 0 1                               => -1 EINVAL
ioperm 65535 2 0                               => -1 EINVAL
uname buf:390                                  => 0
dump 1 5                                       => "Linux"
wait4 -1 NULL 0 NULL                           => -1 ECHILD
rt_sigaction SIGKILL words:1,0,0,0 NULL 8      => -1 EINVAL
rt_sigaction SIGUSR1 NULL NULL 4               => -1 EINVAL
rt_sigprocmask 99 NULL NULL 8                  => 0
rt_sigprocmask 99 words:0 NULL 8               => -1 EINVAL
nanosleep words:0,1000000000 NULL              => -1 EINVAL
nanosleep words:-1,0 NULL                      => -1 EINVAL
nanosleep words:0,1000 NULL                    => 0
nanosleep NULL NULL                            => -1 EFAULT
clock_gettime 99 buf:16                        => -1 EINVAL
clock_gettime 1 buf:16                         => 0
clock_gettime 0 NULL                           => -1 EFAULT
getrandom buf:16 16 0                          => 16
getrandom buf:16 16 99                         => -1 EINVAL
mmap 0 0 3 0x22 -1 0                           => -1 EINVAL
mmap 0 4096 3 0 -1 0                           => -1 EINVAL
munmap 4097 4096                               => -1 EINVAL
mprotect 4097 4096 1                           => -1 EINVAL
execve "/nonexistent" NULL NULL                => -1 ENOENT
execve "/etc/passwd" NULL NULL                 => -1 EACCES
execve "/tmp" NULL NULL                        => -1 EACCES
fork                                           => -1 ENOSYS
`;

test("identity, signals, time, memory and exec errors as on Linux", async () => {
  await withMachine(async (m) => {
    assert.deepEqual(await runTable(m, PROCESS), []);
  });
});
