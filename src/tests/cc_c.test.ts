// The C toolchain inside Typix as a learner meets it: cc/gcc/clang's diagnostics (clang's text,
// status 1, warnings that fail only with -Werror), -c/-S/-E/-o outputs and their modes, several
// sources, archives made with ar, undefined symbols as lld reports them, make's built-in rules,
// and executables that are WebAssembly modules with the C ABI's imports and exports, linked with
// the image's C library (/usr/lib/crt1.o, libc.a).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { WASM_IMPORT_MODULE, WASM_IMPORT_MEMORY, WASM_IMPORT_SYSCALL, WASM_ENTRY } from "../include/uapi/wasm_abi.js";

const HELLO = `#include <stdio.h>

int main(void) {
    puts("hello, world");
    return 0;
}
`;

let m: Machine;
const D = "/home/user/c";

async function put(files: Record<string, string>, dir = D): Promise<void> {
  for (const [name, text] of Object.entries(files)) await m.writeFile(`${dir}/${name}`, text);
  await m.run(`chown -R user:user ${dir}`, { user: "root" });
}
const sh = (cmd: string) => m.run(cmd, { cwd: D });

/** The module's imports and exports as "module.name kind" strings. */
async function abiOf(path: string): Promise<{ imports: string[]; exports: string[] }> {
  const mod = new WebAssembly.Module(await m.readFile(path));
  return {
    imports: WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name} ${i.kind}`).sort(),
    exports: WebAssembly.Module.exports(mod).map((e) => e.name),
  };
}

before(async () => {
  m = await boot();
  await m.run(`mkdir -p ${D}`);
  await m.run(`chown user:user ${D}`, { user: "root" });
});
after(async () => { await m?.shutdown(); });

test("gcc hello.c -o hello: a WebAssembly module with the C ABI's imports and entry, mode 0755", async () => {
  await put({ "hello.c": HELLO });
  const r = await sh("gcc hello.c -o hello && ls -l hello | cut -c1-10 && gcc hello.c && ls a.out");
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "-rwxr-xr-x\na.out\n");
  const abi = await abiOf(`${D}/hello`);
  assert.deepEqual(abi.imports, [`${WASM_IMPORT_MODULE}.${WASM_IMPORT_SYSCALL} function`, `${WASM_IMPORT_MODULE}.${WASM_IMPORT_MEMORY} memory`]);
  assert.ok(abi.exports.includes(WASM_ENTRY), abi.exports.join(" "));
  const bytes = await m.readFile(`${D}/hello`);
  assert.ok(Buffer.from(bytes).includes("hello, world"));
});

test("./hello prints hello, world; so does a program built from an absolute path", async () => {
  await put({ "hello.c": HELLO });
  let r = await sh("cc hello.c -o hello && ./hello");
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "hello, world\n");
  assert.equal(r.status, 0);
  r = await m.run(`cd /tmp && gcc ${D}/hello.c -o /tmp/hello2 && /tmp/hello2`);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "hello, world\n");
  assert.equal(r.status, 0);
});

test("compile errors are clang's, on stderr, status 1; warnings pass unless -Werror", async () => {
  await put({
    "bad.c": "#include <stdio.h>\n\nint main(void) {\n    int x = 1\n    return x;\n}\n",
    "warn.c": "int main(void) {\n    int unused;\n    return 0;\n}\n",
  });
  let r = await sh("cc bad.c -o bad; echo status=$?; ls bad");
  assert.equal(r.stderr, [
    "bad.c:4:14: error: expected ';' at end of declaration",
    "    4 |     int x = 1",
    "      |              ^",
    "      |              ;",
    "1 error generated.",
    "ls: cannot access 'bad': No such file or directory", ""].join("\n"));
  assert.equal(r.stdout, "status=1\n");
  const warning = ["warn.c:2:9: warning: unused variable 'unused' [-Wunused-variable]", "    2 |     int unused;", "      |         ^~~~~~", "1 warning generated.", ""].join("\n");
  r = await sh("gcc -Wall -O2 -g -std=c11 warn.c -o warn");
  assert.equal(r.status, 0);
  assert.equal(r.stderr, warning);
  r = await sh("clang -Wall -Wextra -Werror warn.c -o warn2");
  assert.equal(r.status, 1);
  assert.equal(r.stderr, warning.replace("[-Wunused-variable]", "[-Werror,-Wunused-variable]").replace("warning:", "error:").replace("1 warning generated.", "1 error generated."));
  r = await sh("cc -w -Wall warn.c -o warn3");
  assert.deepEqual([r.status, r.stderr], [0, ""]);
  r = await sh("cc missing.c; echo status=$?; cc; clang");
  assert.equal(r.stderr, "clang: error: no such file or directory: 'missing.c'\nclang: error: no input files\ncc: fatal error: no input files\ncompilation terminated.\nclang: error: no input files\n");
  assert.equal(r.stdout, "status=1\n");
});

test("-c, -S, -E, -D, -I, -o: the usual outputs and modes", async () => {
  await m.run(`mkdir -p ${D}/inc`);
  await put({ "two.c": '#include "two.h"\nint two(void) { return TWO; }\n', "inc/two.h": "#define TWO VALUE\n" });
  let r = await sh("cc -c -DVALUE=2 -Iinc two.c && ls -l two.o | cut -c1-10 && cc -S -DVALUE=2 -I inc two.c && grep -c 'two' two.s && " +
    "cc -E -DVALUE=2 -Iinc two.c | grep 'return' && cc -E -DVALUE=3 -Iinc two.c -o two.i && grep return two.i && cc -c -DVALUE=2 -Iinc two.c -o other.o && ls other.o");
  assert.equal(r.stderr, "");
  assert.match(r.stdout, /^-rw-r--r--\n[1-9]\d*\nint two\(void\) \{ return 2; \}\nint two\(void\) \{ return 3; \}\nother.o\n$/);
  r = await sh("cc -E -Iinc two.c | grep -c /home/user/c/inc/two.h; cc -E -Iinc two.c | grep -c typix-guest");
  assert.equal(r.stdout, "1\n0\n"); // the guest's paths, never the compiler's
  r = await sh("cc -c -o x.o two.c -Iinc -DVALUE=1 hello.c");
  assert.equal(r.stderr, "clang: error: cannot specify -o when generating multiple output files\n");
});

test("several sources, .o inputs, an archive made by ar, -L -l, and undefined symbols as lld reports them", async () => {
  await put({
    "main.c": "int square(int);\nint cube(int);\nint main(void) { return square(2) + cube(1); }\n",
    "square.c": "int square(int x) { return x * x; }\n",
    "cube.c": "int cube(int x) { return x * x * x; }\n",
    "undef.c": "int foo(void);\nint main(void) { return foo(); }\n",
  });
  let r = await sh("cc main.c square.c cube.c -o multi && cc -c square.c cube.c && ls square.o cube.o && cc main.c square.o cube.o -o multi2 && " +
    "ar rcs libmath2.a square.o cube.o && ar t libmath2.a && mkdir -p lib && mv libmath2.a lib/ && cc main.c -Llib -lmath2 -o multi3 && " +
    "rm cube.o && ar x lib/libmath2.a cube.o && ls cube.o");
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "cube.o\nsquare.o\nsquare.o\ncube.o\ncube.o\n");
  for (const p of ["multi", "multi2", "multi3"]) assert.ok((await abiOf(`${D}/${p}`)).exports.includes(WASM_ENTRY));
  r = await sh("cc undef.c -o undef; echo status=$?");
  assert.equal(r.stdout, "status=1\n");
  assert.match(r.stderr, /^wasm-ld: error: undefined symbol: foo\n>>> referenced by \/tmp\/undef-[0-9a-f]{6}\.o\nclang: error: linker command failed with exit code 1 \(use -v to see invocation\)\n$/);
  r = await sh("cc main.c -lnosuch");
  assert.match(r.stderr, /wasm-ld: error: unable to find library -lnosuch\n/);
  assert.match(r.stderr, /clang: error: linker command failed with exit code 1/);
});

test("make's built-in rules: `make hello` from hello.c alone, and %.o from %.c", async () => {
  await m.run(`mkdir -p ${D}/mk`);
  await put({ "hello.c": HELLO }, `${D}/mk`);
  let r = await m.run("make hello && ls -l hello | cut -c1-10 && make hello", { cwd: `${D}/mk` });
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "cc     hello.c   -o hello\n-rwxr-xr-x\nmake: 'hello' is up to date.\n");
  r = await m.run("rm hello && make CFLAGS=-O2 hello.o && ls hello.o", { cwd: `${D}/mk` });
  assert.equal(r.stdout, "cc -O2   -c -o hello.o hello.c\nhello.o\n");
});

test("gcc --version and -dumpmachine say what the compiler is", async () => {
  const r = await sh("gcc --version; cc -dumpmachine");
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^clang version \d+\.\d+\.\d+.*\nTarget: wasm32-unknown-unknown\nThread model: posix\nInstalledDir: \/usr\/bin\nwasm32-unknown-unknown\n$/);
});
