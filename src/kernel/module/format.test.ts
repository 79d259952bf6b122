// The .ko container: what the writer writes the reader reads back, and anything malformed or
// foreign is ENOEXEC (an Errno), never an exception.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeKo, readKo, type ModuleImage } from "./format.js";
import { Errno } from "../errors.js";
import { ENOEXEC } from "../../include/uapi/errno.js";

const img: ModuleImage = {
  modinfo: [["license", "GPL"], ["parm", "n:a=b"], ["name", "hello"]],
  imports: ["pr_info", "kmalloc"],
  exports: [{ name: "hello_fn", gpl: false }, { name: "hello_gpl", gpl: true }],
  text: { format: "js", code: "module_init(() => 0);" },
  map: "{}",
};

function enoexec(b: Uint8Array): void {
  assert.throws(() => readKo(b), (e: unknown) => e instanceof Errno && e.errno === ENOEXEC);
}

test("a .ko reads back as written", () => {
  assert.deepEqual(readKo(writeKo(img)), img);
  const noMap = { ...img };
  delete noMap.map;
  assert.deepEqual(readKo(writeKo(noMap)), noMap);
});

test("malformed and foreign files are ENOEXEC", () => {
  const good = writeKo(img);
  enoexec(new Uint8Array(0));
  enoexec(new TextEncoder().encode("\x7fELF\x02\x01\x01\0\0\0\0\0"));
  for (let n = 0; n < good.length; n++) enoexec(good.subarray(0, n));
  enoexec(new Uint8Array([...good, 0]));
  const v2 = good.slice(); v2[4] = 2; enoexec(v2);
  const { map: _m, ...noMap } = img;
  const last = writeKo({ ...noMap, text: { format: "js", code: "" } });
  assert.equal(new TextDecoder().decode(last.subarray(-3)), "js\0"); // .text is the last section
  const fmt = last.slice(); fmt[fmt.length - 3] = "x".charCodeAt(0); enoexec(fmt);
  const bad = good.slice(); bad.set(new TextEncoder().encode(".junk"), 9); enoexec(bad);
  enoexec(writeKo({ ...img, modinfo: [["", "x"]] }));
  // Every single-byte corruption is either read or refused, never thrown otherwise.
  for (let k = 0; k < good.length; k++) {
    const c = good.slice(); c[k] ^= 0xff;
    try { readKo(c); } catch (e) { assert.ok(e instanceof Errno && e.errno === ENOEXEC); }
  }
});
