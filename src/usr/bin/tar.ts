// tar: create, list and extract archives (GNU tar's default format): -c -t -x, -f ARCHIVE (- is
// standard input or output), -v, -C DIR, member names to select, the old bundled form
// ("tar cvf a.tar dir"), hard and symbolic links, long names; GNU tar's messages and statuses.
import { open, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../../lib/libc/fcntl.js";
import { write, close, readlink, symlink, link, unlink, chown, lchown, geteuid, chdir } from "../../lib/libc/unistd.js";
import { mkdir, chmod, utimensat, S_ISDIR, S_ISLNK, S_ISREG, S_IFDIR, S_IFREG, S_IFLNK } from "../../lib/libc/sys/stat.js";
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW } from "../../lib/libc/fcntl.js";
import { errno, EEXIST } from "../../lib/libc/errno.js";
import { strerror } from "../../lib/libc/string.js";
import { Tool, parseOpts, readFileBytes, pathJoin } from "../lib/common.js";
import { listDir, lstatOf, getUmask } from "../lib/fsops.js";
import { loadIds, userName, groupName, type IdDb } from "../lib/ids.js";
import { modeString } from "../lib/mode.js";
import { encodeHeader, decodeArchive, padded, ArchiveError, BLOCK, RECORD, type Entry } from "../lib/tar_format.js";

const HELP = `Usage: tar [OPTION...] [FILE]...
GNU 'tar' saves many files together into a single tape or disk archive, and can
restore individual files from the archive.

Examples:
  tar -cf archive.tar foo bar  # Create archive.tar from files foo and bar.
  tar -tvf archive.tar         # List all files in archive.tar verbosely.
  tar -xf archive.tar          # Extract all files from archive.tar.

 Main operation mode:

  -c, --create               create a new archive
  -t, --list                 list the contents of an archive
  -x, --extract, --get       extract files from an archive

 Device selection and switching:

  -f, --file=ARCHIVE         use archive file or device ARCHIVE

 Local file name selection:

  -C, --directory=DIR        change to directory DIR

 Informative output:

  -v, --verbose              verbosely list files processed

      --help                 give this help list
`;

/** tar's "Try" line has no "tar: " before it. */
class TarTool extends Tool {
  override async usage(msg?: string): Promise<number> {
    if (msg) await this.warn(msg);
    await write(2, "Try 'tar --help' or 'tar --usage' for more information.\n");
    return 2;
  }
}

/** "tar cvf a.tar d": a first word without a dash is a bundle of option letters. */
function unbundle(argv: string[]): string[] {
  if (argv.length < 2 || argv[1].startsWith("-")) return argv;
  const out = [argv[0]];
  const rest = argv.slice(2);
  for (const c of argv[1]) {
    out.push("-" + c);
    if ("fC".includes(c) && rest.length) out.push(rest.shift()!);
  }
  return [...out, ...rest];
}

class Tar {
  failed = false;
  ids!: IdDb;
  constructor(readonly t: Tool, readonly verbose: boolean, readonly toStdout: boolean) {}

  async fail(msg: string): Promise<void> { await this.t.warn(msg); this.failed = true; }
  /** Verbose names go to stderr when the archive itself is on standard output. */
  async note(s: string): Promise<void> {
    if (!this.verbose) return;
    if (this.toStdout) await write(2, s); else this.t.out.raw(s);
  }

  // -c: members in the order given, directories before their contents.
  blocks: Uint8Array[] = [];
  private seen = new Map<string, string>(); // dev:ino -> first name, for hard links
  private warnedSlash = false;

