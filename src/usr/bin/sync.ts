// sync: commit cached writes to storage (GNU coreutils: no operand syncs everything; FILEs
// are fsync'd, -d fdatasync'd, -f syncs their filesystems).
import { sync, fsync, fdatasync, close } from "../../lib/libc/unistd.js";
import { open, O_RDONLY, O_NONBLOCK } from "../../lib/libc/fcntl.js";
import { sys } from "../../lib/libc/internal/sys.js";
import * as NR from "../../lib/libc/sys/syscall.js";
import { Tool, parseOpts } from "../lib/common.js";

const HELP = `Usage: sync [OPTION] [FILE]...
Synchronize cached writes to persistent storage

If one or more files are specified, sync only them,
or their containing file systems.

  -d, --data             sync only file data, no unneeded metadata
  -f, --file-system      sync the file systems that contain the files
      --help        display this help and exit
      --version     output version information and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("sync", HELP);
  const p = await parseOpts(t, argv, { short: "df", long: { data: "d", "file-system": "f" } });
  if (typeof p === "number") return p;
  const f = new Set(p.opts.map(([k]) => k));
  if (f.has("d") && f.has("f")) { await t.error("cannot specify both --data and --file-system"); return 1; }
  if (p.operands.length === 0) {
    if (f.has("d")) { await t.error("--data needs at least one argument"); return t.usage(); }
    await sync();
    return 0;
  }
  for (const file of p.operands) {
    const fd = await open(file, O_RDONLY | O_NONBLOCK);
    if (fd < 0) { await t.error(`error opening '${file}': ${t.errText}`); continue; }
    const r = f.has("f") ? await sys(NR.__NR_syncfs, fd) : f.has("d") ? await fdatasync(fd) : await fsync(fd);
    if (r < 0) await t.error(`error syncing '${file}': ${t.errText}`);
    await close(fd);
  }
  return t.status;
}
