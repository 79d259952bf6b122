// User names and home directories from /etc/passwd, for ~user and the prompt's \u.
import { open, O_RDONLY } from "../../../lib/libc/fcntl.js";
import { read, close } from "../../../lib/libc/unistd.js";

/** Read a whole (small) file, or null. */
export async function readSmallFile(path: string): Promise<string | null> {
  const fd = await open(path, O_RDONLY);
  if (fd < 0) return null;
  const chunks: Uint8Array[] = [];
  const buf = new Uint8Array(4096);
  for (;;) {
    const n = await read(fd, buf);
    if (n <= 0) break;
    chunks.push(buf.slice(0, n));
  }
  await close(fd);
  return new TextDecoder().decode(concatBytes(chunks));
}

export interface PasswdEntry { name: string; uid: number; home: string }

export async function passwd(): Promise<PasswdEntry[]> {
  const text = (await readSmallFile("/etc/passwd")) ?? "";
  return text.split("\n").filter(Boolean).map((l) => {
    const f = l.split(":");
    return { name: f[0], uid: Number(f[2]), home: f[5] ?? "" };
  });
}

export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
