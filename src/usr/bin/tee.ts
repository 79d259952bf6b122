// tee: read from standard input and write to standard output and files (GNU coreutils: -a, -i).
import { read, write, close } from "../../lib/libc/unistd.js";
import { open, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND } from "../../lib/libc/fcntl.js";
import { Tool, parseOpts } from "../lib/common.js";

const HELP = `Usage: tee [OPTION]... [FILE]...
Copy standard input to each FILE, and also to standard output.

  -a, --append              append to the given FILEs, do not overwrite
  -i, --ignore-interrupts   ignore interrupt signals
      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "aip", long: { append: "a", "ignore-interrupts": "i" } });
  if (typeof p === "number") return p;
  const append = p.opts.some(([k]) => k === "a");
  const outs: { fd: number; name: string }[] = [{ fd: 1, name: "standard output" }];
  for (const f of p.operands) {
    const fd = f === "-" ? 1 : await open(f, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o666);
    if (fd < 0) await t.error(`${f}: ${t.errText}`); else outs.push({ fd, name: f });
  }
  const buf = new Uint8Array(65536);
  for (;;) {
    const n = await read(0, buf);
    if (n < 0) { await t.error(`read error: ${t.errText}`); break; }
    if (n === 0) break;
    for (const o of outs) {
      if (o.fd < 0) continue;
      for (let off = 0; off < n;) {
        const w = await write(o.fd, buf.subarray(off, n));
        if (w < 0) { await t.error(`${o.name}: ${t.errText}`); o.fd = -1; break; }
        off += w;
      }
    }
  }
  for (const o of outs.slice(1)) if (o.fd > 2) await close(o.fd);
  return t.status;
}
