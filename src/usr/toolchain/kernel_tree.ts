// What the kernel build reads from the source tree (/usr/src/linux): the top Makefile's
// version and core-y, each directory's Makefile (obj-y: objects and subdirectories), the
// system-call table (checked as Linux's scripts do, with `FILE:LINE: message` errors), the
// manifest of the shipped tree (scripts/manifest: its files' digests, for the release's "+",
// and the shipped kernel's entry points), and the imports of a module.
import type { ToolFiles } from "./files.js";

export const TABLE = "arch/x86/entry/syscalls/syscall_64.tbl";
export const MANIFEST = "scripts/manifest";

/** A build error, already formatted as make would print it (one or more lines). */
export class BuildError extends Error {}

/** Makefile variables: `NAME = value`, `:=`, `+=`, `?=`, continuations, comments; no rules. */
export function readMakeVars(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  const expand = (s: string): string => s.replace(/\$[({]([^)}]+)[)}]/g, (_, n: string) => vars.get(n.trim()) ?? "");
  for (const raw of text.replace(/[ \t]*\\\n[ \t]*/g, " ").split("\n")) {
    if (raw.startsWith("\t")) continue;
    const line = raw.replace(/#.*$/, "").trim();
    const m = /^([A-Za-z0-9_.-]+)\s*(\+=|:=|::=|\?=|=)\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, name, op, value] = m;
    if (op === "?=" && vars.has(name)) continue;
    const v = op === "=" ? value.trim() : expand(value).trim();
    vars.set(name, op === "+=" && vars.get(name) ? `${vars.get(name)} ${v}` : v);
  }
  return vars;
}

const words = (s: string | undefined) => (s ?? "").split(/\s+/).filter(Boolean);

export interface TopMakefile {
  /** "6.6.0" */
  kernelVersion: string;
  /** "-typix" */
  localVersion: string;
  /** Directories built into the kernel, "kernel/" ... */
  coreY: string[];
}

export function readTopMakefile(files: ToolFiles, src: string): TopMakefile {
  const text = files.readText(`${src}/Makefile`);
  if (text === null) throw new BuildError(`make: *** No rule to make target 'Makefile'.  Stop.`);
  const v = readMakeVars(text);
  const kernelVersion = [v.get("VERSION") ?? "0", v.get("PATCHLEVEL") ?? "0", v.get("SUBLEVEL") ?? "0"].join(".") + (v.get("EXTRAVERSION") ?? "");
  return { kernelVersion, localVersion: v.get("LOCALVERSION") ?? "", coreY: words(v.get("core-y")) };
}

/**
 * The objects built into the kernel: core-y's directories, each Makefile's obj-y, recursively
 * (`x.o` is the source x.ts, or x.c; `sub/` the subdirectory's Makefile). Paths are relative
 * to the tree.
 */
export function collectObjects(files: ToolFiles, src: string, coreY: string[]): string[] {
  const out: string[] = [];
  const visit = (dir: string, from: string) => {
    const mk = `${dir}Makefile`;
    const text = files.readText(`${src}/${mk}`);
    if (text === null) {
      throw new BuildError(`${from}: ${mk}: No such file or directory\nmake[3]: *** No rule to make target '${mk}'.  Stop.`);
    }
    for (const o of words(readMakeVars(text).get("obj-y"))) {
      if (o.endsWith("/")) visit(dir + o, `scripts/Makefile.build:44`);
      else if (o.endsWith(".o")) {
        const base = `${dir}${o.slice(0, -2)}`;
        const source = [`${base}.ts`, `${base}.c`].find((p) => files.isFile(`${src}/${p}`));
        if (source === undefined) {
          throw new BuildError(`make[3]: *** No rule to make target '${dir}${o}', needed by '${dir}built-in.a'.  Stop.`);
        }
        out.push(source);
      }
    }
  };
  for (const d of coreY) visit(d.endsWith("/") ? d : d + "/", "Makefile:1913");
  return out;
}

export interface TableEntry { nr: number; abi: string; name: string; entry: string; line: number }

