// ls's view of one file: its name as shown, its lstat (and the target's stat for symlinks),
// and the long-format fields.
import { lstat, stat, newStat, S_ISLNK, S_ISDIR, S_ISCHR, S_ISBLK, S_ISFIFO, S_ISSOCK, major, minor, type Stat } from "../../../lib/libc/sys/stat.js";
import { readlink } from "../../../lib/libc/unistd.js";
import { modeString } from "../../lib/mode.js";
import { userName, groupName, type IdDb } from "../../lib/ids.js";
import { humanSize } from "../../lib/human.js";
import { lsDate } from "../../lib/time.js";
import type { Timespec } from "../../../lib/libc/sys/stat.js";

export interface Entry {
  name: string;
  path: string;
  st: Stat;
  /** The symlink's target text and the target's stat (null when dangling). */
  link?: string;
  target?: Stat | null;
}

/** lstat path (stat when follow); null with errno on failure. */
export async function loadEntry(name: string, path: string, follow: boolean, needTarget: boolean): Promise<Entry | null> {
  const st = newStat();
  if ((await (follow ? stat(path, st) : lstat(path, st))) < 0) {
    if (!follow) return null;
    if ((await lstat(path, st)) < 0) return null;
  }
  const e: Entry = { name, path, st };
  if (S_ISLNK(st.st_mode) && needTarget) {
    const l = await readlink(path);
    e.link = typeof l === "string" ? l : "";
    const t = newStat();
    e.target = (await stat(path, t)) === 0 ? t : null;
  }
  return e;
}

/** -F's indicator for a mode. */
export function indicator(mode: number): string {
  if (S_ISDIR(mode)) return "/";
  if (S_ISLNK(mode)) return "@";
  if (S_ISFIFO(mode)) return "|";
  if (S_ISSOCK(mode)) return "=";
  if (mode & 0o111) return "*";
  return "";
}

export interface LongOpts { human: boolean; inode: boolean; numeric: boolean; classify: boolean; ids: IdDb; now: Timespec }

/** The long-format lines of a set of entries, with GNU's column widths. */
export function longLines(entries: Entry[], o: LongOpts): string[] {
  const rows = entries.map((e) => {
    const m = e.st.st_mode;
    const dev = S_ISCHR(m) || S_ISBLK(m);
    return {
      ino: String(e.st.st_ino),
      mode: modeString(m),
      nlink: String(e.st.st_nlink),
      user: o.numeric ? String(e.st.st_uid) : userName(o.ids, e.st.st_uid),
      group: o.numeric ? String(e.st.st_gid) : groupName(o.ids, e.st.st_gid),
      size: dev ? "" : o.human ? humanSize(e.st.st_size) : String(e.st.st_size),
      maj: dev ? String(major(e.st.st_rdev)) : "",
      min: dev ? String(minor(e.st.st_rdev)) : "",
      dev,
      date: lsDate(e.st.st_mtim, o.now),
      e,
    };
  });
  const w = (f: (r: (typeof rows)[number]) => string) => Math.max(0, ...rows.map((r) => f(r).length));
  const inoW = w((r) => r.ino), linkW = w((r) => r.nlink), userW = w((r) => r.user), groupW = w((r) => r.group);
  const majW = w((r) => r.maj), minW = w((r) => r.min);
  let sizeW = w((r) => r.size);
  if (rows.some((r) => r.dev)) sizeW = Math.max(sizeW, majW + 2 + minW);
  return rows.map((r) => {
    const size = r.dev ? " ".repeat(Math.max(0, sizeW - (majW + 2 + minW))) + `${r.maj.padStart(majW)}, ${r.min.padStart(minW)}` : r.size.padStart(sizeW);
    let name = r.e.name;
    if (r.e.link !== undefined) {
      name += ` -> ${r.e.link}`;
      if (o.classify && r.e.target) name += indicator(r.e.target.st_mode);
    } else if (o.classify) name += indicator(r.e.st.st_mode);
    const ino = o.inode ? `${r.ino.padStart(inoW)} ` : "";
    return `${ino}${r.mode} ${r.nlink.padStart(linkW)} ${r.user.padEnd(userW)} ${r.group.padEnd(groupW)} ${size} ${r.date} ${name}`;
  });
}

/** GNU's column layout (-C): as many columns as fit, filled top to bottom (or across with -x). */
export function columns(cells: string[], width: number, across: boolean): string[] {
  const n = cells.length;
  if (n === 0) return [];
  const len = cells.map((c) => [...c].length);
  let best = { cols: 1, rows: n, widths: [Math.max(...len)] };
  for (let cols = Math.min(n, Math.max(1, Math.floor(width / 3))); cols > 1; cols--) {
    const rows = Math.ceil(n / cols);
    const used = across ? cols : Math.ceil(n / rows);
    const widths = new Array(used).fill(0);
    for (let i = 0; i < n; i++) {
      const c = across ? i % cols : Math.floor(i / rows);
      widths[c] = Math.max(widths[c], len[i]);
    }
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (used - 1);
    if (total < width) { best = { cols: used, rows: across ? Math.ceil(n / cols) : rows, widths }; break; }
  }
  const lines: string[] = [];
  for (let r = 0; r < best.rows; r++) {
    let line = "";
    for (let c = 0; c < best.cols; c++) {
      const i = across ? r * best.cols + c : c * best.rows + r;
      if (i >= n) break;
      const last = across ? c === best.cols - 1 || i === n - 1 : i + best.rows >= n;
      line += last ? cells[i] : cells[i] + " ".repeat(best.widths[c] - len[i] + 2);
    }
    lines.push(line);
  }
  return lines;
}
