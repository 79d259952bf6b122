// What the module tools share (kmod's libkmod): module names from file names, the .modinfo
// strings of a .ko (the container format of src/kernel/module/format.ts, read again here
// since programs reach the kernel only through libc), and the error texts of insmod.
import { strerror } from "../../lib/libc/errno.js";
import { baseName } from "./common.js";

/** "/tmp/hello-1.ko" -> "hello_1" */
export function modNameFromPath(p: string): string {
  return baseName(p).replace(/\.ko$/, "").replace(/-/g, "_");
}

/** The .modinfo key/value pairs of a .ko's bytes, or null when it is not one. */
export function readModinfo(b: Uint8Array): [string, string][] | null {
  if (b.length < 8 || b[0] !== 0x7f || String.fromCharCode(b[1], b[2], b[3]) !== "TKO") return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = dv.getUint16(6, true);
  let o = 8;
  for (let i = 0; i < count; i++) {
    if (o >= b.length) return null;
    const nlen = b[o++];
    if (o + nlen + 4 > b.length) return null;
    const name = String.fromCharCode(...b.subarray(o, o + nlen));
    o += nlen;
    const len = dv.getUint32(o, true);
    o += 4;
    if (o + len > b.length) return null;
    if (name === ".modinfo") {
      const text = new TextDecoder().decode(b.subarray(o, o + len));
      return text.split("\0").filter(Boolean).map((s): [string, string] => {
        const eq = s.indexOf("=");
        return eq < 0 ? [s, ""] : [s.slice(0, eq), s.slice(eq + 1)];
      });
    }
    o += len;
  }
  return null;
}

/** kmod's mod_strerror: the texts insmod and modprobe print for a failed load. */
export function modStrerror(err: number): string {
  switch (err) {
    case 8: return "Invalid module format"; // ENOEXEC
    case 2: return "Unknown symbol in module"; // ENOENT
    case 3: return "Module has wrong symbol version"; // ESRCH
    case 22: return "Invalid parameters"; // EINVAL
    default: return strerror(err);
  }
}
