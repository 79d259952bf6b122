// The identity tools and privilege switching: id, whoami, groups, sudo (set-user-ID root),
// su — as the ordinary user (uid 1000, in group sudo) and as root.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

test("id, whoami and groups print the caller's identity", async () => {
  const m = await boot();
  try {
    assert.deepEqual(await m.spawn(["/usr/bin/id"]), { stdout: "uid=1000(user) gid=1000(user) groups=1000(user),27(sudo)\n", stderr: "", status: 0, waitStatus: 0 });
    assert.equal((await m.spawn(["/usr/bin/id"], { user: "root" })).stdout, "uid=0(root) gid=0(root) groups=0(root)\n");
    assert.equal((await m.spawn(["/usr/bin/id", "-u"])).stdout, "1000\n");
    assert.equal((await m.spawn(["/usr/bin/id", "-un"])).stdout, "user\n");
    assert.equal((await m.spawn(["/usr/bin/id", "-g"])).stdout, "1000\n");
    assert.equal((await m.spawn(["/usr/bin/id", "-G"])).stdout, "1000 27\n");
    assert.equal((await m.spawn(["/usr/bin/id", "-Gn"])).stdout, "user sudo\n");
    assert.equal((await m.spawn(["/usr/bin/id", "-ru"])).stdout, "1000\n");
    assert.equal((await m.spawn(["/usr/bin/id", "nobody"])).stdout, "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n");
    const none = await m.spawn(["/usr/bin/id", "nosuch"]);
    assert.equal(none.stderr, "id: 'nosuch': no such user\n");
    assert.equal(none.status, 1);
    const both = await m.spawn(["/usr/bin/id", "-u", "-g"]);
    assert.equal(both.stderr, `id: cannot print "only" of more than one choice\n`);
    assert.equal((await m.spawn(["/usr/bin/id", "-n"])).stderr, "id: cannot print only names or real IDs in default format\n");
    assert.equal((await m.spawn(["/usr/bin/whoami"])).stdout, "user\n");
    assert.equal((await m.spawn(["/usr/bin/whoami"], { user: "root" })).stdout, "root\n");
    assert.equal((await m.spawn(["/usr/bin/groups"])).stdout, "user sudo\n");
    assert.equal((await m.spawn(["/usr/bin/groups", "user", "root"])).stdout, "user : user sudo\nroot : root\n");
  } finally {
    await m.shutdown();
  }
});

test("sudo runs commands as root or as -u's user, with SUDO_* set", async () => {
  const m = await boot();
  try {
    assert.equal((await m.spawn(["/usr/bin/stat", "-c", "%A %U", "/usr/bin/sudo", "/bin/su", "/usr/bin/id"])).stdout,
      "-rwsr-xr-x root\n-rwsr-xr-x root\n-rwxr-xr-x root\n");
    const r = await m.spawn(["/usr/bin/sudo", "id"]);
    assert.equal(r.stdout, "uid=0(root) gid=0(root) groups=0(root)\n");
    assert.equal(r.status, 0);
    assert.equal((await m.spawn(["/usr/bin/sudo", "-u", "nobody", "id"])).stdout, "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n");
    assert.equal((await m.spawn(["/usr/bin/sudo", "whoami"])).stdout, "root\n");
    const env = await m.spawn(["/usr/bin/sudo", "printenv", "SUDO_USER", "SUDO_UID", "SUDO_GID", "SUDO_COMMAND", "HOME", "USER", "PATH"]);
    assert.equal(env.stdout, "user\n1000\n1000\n/usr/bin/printenv SUDO_USER SUDO_UID SUDO_GID SUDO_COMMAND HOME USER PATH\n/root\nroot\n" +
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
    // -E keeps the caller's environment (PATH still comes from secure_path).
    const kept = await m.spawn(["/usr/bin/sudo", "-E", "printenv", "HOME", "FOO"], { env: { FOO: "bar" } });
    assert.equal(kept.stdout, "/home/user\nbar\n");
    const reset = await m.spawn(["/usr/bin/sudo", "printenv", "FOO"], { env: { FOO: "bar" } });
    assert.equal(reset.status, 1);
    const missing = await m.spawn(["/usr/bin/sudo", "nosuch"]);
    assert.equal(missing.stderr, "sudo: nosuch: command not found\n");
    assert.equal(missing.status, 1);
    const badUser = await m.spawn(["/usr/bin/sudo", "-u", "nosuch", "id"]);
    assert.equal(badUser.stderr, "sudo: unknown user nosuch\n");
    assert.match((await m.spawn(["/usr/bin/sudo"])).stderr, /^usage: sudo -h \| -K \| -k \| -V\n/);
    // Root may always; nobody (not in group sudo) may not.
    assert.equal((await m.spawn(["/usr/bin/sudo", "-u", "user", "id", "-u"], { user: "root" })).stdout, "1000\n");
    const denied = await m.spawn(["/usr/bin/sudo", "-u", "nobody", "/usr/bin/sudo", "id"]);
    assert.equal(denied.stderr, "nobody is not in the sudoers file.\n");
    assert.equal(denied.status, 1);
  } finally {
    await m.shutdown();
  }
});

test("su switches users for root and refuses others", async () => {
  const m = await boot();
  try {
    assert.equal((await m.spawn(["/bin/su", "-c", "/usr/bin/id -u"], { user: "root" })).stdout, "0\n");
    const login = await m.spawn(["/bin/su", "-", "user", "-c", "/usr/bin/id; /usr/bin/printenv HOME USER"], { user: "root" });
    assert.equal(login.stdout, "uid=1000(user) gid=1000(user) groups=1000(user),27(sudo)\n/home/user\nuser\n");
    const refused = await m.spawn(["/bin/su", "-c", "id"]);
    assert.equal(refused.stderr, "su: Authentication failure\n");
    assert.equal(refused.status, 1);
    const nouser = await m.spawn(["/bin/su", "nosuch"], { user: "root" });
    assert.equal(nouser.stderr, "su: user nosuch does not exist or the user entry does not contain all the required fields\n");
    // The way to root for "user": sudo su.
    assert.equal((await m.spawn(["/usr/bin/sudo", "/bin/su", "-c", "/usr/bin/whoami"])).stdout, "root\n");
  } finally {
    await m.shutdown();
  }
});
