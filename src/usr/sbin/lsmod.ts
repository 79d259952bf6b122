// lsmod: list the loaded modules from /proc/modules (kmod's lsmod): a header, then
// "%-19s %8ld  %d" name, size, use count, and the holders " a,b".
import { write } from "../../lib/libc/unistd.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { readFileBytes } from "../lib/common.js";

export default async function main(argv: string[]): Promise<number> {
  if (argv.length > 1) { await write(2, "Usage: lsmod\n"); return 1; }
  const b = await readFileBytes("/proc/modules");
  if (!b) { await write(2, `lsmod: ERROR: could not open /proc/modules: ${strerror(errno)}\n`); return 1; }
  let out = "Module                  Size  Used by\n";
  for (const line of new TextDecoder().decode(b).split("\n").filter(Boolean)) {
    const [name, size, refcnt, used] = line.split(" ");
    const holders = used.split(",").filter((h) => h && h !== "-" && h !== "[permanent]");
    out += `${name.padEnd(19)} ${size.padStart(8)}  ${refcnt}${holders.length ? " " + holders.join(",") : ""}\n`;
  }
  await write(1, out);
  return 0;
}