  async add(path: string): Promise<void> {
    const st = await lstatOf(path);
    if (!st) { await this.fail(`${path}: Cannot stat: ${strerror(errno)}`); return; }
    let name = path.replace(/^\/+/, "");
    if (name !== path && !this.warnedSlash) { this.warnedSlash = true; await this.t.warn("Removing leading `/' from member names"); }
    if (name === "") name = ".";
    const base = {
      name, mode: st.st_mode, uid: st.st_uid, gid: st.st_gid, size: 0, mtime: st.st_mtim.tv_sec,
      linkname: "", uname: userName(this.ids, st.st_uid), gname: groupName(this.ids, st.st_gid),
    };
    const key = `${st.st_dev}:${st.st_ino}`;
    if (S_ISDIR(st.st_mode)) {
      const dname = name.endsWith("/") ? name : name + "/";
      this.blocks.push(...encodeHeader({ ...base, name: dname, type: "5" }));
      await this.note(`${dname}\n`);
      const names = await listDir(path);
      if (!names) { await this.fail(`${path}: Cannot open: ${strerror(errno)}`); return; }
      for (const n of names) await this.add(pathJoin(path, n));
      return;
    }
    if (!S_ISDIR(st.st_mode) && st.st_nlink > 1 && this.seen.has(key)) {
      this.blocks.push(...encodeHeader({ ...base, type: "1", linkname: this.seen.get(key)! }));
      await this.note(`${name}\n`);
      return;
    }
    if (st.st_nlink > 1) this.seen.set(key, name);
    if (S_ISLNK(st.st_mode)) {
      const target = await readlink(path);
      if (typeof target !== "string") { await this.fail(`${path}: Cannot readlink: ${strerror(errno)}`); return; }
      this.blocks.push(...encodeHeader({ ...base, type: "2", linkname: target }));
    } else if (S_ISREG(st.st_mode)) {
      const data = await readFileBytes(path);
      if (!data) { await this.fail(`${path}: Cannot open: ${strerror(errno)}`); return; }
      this.blocks.push(...encodeHeader({ ...base, type: "0", size: data.length }), ...padded(data));
    } else {
      await this.t.warn(`${path}: socket ignored`);
      return;
    }
    await this.note(`${name}\n`);
  }

  /** The archive's bytes: the members, two zero blocks, padded to a whole record. */
  archive(): Uint8Array {
    const size = Math.ceil((this.blocks.length + 2) * BLOCK / RECORD) * RECORD;
    const out = new Uint8Array(size);
    this.blocks.forEach((b, i) => out.set(b, i * BLOCK));
    return out;
  }

  /** -tv's line: mode, owner/group and size in a column at least 19 wide, date, name. */
  listLine(e: Entry): string {
    const type = e.type === "5" ? S_IFDIR : e.type === "2" ? S_IFLNK : S_IFREG;
    let mode = modeString(type | (e.mode & 0o7777));
    if (e.type === "1") mode = "h" + mode.slice(1);
    const owner = `${e.uname || e.uid}/${e.gname || e.gid}`;
    const size = String(e.size);
    const d = new Date(e.mtime * 1000);
    const p2 = (n: number) => String(n).padStart(2, "0");
    const when = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
    const pad = " ".repeat(Math.max(1, 19 - owner.length - size.length));
    const tail = e.type === "2" ? ` -> ${e.linkname}` : e.type === "1" ? ` link to ${e.linkname}` : "";
    return `${mode} ${owner}${pad}${size} ${when} ${e.name}${tail}\n`;
  }

  /** -x: one member, its parents made as needed; directories' times are set at the end. */
  async extract(e: Entry, data: Uint8Array, umask: number, dirs: Entry[]): Promise<void> {
    const name = e.name.replace(/^\/+/, "");
    for (let i = name.indexOf("/"); i > 0 && i < name.length - 1; i = name.indexOf("/", i + 1)) await mkdir(name.slice(0, i), 0o777);
    const root = (await geteuid()) === 0;
    const perm = e.mode & (root ? 0o7777 : 0o777 & ~umask);
    const path = name.replace(/\/+$/, "") || ".";
    if (e.type === "5") {
      if ((await mkdir(path, 0o700)) < 0 && errno !== EEXIST) { await this.fail(`${name}: Cannot mkdir: ${strerror(errno)}`); return; }
      dirs.push({ ...e, name: path, mode: perm });
      return;
    }
    await unlink(path);
    if (e.type === "2") {
      if ((await symlink(e.linkname, path)) < 0) { await this.fail(`${name}: Cannot create symlink to '${e.linkname}': ${strerror(errno)}`); return; }
      if (root) await lchown(path, e.uid, e.gid);
      await utimensat(AT_FDCWD, path, [{ tv_sec: e.mtime, tv_nsec: 0 }, { tv_sec: e.mtime, tv_nsec: 0 }], AT_SYMLINK_NOFOLLOW);
      return;
    }
    if (e.type === "1") {
      if ((await link(e.linkname, path)) < 0) await this.fail(`${name}: Cannot hard link to '${e.linkname}': ${strerror(errno)}`);
      return;
    }
    const fd = await open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600);
    if (fd < 0) { await this.fail(`${name}: Cannot open: ${strerror(errno)}`); return; }
    for (let o = 0; o < data.length;) {
      const n = await write(fd, data.subarray(o));
      if (n <= 0) { await this.fail(`${name}: Cannot write: ${strerror(errno)}`); break; }
      o += n;
    }
    await close(fd);
    await this.attrs({ ...e, name: path, mode: perm }, root);
  }

  async attrs(e: Entry, root: boolean): Promise<void> {
    if (root) await chown(e.name, e.uid, e.gid);
    await chmod(e.name, e.mode);
    await utimensat(AT_FDCWD, e.name, [{ tv_sec: e.mtime, tv_nsec: 0 }, { tv_sec: e.mtime, tv_nsec: 0 }], 0);
  }
}

