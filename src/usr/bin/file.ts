// file: determine file type (the magic tests for the files Typix has: empty, directories,
// devices, symbolic links, #! scripts, WebAssembly modules, ASCII/UTF-8 text, else data).
// -b leaves the name out, -L follows symbolic links. Names are padded as file pads them.
import { lstat, stat, newStat, S_ISDIR, S_ISCHR, S_ISBLK, S_ISLNK, S_ISFIFO, S_ISSOCK, S_ISVTX, major, minor } from "../../lib/libc/sys/stat.js";
import { readlink } from "../../lib/libc/unistd.js";
import { Tool, parseOpts, readFileBytes, bytesToStr, fromUtf8 } from "../lib/common.js";

const HELP = `Usage: file [OPTION...] [FILE...]
Determine type of FILEs.

  -b, --brief                do not prepend filenames to output lines
  -L, --dereference          follow symlinks
  -h, --no-dereference       don't follow symlinks (default)
      --help                 display this help and exit
`;

const SHELLS: Record<string, string> = { sh: "POSIX shell script", dash: "POSIX shell script", bash: "Bourne-Again shell script" };

function textKind(b: Uint8Array): string | null {
  let ascii = true;
  for (const c of b) {
    if (c >= 0x80) ascii = false;
    else if (c < 0x20 && ![7, 8, 9, 10, 11, 12, 13, 27].includes(c)) return null;
  }
  let kind = "ASCII text";
  if (!ascii) {
    try { new TextDecoder("utf-8", { fatal: true }).decode(b); } catch { return null; }
    kind = "Unicode text, UTF-8 text";
  }
  if (b[b.length - 1] !== 10 && !b.includes(10)) kind += ", with no line terminators";
  else if (b.includes(13)) kind += ", with CRLF line terminators";
  return kind;
}

function magic(b: Uint8Array): string {
  if (b.length === 0) return "empty";
  if (b.length >= 8 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d) {
    const v = b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24);
    return `WebAssembly (wasm) binary module version 0x${v.toString(16)}${v === 1 ? " (MVP)" : ""}`;
  }
  const text = textKind(b);
  if (b[0] === 0x23 && b[1] === 0x21 && text) {
    const line = bytesToStr(b.subarray(0, b.indexOf(10) < 0 ? b.length : b.indexOf(10)));
    const words = line.slice(2).trim().split(/\s+/);
    let prog = (words[0] ?? "").split("/").pop()!;
    if (prog === "env" && words[1]) prog = words[1];
    const what = SHELLS[prog] ?? `a ${words.join(" ")} script`;
    return `${what}, ${text} executable`;
  }
  return text ?? "data";
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("file", HELP);
  const p = await parseOpts(t, argv, { short: "bLh", long: { brief: "b", dereference: "L", "no-dereference": "h" } });
  if (typeof p === "number") return p;
  const brief = p.opts.some(([k]) => k === "b");
  let follow = false;
  for (const [k] of p.opts) if (k === "L") follow = true; else if (k === "h") follow = false;
  if (p.operands.length === 0) { await t.warn("Usage: file [-bchikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]"); return 1; }
  const width = Math.max(...p.operands.map((f) => fromUtf8(f).length)) + 1;
  for (const f of p.operands) {
    const st = newStat();
    let desc: string;
    if ((await (follow ? stat : lstat)(f, st)) < 0) desc = `cannot open \`${f}' (${t.errText})`;
    else if (S_ISLNK(st.st_mode)) desc = `symbolic link to ${await readlink(f)}`;
    else if (S_ISDIR(st.st_mode)) desc = (st.st_mode & S_ISVTX ? "sticky, " : "") + "directory";
    else if (S_ISCHR(st.st_mode)) desc = `character special (${major(st.st_rdev)}/${minor(st.st_rdev)})`;
    else if (S_ISBLK(st.st_mode)) desc = `block special (${major(st.st_rdev)}/${minor(st.st_rdev)})`;
    else if (S_ISFIFO(st.st_mode)) desc = "fifo (named pipe)";
    else if (S_ISSOCK(st.st_mode)) desc = "socket";
    else {
      const b = await readFileBytes(f);
      desc = b ? magic(b) : `regular file, no read permission`;
    }
    t.out.raw(brief ? `${desc}\n` : `${(f + ":").padEnd(width)} ${desc}\n`);
  }
  return t.finish(0);
}
