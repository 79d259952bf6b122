// End-to-end tests of /bin/sh: a machine boots and runs command lines with sh -c.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";

let m: Machine;
before(async () => { m = await boot(); });
after(async () => { await m?.shutdown(); });

async function sh(cmd: string, stdin?: string): Promise<{ out: string; err: string; status: number }> {
  const r = await m.run(cmd, stdin === undefined ? {} : { stdin });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

test("quoting and parameter expansion", async () => {
  assert.equal((await sh(`x='a  b'; echo "$x" $x 'single $x' \\$x "q\\"q"`)).out, "a  b a b single $x $x q\"q\n");
  assert.equal((await sh(`v=hello.tar.gz; echo \${v%.*} \${v%%.*} \${v#*.} \${v##*.} \${#v}`)).out, "hello.tar hello tar.gz gz 12\n");
  assert.equal((await sh(`unset u; echo \${u:-d} \${u-e} \${u:+no}x; e=; echo \${e:-d} \${e-e}x; echo \${n:=set} $n`)).out, "d e x\nd x\nset set\n");
  assert.equal((await sh("echo $((1 + 2 * 3)) $(( (7 % 4) << 2 ))")).out, "7 12\n");
  const r = await sh(`echo \${missing:?is required}; echo after`);
  assert.equal(r.err, "/bin/sh: 1: missing: is required\n");
  assert.equal(r.status, 2);
});

test("positional parameters, $@ and field splitting", async () => {
  const r = await m.spawn(["/bin/sh", "-c", 'echo $0 $# "$1"; for a in "$@"; do echo "<$a>"; done; shift; echo "$*"', "name", "a b", "c"]);
  assert.equal(r.stdout, "name 2 a b\n<a b>\n<c>\nc\n");
  assert.equal((await sh(`IFS=:; v=a:b::c; for x in $v; do echo "($x)"; done`)).out, "(a)\n(b)\n()\n(c)\n");
  assert.equal((await sh(`set -- x "y z"; echo $#; set --; echo $# "$@"end`)).out, "2\n0 end\n");
});

test("control flow: if, loops, case, functions, break, return, local", async () => {
  assert.equal((await sh("if false; then echo a; elif true; then echo b; else echo c; fi")).out, "b\n");
  assert.equal((await sh("i=0; while [ $i -lt 5 ]; do i=$((i+1)); [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done")).out, "1\n3\n");
  assert.equal((await sh("until true; do echo no; done; for w in a b; do for v in 1 2; do echo $w$v; break 2; done; done")).out, "a1\n");
  assert.equal((await sh("case foo.c in *.h) echo h;; *.c|*.cc) echo c;; esac; case x in [!a-c]) echo nc;; esac")).out, "c\nnc\n");
  assert.equal((await sh("f() { local v=in; echo $1 $v; return 3; }; v=out; f arg; echo $? $v")).out, "arg in\n3 out\n");
});

test("redirections and here-documents", async () => {
  await sh("echo one > /tmp/sh_r; echo two >> /tmp/sh_r; echo err 2>/tmp/sh_e >&2");
  assert.equal(await m.readTextFile("/tmp/sh_r"), "one\ntwo\n");
  assert.equal(await m.readTextFile("/tmp/sh_e"), "err\n");
  assert.equal((await sh("read a < /tmp/sh_r; echo $a; { read x; read y; } < /tmp/sh_r; echo $y")).out, "one\ntwo\n");
  assert.equal((await sh("cat <<EOF\nhome=$HOME $((1+1))\nEOF\ncat <<'E'\n$HOME\nE\ncat <<-T\n\tstripped\n\tT")).out,
    "home=/home/user 2\n$HOME\nstripped\n");
  assert.equal((await sh("exec 3>/tmp/sh_3; echo via3 >&3; exec 3>&-; cat /tmp/sh_3")).out, "via3\n");
  const r = await sh("cat < /nonexistent; echo $?");
  assert.equal(r.err, "/bin/sh: 1: cannot open /nonexistent: No such file\n");
  assert.equal(r.out, "2\n");
  assert.equal((await sh("echo x > /nodir/f")).err, "/bin/sh: 1: cannot create /nodir/f: Directory nonexistent\n");
});

test("pipelines, subshells and command substitution", async () => {
  assert.equal((await sh("echo a | cat; echo b | { read y; echo got $y; }")).out, "a\ngot b\n");
  assert.equal((await sh("false | true; echo $?; true | false; echo $?; ! true; echo $?")).out, "0\n1\n1\n");
  assert.equal((await sh("x=1; (x=2; echo in $x; exit 4); echo $? $x")).out, "in 2\n4 1\n");
  assert.equal((await sh(`x=$(echo hi; false); echo "[$x] $?" "$(echo "in ner")" \`echo back\``)).out, "[hi] 1 in ner back\n");
  assert.equal((await sh("f() { echo fn $1; }; v=local; f a | cat; echo $(f b) $(echo $v)")).out, "fn a\nfn b local\n");
});

test("errors and statuses as dash reports them", async () => {
  let r = await sh("nosuch");
  assert.deepEqual([r.err, r.status], ["/bin/sh: 1: nosuch: not found\n", 127]);
  const named = await m.spawn(["/bin/sh", "-c", "\nnosuch 2>/tmp/sh_null; echo $?\nalso", "sh"]);
  assert.deepEqual([named.stderr, named.stdout], ["sh: 3: also: not found\n", "127\n"]);
  r = await sh("echo start\nif true; then\necho x");
  assert.deepEqual([r.out, r.err, r.status], ["start\n", `/bin/sh: 3: Syntax error: end of file unexpected (expecting "fi")\n`, 2]);
  r = await sh("cd /nonexistent");
  assert.deepEqual([r.err, r.status], ["/bin/sh: 1: cd: can't cd to /nonexistent\n", 2]);
  await m.writeFile("/tmp/noexec", "echo hi\n", 0o644);
  r = await sh("/tmp/noexec");
  assert.deepEqual([r.err, r.status], ["/bin/sh: 1: /tmp/noexec: Permission denied\n", 126]);
  r = await sh("exit 7");
  assert.equal(r.status, 7);
  const script = await m.spawn(["/bin/sh", "/tmp/nofile"]);
  assert.deepEqual([script.stderr, script.status], ["/bin/sh: 0: cannot open /tmp/nofile: No such file\n", 127]);
});

test("set -e, set -u, set -x", async () => {
  assert.deepEqual(await sh("set -e; false || echo ok; if false; then :; fi; ! true; echo fine; false; echo no"),
    { out: "ok\nfine\n", err: "", status: 1 });
  let r = await sh("set -u; echo $nope; echo no");
  assert.deepEqual([r.err, r.status], ["/bin/sh: 1: nope: parameter not set\n", 2]);
  r = await sh("set -x; v=1; echo $v 'a b'");
  assert.equal(r.err, "+ v=1\n+ echo 1 'a b'\n");
});

test("builtins: cd/pwd, export, readonly, eval, test, printf, read, trap, type", async () => {
  assert.equal((await sh("cd /tmp && pwd && cd / && cd - && echo $OLDPWD")).out, "/tmp\n/tmp\n/\n");
  assert.equal((await sh("export A=1; B=2; sh -c 'echo ${A}x${B}y'")).out, "1xy\n");
  const r = await sh("readonly R=1; R=2; echo no");
  assert.deepEqual([r.err, r.status], ["/bin/sh: 1: R: is read only\n", 2]);
  assert.equal((await sh("eval 'x=5; echo $((x*2))'")).out, "10\n");
  assert.equal((await sh("[ -d /tmp -a ! -f /tmp ] && test 3 -lt 10 && [ abc = abc ] && [ -n x ] && [ -z '' ] && echo yes")).out, "yes\n");
  assert.equal((await sh("[ \\( 1 -eq 2 \\) -o -e /tmp ]; echo $?; test 2 -gt 3; echo $?")).out, "0\n1\n");
  assert.equal((await sh("printf '%s-%03d|%x|%5s|\\n' a 7 255 r b 8 16 s")).out, "a-007|ff|    r|\nb-008|10|    s|\n");
  assert.equal((await sh("echo 'a\\tb\\c'; echo -n x; echo y")).out, "a\tb" + "xy\n");
  assert.equal((await sh("read -r a b; echo \"$b|$a\"", "one two three\n")).out, "two three|one\n");
  assert.equal((await sh("trap 'echo bye $?' EXIT; echo hi; exit 3")).out, "hi\nbye 3\n");
  assert.equal((await sh("f() { :; }; type echo f cd; command -v echo; alias ll='echo LL'\nll x")).out,
    "echo is a shell builtin\nf is a shell function\ncd is a shell builtin\necho\nLL x\n");
});

test("globbing: sorted matches, dotfiles only with a leading dot, no match leaves the word", async () => {
  await sh("mkdir -p /tmp/g; cd /tmp/g && : > b.txt && : > a.txt && : > .h.txt && : > c.log");
  assert.equal((await sh("cd /tmp/g && echo *.txt; echo .*.txt; echo *.none; echo '*'.txt; set -f; echo *.txt")).out,
    "a.txt b.txt\n.h.txt\n*.none\n*.txt\n*.txt\n");
  assert.equal((await sh("echo /tmp/g/[ab]*")).out, "/tmp/g/a.txt /tmp/g/b.txt\n");
});

test("commands from standard input and sh -s", async () => {
  const r = await m.spawn(["/bin/sh", "-s", "x", "y"], { stdin: "echo $1$2\nnosuch\n" });
  assert.deepEqual([r.stdout, r.stderr, r.status], ["xy\n", "/bin/sh: 2: nosuch: not found\n", 127]);
});

test("background jobs and wait", async () => {
  assert.equal((await sh("echo bg > /tmp/sh_bg & wait $!; cat /tmp/sh_bg; (exit 5) & wait $!; echo $?")).out, "bg\n5\n");
  const r = await sh("set -m; true & wait; echo done");
  assert.match(r.err, /^\[1\] \d+\n/);
  assert.equal(r.out, "done\n");
});

test("a builtin whose output cannot be written says so as dash does, with status 1", async () => {
  const r = await sh("echo five > /dev/full; echo $?; printf x > /dev/full; echo $?");
  assert.deepEqual([r.out, r.err], ["1\n1\n", "/bin/sh: 1: echo: I/O error\n/bin/sh: 1: printf: I/O error\n"]);
});
