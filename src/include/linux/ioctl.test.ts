// linux/ioctl: Linux's request numbers, the same as libc's <sys/ioctl.h> gives user programs.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as K from "./ioctl.js";
import * as libc from "../../lib/libc/sys/ioctl.js";
import { findSymbol } from "../../kernel/module/ksyms.js";

test("_IO/_IOR/_IOW/_IOWR encode as Linux's asm-generic/ioctl.h and decode back", () => {
  assert.equal(K._IO("k", 0), 0x6b00);
  assert.equal(K._IOR("k", 1, 4), 0x80046b01);
  assert.equal(K._IOW("k", 2, 4), 0x40046b02);
  assert.equal(K._IOWR("k", 3, 24), 0xc0186b03);
  const nr = K._IOWR("M", 0x7f, 0x3fff);
  assert.deepEqual([K._IOC_DIR(nr), K._IOC_TYPE(nr), K._IOC_NR(nr), K._IOC_SIZE(nr)], [K._IOC_READ | K._IOC_WRITE, 0x4d, 0x7f, 0x3fff]);
  assert.equal(K._IOC_DIR(K._IO("k", 1)), K._IOC_NONE);
  assert.equal(K.IOC_OUT, 0x80000000);
  assert.equal(K.IOC_IN, 0x40000000);
  assert.equal(K.IOCSIZE_MASK, 0x3fff0000);
});

test("user programs get the same numbers from libc", () => {
  for (const [t, n, s] of [["k", 1, 4], ["x", 200, 128], [0x42, 7, 0]] as const) {
    assert.equal(libc._IOR(t, n, s), K._IOR(t, n, s));
    assert.equal(libc._IOW(t, n, s), K._IOW(t, n, s));
    assert.equal(libc._IOWR(t, n, s), K._IOWR(t, n, s));
    assert.equal(libc._IO(t, n), K._IO(t, n));
  }
  assert.equal(findSymbol("_IOWR")?.header, "linux/ioctl");
});
