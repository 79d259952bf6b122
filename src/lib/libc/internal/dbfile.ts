// Reading the colon-separated databases (/etc/passwd, /etc/group) for pwd.h and grp.h: the
// file's lines split into fields, or null (errno set) when it cannot be read.
import { open } from "../fcntl.js";
import { read, close } from "../unistd_io.js";
import { O_RDONLY, O_CLOEXEC } from "../../../include/uapi/fcntl.js";
import { decode } from "./mem.js";

export async function readDb(path: string): Promise<string[][] | null> {
  const fd = await open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return null;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const buf = new Uint8Array(4096);
    const n = await read(fd, buf);
    if (n < 0) { await close(fd); return null; }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
  }
  await close(fd);
  const all = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of chunks) { all.set(c, o); o += c.length; }
  return decode(all).split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(":"));
}
