// wc: print newline, word, and byte counts for each file (GNU coreutils: -l -w -c -m -L, totals,
// GNU's column width rule).
import { fstat, newStat, S_ISREG } from "../../lib/libc/sys/stat.js";
import { open, O_RDONLY } from "../../lib/libc/fcntl.js";
import { close } from "../../lib/libc/unistd.js";
import { Tool, parseOpts, readFd } from "../lib/common.js";

const HELP = `Usage: wc [OPTION]... [FILE]...
Print newline, word, and byte counts for each FILE, and a total line if
more than one FILE is specified.  A word is a non-zero-length sequence of
printable characters delimited by white space.

With no FILE, or when FILE is -, read standard input.

The options below may be used to select which counts are printed, always in
the following order: newline, word, character, byte, maximum line length.
  -c, --bytes            print the byte counts
  -m, --chars            print the character counts
  -l, --lines            print the newline counts
  -L, --max-line-length  print the maximum display width
  -w, --words            print the word counts
      --help        display this help and exit
`;

type Counts = [number, number, number, number, number];

function count(d: Uint8Array): Counts {
  let lines = 0, words = 0, chars = 0, maxLen = 0, col = 0, inWord = false;
  for (let i = 0; i < d.length; i++) {
    const b = d[i];
    if ((b & 0xc0) !== 0x80) chars++;
    if (b === 10) { lines++; maxLen = Math.max(maxLen, col); col = 0; }
    else if (b === 9) col += 8 - (col % 8);
    else if (b === 13 || b === 12) col = 0;
    else if ((b & 0xc0) !== 0x80 && b >= 32 && b !== 127) col++;
    const space = b === 32 || (b >= 9 && b <= 13);
    if (space) inWord = false;
    else if (!inWord && (b > 32 && b !== 127)) { inWord = true; words++; }
  }
  return [lines, words, chars, d.length, Math.max(maxLen, col)];
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "clLmw", long: { bytes: "c", chars: "m", lines: "l", "max-line-length": "L", words: "w" } });
  if (typeof p === "number") return p;
  const sel = [false, false, false, false, false];
  for (const [k] of p.opts) sel["lwmcL".indexOf(k)] = true;
  if (!sel.some(Boolean)) sel[0] = sel[1] = sel[3] = true;
  const files = p.operands.length ? p.operands : ["-"];
  const nsel = sel.filter(Boolean).length;
  const results: { name: string | null; c: Counts | null }[] = [];
  let width = 1, minWidth = 1, regular = 0, ok = 0;
  for (const f of files) {
    const fd = f === "-" ? 0 : await open(f, O_RDONLY);
    if (fd < 0) { await t.error(`${f}: ${t.errText}`); results.push({ name: f, c: null }); continue; }
    const st = newStat();
    if ((await fstat(fd, st)) === 0) { if (S_ISREG(st.st_mode)) regular += st.st_size; else minWidth = 7; }
    const d = await readFd(fd);
    if (fd !== 0) await close(fd);
    if (!d) { await t.error(`${f}: ${t.errText}`); results.push({ name: f, c: null }); continue; }
    ok++;
    results.push({ name: p.operands.length ? f : null, c: count(d) });
  }
  if (!(files.length === 1 && nsel === 1) && !(results[0] && results[0].c === null)) {
    for (let r = regular; r >= 10; r = Math.floor(r / 10)) width++;
    width = Math.max(width, minWidth);
  }
  const total: Counts = [0, 0, 0, 0, 0];
  const line = (c: Counts, name: string | null) => {
    const cols = c.map((v, i) => (sel[i] ? String(v).padStart(width) : null)).filter((v) => v !== null);
    t.out.text(cols.join(" ") + (name !== null ? ` ${name}` : "") + "\n");
  };
  for (const r of results) {
    if (!r.c) continue;
    for (let i = 0; i < 4; i++) total[i] += r.c[i];
    total[4] = Math.max(total[4], r.c[4]);
    line(r.c, r.name);
  }
  if (files.length > 1) line(total, "total");
  void ok;
  return t.finish();
}
