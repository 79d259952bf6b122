// modprobe: load or remove a module with its dependencies (kmod's modprobe [-n] [-v] [-q]
// [-r] [-b] [--first-time] NAME [PARAMS...]). NAME is looked up in /etc/modprobe.d's aliases,
// then modules.dep, then modules.symbols ("symbol:X") and modules.alias (fnmatch patterns).
// Dependencies from modules.dep load first; each module gets the "options NAME ..." of
// /etc/modprobe.d/*.conf, the named one also PARAMS. A module already in the kernel is a
// success. -r removes the module, then each dependency nothing else uses any more.
import { write, close } from "../../lib/libc/unistd.js";
import { open, O_RDONLY, O_CLOEXEC, O_NONBLOCK } from "../../lib/libc/fcntl.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { finit_module, delete_module } from "../../lib/libc/sys/module.js";
import { readFileBytes } from "../lib/common.js";
import { listDir } from "../lib/fsops.js";
import { modStrerror } from "../lib/kmod.js";
import { kernelRelease, moduleDir, normalizeName, nameOfPath, readLines, parseModulesDep, parseAliases, fnmatch, type DepEntry } from "../lib/moddep.js";

interface Config { options: Map<string, string[]>; aliases: [string, string][]; blacklist: Set<string> }
interface Opts { dryRun: boolean; verbose: boolean; quiet: boolean; firstTime: boolean; useBlacklist: boolean }

const USAGE = "Usage:\n\tmodprobe [options] [-i] [-b] modulename\n\tmodprobe [options] -a [-i] [-b] modulename [modulename...]\n" +
  "\tmodprobe [options] -r [-i] modulename\n\tmodprobe [options] -r -a [-i] modulename [modulename...]\n\nOptions:\n" +
  "\t-a, --all                   Consider every non-argument to\n\t                            be a module name\n" +
  "\t-r, --remove                Remove modules instead of inserting\n\t    --first-time            Fail if module already inserted or removed\n" +
  "\t-b, --use-blacklist         Apply blacklist to resolved alias.\n\t-n, --dry-run               Do not execute operations, just print out\n" +
  "\t-q, --quiet                 disable messages\n\t-v, --verbose               enables more messages\n" +
  "\t-V, --version               show version\n\t-h, --help                  show this help\n";

const out = (s: string) => write(1, s);
const err = (s: string) => write(2, `modprobe: ${s}\n`);

/** /etc/modprobe.d/*.conf: options, alias and blacklist commands ("\" continues a line). */
async function readConfig(): Promise<Config> {
  const cfg: Config = { options: new Map(), aliases: [], blacklist: new Set() };
  const files = ((await listDir("/etc/modprobe.d")) ?? []).filter((f) => f.endsWith(".conf"));
  for (const f of files) {
    const lines = await readLines(`/etc/modprobe.d/${f}`);
    if (!lines) continue;
    const joined = lines.join("\n").replace(/\\\n/g, "").split("\n");
    for (const raw of joined) {
      const line = raw.trim();
      if (!line || line.startsWith("#")) continue;
      const w = line.split(/\s+/);
      // An options line's text after the name goes to the kernel as written (quotes and all).
      const opt = /^options\s+(\S+)\s+(.+)$/.exec(line);
      if (opt) {
        const n = normalizeName(opt[1]);
        cfg.options.set(n, [...(cfg.options.get(n) ?? []), opt[2].replace(/\t/g, " ")]);
      } else if (w[0] === "alias" && w.length >= 3) cfg.aliases.push([normalizeName(w[1]), normalizeName(w[2])]);
      else if (w[0] === "blacklist" && w.length >= 2) cfg.blacklist.add(normalizeName(w[1]));
    }
  }
  return cfg;
}

async function isLoaded(name: string): Promise<boolean> {
  const b = await readFileBytes(`/sys/module/${name}/initstate`);
  return b !== null;
}

async function listOf(path: string): Promise<string[]> {
  return (await listDir(path)) ?? [];
}

