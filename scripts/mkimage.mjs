// Builds dist/rootfs.cpio, the embedded root filesystem: the files under rootfs/ plus a
// "\x7fTSP <name>" file for every system program at each of its install paths, packed as a
// newc cpio archive (what Linux's initramfs uses).
import { readdirSync, readFileSync, lstatSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";

const { PROGRAMS } = await import("../dist/usr/programs.js");
const entries = new Map();
const dirs = new Set(["/"]);

function addDir(path, mode = 0o40755, uid = 0, gid = 0) {
  if (entries.has(path)) return;
  const parent = path.slice(0, path.lastIndexOf("/")) || "/";
  if (parent !== "/") addDir(parent);
  entries.set(path, { mode, uid, gid, data: new Uint8Array(0) });
}

// Ownership and modes that a checkout cannot carry.
const OWNERS = { "/home/user": [1000, 1000, 0o40755], "/tmp": [0, 0, 0o41777], "/root": [0, 0, 0o40700] };

function walk(dir, guest) {
  for (const name of readdirSync(dir).sort()) {
    const host = join(dir, name);
    const path = guest === "/" ? `/${name}` : `${guest}/${name}`;
    const st = lstatSync(host);
    if (name === ".keep") continue;
    const [uid, gid, mode] = OWNERS[path] ?? [path.startsWith("/home/user") ? 1000 : 0, path.startsWith("/home/user") ? 1000 : 0, null];
    if (st.isDirectory()) { addDir(path); Object.assign(entries.get(path), { uid, gid, mode: mode ?? 0o40755 }); walk(host, path); }
    else if (st.isSymbolicLink()) entries.set(path, { mode: 0o120777, uid, gid, data: new TextEncoder().encode(readlinkSync(host)) });
    else entries.set(path, { mode: mode ?? (0o100000 | (st.mode & 0o111 ? 0o755 : 0o644)), uid, gid, data: readFileSync(host) });
  }
}

walk("rootfs", "/");
await (await import("./mktoolchain_image.mjs")).addToolchain(entries, addDir, walk); // cc, headers, the modules' build dir
await (await import("./mkexamples.mjs")).addExamples(entries, addDir); // example modules at /lib/modules/RELEASE/extra
await (await import("./mksrctree.mjs")).addSourceTree(entries, addDir, walk); // /usr/src/linux, /boot
for (const [name, [paths, , mode = 0o755]] of Object.entries(PROGRAMS)) {
  for (const p of paths) {
    addDir(p.slice(0, p.lastIndexOf("/")) || "/");
    entries.set(p, { mode: 0o100000 | mode, uid: 0, gid: 0, data: new TextEncoder().encode(`\x7fTSP\n${name}\n`) });
  }
}

const chunks = [];
let ino = 1;
const mtime = Math.floor(Date.now() / 1000);
function hex(n) { return (n >>> 0).toString(16).padStart(8, "0"); }
function push(name, e) {
  const nameBytes = new TextEncoder().encode(name + "\0");
  const header = "070701" + [ino++, e.mode, e.uid, e.gid, 1, mtime, e.data.length, 0, 0, e.rdevMajor ?? 0, e.rdevMinor ?? 0, nameBytes.length, 0].map(hex).join("");
  const h = new TextEncoder().encode(header);
  const pad = (n) => new Uint8Array((4 - (n % 4)) % 4);
  chunks.push(h, nameBytes, pad(h.length + nameBytes.length), e.data, pad(e.data.length));
}
for (const path of [...entries.keys()].sort()) push(path.slice(1), entries.get(path));
push("TRAILER!!!", { mode: 0, uid: 0, gid: 0, data: new Uint8Array(0) });
writeFileSync("dist/rootfs.cpio", Buffer.concat(chunks));

// The JavaScript programs the image ships ("\x7fTJS\n" and a module): the user runtime lets only
// these link the host's libraries (typescript); every other program runs sandboxed.
const TJS = "\x7fTJS\n";
const trusted = new Set();
for (const e of entries.values()) {
  if (e.data.length > TJS.length && Buffer.from(e.data.subarray(0, TJS.length)).toString("latin1") === TJS) {
    trusted.add(createHash("sha256").update(e.data.subarray(TJS.length)).digest("hex"));
  }
}
writeFileSync("dist/trusted_programs.json", JSON.stringify([...trusted].sort()) + "\n");
