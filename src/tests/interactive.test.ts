// The interactive shell on a terminal, as a person meets it: the prompt, line editing at the
// prompt and the kernel's line editing under cat, ^C ^\ ^Z and job control with dash's lines,
// the window size, exit statuses; and a shell reading commands from a pipe or a file, which
// runs each as soon as it is complete. First through the library's console, then in a real
// terminal (tmux) with the typix command.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { boot, type Machine } from "../index.js";

const ESC_SEQ = /\x1b\[[0-9;]*[A-Za-z]/g;

interface Term {
  m: Machine;
  /** Everything the console printed, with escape sequences removed. */
  out(): string;
  /** Type keys and wait until the output (from this point on) satisfies cond. */
  type(keys: string, cond?: RegExp | ((s: string) => boolean), what?: string): Promise<string>;
  done: Promise<number>;
}

/** A machine with a shell on its console, for the duration of fn. */
async function withShell(fn: (t: Term) => Promise<void>, opts: { user?: "user" | "root"; cols?: number; rows?: number } = {}): Promise<void> {
  const m = await boot({ cmdline: "loglevel=1" });
  try {
    let raw = "";
    m.onConsoleOutput((d) => { raw += Buffer.from(d).toString(); });
    const session = m.openConsole({ user: opts.user, cols: opts.cols, rows: opts.rows });
    const out = () => raw.replace(ESC_SEQ, "");
    const waitOut = async (from: number, cond: RegExp | ((s: string) => boolean), what: string) => {
      const ok = typeof cond === "function" ? cond : (s: string) => cond.test(s);
      const end = Date.now() + 5000;
      for (;;) {
        const s = out().slice(from);
        if (ok(s)) return s;
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}; console: ${JSON.stringify(out())}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const prompt = opts.user === "root" ? /root@typix:~# $/ : /user@typix:~\$ $/;
    await waitOut(0, prompt, "the first prompt");
    const t: Term = {
      m, out, done: session.done,
      async type(keys, cond = /\$ $|# $/, what = "a prompt") {
        const from = out().length;
        m.consoleInput(keys);
        return waitOut(from, cond, what);
      },
    };
    await fn(t);
  } finally {
    await m.shutdown();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("the prompt shows user, host and directory; root's ends in #", async () => {
  await withShell(async (t) => {
    assert.match(await t.type("cd /etc\r"), /\r\nuser@typix:\/etc\$ $/);
    assert.match(await t.type("mkdir -p ~/x; cd ~/x\r"), /\r\nuser@typix:~\/x\$ $/);
    assert.match(await t.type("sudo -i\r", /# $/), /\r\nroot@typix:~# $/);
    assert.match(await t.type("exit\r", /\$ $/), /\r\nuser@typix:~\/x\$ $/);
  });
  await withShell(async (t) => {
    assert.match(await t.type("cd /tmp\r", /# $/), /\r\nroot@typix:\/tmp# $/);
  }, { user: "root" });
});

test("cat reads lines edited by the line discipline; ^D at the start of a line ends it", async () => {
  await withShell(async (t) => {
    await t.type("cat\r", /cat\r\n$/, "cat to start");
    await sleep(50);
    assert.equal(await t.type("abx\x7fc\r", /\r\nabc\r\n$/, "cat's copy"), "abx\b \bc\r\nabc\r\n");
    await t.type("gone\x15foo bar\x17baz\r", /\r\nfoo baz\r\n$/, "the line after ^U and ^W");
    await t.type("\x04");
    await t.type("echo $?\r", /\r\n0\r\n.*\$ $/);
  });
});

test("line editing at the prompt: cursor keys, ^A ^E ^U ^W ^K, history, ^C and ^D", async () => {
  await withShell(async (t) => {
    assert.match(await t.type("echo abc\x1b[D\x1b[DX\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x7f\x05Z\r"), /\r\nXbcZ\r\n/);
    assert.match(await t.type("junk\x15echo one two\x17three\r"), /\r\none three\r\n/);
    assert.match(await t.type("echo keep drop\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x0b\r"), /\r\nkeep\r\n/);
    assert.match(await t.type("\x1b[A\x1b[A\x1b[B\r"), /\r\nkeep\r\n/);
    assert.match(await t.type("\x1b[A\x1b[A\r"), /\r\none three\r\n/);
    assert.match(await t.type("partial\x03"), /partial\^C\r\nuser@typix:~\$ $/);
    assert.match(await t.type("echo $?\r"), /\r\n130\r\n/);
    // A command typed ahead, while another runs, is not lost.
    assert.match(await t.type("sleep 0.2\recho ahead\r", /ahead\r\n[^]*\$ $/), /\r\nahead\r\n/);
    await t.type("false\r");
    t.m.consoleInput("\x04");
    assert.equal(await t.done, 1);
  });
});

test("a here-document and an open quote continue on PS2 prompts", async () => {
  await withShell(async (t) => {
    await t.type("cat <<EOF\r", /> $/, "PS2");
    await t.type("one\r", /> $/, "PS2");
    assert.match(await t.type("EOF\r"), /\r\none\r\n/);
    await t.type("echo 'a\r", /> $/, "PS2");
    assert.match(await t.type("b'\r"), /\r\na\r\nb\r\n/);
  });
});

test("^C and ^\\ end the foreground job; the shell abandons the line and reports as dash", async () => {
  await withShell(async (t) => {
    await t.type("sleep 100; echo after\r", /after\r\n$/, "sleep to start");
    await sleep(100);
    assert.match(await t.type("\x03"), /^\^C\r\nuser@typix:~\$ $/);
    assert.match(await t.type("echo $?\r"), /\r\n130\r\n/);
    await t.type("sleep 100\r", /sleep 100\r\n$/, "sleep to start");
    await sleep(100);
    assert.match(await t.type("\x1c"), /^\^\\Quit\r\nuser@typix:~\$ $/);
    assert.match(await t.type("echo $?\r"), /\r\n131\r\n/);
    assert.match(await t.type("sh -c 'kill -SEGV $$'\r"), /\r\nSegmentation fault\r\n/);
    assert.match(await t.type("sh -c 'kill -KILL $$'; echo $?\r"), /\r\nKilled\r\n137\r\n/);
  });
});

test("job control: ^Z, jobs, fg, bg, & jobs and their notices in dash's format", async () => {
  await withShell(async (t) => {
    await t.type("sleep 100\r", /sleep 100\r\n$/, "sleep to start");
    await sleep(100);
    assert.match(await t.type("\x1a"), /^\^Z\[1\] \+ Stopped                    sleep 100\r\nuser@typix:~\$ $/);
    assert.match(await t.type("jobs\r"), /\r\n\[1\] \+ Stopped                    sleep 100\r\n/);
    assert.match(await t.type("bg\r"), /\r\n\[1\] sleep 100\r\n/);
    assert.match(await t.type("jobs\r"), /\r\n\[1\] \+ Running                    sleep 100\r\n/);
    await t.type("fg\r", /\r\nsleep 100\r\n$/, "fg to print the command");
    await sleep(100);
    assert.match(await t.type("\x03"), /^\^C\r\nuser@typix:~\$ $/);
    assert.match(await t.type("sleep 0.2 &\r"), /\r\n\[1\] \d+\r\n/);
    await sleep(400);
    assert.match(await t.type("\r"), /^\r\n\[1\] \+ Done                       sleep 0\.2\r\nuser@typix:~\$ $/);
    assert.match(await t.type("sleep 100 | cat &\r"), /\r\n\[1\] \d+\r\n/);
    assert.match(await t.type("jobs -l\r"), /\r\n\[1\] \+ (\d+) Running {2,}sleep 100 \|\r\n {6}\d+ {2,}cat\r\n/);
    assert.match(await t.type("fg %2\r"), /\r\n\/bin\/sh: \d+: fg: No such job: %2\r\n/);
  });
});

test("kill and wait on background jobs; ^C interrupts wait", async () => {
  await withShell(async (t) => {
    await t.type("sleep 100 &\r");
    await t.type("sleep 200 &\r");
    await t.type("kill -STOP %1\r");
    await sleep(50);
    assert.match(await t.type("\r"), /\[1\] \+ Stopped \(signal\)           sleep 100\r\n/);
    await t.type("kill -CONT %1\r");
    await sleep(50);
    assert.match(await t.type("jobs\r"), /\[1\] . Running {20}sleep 100\r\n/);
    await t.type("kill %1\r");
    await sleep(50);
    assert.match(await t.type("\r"), /\[1\] . Terminated {17}sleep 100\r\n/);
    await t.type("wait\r", /wait\r\n$/, "wait to start");
    await sleep(100);
    assert.match(await t.type("\x03"), /^\^C\r\nuser@typix:~\$ $/);
    assert.match(await t.type("echo $?\r"), /\r\n130\r\n/);
    await t.type("kill -9 %2\r");
    await sleep(50);
    assert.match(await t.type("\r"), /\[2\] \+ Killed {21}sleep 200\r\n/);
  });
});

test("a foreground pipeline is one process group holding the terminal; the shell takes it back", async () => {
  await withShell(async (t) => {
    const a = await t.type("cut -d' ' -f1,5,8 /proc/self/stat | cat\r");
    const [pid, pgrp, tpgid] = /\r\n(\d+) (\d+) (\d+)\r\n/.exec(a)!.slice(1).map(Number);
    assert.equal(pgrp, pid);
    assert.equal(tpgid, pgrp);
    const b = await t.type("true | cut -d' ' -f1,5,8 /proc/self/stat\r");
    const [pid2, pgrp2, tpgid2] = /\r\n(\d+) (\d+) (\d+)\r\n/.exec(b)!.slice(1).map(Number);
    assert.notEqual(pgrp2, pid2);
    assert.equal(tpgid2, pgrp2);
    // The shell reads the terminal again: a background reader would be stopped.
    await t.type("read x; echo got $x\r", /read x; echo got \$x\r\n$/, "read to start");
    assert.match(await t.type("hello\r"), /\r\ngot hello\r\n/);
  });
});

test("stty size is the console's size; a resize sends SIGWINCH", async () => {
  await withShell(async (t) => {
    assert.match(await t.type("stty size\r"), /\r\n30 100\r\n/);
    await t.type("trap 'echo winched' WINCH\r");
    t.m.resizeConsole(90, 25);
    await sleep(50);
    assert.match(await t.type("stty size\r"), /\r\nwinched\r\n25 90\r\n/);
  }, { cols: 100, rows: 30 });
});

test("exit N ends the session with status N; with stopped jobs, after a warning", async () => {
  await withShell(async (t) => {
    await t.type("sleep 100\r", /sleep 100\r\n$/, "sleep to start");
    await sleep(100);
    await t.type("\x1a");
    assert.match(await t.type("exit 3\r"), /\r\nYou have stopped jobs\.\r\nuser@typix:~\$ $/);
    t.m.consoleInput("exit 7\r");
    assert.equal(await t.done, 7);
  });
});

test("a shell reading a pipe runs each command as soon as it is complete", async () => {
  const m = await boot({ cmdline: "loglevel=1" });
  try {
    // All of the input at once: the shell's chunk holds it, so read gets end of file (as dash).
    const r = await m.spawn(["/bin/sh"], { stdin: "read x\necho got $x\nhello\n" });
    assert.equal(r.stdout, "got\n");
    assert.equal(r.stderr, "/bin/sh: 3: hello: not found\n");
    assert.equal(r.status, 127);
    // Input arriving a line at a time: read takes the line that follows it.
    const outs: string[] = [];
    const p = m.start(["/bin/sh"], { stdin: "pipe", onOutput: (_fd, d) => outs.push(Buffer.from(d).toString()) });
    p.writeStdin("read x\n");
    await sleep(100);
    p.writeStdin("echo got $x\n");
    await sleep(100);
    p.writeStdin("echo \"mul\nti\"; cat <<E\nbody\nE\nexit 3\necho not reached\n");
    p.closeStdin();
    const res = await p.done;
    assert.equal(res.stdout, "mul\nti\nbody\n");
    assert.equal(res.status, 3);
    // A seekable input is put back after each command: a command reading it sees what follows.
    await m.writeFile("/tmp/script", "read x\nthis is data\necho got $x\nread y\nmore\necho end $y\n");
    const f = await m.run("sh < /tmp/script");
    assert.equal(f.stdout, "got this is data\nend more\n");
  } finally {
    await m.shutdown();
  }
});

test("many programs started in a row never hang the machine (vfork and preemption)", async () => {
  const m = await boot({ cmdline: "loglevel=1" });
  try {
    const r = await m.run("i=0; while [ $i -lt 2000 ]; do /bin/true; i=$((i+1)); done; echo $i");
    assert.equal(r.stdout, "2000\n");
  } finally {
    await m.shutdown();
  }
});

test("a loop of builtins at the prompt never freezes the machine: ^C ends it, other programs run meanwhile", async () => {
  await withShell(async (t) => {
    await t.type("while true; do :; done\r", /done\r\n$/, "the loop to start");
    await sleep(300);
    // The machine answers while the shell loops.
    assert.equal((await t.m.run("echo meanwhile")).stdout, "meanwhile\n");
    assert.match(await t.type("\x03"), /^\^C\r\nuser@typix:~\$ $/);
    // Unbounded recursion: dash's limit, and the shell goes on.
    assert.match(await t.type("f(){ f; }; f\r"), /sh: \d+: Maximum function recursion depth \(1000\) reached\r\nuser@typix:~\$ $/);
    assert.match(await t.type("echo $?\r"), /\r\n2\r\n/);
  });
});

test("Tab completes commands, paths and directories; a second Tab lists the choices; ^V Tab is a tab", async () => {
  await withShell(async (t) => {
    await t.type("mkdir -p ~/proj/src && touch ~/proj/src/hello.c ~/proj/src/help.txt ~/proj/Makefile\r");
    // A unique command gets a space after it.
    await t.type("unam\t-r\r", /\r\n6\.6\.0-typix\r\n.*\$ $/, "uname -r");
    // A directory goes on with "/"; "hel" is all the two files share (the bell), a second Tab
    // lists them, then "lo" makes it unique.
    const out = await t.type("ls pr\ts\thel\t\tlo\t\r", /\r\nproj\/src\/hello\.c\r\n.*\$ $/);
    assert.match(out, /\x07/);
    assert.match(out, /\nhello\.c {3}help\.txt\r\n/);
    // A command's name from PATH, and no match at all: the bell.
    await t.type("ech\thi\r", /\r\nhi\r\n.*\$ $/, "echo hi");
    await t.type("nosuchcmd\t", /\x07/, "the bell");
    await t.type("\x15\r");
    // ^V then Tab: a literal tab in the line.
    await t.type("printf 'a\x16\tb' | od -c | head -1\r", /0000000 +a +\\t +b\r\n.*\$ $/);
  });
});

// ---- the typix command in a real terminal ----

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TYPIX = fileURLToPath(new URL("../../bin/typix.js", import.meta.url));
const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;

/** A tmux server of its own running typix in a 100x30 window, for the duration of fn. */
async function inTmux(args: string, fn: (keys: (...k: string[]) => void, waitFor: (what: string, cond: (s: string) => boolean) => Promise<string>, tmux: (...a: string[]) => string) => Promise<void>): Promise<void> {
  const server = `typix-it-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmux = (...a: string[]) => execFileSync("tmux", ["-L", server, ...a], { encoding: "utf8" });
  const pane = () => tmux("capture-pane", "-p", "-t", "t");
  const waitFor = async (what: string, cond: (s: string) => boolean) => {
    const end = Date.now() + 15000;
    for (;;) {
      const s = pane();
      if (cond(s)) return s;
      if (Date.now() > end) assert.fail(`timed out waiting for ${what}; screen:\n${s}`);
      await sleep(50);
    }
  };
  try {
    tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", "-c", ROOT,
      `${process.execPath} ${TYPIX} ${args}; echo "typix exited with $?"; sleep 60`);
    await fn((...k) => { tmux("send-keys", "-t", "t", ...k); }, waitFor, tmux);
  } finally {
    try { tmux("kill-server"); } catch { /* already gone */ }
  }
}

const skip = !hasTmux && "tmux is not installed";
const lines = (s: string) => s.split("\n").map((l) => l.trimEnd());

test("typix in a terminal: prompt, cd, ^Z and fg, ^C, exit status", { skip }, async () => {
  await inTmux("", async (keys, waitFor) => {
    await waitFor("the prompt", (s) => lines(s).includes("user@typix:~$"));
    keys("cd /etc", "Enter");
    await waitFor("the new directory in the prompt", (s) => lines(s).includes("user@typix:/etc$"));
    keys("sleep 100", "Enter");
    await waitFor("sleep", (s) => lines(s).includes("user@typix:/etc$ sleep 100"));
    await sleep(200);
    keys("C-z");
    await waitFor("the stopped job", (s) => lines(s).includes("^Z[1] + Stopped                    sleep 100"));
    keys("fg", "Enter");
    await waitFor("fg", (s) => lines(s).includes("sleep 100"));
    await sleep(200);
    keys("C-c");
    await waitFor("the prompt after ^C", (s) => s.trimEnd().endsWith("^C\nuser@typix:/etc$"));
    keys("exit 7", "Enter");
    await waitFor("typix to end", (s) => /typix exited with 7/.test(s));
  });
});

test("typix in a terminal: stty size follows the window; --user root", { skip }, async () => {
  await inTmux("--user root", async (keys, waitFor, tmux) => {
    await waitFor("root's prompt", (s) => lines(s).includes("root@typix:~#"));
    keys("stty size", "Enter");
    await waitFor("the size", (s) => lines(s).includes("30 100"));
    tmux("resize-window", "-t", "t", "-x", "80", "-y", "24");
    await sleep(300);
    keys("stty size", "Enter");
    await waitFor("the new size", (s) => lines(s).includes("24 80"));
    // A line longer than the window wraps; editing its start redraws it in place.
    const long = "echo " + "a".repeat(90);
    keys(long, "C-a", "Right", "Right", "Right", "Right", "Right", "X", "Enter");
    const screen = await waitFor("the long line's output", (s) => s.includes("Xaaa"));
    const shown = lines(screen);
    const at = shown.indexOf("root@typix:~# echo X" + "a".repeat(80 - 20));
    assert.ok(at >= 0, screen);
    assert.equal(shown[at + 1], "a".repeat(30));
    assert.equal(shown[at + 2], "X" + "a".repeat(79));
    keys("C-d");
    await waitFor("typix to end", (s) => /typix exited with 0/.test(s));
  });
});

test("typix in a terminal: sudo reboot brings up the new kernel and a new login shell, the files kept", { skip }, async () => {
  await inTmux("", async (keys, waitFor) => {
    await waitFor("the prompt", (s) => lines(s).includes("user@typix:~$"));
    keys("echo kept > ~/mark; sudo reboot", "Enter");
    await waitFor("the restart", (s) => s.includes("reboot: Restarting system"));
    await waitFor("a new prompt", (s) => lines(s).filter((l) => l === "user@typix:~$").length >= 1 && s.split("Restarting system")[1]?.includes("user@typix:~$"));
    keys("cat ~/mark; cut -d' ' -f1 /proc/uptime", "Enter");
    const screen = await waitFor("the file", (s) => lines(s).includes("kept"));
    assert.doesNotMatch(screen, /TypeError|typix: typix/);
    keys("exit 3", "Enter");
    await waitFor("typix to end", (s) => /typix exited with 3/.test(s));
  });
});
