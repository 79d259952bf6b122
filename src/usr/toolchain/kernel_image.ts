// Typix's kernel image (arch/x86/boot/bzImage, /boot/vmlinuz-RELEASE): a newc cpio archive of
// the kernel's JavaScript modules by their path in the source tree ("kernel/sys_info.js"), led
// by a header member, ".typix/image", of "key: value" lines:
//
//   release: 6.6.0-typix+
//   version: #2 SMP PREEMPT_DYNAMIC Thu Nov 26 10:00:00 UTC 2026
//   entry: init/main.js                 the module the kernel thread starts from
//   runtime: host/user_runtime.js       what runs in a user program's Worker (the same ABI)
//
// The kernel build writes it, the bootloader (src/host/boot_image.ts) reads it; the shipped
// kernel is one too (scripts/mksrctree.mjs). Pure functions: used on the host and inside Typix.
export const IMAGE_HEADER = ".typix/image";

export interface KernelImageInfo {
  release: string;
  version: string;
  entry: string;
  runtime: string;
}

export interface KernelImage extends KernelImageInfo {
  /** Module path → JavaScript text. */
  modules: Map<string, string>;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A newc archive of the members, in the order given, with mode 0644 files. */
export function writeCpio(members: [string, Uint8Array][], mtime = 0): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  const push = (b: Uint8Array) => { chunks.push(b); size += b.length; };
  const pad = () => { if (size % 4) push(new Uint8Array(4 - (size % 4))); };
  let ino = 1;
  for (const [name, data] of [...members, ["TRAILER!!!", new Uint8Array(0)] as [string, Uint8Array]]) {
    const nameBytes = enc.encode(name + "\0");
    const mode = name === "TRAILER!!!" ? 0 : 0o100644;
    push(enc.encode("070701" + [ino++, mode, 0, 0, 1, mtime, data.length, 0, 0, 0, 0, nameBytes.length, 0].map(hex).join("")));
    push(nameBytes);
    pad();
    push(data);
    pad();
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** The members of a newc archive (name → bytes); throws on a malformed archive. */
export function readCpio(buf: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let o = 0;
  const hex = (off: number) => parseInt(dec.decode(buf.subarray(o + off, o + off + 8)), 16);
  while (o + 110 <= buf.length) {
    if (dec.decode(buf.subarray(o, o + 6)) !== "070701") throw new Error(`bad cpio magic at offset ${o}`);
    const size = hex(54), nameSize = hex(94);
    const name = dec.decode(buf.subarray(o + 110, o + 110 + nameSize - 1));
    o = (o + 110 + nameSize + 3) & ~3;
    if (o + size > buf.length) throw new Error(`truncated archive at '${name}'`);
    const data = buf.subarray(o, o + size);
    o = (o + size + 3) & ~3;
    if (name === "TRAILER!!!") return out;
    out.set(name, data);
  }
  throw new Error("truncated archive (no trailer)");
}

/** Write an image: the header member first, then the modules sorted by path. */
export function writeKernelImage(img: KernelImage, mtime = 0): Uint8Array {
  const header = `release: ${img.release}\nversion: ${img.version}\nentry: ${img.entry}\nruntime: ${img.runtime}\n`;
  const members: [string, Uint8Array][] = [[IMAGE_HEADER, enc.encode(header)]];
  for (const path of [...img.modules.keys()].sort()) members.push([path, enc.encode(img.modules.get(path)!)]);
  return writeCpio(members, mtime);
}

/** Read an image; throws Error("not a Typix kernel image ...") for anything else. */
export function readKernelImage(buf: Uint8Array): KernelImage {
  let members: Map<string, Uint8Array>;
  try {
    members = readCpio(buf);
  } catch (e) {
    throw new Error(`not a Typix kernel image (${(e as Error).message})`);
  }
  const header = members.get(IMAGE_HEADER);
  if (!header) throw new Error(`not a Typix kernel image (no ${IMAGE_HEADER})`);
  const fields = new Map<string, string>();
  for (const line of dec.decode(header).split("\n")) {
    const m = /^([a-z]+):\s*(.*)$/.exec(line);
    if (m) fields.set(m[1], m[2]);
  }
  const info = { release: fields.get("release") ?? "", version: fields.get("version") ?? "", entry: fields.get("entry") ?? "", runtime: fields.get("runtime") ?? "" };
  if (!info.release || !info.entry) throw new Error("not a Typix kernel image (no release or entry in its header)");
  const modules = new Map<string, string>();
  for (const [name, data] of members) if (name !== IMAGE_HEADER) modules.set(name, dec.decode(data));
  if (!modules.has(info.entry)) throw new Error(`kernel image has no entry module ${info.entry}`);
  return { ...info, modules };
}

/** Only the header of an image (cheap: the first member). */
export function readKernelImageInfo(buf: Uint8Array): KernelImageInfo {
  const { modules: _, ...info } = readKernelImage(buf);
  return info;
}
