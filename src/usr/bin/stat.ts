// stat: display file status (GNU coreutils: the default format, -c/--format, --printf, -L, -t).
import { readlink } from "../../lib/libc/unistd.js";
import { S_ISCHR, S_ISBLK, S_ISLNK, major, minor, type Stat } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts, quote } from "../lib/common.js";
import { loadIds, userName, groupName, type IdDb } from "../lib/ids.js";
import { modeString, fileTypeName } from "../lib/mode.js";
import { fullDate } from "../lib/time.js";
import { statOf, lstatOf } from "../lib/fsops.js";

const HELP = `Usage: stat [OPTION]... FILE...
Display file or file system status.

Mandatory arguments to long options are mandatory for short options too.
  -L, --dereference     follow links
  -c  --format=FORMAT   use the specified FORMAT instead of the default;
                          output a newline after each use of FORMAT
      --printf=FORMAT   like --format, but interpret backslash escapes,
                          and do not output a mandatory trailing newline;
                          if you want a newline, include \\n in FORMAT
  -t, --terse           print the information in terse form
      --help        display this help and exit
`;

const REG = "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Dh/%dd\tInode: %-10i  Links: %h\n";
const DEV = "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Dh/%dd\tInode: %-10i  Links: %-5h Device type: %t,%T\n";
const REST = "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n";
const TERSE = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n";

/** Names in the default format are quoted only when the shell would need it. */
function shellName(s: string): string {
  return /^[A-Za-z0-9_\-./,:+@%=\u0080-\uffff]+$/.test(s) ? s : quote(s);
}

interface File { name: string; st: Stat; link: string | null }

function directive(c: string, f: File, db: IdDb): string | null {
  const st = f.st;
  switch (c) {
    case "n": return f.name;
    case "N": return f.link !== null ? `${quote(f.name)} -> ${quote(f.link)}` : quote(f.name);
    case "s": return String(st.st_size);
    case "b": return String(st.st_blocks);
    case "B": return "512";
    case "o": return String(st.st_blksize);
    case "a": return (st.st_mode & 0o7777).toString(8);
    case "A": return modeString(st.st_mode);
    case "f": return st.st_mode.toString(16);
    case "F": return fileTypeName(st.st_mode, st.st_size);
    case "u": return String(st.st_uid);
    case "g": return String(st.st_gid);
    case "U": return userName(db, st.st_uid);
    case "G": return groupName(db, st.st_gid);
    case "i": return String(st.st_ino);
    case "h": return String(st.st_nlink);
    case "d": return String(st.st_dev);
    case "D": return st.st_dev.toString(16);
    case "t": return major(st.st_rdev).toString(16);
    case "T": return minor(st.st_rdev).toString(16);
    case "r": return String(st.st_rdev);
    case "x": return fullDate(st.st_atim);
    case "y": return fullDate(st.st_mtim);
    case "z": return fullDate(st.st_ctim);
    case "w": return "-";
    case "X": return String(st.st_atim.tv_sec);
    case "Y": return String(st.st_mtim.tv_sec);
    case "Z": return String(st.st_ctim.tv_sec);
    case "W": return "0";
    case "m": return "/";
    default: return null;
  }
}

const NUMERIC = new Set("sbBoaufgidhDXYZW".split(""));

/** Expand a stat FORMAT for one file (printf-style flags, width and precision allowed). */
export function expand(fmt: string, f: File, db: IdDb): string {
  return fmt.replace(/%([-#+ 0']*)(\d*)(?:\.(\d+))?(.?)/g, (all, flags: string, width: string, prec: string | undefined, c: string) => {
    if (c === "%") return "%";
    if (c === "") return "%";
    let v = directive(c, f, db);
    if (v === null) return all.slice(0, -1) + "?" ;
    if (prec !== undefined && !NUMERIC.has(c)) v = v.slice(0, Number(prec));
    const w = Number(width || 0);
    if (flags.includes("-")) return v.padEnd(w);
    if (flags.includes("0") && NUMERIC.has(c)) return v.padStart(w, "0");
    return v.padStart(w);
  });
}

function escapes(s: string): string {
  return s.replace(/\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (_m, e: string) => {
    const map: Record<string, string> = { n: "\n", t: "\t", a: "\x07", b: "\b", f: "\f", r: "\r", v: "\v", "\\": "\\", '"': '"', e: "\x1b" };
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    return map[e] ?? "\\" + e;
  });
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "Lc:t", long: { dereference: "L", format: "c:", printf: "printf:", terse: "t" } });
  if (typeof p === "number") return p;
  let follow = false, fmt: string | null = null, terse = false;
  for (const [k, v] of p.opts) {
    if (k === "L") follow = true; else if (k === "c") fmt = v + "\n"; else if (k === "printf") fmt = escapes(v); else if (k === "t") terse = true;
  }
  if (!p.operands.length) return t.usage("missing operand");
  const db = await loadIds();
  for (const name of p.operands) {
    const st = follow ? await statOf(name) : await lstatOf(name);
    if (!st) { await t.error(`cannot statx ${quote(name)}: ${t.errText}`); continue; }
    let link: string | null = null;
    if (S_ISLNK(st.st_mode)) { const l = await readlink(name); link = typeof l === "string" ? l : null; }
    const f: File = { name, st, link };
    if (fmt !== null) { t.out.text(expand(fmt, f, db)); continue; }
    if (terse) { t.out.text(expand(TERSE, f, db)); continue; }
    const dev = S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode);
    const head = expand(dev ? DEV : REG, f, db).replace(/^ {2}File: .*\n/, () => `  File: ${link !== null ? `${shellName(name)} -> ${shellName(link)}` : shellName(name)}\n`);
    t.out.text(head + expand(REST, f, db));
  }
  return t.finish();
}
