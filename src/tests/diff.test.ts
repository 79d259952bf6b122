// diff against GNU diffutils on the host: the same files on both sides, the same command line,
// the same output (timestamps aside, since the two sides' files were written at different
// times) and exit status. Random pairs of files check that the hunks are GNU's choice among
// equally short edit scripts.
import { test, before, after } from "node:test";
import { HostCompare } from "./host_compare.js";

const hc = new HostCompare("/tmp/diff");
before(() => hc.start());
after(() => hc.stop());
const same = hc.same.bind(hc);

test("random pairs of files: the same hunks as GNU diff in the normal, unified and context formats", async () => {
  let seed = 12345;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const file = () => {
    let s = "";
    for (let i = rnd(25); i > 0; i--) s += "abc"[rnd(3)] + "\n";
    return rnd(8) === 0 ? s + "end" : s;
  };
  for (let c = 0; c < 30; c++) {
    const files = { a: file(), b: file() };
    for (const opt of ["", "-u", "-c", "-U1", "-C0"]) await same(`r${c}`, files, `diff ${opt} a b`);
  }
});

const A = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n";
const B = "one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\nthirteen\n";

test("changes far apart make two hunks; near ones share one; identical files print nothing", async () => {
  await same("h", { a: A, b: B }, "diff a b; echo $?");
  await same("h", { a: A, b: B }, "diff -u a b; echo $?");
  await same("h", { a: A, b: B }, "diff -U 5 a b; diff --unified=8 a b; diff -2 a b");
  await same("h", { a: A, b: B }, "diff -c a b; diff --context=2 a b");
  await same("h", { a: A, b: B }, "diff a a; echo $?; diff -s a a; diff -q a b; echo $?");
  await same("h", { a: A, b: B }, "diff --label old --label new -u a b");
});

test("a missing final newline, empty files, binary files, standard input", async () => {
  const files = { a: "x\ny", b: "x\ny\n", e: "", bin1: "ab\0cd\n", bin2: "ab\0ce\n" };
  await same("n", files, "diff a b; diff -u a b; diff e a; diff -u a e; echo $?");
  await same("n", files, "diff bin1 bin2; echo $?; diff -q bin1 bin2; diff -a bin1 bin2 | od -c | head -3");
  await same("n", files, "diff - b; echo $?; diff -u b - | tail -n +3", "x\nz\n");
});

test("white space and case: -i, -b, -w", async () => {
  const files = { a: "Hello  World\nfoo bar \nx\n", b: "hello world\nfoo\tbar\nx\n" };
  await same("w", files, "diff a b; diff -i a b; diff -b a b; diff -w a b; diff -iw a b; echo $?");
});

test("directories: a file against a directory, Only in, Common subdirectories, -r and -N", async () => {
  const files = { "a/f": "1\n2\n3\n", "b/f": "1\nx\n3\n", "a/only": "o\n", "b/new": "n\n", "a/s/g": "q\n", "b/s/g": "r\n", "a/s/same": "s\n", "b/s/same": "s\n", f: "1\n" };
  await same("d", files, "diff a b; echo $?");
  await same("d", files, "diff -r a b; echo $?");
  await same("d", files, "diff -ru a b; diff -r -N -u a b; echo $?");
  await same("d", files, "diff f a; echo $?; diff -q -r a b");
});

test("errors: a missing file, missing and extra operands, bad options, as GNU diff prints them", async () => {
  const files = { a: "1\n", b: "2\n" };
  await same("e", files, "diff a nope; echo $?; diff nope a; echo $?");
  await same("e", files, "diff a; echo $?; diff; echo $?; diff a b c; echo $?");
  await same("e", files, "diff -U x a b; echo $?; diff -K a b 2>&1 | head -1; diff --bogus a b; echo $?");
  await same("e", files, "diff -N a nope; echo $?");
});
