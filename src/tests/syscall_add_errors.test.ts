// A broken tree fails `make` with the file and the line, as Linux's build does: a malformed
// table line, a duplicate number or name, a type error, a SYSCALL_DEFINE without its prototype
// or with other types, a table entry whose handler is not built in, an obj-y object without its
// source. Each through the typix command, in the machine's /usr/src/linux, as a plain user.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { fixtures, typix, STEPS, ALL_STEPS, SYS_HELLO_WORLD } from "./syscall_add_support.js";

const TBL = "arch/x86/entry/syscalls/syscall_64.tbl";

/** Run the steps then `make` in /usr/src/linux; the make's stderr and status. */
function make(steps: string, extra: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const hw = fixtures(extra);
  try {
    return typix(["-m", `${hw}:/mnt/hw:ro`, "-c", `cd /usr/src/linux && ${steps} && wc -l < ${TBL} && make`]);
  } finally {
    rmSync(hw, { recursive: true, force: true });
  }
}

/** The table's line count before make ran (printed by the script), to name the appended line. */
const lines = (stdout: string) => Number(stdout.split("\n")[0]);

test("a malformed table line: syscall_64.tbl:LINE", () => {
  const r = make(`${ALL_STEPS} && printf '1000\\t64\\n' >> ${TBL}`);
  assert.equal(r.status, 2);
  assert.equal(r.stderr,
    `${TBL}:${lines(r.stdout)}: syntax error: expected '<number> <abi> <name> [<entry point>]'\n` +
    "make[2]: *** [arch/x86/entry/syscalls/Makefile:41: arch/x86/entry/syscalls/table.gen.ts] Error 1\n" +
    "make: *** [Makefile:25: bzImage] Error 1\n");
});

test("a duplicate number and a duplicate name", () => {
  const r = make(`${ALL_STEPS} && printf '1\\tcommon\\tsecond_write\\tsys_write\\n998\\t64\\thello_world\\tsys_hello_world\\n' >> ${TBL}`);
  assert.equal(r.status, 2);
  const n = lines(r.stdout);
  assert.match(r.stderr, new RegExp(`^${TBL}:${n - 1}: duplicate system call number 1 \\(first used at line \\d+\\)\n`));
  assert.match(r.stderr, new RegExp(`\n${TBL}:${n}: duplicate system call name 'hello_world' \\(first used at line ${n - 2}\\)\n`));
});

test("a type error: file:line:col: error TSnnnn", () => {
  const broken = SYS_HELLO_WORLD.replace("if (len > 64) return -EINVAL;", 'const oops: number = "sixty-four";\n    if (len > 64) return -EINVAL;');
  const r = make(ALL_STEPS, { "sys_hello_world.ts": broken });
  assert.equal(r.status, 2);
  assert.match(r.stdout, /  CC      hello_world\/sys_hello_world\.o\n/);
  assert.match(r.stderr, /^hello_world\/sys_hello_world\.ts:9:11: error TS2322: Type 'string' is not assignable to type 'number'\.\n/);
  assert.match(r.stderr, /make\[3\]: \*\*\* \[scripts\/Makefile\.build:243: hello_world\/sys_hello_world\.o\] Error 1\n/);
});

test("no prototype, or other types than the prototype's", () => {
  const noProto = make([STEPS.source, STEPS.makefile, STEPS.coreY, STEPS.table].join(" && "));
  assert.equal(noProto.status, 2);
  assert.match(noProto.stderr, /hello_world\/sys_hello_world\.ts:7:1: error: no previous prototype for 'sys_hello_world' \[-Werror=missing-prototypes\]\n/);
  const other = make(ALL_STEPS, { "sys_hello_world.ts": SYS_HELLO_WORLD.replace('"size_t", "len"', '"int", "len"') });
  assert.equal(other.status, 2);
  assert.match(other.stderr, /hello_world\/sys_hello_world\.ts:7:1: error: conflicting types for 'sys_hello_world'; have 'long\(const char __user \*, int, char __user \*, size_t\)'\ninclude\/linux\/syscalls\.d\.ts:\d+:3: note: previous declaration of 'sys_hello_world' with type 'long\(const char __user \*, size_t, char __user \*, size_t\)'\n/);
});

test("a table entry whose handler is not built in: undefined reference", () => {
  const r = make([STEPS.table, STEPS.prototype].join(" && "));
  assert.equal(r.status, 2);
  assert.match(r.stderr, new RegExp(`^ld: ${TBL}:${lines(r.stdout)}: undefined reference to 'sys_hello_world' \\(system call 999, hello_world\\)\nmake\\[2\\]: \\*\\*\\* \\[scripts/Makefile\\.vmlinux:37: vmlinux\\] Error 1\n`));
});

test("an obj-y object without its source, a core-y directory without its Makefile", () => {
  const noSource = make([STEPS.makefile.replace("cp", "mkdir -p hello_world && cp"), STEPS.coreY].join(" && "));
  assert.equal(noSource.status, 2);
  assert.match(noSource.stderr, /^make\[3\]: \*\*\* No rule to make target 'hello_world\/sys_hello_world\.o', needed by 'hello_world\/built-in\.a'\.  Stop\.\n/);
  const noMakefile = make([STEPS.source, STEPS.coreY].join(" && "));
  assert.equal(noMakefile.status, 2);
  assert.match(noMakefile.stderr, /hello_world\/Makefile: No such file or directory\n/);
});

test("an import of a file that is not built in: undefined reference at link time", () => {
  const withHelper = SYS_HELLO_WORLD.replace('import { EFAULT', 'import { greeting } from "./greeting.js";\nimport { EFAULT').replace('"Hello, " + who + "!"', "greeting(who)");
  const r = make(`${ALL_STEPS} && cp /mnt/hw/greeting.ts hello_world/`, {
    "sys_hello_world.ts": withHelper,
    "greeting.ts": "export function greeting(who: string): string { return `Hello, ${who}!`; }\n",
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^ld: hello_world\/sys_hello_world\.o: undefined reference to 'hello_world\/greeting\.o' \(imported as "\.\/greeting\.js"\)\n/);
});
