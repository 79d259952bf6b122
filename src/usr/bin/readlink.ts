// readlink: print a symbolic link's target, or with -f, -e or -m a name's canonical form (GNU
// coreutils: -n, -z, -v, -q/-s; a name that is not a link prints nothing and fails).
import { readlink, getcwd } from "../../lib/libc/unistd.js";
import { S_ISDIR, S_ISLNK } from "../../lib/libc/sys/stat.js";
import { errno, ENOENT, ENOTDIR, ELOOP } from "../../lib/libc/errno.js";
import { strerror } from "../../lib/libc/string.js";
import { Tool, parseOpts } from "../lib/common.js";
import { lstatOf } from "../lib/fsops.js";

const HELP = `Usage: readlink [OPTION]... FILE...
Print value of a symbolic link or canonical file name

  -f, --canonicalize            canonicalize by following every symlink in
                                every component of the given name recursively;
                                all but the last component must exist
  -e, --canonicalize-existing   canonicalize by following every symlink in
                                every component of the given name recursively,
                                all components must exist
  -m, --canonicalize-missing    canonicalize by following every symlink in
                                every component of the given name recursively,
                                without requirements on components existence
  -n, --no-newline              do not output the trailing delimiter
  -q, --quiet
  -s, --silent                  suppress most error messages (on by default)
  -v, --verbose                 report error messages
  -z, --zero                    end each output line with NUL, not newline
      --help        display this help and exit
`;

type Mode = "f" | "e" | "m";

/** The canonical absolute name of path, following links; null with the reason when it has none. */
async function canonical(path: string, mode: Mode): Promise<string | number> {
  const cwd = path.startsWith("/") ? "" : await getcwd();
  const todo = `${cwd ?? ""}/${path}`.split("/").filter((c) => c && c !== ".").reverse();
  let out = "";
  let links = 0, missing = false;
  while (todo.length) {
    const c = todo.pop()!;
    if (c === "..") { out = out.slice(0, Math.max(0, out.lastIndexOf("/"))); continue; }
    const next = `${out}/${c}`;
    if (missing) { out = next; continue; }
    const st = await lstatOf(next);
    if (!st) {
      const e = errno;
      if (mode === "m" || (mode === "f" && !todo.length && e === ENOENT)) { out = next; missing = true; continue; }
      return e;
    }
    if (S_ISLNK(st.st_mode)) {
      if (++links > 40) return ELOOP;
      const target = await readlink(next);
      if (typeof target !== "string") return errno;
      todo.push(...target.split("/").filter((x) => x && x !== ".").reverse());
      if (target.startsWith("/")) out = "";
      continue;
    }
    if (todo.length && !S_ISDIR(st.st_mode)) {
      if (mode === "m") { out = next; missing = true; continue; }
      return ENOTDIR;
    }
    out = next;
  }
  return out || "/";
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("readlink", HELP);
  const p = await parseOpts(t, argv, {
    short: "femnqsvz",
    long: { canonicalize: "f", "canonicalize-existing": "e", "canonicalize-missing": "m", "no-newline": "n", quiet: "q", silent: "s", verbose: "v", zero: "z" },
  });
  if (typeof p === "number") return p;
  let mode: Mode | null = null, newline = true, verbose = false, delim = "\n";
  for (const [k] of p.opts) {
    if (k === "f" || k === "e" || k === "m") mode = k;
    else if (k === "n") newline = false;
    else if (k === "v") verbose = true;
    else if (k === "q" || k === "s") verbose = false;
    else if (k === "z") delim = "\0";
  }
  if (!p.operands.length) return t.usage("missing operand");
  if (!newline && p.operands.length > 1) { await t.warn("ignoring --no-newline with multiple arguments"); newline = true; }
  for (const f of p.operands) {
    const r = mode ? await canonical(f, mode) : await readlink(f);
    if (typeof r === "string") { t.out.raw(r + (newline ? delim : "")); continue; }
    t.status = 1;
    if (verbose) await t.warn(`${f}: ${strerror(mode ? (r as number) : errno)}`);
  }
  return t.finish();
}
