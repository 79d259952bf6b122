// hexdump: display file contents in hexadecimal (util-linux: the default 16-bit word format,
// -C canonical hex+ASCII, -n LENGTH, -s OFFSET, -v; identical lines become "*").
import { Tool, parseOpts, quote, readFileBytes, parseSize } from "../lib/common.js";

const HELP = `
Usage:
 hexdump [options] <file>...

Display file contents in hexadecimal, decimal, octal, or ascii.

Options:
 -C, --canonical           canonical hex+ASCII display
 -n, --length <length>     interpret only length bytes of input
 -s, --skip <offset>       skip offset bytes from the beginning
 -v, --no-squeezing        output identical lines
     --help                display this help
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "Cn:s:v", long: { canonical: "C", length: "n:", skip: "s:", "no-squeezing": "v" } });
  if (typeof p === "number") return p;
  let canon = false, len = Infinity, skip = 0, dup = false;
  for (const [k, v] of p.opts) {
    if (k === "C") canon = true; else if (k === "v") dup = true;
    else {
      const n = /^0x[0-9a-f]+$/i.test(v) ? parseInt(v, 16) : parseSize(v);
      if (n === null) { await t.error(`invalid ${k === "n" ? "length" : "offset"} argument: ${quote(v)}`); return 1; }
      if (k === "n") len = n; else skip = n;
    }
  }
  const parts: Uint8Array[] = [];
  for (const f of p.operands.length ? p.operands : ["-"]) {
    const b = await readFileBytes(f);
    if (!b) { await t.error(`${f}: ${t.errText}`); t.status = 1; continue; }
    parts.push(b);
  }
  const all = new Uint8Array(parts.reduce((s, b) => s + b.length, 0));
  parts.reduce((o, b) => { all.set(b, o); return o + b.length; }, 0);
  const data = all.subarray(Math.min(skip, all.length), Math.min(all.length, skip + len));
  const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");
  let prev: string | null = null, starred = false;
  for (let off = 0; off < data.length; off += 16) {
    const c = data.subarray(off, Math.min(off + 16, data.length));
    const key = Array.from(c).join(",");
    if (!dup && key === prev && c.length === 16) { if (!starred) t.out.text("*\n"); starred = true; continue; }
    prev = key; starred = false;
    if (canon) {
      let l = hex(skip + off, 8) + "  ";
      for (let i = 0; i < 16; i++) l += (i < c.length ? hex(c[i], 2) + " " : "   ") + (i === 7 ? " " : "");
      l += " |" + Array.from(c, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".")).join("") + "|";
      t.out.text(l + "\n");
    } else {
      let l = hex(skip + off, 7);
      for (let i = 0; i < c.length; i += 2) l += " " + hex(c[i] | ((c[i + 1] ?? 0) << 8), 4);
      t.out.text(l + "\n");
    }
  }
  if (data.length || skip) t.out.text(hex(skip + data.length, canon ? 8 : 7) + "\n");
  return t.finish();
}
