// The tar archive format as GNU tar writes it by default ("gnu"): 512-byte headers with octal
// fields and the "ustar  " magic, ././@LongLink entries for names over 100 bytes, data padded to
// 512 bytes, two zero blocks at the end and the whole padded to a 10240-byte record.
import { bytesToStr, strToBytes } from "./common.js";

export const BLOCK = 512;
export const RECORD = 20 * BLOCK;

export interface Entry {
  name: string; mode: number; uid: number; gid: number; size: number; mtime: number;
  /** '0' file, '1' hard link, '2' symlink, '5' directory (others are kept as read). */
  type: string; linkname: string; uname: string; gname: string;
}

function putString(h: Uint8Array, off: number, len: number, s: string): void {
  h.set(strToBytes(s).subarray(0, len), off);
}
function putOctal(h: Uint8Array, off: number, len: number, n: number): void {
  putString(h, off, len, n.toString(8).padStart(len - 1, "0") + "\0");
}
function getString(h: Uint8Array, off: number, len: number): string {
  const f = h.subarray(off, off + len);
  const end = f.indexOf(0);
  return bytesToStr(end < 0 ? f : f.subarray(0, end));
}
function getOctal(h: Uint8Array, off: number, len: number): number {
  const s = getString(h, off, len).trim();
  return s ? parseInt(s, 8) : 0;
}

function header(e: Entry, name: string, linkname: string): Uint8Array {
  const h = new Uint8Array(BLOCK);
  putString(h, 0, 100, name);
  putOctal(h, 100, 8, e.mode & 0o7777);
  putOctal(h, 108, 8, e.uid);
  putOctal(h, 116, 8, e.gid);
  putOctal(h, 124, 12, e.size);
  putOctal(h, 136, 12, e.mtime);
  h.fill(0x20, 148, 156);
  h[156] = e.type.charCodeAt(0);
  putString(h, 157, 100, linkname);
  putString(h, 257, 8, "ustar  \0");
  putString(h, 265, 32, e.uname);
  putString(h, 297, 32, e.gname);
  const sum = h.reduce((a, b) => a + b, 0);
  putString(h, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return h;
}

/** A ././@LongLink entry carrying a long name (type L) or link target (type K). */
function longLink(type: string, value: string): Uint8Array[] {
  const data = strToBytes(value + "\0");
  const e: Entry = { name: "././@LongLink", mode: 0, uid: 0, gid: 0, size: data.length, mtime: 0, type, linkname: "", uname: "root", gname: "root" };
  return [header(e, e.name, ""), ...padded(data)];
}

/** Data split into blocks, the last one zero-filled. */
export function padded(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let o = 0; o < data.length; o += BLOCK) {
    const b = new Uint8Array(BLOCK);
    b.set(data.subarray(o, o + BLOCK));
    out.push(b);
  }
  return out;
}

/** The blocks of one member's header (with any long-name entries before it). */
export function encodeHeader(e: Entry): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (e.linkname.length > 100) out.push(...longLink("K", e.linkname));
  if (e.name.length > 100) out.push(...longLink("L", e.name));
  out.push(header(e, e.name.slice(0, 100), e.linkname.slice(0, 100)));
  return out;
}

/** An archive that cannot be read on: the message, and whether tar must stop at once. */
export class ArchiveError extends Error {
  constructor(message: string, readonly fatal: boolean) { super(message); }
}

/**
 * Reads the members of an archive in order, as GNU tar does: a header cut short ends the
 * archive quietly, a lone zero block is a warning (yielded as a string), data cut short is fatal.
 */
export function* decodeArchive(buf: Uint8Array): Generator<{ entry: Entry; data: Uint8Array } | string> {
  let off = 0, longName: string | null = null, longLinkName: string | null = null;
  if (buf.length < BLOCK) throw new ArchiveError("This does not look like a tar archive", false);
  const zero = (o: number) => buf.subarray(o, o + BLOCK).every((b) => b === 0);
  while (off + BLOCK <= buf.length) {
    const h = buf.subarray(off, off + BLOCK);
    if (zero(off)) {
      if (off + 2 * BLOCK > buf.length || !zero(off + BLOCK)) yield `A lone zero block at ${off / BLOCK + 1}`;
      return;
    }
    const stored = getOctal(h, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
    if (sum !== stored) throw new ArchiveError(off === 0 ? "This does not look like a tar archive" : "Skipping to next header", false);
    const size = getOctal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 0x30);
    if (off + BLOCK + size > buf.length) throw new ArchiveError("Unexpected EOF in archive", true);
    const data = buf.subarray(off + BLOCK, off + BLOCK + size);
    off += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L" || type === "K") {
      const v = getString(data, 0, data.length);
      if (type === "L") longName = v; else longLinkName = v;
      continue;
    }
    const prefix = getString(h, 257, 6) === "ustar" ? getString(h, 345, 155) : "";
    const name = longName ?? (prefix ? `${prefix}/${getString(h, 0, 100)}` : getString(h, 0, 100));
    const entry: Entry = {
      name, mode: getOctal(h, 100, 8), uid: getOctal(h, 108, 8), gid: getOctal(h, 116, 8), size, mtime: getOctal(h, 136, 12),
      type, linkname: longLinkName ?? getString(h, 157, 100), uname: getString(h, 265, 32), gname: getString(h, 297, 32),
    };
    longName = longLinkName = null;
    yield { entry, data };
  }
}
