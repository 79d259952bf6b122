// The typix command as a person uses it: options and their errors, `-c`, scripts, host
// mounts, and an interactive session in a real terminal (tmux) with echo, Ctrl-C and Ctrl-D.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TYPIX = join(ROOT, "bin/typix.js");

function typix(args: string[], input = "") {
  const r = spawnSync(process.execPath, [TYPIX, ...args], { cwd: ROOT, input, encoding: "utf8", timeout: 30000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test("a wrong option: GNU's message and status 2", () => {
  const r = typix(["--x"]);
  assert.equal(r.stderr, "typix: unrecognized option '--x'\nTry 'typix --help' for more information.\n");
  assert.equal(r.status, 2);
  const s = typix(["-q"]);
  assert.equal(s.stderr, "typix: invalid option -- 'q'\nTry 'typix --help' for more information.\n");
  assert.equal(s.status, 2);
  const t = typix(["--user"]);
  assert.equal(t.stderr, "typix: option '--user' requires an argument\nTry 'typix --help' for more information.\n");
  assert.equal(t.status, 2);
});

test("--help documents every option", () => {
  const r = typix(["--help"]);
  assert.equal(r.status, 0);
  for (const opt of ["--command", "--user", "--mount", "--loglevel", "--cmdline", "--hostname", "--save", "--restore", "--help", "--version"]) {
    assert.match(r.stdout, new RegExp(opt));
  }
  assert.match(r.stdout, /^Usage: typix \[OPTION\]\.\.\. \[FILE \[ARGUMENT\]\.\.\.\]/);
});

test("typix --save FILE keeps a prepared machine; --restore FILE boots it (its files; no module stays loaded)", () => {
  const dir = mkdtempSync(join(tmpdir(), "typix-save-"));
  try {
    const file = join(dir, "course.snap");
    const prep = typix(["--save", file, "-c", "echo 'hello from the course' > ~/notes; sudo insmod /lib/modules/$(uname -r)/extra/hwkm.ko"]);
    assert.equal(prep.stderr, "");
    assert.equal(prep.status, 0);
    const r = typix(["--restore", file, "-c", "cat ~/notes; lsmod | grep -c hwkm; ls -l ~/notes | cut -d' ' -f1,3"]);
    assert.equal(r.stdout, "hello from the course\n0\n-rw-r--r-- user\n");
    // Restored and saved again: the copy goes on from where it was.
    const again = join(dir, "again.snap");
    assert.equal(typix(["--restore", file, "--save", again, "-c", "echo more >> ~/notes"]).status, 0);
    assert.equal(typix(["--restore", again, "-c", "cat ~/notes"]).stdout, "hello from the course\nmore\n");

    const missing = typix(["--restore", join(dir, "none"), "-c", "true"]);
    assert.equal(missing.stderr, `typix: ${join(dir, "none")}: No such file or directory\n`);
    assert.equal(missing.status, 1);
    writeFileSync(join(dir, "junk"), "junk\n");
    assert.equal(typix(["--restore", join(dir, "junk"), "-c", "true"]).stderr, `typix: ${join(dir, "junk")}: not a Typix snapshot\n`);
    const unsaved = typix(["--save", join(dir, "no/such/dir"), "-c", "true"]);
    assert.equal(unsaved.stderr, `typix: cannot save ${join(dir, "no/such/dir")}: No such file or directory\n`);
    assert.equal(unsaved.status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("typix -c runs a command line: its output, and its status", () => {
  const r = typix(["-c", "echo hi"]);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "hi\n");
  assert.equal(r.status, 0);
  assert.equal(typix(["-c", "exit 3"]).status, 3);
  assert.equal(typix(["-c", "cat"], "piped input\n").stdout, "piped input\n");
  assert.equal(typix(["--user", "root", "-c", "echo $HOME"]).stdout, "/root\n");
  // Without -c and without a terminal, the shell reads the commands piped in.
  const piped = typix([], "echo piped\nexit 5\n");
  assert.equal(piped.stdout, "piped\n");
  assert.equal(piped.status, 5);
});

test("typix FILE runs a host script with its arguments", () => {
  const dir = mkdtempSync(join(tmpdir(), "typix-script-"));
  try {
    writeFileSync(join(dir, "s.sh"), "echo \"args: $1 $2\"\nexit 4\n");
    const r = typix([join(dir, "s.sh"), "a", "b"]);
    assert.equal(r.stdout, "args: a b\n");
    assert.equal(r.status, 4);
    const missing = typix([join(dir, "nope.sh")]);
    assert.equal(missing.stderr, `typix: ${join(dir, "nope.sh")}: No such file or directory\n`);
    assert.equal(missing.status, 127);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--mount shares a host directory, :ro read-only", () => {
  const dir = mkdtempSync(join(tmpdir(), "typix-mount-"));
  try {
    writeFileSync(join(dir, "in.txt"), "host data\n");
    const r = typix(["--mount", `${dir}:/mnt/h`, "-c", "cat /mnt/h/in.txt; echo guest data > /mnt/h/out.txt"]);
    assert.equal(r.stdout, "host data\n");
    assert.equal(r.status, 0);
    assert.equal(readFileSync(join(dir, "out.txt"), "utf8"), "guest data\n");
    const ro = typix(["--mount", `${dir}:/mnt/h:ro`, "-c", "echo x > /mnt/h/ro.txt"]);
    assert.notEqual(ro.status, 0);
    assert.match(ro.stderr, /Read-only file system/);
    const bad = typix(["--mount", "nocolon"]);
    assert.equal(bad.status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("programs and scripts on a --mount'ed host directory execute", () => {
  const dir = mkdtempSync(join(tmpdir(), "typix-mount-"));
  try {
    writeFileSync(join(dir, "hello.sh"), "#!/bin/sh\necho hello from $0 \"$1\"\n", { mode: 0o755 });
    writeFileSync(join(dir, "plain.txt"), "not a program\n", { mode: 0o644 });
    const r = typix(["--mount", `${dir}:/mnt/h`, "-c", "/mnt/h/hello.sh arg; cd /mnt/h && ./hello.sh two; ./plain.txt"]);
    assert.equal(r.stdout, "hello from /mnt/h/hello.sh arg\nhello from ./hello.sh two\n");
    assert.match(r.stderr, /plain\.txt: Permission denied/);
    assert.equal(r.status, 126);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;

test("an interactive session in a terminal: prompt, echo, Ctrl-C, Ctrl-D", { skip: !hasTmux && "tmux is not installed" }, async () => {
  const server = `typix-test-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync("tmux", ["-L", server, ...args], { encoding: "utf8" });
  const pane = () => tmux("capture-pane", "-p", "-t", "t");
  const waitFor = async (what: string, cond: (s: string) => boolean, ms = 15000) => {
    const end = Date.now() + ms;
    for (;;) {
      const s = pane();
      if (cond(s)) return s;
      if (Date.now() > end) assert.fail(`timed out waiting for ${what}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // capture-pane drops trailing blanks: a bare prompt "user@typix:~$ " shows without its space.
  const prompts = (s: string) => s.split("\n").filter((l) => /^user@typix:~\$( |$)/.test(l)).length;
  try {
    tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", "-c", ROOT,
      `${process.execPath} ${TYPIX}; echo "typix exited with $?"; sleep 60`);
    await waitFor("the prompt", (s) => prompts(s) === 1);
    tmux("send-keys", "-t", "t", "echo hello typix", "Enter");
    await waitFor("the command's output", (s) => /^hello typix$/m.test(s) && prompts(s) === 2);
    assert.match(pane(), /^user@typix:~\$ echo hello typix$/m);
    tmux("send-keys", "-t", "t", "sleep 100", "Enter");
    await waitFor("sleep to start", (s) => /sleep 100\s*$/.test(s.trimEnd()));
    await new Promise((r) => setTimeout(r, 200));
    tmux("send-keys", "-t", "t", "C-c");
    await waitFor("a fresh prompt after Ctrl-C", (s) => /\^C/.test(s) && prompts(s) === 3);
    // Ctrl-D at the prompt ends the shell; its status (the interrupted sleep's, 128+SIGINT) is typix's.
    tmux("send-keys", "-t", "t", "C-d");
    await waitFor("the session to end", (s) => /typix exited with 130/.test(s));
  } finally {
    try { tmux("kill-server"); } catch { /* already gone */ }
  }
});

test("commands piped in after `sudo reboot` run in the shell of the new boot", () => {
  const r = typix([], "echo before > /tmp/x\nsudo reboot\necho after\ncat /tmp/x\nexit 4\n");
  assert.equal(r.stdout, "after\nbefore\n", r.stderr);
  assert.equal(r.status, 4);
  assert.doesNotMatch(r.stderr, /TypeError/);
});
