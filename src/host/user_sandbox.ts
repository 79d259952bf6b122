// The sandbox of a JavaScript user program that the image did not ship (anything a guest user
// wrote or compiled): the program and its libc are linked as vm modules that may import only
// libc's headers and the "llvm" host library, with no dynamic import() (the Worker runs with
// --experimental-vm-modules; code without an importModuleDynamically callback cannot import,
// and neither can code it makes with eval or Function), and the Worker's global scope loses
// every host API (process, fetch, sockets, channels to other Workers) before the program runs.
// Its only way out is then the system-call channel, as a C program's is.
import vm from "node:vm";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { removeHostGlobals } from "./host_globals.js";

/** What the loader says for a module a program may not have, as Node's loader words it. */
class ModuleNotFound extends Error {
  readonly code = "ERR_MODULE_NOT_FOUND";
  constructor(spec: string, from: string) {
    super(`Cannot find package '${spec}' imported from ${from}`);
  }
}

type Libraries = Record<string, () => Promise<Record<string, unknown>>>;

/**
 * A linker over libc's files: libc's own modules (and the uapi headers they import) are read
 * from the runtime's tree and compiled once each; the program's bare names map to libc headers
 * ("unistd" → lib/libc/unistd.js) or to the given host libraries.
 */
export class SandboxLinker {
  private readonly modules = new Map<string, vm.Module>();
  private readonly root: string;

  constructor(private readonly libc: URL, private readonly libraries: Libraries) {
    this.root = new URL("../../", libc).href; // the runtime's tree: libc's imports stay inside it
  }

  /** A libc module by URL (compiled on first use). */
  file(url: string): vm.Module {
    let m = this.modules.get(url);
    if (!m) {
      if (!url.startsWith(this.root) || !url.endsWith(".js")) throw new ModuleNotFound(url, "libc");
      let text: string;
      try {
        text = readFileSync(fileURLToPath(url), "utf8");
      } catch {
        throw new ModuleNotFound(url, "libc");
      }
      m = new vm.SourceTextModule(text, { identifier: url });
      this.modules.set(url, m);
    }
    return m;
  }

  private async library(name: string): Promise<vm.Module> {
    const key = `library:${name}`;
    let m = this.modules.get(key);
    if (!m) {
      const ns = await this.libraries[name]();
      const names = Object.keys(ns);
      m = new vm.SyntheticModule(names, function () {
        for (const n of names) this.setExport(n, ns[n]);
      }, { identifier: key });
      this.modules.set(key, m);
    }
    return m;
  }

  /** Resolve what `referrer` imports: libc's relative imports, the program's header names. */
  readonly link = async (spec: string, referrer: vm.Module): Promise<vm.Module> => {
    const from = referrer.identifier;
    if (from.startsWith("file:")) {
      if (!spec.startsWith(".")) throw new ModuleNotFound(spec, from);
      return this.file(new URL(spec, from).href);
    }
    if (Object.hasOwn(this.libraries, spec)) return this.library(spec);
    if (/^[a-z][a-z0-9_]*(?:\/[a-z0-9_]+)?$/.test(spec)) {
      try {
        return this.file(new URL(`${spec}.js`, this.libc).href);
      } catch {
        throw new ModuleNotFound(spec, from); // no such header (or a host library it may not link)
      }
    }
    throw new ModuleNotFound(spec, from);
  };

  /** libc's module at path (relative to lib/libc), linked and evaluated: its namespace. */
  async load(path: string): Promise<Record<string, any>> {
    const m = this.file(new URL(path, this.libc).href);
    await m.link(this.link);
    await m.evaluate();
    return m.namespace as Record<string, any>;
  }

  /** The program's module, linked (not yet evaluated). */
  async program(source: string, name: string): Promise<vm.SourceTextModule> {
    const m = new vm.SourceTextModule(source, { identifier: name });
    await m.link(this.link);
    return m;
  }
}

/**
 * Take the host's APIs out of the global scope; console writes to the process's own stdout and
 * stderr through `write` (fd, text), as a program's output should.
 */
export function stripHostGlobals(write: (fd: number, text: string) => unknown): void {
  removeHostGlobals();
  const out = (fd: number) => (...args: unknown[]) => { write(fd, format(...args) + "\n"); };
  const console = {
    log: out(1), info: out(1), debug: out(1), dir: out(1), table: out(1),
    error: out(2), warn: out(2), trace: out(2),
  };
  Object.defineProperty(globalThis, "console", { value: console, writable: true, configurable: true });
}
