// End-to-end tests of the text and utility tools (head, tail, wc, grep, sed, sort, uniq, cut,
// tr, tee, xargs, find, od, hexdump, dd, seq, yes, basename, dirname, pwd, env, which): output
// compared with what GNU coreutils, grep, sed and findutils print for the same input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

type M = Awaited<ReturnType<typeof boot>>;

async function withMachine(fn: (m: M) => Promise<void>): Promise<void> {
  const m = await boot();
  try { await fn(m); } finally { await m.shutdown(); }
}

/** Where each tool is installed (a bare argv[0] is run from its directory, so messages say "tool:"). */
const BIN = new Set(["grep", "sed", "dd", "pwd", "ls", "cp", "mv", "rm", "ln", "mkdir", "rmdir", "chmod", "chown", "touch", "cat", "echo"]);

/** Split a simple command line (quotes and backslashes only); null when it needs the shell. */
function words(cmd: string): string[] | null {
  const out: string[] = [];
  let cur = "", have = false;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (c === "'") { const e = cmd.indexOf("'", i + 1); cur += cmd.slice(i + 1, e); i = e; have = true; }
    else if (c === '"') { const e = cmd.indexOf('"', i + 1); const v = cmd.slice(i + 1, e); if (/[$`\\]/.test(v)) return null; cur += v; i = e; have = true; }
    else if (c === "\\") { cur += cmd[++i]; have = true; }
    else if (c === " ") { if (have) out.push(cur); cur = ""; have = false; }
    else if ("|;&<>$()`*?~".includes(c)) return null;
    else { cur += c; have = true; }
  }
  if (have) out.push(cur);
  return out;
}

/** Run a command line (simple ones directly, others through sh); returns [stdout, stderr, status]. */
async function sh(m: M, cmd: string, stdin?: string): Promise<[string, string, number]> {
  // "echo ... | cmd" and "printf '...' | cmd" feed cmd's standard input directly.
  const pipe = /^(echo|printf) ([^|]*?) \| ([^|]*)$/.exec(cmd);
  if (pipe && stdin === undefined) {
    const w = words(pipe[2]);
    if (w && words(pipe[3]) && !(pipe[1] === "printf" && (w.length !== 1 || w[0].includes("%")))) {
      stdin = pipe[1] === "echo" ? w.join(" ") + "\n" : w[0].replace(/\\(n|0|\\)/g, (_x, e: string) => (e === "n" ? "\n" : e === "0" ? "\0" : "\\"));
      cmd = pipe[3];
    }
  }
  const argv = words(cmd);
  const r = argv ? await m.spawn(argv, { user: "root", stdin, cwd: BIN.has(argv[0]) ? "/bin" : "/usr/bin" }) : await m.run(cmd, { user: "root", stdin });
  return [r.stdout, r.stderr, r.status];
}

const LINES = "one\ntwo words\nthree\nfour five six\nfive\n";

test("head and tail: counts, negative and plus forms, bytes, headers", () => withMachine(async (m) => {
  await m.writeFile("/tmp/f", LINES);
  await m.writeFile("/tmp/g", "alpha\nbeta");
  assert.deepEqual(await sh(m, "head -n 2 /tmp/f /tmp/g"), ["==> /tmp/f <==\none\ntwo words\n\n==> /tmp/g <==\nalpha\nbeta", "", 0]);
  assert.equal((await sh(m, "head -n -3 /tmp/f"))[0], "one\ntwo words\n");
  assert.equal((await sh(m, "head -c 5 /tmp/f"))[0], "one\nt");
  assert.equal((await sh(m, "head -2 /tmp/f"))[0], "one\ntwo words\n");
  assert.equal((await sh(m, "yes | head -n 3"))[0], "y\ny\ny\n");
  assert.equal((await sh(m, "tail -n 2 /tmp/f"))[0], "four five six\nfive\n");
  assert.equal((await sh(m, "tail -n +4 /tmp/f"))[0], "four five six\nfive\n");
  assert.equal((await sh(m, "tail -c 3 /tmp/g"))[0], "eta");
  assert.equal((await sh(m, "seq 20 | tail -3"))[0], "18\n19\n20\n");
  assert.deepEqual(await sh(m, "head /tmp/none"), ["", "head: cannot open '/tmp/none' for reading: No such file or directory\n", 1]);
}));

test("wc: counts, totals and GNU's column widths", () => withMachine(async (m) => {
  await m.writeFile("/tmp/f", LINES);
  await m.writeFile("/tmp/g", "alpha\nbeta");
  assert.equal((await sh(m, "wc /tmp/f"))[0], " 5  8 39 /tmp/f\n");
  assert.equal((await sh(m, "wc -l /tmp/f"))[0], "5 /tmp/f\n");
  assert.equal((await sh(m, "wc /tmp/f /tmp/g"))[0], " 5  8 39 /tmp/f\n 1  2 10 /tmp/g\n 6 10 49 total\n");
  assert.equal((await sh(m, "cat /tmp/f | wc"))[0], "      5       8      39\n");
  assert.equal((await sh(m, "wc -l < /tmp/f"))[0], "5\n");
  await m.writeFile("/tmp/u", "h\u00e9\n");
  assert.equal((await sh(m, "wc -mc < /tmp/u"))[0], "3 4\n");
  assert.deepEqual(await sh(m, "wc /tmp/none"), ["", "wc: /tmp/none: No such file or directory\n", 1]);
}));

test("grep: basic and extended regexes, options and exit statuses", () => withMachine(async (m) => {
  await m.writeFile("/tmp/f", LINES);
  await m.writeFile("/tmp/g", "alpha\nbeta\n");
  assert.deepEqual(await sh(m, "grep -n f /tmp/f"), ["4:four five six\n5:five\n", "", 0]);
  assert.equal((await sh(m, "grep -c e /tmp/f /tmp/g"))[0], "/tmp/f:4\n/tmp/g:1\n");
  assert.equal((await sh(m, "grep -E '^(one|five)$' /tmp/f"))[0], "one\nfive\n");
  assert.equal((await sh(m, "grep '^t\\(w\\|h\\)' /tmp/f"))[0], "two words\nthree\n");
  assert.equal((await sh(m, "grep -ow 'f[[:alpha:]]*' /tmp/f"))[0], "four\nfive\nfive\n");
  assert.equal((await sh(m, "grep -v e /tmp/f"))[0], "two words\n");
  assert.equal((await sh(m, "grep -x five /tmp/f"))[0], "five\n");
  assert.equal((await sh(m, "grep -F 'o w' /tmp/f"))[0], "two words\n");
  assert.equal((await sh(m, "grep -l alpha /tmp/f /tmp/g"))[0], "/tmp/g\n");
  assert.equal((await sh(m, "grep -L alpha /tmp/f /tmp/g"))[0], "/tmp/f\n");
  assert.equal((await sh(m, "grep -h a /tmp/g /tmp/g"))[0], "alpha\nbeta\nalpha\nbeta\n");
  assert.deepEqual(await sh(m, "grep -q six /tmp/f"), ["", "", 0]);
  assert.deepEqual(await sh(m, "grep zzz /tmp/f"), ["", "", 1]);
  assert.deepEqual(await sh(m, "grep x /tmp/none"), ["", "grep: /tmp/none: No such file or directory\n", 2]);
  assert.deepEqual(await sh(m, "grep -s x /tmp/none"), ["", "", 2]);
  assert.deepEqual(await sh(m, "grep -E 'a(' /tmp/f"), ["", "grep: Unmatched ( or \\(\n", 2]);
  await sh(m, "mkdir -p /tmp/r/s && echo needle > /tmp/r/s/x && echo hay > /tmp/r/y");
  assert.equal((await sh(m, "grep -r needle /tmp/r"))[0], "/tmp/r/s/x:needle\n");
  assert.equal((await sh(m, "cd /tmp/r && grep -r needle"))[0], "s/x:needle\n");
  assert.equal((await sh(m, "echo abc | grep b"))[0], "abc\n");
}));

test("grep -v and -i select the other lines", () => withMachine(async (m) => {
  await m.writeFile("/tmp/f", LINES);
  assert.equal((await sh(m, "grep -vi E /tmp/f"))[0], "two words\n");
  assert.equal((await sh(m, "grep -ci FIVE /tmp/f"))[0], "2\n");
}));

test("sed: s with flags, addresses, ranges, d p q y a i c, -n -e -i -E", () => withMachine(async (m) => {
  await m.writeFile("/tmp/f", LINES);
  assert.equal((await sh(m, "sed 's/o/0/g' /tmp/f"))[0], "0ne\ntw0 w0rds\nthree\nf0ur five six\nfive\n");
  assert.equal((await sh(m, "sed 's/o/0/2' /tmp/f"))[0], "one\ntwo w0rds\nthree\nfour five six\nfive\n");
  assert.equal((await sh(m, "sed -n '2,3p' /tmp/f"))[0], "two words\nthree\n");
  assert.equal((await sh(m, "sed -n '$p' /tmp/f"))[0], "five\n");
  assert.equal((await sh(m, "sed '/two/,/four/d' /tmp/f"))[0], "one\nfive\n");
  assert.equal((await sh(m, "sed -e 1d -e 's|\\(f\\)\\(o\\)|\\2\\1|' /tmp/f"))[0], "two words\nthree\nofur five six\nfive\n");
  assert.equal((await sh(m, "sed -E 's/(\\w+) (\\w+)/[\\2 \\1]/' /tmp/f"))[0], "one\n[words two]\nthree\n[five four] six\nfive\n");
  assert.equal((await sh(m, "sed 's/T/x/Ig; s/e$/&&/' /tmp/f"))[0], "onee\nxwo words\nxhreee\nfour five six\nfivee\n");
  assert.equal((await sh(m, "sed '$!N;s/\\n/+/' /tmp/f"))[0], "one+two words\nthree+four five six\nfive\n");
  assert.equal((await sh(m, "sed 2q /tmp/f"))[0], "one\ntwo words\n");
  assert.equal((await sh(m, "sed -n '/f/{p;q}' /tmp/f"))[0], "four five six\n");
  assert.equal((await sh(m, "echo hello | sed 'y/abcdefghij/ABCDEFGHIJ/'"))[0], "HEllo\n");
  assert.equal((await sh(m, "printf 'a\\nb\\n' | sed '1i\\\nfirst\n2a last\n1c changed'"))[0], "first\nchanged\nb\nlast\n");
  assert.equal((await sh(m, "printf 'a\\nb' | sed '$a end'"))[0], "a\nb\nend\n");
  assert.equal((await sh(m, "printf 'a\\nb' | sed p"))[0], "a\na\nb\nb");
  assert.equal((await sh(m, "seq 3 | sed -n '='"))[0], "1\n2\n3\n");
  await sh(m, "sed -i 's/one/ONE/' /tmp/f");
  assert.equal(await m.readTextFile("/tmp/f"), LINES.replace("one", "ONE"));
  assert.deepEqual(await sh(m, "sed k /tmp/f"), ["", "sed: -e expression #1, char 1: unknown command: `k'\n", 1]);
  assert.deepEqual(await sh(m, "sed 's/a/b' /tmp/f"), ["", "sed: -e expression #1, char 5: unterminated `s' command\n", 1]);
}));

test("sort and uniq", () => withMachine(async (m) => {
  await m.writeFile("/tmp/s", "b 2\na 10\nc 1\nB 3\na 10\n");
  assert.equal((await sh(m, "sort /tmp/s"))[0], "B 3\na 10\na 10\nb 2\nc 1\n");
  assert.equal((await sh(m, "sort -n -k2 /tmp/s"))[0], "c 1\nb 2\nB 3\na 10\na 10\n");
  assert.equal((await sh(m, "sort -rn -k 2,2 /tmp/s"))[0], "a 10\na 10\nB 3\nb 2\nc 1\n");
  assert.equal((await sh(m, "sort -u /tmp/s"))[0], "B 3\na 10\nb 2\nc 1\n");
  assert.equal((await sh(m, "sort -f -u /tmp/s"))[0], "a 10\nb 2\nB 3\nc 1\n");
  assert.equal((await sh(m, "printf '1:z\\n2:y\\n' | sort -t: -k2"))[0], "2:y\n1:z\n");
  assert.equal((await sh(m, "printf '2K\\n1M\\n3\\n' | sort -h"))[0], "3\n2K\n1M\n");
  assert.equal((await sh(m, "printf 'a\\na\\nb\\nc\\nc\\nc\\n' | uniq -c"))[0], "      2 a\n      1 b\n      3 c\n");
  assert.equal((await sh(m, "printf 'a\\na\\nb\\n' | uniq -d"))[0], "a\n");
  assert.equal((await sh(m, "printf 'a\\na\\nb\\n' | uniq -u"))[0], "b\n");
  assert.equal((await sh(m, "printf 'a\\nA\\nb\\n' | uniq -i"))[0], "a\nb\n");
}));

test("cut, tr, tee", () => withMachine(async (m) => {
  assert.equal((await sh(m, "printf 'a:b:c:d\\nnone\\n' | cut -d: -f1,3"))[0], "a:c\nnone\n");
  assert.equal((await sh(m, "printf 'a:b:c:d\\nnone\\n' | cut -s -d: -f2-"))[0], "b:c:d\n");
  assert.equal((await sh(m, "echo hello | cut -c2-3"))[0], "el\n");
  assert.equal((await sh(m, "echo hello | cut -b -2,4-"))[0], "helo\n");
  assert.deepEqual(await sh(m, "echo x | cut"), ["", "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n", 1]);
  assert.equal((await sh(m, "echo hello | tr a-z A-Z"))[0], "HELLO\n");
  assert.equal((await sh(m, "echo hello | tr '[:lower:]' '[:upper:]'"))[0], "HELLO\n");
  assert.equal((await sh(m, "echo a1b2 | tr -d '[:digit:]'"))[0], "ab\n");
  assert.equal((await sh(m, "echo 'a   b  c' | tr -s ' '"))[0], "a b c\n");
  assert.equal((await sh(m, "echo 'Hi there!' | tr -cd 'a-z\\n'"))[0], "ithere\n");
  assert.equal((await sh(m, "echo abc | tr abc x"))[0], "xxx\n");
  assert.deepEqual(await sh(m, "tr a"), ["", "tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n", 1]);
  assert.equal((await sh(m, "echo data | tee /tmp/t1 /tmp/t2"))[0], "data\n");
  await sh(m, "echo more | tee -a /tmp/t1");
  assert.equal(await m.readTextFile("/tmp/t1"), "data\nmore\n");
  assert.equal(await m.readTextFile("/tmp/t2"), "data\n");
}));

test("xargs: batching, -I, -0, and GNU's exit statuses", () => withMachine(async (m) => {
  assert.equal((await sh(m, "echo a b c d e | xargs -n 2 echo"))[0], "a b\nc d\ne\n");
  assert.equal((await sh(m, "printf 'x\\ny\\n' | xargs -I {} echo '<{}>'"))[0], "<x>\n<y>\n");
  assert.equal((await sh(m, "printf 'a b\\0c\\0' | xargs -0 echo"))[0], "a b c\n");
  assert.equal((await sh(m, "echo \"'a b'\" c | xargs -n1"))[0], "a b\nc\n");
  assert.deepEqual(await sh(m, "echo a | xargs nosuchcmd"), ["", "xargs: nosuchcmd: No such file or directory\n", 127]);
  assert.equal((await sh(m, "echo a | xargs false"))[2], 123);
  assert.equal((await sh(m, "echo a | xargs sh -c 'exit 255'"))[2], 124);
  assert.equal((await sh(m, "true | xargs -r echo x"))[0], "");
  assert.equal((await sh(m, "true | xargs echo x"))[0], "x\n");
}));

test("find: tests, operators, actions", () => withMachine(async (m) => {
  await sh(m, "mkdir -p /tmp/ft/sub && echo x > /tmp/ft/a.txt && touch /tmp/ft/sub/b.TXT /tmp/ft/c.sh && chmod 755 /tmp/ft/c.sh");
  assert.equal((await sh(m, "find /tmp/ft"))[0], "/tmp/ft\n/tmp/ft/a.txt\n/tmp/ft/c.sh\n/tmp/ft/sub\n/tmp/ft/sub/b.TXT\n");
  assert.equal((await sh(m, "find /tmp/ft -name '*.txt'"))[0], "/tmp/ft/a.txt\n");
  assert.equal((await sh(m, "find /tmp/ft -iname '*.txt'"))[0], "/tmp/ft/a.txt\n/tmp/ft/sub/b.TXT\n");
  assert.equal((await sh(m, "find /tmp/ft -type d"))[0], "/tmp/ft\n/tmp/ft/sub\n");
  assert.equal((await sh(m, "find /tmp/ft -mindepth 1 -maxdepth 1 ! -type d"))[0], "/tmp/ft/a.txt\n/tmp/ft/c.sh\n");
  assert.equal((await sh(m, "find /tmp/ft \\( -name a.txt -o -name c.sh \\) -print"))[0], "/tmp/ft/a.txt\n/tmp/ft/c.sh\n");
  assert.equal((await sh(m, "find /tmp/ft -type f -empty"))[0], "/tmp/ft/c.sh\n/tmp/ft/sub/b.TXT\n");
  assert.equal((await sh(m, "find /tmp/ft -perm -111 -type f"))[0], "/tmp/ft/c.sh\n");
  assert.equal((await sh(m, "find /tmp/ft -size +0 -type f"))[0], "/tmp/ft/a.txt\n");
  assert.equal((await sh(m, "find /tmp/ft -name '*.sh' -exec echo F {} \\;"))[0], "F /tmp/ft/c.sh\n");
  assert.equal((await sh(m, "find /tmp/ft -type f -exec echo {} +"))[0], "/tmp/ft/a.txt /tmp/ft/c.sh /tmp/ft/sub/b.TXT\n");
  assert.equal((await sh(m, "find /tmp/ft -name a.txt -print0"))[0], "/tmp/ft/a.txt\0");
  assert.deepEqual(await sh(m, "find /tmp/none"), ["", "find: '/tmp/none': No such file or directory\n", 1]);
  assert.deepEqual(await sh(m, "find /tmp -bogus"), ["", "find: unknown predicate `-bogus'\n", 1]);
  await sh(m, "find /tmp/ft/sub -delete");
  assert.equal((await sh(m, "find /tmp/ft"))[0], "/tmp/ft\n/tmp/ft/a.txt\n/tmp/ft/c.sh\n");
}));

test("od, hexdump", () => withMachine(async (m) => {
  await m.writeFile("/tmp/h", "hello world\n");
  assert.equal((await sh(m, "od /tmp/h"))[0], "0000000 062550 066154 020157 067567 066162 005144\n0000014\n");
  assert.equal((await sh(m, "od -c /tmp/h"))[0], "0000000   h   e   l   l   o       w   o   r   l   d  \\n\n0000014\n");
  assert.equal((await sh(m, "od -An -t x1 /tmp/h"))[0], " 68 65 6c 6c 6f 20 77 6f 72 6c 64 0a\n");
  assert.equal((await sh(m, "od -A d -t d2 -N 4 /tmp/h"))[0], "0000000  25960  27756\n0000004\n");
  assert.equal((await sh(m, "od -x /tmp/h"))[0], "0000000 6568 6c6c 206f 6f77 6c72 0a64\n0000014\n");
  await m.writeFile("/tmp/z", new Uint8Array(48));
  assert.equal((await sh(m, "od -t x1 /tmp/z"))[0], `0000000${" 00".repeat(16)}\n*\n0000060\n`);
  assert.equal((await sh(m, "od -v -A n -t x1 /tmp/z"))[0], `${" 00".repeat(16)}\n`.repeat(3));
  assert.equal((await sh(m, "hexdump -C /tmp/z"))[0], "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n00000030\n");
  assert.equal((await sh(m, "hexdump -C /tmp/h"))[0], "00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |hello world.|\n0000000c\n");
  assert.equal((await sh(m, "hexdump /tmp/h"))[0], "0000000 6568 6c6c 206f 6f77 6c72 0a64\n000000c\n");
}));

test("dd: blocks, counts, skip/seek, conv=notrunc, and the statistics", () => withMachine(async (m) => {
  await m.writeFile("/tmp/h", "hello world\n");
  const [out, err, st] = await sh(m, "dd if=/tmp/h of=/tmp/h2 bs=5");
  assert.equal(out, "");
  assert.equal(st, 0);
  assert.match(err, /^2\+1 records in\n2\+1 records out\n12 bytes copied, [0-9.e-]+ s, [0-9.]+ [kMG]?B\/s\n$/);
  assert.equal(await m.readTextFile("/tmp/h2"), "hello world\n");
  assert.deepEqual(await sh(m, "dd if=/tmp/h bs=4 count=1 skip=1 status=none"), ["o wo", "", 0]);
  assert.equal((await sh(m, "dd if=/tmp/h bs=1 count=2 status=noxfer 2>&1 >/dev/null"))[0], "2+0 records in\n2+0 records out\n");
  await sh(m, "printf XY | dd of=/tmp/h2 bs=1 seek=2 conv=notrunc status=none");
  assert.equal(await m.readTextFile("/tmp/h2"), "heXYo world\n");
  assert.match((await sh(m, "dd if=/tmp/h bs=1k count=2 | wc -c"))[1], /^0\+1 records in\n0\+1 records out\n/);
  await sh(m, "seq 1000 > /tmp/big");
  assert.match((await sh(m, "dd if=/tmp/big of=/dev/null bs=1024"))[1], /\n3893 bytes \(3\.9 kB, 3\.8 KiB\) copied, /);
  assert.deepEqual(await sh(m, "dd bogus"), ["", "dd: unrecognized operand 'bogus'\nTry 'dd --help' for more information.\n", 1]);
  assert.equal((await sh(m, "dd if=/tmp/none"))[1], "dd: failed to open '/tmp/none': No such file or directory\n");
}));

test("seq, yes, basename, dirname, pwd, env, which", () => withMachine(async (m) => {
  assert.equal((await sh(m, "seq 3"))[0], "1\n2\n3\n");
  assert.equal((await sh(m, "seq -w 8 10"))[0], "08\n09\n10\n");
  assert.equal((await sh(m, "seq -s, 1 2 7"))[0], "1,3,5,7\n");
  assert.equal((await sh(m, "seq 0.5 0.5 2"))[0], "0.5\n1.0\n1.5\n2.0\n");
  assert.equal((await sh(m, "seq -f %03g 2"))[0], "001\n002\n");
  assert.equal((await sh(m, "seq 5 -1 3"))[0], "5\n4\n3\n");
  assert.equal((await sh(m, "yes abc | head -2"))[0], "abc\nabc\n");
  assert.equal((await sh(m, "basename /a/b.txt .txt; basename -a /x/y/ z; basename -s .c a.c b.c"))[0], "b\ny\nz\na\nb\n");
  assert.equal((await sh(m, "dirname /a/b c / a/b/"))[0], "/a\n.\n/\na\n");
  assert.equal((await sh(m, "cd /etc && pwd && pwd -P"))[0], "/etc\n/etc\n");
  assert.equal((await sh(m, "env -i A=1 B=2"))[0], "A=1\nB=2\n");
  assert.equal((await sh(m, "env -i X=1 env"))[0], "X=1\n");
  assert.equal((await sh(m, "A=1 env -u A env | grep -c '^A='"))[0], "0\n");
  assert.deepEqual(await sh(m, "env nosuchcmd"), ["", "env: 'nosuchcmd': No such file or directory\n", 127]);
  assert.deepEqual(await sh(m, "which ls sed nope"), ["/bin/ls\n/bin/sed\n", "", 1]);
}));

test("usage errors: invalid options and --help", () => withMachine(async (m) => {
  assert.deepEqual(await sh(m, "head -y"), ["", "head: invalid option -- 'y'\nTry 'head --help' for more information.\n", 1]);
  assert.deepEqual(await sh(m, "grep -y -Z x /dev/null"), ["", "grep: invalid option -- 'Z'\nTry 'grep --help' for more information.\n", 2]);
  assert.deepEqual(await sh(m, "sort --bogus"), ["", "sort: unrecognized option '--bogus'\nTry 'sort --help' for more information.\n", 2]);
  assert.deepEqual(await sh(m, "cut -f"), ["", "cut: option requires an argument -- 'f'\nTry 'cut --help' for more information.\n", 1]);
  assert.deepEqual(await sh(m, "wc --li /dev/null"), ["0 /dev/null\n", "", 0]);
  for (const tool of ["head", "tail", "wc", "grep", "sed", "sort", "uniq", "cut", "tr", "tee", "xargs", "od", "hexdump", "dd", "seq", "basename", "dirname", "pwd", "env", "cp", "mv", "rm", "ln", "mkdir", "rmdir", "touch", "chmod", "chown", "stat", "find"]) {
    const [out, , st] = await sh(m, `${tool} --help`);
    assert.match(out, /Usage:/, tool);
    assert.equal(st, 0, tool);
  }
}));
