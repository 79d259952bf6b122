// What depmod and modprobe share (kmod's libkmod index side): the module directory of the
// running kernel, the exports of a .ko, reading and writing the text indexes (modules.dep,
// modules.alias, modules.symbols, modules.softdep), module-name normalisation and fnmatch(3)
// for alias patterns.
import { write, close } from "../../lib/libc/unistd.js";
import { open, O_WRONLY, O_CREAT, O_TRUNC, O_CLOEXEC } from "../../lib/libc/fcntl.js";
import { rename } from "../../lib/libc/stdio.js";
import { uname } from "./sys/kernel.js";
import { readFileBytes } from "./common.js";

/** The release of the running kernel (uname -r). */
export async function kernelRelease(): Promise<string> {
  return (await uname())?.release ?? "";
}

/** "/lib/modules/RELEASE" under an optional base directory (depmod -b, modprobe -d). */
export function moduleDir(release: string, base = ""): string {
  return `${base.replace(/\/+$/, "")}/lib/modules/${release}`;
}

/** A module name as the kernel spells it: "-" becomes "_" (outside [...] in patterns). */
export function normalizeName(s: string): string {
  let out = "", bracket = false;
  for (const c of s) {
    if (c === "[") bracket = true;
    else if (c === "]") bracket = false;
    out += c === "-" && !bracket ? "_" : c;
  }
  return out;
}

/** The exported symbol names of a .ko's bytes (its .exports section), [] when it has none. */
export function readExports(b: Uint8Array): string[] {
  if (b.length < 8 || b[0] !== 0x7f || String.fromCharCode(b[1], b[2], b[3]) !== "TKO") return [];
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = dv.getUint16(6, true);
  let o = 8;
  for (let i = 0; i < count && o < b.length; i++) {
    const nlen = b[o++];
    if (o + nlen + 4 > b.length) return [];
    const name = String.fromCharCode(...b.subarray(o, o + nlen));
    o += nlen;
    const len = dv.getUint32(o, true);
    o += 4;
    if (o + len > b.length) return [];
    if (name === ".exports") {
      const names: string[] = [];
      const sec = b.subarray(o, o + len);
      for (let p = 0; p < sec.length;) {
        const end = sec.indexOf(0, p + 1);
        if (end < 0) break;
        names.push(new TextDecoder().decode(sec.subarray(p + 1, end)));
        p = end + 1;
      }
      return names;
    }
    o += len;
  }
  return [];
}

/** Read a text file's lines, or null with errno set. */
export async function readLines(path: string): Promise<string[] | null> {
  const b = await readFileBytes(path);
  if (!b) return null;
  return new TextDecoder().decode(b).split("\n");
}

/** modules.dep: module name -> { path (relative to the module directory), dependency paths }. */
export interface DepEntry { path: string; deps: string[] }

export function parseModulesDep(lines: string[]): Map<string, DepEntry> {
  const map = new Map<string, DepEntry>();
  for (const line of lines) {
    const c = line.indexOf(":");
    if (c <= 0 || line.startsWith("#")) continue;
    const path = line.slice(0, c).trim();
    const deps = line.slice(c + 1).trim().split(/\s+/).filter(Boolean);
    map.set(nameOfPath(path), { path, deps });
  }
  return map;
}

/** "extra/hello-1.ko" -> "hello_1" */
export function nameOfPath(p: string): string {
  return normalizeName(p.slice(p.lastIndexOf("/") + 1).replace(/\.ko$/, ""));
}

/** "alias PATTERN NAME" lines (modules.alias, modules.symbols) as [pattern, name] pairs. */
export function parseAliases(lines: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const line of lines) {
    const w = line.trim().split(/\s+/);
    if (w[0] === "alias" && w.length >= 3) out.push([w[1], w[2]]);
  }
  return out;
}

export { fnmatch } from "./fnmatch.js";

/** Write a file through a temporary name and rename(2), as depmod does; -1 with errno on failure. */
export async function writeFileAtomic(path: string, text: string): Promise<number> {
  const tmp = `${path}.${Math.floor(Math.random() * 1e9).toString(36)}.tmp`;
  const fd = await open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644);
  if (fd < 0) return -1;
  const data = new TextEncoder().encode(text);
  for (let off = 0; off < data.length;) {
    const n = await write(fd, data.subarray(off));
    if (n <= 0) { await close(fd); return -1; }
    off += n;
  }
  await close(fd);
  return await rename(tmp, path);
}
