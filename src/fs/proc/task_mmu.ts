// /proc/PID/maps (Linux's fs/proc/task_mmu.c): one line per mapped area.
import type { Task } from "../../kernel/task.js";
import { PROT_READ, PROT_WRITE, PROT_EXEC } from "../../include/uapi/mman.js";
import { MAJOR, MINOR } from "../../include/uapi/stat.js";

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");

/*
 * /proc/PID/maps:
 *   "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu " start, end, r/w/x/(s|p), file offset,
 *   device major:minor, inode; then, for a named area, the line padded with spaces to column
 *   73 and the name (a path, "[heap]", "[stack]").
 */
export function mapsShow(t: Task): string {
  const mm = t.mm;
  if (!mm || !t.isAlive()) return "";
  let s = "";
  for (const a of [...mm.areas].sort((x, y) => x.start - y.start)) {
    const perms = (a.prot & PROT_READ ? "r" : "-") + (a.prot & PROT_WRITE ? "w" : "-") +
      (a.prot & PROT_EXEC ? "x" : "-") + (a.shared ? "s" : "p");
    const dev = a.dev ?? 0;
    let line = `${hex(a.start, 8)}-${hex(a.end, 8)} ${perms} ${hex(a.pgoff ?? 0, 8)} ` +
      `${hex(MAJOR(dev), 2)}:${hex(MINOR(dev), 2)} ${a.ino ?? 0} `;
    if (a.name) line = line.padEnd(72) + " " + a.name;
    s += line + "\n";
  }
  return s;
}
