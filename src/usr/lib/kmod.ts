// What the module tools share (kmod's libkmod): module names from file names, the .modinfo
// strings of a .ko (the container format of the uapi header linux/ko), and the error texts of
// insmod.
import { strerror } from "../../lib/libc/errno.js";
import { parseKo } from "../../include/uapi/linux/ko.js";
import { baseName } from "./common.js";

/** "/tmp/hello-1.ko" -> "hello_1" */
export function modNameFromPath(p: string): string {
  return baseName(p).replace(/\.ko$/, "").replace(/-/g, "_");
}

/** The .modinfo key/value pairs of a .ko's bytes, or null when it is not one. */
export function readModinfo(b: Uint8Array): [string, string][] | null {
  return parseKo(b)?.modinfo ?? null;
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