/** Read and check the system-call table: format, duplicate numbers, duplicate names. */
export function readSyscallTable(text: string): TableEntry[] {
  const entries: TableEntry[] = [];
  const errors: string[] = [];
  const byNr = new Map<number, number>(), byName = new Map<string, number>();
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    const body = raw.replace(/#.*/, "").trim();
    if (!body) return;
    const f = body.split(/\s+/);
    const where = `${TABLE}:${line}`;
    if (f.length < 3 || f.length > 5) { errors.push(`${where}: syntax error: expected '<number> <abi> <name> [<entry point>]'`); return; }
    if (!/^\d+$/.test(f[0])) { errors.push(`${where}: invalid system call number '${f[0]}'`); return; }
    if (!["common", "64", "x32"].includes(f[1])) { errors.push(`${where}: unknown ABI '${f[1]}' (expected common, 64 or x32)`); return; }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(f[2])) { errors.push(`${where}: invalid system call name '${f[2]}'`); return; }
    if (f[3] !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(f[3])) { errors.push(`${where}: invalid entry point '${f[3]}'`); return; }
    const nr = Number(f[0]);
    if (nr >= 1024) { errors.push(`${where}: system call number ${nr} is out of range (0-1023)`); return; }
    if (byNr.has(nr)) { errors.push(`${where}: duplicate system call number ${nr} (first used at line ${byNr.get(nr)})`); return; }
    if (f[1] !== "x32" && byName.has(f[2])) { errors.push(`${where}: duplicate system call name '${f[2]}' (first used at line ${byName.get(f[2])})`); return; }
    byNr.set(nr, line);
    if (f[1] === "x32") return;
    byName.set(f[2], line);
    entries.push({ nr, abi: f[1], name: f[2], entry: f[3] ?? "", line });
  });
  if (errors.length) throw new BuildError(errors.join("\n"));
  return entries;
}

/** The shipped tree's manifest. */
export interface Manifest {
  release: string;
  /** The shipped kernel's image, whose modules an unchanged source's object is taken from. */
  image: string;
  /** Source path → digest. */
  files: Map<string, string>;
  /** Entry point → the source defining it, in the shipped kernel. */
  entries: Map<string, string>;
  /** The functions the kernel gives C code built into it (`csym` lines; empty: not checked). */
  cSymbols: Set<string>;
}

export function readManifest(text: string | null): Manifest {
  const m: Manifest = { release: "", image: "", files: new Map(), entries: new Map(), cSymbols: new Set() };
  for (const line of (text ?? "").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f[0] === "release") m.release = f[1] ?? "";
    else if (f[0] === "image") m.image = f[1] ?? "";
    else if (f[0] === "file" && f.length === 3) m.files.set(f[2], f[1]);
    else if (f[0] === "entry" && f.length === 3) m.entries.set(f[1], f[2]);
    else if (f[0] === "csym") f.slice(1).forEach((n) => m.cSymbols.add(n));
  }
  return m;
}

export function formatManifest(m: Manifest): string {
  return "# The shipped kernel tree: its release, the image it was built into, every file's digest\n" +
    "# (make's release gets a \"+\" when the tree differs) and the entry point each file defines.\n" +
    `release ${m.release}\nimage ${m.image}\n` +
    [...m.files].map(([p, d]) => `file ${d} ${p}\n`).join("") +
    [...m.entries].map(([e, p]) => `entry ${e} ${p}\n`).join("") +
    chunks([...m.cSymbols].sort(), 8).map((names) => `csym ${names.join(" ")}\n`).join("");
}

function chunks<T>(items: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

/** A digest of a file's text (two FNV-1a words): tells a changed file from the shipped one. */
export function digest(text: string): string {
  let a = 0x811c9dc5, b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x85ebca6b) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** The module specifiers a JavaScript or TypeScript text imports at run time, with their offsets. */
export function moduleImports(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\s})])(?:import|export)\s*(type\s+)?(?:[\w*${},\s]*?\s*from\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) {
    if (m[1]) continue; // import type
    out.push(m[2] ?? m[3]);
  }
  return out;
}

/** Resolve a specifier from module `from` (tree-relative .ts or .js path) to a tree path, or null for node:/packages. */
export function resolveSpecifier(from: string, spec: string): string | null {
  if (spec.startsWith("linux/")) return `include/${spec}`.replace(/(\.js)?$/, ".js");
  if (!spec.startsWith(".")) return null;
  const parts = from.split("/").slice(0, -1);
  for (const p of spec.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

/** The relative path from module `from` to module `to` ("../include/linux/printk.js"). */
export function relativeSpecifier(from: string, to: string): string {
  const a = from.split("/").slice(0, -1), b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  return (up === 0 ? "./" : "../".repeat(up)) + b.slice(i).join("/");
}
