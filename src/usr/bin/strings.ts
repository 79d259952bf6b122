// strings: print the printable character sequences in files (binutils: -n MIN / -MIN, default
// 4; -t o|d|x prints offsets; the whole file is scanned, as -a).
import { Tool, parseOpts, readFileBytes, readFd } from "../lib/common.js";

const HELP = `Usage: strings [option(s)] [file(s)]
 Display printable strings in [file(s)] (stdin by default)
 The options are:
  -a - --all                Scan the entire file, not just the data section [default]
  -n <number>               Locate & print any sequence of at least <number>
    --bytes=<number>         displayable characters.  (The default is 4).
  -t --radix={o,d,x}        Print the location of the string in base 8, 10 or 16
  -h --help                 Display this information
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("strings", HELP);
  const args = argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const p = await parseOpts(t, args, { short: "an:t:h", long: { all: "a", bytes: "n:", radix: "t:", help: "h" } });
  if (typeof p === "number") return p;
  let min = 4, radix = "";
  for (const [k, v] of p.opts) {
    if (k === "h") { await t.out.text(HELP); return t.finish(0); }
    if (k === "n") {
      if (!/^\d+$/.test(v) || Number(v) < 1) { await t.warn(`invalid minimum string length ${v}`); return 1; }
      min = Number(v);
    } else if (k === "t") radix = v;
  }
  const files = p.operands.length ? p.operands : ["-"];
  for (const f of files) {
    const b = f === "-" ? await readFd(0) : await readFileBytes(f);
    if (!b) { await t.error(`'${f}': No such file`); continue; }
    let start = 0, run = "";
    const emit = () => {
      if (run.length >= min) {
        const off = radix === "o" ? start.toString(8) : radix === "x" ? start.toString(16) : radix === "d" ? String(start) : "";
        t.out.raw((radix ? off.padStart(7) + " " : "") + run + "\n");
      }
      run = "";
    };
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if ((c >= 0x20 && c < 0x7f) || c === 9) { if (!run) start = i; run += String.fromCharCode(c); }
      else emit();
    }
    emit();
  }
  return t.finish();
}
