// ls: list directory contents (GNU coreutils: -a -A -1 -C -x -d -F -h -i -l -n -r -R -S -t,
// --color=never). One name per line when stdout is not a terminal, columns when it is.
import { isatty } from "../../../lib/libc/unistd.js";
import { opendir, readdir, closedir } from "../../../lib/libc/dirent.js";
import { S_ISDIR, S_ISLNK } from "../../../lib/libc/sys/stat.js";
import { Tool, parseOpts, quote, pathJoin } from "../../lib/common.js";
import { loadIds } from "../../lib/ids.js";
import { now } from "../../lib/time.js";
import { termWidth } from "../../lib/term.js";
import { humanSize } from "../../lib/human.js";
import { loadEntry, longLines, columns, indicator, type Entry, type LongOpts } from "./entry.js";

const HELP = `Usage: ls [OPTION]... [FILE]...
List information about the FILEs (the current directory by default).
Sort entries alphabetically if none of -cftuvSUX nor --sort is specified.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all                  do not ignore entries starting with .
  -A, --almost-all           do not list implied . and ..
      --color[=WHEN]         color the output WHEN; more info below
  -C                         list entries by columns
  -d, --directory            list directories themselves, not their contents
  -F, --classify[=WHEN]      append indicator (one of */=>@|) to entries WHEN
  -h, --human-readable       with -l and -s, print sizes like 1K 234M 2G etc.
  -i, --inode                print the index number of each file
  -l                         use a long listing format
  -n, --numeric-uid-gid      like -l, but list numeric user and group IDs
  -r, --reverse              reverse order while sorting
  -R, --recursive            list subdirectories recursively
  -S                         sort by file size, largest first
  -t                         sort by time, newest first; see --time
  -x                         list entries by lines instead of by columns
  -1                         list one file per line
      --help        display this help and exit

Exit status:
 0  if OK,
 1  if minor problems (e.g., cannot access subdirectory),
 2  if serious trouble (e.g., cannot access command-line argument).
`;

interface Opts {
  all: boolean; almost: boolean; dir: boolean; classify: boolean; human: boolean; inode: boolean; long: boolean;
  numeric: boolean; reverse: boolean; recursive: boolean; sort: "name" | "size" | "time"; format: "one" | "cols" | "across" | "long";
}