export default async function main(argv: string[]): Promise<number> {
  const t = new TarTool("tar", HELP, 2);
  const p = await parseOpts(t, unbundle(argv), {
    short: "ctxf:vC:zjJ",
    long: { create: "c", list: "t", extract: "x", get: "x", file: "f:", verbose: "v", directory: "C:", gzip: "z", bzip2: "j", xz: "J" },
  });
  if (typeof p === "number") return p;
  let mode = "", file = "-", dir = "", verbose = false, filter = "";
  for (const [k, v] of p.opts) {
    if ("ctx".includes(k)) {
      if (mode && mode !== k) { await t.warn("You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option"); return t.usage(); }
      mode = k;
    } else if (k === "f") file = v;
    else if (k === "v") verbose = true;
    else if (k === "C") dir = v;
    else filter = { z: "gzip", j: "bzip2", J: "xz" }[k] ?? "";
  }
  if (!mode) return t.usage("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
  if (filter) {
    // Typix has no compressors: tar's child cannot start one, as on a system without it.
    await t.warn(`(child): ${filter}: Cannot exec: No such file or directory`);
    await t.warn("Error is not recoverable: exiting now");
    return 2;
  }
  const tar = new Tar(t, verbose, mode === "c" && file === "-");
  tar.ids = await loadIds();
  if (mode === "c") {
    if (!p.operands.length) return t.usage("Cowardly refusing to create an empty archive");
    const out = file === "-" ? 1 : await open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
    if (out < 0) { await t.warn(`${file}: Cannot open: ${strerror(errno)}`); await t.warn("Error is not recoverable: exiting now"); return 2; }
    if (dir && (await chdirOrFail(t, dir))) return 2;
    for (const op of p.operands) await tar.add(op);
    const bytes = tar.archive();
    for (let o = 0; o < bytes.length;) {
      const n = await write(out, bytes.subarray(o));
      if (n <= 0) { await t.warn(`${file}: Cannot write: ${strerror(errno)}`); return 2; }
      o += n;
    }
    if (out !== 1) await close(out);
  } else {
    const buf = file === "-" ? await readFileBytes("-") : await readFileBytes(file);
    if (!buf) { await t.warn(`${file}: Cannot open: ${strerror(errno)}`); await t.warn("Error is not recoverable: exiting now"); return 2; }
    if (dir && (await chdirOrFail(t, dir))) return 2;
    const wanted = new Set(p.operands.map((n) => n.replace(/\/+$/, "")));
    const found = new Set<string>();
    const selected = (name: string) => {
      if (!wanted.size) return true;
      const n = name.replace(/\/+$/, "");
      for (const w of wanted) if (n === w || n.startsWith(w + "/")) { found.add(w); return true; }
      return false;
    };
    const umask = await getUmask();
    const dirs: Entry[] = [];
    try {
      for (const item of decodeArchive(buf)) {
        if (typeof item === "string") { await t.finish(); await t.warn(item); continue; }
        const { entry, data } = item;
        if (!selected(entry.name)) continue;
        if (mode === "t") t.out.raw(verbose ? tar.listLine(entry) : `${entry.name}\n`);
        else {
          if (verbose) t.out.raw(`${entry.name}\n`);
          await tar.extract(entry, data, umask, dirs);
        }
      }
    } catch (e) {
      if (!(e instanceof ArchiveError)) throw e;
      await t.finish();
      await t.warn(e.message);
      if (e.fatal) { await t.warn("Error is not recoverable: exiting now"); return 2; }
      tar.failed = true;
    }
    const root = (await geteuid()) === 0;
    for (const d of dirs.reverse()) await tar.attrs(d, root);
    for (const w of wanted) if (!found.has(w)) await tar.fail(`${w}: Not found in archive`);
  }
  const st = await t.finish(0);
  if (tar.failed) { await t.warn("Exiting with failure status due to previous errors"); return 2; }
  return st;
}

async function chdirOrFail(t: Tool, dir: string): Promise<boolean> {
  if ((await chdir(dir)) >= 0) return false;
  await t.warn(`${dir}: Cannot open: ${strerror(errno)}`);
  await t.warn("Error is not recoverable: exiting now");
  return true;
}
