// cut: remove sections from each line (GNU coreutils: -b -c -f LIST, -d DELIM, -s,
// --complement, --output-delimiter).
import { Tool, parseOpts, quote, readFileBytes, bytesToStr, splitLines, utf8Bytes } from "../lib/common.js";

const HELP = `Usage: cut OPTION... [FILE]...
Print selected parts of lines from each FILE to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes=LIST        select only these bytes
  -c, --characters=LIST   select only these characters
  -d, --delimiter=DELIM   use DELIM instead of TAB for field delimiter
  -f, --fields=LIST       select only these fields;  also print any line
                            that contains no delimiter character, unless
                            the -s option is specified
      --complement        complement the set of selected bytes, characters
                            or fields
  -s, --only-delimited    do not print lines not containing delimiters
      --output-delimiter=STRING  use STRING as the output delimiter
                            the default is to use the input delimiter
  -z, --zero-terminated   line delimiter is NUL, not newline
      --help        display this help and exit
`;

type Ranges = [number, number][];

function parseList(s: string): Ranges | string {
  const out: Ranges = [];
  for (const part of s.split(/[ ,]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return part === "-" || part === "" ? "invalid range with no endpoint: -" : `invalid byte/character position ${quote(part)}`;
    const a = m[1] ? +m[1] : 1;
    const b = m[2] ? (m[3] ? +m[3] : Infinity) : a;
    if (a === 0 || b === 0) return "fields and positions are numbered from 1";
    if (b < a) return "invalid decreasing range";
    out.push([a, b]);
  }
  return out;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "b:c:d:f:nsz", long: { bytes: "b:", characters: "c:", delimiter: "d:", fields: "f:", complement: "complement", "only-delimited": "s", "output-delimiter": "od:", "zero-terminated": "z" } });
  if (typeof p === "number") return p;
  let mode: string | null = null, list = "", delim = "\t", onlyDelim = false, complement = false, od: string | null = null, nul = false;
  for (const [k, v] of p.opts) {
    if (k === "b" || k === "c" || k === "f") {
      if (mode) return t.usage("only one list may be specified");
      mode = k; list = v;
    } else if (k === "d") {
      delim = utf8Bytes(v);
      if (delim.length !== 1) { await t.error("the delimiter must be a single character"); return t.usage(); }
    } else if (k === "s") onlyDelim = true; else if (k === "complement") complement = true;
    else if (k === "od") od = utf8Bytes(v); else if (k === "z") nul = true;
  }
  if (!mode) return t.usage("you must specify a list of bytes, characters, or fields");
  const ranges = parseList(list);
  if (typeof ranges === "string") { await t.error(ranges); return t.usage(); }
  const sel = (i: number) => ranges.some(([a, b]) => i >= a && i <= b) !== complement;
  const eol = nul ? "\0" : "\n";
  for (const f of p.operands.length ? p.operands : ["-"]) {
    const b = await readFileBytes(f);
    if (!b) { await t.error(`${f}: ${t.errText}`); continue; }
    for (const line of splitLines(bytesToStr(b), eol).lines) {
      if (mode === "f") {
        if (!line.includes(delim)) { if (!onlyDelim) t.out.raw(line + eol); continue; }
        const fields = line.split(delim);
        t.out.raw(fields.filter((_x, i) => sel(i + 1)).join(od ?? delim) + eol);
      } else {
        let s = "";
        let prevSel = false;
        for (let i = 0; i < line.length; i++) {
          const on = sel(i + 1);
          if (on && od !== null && !prevSel && s !== "") s += od;
          if (on) s += line[i];
          prevSel = on;
        }
        t.out.raw(s + eol);
      }
    }
  }
  return t.finish();
}
