// less, more and nano on the console as a learner uses them: the first screen and its prompt
// line, moving and searching, quitting back to a working prompt; copying when standard output
// is not a terminal; editing a file in nano and saving it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";

const ESC_SEQ = /\x1b\[[?0-9;]*[A-Za-z]/g;

interface Term {
  m: Machine;
  /** The console's output since the mark, escape sequences removed. */
  since(mark: number): string;
  /** The raw output's length now. */
  mark(): number;
  /** Type keys, then wait until the output after this point satisfies cond. */
  type(keys: string, cond: RegExp, what: string): Promise<string>;
}

async function withShell(fn: (t: Term) => Promise<void>): Promise<void> {
  const m = await boot({ cmdline: "loglevel=1" });
  try {
    let raw = "";
    m.onConsoleOutput((d) => { raw += Buffer.from(d).toString(); });
    m.openConsole({ cols: 80, rows: 24 });
    const since = (from: number) => raw.slice(from).replace(/\x1b\[\d+;\d+H/g, "\n").replace(ESC_SEQ, "");
    const wait = async (from: number, cond: RegExp, what: string) => {
      const end = Date.now() + 5000;
      for (;;) {
        const s = since(from);
        if (cond.test(s)) return s;
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}; console: ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    await wait(0, /\$ $/, "the first prompt");
    const t: Term = {
      m, since, mark: () => raw.length,
      async type(keys, cond, what) { const from = raw.length; m.consoleInput(keys); return wait(from, cond, what); },
    };
    await fn(t);
  } finally {
    await m.shutdown();
  }
}

const PROMPT = /user@typix:~\$ $/;

test("less shows the first screen with the file's name, pages, searches, and q gives back the prompt", async () => {
  await withShell(async (t) => {
    await t.type("seq 1 100 > n.txt\r", PROMPT, "the prompt");
    let s = await t.type("less n.txt\r", /\n23\nn\.txt$/, "less's first prompt");
    assert.match(s, /\b1\b[^]*\b23\b/);
    assert.doesNotMatch(s.slice(s.indexOf("less n.txt") + 10), /\b24\b/);
    s = await t.type(" ", /\n46\n:$/, "the second screen");
    assert.match(s, /\b24\b[^]*\b46\b/);
    s = await t.type("G", /\(END\)\s*$/, "the end");
    assert.match(s, /\b100\b/);
    await t.type("g", /\n23\n:$/, "the top");
    s = await t.type("/^77\r", /\n99\n:$/, "the search");
    assert.match(s, /\n77\n78\n/);
    await t.type("q", PROMPT, "the prompt after q");
    // The terminal is back in canonical mode with echo.
    assert.match(await t.type("echo ok\r", PROMPT, "echo"), /echo ok\r\nok\r\n/);
  });
});

test("less and more copy their input when standard output is not a terminal", async () => {
  await withShell(async (t) => {
    await t.type("printf 'a\\nb\\n' > ab.txt; seq 3 | less > o1; less ab.txt | cat > o2; more ab.txt > o3; seq 2 | more | cat > o4\r", PROMPT, "the prompt");
    assert.equal(await t.m.readTextFile("/home/user/o1"), "1\n2\n3\n");
    assert.equal(await t.m.readTextFile("/home/user/o2"), "a\nb\n");
    assert.equal(await t.m.readTextFile("/home/user/o3"), "a\nb\n");
    assert.equal(await t.m.readTextFile("/home/user/o4"), "1\n2\n");
  });
});

test("more shows a screenful and --More--(NN%), Enter a line, q quits", async () => {
  await withShell(async (t) => {
    await t.type("seq 1 100 > n.txt\r", PROMPT, "the prompt");
    let s = await t.type("more n.txt\r", /--More--\(\d+%\)$/, "more's prompt");
    assert.match(s, /\b23\r?\n--More--\(20%\)$/);
    s = await t.type("\r", /--More--\(\d+%\)$/, "a line more");
    assert.match(s, /24\r?\n--More--\(21%\)$/);
    await t.type("q", PROMPT, "the prompt after q");
  });
});

test("nano: a new file, typing, ^O writes it (0666 & ~umask), ^X exits", async () => {
  await withShell(async (t) => {
    let s = await t.type("nano hello.c\r", /\[ New File \][^]*Go To Line/, "nano's first screen");
    assert.match(s, /GNU nano 7\.2\s+hello\.c/);
    assert.match(s, /\^G Help\s+\^O Write Out\s+\^W Where Is\s+\^K Cut\s+\^T Execute\s+\^C Location/);
    assert.match(s, /\^X Exit\s+\^R Read File\s+\^\\ Replace\s+\^U Paste\s+\^J Justify\s+\^\/ Go To Line/);
    s = await t.type("int main(void)\r{\r\treturn 0;\r}", /\}/, "the text");
    assert.match(s, /Modified/);
    await t.type("\x0f", /File Name to Write: hello\.c/, "the write prompt");
    await t.type("\r", /\[ Wrote 4 lines \]/, "the message");
    await t.type("\x18", PROMPT, "the prompt after ^X");
    assert.equal(await t.m.readTextFile("/home/user/hello.c"), "int main(void)\n{\n\treturn 0;\n}\n");
    assert.match(await t.type("stat -c %a hello.c\r", PROMPT, "stat"), /\r\n644\r\n/);
  });
});

test("nano: ^K and ^U move a line, ^W finds, ^X asks Save modified buffer? and Y writes", async () => {
  await withShell(async (t) => {
    await t.type("printf 'one\\ntwo\\nthree\\n' > f.txt; chmod 600 f.txt\r", PROMPT, "the prompt");
    await t.type("nano f.txt\r", /\[ Read 3 lines \][^]*Go To Line/, "nano");
    await t.type("\x0b", /Modified/, "the cut");
    await t.type("\x1b[B\x15", /Go To Line/, "the paste");
    await t.type("\x17", /Search: /, "the search prompt");
    await t.type("thr\r", /Go To Line/, "the search");
    await t.type("X", /Xthree/, "typing at the match");
    await t.type("\x18", /Save modified buffer\?/, "the question");
    await t.type("y", /File Name to Write: f\.txt/, "the name");
    await t.type("\r", PROMPT, "the prompt");
    assert.equal(await t.m.readTextFile("/home/user/f.txt"), "two\none\nXthree\n");
    assert.match(await t.type("stat -c %a f.txt\r", PROMPT, "stat"), /\r\n600\r\n/);
  });
});

test("nano: a file the user may not write gives nano's error, N leaves without saving", async () => {
  await withShell(async (t) => {
    await t.type("nano /etc/hostname\r", /Go To Line/, "nano");
    await t.type("zz\x0f", /File Name to Write/, "the prompt");
    await t.type("\r", /\[ Error writing \/etc\/hostname: Permission denied \]/, "the error");
    await t.type("\x18", /Save modified buffer\?/, "the question");
    await t.type("n", PROMPT, "the prompt");
    assert.doesNotMatch(await t.m.readTextFile("/etc/hostname"), /zz/);
  });
});
