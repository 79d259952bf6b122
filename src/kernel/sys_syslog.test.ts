// syslog(2): reading the log in the kernel's syslog format, clearing it, the console level,
// and who may do what (dmesg_restrict).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { pr_info, pr_err, printkSettings } from "./printk.js";
import { syslogSettings } from "./sys_syslog.js";

const k = ktest();
const root = k.task();
const user = k.task({ uid: 1000 });
const buf = user.buf(1 << 17);
const rbuf = root.buf(1 << 17);

test("READ_ALL: every record as <level>[seconds.micros] text, readable by anyone", async () => {
  await user.sys("getpid"); // boot has finished logging once a call gets the CPU
  pr_err("syslog test error");
  const n = await user.sys("syslog", 3, buf, 1 << 17);
  assert.ok(n > 0);
  const text = user.text(buf, n);
  assert.match(text, /^<5>\[ {4}0\.\d{6}\] Linux version /);
  assert.match(text, /\n<3>\[ *\d+\.\d{6}\] syslog test error\n$/);
  // A small buffer gets the newest records that fit whole.
  const m = await user.sys("syslog", 3, buf, 60);
  assert.ok(m > 0 && m <= 60);
  assert.match(user.text(buf, m), /^<3>\[ *\d+\.\d{6}\] syslog test error\n$/);
  assert.equal(await user.sys("syslog", 3, 0, 10), -E.EINVAL);
  assert.equal(await user.sys("syslog", 3, buf, -1), -E.EINVAL);
  assert.equal(await user.sys("syslog", 10, 0, 0), 1 << 17);
});

test("clearing, the console level and unread sizes need root", async () => {
  for (const type of [2, 4, 5, 6, 7, 8, 9]) assert.equal(await user.sys("syslog", type, buf, 8), -E.EPERM, `type ${type}`);
  assert.equal(await root.sys("syslog", 99, 0, 0), -E.EINVAL);
  assert.equal(await root.sys("syslog", 5, 0, 0), 0);
  assert.equal(await root.sys("syslog", 3, rbuf, 1 << 17), 0);
  pr_info("after clear");
  const n = await root.sys("syslog", 4, rbuf, 1 << 17);
  assert.match(root.text(rbuf, n), /^<6>\[ *\d+\.\d{6}\] after clear\n$/);
  assert.equal(await root.sys("syslog", 3, rbuf, 1 << 17), 0);
  const saved = printkSettings.consoleLoglevel;
  assert.equal(await root.sys("syslog", 8, 0, 9), -E.EINVAL);
  assert.equal(await root.sys("syslog", 8, 0, 3), 0);
  assert.equal(printkSettings.consoleLoglevel, 3);
  assert.equal(await root.sys("syslog", 6, 0, 0), 0);
  assert.equal(printkSettings.consoleLoglevel, printkSettings.minimumConsoleLoglevel);
  assert.equal(await root.sys("syslog", 7, 0, 0), 0);
  assert.equal(printkSettings.consoleLoglevel, 3);
  printkSettings.consoleLoglevel = saved;
});

test("READ consumes what it returns; SIZE_UNREAD counts what is left", async () => {
  // Drain what is unread, then one new record.
  while (await root.sys("syslog", 9, 0, 0) > 0) await root.sys("syslog", 2, rbuf, 1 << 17);
  pr_info("fresh record");
  const size = await root.sys("syslog", 9, 0, 0);
  assert.ok(size > 0);
  const half = 5;
  assert.equal(await root.sys("syslog", 2, rbuf, half), half);
  assert.equal(await root.sys("syslog", 9, 0, 0), size - half);
  const n = await root.sys("syslog", 2, rbuf, 1 << 17);
  assert.equal(n, size - half);
  assert.match(root.text(rbuf, n), /\] fresh record\n$/);
  assert.equal(await root.sys("syslog", 9, 0, 0), 0);
});

test("dmesg_restrict: reading is for root only", async () => {
  syslogSettings.dmesgRestrict = 1;
  try {
    assert.equal(await user.sys("syslog", 3, buf, 100), -E.EPERM);
    assert.equal(await user.sys("syslog", 10, 0, 0), -E.EPERM);
    assert.ok(await root.sys("syslog", 3, rbuf, 100) >= 0);
    assert.equal(await user.sys("open", user.str("/dev/kmsg"), 0), -E.EPERM);
  } finally {
    syslogSettings.dmesgRestrict = 0;
  }
});
