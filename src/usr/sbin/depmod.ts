// depmod: index the modules of a kernel (kmod's depmod [-a|-A] [-b BASEDIR] [VERSION]). It
// walks /lib/modules/VERSION for .ko files (not into build/ or source/) and writes, beside them,
// modules.dep ("extra/user.ko: extra/core.ko", every dependency from the depends= tags, nearest
// first), modules.alias ("alias PATTERN NAME" from the alias= tags), modules.symbols
// ("alias symbol:SYM NAME" for each export) and modules.softdep ("softdep NAME pre: ...").
import { write } from "../../lib/libc/unistd.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { S_ISDIR, S_ISREG } from "../../lib/libc/sys/stat.js";
import { readFileBytes } from "../lib/common.js";
import { listDir, lstatOf } from "../lib/fsops.js";
import { readModinfo } from "../lib/kmod.js";
import { kernelRelease, moduleDir, nameOfPath, readExports, writeFileAtomic } from "../lib/moddep.js";

interface Mod { path: string; name: string; depends: string[]; aliases: string[]; softdeps: string[]; exports: string[] }

const USAGE = "Usage:\n\tdepmod -[aA] [options] [forced_version]\n\nIf no arguments (except options) are given, \"depmod -a\" is assumed\n\n" +
  "depmod will output a dependency list suitable for the modprobe utility.\n\nOptions:\n" +
  "\t-a, --all            Probe all modules\n\t-A, --quick          Only does the work if there's a new module\n" +
  "\t-b, --basedir=DIR    Use an image of a module tree.\n\t-h, --help           show this help\n\t-V, --version        show version\n";

/** The .ko files under dir, as paths relative to root, sorted. */
async function scan(root: string, rel: string, out: string[]): Promise<boolean> {
  const dir = rel ? `${root}/${rel}` : root;
  const names = await listDir(dir);
  if (!names) return false;
  for (const n of names) {
    if (!rel && (n === "build" || n === "source")) continue;
    const r = rel ? `${rel}/${n}` : n;
    const st = await lstatOf(`${root}/${r}`);
    if (!st) continue;
    if (S_ISDIR(st.st_mode)) await scan(root, r, out);
    else if (S_ISREG(st.st_mode) && n.endsWith(".ko")) out.push(r);
  }
  return true;
}

export default async function main(argv: string[]): Promise<number> {
  let base = "", release = "";
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-a" || a === "--all" || a === "-A" || a === "--quick") continue;
    if (a === "-b" || a === "--basedir") base = args[++i] ?? "";
    else if (a.startsWith("--basedir=")) base = a.slice(10);
    else if (a.startsWith("-b") && a.length > 2) base = a.slice(2);
    else if (a === "-h" || a === "--help") { await write(1, USAGE); return 0; }
    else if (a === "-V" || a === "--version") { await write(1, "kmod version 30\n"); return 0; }
    else if (a.startsWith("-") && a !== "-") { await write(2, `depmod: ERROR: unknown option '${a}'\n`); return 1; }
    else release = a;
  }
  if (!release) release = await kernelRelease();
  const dir = moduleDir(release, base);
  const files: string[] = [];
  if (!(await scan(dir, "", files))) {
    const e = strerror(errno);
    await write(2, `depmod: ERROR: could not open directory ${dir}: ${e}\ndepmod: FATAL: could not search modules: ${e}\n`);
    return 1;
  }
  const mods: Mod[] = [];
  const byName = new Map<string, Mod>();
  for (const path of files) {
    const b = await readFileBytes(`${dir}/${path}`);
    const info = b && readModinfo(b);
    if (!b || !info) { await write(2, `depmod: ERROR: failed to load symbols from ${dir}/${path}: Invalid argument\n`); continue; }
    const name = nameOfPath(path);
    if (byName.has(name)) continue; // the first one found wins, as kmod keeps the earlier path
    const tag = (k: string) => info.filter(([t]) => t === k).map(([, v]) => v);
    const m: Mod = {
      path, name, aliases: tag("alias"), softdeps: tag("softdep"), exports: readExports(b),
      depends: tag("depends").flatMap((v) => v.split(",")).filter(Boolean).map((d) => d.replace(/-/g, "_")),
    };
    mods.push(m);
    byName.set(name, m);
  }
  // Every dependency, direct and indirect, nearest first: a module's line lists what must be
  // loaded before it, and modprobe loads that list from its end.
  let status = 0;
  const all = new Map<string, string[]>();
  const closure = async (m: Mod, stack: string[]): Promise<string[]> => {
    const done = all.get(m.name);
    if (done) return done;
    const out: string[] = [];
    for (const d of m.depends) {
      const dm = byName.get(d);
      if (!dm) { await write(2, `depmod: WARNING: ${dir}/${m.path} needs unknown module ${d}\n`); continue; }
      if (stack.includes(d)) {
        await write(2, `depmod: ERROR: Cycle detected: ${[...stack, d].join(" -> ")}\n`);
        status = 1;
        continue;
      }
      for (const p of [dm.path, ...await closure(dm, [...stack, d])]) if (!out.includes(p)) out.push(p);
    }
    all.set(m.name, out);
    return out;
  };
  let dep = "", alias = "# Aliases extracted from modules themselves.\n", symbols = "# Aliases for symbols, used by symbol_request().\n";
  let softdep = "# Soft dependencies extracted from modules themselves.\n";
  for (const m of mods) {
    const deps = await closure(m, [m.name]);
    dep += `${m.path}:${deps.map((d) => " " + d).join("")}\n`;
    for (const a of m.aliases) alias += `alias ${a} ${m.name}\n`;
    for (const s of m.exports) symbols += `alias symbol:${s} ${m.name}\n`;
    for (const s of m.softdeps) softdep += `softdep ${m.name} ${s}\n`;
  }
  const outputs: [string, string][] = [["modules.dep", dep], ["modules.alias", alias], ["modules.symbols", symbols], ["modules.softdep", softdep]];
  for (const [f, text] of outputs) {
    if (await writeFileAtomic(`${dir}/${f}`, text) < 0) {
      await write(2, `depmod: ERROR: could not write ${dir}/${f}: ${strerror(errno)}\n`);
      return 1;
    }
  }
  return status;
}
