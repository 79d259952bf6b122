// The C driver's command line (cc, gcc, clang): gcc's and clang's usual options sorted into what
// goes to the compiler, what goes to the linker and the inputs in their order. Paths in options
// (-I, -L, -include) are mapped to the compiler's file system by the caller's mapPath.
export type Mode = "link" | "c" | "S" | "E";
export type Input = { kind: "src"; path: string } | { kind: "obj"; path: string } | { kind: "lib"; name: string };

export interface COptions {
  mode: Mode;
  output: string | null;
  cflags: string[];
  ldflags: string[];
  inputs: Input[];
  /** Guest directories searched for headers: "..." only, then both; and forced includes. */
  quoteDirs: string[];
  includeDirs: string[];
  forced: string[];
  libDirs: string[];
  verbose: boolean;
  version: boolean;
  dumpMachine: boolean;
  nostartfiles: boolean;
  nodefaultlibs: boolean;
  errors: string[];
}

const SOURCE = /\.(c|i|s|S)$/;

export function parseCArgs(argv: string[], mapPath: (p: string) => string): COptions {
  const o: COptions = {
    mode: "link", output: null, cflags: [], ldflags: [], inputs: [], quoteDirs: [], includeDirs: [], forced: [], libDirs: [],
    verbose: false, version: false, dumpMachine: false, nostartfiles: false, nodefaultlibs: false, errors: [],
  };
  const rank = { link: 0, c: 1, S: 2, E: 3 };
  const setMode = (m: Mode) => { if (rank[m] > rank[o.mode]) o.mode = m; };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    // An option with a value, joined (-Ifoo) or in the next word (-I foo).
    const value = (opt: string): string | null => {
      if (a === opt) {
        if (i + 1 >= argv.length) { o.errors.push(`argument to '${opt}' is missing (expected 1 value)`); return null; }
        return argv[++i];
      }
      return a.startsWith(opt) ? a.slice(opt.length) : null;
    };
    let v: string | null;
    if (a === "-c" || a === "-S" || a === "-E") setMode(a.slice(1) as Mode);
    else if (a === "-v") { o.verbose = true; }
    else if (a === "--version") o.version = true;
    else if (a === "-dumpmachine") o.dumpMachine = true;
    else if (a === "-static" || a === "-pipe" || a === "-s" || a === "-rdynamic") continue;
    else if (a === "-nostdlib") { o.nostartfiles = o.nodefaultlibs = true; }
    else if (a === "-nostartfiles") o.nostartfiles = true;
    else if (a === "-nodefaultlibs") o.nodefaultlibs = true;
    else if (a.startsWith("-Wl,")) o.ldflags.push(...a.slice(4).split(",").filter((s) => s !== ""));
    else if ((v = a.startsWith("-o") ? value("-o") : null) !== null) o.output = v;
    else if ((v = a.startsWith("-isystem") ? value("-isystem") : null) !== null) { o.includeDirs.push(v); o.cflags.push("-isystem", mapPath(v)); }
    else if ((v = a.startsWith("-iquote") ? value("-iquote") : null) !== null) { o.quoteDirs.push(v); o.cflags.push("-iquote", mapPath(v)); }
    else if ((v = a.startsWith("-include") ? value("-include") : null) !== null) { o.forced.push(v); o.cflags.push("-include", mapPath(v)); }
    else if ((v = a.startsWith("-I") ? value("-I") : null) !== null) { o.includeDirs.push(v); o.cflags.push("-I" + mapPath(v)); }
    else if ((v = a.startsWith("-L") ? value("-L") : null) !== null) o.libDirs.push(v);
    else if ((v = a.startsWith("-l") ? value("-l") : null) !== null) o.inputs.push({ kind: "lib", name: v });
    else if ((v = a.startsWith("-D") ? value("-D") : null) !== null) o.cflags.push("-D" + v);
    else if ((v = a.startsWith("-U") ? value("-U") : null) !== null) o.cflags.push("-U" + v);
    else if (a === "-x" || a === "-MF" || a === "-MT" || a === "-MQ") { o.cflags.push(a, argv[++i] ?? ""); }
    else if (a.startsWith("-") && a !== "-") o.cflags.push(a); // -O, -g, -W, -w, -std=, -pedantic, -f...: clang judges them
    else if (SOURCE.test(a)) o.inputs.push({ kind: "src", path: a });
    else o.inputs.push({ kind: "obj", path: a }); // .o, .a and anything else go to the linker, as gcc does
  }
  return o;
}