function sorter(o: Opts): (a: Entry, b: Entry) => number {
  const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  let cmp = byName;
  if (o.sort === "size") cmp = (a, b) => b.st.st_size - a.st.st_size || byName(a, b);
  if (o.sort === "time") cmp = (a, b) => b.st.st_mtim.tv_sec - a.st.st_mtim.tv_sec || b.st.st_mtim.tv_nsec - a.st.st_mtim.tv_nsec || byName(a, b);
  return o.reverse ? (a, b) => cmp(b, a) : cmp;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP, 2);
  const p = await parseOpts(t, argv, {
    short: "aACdFhilnrRStx1",
    long: { all: "a", "almost-all": "A", directory: "d", classify: "F", "human-readable": "h", inode: "i",
      "numeric-uid-gid": "n", reverse: "r", recursive: "R", color: "color::" },
  });
  if (typeof p === "number") return p;
  const tty = (await isatty(1)) === 1;
  const o: Opts = { all: false, almost: false, dir: false, classify: false, human: false, inode: false, long: false,
    numeric: false, reverse: false, recursive: false, sort: "name", format: tty ? "cols" : "one" };
  for (const [k, v] of p.opts) {
    switch (k) {
      case "a": o.all = true; o.almost = false; break;
      case "A": o.almost = true; o.all = false; break;
      case "C": o.format = "cols"; break;
      case "x": o.format = "across"; break;
      case "1": o.format = "one"; break;
      case "l": o.format = "long"; break;
      case "n": o.format = "long"; o.numeric = true; break;
      case "d": o.dir = true; break;
      case "F": o.classify = true; break;
      case "h": o.human = true; break;
      case "i": o.inode = true; break;
      case "r": o.reverse = true; break;
      case "R": o.recursive = true; break;
      case "S": o.sort = "size"; break;
      case "t": o.sort = "time"; break;
      case "color":
        if (!["", "never", "no", "none", "auto", "tty", "if-tty", "always", "yes", "force"].includes(v)) {
          await t.warn(`invalid argument ${quote(v)} for '--color'\nValid arguments are:\n  - 'always', 'yes', 'force'\n  - 'never', 'no', 'none'\n  - 'auto', 'tty', 'if-tty'`);
          return t.usage();
        }
        break;
    }
  }
  const long = o.format === "long";
  const lo: LongOpts = { human: o.human, inode: o.inode, numeric: o.numeric, classify: o.classify, ids: long ? await loadIds() : { users: new Map(), groups: new Map(), userIds: new Map(), groupIds: new Map(), userGid: new Map() }, now: await now() };
  const width = o.format === "cols" || o.format === "across" ? await termWidth(1) : 80;
  const cmp = sorter(o);
  const needTarget = long || o.classify;

  const show = (list: Entry[]): void => {
    if (long) { for (const l of longLines(list, lo)) t.out.text(l + "\n"); return; }
    const inoW = o.inode ? Math.max(0, ...list.map((e) => String(e.st.st_ino).length)) : 0;
    const cells = list.map((e) => {
      return (o.inode ? `${String(e.st.st_ino).padStart(inoW)} ` : "") + e.name + (o.classify ? indicator(e.st.st_mode) : "");
    });
    const lines = o.format === "one" ? cells : columns(cells, width, o.format === "across");
    for (const l of lines) t.out.text(l + "\n");
  };

  const files: Entry[] = [];
  const dirs: Entry[] = [];
  const operands = p.operands.length ? p.operands : ["."];
  for (const name of operands) {
    // Operands are followed when they are symlinks, unless listed long or with -d/-F.
    const follow = !o.dir && !long && !o.classify;
    let e = await loadEntry(name, name, follow, needTarget);
    if (!e) { await t.error(`cannot access ${quote(name)}: ${t.errText}`, 2); continue; }
    if (!o.dir && S_ISLNK(e.st.st_mode) && e.target && S_ISDIR(e.target.st_mode) && !long) {
      e = (await loadEntry(name, name, true, false))!;
    }
    if (!o.dir && S_ISDIR(e.st.st_mode)) dirs.push(e); else files.push(e);
  }
  files.sort(cmp);
  dirs.sort(cmp);
  show(files);
  const header = operands.length > 1 || o.recursive;
  let first = files.length === 0;
  const listDir = async (d: Entry, top: boolean): Promise<void> => {
    const dir = await opendir(d.path);
    if (!first) t.out.text("\n");
    first = false;
    if (!dir) {
      await t.out.flush();
      await t.error(`cannot open directory ${quote(d.path)}: ${t.errText}`, top ? 2 : Math.max(t.status, 1));
      return;
    }
    if (header) t.out.text(`${d.path}:\n`);
    const list: Entry[] = [];
    for (let de = await readdir(dir); de; de = await readdir(dir)) {
      const n = de.d_name;
      if (n.startsWith(".") && !o.all && !(o.almost && n !== "." && n !== "..")) continue;
      const e = await loadEntry(n, pathJoin(d.path, n), false, needTarget);
      if (e) list.push(e);
      else await t.error(`cannot access ${quote(pathJoin(d.path, n))}: ${t.errText}`, Math.max(t.status, 1));
    }
    await closedir(dir);
    list.sort(cmp);
    if (long) {
      const blocks = list.reduce((s, e) => s + Math.ceil(e.st.st_blocks / 2), 0);
      t.out.text(`total ${o.human ? humanSize(blocks * 1024) : blocks}\n`);
    }
    show(list);
    await t.out.maybeFlush();
    if (o.recursive) {
      for (const e of list) {
        if (S_ISDIR(e.st.st_mode) && e.name !== "." && e.name !== "..") await listDir(e, false);
      }
    }
  };
  for (const d of dirs) await listDir(d, true);
  return t.finish();
}
