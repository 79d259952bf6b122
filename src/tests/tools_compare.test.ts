// egrep, fgrep, readlink and cmp against the host's GNU grep, coreutils and diffutils: the same
// files, the same command lines, the same output, messages and statuses.
import { test, before, after } from "node:test";
import { HostCompare } from "./host_compare.js";

const hc = new HostCompare("/tmp/cmpt");
before(() => hc.start());
after(() => hc.stop());

test("egrep and fgrep are grep -E and grep -F", async () => {
  const files = { t: "a+b\naab\nfoo|bar\nbar\n" };
  await hc.same("g", files, "egrep 'a+b|^bar' t; fgrep 'a+b' t; fgrep -c '|' t; egrep -n 'x{2,}' t; echo $?");
});

test("readlink: a link's target, -f -e -m canonical names, errors only with -v", async () => {
  const setup = "mkdir -p d/s && : > d/s/f && ln -sf s d/l && ln -sf ../d/l/f d/rel && ln -sf loop2 d/loop1 && ln -sf loop1 d/loop2 && ln -sf /nonexistent d/abs; ";
  await hc.same("r", {}, setup + "readlink d/l d/rel d/abs; readlink d/s; echo $?; readlink -v d/s d/none; echo $?");
  await hc.same("r", {}, setup + "readlink -f d/rel | sed \"s|$PWD|PWD|\"; readlink -f d/l/none | sed \"s|$PWD|PWD|\"; readlink -f d/none/x; echo $?");
  await hc.same("r", {}, setup + "readlink -e d/rel | sed \"s|$PWD|PWD|\"; readlink -e d/l/none; echo $?; readlink -m /a/../b/./c//d; readlink -m d/s/f/x | sed \"s|$PWD|PWD|\"");
  await hc.same("r", {}, setup + "readlink -fv d/loop1; echo $?; readlink -ev d/s/f/x; echo $?; readlink -n d/l; readlink -n d/l d/l; readlink; echo $?");
});

test("cmp: the first difference, -l, -s, EOF on the shorter file, standard input, errors", async () => {
  const files = { a: "x\ny\nz", b: "x\ny\nq", c: "x\n", d: "x\nmore", e: "", big: "0123456789".repeat(30), big2: "0123456789".repeat(15) + "A" + "0123456789".repeat(15).slice(1) };
  await hc.same("c", files, "cmp a b; echo $?; cmp a a; echo $?; cmp -s a b; echo $?; cmp -l a b; cmp -l big big2");
  await hc.same("c", files, "cmp c d; echo $?; cmp e d; cmp -l c d; echo $?; cmp d c; cmp -s c d; echo $?");
  await hc.same("c", files, "cmp a - < b; cmp a nope; echo $?; cmp -s a nope; echo $?; cmp; echo $?; cmp a b c d e; echo $?");
});