export default async function main(argv: string[]): Promise<number> {
  const o: Opts = { dryRun: false, verbose: false, quiet: false, firstTime: false, useBlacklist: false };
  let remove = false, allNames = false;
  const rest: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (rest.length && !allNames && !remove) { rest.push(a); continue; } // parameters after NAME
    if (a === "--") { rest.push(...args.slice(i + 1)); break; }
    if (a === "--remove") remove = true;
    else if (a === "--all") allNames = true;
    else if (a === "--dry-run" || a === "--show") o.dryRun = true;
    else if (a === "--verbose") o.verbose = true;
    else if (a === "--quiet") o.quiet = true;
    else if (a === "--first-time") o.firstTime = true;
    else if (a === "--use-blacklist") o.useBlacklist = true;
    else if (a === "--help") { await out(USAGE); return 0; }
    else if (a === "--version") { await out("kmod version 30\n"); return 0; }
    else if (a.startsWith("--")) { await err(`ERROR: unrecognized option '${a}'`); return 1; }
    else if (a.startsWith("-") && a.length > 1) {
      for (const c of a.slice(1)) {
        if (c === "r") remove = true;
        else if (c === "a") allNames = true;
        else if (c === "n") o.dryRun = true;
        else if (c === "v") o.verbose = true;
        else if (c === "q") o.quiet = true;
        else if (c === "b") o.useBlacklist = true;
        else if (c === "h") { await out(USAGE); return 0; }
        else if (c === "V") { await out("kmod version 30\n"); return 0; }
        else { await err(`ERROR: invalid option -- '${c}'`); return 1; }
      }
    } else rest.push(a);
  }
  if (!rest.length) { await err("ERROR: missing parameters. See -h."); return 1; }
  const release = await kernelRelease();
  const dir = moduleDir(release);
  const dep = parseModulesDep((await readLines(`${dir}/modules.dep`)) ?? []);
  const cfg = await readConfig();
  let symbols: [string, string][] | null = null, aliases: [string, string][] | null = null;

  /** The modules NAME stands for: a config alias, a module, a symbol's module, modules.alias. */
  const lookup = async (arg: string): Promise<string[]> => {
    const name = normalizeName(arg);
    const fromCfg = cfg.aliases.filter(([p]) => fnmatch(p, name)).map(([, m]) => m);
    if (fromCfg.length) return fromCfg;
    if (dep.has(name)) return [name];
    if (name.startsWith("symbol:")) {
      symbols ??= parseAliases((await readLines(`${dir}/modules.symbols`)) ?? []);
      const s = symbols.filter(([p]) => p === name).map(([, m]) => m);
      if (s.length) return s;
    }
    aliases ??= parseAliases((await readLines(`${dir}/modules.alias`)) ?? []);
    const found = [...new Set(aliases.filter(([p]) => fnmatch(normalizeName(p), name)).map(([, m]) => m))];
    return o.useBlacklist ? found.filter((m) => !cfg.blacklist.has(m)) : found;
  };

  let status = 0;
  const names = remove || allNames ? rest : [rest[0]];
  const params = remove || allNames ? [] : rest.slice(1);
  for (const arg of names) {
    const mods = await lookup(arg);
    if (!mods.length) {
      if (!o.quiet) await err(remove ? `FATAL: Module ${normalizeName(arg)} not found.` : `FATAL: Module ${arg} not found in directory ${dir}`);
      status = 1;
      continue;
    }
    for (const m of mods) {
      const r = remove ? await removeOne(m, dep, o) : await insertOne(m, dep, dir, cfg, params, o);
      if (r) status = 1;
    }
  }
  return status;
}

/** Load a module after its dependencies; 0 or 1. */
async function insertOne(name: string, dep: Map<string, DepEntry>, dir: string, cfg: Config, params: string[], o: Opts): Promise<number> {
  const entry = dep.get(name);
  if (!entry) {
    if (!o.quiet) await err(`FATAL: Module ${name} not found in directory ${dir}`);
    return 1;
  }
  if (await isLoaded(name)) {
    if (o.firstTime) { if (!o.quiet) await err(`ERROR: could not insert '${name}': Module already in kernel`); return 1; }
    return 0;
  }
  // The dependencies, last first: each one's own line is already part of this list.
  const order = [...entry.deps].reverse().map(nameOfPath);
  for (const d of order) {
    const de = dep.get(d);
    if (!de) { if (!o.quiet) await err(`FATAL: Module ${d} not found in directory ${dir}`); return 1; }
    if (await isLoaded(d)) continue;
    if (await insmod(d, `${dir}/${de.path}`, cfg.options.get(d) ?? [], o)) return 1;
  }
  return insmod(name, `${dir}/${entry.path}`, [...(cfg.options.get(name) ?? []), ...params], o);
}

async function insmod(name: string, path: string, opts: string[], o: Opts): Promise<number> {
  const options = opts.join(" ");
  if (o.verbose) await out(`insmod ${path} ${options}\n`);
  if (o.dryRun) return 0;
  const fd = await open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (!o.quiet) await err(`ERROR: could not insert '${name}': ${strerror(errno)}`);
    return 1;
  }
  const r = await finit_module(fd, options, 0);
  const e = errno;
  await close(fd);
  if (r >= 0) return 0;
  if (e === 17) return 0; // EEXIST: loaded meanwhile
  if (!o.quiet) {
    // kmod's modprobe explains ENOENT; for the rest it prints strerror (insmod has its own texts).
    const why = e === 2 ? "Unknown symbol in module, or unknown parameter (see dmesg)" : strerror(e);
    await err(`ERROR: could not insert '${name}': ${why}`);
  }
  return 1;
}

/** Remove a module, then each of its dependencies no other module holds; 0 or 1. */
async function removeOne(name: string, dep: Map<string, DepEntry>, o: Opts): Promise<number> {
  if (!(await isLoaded(name))) {
    if (!o.quiet) await err(`FATAL: Module ${name} is not in kernel.`);
    return 1;
  }
  const holders = await listOf(`/sys/module/${name}/holders`);
  if (holders.length) { if (!o.quiet) await err(`FATAL: Module ${name} is in use.`); return 1; }
  if (await rmmod(name, o, false)) return 1;
  for (const p of dep.get(name)?.deps ?? []) {
    const d = nameOfPath(p);
    if (!(await isLoaded(d))) continue;
    const h = (await listOf(`/sys/module/${d}/holders`)).filter((x) => !(o.dryRun && x === name));
    const ref = new TextDecoder().decode((await readFileBytes(`/sys/module/${d}/refcnt`)) ?? new Uint8Array()).trim();
    if (h.length || (ref !== "" && ref !== "0" && !o.dryRun)) continue;
    await rmmod(d, o, true);
  }
  return 0;
}

async function rmmod(name: string, o: Opts, quietFail: boolean): Promise<number> {
  if (o.verbose) await out(`rmmod ${name}\n`);
  if (o.dryRun) return 0;
  if (await delete_module(name, O_NONBLOCK) < 0) {
    const e = errno;
    if (!quietFail && !o.quiet) await err(e === 11 || e === 16 ? `FATAL: Module ${name} is in use.` : `FATAL: could not remove module ${name}: ${strerror(e)}`);
    return 1;
  }
  return 0;
}
