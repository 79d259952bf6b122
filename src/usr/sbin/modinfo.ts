// modinfo: show a module's .modinfo (kmod's modinfo [-F field] [-p] [-0] FILE|NAME...; a NAME is
// found through modules.dep and modules.alias):
// "filename:" then each tag as "%-16s%s" key-colon and value, the parameters last as
// "parm:           name:description (type)". -F prints one field's values, -p the parameters,
// -0 ends each value with NUL instead of a newline.
import { write, getcwd } from "../../lib/libc/unistd.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { readFileBytes } from "../lib/common.js";
import { readModinfo } from "../lib/kmod.js";
import { kernelRelease, moduleDir, normalizeName, readLines, parseModulesDep, parseAliases, fnmatch } from "../lib/moddep.js";

/** kmod's lookup of a module by name (not a file name): modules.dep, then modules.alias. */
async function findByName(name: string): Promise<string | null> {
  const dir = moduleDir(await kernelRelease());
  const deps = parseModulesDep((await readLines(`${dir}/modules.dep`)) ?? []);
  const want = normalizeName(name);
  const direct = deps.get(want);
  if (direct) return `${dir}/${direct.path}`;
  for (const [pattern, mod] of parseAliases((await readLines(`${dir}/modules.alias`)) ?? [])) {
    const e = deps.get(mod);
    if (e && fnmatch(pattern, name)) return `${dir}/${e.path}`;
  }
  return null;
}

export default async function main(argv: string[]): Promise<number> {
  let field: string | null = null, sep = "\n";
  const files: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-F" || a === "--field") field = args[++i] ?? "";
    else if (a.startsWith("-F") && a.length > 2) field = a.slice(2);
    else if (a === "-p") field = "parm";
    else if (a === "-0" || a === "--null") sep = "\0";
    else if (a === "-h" || a === "--help") { await write(1, "Usage:\n\tmodinfo [options] filename [args]\n"); return 0; }
    else files.push(a);
  }
  if (!files.length) { await write(2, "modinfo: ERROR: missing module or filename.\n"); return 1; }
  let status = 0, out = "";
  for (const arg of files) {
    // A name with no "/" and no ".ko" is a module name, looked up as modprobe would.
    const f = arg.includes("/") || arg.endsWith(".ko") ? arg : await findByName(arg);
    if (f === null) { await write(2, `modinfo: ERROR: Module ${arg} not found.\n`); status = 1; continue; }
    const b = await readFileBytes(f);
    if (!b) {
      await write(2, errno === 2 ? `modinfo: ERROR: Module ${f} not found.\n` : `modinfo: ERROR: could not get modinfo from '${f}': ${strerror(errno)}\n`);
      status = 1;
      continue;
    }
    const info = readModinfo(b);
    if (!info) { await write(2, `modinfo: ERROR: could not get modinfo from '${f}': Exec format error\n`); status = 1; continue; }
    // The parameters: descriptions (parm) and types (parmtype) joined by name, in first-seen order.
    const params = new Map<string, { desc?: string; type?: string }>();
    for (const [k, v] of info) {
      if (k !== "parm" && k !== "parmtype") continue;
      const c = v.indexOf(":");
      const name = c < 0 ? v : v.slice(0, c), rest = c < 0 ? "" : v.slice(c + 1);
      const p = params.get(name) ?? {};
      if (k === "parm") p.desc = rest; else p.type = rest;
      params.set(name, p);
    }
    // kmod prepends each parameter as it reads .modinfo (which holds them last first): source order.
    const parmLines = [...params].reverse().map(([n, p]) => (p.type === undefined ? `${n}:${p.desc ?? ""}` : `${n}:${p.desc ?? ""} (${p.type})`));
    const line = (k: string, v: string) => { out += field !== null ? v + sep : `${(k + ":").padEnd(16)}${v}${sep}`; };
    // kmod names the file by its absolute path.
    if (field === null || field === "filename") line("filename", f.startsWith("/") ? f : `${(await getcwd()) ?? ""}/${f.replace(/^\.\//, "")}`);
    for (const [k, v] of info) if (k !== "parm" && k !== "parmtype" && (field === null || field === k)) line(k, v);
    if (field === null || field === "parm") for (const p of parmLines) line("parm", p);
  }
  await write(1, out);
  return status;
}
