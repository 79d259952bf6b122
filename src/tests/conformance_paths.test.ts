// Conformance: path system calls (stat, directories, links, permissions) from a user program,
// as the ordinary user (uid 1000) and as root, with the values and errno Linux gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine } from "./harness.js";
import { runTable } from "./conformance.js";

const AS_USER = `
# stat and friends; struct stat: st_nlink@16 st_mode@24 st_uid@28 st_size@48
stat "/etc/passwd" buf:144                     => 0
field 2 24 u32                                 => 33188
field 2 28 u32                                 => 0
stat "/nonexistent" buf:144                    => -1 ENOENT
stat "/etc/passwd/" buf:144                    => -1 ENOTDIR
stat "/etc/passwd" NULL                        => -1 EFAULT
stat NULL buf:144                              => -1 EFAULT
fstat 99 buf:144                               => -1 EBADF
lstat "/tmp" buf:144                           => 0
field 2 24 u32                                 => 17407
# directories in the user's home
mkdir "/home/user/d" 0755                      => 0
mkdir "/home/user/d" 0755                      => -1 EEXIST
mkdir "/home/user/nope/d" 0755                 => -1 ENOENT
mkdir "/etc/d" 0755                            => -1 EACCES
mkdir "/etc/passwd/d" 0755                     => -1 ENOTDIR
open "/home/user/d/f" O_CREAT|O_WRONLY 0600    => 3
rmdir "/home/user/d"                           => -1 ENOTEMPTY
rmdir "/home/user/d/f"                         => -1 ENOTDIR
unlink "/home/user/d"                          => -1 EISDIR
rmdir "/home/user/d/."                         => -1 EINVAL
link "/home/user/d/f" "/home/user/d/g"         => 0
stat "/home/user/d/f" buf:144                  => 0
field 2 16 i64                                 => 2
link "/home/user/d" "/home/user/e"             => -1 EPERM
symlink "f" "/home/user/d/s"                   => 0
symlink "f" "/home/user/d/s"                   => -1 EEXIST
readlink "/home/user/d/s" buf:64 64            => 1
dump 2 1                                       => "f"
readlink "/home/user/d/f" buf:64 64            => -1 EINVAL
rename "/home/user/d/g" "/home/user/d/h"       => 0
rename "/home/user/d" "/home/user/d/x"         => -1 EINVAL
rename "/home/user/d/h" "/home/user/nope/h"    => -1 ENOENT
unlink "/home/user/d/h"                        => 0
unlink "/home/user/d/h"                        => -1 ENOENT
unlink "/etc/passwd"                           => -1 EACCES
# permissions and ownership as an ordinary user
chmod "/etc/passwd" 0777                       => -1 EPERM
chown "/home/user/d/f" 0 0                     => -1 EPERM
chmod "/home/user/d/f" 0400                    => 0
open "/home/user/d/f" O_WRONLY 0               => -1 EACCES
access "/home/user/d/f" W_OK                   => -1 EACCES
access "/home/user/d/f" R_OK                   => 0
access "/etc/passwd" 64                        => -1 EINVAL
truncate "/home/user/d/f" 10                   => -1 EACCES
truncate "/home/user/d" 0                      => -1 EISDIR
truncate "/tmp/nope" -1                        => -1 EINVAL
# cwd
chdir "/home/user/d"                           => 0
getcwd buf:64 64                               => 13
dump 1 12                                      => "/home/user/d"
getcwd buf:4 4                                 => -1 ERANGE
chdir "/home/user/d/f"                         => -1 ENOTDIR
chdir "/root"                                  => -1 EACCES
umask 077                                      => 18
umask 022                                      => 63
# things only root may do
mknod "/tmp/null2" S_IFCHR|0666 259            => -1 EPERM
mount "none" "/mnt" "tmpfs" 0 NULL             => -1 EPERM
chroot "/tmp"                                  => -1 EPERM
`;

test("stat, directories, links, permissions and cwd as an ordinary user", async () => {
  await withMachine(async (m) => {
    assert.deepEqual(await runTable(m, AS_USER), []);
  });
});

const AS_ROOT = `
mknod "/tmp/null2" S_IFCHR|0666 259            => 0
stat "/tmp/null2" buf:144                      => 0
field 2 40 i64                                 => 259
mount "none" "/mnt" "tmpfs" 0 NULL             => 0
mkdir "/mnt/x" 0755                            => 0
rename "/mnt/x" "/tmp/x"                       => -1 EXDEV
link "/tmp/null2" "/mnt/n"                     => -1 EXDEV
mount "none" "/mnt" "nosuchfs" 0 NULL          => -1 ENODEV
umount2 "/tmp" 0                               => -1 EINVAL
umount2 "/mnt" 0                               => 0
stat "/mnt/x" buf:144                          => -1 ENOENT
chmod "/etc/passwd" 0600                       => 0
open "/etc/passwd" O_RDONLY 0                  => 3
`;

test("mknod, mount, umount2, EXDEV across mounts as root", async () => {
  await withMachine(async (m) => {
    assert.deepEqual(await runTable(m, AS_ROOT, "root"), []);
  });
});
