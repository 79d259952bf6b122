// Unit tests of the shell's lexer, parser, arithmetic and pattern matching.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Parser, SyntaxError_, nodeText } from "./parser.js";
import { arith } from "./arith.js";
import { matchPattern } from "./glob.js";

const parse = (s: string) => new Parser(s).parseAll();
function syntaxError(s: string): string {
  try { parse(s); } catch (e) { if (e instanceof SyntaxError_) return `${e.line}: ${e.message}`; throw e; }
  return "";
}

test("words keep their quoting and end at operators", () => {
  const [n] = parse(`echo "a b"'c'\\ d $(echo ")") \${x:-"}"}>out 2>&1`);
  assert.equal(n.t, "simple");
  if (n.t !== "simple") return;
  assert.deepEqual(n.words, ["echo", `"a b"'c'\\ d`, `$(echo ")")`, `\${x:-"}"}`]);
  assert.deepEqual(n.redirs.map((r) => [r.fd, r.op, r.target]), [[1, ">", "out"], [2, ">&", "1"]]);
});

test("lists, pipelines and and-or lists nest as POSIX says", () => {
  const [n] = parse("a | b && ! c || d & e; f");
  assert.equal(n.t, "list");
  if (n.t !== "list") return;
  assert.deepEqual(n.items.map((i) => [i.node.t, i.bg]), [["andor", true], ["simple", false], ["simple", false]]);
  const ao = n.items[0].node;
  assert.equal(ao.t === "andor" && ao.op, "||");
  assert.equal(n.items[0].node.src, "a | b && ! c || d");
});

test("compound commands, functions and case", () => {
  const nodes = parse("if a; then b; elif c; then d; else e; fi\nfor i in 1 2; do :; done\nwhile x; do y; done\nf() { g; }\ncase $v in (a|b) x;; *) ;; esac\n( sub )");
  assert.deepEqual(nodes.map((n) => n.t), ["if", "for", "loop", "func", "case", "subshell"]);
  const c = nodes[4];
  if (c.t === "case") assert.deepEqual(c.items.map((i) => i.pats), [["a", "b"], ["*"]]);
  const f = nodes[3];
  if (f.t === "func") assert.equal(f.src, "f() { g; }");
});

test("here-documents are read after their line and kept for child shells", () => {
  const [n] = parse("cat <<EOF; cat <<-'X'\nhello $u\nEOF\n\tliteral\n\tX\n");
  if (n.t !== "list") assert.fail("list expected");
  const docs = n.items.map((i) => (i.node.t === "simple" ? i.node.redirs[0].doc : undefined));
  assert.deepEqual(docs, [{ body: "hello $u\n", quoted: false }, { body: "literal\n", quoted: true }]);
  assert.match(nodeText(n), /^cat <<EOF; cat <<-'X'\nhello \$u\nEOF\nliteral\nX\n$/);
});

test("syntax errors read as dash's", () => {
  assert.equal(syntaxError("if true; then echo\n"), `2: Syntax error: end of file unexpected (expecting "fi")`);
  assert.equal(syntaxError("echo a; fi"), `1: Syntax error: "fi" unexpected`);
  assert.equal(syntaxError("if true; fi"), `1: Syntax error: "fi" unexpected (expecting "then")`);
  assert.equal(syntaxError("a && ;"), `1: Syntax error: ";" unexpected`);
  assert.equal(syntaxError("echo 'open"), `1: Syntax error: Unterminated quoted string`);
});

test("arithmetic follows C precedence with shell variables", () => {
  const vars = new Map<string, string>([["x", "5"], ["y", "2*3"]]);
  const env = { get: (k: string) => vars.get(k), set: (k: string, v: string) => void vars.set(k, v) };
  assert.equal(arith("1 + 2 * 3", env), 7n);
  assert.equal(arith("x * y", env), 30n);
  assert.equal(arith("x > 3 ? 0x10 : 010", env), 16n);
  assert.equal(arith("z = x++ , z + x", env), 11n);
  assert.equal(vars.get("x"), "6");
  assert.equal(arith("-7 / 2", env), -3n);
  assert.equal(arith("2 ** 10 | 1 << 2", env), 1028n);
  assert.throws(() => arith("1 / 0", env), /divide by zero/);
});

test("patterns: * ? brackets, classes and escapes", () => {
  assert.ok(matchPattern("*.t[sx]", "a.ts"));
  assert.ok(!matchPattern("*.t[!sx]", "a.ts"));
  assert.ok(matchPattern("?b*", "abc"));
  assert.ok(matchPattern("[[:digit:]]x", "7x"));
  assert.ok(matchPattern("a\\*", "a*"));
  assert.ok(!matchPattern("a\\*", "ab"));
});
