// File modes: the "-rwxr-xr-x" string of ls and stat, file-type names, and chmod/mkdir -m's
// symbolic and octal mode expressions.
import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK } from "../../lib/libc/sys/stat.js";

const TYPE_CHAR: Record<number, string> = { [S_IFDIR]: "d", [S_IFREG]: "-", [S_IFLNK]: "l", [S_IFCHR]: "c", [S_IFBLK]: "b", [S_IFIFO]: "p", [S_IFSOCK]: "s" };

/** "drwxr-xr-x", with s/S, t/T for the set-ID and sticky bits. */
export function modeString(mode: number): string {
  const t = TYPE_CHAR[mode & S_IFMT] ?? "?";
  const rwx = (bits: number, special: boolean, ch: string) =>
    (bits & 4 ? "r" : "-") + (bits & 2 ? "w" : "-") + (special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? "x" : "-");
  return t + rwx((mode >> 6) & 7, !!(mode & 0o4000), "s") + rwx((mode >> 3) & 7, !!(mode & 0o2000), "s") + rwx(mode & 7, !!(mode & 0o1000), "t");
}

/** stat's %F names. */
export function fileTypeName(mode: number, size: number): string {
  switch (mode & S_IFMT) {
    case S_IFREG: return size === 0 ? "regular empty file" : "regular file";
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFCHR: return "character special file";
    case S_IFBLK: return "block special file";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "socket";
    default: return "weird file";
  }
}

/**
 * Apply a mode expression ("755", "u+x,go-w", "a=r", "+t", "u=g") to mode; null when it is
 * invalid. umask applies to symbolic clauses with no "who", as chmod(1) says.
 */
export function applyMode(expr: string, mode: number, isDir: boolean, umask = 0): number | null {
  if (/^[0-7]+$/.test(expr)) {
    const v = parseInt(expr, 8);
    if (v > 0o7777) return null;
    // GNU: directories keep their set-ID bits unless the octal mode has 5+ digits.
    if (isDir && expr.length < 5) return (v | (mode & 0o6000)) & 0o7777;
    return v;
  }
  let m = mode & 0o7777;
  for (const clause of expr.split(",")) {
    const c = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!c) return null;
    let who = 0;
    for (const w of c[1]) who |= w === "u" ? 0o4700 : w === "g" ? 0o2070 : w === "o" ? 0o1007 : 0o7777;
    const masked = c[1] === "";
    if (masked) who = 0o7777;
    for (const a of c[2].matchAll(/([-+=])([rwxXst]*|[ugo])/g)) {
      const op = a[1];
      let bits = 0;
      if (/^[ugo]$/.test(a[2])) {
        const src = a[2] === "u" ? (m >> 6) & 7 : a[2] === "g" ? (m >> 3) & 7 : m & 7;
        bits = (src << 6) | (src << 3) | src;
      } else {
        for (const p of a[2]) {
          if (p === "r") bits |= 0o444;
          else if (p === "w") bits |= 0o222;
          else if (p === "x") bits |= 0o111;
          else if (p === "X") { if (isDir || (m & 0o111)) bits |= 0o111; }
          else if (p === "s") bits |= 0o6000;
          else if (p === "t") bits |= 0o1000;
        }
      }
      let eff = bits & who;
      if (masked) eff &= ~umask | 0o7000;
      if (op === "+") m |= eff;
      else if (op === "-") m &= ~eff;
      else {
        const clear = who & (isDir ? ~0o6000 | (bits & 0o6000) : 0o7777);
        m = (m & ~clear) | eff;
      }
    }
  }
  return m;
}
