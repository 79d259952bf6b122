// SYSCALL_DEFINEn: the registers decoded by the arguments' C types, the entry point registered
// by name for the dispatch table, a second definition of the same name refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SYSCALL_DEFINE0, SYSCALL_DEFINE3, SYSCALL_DEFINE6, syscalls, syscallDefinitions } from "./syscalls.js";

const noTask = null as never;

test("registers decoded by type: int, unsigned int, long, size_t, pointers", () => {
  const seen: number[][] = [];
  const entry = SYSCALL_DEFINE6("t_decode" as never, "int", "a", "unsigned int", "b", "long", "c", "size_t", "d",
    "const char __user *", "e", "uid_t", "f", (...args) => { seen.push(args); return 7; });
  assert.equal(entry(noTask, 0xffffffff, -1, -5, -1, 0x1000, 2 ** 32 + 3), 7);
  assert.deepEqual(seen[0], [-1, 0xffffffff, -5, 2 ** 64 - 1, 0x1000, 3]);
  assert.equal(syscalls.sys_t_decode, entry);
  assert.equal(entry.name, "sys_t_decode");
  assert.deepEqual(syscallDefinitions.get("sys_t_decode"), { name: "t_decode", types: ["int", "unsigned int", "long", "size_t", "const char __user *", "uid_t"], args: ["a", "b", "c", "d", "e", "f"] });
});

test("the handler's value, -errno or a promise, is the entry point's", async () => {
  const e0 = SYSCALL_DEFINE0("t_zero" as never, () => -22);
  assert.equal(e0(noTask, 1, 2, 3, 4, 5, 6), -22);
  const e3 = SYSCALL_DEFINE3("t_async" as never, "int", "x", "int", "y", "int", "z", async (x, y, z) => x + y + z);
  assert.equal(await e3(noTask, 1, 2, 3, 0, 0, 0), 6);
});

test("a second definition of a name, or an unknown type, is refused", () => {
  SYSCALL_DEFINE0("t_twice" as never, () => 0);
  assert.throws(() => SYSCALL_DEFINE0("t_twice" as never, () => 0), /redefinition of 'sys_t_twice'/);
  assert.throws(() => SYSCALL_DEFINE3("t_bad" as never, "int", "x", "float" as never, "y", "int", "z", () => 0), /unknown argument type 'float'/);
});
