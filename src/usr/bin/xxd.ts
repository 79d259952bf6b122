// xxd: make a hex dump or do the reverse (vim's xxd: the default dump "%08x: " with -g 2 byte
// groups, -c COLS, -g BYTES, -l LEN, -s SEEK, -u, -p plain dump; -r reverts the default or, with
// -p, the plain format). xxd [options] [infile [outfile]].
import { open, O_WRONLY, O_CREAT, O_TRUNC } from "../../lib/libc/fcntl.js";
import { write, close } from "../../lib/libc/unistd.js";
import { Tool, readFileBytes, readFd, bytesToStr, strToBytes } from "../lib/common.js";

const HELP = `Usage:
       xxd [options] [infile [outfile]]
    or
       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]
Options:
    -c cols     format <cols> octets per line. Default 16 (-p: 30).
    -g bytes    number of octets per group in normal output. Default 2.
    -h          print this summary.
    -l len      stop after <len> octets.
    -p          output in postscript plain hexdump style.
    -r          reverse operation: convert (or patch) hexdump into binary.
    -s [+][-]seek  start at <seek> bytes abs. infile offset.
    -u          use upper case hex letters.
`;

const num = (s: string) => (/^[+-]?0x/i.test(s) ? parseInt(s.replace(/^([+-]?)0x/i, "$1"), 16) : /^[+-]?0[0-7]+$/.test(s) ? parseInt(s, 8) : Number(s));

function dump(b: Uint8Array, base: number, cols: number, group: number, upper: boolean): string {
  let out = "";
  const hx = (c: number) => { const h = c.toString(16).padStart(2, "0"); return upper ? h.toUpperCase() : h; };
  const width = 2 * cols + Math.ceil(cols / group);
  for (let o = 0; o < b.length; o += cols) {
    const row = b.subarray(o, o + cols);
    let hex = "", asc = "";
    row.forEach((c, i) => {
      hex += hx(c) + ((i + 1) % group === 0 ? " " : "");
      asc += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : ".";
    });
    const off = (base + o).toString(16).padStart(8, "0");
    out += `${off}: ${hex.padEnd(width)} ${asc}\n`;
  }
  return out;
}

function revert(text: string, plain: boolean): Uint8Array {
  const bytes: number[] = [];
  if (plain) {
    const h = text.replace(/[^0-9a-fA-F]/g, "");
    for (let i = 0; i + 1 < h.length; i += 2) bytes.push(parseInt(h.slice(i, i + 2), 16));
    return Uint8Array.from(bytes);
  }
  for (const line of text.split("\n")) {
    const m = /^\s*([0-9a-fA-F]+):\s?(.*)$/.exec(line);
    if (!m) continue;
    let pos = parseInt(m[1], 16);
    const hexPart = m[2].split("  ")[0];
    const h = hexPart.replace(/\s/g, "");
    for (let i = 0; i + 1 < h.length && /^[0-9a-fA-F]{2}$/.test(h.slice(i, i + 2)); i += 2) {
      while (bytes.length < pos) bytes.push(0);
      bytes[pos++] = parseInt(h.slice(i, i + 2), 16);
    }
  }
  return Uint8Array.from(bytes);
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("xxd", HELP);
  let cols = 0, group = 2, len = Infinity, seek = 0, plain = false, rev = false, upper = false;
  const files: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = (flag: string) => (a.length > flag.length ? a.slice(flag.length) : args[++i]);
    if (a === "-p" || a === "-ps" || a === "-postscript" || a === "-plain") plain = true;
    else if (a === "-r" || a === "-revert") rev = true;
    else if (a === "-u") upper = true;
    else if (a === "-h" || a === "-help" || a === "--help") { await write(1, HELP); return 0; }
    else if (a === "-v" || a === "-version" || a === "--version") { await write(2, "xxd 2023-10-25 by Juergen Weigert et al.\n"); return 0; }
    else if (/^-c/.test(a)) cols = num(val("-c") ?? "");
    else if (/^-g/.test(a)) group = num(val("-g") ?? "");
    else if (/^-l/.test(a)) len = num(val("-l") ?? "");
    else if (/^-s/.test(a)) seek = num(val("-s") ?? "");
    else if (a.startsWith("-") && a !== "-") { await write(2, HELP); return 1; }
    else files.push(a);
  }
  if ([cols, group, len, seek].some((n) => Number.isNaN(n))) { await write(2, HELP); return 1; }
  const inf = files[0] ?? "-";
  const data = inf === "-" ? await readFd(0) : await readFileBytes(inf);
  if (!data) { await t.warn(`${inf}: ${t.errText}`); return 2; }
  let out: Uint8Array;
  if (rev) out = revert(bytesToStr(data), plain);
  else {
    const start = seek < 0 ? Math.max(0, data.length + seek) : seek;
    const b = data.subarray(start, Math.min(data.length, start + len));
    if (plain) {
      const c = cols || 30;
      let s = "";
      for (let o = 0; o < b.length; o += c) s += [...b.subarray(o, o + c)].map((x) => x.toString(16).padStart(2, "0")).join("") + "\n";
      out = strToBytes(upper ? s.toUpperCase() : s);
    } else out = strToBytes(dump(b, start, cols || 16, group || 2 * (cols || 16), upper));
  }
  let fd = 1;
  if (files[1]) {
    fd = await open(files[1], O_WRONLY | O_CREAT | (rev ? 0 : O_TRUNC), 0o666);
    if (fd < 0) { await t.warn(`${files[1]}: ${t.errText}`); return 3; }
  }
  for (let o = 0; o < out.length;) { const n = await write(fd, out.subarray(o)); if (n <= 0) return 3; o += n; }
  if (fd !== 1) await close(fd);
  return 0;
}
